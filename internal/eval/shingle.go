package eval

import (
	"unicode"
)

// PageScore is one page's shingle counts, normalised to sum to 1 as the
// article-extraction-benchmark's evaluate.py does, so that long pages do
// not outweigh short ones.
type PageScore struct{ TP, FP, FN float64 }

// wordTokens splits s as Python's re.findall(r'\w+', s) does with
// re.UNICODE: runs of letters, digits, marks and the underscore.
func wordTokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// isWordRune matches Python's \w: str.isalnum() (letters L*, numbers N*)
// and the underscore. Combining marks are not word characters there, so
// Devanagari words split at their vowel signs: the benchmark's metric
// does so too, and we follow it rather than correct it.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// shingles counts the 4-token shingles of text. A text of fewer than n
// tokens is one shingle of all its tokens; an empty text has none.
func shingles(text string, n int) map[string]int {
	toks := wordTokens(text)
	out := make(map[string]int)
	if len(toks) == 0 {
		return out
	}
	last := len(toks) - n + 1
	if last < 1 {
		last = 1
	}
	for i := 0; i < last; i++ {
		out[joinTokens(toks[i:min(i+n, len(toks))])]++
	}
	return out
}

// ShingleMatch scores a predicted body against the true one.
func ShingleMatch(truth, pred string) PageScore {
	ts, ps := shingles(truth, 4), shingles(pred, 4)
	var tp, fp, fn float64
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		fp += float64(max(0, pc-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return PageScore{tp, fp, fn}
}

// Aggregate averages precision over pages that produced output and recall
// over pages that have a truth, then takes F1 of the two averages.
func Aggregate(pages []PageScore) (precision, recall, f1 float64) {
	var ps, rs float64
	var np, nr int
	for _, s := range pages {
		if s.TP+s.FP > 0 {
			ps += pscore(s)
			np++
		}
		if s.TP+s.FN > 0 {
			rs += rscore(s)
			nr++
		}
	}
	if np > 0 {
		precision = ps / float64(np)
	}
	if nr > 0 {
		recall = rs / float64(nr)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return
}

func pscore(s PageScore) float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FP == 0:
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

func rscore(s PageScore) float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FN == 0:
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// LineLabels gives, for each line, the share of its 4-token shingles found
// in the true body (a line shorter than four tokens: whether its tokens
// occur together in the truth). It turns the benchmark's page-level truth
// into line labels for training and for error analysis.
func LineLabels(lines []string, truth string) []float64 {
	tt := wordTokens(truth)
	grams := make(map[string]bool, 4*len(tt))
	for n := 1; n <= 4; n++ {
		for i := 0; i+n <= len(tt); i++ {
			grams[joinTokens(tt[i:i+n])] = true
		}
	}
	out := make([]float64, len(lines))
	for li, l := range lines {
		toks := wordTokens(l)
		if len(toks) == 0 {
			continue
		}
		if len(toks) < 4 {
			if grams[joinTokens(toks)] {
				out[li] = 1
			}
			continue
		}
		hit := 0
		for i := 0; i+4 <= len(toks); i++ {
			if grams[joinTokens(toks[i:i+4])] {
				hit++
			}
		}
		out[li] = float64(hit) / float64(len(toks)-3)
	}
	return out
}

func joinTokens(t []string) string {
	n := len(t)
	for _, s := range t {
		n += len(s)
	}
	b := make([]byte, 0, n)
	for i, s := range t {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, s...)
	}
	return string(b)
}
