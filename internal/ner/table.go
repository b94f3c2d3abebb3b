package ner

// table maps 64-bit hashes to 31-bit values by open addressing. Each slot
// is one uint64: a fingerprint from the hash's high bits above the value,
// so a lookup touches one cache line in the common case. The slot index
// comes from the low bits and the fingerprint from the high 32, which
// together identify a key well enough for features and phrases.
type table struct {
	slots []uint64
	mask  uint64
}

const tableFull = 1 << 31 // marks a used slot

// tableLoad is the largest share of slots in use.
var tableLoad = 0.5

func newTable(n int) table {
	size := 16
	for float64(size)*tableLoad < float64(n) {
		size <<= 1
	}
	return table{slots: make([]uint64, size), mask: uint64(size - 1)}
}

func fingerprint(h uint64) uint64 { return (h>>32 | tableFull) << 32 }

// put sets h's value; v must fit in 31 bits.
func (t *table) put(h uint64, v uint32) {
	fp := fingerprint(h)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 || s&^0xFFFFFFFF == fp {
			t.slots[i] = fp | uint64(v)
			return
		}
	}
}

func (t *table) get(h uint64) (uint32, bool) {
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
