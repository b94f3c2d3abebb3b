package clean

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// articleParagraphs is a wire story of realistic paragraph lengths.
var articleParagraphs = []string{
	"KYIV, Ukraine (AP) — NATO chief Jens Stoltenberg defiantly declared Thursday that Ukraine’s “rightful place” is in the military alliance and pledged more support for the country on his first visit to Kyiv since Russia’s invasion just over a year ago.",
	"Ukrainian President Volodymyr Zelenskyy urged Stoltenberg, who has been instrumental in marshaling support from NATO members, to push for even more from them, including warplanes, artillery and armored equipment.",
	"The Kremlin has given various justifications for going to war, but repeated Thursday that preventing Ukraine from joining NATO is still a key goal of its invasion.",
	"“Let me be clear, Ukraine’s rightful place is in the Euro-Atlantic family,” Stoltenberg told a news conference. “Ukraine’s rightful place is in NATO.”",
	"Zelenskyy said he was grateful for an invitation to a NATO summit in July in Vilnius, Lithuania, but said his country needs a roadmap for becoming a member.",
}

// wrap hard-wraps s at width columns, breaking at spaces, as mail
// archives and wire feeds do.
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(s) {
		if cur.Len() > 0 && utf8.RuneCountInString(cur.String())+1+utf8.RuneCountInString(w) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// wrappedText lays paragraphs out hard-wrapped at width, a blank line
// between paragraphs.
func wrappedText(paras []string, width int, nl string) string {
	var blocks []string
	for _, p := range paras {
		blocks = append(blocks, strings.Join(wrap(p, width), nl))
	}
	return strings.Join(blocks, nl+nl) + nl
}

func TestWrapHelper(t *testing.T) {
	for _, p := range articleParagraphs {
		lines := wrap(p, 70)
		if len(lines) < 2 {
			t.Errorf("paragraph not wrapped: %q", p)
		}
		for _, l := range lines {
			if n := utf8.RuneCountInString(l); n > 70 {
				t.Errorf("line of %d runes: %q", n, l)
			}
		}
		if strings.Join(lines, " ") != p {
			t.Errorf("wrap lost text of %q", p)
		}
	}
}

func TestSplitParagraphs(t *testing.T) {
	seed := []string{
		"close",
		"Fox News Flash top headlines are here. Check out what’s clicking on Foxnews.com.",
		articleParagraphs[0],
		articleParagraphs[1],
		"RUSSIA’S MEDVEDEV THREATENS TO ARM NORTH KOREA IF SOUTH KOREA ARMS UKRAINE",
		articleParagraphs[2],
	}
	menu := []string{"Home", "World", "U.S.", "Politics", "Business"}
	tests := []struct {
		name string
		in   string
		want []string
		bug  string
	}{
		{
			name: "one paragraph per line",
			in:   strings.Join(seed, "\n") + "\n",
			want: seed,
		},
		{
			name: "one paragraph per line, no final newline",
			in:   strings.Join(seed, "\n"),
			want: seed,
		},
		{
			name: "one paragraph per line, blank lines between",
			in:   strings.Join(articleParagraphs, "\n\n") + "\n",
			want: articleParagraphs,
		},
		{
			name: "hard-wrapped at 70 columns",
			in:   wrappedText(articleParagraphs, 70, "\n"),
			want: articleParagraphs,
		},
		{
			name: "hard-wrapped at 72 columns with CRLF",
			in:   wrappedText(articleParagraphs, 72, "\r\n"),
			want: articleParagraphs,
		},
		{
			name: "hard-wrapped with a headline and a menu block above",
			in: "Home\nWorld\nU.S.\nPolitics\nBusiness\n\nNATO chief visits Kyiv\n\n" +
				wrappedText(articleParagraphs, 70, "\n"),
			// In wrapped text a block is a paragraph: the menu's
			// lines join as a wrapper would have left them.
			want: append([]string{strings.Join(menu, " "), "NATO chief visits Kyiv"}, articleParagraphs...),
		},
		{
			name: "CRLF one paragraph per line",
			in:   strings.Join(seed, "\r\n") + "\r\n",
			want: seed,
		},
		{
			name: "old Mac CR line ends",
			in:   strings.Join(seed, "\r"),
			want: seed,
		},
		{
			name: "white space collapsed",
			in:   "  Kyiv,\tUkraine\u00a0— NATO\u2009chief  visits.  \n\n\u200b\n \t \nSecond\u202fline\f here. ",
			want: []string{"Kyiv, Ukraine — NATO chief visits.", "Second line here."},
		},
		{
			name: "empty",
			in:   "",
			want: nil,
		},
		{
			name: "blank lines only",
			in:   "\n\r\n \t\n\u00a0\n",
			want: nil,
		},
		{
			name: "short one-line paragraphs with a blank line after the headline",
			// A scraper dump of a story told in short paragraphs (one
			// per line, each 100 to 150 characters), the headline set
			// apart by a blank line. Every line ends a sentence: none
			// was wrapped.
			in: "NATO chief makes first visit to Kyiv since the war began\n\n" +
				"NATO chief Jens Stoltenberg made his first visit to Kyiv since Russia's invasion on Thursday, officials said.\n" +
				"Ukrainian President Volodymyr Zelenskyy urged him to push allies for warplanes, artillery and armor.\n" +
				"The Kremlin repeated that keeping Ukraine out of NATO remains a key goal of what it calls its operation.\n" +
				"Stoltenberg said Ukraine's rightful place is in the alliance and that NATO will stand with Kyiv.\n" +
				"Zelenskyy said he was grateful for an invitation to the NATO summit in Vilnius in July this year.\n",
			want: []string{
				"NATO chief makes first visit to Kyiv since the war began",
				"NATO chief Jens Stoltenberg made his first visit to Kyiv since Russia's invasion on Thursday, officials said.",
				"Ukrainian President Volodymyr Zelenskyy urged him to push allies for warplanes, artillery and armor.",
				"The Kremlin repeated that keeping Ukraine out of NATO remains a key goal of what it calls its operation.",
				"Stoltenberg said Ukraine's rightful place is in the alliance and that NATO will stand with Kyiv.",
				"Zelenskyy said he was grateful for an invitation to the NATO summit in Vilnius in July this year.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			knownBug(t, tt.bug)
			got := SplitParagraphs(tt.in)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitParagraphs(%q)\n got %d: %q\nwant %d: %q", tt.in, len(got), got, len(tt.want), tt.want)
			}
		})
	}
}

// TestSplitParagraphsCRLFSame checks that CRLF and LF give the same
// paragraphs, whatever the layout.
func TestSplitParagraphsCRLFSame(t *testing.T) {
	for _, lf := range []string{
		wrappedText(articleParagraphs, 70, "\n"),
		strings.Join(articleParagraphs, "\n"),
		strings.Join(articleParagraphs, "\n\n"),
	} {
		crlf := strings.ReplaceAll(lf, "\n", "\r\n")
		if a, b := SplitParagraphs(lf), SplitParagraphs(crlf); !reflect.DeepEqual(a, b) {
			t.Errorf("LF and CRLF differ:\n%q\n%q", a, b)
		}
	}
}
