package main

import (
	"context"
	"fmt"

	"github.com/dateline-news/dateline/internal/annotate"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/lang"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/pipeline"
	"github.com/dateline-news/dateline/internal/quote"
)

// processor turns inputs into articles: read, clean, annotate. extract
// prints what it yields; ingest stores it.
type processor struct {
	cleaner   *clean.Cleaner
	annotator *annotate.Annotator // nil: cleaning and metadata only
	workers   int
	maxPage   int64
	stats     ingest.Stats // what the readers skipped
	// known, when set, reports whether an article id is stored already:
	// such an article is not annotated (annotation is most of the time
	// a page takes, and the store would skip the article anyway).
	known func(id string) bool
}

func newProcessor(workers int, maxPage int64, annotated, quotes bool) (*processor, error) {
	cleaner, err := clean.New(nil)
	if err != nil {
		return nil, err
	}
	cleaner.LangDetect = lang.Detect
	p := &processor{cleaner: cleaner, workers: workers, maxPage: maxPage}
	if annotated {
		m, err := ner.Default()
		if err != nil {
			return nil, fmt.Errorf("load the entity model: %w", err)
		}
		var opts []annotate.Option
		if quotes {
			q, err := quote.Default()
			if err != nil {
				return nil, fmt.Errorf("load the quote model: %w", err)
			}
			opts = append(opts, annotate.WithQuotes(q))
		}
		p.annotator = annotate.New(m, opts...)
	}
	return p, nil
}

// run processes inputs on p.workers goroutines. emit gets each article
// and fail each input that could not be read or cleaned, both in input
// order and on one goroutine, so neither needs a lock. An error from
// emit stops the run.
func (p *processor) run(ctx context.Context, inputs []string, emit func(*article.Article) error, fail func(source string, err error)) error {
	// item carries a page, or the reason an input could not be read: read
	// failures travel through the pipeline so that they keep input order.
	type item struct {
		page ingest.Page
		err  error
	}
	type result struct {
		source string
		art    *article.Article
		err    error
	}
	return pipeline.Ordered(ctx, p.workers,
		func(yield func(item) error) error {
			return ingest.Walk(ctx, inputs, ingest.Options{MaxPageBytes: p.maxPage, Stats: &p.stats},
				func(pg ingest.Page) error { return yield(item{page: pg}) },
				func(source string, err error) { _ = yield(item{page: ingest.Page{Source: source}, err: err}) })
		},
		func(ctx context.Context, it item) result {
			pg := it.page
			if it.err != nil {
				return result{source: pg.Source, err: it.err}
			}
			a, err := p.cleaner.Clean(ctx, pg)
			if err != nil {
				return result{source: pg.Source, err: fmt.Errorf("clean %s: %w", pg.Source, err)}
			}
			if p.annotator != nil && (p.known == nil || !p.known(a.ID)) {
				p.annotator.Annotate(a)
			}
			return result{source: pg.Source, art: a}
		},
		func(r result) error {
			if r.err != nil {
				fail(r.source, r.err)
				return nil
			}
			return emit(r.art)
		})
}
