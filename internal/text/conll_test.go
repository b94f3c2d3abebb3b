package text

import "testing"

func TestCoNLLForm(t *testing.T) {
	for in, want := range map[string]string{
		"“": `"`, "”": `"`, "’": "'", "’s": "'s", "n’t": "n't", "—": "--", "–": "-", "…": "...",
		"O’Brien": "O'Brien", "Zelenskyy": "Zelenskyy", "Київ": "Київ",
	} {
		if got := CoNLLForm(in); got != want {
			t.Errorf("CoNLLForm(%q) = %q, want %q", in, got, want)
		}
	}
}
