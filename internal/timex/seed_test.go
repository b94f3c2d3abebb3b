package timex

import (
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/text"
)

// tagLines tags each line of a file as a paragraph of one article.
func tagLines(t *testing.T, path, ref string) ([]string, []article.Date) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	tg := New()
	dc := NewDocContext(ref)
	var dates []article.Date
	for p, para := range paras {
		toks := text.Tokenize(para)
		dates = tg.Tag(dates, p, para, toks, text.Sentences(para, toks), dc)
	}
	return paras, dates
}

// The seed article's must dates (../shared/seed, gold "dates"), checked
// as the seed checker does: the tagged text inside the gold text or the
// other way round, with the same value.
func TestSeedDates(t *testing.T) {
	paras, dates := tagLines(t, "testdata/seed_000.txt", "2023-04-20")
	must := []struct {
		text, value string
		para        int // -1: any
		mod         string
	}{
		{"Thursday", "2023-04-20", -1, ""},
		{"in 2008", "2008", -1, ""},
		{"in July", "2023-07", -1, ""},
		{"Friday", "2023-04-21", 5, ""},     // seed line 15
		{"On Friday", "2023-04-21", 11, ""}, // seed line 27
		{"early 2024", "2024", -1, "START"},
		{"Earlier this month", "2023-04", -1, "START"},
		{"the previous day", "2023-04-19", -1, ""},
	}
	for _, m := range must {
		ok := false
		for _, d := range dates {
			lt, lg := strings.ToLower(d.Text), strings.ToLower(m.text)
			if !strings.Contains(lt, lg) && !strings.Contains(lg, lt) {
				continue
			}
			if d.Value != m.value || m.para >= 0 && d.P != m.para {
				continue
			}
			if m.mod != "" && article.Str(d.Mod) != m.mod {
				continue
			}
			if paras[d.P][d.Start:d.End] != d.Text {
				t.Errorf("%q: span %d:%d does not hold its text", d.Text, d.Start, d.End)
			}
			ok = true
		}
		if !ok {
			t.Errorf("%q: want %s, got %v", m.text, m.value, dates)
		}
	}
}
