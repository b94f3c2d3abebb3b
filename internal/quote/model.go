package quote

import (
	"runtime"
	"sort"

	"github.com/dateline-news/dateline/internal/fhash"

	"github.com/dateline-news/dateline/internal/article"
)

// Model is a trained attribution tagger: stacked passes of weights per
// feature and label with label transitions, and the cue lexicon. The
// first pass reads the text; each later one the text and the labels of
// the one before. It is safe for concurrent use.
//
// Weights are kept in five sets: a word's own features at every offset
// (one row of nOffsets × width per word, so that one lookup serves all
// seven), its suffix's, its stem's, word pairs' (one row for both
// words), and every other feature's.
type Model struct {
	cues   map[uint64]uint8 // lower-case word or stem hash → cue-rate bucket
	stages int
	width  int // stages × nLabels
	gen    rowSet
	words  rowSet // lower-case word hash → nOffsets × width
	sufs   rowSet
	lems   rowSet
	bigram rowSet // pair hash → 2 × width: what the pair gives its first and its second word
	trans  [][nLabels + 1][nLabels]float32
	// states are reusable tagging states. Not a sync.Pool: that one is
	// emptied at every collection, and a state's word cache is worth
	// keeping.
	states chan *state
	dense  [nTemplates][]float32 // per dense template: value × width
	clRows []float32             // per cluster id (0: none): nOffsets × width
	cand   []float32             // per cue bucket × stem cue bucket: width
	clQ    []float32             // per cluster id (0: none) × quotation state: width (tClQ)
	// Word-class trigrams (tPos, tPos2, tPos3): posIdx by the three
	// classes (radix posRadix) gives a block of 3 × width in posRows,
	// what the trigram gives its middle, its next and its previous token.
	posIdx   []int32
	posRows  []float32
	posRadix int
	kern     *kernel // two-pass models: the tagging kernel's tables (kernel.go)
}

// rowSet is weight rows by 64-bit key.
type rowSet struct {
	keys   []uint64 // sorted
	rows   []float32
	stride int
	tab    fhash.Table
}

func (r *rowSet) index() {
	r.tab = fhash.NewTable(len(r.keys))
	for i, k := range r.keys {
		r.tab.Put(k, uint32(i))
	}
}

// row returns key's weights, or nil.
func (r *rowSet) row(key uint64) []float32 {
	i, ok := r.tab.Get(key)
	if !ok {
		return nil
	}
	return r.rows[int(i)*r.stride : (int(i)+1)*r.stride]
}

// draft is a model as training leaves it: every feature seen, float
// weights per stage, and the words, suffixes and stems seen. compile
// prunes and indexes it for tagging.
type draft struct {
	cues    map[uint64]uint8
	index   map[uint64]int32
	stages  []*weights
	lows    map[uint64]bool
	sufs    map[uint64]bool
	lems    map[uint64]bool
	bigrams map[uint64]bool // fhash.Mix(word, next word), the edges included
}

// pruneBelow drops the weights whose magnitudes are all below this: on
// PolNeAR dev, 1.5M features pruned to 80k at 8 score the same
// (MEASUREMENTS.md), and tables that fit the caches are fast.
const pruneBelow = 8

// wordTemplates are the word's own features by offset, -3..3.
var wordTemplates = [nOffsets]uint64{tWm3, tWm2, tWm1, tW0, tWp1, tWp2, tWp3}

func (d *draft) compile(th float32) *Model {
	m := &Model{cues: d.cues, stages: len(d.stages), width: len(d.stages) * nLabels}
	w := m.width
	// rowOf copies feature h's weights into dst (width), reporting whether
	// the feature exists.
	used := map[uint64]bool{}
	rowOf := func(h uint64, dst []float32) bool {
		r, ok := d.index[h]
		if !ok {
			return false
		}
		used[h] = true
		for s, ws := range d.stages {
			if int(r)*nLabels < len(ws.w) {
				copy(dst[s*nLabels:], ws.w[int(r)*nLabels:int(r)*nLabels+nLabels])
			}
		}
		return true
	}
	big := func(row []float32) bool {
		for _, v := range row {
			if v > th || v < -th {
				return true
			}
		}
		return false
	}
	type entry struct {
		key uint64
		row []float32
	}
	build := func(set *rowSet, stride int, keys map[uint64]bool, row func(uint64, []float32) bool) {
		var es []entry
		for k := range keys {
			r := make([]float32, stride)
			if row(k, r) && big(r) {
				es = append(es, entry{k, r})
			}
		}
		sort.Slice(es, func(i, j int) bool { return es[i].key < es[j].key })
		set.stride = stride
		for _, e := range es {
			set.keys = append(set.keys, e.key)
			set.rows = append(set.rows, e.row...)
		}
	}
	lows := map[uint64]bool{hBOS: true, hEOS: true}
	for k := range d.lows {
		lows[k] = true
	}
	build(&m.words, nOffsets*w, lows, func(low uint64, r []float32) bool {
		any := false
		for k, t := range wordTemplates {
			any = rowOf(fhash.Mix(t, low), r[k*w:(k+1)*w]) || any
		}
		return any
	})
	build(&m.sufs, w, d.sufs, func(h uint64, r []float32) bool { return rowOf(fhash.Mix(tSuf, h), r) })
	build(&m.lems, w, d.lems, func(h uint64, r []float32) bool { return rowOf(fhash.Mix(tLem, h), r) })
	build(&m.bigram, 2*w, d.bigrams, func(h uint64, r []float32) bool {
		a := rowOf(fhash.Mix(tBiP, h), r[:w])
		return rowOf(fhash.Mix(tBiM, h), r[w:]) || a
	})
	rest := map[uint64]bool{}
	for k := range d.index {
		if !used[k] {
			rest[k] = true
		}
	}
	build(&m.gen, w, rest, func(h uint64, r []float32) bool { return rowOf(h, r) })
	for _, ws := range d.stages {
		m.trans = append(m.trans, ws.trans)
	}
	m.index()
	return m
}

// index builds the lookup tables and what tagging precomputes.
func (m *Model) index() {
	for _, s := range m.rowSets() {
		s.index()
	}
	m.initFast()
	m.initKernel()
	m.states = make(chan *state, 2*runtime.GOMAXPROCS(0))
}

func (m *Model) rowSets() []*rowSet {
	return []*rowSet{&m.gen, &m.words, &m.sufs, &m.lems, &m.bigram}
}

// Rows is the number of weight rows: features, words, suffixes, stems,
// word pairs.
func (m *Model) Rows() int {
	n := 0
	for _, s := range m.rowSets() {
		n += len(s.keys)
	}
	return n
}

// state is one call's working memory, reused across calls (states).
type state struct {
	ps     []paraState
	static []float32 // token × width: the text's features, every stage
	em     []float32
	back   []uint8
	scr    scratch
	wc     *wordCache
	hbuf   []uint64 // hashed features of a paragraph
	hat    []int32  // their tokens
	dv, dc []uint32 // a token's dense features
	memo1  *memo    // the text's dense features, every stage
	memo2  *memo    // the second pass's own dense features
	ks     *kstate  // the kernel's (two-pass models)
}

func (m *Model) getState() *state {
	select {
	case st := <-m.states:
		// The caches stay warm from document to document: each holds a
		// pure function of its key (the word as written; every dense
		// value of a token), so what the finder returns for a document
		// does not depend on what the state read before
		// (TestHistoryFree).
		return st
	default:
		if m.kern != nil {
			return &state{wc: newWordCache(), ks: newKstate()}
		}
		return &state{wc: newWordCache(), memo1: newMemo(m.width), memo2: newMemo(nLabels)}
	}
}

func (m *Model) putState(st *state) {
	select {
	case m.states <- st:
	default:
	}
}

func growF(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func growU8(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}

// tag labels every token of every paragraph; labels[p] is paragraph p's.
// The returned paragraph states belong to st.
func (m *Model) tag(st *state, paras []Paragraph, entities []article.Entity) ([]paraState, [][]uint8) {
	st.ps = m.prepare(paras, entities, st.ps, st.wc)
	ps := st.ps
	labels := make([][]uint8, len(ps))
	var c paraCtx
	for p := range ps {
		n := len(ps[p].ts)
		labels[p] = make([]uint8, n)
		if n == 0 {
			continue
		}
		c.fill(ps[p].ts, &st.scr)
		if m.kern != nil {
			m.tagKernel(st, &ps[p], &c, labels[p])
			continue
		}
		m.staticScores(st, &ps[p], &c)
		st.back = growU8(st.back, n*nLabels)
		st.em = growF(st.em, n*nLabels)
		em := st.em
		for s := 0; s < m.stages; s++ {
			for i := 0; i < n; i++ {
				copy(em[i*nLabels:i*nLabels+nLabels], st.static[i*m.width+s*nLabels:])
			}
			if s > 0 {
				m.laterScores(st, &ps[p], &c, labels[p], em, s)
			}
			viterbi(em, &m.trans[s], n, st.back, labels[p])
		}
	}
	return ps, labels
}

// laterScores adds to em (token × nLabels) pass s's weights of its own
// features, which read the labels pl of the pass before.
func (m *Model) laterScores(st *state, ps *paraState, c *paraCtx, pl []uint8, em []float32, s int) {
	var s2 stage2
	s2.fill(ps.ts, pl, &st.scr)
	if st.memo2 == nil {
		st.memo2 = newMemo(nLabels)
	}
	fe := fastEmitter{m: m, lo: s * nLabels, h: st.hbuf[:0], at: st.hat[:0], mem: st.memo2, dv: st.dv[:0], dc: st.dc[:0]}
	for i := range ps.ts {
		dst := em[i*nLabels : i*nLabels+nLabels]
		fe.dst, fe.i = dst, int32(i)
		stage2TokenFeatures(ps, c, &s2, i, &fe)
		fe.end()
	}
	m.lookupAdd(fe.h, fe.at, em, s*nLabels, nLabels)
	st.hbuf, st.hat, st.dv, st.dc = fe.h, fe.at, fe.dv, fe.dc
}
