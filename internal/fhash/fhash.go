// Package fhash holds what the learned taggers (internal/ner,
// internal/quote) share for hashed features: 64-bit hashes of words and
// templates, and a compact table from such hashes to small values.
//
// Features, words and phrases are 64-bit hashes: extraction then
// allocates nothing, and a model file stores no strings. Two features
// colliding in 64 bits among a few million is not a practical concern.
// The shipped models store these hashes: any change to a function here
// invalidates them (the golden values in fhash_test.go guard that).
package fhash

import (
	"unicode"
	"unicode/utf8"
)

// FNV-1a's 64-bit parameters.
const (
	Offset = 14695981039185293211
	Prime  = 1099511628211
)

// Mix combines two hashes; order matters. It is a multiply-xorshift
// finaliser, cheap and well spread, so template ids and small values can
// be mixed in directly.
func Mix(a, b uint64) uint64 {
	x := (a ^ (b * 0x9E3779B97F4A7C15)) * 0xBF58476D1CE4E5B9
	x ^= x >> 31
	x *= 0x94D049BB133111EB
	x ^= x >> 29
	return x
}

// String is FNV-1a of s.
func String(s string) uint64 {
	h := uint64(Offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= Prime
	}
	return h
}

// Bytes is FNV-1a of b.
func Bytes(b []byte) uint64 {
	h := uint64(Offset)
	for _, c := range b {
		h ^= uint64(c)
		h *= Prime
	}
	return h
}

// Lower is String of s in lower case, without building it.
func Lower(s string) uint64 {
	h := uint64(Offset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			var buf [utf8.UTFMax]byte
			for _, r := range s[i:] {
				n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
				for _, b := range buf[:n] {
					h ^= uint64(b)
					h *= Prime
				}
			}
			return h
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= Prime
	}
	return h
}

// AppendLower appends s in lower case; ASCII takes the fast path.
func AppendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			return dst
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// Table maps 64-bit hashes to 31-bit values by open addressing. Each slot
// is one uint64: a fingerprint from the hash's high bits above the value,
// so a lookup touches one cache line in the common case. The slot index
// comes from the low bits and the fingerprint from the high 32, which
// together identify a key well enough for features and phrases. The zero
// Table is empty.
type Table struct {
	slots []uint64
	mask  uint64
}

const tableFull = 1 << 31 // marks a used slot

// NewTable returns a table for n keys, at most half full.
func NewTable(n int) Table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return Table{slots: make([]uint64, size), mask: uint64(size - 1)}
}

func fingerprint(h uint64) uint64 { return (h>>32 | tableFull) << 32 }

// Put sets h's value; v must fit in 31 bits.
func (t *Table) Put(h uint64, v uint32) {
	fp := fingerprint(h)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 || s&^0xFFFFFFFF == fp {
			t.slots[i] = fp | uint64(v)
			return
		}
	}
}

// Get returns h's value.
func (t *Table) Get(h uint64) (uint32, bool) {
	if t.mask == 0 {
		return 0, false
	}
	fp := fingerprint(h)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s&^0xFFFFFFFF == fp {
			return uint32(s), true
		}
		if s == 0 {
			return 0, false
		}
	}
}

// Slots is the table's size, for memory accounting.
func (t *Table) Slots() int { return len(t.slots) }
