package ner

import (
	"sync"
)

// Model is a trained recognizer: the weights of one or two greedy
// left-to-right taggers (the second reads the first's labels across the
// document), the packed gazetteers and the word clusters. It is safe for
// concurrent use.
type Model struct {
	cfg    uint32
	stages int       // 1, or 2 with the document-level second pass
	feats  table     // feature hash → row
	w      []float32 // row × stage × tag
	gaz    gazTable
	words  table     // word hash (as written, then lower case) → cluster
	x      extractor // carries the clusters' path prefixes
	states sync.Pool // *state
	p      *parts    // what Save writes
}

// state is the scratch space of one TagDocument call, reused through a
// pool so that tagging allocates little beyond its result.
type state struct {
	toks   []tok
	bounds []int
	low    []uint64
	feats  []uint64
	buf    []byte
	scores []float32
	tags   [2][]uint8
	seen   map[uint64]uint8
	ds     docStats
}

// initFast precomputes what tagging would otherwise look up per token.
func (m *Model) initFast() {}

func (m *Model) stride() int { return m.stages * nTags }

func (m *Model) getState() *state {
	if st, ok := m.states.Get().(*state); ok {
		return st
	}
	return &state{seen: map[uint64]uint8{}}
}

// prepare fills st with the document's tokens and what features need of
// them: shapes, gazetteer matches, clusters, case evidence.
func (m *Model) prepare(st *state, sents [][]string) {
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	st.toks = grow(st.toks, n)
	st.low = grow(st.low, n)
	st.bounds = append(st.bounds[:0], 0)
	k := 0
	for _, s := range sents {
		lo := k
		for _, w := range s {
			t := &st.toks[k]
			prepareTok(t, w)
			st.low[k] = t.low
			if len(m.words.slots) > 0 {
				if c, ok := m.words.get(mix(t.form, 1)); ok {
					t.cluster = int32(c)
				} else if c, ok := m.words.get(mix(t.low, 2)); ok {
					t.cluster = int32(c)
				}
			}
			k++
		}
		prepareSentence(st.toks[lo:k])
		if m.cfg&cfgGaz != 0 {
			gz := st.low[lo:k]
			var out [64]uint64
			if k-lo <= len(out) {
				m.gaz.match(gz, out[:k-lo])
				for j := lo; j < k; j++ {
					st.toks[j].gaz = out[j-lo]
				}
			} else {
				tmp := make([]uint64, k-lo)
				m.gaz.match(gz, tmp)
				for j := lo; j < k; j++ {
					st.toks[j].gaz = tmp[j-lo]
				}
			}
		}
		st.bounds = append(st.bounds, k)
	}
	if m.cfg&cfgDocCase != 0 {
		docCase(st.toks, st.seen)
	}
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// addRow adds the weights of feature h, for stages from..stages-1, to
// scores.
func (m *Model) addRow(h uint64, scores []float32, from int) {
	r, ok := m.feats.get(h)
	if !ok {
		return
	}
	stride := m.stride()
	row := m.w[int(r)*stride+from*nTags : int(r)*stride+stride]
	sc := scores[from*nTags : stride]
	for j := range row {
		sc[j] += row[j]
	}
}

// tag runs the passes over a prepared document, leaving the last pass's
// labels in st.tags[m.stages-1].
func (m *Model) tag(st *state) {
	n := len(st.toks)
	stride := m.stride()
	st.scores = grow(st.scores, n*stride)
	clear(st.scores)
	for s := 0; s < m.stages; s++ {
		st.tags[s] = grow(st.tags[s], n)
	}
	for b := 0; b+1 < len(st.bounds); b++ {
		lo, hi := st.bounds[b], st.bounds[b+1]
		ts := st.toks[lo:hi]
		for i := range ts {
			st.feats, st.buf = m.x.static(ts, i, st.feats[:0], st.buf)
			sc := st.scores[(lo+i)*stride : (lo+i+1)*stride]
			for _, h := range st.feats {
				m.addRow(h, sc, 0)
			}
		}
	}
	m.decode(st, 0)
	if m.stages < 2 {
		return
	}
	st.ds.build(st.toks, st.bounds, st.tags[0])
	for b := 0; b+1 < len(st.bounds); b++ {
		lo, hi := st.bounds[b], st.bounds[b+1]
		for i := lo; i < hi; i++ {
			st.feats = st.ds.features(st.toks, lo, hi, i, st.tags[0], st.feats[:0])
			sc := st.scores[i*stride : (i+1)*stride]
			for _, h := range st.feats {
				m.addRow(h, sc, 1)
			}
		}
	}
	m.decode(st, 1)
}

// decode labels each sentence greedily left to right for stage s, adding
// the history features to the static scores, within BILOU's transitions.
func (m *Model) decode(st *state, s int) {
	stride := m.stride()
	out := st.tags[s]
	for b := 0; b+1 < len(st.bounds); b++ {
		lo, hi := st.bounds[b], st.bounds[b+1]
		ts := st.toks[lo:hi]
		p1, p2 := uint8(noTag), uint8(noTag)
		for i := range ts {
			var sc [2 * nTags]float32
			copy(sc[:stride], st.scores[(lo+i)*stride:])
			st.feats = history(ts, i, p1, p2, st.feats[:0])
			for _, h := range st.feats {
				m.addRow(h, sc[:stride], s)
			}
			mask := allowed[p1]
			if i == len(ts)-1 {
				mask = allowedLast[p1]
			}
			best := argmax(sc[s*nTags:s*nTags+nTags], mask)
			out[lo+i] = best
			p2, p1 = p1, best
		}
	}
}

// argmax is the best tag among those in mask; ties go to the lower tag.
func argmax(sc []float32, mask uint32) uint8 {
	best := -1
	var bv float32
	for t := 0; t < nTags; t++ {
		if mask&(1<<t) == 0 {
			continue
		}
		if best < 0 || sc[t] > bv {
			best, bv = t, sc[t]
		}
	}
	return uint8(best)
}

// TagDocument tags one document given as sentences of token strings (the
// strings as they appear in the text). It runs both passes, so that a name
// is labelled consistently across the document, and returns the spans of
// each sentence.
func (m *Model) TagDocument(sents [][]string) [][]Span {
	out := make([][]Span, len(sents))
	if len(sents) == 0 {
		return out
	}
	st := m.getState()
	m.prepare(st, sents)
	m.tag(st)
	tags := st.tags[m.stages-1]
	for i := range sents {
		lo, hi := st.bounds[i], st.bounds[i+1]
		out[i] = decodeBILOU(nil, tags[lo:hi])
	}
	m.states.Put(st)
	return out
}
