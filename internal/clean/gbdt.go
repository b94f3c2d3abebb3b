package clean

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"
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

	// flat is the same ensemble laid out for scoring, built on first
	// use: scoring is the hot path of every page, the JSON layout is
	// what training writes.
	flatOnce sync.Once
	flat     *flatForest
}

// treeNode is a split (Feat >= 0) or a leaf (Feat < 0, Value).
type treeNode struct {
	Feat  int16   `json:"f"`
	Thr   float64 `json:"t,omitempty"`
	Left  int32   `json:"l,omitempty"`
	Right int32   `json:"r,omitempty"`
	Value float64 `json:"v,omitempty"`
}

// prob is the ensemble's probability that x is body text.
func (g *gbdt) prob(x []float64) float64 {
	if f := g.flatten(); f != nil && len(x) >= f.nFeat {
		return f.prob(x)
	}
	return g.walk(x)
}

// probs sets out[i] to prob(xs[i]) for every row.
func (g *gbdt) probs(xs [][]float64, out []float64) {
	f := g.flatten()
	for _, x := range xs {
		if f == nil || len(x) < f.nFeat {
			for i, x := range xs {
				out[i] = g.walk(x)
			}
			return
		}
	}
	f.probs(xs, out)
}

// walk scores x by following each tree's nodes: the definition the flat
// layout must agree with.
func (g *gbdt) walk(x []float64) float64 {
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

// maxFlatDepth bounds the depth flatForest pads trees to: a complete tree
// doubles in size with each level.
const maxFlatDepth = 8

// flatForest holds every tree padded to a complete binary tree of the
// ensemble's greatest depth and stored breadth first: the children of
// split i are 2i+1 and 2i+2. A leaf above the bottom is padded with
// splits whose two sides hold the same value, so every row reaches the
// value it reached in the original tree.
//
// A page's rows are scored together, 64 at a time, with a bit per row
// (see probs). For that each split refers to the set of rows that go
// right at it, which depends only on its feature and threshold: splits
// that share both share the set.
type flatForest struct {
	base   float64
	depth  int // splits on every path from root to leaf
	trees  int
	nFeat  int         // rows must have this many features (padding splits read x[0])
	splits []flatSplit // per tree, its 2^depth-1 splits
	leaves []float64   // per tree, its 2^depth leaf values

	thresholds [][]float64 // per feature, its splits' thresholds, sorted and distinct
	setStart   []int       // per feature, where its row sets start among all
	nSets      int
	setOf      []int32 // per split, its row set: setStart[feat] + the rank of its threshold
}

type flatSplit struct {
	thr  float64
	feat int32
}

// flatten returns g's flat layout, or nil when its trees are too deep.
func (g *gbdt) flatten() *flatForest {
	g.flatOnce.Do(func() { g.flat = newFlatForest(g) })
	return g.flat
}

func newFlatForest(g *gbdt) *flatForest {
	var depthOf func(n int32) int
	depthOf = func(n int32) int {
		if g.Trees[n].Feat < 0 {
			return 0
		}
		return 1 + max(depthOf(g.Trees[n].Left), depthOf(g.Trees[n].Right))
	}
	f := &flatForest{base: g.Base, trees: len(g.Roots)}
	for _, r := range g.Roots {
		f.depth = max(f.depth, depthOf(r))
	}
	if f.depth > maxFlatDepth {
		return nil
	}
	if f.depth > 0 {
		f.nFeat = 1
	}
	inner := 1<<f.depth - 1
	f.splits = make([]flatSplit, f.trees*inner)
	f.leaves = make([]float64, f.trees*(inner+1))
	for t, r := range g.Roots {
		splits, leaves := f.tree(t)
		var fill func(n int32, pos, level int)
		fill = func(n int32, pos, level int) {
			node := &g.Trees[n]
			switch {
			case level == f.depth:
				leaves[pos-inner] = node.Value
			case node.Feat < 0:
				// Padding: whether x[0] >= 0 or not, both sides hold
				// this leaf.
				fill(n, 2*pos+1, level+1)
				fill(n, 2*pos+2, level+1)
			default:
				splits[pos] = flatSplit{thr: node.Thr, feat: int32(node.Feat)}
				f.nFeat = max(f.nFeat, int(node.Feat)+1)
				fill(node.Left, 2*pos+1, level+1)
				fill(node.Right, 2*pos+2, level+1)
			}
		}
		fill(r, 0, 0)
	}
	f.thresholds = make([][]float64, f.nFeat)
	for _, s := range f.splits {
		f.thresholds[s.feat] = append(f.thresholds[s.feat], s.thr)
	}
	f.setStart = make([]int, f.nFeat)
	for j, t := range f.thresholds {
		slices.Sort(t)
		f.thresholds[j] = slices.Compact(t)
		f.setStart[j] = f.nSets
		f.nSets += len(f.thresholds[j])
	}
	f.setOf = make([]int32, len(f.splits))
	for i, s := range f.splits {
		rank, _ := slices.BinarySearch(f.thresholds[s.feat], s.thr)
		f.setOf[i] = int32(f.setStart[s.feat] + rank)
	}
	return f
}

// tree returns tree t's splits and leaves.
func (f *flatForest) tree(t int) (splits []flatSplit, leaves []float64) {
	inner := 1<<f.depth - 1
	return f.splits[t*inner : (t+1)*inner], f.leaves[t*(inner+1) : (t+1)*(inner+1)]
}

func (f *flatForest) prob(x []float64) float64 {
	z := f.base
	for t := range f.trees {
		splits, leaves := f.tree(t)
		i := 0
		for range f.depth {
			s := &splits[i]
			i = 2*i + 1
			if x[s.feat] >= s.thr {
				i++
			}
		}
		z += leaves[i-len(splits)]
	}
	return 1 / (1 + math.Exp(-z))
}

// probs scores the rows xs, which have at least nFeat features each.
func (f *flatForest) probs(xs [][]float64, out []float64) {
	for len(xs) > 0 {
		n := min(len(xs), 64)
		f.probs64(xs[:n], out[:n])
		xs, out = xs[n:], out[n:]
	}
}

// probs64 scores up to 64 rows at once, a bit for each row in a uint64,
// rather than walking each tree once a row: a walk is a chain of loads
// and branches the processor can neither overlap nor predict well.
//
// First, for each feature and each of its thresholds, the set of rows
// whose value is at least the threshold: that is the rows that go right
// at every split on the feature with that threshold. Then, for each tree
// top down, the set of rows that reach each node: those reaching a split
// and going right reach its right child, the others its left. Each row
// reaches one leaf per tree, and adds the leaf's value to its sum; the
// trees are taken in order, so each row's sum is added up as walking the
// trees one by one adds it, to the bit.
func (f *flatForest) probs64(xs [][]float64, out []float64) {
	var setBuf [512]uint64
	right := setBuf[:0]
	if f.nSets > len(setBuf) {
		right = make([]uint64, 0, f.nSets)
	}
	right = right[:f.nSets]
	var byBin [64]uint64
	for j, ts := range f.thresholds {
		if len(ts) == 0 {
			continue
		}
		// A row's bin is the number of thresholds at or below its value.
		bins := byBin[:0]
		if len(ts) >= len(byBin) {
			bins = make([]uint64, 0, len(ts)+1)
		}
		bins = bins[:len(ts)+1]
		clear(bins)
		for r, x := range xs {
			bins[countAtMost(ts, x[j])] |= 1 << r
		}
		// The rows at or above threshold k are those of bins past k.
		var above uint64
		sets := right[f.setStart[j] : f.setStart[j]+len(ts)]
		for k := len(ts) - 1; k >= 0; k-- {
			above |= bins[k+1]
			sets[k] = above
		}
	}
	z := out[:len(xs)]
	for i := range z {
		z[i] = f.base
	}
	inner := 1<<f.depth - 1
	var reachBuf [2 << maxFlatDepth]uint64
	reach := reachBuf[:2*inner+1] // by node: splits, then leaves
	all := uint64(1)<<len(xs) - 1 // all ones for 64 rows: the shift gives 0
	for t := range f.trees {
		reach[0] = all
		for i, set := range f.setOf[t*inner : (t+1)*inner] {
			reach[2*i+1] = reach[i] &^ right[set]
			reach[2*i+2] = reach[i] & right[set]
		}
		_, leaves := f.tree(t)
		for k, v := range leaves {
			for rows := reach[inner+k]; rows != 0; rows &= rows - 1 {
				z[bits.TrailingZeros64(rows)] += v
			}
		}
	}
	for i, v := range z {
		z[i] = 1 / (1 + math.Exp(-v))
	}
}

// countAtMost returns how many of the sorted ts are at most x: the rank
// of the first threshold x is below. For NaN it is 0, as NaN >= t is
// false for every t.
func countAtMost(ts []float64, x float64) int {
	lo, hi := 0, len(ts)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ts[mid] <= x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
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
