package quote

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/fhash"

	"github.com/dateline-news/dateline/internal/text"
)

// TestFindRegions checks where quotations begin and end, written as the
// quoted words between | bars (single-mark quotations as ‹…›).
func TestFindRegions(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"“Let me be clear, Ukraine’s rightful place is in the Euro-Atlantic family,” Stoltenberg told a news conference. “Ukraine’s rightful place is in NATO.”",
			"|Let me be clear , Ukraine ’s rightful place is in the Euro-Atlantic family ,| |Ukraine ’s rightful place is in NATO .|"},
		{`Upon arrival, Zapata told reporters, "We made a machine three years ago... and now we've crossed the Channel, it's crazy."`,
			`|We made a machine three years ago ... and now we 've crossed the Channel , it 's crazy .|`},
		{`an emergency go around at "very low height" according to The Aviation Herald.`, `|very low height|`},
		// An opening mark with no closing one: the quotation runs on into
		// the next paragraph.
		{"“The first paragraph of a long quotation ends here.", "|The first paragraph of a long quotation ends here .|"},
		// A closing mark with no opening one: the paragraph starts inside.
		{"and then it stopped,” she said.", "|and then it stopped ,|"},
		// Nested single marks inside double ones.
		{"“They told us: ‘You will be thrown out,’ and we left,” he said.",
			"|They told us : ‘ You will be thrown out , ’ and we left ,| ‹You will be thrown out ,›"},
		// Apostrophes are not marks.
		{"The players’ union said it was the Kremlin’s decision.", ""},
		// Headlines quote with single marks.
		{"UKRAINE’S TOP PROSECUTOR SPEAKS OF ‘EVIL’ RUSSIAN ATROCITIES", "‹EVIL›"},
		// Doubled apostrophes, as some archives write quotations.
		{"''It's a mess,'' said Mr. Garin.", "|It 's a mess ,|"},
		// The closing curly mark used for both ends.
		{"He called it ”a disgrace” on Friday.", "|a disgrace|"},
	} {
		toks := text.Tokenize(tc.in)
		var got []string
		for _, r := range findRegions(tc.in, toks, nil) {
			var ws []string
			for _, tk := range toks[max(r.open+1, 0):r.close] {
				ws = append(ws, tk.Text)
			}
			if r.single {
				got = append(got, "‹"+strings.Join(ws, " ")+"›")
			} else {
				got = append(got, "|"+strings.Join(ws, " ")+"|")
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.in, g, tc.want)
		}
	}
}

// TestViterbi compares the decoder with an exhaustive search over every
// allowed label sequence of short random paragraphs.
func TestViterbi(t *testing.T) {
	seed := uint64(1)
	rnd := func() float32 {
		seed = fhash.Mix(seed, 1)
		return float32(int64(seed>>40)%2001-1000) / 100
	}
	for trial := 0; trial < 200; trial++ {
		n := 1 + trial%5
		em := make([]float32, n*nLabels)
		for i := range em {
			em[i] = rnd()
		}
		var trans [nLabels + 1][nLabels]float32
		for p := range trans {
			for y := range trans[p] {
				trans[p][y] = rnd()
			}
		}
		got := make([]uint8, n)
		viterbi(em, &trans, n, make([]uint8, n*nLabels), got)
		score := func(ls []uint8) float32 {
			s, prev := float32(0), nLabels
			for i, l := range ls {
				s += trans[prev][l] + em[i*nLabels+int(l)]
				prev = int(l)
			}
			return s
		}
		best := float32(-1e30)
		seq := make([]uint8, n)
		var walk func(i, prev int)
		walk = func(i, prev int) {
			if i == n {
				best = max(best, score(seq))
				return
			}
			for y := 0; y < nLabels; y++ {
				if allowed(prev, y) {
					seq[i] = uint8(y)
					walk(i+1, y)
				}
			}
		}
		walk(0, nLabels)
		for i, l := range got {
			if i == 0 && !allowed(nLabels, int(l)) || i > 0 && !allowed(int(got[i-1]), int(l)) {
				t.Fatalf("trial %d: label %d after %d not allowed", trial, l, got[max(i-1, 0)])
			}
		}
		if s := score(got); s < best-1e-3 {
			t.Fatalf("trial %d: viterbi scored %.3f, best %.3f", trial, s, best)
		}
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"said": "said", "says": "say", "stated": "stat", "states": "stat", "stating": "stat", "state": "stat",
		"added": "add", "adding": "add", "stopped": "stop", "denies": "deny", "denied": "deny",
		"warned": "warn", "pushes": "push", "Trump": "Trump", "is": "is", "news": "new",
	} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}
