package dedup

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// DefaultShingle is the number of words in a shingle when Options and
// the functions here are given 0. MaxShingle bounds it.
const (
	DefaultShingle = 7
	MaxShingle     = 16
)

// FNV-1a's constants, for hashing a word one character at a time.
const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

// byte classes of ASCII, for the fast path of the word scanner.
const (
	cWord = 1 << iota // a letter or a digit
	cUpper
	cApos // joins the two halves of "don't": dropped, so that ' and ’ agree
)

var ascii = func() (t [utf8.RuneSelf]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = cWord
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cWord
		t[c-'a'+'A'] = cWord | cUpper
	}
	t['\''] = cApos
	return t
}()

// Shingles returns the distinct hashes of the k-word shingles of a text
// given as paragraphs, sorted: the set whose Jaccard similarity the
// signatures estimate. k < 1 means DefaultShingle; k is at most MaxShingle.
//
// Words are runs of letters, digits and combining marks, lower-cased; an
// apostrophe inside a word (', ’ or ʼ) is dropped, so that typographic and
// straight quotes give one word, and every other character separates
// words. Shingles do not cross paragraphs, so that reordered paragraphs
// keep their shingles and a line of site chrome only adds its own; a
// paragraph of fewer than k words is one shingle of all its words.
func Shingles(paragraphs []string, k int) []uint64 {
	set := AppendShingles(nil, paragraphs, k)
	slices.Sort(set)
	return slices.Compact(set)
}

// AppendShingles appends the hashes of the shingles of paragraphs to dst,
// in text order and with repeats, and returns the extended slice. It
// allocates nothing beyond dst's growth.
func AppendShingles(dst []uint64, paragraphs []string, k int) []uint64 {
	k = shingleSize(k)
	var win [MaxShingle]uint64 // the last k word hashes, oldest first
	for _, p := range paragraphs {
		n := 0 // words seen in p
		for i := 0; i < len(p); {
			var h uint64
			var ok bool
			h, i, ok = nextWord(p, i)
			if !ok {
				break
			}
			if n < k {
				win[n] = h
			} else {
				copy(win[:k-1], win[1:k])
				win[k-1] = h
			}
			n++
			if n >= k {
				dst = append(dst, shingleHash(win[:k]))
			}
		}
		if 0 < n && n < k {
			dst = append(dst, shingleHash(win[:n]))
		}
	}
	return dst
}

func shingleSize(k int) int {
	switch {
	case k < 1:
		return DefaultShingle
	case k > MaxShingle:
		return MaxShingle
	}
	return k
}

// shingleHash combines word hashes in order (a polynomial, so that "a b"
// and "b a" differ) and mixes the sum, so that every bit of the result
// depends on every word.
func shingleHash(words []uint64) uint64 {
	h := uint64(len(words))
	for _, w := range words {
		h = h*0x9e3779b97f4a7c15 + w
	}
	return mix(h)
}

// nextWord hashes the next word of s at or after i and returns the
// position after it; ok is false when no word is left.
func nextWord(s string, i int) (h uint64, end int, ok bool) {
	h = fnvOffset
	in := false
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			cl := ascii[c]
			switch {
			case cl&cWord != 0:
				if cl&cUpper != 0 {
					c += 'a' - 'A'
				}
				h = (h ^ uint64(c)) * fnvPrime
				in = true
				i++
				continue
			case cl&cApos != 0 && in:
				i++
				continue
			}
			i++
			if in {
				return mix(h), i, true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '’' || r == 'ʼ':
			if in {
				i += size
				continue
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			h = (h ^ uint64(unicode.ToLower(r))) * fnvPrime
			in = true
			i += size
			continue
		}
		i += size
		if in {
			return mix(h), i, true
		}
	}
	return mix(h), i, in
}

// mix is splitmix64's finalizer: a fixed bijection of 64-bit values whose
// output bits each depend on all input bits. Signatures are built from it
// alone, so they are the same on every machine and in every run, and can
// be stored.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
