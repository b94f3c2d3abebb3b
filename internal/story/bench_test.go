package story

import (
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/article"
)

// wikinews reads the bundled corpus as articles with titles, dates and
// paragraphs (no entities: the recognizer is not this benchmark's).
func wikinews(tb testing.TB) []*article.Article {
	tb.Helper()
	recs, err := corpus.Articles()
	if err != nil {
		tb.Fatal(err)
	}
	arts := make([]*article.Article, len(recs))
	for i, rec := range recs {
		arts[i] = &article.Article{Title: article.Ptr(rec.Title), Published: article.Ptr(rec.Date), Paragraphs: rec.Paragraphs()}
	}
	return arts
}

// BenchmarkAdd is story assignment alone, per article, over the bundled
// corpus fed again and again (later rounds join the first round's
// stories, as syndicated copies would).
func BenchmarkAdd(b *testing.B) {
	arts := wikinews(b)
	c := New(Options{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Add(arts[i%len(arts)])
		i++
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/float64(max(len(c.live), 1)), "heap-B/open-story")
}

func FuzzForWords(f *testing.F) {
	f.Add("NATO’s chief said the 6.1-magnitude quake hit O'Neill's town")
	f.Add("\xff'’s ''a b9 Ⱥ")
	f.Fuzz(func(t *testing.T, s string) {
		forWords(s, func(w string) {
			if utf8.RuneCountInString(w) < 2 || strings.ToLower(w) != w && utf8.ValidString(w) {
				t.Errorf("word %q from %q", w, s)
			}
			if stopWords[w] {
				t.Errorf("stop word %q from %q", w, s)
			}
		})
	})
}
