// Package swar tests and changes eight ASCII bytes at a time in a uint64
// (SIMD within a register): the hot loops over article text (case
// folding, white-space normalising) spend most of their time on runs of
// plain ASCII, which a byte-at-a-time loop walks with a branch a byte.
//
// Every function but Load and HasHigh expects a word of ASCII bytes (all
// below 0x80: HasHigh(w) == 0); then no byte's arithmetic carries into
// or borrows from its neighbour.
package swar

const (
	ones = 0x0101010101010101
	high = 0x8080808080808080
	low7 = 0x7f7f7f7f7f7f7f7f
)

// Load reads s[i:i+8] as a little-endian word, s[i] lowest; the compiler
// makes it one load.
func Load(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// HasHigh is non-zero when a byte of w is 0x80 or above: not ASCII.
func HasHigh(w uint64) uint64 { return w & high }

// Below is non-zero when a byte of w is below n (n <= 0x80). It says
// whether, not which.
func Below(w uint64, n byte) uint64 {
	return (w - ones*uint64(n)) &^ w & high
}

// Equal returns 0x80 in each byte of w equal to c and 0 elsewhere.
func Equal(w uint64, c byte) uint64 {
	x := w ^ ones*uint64(c) // zero where equal
	return ^((x&low7 + low7) | x | low7)
}

// Upper returns 0x80 in each byte of w that is 'A' to 'Z' and 0
// elsewhere.
func Upper(w uint64) uint64 {
	atLeastA := w + ones*(0x80-'A')
	pastZ := w + ones*(0x80-'Z'-1)
	return atLeastA &^ pastZ & high
}

// Lower is w with 'A' to 'Z' made lower case.
func Lower(w uint64) uint64 { return w | Upper(w)>>2 } // 0x80>>2 is the case bit
