package story

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/article"
)

// Options set the clusterer. The zero value of a field means its default.
type Options struct {
	// Threshold is the cosine similarity to a story's centroid an article
	// needs to join it.
	Threshold float64
	// MergeThreshold is the cosine similarity between two stories'
	// centroids at which an article that could join both merges them.
	MergeThreshold float64
	// EntityBoost multiplies the weight of entity terms over words, and
	// PersonBoost that of people's names over other entities': two events
	// of one kind (two rehab check-ins, two arrests for drink-driving)
	// happen to other people, often in the same place.
	EntityBoost float64
	PersonBoost float64
	// Window is how many days before a story's first article or after
	// its last an article may be dated and still join it.
	Window int
	// MaxTerms bounds a story's centroid.
	MaxTerms int
	// MaxLive bounds the stories kept open for new articles; past it,
	// those updated least recently are closed.
	MaxLive int
	// OnClose, when not nil, is called with the summary of each story as
	// it closes. The clusterer keeps nothing of a closed story but where
	// its id was merged (Resolve), so that its memory stays bounded
	// however many stories it makes (about 0.5 KB a story if it kept
	// them): a caller that lists stories keeps them, as a store does.
	OnClose func(Story)
	// SplitCut is the normalised cut under which a story's articles
	// split into two stories (split.go); negative: never split.
	// SplitMin is the size from which a story tries.
	SplitCut float64
	SplitMin int
	// YearCut is the normalised cut under which a story also splits
	// when its two parts tell of different years (split.go); negative:
	// never on years.
	YearCut float64
}

// Defaults. Threshold, MergeThreshold, the boosts, SplitCut and YearCut were
// chosen on the odd-numbered topics of ECB+; the even-numbered ones are
// reported (internal/story/MEASUREMENTS.md). The join and merge
// thresholds are low because splits (split.go) undo the joins and merges
// of another event of the same kind once both have articles enough to
// tell apart. Window is a month: ECB+ scores best
// with no window at all (its undated pages cannot be told apart by
// date), but a story that runs longer than a month without a new article
// is over for a reader, and the same kind of event a year later is
// another story.
const (
	DefaultThreshold      = 0.15
	DefaultMergeThreshold = 0.20
	DefaultEntityBoost    = 1.0
	DefaultPersonBoost    = 2.0
	DefaultWindow         = 30
	DefaultMaxTerms       = 200
	DefaultMaxLive        = 20000
	DefaultSplitCut       = 0.85
	DefaultSplitMin       = 8
	DefaultYearCut        = 0.95
)

func (o Options) withDefaults() Options {
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	if o.MergeThreshold == 0 {
		o.MergeThreshold = DefaultMergeThreshold
	}
	if o.EntityBoost == 0 {
		o.EntityBoost = DefaultEntityBoost
	}
	if o.PersonBoost == 0 {
		o.PersonBoost = DefaultPersonBoost
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	if o.MaxTerms == 0 {
		o.MaxTerms = DefaultMaxTerms
	}
	if o.MaxLive == 0 {
		o.MaxLive = DefaultMaxLive
	}
	if o.SplitCut == 0 {
		o.SplitCut = DefaultSplitCut
	}
	if o.YearCut == 0 {
		o.YearCut = DefaultYearCut
	}
	if o.SplitMin == 0 {
		o.SplitMin = DefaultSplitMin
	}
	return o
}

// Story sums up one story.
type Story struct {
	ID       int      `json:"id"`
	Articles int      `json:"articles"`
	First    string   `json:"first,omitempty"` // earliest publication day, YYYY-MM-DD
	Last     string   `json:"last,omitempty"`
	Label    string   `json:"label"`
	Entities []string `json:"entities"` // the most prominent canonical names
	Terms    []string `json:"terms"`    // the most prominent words
}

// Assignment is where an article went.
type Assignment struct {
	Story      int     // story id, from 1 in order of creation
	New        bool    // the article started the story
	Similarity float64 // to the story's centroid before the article joined; 0 when New
	// Merged are stories folded into Story as the article joined it:
	// their articles now belong to Story.
	Merged []int
	// Moved are articles, this one perhaps among them, that went to a
	// new story when the story they were in split (split.go).
	Moved []Move
}

// Resolve returns the story a story id now is: itself, or the story it
// was merged into.
func (c *Clusterer) Resolve(id int) int {
	for {
		to, ok := c.alias[id]
		if !ok {
			return id
		}
		id = to
	}
}

// merge folds story from into story into.
func (c *Clusterer) merge(into, from *open) {
	into.Articles += from.Articles
	into.seq = max(into.seq, from.seq)
	if from.first != noDay {
		if into.first == noDay || from.first < into.first {
			into.first = from.first
		}
		if into.last == noDay || from.last > into.last {
			into.last = from.last
		}
	}
	into.add(from.centroid, c.opt.MaxTerms)
	for k, w := range from.names {
		into.names[k] += w
	}
	for k, w := range from.words {
		into.words[k] += w
	}
	trim(into.names, labelNames)
	trim(into.words, labelWords)
	into.apart = append(into.apart, from.apart...)
	if len(into.apart) > maxApart {
		into.apart = slices.Delete(into.apart, 0, len(into.apart)-maxApart)
	}
	into.members = append(into.members, from.members...)
	if len(into.members) > maxMembers {
		into.members = slices.Delete(into.members, 0, len(into.members)-maxMembers)
	}
	delete(c.live, from.ID)
	c.alias[from.ID] = into.ID
}

// Clusterer assigns articles to stories, one at a time. It is not safe
// for concurrent use: assignments depend on the order of arrival, so
// callers serialise them anyway.
type Clusterer struct {
	opt      Options
	df       []uint32 // document frequency by term hash, folded into the table
	docs     int
	live     map[int]*open
	next     int
	seq      int
	postings map[uint64][]int32 // term → live stories whose articles rank it high
	alias    map[int]int        // merged story → the story it went into
	scratch  []counted
}

// open is a story that can still take articles.
type open struct {
	Story
	centroid vector  // the sum of its articles' vectors, at most MaxTerms terms
	norm     float64 // of centroid
	first    int32   // publication days, noDay when unknown
	last     int32
	seq      int // arrival number of the last article that joined
	names    map[string]float64
	words    map[string]float64
	members  []member // its most recent articles, for splits
	tried    int      // its size when it last tried to split
	// apart are the stories a split set apart from this one's articles
	// (see split.go): never merged back, or a split and the next
	// article's merge would undo each other article after article.
	apart []int
}

// noDay marks an unknown day.
const noDay = math.MinInt32

// dfBits sizes the document-frequency table: 4 MB, whatever the corpus;
// collisions only blur the weights of rare words a little.
const dfBits = 20

// indexTerms is how many of an article's heaviest terms index its story
// and look up candidates.
const indexTerms = 12

// maxPostings bounds a posting list: the stories most recently joined
// under a term.
const maxPostings = 64

// New returns a clusterer with no stories.
func New(opt Options) *Clusterer {
	return &Clusterer{
		opt:      opt.withDefaults(),
		df:       make([]uint32, 1<<dfBits),
		live:     map[int]*open{},
		postings: map[uint64][]int32{},
		alias:    map[int]int{},
	}
}

// idf is the smoothed inverse document frequency over the articles seen.
func (c *Clusterer) idf(h uint64) float64 {
	df := float64(c.df[h&(1<<dfBits-1)])
	return math.Log((1+float64(c.docs))/(1+df)) + 1
}

// Add assigns a to a story: the most similar open story it may join, or
// a new one.
func (c *Clusterer) Add(a *article.Article) Assignment {
	c.scratch = termsOf(a, c.scratch[:0])
	c.docs++
	for _, t := range c.scratch {
		c.df[t.h&(1<<dfBits-1)]++
	}
	v := weigh(c.scratch, c.idf, c.opt.EntityBoost, c.opt.PersonBoost)
	day := publicationDay(a)
	top := heaviest(v, indexTerms)

	var best *open
	bestSim := 0.0
	seen := map[int]bool{}
	var near []*open // every story the article could join
	for _, t := range top {
		for _, id := range c.postings[t.h] {
			sid := c.Resolve(int(id))
			if seen[sid] {
				continue
			}
			seen[sid] = true
			s, ok := c.live[sid]
			if !ok || !s.admits(day, c.opt.Window) {
				continue
			}
			sim := s.similarity(v)
			if sim >= c.opt.Threshold {
				near = append(near, s)
			}
			if sim > bestSim {
				best, bestSim = s, sim
			}
		}
	}
	c.seq++
	as := Assignment{Story: 0, Similarity: bestSim}
	if best == nil || bestSim < c.opt.Threshold {
		c.next++
		best = newOpen(c.next)
		c.live[best.ID] = best
		as = Assignment{New: true}
	}
	as.Story = best.ID
	c.join(best, a, v, top, day)
	for _, t := range top {
		c.index(t.h, int32(best.ID))
	}
	// An article that fits two stories may show them to be one, split
	// only because their first articles came apart: fold the others into
	// the story it joined when their centroids agree.
	for _, s := range near {
		if s != best && !c.keptApart(best, s) && dot(best.centroid, s.centroid)/(best.norm*s.norm) >= c.opt.MergeThreshold {
			c.merge(best, s)
			as.Merged = append(as.Merged, s.ID)
		}
	}
	as.Moved = c.maybeSplit(best)
	for _, m := range as.Moved {
		if m.Article == a.ID {
			as.Story = m.Story
		}
	}
	if len(c.live) > c.opt.MaxLive {
		c.closeOldest()
	}
	return as
}

// add adds v to the story's centroid, keeping its heaviest maxTerms
// terms.
func (s *open) add(v vector, maxTerms int) {
	s.centroid = addVectors(s.centroid, v)
	if len(s.centroid) > maxTerms {
		s.centroid = keepHeaviest(s.centroid, maxTerms)
	}
	s.norm = 0
	for _, t := range s.centroid {
		s.norm += float64(t.w) * float64(t.w)
	}
	s.norm = math.Sqrt(s.norm)
}

// similarity is an article's similarity to a story.
func (s *open) similarity(v vector) float64 {
	return dot(v, s.centroid) / s.norm
}

// Restore puts a, already assigned to story id (in an earlier run, say),
// back into that story without deciding anything: a store replays its
// recent articles through Restore to carry stories on across runs. New
// stories then get ids above every id restored.
func (c *Clusterer) Restore(a *article.Article, id int) {
	id = c.Resolve(id)
	c.scratch = termsOf(a, c.scratch[:0])
	c.docs++
	for _, t := range c.scratch {
		c.df[t.h&(1<<dfBits-1)]++
	}
	v := weigh(c.scratch, c.idf, c.opt.EntityBoost, c.opt.PersonBoost)
	s, ok := c.live[id]
	if !ok {
		s = newOpen(id)
		c.live[id] = s
	}
	c.next = max(c.next, id)
	c.seq++
	top := heaviest(v, indexTerms)
	c.join(s, a, v, top, publicationDay(a))
	for _, t := range top {
		c.index(t.h, int32(id))
	}
	if len(c.live) > c.opt.MaxLive {
		c.closeOldest()
	}
}

func newOpen(id int) *open {
	return &open{
		Story: Story{ID: id},
		first: noDay, last: noDay,
		names: map[string]float64{},
		words: map[string]float64{},
	}
}

// admits reports whether an article of day d may join s: when both are
// dated, d lies within window days of the story's span.
func (s *open) admits(d int32, window int) bool {
	if d == noDay || s.first == noDay {
		return true
	}
	return d >= s.first-int32(window) && d <= s.last+int32(window)
}

func (c *Clusterer) join(s *open, a *article.Article, v vector, top []term, day int32) {
	s.Articles++
	s.seq = c.seq
	if day != noDay {
		if s.first == noDay || day < s.first {
			s.first = day
		}
		if s.last == noDay || day > s.last {
			s.last = day
		}
	}
	s.add(v, c.opt.MaxTerms)
	s.members = append(s.members, c.newMember(a, v, top, day))
	if len(s.members) > maxMembers {
		s.members = slices.Delete(s.members, 0, 1)
	}

	// Label material: the article's entities by mentions, its heaviest
	// words by weight. The maps are cut back to their heaviest entries
	// only when they have doubled, so that a join does not sort them.
	for _, e := range a.Entities {
		s.names[e.Name] += float64(len(e.Mentions))
	}
	for _, t := range top {
		for _, c := range c.scratch {
			if c.h == t.h && !c.entity {
				s.words[c.text] += float64(t.w)
			}
		}
	}
	if len(s.names) > 2*labelNames {
		trim(s.names, labelNames)
	}
	if len(s.words) > 2*labelWords {
		trim(s.words, labelWords)
	}
}

// How many names and words a story keeps for its label.
const (
	labelNames = 20
	labelWords = 40
)

// index files story id under term h, most recent last.
func (c *Clusterer) index(h uint64, id int32) {
	p := c.postings[h]
	if n := len(p); n > 0 && p[n-1] == id {
		return
	}
	if i := slices.Index(p, id); i >= 0 {
		p = slices.Delete(p, i, i+1)
	}
	p = append(p, id)
	if len(p) > maxPostings {
		p = p[len(p)-maxPostings:]
	}
	c.postings[h] = p
}

// closeOldest closes the tenth of open stories updated least recently.
func (c *Clusterer) closeOldest() {
	all := make([]*open, 0, len(c.live))
	for _, s := range c.live {
		all = append(all, s)
	}
	slices.SortFunc(all, func(a, b *open) int { return cmp.Compare(a.seq, b.seq) })
	for _, s := range all[:len(all)/10+1] {
		if c.opt.OnClose != nil {
			c.opt.OnClose(s.summary())
		}
		delete(c.live, s.ID)
	}
	for h, p := range c.postings {
		p = slices.DeleteFunc(p, func(id int32) bool { _, ok := c.live[int(id)]; return !ok })
		if len(p) == 0 {
			delete(c.postings, h)
		} else {
			c.postings[h] = p
		}
	}
}

// Open returns the number of stories open for new articles.
func (c *Clusterer) Open() int { return len(c.live) }

// Made returns the highest story id given so far.
func (c *Clusterer) Made() int { return c.next }

// Reserve makes new stories take ids above n: a store that holds stories
// too old to restore keeps its ids unique.
func (c *Clusterer) Reserve(n int) { c.next = max(c.next, n) }

// Summary returns the story id now is (see Resolve), if it is open.
func (c *Clusterer) Summary(id int) (Story, bool) {
	if s, ok := c.live[c.Resolve(id)]; ok {
		return s.summary(), true
	}
	return Story{}, false
}

// Stories returns the open stories, by id.
func (c *Clusterer) Stories() []Story {
	out := make([]Story, 0, len(c.live))
	for _, s := range c.live {
		out = append(out, s.summary())
	}
	slices.SortFunc(out, func(a, b Story) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// summary fills the story's label and span from what it holds.
func (s *open) summary() Story {
	st := s.Story
	st.First, st.Last = dayString(s.first), dayString(s.last)
	st.Entities = top(s.names, 3)
	st.Terms = top(s.words, 5)
	// The label: the top names, then words that none of them contains.
	parts := slices.Clone(st.Entities)
	for _, w := range st.Terms {
		if len(parts) >= 5 {
			break
		}
		dup := false
		for _, n := range st.Entities {
			if strings.Contains(strings.ToLower(n), w) {
				dup = true
			}
		}
		if !dup {
			parts = append(parts, w)
		}
	}
	st.Label = strings.Join(parts, ", ")
	return st
}

// publicationDay is the day an article tells of, as days since 1970,
// or noDay: its publication day, else (a page with no date of its own)
// the latest calendar day its text names, which in news is seldom far
// from the day it was written.
func publicationDay(a *article.Article) int32 {
	if a.Published != nil {
		if d := parseDay(*a.Published); d != noDay {
			return d
		}
	}
	latest := int32(noDay)
	for _, d := range a.Dates {
		if d.Type != "DATE" || len(d.Value) != 10 {
			continue
		}
		if day := parseDay(d.Value); day != noDay && day > latest {
			latest = day
		}
	}
	return latest
}

// parseDay reads the YYYY-MM-DD that starts s.
func parseDay(s string) int32 {
	if len(s) < 10 {
		return noDay
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return noDay
	}
	return int32(t.Unix() / 86400)
}

func dayString(d int32) string {
	if d == noDay {
		return ""
	}
	return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
}

// heaviest returns the k terms of v with the largest weights.
func heaviest(v vector, k int) []term {
	t := topTerms(v, k)
	slices.SortFunc(t, heavierFirst)
	return t
}

// heavierFirst orders terms by weight, heaviest first, ties by hash: a
// total order, so that the k heaviest are the same set however found.
func heavierFirst(a, b term) int {
	if c := cmp.Compare(b.w, a.w); c != 0 {
		return c
	}
	return cmp.Compare(a.h, b.h)
}

// topTerms returns a new slice of the k first terms of v by
// heavierFirst, in no order. It keeps them in a heap whose root is the
// lightest kept: an article has hundreds of terms and the callers want
// a dozen to a few hundred, where sorting them all was a quarter of an
// article's time.
func topTerms(v vector, k int) []term {
	if k >= len(v) {
		return slices.Clone(v)
	}
	h := slices.Clone(v[:k])
	// lighter(i, j): h[i] comes after h[j] in heavierFirst.
	lighter := func(i, j int) bool { return heavierFirst(h[i], h[j]) > 0 }
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < k && lighter(l, m) {
				m = l
			}
			if r := l + 1; r < k && lighter(r, m) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, t := range v[k:] {
		if k > 0 && heavierFirst(t, h[0]) < 0 {
			h[0] = t
			down(0)
		}
	}
	return h
}

// addVectors returns the sum of two sorted vectors, sorted.
func addVectors(a, b vector) vector {
	out := make(vector, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].h < b[j].h:
			out = append(out, a[i])
			i++
		case a[i].h > b[j].h:
			out = append(out, b[j])
			j++
		default:
			out = append(out, term{h: a[i].h, w: a[i].w + b[j].w})
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// keepHeaviest returns the k heaviest terms of v, sorted by hash; ties
// go to the lower hash, so that the same articles give the same stories.
func keepHeaviest(v vector, k int) vector {
	t := topTerms(v, k)
	slices.SortFunc(t, func(a, b term) int { return cmp.Compare(a.h, b.h) })
	return t
}

// trim keeps the k heaviest entries of m, ties broken by key.
func trim(m map[string]float64, k int) {
	if len(m) <= k {
		return
	}
	for _, key := range rank(m)[k:] {
		delete(m, key)
	}
}

// top returns the k heaviest keys of m.
func top(m map[string]float64, k int) []string {
	r := rank(m)
	return r[:min(k, len(r))]
}

func rank(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys
}
