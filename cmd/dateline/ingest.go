package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/store"
)

// ingestSummary is what an ingest did; --json prints it.
type ingestSummary struct {
	Read           int64   `json:"read"`    // pages and records read: stored + skipped + failed
	Stored         int64   `json:"stored"`  // new articles
	Skipped        int64   `json:"skipped"` // already stored (same id), or twice in this run
	Failed         int64   `json:"failed"`  // inputs or records that could not be read or cleaned
	Seconds        float64 `json:"seconds"`
	ArticlesPerSec float64 `json:"articles_per_sec"` // read per second
	DB             string  `json:"db"`
	Interrupted    bool    `json:"interrupted,omitempty"`
	stopped        error   // what ended the run early (an interruption), if anything
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the store: a folder, created if need be (default $"+store.EnvDB+", else ./"+store.DefaultDir+")")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "pages cleaned and annotated at once: one per core by default")
	batch := fs.Int("batch", defaultBatch, "articles stored per transaction")
	maxPage := fs.Int64("max-page-bytes", ingest.DefaultMaxPageBytes, "refuse pages larger than this")
	annotated := fs.Bool("annotate", true, "find entities (false: cleaning and metadata only)")
	quotes := fs.Bool("quotes", true, "with -annotate, find quotes and their speakers (false: entities and dates only, in about half the time)")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object on stdout")
	setUsage(fs, stderr, `Usage: dateline ingest [flags] INPUT...

Extracts, annotates and stores articles. INPUT as for extract: files, folders
(recursive) or - for stdin; .txt, .html, .warc, .jsonl, each optionally .gz.
Idempotent: an article already stored (same id) is skipped. Safe to kill and
rerun: every batch is one transaction.

Flags:`)
	if done, err := parseOutcome(fs.Parse(args)); done || err != nil {
		return err
	}
	if fs.NArg() == 0 || *workers < 1 || *batch < 1 {
		fs.Usage()
		return errUsage
	}
	inputs := fs.Args()
	proc, err := newProcessor(*workers, *maxPage, *annotated, *quotes)
	if err != nil {
		return err
	}
	loc := store.Location(*db, os.Getenv)
	st, err := store.Open(ctx, loc, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()

	sum, err := ingestInto(ctx, st, proc, inputs, *batch, loc, "dateline ingest", stderr)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(sum); err != nil {
			return err
		}
	}
	note := ""
	if sum.Interrupted {
		note = " (interrupted: run it again to go on)"
	}
	fmt.Fprintf(stderr, "dateline ingest: %d read, %d stored, %d skipped (already stored), %d failed in %.1f s (%.1f articles/s) into %s%s\n",
		sum.Read, sum.Stored, sum.Skipped, sum.Failed, sum.Seconds, sum.ArticlesPerSec, loc, note)
	if sum.stopped != nil {
		return sum.stopped
	}
	if sum.Failed > 0 {
		return errSomeFailed
	}
	return nil
}

// ingestInto reads inputs through proc and stores their articles in st
// (at loc), batch articles a transaction, drawing progress on stderr when
// it is a terminal and naming each failed input there after name. It
// returns a store error, which stops the run; anything else that stopped
// it is in the summary.
func ingestInto(ctx context.Context, st article.Store, proc *processor, inputs []string, batch int, loc, name string, stderr io.Writer) (ingestSummary, error) {
	start := time.Now()
	var (
		read, stored, skipped, failed atomic.Int64
		total                         atomic.Int64 // pages expected; 0 while unknown
	)
	// Progress and failures share stderr, from two goroutines.
	var errMu sync.Mutex
	tty := showProgress(stderr)
	clearLine := func() {
		if tty {
			fmt.Fprint(stderr, "\r\x1b[K")
		}
	}

	// The connect stage's state, rebuilt from the store: on a large store
	// this takes a while, so it draws its progress too, and says what it
	// did when it was slow.
	var rebuilt func(indexed, restored, recent int)
	if tty {
		rebuilt = func(indexed, restored, recent int) {
			fmt.Fprint(stderr, "\r\x1b[K"+rebuildLine(indexed, restored, recent))
		}
	}
	conn, relinked, err := newConnector(ctx, st, rebuilt)
	clearLine()
	if err != nil {
		return ingestSummary{}, fmt.Errorf("store: %w", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		fmt.Fprintf(stderr, "%s: rebuilt the duplicate index (%d articles) and the recent stories (%d open) from the store in %s\n",
			name, conn.ix.Len(), conn.cl.Open(), took.Round(100*time.Millisecond))
	}
	if relinked > 0 {
		fmt.Fprintf(stderr, "%s: linked %d articles stored before stories\n", name, relinked)
	}
	// The duplicate index holds every stored id: a page already stored
	// is cleaned (its id is its body's) but not annotated again.
	proc.known = conn.stored
	defer func() { proc.known = nil }()

	// Batches go to one writer goroutine, so that cleaning goes on while
	// a transaction commits; the channel's size bounds what waits. Each
	// carries the connect stage's decisions for its articles, written in
	// the same transaction.
	type batchLinks struct {
		as    []*article.Article
		links article.Links
	}
	batches := make(chan batchLinks, 2)
	writerDone := make(chan struct{})
	var (
		werrMu sync.Mutex
		werr   error // the first store error: it stops the run
	)
	writeErr := func() error {
		werrMu.Lock()
		defer werrMu.Unlock()
		return werr
	}
	go func() {
		defer close(writerDone)
		for b := range batches {
			if writeErr() != nil {
				continue // drain, so that emit never blocks on a dead writer
			}
			// A batch already cleaned is stored even when the run is
			// being interrupted: the work is done, and the rerun is
			// shorter.
			r, err := st.PutLinked(context.WithoutCancel(ctx), b.as, b.links)
			if err != nil {
				werrMu.Lock()
				werr = err
				werrMu.Unlock()
				continue
			}
			stored.Add(int64(r.Stored))
			skipped.Add(int64(r.Skipped))
		}
	}()

	stopProgress := func() {}
	if tty {
		pctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			if n, ok := countPages(pctx, inputs); ok {
				total.Store(n)
			}
		}()
		go func() {
			defer close(done)
			tick := time.NewTicker(200 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-pctx.Done():
					return
				case <-tick.C:
					errMu.Lock()
					fmt.Fprint(stderr, "\r\x1b[K"+progressLine(time.Since(start), read.Load(), total.Load(), stored.Load(), skipped.Load(), failed.Load()))
					errMu.Unlock()
				}
			}
		}()
		stopProgress = func() {
			cancel()
			<-done
			errMu.Lock()
			clearLine()
			errMu.Unlock()
		}
	}

	var pending []*article.Article
	lastFlush := time.Now()
	flush := func() {
		if len(pending) > 0 {
			batches <- batchLinks{pending, conn.take()}
			pending = nil
			lastFlush = time.Now()
		}
	}
	runErr := proc.run(ctx, inputs,
		func(a *article.Article) error {
			read.Add(1)
			conn.add(a)
			pending = append(pending, a)
			// A slow input (a crawler on stdin) should not hold finished
			// articles in memory for long: a kill would lose them.
			if len(pending) >= batch || time.Since(lastFlush) > 5*time.Second {
				flush()
			}
			return writeErr()
		},
		func(source string, err error) {
			read.Add(1)
			failed.Add(1)
			errMu.Lock()
			clearLine()
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			errMu.Unlock()
		})
	if writeErr() == nil {
		flush()
	}
	close(batches)
	<-writerDone
	stopProgress()

	elapsed := time.Since(start)
	sum := ingestSummary{
		Read: read.Load(), Stored: stored.Load(), Skipped: skipped.Load(), Failed: failed.Load(),
		Seconds: elapsed.Seconds(), DB: loc,
		Interrupted: ctx.Err() != nil,
		stopped:     runErr,
	}
	if elapsed > 0 {
		sum.ArticlesPerSec = float64(sum.Read) / elapsed.Seconds()
	}
	if err := writeErr(); err != nil {
		return sum, fmt.Errorf("store: %w", err)
	}
	return sum, nil
}

// rebuildLine is the progress line of the connect stage's rebuild.
func rebuildLine(indexed, restored, recent int) string {
	if recent == 0 {
		return fmt.Sprintf("rebuilding from the store: %d articles indexed", indexed)
	}
	return fmt.Sprintf("rebuilding from the store: %d articles indexed, %d of %d recent articles restored to their stories", indexed, restored, recent)
}

// showProgress decides whether ingest draws progress on w; tests replace
// it to see the progress a terminal would.
var showProgress = isTerminal

func progressLine(elapsed time.Duration, done, total, stored, skipped, failed int64) string {
	rate := float64(done) / elapsed.Seconds()
	var b strings.Builder
	if total > 0 && total >= done {
		fmt.Fprintf(&b, "%d/%d", done, total)
	} else {
		fmt.Fprintf(&b, "%d", done)
	}
	fmt.Fprintf(&b, " read, %.1f/s", rate)
	if total > done && rate > 0 {
		eta := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
		fmt.Fprintf(&b, ", ETA %s", eta)
	}
	fmt.Fprintf(&b, " (%d stored, %d skipped, %d failed)", stored, skipped, failed)
	return b.String()
}

// countPages counts the pages inputs hold, for the progress line's total
// and ETA, reading them as ingest.Walk will: one page per text or HTML
// file, one per non-blank JSONL line. WARC files and stdin cannot be
// counted without parsing them as deep as ingesting does, so they leave
// the total unknown (ok false).
func countPages(ctx context.Context, inputs []string) (int64, bool) {
	var n int64
	countFile := func(path string, explicit bool) bool {
		name := strings.ToLower(filepath.Base(path))
		gz := false
		if base, ok := strings.CutSuffix(name, ".gz"); ok {
			name, gz = base, true
		}
		switch filepath.Ext(name) {
		case ".txt", ".html", ".htm":
			n++
			return true
		case ".jsonl":
			lines, err := countLines(ctx, path, gz)
			n += lines
			return err == nil
		case ".warc":
			return false
		}
		return !explicit // skipped inside folders, sniffed when named
	}
	for _, in := range inputs {
		if ctx.Err() != nil || in == "-" {
			return 0, false
		}
		fi, err := os.Stat(in)
		if err != nil {
			n++ // the run counts it as one failure
			continue
		}
		if !fi.IsDir() {
			if !countFile(in, true) {
				return 0, false
			}
			continue
		}
		ok := true
		_ = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if ctx.Err() != nil || !countFile(path, false) {
				ok = false
				return filepath.SkipAll
			}
			return nil
		})
		if !ok {
			return 0, false
		}
	}
	return n, true
}

// countLines counts the non-blank lines of a file, gunzipping it if gz.
func countLines(ctx context.Context, path string, gz bool) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<16)
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return 0, err
		}
		defer zr.Close()
		r = zr
	}
	var (
		n     int64
		blank = true
		buf   = make([]byte, 1<<16)
	)
	for {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		k, err := r.Read(buf)
		chunk := buf[:k]
		for len(chunk) > 0 {
			i := bytes.IndexByte(chunk, '\n')
			line := chunk
			if i >= 0 {
				line = chunk[:i]
			}
			if len(bytes.TrimSpace(line)) > 0 {
				blank = false
			}
			if i < 0 {
				break
			}
			if !blank {
				n++
			}
			blank = true
			chunk = chunk[i+1:]
		}
		if err == io.EOF {
			if !blank {
				n++
			}
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}
