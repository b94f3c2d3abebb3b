package annotate

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/text"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func annotator(t testing.TB) *Annotator {
	t.Helper()
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	return New(m)
}

// TestGolden annotates paragraphs of a real article (an excerpt of the
// seed page's body) and compares the entities with a golden file.
func TestGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	art := &article.Article{Paragraphs: strings.Split(strings.TrimSpace(string(b)), "\n")}
	annotator(t).Annotate(art)
	var got strings.Builder
	for _, e := range art.Entities {
		var ms []string
		for _, m := range e.Mentions {
			if art.Paragraphs[m.P][m.Start:m.End] != m.Text {
				t.Errorf("mention %+v does not spell its offsets", m)
			}
			ms = append(ms, fmt.Sprintf("%d:%d %s", m.P, m.Start, m.Text))
		}
		fmt.Fprintf(&got, "%s\t%s\t%s\n", e.Type, e.Name, strings.Join(ms, " | "))
	}
	golden := filepath.Join("testdata", "seed.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("entities differ from %s (run with -update after checking):\n%s", golden, got.String())
	}
}

// TestMustEntities holds the names a reader of the seed article expects,
// with their types, whatever else the golden file says.
func TestMustEntities(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	art := &article.Article{Paragraphs: strings.Split(strings.TrimSpace(string(b)), "\n")}
	annotator(t).Annotate(art)
	have := map[string]string{}
	for _, e := range art.Entities {
		have[e.Name] = e.Type
	}
	for name, typ := range map[string]string{
		"Jens Stoltenberg": "PER", "Volodymyr Zelenskyy": "PER", "Vladimir Putin": "PER",
		"Dmitry Peskov": "PER", "Joe Biden": "PER", "Lloyd Austin": "PER",
		"NATO": "ORG", "Kremlin": "ORG", "Ukraine Space Agency": "ORG",
		"Ukraine": "LOC", "Kyiv": "LOC", "Russia": "LOC", "Moscow": "LOC", "Vilnius": "LOC",
		"Germany": "LOC", "Belarus": "LOC",
	} {
		if have[name] != typ {
			t.Errorf("%s: got type %q, want %s", name, have[name], typ)
		}
	}
	for name := range have {
		if strings.HasPrefix(name, "President ") || strings.HasSuffix(name, "’s") || strings.HasPrefix(name, "the ") {
			t.Errorf("name with a title, possessive or article: %q", name)
		}
	}
}

func TestNotEnglish(t *testing.T) {
	de := "de"
	art := &article.Article{Language: &de, Paragraphs: []string{"Bundeskanzler Olaf Scholz reiste am Donnerstag nach Kiew."}}
	annotator(t).Annotate(art)
	if art.Entities == nil || len(art.Entities) != 0 {
		t.Errorf("German article: got entities %v, want [] (the model reads English)", art.Entities)
	}
}

// wikinewsParagraphs reads the bundled corpus's articles as paragraphs.
func wikinewsParagraphs(t testing.TB) [][]string {
	recs, err := corpus.Articles()
	if err != nil {
		t.Fatal(err)
	}
	docs := make([][]string, len(recs))
	for i, rec := range recs {
		docs[i] = rec.Paragraphs()
	}
	return docs
}

// BenchmarkAnnotate is the whole annotate stage from clean paragraphs:
// tokens, sentences, the recognizer's two passes, resolution and time
// expressions, over the bundled Wikinews corpus; "no-dates" leaves the
// time tagger out, to measure what it adds. tokens/s is per core with
// GOMAXPROCS=1.
func BenchmarkAnnotate(b *testing.B) {
	docs := wikinewsParagraphs(b)
	tokens := 0
	for _, d := range docs {
		for _, p := range d {
			tokens += len(text.Tokenize(p))
		}
	}
	perDoc := float64(tokens) / float64(len(docs))
	for _, bc := range []struct {
		name  string
		dates bool
	}{{"all", true}, {"no-dates", false}} {
		b.Run(bc.name, func(b *testing.B) {
			a := annotator(b)
			if !bc.dates {
				a.timex = nil
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			n := 0
			for b.Loop() {
				art := &article.Article{Paragraphs: docs[n%len(docs)]}
				a.Annotate(art)
				n++
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(perDoc*float64(n)/b.Elapsed().Seconds(), "tokens/s")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/(perDoc*float64(n)), "allocs/token")
		})
	}
}
