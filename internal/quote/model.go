package quote

import (
	"sort"
	"sync"

	"github.com/dateline-news/dateline/internal/article"
)

// Model is a trained attribution tagger: stacked passes of weights per
// feature and label with label transitions, and the cue lexicon. The
// first pass reads the text; each later one the text and the labels of
// the one before. It is safe for concurrent use.
type Model struct {
	cues   map[uint64]uint8 // lower-case word or stem hash → cue-rate bucket
	stages int
	feats  table     // feature hash → row
	keys   []uint64  // feature hashes, sorted; row r is keys[r]
	w      []float32 // row × width: each stage's weight per label
	width  int
	trans  [][nLabels + 1][nLabels]float32
	states sync.Pool // *state
}

// draft is a model as training leaves it: every feature seen, float
// weights per stage. compile prunes and indexes it for tagging.
type draft struct {
	cues   map[uint64]uint8
	index  map[uint64]int32
	stages []*weights
}

// pruneBelow drops the features whose weights are all smaller than this
// in magnitude: on PolNeAR dev, 1.5M features pruned to 80k at 8 score
// the same (MEASUREMENTS.md), and a table that fits the caches is fast.
const pruneBelow = 8

func (d *draft) compile(th float32) *Model {
	type kr struct {
		key uint64
		row int32
	}
	var kept []kr
	for k, r := range d.index {
		for _, ws := range d.stages {
			if int(r)*nLabels >= len(ws.w) {
				continue
			}
			big := false
			for _, v := range ws.w[int(r)*nLabels : int(r)*nLabels+nLabels] {
				if v > th || v < -th {
					big = true
					break
				}
			}
			if big {
				kept = append(kept, kr{k, r})
				break
			}
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	m := &Model{cues: d.cues, stages: len(d.stages), width: len(d.stages) * nLabels}
	m.keys = make([]uint64, len(kept))
	m.w = make([]float32, len(kept)*m.width)
	for i, e := range kept {
		m.keys[i] = e.key
		for s, ws := range d.stages {
			if int(e.row)*nLabels >= len(ws.w) {
				continue
			}
			copy(m.w[i*m.width+s*nLabels:], ws.w[int(e.row)*nLabels:int(e.row)*nLabels+nLabels])
		}
	}
	for _, ws := range d.stages {
		m.trans = append(m.trans, ws.trans)
	}
	m.index()
	return m
}

// index builds the lookup table from keys.
func (m *Model) index() {
	m.feats = newTable(len(m.keys))
	for i, k := range m.keys {
		m.feats.put(k, uint32(i))
	}
}

// Rows is the number of features with weights.
func (m *Model) Rows() int { return len(m.keys) }

// state is one call's working memory, reused through a pool.
type state struct {
	ps     []paraState
	feats  []uint64
	offs   []int32
	f2     []uint64
	o2     []int32
	static []float32 // token × width: the text's features, every stage
	em     []float32
	back   []uint8
	scr    scratch
}

func (m *Model) getState() *state {
	if st, ok := m.states.Get().(*state); ok {
		return st
	}
	return &state{}
}

// addRows adds the weights of feats (token i: feats[offs[i]:offs[i+1]])
// to out (token × width), columns lo..hi of each row.
func (m *Model) addRows(feats []uint64, offs []int32, out []float32, lo, hi int) {
	n := len(offs) - 1
	for i := 0; i < n; i++ {
		dst := out[i*m.width+lo : i*m.width+hi]
		for _, f := range feats[offs[i]:offs[i+1]] {
			r, ok := m.feats.get(f)
			if !ok {
				continue
			}
			src := m.w[int(r)*m.width+lo : int(r)*m.width+hi]
			for k := range dst {
				dst[k] += src[k]
			}
		}
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
	st.ps = m.prepare(paras, entities, st.ps)
	ps := st.ps
	labels := make([][]uint8, len(ps))
	for p := range ps {
		n := len(ps[p].ts)
		labels[p] = make([]uint8, n)
		if n == 0 {
			continue
		}
		st.feats, st.offs = paraFeatures(&ps[p], &st.scr, st.feats[:0], st.offs[:0])
		st.static = growF(st.static, n*m.width)
		m.addRows(st.feats, st.offs, st.static, 0, m.width)
		st.back = growU8(st.back, n*nLabels)
		st.em = growF(st.em, n*nLabels)
		for s := 0; s < m.stages; s++ {
			em := st.em
			for i := 0; i < n; i++ {
				copy(em[i*nLabels:i*nLabels+nLabels], st.static[i*m.width+s*nLabels:])
			}
			if s > 0 {
				st.f2, st.o2 = stage2Features(&ps[p], labels[p], &st.scr, st.f2[:0], st.o2[:0])
				m.addRowsStage(st.f2, st.o2, em, s)
			}
			viterbi(em, &m.trans[s], n, st.back, labels[p])
		}
	}
	return ps, labels
}

// addRowsStage adds stage s's weights of feats to em (token × nLabels).
func (m *Model) addRowsStage(feats []uint64, offs []int32, em []float32, s int) {
	n := len(offs) - 1
	for i := 0; i < n; i++ {
		dst := em[i*nLabels : i*nLabels+nLabels]
		for _, f := range feats[offs[i]:offs[i+1]] {
			r, ok := m.feats.get(f)
			if !ok {
				continue
			}
			src := m.w[int(r)*m.width+s*nLabels : int(r)*m.width+s*nLabels+nLabels]
			for k := range dst {
				dst[k] += src[k]
			}
		}
	}
}
