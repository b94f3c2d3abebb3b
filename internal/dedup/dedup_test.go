package dedup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestShingles(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		k    int
		same bool
	}{
		{"case", []string{"The Cat sat on the mat"}, []string{"the cat SAT on the mat"}, 3, true},
		{"punctuation", []string{"Hello, world! (AP) - yes"}, []string{"hello world AP yes"}, 2, true},
		{"quotes", []string{`He said "don't" — twice`}, []string{"He said “don’t” -- twice"}, 2, true},
		{"modifier apostrophe", []string{"it's"}, []string{"itʼs"}, 1, true},
		{"leading apostrophe", []string{"'tis true"}, []string{"tis true"}, 2, true},
		{"unicode", []string{"Ärger in Malmö"}, []string{"ärger IN MALMÖ"}, 2, true},
		{"combining mark", []string{"हिन्दी"}, []string{"हिन्दी"}, 1, true},
		{"order", []string{"a b c"}, []string{"c b a"}, 3, false},
		{"word", []string{"a b c"}, []string{"a b d"}, 3, false},
		{"paragraph order", []string{"one two three", "four five six"}, []string{"four five six", "one two three"}, 2, true},
		{"no crossing", []string{"one two", "three"}, []string{"one two three"}, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := Shingles(tt.a, tt.k), Shingles(tt.b, tt.k)
			if got := slices.Equal(a, b); got != tt.same {
				t.Errorf("Shingles(%q) == Shingles(%q): %v, want %v", tt.a, tt.b, got, tt.same)
			}
		})
	}
}

func TestShingleCounts(t *testing.T) {
	tests := []struct {
		paras []string
		k     int
		want  int
	}{
		{nil, 3, 0},
		{[]string{"", " , ; "}, 3, 0},
		{[]string{"one"}, 3, 1},               // shorter than k: one shingle
		{[]string{"one two three"}, 3, 1},     // exactly k
		{[]string{"a b c d e"}, 3, 3},         // n-k+1
		{[]string{"a b c d e", "x"}, 3, 4},    // per paragraph
		{[]string{"a a a a a a"}, 2, 1},       // a set: repeats count once
		{[]string{"w1 w2 w3 w4 w5 w6"}, 0, 1}, // 0 is DefaultShingle (8): one short shingle
	}
	for _, tt := range tests {
		if got := len(Shingles(tt.paras, tt.k)); got != tt.want {
			t.Errorf("len(Shingles(%q, %d)) = %d, want %d", tt.paras, tt.k, got, tt.want)
		}
	}
}

// TestShinglesStable pins the hashes: signatures may be stored, so a
// change here must be deliberate.
func TestShinglesStable(t *testing.T) {
	got := AppendShingles(nil, []string{"The quick brown fox jumps over the lazy dog"}, 7)
	want := []uint64{0xddc2d71a856b9f2d, 0x626197c7e0c7d54b, 0xde89c563344a1e30}
	if !slices.Equal(got, want) {
		t.Errorf("AppendShingles = %#x, want %#x", got, want)
	}
}

// randomSets makes two sets of size n with Jaccard similarity j.
func randomSets(r *rand.Rand, n int, j float64) (a, b []uint64) {
	shared := int(math.Round(2 * j * float64(n) / (1 + j)))
	for range shared {
		h := mix(r.Uint64())
		a, b = append(a, h), append(b, h)
	}
	for len(a) < n {
		a = append(a, mix(r.Uint64()))
		b = append(b, mix(r.Uint64()))
	}
	return a, b
}

func TestJaccardEstimate(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, n := range []int{20, 200, 2000} {
		for _, j := range []float64{0, 0.2, 0.5, 0.8, 1} {
			// The mean over trials is close to j, and one estimate is
			// within four standard deviations of MinHash's binomial.
			const trials = 50
			var sum float64
			for range trials {
				a, b := randomSets(r, n, j)
				sa, sb := SignShingles(a), SignShingles(b)
				est := sa.Jaccard(&sb)
				truth := jaccard(a, b)
				sd := math.Sqrt(truth*(1-truth)/SignatureSize) + 1e-9
				if math.Abs(est-truth) > 4*sd+0.02 {
					t.Errorf("n=%d J=%.3f: estimate %.3f", n, truth, est)
				}
				sum += est - truth
			}
			if bias := sum / trials; math.Abs(bias) > 0.02 {
				t.Errorf("n=%d J=%.1f: mean error %.3f", n, j, bias)
			}
		}
	}
}

func jaccard(a, b []uint64) float64 {
	in := map[uint64]bool{}
	for _, h := range a {
		in[h] = true
	}
	inter := 0
	for _, h := range b {
		if in[h] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func TestContainment(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	var big []uint64
	for range 1000 {
		big = append(big, mix(r.Uint64()))
	}
	small := big[:500] // wholly inside: J = 0.5, containment 1
	sb, ss := SignShingles(big), SignShingles(small)
	j := sb.Jaccard(&ss)
	if c := sb.Containment(&ss, j); c < 0.85 {
		t.Errorf("containment of a half copy = %.2f (J %.2f), want near 1", c, j)
	}
	var empty Signature
	if c := sb.Containment(&empty, 0); c != 0 {
		t.Errorf("containment with an empty signature = %v", c)
	}
}

func TestSignEmptyAndShort(t *testing.T) {
	if s := Sign([]string{"", "—"}, 0); s.Size != 0 {
		t.Errorf("Sign of no words: size %d", s.Size)
	}
	a, b := Sign([]string{"Breaking news"}, 0), Sign([]string{"breaking NEWS"}, 0)
	if a.Size != 1 || a.Jaccard(&b) != 1 {
		t.Errorf("one shingle: size %d, J %.2f", a.Size, a.Jaccard(&b))
	}
}

func TestSignMatchesSignShingles(t *testing.T) {
	paras := []string{"one two three four five six seven eight nine ten", "one two three four five six seven eight nine ten"}
	a, b := Sign(paras, 3), SignShingles(Shingles(paras, 3))
	if a != b {
		t.Errorf("Sign and SignShingles differ: sizes %d and %d", a.Size, b.Size)
	}
}

var story = []string{
	"An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia. A suspected gas leak led to an explosion, followed by the ten-storey building coming down.",
	"The 1973 building was home to over 1,000 people; 48 apartments were damaged. Rescuers, working in temperatures well below freezing, recovered at least ten survivors from the debris on Monday.",
	"The Investigative Committee and the Federal Security Service said they believe gas, which leaks relatively frequently in Russia, was the trigger for the disaster which occurred at 6am as many occupants slept.",
	"President Vladimir Putin was briefed, and flew to Magnitogorsk on Monday, observing the rescue mission and visiting the wounded in hospital.",
}

var other = []string{
	"The national football team won its qualifying match on Saturday evening, with two goals scored in the second half by the young striker.",
	"The coach praised the defence, which had conceded only once in the campaign, and said the squad would travel to the final tournament in June.",
}

func TestIndexFindsCopies(t *testing.T) {
	ix, err := NewIndex(Options{})
	if err != nil {
		t.Fatal(err)
	}
	copyWithChrome := slices.Concat([]string{"Home | World | Politics", "Click here to get the app"}, story, []string{"Share this article"})
	truncated := slices.Clone(story[:3])
	steps := []struct {
		id, published string
		paras         []string
		wantGroup     string
		wantEarliest  string
		wantBest      string
	}{
		{"copy", "2019-01-03", copyWithChrome, "copy", "copy", ""},
		{"other", "2019-01-01", other, "other", "other", ""},
		{"source", "2019-01-01", story, "copy", "source", "copy"},
		{"teaser", "2019-01-02", truncated, "copy", "source", "source"},
		{"source", "2019-01-01", story, "copy", "source", "source"}, // an ID seen before
	}
	for _, s := range steps {
		m := ix.Add(Doc{ID: s.id, Published: s.published, Sig: Sign(s.paras, 0)})
		if m.Group != s.wantGroup || m.Earliest != s.wantEarliest || m.Best != s.wantBest {
			t.Errorf("Add(%s) = %+v, want group %s, earliest %s, best %q", s.id, m, s.wantGroup, s.wantEarliest, s.wantBest)
		}
	}
	if g, e, ok := ix.Group("copy"); !ok || g != "copy" || e != "source" {
		t.Errorf("Group(copy) = %s, %s, %v", g, e, ok)
	}
	if g, _, _ := ix.Group("other"); g != "other" {
		t.Errorf("unrelated article grouped into %s", g)
	}
	if _, _, ok := ix.Group("missing"); ok {
		t.Error("Group of an unknown ID found")
	}
	if n := ix.Len(); n != 4 {
		t.Errorf("Len = %d, want 4", n)
	}
}

func TestIndexMergesGroups(t *testing.T) {
	// a and c are unrelated until b, which contains both, joins them:
	// the merged group keeps the older name, and the earliest copy is
	// the earliest published, unknown dates last, then the least ID.
	ix, _ := NewIndex(Options{})
	a := Sign(story[:2], 0)
	c := Sign(story[2:], 0)
	b := Sign(story, 0)
	ix.Add(Doc{ID: "a", Published: "", Sig: a})
	ix.Add(Doc{ID: "c", Published: "2019-05-01", Sig: c})
	m := ix.Add(Doc{ID: "b", Published: "2019-05-01", Sig: b})
	if m.Group != "a" || m.Size != 3 || m.Earliest != "b" {
		t.Errorf("merge: %+v, want group a of 3, earliest b", m)
	}
	// b tied c's group (c alone) to a's: c is what merged.
	if !slices.Equal(m.Merged, []string{"c"}) {
		t.Errorf("merged %q, want [c]", m.Merged)
	}
	// A copy of b joins the group and merges nothing.
	if m := ix.Add(Doc{ID: "b2", Sig: b}); m.Group != "a" || m.Size != 4 || m.Merged != nil {
		t.Errorf("copy: %+v, want group a of 4, nothing merged", m)
	}
}

func TestIndexEmptyText(t *testing.T) {
	ix, _ := NewIndex(Options{})
	ix.Add(Doc{ID: "x", Sig: Sign(nil, 0)})
	m := ix.Add(Doc{ID: "y", Sig: Sign([]string{"..."}, 0)})
	if m.Group != "y" || m.Best != "" {
		t.Errorf("an empty text joined %+v", m)
	}
}

func TestNewIndexRejectsBands(t *testing.T) {
	if _, err := NewIndex(Options{Bands: 64, Rows: 3}); err == nil {
		t.Error("64 bands of 3 rows accepted")
	}
}

// TestLSHCurve checks banding against its S-curve: pairs at Jaccard 0.6
// are nearly always candidates and duplicates; unrelated pairs never.
func TestLSHCurve(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	ix, _ := NewIndex(Options{})
	found, unrelated := 0, 0
	const n = 200
	for i := range n {
		a, b := randomSets(r, 300, 0.6)
		ix.Add(Doc{ID: fmt.Sprint(i, "a"), Sig: SignShingles(a)})
		if m := ix.Add(Doc{ID: fmt.Sprint(i, "b"), Sig: SignShingles(b)}); m.Best == fmt.Sprint(i, "a") {
			found++
		} else if m.Best != "" {
			unrelated++
		}
	}
	if found < n*97/100 || unrelated > 0 {
		t.Errorf("J=0.6: %d/%d found, %d matched unrelated", found, n, unrelated)
	}
}

func TestIndexConcurrent(t *testing.T) {
	ix, _ := NewIndex(Options{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				paras := []string{strings.Repeat(fmt.Sprint("word", i, " "), 10), story[i%len(story)]}
				ix.Add(Doc{ID: fmt.Sprint(w, "/", i), Sig: Sign(paras, 0)})
			}
		})
	}
	wg.Wait()
	if ix.Len() != 200 {
		t.Errorf("Len = %d, want 200", ix.Len())
	}
}
