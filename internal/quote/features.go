package quote

import "github.com/dateline-news/dateline/internal/fhash"

// Features. A feature is fhash.Mix(template, value): dense ones have a small
// integer value (a quotation state, a distance bucket, a label) and are
// looked up in arrays when tagging; hashed ones mix words or clusters;
// word features depend on one token's word only, at an offset from the
// token they describe, and are summed once per word (wordCache). The
// same functions list the features for training and score them for
// tagging, through an emitter, so that the two cannot drift apart.

// Templates. Numbers index the dense tables; new ones go at the end.
const (
	_ uint64 = iota
	// Word features (offset in the name).
	tW0
	tWm1
	tWp1
	tWm2
	tWp2
	tWm3
	tWp3
	tSuf
	tLem
	tCl0
	tClm1
	tClp1
	tCand
	tLemCand
	// Dense.
	tBias
	tShape
	tShapeWin
	tQ
	tQPos
	tQLen
	tSent
	tEnt
	tEntWin
	tPara
	tEdge
	tCandL
	tCandLQ
	tCandLThat
	tSepL
	tCandR
	tCandRQ
	tSepR
	// Hashed.
	tBiM
	tBiP
	tTri
	tQW
	tSentW
	tClQ
	tPos
	tPos2
	tPos3
	tPosW
	tQMarkW
	tCandLW
	tCandRW
	// Second pass, dense.
	tS2Lab
	tS2LabWin
	tS2LabWinL
	tS2LabWinR
	tS2Sent
	tS2LabQ
	tS2ChunkEdge
	tS2CueL
	tS2CueR
	tS2AfterCue
	// Second pass, hashed.
	tS2LabW
	tS2CueLW
	tS2CueRW
	tS2Pattern
	nTemplates
)

// denseSize is the number of values of each dense template.
var denseSize = [nTemplates]int{
	tBias: 1, tShape: 10, tShapeWin: 1000, tQ: 15, tQPos: 60, tQLen: 60, tSent: 12,
	tEnt: 9, tEntWin: 81, tPara: 72, tEdge: 24,
	tCandL: 19, tCandLQ: 54, tCandLThat: 18, tSepL: 45, tCandR: 19, tCandRQ: 54, tSepR: 45,
	tS2Lab: 8, tS2LabWin: 512, tS2LabWinL: 64, tS2LabWinR: 64, tS2Sent: 32, tS2LabQ: 96,
	tS2ChunkEdge: 16, tS2CueL: 19, tS2CueR: 19, tS2AfterCue: 9,
}

// wordOffsets are the offsets word features are read at, -3..3; a word
// at position j gives the token at j-k its offset-k features.
const maxOffset = 3

// Separator and subordinator words for clause features.
var (
	hSeps = map[uint64]bool{fhash.String(","): true, fhash.String(";"): true, fhash.String("—"): true,
		fhash.String("--"): true, fhash.String("–"): true, fhash.String(":"): true, fhash.String("("): true, fhash.String(")"): true}
	hSubs = map[uint64]bool{fhash.String("that"): true, fhash.String("whether"): true, fhash.String("if"): true,
		fhash.String("who"): true, fhash.String("which"): true, fhash.String("because"): true, fhash.String("and"): true, fhash.String("but"): true}
	hComma = fhash.String(",")
	hThat  = fhash.String("that")
)

var hBOS, hEOS = fhash.String("<s>"), fhash.String("</s>")

func distBucket(d int) int {
	switch {
	case d <= 3:
		return d
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

// emitter receives features: a training run collects their hashes, a
// tagging run adds their weights.
type emitter interface {
	dense(t uint64, v int)
	hashed(t uint64, h uint64)
}

// wordFeatures emits the features token t (nil: beyond the paragraph's
// edge, before it when k < 0) gives the token k places before it.
func wordFeatures(t *tokState, k int, e emitter) {
	if t == nil {
		h := hEOS
		if k < 0 {
			h = hBOS
		}
		switch k {
		case -1:
			e.hashed(tWm1, h)
			e.hashed(tClm1, 0)
		case 1:
			e.hashed(tWp1, h)
			e.hashed(tClp1, 0)
		case -2:
			e.hashed(tWm2, h)
		case 2:
			e.hashed(tWp2, h)
		case -3:
			e.hashed(tWm3, h)
		case 3:
			e.hashed(tWp3, h)
		}
		return
	}
	cs := loadClusters()
	cl := func(k int) uint64 {
		if t.cl == 0 {
			return 0
		}
		return cs.prefix[t.cl-1][k]
	}
	switch k {
	case 0:
		e.hashed(tW0, t.low)
		e.hashed(tSuf, t.suf)
		e.hashed(tLem, t.lem)
		e.hashed(tCand, uint64(t.cand))
		e.hashed(tLemCand, uint64(t.candL)<<4|uint64(t.cand))
		if t.cl != 0 {
			for i := range clusterPrefixes {
				e.hashed(tCl0, cl(i))
			}
		}
	case -1:
		e.hashed(tWm1, t.low)
		e.hashed(tClm1, cl(1))
	case 1:
		e.hashed(tWp1, t.low)
		e.hashed(tClp1, cl(1))
	case -2:
		e.hashed(tWm2, t.low)
	case 2:
		e.hashed(tWp2, t.low)
	case -3:
		e.hashed(tWm3, t.low)
	case 3:
		e.hashed(tWp3, t.low)
	}
}

// paraCtx is what the features of a paragraph's tokens need beyond the
// tokens: nearest cue words and running counts, computed once.
type paraCtx struct {
	left, right []int32 // nearest cue word before/after in the sentence, -1
	sepN, subN  []int32 // separators and subordinators before each token
	commaN      []int32 // commas before each token
}

func (c *paraCtx) fill(ts []tokState, scr *scratch) {
	n := len(ts)
	c.left, c.right = scr.i32(0, n), scr.i32(1, n)
	c.sepN, c.subN, c.commaN = scr.i32(2, n+1), scr.i32(3, n+1), scr.i32(4, n+1)
	last, cur := int32(-1), int32(-1)
	for i := 0; i < n; i++ {
		if ts[i].sent != cur {
			cur, last = ts[i].sent, -1
		}
		c.left[i] = last
		if ts[i].cand != 0 || ts[i].candL >= 2 {
			last = int32(i)
		}
	}
	last, cur = -1, -1
	for i := n - 1; i >= 0; i-- {
		if ts[i].sent != cur {
			cur, last = ts[i].sent, -1
		}
		c.right[i] = last
		if ts[i].cand != 0 || ts[i].candL >= 2 {
			last = int32(i)
		}
	}
	c.sepN[0], c.subN[0], c.commaN[0] = 0, 0, 0
	for i := 0; i < n; i++ {
		c.sepN[i+1], c.subN[i+1], c.commaN[i+1] = c.sepN[i], c.subN[i], c.commaN[i]
		if ts[i].wf&wfSep != 0 {
			c.sepN[i+1]++
		}
		if ts[i].wf&wfSub != 0 {
			c.subN[i+1]++
		}
		if ts[i].wf&wfComma != 0 {
			c.commaN[i+1]++
		}
	}
}

// between counts, capped at 2, the separators and subordinators strictly
// between tokens a and b.
func (c *paraCtx) between(a, b int) int {
	s := min(c.sepN[b]-c.sepN[a+1], 2)
	u := min(c.subN[b]-c.subN[a+1], 2)
	return int(s*3 + u)
}

func (c *paraCtx) comma(a, b int) int {
	if c.commaN[b] > c.commaN[a+1] {
		return 1
	}
	return 0
}

// tokenFeatures emits the features of token i that are not word
// features.
func tokenFeatures(ps *paraState, c *paraCtx, i int, e emitter) {
	ts := ps.ts
	n := len(ts)
	t := &ts[i]
	shape := func(i int) int {
		if i < 0 || i >= n {
			return 9
		}
		return int(ts[i].shape)
	}
	cs := loadClusters()
	cl := func(i, k int) uint64 {
		if i < 0 || i >= n || ts[i].cl == 0 {
			return 0
		}
		return cs.prefix[ts[i].cl-1][k]
	}
	cl4 := func(i int) uint64 {
		if i < 0 || i >= n || ts[i].cl == 0 {
			return 0
		}
		return uint64(cs.class4[ts[i].cl-1])
	}
	w0 := t.low
	q := int(t.q)
	e.dense(tBias, 0)
	e.dense(tShape, shape(i))
	e.dense(tShapeWin, shape(i-1)*100+shape(i)*10+shape(i+1))
	e.dense(tQ, q*5+int(t.mark))
	e.dense(tQPos, (q*4+int(t.qpos))*5+int(t.mark))
	e.dense(tQLen, (q*5+int(t.qlen))*4+int(t.qsent))
	e.dense(tSent, int(t.sfl)*3+q)
	e.dense(tEnt, int(t.ent))
	e.dense(tPara, (int(ps.ctx)*3+q)*3+min(int(t.sent), 2))
	var edge int
	if i == 0 || t.sfl&1 != 0 || ts[i-1].wf&wfSep != 0 {
		edge |= 1
	}
	if i == n-1 || t.sfl&2 != 0 || ts[i+1].wf&wfSep != 0 || i+2 < n && ts[i+1].sfl&2 != 0 && ts[i+1].shape == shapePunct {
		edge |= 2
	}
	e.dense(tEdge, (edge*3+q)*2+min(int(t.cand), 1))
	if e1 := 0; t.ent != 0 || i+1 < n && ts[i+1].ent != 0 {
		if i+1 < n {
			e1 = int(ts[i+1].ent)
		}
		e.dense(tEntWin, int(t.ent)*9+e1)
	}
	e.hashed(tBiM, fhash.Mix(ps.low(i-1), w0))
	e.hashed(tBiP, fhash.Mix(w0, ps.low(i+1)))
	e.hashed(tTri, fhash.Mix(fhash.Mix(ps.low(i-1), w0), ps.low(i+1)))
	e.hashed(tQW, fhash.Mix(uint64(q), w0))
	e.hashed(tSentW, fhash.Mix(uint64(t.sfl), w0))
	if t.cl != 0 {
		e.hashed(tClQ, fhash.Mix(cl(i, 2), uint64(q)))
	}
	e.hashed(tPos, cl4(i-1)<<16|cl4(i)<<8|cl4(i+1))
	e.hashed(tPos2, cl4(i-2)<<16|cl4(i-1)<<8|cl4(i))
	e.hashed(tPos3, cl4(i)<<16|cl4(i+1)<<8|cl4(i+2))
	e.hashed(tPosW, fhash.Mix(cl4(i-1)<<8|cl4(i+1), w0))
	if i > 0 && ts[i-1].mark != mNone {
		e.hashed(tQMarkW, fhash.Mix(uint64(ts[i-1].mark)<<8|uint64(ts[i-1].qlen), w0))
	}
	if l := int(c.left[i]); l >= 0 {
		cm, d := c.comma(l, i), distBucket(i-l)
		e.dense(tCandL, d*2+cm)
		e.dense(tCandLQ, (d*2+cm)*3+q)
		e.dense(tSepL, c.between(l, i)*5+min(d, 4))
		e.hashed(tCandLW, fhash.Mix(ts[l].low, uint64(d)))
		if l+1 < n && ts[l+1].low == hThat {
			e.dense(tCandLThat, d*2+cm)
		}
	} else {
		e.dense(tCandL, 18)
	}
	if r := int(c.right[i]); r >= 0 {
		cm, d := c.comma(i, r), distBucket(r-i)
		e.dense(tCandR, d*2+cm)
		e.dense(tCandRQ, (d*2+cm)*3+q)
		e.dense(tSepR, c.between(i, r)*5+min(d, 4))
		e.hashed(tCandRW, fhash.Mix(ts[r].low, uint64(d)))
	} else {
		e.dense(tCandR, 18)
	}
}

// collector is the training emitter: it lists hashes.
type collector struct{ out []uint64 }

func (c *collector) dense(t uint64, v int)     { c.out = append(c.out, fhash.Mix(t, uint64(v))) }
func (c *collector) hashed(t uint64, h uint64) { c.out = append(c.out, fhash.Mix(t, h)) }

// paraFeatures appends every token's features for one paragraph to
// feats, with offs[i]..offs[i+1] the range of token i (for training).
func paraFeatures(ps *paraState, scr *scratch, feats []uint64, offs []int32) ([]uint64, []int32) {
	n := len(ps.ts)
	var c paraCtx
	c.fill(ps.ts, scr)
	col := collector{out: feats}
	for i := 0; i < n; i++ {
		offs = append(offs, int32(len(col.out)))
		for k := -maxOffset; k <= maxOffset; k++ {
			var t *tokState
			if j := i + k; j >= 0 && j < n {
				t = &ps.ts[j]
			}
			wordFeatures(t, k, &col)
		}
		tokenFeatures(ps, &c, i, &col)
	}
	offs = append(offs, int32(len(col.out)))
	return col.out, offs
}

// stage2 is what the second pass's features need of the first pass's
// labels in a paragraph.
type stage2 struct {
	pl                   []uint8
	sentRoles            []uint8  // per sentence: bit r-1 when it holds role r
	left, right, leftEnd []int32  // nearest cue chunk's first token before/after, and the last cue token before
	pattern              []uint64 // per sentence: its chunk roles, 2 bits each
	place                []uint8  // per token: inside chunk k (2k-1) or after it (2k)
}

func (s *stage2) fill(ts []tokState, pl []uint8, scr *scratch) {
	n := len(ts)
	s.pl = pl
	s.sentRoles = scr.roles[:0]
	for i := 0; i < n; i++ {
		k := int(ts[i].sent)
		for len(s.sentRoles) <= k {
			s.sentRoles = append(s.sentRoles, 0)
		}
		if r := roleOf(pl[i]); r > 0 {
			s.sentRoles[k] |= 1 << (r - 1)
		}
	}
	scr.roles = s.sentRoles
	s.left, s.right, s.leftEnd = scr.i32(5, n), scr.i32(6, n), scr.i32(7, n)
	last, lastEnd, cur := int32(-1), int32(-1), int32(-1)
	for i := 0; i < n; i++ {
		if ts[i].sent != cur {
			cur, last, lastEnd = ts[i].sent, -1, -1
		}
		s.left[i], s.leftEnd[i] = last, lastEnd
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
		s.right[i] = last
		if pl[i] == lBCue {
			last = int32(i)
		}
	}
	s.pattern = scr.pattern[:0]
	for range s.sentRoles {
		s.pattern = append(s.pattern, 0)
	}
	scr.pattern = s.pattern
	s.place = growU8(scr.place, n)
	scr.place = s.place
	var k uint8
	cur = -1
	for i := 0; i < n; i++ {
		st := ts[i].sent
		if st != cur {
			cur, k = st, 0
		}
		r := roleOf(pl[i])
		if r > 0 && (i == 0 || ts[i-1].sent != st || !isInside(int(pl[i]))) {
			if k < 6 {
				s.pattern[st] = s.pattern[st]<<2 | uint64(r)
			}
			k++
		}
		if r > 0 {
			s.place[i] = 2*min(k, 7) - 1
		} else {
			s.place[i] = 2 * min(k, 7)
		}
	}
}

// stage2TokenFeatures emits the second pass's own features of token i:
// the first pass's labels around it, where the nearest cue it found lies
// and what it says, and the sentence's pattern of chunks.
func stage2TokenFeatures(ps *paraState, c *paraCtx, s *stage2, i int, e emitter) {
	ts := ps.ts
	n := len(ts)
	t := &ts[i]
	lab := func(i int) int {
		if i < 0 || i >= n {
			return 7
		}
		return int(s.pl[i])
	}
	l0 := lab(i)
	e.dense(tS2Lab, l0)
	e.hashed(tS2LabW, fhash.Mix(uint64(l0), t.low))
	e.dense(tS2LabWin, lab(i-1)*64+l0*8+lab(i+1))
	e.dense(tS2LabWinL, lab(i-2)*8+lab(i-1))
	e.dense(tS2LabWinR, lab(i+1)*8+lab(i+2))
	e.dense(tS2Sent, int(s.sentRoles[t.sent])*4+int(t.sfl))
	e.dense(tS2LabQ, (l0*3+int(t.q))*4+int(t.qpos))
	edge := 0
	if s.pl[i] != lO && (i+1 == n || roleOf(s.pl[i+1]) != roleOf(s.pl[i]) || !isInside(int(s.pl[i+1]))) {
		edge = 1
	}
	e.dense(tS2ChunkEdge, edge*8+l0)
	e.hashed(tS2Pattern, s.pattern[t.sent]<<8|uint64(s.place[i]))
	if l := int(s.left[i]); l >= 0 {
		end := int(s.leftEnd[i])
		cm, d := c.comma(end, i), distBucket(i-end)
		e.dense(tS2CueL, d*2+cm)
		e.hashed(tS2CueLW, fhash.Mix(ts[l].low, uint64(d)))
		if end == i-1 || end == i-2 && ts[i-1].low == hThat {
			e.dense(tS2AfterCue, (i-end)*3+int(t.q))
		}
	} else {
		e.dense(tS2CueL, 18)
	}
	if r := int(s.right[i]); r >= 0 {
		cm, d := c.comma(i, r), distBucket(r-i)
		e.dense(tS2CueR, d*2+cm)
		e.hashed(tS2CueRW, fhash.Mix(ts[r].low, uint64(d)))
	} else {
		e.dense(tS2CueR, 18)
	}
}

// stage2Features appends the second pass's features of one paragraph
// given the first pass's labels pl (for training).
func stage2Features(ps *paraState, pl []uint8, scr *scratch, feats []uint64, offs []int32) ([]uint64, []int32) {
	n := len(ps.ts)
	var c paraCtx
	c.fill(ps.ts, scr)
	var s stage2
	s.fill(ps.ts, pl, scr)
	col := collector{out: feats}
	for i := 0; i < n; i++ {
		offs = append(offs, int32(len(col.out)))
		stage2TokenFeatures(ps, &c, &s, i, &col)
	}
	offs = append(offs, int32(len(col.out)))
	return col.out, offs
}

// scratch holds the feature functions' per-paragraph arrays.
type scratch struct {
	ints    [8][]int32
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
