package quote

import (
	"github.com/dateline-news/dateline/internal/fhash"

	"unicode"
	"unicode/utf8"
)

// hashLower is fhash.Lower with curly apostrophes straightened: the
// quote model's words are keyed so.
func hashLower(s string) uint64 {
	h := uint64(fhash.Offset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			var buf [utf8.UTFMax]byte
			for _, r := range s[i:] {
				if r == '’' {
					r = '\''
				}
				n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
				for _, b := range buf[:n] {
					h ^= uint64(b)
					h *= fhash.Prime
				}
			}
			return h
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fhash.Prime
	}
	return h
}
