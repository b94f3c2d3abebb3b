package entity

import (
	"fmt"
	"strings"
	"testing"
)

// span finds the n-th occurrence (from 0) of sub in paragraph p and
// returns it as a mention of type typ: tests name spans by their text,
// as a reader would.
func span(t *testing.T, paras []string, p int, sub string, n int, typ string) Mention {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(paras[p][off:], sub)
		if j < 0 {
			t.Fatalf("%q not found %d times in paragraph %d", sub, n+1, p)
		}
		if i == n {
			return Mention{P: p, Start: off + j, End: off + j + len(sub), Type: typ}
		}
		off += j + len(sub)
	}
}

// summary prints entities as "TYPE Name: mention, mention".
func summary(paras []string, ms []Mention) []string {
	var out []string
	for _, e := range Resolve(paras, ms) {
		var texts []string
		for _, m := range e.Mentions {
			if paras[m.P][m.Start:m.End] != m.Text {
				texts = append(texts, fmt.Sprintf("BAD OFFSETS %q", m.Text))
				continue
			}
			texts = append(texts, m.Text)
		}
		out = append(out, e.Type+" "+e.Name+": "+strings.Join(texts, ", "))
	}
	return out
}

type spanSpec struct {
	p    int
	text string
	n    int
	typ  string
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		spans []spanSpec
		want  []string
	}{
		{
			name: "surname links to the full name; titles and possessives trimmed",
			paras: []string{
				"NATO chief Jens Stoltenberg defiantly declared Thursday that Ukraine’s “rightful place” is in the military alliance.",
				"Ukrainian President Volodymyr Zelenskyy urged Stoltenberg to push for even more.",
				"Stoltenberg said he and Zelenskyy discussed a NATO support program for Ukraine.",
			},
			spans: []spanSpec{
				{0, "NATO", 0, ORG}, {0, "Jens Stoltenberg", 0, PER}, {0, "Ukraine’s", 0, LOC},
				{1, "Ukrainian", 0, MISC}, {1, "President Volodymyr Zelenskyy", 0, PER}, {1, "Stoltenberg", 0, PER},
				{2, "Stoltenberg", 0, LOC}, {2, "Zelenskyy", 0, PER}, {2, "NATO", 0, ORG}, {2, "Ukraine", 0, LOC},
			},
			want: []string{
				"ORG NATO: NATO, NATO",
				"PER Jens Stoltenberg: Jens Stoltenberg, Stoltenberg, Stoltenberg",
				"LOC Ukraine: Ukraine, Ukraine",
				"MISC Ukrainian: Ukrainian",
				"PER Volodymyr Zelenskyy: Volodymyr Zelenskyy, Zelenskyy",
			},
		},
		{
			name: "an honorific makes a person whatever the tagger said (Neanderthal bone tools, Wikinews)",
			paras: []string{
				"A study conducted by archæologist Dr. Naomi Martisius and other researchers was published.",
				"Dr Martisius said such non-destructive ZooMS analysis was previously conducted.",
			},
			spans: []spanSpec{{0, "Naomi Martisius", 0, PER}, {1, "Dr Martisius", 0, ORG}},
			want:  []string{"PER Naomi Martisius: Naomi Martisius, Martisius"},
		},
		{
			name:  "a firm named after a doctor stays a firm",
			paras: []string{"Dr. Reddy's Laboratories said it would sell the vaccine in India."},
			spans: []spanSpec{{0, "Dr. Reddy's Laboratories", 0, ORG}, {0, "India", 0, LOC}},
			want:  []string{"ORG Dr. Reddy's Laboratories: Dr. Reddy's Laboratories", "LOC India: India"},
		},
		{
			name:  "two halves of one name the tagger cut apart (Bangladesh coronavirus cases, Wikinews)",
			paras: []string{"According to the director of IEDCR, Dr Meerjady Sabrina Flora, the three were in stable condition."},
			spans: []spanSpec{{0, "IEDCR", 0, ORG}, {0, "Dr Meerjady", 0, ORG}, {0, "Sabrina Flora", 0, PER}},
			want:  []string{"ORG IEDCR: IEDCR", "PER Meerjady Sabrina Flora: Meerjady Sabrina Flora"},
		},
		{
			name:  "two people with a comma or a word between stay two",
			paras: []string{"Pierce, Hawkins and La Riva debated."},
			spans: []spanSpec{{0, "Pierce", 0, PER}, {0, "Hawkins", 0, PER}, {0, "La Riva", 0, PER}},
			want:  []string{"PER Pierce: Pierce", "PER Hawkins: Hawkins", "PER La Riva: La Riva"},
		},
		{
			name: "the Kremlin is an organisation, named without its article",
			paras: []string{
				"The Kremlin has given various justifications for going to war.",
				"Kremlin spokesman Dmitry Peskov said Thursday that the goal remains. Peskov said more.",
			},
			spans: []spanSpec{
				{0, "The Kremlin", 0, LOC}, {1, "Kremlin", 0, LOC}, {1, "Dmitry Peskov", 0, PER}, {1, "Peskov", 1, PER},
			},
			want: []string{
				"ORG Kremlin: Kremlin, Kremlin",
				"PER Dmitry Peskov: Dmitry Peskov, Peskov",
			},
		},
		{
			name: "a surname of two words the recognizer took for a place (On_the_campaign_trail_in_the_USA,_October_2020)",
			paras: []string{
				"Gloria La Riva of the Party for Socialism and Liberation took part.",
				"La Riva disagreed, stating that the Electoral College should be eliminated.",
				"Jordan played. Michael Jordan spoke.",
				"From La Silla we observed it, at La Silla, near La Silla.",
				"Whereas Pierce and Hawkins all felt parties should decide, La Riva favored the open primary system.",
			},
			spans: []spanSpec{
				{0, "Gloria La Riva", 0, PER}, {0, "Party for Socialism and Liberation", 0, ORG},
				{1, "La Riva", 0, LOC}, {1, "Electoral College", 0, ORG},
				{2, "Jordan", 0, LOC}, {2, "Michael Jordan", 0, PER},
				{3, "From La Silla", 0, PER}, {3, "La Silla", 1, LOC}, {3, "La Silla", 2, LOC},
				{4, "Whereas Pierce", 0, PER}, {4, "Hawkins", 0, PER}, {4, "La Riva", 0, PER},
			},
			want: []string{
				"PER Gloria La Riva: Gloria La Riva, La Riva, La Riva",
				"ORG Party for Socialism and Liberation: Party for Socialism and Liberation",
				"ORG Electoral College: Electoral College",
				"LOC Jordan: Jordan",
				"PER Michael Jordan: Michael Jordan",
				"LOC La Silla: La Silla, La Silla, La Silla",
				"PER Pierce: Pierce",
				"PER Hawkins: Hawkins",
			},
		},
		{
			name: "a surname before the full name looks ahead",
			paras: []string{
				"Biden spoke first.",
				"U.S. President Joe Biden and Defense Secretary Lloyd Austin met in Vilnius.",
			},
			spans: []spanSpec{
				{0, "Biden", 0, PER}, {1, "U.S.", 0, LOC}, {1, "Joe Biden", 0, PER},
				{1, "Defense Secretary Lloyd Austin", 0, PER}, {1, "Vilnius", 0, LOC},
			},
			want: []string{
				"PER Joe Biden: Biden, Joe Biden",
				"LOC U.S.: U.S.",
				"PER Lloyd Austin: Lloyd Austin",
				"LOC Vilnius: Vilnius",
			},
		},
		{
			name: "two people with one surname: the most recent is meant",
			paras: []string{
				"Hillary Clinton met Bill Clinton. Clinton said the talks went well.",
			},
			spans: []spanSpec{
				{0, "Hillary Clinton", 0, PER}, {0, "Bill Clinton", 0, PER}, {0, "Clinton", 2, PER},
			},
			want: []string{
				"PER Hillary Clinton: Hillary Clinton",
				"PER Bill Clinton: Bill Clinton, Clinton",
			},
		},
		{
			name: "an ambiguous surname ahead stays on its own",
			paras: []string{
				"Clinton arrived. Hillary Clinton and Bill Clinton spoke.",
			},
			spans: []spanSpec{
				{0, "Clinton", 0, PER}, {0, "Hillary Clinton", 0, PER}, {0, "Bill Clinton", 0, PER},
			},
			want: []string{
				"PER Clinton: Clinton",
				"PER Hillary Clinton: Hillary Clinton",
				"PER Bill Clinton: Bill Clinton",
			},
		},
		{
			name: "a place that shares a first name is not the person",
			paras: []string{
				"Michael Jordan visited Jordan, where Michael signed autographs.",
			},
			spans: []spanSpec{
				{0, "Michael Jordan", 0, PER}, {0, "Jordan", 1, LOC}, {0, "Michael", 1, PER},
			},
			want: []string{
				"PER Michael Jordan: Michael Jordan, Michael",
				"LOC Jordan: Jordan",
			},
		},
		{
			name: "majority type wins across the article",
			paras: []string{
				"Ramstein Air Base is in Germany. Troops left Ramstein Air Base. Ramstein Air Base said nothing.",
			},
			spans: []spanSpec{
				{0, "Ramstein Air Base", 0, LOC}, {0, "Germany", 0, LOC}, {0, "Ramstein Air Base", 1, LOC}, {0, "Ramstein Air Base", 2, ORG},
			},
			want: []string{
				"LOC Ramstein Air Base: Ramstein Air Base, Ramstein Air Base, Ramstein Air Base",
				"LOC Germany: Germany",
			},
		},
		{
			name: "edges: quotes, punctuation and abbreviations",
			paras: []string{
				"He works for “Acme Corp.” and for (U.N.) agencies, said Mr. Smith.",
			},
			spans: []spanSpec{
				{0, "“Acme Corp.”", 0, ORG}, {0, "(U.N.)", 0, ORG}, {0, "Mr. Smith.", 0, PER},
			},
			want: []string{
				"ORG Acme Corp.: Acme Corp.",
				"ORG U.N.: U.N.",
				"PER Smith: Smith",
			},
		},
		{
			name:  "spans out of bounds, empty or overlapping",
			paras: []string{"Angela Merkel spoke in Berlin."},
			spans: []spanSpec{{0, "Angela Merkel", 0, PER}, {0, "Merkel", 0, PER}, {0, "Berlin", 0, LOC}, {0, ".", 0, ORG}},
			want: []string{
				"PER Angela Merkel: Angela Merkel",
				"LOC Berlin: Berlin",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ms []Mention
			for _, s := range tt.spans {
				ms = append(ms, span(t, tt.paras, s.p, s.text, s.n, s.typ))
			}
			ms = append(ms, Mention{P: 5, Start: 0, End: 3, Type: PER}, Mention{P: 0, Start: 3, End: 1000, Type: PER})
			got := summary(tt.paras, ms)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestResolveEmpty(t *testing.T) {
	if got := Resolve(nil, nil); len(got) != 0 {
		t.Errorf("Resolve(nil, nil) = %v", got)
	}
}

// FuzzResolve feeds arbitrary text and spans: no panic, and every mention
// Resolve returns is inside its paragraph and spells what it says.
func FuzzResolve(f *testing.F) {
	f.Add("NATO chief Jens Stoltenberg said. Stoltenberg left.", 11, 27, 34, 45)
	f.Add("the ’s", 0, 6, 4, 6)
	f.Add("\xff\xfe Mr. X", 0, 8, 3, 8)
	f.Fuzz(func(t *testing.T, para string, a, b, c, d int) {
		paras := []string{para, para}
		ms := []Mention{{P: 0, Start: a, End: b, Type: PER}, {P: 1, Start: c, End: d, Type: ORG}, {P: 0, Start: c, End: d, Type: PER}}
		for _, e := range Resolve(paras, ms) {
			if e.Name == "" || len(e.Mentions) == 0 {
				t.Fatalf("empty entity %+v", e)
			}
			for _, m := range e.Mentions {
				if m.P < 0 || m.P >= len(paras) || m.Start < 0 || m.End > len(paras[m.P]) || m.Start >= m.End || paras[m.P][m.Start:m.End] != m.Text {
					t.Fatalf("bad mention %+v", m)
				}
			}
		}
	})
}
