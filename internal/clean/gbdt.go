package clean

import (
	"math"
	"sort"
)

// gbdt is a gradient-boosted ensemble of small regression trees on the
// log-odds scale. Trees split features at learnt thresholds, so the
// model bends where a line's shape stops mattering (a 40-word line and
// a 400-word line are both prose) and combines features without our
// having to spell out the crossings.
type gbdt struct {
	Base  float64    `json:"base"`
	Trees []treeNode `json:"trees"` // all trees' nodes; each tree's root is at Roots[i]
	Roots []int32    `json:"roots"`
}

// treeNode is a split (Feat >= 0) or a leaf (Feat < 0, Value).
type treeNode struct {
	Feat  int16   `json:"f"`
	Thr   float64 `json:"t,omitempty"`
	Left  int32   `json:"l,omitempty"`
	Right int32   `json:"r,omitempty"`
	Value float64 `json:"v,omitempty"`
}

func (g *gbdt) prob(x []float64) float64 {
	z := g.Base
	for _, r := range g.Roots {
		n := &g.Trees[r]
		for n.Feat >= 0 {
			if int(n.Feat) < len(x) && x[n.Feat] >= n.Thr {
				n = &g.Trees[n.Right]
			} else {
				n = &g.Trees[n.Left]
			}
		}
		z += n.Value
	}
	return 1 / (1 + math.Exp(-z))
}

// gbdtParams are the boosting settings. They were chosen once by
// host-grouped cross-validation on the extraction benchmark.
type gbdtParams struct {
	rounds  int
	depth   int
	rate    float64
	lambda  float64 // L2 penalty on leaf values
	minHess float64 // least hessian weight a leaf may hold, as a share of all
	bins    int
}

var defaultGBDT = gbdtParams{rounds: 150, depth: 4, rate: 0.1, lambda: 1, minHess: 0.002, bins: 32}

// trainGBDT fits the ensemble by Newton boosting on the weighted log loss.
// Thresholds come from weighted quantiles of each feature, computed once;
// every step is a pure function of the data, so training is deterministic.
func trainGBDT(xs [][]float64, ys, ws []float64, p gbdtParams) *gbdt {
	n := len(xs)
	d := len(xs[0])
	// Candidate thresholds per feature: distinct quantiles.
	thr := make([][]float64, d)
	col := make([]float64, n)
	for j := 0; j < d; j++ {
		for i := range xs {
			col[i] = xs[i][j]
		}
		sorted := append([]float64(nil), col...)
		sort.Float64s(sorted)
		var t []float64
		for b := 1; b < p.bins; b++ {
			v := sorted[b*n/p.bins]
			if v > sorted[0] && (len(t) == 0 || v > t[len(t)-1]) {
				t = append(t, v)
			}
		}
		thr[j] = t
	}
	// bin[i][j] is the number of thresholds x[i][j] reaches.
	bin := make([][]uint8, n)
	for i, x := range xs {
		bin[i] = make([]uint8, d)
		for j, v := range x {
			bin[i][j] = uint8(sort.Search(len(thr[j]), func(k int) bool { return thr[j][k] > v }))
		}
	}
	var wsum, pos float64
	for i := range ys {
		wsum += ws[i]
		pos += ws[i] * ys[i]
	}
	prior := math.Min(math.Max(pos/wsum, 1e-3), 1-1e-3)
	g := &gbdt{Base: math.Log(prior / (1 - prior))}
	z := make([]float64, n)
	for i := range z {
		z[i] = g.Base
	}
	grad := make([]float64, n)
	hess := make([]float64, n)
	minH := p.minHess * wsum / 4
	rows := make([]int, n)
	for r := 0; r < p.rounds; r++ {
		for i := range z {
			pr := 1 / (1 + math.Exp(-z[i]))
			grad[i] = ws[i] * (pr - ys[i])
			hess[i] = ws[i] * math.Max(pr*(1-pr), 1e-6)
		}
		for i := range rows {
			rows[i] = i
		}
		root := int32(len(g.Trees))
		g.Roots = append(g.Roots, root)
		g.grow(rows, 0, p, bin, thr, grad, hess, minH)
		// Update scores with the new tree.
		for i := range z {
			n := &g.Trees[root]
			for n.Feat >= 0 {
				if bin[i][n.Feat] > uint8(n.Left>>24) {
					n = &g.Trees[n.Right]
				} else {
					n = &g.Trees[n.Left&0xffffff]
				}
			}
			z[i] += n.Value
		}
	}
	// Strip the bin index kept in Left's high byte during training.
	for k := range g.Trees {
		if g.Trees[k].Feat >= 0 {
			g.Trees[k].Left &= 0xffffff
		}
	}
	return g
}

// grow adds the node for rows at depth and returns its index. While
// training, a split node keeps its bin index in Left's top byte, so that
// scoring the training rows needs no float comparisons.
func (g *gbdt) grow(rows []int, depth int, p gbdtParams, bin [][]uint8, thr [][]float64, grad, hess []float64, minH float64) int32 {
	var G, H float64
	for _, i := range rows {
		G += grad[i]
		H += hess[i]
	}
	idx := int32(len(g.Trees))
	leaf := treeNode{Feat: -1, Value: -p.rate * G / (H + p.lambda)}
	if depth >= p.depth || H < 2*minH {
		g.Trees = append(g.Trees, leaf)
		return idx
	}
	bestGain, bestF, bestB := 1e-9, -1, 0
	d := len(thr)
	hg := make([]float64, 256)
	hh := make([]float64, 256)
	parent := G * G / (H + p.lambda)
	for j := 0; j < d; j++ {
		nb := len(thr[j]) + 1
		if nb < 2 {
			continue
		}
		clear(hg[:nb])
		clear(hh[:nb])
		for _, i := range rows {
			b := bin[i][j]
			hg[b] += grad[i]
			hh[b] += hess[i]
		}
		var gl, hl float64
		for b := 0; b < nb-1; b++ {
			gl += hg[b]
			hl += hh[b]
			gr, hr := G-gl, H-hl
			if hl < minH || hr < minH {
				continue
			}
			gain := gl*gl/(hl+p.lambda) + gr*gr/(hr+p.lambda) - parent
			if gain > bestGain {
				bestGain, bestF, bestB = gain, j, b
			}
		}
	}
	if bestF < 0 {
		g.Trees = append(g.Trees, leaf)
		return idx
	}
	g.Trees = append(g.Trees, treeNode{Feat: int16(bestF), Thr: thr[bestF][bestB]})
	var left, right []int
	for _, i := range rows {
		if int(bin[i][bestF]) > bestB {
			right = append(right, i)
		} else {
			left = append(left, i)
		}
	}
	l := g.grow(left, depth+1, p, bin, thr, grad, hess, minH)
	r := g.grow(right, depth+1, p, bin, thr, grad, hess, minH)
	g.Trees[idx].Left = l | int32(bestB)<<24
	g.Trees[idx].Right = r
	return idx
}
