package quote

// table maps 64-bit hashes to 31-bit values by open addressing (as in
// internal/ner): each slot is one uint64, a fingerprint from the hash's
// high bits above the value, so a lookup touches one cache line in the
// common case.
type table struct {
	slots []uint64
	mask  uint64
}

const tableFull = 1 << 31 // marks a used slot

func newTable(n int) table {
	size := 16
	for size < 2*n {
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
