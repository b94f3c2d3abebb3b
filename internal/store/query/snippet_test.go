package query

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("filler words here. ", 30)
	tests := []struct {
		text, q string
		width   int
		want    string // matches in [brackets]
	}{
		{"NATO chief Jens Stoltenberg met NATO allies.", "nato", 10, "[NATO] chief Jens Stoltenberg met [NATO] allies."},
		{"The elections and the elected.", "elect*", 10, "The [elections] and the [elected]."},
		{"A café in Zürich.", "cafe zurich", 10, "A [café] in [Zürich]."},
		{"Ukraine’s rightful place is in NATO.", `"rightful place"`, 10, "Ukraine’s [rightful place] is in NATO."},
		{"nato and kyiv", "nato -kyiv", 10, "[nato] and kyiv"},
		{"covid-19 cases rose", "covid-19", 10, "[covid-19] cases rose"},
		{"no match here", "nato", 10, "no match here"},
		{"", "nato", 10, ""},
		{long + "the NATO summit " + long, "nato", 6, "…the [NATO] summit filler words here…"},
		{"one two three four five six seven", "seven", 3, "…five six [seven]"},
		{"<script>alert(1)</script> nato", "script nato", 10, "<[script]>alert(1)</[script]> [nato]"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		s, spans := Snippet(tt.text, n, tt.width)
		var b strings.Builder
		at := 0
		for _, sp := range spans {
			b.WriteString(s[at:sp.Start] + "[" + s[sp.Start:sp.End] + "]")
			at = sp.End
		}
		b.WriteString(s[at:])
		if b.String() != tt.want {
			t.Errorf("Snippet(%q, %q) = %q, want %q", tt.text, tt.q, b.String(), tt.want)
		}
	}
}

func TestSnippetBestWindow(t *testing.T) {
	// Both terms together beat either alone, however often.
	text := "nato nato nato nato. " + strings.Repeat("x ", 50) + "ukraine and nato together. " + strings.Repeat("y ", 50)
	n, _ := Parse("nato ukraine")
	s, spans := Snippet(text, n, 8)
	if !strings.Contains(s, "ukraine and nato") || len(spans) != 2 {
		t.Errorf("Snippet = %q %v, want the window with both terms", s, spans)
	}
}

func BenchmarkSnippet(b *testing.B) {
	text := strings.Repeat("Zelenskyy urged NATO to give Ukraine a roadmap to membership, officials said on Thursday. ", 40)
	n, _ := Parse("roadmap OR membership*")
	for b.Loop() {
		Snippet(text, n, 28)
	}
}

// TestMatchAtReference checks the ASCII fast path of tokens and matchAt
// against their definition: every token folded with Fold, compared as
// strings.
func TestMatchAtReference(t *testing.T) {
	texts := []string{
		"NATO chief Jens Stoltenberg said Ukraine's place is in NATO.",
		"Zoë Ångström met the ÉLECTION board; elections, elected, Electric!",
		"İstanbul ıstanbul STRASSE straße ﬁnance K-pop 3.5 _x_ a\u0301b",
		"Mixed\u00a0spaces\tand\nlines, Café CAFÉ cafe",
	}
	queries := []string{"nato", "stoltenberg said", "elect*", "e*", "istanbul", "straße", "café", "cafe*", "k pop", "ab", "ångström", "zoe"}
	for _, text := range texts {
		toks := tokens(text)
		for i, tk := range toks {
			if tk.folded() != Fold(tk.word) || tk.word != text[tk.start:tk.end] {
				t.Errorf("%q: token %d %q folds to %q, want %q", text, i, tk.word, tk.folded(), Fold(tk.word))
			}
		}
		for _, q := range queries {
			n, err := Parse(q)
			if err != nil || n == nil {
				t.Fatalf("%q: %v", q, err)
			}
			for _, p := range patterns(n) {
				for i := range toks {
					want := i+len(p.words) <= len(toks)
					for k, w := range p.words {
						if !want {
							break
						}
						f := Fold(toks[i+k].word)
						if p.prefix && k == len(p.words)-1 {
							want = strings.HasPrefix(f, w)
						} else {
							want = f == w
						}
					}
					if got := matchAt(toks, i, p); got != want {
						t.Errorf("%q in %q at token %d: %v, want %v", q, text, i, got, want)
					}
				}
			}
		}
	}
}
