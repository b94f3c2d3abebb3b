package ner

import "math"

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

// smallMap is a scratch map from 64-bit hashes to int32, for per-document
// counts: cleared in constant time by a generation number, so a pooled
// tagging state reuses it without reallocating or walking it.
type smallMap struct {
	slots []smallSlot
	gen   uint32
	n     int
}

type smallSlot struct {
	key uint64
	gen uint32
	val int32
}

// reset empties the map and makes room for about n keys.
func (m *smallMap) reset(n int) {
	size := 64
	for size < 2*n {
		size <<= 1
	}
	if len(m.slots) < size || m.gen == math.MaxUint32 {
		m.slots = make([]smallSlot, size)
		m.gen = 0
	}
	m.gen++
	m.n = 0
}

// ref returns the value of key, adding it as 0 if absent. The map must
// have been reset for at least as many keys as it is given.
func (m *smallMap) ref(key uint64) *int32 {
	mask := uint64(len(m.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		s := &m.slots[i]
		if s.gen != m.gen {
			*s = smallSlot{key: key, gen: m.gen}
			m.n++
			return &s.val
		}
		if s.key == key {
			return &s.val
		}
	}
}

// get returns key's value and whether it is there.
func (m *smallMap) get(key uint64) (int32, bool) {
	if len(m.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(m.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		s := &m.slots[i]
		if s.gen != m.gen {
			return 0, false
		}
		if s.key == key {
			return s.val, true
		}
	}
}
