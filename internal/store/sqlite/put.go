package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/query"
)

// Put stores a unless its id is already stored.
func (s *Store) Put(ctx context.Context, a *article.Article) (bool, error) {
	r, err := s.PutBatch(ctx, []*article.Article{a})
	return r.Stored == 1, err
}

// PutBatch stores articles in one transaction.
func (s *Store) PutBatch(ctx context.Context, as []*article.Article) (article.PutResult, error) {
	return s.putBatch(ctx, as, nil)
}

// PutLinked stores articles and the connect stage's links in one
// transaction.
func (s *Store) PutLinked(ctx context.Context, as []*article.Article, l article.Links) (article.PutResult, error) {
	return s.putBatch(ctx, as, &l)
}

func (s *Store) putBatch(ctx context.Context, as []*article.Article, l *article.Links) (article.PutResult, error) {
	var res article.PutResult
	for _, a := range as {
		if a == nil || a.ID == "" {
			return res, fmt.Errorf("put: %w: an article without an id", article.ErrInvalid)
		}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("put: begin: %w", err)
	}
	defer tx.Rollback()
	w := writer{ctx: ctx, tx: tx, now: s.now().UTC().Format(time.RFC3339), store: s, counts: map[int64]*entityCount{}}
	defer w.close()
	seen := make(map[string]bool, len(as))
	for _, a := range as {
		if seen[a.ID] {
			res.Skipped++
			continue
		}
		seen[a.ID] = true
		stored, err := w.put(a)
		if err != nil {
			return article.PutResult{}, fmt.Errorf("put %s: %w", a.ID, err)
		}
		if stored {
			res.Stored++
		} else {
			res.Skipped++
		}
	}
	if err := w.index(); err != nil {
		return article.PutResult{}, fmt.Errorf("put: full-text index: %w", err)
	}
	if err := w.flushCounts(); err != nil {
		return article.PutResult{}, fmt.Errorf("put: entity counts: %w", err)
	}
	if l != nil {
		if err := w.links(l); err != nil {
			return article.PutResult{}, fmt.Errorf("put: links: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return article.PutResult{}, fmt.Errorf("put: commit: %w", err)
	}
	// Keys of entities this batch created exist only once it commits:
	// cached before, a failed commit would leave keys to rows that never
	// were, and SQLite may hand the same keys to other entities.
	s.keysMu.Lock()
	maps.Copy(s.entityKeys, w.newKeys)
	s.keysMu.Unlock()
	return res, nil
}

// entityKey is an entity's identity across the store.
type entityKey struct{ name, typ string }

type entityCount struct{ articles, mentions int }

// writer inserts articles inside one transaction. Rows go in with one
// multi-row INSERT per table and article, and entity counters are summed
// over the batch and written once per entity: per statement, SQLite
// through database/sql costs tens of microseconds, and an article has a
// hundred rows.
type writer struct {
	ctx     context.Context
	tx      *sql.Tx
	now     string
	stmts   map[string]*sql.Stmt
	store   *Store              // for its cache of committed entity keys
	newKeys map[entityKey]int64 // keys created in this transaction
	counts  map[int64]*entityCount
	// Articles stored in this transaction, and those of them with
	// quotes, for the full-text indexes (index).
	indexed, quoted []int64
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, q)
	if err != nil {
		return nil, err
	}
	if w.stmts == nil {
		w.stmts = map[string]*sql.Stmt{}
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

// maxRows bounds the rows of one INSERT, so that the statements a batch
// prepares stay few (one per row count up to it) and far below SQLite's
// limit on variables.
const maxRows = 32

// insertRows inserts rows (each len(cols) values) into table, maxRows at
// a time.
func (w *writer) insertRows(table, cols string, ncols int, rows [][]any) error {
	for len(rows) > 0 {
		k := min(len(rows), maxRows)
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
		one := "(" + marks(ncols) + ")"
		args := make([]any, 0, k*ncols)
		for i, r := range rows[:k] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, r...)
		}
		if _, err := w.exec(b.String(), args...); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		rows = rows[k:]
	}
	return nil
}

func (w *writer) put(a *article.Article) (bool, error) {
	st, err := w.stmt(`SELECT 1 FROM articles WHERE id = ?`)
	if err != nil {
		return false, err
	}
	var one int
	switch err := st.QueryRowContext(w.ctx, a.ID).Scan(&one); err {
	case nil:
		return false, nil
	case sql.ErrNoRows:
	default:
		return false, err
	}
	authors, err := json.Marshal(nonNil(a.Authors))
	if err != nil {
		return false, err
	}
	removed, err := json.Marshal(nonNil(a.Removed))
	if err != nil {
		return false, err
	}
	var day any
	if d := article.DayOf(article.Str(a.Published)); d != "" {
		day = d
	}
	r, err := w.exec(`INSERT INTO articles (id, source, url, publisher, title, authors, published, published_day, published_from, language, removed, stored_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Source, a.URL, a.Publisher, a.Title, string(authors), a.Published, day, a.PublishedFrom, a.Language, string(removed), w.now)
	if err != nil {
		return false, err
	}
	n, err := r.LastInsertId()
	if err != nil {
		return false, err
	}
	rows := make([][]any, 0, len(a.Paragraphs))
	for p, text := range a.Paragraphs {
		rows = append(rows, []any{n, p, text})
	}
	if err := w.insertRows("paragraphs", "article, p, text", 3, rows); err != nil {
		return false, err
	}
	rows = rows[:0]
	for i, c := range a.Captions {
		rows = append(rows, []any{n, i, c.Text, c.Credit})
	}
	if err := w.insertRows("captions", "article, i, text, credit", 4, rows); err != nil {
		return false, err
	}
	entityKeys, err := w.entities(n, a.Paragraphs, a.Entities)
	if err != nil {
		return false, err
	}
	var speakers []string
	spoke := map[string]bool{}
	rows = rows[:0]
	for i, q := range a.Quotes {
		var mp, ms, me, mt, fold any
		if q.Speaker != nil {
			fold = query.Fold(*q.Speaker)
			if !spoke[*q.Speaker] {
				spoke[*q.Speaker] = true
				speakers = append(speakers, *q.Speaker)
			}
		}
		if m := q.Mention; m != nil {
			mp, ms, me, mt = m.P, m.Start, m.End, m.Text
		}
		rows = append(rows, []any{n, i, q.Kind, q.Text, q.Speaker, fold, q.SpeakerType, q.Cue, q.P, q.Start, q.End, mp, ms, me, mt})
	}
	if err := w.insertRows("quotes", `article, i, kind, text, speaker, speaker_fold, speaker_type, cue, p, start, "end", mention_p, mention_start, mention_end, mention_text`, 15, rows); err != nil {
		return false, err
	}
	if len(a.Quotes) > 0 {
		w.quoted = append(w.quoted, n)
	}
	rows = rows[:0]
	for i, d := range a.Dates {
		var from, to any
		if f, l, ok := query.ValueRange(d.Value); ok {
			from, to = f, l
		}
		rows = append(rows, []any{n, i, spanText(a.Paragraphs, d.P, d.Start, d.End, d.Text), d.Value, d.Type, d.Mod, d.P, d.Start, d.End, from, to})
	}
	if err := w.insertRows("dates", `article, i, text, value, type, mod, p, start, "end", day_from, day_to`, 11, rows); err != nil {
		return false, err
	}
	spk, err := json.Marshal(nonNil(speakers))
	if err != nil {
		return false, err
	}
	var dayNum any
	if d, ok := dayNumber(article.DayOf(article.Str(a.Published))); ok {
		dayNum = d
	}
	if _, err := w.exec(`INSERT INTO article_meta (article, day, publisher, language, entities, speakers) VALUES (?, ?, ?, ?, ?, ?)`,
		n, dayNum, a.Publisher, a.Language, encodeKeys(entityKeys), string(spk)); err != nil {
		return false, err
	}
	w.indexed = append(w.indexed, n)
	return true, nil
}

// index adds the batch's articles and quotes to the full-text indexes,
// one statement each for the whole batch. FTS5 writes what it holds
// in memory to disk at every statement savepoint once it has been
// written in a transaction, and most of a batch's statements take one.
// If each article were indexed as it went in, every later insert of the
// batch would flush FTS5, leaving many small segments for it to merge.
// That flushing was a quarter of the time of a store's writes.
// The article index reads the same view that snippet() reads back, so
// the two can never disagree about the text.
func (w *writer) index() error {
	for _, x := range []struct {
		q  string
		ns []int64
	}{
		{`INSERT INTO article_fts (rowid, title, body) SELECT n, title, body FROM article_text WHERE n IN (SELECT value FROM json_each(?)) ORDER BY n`, w.indexed},
		{`INSERT INTO quote_fts (rowid, text) SELECT n, text FROM quotes WHERE article IN (SELECT value FROM json_each(?)) ORDER BY n`, w.quoted},
	} {
		if len(x.ns) == 0 {
			continue
		}
		list, err := json.Marshal(x.ns)
		if err != nil {
			return err
		}
		if _, err := w.exec(x.q, string(list)); err != nil {
			return err
		}
	}
	return nil
}

// entities stores an article's entities and returns their keys. Two
// entities of the article with the same name and type are one entity
// across the store, so their mentions are merged under the first.
func (w *writer) entities(n int64, paras []string, ents []article.Entity) ([]int64, error) {
	type merged struct {
		key      entityKey
		mentions []article.Mention
	}
	var list []*merged
	byKey := map[entityKey]*merged{}
	for _, e := range ents {
		k := entityKey{e.Name, e.Type}
		m := byKey[k]
		if m == nil {
			m = &merged{key: k}
			byKey[k] = m
			list = append(list, m)
		}
		m.mentions = append(m.mentions, e.Mentions...)
	}
	keys := make([]int64, 0, len(list))
	var aeRows, mRows [][]any
	for i, m := range list {
		en, err := w.entityKey(m.key)
		if err != nil {
			return nil, err
		}
		keys = append(keys, en)
		c := w.counts[en]
		if c == nil {
			c = &entityCount{}
			w.counts[en] = c
		}
		c.articles++
		c.mentions += len(m.mentions)
		aeRows = append(aeRows, []any{n, en, i, len(m.mentions)})
		for j, mn := range m.mentions {
			mRows = append(mRows, []any{n, i, j, mn.P, mn.Start, mn.End, spanText(paras, mn.P, mn.Start, mn.End, mn.Text)})
		}
	}
	if err := w.insertRows("article_entities", "article, entity, i, mentions", 4, aeRows); err != nil {
		return nil, err
	}
	if err := w.insertRows("mentions", `article, i, j, p, start, "end", text`, 7, mRows); err != nil {
		return nil, err
	}
	return keys, nil
}

// entityKey returns the key of an entity, creating its row with zero
// counts when the store has none.
func (w *writer) entityKey(k entityKey) (int64, error) {
	w.store.keysMu.Lock()
	n, ok := w.store.entityKeys[k]
	w.store.keysMu.Unlock()
	if ok {
		return n, nil
	}
	if n, ok := w.newKeys[k]; ok {
		return n, nil
	}
	// Another process may have created it since the cache was filled:
	// insert or find, inside this transaction.
	if _, err := w.exec(`INSERT INTO entities (name, type, fold) VALUES (?, ?, ?) ON CONFLICT (name, type) DO NOTHING`, k.name, k.typ, query.Fold(k.name)); err != nil {
		return 0, err
	}
	st, err := w.stmt(`SELECT n FROM entities WHERE name = ? AND type = ?`)
	if err != nil {
		return 0, err
	}
	if err := st.QueryRowContext(w.ctx, k.name, k.typ).Scan(&n); err != nil {
		return 0, err
	}
	if w.newKeys == nil {
		w.newKeys = map[entityKey]int64{}
	}
	w.newKeys[k] = n
	return n, nil
}

// flushCounts adds the batch's articles and mentions to each entity's
// counters.
func (w *writer) flushCounts() error {
	for _, n := range slices.Sorted(maps.Keys(w.counts)) {
		c := w.counts[n]
		if _, err := w.exec(`UPDATE entities SET articles = articles + ?, mentions = mentions + ? WHERE n = ?`, c.articles, c.mentions, n); err != nil {
			return err
		}
	}
	return nil
}

// spanText is what to store for a span's text: nil when it is the
// paragraph's own bytes there, as the annotators write it, and Get can
// cut it out again.
func spanText(paras []string, p, start, end int, text string) any {
	if p >= 0 && p < len(paras) && 0 <= start && start <= end && end <= len(paras[p]) && paras[p][start:end] == text {
		return nil
	}
	return text
}

// encodeKeys writes keys ascending as uvarint deltas: two bytes or less
// for most entities of most articles.
func encodeKeys(keys []int64) []byte {
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	b := make([]byte, 0, 2*len(sorted))
	prev := int64(0)
	for _, k := range sorted {
		b = binary.AppendUvarint(b, uint64(k-prev))
		prev = k
	}
	return b
}

// decodeKeys reads what encodeKeys wrote, appending to dst.
func decodeKeys(dst []uint32, b []byte) ([]uint32, error) {
	prev := uint64(0)
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 {
			return dst, errors.New("corrupt entity keys")
		}
		prev += d
		dst = append(dst, uint32(prev))
		b = b[n:]
	}
	return dst, nil
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// dayNumber is a YYYY-MM-DD day as days since 1970-01-01.
func dayNumber(day string) (int32, bool) {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return 0, false
	}
	return int32(t.Sub(epoch).Hours() / 24), true
}

// dayString is dayNumber's inverse.
func dayString(d int32) string {
	return epoch.AddDate(0, 0, int(d)).Format("2006-01-02")
}

// nonNil keeps JSON lists as [] rather than null, as the contract writes
// them.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
