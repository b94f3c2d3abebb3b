package clean_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/ingest"
)

var (
	updateEquivalence = flag.Bool("update-equivalence", false, "rewrite testdata/equivalence.sha256 from the current cleaner")
	equivalenceOut    = flag.String("equivalence-out", "", "write every output the equivalence hash covers to this file, one JSON object a line, for diffing")
)

const (
	equivalenceGolden = "testdata/equivalence.sha256"
	wikinewsPath      = "../../corpus/wikinews/wikinews_2019_2020.jsonl.gz"
	benchmarkDir      = "../../../shared/data/article-extraction-benchmark"
)

// equivalenceResult is one page's whole output: the article, or why
// there is none.
type equivalenceResult struct {
	Source  string `json:"source"`
	Format  string `json:"format"`
	Article any    `json:"article"`
	Err     string `json:"err,omitempty"`
}

// TestCleanEquivalence pins the cleaner's output, byte for byte, on every
// page we have: the seed, the bundled Wikinews corpus as text (with the
// hints its records carry, and without them, so that publisher and date
// come from the text), the benchmark's naive text dumps and its HTML.
// Speed work must leave this hash alone; a change meant to alter output
// regenerates it with -update-equivalence.
func TestCleanEquivalence(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: cleans several hundred pages")
	}
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skip("seed page not found:", err)
	}
	if _, err := os.Stat(wikinewsPath); err != nil {
		t.Skip("wikinews corpus not found:", err)
	}
	bench, err := eval.LoadExtraction(context.Background(), benchmarkDir)
	if err != nil {
		t.Skip("extraction benchmark not found:", err)
	}

	var pages []ingest.Page
	pages = append(pages, ingest.Page{Source: "seed", Format: ingest.Text, Body: seed})

	var wiki []ingest.Page
	err = ingest.Walk(context.Background(), []string{wikinewsPath}, ingest.Options{},
		func(p ingest.Page) error { wiki = append(wiki, p); return nil },
		func(source string, err error) { t.Errorf("%s: %v", source, err) })
	if err != nil {
		t.Fatal(err)
	}
	if len(wiki) == 0 {
		t.Fatal("no pages read from the wikinews corpus")
	}
	for _, p := range wiki {
		if p.Format != ingest.Text {
			t.Fatalf("%s: format %s, want text", p.Source, p.Format)
		}
		pages = append(pages, p)
		pages = append(pages, ingest.Page{Source: p.Source + "#bare", Format: ingest.Text, Body: p.Body})
	}

	docs := eval.CleanerTrainingDocs(bench)
	for i, p := range bench {
		pages = append(pages, ingest.Page{Source: p.ID + ".txt", Format: ingest.Text, Body: []byte(strings.Join(docs[i].Lines, "\n"))})
	}
	for _, p := range bench {
		pages = append(pages, ingest.Page{Source: p.ID, URL: p.URL, Format: ingest.HTML, Body: p.HTML})
	}
	pages = append(pages, fuzzCorpusPages(t)...)

	c, err := clean.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	var dump *bufio.Writer
	if *equivalenceOut != "" {
		f, err := os.Create(*equivalenceOut)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		dump = bufio.NewWriter(f)
		defer dump.Flush()
	}
	for _, p := range pages {
		a, err := c.Clean(context.Background(), p)
		r := equivalenceResult{Source: p.Source, Format: string(p.Format)}
		if err != nil {
			r.Err = err.Error()
		} else {
			r.Article = a
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		h.Write(buf.Bytes())
		if dump != nil {
			dump.Write(buf.Bytes())
		}
	}
	got := hex.EncodeToString(h.Sum(nil))
	t.Logf("%d pages, sha256 %s", len(pages), got)

	if *updateEquivalence {
		if err := os.WriteFile(equivalenceGolden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", equivalenceGolden)
		return
	}
	want, err := os.ReadFile(equivalenceGolden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/clean -run Equivalence -update-equivalence to create it)", err)
	}
	if w := strings.TrimSpace(string(want)); got != w {
		t.Errorf("cleaner output changed: sha256 %s, want %s (rerun with -equivalence-out FILE and diff against the old output)", got, w)
	}
}

// fuzzCorpusPages reads the fuzz corpus as text and HTML pages: hand-made edge
// cases (invalid UTF-8, CRLF, stray markup) the real corpora lack.
func fuzzCorpusPages(t *testing.T) []ingest.Page {
	t.Helper()
	files, _ := filepath.Glob("testdata/fuzz/FuzzCleanLines/*")
	var pages []ingest.Page
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// "go test fuzz v1" then one []byte("...") literal.
		lines := strings.SplitN(strings.TrimSpace(string(raw)), "\n", 2)
		if len(lines) != 2 || !strings.HasPrefix(lines[1], "[]byte(") || !strings.HasSuffix(lines[1], ")") {
			t.Fatalf("%s: not a one-value fuzz corpus file", name)
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pages = append(pages,
			ingest.Page{Source: filepath.Base(name), Format: ingest.Text, Body: []byte(s)},
			// Pages reach the HTML cleaner as valid UTF-8 (ingest guarantees it).
			ingest.Page{Source: filepath.Base(name) + ".html", Format: ingest.HTML, Body: []byte(strings.ToValidUTF8(s, "\uFFFD"))})
	}
	return pages
}
