package dedup

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// DefaultShingle is the number of words in a shingle when Options and
// the functions here are given 0. MaxShingle bounds it.
const (
	DefaultShingle = 8
	MaxShingle     = 16
)

// FNV-1a's constants, for hashing a word one character at a time.
const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

// fold maps a byte to its lower-case form when it is an ASCII letter or
// digit, and otherwise to its class, for the scanner's fast path.
const (
	sep   = 0 // separates words
	apos  = 1 // joins the halves of "don't" and is dropped, so that ' and ’ agree
	multi = 2 // part of a multi-byte rune: decode it
)

var fold = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	t['\''] = apos
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = multi
	}
	return t
}()

// shinglePrime weighs a shingle's words by position in a polynomial hash,
// so that "a b" and "b a" differ and the window can roll.
const shinglePrime = 0x9e3779b97f4a7c15

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
	pk := uint64(1) // shinglePrime to the k, to take the oldest word out
	for range k {
		pk *= shinglePrime
	}
	for _, p := range paragraphs {
		// h is the polynomial of the last k words; ring holds them, j
		// points at the oldest.
		var ring [MaxShingle]uint64
		var h uint64
		n, j := 0, 0
		for i := 0; i < len(p); {
			w, end, ok := nextWord(p, i)
			if !ok {
				break
			}
			i = end
			h = h*shinglePrime + w - ring[j]*pk
			ring[j] = w
			if j++; j == k {
				j = 0
			}
			if n++; n >= k {
				dst = append(dst, mix(h+uint64(k)))
			}
		}
		if 0 < n && n < k {
			dst = append(dst, mix(h+uint64(n)))
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

// nextWord hashes the next word of s at or after i (FNV-1a over its
// lower-cased characters, then mixed) and returns the position after it;
// ok is false when no word is left.
func nextWord(s string, i int) (h uint64, end int, ok bool) {
	h = fnvOffset
	for i < len(s) {
		c := fold[s[i]]
		if c > multi {
			h = (h ^ uint64(c)) * fnvPrime
			ok = true
			i++
			continue
		}
		if c == multi {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			switch {
			case r == '’' || r == 'ʼ': // ʼ is a letter to unicode
				if ok {
					continue
				}
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
				h = (h ^ uint64(unicode.ToLower(r))) * fnvPrime
				ok = true
				continue
			}
		} else {
			i++
			if c == apos && ok {
				continue
			}
		}
		if ok {
			return mix(h), i, true
		}
	}
	return mix(h), i, ok
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
