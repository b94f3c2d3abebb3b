package text

import (
	"testing"
)

// The benchmarks run over the testdata paragraphs one paragraph a call, as
// the annotators do, reusing buffers as they should.

func BenchmarkTokenize(b *testing.B) {
	ps := readParagraphs(b)
	var bytes, ntok int
	for _, p := range ps {
		bytes += len(p)
		ntok += len(Tokenize(p))
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	var buf []Token
	n := 0
	for b.Loop() {
		for _, p := range ps {
			buf = AppendTokens(buf[:0], p)
		}
		n++
	}
	b.ReportMetric(float64(ntok*n)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkSentences(b *testing.B) {
	ps := readParagraphs(b)
	toks := make([][]Token, len(ps))
	ntok := 0
	for i, p := range ps {
		toks[i] = Tokenize(p)
		ntok += len(toks[i])
	}
	b.ReportAllocs()
	var buf []Sentence
	n := 0
	for b.Loop() {
		for i, p := range ps {
			buf = AppendSentences(buf[:0], p, toks[i])
		}
		n++
	}
	b.ReportMetric(float64(ntok*n)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTokenizeAndSplit is the path an annotator takes per paragraph.
func BenchmarkTokenizeAndSplit(b *testing.B) {
	ps := readParagraphs(b)
	ntok := 0
	for _, p := range ps {
		ntok += len(Tokenize(p))
	}
	b.ReportAllocs()
	var tb []Token
	var sb []Sentence
	n := 0
	for b.Loop() {
		for _, p := range ps {
			tb = AppendTokens(tb[:0], p)
			sb = AppendSentences(sb[:0], p, tb)
		}
		n++
	}
	b.ReportMetric(float64(ntok*n)/b.Elapsed().Seconds(), "tokens/s")
}
