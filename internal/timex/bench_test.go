package timex

import (
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/text"
)

// BenchmarkTag tags the seed article's paragraphs (tokens and sentences
// split beforehand, as annotate has them) and reports tokens per second
// of tagging alone.
func BenchmarkTag(b *testing.B) {
	raw, err := os.ReadFile("testdata/seed_000.txt")
	if err != nil {
		b.Fatal(err)
	}
	type para struct {
		s     string
		toks  []text.Token
		sents []text.Sentence
	}
	var ps []para
	n := 0
	for _, s := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		toks := text.Tokenize(s)
		ps = append(ps, para{s, toks, text.Sentences(s, toks)})
		n += len(toks)
	}
	tg := New()
	var dst []article.Date
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dc := NewDocContext("2023-04-20")
		dst = dst[:0]
		for p := range ps {
			dst = tg.Tag(dst, p, ps[p].s, ps[p].toks, ps[p].sents, dc)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
