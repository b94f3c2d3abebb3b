package ner

import (
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/fhash"
)

func contextDoc() [][]string {
	return [][]string{
		strings.Fields("WASHINGTON BEATS AGASSI"),
		strings.Fields("MaliVai Washington beat Andre Agassi in Washington on Sunday ."),
		strings.Fields("Washington said the washington heat was no problem ."),
		strings.Fields("Agassi , the top seed , left ."),
	}
}

// TestDocContext: the capitalised occurrences of a word, whatever their
// case, share one set of context features without repeats; a word seen
// once and lower-case words get none.
func TestDocContext(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	st := m.getState()
	defer m.states.Put(st)
	m.prepare(st, contextDoc())
	var dc docContext
	dc.build(st.toks, st.bounds)
	at := func(s, i int) int { return st.bounds[s] + i }
	wash := dc.features(at(1, 1))
	if len(wash) == 0 {
		t.Fatal("Washington has no aggregated features")
	}
	for _, i := range []int{at(0, 0), at(1, 6), at(2, 0)} {
		if !slices.Equal(dc.features(i), wash) {
			t.Errorf("%q: features differ from the other Washingtons'", st.toks[i].text)
		}
	}
	if !slices.IsSorted(wash) || len(slices.Compact(slices.Clone(wash))) != len(wash) {
		t.Error("features not sorted without repeats")
	}
	// "MaliVai" before it, once, however many Washingtons there are.
	n := 0
	for _, h := range wash {
		if h == fhash.Mix(tAggP1, fhash.Lower("MaliVai")) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("MaliVai at -1 found %d times, want 1", n)
	}
	for _, i := range []int{at(1, 0), at(2, 3), at(1, 7)} {
		if f := dc.features(i); len(f) != 0 {
			t.Errorf("%q: %d features, want none", st.toks[i].text, len(f))
		}
	}
}

// TestContextScores: tagging's per-word sums of the aggregated features
// equal summing each token's features one by one, as training does.
func TestContextScores(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.cfg&cfgCtxAgg == 0 {
		t.Skip("the shipped model has no context aggregation")
	}
	st := m.getState()
	defer m.states.Put(st)
	m.prepare(st, contextDoc())
	st.scores = grow(st.scores, len(st.toks))
	clear(st.scores)
	m.addContext(st)
	var dc docContext
	dc.build(st.toks, st.bounds)
	nonzero := 0
	for i := range st.toks {
		var want [width]int32
		m.addRows(st, dc.features(i), &want)
		if st.scores[i] != want {
			t.Errorf("%q: tagging %v\ntraining %v", st.toks[i].text, st.scores[i], want)
		}
		if want != ([width]int32{}) {
			nonzero++
		}
	}
	if nonzero == 0 {
		t.Error("no token got context weights")
	}
}
