package story

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

// The lab: offline experiments on the dev topics of ECB+ (odd-numbered
// only; it never reads the others), reported in MEASUREMENTS.md. It reads
// the annotated articles that the eval harness caches
// (internal/eval -stories.cache).
var (
	labRun   = flag.Bool("lab", false, "run the story lab on ECB+ dev")
	labCache = flag.String("lab.cache", "/tmp/ecb_dev.jsonl", "the dev articles as internal/eval -stories.cache wrote them")
)

type labDoc struct {
	ID    string `json:"doc_id"`
	Topic int    `json:"topic"`
	Event string `json:"event_cluster"`
}

func labLoad(t *testing.T) ([]labDoc, []*article.Article) {
	data := os.Getenv("DATELINE_DATA")
	if data == "" {
		data = "../../../shared/data"
	}
	f, err := os.Open(data + "/news-stories/ecbplus/documents.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []labDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d labDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if d.Topic%2 == 1 {
			docs = append(docs, d)
		}
	}
	slices.SortFunc(docs, func(a, b labDoc) int { return strings.Compare(a.ID, b.ID) })
	b, err := os.ReadFile(*labCache)
	if err != nil {
		t.Fatal(err)
	}
	var arts []*article.Article
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var a article.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, &a)
	}
	if len(arts) != len(docs) {
		t.Fatalf("%d articles, %d docs", len(arts), len(docs))
	}
	return docs, arts
}

// labB3 is the B³ F1 of pred against gold.
func labB3(pred []int, gold []string) float64 {
	type key struct {
		p int
		g string
	}
	both := map[key]int{}
	np, ng := map[int]int{}, map[string]int{}
	for i := range pred {
		both[key{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	var p, r float64
	for k, x := range both {
		f := float64(x)
		p += f * f / float64(np[k.p])
		r += f * f / float64(ng[k.g])
	}
	n := float64(len(pred))
	p, r = p/n, r/n
	return 2 * p * r / (p + r)
}

type labMerge struct {
	a, b int
	s    float64
}

func labAverageLink(sim [][]float64) []labMerge {
	n := len(sim)
	size := make([]float64, n)
	alive := make([]bool, n)
	for i := range n {
		size[i], alive[i] = 1, true
	}
	s := make([][]float64, n)
	for i := range s {
		s[i] = slices.Clone(sim[i])
	}
	var merges []labMerge
	for {
		bi, bj, best := -1, -1, math.Inf(-1)
		for i := range n {
			if !alive[i] {
				continue
			}
			for j := i + 1; j < n; j++ {
				if alive[j] && s[i][j] > best {
					bi, bj, best = i, j, s[i][j]
				}
			}
		}
		if bi < 0 {
			return merges
		}
		merges = append(merges, labMerge{bi, bj, best})
		for k := range n {
			if alive[k] && k != bi && k != bj {
				v := (size[bi]*s[bi][k] + size[bj]*s[bj][k]) / (size[bi] + size[bj])
				s[bi][k], s[k][bi] = v, v
			}
		}
		size[bi] += size[bj]
		alive[bj] = false
	}
}

func labCut(n int, merges []labMerge, t float64) []int {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, m := range merges {
		if m.s < t {
			break
		}
		parent[find(m.b)] = find(m.a)
	}
	out := make([]int, n)
	for i := range out {
		out[i] = find(i)
	}
	return out
}

// labBest scores average link over sim at thresholds lo..hi and returns
// the best threshold and F1, and the F1 at each threshold.
func labBest(sim [][]float64, gold []string, lo, hi, step float64) (float64, float64, []float64) {
	merges := labAverageLink(sim)
	bt, bf := 0.0, -1.0
	var all []float64
	for t := lo; t <= hi+1e-9; t += step {
		f := labB3(labCut(len(sim), merges, t), gold)
		all = append(all, f)
		if f > bf {
			bt, bf = t, f
		}
	}
	return bt, bf, all
}

// labVectors weighs every article with the idf of the whole split.
func labVectors(arts []*article.Article, boost, person float64) []vector {
	cs := make([][]counted, len(arts))
	df := map[uint64]float64{}
	for i, a := range arts {
		cs[i] = termsOf(a, nil)
		for _, c := range cs[i] {
			df[c.h]++
		}
	}
	n := float64(len(arts))
	idf := func(h uint64) float64 { return math.Log((1+n)/(1+df[h])) + 1 }
	vs := make([]vector, len(arts))
	for i := range arts {
		vs[i] = weigh(cs[i], idf, boost, person)
	}
	return vs
}

func labSim(vs []vector) [][]float64 {
	sim := make([][]float64, len(vs))
	for i := range sim {
		sim[i] = make([]float64, len(vs))
	}
	for i := range vs {
		for j := i + 1; j < len(vs); j++ {
			s := dot(vs[i], vs[j])
			sim[i][j], sim[j][i] = s, s
		}
	}
	return sim
}

func TestLab(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	topic := make([]string, len(docs))
	for i, d := range docs {
		gold[i] = d.Event
		topic[i] = fmt.Sprint(d.Topic)
	}
	vs := labVectors(arts, 1, 2)
	sim := labSim(vs)
	th, f, _ := labBest(sim, gold, 0.05, 0.6, 0.01)
	t.Logf("global avg link: best %.2f F1 %.4f", th, f)
	th, f, _ = labBest(sim, topic, 0.02, 0.6, 0.01)
	t.Logf("global avg link vs topics: best %.2f F1 %.4f", th, f)
}

// labWithin clusters inside each group of groups with vectors from
// vecs(members), average link at one threshold for all, and returns
// the best threshold and F1 against gold.
func labWithin(arts []*article.Article, groups []int, gold []string, vecs func([]*article.Article) []vector, lo, hi, step float64) (float64, float64) {
	members := map[int][]int{}
	for i, g := range groups {
		members[g] = append(members[g], i)
	}
	type part struct {
		idx    []int
		merges []labMerge
	}
	var parts []part
	for _, idx := range members {
		sub := make([]*article.Article, len(idx))
		for k, i := range idx {
			sub[k] = arts[i]
		}
		parts = append(parts, part{idx, labAverageLink(labSim(vecs(sub)))})
	}
	bt, bf := 0.0, -1.0
	for th := lo; th <= hi+1e-9; th += step {
		pred := make([]int, len(arts))
		for pi, p := range parts {
			cut := labCut(len(p.idx), p.merges, th)
			for k, i := range p.idx {
				pred[i] = pi*10000 + cut[k]
			}
		}
		if f := labB3(pred, gold); f > bf {
			bt, bf = th, f
		}
	}
	return bt, bf
}

// labLocal weighs articles with idf^a of the group itself (no +1) times
// the global idf^b.
func labLocal(global map[uint64]float64, n float64, a, b, boost, person float64) func([]*article.Article) []vector {
	return func(arts []*article.Article) []vector {
		cs := make([][]counted, len(arts))
		df := map[uint64]float64{}
		for i, x := range arts {
			cs[i] = termsOf(x, nil)
			for _, c := range cs[i] {
				df[c.h]++
			}
		}
		m := float64(len(arts))
		idf := func(h uint64) float64 {
			g := math.Log((1+n)/(1+global[h])) + 1
			l := math.Log((1 + m) / (1 + df[h]))
			if l < 0 {
				l = 0
			}
			return math.Pow(l, a) * math.Pow(g, b)
		}
		vs := make([]vector, len(arts))
		for i := range arts {
			vs[i] = weigh(cs[i], idf, boost, person)
		}
		return vs
	}
}

func TestLabWithin(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	groups := make([]int, len(docs))
	global := map[uint64]float64{}
	for i, d := range docs {
		gold[i] = d.Event
		groups[i] = d.Topic
		for _, c := range termsOf(arts[i], nil) {
			global[c.h]++
		}
	}
	n := float64(len(docs))
	th, f := labWithin(arts, groups, gold, func(a []*article.Article) []vector { return labVectors(a, 1, 2) }, 0.0, 0.6, 0.01)
	t.Logf("gold topics, idf of the topic +1: %.2f %.4f", th, f)
	for _, ab := range [][2]float64{{0, 1}, {1, 0}, {1, 1}, {0.5, 1}, {1, 0.5}, {2, 1}} {
		th, f := labWithin(arts, groups, gold, labLocal(global, n, ab[0], ab[1], 1, 2), 0.0, 0.6, 0.01)
		t.Logf("gold topics, local^%.1f global^%.1f: %.2f %.4f", ab[0], ab[1], th, f)
	}
}

func TestLabTwoStage(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	global := map[uint64]float64{}
	for i, d := range docs {
		gold[i] = d.Event
		for _, c := range termsOf(arts[i], nil) {
			global[c.h]++
		}
	}
	n := float64(len(docs))
	merges := labAverageLink(labSim(labVectors(arts, 1, 2)))
	for _, t1 := range []float64{0.04, 0.06, 0.08, 0.10, 0.12, 0.15} {
		groups := labCut(len(docs), merges, t1)
		for _, ab := range [][2]float64{{1, 1}, {1, 0.5}} {
			loc := labLocal(global, n, ab[0], ab[1], 1, 2)
			var line []string
			bt, bf := 0.0, 0.0
			for t2 := 0.01; t2 < 0.15; t2 += 0.01 {
				_, f := labWithin(arts, groups, gold, loc, t2, t2, 1)
				line = append(line, fmt.Sprintf("%.3f", f))
				if f > bf {
					bt, bf = t2, f
				}
			}
			t.Logf("t1 %.2f local^%.1f global^%.1f: best %.2f %.4f  [%s]", t1, ab[0], ab[1], bt, bf, strings.Join(line, " "))
		}
	}
}

func TestLabDump(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	vs := labVectors(arts, 1, 2)
	_ = vs
	dated, textDated := 0, 0
	for i, d := range docs {
		a := arts[i]
		pub := article.Str(a.Published)
		if pub != "" {
			dated++
		}
		var ds []string
		for _, x := range a.Dates {
			if x.Type == "DATE" && len(x.Value) >= 4 {
				ds = append(ds, x.Value)
			}
		}
		if len(ds) > 0 {
			textDated++
		}
		var pers []string
		for _, e := range a.Entities {
			if e.Type == "PER" || e.Type == "LOC" {
				pers = append(pers, e.Type[:1]+":"+e.Name)
			}
		}
		if d.Topic == 1 || d.Topic == 3 || d.Topic == 19 || d.Topic == 41 {
			t.Logf("%s %s pub=%s dates=%v ents=%v", d.ID, d.Event, pub, ds, pers)
		}
	}
	t.Logf("dated %d, text-dated %d of %d", dated, textDated, len(docs))
}

func TestLabErrors(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	for i, d := range docs {
		gold[i] = d.Event
	}
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	c := New(Options{})
	ids := make([]int, len(arts))
	for _, i := range order {
		ids[i] = c.Add(arts[i]).Story
	}
	pred := make([]int, len(arts))
	for i, id := range ids {
		pred[i] = c.Resolve(id)
	}
	t.Logf("F1 %.4f", labB3(pred, gold))
	// per topic: clusters with counts by part
	byTopic := map[int]map[int][2]int{}
	for i, d := range docs {
		m := byTopic[d.Topic]
		if m == nil {
			m = map[int][2]int{}
			byTopic[d.Topic] = m
		}
		x := m[pred[i]]
		if strings.HasSuffix(d.Event, "plus") {
			x[1]++
		} else {
			x[0]++
		}
		m[pred[i]] = x
	}
	for tp := 1; tp < 46; tp += 2 {
		if m, ok := byTopic[tp]; ok {
			var s []string
			for id, x := range m {
				s = append(s, fmt.Sprintf("%d:%d/%d", id, x[0], x[1]))
			}
			slices.Sort(s)
			t.Logf("topic %d: %s", tp, strings.Join(s, " "))
		}
	}
}

// labOnline clusters arts in order o (seed) with opt and returns the
// stories of each article.
func labOnline(arts []*article.Article, opt Options, seed int) []int {
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	if seed > 0 {
		r := labRand(uint64(seed))
		for i := len(order) - 1; i > 0; i-- {
			j := int(r() % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
	}
	c := New(opt)
	ids := make([]int, len(arts))
	for _, i := range order {
		ids[i] = c.Add(arts[i]).Story
	}
	for i := range ids {
		ids[i] = c.Resolve(ids[i])
	}
	return ids
}

func labRand(s uint64) func() uint64 {
	return func() uint64 {
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		return s
	}
}

// labSplit2 splits members by average link on local weights into two
// parts and returns the parts, the between-part mean similarity and the
// mean similarity within the parts.
func labSplit2(arts []*article.Article, idx []int, loc func([]*article.Article) []vector) ([]int, []int, float64, float64) {
	sub := make([]*article.Article, len(idx))
	for k, i := range idx {
		sub[k] = arts[i]
	}
	sim := labSim(loc(sub))
	merges := labAverageLink(sim)
	if len(merges) < len(idx)-1 {
		// disconnected: cut into components, pick first vs rest
	}
	// cut just above the last merge's similarity
	last := merges[len(merges)-1]
	cut := labCut(len(idx), merges[:len(merges)-1], -1e9)
	var a, b []int
	for k := range idx {
		if cut[k] == cut[last.a] {
			a = append(a, k)
		} else {
			b = append(b, k)
		}
	}
	var within, nw float64
	for _, part := range [][]int{a, b} {
		for x := range part {
			for y := x + 1; y < len(part); y++ {
				within += sim[part[x]][part[y]]
				nw++
			}
		}
	}
	if nw > 0 {
		within /= nw
	}
	pa, pb := make([]int, len(a)), make([]int, len(b))
	for k, x := range a {
		pa[k] = idx[x]
	}
	for k, x := range b {
		pb[k] = idx[x]
	}
	return pa, pb, last.s, within
}

func TestLabSplitStats(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	global := map[uint64]float64{}
	for i, d := range docs {
		gold[i] = d.Event
		for _, c := range termsOf(arts[i], nil) {
			global[c.h]++
		}
	}
	n := float64(len(docs))
	loc := labLocal(global, n, 1, 1, 1, 2)
	pred := labOnline(arts, Options{}, 1)
	members := map[int][]int{}
	for i, p := range pred {
		members[p] = append(members[p], i)
	}
	for _, idx := range members {
		if len(idx) < 4 {
			continue
		}
		a, b, between, within := labSplit2(arts, idx, loc)
		ev := func(p []int) string {
			m := map[string]int{}
			for _, i := range p {
				m[gold[i]]++
			}
			return fmt.Sprint(m)
		}
		t.Logf("size %2d between %.3f within %.3f ratio %.2f  %s | %s", len(idx), between, within, between/within, ev(a), ev(b))
	}
}

// labSpectral bisects by the sign sweep of the Fiedler vector of the
// normalized similarity matrix, returning the parts (positions) and the
// normalized cut, and lambda2 of D^-1/2 S D^-1/2.
func labSpectral(sim [][]float64) ([]int, []int, float64, float64) {
	m := len(sim)
	d := make([]float64, m)
	for i := range m {
		for j := range m {
			if i != j && sim[i][j] > 0 {
				d[i] += sim[i][j]
			}
		}
		if d[i] == 0 {
			d[i] = 1e-9
		}
	}
	a := func(i, j int) float64 {
		if i == j || sim[i][j] <= 0 {
			return 0
		}
		return sim[i][j] / math.Sqrt(d[i]*d[j])
	}
	v1 := make([]float64, m)
	var n1 float64
	for i := range m {
		v1[i] = math.Sqrt(d[i])
		n1 += d[i]
	}
	for i := range m {
		v1[i] /= math.Sqrt(n1)
	}
	v := make([]float64, m)
	r := labRand(12345)
	for i := range v {
		v[i] = float64(r()%1000)/1000 - 0.5
	}
	lambda := 0.0
	for it := 0; it < 300; it++ {
		// orthogonalise against v1
		var p float64
		for i := range m {
			p += v[i] * v1[i]
		}
		for i := range m {
			v[i] -= p * v1[i]
		}
		w := make([]float64, m)
		for i := range m {
			s := v[i] // + I
			for j := range m {
				s += a(i, j) * v[j]
			}
			w[i] = s
		}
		var nw, rq float64
		for i := range m {
			nw += w[i] * w[i]
			rq += w[i] * v[i]
		}
		nw = math.Sqrt(nw)
		for i := range m {
			w[i] /= nw
		}
		lambda = rq - 1 // approx (v unit after first iteration)
		v = w
	}
	// sweep cut over y = v / sqrt(d)
	type yi struct {
		y float64
		i int
	}
	ys := make([]yi, m)
	for i := range m {
		ys[i] = yi{v[i] / math.Sqrt(d[i]), i}
	}
	slices.SortFunc(ys, func(x, y yi) int { return cmpF(x.y, y.y) })
	var vol float64
	for i := range m {
		vol += d[i]
	}
	best, bk := math.Inf(1), 1
	inA := make([]bool, m)
	cut, volA := 0.0, 0.0
	for k := 0; k < m-1; k++ {
		i := ys[k].i
		// moving i into A: cut changes by sum to B minus sum to A
		for j := range m {
			if j == i || sim[i][j] <= 0 {
				continue
			}
			if inA[j] {
				cut -= sim[i][j]
			} else {
				cut += sim[i][j]
			}
		}
		inA[i] = true
		volA += d[i]
		nc := cut/volA + cut/(vol-volA)
		if nc < best {
			best, bk = nc, k+1
		}
	}
	var pa, pb []int
	for k, x := range ys {
		if k < bk {
			pa = append(pa, x.i)
		} else {
			pb = append(pb, x.i)
		}
	}
	return pa, pb, best, lambda
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestLabSpectralStats(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	global := map[uint64]float64{}
	for i, d := range docs {
		gold[i] = d.Event
		for _, c := range termsOf(arts[i], nil) {
			global[c.h]++
		}
	}
	n := float64(len(docs))
	for _, ab := range [][2]float64{{0, 1}, {1, 1}} {
		loc := labLocal(global, n, ab[0], ab[1], 1, 2)
		pred := labOnline(arts, Options{}, 1)
		members := map[int][]int{}
		for i, p := range pred {
			members[p] = append(members[p], i)
		}
		for _, idx := range members {
			if len(idx) < 6 {
				continue
			}
			sub := make([]*article.Article, len(idx))
			for k, i := range idx {
				sub[k] = arts[i]
			}
			a, b, nc, l2 := labSpectral(labSim(loc(sub)))
			ev := func(p []int) string {
				m := map[string]int{}
				for _, i := range p {
					m[gold[idx[i]]]++
				}
				return fmt.Sprint(m)
			}
			t.Logf("loc%.0f size %2d ncut %.3f l2 %.3f  %s | %s", ab[0], len(idx), nc, l2, ev(a), ev(b))
		}
	}
}

func TestLabSpectralSplit(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	global := map[uint64]float64{}
	for i, d := range docs {
		gold[i] = d.Event
		for _, c := range termsOf(arts[i], nil) {
			global[c.h]++
		}
	}
	n := float64(len(docs))
	type res struct {
		base float64
		f    map[string]float64
	}
	preds := make([][]int, 5)
	var base float64
	for o := range 5 {
		preds[o] = labOnline(arts, Options{}, o+1)
		base += labB3(preds[o], gold) / 5
	}
	t.Logf("online base %.4f", base)
	for _, ab := range [][2]float64{{0, 1}, {1, 1}, {0.5, 1}} {
		loc := labLocal(global, n, ab[0], ab[1], 1, 2)
		for _, minSize := range []int{6, 8} {
			var line []string
			for _, th := range []float64{0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95} {
				var f float64
				for o := range 5 {
					pred := slices.Clone(preds[o])
					members := map[int][]int{}
					for i, p := range pred {
						members[p] = append(members[p], i)
					}
					for id, idx := range members {
						if len(idx) < minSize {
							continue
						}
						sub := make([]*article.Article, len(idx))
						for k, i := range idx {
							sub[k] = arts[i]
						}
						_, b, nc, _ := labSpectral(labSim(loc(sub)))
						if nc < th {
							for _, k := range b {
								pred[idx[k]] = 100000 + id
							}
						}
					}
					f += labB3(pred, gold) / 5
				}
				line = append(line, fmt.Sprintf("%.2f:%.4f", th, f))
			}
			t.Logf("local^%.1f min %d: %s", ab[0], minSize, strings.Join(line, " "))
		}
	}
}

type labFeat struct {
	persons, orgs, locs map[string]bool
	numbers, years      map[string]bool
	monthDays, weekdays map[string]bool
	fullDays            map[int32]bool
	maxYear             int
	pub                 int32
}

func labFeatures(a *article.Article) labFeat {
	f := labFeat{persons: map[string]bool{}, orgs: map[string]bool{}, locs: map[string]bool{}, numbers: map[string]bool{}, years: map[string]bool{}, monthDays: map[string]bool{}, weekdays: map[string]bool{}, fullDays: map[int32]bool{}, pub: noDay}
	for _, e := range a.Entities {
		name := strings.ToLower(e.Name)
		switch e.Type {
		case "PER":
			f.persons[name] = true
		case "ORG":
			f.orgs[name] = true
		case "LOC":
			f.locs[name] = true
		}
	}
	for _, p := range a.Paragraphs {
		forWords(p, func(w string) {
			allDigit := true
			for _, r := range w {
				if r < '0' || r > '9' {
					allDigit = false
				}
			}
			if !allDigit {
				return
			}
			if len(w) == 4 && (w[:2] == "19" || w[:2] == "20") {
				f.years[w] = true
				y := 0
				fmt.Sscan(w, &y)
				if y <= 2014 && y > f.maxYear {
					f.maxYear = y
				}
				return
			}
			f.numbers[w] = true
		})
	}
	for _, d := range a.Dates {
		v := d.Value
		if d.Type != "DATE" {
			continue
		}
		if len(v) == 10 && v[4] == '-' && v[7] == '-' {
			if v[5] != 'X' && v[8] != 'X' {
				f.monthDays[v[5:]] = true
			}
			if day := parseDay(v); day != noDay {
				f.fullDays[day] = true
			}
		}
		if strings.Contains(v, "-WXX-") && len(v) == 10 {
			f.weekdays[v[9:]] = true
		}
	}
	if a.Published != nil {
		f.pub = parseDay(*a.Published)
	}
	return f
}

// labJac is the Jaccard of two sets, -1 when either is empty.
func labJac[K comparable](a, b map[K]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return -1
	}
	in := 0
	for k := range a {
		if b[k] {
			in++
		}
	}
	return float64(in) / float64(len(a)+len(b)-in)
}

// labAUC: the probability that a positive scores above a negative,
// over pairs where the feature is defined (>= 0 unless allowNeg).
func labAUC(pos, neg []float64) float64 {
	var s float64
	for _, p := range pos {
		for _, n := range neg {
			switch {
			case p > n:
				s++
			case p == n:
				s += 0.5
			}
		}
	}
	return s / float64(len(pos)*len(neg))
}

func TestLabPairFeatures(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	vs := labVectors(arts, 1, 2)
	vw := labVectors(arts, 1e-9, 1)
	fs := make([]labFeat, len(arts))
	for i, a := range arts {
		fs[i] = labFeatures(a)
	}
	names := []string{"cos", "wordcos", "perJ", "orgJ", "locJ", "numJ", "yearJ", "maxYearEq", "monthDayJ", "weekdayJ", "fullDayJ", "pubDist"}
	pos := make([][]float64, len(names))
	neg := make([][]float64, len(names))
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if docs[i].Topic != docs[j].Topic {
				continue
			}
			same := docs[i].Event == docs[j].Event
			a, b := fs[i], fs[j]
			my := -1.0
			if a.maxYear > 0 && b.maxYear > 0 {
				my = 0
				if a.maxYear == b.maxYear {
					my = 1
				}
			}
			pd := -1.0
			if a.pub != noDay && b.pub != noDay {
				pd = 1 / (1 + math.Abs(float64(a.pub-b.pub)))
			}
			vals := []float64{dot(vs[i], vs[j]), dot(vw[i], vw[j]), labJac(a.persons, b.persons), labJac(a.orgs, b.orgs), labJac(a.locs, b.locs), labJac(a.numbers, b.numbers), labJac(a.years, b.years), my, labJac(a.monthDays, b.monthDays), labJac(a.weekdays, b.weekdays), labJac(a.fullDays, b.fullDays), pd}
			for k, v := range vals {
				if v < 0 {
					continue
				}
				if same {
					pos[k] = append(pos[k], v)
				} else {
					neg[k] = append(neg[k], v)
				}
			}
		}
	}
	for k, name := range names {
		t.Logf("%-10s defined pos %5d neg %5d  AUC %.3f", name, len(pos[k]), len(neg[k]), labAUC(pos[k], neg[k]))
	}
}

func labZero(x float64) float64 {
	if x < 0 {
		return 0
	}
	return x
}

func labPairVec(vs, vw, ve []vector, fs []labFeat, i, j int) []float64 {
	a, b := fs[i], fs[j]
	c := dot(vs[i], vs[j])
	pj := labJac(a.persons, b.persons)
	conflict := 0.0
	if pj == 0 {
		conflict = 1
	}
	return []float64{1, c, dot(vw[i], vw[j]), dot(ve[i], ve[j]), labZero(pj), labZero(labJac(a.orgs, b.orgs)), labZero(labJac(a.locs, b.locs)),
		labZero(labJac(a.numbers, b.numbers)), labZero(labJac(a.years, b.years)), labZero(labJac(a.monthDays, b.monthDays)),
		labZero(labJac(a.weekdays, b.weekdays)), labZero(labJac(a.fullDays, b.fullDays)), conflict, c * c, math.Sqrt(c)}
}

// labLogit fits logistic regression by gradient descent with L2, with
// positives weighted to balance the classes.
func labLogit(x [][]float64, y []bool, l2 float64, iters int) []float64 {
	d := len(x[0])
	w := make([]float64, d)
	np := 0
	for _, v := range y {
		if v {
			np++
		}
	}
	wp := float64(len(y)-np) / float64(np)
	// Adam-free plain gradient with step decay
	mom := make([]float64, d)
	for it := range iters {
		g := make([]float64, d)
		var tot float64
		for k, xk := range x {
			var z float64
			for f := range d {
				z += w[f] * xk[f]
			}
			p := 1 / (1 + math.Exp(-z))
			t, wt := 0.0, 1.0
			if y[k] {
				t, wt = 1, wp
			}
			for f := range d {
				g[f] += wt * (p - t) * xk[f]
			}
			tot += wt
		}
		lr := 2.0 / (1 + float64(it)/200)
		for f := range d {
			g[f] = g[f]/tot + l2*w[f]
			mom[f] = 0.9*mom[f] + g[f]
			w[f] -= lr * mom[f] * 0.1
		}
	}
	return w
}

func labPredict(w, x []float64) float64 {
	var z float64
	for f := range w {
		z += w[f] * x[f]
	}
	return 1 / (1 + math.Exp(-z))
}

func TestLabLearned(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	vs := labVectors(arts, 1, 2)
	vw := labVectors(arts, 1e-9, 1)
	ve := labVectors(arts, 1e6, 2)
	fs := make([]labFeat, len(arts))
	for i, a := range arts {
		fs[i] = labFeatures(a)
	}
	half := func(i int) int { return (docs[i].Topic / 2) % 2 }
	var cosF, learnF float64
	for h := range 2 {
		var x [][]float64
		var y []bool
		for i := range docs {
			if half(i) == h {
				continue
			}
			for j := i + 1; j < len(docs); j++ {
				if half(j) == h {
					continue
				}
				// all same-topic pairs, every 4th other pair
				if docs[i].Topic != docs[j].Topic && (i+j)%4 != 0 {
					continue
				}
				x = append(x, labPairVec(vs, vw, ve, fs, i, j))
				y = append(y, docs[i].Event == docs[j].Event)
			}
		}
		w := labLogit(x, y, 1e-4, 1500)
		t.Logf("half %d: %d pairs, w %.2f", h, len(x), w)
		var idx []int
		for i := range docs {
			if half(i) == h {
				idx = append(idx, i)
			}
		}
		gold := make([]string, len(idx))
		cs := make([][]float64, len(idx))
		ls := make([][]float64, len(idx))
		for a, i := range idx {
			gold[a] = docs[i].Event
			cs[a] = make([]float64, len(idx))
			ls[a] = make([]float64, len(idx))
		}
		for a, i := range idx {
			for b := a + 1; b < len(idx); b++ {
				j := idx[b]
				cs[a][b] = dot(vs[i], vs[j])
				cs[b][a] = cs[a][b]
				ls[a][b] = labPredict(w, labPairVec(vs, vw, ve, fs, i, j))
				ls[b][a] = ls[a][b]
			}
		}
		th, f, _ := labBest(cs, gold, 0.05, 0.6, 0.01)
		t.Logf("half %d cos: %.2f %.4f", h, th, f)
		cosF += f * float64(len(idx)) / float64(len(docs))
		th, f, all := labBest(ls, gold, 0.05, 0.95, 0.05)
		t.Logf("half %d learned: %.2f %.4f %.3f", h, th, f, all)
		learnF += f * float64(len(idx)) / float64(len(docs))
	}
	t.Logf("cos %.4f learned %.4f", cosF, learnF)
}

type labRep struct {
	bigram     float64 // weight of word pairs (0: none)
	lead       float64 // extra count of first paragraph words
	removed    bool    // removed "outside" lines as paragraphs
	entBinary  bool
	numBoost   float64
	boost, per float64
}

func labTerms(a *article.Article, r labRep) []counted {
	var dst []counted
	idx := map[uint64]int{}
	add := func(kind byte, text string, n float64) {
		h := hashTerm(kind, text)
		if i, ok := idx[h]; ok {
			dst[i].n += n
			return
		}
		idx[h] = len(dst)
		dst = append(dst, counted{h: h, n: n, text: text, entity: kind == kindEntity})
	}
	words := func(s string, n float64) {
		prev := ""
		forWords(s, func(w string) {
			m := n
			if r.numBoost > 0 && w[0] >= '0' && w[0] <= '9' {
				m *= r.numBoost
			}
			add(kindWord, w, m)
			if r.bigram > 0 && prev != "" {
				add('b', prev+" "+w, n*r.bigram)
			}
			prev = w
		})
	}
	if a.Title != nil {
		words(*a.Title, 2)
	}
	if r.removed {
		for _, x := range a.Removed {
			if x.Reason == "outside" {
				words(x.Text, 1)
			}
		}
	}
	for i, p := range a.Paragraphs {
		n := 1.0
		if i == 0 {
			n += r.lead
		}
		words(p, n)
	}
	for _, e := range a.Entities {
		n := float64(max(len(e.Mentions), 1))
		if r.entBinary {
			n = 1
		}
		add(kindEntity, e.Type+":"+strings.ToLower(e.Name), n)
	}
	return dst
}

func labRepVectors(arts []*article.Article, r labRep) []vector {
	cs := make([][]counted, len(arts))
	df := map[uint64]float64{}
	for i, a := range arts {
		cs[i] = labTerms(a, r)
		for _, c := range cs[i] {
			df[c.h]++
		}
	}
	n := float64(len(arts))
	idf := func(h uint64) float64 { return math.Log((1+n)/(1+df[h])) + 1 }
	vs := make([]vector, len(arts))
	for i := range arts {
		// bigram weights: scale separately by marking as entity? keep words
		vs[i] = weigh(cs[i], idf, r.boost, r.per)
	}
	return vs
}

func TestLabReps(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	for i, d := range docs {
		gold[i] = d.Event
	}
	base := labRep{boost: 1, per: 2}
	reps := map[string]labRep{"base": base}
	for _, b := range []float64{0.5, 1, 2} {
		r := base
		r.bigram = b
		reps[fmt.Sprintf("bigram %.1f", b)] = r
	}
	for _, l := range []float64{1, 2} {
		r := base
		r.lead = l
		reps[fmt.Sprintf("lead +%.0f", l)] = r
	}
	r := base
	r.removed = true
	reps["removed"] = r
	r = base
	r.entBinary = true
	reps["entBinary"] = r
	for _, nb := range []float64{2, 3} {
		r = base
		r.numBoost = nb
		reps[fmt.Sprintf("num x%.0f", nb)] = r
	}
	keys := make([]string, 0, len(reps))
	for k := range reps {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		vs := labRepVectors(arts, reps[k])
		th, f, all := labBest(labSim(vs), gold, 0.10, 0.30, 0.02)
		var s []string
		for _, x := range all {
			s = append(s, fmt.Sprintf("%.3f", x))
		}
		t.Logf("%-12s best %.2f %.4f  [%s]", k, th, f, strings.Join(s, " "))
	}
}

// labMarkers counts, for a split a|b of members, the terms (entities
// only when ents) found in at least hi of one part's articles and at
// most lo of the other's, for each side.
func labMarkers(cs [][]counted, a, b []int, hi, lo float64, ents bool) (int, int) {
	df := func(p []int) map[uint64]float64 {
		m := map[uint64]float64{}
		for _, i := range p {
			for _, c := range cs[i] {
				if ents && !c.entity {
					continue
				}
				m[c.h]++
			}
		}
		for h := range m {
			m[h] /= float64(len(p))
		}
		return m
	}
	da, db := df(a), df(b)
	na, nb := 0, 0
	for h, x := range da {
		if x >= hi && db[h] <= lo {
			na++
		}
	}
	for h, x := range db {
		if x >= hi && da[h] <= lo {
			nb++
		}
	}
	return na, nb
}

func TestLabMarkers(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	for i, d := range docs {
		gold[i] = d.Event
	}
	vs := labVectors(arts, 1, 2)
	cs := make([][]counted, len(arts))
	for i, a := range arts {
		cs[i] = termsOf(a, nil)
	}
	pred := labOnline(arts, Options{}, 1)
	members := map[int][]int{}
	for i, p := range pred {
		members[p] = append(members[p], i)
	}
	for _, idx := range members {
		if len(idx) < 6 {
			continue
		}
		sim := make([][]float64, len(idx))
		for x := range idx {
			sim[x] = make([]float64, len(idx))
			for y := range idx {
				if x != y {
					sim[x][y] = dot(vs[idx[x]], vs[idx[y]])
				}
			}
		}
		pa, pb, nc, _ := labSpectral(sim)
		a, b := make([]int, len(pa)), make([]int, len(pb))
		for k, x := range pa {
			a[k] = idx[x]
		}
		for k, x := range pb {
			b[k] = idx[x]
		}
		ea, eb := labMarkers(cs, a, b, 0.5, 0.1, true)
		wa, wb := labMarkers(cs, a, b, 0.5, 0.1, false)
		ev := func(p []int) string {
			m := map[string]int{}
			for _, i := range p {
				m[gold[i]]++
			}
			return fmt.Sprint(m)
		}
		mixed := " "
		if len(strings.Split(ev(a)+ev(b), "_")) > 3 {
			mixed = "M"
		}
		t.Logf("%s size %2d ncut %.3f ent %d/%d words %d/%d  %s | %s", mixed, len(idx), nc, ea, eb, wa, wb, ev(a), ev(b))
	}
}

// labNcut is the normalized cut of the split a|b (positions) of sim.
func labNcut(sim [][]float64, inA []bool) float64 {
	var cut, va, vb float64
	for i := range sim {
		for j := range sim {
			if i == j || sim[i][j] <= 0 {
				continue
			}
			if inA[i] {
				va += sim[i][j]
			} else {
				vb += sim[i][j]
			}
			if inA[i] && !inA[j] {
				cut += sim[i][j]
			}
		}
	}
	return cut/va + cut/vb
}

func TestLabSplitMixed(t *testing.T) {
	if !*labRun {
		t.Skip("-lab not set")
	}
	docs, arts := labLoad(t)
	gold := make([]string, len(docs))
	global := map[uint64]float64{}
	for i, d := range docs {
		gold[i] = d.Event
		for _, c := range termsOf(arts[i], nil) {
			global[c.h]++
		}
	}
	n := float64(len(docs))
	preds := make([][]int, 5)
	var base float64
	for o := range 5 {
		preds[o] = labOnline(arts, Options{}, o+1)
		base += labB3(preds[o], gold) / 5
	}
	t.Logf("online base %.4f", base)
	glob := labLocal(global, n, 0, 1, 1, 2)
	for _, a := range []float64{0.5, 1} {
		loc := labLocal(global, n, a, 1, 1, 2)
		var line []string
		hf := [2]map[float64]float64{{}, {}}
		for _, th := range []float64{0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9} {
			var f float64
			for o := range 5 {
				pred := slices.Clone(preds[o])
				members := map[int][]int{}
				for i, p := range pred {
					members[p] = append(members[p], i)
				}
				for id, idx := range members {
					if len(idx) < 8 {
						continue
					}
					sub := make([]*article.Article, len(idx))
					for k, i := range idx {
						sub[k] = arts[i]
					}
					_, b, _, _ := labSpectral(labSim(loc(sub)))
					inA := make([]bool, len(idx))
					for k := range inA {
						inA[k] = true
					}
					for _, k := range b {
						inA[k] = false
					}
					if len(b) < 3 || len(b) > len(idx)-3 {
						continue
					}
					if labNcut(labSim(glob(sub)), inA) < th {
						for _, k := range b {
							pred[idx[k]] = 100000 + id
						}
					}
				}
				f += labB3(pred, gold) / 5
				for h := range 2 {
					var p []int
					var g []string
					for i := range pred {
						if (docs[i].Topic/2)%2 == h {
							p = append(p, pred[i])
							g = append(g, gold[i])
						}
					}
					hf[h][th] += labB3(p, g) / 5
				}
			}
			line = append(line, fmt.Sprintf("%.2f:%.4f", th, f))
		}
		t.Logf("partition local^%.1f, global ncut: %s", a, strings.Join(line, " "))
		for h := range 2 {
			var s []string
			for _, th := range []float64{0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9} {
				s = append(s, fmt.Sprintf("%.2f:%.4f", th, hf[h][th]))
			}
			t.Logf("  half %d: %s", h, strings.Join(s, " "))
		}
	}
}
