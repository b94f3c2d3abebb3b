package timex

import (
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/text"
)

type benchPara struct {
	s     string
	toks  []text.Token
	sents []text.Sentence
}

type benchDoc struct {
	ref   string
	paras []benchPara
}

func split(p string) benchPara {
	toks := text.Tokenize(p)
	return benchPara{p, toks, text.Sentences(p, toks)}
}

// wikinews reads the bundled corpus (291 articles of 2019–2020) as
// annotate sees it: paragraphs, tokens and sentences, with each
// article's date.
func wikinews(b *testing.B) ([]benchDoc, int) {
	recs, err := corpus.Articles()
	if err != nil {
		b.Fatal(err)
	}
	var docs []benchDoc
	n := 0
	for _, r := range recs {
		d := benchDoc{ref: r.Date}
		for _, p := range r.Paragraphs() {
			bp := split(p)
			n += len(bp.toks)
			d.paras = append(d.paras, bp)
		}
		docs = append(docs, d)
	}
	return docs, n
}

// BenchmarkTagWikinews tags the bundled corpus with tokens and sentences
// split beforehand, as annotate has them, and reports tokens per second
// of tagging alone.
func BenchmarkTagWikinews(b *testing.B) {
	docs, n := wikinews(b)
	tg := New()
	var dst []article.Date
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			dc := NewDocContext(d.ref)
			for p, bp := range d.paras {
				dst = tg.Tag(dst[:0], p, bp.s, bp.toks, bp.sents, dc)
			}
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkSplitWikinews is the tokenizer and sentence splitter on the
// same corpus, for scale: tagging's cost is best read against it.
func BenchmarkSplitWikinews(b *testing.B) {
	docs, n := wikinews(b)
	var toks []text.Token
	var sents []text.Sentence
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			for _, bp := range d.paras {
				toks = text.AppendTokens(toks[:0], bp.s)
				sents = text.AppendSentences(sents[:0], bp.s, toks)
			}
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTagSeed tags the seed article's date-dense paragraphs.
func BenchmarkTagSeed(b *testing.B) {
	raw, err := os.ReadFile("testdata/seed_000.txt")
	if err != nil {
		b.Fatal(err)
	}
	var ps []benchPara
	n := 0
	for _, s := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		bp := split(s)
		ps = append(ps, bp)
		n += len(bp.toks)
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
