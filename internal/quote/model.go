package quote

import (
	"github.com/dateline-news/dateline/internal/article"
)

// Model is a trained attribution tagger: weights per feature and label,
// label transitions, and the cue lexicon. It is safe for concurrent use.
type Model struct {
	cues  map[uint64]uint8 // lower-case word hash → cue-rate bucket
	index map[uint64]int32 // feature hash → row
	w     []float32        // row × nLabels
	trans [nLabels + 1][nLabels]float32
}

// emissions sums the weights of each token's features.
func (m *Model) emissions(feats []uint64, offs []int32, em []float32) []float32 {
	n := len(offs) - 1
	em = growF(em, n*nLabels)
	for i := 0; i < n; i++ {
		row := em[i*nLabels : i*nLabels+nLabels]
		for k := range row {
			row[k] = 0
		}
		for _, f := range feats[offs[i]:offs[i+1]] {
			r, ok := m.index[f]
			if !ok {
				continue
			}
			w := m.w[int(r)*nLabels : int(r)*nLabels+nLabels]
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

// tagParagraphs labels every token of every paragraph.
func (m *Model) tag(paras []Paragraph, entities []article.Entity) ([]paraState, [][]uint8) {
	ps := m.prepare(paras, entities, nil)
	labels := make([][]uint8, len(ps))
	var feats []uint64
	var offs []int32
	var em []float32
	var back []uint8
	for p := range ps {
		feats, offs = paraFeatures(&ps[p], feats[:0], offs[:0])
		n := len(ps[p].ts)
		em = m.emissions(feats, offs, em)
		back = growU8(back, n*nLabels)
		labels[p] = make([]uint8, n)
		viterbi(em, &m.trans, n, back, labels[p])
	}
	return ps, labels
}
