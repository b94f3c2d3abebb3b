package quote

import "github.com/dateline-news/dateline/internal/fhash"

// Tagging fast. Most of a token's features are its words' (at offsets
// -3..3): the model keeps each word's weights at every offset in one row,
// its cluster's in an array by cluster id, and a tagging state caches
// the sum per word, since news repeats its words. Dense features are read
// from arrays built when the model loads. The rest are hash lookups,
// listed first and looked up in one tight loop, so that the processor
// can wait for several cache misses at once. Models of two passes (the
// shipped one) tag through kernel.go instead, laid out further for speed;
// this path serves the others.

const (
	wordCacheSize = 4096 // entries, a power of two
	nOffsets      = 2*maxOffset + 1
)

// wordCache is direct-mapped by the hash of the word as written: what
// the word alone decides (wordInfo), which costs a stem and map lookups.
// The key is the word as written, not its lower-case hash, because
// wordInfo reads the written bytes ("’s" and "'s" share a lower-case
// hash but not a suffix): a cache keyed more loosely would make a
// document's quotes depend on what the state read before.
type wordCache struct {
	keys  []uint64
	full  []bool
	infos []tokState
}

func newWordCache() *wordCache {
	return &wordCache{
		keys:  make([]uint64, wordCacheSize),
		full:  make([]bool, wordCacheSize),
		infos: make([]tokState, wordCacheSize),
	}
}

// info fills ts's word attributes (wordOf), from the cache or, on a
// miss, computed and cached.
func (wc *wordCache) info(m *Model, text string, ts *tokState) {
	key := fhash.String(text)
	// FNV's middle bits are poorly spread for short words: mix first.
	i := int(fhash.Mix(key, 0)>>40) & (wordCacheSize - 1)
	c := &wc.infos[i]
	if !wc.full[i] || wc.keys[i] != key {
		wc.keys[i], wc.full[i] = key, true
		*c = tokState{}
		m.wordOf(text, c)
	}
	ts.key, ts.low, ts.shape, ts.wf = c.key, c.low, c.shape, c.wf
	ts.suf, ts.lem, ts.cand, ts.candL, ts.cl = c.suf, c.lem, c.cand, c.candL, c.cl
}

// addWord adds what the word of token j gives the tokens around it (its
// word features at every offset, wordFeatures) to static (token × width).
func (m *Model) addWord(ps *paraState, j int, static []float32) {
	n := len(ps.ts)
	w := m.width
	t := &ps.ts[j]
	if r := m.words.row(t.low); r != nil {
		for k := -maxOffset; k <= maxOffset; k++ {
			if i := j - k; i >= 0 && i < n {
				add(static[i*w:(i+1)*w], r[(k+maxOffset)*w:(k+maxOffset+1)*w])
			}
		}
	}
	// Cluster features sit at offsets -1..1 only.
	cl := int(t.cl)
	block := m.clRows[cl*nOffsets*w : (cl+1)*nOffsets*w]
	for k := -1; k <= 1; k++ {
		if i := j - k; i >= 0 && i < n {
			add(static[i*w:(i+1)*w], block[(k+maxOffset)*w:(k+maxOffset+1)*w])
		}
	}
	mid := static[j*w : (j+1)*w]
	if r := m.sufs.row(t.suf); r != nil {
		add(mid, r)
	}
	if r := m.lems.row(t.lem); r != nil {
		add(mid, r)
	}
	if t.cand < 5 && t.candL < 5 {
		c := int(t.cand)*5 + int(t.candL)
		add(mid, m.cand[c*w:(c+1)*w])
	}
	if t.q < 3 {
		c := cl*3 + int(t.q)
		add(mid, m.clQ[c*w:(c+1)*w])
	}
}

// genRow returns the general feature h's weights, or nil.
func (m *Model) genRow(h uint64) []float32 { return m.gen.row(h) }

// initFast builds the dense tables, the cluster rows and the cue-bucket
// rows from the general features.
func (m *Model) initFast() {
	w := m.width
	for t, size := range denseSize {
		if size == 0 {
			continue
		}
		d := make([]float32, size*w)
		any := false
		for v := 0; v < size; v++ {
			if r := m.genRow(fhash.Mix(uint64(t), uint64(v))); r != nil {
				copy(d[v*w:(v+1)*w], r)
				any = true
			}
		}
		if any {
			m.dense[t] = d
		}
	}
	cs := loadClusters()
	m.clRows = make([]float32, (len(cs.prefix)+1)*nOffsets*w)
	for c := 0; c <= len(cs.prefix); c++ {
		rows := m.clRows[c*nOffsets*w : (c+1)*nOffsets*w]
		at := func(k int) []float32 { return rows[(k+maxOffset)*w : (k+maxOffset+1)*w] }
		var p1 uint64 // a word without a cluster has value 0 at ±1
		if c > 0 {
			for _, h := range cs.prefix[c-1] {
				if r := m.genRow(fhash.Mix(tCl0, h)); r != nil {
					add(at(0), r)
				}
			}
			p1 = cs.prefix[c-1][1]
		}
		if r := m.genRow(fhash.Mix(tClm1, p1)); r != nil {
			add(at(-1), r)
		}
		if r := m.genRow(fhash.Mix(tClp1, p1)); r != nil {
			add(at(1), r)
		}
	}
	m.clQ = make([]float32, (len(cs.prefix)+1)*3*w)
	for c := 1; c <= len(cs.prefix); c++ {
		for q := 0; q < 3; q++ {
			if r := m.genRow(fhash.Mix(tClQ, fhash.Mix(cs.prefix[c-1][2], uint64(q)))); r != nil {
				copy(m.clQ[(c*3+q)*w:(c*3+q+1)*w], r)
			}
		}
	}
	radix := 1
	for _, c := range cs.class4 {
		radix = max(radix, int(c)+1)
	}
	m.posRadix = radix
	m.posIdx = make([]int32, radix*radix*radix)
	m.posRows = m.posRows[:0]
	for a := 0; a < radix; a++ {
		for b := 0; b < radix; b++ {
			for c := 0; c < radix; c++ {
				key := uint64(a)<<16 | uint64(b)<<8 | uint64(c)
				block := make([]float32, 3*w)
				any := false
				for part, t := range [3]uint64{tPos, tPos2, tPos3} {
					if r := m.genRow(fhash.Mix(t, key)); r != nil {
						add(block[part*w:(part+1)*w], r)
						any = true
					}
				}
				idx := int32(-1)
				if any {
					idx = int32(len(m.posRows) / (3 * w))
					m.posRows = append(m.posRows, block...)
				}
				m.posIdx[(a*radix+b)*radix+c] = idx
			}
		}
	}
	m.cand = make([]float32, 25*w)
	for c := 0; c < 5; c++ {
		for l := 0; l < 5; l++ {
			row := m.cand[(c*5+l)*w : (c*5+l+1)*w]
			if r := m.genRow(fhash.Mix(tCand, uint64(c))); r != nil {
				add(row, r)
			}
			if r := m.genRow(fhash.Mix(tLemCand, uint64(l)<<4|uint64(c))); r != nil {
				add(row, r)
			}
		}
	}
}

// edgeRow adds to dst what the paragraph's edge gives a token at offset
// k: the start's for k < 0, the end's for k > 0.
func (m *Model) edgeRow(dst []float32, k int) {
	w := m.width
	h := hEOS
	if k < 0 {
		h = hBOS
	}
	if r := m.words.row(h); r != nil {
		add(dst, r[(k+maxOffset)*w:(k+maxOffset+1)*w])
	}
	add(dst, m.clRows[(k+maxOffset)*w:(k+maxOffset+1)*w])
}

// staticScores fills st.static (token × width) with the weights of every
// feature of the text, for every stage at once.
func (m *Model) staticScores(st *state, ps *paraState, c *paraCtx) {
	n := len(ps.ts)
	w := m.width
	if st.memo1 == nil {
		st.memo1 = newMemo(w)
	}
	st.static = growF(st.static, n*w)
	static := st.static
	for j := 0; j < n; j++ {
		m.addWord(ps, j, static)
	}
	m.bigrams(ps, static)
	m.classTrigrams(ps, static)
	fe := fastEmitter{m: m, h: st.hbuf[:0], at: st.hat[:0], mem: st.memo1, dv: st.dv[:0], dc: st.dc[:0]}
	for i := 0; i < n; i++ {
		dst := static[i*w : (i+1)*w]
		for k := -maxOffset; k <= maxOffset; k++ {
			if j := i + k; j < 0 || j >= n {
				m.edgeRow(dst, k)
			}
		}
		fe.dst, fe.i = dst, int32(i)
		tokenFeatures(ps, c, i, &fe)
		fe.end()
	}
	st.dv, st.dc = fe.dv, fe.dc
	m.lookupAdd(fe.h, fe.at, static, 0, w)
	st.hbuf, st.hat = fe.h, fe.at
}

// fastEmitter lists a token's dense feature values and its hashed
// features. A token's dense values together are a signature that most
// tokens share with many others (outside quotations, no cue word near,
// lower case), so their summed weights are memoised by it (end); the
// hashed features are looked up for the whole paragraph at once
// (lookupAdd).
type fastEmitter struct {
	m   *Model
	dst []float32 // the current token's row
	lo  int
	i   int32
	dv  []uint32 // template<<16 | value of the token's dense features
	dc  []uint32 // the same, of the cueContext templates
	mem *memo
	h   []uint64
	at  []int32
}

func (e *fastEmitter) dense(t uint64, v int) {
	if v >= 0 && v < 1<<16 {
		x := uint32(t)<<16 | uint32(v)
		if cueContext[t] {
			e.dc = append(e.dc, x)
		} else {
			e.dv = append(e.dv, x)
		}
	}
}

// cueContext are the dense templates that describe the nearest cue words
// (distances, commas): memoised apart from the rest, which most tokens
// share, so that each memo hits more often.
var cueContext = [nTemplates]bool{tCandL: true, tCandLQ: true, tCandLThat: true, tSepL: true,
	tCandR: true, tCandRQ: true, tSepR: true, tS2CueL: true, tS2CueR: true, tS2AfterCue: true}

func (e *fastEmitter) hashed(t uint64, h uint64) {
	switch t {
	case tBiM, tBiP, tClQ, tPos, tPos2, tPos3:
		return // added in bulk: bigrams, classTrigrams, addWord
	}
	e.h = append(e.h, fhash.Mix(t, h))
	e.at = append(e.at, e.i)
}

// end adds the current token's dense features' weights to its row.
func (e *fastEmitter) end() {
	e.addMemo(e.dv, 1)
	e.addMemo(e.dc, 2)
	e.dv, e.dc = e.dv[:0], e.dc[:0]
}

func (e *fastEmitter) addMemo(dv []uint32, seed uint64) {
	if len(dv) == 0 {
		return
	}
	sig := seed
	for _, x := range dv {
		sig = fhash.Mix(sig, uint64(x))
	}
	mm := e.mem
	slot := int(sig>>40) & (memoSize - 1)
	row := mm.rows[slot*mm.cols : (slot+1)*mm.cols]
	if !mm.full[slot] || mm.keys[slot] != sig {
		mm.keys[slot], mm.full[slot] = sig, true
		clear(row)
		w := e.m.width
		for _, x := range dv {
			t, v := x>>16, int(x&0xFFFF)
			d := e.m.dense[t]
			if o := v*w + e.lo; d != nil && o+mm.cols <= len(d) {
				add(row, d[o:o+mm.cols])
			}
		}
	}
	add(e.dst, row)
}

// memoSize is the number of dense signatures a memo keeps.
const memoSize = 8192

// memo is direct-mapped by dense signature: the summed weights.
type memo struct {
	keys []uint64
	full []bool
	rows []float32
	cols int
}

func newMemo(cols int) *memo {
	return &memo{keys: make([]uint64, memoSize), full: make([]bool, memoSize), rows: make([]float32, memoSize*cols), cols: cols}
}

// lookupAdd adds, for each general feature h[k], columns lo..lo+cols of
// its weights to out's row at[k] (rows of cols floats, or of width when
// cols is the whole width).
func (m *Model) lookupAdd(h []uint64, at []int32, out []float32, lo, cols int) {
	g := &m.gen
	for k, f := range h {
		r, ok := g.tab.Get(f)
		if !ok {
			continue
		}
		o := int(at[k]) * cols
		src := g.rows[int(r)*g.stride+lo : int(r)*g.stride+lo+cols]
		add(out[o:o+cols], src)
	}
}

// add adds src to dst, element by element. The widths that tagging uses
// (one pass's labels, two passes') are unrolled.
func add(dst, src []float32) {
	switch len(dst) {
	case 2 * nLabels:
		d, s := (*[2 * nLabels]float32)(dst), (*[2 * nLabels]float32)(src)
		d[0] += s[0]
		d[1] += s[1]
		d[2] += s[2]
		d[3] += s[3]
		d[4] += s[4]
		d[5] += s[5]
		d[6] += s[6]
		d[7] += s[7]
		d[8] += s[8]
		d[9] += s[9]
		d[10] += s[10]
		d[11] += s[11]
		d[12] += s[12]
		d[13] += s[13]
	case nLabels:
		d, s := (*[nLabels]float32)(dst), (*[nLabels]float32)(src)
		d[0] += s[0]
		d[1] += s[1]
		d[2] += s[2]
		d[3] += s[3]
		d[4] += s[4]
		d[5] += s[5]
		d[6] += s[6]
	default:
		src = src[:len(dst)]
		for k := range dst {
			dst[k] += src[k]
		}
	}
}

// bigrams adds the word-pair features (tBiP to the first word, tBiM to
// the second), one lookup per pair, the paragraph's edges included.
func (m *Model) bigrams(ps *paraState, static []float32) {
	n := len(ps.ts)
	w := m.width
	prev := hBOS
	for i := 0; i <= n; i++ {
		next := hEOS
		if i < n {
			next = ps.ts[i].low
		}
		if r := m.bigram.row(fhash.Mix(prev, next)); r != nil {
			if i > 0 {
				add(static[(i-1)*w:i*w], r[:w])
			}
			if i < n {
				add(static[i*w:(i+1)*w], r[w:])
			}
		}
		prev = next
	}
}

// classTrigrams adds the word-class trigram features: the trigram around
// each position gives tPos to its middle, tPos2 to the token after and
// tPos3 to the token before.
func (m *Model) classTrigrams(ps *paraState, static []float32) {
	n := len(ps.ts)
	w := m.width
	cs := loadClusters()
	cls := func(i int) int {
		if i < 0 || i >= n || ps.ts[i].cl == 0 {
			return 0
		}
		return int(cs.class4[ps.ts[i].cl-1])
	}
	r := m.posRadix
	for i := -1; i <= n; i++ {
		a, b, c := cls(i-1), cls(i), cls(i+1)
		if a >= r || b >= r || c >= r {
			continue
		}
		idx := m.posIdx[(a*r+b)*r+c]
		if idx < 0 {
			continue
		}
		block := m.posRows[int(idx)*3*w : (int(idx)+1)*3*w]
		if i >= 0 && i < n {
			add(static[i*w:(i+1)*w], block[:w])
		}
		if i+1 >= 0 && i+1 < n {
			add(static[(i+1)*w:(i+2)*w], block[w:2*w])
		}
		if i-1 >= 0 && i-1 < n {
			add(static[(i-1)*w:i*w], block[2*w:])
		}
	}
}
