package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"

	"github.com/dateline-news/dateline/internal/annotate"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/lang"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/pipeline"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "pages cleaned at once: one per core by default")
	maxPage := fs.Int64("max-page-bytes", ingest.DefaultMaxPageBytes, "refuse pages larger than this")
	annotated := fs.Bool("annotate", true, "find entities in the clean text (false: cleaning and metadata only)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dateline extract [flags] INPUT...\n\nINPUT: files, folders (recursive) or - for stdin; .txt, .html, .warc, .jsonl, each optionally .gz.\nOne article per line (JSON) on stdout; each failed input named on stderr.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	cleaner, err := clean.New(nil)
	if err != nil {
		return err
	}
	cleaner.LangDetect = lang.Detect
	var annotator *annotate.Annotator
	if *annotated {
		m, err := ner.Default()
		if err != nil {
			return fmt.Errorf("load the entity model: %w", err)
		}
		annotator = annotate.New(m)
	}

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	failed := 0
	report := func(source string, err error) {
		failed++
		fmt.Fprintf(stderr, "dateline extract: %v\n", err)
	}
	// item carries a page, or the reason an input could not be read: read
	// failures travel through the pipeline so that stderr lines keep
	// input order, and so that only the emitter touches the counters.
	type item struct {
		page ingest.Page
		err  error
	}
	type result struct {
		source string
		art    *article.Article
		err    error
	}
	var stats ingest.Stats
	err = pipeline.Ordered(ctx, *workers,
		func(yield func(item) error) error {
			return ingest.Walk(ctx, fs.Args(), ingest.Options{MaxPageBytes: *maxPage, Stats: &stats},
				func(p ingest.Page) error { return yield(item{page: p}) },
				func(source string, err error) { _ = yield(item{page: ingest.Page{Source: source}, err: err}) })
		},
		func(ctx context.Context, it item) result {
			p := it.page
			if it.err != nil {
				return result{source: p.Source, err: it.err}
			}
			a, err := cleaner.Clean(ctx, p)
			if err != nil {
				return result{source: p.Source, err: fmt.Errorf("clean %s: %w", p.Source, err)}
			}
			if annotator != nil {
				annotator.Annotate(a)
			}
			return result{source: p.Source, art: a}
		},
		func(r result) error {
			if r.err != nil {
				report(r.source, r.err)
				return nil
			}
			return enc.Encode(r.art)
		})
	if err != nil {
		return err
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}
