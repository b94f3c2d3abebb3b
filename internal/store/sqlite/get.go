package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dateline-news/dateline/internal/article"
)

// Get returns the article with id.
func (s *Store) Get(ctx context.Context, id string) (*article.Article, error) {
	// One read transaction: the article and its children from one
	// snapshot, even while an ingest commits.
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	defer tx.Rollback()
	a, err := s.get(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	return a, nil
}

// The queries Get runs, prepared at Open beside hotQueries: restoring stories
// at the start of an ingest reads thousands of articles, and parsing
// the seven statements anew for each was a third of Get's time.
const (
	qGetArticle = `SELECT n, id, source, url, publisher, title, authors, published, published_from, language, removed
		FROM articles WHERE id = ?`
	qGetParagraphs = `SELECT text FROM paragraphs WHERE article = ? ORDER BY p`
	qGetCaptions   = `SELECT text, credit FROM captions WHERE article = ? ORDER BY i`
	qGetEntities   = `SELECT e.name, e.type FROM article_entities ae JOIN entities e ON e.n = ae.entity
		WHERE ae.article = ? ORDER BY ae.i`
	qGetMentions = `SELECT i, p, start, "end", text FROM mentions WHERE article = ? ORDER BY i, j`
	qGetQuotes   = `SELECT kind, text, speaker, speaker_type, cue, p, start, "end", mention_p, mention_start, mention_end, mention_text
		FROM quotes WHERE article = ? ORDER BY i`
	qGetDates = `SELECT text, value, type, mod, p, start, "end" FROM dates WHERE article = ? ORDER BY i`
)

var getQueries = []string{qGetArticle, qGetParagraphs, qGetCaptions, qGetEntities, qGetMentions, qGetQuotes, qGetDates}

func (s *Store) get(ctx context.Context, tx *sql.Tx, id string) (*article.Article, error) {
	var (
		n                int64
		a                article.Article
		authors, removed string
	)
	err := s.queryRow(ctx, tx, qGetArticle, []any{id},
		&n, &a.ID, &a.Source, &a.URL, &a.Publisher, &a.Title, &authors, &a.Published, &a.PublishedFrom, &a.Language, &removed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, article.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(authors), &a.Authors); err != nil {
		return nil, fmt.Errorf("authors: %w", err)
	}
	if err := json.Unmarshal([]byte(removed), &a.Removed); err != nil {
		return nil, fmt.Errorf("removed: %w", err)
	}
	err = s.query(ctx, tx, qGetParagraphs, []any{n}, func(r *sql.Rows) error {
		var t string
		err := r.Scan(&t)
		a.Paragraphs = append(a.Paragraphs, t)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = s.query(ctx, tx, qGetCaptions, []any{n}, func(r *sql.Rows) error {
		var c article.Caption
		err := r.Scan(&c.Text, &c.Credit)
		a.Captions = append(a.Captions, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = s.query(ctx, tx, qGetEntities, []any{n}, func(r *sql.Rows) error {
		e := article.Entity{Mentions: []article.Mention{}}
		err := r.Scan(&e.Name, &e.Type)
		a.Entities = append(a.Entities, e)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = s.query(ctx, tx, qGetMentions, []any{n}, func(r *sql.Rows) error {
		var (
			i    int
			m    article.Mention
			text sql.NullString
		)
		if err := r.Scan(&i, &m.P, &m.Start, &m.End, &text); err != nil {
			return err
		}
		if m.Text, err = spanOf(a.Paragraphs, m.P, m.Start, m.End, text); err != nil {
			return err
		}
		if i < 0 || i >= len(a.Entities) {
			return fmt.Errorf("mention of entity %d of %d", i, len(a.Entities))
		}
		a.Entities[i].Mentions = append(a.Entities[i].Mentions, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = s.query(ctx, tx, qGetQuotes, []any{n}, func(r *sql.Rows) error {
		q, err := scanQuote(r)
		a.Quotes = append(a.Quotes, q)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = s.query(ctx, tx, qGetDates, []any{n}, func(r *sql.Rows) error {
		var (
			d    article.Date
			text sql.NullString
		)
		if err := r.Scan(&text, &d.Value, &d.Type, &d.Mod, &d.P, &d.Start, &d.End); err != nil {
			return err
		}
		var err error
		d.Text, err = spanOf(a.Paragraphs, d.P, d.Start, d.End, text)
		a.Dates = append(a.Dates, d)
		return err
	})
	if err != nil {
		return nil, err
	}
	a.Normalize()
	return &a, nil
}

// spanOf gives a span's text: as stored, or, when stored as NULL, cut
// from its paragraph.
func spanOf(paras []string, p, start, end int, text sql.NullString) (string, error) {
	if text.Valid {
		return text.String, nil
	}
	if p < 0 || p >= len(paras) || start < 0 || start > end || end > len(paras[p]) {
		return "", fmt.Errorf("span %d:%d-%d outside the text", p, start, end)
	}
	return paras[p][start:end], nil
}

// scanQuote reads the quote columns in the order Get selects them, with
// any columns after them scanned into extra.
func scanQuote(r *sql.Rows, extra ...any) (article.Quote, error) {
	var (
		q          article.Quote
		mp, ms, me sql.NullInt64
		mt         sql.NullString
	)
	dest := append([]any{&q.Kind, &q.Text, &q.Speaker, &q.SpeakerType, &q.Cue, &q.P, &q.Start, &q.End, &mp, &ms, &me, &mt}, extra...)
	if err := r.Scan(dest...); err != nil {
		return q, err
	}
	if mp.Valid {
		q.Mention = &article.Mention{P: int(mp.Int64), Start: int(ms.Int64), End: int(me.Int64), Text: mt.String}
	}
	return q, nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// each runs a query and calls f on every row.
func each(ctx context.Context, db querier, q string, args []any, f func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
