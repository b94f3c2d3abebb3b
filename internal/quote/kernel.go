package quote

import "github.com/dateline-news/dateline/internal/fhash"

// The tagging kernel of a two-pass model (the shipped one). It computes
// what staticScores and laterScores compute (TestKernelMatchesReference),
// laid out for speed:
//
//   - Every weight row is 16 floats, one cache line: one pass's seven
//     labels twice, padded. A token's scores are summed from a list of
//     row pointers into fourteen registers (sumRows), not row by row in
//     memory.
//   - What a word gives the tokens around it (its words at seven
//     offsets, its cluster, its suffix, stem and cue buckets, and the
//     word-by-quotation-state, word-by-sentence-edge and
//     word-by-first-pass-label features) is summed once per word and
//     kept in a per-state cache (rowCache) keyed by the word as written:
//     a token then reads seven rows where it looked up and added twenty.
//   - A token's dense features are memoised by their values packed
//     exactly into one integer (no hashing of feature lists).
//   - The remaining hashed features are looked up for the whole
//     paragraph in one loop, so that their cache misses overlap.
//
// The sums are the same terms as the reference's, added in another
// order: the scores may differ in the last bits of a float, which has
// not changed a label on the dev split or the bundled corpus
// (MEASUREMENTS.md).

const rowW = 16 // floats in a row: two passes of nLabels, padded

type row [rowW]float32

// row2 is a second-pass row: nLabels floats, padded.
type row2 [8]float32

// wordRows is what one word gives the tokens around it.
type wordRows struct {
	off  [nOffsets]row // to the token k places before it: off[k+maxOffset]
	q    [3]row        // to its own token, by quotation state (tClQ, tQW)
	sfl  [4]row        // by sentence edge (tSentW)
	lab  [nLabels]row2 // second pass, by the first pass's label (tS2LabW)
	have uint32        // which of q, sfl and lab are filled (bits 0, 3, 7 on)
	_    [7]uint32     // to a whole number of cache lines
}

// Bits of wordRows.have.
const (
	haveQ   = 0
	haveSfl = 3
	haveLab = 7
)

// kernel is the model's weights laid out for the kernel.
type kernel struct {
	gen    []row    // m.gen's rows
	bigram [][2]row // m.bigram's rows: to the pair's first and second word
	pos    [][3]row // m.posRows's blocks
	edge   [2]wordRows
	zero   row
}

func pad(dst *row, src []float32) { copy(dst[:], src) }

// initKernel builds the kernel's tables; m.kern stays nil for models of
// other than two passes.
func (m *Model) initKernel() {
	m.kern = nil
	if m.stages != 2 {
		return
	}
	w := m.width
	k := &kernel{
		gen:    make([]row, len(m.gen.keys)),
		bigram: make([][2]row, len(m.bigram.keys)),
		pos:    make([][3]row, len(m.posRows)/(3*w)),
	}
	for i := range k.gen {
		pad(&k.gen[i], m.gen.rows[i*w:(i+1)*w])
	}
	for i := range k.bigram {
		pad(&k.bigram[i][0], m.bigram.rows[i*2*w:i*2*w+w])
		pad(&k.bigram[i][1], m.bigram.rows[i*2*w+w:(i+1)*2*w])
	}
	for i := range k.pos {
		for part := 0; part < 3; part++ {
			pad(&k.pos[i][part], m.posRows[(i*3+part)*w:(i*3+part+1)*w])
		}
	}
	for e := range 2 {
		var tmp [rowW]float32
		for o := -maxOffset; o <= maxOffset; o++ {
			if e == 0 && o >= 0 || e == 1 && o <= 0 {
				continue
			}
			clear(tmp[:])
			m.edgeRow(tmp[:w], o)
			pad(&k.edge[e].off[o+maxOffset], tmp[:w])
		}
	}
	m.kern = k
}

// genRow16 returns the general feature f's row, or nil.
func (k *kernel) genRow(m *Model, f uint64) *row {
	if r, ok := m.gen.tab.Get(f); ok {
		return &k.gen[r]
	}
	return nil
}

// fillWord computes what the word of ts gives the tokens around it (the
// terms addWord adds, and the word's hashed features by quotation state,
// sentence edge and label).
func (m *Model) fillWord(ts *tokState, wr *wordRows) {
	w := m.width
	*wr = wordRows{}
	acc := func(dst *row, src []float32) {
		for c := 0; c < w; c++ {
			dst[c] += src[c]
		}
	}
	if r := m.words.row(ts.low); r != nil {
		for o := 0; o < nOffsets; o++ {
			acc(&wr.off[o], r[o*w:(o+1)*w])
		}
	}
	cl := int(ts.cl)
	block := m.clRows[cl*nOffsets*w : (cl+1)*nOffsets*w]
	for o := -1; o <= 1; o++ {
		acc(&wr.off[o+maxOffset], block[(o+maxOffset)*w:(o+maxOffset+1)*w])
	}
	mid := &wr.off[maxOffset]
	if r := m.sufs.row(ts.suf); r != nil {
		acc(mid, r)
	}
	if r := m.lems.row(ts.lem); r != nil {
		acc(mid, r)
	}
	if ts.cand < 5 && ts.candL < 5 {
		c := int(ts.cand)*5 + int(ts.candL)
		acc(mid, m.cand[c*w:(c+1)*w])
	}
}

// The rows by quotation state, sentence edge and label are filled when a
// token first needs them: most words meet few of them.

func (m *Model) qRow(ts *tokState, wr *wordRows, q int) *row {
	if wr.have&(1<<(haveQ+q)) == 0 {
		wr.have |= 1 << (haveQ + q)
		w := m.width
		c := int(ts.cl)*3 + q
		r := &wr.q[q]
		copy(r[:w], m.clQ[c*w:(c+1)*w])
		if g := m.kern.genRow(m, fhash.Mix(tQW, fhash.Mix(uint64(q), ts.low))); g != nil {
			for k := 0; k < w; k++ {
				r[k] += g[k]
			}
		}
	}
	return &wr.q[q]
}

func (m *Model) sflRow(ts *tokState, wr *wordRows, s int) *row {
	if wr.have&(1<<(haveSfl+s)) == 0 {
		wr.have |= 1 << (haveSfl + s)
		if g := m.kern.genRow(m, fhash.Mix(tSentW, fhash.Mix(uint64(s), ts.low))); g != nil {
			wr.sfl[s] = *g
		}
	}
	return &wr.sfl[s]
}

func (m *Model) labRow(ts *tokState, wr *wordRows, l int) *row2 {
	if wr.have&(1<<(haveLab+l)) == 0 {
		wr.have |= 1 << (haveLab + l)
		if g := m.kern.genRow(m, fhash.Mix(tS2LabW, fhash.Mix(uint64(l), ts.low))); g != nil {
			copy(wr.lab[l][:nLabels], g[nLabels:2*nLabels])
		}
	}
	return &wr.lab[l]
}

// rowCacheSize is the number of words a rowCache keeps, a power of two.
const rowCacheSize = 4096

// rowCache is direct-mapped by the hash of the word as written (tokState
// key): each entry is a pure function of its key. Words of the paragraph
// being tagged are pinned (stamp): a word whose slot another word of the
// paragraph holds goes to spill instead.
type rowCache struct {
	keys  []uint64
	stamp []uint32
	rows  []wordRows
	spill []wordRows
	now   uint32
}

func newRowCache() *rowCache {
	return &rowCache{keys: make([]uint64, rowCacheSize), stamp: make([]uint32, rowCacheSize), rows: make([]wordRows, rowCacheSize)}
}

// begin starts a paragraph of n tokens.
func (rc *rowCache) begin(n int) {
	rc.now++
	if rc.now == 0 { // wrapped: forget every pin
		clear(rc.stamp)
		rc.now = 1
	}
	if cap(rc.spill) < n {
		rc.spill = make([]wordRows, 0, n)
	}
	rc.spill = rc.spill[:0]
}

// get returns token ts's word rows, valid until the next begin.
func (rc *rowCache) get(m *Model, ts *tokState) *wordRows {
	i := int(fhash.Mix(ts.key, 1)>>40) & (rowCacheSize - 1)
	if rc.keys[i] == ts.key && rc.stamp[i] != 0 {
		rc.stamp[i] = rc.now
		return &rc.rows[i]
	}
	if rc.stamp[i] == rc.now {
		rc.spill = rc.spill[:len(rc.spill)+1]
		wr := &rc.spill[len(rc.spill)-1]
		m.fillWord(ts, wr)
		return wr
	}
	rc.keys[i], rc.stamp[i] = ts.key, rc.now
	m.fillWord(ts, &rc.rows[i])
	return &rc.rows[i]
}

// kmemo is direct-mapped by an exact key (bit 63 set): summed rows.
type kmemo struct {
	keys []uint64
	rows []row
}

const kmemoSize = 4096

func newKmemo() *kmemo {
	return &kmemo{keys: make([]uint64, kmemoSize), rows: make([]row, kmemoSize)}
}

// slot returns key's row and whether it holds key's sum already.
func (km *kmemo) slot(key uint64) (*row, bool) {
	i := int(fhash.Mix(key, 2)>>40) & (kmemoSize - 1)
	if km.keys[i] == key {
		return &km.rows[i], true
	}
	km.keys[i] = key
	km.rows[i] = row{}
	return &km.rows[i], false
}

// denseList is the emitter that memo misses use: it lists a token's
// dense features, the cue context's apart.
type denseList struct{ dv, dc []uint32 }

func (e *denseList) dense(t uint64, v int) {
	if v >= 0 && v < 1<<16 {
		x := uint32(t)<<16 | uint32(v)
		if cueContext[t] {
			e.dc = append(e.dc, x)
		} else {
			e.dv = append(e.dv, x)
		}
	}
}
func (e *denseList) hashed(t uint64, h uint64) {}

// sumDense adds to dst columns lo..lo+cols of the dense features' weights.
func (m *Model) sumDense(dst []float32, dv []uint32, lo, cols int) {
	w := m.width
	for _, x := range dv {
		t, v := x>>16, int(x&0xFFFF)
		d := m.dense[t]
		if o := v*w + lo; d != nil && o+cols <= len(d) {
			for c := 0; c < cols; c++ {
				dst[c] += d[o+c]
			}
		}
	}
}

// kstate is the kernel's working memory in a state.
type kstate struct {
	rc         *rowCache
	m1, mc, m2 *kmemo
	words      []*wordRows
	big        []*[2]row
	pos        []*[3]row
	list       []*row
	h          []uint64
	hat        []int32
	genp       []*row
	static     []float32 // token × rowW
	em2        []float32
	dl         denseList
}

func newKstate() *kstate {
	return &kstate{rc: newRowCache(), m1: newKmemo(), mc: newKmemo(), m2: newKmemo()}
}

// sumRows sets dst to the sum of rows rs (14 columns).
func sumRows(dst *row, rs []*row) {
	var s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13 float32
	for _, r := range rs {
		s0 += r[0]
		s1 += r[1]
		s2 += r[2]
		s3 += r[3]
		s4 += r[4]
		s5 += r[5]
		s6 += r[6]
		s7 += r[7]
		s8 += r[8]
		s9 += r[9]
		s10 += r[10]
		s11 += r[11]
		s12 += r[12]
		s13 += r[13]
	}
	dst[0], dst[1], dst[2], dst[3], dst[4], dst[5], dst[6] = s0, s1, s2, s3, s4, s5, s6
	dst[7], dst[8], dst[9], dst[10], dst[11], dst[12], dst[13] = s7, s8, s9, s10, s11, s12, s13
}

// sumSecond sets dst (nLabels) to base's second half plus rows a (their
// first nLabels columns) and rows b (their second half).
func sumSecond(dst []float32, base *row, a []*row2, b []*row) {
	s0, s1, s2, s3, s4, s5, s6 := base[7], base[8], base[9], base[10], base[11], base[12], base[13]
	for _, r := range a {
		s0 += r[0]
		s1 += r[1]
		s2 += r[2]
		s3 += r[3]
		s4 += r[4]
		s5 += r[5]
		s6 += r[6]
	}
	for _, r := range b {
		s0 += r[7]
		s1 += r[8]
		s2 += r[9]
		s3 += r[10]
		s4 += r[11]
		s5 += r[12]
		s6 += r[13]
	}
	d := (*[nLabels]float32)(dst)
	d[0], d[1], d[2], d[3], d[4], d[5], d[6] = s0, s1, s2, s3, s4, s5, s6
}

// kernelStatic fills ks.static (one row per token) with both passes'
// scores of the text's features: what staticScores computes.
func (m *Model) kernelStatic(ks *kstate, ps *paraState, c *paraCtx) {
	k := m.kern
	ts := ps.ts
	n := len(ts)
	ks.rc.begin(n)
	if cap(ks.words) < n {
		ks.words = make([]*wordRows, n)
		ks.big = make([]*[2]row, n+1)
		ks.pos = make([]*[3]row, n+2)
	}
	words, big, pos := ks.words[:n], ks.big[:n+1], ks.pos[:n+2]
	ks.static = growF(ks.static, n*rowW)
	for j := range ts {
		words[j] = ks.rc.get(m, &ts[j])
	}
	// Word pairs: pair j is tokens j-1 and j.
	prev := hBOS
	for j := 0; j <= n; j++ {
		next := hEOS
		if j < n {
			next = ts[j].low
		}
		big[j] = nil
		if r, ok := m.bigram.tab.Get(fhash.Mix(prev, next)); ok {
			big[j] = &k.bigram[r]
		}
		prev = next
	}
	// Class trigrams: pos[j+1] is the one around token j.
	cs := loadClusters()
	cls := func(i int) int {
		if i < 0 || i >= n || ts[i].cl == 0 {
			return 0
		}
		return int(cs.class4[ts[i].cl-1])
	}
	rad := m.posRadix
	for j := -1; j <= n; j++ {
		pos[j+1] = nil
		a, b, cc := cls(j-1), cls(j), cls(j+1)
		if a >= rad || b >= rad || cc >= rad {
			continue
		}
		if idx := m.posIdx[(a*rad+b)*rad+cc]; idx >= 0 {
			pos[j+1] = &k.pos[idx]
		}
	}
	// Hashed features, looked up together.
	h, hat := ks.h[:0], ks.hat[:0]
	cl4 := func(i int) uint64 {
		if i < 0 || i >= n || ts[i].cl == 0 {
			return 0
		}
		return uint64(cs.class4[ts[i].cl-1])
	}
	for i := range ts {
		t := &ts[i]
		w0 := t.low
		at := int32(i)
		h = append(h, fhash.Mix(tTri, fhash.Mix(fhash.Mix(ps.low(i-1), w0), ps.low(i+1))),
			fhash.Mix(tPosW, fhash.Mix(cl4(i-1)<<8|cl4(i+1), w0)))
		hat = append(hat, at, at)
		if i > 0 && ts[i-1].mark != mNone {
			h = append(h, fhash.Mix(tQMarkW, fhash.Mix(uint64(ts[i-1].mark)<<8|uint64(ts[i-1].qlen), w0)))
			hat = append(hat, at)
		}
		if l := int(c.left[i]); l >= 0 {
			h = append(h, fhash.Mix(tCandLW, fhash.Mix(ts[l].low, uint64(distBucket(i-l)))))
			hat = append(hat, at)
		}
		if r := int(c.right[i]); r >= 0 {
			h = append(h, fhash.Mix(tCandRW, fhash.Mix(ts[r].low, uint64(distBucket(r-i)))))
			hat = append(hat, at)
		}
	}
	genp := ks.genp[:0]
	for _, f := range h {
		var p *row
		if r, ok := m.gen.tab.Get(f); ok {
			p = &k.gen[r]
		}
		genp = append(genp, p)
	}
	list := ks.list[:0]
	next := 0
	for i := range ts {
		list = list[:0]
		t := &ts[i]
		for o := -maxOffset; o <= maxOffset; o++ {
			switch j := i + o; {
			case j < 0:
				list = append(list, &k.edge[0].off[o+maxOffset])
			case j >= n:
				list = append(list, &k.edge[1].off[o+maxOffset])
			default:
				list = append(list, &words[j].off[o+maxOffset])
			}
		}
		wr := words[i]
		list = append(list, m.qRow(t, wr, int(t.q)), m.sflRow(t, wr, int(t.sfl&3)))
		if b := big[i]; b != nil {
			list = append(list, &b[1])
		}
		if b := big[i+1]; b != nil {
			list = append(list, &b[0])
		}
		if p := pos[i+1]; p != nil {
			list = append(list, &p[0])
		}
		if p := pos[i]; p != nil {
			list = append(list, &p[1])
		}
		if p := pos[i+2]; p != nil {
			list = append(list, &p[2])
		}
		r1, ok1 := ks.m1.slot(denseKey1(ps, i))
		rc, okc := ks.mc.slot(cueKey1(ps, c, i))
		if !ok1 || !okc {
			ks.dl.dv, ks.dl.dc = ks.dl.dv[:0], ks.dl.dc[:0]
			tokenFeatures(ps, c, i, &ks.dl)
			if !ok1 {
				m.sumDense(r1[:m.width], ks.dl.dv, 0, m.width)
			}
			if !okc {
				m.sumDense(rc[:m.width], ks.dl.dc, 0, m.width)
			}
		}
		list = append(list, r1, rc)
		for ; next < len(h) && int(hat[next]) == i; next++ {
			if p := genp[next]; p != nil {
				list = append(list, p)
			}
		}
		// Now: the memo rows are valid until the next token's lookup.
		sumRows((*row)(ks.static[i*rowW:(i+1)*rowW]), list)
	}
	ks.list, ks.h, ks.hat, ks.genp = list, h, hat, genp
}

// kernelSecond sets em (token × nLabels) to the second pass's scores:
// the static scores' second half and the pass's own features, which read
// the first pass's labels pl.
func (m *Model) kernelSecond(ks *kstate, st *state, ps *paraState, c *paraCtx, pl []uint8, em []float32) {
	k := m.kern
	ts := ps.ts
	var s2 stage2
	s2.fill(ts, pl, &st.scr)
	words := ks.words[:len(ts)]
	var a [2]*row2
	var b [4]*row
	for i := range ts {
		t := &ts[i]
		l0 := int(pl[i])
		m2, ok := ks.m2.slot(denseKey2(ps, c, &s2, i))
		if !ok {
			ks.dl.dv, ks.dl.dc = ks.dl.dv[:0], ks.dl.dc[:0]
			stage2TokenFeatures(ps, c, &s2, i, &ks.dl)
			m.sumDense(m2[:nLabels], ks.dl.dv, nLabels, nLabels)
			m.sumDense(m2[:nLabels], ks.dl.dc, nLabels, nLabels)
		}
		a[0], a[1] = (*row2)(m2[:8]), m.labRow(t, words[i], l0)
		nb := 0
		if r, ok := m.gen.tab.Get(fhash.Mix(tS2Pattern, s2.pattern[t.sent]<<8|uint64(s2.place[i]))); ok {
			b[nb] = &k.gen[r]
			nb++
		}
		if l := int(s2.left[i]); l >= 0 {
			d := distBucket(i - int(s2.leftEnd[i]))
			if r, ok := m.gen.tab.Get(fhash.Mix(tS2CueLW, fhash.Mix(ts[l].low, uint64(d)))); ok {
				b[nb] = &k.gen[r]
				nb++
			}
		}
		if r := int(s2.right[i]); r >= 0 {
			if r, ok := m.gen.tab.Get(fhash.Mix(tS2CueRW, fhash.Mix(ts[r].low, uint64(distBucket(r-i))))); ok {
				b[nb] = &k.gen[r]
				nb++
			}
		}
		sumSecond(em[i*nLabels:(i+1)*nLabels], (*row)(ks.static[i*rowW:(i+1)*rowW]), a[:], b[:nb])
	}
}

// denseKey1 packs every value token i's dense text features read, but
// the cue context's (cueKey1).
func denseKey1(ps *paraState, i int) uint64 {
	ts := ps.ts
	n := len(ts)
	t := &ts[i]
	shape := func(i int) uint64 {
		if i < 0 || i >= n {
			return 9
		}
		return uint64(ts[i].shape)
	}
	var edge, e1, cand uint64
	if i == 0 || t.sfl&1 != 0 || ts[i-1].wf&wfSep != 0 {
		edge |= 1
	}
	if i == n-1 || t.sfl&2 != 0 || ts[i+1].wf&wfSep != 0 || i+2 < n && ts[i+1].sfl&2 != 0 && ts[i+1].shape == shapePunct {
		edge |= 2
	}
	if i+1 < n {
		e1 = uint64(ts[i+1].ent)
	}
	if t.cand != 0 {
		cand = 1
	}
	return 1<<63 | shape(i-1) | shape(i)<<4 | shape(i+1)<<8 | uint64(t.q)<<12 | uint64(t.mark)<<14 |
		uint64(t.qpos)<<17 | uint64(t.qlen)<<19 | uint64(t.qsent)<<22 | uint64(t.sfl)<<24 |
		uint64(t.ent)<<26 | e1<<30 | uint64(ps.ctx)<<34 | uint64(min(t.sent, 2))<<37 | edge<<39 | cand<<41
}

// cueKey1 packs the values of token i's cue-context features.
func cueKey1(ps *paraState, c *paraCtx, i int) uint64 {
	ts := ps.ts
	n := len(ts)
	key := 1<<63 | uint64(ts[i].q)
	if l := int(c.left[i]); l >= 0 {
		v := 1 | uint64(distBucket(i-l))<<1 | uint64(c.comma(l, i))<<5 | uint64(c.between(l, i))<<6
		if l+1 < n && ts[l+1].low == hThat {
			v |= 1 << 10
		}
		key |= v << 2
	}
	if r := int(c.right[i]); r >= 0 {
		v := 1 | uint64(distBucket(r-i))<<1 | uint64(c.comma(i, r))<<5 | uint64(c.between(i, r))<<6
		key |= v << 13
	}
	return key
}

// denseKey2 packs every value token i's second-pass dense features read.
func denseKey2(ps *paraState, c *paraCtx, s *stage2, i int) uint64 {
	ts := ps.ts
	n := len(ts)
	t := &ts[i]
	lab := func(i int) uint64 {
		if i < 0 || i >= n {
			return 7
		}
		return uint64(s.pl[i])
	}
	key := 1<<63 | lab(i-2) | lab(i-1)<<3 | lab(i)<<6 | lab(i+1)<<9 | lab(i+2)<<12 |
		uint64(s.sentRoles[t.sent])<<15 | uint64(t.sfl)<<18 | uint64(t.q)<<20 | uint64(t.qpos)<<22
	if s.pl[i] != lO && (i+1 == n || roleOf(s.pl[i+1]) != roleOf(s.pl[i]) || !isInside(int(s.pl[i+1]))) {
		key |= 1 << 24
	}
	if l := int(s.left[i]); l >= 0 {
		end := int(s.leftEnd[i])
		v := 1 | uint64(distBucket(i-end))<<1 | uint64(c.comma(end, i))<<5
		if end == i-1 || end == i-2 && ts[i-1].low == hThat {
			v |= uint64(i-end) << 6
		}
		key |= v << 25
	}
	if r := int(s.right[i]); r >= 0 {
		key |= (1 | uint64(distBucket(r-i))<<1 | uint64(c.comma(i, r))<<5) << 33
	}
	return key
}

// tagKernel labels one paragraph with the kernel: both passes.
func (m *Model) tagKernel(st *state, ps *paraState, c *paraCtx, labels []uint8) {
	ks := st.ks
	n := len(ps.ts)
	m.kernelStatic(ks, ps, c)
	st.back = growU8(st.back, n*nLabels)
	ks.em2 = growF(ks.em2, n*nLabels)
	viterbiStride(ks.static, rowW, &m.trans[0], n, st.back, labels)
	m.kernelSecond(ks, st, ps, c, labels, ks.em2)
	viterbiStride(ks.em2, nLabels, &m.trans[1], n, st.back, labels)
}
