package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/store"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", defaultAddr, "listen on HOST:PORT (port 0: any free port)")
	db := fs.String("db", "", "keep the store in this folder (default: a new temporary folder, removed on exit)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "pages cleaned and annotated at once: one per core by default")
	setUsage(fs, stderr, `Usage: dateline demo [flags]

Ingests the bundled corpus (291 Wikinews articles of 2019-2020, CC BY 2.5)
into a fresh store, as 'dateline ingest' would, then serves it as
'dateline serve' does and prints the address. Stop it with Ctrl-C.

Flags:`)
	if done, err := parseOutcome(fs.Parse(args)); done || err != nil {
		return err
	}
	if fs.NArg() > 0 || *workers < 1 {
		fs.Usage()
		return errUsage
	}

	dir := *db
	if dir == "" {
		tmp, err := os.MkdirTemp("", "dateline-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Ingest reads files; the corpus is embedded. It goes beside the
	// store, where the articles' sources name it.
	in := filepath.Join(dir, corpus.WikinewsName)
	if err := os.WriteFile(in, corpus.Wikinews, 0o644); err != nil {
		return fmt.Errorf("write the corpus: %w", err)
	}
	proc, err := newProcessor(*workers, ingest.DefaultMaxPageBytes, true, true)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, dir, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()

	fmt.Fprintf(stderr, "dateline demo: ingesting the bundled Wikinews corpus (CC BY 2.5, Wikinews contributors) into %s\n", dir)
	sum, err := ingestInto(ctx, st, proc, []string{in}, 128, dir, "dateline demo", stderr)
	if err != nil {
		return err
	}
	if sum.Interrupted {
		return nil // the user stopped it before it served: nothing went wrong
	}
	if sum.stopped != nil {
		return sum.stopped
	}
	fmt.Fprintf(stderr, "dateline demo: %d stored, %d already stored, %d failed in %.1f s\n", sum.Stored, sum.Skipped, sum.Failed, sum.Seconds)
	return serve(ctx, st, *addr, stdout, stderr)
}
