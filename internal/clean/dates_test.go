package clean_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/ingest"
)

// TestTextDumpDates scores the publication date the cleaner reads off a
// web page's text alone (its time stamps and the dates its text names)
// against the date the same page's HTML metadata gives, over the
// extraction benchmark's pages that have one. Measured on 2026-11-28:
// 70 right, 35 wrong, 72 undated before labelled stamps, stamps of up to
// a dozen words, stamps in capitals and dates in digits were read; 93
// right, 35 wrong, 49 undated after. The bars hold that.
func TestTextDumpDates(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: cleans the benchmark's pages twice")
	}
	bench, err := eval.LoadExtraction(context.Background(), benchmarkDir)
	if err != nil {
		t.Skip("extraction benchmark not found:", err)
	}
	c, err := clean.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := eval.CleanerTrainingDocs(bench)
	var n, right, wrong int
	for i, p := range bench {
		h, err := c.Clean(context.Background(), ingest.Page{Source: p.ID, URL: p.URL, Format: ingest.HTML, Body: p.HTML})
		if err != nil || article.Str(h.PublishedFrom) != "metadata" || article.Str(h.Published) == "" {
			continue
		}
		n++
		want := article.Str(h.Published)[:10]
		a, err := c.Clean(context.Background(), ingest.Page{Source: p.ID + ".txt", Format: ingest.Text, Body: []byte(strings.Join(docs[i].Lines, "\n"))})
		if err != nil || article.Str(a.Published) == "" {
			continue
		}
		if got := article.Str(a.Published); got[:min(10, len(got))] == want {
			right++
		} else {
			wrong++
		}
	}
	t.Logf("%d pages with a metadata date: from the text dump %d right, %d wrong, %d undated", n, right, wrong, n-right-wrong)
	if right < 90 || wrong > 35 {
		t.Errorf("%d right (want 90 or more), %d wrong (want 35 or fewer)", right, wrong)
	}
}
