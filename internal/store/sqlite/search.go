package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/query"
)

// Title matches weigh this many times a body match in BM25: a headline
// names what the story is about.
const titleWeight = 5.0

// Markers snippet() puts around matches: private-use characters that the
// indexed text never holds (the article_text view blanks them), so every
// one in a snippet is ours.
const (
	markOpen  = "\ue000"
	markClose = "\ue001"
)

// snippetTokens is how many tokens a snippet spans.
const snippetTokens = 28

// ftsMatch renders a parsed query in FTS5 syntax. Every term is a quoted
// string, so nothing the user typed is read as FTS5 syntax.
func ftsMatch(n query.Node) string {
	var b strings.Builder
	writeFTS(&b, n)
	return b.String()
}

func writeFTS(b *strings.Builder, n query.Node) {
	switch x := n.(type) {
	case query.Term:
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(strings.Join(x.Words, " "), `"`, `""`))
		b.WriteByte('"')
		if x.Prefix {
			b.WriteString(" *")
		}
	case query.Or:
		b.WriteByte('(')
		for i, c := range x.Any {
			if i > 0 {
				b.WriteString(" OR ")
			}
			writeFTS(b, c)
		}
		b.WriteByte(')')
	case query.And:
		b.WriteString("((")
		for i, c := range x.Pos {
			if i > 0 {
				b.WriteString(" AND ")
			}
			writeFTS(b, c)
		}
		b.WriteByte(')')
		for _, c := range x.Neg {
			b.WriteString(" NOT ")
			writeFTS(b, c)
		}
		b.WriteByte(')')
	}
}

// ftsError turns an error of a statement that ran a MATCH into a bad
// query when FTS5 refused the expression. The translation should never
// produce one; if it does, the user still gets a 400 and not SQLite's
// words.
func ftsError(op string, err error) error {
	if err != nil && strings.Contains(err.Error(), "fts5:") {
		return fmt.Errorf("%s: %w", op, &article.QueryError{Reason: "the search engine could not read the query"})
	}
	return fmt.Errorf("%s: %w", op, err)
}

// filter is the WHERE clause of a search over articles a, with its
// arguments.
type filter struct {
	match string // FTS5 expression, "" without text
	conds []string
	args  []any
	etype string
}

func buildFilter(q article.Query) (*filter, error) {
	f := &filter{etype: q.EntityType}
	node, err := query.Parse(q.Text)
	if err != nil {
		return nil, err
	}
	if node != nil {
		f.match = ftsMatch(node)
	}
	if err := f.days("a.published_day", q.From, q.To); err != nil {
		return nil, err
	}
	if q.EventFrom != "" || q.EventTo != "" {
		lo, hi, err := query.DayRange(q.EventFrom, q.EventTo)
		if err != nil {
			return nil, err
		}
		c := `a.n IN (SELECT article FROM dates WHERE day_from IS NOT NULL`
		if hi != "" {
			c += ` AND day_from <= ?`
			f.args = append(f.args, hi)
		}
		if lo != "" {
			c += ` AND day_to >= ?`
			f.args = append(f.args, lo)
		}
		f.conds = append(f.conds, c+`)`)
	}
	if len(q.Publishers) > 0 {
		f.conds = append(f.conds, `a.publisher COLLATE NOCASE IN (`+marks(len(q.Publishers))+`)`)
		for _, p := range q.Publishers {
			f.args = append(f.args, p)
		}
	}
	if q.Language != "" {
		f.conds = append(f.conds, `a.language = ?`)
		f.args = append(f.args, q.Language)
	}
	for _, e := range q.Entities {
		c := `a.n IN (SELECT ae.article FROM entities e JOIN article_entities ae ON ae.entity = e.n WHERE e.fold = ?`
		f.args = append(f.args, query.Fold(e))
		if q.EntityType != "" {
			c += ` AND e.type = ?`
			f.args = append(f.args, q.EntityType)
		}
		f.conds = append(f.conds, c+`)`)
	}
	for _, sp := range q.Speakers {
		f.conds = append(f.conds, `a.n IN (SELECT article FROM quotes WHERE speaker_fold = ?)`)
		f.args = append(f.args, query.Fold(sp))
	}
	return f, nil
}

func (f *filter) days(col, from, to string) error {
	lo, hi, err := query.DayRange(from, to)
	if err != nil {
		return err
	}
	if lo != "" {
		f.conds = append(f.conds, col+` >= ?`)
		f.args = append(f.args, lo)
	}
	if hi != "" {
		f.conds = append(f.conds, col+` <= ?`)
		f.args = append(f.args, hi)
	}
	return nil
}

// from is the FROM and WHERE of a search, joined with extra (more joins)
// and more conditions, and its arguments.
func (f *filter) from(extra string, more ...string) (string, []any) {
	var b strings.Builder
	var args []any
	if f.match != "" {
		b.WriteString(` FROM article_fts JOIN articles a ON a.n = article_fts.rowid ` + extra + ` WHERE article_fts MATCH ?`)
		args = append(args, f.match)
	} else {
		b.WriteString(` FROM articles a ` + extra + ` WHERE 1`)
	}
	for _, c := range append(f.conds, more...) {
		b.WriteString(" AND ")
		b.WriteString(c)
	}
	return b.String(), append(args, f.args...)
}

func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// Search ranks the articles matching q.
func (s *Store) Search(ctx context.Context, q article.Query) (*article.SearchResult, error) {
	if q.Limit == 0 {
		q.Limit = article.DefaultLimit
	}
	if q.Limit < 0 || q.Limit > article.MaxLimit {
		return nil, fmt.Errorf("search: %w", &article.QueryError{Reason: fmt.Sprintf("limit must be between 1 and %d", article.MaxLimit)})
	}
	if q.Offset < 0 {
		return nil, fmt.Errorf("search: %w", &article.QueryError{Reason: "offset must not be negative"})
	}
	f, err := buildFilter(q)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	sort := q.Sort
	switch sort {
	case article.SortDefault:
		sort = article.SortNewest
		if f.match != "" {
			sort = article.SortRelevance
		}
	case article.SortRelevance:
		if f.match == "" {
			sort = article.SortNewest
		}
	case article.SortNewest, article.SortOldest:
	default:
		return nil, fmt.Errorf("search: %w", &article.QueryError{Reason: fmt.Sprintf("sort %q: want relevance, newest or oldest", q.Sort)})
	}
	// One read transaction: the count, the page and the facets see one
	// snapshot even while an ingest commits.
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback()

	res := &article.SearchResult{Results: []article.Hit{}}
	from, args := f.from("")
	if err := tx.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&res.Total); err != nil {
		return nil, ftsError("search: count", err)
	}
	if res.Total > q.Offset {
		if err := s.page(ctx, tx, f, sort, q, res); err != nil {
			return nil, err
		}
	}
	if q.FacetLimit >= 0 && res.Total > 0 {
		if q.FacetLimit == 0 {
			q.FacetLimit = article.DefaultFacetLimit
		}
		if err := facets(ctx, tx, f, q.FacetLimit, &res.Facets); err != nil {
			return nil, err
		}
	}
	res.Facets.Publisher = nonNil(res.Facets.Publisher)
	res.Facets.Entity = nonNil(res.Facets.Entity)
	res.Facets.Speaker = nonNil(res.Facets.Speaker)
	res.Facets.Language = nonNil(res.Facets.Language)
	return res, nil
}

func (s *Store) page(ctx context.Context, tx *sql.Tx, f *filter, sort article.Sort, q article.Query, res *article.SearchResult) error {
	score := `0.0`
	if f.match != "" {
		score = fmt.Sprintf(`-bm25(article_fts, %g, 1.0)`, titleWeight)
	}
	order := `score DESC, a.n`
	switch sort {
	case article.SortNewest:
		order = `a.published_day IS NULL, a.published_day DESC, a.n DESC`
	case article.SortOldest:
		order = `a.published_day IS NULL, a.published_day, a.n`
	}
	from, args := f.from("")
	var ns []int64
	err := each(ctx, tx, `SELECT a.n, a.id, a.title, a.publisher, a.published, `+score+` AS score`+from+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset), func(r *sql.Rows) error {
		var (
			n int64
			h article.Hit
		)
		if err := r.Scan(&n, &h.ID, &h.Title, &h.Publisher, &h.Published, &h.Score); err != nil {
			return err
		}
		ns = append(ns, n)
		res.Results = append(res.Results, h)
		return nil
	})
	if err != nil {
		return ftsError("search: rank", err)
	}
	// Snippets only for the page: snippet() reads the text back and
	// tokenizes it, far too dear for every match.
	for i, n := range ns {
		h := &res.Results[i]
		var raw string
		if f.match != "" {
			err = tx.QueryRowContext(ctx, `SELECT snippet(article_fts, 1, ?, ?, '…', ?) FROM article_fts WHERE article_fts MATCH ? AND rowid = ?`,
				markOpen, markClose, snippetTokens, f.match, n).Scan(&raw)
		} else {
			err = tx.QueryRowContext(ctx, `SELECT coalesce((SELECT text FROM paragraphs WHERE article = ? ORDER BY p LIMIT 1), '')`, n).Scan(&raw)
			raw = lead(raw, 240)
		}
		if err != nil {
			return ftsError("search: snippet", err)
		}
		h.Snippet, h.Highlights = unmark(raw)
	}
	return nil
}

// unmark takes snippet()'s markers out of s and returns where they were.
func unmark(s string) (string, []article.Span) {
	if !strings.Contains(s, markOpen) {
		return strings.ReplaceAll(s, "\n", " "), []article.Span{}
	}
	var b strings.Builder
	spans := []article.Span{}
	open := -1
	for _, r := range s {
		switch string(r) {
		case markOpen:
			open = b.Len()
		case markClose:
			if open >= 0 && b.Len() > open {
				spans = append(spans, article.Span{Start: open, End: b.Len()})
			}
			open = -1
		case "\n":
			b.WriteByte(' ') // paragraphs run on in a one-line snippet
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), spans
}

// lead cuts s to at most max bytes at a word boundary, marking the cut.
func lead(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

func facets(ctx context.Context, tx *sql.Tx, f *filter, limit int, out *article.Facets) error {
	counts := func(q string, args []any, dst *[]article.FacetCount, typed bool) error {
		return each(ctx, tx, q, append(args, limit), func(r *sql.Rows) error {
			var fc article.FacetCount
			var err error
			if typed {
				err = r.Scan(&fc.Value, &fc.Type, &fc.Count)
			} else {
				err = r.Scan(&fc.Value, &fc.Count)
			}
			*dst = append(*dst, fc)
			return err
		})
	}
	from, args := f.from("", "a.publisher IS NOT NULL")
	if err := counts(`SELECT a.publisher, count(*) AS c`+from+` GROUP BY a.publisher ORDER BY c DESC, a.publisher LIMIT ?`, args, &out.Publisher, false); err != nil {
		return ftsError("search: publisher facet", err)
	}
	from, args = f.from("", "a.language IS NOT NULL")
	if err := counts(`SELECT a.language, count(*) AS c`+from+` GROUP BY a.language ORDER BY c DESC, a.language LIMIT ?`, args, &out.Language, false); err != nil {
		return ftsError("search: language facet", err)
	}
	var more []string
	if f.etype != "" {
		more = append(more, "ae.entity IN (SELECT n FROM entities WHERE type = ?)")
	}
	from, args = f.from("JOIN article_entities ae ON ae.article = a.n", more...)
	if f.etype != "" {
		args = append(args, f.etype)
	}
	// Group first, name after: the join to entities then runs once per
	// distinct entity, not once per mention row.
	if err := counts(`SELECT e.name, e.type, x.c FROM (SELECT ae.entity, count(*) AS c`+from+` GROUP BY ae.entity) x
		JOIN entities e ON e.n = x.entity ORDER BY x.c DESC, e.name, e.type LIMIT ?`, args, &out.Entity, true); err != nil {
		return ftsError("search: entity facet", err)
	}
	from, args = f.from("JOIN quotes q ON q.article = a.n", "q.speaker IS NOT NULL")
	if err := counts(`SELECT q.speaker, count(DISTINCT a.n) AS c`+from+` GROUP BY q.speaker ORDER BY c DESC, q.speaker LIMIT ?`, args, &out.Speaker, false); err != nil {
		return ftsError("search: speaker facet", err)
	}
	return nil
}
