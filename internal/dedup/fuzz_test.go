package dedup

import (
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
