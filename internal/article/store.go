package article

import (
	"context"
	"errors"
	"strings"
)

// Errors every Store returns, wrapped with the operation, so that callers
// (the HTTP layer above all) can map them to a status in one place without
// knowing which backend answered.
var (
	// ErrNotFound: no article (or entity) with that id or name.
	ErrNotFound = errors.New("article: not found")
	// ErrBadQuery: the user's query or one of its filters cannot be
	// understood (unbalanced quotes, a dangling operator, a malformed
	// date). The wrapped *QueryError says why in words a user can act on.
	ErrBadQuery = errors.New("article: bad query")
	// ErrInvalid: an article the store refuses to keep (no id).
	ErrInvalid = errors.New("article: invalid")
)

// QueryError is a bad query, with a reason fit to show the user. It
// matches ErrBadQuery under errors.Is.
type QueryError struct {
	Reason string
}

func (e *QueryError) Error() string { return "bad query: " + e.Reason }

// Is lets errors.Is(err, ErrBadQuery) find a *QueryError however deeply it
// is wrapped.
func (e *QueryError) Is(target error) bool { return target == ErrBadQuery }

// Store keeps articles with their entities, quotes and dates, and answers
// the questions the command line, the HTTP API and the web UI ask. Every
// implementation passes the conformance suite in internal/store/storetest
// and is safe for concurrent use.
//
// Stored articles are immutable: an id is a hash of the body, so the same
// id is the same text, and storing it again is a no-op. That makes ingest
// idempotent and resumable without any bookkeeping of its own.
type Store interface {
	// Put stores a unless an article with its id is already stored, and
	// reports whether it stored it.
	Put(ctx context.Context, a *Article) (stored bool, err error)
	// PutBatch stores articles in one transaction: all of them or, on
	// error, none. Ids already stored, or repeated within the batch, are
	// skipped and counted.
	PutBatch(ctx context.Context, as []*Article) (PutResult, error)
	// Get returns the article with id as it was put (entities with the
	// same name and type merged), or an error wrapping ErrNotFound.
	Get(ctx context.Context, id string) (*Article, error)
	// Search ranks the articles matching q and counts facets over all of
	// them. A query the store cannot parse gives an error wrapping
	// ErrBadQuery.
	Search(ctx context.Context, q Query) (*SearchResult, error)
	// Entities lists entities with the number of articles mentioning
	// them and their mentions, most articles first.
	Entities(ctx context.Context, q EntityQuery) (*EntityList, error)
	// EntityMentions counts, per publication day, the articles that
	// mention the entity and its mentions in them. An entity no stored
	// article mentions gives ErrNotFound.
	EntityMentions(ctx context.Context, name, typ string) ([]DayCount, error)
	// Quotes lists quotes, newest article first.
	Quotes(ctx context.Context, q QuoteQuery) (*QuoteList, error)
	// Trends counts, per publication day, the articles matching q's text
	// and filters (q.Entities for an entity's trend); Limit, Offset,
	// Sort and facets are ignored. Days with no article are left out.
	Trends(ctx context.Context, q Query) ([]DayCount, error)
	// Stats sums up what the store holds.
	Stats(ctx context.Context) (Stats, error)

	// PutLinked is PutBatch with the connect stage's decisions for the
	// batch (stories, merges, duplicate groups, signatures), written in
	// the same transaction. Links may name articles stored before (a
	// duplicate group that merged) and articles of as that were already
	// stored; a link to an id the store does not hold is an error
	// wrapping ErrInvalid.
	PutLinked(ctx context.Context, as []*Article, l Links) (PutResult, error)
	// StoredLinks calls f on every stored article in storing order with
	// its story, duplicate group and signature, for ingest to rebuild its
	// indexes. An error from f stops it and is returned.
	StoredLinks(ctx context.Context, f func(StoredLink) error) error
	// StorySplits calls f on every split stored (Links.Splits), for
	// ingest to tell its clusterer which stories to keep apart. An error
	// from f stops it and is returned.
	StorySplits(ctx context.Context, f func(StorySplit) error) error
	// Stories lists stories, newest first.
	Stories(ctx context.Context, q StoryQuery) (*StoryList, error)
	// Story returns a story with its articles, outlets and quotes. A
	// story merged into another gives that one (check the ID); an
	// unknown id gives ErrNotFound.
	Story(ctx context.Context, id int) (*StoryDetail, error)
	// Related returns an article's story and duplicate group, or
	// ErrNotFound for an unknown id.
	Related(ctx context.Context, id string) (*Related, error)
	Close() error
}

// PutResult counts what PutBatch did.
type PutResult struct {
	Stored  int `json:"stored"`
	Skipped int `json:"skipped"` // already stored, or twice in the batch
}

// Sort orders search results.
type Sort string

const (
	// SortDefault is SortRelevance with query text and SortNewest
	// without.
	SortDefault   Sort = ""
	SortRelevance Sort = "relevance" // BM25, the title weighted above the body
	SortNewest    Sort = "newest"    // by publication day; undated last
	SortOldest    Sort = "oldest"
)

// Query is a search. Every filter set must hold (AND); values within one
// list filter combine as each field says.
//
// Text is the user's query syntax, translated by the store, never passed
// through:
//
//	word            the word, case and diacritics folded
//	"two words"     the words next to each other in this order
//	elect*          a word starting with "elect"
//	a b, a AND b    both
//	a OR b          either (AND binds tighter: a b OR c = (a b) OR c)
//	NOT a, -a       without: needs something to exclude from ("b -a")
//	( ... )         grouping
//
// Empty Text matches every article (browsing with filters).
type Query struct {
	Text       string
	Publishers []string // any of them; case and diacritics folded
	Entities   []string // every one of them, by canonical name; case and diacritics folded
	EntityType string   // PER, ORG, LOC, MISC: Entities must have this type, and the entity facet lists only this type
	Speakers   []string // quoted every one of them; case and diacritics folded
	Language   string   // ISO 639-1
	// From and To bound the publication day, inclusive: YYYY, YYYY-MM or
	// YYYY-MM-DD (To "2023-04" means up to 2023-04-30).
	From, To string
	// EventFrom and EventTo keep articles with a calendar date in their
	// dates (a TIMEX3 value of a day, month or year) overlapping the range.
	EventFrom, EventTo string
	Sort               Sort
	Limit              int // results per page: 0 is DefaultLimit; more than MaxLimit is a bad query
	Offset             int
	// FacetLimit is the number of values per facet: 0 is
	// DefaultFacetLimit, negative skips facets (faster).
	FacetLimit int
	// Collapse keeps the best-placed match of each story (CollapseStory)
	// or duplicate group (CollapseDuplicates); the others are counted in
	// its Hit.Matches, and Total counts hits after collapsing. Facets
	// still count every matching article.
	Collapse Collapse
}

// Collapse groups search results.
type Collapse string

const (
	CollapseNone       Collapse = ""
	CollapseStory      Collapse = "story"      // one hit per story (articles with none stand alone)
	CollapseDuplicates Collapse = "duplicates" // one hit per duplicate group
)

// Limits of a Query.
const (
	DefaultLimit      = 20
	MaxLimit          = 500
	DefaultFacetLimit = 10
	MaxQueryBytes     = 1024 // longer query text is a bad query
	MaxQueryTerms     = 64
)

// SearchResult is one page of ranked articles with facet counts over every
// match. Its JSON is the contract's /api/search object.
type SearchResult struct {
	Total   int    `json:"total"`
	Results []Hit  `json:"results"`
	Facets  Facets `json:"facets"`
}

// Hit is one search result.
type Hit struct {
	ID        string  `json:"id"`
	Title     *string `json:"title"`
	Publisher *string `json:"publisher"`
	Published *string `json:"published"`
	// Snippet is plain text from the body around the best match, never
	// markup: article text is hostile input. Highlights mark the matched
	// words in it; a caller escapes the text and wraps the spans itself.
	Snippet    string `json:"snippet"`
	Highlights []Span `json:"highlights"`
	// Score is higher for better matches (negated BM25); 0 without text.
	Score float64 `json:"score"`
	// Story is the article's story, null when it has none.
	Story      *int    `json:"story"`
	StoryLabel *string `json:"story_label"`
	// Copies is the size of the article's duplicate group: 1 when it has
	// no copy.
	Copies int `json:"copies"`
	// Matches is the number of matching articles the hit stands for when
	// results are collapsed, itself included; 1 otherwise.
	Matches int `json:"matches"`
}

// Span is a byte range [Start, End) of a string.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Facets count matching articles per value, most first, then by value.
type Facets struct {
	Publisher []FacetCount `json:"publisher"`
	Entity    []FacetCount `json:"entity"`
	Speaker   []FacetCount `json:"speaker"`
	Language  []FacetCount `json:"language"`
}

// FacetCount is one facet value and the number of matching articles with
// it. Type is the entity type for the entity facet.
type FacetCount struct {
	Value string `json:"value"`
	Type  string `json:"type,omitempty"`
	Count int    `json:"count"`
}

// EntityQuery selects entities.
type EntityQuery struct {
	Type          string // PER, ORG, LOC, MISC; "" for all
	Text          string // a substring of the name, case and diacritics folded; "" for all
	Limit, Offset int    // Limit 0 is DefaultLimit
}

// EntityList is one page of entities. Its JSON is the contract's
// /api/entities object.
type EntityList struct {
	Total   int           `json:"total"`
	Results []EntityCount `json:"results"`
}

// EntityCount is an entity (a canonical name with a type) and how much the
// store's articles talk about it.
type EntityCount struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Articles int    `json:"articles"`
	Mentions int    `json:"mentions"`
}

// DayCount is one point of a series over publication days.
type DayCount struct {
	Date     string `json:"date"`  // YYYY-MM-DD
	Count    int    `json:"count"` // articles
	Mentions int    `json:"mentions,omitempty"`
}

// QuoteQuery selects quotes.
type QuoteQuery struct {
	Speaker       string // the speaker's canonical name, case and diacritics folded; "" for all
	Text          string // query syntax as in Query.Text, over the quote's words
	From, To      string // publication day of the article, as in Query
	Limit, Offset int
}

// QuoteList is one page of quotes. Its JSON is the contract's /api/quotes
// object.
type QuoteList struct {
	Total   int        `json:"total"`
	Results []QuoteHit `json:"results"`
}

// QuoteHit is a quote with the article it came from.
type QuoteHit struct {
	Quote
	ArticleID string  `json:"article_id"`
	Title     *string `json:"title"`
	Published *string `json:"published"`
}

// Stats sums up a store.
type Stats struct {
	Articles int `json:"articles"`
	Entities int `json:"entities"` // distinct names with types
	Mentions int `json:"mentions"`
	Quotes   int `json:"quotes"`
	Dates    int `json:"dates"`
	// First and Last are the earliest and latest publication days.
	First *string `json:"first"`
	Last  *string `json:"last"`
}

// SnippetParts splits s at its highlights into alternating plain and
// highlighted pieces, for a caller that escapes each piece and wraps the
// highlighted ones. Spans out of order or out of range are ignored.
func SnippetParts(s string, hl []Span) []SnippetPart {
	var parts []SnippetPart
	at := 0
	for _, h := range hl {
		if h.Start < at || h.End > len(s) || h.Start >= h.End {
			continue
		}
		if h.Start > at {
			parts = append(parts, SnippetPart{Text: s[at:h.Start]})
		}
		parts = append(parts, SnippetPart{Text: s[h.Start:h.End], Hit: true})
		at = h.End
	}
	if at < len(s) {
		parts = append(parts, SnippetPart{Text: s[at:]})
	}
	return parts
}

// SnippetPart is a piece of a snippet; Hit marks a matched word.
type SnippetPart struct {
	Text string
	Hit  bool
}

// DayOf returns the calendar day (YYYY-MM-DD) a publication date falls on
// as written, or "" when it does not start with one. "2023-04-20T23:30:00-05:00"
// is 2023-04-20: the day the publisher printed, not UTC's.
func DayOf(published string) string {
	if len(published) < 10 {
		return ""
	}
	d := published[:10]
	if !isDigits(d[0:4]) || d[4] != '-' || !isDigits(d[5:7]) || d[7] != '-' || !isDigits(d[8:10]) {
		return ""
	}
	if m := (d[5]-'0')*10 + d[6] - '0'; m < 1 || m > 12 {
		return ""
	}
	if day := (d[8]-'0')*10 + d[9] - '0'; day < 1 || day > 31 {
		return ""
	}
	if len(published) > 10 && !strings.ContainsRune("T ", rune(published[10])) {
		return ""
	}
	return d
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
