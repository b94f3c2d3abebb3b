package quote

import "testing"

func TestIsPronoun(t *testing.T) {
	for name, want := range map[string]bool{
		"I": true, "He": true, "she": true, "Who": true, "They": true,
		"WHO": false, // the World Health Organization
		"IT":  false, "Anne Sacoolas": false, "Ian": false, "": false,
	} {
		if got := isPronoun(name); got != want {
			t.Errorf("isPronoun(%q) = %v, want %v", name, got, want)
		}
	}
}
