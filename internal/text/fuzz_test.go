package text

import (
	"reflect"
	"testing"
)

// FuzzTokenize checks, for any string including invalid UTF-8, that
// tokenising never panics and keeps its invariants (checkOffsets), that
// AppendTokens onto a used buffer gives the same tokens, and that sentences
// cover the tokens in order, contiguous and non-empty.
func FuzzTokenize(f *testing.F) {
	for _, c := range tokenCases {
		f.Add(c.in)
	}
	for _, c := range sentenceCases {
		f.Add(c.in)
	}
	buf := make([]Token, 0, 8)
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		checkOffsets(t, s, toks)
		buf = AppendTokens(buf[:0], s)
		if !reflect.DeepEqual(buf, toks) && len(toks) > 0 {
			t.Fatalf("%q: AppendTokens %v, Tokenize %v", s, buf, toks)
		}
		checkSentences(t, s, toks, Sentences(s, toks))
	})
}
