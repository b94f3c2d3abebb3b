package story

import (
	"cmp"
	"math"
	"slices"

	"github.com/dateline-news/dateline/internal/article"
)

// Splitting. Two events of one kind (two title defences of one boxer,
// two DUI arrests at one club) share most of their words and names, so
// the first report of the second can join the story of the first, and
// the rest follow it. What tells them apart shows only once both have
// several articles: the terms that one group of the story's articles
// share and the other lacks (the opponent, the score, the day). So a
// story keeps its recent articles, and each time it has grown by half
// it bisects them (spectral bisection of their similarity graph, terms
// weighted up where they split the story) and splits when the two parts
// hang together much less than each does inside (the normalised cut of
// plain similarities under Options.SplitCut).

// member is an article of an open story, kept so that the story can be
// split: its id, day, heaviest terms and label material.
type member struct {
	id    string
	day   int32
	v     vector // at most memberTerms terms, sorted by hash
	top   []term
	names []label
	words []label
	years []int16 // named in it (articleYears)
}

type label struct {
	text string
	w    float64
}

// How much of its articles a story keeps: the most recent maxMembers,
// each with its memberTerms heaviest terms.
const (
	maxMembers  = 48
	memberTerms = 64
	// minPart is the smallest part a split may leave.
	minPart = 3
)

// maxApart bounds the stories a story remembers it was split from.
const maxApart = 16

// keptApart reports whether a split set a and b apart: either names the
// other, or a story since merged into it, among its apart.
func (c *Clusterer) keptApart(a, b *open) bool {
	for _, x := range [2][2]*open{{a, b}, {b, a}} {
		for _, id := range x[0].apart {
			if c.Resolve(id) == x[1].ID {
				return true
			}
		}
	}
	return false
}

// KeepApart records that stories a and b must not be merged: a split
// set them apart in an earlier run, as the store remembers it (see
// Restore). Ids are resolved through merges; a story no longer open is
// left alone, as it takes no articles and merges with nothing.
func (c *Clusterer) KeepApart(a, b int) {
	sa, okA := c.live[c.Resolve(a)]
	sb, okB := c.live[c.Resolve(b)]
	if !okA || !okB || sa == sb || c.keptApart(sa, sb) {
		return
	}
	for _, x := range [2][2]*open{{sa, sb}, {sb, sa}} {
		x[0].apart = append(x[0].apart, x[1].ID)
		if len(x[0].apart) > maxApart {
			x[0].apart = slices.Delete(x[0].apart, 0, len(x[0].apart)-maxApart)
		}
	}
}

// Apart reports whether stories a and b, both open, are kept apart.
func (c *Clusterer) Apart(a, b int) bool {
	sa, okA := c.live[c.Resolve(a)]
	sb, okB := c.live[c.Resolve(b)]
	return okA && okB && sa != sb && c.keptApart(sa, sb)
}

// Move is an article that a split moved to another story.
type Move struct {
	Article string // article id
	Story   int    // the new story
	From    int    // the story it left
}

// newMember records a for its story.
func (c *Clusterer) newMember(a *article.Article, v vector, top []term, day int32) member {
	m := member{id: a.ID, day: day, top: slices.Clone(top), years: articleYears(a)}
	if len(v) > memberTerms {
		m.v = keepHeaviest(v, memberTerms)
	} else {
		m.v = slices.Clone(v)
	}
	for _, e := range a.Entities {
		m.names = append(m.names, label{e.Name, float64(len(e.Mentions))})
	}
	for _, t := range top {
		for _, cn := range c.scratch {
			if cn.h == t.h && !cn.entity {
				m.words = append(m.words, label{cn.text, float64(t.w)})
			}
		}
	}
	return m
}

// maybeSplit bisects s when it has grown enough since it last tried, and
// splits it when the parts separate cleanly; it returns the articles
// moved to the new story.
func (c *Clusterer) maybeSplit(s *open) []Move {
	if c.opt.SplitCut < 0 || s.Articles < c.opt.SplitMin || 2*s.Articles < 3*s.tried || len(s.members) < 2*minPart {
		return nil
	}
	s.tried = s.Articles
	inA, cut := bisect(s.members)
	if inA == nil || !c.opt.settle(s.members, inA, cut) {
		return nil
	}
	var keep, move []member
	for i, m := range s.members {
		if inA[i] {
			keep = append(keep, m)
		} else {
			move = append(move, m)
		}
	}
	if len(move) > len(keep) {
		keep, move = move, keep
	}
	c.next++
	t := newOpen(c.next)
	c.live[t.ID] = t
	t.apart = append(slices.Clone(s.apart), s.ID)
	s.apart = append(s.apart, t.ID)
	for _, x := range []*open{s, t} {
		if len(x.apart) > maxApart {
			x.apart = slices.Delete(x.apart, 0, len(x.apart)-maxApart)
		}
	}
	c.rebuild(s, keep, s.Articles-len(move))
	c.rebuild(t, move, len(move))
	t.seq, t.tried = s.seq, len(move)
	out := make([]Move, len(move))
	for i, m := range move {
		out[i] = Move{Article: m.id, Story: t.ID, From: s.ID}
		for _, x := range m.top {
			c.index(x.h, int32(t.ID))
		}
	}
	return out
}

// rebuild makes s the story of members ms, n articles in all (the
// articles beyond those kept stay counted).
func (c *Clusterer) rebuild(s *open, ms []member, n int) {
	s.members = ms
	s.Articles = n
	s.centroid, s.first, s.last = nil, noDay, noDay
	clear(s.names)
	clear(s.words)
	var sum vector
	for _, m := range ms {
		sum = addVectors(sum, m.v)
		if m.day != noDay {
			if s.first == noDay || m.day < s.first {
				s.first = m.day
			}
			if s.last == noDay || m.day > s.last {
				s.last = m.day
			}
		}
		for _, l := range m.names {
			s.names[l.text] += l.w
		}
		for _, l := range m.words {
			s.words[l.text] += l.w
		}
	}
	s.add(sum, c.opt.MaxTerms)
	trim(s.names, labelNames)
	trim(s.words, labelWords)
}

// bisect splits ms in two by the sign sweep of the Fiedler vector of
// their similarity graph, terms weighted by how well they split the
// group (the square root of their idf within it), and returns the parts
// with the normalised cut of plain similarities between them; nil when
// either part would be under minPart articles.
func bisect(ms []member) ([]bool, float64) {
	n := len(ms)
	df := map[uint64]float64{}
	for _, m := range ms {
		for _, t := range m.v {
			df[t.h]++
		}
	}
	local := make([]vector, n)
	for i, m := range ms {
		v := make(vector, 0, len(m.v))
		var norm float64
		for _, t := range m.v {
			w := float64(t.w) * math.Sqrt(math.Max(0, math.Log((1+float64(n))/(1+df[t.h]))))
			if w > 0 {
				v = append(v, term{h: t.h, w: float32(w)})
				norm += w * w
			}
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for k := range v {
				v[k].w *= inv
			}
		}
		local[i] = v
	}
	simL := make([]float64, n*n)
	simG := make([]float64, n*n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			l, g := dot(local[i], local[j]), dot(ms[i].v, ms[j].v)
			simL[i*n+j], simL[j*n+i] = l, l
			simG[i*n+j], simG[j*n+i] = g, g
		}
	}
	inA := fiedlerCut(simL, n)
	if inA == nil {
		return nil, 0
	}
	na := 0
	for _, x := range inA {
		if x {
			na++
		}
	}
	if na < minPart || n-na < minPart {
		return nil, 0
	}
	return inA, ncut(simG, n, inA)
}

// settle reports whether a bisection of ms into inA and the rest, with
// normalised cut cut, splits the story: a clean cut, or a looser one
// between parts that tell of different years. A split on years also
// moves to the part that names the year the articles of the other part
// that name it too: there the year, not the words, sets the parts apart,
// and the words had left a few articles of each event on the wrong side.
func (o Options) settle(ms []member, inA []bool, cut float64) bool {
	if cut < o.SplitCut {
		return true
	}
	if cut >= o.YearCut {
		return false
	}
	year, side, ok := yearsApart(ms, inA)
	if !ok {
		return false
	}
	for i, m := range ms {
		if inA[i] != side && slices.Contains(m.years, year) {
			inA[i] = side
		}
	}
	return true
}

// yearsApart reports whether the parts of a bisection tell of different
// years, and which year and part: one part's articles mostly name a year
// (at least minPart of them, and half of those that name any) that at
// most a quarter of the other part's articles name, where at least
// minPart of them name some year. Two elections, two patches, two
// rulings of one kind years apart share nearly every word and name; the
// year is what tells them apart, and an article that names no year
// tells nothing either way. The other part keeps at least
// three quarters of its articles, so at least minPart, when the year's
// articles move.
func yearsApart(ms []member, inA []bool) (year int16, side, ok bool) {
	for _, part := range []bool{true, false} {
		count := map[int16]int{}
		named := 0
		for i, m := range ms {
			if inA[i] != part {
				continue
			}
			if len(m.years) > 0 {
				named++
			}
			for _, y := range m.years {
				count[y]++
			}
		}
		var top int16
		best := 0
		for y, k := range count {
			if k > best || k == best && y < top {
				top, best = y, k
			}
		}
		if best < minPart || 2*best < named {
			continue
		}
		other, otherNamed, otherSize := 0, 0, 0
		for i, m := range ms {
			if inA[i] == part {
				continue
			}
			otherSize++
			if len(m.years) > 0 {
				otherNamed++
			}
			if slices.Contains(m.years, top) {
				other++
			}
		}
		if otherNamed >= minPart && 4*other <= otherSize {
			return top, part, true
		}
	}
	return 0, false, false
}

// maxYears bounds the years a member keeps.
const maxYears = 8

// articleYears lists the calendar years a names: its publication year
// and those of the dates its text names, in order, at most maxYears.
func articleYears(a *article.Article) []int16 {
	var ys []int16
	add := func(v string) {
		if len(v) < 4 {
			return
		}
		y := 0
		for _, r := range v[:4] {
			if r < '0' || r > '9' {
				return
			}
			y = 10*y + int(r-'0')
		}
		if !slices.Contains(ys, int16(y)) && len(ys) < maxYears {
			ys = append(ys, int16(y))
		}
	}
	if a.Published != nil {
		add(*a.Published)
	}
	for _, d := range a.Dates {
		if d.Type == "DATE" {
			add(d.Value)
		}
	}
	return ys
}

// fiedlerCut returns the side of each node in the sweep cut of least
// normalised cut along the second eigenvector of D^-½ S D^-½ (power
// iteration on it plus the identity, deflated of the first).
func fiedlerCut(sim []float64, n int) []bool {
	d := make([]float64, n)
	var vol float64
	for i := range n {
		for j := range n {
			if sim[i*n+j] > 0 {
				d[i] += sim[i*n+j]
			}
		}
		if d[i] == 0 {
			return nil // an article that shares nothing with the rest
		}
		vol += d[i]
	}
	v1 := make([]float64, n)
	for i := range n {
		v1[i] = math.Sqrt(d[i] / vol)
	}
	// A fixed start, so that the same story splits the same way.
	v := make([]float64, n)
	for i := range v {
		v[i] = float64((i*7919)%101)/101 - 0.5
	}
	w := make([]float64, n)
	for range 100 {
		var p float64
		for i := range n {
			p += v[i] * v1[i]
		}
		for i := range n {
			v[i] -= p * v1[i]
		}
		var norm float64
		for i := range n {
			s := v[i]
			for j := range n {
				if x := sim[i*n+j]; x > 0 {
					s += x / math.Sqrt(d[i]*d[j]) * v[j]
				}
			}
			w[i] = s
			norm += s * s
		}
		if norm == 0 {
			return nil
		}
		norm = math.Sqrt(norm)
		for i := range n {
			v[i] = w[i] / norm
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(v[a]/math.Sqrt(d[a]), v[b]/math.Sqrt(d[b])), cmp.Compare(a, b))
	})
	inA := make([]bool, n)
	best, bestK := math.Inf(1), 0
	var cut, volA float64
	for k, i := range order[:n-1] {
		for j := range n {
			if x := sim[i*n+j]; x > 0 && j != i {
				if inA[j] {
					cut -= x
				} else {
					cut += x
				}
			}
		}
		inA[i] = true
		volA += d[i]
		if nc := cut/volA + cut/(vol-volA); nc < best {
			best, bestK = nc, k+1
		}
	}
	clear(inA)
	for _, i := range order[:bestK] {
		inA[i] = true
	}
	return inA
}

// ncut is the normalised cut of the split inA of the graph sim.
func ncut(sim []float64, n int, inA []bool) float64 {
	var cut, va, vb float64
	for i := range n {
		for j := range n {
			x := sim[i*n+j]
			if i == j || x <= 0 {
				continue
			}
			if inA[i] {
				va += x
				if !inA[j] {
					cut += x
				}
			} else {
				vb += x
			}
		}
	}
	if va == 0 || vb == 0 {
		return math.Inf(1)
	}
	return cut/va + cut/vb
}
