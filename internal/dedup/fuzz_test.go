package dedup

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// FuzzShingles: any text shingles without panic, the same way twice,
// into a sorted set no larger than its words, whose signature is Sign's.
func FuzzShingles(f *testing.F) {
	f.Add("The quick brown fox jumps over the lazy dog", 3)
	f.Add("don’t ‘quote’ me — it's “fine”", 2)
	f.Add("Ärger in Malmö, हिन्दी, 東京都 2023年", 7)
	f.Add("\xff\xfe broken \xc3 utf-8 \xe2\x80", 5)
	f.Add("", 0)
	f.Fuzz(func(t *testing.T, s string, k int) {
		paras := strings.Split(s, "\n")
		a := Shingles(paras, k)
		b := Shingles(paras, k)
		if !slices.Equal(a, b) {
			t.Fatal("not deterministic")
		}
		if !slices.IsSorted(a) {
			t.Fatal("not sorted")
		}
		// Each shingle ends at a word, and words are at most the runs
		// of letters, digits and marks (apostrophes only join runs).
		words := len(strings.FieldsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
		}))
		if len(a) > words {
			t.Fatalf("%d shingles from %d words", len(a), words)
		}
		sig := Sign(paras, k)
		if int(sig.Size) != len(a) {
			t.Fatalf("Sign size %d, %d shingles", sig.Size, len(a))
		}
		if want := SignShingles(a); sig != want {
			t.Fatal("Sign and SignShingles differ")
		}
	})
}

// FuzzIndex adds a fuzzed stream of articles to an index: cuts, copies
// and mixes of a few texts, some ids seen before. Nothing may panic;
// every Match agrees with Group; the earliest copy and the merged groups
// are in the article's group; an exact copy of an article under a new
// id joins its group (identical signatures collide in every band); Len
// counts the distinct ids; and the groups the Matches report, merges
// followed, are the index's.
func FuzzIndex(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7}, "Gas leak blamed for a building collapse in the Urals")
	f.Add([]byte{9, 9, 9, 200, 17, 33, 250, 1}, "")
	f.Add([]byte{255, 128, 64, 32, 16, 8, 4, 2, 1}, "\xff\xfe broken utf-8 \xc3")
	f.Fuzz(func(t *testing.T, ops []byte, text string) {
		if len(ops) > 64 {
			ops = ops[:64]
		}
		ix, err := NewIndex(Options{})
		if err != nil {
			t.Fatal(err)
		}
		texts := [][]string{story, other, story[:2], story[1:], append(slices.Clone(other), story[0]), {text}, {text, story[2]}, {}}
		type added struct {
			id  string
			sig Signature
		}
		var done []added
		ids := map[string]bool{}
		groupOf := map[string]string{} // what the Matches said, merges followed
		for k, op := range ops {
			id := fmt.Sprint("a", k)
			if op&0x80 != 0 && len(done) > 0 {
				id = done[int(op)%len(done)].id // an id seen before
			}
			sig := Sign(texts[int(op>>4)%len(texts)], 0)
			copyOf := -1
			if op&0x08 != 0 && len(done) > 0 && !ids[id] {
				copyOf = int(op) % len(done)
				sig = done[copyOf].sig
			}
			m := ix.Add(Doc{ID: id, Published: fmt.Sprintf("2019-01-%02d", 1+int(op)%28), Sig: sig})
			g, e, ok := ix.Group(id)
			if !ok || g != m.Group || e != m.Earliest || m.Size < 1 {
				t.Fatalf("Add(%s) = %+v; Group = %s, %s, %v", id, m, g, e, ok)
			}
			if eg, _, _ := ix.Group(m.Earliest); eg != m.Group {
				t.Fatalf("earliest %s of %s is in group %s", m.Earliest, m.Group, eg)
			}
			if copyOf >= 0 && sig.Size > 0 {
				if cg, _, _ := ix.Group(done[copyOf].id); cg != m.Group {
					t.Fatalf("%s, a copy of %s, is in group %s, not %s", id, done[copyOf].id, m.Group, cg)
				}
			}
			for _, x := range m.Merged {
				for a, gx := range groupOf {
					if gx == x {
						groupOf[a] = m.Group
					}
				}
			}
			groupOf[id] = m.Group
			if !ids[id] {
				ids[id] = true
				done = append(done, added{id, sig})
			}
		}
		if ix.Len() != len(ids) {
			t.Fatalf("Len %d, %d ids", ix.Len(), len(ids))
		}
		for a, g := range groupOf {
			if got, _, _ := ix.Group(a); got != g {
				t.Fatalf("%s: the Matches say group %s, the index %s", a, g, got)
			}
		}
	})
}
