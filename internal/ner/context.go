package ner

import (
	"cmp"
	"slices"

	"github.com/dateline-news/dateline/internal/fhash"
)

// docContext is non-local context aggregation (Ratinov and Roth 2009):
// a capitalised word that recurs in the document gets, at every
// occurrence, the words around all its occurrences. "Washington" after
// "MaliVai" once makes the bare "Washington" three sentences later a
// person; "Seattle" in "Seattle 5 Texas 3" makes the "Seattle" of the
// report's prose a team. Both passes read these features: they depend on
// the text alone.
type docContext struct {
	idx   smallMap  // word (lower case) → group
	count []int32   // per group: occurrences
	group []int32   // per token: its group, or -1
	pairs []ctxPair // distinct (group, feature) pairs
	// Tagging's scratch (Model.addContext).
	seen smallMap // (group, feature) pairs already found
	rows []ctxRow
	// Training's lists (build).
	feats []uint64 // per group, its features, sorted and without repeats
	start []int32  // per group: start in feats; one extra at the end
}

type ctxPair struct {
	group int32
	h     uint64
}

type ctxRow struct{ group, row int32 }

// ctxOffsets are the positions, relative to an occurrence, of the words
// aggregated, with their templates.
var ctxOffsets = [4]struct {
	d int
	t uint64
}{{-1, tAggP1}, {1, tAggN1}, {-2, tAggP2}, {2, tAggN2}}

// group groups the capitalised tokens of the document ts by word.
func (c *docContext) groupWords(ts []tok) {
	c.idx.reset(len(ts))
	c.count = c.count[:0]
	c.group = grow(c.group, len(ts))
	for i := range ts {
		c.group[i] = -1
		if ts[i].flags&fCap == 0 {
			continue
		}
		n := c.idx.n
		g := c.idx.ref(ts[i].low)
		if c.idx.n > n {
			*g = int32(len(c.count))
			c.count = append(c.count, 0)
		}
		c.group[i] = *g
		c.count[*g]++
	}
}

// each calls fn with every context feature of every occurrence of a
// recurring word (group), repeats included.
func (c *docContext) each(ts []tok, bounds []int, fn func(g int32, h uint64)) {
	for s := 0; s+1 < len(bounds); s++ {
		lo, hi := bounds[s], bounds[s+1]
		for i := lo; i < hi; i++ {
			g := c.group[i]
			if g < 0 || c.count[g] < 2 {
				continue
			}
			for _, o := range ctxOffsets {
				w := hBOS
				switch j := i + o.d; {
				case j >= hi:
					w = hEOS
				case j >= lo:
					w = ts[j].low
				}
				fn(g, fhash.Mix(o.t, w))
			}
		}
	}
}

// build groups the document's words and lists each recurring word's
// features, without repeats, for training (features). Tagging sums the
// same sets without listing them (Model.addContext).
func (c *docContext) build(ts []tok, bounds []int) {
	c.groupWords(ts)
	c.pairs = c.pairs[:0]
	c.each(ts, bounds, func(g int32, h uint64) { c.pairs = append(c.pairs, ctxPair{g, h}) })
	slices.SortFunc(c.pairs, func(a, b ctxPair) int {
		if a.group != b.group {
			return int(a.group - b.group)
		}
		return cmp.Compare(a.h, b.h)
	})
	c.pairs = slices.Compact(c.pairs)
	c.feats = c.feats[:0]
	c.start = grow(c.start, len(c.count)+1)
	k := 0
	for g := range c.count {
		c.start[g] = int32(len(c.feats))
		for ; k < len(c.pairs) && int(c.pairs[k].group) == g; k++ {
			c.feats = append(c.feats, c.pairs[k].h)
		}
	}
	c.start[len(c.count)] = int32(len(c.feats))
}

// features are token i's aggregated context features (none for a word
// that does not recur).
func (c *docContext) features(i int) []uint64 {
	g := c.group[i]
	if g < 0 {
		return nil
	}
	return c.feats[c.start[g]:c.start[g+1]]
}
