package clean

import (
	"math"
)

// LineModel scores each line of a page as body (near 1) or boilerplate
// (near 0). Two stacked logistic regressions: the first reads each line's
// shape and its neighbours'; the second reads the first's scores around
// the line and where the page's densest body region lies, which smooths
// isolated mistakes inside and outside the article.
type LineModel struct {
	Stage1    *gbdt   `json:"stage1"`
	Stage2    *gbdt   `json:"stage2"`
	Threshold float64 `json:"threshold"`
}

// Scores gives each line's probability of being body text.
func (m *LineModel) Scores(lines []string) []float64 {
	return m.scores(lines, nil, nil)
}

// scores is Scores reusing the lines' shapes when the caller has them.
// When need is not nil, only the lines with need[i] are scored and the
// others' scores are 0: every line is context for its neighbours in the
// first stage, but the rules have decided some lines already and their
// second-stage scores would go unread.
func (m *LineModel) scores(lines []string, shapes []lineShape, need []bool) []float64 {
	if shapes == nil {
		shapes = make([]lineShape, len(lines))
		for i, l := range lines {
			shapes[i] = shapeOf(l)
		}
	}
	s := new(scratch)
	return append([]float64(nil), m.scoresIn(s, lines, shapes, need)...)
}

// scoresIn is scores in s's arrays: the result is s's until its next use.
func (m *LineModel) scoresIn(s *scratch, lines []string, shapes []lineShape, need []bool) []float64 {
	x1 := s.lineFeatures(lines, shapes)
	p1 := grow(s.p1, len(lines))
	s.p1 = p1
	m.Stage1.probs(x1, p1)
	x2 := s.stage2Features(lines, x1, p1)
	p2 := grow(s.p2, len(lines))
	s.p2 = p2
	if need == nil {
		m.Stage2.probs(x2, p2)
		return p2
	}
	rows := s.picked[:0]
	for i, x := range x2 {
		if need[i] {
			rows = append(rows, x)
		}
	}
	s.picked = rows
	p := grow(s.p, len(rows))
	s.p = p
	m.Stage2.probs(rows, p)
	for i := range x2 {
		if need[i] {
			p2[i], p = p[0], p[1:]
		}
	}
	return p2
}

// densestRegion finds the run of lines that maximises the summed
// letter-weighted margin p-0.5: the block a reader would call the article.
func densestRegion(lines []string, p []float64) (lo, hi int) {
	best, cur := math.Inf(-1), 0.0
	start := 0
	lo, hi = 0, -1
	for i := range p {
		w := math.Log1p(float64(len(lines[i])))
		v := (p[i] - 0.5) * w
		if cur <= 0 {
			cur, start = v, i
		} else {
			cur += v
		}
		if cur > best {
			best, lo, hi = cur, start, i
		}
	}
	return lo, hi
}

// stage2FeatureCount is the length of a row of stage2Features.
const stage2FeatureCount = 19

func stage2Features(lines []string, x1 [][]float64, p1 []float64) [][]float64 {
	return new(scratch).stage2Features(lines, x1, p1)
}

// stage2Features is the package's stage2Features in s's arrays.
func (s *scratch) stage2Features(lines []string, x1 [][]float64, p1 []float64) [][]float64 {
	n := len(p1)
	lo, hi := densestRegion(lines, p1)
	at := func(i int) float64 {
		if i < 0 || i >= n {
			return 0
		}
		return p1[i]
	}
	// The rows share one allocation, as in lineFeatures.
	out := s.x2.reset(n, stage2FeatureCount)
	for i := range p1 {
		f := out[i]
		f = append(f, 1, p1[i], logit(p1[i]))
		for _, d := range []int{-3, -2, -1, 1, 2, 3} {
			f = append(f, at(i+d))
		}
		for _, w := range []int{2, 5, 12} {
			var s float64
			k := 0
			for j := max(0, i-w); j <= min(n-1, i+w); j++ {
				if j != i {
					s += p1[j]
					k++
				}
			}
			if k > 0 {
				s /= float64(k)
			}
			f = append(f, s)
		}
		in := 0.0
		dist := 0
		switch {
		case i >= lo && i <= hi:
			in = 1
		case i < lo:
			dist = lo - i
		default:
			dist = i - hi
		}
		f = append(f, in, math.Log1p(float64(dist)))
		// The line's own length and sentence shape interact with its
		// neighbours' scores: a short line inside the body is a subhead,
		// outside it a menu item.
		f = append(f, x1[i][1], x1[i][9], x1[i][1]*in, x1[i][9]*in, x1[i][8]*in)
		out[i] = f
	}
	return out
}

func logit(p float64) float64 {
	p = math.Min(math.Max(p, 1e-6), 1-1e-6)
	return math.Log(p/(1-p)) / 10
}

// TrainDoc is one page for training: its lines and, for each, the share
// of the line that belongs to the true article body (0..1).
type TrainDoc struct {
	Lines  []string
	Labels []float64
}

// TrainLineModel fits a LineModel on docs. The second stage learns from
// first-stage scores made out-of-fold, so that it sees scores as noisy as
// those on unseen pages. Deterministic: same docs, same model.
func TrainLineModel(docs []TrainDoc) *LineModel {
	const inner = 5
	feats := make([][][]float64, len(docs))
	for i, d := range docs {
		feats[i] = lineFeatures(d.Lines, nil)
	}
	stage1 := func(skip func(int) bool) *gbdt {
		var xs [][]float64
		var ys, ws []float64
		for i, d := range docs {
			if skip(i) {
				continue
			}
			total := 0.0
			for _, l := range d.Lines {
				total += lineWeight(l)
			}
			for j, x := range feats[i] {
				xs = append(xs, x)
				ys = append(ys, label(d.Labels[j]))
				ws = append(ws, lineWeight(d.Lines[j])/math.Max(total, 1))
			}
		}
		return trainGBDT(xs, ys, ws, defaultGBDT)
	}
	oof := make([][]float64, len(docs))
	for k := 0; k < inner; k++ {
		m := stage1(func(i int) bool { return i%inner == k })
		for i := k; i < len(docs); i += inner {
			oof[i] = make([]float64, len(feats[i]))
			for j, x := range feats[i] {
				oof[i][j] = m.prob(x)
			}
		}
	}
	model := &LineModel{Stage1: stage1(func(int) bool { return false }), Threshold: 0.4}
	var xs [][]float64
	var ys, ws []float64
	for i, d := range docs {
		total := 0.0
		for _, l := range d.Lines {
			total += lineWeight(l)
		}
		for j, x := range stage2Features(d.Lines, feats[i], oof[i]) {
			xs = append(xs, x)
			ys = append(ys, label(d.Labels[j]))
			ws = append(ws, lineWeight(d.Lines[j])/math.Max(total, 1))
		}
	}
	model.Stage2 = trainGBDT(xs, ys, ws, defaultGBDT)
	return model
}

// lineWeight makes long lines count more, as they do in any word-overlap
// measure of extraction, without letting one long line drown the rest.
func lineWeight(l string) float64 {
	return math.Sqrt(float64(len(l)) + 1)
}

func label(v float64) float64 {
	if v >= 0.5 {
		return 1
	}
	return 0
}
