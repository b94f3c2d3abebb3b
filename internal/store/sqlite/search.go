package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/query"
)

// Title matches weigh this many times a body match in BM25: a headline
// names what the story is about.
const titleWeight = 5.0

// snippetTokens is how many words a snippet spans.
const snippetTokens = 28

// The statements every search runs, prepared when the store opens.
var (
	qMetaTop = `SELECT coalesce(max(article), 0), (SELECT coalesce(max(n), 0) FROM entities) FROM article_meta`
	// The matches come back as one string of keys: a row per match
	// would cost more in database/sql than FTS5 takes to find it.
	qMatches = `SELECT group_concat(rowid) FROM article_fts WHERE article_fts MATCH ?`
	qRank    = fmt.Sprintf(`SELECT rowid, -bm25(article_fts, %g, 1.0) FROM article_fts WHERE article_fts MATCH ? AND rowid >= ?`, titleWeight)
	qHit     = `SELECT id, title, publisher, published FROM articles WHERE n = ?`
	qBody    = `SELECT text FROM paragraphs WHERE article = ? ORDER BY p`
	// bm25() on one row still reads the whole doclist for its IDF, so
	// this is asked for only when rank did not score the row.
	qScore = fmt.Sprintf(`SELECT -bm25(article_fts, %g, 1.0) FROM article_fts WHERE article_fts MATCH ? AND rowid = ?`, titleWeight)

	// The commonest completions of a prefix, by the number of articles
	// holding them.
	qCompletions = `SELECT term FROM article_fts_vocab WHERE term >= ? AND term < ? ORDER BY doc DESC, term LIMIT ?`

	qHitLinks = `SELECT l.story, st.label, g.size FROM links l LEFT JOIN stories st ON st.id = l.story
		LEFT JOIN dup_groups g ON g.grp = l.grp WHERE l.article = ?`

	hotQueries = []string{qMetaTop, qMatches, qRank, qHit, qBody, qScore, qHitLinks, qCompletions}
)

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

// filter is a search's text query and filters, read and checked.
type filter struct {
	node       query.Node
	match      string // FTS5 expression, "" without text
	from, to   int32  // publication day bounds, inclusive
	publishers []string
	language   string
	entities   []string // folded
	etype      string
	speakers   []string // folded
	eventFrom  string   // "" when no event filter...
	eventTo    string
	event      bool
}

func buildFilter(q article.Query) (*filter, error) {
	f := &filter{from: math.MinInt32 + 1, to: math.MaxInt32, publishers: q.Publishers, language: q.Language, etype: q.EntityType}
	node, err := query.Parse(q.Text)
	if err != nil {
		return nil, err
	}
	if node != nil {
		f.node, f.match = node, ftsMatch(node)
	}
	lo, hi, err := query.DayRange(q.From, q.To)
	if err != nil {
		return nil, err
	}
	if lo != "" {
		f.from, _ = dayNumber(lo)
	}
	if hi != "" {
		f.to, _ = dayNumber(hi)
	}
	if q.EventFrom != "" || q.EventTo != "" {
		if f.eventFrom, f.eventTo, err = query.DayRange(q.EventFrom, q.EventTo); err != nil {
			return nil, err
		}
		f.event = true
	}
	for _, e := range q.Entities {
		f.entities = append(f.entities, query.Fold(e))
	}
	for _, sp := range q.Speakers {
		f.speakers = append(f.speakers, query.Fold(sp))
	}
	return f, nil
}

// accept turns f's filters into a test of an article key against m. It
// looks up in tx what m does not hold (entity keys by name, event dates)
// and reports none when some filter can match nothing.
func (f *filter) accept(ctx context.Context, tx *sql.Tx, m *meta) (func(n int64) bool, bool, error) {
	var tests []func(n int64) bool
	if f.from > math.MinInt32+1 || f.to < math.MaxInt32 {
		tests = append(tests, func(n int64) bool { d := m.day[n]; return d != noDay && d >= f.from && d <= f.to })
	}
	if len(f.publishers) > 0 {
		// Sets of keys as []bool: a search tests every match, and an
		// index beats a hash.
		ok := make([]bool, len(m.pubs.list))
		some := false
		for _, p := range f.publishers {
			for _, id := range m.pubs.fold[query.Fold(p)] {
				ok[id], some = true, true
			}
		}
		if !some {
			return nil, false, nil
		}
		tests = append(tests, func(n int64) bool { p := m.pub[n]; return p >= 0 && ok[p] })
	}
	if f.language != "" {
		id, known := m.langs.ids[f.language]
		if !known {
			return nil, false, nil
		}
		tests = append(tests, func(n int64) bool { return m.lang[n] == id })
	}
	for _, fold := range f.entities {
		q, args := `SELECT n FROM entities WHERE fold = ?`, []any{fold}
		if f.etype != "" {
			q += ` AND type = ?`
			args = append(args, f.etype)
		}
		keys := make([]bool, len(m.entName))
		some := false
		err := each(ctx, tx, q, args, func(r *sql.Rows) error {
			var k uint32
			if err := r.Scan(&k); err != nil {
				return err
			}
			if int(k) < len(keys) { // else stored after m's snapshot
				keys[k], some = true, true
			}
			return nil
		})
		if err != nil {
			return nil, false, fmt.Errorf("entity filter: %w", err)
		}
		if !some {
			return nil, false, nil
		}
		tests = append(tests, func(n int64) bool {
			for _, e := range m.entities(n) {
				if keys[e] {
					return true
				}
			}
			return false
		})
	}
	for _, fold := range f.speakers {
		ids := m.speakers.fold[fold]
		if len(ids) == 0 {
			return nil, false, nil
		}
		tests = append(tests, func(n int64) bool {
			for _, sp := range m.speakersOf(n) {
				if slices.Contains(ids, int32(sp)) {
					return true
				}
			}
			return false
		})
	}
	if f.event {
		q, args := `SELECT DISTINCT article FROM dates WHERE day_from IS NOT NULL`, []any{}
		if f.eventTo != "" {
			q += ` AND day_from <= ?`
			args = append(args, f.eventTo)
		}
		if f.eventFrom != "" {
			q += ` AND day_to >= ?`
			args = append(args, f.eventFrom)
		}
		in := map[int64]bool{}
		err := each(ctx, tx, q, args, func(r *sql.Rows) error {
			var n int64
			err := r.Scan(&n)
			in[n] = true
			return err
		})
		if err != nil {
			return nil, false, fmt.Errorf("event filter: %w", err)
		}
		tests = append(tests, func(n int64) bool { return in[n] })
	}
	return func(n int64) bool {
		if n <= 0 || n >= int64(len(m.has)) || !m.has[n] {
			return false
		}
		for _, t := range tests {
			if !t(n) {
				return false
			}
		}
		return true
	}, true, nil
}

// candidates lists, ascending, the keys of the articles matching f in the
// snapshot of tx, whose highest key is top.
// With text, it also returns every match of the text alone, filters or
// not, for rank to bound its scan.
func (s *Store) candidates(ctx context.Context, tx *sql.Tx, f *filter, m *meta, top int64) (cand, matches []int64, err error) {
	accept, ok, err := f.accept(ctx, tx, m)
	if err != nil || !ok {
		return nil, nil, err
	}
	if f.match == "" {
		for n := int64(1); n <= top; n++ {
			if accept(n) {
				cand = append(cand, n)
			}
		}
		return cand, nil, nil
	}
	var keys sql.RawBytes
	err = s.query(ctx, tx, qMatches, []any{f.match}, func(r *sql.Rows) error {
		if err := r.Scan(&keys); err != nil {
			return err
		}
		matches, err = parseKeys(keys, top, matches)
		return err
	})
	if err != nil {
		return nil, nil, ftsError("match", err)
	}
	for _, n := range matches {
		if accept(n) {
			cand = append(cand, n)
		}
	}
	return cand, matches, nil
}

// parseKeys appends to dst the keys, comma-separated decimals, up to
// top, ascending: FTS5 gives them in key order, and a list that is not
// (never seen) is sorted.
func parseKeys(b []byte, top int64, dst []int64) ([]int64, error) {
	sorted := true
	for len(b) > 0 {
		var n int64
		i := 0
		for ; i < len(b) && b[i] != ','; i++ {
			c := b[i]
			if c < '0' || c > '9' || n > (math.MaxInt64-9)/10 {
				return dst, fmt.Errorf("match keys: bad key in %q", b[:min(len(b), 40)])
			}
			n = n*10 + int64(c-'0')
		}
		if i == 0 {
			return dst, fmt.Errorf("match keys: empty key")
		}
		if n <= top {
			if len(dst) > 0 && n <= dst[len(dst)-1] {
				sorted = false
			}
			dst = append(dst, n)
		}
		if i < len(b) {
			i++ // the comma
		}
		b = b[i:]
	}
	if !sorted {
		slices.Sort(dst)
		dst = slices.Compact(dst)
	}
	return dst, nil
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
	switch q.Collapse {
	case article.CollapseNone, article.CollapseStory, article.CollapseDuplicates:
	default:
		return nil, fmt.Errorf("search: %w", &article.QueryError{Reason: fmt.Sprintf("collapse %q: want story or duplicates", q.Collapse)})
	}
	switch sort {
	case article.SortDefault, article.SortRelevance:
		sort = article.SortNewest
		if f.match != "" {
			sort = article.SortRelevance
		}
	case article.SortNewest, article.SortOldest:
	default:
		return nil, fmt.Errorf("search: %w", &article.QueryError{Reason: fmt.Sprintf("sort %q: want relevance, newest or oldest", q.Sort)})
	}
	// One read transaction: the matches, the page and the facets see one
	// snapshot even while an ingest commits.
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback()
	m, top, err := s.syncMeta(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	cand, matches, err := s.candidates(ctx, tx, f, m, top)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res := &article.SearchResult{Total: len(cand), Results: []article.Hit{}}
	if q.FacetLimit >= 0 {
		if q.FacetLimit == 0 {
			q.FacetLimit = article.DefaultFacetLimit
		}
		res.Facets = m.facets(cand, f.etype, q.FacetLimit)
	}
	res.Facets.Publisher = nonNil(res.Facets.Publisher)
	res.Facets.Entity = nonNil(res.Facets.Entity)
	res.Facets.Speaker = nonNil(res.Facets.Speaker)
	res.Facets.Language = nonNil(res.Facets.Language)
	if q.Offset >= len(cand) {
		return res, nil
	}
	var (
		page   []int64
		scores map[int64]float64
		lc     *linkCache
	)
	need := q.Offset + q.Limit
	if q.Collapse != article.CollapseNone {
		// Collapsing needs the whole order: which match of a story
		// comes first decides the page. Links are in memory, so this
		// costs a sort of the matches, not a read per match.
		if lc, err = s.syncLinks(ctx, tx); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		need = len(cand)
	}
	switch sort {
	case article.SortRelevance:
		rankMatch, err := s.rankMatch(ctx, tx, f)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		page, scores, err = s.rank(ctx, tx, rankMatch, cand, matches, need)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	case article.SortNewest:
		page = topK(cand, need, func(a, b int64) bool {
			if m.day[a] != m.day[b] {
				return m.day[a] > m.day[b] // noDay, the least, last
			}
			return a > b
		})
	case article.SortOldest:
		page = topK(cand, need, func(a, b int64) bool {
			da, db := m.day[a], m.day[b]
			if da != db {
				if da == noDay || db == noDay {
					return db == noDay
				}
				return da < db
			}
			return a < b
		})
	}
	var folded map[int64]int
	if lc != nil {
		lc.mu.RLock()
		page, folded = collapse(page, lc, q.Collapse)
		lc.mu.RUnlock()
		res.Total = len(page)
		need = q.Offset + q.Limit
	}
	if q.Offset >= len(page) {
		return res, nil
	}
	page = page[q.Offset:min(len(page), need)]
	if err := s.hits(ctx, tx, f, page, scores, folded, res); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// maxCompletions bounds the words a prefix is ranked by (Lucene's
// max_expansions): a match of a rarer completion is still found and
// listed, after the ranked ones.
const maxCompletions = 64

// rankMatch is f's match for ranking: each one-word prefix term
// rewritten as an OR of its commonest completions in the index, which
// FTS5 reads lazily from the rank bound on (see migration 0003). A
// prefix with no completion stays as it is.
func (s *Store) rankMatch(ctx context.Context, tx *sql.Tx, f *filter) (string, error) {
	if !hasPrefix(f.node) {
		return f.match, nil
	}
	n, err := s.expandPrefixes(ctx, tx, f.node)
	if err != nil {
		return "", err
	}
	return ftsMatch(n), nil
}

func hasPrefix(n query.Node) bool {
	switch x := n.(type) {
	case query.Term:
		return x.Prefix && len(x.Words) == 1
	case query.And:
		return slices.ContainsFunc(x.Pos, hasPrefix) || slices.ContainsFunc(x.Neg, hasPrefix)
	case query.Or:
		return slices.ContainsFunc(x.Any, hasPrefix)
	}
	return false
}

func (s *Store) expandPrefixes(ctx context.Context, tx *sql.Tx, n query.Node) (query.Node, error) {
	switch x := n.(type) {
	case query.Term:
		if !x.Prefix || len(x.Words) != 1 {
			return x, nil
		}
		// The index holds words as its tokenizer (unicode61,
		// remove_diacritics 2) wrote them: lower case, unaccented.
		lo := query.Fold(x.Words[0])
		var or query.Or
		err := s.query(ctx, tx, qCompletions, []any{lo, lo + "\U0010FFFF", maxCompletions}, func(r *sql.Rows) error {
			var w string
			if err := r.Scan(&w); err != nil {
				return err
			}
			or.Any = append(or.Any, query.Term{Words: []string{w}})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("completions of %q: %w", lo, err)
		}
		switch len(or.Any) {
		case 0:
			return x, nil
		case 1:
			return or.Any[0], nil
		}
		return or, nil
	case query.And:
		pos, err := s.expandEach(ctx, tx, x.Pos)
		if err != nil {
			return nil, err
		}
		neg, err := s.expandEach(ctx, tx, x.Neg)
		return query.And{Pos: pos, Neg: neg}, err
	case query.Or:
		alts, err := s.expandEach(ctx, tx, x.Any)
		return query.Or{Any: alts}, err
	}
	return n, nil
}

func (s *Store) expandEach(ctx context.Context, tx *sql.Tx, ns []query.Node) ([]query.Node, error) {
	out := make([]query.Node, len(ns))
	for i, n := range ns {
		e, err := s.expandPrefixes(ctx, tx, n)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

// rank orders candidates by BM25 and returns the first need of them with
// their scores. It scores the newest rankWindow candidates, looking back
// over at most 2×rankWindow matches of the text (see Options.RankWindow);
// older candidates follow, newest first. Both bounds hold the scan to a
// few thousand rows read forward from one rowid, which FTS5 seeks to:
// reading a large doclist backwards, newest first, costs several times
// more.
func (s *Store) rank(ctx context.Context, tx *sql.Tx, match string, cand, matches []int64, need int) ([]int64, map[int64]float64, error) {
	if len(cand) == 0 {
		return nil, nil, nil
	}
	bound := cand[0]
	if w := s.rankWindow; w >= 0 {
		if len(cand) > w {
			bound = cand[len(cand)-max(w, 1)]
		}
		if len(matches) > 2*w {
			bound = max(bound, matches[len(matches)-max(2*w, 1)])
		}
	}
	scores := map[int64]float64{}
	err := s.query(ctx, tx, qRank, []any{match, bound}, func(r *sql.Rows) error {
		var (
			n     int64
			score float64
		)
		if err := r.Scan(&n, &score); err != nil {
			return err
		}
		if _, in := slices.BinarySearch(cand, n); in {
			scores[n] = score
		}
		return nil
	})
	if err != nil {
		return nil, nil, ftsError("rank", err)
	}
	ranked := make([]int64, 0, len(scores))
	for n := range scores {
		ranked = append(ranked, n)
	}
	slices.SortFunc(ranked, func(a, b int64) int {
		if scores[a] != scores[b] {
			if scores[a] > scores[b] {
				return -1
			}
			return 1
		}
		return cmpInt(a, b)
	})
	// The rest, before the bound: newest first.
	for i := len(cand) - 1; i >= 0 && len(ranked) < need; i-- {
		if cand[i] < bound {
			ranked = append(ranked, cand[i])
		}
	}
	return ranked[:min(len(ranked), need)], scores, nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// topK returns the first k of ns in the order less gives, without
// sorting all of them when k is small.
func topK(ns []int64, k int, less func(a, b int64) bool) []int64 {
	cmp := func(a, b int64) int {
		if less(a, b) {
			return -1
		}
		if less(b, a) {
			return 1
		}
		return 0
	}
	if k >= len(ns)/4 {
		out := slices.Clone(ns)
		slices.SortFunc(out, cmp)
		return out[:min(k, len(out))]
	}
	// A max-heap of the best k so far: its root is the worst kept.
	h := make([]int64, 0, k)
	down := func(i int) {
		for {
			l, worst := 2*i+1, i
			if l < len(h) && less(h[worst], h[l]) {
				worst = l
			}
			if r := l + 1; r < len(h) && less(h[worst], h[r]) {
				worst = r
			}
			if worst == i {
				return
			}
			h[i], h[worst] = h[worst], h[i]
			i = worst
		}
	}
	for _, n := range ns {
		if len(h) < k {
			h = append(h, n)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !less(h[p], h[i]) {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
		} else if k > 0 && less(n, h[0]) {
			h[0] = n
			down(0)
		}
	}
	slices.SortFunc(h, cmp)
	return h
}

// hits fills res.Results for the page: the articles' fields, a snippet
// each and, for those rank did not score, a score.
func (s *Store) hits(ctx context.Context, tx *sql.Tx, f *filter, page []int64, scores map[int64]float64, folded map[int64]int, res *article.SearchResult) error {
	var body strings.Builder
	for _, n := range page {
		h := article.Hit{Copies: 1, Matches: 1}
		err := s.queryRow(ctx, tx, qHit, []any{n}, &h.ID, &h.Title, &h.Publisher, &h.Published)
		if err != nil {
			return fmt.Errorf("hits: article %d: %w", n, err)
		}
		if k, ok := folded[n]; ok {
			h.Matches = k
		}
		var copies sql.NullInt64
		err = s.queryRow(ctx, tx, qHitLinks, []any{n}, &h.Story, &h.StoryLabel, &copies)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("hits: article %d: links: %w", n, err)
		}
		if copies.Valid {
			h.Copies = int(copies.Int64)
		}
		if score, ok := scores[n]; ok {
			h.Score = score
		} else if f.match != "" {
			if err := s.queryRow(ctx, tx, qScore, []any{f.match, n}, &h.Score); err != nil {
				return ftsError("score", err)
			}
		}
		body.Reset()
		err = s.query(ctx, tx, qBody, []any{n}, func(r *sql.Rows) error {
			var p string
			if err := r.Scan(&p); err != nil {
				return err
			}
			if body.Len() > 0 {
				body.WriteByte(' ') // paragraphs run on in a one-line snippet
			}
			body.WriteString(p)
			return nil
		})
		if err != nil {
			return fmt.Errorf("hits: article %d: %w", n, err)
		}
		h.Snippet, h.Highlights = query.Snippet(body.String(), f.node, snippetTokens)
		res.Results = append(res.Results, h)
	}
	return nil
}

// facets counts the candidates' publishers, languages, entities (of type
// etype when set) and speakers, and keeps the limit most frequent of each.
func (m *meta) facets(cand []int64, etype string, limit int) article.Facets {
	pubs := make([]int, len(m.pubs.list))
	langs := make([]int, len(m.langs.list))
	spks := make([]int, len(m.speakers.list))
	ents := make([]int32, len(m.entName))
	for _, n := range cand {
		if p := m.pub[n]; p >= 0 {
			pubs[p]++
		}
		if l := m.lang[n]; l >= 0 {
			langs[l]++
		}
		for _, e := range m.entities(n) {
			ents[e]++
		}
		for _, sp := range m.speakersOf(n) {
			spks[sp]++
		}
	}
	var f article.Facets
	f.Publisher = topCounts(len(pubs), limit, func(i int) (string, string, int) { return m.pubs.list[i], "", pubs[i] })
	f.Language = topCounts(len(langs), limit, func(i int) (string, string, int) { return m.langs.list[i], "", langs[i] })
	f.Speaker = topCounts(len(spks), limit, func(i int) (string, string, int) { return m.speakers.list[i], "", spks[i] })
	f.Entity = topCounts(len(ents), limit, func(i int) (string, string, int) {
		if etype != "" && m.entType[i] != etype {
			return "", "", 0
		}
		return m.entName[i], m.entType[i], int(ents[i])
	})
	return f
}

// topCounts keeps the limit values with the highest counts, then by
// value and type; values counted zero are left out.
func topCounts(n, limit int, at func(i int) (value, typ string, count int)) []article.FacetCount {
	var all []article.FacetCount
	for i := range n {
		v, t, c := at(i)
		if c > 0 {
			all = append(all, article.FacetCount{Value: v, Type: t, Count: c})
		}
	}
	slices.SortFunc(all, func(a, b article.FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if c := strings.Compare(a.Value, b.Value); c != 0 {
			return c
		}
		return strings.Compare(a.Type, b.Type)
	})
	return all[:min(limit, len(all))]
}

func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// collapse keeps, in order, the first of page's articles per story or
// duplicate group (by how), and counts the matches each kept one stands
// for. An article with neither stands alone.
func collapse(page []int64, lc *linkCache, how article.Collapse) ([]int64, map[int64]int) {
	type key struct {
		story bool
		id    int64
	}
	first := map[key]int64{}
	folded := map[int64]int{}
	out := page[:0:0]
	for _, n := range page {
		k := key{id: n}
		if how == article.CollapseStory {
			if st := lc.story(n); st > 0 {
				k = key{true, int64(st)}
			} else if g := lc.group(n); g > 0 {
				k.id = int64(g)
			}
		} else if g := lc.group(n); g > 0 {
			k.id = int64(g)
		}
		if at, ok := first[k]; ok {
			folded[at]++
			continue
		}
		first[k] = n
		folded[n] = 1
		out = append(out, n)
	}
	return out, folded
}
