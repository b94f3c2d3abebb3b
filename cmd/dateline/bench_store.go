package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/sqlite"
	"github.com/dateline-news/dateline/internal/story"
)

// benchStore measures the store's write as ingest does it: annotated
// articles with the connect stage's links, a batch of ingest's default
// size a transaction, into the
// embedded SQLite store in a temporary folder. Each round stores the
// corpus again under new ids, so that nothing is skipped as stored; its
// links are made by a fresh connector before the round is timed, so that
// the figure is the store's alone. The store grows by the corpus each
// round, and a store's writes slow as its indexes grow: the note says
// how large it was at the end.
func benchStore(ctx context.Context, arts []*article.Article, minTime time.Duration) (benchFigure, error) {
	dir, err := os.MkdirTemp("", "dateline-bench-store-")
	if err != nil {
		return benchFigure{}, err
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, dir, sqlite.Options{})
	if err != nil {
		return benchFigure{}, err
	}
	defer st.Close()

	type batch struct {
		arts  []*article.Article
		links article.Links
	}
	prepare := func(round int) ([]batch, error) {
		c, err := emptyConnector(story.Options{})
		if err != nil {
			return nil, err
		}
		c.cl.Reserve(round * len(arts)) // story ids of one round apart from the others'
		var out []batch
		var cur []*article.Article
		for i, a := range arts {
			cp := *a
			cp.ID = fmt.Sprintf("%s-r%d", a.ID, round)
			c.add(&cp)
			cur = append(cur, &cp)
			if len(cur) == defaultBatch || i == len(arts)-1 {
				out = append(out, batch{cur, c.take()})
				cur = nil
			}
		}
		return out, nil
	}

	var (
		spent         time.Duration
		pages, stored int
		before, after runtime.MemStats
		allocated     uint64
	)
	for round := 0; round == 0 || spent < minTime; round++ {
		bs, err := prepare(round)
		if err != nil {
			return benchFigure{}, err
		}
		runtime.ReadMemStats(&before)
		start := time.Now()
		for _, b := range bs {
			res, err := st.PutLinked(ctx, b.arts, b.links)
			if err != nil {
				return benchFigure{}, fmt.Errorf("bench store: %w", err)
			}
			stored += res.Stored
		}
		if round == 0 {
			continue // the first round warms the store and its caches
		}
		spent += time.Since(start)
		runtime.ReadMemStats(&after)
		allocated += after.TotalAlloc - before.TotalAlloc
		pages += len(arts)
	}
	f := benchFigure{Name: "store: SQLite, annotated articles with links", Pages: pages, Seconds: spent.Seconds(),
		PagesPerSec: float64(pages) / spent.Seconds(), AllocPerPage: float64(allocated) / float64(pages)}
	f.Note = fmt.Sprintf("%d annotated articles a round under new ids, %d a transaction, with the connect stage's links (made before the timing); the store held %d articles at the end", len(arts), defaultBatch, stored)
	return f, nil
}
