package quote_test

import (
	"runtime"
	"syscall"
	"testing"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/annotate"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/quote"
)

type benchDoc struct {
	paras []quote.Paragraph
	ents  []article.Entity
	art   []string
}

// wikinews reads the bundled corpus (291 articles) as paragraphs with
// their tokens, sentences and entities.
func wikinews(t testing.TB) ([]benchDoc, int) {
	t.Helper()
	recs, err := corpus.Articles()
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	an := annotate.New(m)
	var docs []benchDoc
	tokens := 0
	for _, rec := range recs {
		paras := rec.Paragraphs()
		art := &article.Article{Paragraphs: paras}
		an.Annotate(art)
		d := benchDoc{paras: quote.Prepare(paras), ents: art.Entities, art: paras}
		for _, p := range d.paras {
			tokens += len(p.Tokens)
		}
		docs = append(docs, d)
	}
	return docs, tokens
}

// cpuSeconds is the process's user and system time: on a shared machine
// it moves less with other load than wall time does.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// BenchmarkFind is the finder alone on the bundled Wikinews corpus, from
// tokens, sentences and entities (what the annotator has already made):
// tokens/s per core with GOMAXPROCS=1. BenchmarkAnnotateSame is the
// annotate stage (tokens, sentences, entities) on the same articles, for
// the ratio.
func BenchmarkFind(b *testing.B) {
	docs, tokens := wikinews(b)
	f := finder(b)
	perDoc := float64(tokens) / float64(len(docs))
	for _, bc := range []struct {
		name string
		run  func(benchDoc)
	}{
		{"spans", func(d benchDoc) { f.FindSpans(d.paras, d.ents) }},
		{"quotes", func(d benchDoc) { f.Find(d.paras, d.ents) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cpu0 := cpuSeconds()
			n := 0
			for b.Loop() {
				bc.run(docs[n%len(docs)])
				n++
			}
			cpu := cpuSeconds() - cpu0
			runtime.ReadMemStats(&after)
			b.ReportMetric(perDoc*float64(n)/b.Elapsed().Seconds(), "tokens/s")
			b.ReportMetric(perDoc*float64(n)/cpu, "tokens/cpu-s")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/(perDoc*float64(n)), "allocs/token")
		})
	}
}

func BenchmarkAnnotateSame(b *testing.B) {
	docs, tokens := wikinews(b)
	m, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	an := annotate.New(m)
	perDoc := float64(tokens) / float64(len(docs))
	n := 0
	cpu0 := cpuSeconds()
	for b.Loop() {
		an.Annotate(&article.Article{Paragraphs: docs[n%len(docs)].art})
		n++
	}
	cpu := cpuSeconds() - cpu0
	b.ReportMetric(perDoc*float64(n)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(perDoc*float64(n)/cpu, "tokens/cpu-s")
}
