package swar

import "testing"

// TestExhaustive checks every function on every ASCII byte in every
// position, beside every other ASCII byte.
func TestExhaustive(t *testing.T) {
	for c := range 128 {
		for d := range 128 {
			for pos := range 8 {
				var w [8]byte
				for i := range w {
					w[i] = byte(d)
				}
				w[pos] = byte(c)
				x := Load(string(w[:]), 0)
				up, eq, lo := Upper(x), Equal(x, ' '), Lower(x)
				below := false
				for i := range 8 {
					b := func(v uint64) byte { return byte(v >> (8 * i)) }
					isUpper := w[i] >= 'A' && w[i] <= 'Z'
					if (b(up) == 0x80) != isUpper || b(up)&0x7f != 0 {
						t.Fatalf("Upper(%q) = %#x", w, up)
					}
					if (b(eq) == 0x80) != (w[i] == ' ') || b(eq)&0x7f != 0 {
						t.Fatalf("Equal(%q, ' ') = %#x", w, eq)
					}
					want := w[i]
					if isUpper {
						want += 'a' - 'A'
					}
					if b(lo) != want {
						t.Fatalf("Lower(%q) = %#x", w, lo)
					}
					below = below || w[i] < ' '
				}
				if (Below(x, ' ') != 0) != below {
					t.Fatalf("Below(%q, ' ') = %#x", w, Below(x, ' '))
				}
				if HasHigh(x) != 0 {
					t.Fatalf("HasHigh(%q) != 0", w)
				}
			}
		}
	}
	if HasHigh(Load("abc\xe2\x80\x9cd!", 0)) == 0 {
		t.Error("HasHigh missed a multi-byte rune")
	}
}
