package ner

import "math"

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
