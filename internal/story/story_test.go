package story

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

func art(published, title string, paras []string, ents ...string) *article.Article {
	a := &article.Article{Title: article.Ptr(title), Published: article.Ptr(published), Paragraphs: paras}
	for i := 0; i+1 < len(ents); i += 2 {
		a.Entities = append(a.Entities, article.Entity{Name: ents[i], Type: ents[i+1], Mentions: []article.Mention{{}}})
	}
	return a
}

// Two events of one kind, as ECB+ pairs them: the words agree, the names
// and the dates do not.
var (
	quakeA1 = art("2013-07-02", "Magnitude 6.1 earthquake strikes Aceh",
		[]string{"A magnitude 6.1 earthquake struck Aceh province on Tuesday, killing at least five people in Bener Meriah.", "Rescuers searched collapsed houses in the Central Aceh district."},
		"Aceh", "LOC", "Bener Meriah", "LOC")
	quakeA2 = art("2013-07-03", "Aceh quake death toll rises",
		[]string{"The death toll from Tuesday's 6.1 magnitude earthquake in Aceh rose to 22 as rescuers reached villages in Bener Meriah.", "Houses collapsed across Central Aceh."},
		"Aceh", "LOC", "Bener Meriah", "LOC")
	quakeB = art("2014-09-20", "Earthquake strikes Chile coast",
		[]string{"A magnitude 6.1 earthquake struck off the coast of Chile, near Valparaiso, on Saturday.", "No damage to houses was reported, officials said."},
		"Chile", "LOC", "Valparaiso", "LOC")
	rehab = art("2013-05-03", "Lindsay Lohan checks into Betty Ford Center",
		[]string{"Lindsay Lohan checked into the Betty Ford Center to begin a 90-day court-mandated stay, her lawyer said."},
		"Lindsay Lohan", "PER", "Betty Ford Center", "ORG")
)

func TestClustererGroupsOneEvent(t *testing.T) {
	c := New(Options{})
	a1 := c.Add(quakeA1)
	r := c.Add(rehab)
	a2 := c.Add(quakeA2)
	b := c.Add(quakeB)
	if !a1.New || !r.New || a2.New || !b.New {
		t.Errorf("new: %v %v %v %v, want true true false true", a1.New, r.New, a2.New, b.New)
	}
	if c.Resolve(a2.Story) != c.Resolve(a1.Story) {
		t.Errorf("two reports of the Aceh quake in stories %d and %d", a1.Story, a2.Story)
	}
	if c.Resolve(b.Story) == c.Resolve(a1.Story) || c.Resolve(r.Story) == c.Resolve(a1.Story) {
		t.Errorf("another event joined the Aceh quake's story: %+v %+v %+v", a1, b, r)
	}
	if a2.Similarity < DefaultThreshold {
		t.Errorf("joined at similarity %.3f, under the threshold", a2.Similarity)
	}
	var aceh Story
	for _, s := range c.Stories() {
		if s.ID == c.Resolve(a1.Story) {
			aceh = s
		}
	}
	if aceh.Articles != 2 || aceh.First != "2013-07-02" || aceh.Last != "2013-07-03" {
		t.Errorf("story %+v, want 2 articles from 2013-07-02 to 2013-07-03", aceh)
	}
	if len(aceh.Entities) == 0 || aceh.Entities[0] != "Aceh" || aceh.Label == "" {
		t.Errorf("label %q, entities %v: want Aceh first", aceh.Label, aceh.Entities)
	}
}

// The same report a year later is another story: the window keeps them
// apart however alike their words.
func TestClustererWindow(t *testing.T) {
	later := *quakeA2
	later.Published = article.Ptr("2014-07-03")
	c := New(Options{})
	first := c.Add(quakeA1)
	if again := c.Add(&later); c.Resolve(again.Story) == c.Resolve(first.Story) {
		t.Error("an article a year after the story's last joined it")
	}
	c = New(Options{Window: 1000})
	first = c.Add(quakeA1)
	if again := c.Add(&later); c.Resolve(again.Story) != c.Resolve(first.Story) {
		t.Error("with a window of 1000 days, the article did not join")
	}
}

// An article that bridges two stories of one event merges them.
func TestClustererMerges(t *testing.T) {
	c := New(Options{Threshold: 0.2, MergeThreshold: 0.05})
	x := art("2023-04-20", "Stoltenberg visits Kyiv", []string{"NATO chief Jens Stoltenberg arrived in Kyiv on Thursday."}, "Jens Stoltenberg", "PER", "Kyiv", "LOC")
	y := art("2023-04-20", "Zelenskyy meets NATO chief", []string{"Volodymyr Zelenskyy met the alliance's secretary general in the capital, Kyiv."}, "Volodymyr Zelenskyy", "PER", "Kyiv", "LOC")
	both := art("2023-04-20", "Stoltenberg meets Zelenskyy in Kyiv", []string{"NATO chief Jens Stoltenberg met Volodymyr Zelenskyy in Kyiv on Thursday, his first visit since the war began."}, "Jens Stoltenberg", "PER", "Volodymyr Zelenskyy", "PER", "Kyiv", "LOC")
	ax, ay := c.Add(x), c.Add(y)
	if ax.Story == ay.Story {
		t.Skip("the two halves joined at once; nothing to merge")
	}
	ab := c.Add(both)
	if c.Resolve(ax.Story) != c.Resolve(ay.Story) || len(ab.Merged) != 1 {
		t.Errorf("stories %d and %d not merged by %+v", ax.Story, ay.Story, ab)
	}
	if n := len(c.Stories()); n != 1 {
		t.Errorf("%d stories after the merge, want 1", n)
	}
}

func TestClustererDeterministic(t *testing.T) {
	run := func() []int {
		c := New(Options{})
		var ids []int
		for _, a := range []*article.Article{quakeA1, rehab, quakeA2, quakeB, quakeA1} {
			ids = append(ids, c.Add(a).Story)
		}
		return ids
	}
	if a, b := run(), run(); !reflect.DeepEqual(a, b) {
		t.Errorf("two runs gave %v and %v", a, b)
	}
}

// Memory stays bounded: past MaxLive open stories, the oldest close and
// go to OnClose, and the clusterer keeps nothing of them.
func TestClustererBounded(t *testing.T) {
	var closed []Story
	c := New(Options{MaxLive: 20, OnClose: func(s Story) { closed = append(closed, s) }})
	for i := range 100 {
		c.Add(art("2020-01-01", fmt.Sprintf("Headline%d", i), []string{fmt.Sprintf("Alpha%d bravo%d charlie%d delta%d.", i, i, i, i)}))
	}
	if len(c.live) > 20 {
		t.Errorf("%d open stories, want at most 20", len(c.live))
	}
	st := c.Stories()
	if len(st) != len(c.live) || !slices.IsSortedFunc(st, func(a, b Story) int { return a.ID - b.ID }) {
		t.Errorf("%d stories, want the %d open ones by id", len(st), len(c.live))
	}
	if len(st)+len(closed) != 100 {
		t.Errorf("%d open and %d closed stories, want 100", len(st), len(closed))
	}
	for _, s := range closed {
		if _, ok := c.Summary(s.ID); ok || s.Articles != 1 || s.Label == "" {
			t.Errorf("closed story %+v: still known %v, or not summarised", s, ok)
		}
	}
	for h, p := range c.postings {
		for _, id := range p {
			if _, ok := c.live[int(id)]; !ok {
				t.Fatalf("posting %x names closed story %d", h, id)
			}
		}
	}
}

func TestForWords(t *testing.T) {
	var got []string
	forWords("NATO’s chief said the 6.1-magnitude quake hit O'Neill's town, I think", func(w string) { got = append(got, w) })
	want := []string{"nato", "chief", "magnitude", "quake", "hit", "o'neill", "town", "think"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words %q, want %q", got, want)
	}
}

func TestEmptyArticle(t *testing.T) {
	c := New(Options{})
	a := c.Add(&article.Article{})
	b := c.Add(&article.Article{})
	if !a.New || !b.New {
		t.Errorf("empty articles joined a story: %+v %+v", a, b)
	}
}

// A clusterer restored from stored assignments goes on as the first one
// would have.
func TestClustererRestore(t *testing.T) {
	first := New(Options{})
	a1 := first.Add(quakeA1)
	r := first.Add(rehab)
	want := first.Add(quakeA2)

	second := New(Options{})
	second.Restore(quakeA1, a1.Story)
	second.Restore(rehab, r.Story)
	got := second.Add(quakeA2)
	if got.Story != want.Story || got.New {
		t.Errorf("after restore: %+v, want %+v", got, want)
	}
	if b := second.Add(quakeB); b.Story <= max(a1.Story, r.Story) {
		t.Errorf("new story id %d not above the restored ones", b.Story)
	}
}

func TestClustererReserveSummary(t *testing.T) {
	c := New(Options{})
	c.Reserve(41)
	a := c.Add(quakeA1)
	if a.Story != 42 {
		t.Errorf("first story after Reserve(41): %d, want 42", a.Story)
	}
	st, ok := c.Summary(a.Story)
	if !ok || st.ID != 42 || st.Articles != 1 || st.First != "2013-07-02" {
		t.Errorf("Summary(42) = %+v, %v", st, ok)
	}
	if _, ok := c.Summary(7); ok {
		t.Error("Summary of an unknown story")
	}
}

// TestTopTerms checks the heap against sorting: the same k terms, ties
// and all, for heaviest and keepHeaviest.
func TestTopTerms(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for n := range 300 {
		v := make(vector, n)
		for i := range v {
			// Few distinct weights, so that ties are common.
			v[i] = term{h: uint64(r.IntN(1000)) * 2654435761, w: float32(r.IntN(8)) / 4}
		}
		slices.SortFunc(v, func(a, b term) int { return cmp.Compare(a.h, b.h) })
		v = slices.CompactFunc(v, func(a, b term) bool { return a.h == b.h })
		byWeight := slices.Clone(v)
		slices.SortFunc(byWeight, heavierFirst)
		for _, k := range []int{0, 1, 12, 64, len(v) / 2, len(v), len(v) + 5} {
			want := byWeight[:min(k, len(v))]
			if got := heaviest(v, k); !slices.Equal(got, want) {
				t.Fatalf("n %d k %d: heaviest %v, want %v", len(v), k, got, want)
			}
			if k > len(v) {
				continue
			}
			wantKeep := slices.Clone(want)
			slices.SortFunc(wantKeep, func(a, b term) int { return cmp.Compare(a.h, b.h) })
			if got := keepHeaviest(v, k); !slices.Equal(got, wantKeep) {
				t.Fatalf("n %d k %d: keepHeaviest %v, want %v", len(v), k, got, wantKeep)
			}
		}
	}
}
