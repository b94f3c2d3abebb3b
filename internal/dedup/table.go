package dedup

// A bandTable maps band keys to the newest posting with that key: open
// addressing with linear probing over one slice, a slot holding a key's
// top 32 bits and the posting plus one (0 is an empty slot). A key's low
// bits pick its first slot, so two keys collide only when they agree in
// their top 32 bits and share a probe run; a collision costs candidates
// that verification then drops, never a wrong group. Looking up the old
// head and storing the new one is one probe, where a Go map would take
// two, and a slot is 8 bytes.
type bandTable struct {
	slots []uint64
	n     int
}

// swap stores p as key's newest posting and returns the one before it.
func (t *bandTable) swap(key uint64, p int32) (old int32, ok bool) {
	if 4*(t.n+1) > 3*len(t.slots) {
		return -1, false // the caller grows the table and tries again
	}
	mask := uint64(len(t.slots) - 1)
	top := key >> 32
	for i := key & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.slots[i] = top<<32 | uint64(p+1)
			t.n++
			return -1, true
		}
		if s>>32 == top {
			t.slots[i] = top<<32 | uint64(p+1)
			return int32(uint32(s)) - 1, true
		}
	}
}

// grow doubles the table; key gives each head's key, which the slot keeps
// only half of.
func (t *bandTable) grow(key func(p int32) uint64) {
	old := t.slots
	t.slots = make([]uint64, max(1024, 2*len(old)))
	mask := uint64(len(t.slots) - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		k := key(int32(uint32(s)) - 1)
		for i := k & mask; ; i = (i + 1) & mask {
			if t.slots[i] == 0 {
				t.slots[i] = s
				break
			}
		}
	}
}
