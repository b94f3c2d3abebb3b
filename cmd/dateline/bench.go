package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"syscall"
	"time"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/lang"
)

// benchFigure is one measured stage.
type benchFigure struct {
	Name         string  `json:"name"`
	Pages        int     `json:"pages"`
	Seconds      float64 `json:"seconds"`
	PagesPerSec  float64 `json:"pages_per_sec"`
	AllocPerPage float64 `json:"alloc_bytes_per_page"`
	TokensPerSec float64 `json:"tokens_per_sec,omitempty"`
	RatioVsPeer  float64 `json:"ratio_vs_peer,omitempty"`
	Peer         string  `json:"peer,omitempty"`
	Note         string  `json:"note,omitempty"`
}

type benchReport struct {
	Procs     int           `json:"procs"`
	GoVersion string        `json:"go_version"`
	CPU       string        `json:"cpu"`
	Figures   []benchFigure `json:"figures"`
	annotateBench
	MaxRSSMB float64 `json:"max_rss_mb"`
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "http" {
		return runBenchHTTP(ctx, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", defaultData, "folder holding the public datasets (for the HTML figures)")
	seed := fs.String("seed", "../shared/seed/000_d6a30c3b1669f77a.txt", "a seed-sized text page for the text cleaner's figure")
	procs := fs.Int("procs", 1, "GOMAXPROCS for the run: figures are per core by default")
	minTime := fs.Duration("time", 3*time.Second, "least time to spend on each figure")
	asJSON := fs.Bool("json", false, "print one JSON object")
	setUsage(fs, stderr, "Usage: dateline bench [flags]\n       dateline bench http [flags]   (search latency of a running server under load)\n\nThroughput and memory per core, on the bundled Wikinews corpus: the annotate\nstage with and without quotes (article by article in turn) beside prose, the\nconnect stage (near-duplicates and stories), the store's writes, the whole\nextract pipeline; the\ntext cleaner on a seed-sized page; HTML extraction on the\narticle-extraction-benchmark beside go-trafilatura alone (page by page in turn).\n\nFlags:")
	if done, err := parseOutcome(fs.Parse(args)); done || err != nil {
		return err
	}
	prev := runtime.GOMAXPROCS(*procs)
	defer runtime.GOMAXPROCS(prev)
	cleaner, err := clean.New(nil)
	if err != nil {
		return err
	}
	cleaner.LangDetect = lang.Detect
	rep := benchReport{Procs: *procs, GoVersion: runtime.Version(), CPU: cpuName()}
	progress := func(f benchFigure) {
		if !*asJSON {
			fmt.Fprintf(stderr, "  %-40s %8.1f pages/s\n", f.Name, f.PagesPerSec)
		}
	}

	// Annotation first: it reports the entity model's load time, which
	// only the first use pays.
	figs, arts, info, err := benchAnnotate(ctx, cleaner, *minTime)
	if err != nil {
		return err
	}
	rep.annotateBench = info
	connect, err := benchConnect(arts, *minTime)
	if err != nil {
		return err
	}
	store, err := benchStore(ctx, arts, *minTime)
	if err != nil {
		return err
	}
	for _, f := range append(figs, connect, store) {
		rep.Figures = append(rep.Figures, f)
		progress(f)
	}
	annotator, err := newProcessor(1, ingest.DefaultMaxPageBytes, true, true)
	if err != nil {
		return err
	}

	// The whole extract pipeline on the bundled corpus: read, clean,
	// detect language, annotate, encode JSON.
	pipeline := measure("extract: bundled Wikinews corpus (JSONL text)", *minTime, func() (int, error) {
		n := 0
		enc := json.NewEncoder(io.Discard)
		err := ingest.Walk(ctx, []string{"-"}, ingest.Options{Stdin: bytes.NewReader(corpus.Wikinews)},
			func(p ingest.Page) error {
				a, err := cleaner.Clean(ctx, p)
				if err == nil {
					annotator.annotator.Annotate(a)
					n++
					return enc.Encode(a)
				}
				return nil
			}, nil)
		return n, err
	})
	if pipeline.err != nil {
		return pipeline.err
	}
	pipeline.Note = "read, clean, language, entities, dates, quotes, JSON"
	rep.Figures = append(rep.Figures, pipeline.benchFigure)
	progress(pipeline.benchFigure)

	if body, err := os.ReadFile(*seed); err == nil {
		page := ingest.Page{Source: *seed, Format: ingest.Text, Body: body}
		f := measure("clean: seed page (text)", *minTime, func() (int, error) {
			_, err := cleaner.Clean(ctx, page)
			return 1, err
		})
		if f.err != nil {
			return f.err
		}
		rep.Figures = append(rep.Figures, f.benchFigure)
		progress(f.benchFigure)
	} else {
		fmt.Fprintf(stderr, "dateline bench: no seed page (%v): text cleaner figure skipped\n", err)
	}

	pages, err := eval.LoadExtraction(ctx, filepath.Join(*data, "article-extraction-benchmark"))
	if err != nil {
		fmt.Fprintf(stderr, "dateline bench: %v: HTML figures skipped\n", err)
	} else {
		ours, peer := measurePair("clean: benchmark HTML pages", "go-trafilatura alone: same pages", *minTime, len(pages),
			func(i int) error {
				p := pages[i]
				_, _ = cleaner.Clean(ctx, ingest.Page{Source: p.ID, URL: p.URL, Format: ingest.HTML, Body: p.HTML})
				return nil
			},
			func(i int) error {
				eval.TrafilaturaText(pages[i].HTML, pages[i].URL)
				return nil
			})
		ours.Peer = peer.Name
		ours.RatioVsPeer = ours.PagesPerSec / peer.PagesPerSec
		ours.Note = "HTML parse, go-trafilatura, rules, metadata, publication date, language"
		rep.Figures = append(rep.Figures, ours.benchFigure, peer.benchFigure)
		progress(ours.benchFigure)
		progress(peer.benchFigure)
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		rep.MaxRSSMB = float64(ru.Maxrss) / 1024
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(rep)
	}
	fmt.Fprintf(stdout, "dateline bench: GOMAXPROCS=%d, %s, %s\n", rep.Procs, rep.GoVersion, rep.CPU)
	fmt.Fprintf(stdout, "%-42s %10s %10s %12s %10s\n", "figure", "pages/s", "tokens/s", "alloc/page", "vs peer")
	for _, f := range rep.Figures {
		ratio, toks := "", ""
		if f.RatioVsPeer > 0 {
			ratio = fmt.Sprintf("%.2fx", f.RatioVsPeer)
		}
		if f.TokensPerSec > 0 {
			toks = fmt.Sprintf("%.0f", f.TokensPerSec)
		}
		fmt.Fprintf(stdout, "%-42s %10.1f %10s %10.0f KB %10s\n", f.Name, f.PagesPerSec, toks, f.AllocPerPage/1024, ratio)
	}
	fmt.Fprintf(stdout, "entity model load %.0f ms; annotation added %.0f MB resident; max RSS %.0f MB\n", rep.ModelLoadMS, rep.AddedRSSMB, rep.MaxRSSMB)
	return nil
}

// measurePair times two ways of doing the same units of work, one unit
// of each in turn (the order swapped every unit), for at least minTime
// each: on a shared machine whose speed drifts, a ratio of two figures
// measured one after the other can be off by a third, and taken in turn
// both see the same machine.
func measurePair(nameA, nameB string, minTime time.Duration, units int, a, b func(i int) error) (measured, measured) {
	if units == 0 {
		return measured{benchFigure: benchFigure{Name: nameA}}, measured{benchFigure: benchFigure{Name: nameB}}
	}
	if err := a(0); err != nil {
		return measured{err: err}, measured{err: err}
	}
	if err := b(0); err != nil {
		return measured{err: err}, measured{err: err}
	}
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	allocs := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	var took [2]time.Duration
	var alloc [2]uint64
	run := func(k int, f func(int) error, i int) error {
		before, start := allocs(), time.Now()
		err := f(i)
		took[k] += time.Since(start)
		alloc[k] += allocs() - before
		return err
	}
	n := 0
	for ; took[0] < minTime || took[1] < minTime; n++ {
		i := n % units
		first, second := 0, 1
		if n%2 == 1 {
			first, second = 1, 0
		}
		for _, k := range []int{first, second} {
			f := a
			if k == 1 {
				f = b
			}
			if err := run(k, f, i); err != nil {
				return measured{err: err}, measured{err: err}
			}
		}
	}
	fig := func(name string, k int) measured {
		secs := took[k].Seconds()
		return measured{benchFigure: benchFigure{Name: name, Pages: n, Seconds: secs, PagesPerSec: float64(n) / secs, AllocPerPage: float64(alloc[k]) / float64(n)}}
	}
	return fig(nameA, 0), fig(nameB, 1)
}

type measured struct {
	benchFigure
	err error
}

// measure runs round until minTime has passed (at least twice, the first
// run a warm-up left out of the figure) and reports pages per second.
func measure(name string, minTime time.Duration, round func() (int, error)) measured {
	if _, err := round(); err != nil {
		return measured{err: err}
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	pages := 0
	for time.Since(start) < minTime {
		n, err := round()
		if err != nil {
			return measured{err: err}
		}
		pages += n
	}
	secs := time.Since(start).Seconds()
	runtime.ReadMemStats(&after)
	f := benchFigure{Name: name, Pages: pages, Seconds: secs, PagesPerSec: float64(pages) / secs}
	if pages > 0 {
		f.AllocPerPage = float64(after.TotalAlloc-before.TotalAlloc) / float64(pages)
	}
	return measured{benchFigure: f}
}

// cpuName reads the processor's model name, so that figures carry the
// machine they were measured on.
func cpuName() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if k, v, ok := bytes.Cut(line, []byte(":")); ok && bytes.Equal(bytes.TrimSpace(k), []byte("model name")) {
			return string(bytes.TrimSpace(v))
		}
	}
	return runtime.GOARCH
}
