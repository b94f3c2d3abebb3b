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

// viterbiStride is viterbi over emission rows stride floats apart.
func viterbiStride(em []float32, stride int, trans *[nLabels + 1][nLabels]float32, n int, back []uint8, out []uint8) {
	if n == 0 {
		return
	}
	var cur, next [nLabels]float32
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
	outside := [4]int{lO, lBSrc, lBCue, lBCon}
	for i := 1; i < n; i++ {
		row := em[i*stride : i*stride+nLabels : i*stride+nLabels]
		b := back[i*nLabels : i*nLabels+nLabels : i*nLabels+nLabels]
		for _, y := range outside {
			c := &col[y]
			best, arg := cur[0]+c[0], 0
			for p := 1; p < nLabels; p++ {
				if s := cur[p] + c[p]; s > best {
					best, arg = s, p
				}
			}
			next[y] = best + row[y]
			b[y] = uint8(arg)
		}
		for y := lISrc; y <= lICon; y += 2 {
			s1, s2 := cur[y-1]+col[y][y-1], cur[y]+col[y][y]
			if s2 > s1 {
				next[y], b[y] = s2+row[y], uint8(y)
			} else {
				next[y], b[y] = s1+row[y], uint8(y-1)
			}
		}
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
