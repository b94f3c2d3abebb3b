package article

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refBodyID is BodyID as first written, rune by rune: the definition the
// stored ids were made with.
func refBodyID(paragraphs []string) string {
	var b []byte
	for i, p := range paragraphs {
		if i > 0 {
			b = append(b, '\n')
		}
		space := false
		for _, r := range p { // invalid bytes come out as U+FFFD
			switch r {
			case '\u2018', '\u2019':
				r = '\''
			case '\u201c', '\u201d':
				r = '"'
			}
			if unicode.IsSpace(r) {
				space = true
				continue
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

func TestBodyIDMatchesReference(t *testing.T) {
	cases := [][]string{
		nil,
		{""},
		{"", ""},
		{"   ", "a"},
		{" a ", "  ", " b\t\tc \n"},
		{"\u00a0Lead\u2009in\u00a0", "Ⱥ Ⱦ K İ ẞ ΣΑΣ"},           // lower-case forms of other lengths
		{"bad \xff\xfe byte", "\xc3", "half \xe2\x80"},          // invalid UTF-8
		{strings.Repeat("Ⱥ", 300), strings.Repeat("\xff", 200)}, // growth
		{"NATO chief Jens Stoltenberg said “yes”.", "Ukraine’s place is in NATO."},
	}
	for _, ps := range cases {
		if got, want := BodyID(ps), refBodyID(ps); got != want {
			t.Errorf("BodyID(%q) = %s, reference %s", ps, got, want)
		}
	}
}

func FuzzBodyID(f *testing.F) {
	f.Add("NATO chief Jens Stoltenberg said “yes”.", " Ukraine’s\u00a0place ")
	f.Add("\xff Ⱥ\t", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, ps := range [][]string{{a}, {a, b}, {b, a, b}} {
			if got, want := BodyID(ps), refBodyID(ps); got != want {
				t.Fatalf("BodyID(%q) = %s, reference %s", ps, got, want)
			}
		}
	})
}

// TestBodyIDLong crosses BodyID's buffer with every alignment of its
// eight-byte steps and white space at the seams.
func TestBodyIDLong(t *testing.T) {
	for n := 300; n < 420; n++ {
		for _, unit := range []string{"Ab  c\t", "word ", "x", "Ⱥb \u00a0", "ab cd ef ", "abcdefg  "} {
			ps := []string{strings.Repeat(unit, n) + "  ", strings.Repeat("Q", n%9) + " " + strings.Repeat(unit, n/3)}
			if got, want := BodyID(ps), refBodyID(ps); got != want {
				t.Fatalf("BodyID(%q x %d) = %s, reference %s", unit, n, got, want)
			}
		}
	}
}
