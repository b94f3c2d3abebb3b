package article

// Stories and duplicate groups: the connect stage's results, as a store
// keeps them. The clusterer (internal/story) and the near-duplicate
// index (internal/dedup) decide; these types only carry their decisions
// to the store and its answers to the API.

// Links is what the connect stage decided for a batch of articles, for
// a store to write in the same transaction as the articles themselves
// (Store.PutLinked), so that a crash leaves both or neither.
type Links struct {
	// Articles are the story and duplicate group of each article named;
	// an article stored before may appear again when its group merged.
	Articles []ArticleLink
	// Merges fold stories into others: every article of From now belongs
	// to Into, and From is gone (a lookup of From finds Into).
	Merges []StoryMerge
	// Splits record that a story split: articles of From moved to the
	// new story Into (their links are in Articles). The clusterer never
	// merges the two back, and reads these again at its next start.
	Splits []StorySplit
	// Stories are the labels of the stories the batch touched.
	Stories []StoryLabel
	// Groups are the duplicate groups the batch touched.
	Groups []DuplicateGroup
}

// ArticleLink places one article.
type ArticleLink struct {
	ID string
	// Story is the article's story; 0 keeps the stored one (none for an
	// article linked for the first time).
	Story int
	// Group names the article's duplicate group by the id of its first
	// article; "" when it has no copy.
	Group string
	// Signature is the article's near-duplicate signature, opaque to the
	// store, kept so that ingest can rebuild its index without reading
	// the text again; nil to keep the stored one.
	Signature []byte
}

// StoryMerge folds story From into story Into.
type StoryMerge struct {
	From, Into int
}

// StorySplit records that the clusterer split story From, moving some
// of its articles to the new story Into.
type StorySplit struct {
	From, Into int
}

// StoryLabel is what the clusterer says of a story: its label and its
// most prominent names and words. Counts and dates come from the store's
// own articles.
type StoryLabel struct {
	ID       int
	Label    string
	Entities []string
	Terms    []string
}

// DuplicateGroup is a group of near-duplicate copies, named by the id of
// its first article, with its earliest copy (the earliest published,
// then the least id) and its size.
type DuplicateGroup struct {
	Name     string
	Earliest string
	Size     int
}

// StoredLink is a stored article as ingest rebuilds its indexes from it,
// in storing order.
type StoredLink struct {
	ID        string
	Published *string
	Day       string // YYYY-MM-DD of Published, or ""
	Story     int    // 0: none
	Group     string // "": no copy
	Signature []byte // nil: none stored (an article stored before stories were)
}

// Story sums up a story. Its JSON is an item of /api/stories.
type Story struct {
	ID       int      `json:"id"`
	Label    string   `json:"label"`
	Entities []string `json:"entities"`
	Terms    []string `json:"terms"`
	// First and Last are the publication days of its earliest and latest
	// articles, YYYY-MM-DD; null when none of them is dated.
	First    *string `json:"first"`
	Last     *string `json:"last"`
	Articles int     `json:"articles"`
	Outlets  int     `json:"outlets"` // distinct publishers
}

// StoryQuery selects stories.
type StoryQuery struct {
	// Text keeps stories with an article matching it (Query.Text syntax).
	Text string
	// Entity keeps stories with an article naming it (canonical name,
	// case and diacritics folded).
	Entity string
	// From and To keep stories whose span overlaps the range (as in
	// Query: YYYY, YYYY-MM or YYYY-MM-DD, inclusive).
	From, To      string
	Limit, Offset int
}

// StoryList is one page of stories, newest first (by their last day,
// then id). Its JSON is the /api/stories object.
type StoryList struct {
	Total   int     `json:"total"`
	Results []Story `json:"results"`
}

// StoryDetail is a story with its articles, outlets and quotes. Its JSON
// is the /api/stories/{id} object.
type StoryDetail struct {
	Story
	// Articles in time order (undated last), one per duplicate group:
	// the group's earliest copy, with the number of copies.
	Items    []StoryItem  `json:"items"`
	ByOutlet []FacetCount `json:"by_outlet"` // articles per publisher, most first
	// Quotes inside the story with a speaker, newest article first (at
	// most MaxStoryQuotes).
	Quotes []QuoteHit `json:"quotes"`
	// SplitFrom are the stories this one split off from, SplitInto the
	// stories that split off from it (two events of one kind, first
	// taken for one story), by id, ascending.
	SplitFrom []int `json:"split_from"`
	SplitInto []int `json:"split_into"`
}

// MaxStoryQuotes bounds StoryDetail.Quotes.
const MaxStoryQuotes = 200

// StoryItem is an article of a story standing for its duplicate group.
type StoryItem struct {
	ID        string  `json:"id"`
	Title     *string `json:"title"`
	Publisher *string `json:"publisher"`
	Published *string `json:"published"`
	// Copies is the number of the story's articles in its duplicate
	// group, itself included: 1 for an article with no copy.
	Copies int `json:"copies"`
	// CopyIDs are the other copies' ids.
	CopyIDs []string `json:"copy_ids"`
}

// ArticleRef names an article.
type ArticleRef struct {
	ID        string  `json:"id"`
	Title     *string `json:"title"`
	Publisher *string `json:"publisher"`
	Published *string `json:"published"`
}

// StoryRef names a story.
type StoryRef struct {
	ID    int    `json:"id"`
	Label string `json:"label"`
}

// Related is where a stored article sits among the others: its story
// and its duplicate group.
type Related struct {
	Story *StoryRef `json:"story"`
	// DuplicateOf is the group's earliest copy when that is another
	// article; null for the earliest copy itself and for an article with
	// no copy.
	DuplicateOf *string `json:"duplicate_of"`
	// Duplicates is the number of other copies in its group.
	Duplicates int `json:"duplicates"`
	// Copies are those other copies, earliest first.
	Copies []ArticleRef `json:"copies"`
}

// StoredArticle is an article as the API serves it: the Article JSON
// with where it sits among the others (docs/schema.md).
type StoredArticle struct {
	*Article
	Related
}
