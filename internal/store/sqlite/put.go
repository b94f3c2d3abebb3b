package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
	w := writer{ctx: ctx, tx: tx, now: s.now().UTC().Format(time.RFC3339)}
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
	if err := tx.Commit(); err != nil {
		return article.PutResult{}, fmt.Errorf("put: commit: %w", err)
	}
	return res, nil
}

// writer inserts articles inside one transaction, preparing each
// statement once per batch.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	now   string
	stmts map[string]*sql.Stmt
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

// entityKey is an entity's identity across the store.
type entityKey struct{ name, typ string }

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
	for p, text := range a.Paragraphs {
		if _, err := w.exec(`INSERT INTO paragraphs (article, p, text) VALUES (?, ?, ?)`, n, p, text); err != nil {
			return false, err
		}
	}
	for i, c := range a.Captions {
		if _, err := w.exec(`INSERT INTO captions (article, i, text, credit) VALUES (?, ?, ?, ?)`, n, i, c.Text, c.Credit); err != nil {
			return false, err
		}
	}
	if err := w.entities(n, a.Entities); err != nil {
		return false, err
	}
	for i, q := range a.Quotes {
		var mp, ms, me, mt, fold any
		if q.Speaker != nil {
			fold = query.Fold(*q.Speaker)
		}
		if m := q.Mention; m != nil {
			mp, ms, me, mt = m.P, m.Start, m.End, m.Text
		}
		r, err := w.exec(`INSERT INTO quotes (article, i, kind, text, speaker, speaker_fold, speaker_type, cue, p, start, "end", mention_p, mention_start, mention_end, mention_text)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			n, i, q.Kind, q.Text, q.Speaker, fold, q.SpeakerType, q.Cue, q.P, q.Start, q.End, mp, ms, me, mt)
		if err != nil {
			return false, err
		}
		qn, err := r.LastInsertId()
		if err != nil {
			return false, err
		}
		if _, err := w.exec(`INSERT INTO quote_fts (rowid, text) VALUES (?, ?)`, qn, q.Text); err != nil {
			return false, err
		}
	}
	for i, d := range a.Dates {
		var from, to any
		if f, l, ok := query.ValueRange(d.Value); ok {
			from, to = f, l
		}
		if _, err := w.exec(`INSERT INTO dates (article, i, text, value, type, mod, p, start, "end", day_from, day_to)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			n, i, d.Text, d.Value, d.Type, d.Mod, d.P, d.Start, d.End, from, to); err != nil {
			return false, err
		}
	}
	// The index reads the same view snippet() reads back, so the two can
	// never disagree about the text.
	if _, err := w.exec(`INSERT INTO article_fts (rowid, title, body) SELECT n, title, body FROM article_text WHERE n = ?`, n); err != nil {
		return false, err
	}
	return true, nil
}

// entities stores an article's entities. Two entities of the article with
// the same name and type are one entity across the store, so their
// mentions are merged under the first.
func (w *writer) entities(n int64, ents []article.Entity) error {
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
	for i, m := range list {
		st, err := w.stmt(`INSERT INTO entities (name, type, fold, articles, mentions) VALUES (?, ?, ?, 1, ?)
			ON CONFLICT (name, type) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions
			RETURNING n`)
		if err != nil {
			return err
		}
		var en int64
		if err := st.QueryRowContext(w.ctx, m.key.name, m.key.typ, query.Fold(m.key.name), len(m.mentions)).Scan(&en); err != nil {
			return err
		}
		if _, err := w.exec(`INSERT INTO article_entities (article, entity, i, mentions) VALUES (?, ?, ?, ?)`, n, en, i, len(m.mentions)); err != nil {
			return err
		}
		for j, mn := range m.mentions {
			if _, err := w.exec(`INSERT INTO mentions (article, i, j, p, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				n, i, j, mn.P, mn.Start, mn.End, mn.Text); err != nil {
				return err
			}
		}
	}
	return nil
}

// nonNil keeps JSON lists as [] rather than null, as the contract writes
// them.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
