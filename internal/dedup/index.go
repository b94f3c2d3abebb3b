package dedup

import (
	"fmt"
	"sync"
)

// Options are an Index's parameters; a zero field takes the default that
// doc.go explains.
type Options struct {
	// Bands and Rows split a signature into Bands bands of Rows values
	// each for LSH; two articles become candidates when they agree on
	// every value of some band. Bands*Rows must not exceed SignatureSize.
	Bands, Rows int
	// Jaccard and Containment are the estimated similarities at which a
	// candidate is a duplicate: either suffices.
	Jaccard, Containment float64
	// MinContained is the fewest shingles the smaller of two articles
	// needs for containment alone to make them duplicates, so that a
	// short text (a caption, a promo) is not a copy of every article
	// that quotes it.
	MinContained int
	// MaxChain bounds the articles read per band and query, newest
	// first, so that a story copied ten thousand times costs no more to
	// match than one copied MaxChain times.
	MaxChain int
}

// Defaults, chosen on the perturbation set (MEASUREMENTS.md).
const (
	DefaultBands        = 42
	DefaultRows         = 3
	DefaultJaccard      = 0.45
	DefaultContainment  = 0.6
	DefaultMinContained = 20
	DefaultMaxChain     = 32
)

func (o Options) withDefaults() (Options, error) {
	if o.Bands == 0 {
		o.Bands = DefaultBands
	}
	if o.Rows == 0 {
		o.Rows = DefaultRows
	}
	if o.Jaccard == 0 {
		o.Jaccard = DefaultJaccard
	}
	if o.Containment == 0 {
		o.Containment = DefaultContainment
	}
	if o.MinContained == 0 {
		o.MinContained = DefaultMinContained
	}
	if o.MaxChain == 0 {
		o.MaxChain = DefaultMaxChain
	}
	if o.Bands < 0 || o.Rows < 0 || o.Bands*o.Rows > SignatureSize {
		return o, fmt.Errorf("dedup: %d bands of %d rows: need at most %d values", o.Bands, o.Rows, SignatureSize)
	}
	return o, nil
}

// A Doc is an article as the index sees it.
type Doc struct {
	ID string
	// Published is the publication date or time in ISO 8601, as in the
	// article JSON, compared as text; "" means unknown and sorts last.
	Published string
	Sig       Signature
}

// A Match is where an added article landed.
type Match struct {
	// Group names the article's duplicate group: the ID of its first
	// article added. When an article joins two groups, they merge under
	// the older name.
	Group string
	// Earliest is the group's earliest copy: the earliest published,
	// then the least ID.
	Earliest string
	// Size is the number of articles in the group.
	Size int
	// Best is the prior article most similar to this one among those
	// that made it a duplicate, with the estimated similarities; "" for
	// an article that starts a group. An ID added before is its own
	// Best, with similarities 1.
	Best                 string
	Jaccard, Containment float64
	// Merged names the groups (each by its first article; a lone
	// article is a group of one) that this article tied to another, so
	// that their articles are now in Group: a caller that lists groups
	// moves theirs without asking the index about every article.
	Merged []string
}

// An Index groups near-duplicate articles online: each added article
// joins the groups of the prior articles it duplicates (merging them) or
// starts its own. It keeps per article its ID, date, signature and
// Bands postings, and is safe for concurrent use; Add holds a lock while
// it runs, so callers sign articles (the costly part) in parallel and
// add them one at a time.
type Index struct {
	opts Options

	mu    sync.Mutex
	ids   map[string]int32
	docs  []entry
	heads bandTable
	next  []int32  // posting → the next older one with its key, or -1
	mark  []uint32 // doc → the last query that read it
	epoch uint32
}

// Posting p is band p%Bands of doc p/Bands.
type entry struct {
	id, published string
	sig           Signature
	parent        int32 // union-find; a root is its own parent
	earliest      int32 // at a root: the group's earliest copy
	size          int32 // at a root: the group's size
}

// NewIndex returns an empty index. It fails only for bands and rows that
// do not fit a signature.
func NewIndex(opts Options) (*Index, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Index{
		opts: o,
		ids:  make(map[string]int32),
	}, nil
}

// Len returns the number of articles added.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.docs)
}

// Group returns the group of an added article and its earliest copy.
func (ix *Index) Group(id string) (group, earliest string, ok bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	i, ok := ix.ids[id]
	if !ok {
		return "", "", false
	}
	r := ix.find(i)
	return ix.docs[r].id, ix.docs[ix.docs[r].earliest].id, true
}

// Add adds an article and returns the group it joined.
func (ix *Index) Add(d Doc) Match {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if i, ok := ix.ids[d.ID]; ok {
		m := ix.match(i)
		m.Best, m.Jaccard, m.Containment = d.ID, 1, 1
		return m
	}
	n := int32(len(ix.docs))
	ix.ids[d.ID] = n
	ix.docs = append(ix.docs, entry{id: d.ID, published: d.Published, sig: d.Sig, parent: n, earliest: n, size: 1})
	for range ix.opts.Bands {
		ix.next = append(ix.next, -1)
	}
	ix.mark = append(ix.mark, 0)
	if d.Sig.Size == 0 {
		return ix.match(n)
	}

	best, bestJ, bestC := int32(-1), 0.0, 0.0
	var merged []int32 // roots that became children
	ix.epoch++
	ix.mark[n] = ix.epoch
	sig := &ix.docs[n].sig
	for b := range ix.opts.Bands {
		key := ix.bandKey(sig, b)
		post := n*int32(ix.opts.Bands) + int32(b)
		p, ok := ix.heads.swap(key, post)
		if !ok {
			ix.heads.grow(ix.postingKey)
			p, _ = ix.heads.swap(key, post)
		}
		ix.next[post] = p
		for walked := 0; p >= 0 && walked < ix.opts.MaxChain; walked++ {
			c := p / int32(ix.opts.Bands)
			p = ix.next[p]
			if ix.mark[c] == ix.epoch {
				continue
			}
			ix.mark[c] = ix.epoch
			other := &ix.docs[c].sig
			j := sig.Jaccard(other)
			cont := sig.Containment(other, j)
			if !ix.duplicate(sig, other, j, cont) {
				continue
			}
			if best < 0 || j+cont > bestJ+bestC {
				best, bestJ, bestC = c, j, cont
			}
			if child := ix.union(n, c); child >= 0 && child != n {
				merged = append(merged, child)
			}
		}
	}
	m := ix.match(n)
	if best >= 0 {
		m.Best, m.Jaccard, m.Containment = ix.docs[best].id, bestJ, bestC
	}
	for _, c := range merged {
		m.Merged = append(m.Merged, ix.docs[c].id)
	}
	return m
}

func (ix *Index) duplicate(a, b *Signature, j, cont float64) bool {
	if j >= ix.opts.Jaccard {
		return true
	}
	return cont >= ix.opts.Containment && int(min(a.Size, b.Size)) >= ix.opts.MinContained
}

// bandKey hashes band b of sig with b itself, so that one map serves
// every band.
func (ix *Index) bandKey(sig *Signature, b int) uint64 {
	r := ix.opts.Rows
	h := uint64(b) + 1
	for _, v := range sig.Mins[b*r : (b+1)*r] {
		h = h*0x9e3779b97f4a7c15 + uint64(v)
	}
	return mix(h)
}

// postingKey is the band key of posting p.
func (ix *Index) postingKey(p int32) uint64 {
	b := int(p) % ix.opts.Bands
	return ix.bandKey(&ix.docs[int(p)/ix.opts.Bands].sig, b)
}

func (ix *Index) match(i int32) Match {
	r := ix.find(i)
	return Match{
		Group:    ix.docs[r].id,
		Earliest: ix.docs[ix.docs[r].earliest].id,
		Size:     int(ix.docs[r].size),
	}
}

func (ix *Index) find(i int32) int32 {
	for ix.docs[i].parent != i {
		p := ix.docs[i].parent
		ix.docs[i].parent = ix.docs[p].parent // path halving
		i = p
	}
	return i
}

// union merges the groups of a and b under the older root, so that a
// group keeps its name while it grows, and returns the root that became
// a child, or -1 when a and b were in one group already.
func (ix *Index) union(a, b int32) int32 {
	ra, rb := ix.find(a), ix.find(b)
	if ra == rb {
		return -1
	}
	if rb > ra {
		ra, rb = rb, ra
	}
	root, child := &ix.docs[rb], &ix.docs[ra]
	child.parent = rb
	root.size += child.size
	if ix.earlier(child.earliest, root.earliest) {
		root.earliest = child.earliest
	}
	return ra
}

// earlier orders copies by publication (unknown last), then by ID.
func (ix *Index) earlier(a, b int32) bool {
	pa, pb := ix.docs[a].published, ix.docs[b].published
	if pa != pb {
		switch {
		case pa == "":
			return false
		case pb == "":
			return true
		}
		return pa < pb
	}
	return ix.docs[a].id < ix.docs[b].id
}
