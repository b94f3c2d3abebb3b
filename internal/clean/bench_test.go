package clean_test

import (
	"context"
	"os"
	"testing"

	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/ingest"
)

const seedPath = "../../../shared/seed/000_d6a30c3b1669f77a.txt"

// BenchmarkCleanText is the text cleaner alone on the seed page: one op
// is one seed-sized page.
func BenchmarkCleanText(b *testing.B) {
	body, err := os.ReadFile(seedPath)
	if err != nil {
		b.Skip("seed page not found:", err)
	}
	c, err := clean.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	page := ingest.Page{Source: "seed", Format: ingest.Text, Body: body}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Clean(context.Background(), page); err != nil {
			b.Fatal(err)
		}
	}
}

func loadBenchmarkPages(b *testing.B) []eval.ExtractionPage {
	pages, err := eval.LoadExtraction(context.Background(), "../../../shared/data/article-extraction-benchmark")
	if err != nil {
		b.Skip("extraction benchmark not found:", err)
	}
	return pages
}

// BenchmarkCleanHTML is HTML extraction, cleaning and metadata: one op is
// one page of the article-extraction-benchmark, in turn.
func BenchmarkCleanHTML(b *testing.B) {
	pages := loadBenchmarkPages(b)
	c, err := clean.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pages[i%len(pages)]
		i++
		_, _ = c.Clean(context.Background(), ingest.Page{Source: p.ID, URL: p.URL, Format: ingest.HTML, Body: p.HTML})
	}
}

// BenchmarkTrafilatura is go-trafilatura alone on the same pages: the
// peer CleanHTML is compared with.
func BenchmarkTrafilatura(b *testing.B) {
	pages := loadBenchmarkPages(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pages[i%len(pages)]
		i++
		eval.TrafilaturaText(p.HTML, p.URL)
	}
}
