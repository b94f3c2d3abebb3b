package quote_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/quote"
)

// FuzzFind feeds any paragraphs (split at newlines) to Find and FindSpans,
// without entities and with every capitalised word an entity: nothing
// may panic, and every span must lie within its paragraph and spell its
// text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"“Let me be clear,” Stoltenberg told a news conference. “Ukraine’s rightful place is in NATO.”",
		"He said: “unclosed\n“and reopened,” he added.",
		`''Doubled,'' she said. 'Single' "straight" ”reversed“`,
		"according to officials, … — ‘’“”«»",
		"\xff\xfe said \"",
		"",
	} {
		f.Add(s)
	}
	fd, err := quote.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		paras := quote.Prepare(strings.Split(s, "\n"))
		check(t, fd, paras, nil)
		check(t, fd, paras, capsEntities(paras))
	})
}

// capsEntities makes every capitalised token an entity of its own,
// persons mostly, so that the speaker rules run on any text.
func capsEntities(paras []quote.Paragraph) []article.Entity {
	var ents []article.Entity
	for p, para := range paras {
		for _, tk := range para.Tokens {
			if r, _ := utf8.DecodeRuneInString(tk.Text); !unicode.IsUpper(r) {
				continue
			}
			typ := [4]string{"PER", "ORG", "PER", "LOC"}[len(ents)%4]
			ents = append(ents, article.Entity{Name: tk.Text, Type: typ,
				Mentions: []article.Mention{{P: p, Start: tk.Start, End: tk.End, Text: tk.Text}}})
		}
	}
	return ents
}

func check(t *testing.T, fd *quote.Finder, paras []quote.Paragraph, ents []article.Entity) {
	t.Helper()
	for _, q := range fd.Find(paras, ents) {
		if q.P < 0 || q.P >= len(paras) || q.Start < 0 || q.End > len(paras[q.P].Text) || q.Start > q.End {
			t.Fatalf("quote out of bounds: %+v", q)
		}
		if paras[q.P].Text[q.Start:q.End] != q.Text {
			t.Fatalf("quote %+v does not spell its offsets", q)
		}
		if m := q.Mention; m != nil && (m.P < 0 || m.P >= len(paras) || m.Start < 0 || m.End > len(paras[m.P].Text) || paras[m.P].Text[m.Start:m.End] != m.Text) {
			t.Fatalf("mention %+v out of bounds", m)
		}
	}
	for _, a := range fd.FindSpans(paras, ents) {
		for _, sp := range append(append(append([]quote.Span(nil), a.Source...), a.Cue...), a.Content...) {
			if sp.P < 0 || sp.P >= len(paras) || sp.Start < 0 || sp.End > len(paras[sp.P].Text) || sp.Start >= sp.End {
				t.Fatalf("span out of bounds: %+v", sp)
			}
		}
	}
}
