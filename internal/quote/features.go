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
func paraFeatures(ps *paraState, feats []uint64, offs []int32) ([]uint64, []int32) {
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
	left := make([]int32, n)
	right := make([]int32, n)
	last := int32(-1)
	var curSent int32 = -1
	for i := 0; i < n; i++ {
		if ts[i].sent != curSent {
			curSent, last = ts[i].sent, -1
		}
		left[i] = last
		if ts[i].cand != 0 {
			last = int32(i)
		}
	}
	last, curSent = -1, -1
	for i := n - 1; i >= 0; i-- {
		if ts[i].sent != curSent {
			curSent, last = ts[i].sent, -1
		}
		right[i] = last
		if ts[i].cand != 0 {
			last = int32(i)
		}
	}
	comma := hashString(",")
	that := hashString("that")
	for i := 0; i < n; i++ {
		offs = append(offs, int32(len(feats)))
		t := &ts[i]
		w0 := t.low
		q := uint64(t.q)
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
			mix(tEnt, uint64(t.ent)),
		)
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
