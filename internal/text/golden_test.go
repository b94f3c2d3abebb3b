package text

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// readParagraphs reads testdata/paragraphs.txt, an excerpt of the seed
// article (one paragraph a line), shared by the golden test and the
// benchmarks.
func readParagraphs(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "paragraphs.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var ps []string
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" {
			ps = append(ps, line)
		}
	}
	return ps
}

// TestGolden writes each paragraph's sentences one a line, tokens
// separated by spaces, paragraphs separated by a blank line.
func TestGolden(t *testing.T) {
	var out bytes.Buffer
	for i, p := range readParagraphs(t) {
		if i > 0 {
			out.WriteByte('\n')
		}
		toks := Tokenize(p)
		checkOffsets(t, p, toks)
		sents := Sentences(p, toks)
		checkSentences(t, p, toks, sents)
		for _, s := range sents {
			for j := s.Start; j < s.End; j++ {
				if j > s.Start {
					out.WriteByte(' ')
				}
				out.WriteString(toks[j].Text)
			}
			out.WriteByte('\n')
		}
	}
	path := filepath.Join("testdata", "paragraphs.golden")
	if *update {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("tokens and sentences differ from %s (go test -update rewrites it):\n%s", path, out.Bytes())
	}
}
