package quote

// Feature templates: a feature is mix(template, values). New templates go
// at the end so that old numbers keep their meaning.
const (
	tBias uint64 = iota + 1
	tW0
	tWm1
	tWp1
	tWm2
	tWp2
	tBiM
	tBiP
	tShape
	tShapeWin
	tQ
	tQW
	tQPos
	tQLen
	tQMarkW
	tSent
	tSentW
	tCand
	tCandL
	tCandR
	tCandLW
	tCandRW
	tCandLQ
	tCandRQ
	tEnt
	tEntWin
	tCandLThat
	tShapeW
	tCl0
	tClm1
	tClp1
	tClQ
	tPara
	tSuf
	tTri
	tWm3
	tWp3
	tPos
	tPosW
	tSepL
	tSepR
	tEdge
	tLem
	tLemCand
)

// Separator and subordinator classes for clause features.
var (
	hSeps = map[uint64]bool{hashString(","): true, hashString(";"): true, hashString("—"): true,
		hashString("--"): true, hashString("–"): true, hashString(":"): true, hashString("("): true, hashString(")"): true}
	hSubs = map[uint64]bool{hashString("that"): true, hashString("whether"): true, hashString("if"): true,
		hashString("who"): true, hashString("which"): true, hashString("because"): true, hashString("and"): true, hashString("but"): true}
)

var hBOS, hEOS = hashString("<s>"), hashString("</s>")

func distBucket(d int) uint64 {
	switch {
	case d <= 3:
		return uint64(d)
	case d <= 5:
		return 4
	case d <= 8:
		return 5
	case d <= 12:
		return 6
	case d <= 20:
		return 7
	}
	return 8
}

// paraFeatures appends every token's features for one paragraph to
// feats, with offs[i]..offs[i+1] the range of token i.
func paraFeatures(ps *paraState, scr *scratch, feats []uint64, offs []int32) ([]uint64, []int32) {
	ts := ps.ts
	n := len(ts)
	low := func(i int) uint64 {
		if i < 0 {
			return hBOS
		}
		if i >= n {
			return hEOS
		}
		return ts[i].low
	}
	shape := func(i int) uint64 {
		if i < 0 || i >= n {
			return 9
		}
		return uint64(ts[i].shape)
	}
	// Nearest cue word on each side within the sentence, and whether a
	// comma lies between.
	left := scr.i32(0, n)
	right := scr.i32(1, n)
	last := int32(-1)
	var curSent int32 = -1
	for i := 0; i < n; i++ {
		if ts[i].sent != curSent {
			curSent, last = ts[i].sent, -1
		}
		left[i] = last
		if ts[i].cand != 0 || ts[i].candL >= 2 {
			last = int32(i)
		}
	}
	last, curSent = -1, -1
	for i := n - 1; i >= 0; i-- {
		if ts[i].sent != curSent {
			curSent, last = ts[i].sent, -1
		}
		right[i] = last
		if ts[i].cand != 0 || ts[i].candL >= 2 {
			last = int32(i)
		}
	}
	cs := loadClusters()
	cl := func(i, k int) uint64 {
		if i < 0 || i >= n || ts[i].cl == 0 {
			return 0
		}
		return cs.prefix[ts[i].cl-1][k]
	}
	comma := hashString(",")
	that := hashString("that")
	// Separators and subordinators up to each token within its sentence,
	// so that counts between two tokens are differences.
	sepN := scr.i32(2, n+1)
	subN := scr.i32(3, n+1)
	sepN[0], subN[0] = 0, 0
	for i := 0; i < n; i++ {
		sepN[i+1], subN[i+1] = sepN[i], subN[i]
		if hSeps[ts[i].low] {
			sepN[i+1]++
		}
		if hSubs[ts[i].low] {
			subN[i+1]++
		}
	}
	between := func(a, b int) uint64 { // tokens a+1..b-1
		s := uint64(min(sepN[b]-sepN[a+1], 2))
		u := uint64(min(subN[b]-subN[a+1], 2))
		return s<<4 | u
	}
	for i := 0; i < n; i++ {
		offs = append(offs, int32(len(feats)))
		t := &ts[i]
		w0 := t.low
		q := uint64(t.q)
		var edge uint64
		if i == 0 || t.sfl&1 != 0 || hSeps[ts[i-1].low] {
			edge |= 1
		}
		if i == n-1 || t.sfl&2 != 0 || hSeps[ts[i+1].low] || i+2 < n && ts[i+1].sfl&2 != 0 && ts[i+1].shape == shapePunct {
			edge |= 2
		}
		feats = append(feats, mix(tEdge, edge<<8|q<<4|uint64(min(t.cand, 1))))
		feats = append(feats,
			tBias,
			mix(tW0, w0),
			mix(tWm1, low(i-1)),
			mix(tWp1, low(i+1)),
			mix(tWm2, low(i-2)),
			mix(tWp2, low(i+2)),
			mix(tBiM, mix(low(i-1), w0)),
			mix(tBiP, mix(w0, low(i+1))),
			mix(tShape, shape(i)),
			mix(tShapeWin, shape(i-1)<<8|shape(i)<<4|shape(i+1)),
			mix(tQ, q<<8|uint64(t.mark)),
			mix(tQW, mix(q, w0)),
			mix(tQPos, q<<8|uint64(t.qpos)<<4|uint64(t.mark)),
			mix(tQLen, q<<16|uint64(t.qlen)<<8|uint64(t.qsent)),
			mix(tSent, uint64(t.sfl)<<8|q),
			mix(tSentW, mix(uint64(t.sfl), w0)),
			mix(tCand, uint64(t.cand)),
			mix(tLem, t.lem),
			mix(tLemCand, uint64(t.candL)<<4|uint64(t.cand)),
			mix(tEnt, uint64(t.ent)),
			mix(tPara, uint64(ps.ctx)<<8|q<<4|uint64(min(t.sent, 2))),
			mix(tSuf, t.suf),
			mix(tTri, mix(mix(low(i-1), w0), low(i+1))),
			mix(tWm3, low(i-3)),
			mix(tWp3, low(i+3)),
		)
		if t.cl != 0 {
			feats = append(feats,
				mix(tCl0, cl(i, 0)), mix(tCl0, cl(i, 1)), mix(tCl0, cl(i, 2)), mix(tCl0, cl(i, 3)),
				mix(tClQ, mix(cl(i, 2), q)))
		}
		feats = append(feats, mix(tClm1, cl(i-1, 1)), mix(tClp1, cl(i+1, 1)),
			mix(tPos, mix(mix(cl(i-1, 0), cl(i, 0)), cl(i+1, 0))),
			mix(tPos, 1+mix(mix(cl(i-2, 0), cl(i-1, 0)), cl(i, 0))),
			mix(tPos, 2+mix(mix(cl(i, 0), cl(i+1, 0)), cl(i+2, 0))),
			mix(tPosW, mix(mix(cl(i-1, 0), w0), cl(i+1, 0))))
		if i > 0 && ts[i-1].mark != mNone {
			feats = append(feats, mix(tQMarkW, mix(uint64(ts[i-1].mark)<<8|uint64(ts[i-1].qlen), w0)))
		}
		if t.ent != 0 || i+1 < n && ts[i+1].ent != 0 {
			var e1 uint64
			if i+1 < n {
				e1 = uint64(ts[i+1].ent)
			}
			feats = append(feats, mix(tEntWin, uint64(t.ent)<<8|e1))
		}
		if l := int(left[i]); l >= 0 {
			var c uint64
			for k := l + 1; k < i; k++ {
				if ts[k].low == comma {
					c = 1
					break
				}
			}
			d := distBucket(i - l)
			feats = append(feats,
				mix(tSepL, between(l, i)<<8|min(d, 4)),
				mix(tCandL, d<<4|c),
				mix(tCandLW, mix(ts[l].low, d)),
				mix(tCandLQ, d<<8|c<<4|q),
			)
			if l+1 < n && ts[l+1].low == that {
				feats = append(feats, mix(tCandLThat, d<<4|c))
			}
		} else {
			feats = append(feats, mix(tCandL, 15))
		}
		if r := int(right[i]); r >= 0 {
			var c uint64
			for k := i + 1; k < r; k++ {
				if ts[k].low == comma {
					c = 1
					break
				}
			}
			d := distBucket(r - i)
			feats = append(feats,
				mix(tSepR, between(i, r)<<8|min(d, 4)),
				mix(tCandR, d<<4|c),
				mix(tCandRW, mix(ts[r].low, d)),
				mix(tCandRQ, d<<8|c<<4|q),
			)
		} else {
			feats = append(feats, mix(tCandR, 15))
		}
	}
	offs = append(offs, int32(len(feats)))
	return feats, offs
}

// Second-pass templates.
const (
	tS2Lab uint64 = iota + 1001
	tS2LabW
	tS2LabWin
	tS2CueL
	tS2CueR
	tS2CueLW
	tS2CueRW
	tS2Sent
	tS2AfterCue
	tS2LabQ
	tS2ChunkEdge
	tS2Pattern
)

// stage2Features are the second pass's features of one paragraph given
// the first pass's labels pl: the labels around each token, where the
// nearest cue the first pass found lies and what it says, and what else
// the sentence holds.
func stage2Features(ps *paraState, pl []uint8, scr *scratch, feats []uint64, offs []int32) ([]uint64, []int32) {
	ts := ps.ts
	n := len(ts)
	lab := func(i int) uint64 {
		if i < 0 || i >= n {
			return 15
		}
		return uint64(pl[i])
	}
	// Sentence summaries: which roles the first pass found in each.
	sentRoles := scr.roles[:0]
	for i := 0; i < n; i++ {
		s := int(ts[i].sent)
		for len(sentRoles) <= s {
			sentRoles = append(sentRoles, 0)
		}
		if r := roleOf(pl[i]); r > 0 {
			sentRoles[s] |= 1 << (r - 1)
		}
	}
	// Nearest cue chunk on each side in the sentence: its first token.
	scr.roles = sentRoles
	left := scr.i32(0, n)
	right := scr.i32(1, n)
	leftEnd := scr.i32(2, n)
	last, lastEnd := int32(-1), int32(-1)
	var cur int32 = -1
	for i := 0; i < n; i++ {
		if ts[i].sent != cur {
			cur, last, lastEnd = ts[i].sent, -1, -1
		}
		left[i], leftEnd[i] = last, lastEnd
		if pl[i] == lBCue {
			last = int32(i)
		}
		if roleOf(pl[i]) == 2 {
			lastEnd = int32(i)
		}
	}
	last, cur = -1, -1
	for i := n - 1; i >= 0; i-- {
		if ts[i].sent != cur {
			cur, last = ts[i].sent, -1
		}
		right[i] = last
		if pl[i] == lBCue {
			last = int32(i)
		}
	}
	// Each sentence's pattern of first-pass chunks ("source cue
	// content"), and where in it each token lies: chunk k, or the gap
	// before chunk k.
	pattern := scr.pattern[:0]
	for range sentRoles {
		pattern = append(pattern, 0)
	}
	scr.pattern = pattern
	place := growU8(scr.place, n)
	scr.place = place
	{
		var k uint8
		cur := int32(-1)
		for i := 0; i < n; i++ {
			s := ts[i].sent
			if s != cur {
				cur, k = s, 0
			}
			r := roleOf(pl[i])
			if r > 0 && (i == 0 || ts[i-1].sent != s || !isInside(int(pl[i]))) {
				if k < 6 {
					pattern[s] = pattern[s]<<2 | uint64(r)
				}
				k++
			}
			if r > 0 {
				place[i] = 2*min(k, 7) - 1 // inside chunk k (1-based)
			} else {
				place[i] = 2 * min(k, 7) // in the gap after chunk k
			}
		}
	}
	comma := hashString(",")
	that := hashString("that")
	for i := 0; i < n; i++ {
		offs = append(offs, int32(len(feats)))
		t := &ts[i]
		l0 := lab(i)
		feats = append(feats, mix(tS2Pattern, pattern[t.sent]<<8|uint64(place[i])))
		feats = append(feats,
			mix(tS2Lab, l0),
			mix(tS2LabW, mix(l0, t.low)),
			mix(tS2LabWin, lab(i-1)<<8|l0<<4|lab(i+1)),
			mix(tS2LabWin, 1<<12|lab(i-2)<<4|lab(i-1)),
			mix(tS2LabWin, 2<<12|lab(i+1)<<4|lab(i+2)),
			mix(tS2Sent, uint64(sentRoles[t.sent])<<4|uint64(t.sfl)),
			mix(tS2LabQ, l0<<8|uint64(t.q)<<4|uint64(t.qpos)),
		)
		edge := uint64(0)
		if pl[i] != lO && (i+1 == n || roleOf(pl[i+1]) != roleOf(pl[i]) || !isInside(int(pl[i+1]))) {
			edge = 1
		}
		feats = append(feats, mix(tS2ChunkEdge, edge<<8|l0))
		if l := int(left[i]); l >= 0 {
			var c uint64
			for k := int(leftEnd[i]) + 1; k < i; k++ {
				if ts[k].low == comma {
					c = 1
					break
				}
			}
			d := distBucket(i - int(leftEnd[i]))
			feats = append(feats,
				mix(tS2CueL, d<<4|c),
				mix(tS2CueLW, mix(ts[l].low, d)),
			)
			if e := int(leftEnd[i]); e == i-1 || e == i-2 && ts[i-1].low == that {
				feats = append(feats, mix(tS2AfterCue, uint64(i-e)<<8|uint64(t.q)))
			}
		} else {
			feats = append(feats, mix(tS2CueL, 255))
		}
		if r := int(right[i]); r >= 0 {
			var c uint64
			for k := i + 1; k < r; k++ {
				if ts[k].low == comma {
					c = 1
					break
				}
			}
			d := distBucket(r - i)
			feats = append(feats,
				mix(tS2CueR, d<<4|c),
				mix(tS2CueRW, mix(ts[r].low, d)),
			)
		} else {
			feats = append(feats, mix(tS2CueR, 255))
		}
	}
	offs = append(offs, int32(len(feats)))
	return feats, offs
}

// scratch holds the feature functions' per-paragraph arrays.
type scratch struct {
	ints    [4][]int32
	roles   []uint8
	pattern []uint64
	place   []uint8
}

// i32 returns scratch array k with n elements (contents undefined).
func (s *scratch) i32(k, n int) []int32 {
	if cap(s.ints[k]) < n {
		s.ints[k] = make([]int32, n)
	}
	return s.ints[k][:n]
}
