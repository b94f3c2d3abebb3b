package quote

import (
	"github.com/dateline-news/dateline/internal/article"
)

// Model is a trained attribution tagger: two stacked passes of weights
// per feature and label with label transitions, and the cue lexicon. It
// is safe for concurrent use.
type Model struct {
	cues  map[uint64]uint8 // lower-case word hash → cue-rate bucket
	index map[uint64]int32 // feature hash → row
	// stages are the passes: the first reads the text, each later one
	// the text and the labels of the one before.
	stages []*weights
}

// emissions sums the weights of each token's features (hashes), adding
// to em when add is set.
func (ws *weights) emissions(index map[uint64]int32, feats []uint64, offs []int32, em []float32, add bool) []float32 {
	n := len(offs) - 1
	em = growF(em, n*nLabels)
	nr := int32(len(ws.w) / nLabels)
	for i := 0; i < n; i++ {
		row := em[i*nLabels : i*nLabels+nLabels]
		if !add {
			for k := range row {
				row[k] = 0
			}
		}
		for _, f := range feats[offs[i]:offs[i+1]] {
			r, ok := index[f]
			if !ok || r >= nr {
				continue
			}
			w := ws.w[int(r)*nLabels : int(r)*nLabels+nLabels]
			for k := range row {
				row[k] += w[k]
			}
		}
	}
	return em
}

func growF(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

func growU8(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}

// tag labels every token of every paragraph.
func (m *Model) tag(paras []Paragraph, entities []article.Entity) ([]paraState, [][]uint8) {
	ps := m.prepare(paras, entities, nil)
	labels := make([][]uint8, len(ps))
	var feats, f2 []uint64
	var offs, o2 []int32
	var em []float32
	var back []uint8
	for p := range ps {
		feats, offs = paraFeatures(&ps[p], feats[:0], offs[:0])
		n := len(ps[p].ts)
		back = growU8(back, n*nLabels)
		labels[p] = make([]uint8, n)
		for st, ws := range m.stages {
			em = ws.emissions(m.index, feats, offs, em, false)
			if st > 0 {
				f2, o2 = stage2Features(&ps[p], labels[p], f2[:0], o2[:0])
				em = ws.emissions(m.index, f2, o2, em, true)
			}
			viterbi(em, &ws.trans, n, back, labels[p])
		}
	}
	return ps, labels
}

