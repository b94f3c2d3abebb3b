package ner

import (
	"sync"
	"sync/atomic"

	"github.com/dateline-news/dateline/internal/fhash"
)

// Model is a trained recognizer: the weights of the tagger and of its
// second pass, the packed gazetteers and the word clusters. It is safe
// for concurrent use.
//
// Each feature has one row of weights: the first pass's for each tag,
// then the second pass's, so that one lookup serves both passes. The
// second pass has its own weights for every feature, not just for the
// document-level ones: trained on top of the first pass's weights
// instead, it scored 1.7 points lower on eng.testa (MEASUREMENTS.md).
type Model struct {
	cfg    uint32
	stages int         // 1, or 2 with the document-level second pass
	feats  fhash.Table // feature hash → row
	w      []int16     // row × width, in units of parts.unit
	gaz    gazTable
	words  fhash.Table    // word hash (as written, then lower case) → cluster
	x      extractor      // carries the clusters' path prefixes
	states sync.Pool      // *state
	p      *parts         // what Save writes
	hist   [][width]int32 // [p2×nHist+p1]: weights of historyTags
	bounds [4][width]int32
	// The model's own word cache (vocabEntry).
	vocab    fhash.Table
	ventries []atomic.Pointer[vocabEntry]
}

// state is the scratch space of one TagDocument call, reused through a
// pool so that tagging allocates little beyond its result.
type state struct {
	toks   []tok
	bounds []int
	feats  []uint64
	buf    []byte
	scores [][width]int32 // static scores, per token
	tags   [2][]uint8
	conf   []uint8 // the first pass's confidence per token (Model.confidence)
	seen   smallMap
	ds     docStats
	dc     docContext
	dcSum  [][width]int32 // per docContext group: its features' summed weights
	rows   []uint32
	vsc    [][nTags]int32 // Viterbi: one pass's scores of a sentence
	vback  [][nTags]int32 // Viterbi: the scores of each token's labels
	// The word cache, direct-mapped by the word's hash: what prepareWord
	// and the cluster and gazetteer lookups found, and the summed weights
	// of the word's own features (row 0) and of what it gives each
	// neighbour (rows 1-4, as neighbourOffsets). News repeats its words,
	// so most tokens cost a handful of lookups instead of dozens: on
	// eng.testb, about two tokens in three find their word here.
	cache     []tok
	cacheRows [][5][width]int16
}

const wordCache = 2048 // entries; a power of two

// width is a row's length: both passes' weights for every tag. A model
// without the second pass has zeros in its half.
const width = 2 * nTags

// initFast precomputes what tagging would otherwise look up per token:
// the weights of the label-history features per pair of previous labels,
// and what a sentence boundary contributes as a neighbour.
func (m *Model) initFast() {
	m.hist = make([][width]int32, nHist*nHist)
	var hs []uint64
	for p2 := 0; p2 < nHist; p2++ {
		for p1 := 0; p1 < nHist; p1++ {
			hs = historyTags(uint8(p1), uint8(p2), hs[:0])
			m.addRows(&state{}, hs, &m.hist[p2*nHist+p1])
		}
	}
	for k, d := range neighbourOffsets {
		b := &bosTok
		if d > 0 {
			b = &eosTok
		}
		hs = m.x.neighbour(b, k, hs[:0])
		m.addRows(&state{}, hs, &m.bounds[k])
	}
}

func (m *Model) getState() *state {
	if st, ok := m.states.Get().(*state); ok {
		return st
	}
	return &state{}
}

// prepare fills st with the document's tokens and what features need of
// them: shapes, gazetteer matches, clusters, case evidence.
func (m *Model) prepare(st *state, sents [][]string) {
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	st.toks = grow(st.toks, n)
	st.bounds = append(st.bounds[:0], 0)
	k := 0
	for _, s := range sents {
		lo := k
		for _, w := range s {
			form := fhash.String(w)
			if v, ok := m.vocab.Get(form); ok {
				st.toks[k] = m.vocabEntry(st, v, w).tok
			} else {
				st.toks[k] = st.cache[m.entry(st, form, w)]
			}
			st.toks[k].text = w
			k++
		}
		prepareSentence(st.toks[lo:k])
		if m.cfg&cfgGaz != 0 {
			m.gaz.match(st.toks[lo:k])
		}
		st.bounds = append(st.bounds, k)
	}
	if m.cfg&cfgDocCase != 0 {
		docCase(st.toks, &st.seen)
	}
}

// cachedText marks a filled cache slot. The slot does not keep the
// caller's string: tokens are often slices of a whole paragraph, which a
// pooled cache would keep alive.
const cachedText = "\x00"

// entry finds word w (whose hashString is form) in the state's word
// cache, filling its slot if another word had it, and returns the slot.
func (m *Model) entry(st *state, form uint64, w string) int {
	if st.cache == nil {
		st.cache = make([]tok, wordCache)
		st.cacheRows = make([][5][width]int16, wordCache)
	}
	slot := int(form & (wordCache - 1))
	e := &st.cache[slot]
	if e.key == form && e.text == cachedText {
		return slot
	}
	m.fillEntry(st, e, &st.cacheRows[slot], w)
	e.text = cachedText
	return slot
}

// fillEntry computes a word's cache entry: what prepareWord and the
// cluster and gazetteer lookups give, and its rows.
func (m *Model) fillEntry(st *state, e *tok, rows *[5][width]int16, w string) {
	prepareWord(e, w)
	if m.words.Slots() > 0 {
		lv, lok := m.words.Get(fhash.Mix(e.low, 2))
		if c, ok := m.words.Get(fhash.Mix(e.key, 1)); ok {
			e.cluster = int32(c & clusterMask)
		} else if c, ok := m.words.Get(fhash.Mix(e.form, 1)); ok {
			e.cluster = int32(c & clusterMask)
		} else if lok {
			e.cluster = int32(lv & clusterMask)
		}
		if lok {
			e.capBin = uint8(lv >> 24)
		}
	}
	if m.cfg&cfgGaz != 0 {
		e.gaz1 = m.gaz.lookup1(e.low)
	}
	var sum [width]int32
	st.feats, st.buf = m.x.word(e, st.feats[:0], st.buf)
	m.addRows(st, st.feats, &sum)
	saturate(&rows[0], &sum)
	for k := range neighbourOffsets {
		sum = [width]int32{}
		st.feats = m.x.neighbour(e, k, st.feats[:0])
		m.addRows(st, st.feats, &sum)
		saturate(&rows[k+1], &sum)
	}
}

// vocabEntry is an entry of the model's own word cache.
type vocabEntry struct {
	tok  tok
	rows [5][width]int16
}

// initVocab sets up the model's own word cache: room for the words that
// Train found most frequent, shared by all callers. Most tokens of news
// text find their word there.
func (m *Model) initVocab() {
	m.vocab = fhash.NewTable(len(m.p.vocab))
	m.ventries = make([]atomic.Pointer[vocabEntry], len(m.p.vocab))
	for i, w := range m.p.vocab {
		m.vocab.Put(fhash.String(w), uint32(i))
	}
}

// vocabEntry gives vocabulary word i (w), computing its entry on first
// use: loading the model stays fast, and the entries are the same
// whichever caller computes them first.
func (m *Model) vocabEntry(st *state, i uint32, w string) *vocabEntry {
	if e := m.ventries[i].Load(); e != nil {
		return e
	}
	e := &vocabEntry{}
	m.fillEntry(st, &e.tok, &e.rows, w)
	e.tok.text = ""
	e.tok.rows = &e.rows
	if !m.ventries[i].CompareAndSwap(nil, e) {
		e = m.ventries[i].Load()
	}
	return e
}

// saturate stores sums as int16. Train chooses the weights' unit so that
// a token's whole score fits comfortably (the largest on CoNLL is about a
// third of the range); clamping only guards against inputs unlike any
// seen.
func saturate(dst *[width]int16, sum *[width]int32) {
	for j, v := range sum {
		dst[j] = int16(max(-32768, min(32767, v)))
	}
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// addRows adds the weights of the features hs to sc. It finds all their
// rows first and then adds them, so that the memory loads of different
// features overlap instead of waiting on each other: the tables are
// larger than the caches, and these loads are most of tagging's time.
func (m *Model) addRows(st *state, hs []uint64, sc *[width]int32) {
	rows := st.rows[:0]
	for _, h := range hs {
		if r, ok := m.feats.Get(h); ok {
			rows = append(rows, r)
		}
	}
	for _, r := range rows {
		o := int(r) * width
		w := (*[width]int16)(m.w[o : o+width])
		for j := range sc {
			sc[j] += int32(w[j])
		}
	}
	st.rows = rows
}

func add16(sc *[width]int32, row *[width]int16) {
	for j := range sc {
		sc[j] += int32(row[j])
	}
}

// addStatic adds to sc the weights of the static features of ts[i]:
// the cached rows of it and its neighbours, then the rest.
func (m *Model) addStatic(st *state, ts []tok, i int, sc *[width]int32) {
	rows := func(t *tok) *[5][width]int16 {
		if t.rows != nil {
			return t.rows
		}
		return &st.cacheRows[m.entry(st, t.key, t.text)]
	}
	add16(sc, &rows(&ts[i])[0])
	for k, d := range neighbourOffsets {
		j := i + d
		if j < 0 || j >= len(ts) {
			for c, v := range m.bounds[k] {
				sc[c] += v
			}
			continue
		}
		add16(sc, &rows(&ts[j])[k+1])
	}
	st.feats = m.x.local(ts, i, st.feats[:0])
	m.addRows(st, st.feats, sc)
}

// addContext adds the aggregated context features (docContext): each
// recurring word's set of features is summed once, in a table per word,
// and added to each of its occurrences.
func (m *Model) addContext(st *state) {
	dc := &st.dc
	dc.groupWords(st.toks)
	st.dcSum = grow(st.dcSum, len(dc.count))
	clear(st.dcSum)
	// Room for every pair, repeats included, and no more: a small table
	// stays in cache.
	n := 0
	for _, g := range dc.group {
		if g >= 0 && dc.count[g] > 1 {
			n += len(ctxOffsets)
		}
	}
	if n == 0 {
		return
	}
	dc.seen.reset(n)
	// The distinct (word, feature) pairs first, then their rows, then the
	// sums: as in addRows, the table loads then overlap.
	dc.pairs = dc.pairs[:0]
	dc.each(st.toks, st.bounds, func(g int32, h uint64) {
		n := dc.seen.n
		dc.seen.ref(fhash.Mix(h, uint64(g)))
		if dc.seen.n > n {
			dc.pairs = append(dc.pairs, ctxPair{g, h})
		}
	})
	dc.rows = dc.rows[:0]
	for _, p := range dc.pairs {
		if r, ok := m.feats.Get(p.h); ok {
			dc.rows = append(dc.rows, ctxRow{p.group, int32(r)})
		}
	}
	for _, r := range dc.rows {
		o := int(r.row) * width
		add16(&st.dcSum[r.group], (*[width]int16)(m.w[o:o+width]))
	}
	for i, g := range dc.group {
		if g >= 0 && dc.count[g] > 1 {
			sc := &st.scores[i]
			for j, v := range &st.dcSum[g] {
				sc[j] += v
			}
		}
	}
}

// tag runs the passes over a prepared document, leaving the last pass's
// labels in st.tags[m.stages-1].
func (m *Model) tag(st *state) {
	n := len(st.toks)
	st.scores = grow(st.scores, n)
	clear(st.scores)
	for s := 0; s < m.stages; s++ {
		st.tags[s] = grow(st.tags[s], n)
	}
	st.conf = grow(st.conf, n)
	for b := 0; b+1 < len(st.bounds); b++ {
		lo, hi := st.bounds[b], st.bounds[b+1]
		ts := st.toks[lo:hi]
		for i := range ts {
			m.addStatic(st, ts, i, &st.scores[lo+i])
		}
	}
	if m.cfg&cfgCtxAgg != 0 {
		m.addContext(st)
	}
	m.decode(st, 0)
	if m.stages < 2 {
		return
	}
	st.ds.build(st.toks, st.bounds, st.tags[0], st.conf)
	for b := 0; b+1 < len(st.bounds); b++ {
		lo, hi := st.bounds[b], st.bounds[b+1]
		for i := lo; i < hi; i++ {
			st.feats = st.ds.features(m.cfg, st.toks, lo, hi, i, st.tags[0], st.feats[:0])
			m.addRows(st, st.feats, &st.scores[i])
		}
	}
	m.decode(st, 1)
}

// decode labels each sentence for pass s: by Viterbi over the static
// scores and the label-pair weights, or, for models trained that way,
// greedily left to right with the richer history features. Either keeps
// within BILOU's transitions.
func (m *Model) decode(st *state, s int) {
	out := st.tags[s]
	if m.cfg&cfgViterbi != 0 {
		var trans [nHist][nTags]int32
		for q := range trans {
			trans[q] = *(*[nTags]int32)(m.hist[noTag*nHist+q][s*nTags : s*nTags+nTags])
		}
		for b := 0; b+1 < len(st.bounds); b++ {
			lo, hi := st.bounds[b], st.bounds[b+1]
			st.vsc = grow(st.vsc, hi-lo)
			st.vback = grow(st.vback, hi-lo)
			for i := lo; i < hi; i++ {
				st.vsc[i-lo] = *(*[nTags]int32)(st.scores[i][s*nTags : s*nTags+nTags])
			}
			viterbi(st.vsc, &trans, out[lo:hi], st.vback)
		}
		return
	}
	for b := 0; b+1 < len(st.bounds); b++ {
		lo, hi := st.bounds[b], st.bounds[b+1]
		ts := st.toks[lo:hi]
		p1, p2 := uint8(noTag), uint8(noTag)
		for i := range ts {
			sc := st.scores[lo+i]
			for j, v := range &m.hist[int(p2)*nHist+int(p1)] {
				sc[j] += v
			}
			st.feats = m.x.historyWord(ts, i, p1, st.feats[:0])
			m.addRows(st, st.feats, &sc)
			mask := allowed[p1]
			if i == len(ts)-1 {
				mask = allowedLast[p1]
			}
			best := argmax((*[nTags]int32)(sc[s*nTags:s*nTags+nTags]), mask)
			if s == 0 {
				st.conf[lo+i] = m.confidence((*[nTags]int32)(sc[:nTags]), mask, best)
			}
			out[lo+i] = best
			p2, p1 = p1, best
		}
	}
}

// confidence bins how far the first pass's choice beat the runner-up,
// in weight units, for the second pass to read.
func (m *Model) confidence(sc *[nTags]int32, mask uint32, best uint8) uint8 {
	second := argmax(sc, mask&^(1<<best))
	if second >= nTags {
		return 4
	}
	d := float32(sc[best]-sc[second]) * m.p.unit
	switch {
	case d < 2:
		return 0
	case d < 8:
		return 1
	case d < 25:
		return 2
	case d < 80:
		return 3
	}
	return 4
}

// argmax is the best tag among those in mask; ties go to the lower tag.
func argmax(sc *[nTags]int32, mask uint32) uint8 {
	best := -1
	var bv int32
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
