package quote_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/annotate"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/quote"
)

// seedArticle is the seed page's body (../shared/seed), one paragraph a
// line, with its entities from the shipped recognizer.
func seedArticle(t testing.TB) ([]quote.Paragraph, []article.Entity) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	art := &article.Article{Paragraphs: strings.Split(strings.TrimSpace(string(b)), "\n")}
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	annotate.New(m).Annotate(art)
	return quote.Prepare(art.Paragraphs), art.Entities
}

func finder(t testing.TB) *quote.Finder {
	t.Helper()
	f, err := quote.Default()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// bare compares quote texts as ../shared/tools/seedcheck does: typography
// folded, edge punctuation off, lower case.
func bare(s string) string {
	r := strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "—", "-", "–", "-")
	s = strings.Join(strings.Fields(r.Replace(s)), " ")
	return strings.ToLower(strings.Trim(s, " \"'.,;:!?-"))
}

// TestSeedMustQuotes checks the seed gold's 14 must quotes
// (../shared/seed/000_d6a30c3b1669f77a.gold.json) through Find, matched
// as seedcheck matches them: kind, paragraph, text (whole or prefix) and
// speaker (or, for an unnamed speaker, the mention's words).
func TestSeedMustQuotes(t *testing.T) {
	paras, ents := seedArticle(t)
	qs := finder(t).Find(paras, ents)
	for _, q := range qs {
		t.Logf("%s p%d %q speaker=%v cue=%q mention=%v", q.Kind, q.P, q.Text, article.Str(q.Speaker), q.Cue, q.Mention)
	}
	must := []struct {
		kind    string
		p       int
		text    string // whole text, or prefix when prefix is set
		prefix  bool
		speaker []string
	}{
		{"direct", 4, "Let me be clear, Ukraine’s rightful place is in the Euro-Atlantic family,", false, []string{"Jens Stoltenberg"}},
		{"direct", 4, "Ukraine’s rightful place is in NATO.", false, []string{"Jens Stoltenberg"}},
		{"direct", 6, "The time has come for the (alliance’s) leaders", true, []string{"Volodymyr Zelenskyy"}},
		{"direct", 8, "This will help you transition from Soviet-era equipment and doctrines to NATO standards and ensure full interoperability with the alliance,", false, []string{"Jens Stoltenberg"}},
		{"direct", 8, "NATO stands with you today, tomorrow and for as long as it takes.", false, []string{"Jens Stoltenberg"}},
		{"partial", 0, "rightful place", false, []string{"Jens Stoltenberg"}},
		{"partial", 10, "make new announcements of concrete military support to Ukraine", false, []string{"Jens Stoltenberg"}},
		{"partial", 12, "all means available", false, []string{"Vladimir Putin"}},
		{"partial", 16, "serious, significant threat to our country, to our country’s security.", false, []string{"Dmitry Peskov"}},
		{"indirect", 3, "Ukraine would join the alliance one day", true, []string{"NATO", "NATO leaders"}},
		{"indirect", 5, "he was grateful", true, []string{"Volodymyr Zelenskyy"}},
		{"indirect", 7, "he and Zelenskyy discussed", true, []string{"Jens Stoltenberg"}},
		{"indirect", 16, "preventing Ukraine from joining NATO remains", true, []string{"Dmitry Peskov"}},
		{"indirect", 21, "a bright flash of light", true, []string{"Ukraine Space Agency"}},
	}
	found := 0
	for _, g := range must {
		var hit *article.Quote
		for i := range qs {
			q := &qs[i]
			if q.Kind != g.kind || q.P != g.p {
				continue
			}
			if b := bare(q.Text); g.prefix && !strings.HasPrefix(b, bare(g.text)) || !g.prefix && b != bare(g.text) {
				continue
			}
			hit = q
			break
		}
		if hit == nil {
			t.Errorf("missing %s quote in paragraph %d: %q", g.kind, g.p, g.text)
			continue
		}
		got := article.Str(hit.Speaker)
		if got == "" && hit.Mention != nil {
			got = hit.Mention.Text
		}
		ok := false
		for _, s := range g.speaker {
			ok = ok || strings.EqualFold(got, s)
		}
		if !ok {
			t.Errorf("%s quote %q: speaker %q, want %q", g.kind, g.text, got, g.speaker[0])
			continue
		}
		found++
	}
	t.Logf("%d/%d must quotes right", found, len(must))
}
