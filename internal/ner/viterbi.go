package ner

import "math"

// viterbi finds the best label sequence for per-token scores sc and label
// transitions trans[previous][label] (noTag before the first), within
// BILOU's transitions, into out. dels is scratch of len(sc).
//
// BILOU leaves few transitions: O, B and U follow O, L and U (outside a
// name); I and L follow B and I of their type. The forward pass is
// written for that shape and keeps only the best scores, without
// branches; the way back finds each label's predecessor again from the
// scores kept per token (ties go to the lower label either way).
func viterbi(sc [][nTags]int32, trans *[nHist][nTags]int32, out []uint8, dels [][nTags]int32) {
	n := len(sc)
	if n == 0 {
		return
	}
	const none = math.MinInt32 / 4
	var delta [nTags]int32
	mask := allowed[noTag]
	if n == 1 {
		mask = allowedLast[noTag]
	}
	for t := 0; t < nTags; t++ {
		delta[t] = none
		if mask&(1<<t) != 0 {
			delta[t] = sc[0][t] + trans[noTag][t]
		}
	}
	dels[0] = delta
	for i := 1; i < n; i++ {
		s := &sc[i]
		var next [nTags]int32
		for _, t := range outTargets {
			best := delta[0] + trans[0][t]
			best = max(best, delta[3]+trans[3][t])
			best = max(best, delta[4]+trans[4][t])
			best = max(best, delta[7]+trans[7][t])
			best = max(best, delta[8]+trans[8][t])
			best = max(best, delta[11]+trans[11][t])
			best = max(best, delta[12]+trans[12][t])
			best = max(best, delta[15]+trans[15][t])
			best = max(best, delta[16]+trans[16][t])
			next[t] = best + s[t]
		}
		for b := 1; b < nTags; b += 4 {
			in, l := b+1, b+2
			next[in] = max(delta[b]+trans[b][in], delta[in]+trans[in][in]) + s[in]
			next[l] = max(delta[b]+trans[b][l], delta[in]+trans[in][l]) + s[l]
		}
		if i == n-1 {
			for b := 1; b < nTags; b += 4 {
				next[b], next[b+1] = none, none
			}
		}
		// Keep the sums small: only differences matter, and unreachable
		// labels stay far below any reachable one.
		top := next[0]
		for _, v := range next[1:] {
			top = max(top, v)
		}
		for t := range next {
			next[t] = max(next[t]-top, none)
		}
		delta = next
		dels[i] = delta
	}
	best := 0
	for t := 1; t < nTags; t++ {
		if delta[t] > delta[best] {
			best = t
		}
	}
	out[n-1] = uint8(best)
	for i := n - 1; i > 0; i-- {
		t := out[i]
		d := &dels[i-1]
		bq, bv := -1, int32(0)
		for _, q := range preds[t] {
			if v := d[q] + trans[q][t]; bq < 0 || v > bv {
				bq, bv = int(q), v
			}
		}
		out[i-1] = uint8(bq)
	}
}

// outTargets are the labels that may follow a label outside a name (O,
// L-*, U-*: the predecessors viterbi spells out): O, B-*, U-*.
var outTargets = [...]uint8{0, 1, 4, 5, 8, 9, 12, 13, 16}
