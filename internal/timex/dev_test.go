//go:build timexdev

package timex

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/text"
)

// TestQuick tags TIMEX_Q with reference TIMEX_REF and prints the dates.
func TestQuick(t *testing.T) {
	s := os.Getenv("TIMEX_Q")
	if s == "" {
		t.Skip()
	}
	ref := os.Getenv("TIMEX_REF")
	dc := NewDocContext(ref)
	toks := text.Tokenize(s)
	sents := text.Sentences(s, toks)
	for _, d := range New().Tag(nil, 0, s, toks, sents, dc) {
		fmt.Printf("[%s] %s %s %v\n", d.Text, d.Type, d.Value, ptrs(d.Mod))
	}
}

func ptrs(p *string) string {
	if p == nil {
		return "-"
	}
	return *p
}

// TestWikiDump tags the bundled Wikinews corpus, each article with its
// date, and prints every date with its context, for reading.
func TestWikiDump(t *testing.T) {
	if os.Getenv("TIMEX_WIKI") == "" {
		t.Skip()
	}
	f, _ := os.Open("../../corpus/wikinews/wikinews_2019_2020.jsonl.gz")
	z, _ := gzip.NewReader(f)
	sc := bufio.NewScanner(z)
	sc.Buffer(nil, 1<<24)
	tg := New()
	for sc.Scan() {
		var r struct{ URL, Date, Text string }
		json.Unmarshal(sc.Bytes(), &r)
		dc := NewDocContext(r.Date)
		for p, para := range strings.Split(r.Text, "\n\n") {
			toks := text.Tokenize(para)
			for _, d := range tg.Tag(nil, p, para, toks, text.Sentences(para, toks), dc) {
				lo, hi := max(0, d.Start-60), min(len(para), d.End+40)
				fmt.Printf("%s\t%s\t%s\t%s\t%s\t%s\n", r.Date, d.Text, d.Type, d.Value, ptrs(d.Mod), strings.ReplaceAll(para[lo:d.Start]+"<<"+d.Text+">>"+para[d.End:hi], "\n", " "))
			}
		}
	}
}
