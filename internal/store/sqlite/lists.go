package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/query"
)

func pageBounds(limit, offset int) (int, int, error) {
	if limit == 0 {
		limit = article.DefaultLimit
	}
	if limit < 0 || limit > article.MaxLimit {
		return 0, 0, &article.QueryError{Reason: fmt.Sprintf("limit must be between 1 and %d", article.MaxLimit)}
	}
	if offset < 0 {
		return 0, 0, &article.QueryError{Reason: "offset must not be negative"}
	}
	return limit, offset, nil
}

// likeEscape makes s a literal inside a LIKE pattern with ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Entities lists entities by the number of articles mentioning them. The
// counts are kept by every insert, so this reads the entities table only.
func (s *Store) Entities(ctx context.Context, q article.EntityQuery) (*article.EntityList, error) {
	limit, offset, err := pageBounds(q.Limit, q.Offset)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	where, args := ` WHERE 1`, []any{}
	if q.Type != "" {
		where += ` AND type = ?`
		args = append(args, q.Type)
	}
	if t := strings.TrimSpace(q.Text); t != "" {
		where += ` AND fold LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(query.Fold(t))+"%")
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer tx.Rollback()
	res := &article.EntityList{Results: []article.EntityCount{}}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entities`+where, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	err = each(ctx, tx, `SELECT name, type, articles, mentions FROM entities`+where+
		` ORDER BY articles DESC, mentions DESC, name, type LIMIT ? OFFSET ?`, append(args, limit, offset), func(r *sql.Rows) error {
		var e article.EntityCount
		err := r.Scan(&e.Name, &e.Type, &e.Articles, &e.Mentions)
		res.Results = append(res.Results, e)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return res, nil
}

// EntityMentions counts the articles mentioning an entity, and its
// mentions, per publication day. An empty typ takes the name under every
// type.
func (s *Store) EntityMentions(ctx context.Context, name, typ string) ([]article.DayCount, error) {
	cond, args := `e.fold = ?`, []any{query.Fold(name)}
	if typ != "" {
		cond += ` AND e.type = ?`
		args = append(args, typ)
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("entity mentions %q: %w", name, err)
	}
	defer tx.Rollback()
	var known int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entities e WHERE `+cond, args...).Scan(&known); err != nil {
		return nil, fmt.Errorf("entity mentions %q: %w", name, err)
	}
	if known == 0 {
		return nil, fmt.Errorf("entity mentions %q: %w", name, article.ErrNotFound)
	}
	series := []article.DayCount{}
	// count(DISTINCT): the same name under two types in one article is
	// still one article that day.
	// article_meta, not articles: its rows are a few bytes, and an
	// entity in thousands of articles reads one per article.
	err = each(ctx, tx, `SELECT m.day, count(DISTINCT m.article), sum(ae.mentions)
		FROM entities e JOIN article_entities ae ON ae.entity = e.n JOIN article_meta m ON m.article = ae.article
		WHERE `+cond+` AND m.day IS NOT NULL
		GROUP BY m.day ORDER BY m.day`, args, func(r *sql.Rows) error {
		var (
			d   article.DayCount
			day int32
		)
		err := r.Scan(&day, &d.Count, &d.Mentions)
		d.Date = dayString(day)
		series = append(series, d)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("entity mentions %q: %w", name, err)
	}
	return series, nil
}

// Trends counts the articles matching q per publication day.
func (s *Store) Trends(ctx context.Context, q article.Query) ([]article.DayCount, error) {
	f, err := buildFilter(q)
	if err != nil {
		return nil, fmt.Errorf("trends: %w", err)
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("trends: %w", err)
	}
	defer tx.Rollback()
	m, top, err := s.syncMeta(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("trends: %w", err)
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	cand, _, err := s.candidates(ctx, tx, f, m, top)
	if err != nil {
		return nil, fmt.Errorf("trends: %w", err)
	}
	perDay := map[int32]int{}
	for _, n := range cand {
		if d := m.day[n]; d != noDay {
			perDay[d]++
		}
	}
	series := make([]article.DayCount, 0, len(perDay))
	for _, d := range slices.Sorted(maps.Keys(perDay)) {
		series = append(series, article.DayCount{Date: dayString(d), Count: perDay[d]})
	}
	return series, nil
}

// Quotes lists quotes by speaker, words and date, the newest article
// first and in text order within an article.
func (s *Store) Quotes(ctx context.Context, q article.QuoteQuery) (*article.QuoteList, error) {
	limit, offset, err := pageBounds(q.Limit, q.Offset)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	node, err := query.Parse(q.Text)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	var (
		b    strings.Builder
		args []any
	)
	if node != nil {
		b.WriteString(` FROM quote_fts JOIN quotes q ON q.n = quote_fts.rowid JOIN articles a ON a.n = q.article WHERE quote_fts MATCH ?`)
		args = append(args, ftsMatch(node))
	} else {
		b.WriteString(` FROM quotes q JOIN articles a ON a.n = q.article WHERE 1`)
	}
	if q.Speaker != "" {
		b.WriteString(` AND q.speaker_fold = ?`)
		args = append(args, query.Fold(q.Speaker))
	}
	lo, hi, err := query.DayRange(q.From, q.To)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	if lo != "" {
		b.WriteString(` AND a.published_day >= ?`)
		args = append(args, lo)
	}
	if hi != "" {
		b.WriteString(` AND a.published_day <= ?`)
		args = append(args, hi)
	}
	from := b.String()

	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	defer tx.Rollback()
	res := &article.QuoteList{Results: []article.QuoteHit{}}
	if err := tx.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&res.Total); err != nil {
		return nil, ftsError("quotes", err)
	}
	err = each(ctx, tx, `SELECT q.kind, q.text, q.speaker, q.speaker_type, q.cue, q.p, q.start, q."end",
		q.mention_p, q.mention_start, q.mention_end, q.mention_text, a.id, a.title, a.published`+from+`
		ORDER BY a.published_day IS NULL, a.published_day DESC, a.n DESC, q.i LIMIT ? OFFSET ?`,
		append(args, limit, offset), func(r *sql.Rows) error {
			var h article.QuoteHit
			qt, err := scanQuote(r, &h.ArticleID, &h.Title, &h.Published)
			h.Quote = qt
			res.Results = append(res.Results, h)
			return err
		})
	if err != nil {
		return nil, ftsError("quotes", err)
	}
	return res, nil
}

// Stats sums up the store.
func (s *Store) Stats(ctx context.Context) (article.Stats, error) {
	var st article.Stats
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM entities),
		(SELECT coalesce(sum(mentions), 0) FROM entities),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM dates),
		(SELECT min(published_day) FROM articles),
		(SELECT max(published_day) FROM articles)`).
		Scan(&st.Articles, &st.Entities, &st.Mentions, &st.Quotes, &st.Dates, &st.First, &st.Last)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
