package eval

import (
	"math"
	"slices"
	"testing"
)

func TestWordTokensFollowPython(t *testing.T) {
	// re.findall(r'\w+', s) in Python 3 gives these (checked by hand with
	// python3): combining marks split words, underscores and digits join.
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, world!", []string{"Hello", "world"}},
		{"x_y 1.5 naïve", []string{"x_y", "1", "5", "naïve"}},
		{"Ukraine’s “rightful place”", []string{"Ukraine", "s", "rightful", "place"}},
		{"हिन्दी", []string{"ह", "न", "द"}},
		{"東京都 2023年", []string{"東京都", "2023年"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := wordTokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("wordTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShingleMatch(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	tests := []struct {
		name        string
		truth, pred string
		want        PageScore
	}{
		{"identical", "a b c d e", "a b c d e", PageScore{1, 0, 0}},
		// truth shingles: abcd bcde; pred: abcd bcdx → tp 1, fp 1, fn 1.
		{"one word differs", "a b c d e", "a b c d x", PageScore{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"nothing predicted", "a b c d e", "", PageScore{0, 0, 1}},
		{"no truth", "", "a b c d", PageScore{0, 1, 0}},
		// Fewer than four tokens: one shingle of all of them.
		{"short texts", "a b", "a b", PageScore{1, 0, 0}},
		{"both empty", "", "", PageScore{0, 0, 0}},
		// Counts matter: truth has abcd twice among its five shingles,
		// predicted once: one found, four missed.
		{"repeats", "a b c d a b c d", "a b c d", PageScore{0.2, 0, 0.8}},
	}
	for _, tt := range tests {
		got := ShingleMatch(tt.truth, tt.pred)
		if !near(got.TP, tt.want.TP) || !near(got.FP, tt.want.FP) || !near(got.FN, tt.want.FN) {
			t.Errorf("%s: ShingleMatch = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestAggregateAveragesOverPages(t *testing.T) {
	pages := []PageScore{
		{1, 0, 0},       // perfect
		{0, 0, 1},       // nothing predicted: counts for recall only
		{0.5, 0.5, 0},   // precision 0.5, recall 1
		{0.25, 0, 0.75}, // precision 1, recall 0.25
	}
	p, r, f := Aggregate(pages)
	wantP := (1 + 0.5 + 1) / 3.0
	wantR := (1 + 0 + 1 + 0.25) / 4.0
	if math.Abs(p-wantP) > 1e-12 || math.Abs(r-wantR) > 1e-12 || math.Abs(f-2*wantP*wantR/(wantP+wantR)) > 1e-12 {
		t.Errorf("Aggregate = %v %v %v, want %v %v %v", p, r, f, wantP, wantR, 2*wantP*wantR/(wantP+wantR))
	}
}

func TestLineLabels(t *testing.T) {
	truth := "NATO chief Jens Stoltenberg declared Thursday that Ukraine's rightful place is in the alliance."
	lines := []string{
		"NATO chief Jens Stoltenberg declared Thursday",
		"CLICK HERE TO GET THE APP",
		"Thursday",
		"rightful place",
	}
	got := LineLabels(lines, truth)
	want := []float64{1, 0, 1, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("LineLabels(%q) = %v, want %v", lines[i], got[i], want[i])
		}
	}
}
