package story

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

// vec makes a unit vector of equally weighted terms.
func vec(terms ...string) vector {
	cs := make([]counted, len(terms))
	for i, t := range terms {
		cs[i] = counted{h: hashTerm(kindWord, t), n: 1, text: t}
	}
	return weigh(cs, func(uint64) float64 { return 1 }, 1, 1)
}

func TestBisect(t *testing.T) {
	var two, one []member
	for i := range 5 {
		extra := fmt.Sprint("x", i)
		two = append(two,
			member{v: vec("heavyweight", "title", "klitschko", "rahman", "seventh", "mannheim", "ibf", extra)},
			member{v: vec("heavyweight", "title", "klitschko", "thompson", "sixth", "bern", "wbo", extra+"b")})
		one = append(one,
			member{v: vec("heavyweight", "title", "klitschko", "rahman", "seventh", "mannheim", "ibf", extra)},
			member{v: vec("heavyweight", "title", "klitschko", "rahman", "seventh", "mannheim", "ibf", extra+"b")})
	}
	inA, cut := bisect(two)
	if inA == nil || cut >= DefaultSplitCut {
		t.Fatalf("two events of one kind not split")
	}
	for i := range two {
		if inA[i] != inA[i%2] {
			t.Errorf("member %d on the wrong side: %v", i, inA)
			break
		}
	}
	if inA, cut := bisect(one); inA != nil && cut < DefaultSplitCut {
		t.Errorf("one event split")
	}
}

func TestClustererSplits(t *testing.T) {
	// With the default merge threshold the parts' centroids are close
	// enough to merge: they must stay apart all the same.
	for _, merge := range []float64{0.99, 0} {
		t.Run(fmt.Sprint("merge ", merge), func(t *testing.T) { testSplits(t, Options{Threshold: 0.05, MergeThreshold: merge}) })
	}
}

func testSplits(t *testing.T, opt Options) {
	c := New(opt)
	arts := fightReports(0, 6)
	story := map[string]int{}
	moved := 0
	for _, a := range arts {
		as := c.Add(a)
		story[a.ID] = as.Story
		if moved > 0 && len(as.Merged) > 0 {
			t.Errorf("stories %v merged into %d after a split", as.Merged, as.Story)
		}
		for _, m := range as.Moved {
			story[m.Article] = m.Story
			moved++
		}
	}
	if moved == 0 {
		t.Fatalf("no split; stories %v", c.Stories())
	}
	for i, a := range arts {
		same := c.Resolve(story[a.ID]) == c.Resolve(story[arts[i%2].ID])
		other := c.Resolve(story[a.ID]) == c.Resolve(story[arts[1-i%2].ID])
		if !same || other {
			t.Errorf("article %d: story %d, first of its event %d, of the other %d", i, story[a.ID], story[arts[i%2].ID], story[arts[1-i%2].ID])
		}
	}
	for _, s := range c.Stories() {
		if s.Articles > 0 {
			t.Logf("%d: %d articles, %s", s.ID, s.Articles, s.Label)
		}
	}
}

// fightReports are n reports each of two title fights of one boxer.
func fightReports(from, n int) []*article.Article {
	var arts []*article.Article
	for i := from; i < from+n; i++ {
		for _, ev := range []struct{ who, round string }{{"Rahman", "seventh"}, {"Thompson", "sixth"}} {
			a := art("", fmt.Sprintf("Klitschko stops %s in the %s round", ev.who, ev.round),
				[]string{fmt.Sprintf("Wladimir Klitschko retained his heavyweight title, stopping %s in the %s round on Saturday (report %d).", ev.who, ev.round, i)},
				"Wladimir Klitschko", "PER", ev.who, "PER")
			a.ComputeID()
			arts = append(arts, a)
		}
	}
	return arts
}

// TestKeepApartAcrossRuns: a second run restores the stories of a run in
// which one split; without being told of the split, the next reports
// merge its parts back, and with KeepApart they do not.
func TestKeepApartAcrossRuns(t *testing.T) {
	// The parts' centroids come out at a cosine of 0.446 here: a merge
	// threshold a little under that lets the next reports merge them.
	opt := Options{Threshold: 0.05, MergeThreshold: 0.4}
	first := New(opt)
	arts := fightReports(0, 6)
	story := map[string]int{}
	var splits []Move
	for _, a := range arts {
		as := first.Add(a)
		story[a.ID] = as.Story
		for _, m := range as.Moved {
			story[m.Article] = m.Story
			if len(splits) == 0 || splits[len(splits)-1].From != m.From || splits[len(splits)-1].Story != m.Story {
				splits = append(splits, m)
			}
		}
	}
	if len(splits) == 0 {
		t.Fatal("the first run did not split")
	}
	for _, keep := range []bool{false, true} {
		c := New(opt)
		for _, a := range arts {
			c.Restore(a, story[a.ID])
		}
		if keep {
			for _, m := range splits {
				c.KeepApart(m.From, m.Story)
			}
			if !c.Apart(splits[0].From, splits[0].Story) {
				t.Errorf("stories %d and %d not apart after KeepApart", splits[0].From, splits[0].Story)
			}
		}
		merged := false
		for _, a := range fightReports(6, 2) {
			merged = merged || len(c.Add(a).Merged) > 0
		}
		switch {
		case keep && merged:
			t.Error("a split's parts merged again though kept apart")
		case !keep && !merged:
			t.Fatal("without KeepApart nothing merged: the test shows nothing")
		}
	}
}

// FuzzClusterer feeds the clusterer articles made from the input's bytes
// (words and names from small lists, so that stories form, split, merge
// and close) and checks what must hold whatever comes: no panic, every
// assignment and move names an existing story, stories kept apart stay
// so, and the stories' article counts add up to the articles added.
func FuzzClusterer(f *testing.F) {
	f.Add([]byte("klitschko rahman thompson klitschko rahman thompson klitschko"))
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23})
	f.Add(bytes.Repeat([]byte{0x11, 0x22}, 40))
	words := []string{"title", "round", "quake", "magnitude", "vote", "coach", "fired", "patch", "storm", "rescue", "court", "ruling"}
	names := []string{"Rahman", "Thompson", "Aceh", "Chile", "Obama", "Microsoft"}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		// The first byte sets how readily articles join: from one story
		// for all to many, some of them closed (MaxLive).
		closed := 0 // articles of stories closed
		c := New(Options{Threshold: 0.05 + float64(in[0]%4)*0.15, MergeThreshold: 0.3, SplitMin: 6, MaxLive: 4,
			OnClose: func(s Story) { closed += s.Articles }})
		added := 0
		for k := 0; k+2 < len(in) && added < 200; k += 3 {
			b0, b1, b2 := in[k], in[k+1], in[k+2]
			var text []string
			for j := range 8 {
				text = append(text, words[(int(b0)>>(j%4)+int(b1)*j)%len(words)])
			}
			day := fmt.Sprintf("2020-01-%02d", 1+int(b2)%28)
			a := art(day, text[0]+" "+text[1], []string{strings.Join(text, " ") + "."},
				names[int(b1)%len(names)], "PER", names[int(b2)%len(names)], "LOC")
			a.ID = fmt.Sprint("a", added)
			// Years named in the text, and undated pages, so that splits
			// on years happen too.
			if b0%3 != 0 {
				a.Dates = append(a.Dates, article.Date{Value: fmt.Sprint(2005 + int(b0>>2)%4), Type: "DATE"})
			}
			if b2%5 == 0 {
				a.Published = nil
			}
			as := c.Add(a)
			added++
			if as.Story <= 0 {
				t.Fatalf("article %d: story %d", added, as.Story)
			}
			if _, ok := c.Summary(as.Story); !ok {
				t.Fatalf("article %d: story %d unknown", added, as.Story)
			}
			for _, m := range as.Moved {
				if m.Story == m.From || m.Story <= 0 || m.From <= 0 {
					t.Fatalf("move %+v", m)
				}
				if !c.Apart(m.From, m.Story) && c.live[c.Resolve(m.From)] != nil && c.live[c.Resolve(m.Story)] != nil {
					t.Fatalf("split %d → %d not kept apart", m.From, m.Story)
				}
			}
			if b0%7 == 0 {
				c.KeepApart(int(b1)%10+1, int(b2)%10+1)
			}
		}
		total := closed
		for _, s := range c.Stories() {
			total += s.Articles
		}
		if total != added {
			t.Fatalf("stories hold %d articles, %d added", total, added)
		}
	})
}

func TestYearsApart(t *testing.T) {
	// y lists each member's years; the first len(a) members are part A.
	y := func(ys ...int16) []int16 { return ys }
	cases := []struct {
		name string
		a, b [][]int16
		want bool
	}{
		{"one part names 2013, the other older years",
			[][]int16{y(2013, 2008), y(2013), y(2013, 2012), y(2013), nil},
			[][]int16{y(2006), y(2006), y(2007), nil, nil, y(2006)}, true},
		{"the other part names no year: no evidence",
			[][]int16{y(2010), y(2010), y(2010, 2009), nil},
			[][]int16{nil, nil, nil, nil}, false},
		{"both parts name the year",
			[][]int16{y(2011), y(2011), y(2011), y(2011)},
			[][]int16{y(2011), y(2011), y(2009), nil, nil, nil, nil}, false},
		{"a quarter of the other part names it too",
			[][]int16{y(2009), y(2009), y(2009), nil},
			[][]int16{y(2009), y(2005), y(2000), nil, nil, nil, nil, nil}, true},
		{"too few name the year",
			[][]int16{y(2012), y(2012), nil, nil},
			[][]int16{y(2006), y(2006), y(2007), nil}, false}, // two a side: under minPart
		{"the year is not what most of the part names",
			[][]int16{y(2003), y(2003), y(2003), y(2008), y(2009), y(2010), y(2011)},
			[][]int16{y(2001), y(2002), y(2004), nil}, false},
	}
	for _, tc := range cases {
		var ms []member
		var inA []bool
		for _, ys := range tc.a {
			ms, inA = append(ms, member{years: ys}), append(inA, true)
		}
		for _, ys := range tc.b {
			ms, inA = append(ms, member{years: ys}), append(inA, false)
		}
		// Which part is A does not matter.
		for _, swap := range []bool{false, true} {
			if swap {
				for i := range inA {
					inA[i] = !inA[i]
				}
			}
			year, side, got := yearsApart(ms, inA)
			if got != tc.want {
				t.Errorf("%s (swapped %v): yearsApart = %v, want %v", tc.name, swap, got, tc.want)
				continue
			}
			if !got {
				continue
			}
			var in, out, outSize int
			for i, m := range ms {
				switch {
				case inA[i] == side && slices.Contains(m.years, year):
					in++
				case inA[i] != side:
					outSize++
					if slices.Contains(m.years, year) {
						out++
					}
				}
			}
			if in < minPart || 4*out > outSize {
				t.Errorf("%s (swapped %v): year %d on side A=%v: named by %d there, %d of %d in the other part", tc.name, swap, year, side, in, out, outSize)
			}
		}
	}
}

func TestSettleOnYears(t *testing.T) {
	o := Options{}.withDefaults()
	y := func(ys ...int16) member { return member{years: ys} }
	ms := []member{y(2013), y(2013), y(2013), y(2006), y(2006), y(2007)}
	parts := func() []bool { return []bool{true, true, true, false, false, false} }
	for _, tc := range []struct {
		cut  float64
		want bool
	}{
		{0.80, true},  // clean cut: split whatever the years
		{0.90, true},  // looser, but the years differ
		{0.97, false}, // too loose even with the years
	} {
		if got := o.settle(ms, parts(), tc.cut); got != tc.want {
			t.Errorf("cut %.2f: settle = %v, want %v", tc.cut, got, tc.want)
		}
	}
	same := []member{y(2013), y(2013), y(2013), y(2013), y(2013), {}}
	if o.settle(same, parts(), 0.90) {
		t.Errorf("cut 0.90, one year: split")
	}
	if !o.settle(same, parts(), 0.80) {
		t.Errorf("cut 0.80, one year: not split")
	}
	no := o
	no.YearCut = -1
	if no.settle(ms, parts(), 0.90) {
		t.Errorf("YearCut -1: split on years")
	}

	// A split on years takes the year's articles from the other part;
	// a clean cut leaves the parts as the words made them.
	stray := []member{y(2013), y(2013), y(2013, 2012), y(2013), y(2006), y(2006), y(2007), {}, {}, {}, {}, {}}
	stray = append(stray[:4], append([]member{y(2013, 2008)}, stray[4:]...)...)
	inA := []bool{true, true, true, true, false, false, false, false, false, false, false, false, false}
	if !o.settle(stray, inA, 0.90) {
		t.Fatalf("cut 0.90: not split")
	}
	if !inA[4] || inA[5] || inA[8] {
		t.Errorf("split on years: parts %v, want the 2013 article moved to A and no other", inA)
	}
	inA[4] = false
	if !o.settle(stray, inA, 0.80) || inA[4] {
		t.Errorf("clean cut: parts %v, want the 2013 article left in B", inA)
	}
}

func TestArticleYears(t *testing.T) {
	pub := "2013-09-18T05:31:00Z"
	a := &article.Article{Published: &pub, Dates: []article.Date{
		{Value: "2013-09-17", Type: "DATE"},
		{Value: "2008", Type: "DATE"},
		{Value: "XXXX-WXX-3", Type: "DATE"},
		{Value: "P5Y", Type: "DURATION"},
		{Value: "2012-W03", Type: "DATE"},
		{Value: "PRESENT_REF", Type: "DATE"},
		{Value: "1999", Type: "SET"},
	}}
	got := articleYears(a)
	if want := []int16{2013, 2008, 2012}; !slices.Equal(got, want) {
		t.Errorf("articleYears = %v, want %v", got, want)
	}
	if got := articleYears(&article.Article{}); len(got) != 0 {
		t.Errorf("no dates: %v", got)
	}
}
