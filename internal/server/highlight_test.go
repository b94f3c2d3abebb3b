package server

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

// render writes a paragraph's layout in a compact form: [q: …] a quote,
// {Class: …} an inner span.
func renderRuns(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Quote != nil {
			b.WriteString("[q:")
		}
		for _, p := range r.Pieces {
			if p.Class != "" {
				b.WriteString("{" + p.Class + ":" + p.Text + "}")
			} else {
				b.WriteString(p.Text)
			}
		}
		if r.Quote != nil {
			b.WriteString("]")
		}
	}
	return b.String()
}

func TestParagraphs(t *testing.T) {
	text := "Jens Stoltenberg said “Ukraine belongs in NATO” on Thursday in Kyiv."
	span := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	ent := func(name, typ, s string) article.Entity {
		start, end := span(s)
		return article.Entity{Name: name, Type: typ, Mentions: []article.Mention{{P: 0, Start: start, End: end, Text: s}}}
	}
	qs, qe := span("Ukraine belongs in NATO")
	ds, de := span("Thursday")
	tests := []struct {
		name string
		a    article.Article
		want string
	}{
		{
			name: "plain",
			a:    article.Article{},
			want: text,
		},
		{
			name: "entities, a quote around some, a date",
			a: article.Article{
				Entities: []article.Entity{ent("Jens Stoltenberg", "PER", "Jens Stoltenberg"), ent("NATO", "ORG", "NATO"), ent("Kyiv", "LOC", "Kyiv"), ent("Ukraine", "LOC", "Ukraine")},
				Quotes:   []article.Quote{{Kind: "direct", P: 0, Start: qs, End: qe}},
				Dates:    []article.Date{{P: 0, Start: ds, End: de, Value: "2023-04-20"}},
			},
			want: "{ent ent-PER:Jens Stoltenberg} said “[q:{ent ent-LOC:Ukraine} belongs in {ent ent-ORG:NATO}]” on {date:Thursday} in {ent ent-LOC:Kyiv}.",
		},
		{
			name: "a mention across the quote's edge is cut there",
			a: article.Article{
				Entities: []article.Entity{ent("X", "MISC", "“Ukraine belongs")},
				Quotes:   []article.Quote{{Kind: "direct", P: 0, Start: qs, End: qe}},
			},
			want: "Jens Stoltenberg said {ent ent-MISC:“}[q:{ent ent-MISC:Ukraine belongs} in NATO]” on Thursday in Kyiv.",
		},
		{
			name: "overlaps: the earlier, then the longer, wins",
			a: article.Article{
				Entities: []article.Entity{ent("Stoltenberg", "PER", "Stoltenberg"), ent("Jens Stoltenberg", "PER", "Jens Stoltenberg"), ent("Kyiv", "LOC", "Kyiv")},
				Dates:    []article.Date{{P: 0, Start: strings.Index(text, "Kyiv") - 3, End: strings.Index(text, "Kyiv") + 2}},
			},
			want: "{ent ent-PER:Jens Stoltenberg} said “Ukraine belongs in NATO” on Thursday {date:in Ky}iv.",
		},
		{
			name: "bad offsets are ignored",
			a: article.Article{
				Entities: []article.Entity{{Name: "A", Type: "PER", Mentions: []article.Mention{
					{P: 0, Start: -1, End: 3}, {P: 0, Start: 5, End: 5}, {P: 0, Start: 10, End: 1000}, {P: 3, Start: 0, End: 2},
					// inside the three bytes of “
					{P: 0, Start: qs - 2, End: qs},
				}}},
				Quotes: []article.Quote{{P: 0, Start: 4, End: 2}, {P: -1, Start: 0, End: 1}},
			},
			want: text,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.a.Paragraphs = []string{text}
			ps := paragraphs(&tt.a)
			if len(ps) != 1 || ps[0].ID != "p0" {
				t.Fatalf("paragraphs: %+v", ps)
			}
			if got := renderRuns(ps[0].Runs); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			// Nothing is lost or doubled.
			var all strings.Builder
			for _, r := range ps[0].Runs {
				for _, p := range r.Pieces {
					all.WriteString(p.Text)
				}
			}
			if all.String() != text {
				t.Errorf("pieces spell %q", all.String())
			}
		})
	}
}

func TestParagraphsEmpty(t *testing.T) {
	a := &article.Article{Paragraphs: []string{""}}
	if got := paragraphs(a); len(got) != 1 || len(got[0].Runs) != 1 {
		t.Errorf("paragraphs of an empty paragraph: %+v", got)
	}
}

func TestQuoteSpeakerLinks(t *testing.T) {
	a := &article.Article{
		Paragraphs: []string{"“Go,” she said."},
		Quotes:     []article.Quote{{Kind: "direct", Speaker: article.Ptr("Ann / Lee"), P: 0, Start: 3, End: 5}},
	}
	runs := paragraphs(a)[0].Runs
	if len(runs) != 3 || runs[1].Quote == nil || runs[1].Quote.SpeakerURL != "/speakers/Ann%20%2F%20Lee" {
		t.Errorf("runs %+v", runs)
	}
}
