package fhash

import "testing"

// The shipped models store these hashes: the values below are the ones
// they were built with, so a change here fails before a model does.
func TestGoldenHashes(t *testing.T) {
	cases := []struct {
		s          string
		str, lower uint64
	}{
		{"", 14695981039185293211, 14695981039185293211},
		{"NATO", 13002571533283985391, 14450479961906762735},
		{"Ukraine’s", 17539172256693005946, 1889839597998217434},
		{"Zoë Ångström", 12330094814324113736, 9856034504394508424},
		{"İstanbul", 6441285724059317150, 4271326494344357809},
	}
	for _, c := range cases {
		if got := String(c.s); got != c.str {
			t.Errorf("String(%q) = %d, want %d", c.s, got, c.str)
		}
		if got := Lower(c.s); got != c.lower {
			t.Errorf("Lower(%q) = %d, want %d", c.s, got, c.lower)
		}
		if got := Bytes(AppendLower(nil, c.s)); got != c.lower {
			t.Errorf("Bytes(AppendLower(%q)) = %d, want %d", c.s, got, c.lower)
		}
	}
	if Mix(1, 2) != 15970526171783594783 || Mix(String("a"), 7) != 3763767495003510639 {
		t.Errorf("Mix(1, 2) = %d, Mix(String(a), 7) = %d", Mix(1, 2), Mix(String("a"), 7))
	}
}

func TestTable(t *testing.T) {
	var zero Table
	if _, ok := zero.Get(42); ok {
		t.Error("the zero Table holds a key")
	}
	tab := NewTable(1000)
	if tab.Slots() < 2000 {
		t.Errorf("%d slots for 1,000 keys, want at least 2,000", tab.Slots())
	}
	for i := range 1000 {
		tab.Put(Mix(uint64(i), 1), uint32(i))
	}
	tab.Put(Mix(7, 1), 70) // a second Put replaces
	for i := range 1000 {
		want := uint32(i)
		if i == 7 {
			want = 70
		}
		if v, ok := tab.Get(Mix(uint64(i), 1)); !ok || v != want {
			t.Errorf("Get(key %d) = %d, %v", i, v, ok)
		}
	}
	if _, ok := tab.Get(Mix(5000, 1)); ok {
		t.Error("a key never put was found")
	}
}
