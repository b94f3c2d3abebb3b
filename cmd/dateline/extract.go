package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ingest"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "pages cleaned at once: one per core by default")
	maxPage := fs.Int64("max-page-bytes", ingest.DefaultMaxPageBytes, "refuse pages larger than this")
	annotated := fs.Bool("annotate", true, "find entities in the clean text (false: cleaning and metadata only)")
	quotes := fs.Bool("quotes", true, "with -annotate, find quotes and their speakers (false: entities and dates only, in about half the time)")
	setUsage(fs, stderr, "Usage: dateline extract [flags] INPUT...\n\nINPUT: files, folders (recursive) or - for stdin; .txt, .html, .warc, .jsonl, each optionally .gz.\nOne article per line (JSON) on stdout; each failed input named on stderr.\n\nFlags:")
	if done, err := parseOutcome(fs.Parse(args)); done || err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	proc, err := newProcessor(*workers, *maxPage, *annotated, *quotes)
	if err != nil {
		return err
	}

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	failed := 0
	err = proc.run(ctx, fs.Args(), func(a *article.Article) error { return enc.Encode(a) },
		func(source string, err error) {
			failed++
			fmt.Fprintf(stderr, "dateline extract: %v\n", err)
		})
	if err != nil {
		return err
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}
