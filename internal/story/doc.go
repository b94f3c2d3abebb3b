// Package story groups articles into stories: the articles about one
// event, as a reader would put them side by side.
//
// Clustering is online and single-pass: each article, as it arrives,
// joins the most similar live story or starts a new one, so that ingest
// can assign stories incrementally and a million articles fit on one
// machine. Memory is bounded: a story keeps a centroid of at most
// Options.MaxTerms terms, and only the Options.MaxLive stories joined
// most recently stay open, in the inverted index that finds candidates;
// the others close, handing their summaries to Options.OnClose (a store
// keeps them), and only the ids merged into others stay known. An article that fits two open stories
// whose centroids agree merges them (Assignment.Merged). A story whose
// recent articles fall cleanly into two groups (two events of one kind,
// joined before they could be told apart) splits in two, and the
// articles of the new story are listed (Assignment.Moved; split.go); a
// looser division splits too when its two groups name different years
// (two elections, two patches of one kind years apart), and then the
// articles that name the year go with its group.
// The two parts of a split are never merged again; across runs, a store
// keeps the splits and KeepApart tells a restored clusterer of them.
//
// Memory per open story: its centroid, its label material and its 48
// most recent articles' 64 heaviest terms for splits (about 1 KB each),
// so up to some 60 KB for a large story, a few KB for the one- and
// two-article stories most news is.
//
// An article is a sparse vector of three kinds of terms: the words of
// its title and body (sublinear term frequency times inverse document
// frequency, counted online over the articles seen so far), its
// canonical entities (weighted up: two stories of one kind, such as two
// earthquakes, share their words and differ in their names), and the
// calendar days its event dates fall on. Publication and event dates
// also gate a join: an article dated far from a story's time span does
// not join it, so that two earthquakes in one country a year apart are
// two stories.
package story
