package quote

import (
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/fhash"

	"github.com/dateline-news/dateline/internal/article"
)

// TestFastMatchesReference gives random weights to every feature that
// training would list for some real paragraphs, compiles them, and checks
// that the fast tagging paths (word rows, cluster rows, dense arrays,
// batched lookups; and the two-pass kernel) score every token as the sum
// of its listed features' weights does, in both passes.
func TestFastMatchesReference(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	texts := strings.Split(strings.TrimSpace(string(b)), "\n")
	texts = append(texts, `''We will,'' he said. ‘Single’ “unclosed`, "", "x")
	paras := Prepare(texts)
	rng := rand.New(rand.NewSource(7))
	d := &draft{
		cues:  map[uint64]uint8{hashLower("said"): 4, hashLower("declared"): 2, fhash.Mix(lemmaKey, stemHash("warned")): 3},
		index: map[uint64]int32{}, lows: map[uint64]bool{}, sufs: map[uint64]bool{}, lems: map[uint64]bool{},
		bigrams: map[uint64]bool{},
	}
	ref := &Model{cues: d.cues}
	// Entities: runs of capitalised words, of the four types in turn.
	var ents []article.Entity
	for p, para := range paras {
		for i := 0; i < len(para.Tokens); i++ {
			if shapeOf(para.Tokens[i].Text) != shapeCap {
				continue
			}
			j := i + 1
			for j < len(para.Tokens) && shapeOf(para.Tokens[j].Text) == shapeCap {
				j++
			}
			typ := []string{"PER", "ORG", "LOC", "MISC"}[len(ents)%4]
			ents = append(ents, article.Entity{Type: typ, Mentions: []article.Mention{{P: p, Start: para.Tokens[i].Start, End: para.Tokens[j-1].End}}})
			i = j
		}
	}
	ps := ref.prepare(paras, ents, nil, nil)
	// Some first-pass labels to read in the second pass.
	labels := make([][]uint8, len(ps))
	for p := range ps {
		labels[p] = make([]uint8, len(ps[p].ts))
		for i := range labels[p] {
			l := uint8(rng.Intn(nLabels))
			if isInside(int(l)) && (i == 0 || roleOf(labels[p][i-1]) != roleOf(l)) {
				l--
			}
			labels[p][i] = l
		}
	}
	var scr scratch
	type lists struct {
		f1, f2 []uint64
		o1, o2 []int32
	}
	all := make([]lists, len(ps))
	for p := range ps {
		d.addVocab(&ps[p])
		l := &all[p]
		l.f1, l.o1 = paraFeatures(&ps[p], &scr, nil, nil)
		l.f2, l.o2 = stage2Features(&ps[p], labels[p], &scr, nil, nil)
		for _, f := range append(append([]uint64(nil), l.f1...), l.f2...) {
			if _, ok := d.index[f]; !ok {
				d.index[f] = int32(len(d.index))
			}
		}
	}
	for s := 0; s < 2; s++ {
		ws := &weights{w: make([]float32, len(d.index)*nLabels)}
		for i := range ws.w {
			ws.w[i] = float32(rng.Intn(2001)-1000) / 1000
		}
		d.stages = append(d.stages, ws)
	}
	m := d.compile(0)
	if m.kern == nil {
		t.Fatal("no kernel for a two-pass model")
	}
	st := m.getState()
	st.ps = m.prepare(paras, ents, st.ps, st.wc)
	for p := range st.ps {
		n := len(st.ps[p].ts)
		if n == 0 {
			continue
		}
		var c paraCtx
		c.fill(st.ps[p].ts, &st.scr)
		m.staticScores(st, &st.ps[p], &c)
		em := make([]float32, n*nLabels)
		m.laterScores(st, &st.ps[p], &c, labels[p], em, 1)
		l := &all[p]
		for i := 0; i < n; i++ {
			for s := 0; s < 2; s++ {
				for y := 0; y < nLabels; y++ {
					var want float64
					for _, f := range l.f1[l.o1[i]:l.o1[i+1]] {
						want += float64(d.stages[s].w[int(d.index[f])*nLabels+y])
					}
					got := float64(st.static[i*m.width+s*nLabels+y])
					if math.Abs(got-want) > 1e-3 {
						t.Fatalf("paragraph %d token %d (%q) stage %d label %d: fast %.4f, reference %.4f", p, i, paras[p].Tokens[i].Text, s+1, y, got, want)
					}
				}
			}
			for y := 0; y < nLabels; y++ {
				var want float64
				for _, f := range l.f2[l.o2[i]:l.o2[i+1]] {
					want += float64(d.stages[1].w[int(d.index[f])*nLabels+y])
				}
				if got := float64(em[i*nLabels+y]); math.Abs(got-want) > 1e-3 {
					t.Fatalf("paragraph %d token %d second-pass label %d: fast %.4f, reference %.4f", p, i, y, got, want)
				}
			}
		}
		// The kernel (kernel.go): both passes' text scores, then the
		// second pass's whole scores.
		ks := st.ks
		m.kernelStatic(ks, &st.ps[p], &c)
		em2 := make([]float32, n*nLabels)
		m.kernelSecond(ks, st, &st.ps[p], &c, labels[p], em2)
		for i := 0; i < n; i++ {
			for y := 0; y < nLabels; y++ {
				var want1, want2 float64
				for _, f := range l.f1[l.o1[i]:l.o1[i+1]] {
					want1 += float64(d.stages[0].w[int(d.index[f])*nLabels+y])
					want2 += float64(d.stages[1].w[int(d.index[f])*nLabels+y])
				}
				for _, f := range l.f2[l.o2[i]:l.o2[i+1]] {
					want2 += float64(d.stages[1].w[int(d.index[f])*nLabels+y])
				}
				if got := float64(ks.static[i*rowW+y]); math.Abs(got-want1) > 1e-3 {
					t.Fatalf("kernel: paragraph %d token %d (%q) first-pass label %d: %.4f, reference %.4f", p, i, paras[p].Tokens[i].Text, y, got, want1)
				}
				if got := float64(em2[i*nLabels+y]); math.Abs(got-want2) > 1e-3 {
					t.Fatalf("kernel: paragraph %d token %d (%q) second-pass label %d: %.4f, reference %.4f", p, i, paras[p].Tokens[i].Text, y, got, want2)
				}
			}
		}
	}
}

// TestWordCachePure checks that the word cache gives every token the
// attributes wordInfo gives it, whatever the cache held before: "’s" and
// "'s" share a lower-case hash but not their bytes.
func TestWordCachePure(t *testing.T) {
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m := f.m
	wc := newWordCache()
	a := Prepare([]string{"Smith's aide said it's fine, the players' union too."})
	b := Prepare([]string{"“We’re done,” Smith’s aide said; it’s the players’ view."})
	m.prepare(a, nil, nil, wc)
	got := m.prepare(b, nil, nil, wc)
	want := m.prepare(b, nil, nil, nil)
	for i := range want[0].ts {
		if got[0].ts[i] != want[0].ts[i] {
			t.Errorf("token %q: cached %+v, computed %+v", b[0].Tokens[i].Text, got[0].ts[i], want[0].ts[i])
		}
	}
}

// TestContinues checks which paragraphs may carry a cue's content on.
func TestContinues(t *testing.T) {
	ps := (&Model{}).prepare(Prepare([]string{
		"Peskov told reporters:",           // 0
		"“The goals have not changed.",     // 1: after a colon, opens a quotation
		"“Nor will they.”",                 // 2: the quotation reopened
		"The talks resume on Monday.",      // 3: the author again
		"Officials gave no date for them.", // 4
	}), nil, nil, nil)
	for _, tc := range []struct {
		cp, p int
		want  bool
	}{{0, 0, true}, {0, 1, true}, {0, 2, true}, {0, 3, false}, {0, 4, false}, {2, 1, false}, {3, 4, false}} {
		if got := continues(ps, tc.cp, tc.p); got != tc.want {
			t.Errorf("continues(%d, %d) = %v, want %v", tc.cp, tc.p, got, tc.want)
		}
	}
}

// TestByName checks sources resolved by spelling: a whole name, or a
// surname only one person in the article has.
func TestByName(t *testing.T) {
	ents := []article.Entity{{Name: "Boris Johnson", Type: "PER"}, {Name: "NATO", Type: "ORG"}, {Name: "Jeremy Corbyn", Type: "PER"}, {Name: "British", Type: "MISC"}}
	r := &resolver{ents: ents}
	for in, want := range map[string]int{"Johnson": 0, "Johnson’s": 0, "NATO": 1, "Corbyn": 2, "Smith": -1, "British": -1, "Johnson, a spokesman": -1} {
		if got := r.byName(in); got != want {
			t.Errorf("byName(%q) = %d, want %d", in, got, want)
		}
	}
	r.ents = append(r.ents, article.Entity{Name: "Lyndon Johnson", Type: "PER"})
	if got := r.byName("Johnson"); got != -1 {
		t.Errorf("a surname two people share resolved to %d", got)
	}
}
