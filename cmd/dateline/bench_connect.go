package main

import (
	"fmt"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/story"
)

// benchConnect measures the connect stage as ingest runs it, less the
// store's write: each annotated article signed and added to the
// near-duplicate index, then given a story (splits and merges
// included). Each round starts from an empty index and clusterer, as a
// fresh store does, so that the corpus's articles are new every time.
func benchConnect(arts []*article.Article, minTime time.Duration) (benchFigure, error) {
	f := measure("connect: near-duplicates and stories (Wikinews)", minTime, func() (int, error) {
		c, err := emptyConnector(story.Options{})
		if err != nil {
			return 0, err
		}
		for _, a := range arts {
			c.add(a)
		}
		c.take()
		return len(arts), nil
	})
	if f.err != nil {
		return benchFigure{}, f.err
	}
	f.Note = fmt.Sprintf("%d annotated articles a round, from an empty index and clusterer (whose fixed 4 MB of document frequencies each round allocates); the index's own memory per article: `dateline eval dedup`", len(arts))
	return f.benchFigure, nil
}
