package timex

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/text"
)

// FuzzTag: any paragraph with any reference date tags without a panic,
// every span lies in the paragraph on token boundaries (or, for a range
// written as one token, "2009-2010", at its hyphen), holds its text, and
// every value is well formed for its type, and the spans come in text
// order without overlapping.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"NATO chief Jens Stoltenberg defiantly declared Thursday that Ukraine’s place is in NATO, just over a year ago.",
		"On Friday, Stoltenberg will attend a meeting. The previous day was Apr. 20, 2023.",
		"Earlier this month, Finland joined; Sweden is expected to join in coming months, by early 2024 or in July.",
		"The 2009-2010 season, the 1990s, the '80s, mid-1996, the third quarter of 1989, a year earlier.",
		"at 3 p.m. EDT Thursday, 10:35 a.m., noon Saturday, every Monday, twice a week, $5 a year.",
		"two weeks ago, a couple of seconds, 2 1/2 years, the next 12 to 18 months, decades-long.",
		"Christmas, Thanksgiving Day, New Year's Eve, Easter Sunday, Good Friday, 2023-04-20, 4/20/2023.",
		"",
		"May May May. March 2023 the the the last last next",
	} {
		f.Add(s, "2023-04-20")
		f.Add(s, "")
	}
	f.Add("nineteen ninety-six and the year two thousand", "1998-02-29")
	f.Add("the day before yesterday, the weekend, last night", "0001-01-01")
	tg := New()
	f.Fuzz(func(t *testing.T, para, ref string) {
		toks := text.Tokenize(para)
		sents := text.Sentences(para, toks)
		dc := NewDocContext(ref)
		starts := map[int]bool{}
		ends := map[int]bool{}
		for _, k := range toks {
			starts[k.Start] = true
			ends[k.End] = true
		}
		for round := 0; round < 2; round++ {
			dates := tg.Tag(nil, 7, para, toks, sents, dc)
			for k, d := range dates {
				if k > 0 && d.Start < dates[k-1].End {
					t.Fatalf("%q overlaps or precedes %q", d.Text, dates[k-1].Text)
				}
				if d.P != 7 {
					t.Fatalf("P %d", d.P)
				}
				if d.Start < 0 || d.End > len(para) || d.Start >= d.End {
					t.Fatalf("span %d:%d outside %d bytes", d.Start, d.End, len(para))
				}
				if para[d.Start:d.End] != d.Text {
					t.Fatalf("text %q at %d:%d", d.Text, d.Start, d.End)
				}
				if !starts[d.Start] && !(d.Start > 0 && para[d.Start-1] == '-') {
					t.Fatalf("%q starts inside a token", d.Text)
				}
				if !ends[d.End] && !(d.End < len(para) && para[d.End] == '-') {
					t.Fatalf("%q ends inside a token", d.Text)
				}
				if !ValidValue(d.Type, d.Value) {
					t.Fatalf("%q: %s value %q is not well formed", d.Text, d.Type, d.Value)
				}
				if d.Mod != nil && !strings.Contains(" START END MID APPROX MORE_THAN LESS_THAN EQUAL_OR_MORE EQUAL_OR_LESS BEFORE AFTER ON_OR_AFTER ON_OR_BEFORE ", " "+*d.Mod+" ") {
					t.Fatalf("%q: mod %q", d.Text, *d.Mod)
				}
			}
		}
	})
}
