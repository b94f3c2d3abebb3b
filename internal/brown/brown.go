// Package brown learns Brown word clusters (Brown et al. 1992) from unlabeled
// news text, for use as features by the NER model: a word's bit path groups
// it with words seen in similar contexts, which helps with names the labeled
// data never shows (Ratinov & Roth 2009).
//
// The algorithm is the windowed agglomerative one of Liang (2005): words are
// taken in order of frequency; the C most frequent start in clusters of their
// own, and each further word enters as a new cluster, after which the pair of
// clusters whose merge loses the least average mutual information (AMI) of
// adjacent clusters is merged. When every word is in, the C clusters are
// merged down to one, and the order of those merges is the binary tree whose
// root-to-leaf paths are the output. Each step costs O(C²) thanks to a table
// of merge losses that is updated rather than recomputed.
package brown

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// Defaults: C = 1000 is the classic setting and takes about a quarter of an
// hour on one core for the corpus here (~40k words), so nothing is gained by
// a smaller window. Words seen once have one or two neighbours, too few to
// place them; words seen twice already help the NER model with names.
const (
	DefaultClusters = 1000
	DefaultMinCount = 2
)

// Options configure Cluster. DataDir is where Corpus reads from; Cluster
// itself ignores it.
type Options struct {
	DataDir  string
	Clusters int
	MinCount int
	Log      io.Writer
}

// Result holds the clustering: Paths maps each clustered word to its bit path
// (a prefix of it is a coarser cluster), Counts to its corpus frequency.
type Result struct {
	Paths  map[string]string
	Counts map[string]int
}

// Cluster runs Brown clustering; Paths maps each clustered word to its bit path.
// The same sentences and options always give the same result.
func Cluster(ctx context.Context, sents [][]string, opt Options) (*Result, error) {
	if opt.Clusters <= 0 {
		opt.Clusters = DefaultClusters
	}
	if opt.MinCount <= 0 {
		opt.MinCount = DefaultMinCount
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format, args...)
		}
	}
	start := time.Now()
	v := newVocab(sents, opt.MinCount)
	if len(v.words) == 0 {
		return nil, errors.New("brown: no word occurs often enough to cluster")
	}
	if v.total >= math.MaxInt32 {
		return nil, fmt.Errorf("brown: %d bigrams overflow the 32-bit count table", v.total)
	}
	c := min(opt.Clusters, len(v.words))
	logf("brown: %d words (count >= %d, next to another such word), %d bigrams, C = %d (vocabulary %v)\n",
		len(v.words), opt.MinCount, v.total, c, time.Since(start).Round(time.Millisecond))

	e := newEngine(v, c)
	for w := range v.words {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if w%1000 == 0 {
			if w > 0 {
				el := time.Since(start)
				eta := time.Duration(float64(el) / float64(w) * float64(len(v.words)-w))
				logf("brown: %d/%d words in, %v elapsed, ~%v to go\n", w, len(v.words),
					el.Round(time.Second), eta.Round(time.Second))
			}
		}
		e.add(int32(w))
		if len(e.active) > c {
			a, b := e.best()
			e.merge(a, b, false)
		}
	}
	logf("brown: all words in after %v; building the tree of %d clusters\n",
		time.Since(start).Round(time.Second), len(e.active))
	e.startTree()
	for len(e.active) > 1 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, b := e.best()
		e.merge(a, b, true)
	}
	res := &Result{Paths: make(map[string]string, len(v.words)), Counts: make(map[string]int, len(v.words))}
	for leaf, p := range e.leafPaths() {
		for _, w := range e.leafWords[leaf] {
			res.Paths[v.words[w]] = p
			res.Counts[v.words[w]] = v.counts[w]
		}
	}
	logf("brown: done in %v\n", time.Since(start).Round(time.Second))
	return res, nil
}

// vocab holds the words to cluster, most frequent first, and their bigrams in
// both directions as sorted adjacency lists.
type vocab struct {
	words  []string
	counts []int
	// right[w] lists (neighbour, count) for bigrams "w x"; left[w] for "x w".
	right, left [][]edge
	// nl[w], nr[w]: how often w is the left / right word of a bigram.
	nl, nr []int64
	total  int64
}

type edge struct {
	to    int32
	count int32
}

func newVocab(sents [][]string, minCount int) *vocab {
	freq := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			freq[w]++
		}
	}
	// A word that is never next to another clustered word has no context:
	// every merge with it is free, so it would land in whichever cluster
	// the tie-break favours. It is left out rather than placed at random.
	keep := func(w string) bool { return freq[w] >= minCount }
	linked := map[string]bool{}
	for _, s := range sents {
		for i := 1; i < len(s); i++ {
			if keep(s[i-1]) && keep(s[i]) {
				linked[s[i-1]], linked[s[i]] = true, true
			}
		}
	}
	v := &vocab{}
	for w := range linked {
		v.words = append(v.words, w)
	}
	// Frequency order decides which words share the first window, so ties
	// are broken by the word itself to keep the run deterministic.
	sort.Slice(v.words, func(i, j int) bool {
		a, b := v.words[i], v.words[j]
		if freq[a] != freq[b] {
			return freq[a] > freq[b]
		}
		return a < b
	})
	id := make(map[string]int32, len(v.words))
	v.counts = make([]int, len(v.words))
	for i, w := range v.words {
		id[w] = int32(i)
		v.counts[i] = freq[w]
	}
	// Bigrams with a word below the cutoff are dropped rather than bridged:
	// the two words around it were never adjacent.
	pairs := map[uint64]int32{}
	for _, s := range sents {
		prev := int32(-1)
		for _, w := range s {
			cur, ok := id[w]
			if !ok {
				prev = -1
				continue
			}
			if prev >= 0 {
				pairs[uint64(prev)<<32|uint64(cur)]++
			}
			prev = cur
		}
	}
	keys := make([]uint64, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	n := len(v.words)
	v.right, v.left = make([][]edge, n), make([][]edge, n)
	v.nl, v.nr = make([]int64, n), make([]int64, n)
	for _, k := range keys {
		a, b, cnt := int32(k>>32), int32(k&0xffffffff), pairs[k]
		v.right[a] = append(v.right[a], edge{b, cnt})
		v.left[b] = append(v.left[b], edge{a, cnt})
		v.nl[a] += int64(cnt)
		v.nr[b] += int64(cnt)
		v.total += int64(cnt)
	}
	return v
}

// engine holds the window of active clusters. Clusters live in slots
// 0..k-1; the bigram counts between slots are kept as a matrix and as its
// transpose so that both a row and a column can be read contiguously.
//
// Quantities are AMI terms scaled by the number of bigrams N (a constant
// factor that does not change which merge is best): for clusters c, d with
// n(c,d) bigrams "c d" and marginals nl(c), nr(d),
//
//	q(c,d) = n(c,d) · log(n(c,d) · N / (nl(c) · nr(d))).
//
// The marginals are the clusters' counts over the whole corpus, while n only
// covers pairs of clusters in the window: terms with words not yet added are
// ignored, which is what makes a step O(C²) instead of O(V·C).
type engine struct {
	v   *vocab
	k   int
	n   []int32 // n[i*k+j]: bigrams with slot i left, slot j right
	nt  []int32 // nt[i*k+j] = n[j*k+i]
	los []float64
	// los[i*k+j] for i < j: the AMI lost by merging slots i and j.
	nl, nr   []int64
	lnl, lnr []float64 // logs of nl, nr (0 where the count is 0)
	// s[i]: the sum of all q terms that involve slot i.
	s        []float64
	active   []int // active slots, ascending
	slotOf   []int32
	members  [][]int32
	xlx      []float64 // xlx[x] = x·log x, for every count up to N
	lg       []float64 // lg[x] = log x (0 for x = 0): a lookup beats math.Log
	lgN      float64
	tmp      [2][]float64
	itmp     [4][]int32
	others   []int
	isNb     []bool
	node     []int32    // in the tree phase: slot → tree node
	children [][2]int32 // tree nodes after the leaves
	// leafWords[i]: the words of leaf i of the tree.
	leafWords [][]int32
}

func newEngine(v *vocab, c int) *engine {
	k := c + 1
	if k > len(v.words) {
		k = len(v.words)
	}
	e := &engine{
		v: v, k: k,
		n: make([]int32, k*k), nt: make([]int32, k*k), los: make([]float64, k*k),
		nl: make([]int64, k), nr: make([]int64, k), lnl: make([]float64, k), lnr: make([]float64, k),
		s: make([]float64, k), slotOf: make([]int32, len(v.words)), members: make([][]int32, k),
		xlx: make([]float64, v.total+1), lg: make([]float64, v.total+1), lgN: math.Log(float64(v.total)), isNb: make([]bool, k),
	}
	for i := range e.tmp {
		e.tmp[i] = make([]float64, k)
	}
	for i := range e.itmp {
		e.itmp[i] = make([]int32, k)
	}
	for i := range e.slotOf {
		e.slotOf[i] = -1
	}
	for x := 1; x < len(e.xlx); x++ {
		e.lg[x] = math.Log(float64(x))
		e.xlx[x] = float64(x) * e.lg[x]
	}
	if v.total == 0 {
		e.lgN = 0
	}
	return e
}

// log is the natural log of a count, 0 for 0 so that a term with no bigrams
// stays 0 rather than 0·∞.
func (e *engine) log(x int64) float64 { return e.lg[x] }

// q is the scaled AMI term of slots i (left) and j (right).
func (e *engine) q(i, j int) float64 {
	x := e.n[i*e.k+j]
	return e.xlx[x] + float64(x)*(e.lgN-e.lnl[i]-e.lnr[j])
}

// freeSlot returns the lowest slot not in the window.
func (e *engine) freeSlot() int {
	for i, a := range e.active {
		if a != i {
			return i
		}
	}
	return len(e.active)
}

func (e *engine) activate(slot int) {
	i := sort.SearchInts(e.active, slot)
	e.active = append(e.active, 0)
	copy(e.active[i+1:], e.active[i:])
	e.active[i] = slot
}

func (e *engine) deactivate(slot int) {
	i := sort.SearchInts(e.active, slot)
	e.active = append(e.active[:i], e.active[i+1:]...)
}

// sumTerms computes s[i] from scratch.
func (e *engine) sumTerms(i int) float64 {
	k := e.k
	row, col := e.n[i*k:i*k+k], e.nt[i*k:i*k+k]
	var sum float64
	a := e.lgN - e.lnl[i]
	b := e.lgN - e.lnr[i]
	for d := range row {
		x, y := row[d], col[d]
		sum += e.xlx[x] + float64(x)*(a-e.lnr[d])
		sum += e.xlx[y] + float64(y)*(b-e.lnl[d])
	}
	x := row[i]
	return sum - (e.xlx[x] + float64(x)*(a-e.lnr[i]))
}

// loss computes the merge loss of slots i and j from scratch, in O(k): the
// terms that involve i or j go, the terms of the merged cluster come in.
func (e *engine) loss(i, j int) float64 {
	k := e.k
	ri, rj := e.n[i*k:i*k+k], e.n[j*k:j*k+k]
	ti, tj := e.nt[i*k:i*k+k], e.nt[j*k:j*k+k]
	lml := e.lgN - e.log(e.nl[i]+e.nl[j])
	lmr := e.lgN - e.log(e.nr[i]+e.nr[j])
	lnl, lnr, xlx := e.lnl[:k], e.lnr[:k], e.xlx
	var sum float64
	for d := range ri {
		x := ri[d] + rj[d]
		y := ti[d] + tj[d]
		sum += xlx[x] + float64(x)*(lml-lnr[d]) + xlx[y] + float64(y)*(lmr-lnl[d])
	}
	// The loop counted columns and rows i and j, which belong to the merged
	// cluster's own term; take them out and put that term in.
	for _, d := range [2]int{i, j} {
		x := ri[d] + rj[d]
		y := ti[d] + tj[d]
		sum -= xlx[x] + float64(x)*(lml-lnr[d]) + xlx[y] + float64(y)*(lmr-lnl[d])
	}
	z := ri[i] + ri[j] + rj[i] + rj[j]
	sum += xlx[z] + float64(z)*(lml+lmr-e.lgN)
	return e.s[i] + e.s[j] - e.q(i, j) - e.q(j, i) - sum
}

func (e *engine) setLoss(i, j int, l float64) {
	if i > j {
		i, j = j, i
	}
	e.los[i*e.k+j] = l
}

// add brings word w into the window as a cluster of its own.
func (e *engine) add(w int32) {
	k := e.k
	slot := e.freeSlot()
	e.slotOf[w] = int32(slot)
	e.members[slot] = append(e.members[slot][:0], w)
	for _, ed := range e.v.right[w] {
		if t := e.slotOf[ed.to]; t >= 0 {
			e.n[slot*k+int(t)] += ed.count
			e.nt[int(t)*k+slot] += ed.count
		}
	}
	for _, ed := range e.v.left[w] {
		if t := e.slotOf[ed.to]; t >= 0 && ed.to != w {
			e.n[int(t)*k+slot] += ed.count
			e.nt[slot*k+int(t)] += ed.count
		}
	}
	e.nl[slot], e.nr[slot] = e.v.nl[w], e.v.nr[w]
	e.lnl[slot], e.lnr[slot] = e.log(e.nl[slot]), e.log(e.nr[slot])

	// Only pairs with a cluster adjacent to w see their loss change: the new
	// terms q(i,w), q(w,i) join s(i), and the merged cluster gains its terms
	// with w. For a rare word that is a handful of rows.
	var nb []int
	u := e.tmp[0]
	for _, i := range e.active {
		if e.n[i*k+slot] != 0 || e.n[slot*k+i] != 0 {
			nb = append(nb, i)
			e.isNb[i] = true
			u[i] = e.q(i, slot) + e.q(slot, i)
		} else {
			u[i] = 0
		}
	}
	lgw := e.lgN - e.lnr[slot]
	wgl := e.lgN - e.lnl[slot]
	for _, i := range nb {
		for _, j := range e.active {
			if j == i || (e.isNb[j] && j < i) {
				continue
			}
			x := e.n[i*k+slot] + e.n[j*k+slot]
			y := e.n[slot*k+i] + e.n[slot*k+j]
			d := u[i] + u[j]
			d -= e.xlx[x] + float64(x)*(lgw-e.log(e.nl[i]+e.nl[j]))
			d -= e.xlx[y] + float64(y)*(wgl-e.log(e.nr[i]+e.nr[j]))
			if i < j {
				e.los[i*k+j] += d
			} else {
				e.los[j*k+i] += d
			}
		}
	}
	for _, i := range nb {
		e.s[i] += u[i]
		e.isNb[i] = false
	}
	e.s[slot] = e.sumTerms(slot)
	for _, j := range e.active {
		e.setLoss(j, slot, e.loss(j, slot))
	}
	e.activate(slot)
}

// best returns the pair of active slots whose merge loses the least AMI; on
// a tie the first pair in slot order wins, so runs are reproducible.
func (e *engine) best() (int, int) {
	k := e.k
	ba, bb, bl := -1, -1, math.Inf(1)
	for x, i := range e.active {
		row := e.los[i*k : i*k+k]
		for _, j := range e.active[x+1:] {
			if l := row[j]; l < bl {
				ba, bb, bl = i, j, l
			}
		}
	}
	return ba, bb
}

// merge joins slots a and b. The losses of pairs not involving
// a or b are updated in O(1) each: only their terms with a, b and the
// merged cluster change.
func (e *engine) merge(a, b int, tree bool) {
	k := e.k
	// The merged cluster stays in the slot of the bigger one, so that only
	// the smaller one's words need a new slot number.
	if len(e.members[b]) > len(e.members[a]) {
		a, b = b, a
	}
	lnlM := e.log(e.nl[a] + e.nl[b])
	lnrM := e.log(e.nr[a] + e.nr[b])
	// Per other slot i: ca, cb = n(i,a), n(i,b); ra, rb = n(a,i), n(b,i);
	// p collects everything of the update that depends on i alone.
	ca, cb, ra, rb := e.itmp[0], e.itmp[1], e.itmp[2], e.itmp[3]
	p, ds := e.tmp[0], e.tmp[1]
	others := e.others[:0]
	for _, i := range e.active {
		if i == a || i == b {
			continue
		}
		others = append(others, i)
		xa, xb := e.n[i*k+a], e.n[i*k+b]
		ya, yb := e.n[a*k+i], e.n[b*k+i]
		ca[i], cb[i], ra[i], rb[i] = xa, xb, ya, yb
		xm, ym := xa+xb, ya+yb
		d := e.xlx[xm] + float64(xm)*(e.lgN-e.lnl[i]-lnrM)
		d += e.xlx[ym] + float64(ym)*(e.lgN-lnlM-e.lnr[i])
		d -= e.q(i, a) + e.q(a, i) + e.q(i, b) + e.q(b, i)
		ds[i] = d
		p[i] = d + float64(xa)*(lnrM-e.lnr[a]) + float64(xb)*(lnrM-e.lnr[b]) +
			float64(ya)*(lnlM-e.lnl[a]) + float64(yb)*(lnlM-e.lnl[b])
	}
	e.others = others
	xlx := e.xlx
	for x, i := range others {
		pi := p[i]
		cai, cbi, rai, rbi := ca[i], cb[i], ra[i], rb[i]
		row := e.los[i*k : i*k+k] // others is ascending, so j > i
		for _, j := range others[x+1:] {
			xa, xb := cai+ca[j], cbi+cb[j]
			ya, yb := rai+ra[j], rbi+rb[j]
			row[j] += pi + p[j] + xlx[xa] + xlx[xb] - xlx[xa+xb] + xlx[ya] + xlx[yb] - xlx[ya+yb]
		}
	}
	for _, i := range others {
		e.s[i] += ds[i]
	}

	// Fold b's row and column into a's; the diagonal ends up with all four
	// cells n(a,a), n(a,b), n(b,a), n(b,b).
	for d := 0; d < k; d++ {
		e.n[a*k+d] += e.n[b*k+d]
	}
	for d := 0; d < k; d++ {
		if d != b {
			e.n[d*k+a] += e.n[d*k+b]
		}
	}
	for d := 0; d < k; d++ {
		e.n[b*k+d], e.n[d*k+b] = 0, 0
	}
	for d := 0; d < k; d++ {
		e.nt[a*k+d], e.nt[d*k+a] = e.n[d*k+a], e.n[a*k+d]
		e.nt[b*k+d], e.nt[d*k+b] = 0, 0
	}
	e.nl[a] += e.nl[b]
	e.nr[a] += e.nr[b]
	e.lnl[a], e.lnr[a] = lnlM, lnrM
	e.nl[b], e.nr[b], e.lnl[b], e.lnr[b], e.s[b] = 0, 0, 0, 0, 0
	for _, w := range e.members[b] {
		e.slotOf[w] = int32(a)
	}
	e.members[a], e.members[b] = append(e.members[a], e.members[b]...), nil
	e.deactivate(b)
	if tree {
		e.children = append(e.children, [2]int32{e.node[a], e.node[b]})
		e.node[a] = int32(len(e.leafWords) + len(e.children) - 1)
	}
	e.s[a] = e.sumTerms(a)
	for _, j := range e.active {
		if j != a {
			e.setLoss(a, j, e.loss(a, j))
		}
	}
}

// startTree makes each active cluster a leaf of the tree.
func (e *engine) startTree() {
	e.node = make([]int32, e.k)
	for _, i := range e.active {
		e.node[i] = int32(len(e.leafWords))
		e.leafWords = append(e.leafWords, e.members[i])
	}
}

// leafPaths gives each leaf its path from the root: 0 for the branch of the
// cluster with more words in a merge, 1 for the other.
func (e *engine) leafPaths() []string {
	nleaf := len(e.leafWords)
	paths := make([]string, nleaf)
	if len(e.children) == 0 {
		for i := range paths {
			paths[i] = "0"
		}
		return paths
	}
	type item struct {
		node int32
		path string
	}
	stack := []item{{int32(nleaf + len(e.children) - 1), ""}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if int(it.node) < nleaf {
			paths[it.node] = it.path
			continue
		}
		ch := e.children[int(it.node)-nleaf]
		stack = append(stack, item{ch[0], it.path + "0"}, item{ch[1], it.path + "1"})
	}
	return paths
}

// WriteTSV writes one line per word, "bitpath<TAB>word<TAB>count", sorted by
// path and then word, like the paths file of Liang's wcluster.
func (r *Result) WriteTSV(w io.Writer) error {
	words := make([]string, 0, len(r.Paths))
	for wd := range r.Paths {
		words = append(words, wd)
	}
	sort.Slice(words, func(i, j int) bool {
		pi, pj := r.Paths[words[i]], r.Paths[words[j]]
		if pi != pj {
			return pi < pj
		}
		return words[i] < words[j]
	})
	bw := bufio.NewWriter(w)
	for _, wd := range words {
		fmt.Fprintf(bw, "%s\t%s\t%d\n", r.Paths[wd], wd, r.Counts[wd])
	}
	return bw.Flush()
}

// WriteGzipTSV writes the TSV gzip-compressed with an empty header (no name,
// zero time), so that the same clusters always give the same bytes.
func (r *Result) WriteGzipTSV(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := r.WriteTSV(zw); err != nil {
		return err
	}
	return zw.Close()
}

// ReadPaths reads a paths file written by WriteTSV or WriteGzipTSV (the gzip
// magic number is recognised) and returns word → bit path.
func ReadPaths(r io.Reader) (map[string]string, error) {
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	paths := map[string]string{}
	sc := bufio.NewScanner(br)
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("brown: line %d: want 3 tab-separated fields, got %d", line, len(f))
		}
		paths[f[1]] = f[0]
	}
	return paths, sc.Err()
}
