package quote

import "math"

// Labels: BIO over the three roles. The tagger labels every token of a
// paragraph at once, so that a content span can run over several
// sentences (a quotation of two sentences is one span in PolNeAR).
const (
	lO = iota
	lBSrc
	lISrc
	lBCue
	lICue
	lBCon
	lICon
	nLabels
)

// role of a label: 0 none, 1 source, 2 cue, 3 content.
func roleOf(l uint8) int { return (int(l) + 1) / 2 }

func isInside(l int) bool { return l == lISrc || l == lICue || l == lICon }

// allowed reports whether label cur may follow prev (nLabels: start).
func allowed(prev, cur int) bool {
	if !isInside(cur) {
		return true
	}
	return prev == cur || prev == cur-1
}

var negInf = float32(math.Inf(-1))

// viterbi finds the best label sequence for emission scores em (n ×
// nLabels) and transition scores trans ([prev][cur], prev nLabels the
// start), writing it to out. back is scratch of n × nLabels. An inside
// label can only follow its own begin or inside label, so it weighs two
// predecessors, not seven. Ties go to the lower label.
func viterbi(em []float32, trans *[nLabels + 1][nLabels]float32, n int, back []uint8, out []uint8) {
	viterbiStride(em, nLabels, trans, n, back, out)
}

// argBest returns max over p of cur[p] + c[p] and the lowest p reaching
// it.
func argBest(cur, c *[nLabels]float32) (float32, uint8) {
	b, a := cur[0]+c[0], uint8(0)
	if s := cur[1] + c[1]; s > b {
		a = 1
	}
	b = max(b, cur[1]+c[1])
	if s := cur[2] + c[2]; s > b {
		a = 2
	}
	b = max(b, cur[2]+c[2])
	if s := cur[3] + c[3]; s > b {
		a = 3
	}
	b = max(b, cur[3]+c[3])
	if s := cur[4] + c[4]; s > b {
		a = 4
	}
	b = max(b, cur[4]+c[4])
	if s := cur[5] + c[5]; s > b {
		a = 5
	}
	b = max(b, cur[5]+c[5])
	if s := cur[6] + c[6]; s > b {
		a = 6
	}
	b = max(b, cur[6]+c[6])
	return b, a
}

// viterbiStride is viterbi over emission rows stride floats apart. The
// best predecessor is chosen without branches (max, and a conditional
// move for its label), as the branches of a search mispredict.
func viterbiStride(em []float32, stride int, trans *[nLabels + 1][nLabels]float32, n int, back []uint8, out []uint8) {
	if n == 0 {
		return
	}
	var cur [nLabels]float32
	for y := 0; y < nLabels; y++ {
		if allowed(nLabels, y) {
			cur[y] = em[y] + trans[nLabels][y]
		} else {
			cur[y] = negInf
		}
	}
	var col [nLabels][nLabels]float32 // col[y][p] = trans[p][y]
	for p := 0; p < nLabels; p++ {
		for y := 0; y < nLabels; y++ {
			col[y][p] = trans[p][y]
		}
	}
	// inside returns the better of begin label y-1 and inside label y as
	// predecessors of y (ties to the begin label).
	inside := func(cur *[nLabels]float32, c *[nLabels]float32, y int) (float32, uint8) {
		s1, s2 := cur[y-1]+c[y-1], cur[y]+c[y]
		a := uint8(y - 1)
		if s2 > s1 {
			a = uint8(y)
		}
		return max(s1, s2), a
	}
	for i := 1; i < n; i++ {
		row := (*[nLabels]float32)(em[i*stride : i*stride+nLabels])
		b := (*[nLabels]uint8)(back[i*nLabels : i*nLabels+nLabels])
		var next [nLabels]float32
		var v float32
		v, b[lO] = argBest(&cur, &col[lO])
		next[lO] = v + row[lO]
		v, b[lBSrc] = argBest(&cur, &col[lBSrc])
		next[lBSrc] = v + row[lBSrc]
		v, b[lBCue] = argBest(&cur, &col[lBCue])
		next[lBCue] = v + row[lBCue]
		v, b[lBCon] = argBest(&cur, &col[lBCon])
		next[lBCon] = v + row[lBCon]
		v, b[lISrc] = inside(&cur, &col[lISrc], lISrc)
		next[lISrc] = v + row[lISrc]
		v, b[lICue] = inside(&cur, &col[lICue], lICue)
		next[lICue] = v + row[lICue]
		v, b[lICon] = inside(&cur, &col[lICon], lICon)
		next[lICon] = v + row[lICon]
		cur = next
	}
	best, arg := negInf, 0
	for y := 0; y < nLabels; y++ {
		if cur[y] > best {
			best, arg = cur[y], y
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = uint8(arg)
		if i > 0 {
			arg = int(back[i*nLabels+arg])
		}
	}
}
