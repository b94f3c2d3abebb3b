package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/annotate"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/story"
)

// StoryDoc is one ECB+ document with its labels, as the derived
// documents.jsonl of the shared data gives it.
type StoryDoc struct {
	ID           string  `json:"doc_id"`
	Topic        int     `json:"topic"`
	EventCluster string  `json:"event_cluster"`
	URL          *string `json:"url"`
	Text         string  `json:"text"`
}

// LoadECBPlus reads dir/documents.jsonl, sorted by document id.
func LoadECBPlus(ctx context.Context, dir string) ([]StoryDoc, error) {
	name := filepath.Join(dir, "documents.jsonl")
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open ECB+: %w", err)
	}
	defer f.Close()
	var docs []StoryDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var d StoryDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("read %s:%d: %w", name, line, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("read %s: no documents", name)
	}
	slices.SortFunc(docs, func(a, b StoryDoc) int { return strings.Compare(a.ID, b.ID) })
	return docs, nil
}

// StoryArticles runs each document through dateline's own pipeline as a
// user's page would go: text cleaning (which also reads a publication
// date off the text), then entities and dates.
func StoryArticles(ctx context.Context, docs []StoryDoc) ([]*article.Article, error) {
	cl, err := clean.New(nil)
	if err != nil {
		return nil, err
	}
	m, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("load the entity model: %w", err)
	}
	an := annotate.New(m)
	out := make([]*article.Article, len(docs))
	for i, d := range docs {
		page := ingest.Page{Source: d.ID, Format: ingest.Text, Body: []byte(d.Text)}
		if d.URL != nil {
			page.URL = *d.URL
		}
		a, err := cl.Clean(ctx, page)
		switch {
		case errors.Is(err, clean.ErrNoText):
			// Every document is scored: one the cleaner finds no
			// body in (a headline and a line or two) keeps its lines.
			a = &article.Article{Source: d.ID, Paragraphs: strings.Split(d.Text, "\n")}
			a.ComputeID()
		case err != nil:
			return nil, fmt.Errorf("clean %s: %w", d.ID, err)
		}
		an.Annotate(a)
		out[i] = a
	}
	return out, nil
}

// Clustering scores, B³ (Bagga and Baldwin 1998) and pairwise.
type Clustering struct {
	BCubedPrecision float64 `json:"bcubed_precision"`
	BCubedRecall    float64 `json:"bcubed_recall"`
	BCubedF1        float64 `json:"bcubed_f1"`
	PairPrecision   float64 `json:"pairwise_precision"`
	PairRecall      float64 `json:"pairwise_recall"`
	PairF1          float64 `json:"pairwise_f1"`
	Clusters        int     `json:"clusters"`
}

// ScoreClustering compares predicted cluster labels with gold ones,
// item by item.
func ScoreClustering(pred, gold []string) Clustering {
	type key struct{ p, g string }
	both := map[key]int{}
	np, ng := map[string]int{}, map[string]int{}
	for i := range pred {
		both[key{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	var c Clustering
	n := float64(len(pred))
	var pairsBoth, pairsP, pairsG float64
	for k, x := range both {
		f := float64(x)
		c.BCubedPrecision += f * f / float64(np[k.p])
		c.BCubedRecall += f * f / float64(ng[k.g])
		pairsBoth += f * (f - 1) / 2
	}
	for _, x := range np {
		pairsP += float64(x) * float64(x-1) / 2
	}
	for _, x := range ng {
		pairsG += float64(x) * float64(x-1) / 2
	}
	c.BCubedPrecision /= n
	c.BCubedRecall /= n
	c.BCubedF1 = f1(c.BCubedPrecision, c.BCubedRecall)
	c.PairPrecision = pairShare(pairsBoth, pairsP)
	c.PairRecall = pairShare(pairsBoth, pairsG)
	c.PairF1 = f1(c.PairPrecision, c.PairRecall)
	c.Clusters = len(np)
	return c
}

func pairShare(a, b float64) float64 {
	if b == 0 {
		return 1 // nothing predicted or nothing to find: no error
	}
	return a / b
}

// StoriesResult is `dateline eval stories --json`.
type StoriesResult struct {
	Task   string `json:"task"`
	Split  string `json:"split"`
	N      int    `json:"n"`
	Topics int    `json:"topics"`
	Events int    `json:"events"`
	// Event level, dateline, mean over Orders arrival orders.
	Precision       float64 `json:"precision"`
	Recall          float64 `json:"recall"`
	F1              float64 `json:"f1"`
	BCubedPrecision float64 `json:"bcubed_precision"`
	BCubedRecall    float64 `json:"bcubed_recall"`
	BCubedF1        float64 `json:"bcubed_f1"`
	BCubedF1Min     float64 `json:"bcubed_f1_min"`
	PairwiseF1      float64 `json:"pairwise_f1"`
	TopicBCubedF1   float64 `json:"topic_bcubed_f1"`
	Clusters        float64 `json:"clusters"`
	Orders          int     `json:"orders"`
	// The baseline: TF-IDF cosine, average-link agglomerative, at the
	// threshold that scores best on this split's answers.
	BaselineBCubedF1  float64 `json:"baseline_bcubed_f1"`
	BaselinePairF1    float64 `json:"baseline_pairwise_f1"`
	BaselineThreshold float64 `json:"baseline_threshold"`
	ArticlesPerSec    float64 `json:"articles_per_sec"`
	Seconds           float64 `json:"seconds"`
}

// StorySplit picks the documents of a split: "dev" the odd-numbered
// topics, on which the clusterer's defaults were chosen; "test" the even
// ones, reported; "all" both.
func StorySplit(docs []StoryDoc, split string) ([]StoryDoc, error) {
	var out []StoryDoc
	for _, d := range docs {
		switch split {
		case "all":
		case "dev":
			if d.Topic%2 == 0 {
				continue
			}
		case "test":
			if d.Topic%2 == 1 {
				continue
			}
		default:
			return nil, fmt.Errorf("unknown split %q (dev, test or all)", split)
		}
		out = append(out, d)
	}
	return out, nil
}

// storyOrders is how many arrival orders an online clustering is scored
// over: its result depends on the order, and ECB+ has none of its own.
const storyOrders = 5

// RunStories scores story clustering on ECB+ (dataDir/news-stories/ecbplus).
func RunStories(ctx context.Context, dataDir, split string, opt story.Options) (*StoriesResult, error) {
	start := time.Now()
	all, err := LoadECBPlus(ctx, filepath.Join(dataDir, "news-stories", "ecbplus"))
	if err != nil {
		return nil, err
	}
	docs, err := StorySplit(all, split)
	if err != nil {
		return nil, err
	}
	arts, err := StoryArticles(ctx, docs)
	if err != nil {
		return nil, err
	}
	r := ScoreStories(docs, arts, opt)
	r.Split = split
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}

// ScoreStories clusters arts (the articles of docs) in several arrival
// orders and scores each, beside the baseline.
func ScoreStories(docs []StoryDoc, arts []*article.Article, opt story.Options) *StoriesResult {
	events := make([]string, len(docs))
	topics := make([]string, len(docs))
	for i, d := range docs {
		events[i] = d.EventCluster
		topics[i] = fmt.Sprint(d.Topic)
	}
	r := &StoriesResult{Task: "stories", N: len(docs), Orders: storyOrders, BCubedF1Min: math.Inf(1)}
	r.Topics = len(distinct(topics))
	r.Events = len(distinct(events))
	var spent time.Duration
	for o := range storyOrders {
		order := make([]int, len(arts))
		for i := range order {
			order[i] = i
		}
		rand.New(rand.NewPCG(uint64(o+1), 0)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		c := story.New(opt)
		ids := make([]int, len(arts))
		byID := map[string][]int{} // articles added, by id, for splits
		t0 := time.Now()
		for _, i := range order {
			as := c.Add(arts[i])
			ids[i] = as.Story
			byID[arts[i].ID] = append(byID[arts[i].ID], i)
			for _, m := range as.Moved {
				for _, k := range byID[m.Article] {
					ids[k] = m.Story
				}
			}
		}
		spent += time.Since(t0)
		pred := make([]string, len(arts))
		for i, id := range ids {
			pred[i] = fmt.Sprint(c.Resolve(id)) // stories merged later
		}
		ev := ScoreClustering(pred, events)
		tp := ScoreClustering(pred, topics)
		r.BCubedPrecision += ev.BCubedPrecision / storyOrders
		r.BCubedRecall += ev.BCubedRecall / storyOrders
		r.BCubedF1 += ev.BCubedF1 / storyOrders
		r.BCubedF1Min = math.Min(r.BCubedF1Min, ev.BCubedF1)
		r.PairwiseF1 += ev.PairF1 / storyOrders
		r.TopicBCubedF1 += tp.BCubedF1 / storyOrders
		r.Clusters += float64(ev.Clusters) / storyOrders
	}
	r.Precision, r.Recall, r.F1 = r.BCubedPrecision, r.BCubedRecall, r.BCubedF1
	if spent > 0 {
		r.ArticlesPerSec = float64(storyOrders*len(arts)) / spent.Seconds()
	}
	r.BaselineThreshold, r.BaselineBCubedF1, r.BaselinePairF1 = baselineStories(docs, events)
	return r
}

func distinct(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// baselineStories is the plain baseline of the field: TF-IDF vectors of
// the raw text (lower-case words, sublinear tf, smoothed idf over the
// split, unit length), cosine similarity, average-link agglomerative
// clustering, cut at the threshold (0.01 to 0.99) that scores best
// against the gold events: an upper bound for the baseline, since a user
// has no answers to choose by.
func baselineStories(docs []StoryDoc, gold []string) (threshold, bcubed, pairwise float64) {
	n := len(docs)
	tfs := make([]map[string]float64, n)
	df := map[string]float64{}
	for i, d := range docs {
		tf := map[string]float64{}
		for _, w := range strings.FieldsFunc(strings.ToLower(d.Text), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
		}) {
			if !baselineStop[w] {
				tf[w]++
			}
		}
		for w := range tf {
			df[w]++
		}
		tfs[i] = tf
	}
	vecs := make([]map[string]float64, n)
	for i, tf := range tfs {
		v := map[string]float64{}
		var norm float64
		for w, c := range tf {
			x := (1 + math.Log(c)) * (math.Log((1+float64(n))/(1+df[w])) + 1)
			v[w] = x
			norm += x * x
		}
		for w := range v {
			v[w] /= math.Sqrt(norm)
		}
		vecs[i] = v
	}
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			var s float64
			a, b := vecs[i], vecs[j]
			if len(a) > len(b) {
				a, b = b, a
			}
			for w, x := range a {
				s += x * b[w]
			}
			sim[i][j], sim[j][i] = s, s
		}
	}
	merges := averageLink(sim)
	threshold, bcubed = math.NaN(), -1
	for t := 0.01; t < 0.995; t += 0.01 {
		pred := cutDendrogram(n, merges, t)
		sc := ScoreClustering(pred, gold)
		if sc.BCubedF1 > bcubed {
			threshold, bcubed, pairwise = t, sc.BCubedF1, sc.PairF1
		}
	}
	return threshold, bcubed, pairwise
}

var baselineStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("a an the and or but of to in on at for with by from as is are was were be been has have had it its this that these those he she they we you i his her their our not no will would can could said says who which what when there than also about after s") {
		m[w] = true
	}
	return m
}()

// merge joins clusters a and b (by their lowest member) at similarity s.
type merge struct {
	a, b int
	s    float64
}

// averageLink clusters by average linkage (UPGMA) until no two clusters
// have a positive similarity, and returns the merges in order. Average
// linkage is monotone, so cutting at a threshold keeps the merges at or
// above it.
func averageLink(sim [][]float64) []merge {
	n := len(sim)
	size := make([]float64, n)
	alive := make([]bool, n)
	for i := range n {
		size[i], alive[i] = 1, true
	}
	// s is the average similarity between live clusters, updated by the
	// Lance-Williams formula.
	s := make([][]float64, n)
	for i := range s {
		s[i] = slices.Clone(sim[i])
	}
	var merges []merge
	for {
		bi, bj, best := -1, -1, 0.0
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
		merges = append(merges, merge{bi, bj, best})
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

// cutDendrogram labels items by the clusters that the merges at or above
// threshold t make.
func cutDendrogram(n int, merges []merge, t float64) []string {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
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
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(find(i))
	}
	return out
}
