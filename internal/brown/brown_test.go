package brown

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// grammar sentences: determiners, nouns and verbs each have the same
// contexts within their class, so the right clusters are obvious and
// merging inside a class costs nothing while merging across classes does.
func grammar(reps int) [][]string {
	var out [][]string
	for r := 0; r < reps; r++ {
		for _, s := range []string{
			"the cat saw a dog", "a dog saw the cat", "the dog chased a cat", "a cat chased the dog",
			"the cat chased the dog", "a dog saw a cat",
		} {
			out = append(out, strings.Fields(s))
		}
	}
	return out
}

func siblings(t *testing.T, paths map[string]string, a, b string) {
	t.Helper()
	pa, pb := paths[a], paths[b]
	if pa == "" || pb == "" || len(pa) != len(pb) || pa[:len(pa)-1] != pb[:len(pb)-1] || pa == pb {
		t.Errorf("%s (%q) and %s (%q) should be siblings", a, pa, b, pb)
	}
}

func TestClusterObvious(t *testing.T) {
	r, err := Cluster(context.Background(), grammar(3), Options{Clusters: 10, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	siblings(t, r.Paths, "cat", "dog")
	siblings(t, r.Paths, "the", "a")
	siblings(t, r.Paths, "saw", "chased")
	if r.Counts["cat"] != 18 {
		t.Errorf("count of cat = %d, want 18", r.Counts["cat"])
	}
}

// With a window of 3 the merges happen while words come in; the three leaf
// clusters must still be the three classes.
func TestClusterWindow(t *testing.T) {
	r, err := Cluster(context.Background(), grammar(3), Options{Clusters: 3, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]string{{"cat", "dog"}, {"the", "a"}, {"saw", "chased"}} {
		if r.Paths[pair[0]] != r.Paths[pair[1]] {
			t.Errorf("%s %q and %s %q should share a leaf", pair[0], r.Paths[pair[0]], pair[1], r.Paths[pair[1]])
		}
	}
	leaves := map[string]bool{}
	for _, p := range r.Paths {
		leaves[p] = true
	}
	if len(leaves) != 3 {
		t.Errorf("%d leaves, want 3: %v", len(leaves), r.Paths)
	}
}

func TestMinCount(t *testing.T) {
	sents := append(grammar(2), []string{"the", "zebra", "saw", "a", "cat"})
	r, err := Cluster(context.Background(), sents, Options{Clusters: 10, MinCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Paths["zebra"]; ok {
		t.Error("zebra occurs once and should not be clustered with MinCount 2")
	}
	if len(r.Paths) != 6 {
		t.Errorf("%d words clustered, want 6", len(r.Paths))
	}
}

// randomCorpus draws sentences from a few hidden classes with class bigram
// preferences and Zipf-like word choice, so that frequencies and contexts
// vary as in text.
func randomCorpus(seed uint64, nsent, vocab int) [][]string {
	rng := rand.New(rand.NewPCG(seed, 1))
	const classes = 8
	trans := make([][]float64, classes)
	for i := range trans {
		trans[i] = make([]float64, classes)
		for j := range trans[i] {
			trans[i][j] = rng.Float64() * rng.Float64()
		}
	}
	words := make([][]string, classes)
	for w := 0; w < vocab; w++ {
		c := w % classes
		words[c] = append(words[c], "w"+string(rune('a'+c))+itoa(w))
	}
	pick := func(ws []float64) int {
		var sum float64
		for _, x := range ws {
			sum += x
		}
		u := rng.Float64() * sum
		for i, x := range ws {
			if u -= x; u < 0 {
				return i
			}
		}
		return len(ws) - 1
	}
	var out [][]string
	for s := 0; s < nsent; s++ {
		n := 3 + rng.IntN(12)
		c := rng.IntN(classes)
		var sent []string
		for i := 0; i < n; i++ {
			ws := words[c]
			// Zipf-ish: index = floor(len · u²).
			u := rng.Float64()
			sent = append(sent, ws[int(float64(len(ws))*u*u)])
			c = pick(trans[c])
		}
		out = append(out, sent)
	}
	return out
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// bruteAMI computes the scaled AMI of the window from the words' bigrams,
// independently of the engine's count tables.
func bruteAMI(e *engine, cluster map[int32]int) float64 {
	n := map[[2]int]int64{}
	nl, nr := map[int]int64{}, map[int]int64{}
	for w, c := range cluster {
		nl[c] += e.v.nl[w]
		nr[c] += e.v.nr[w]
		for _, ed := range e.v.right[w] {
			if d, ok := cluster[ed.to]; ok {
				n[[2]int{c, d}] += int64(ed.count)
			}
		}
	}
	N := float64(e.v.total)
	var ami float64
	for cd, x := range n {
		ami += float64(x) * math.Log(float64(x)*N/(float64(nl[cd[0]])*float64(nr[cd[1]])))
	}
	return ami
}

// TestLossTable checks the incrementally updated merge losses, after every
// step of a run, against the AMI difference computed from scratch.
func TestLossTable(t *testing.T) {
	v := newVocab(randomCorpus(7, 400, 60), 1)
	const c = 6
	e := newEngine(v, c)
	check := func(stage string) {
		t.Helper()
		cluster := map[int32]int{}
		for _, i := range e.active {
			for _, w := range e.members[i] {
				cluster[w] = i
			}
		}
		base := bruteAMI(e, cluster)
		for x, i := range e.active {
			for _, j := range e.active[x+1:] {
				merged := map[int32]int{}
				for w, s := range cluster {
					if s == j {
						s = i
					}
					merged[w] = s
				}
				want := base - bruteAMI(e, merged)
				got := e.los[i*e.k+j]
				if math.Abs(got-want) > 1e-6*(1+math.Abs(want)) {
					t.Fatalf("%s: loss(%d,%d) = %.9g, want %.9g", stage, i, j, got, want)
				}
			}
		}
	}
	for w := range v.words {
		e.add(int32(w))
		check("after add " + itoa(w))
		if len(e.active) > c {
			a, b := e.best()
			e.merge(a, b, false)
			check("after merge " + itoa(w))
		}
	}
	e.startTree()
	for len(e.active) > 1 {
		a, b := e.best()
		e.merge(a, b, true)
		check("tree merge")
	}
}

func TestDeterministic(t *testing.T) {
	sents := randomCorpus(3, 3000, 400)
	var out [2]bytes.Buffer
	for i := range out {
		r, err := Cluster(context.Background(), sents, Options{Clusters: 40, MinCount: 2})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.WriteGzipTSV(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two runs on the same corpus gave different bytes")
	}
	paths, err := ReadPaths(bytes.NewReader(out[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no paths read back")
	}
	// Leaves are the 40 clusters; every word has one.
	leaves := map[string]bool{}
	for _, p := range paths {
		leaves[p] = true
	}
	if len(leaves) != 40 {
		t.Errorf("%d distinct paths, want 40", len(leaves))
	}
}

func TestWriteTSV(t *testing.T) {
	r := &Result{
		Paths:  map[string]string{"b": "01", "a": "01", "c": "0", "d": "1"},
		Counts: map[string]int{"a": 5, "b": 3, "c": 9, "d": 1},
	}
	var buf bytes.Buffer
	if err := r.WriteTSV(&buf); err != nil {
		t.Fatal(err)
	}
	want := "0\tc\t9\n01\ta\t5\n01\tb\t3\n1\td\t1\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Cluster(ctx, randomCorpus(1, 100, 50), Options{Clusters: 5, MinCount: 1}); err == nil {
		t.Error("want an error from a cancelled context")
	}
}

func BenchmarkCluster(b *testing.B) {
	sents := randomCorpus(5, 20000, 3000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Cluster(context.Background(), sents, Options{Clusters: 100, MinCount: 2}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLossDrift runs thousands of incremental updates and compares the loss
// table with losses computed from the counts, to bound rounding drift.
func TestLossDrift(t *testing.T) {
	v := newVocab(randomCorpus(11, 20000, 3000), 2)
	const c = 50
	e := newEngine(v, c)
	for w := range v.words {
		e.add(int32(w))
		if len(e.active) > c {
			a, b := e.best()
			e.merge(a, b, false)
		}
	}
	worst := 0.0
	for x, i := range e.active {
		for _, j := range e.active[x+1:] {
			want := e.loss(i, j)
			d := math.Abs(e.los[i*e.k+j]-want) / (1 + math.Abs(want))
			worst = max(worst, d)
		}
	}
	t.Logf("%d words, worst relative drift %.3g", len(v.words), worst)
	if worst > 1e-9 {
		t.Errorf("loss table drifted by %.3g", worst)
	}
}
