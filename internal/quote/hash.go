package quote

import (
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit hashes of a template number and values, so that
// extraction allocates nothing and the model stores no strings.

const (
	fnvOffset = 14695981039185293211
	fnvPrime  = 1099511628211
)

// mix combines two hashes; order matters (a multiply-xorshift finaliser).
func mix(a, b uint64) uint64 {
	x := (a ^ (b * 0x9E3779B97F4A7C15)) * 0xBF58476D1CE4E5B9
	x ^= x >> 31
	x *= 0x94D049BB133111EB
	x ^= x >> 29
	return x
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashLower is hashString of s in lower case, with curly apostrophes
// straightened, without building the string.
func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
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
					h *= fnvPrime
				}
			}
			return h
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}
