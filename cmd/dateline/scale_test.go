package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/dateline-news/dateline/internal/annotate"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/store/sqlite"
	"github.com/dateline-news/dateline/internal/story"
)

var (
	scaleN       = flag.Int("connect.scale", 0, "articles to stream through the connect stage in TestConnectScale (0: skip)")
	scalePerDay  = flag.Int("connect.scale.perday", 1000, "articles a day in TestConnectScale's stream")
	scaleReports = flag.Int("connect.scale.reports", 10, "progress lines in TestConnectScale")
)

// TestConnectScale streams a synthetic corpus of -connect.scale articles
// through the connect stage as ingest runs it (near-duplicate index,
// stories with merges and splits; no store), and logs at intervals the
// throughput of the last interval, the heap in use after a collection,
// the open stories and the index's size. It shows whether the stage
// keeps its speed and which of its memory grows with the articles seen:
//
//	go test ./cmd/dateline -run TestConnectScale -connect.scale 1000000 -timeout 60m -v
//
// The stream: events made from the bundled Wikinews articles, each with
// its own names (entities renamed) and two thirds of its words replaced by
// words of its own, told by one to a hundred and fifty articles that
// each take most of the event's paragraphs and now and then one of
// another article, published over a day or two, so many articles a day.
// At the end, the stories are scored against the events (B³): a check
// that the clusterer still tells events apart at scale, not a measure
// of quality on real news.
func TestConnectScale(t *testing.T) {
	if *scaleN <= 0 {
		t.Skip("-connect.scale not set")
	}
	templates := annotatedCorpus(t)
	gen := newEventStream(templates, *scalePerDay, 1)
	c, err := emptyConnector(story.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := *scaleN
	// By the stream's index of an article (see eventStream.index); -1
	// for articles made but not streamed (the rest of the last day).
	var pred, gold []int32
	at := func(k int) int {
		for k >= len(gold) {
			pred, gold = append(pred, 0), append(gold, -1)
		}
		return k
	}
	every := max(n / *scaleReports, 1)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	t.Logf("templates %d; heap before the stream %.1f MB", len(templates), mb(base))
	var spent time.Duration
	chunk := time.Duration(0)
	// As ingest runs it: articles one at a time, the links taken a batch
	// at a time (the store's write left out).
	for i := range n {
		a, ev := gen.next()
		gold[at(gen.index(a))] = int32(ev)
		t0 := time.Now()
		c.add(a)
		var l article.Links
		if (i+1)%defaultBatch == 0 || i == n-1 {
			l = c.take()
		}
		d := time.Since(t0)
		spent += d
		chunk += d
		for _, al := range l.Articles {
			if al.Story > 0 {
				pred[at(gen.index(&article.Article{ID: al.ID}))] = int32(al.Story)
			}
		}
		if (i+1)%every == 0 || i == n-1 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			open, all := c.cl.Open(), c.cl.Made()
			t.Logf("%8d articles: %6.0f articles/s in the last %d; heap %7.1f MB (%.2f KB an article); stories made %d, open %d; days %d",
				i+1, float64(every)/chunk.Seconds(), every, mb(ms.HeapAlloc-base), float64(ms.HeapAlloc-base)/1024/float64(i+1), all, open, gen.day)
			chunk = 0
		}
	}
	t.Logf("all: %.0f articles/s (index and stories; the stream's own making left out)", float64(n)/spent.Seconds())
	var ps, gs []string
	for k, g := range gold {
		if g >= 0 {
			ps = append(ps, strconv.Itoa(c.cl.Resolve(int(pred[k]))))
			gs = append(gs, strconv.Itoa(int(g)))
		}
	}
	r := bcubed(ps, gs)
	t.Logf("stories against the synthetic events: B3 P %.4f R %.4f F1 %.4f (%d events)", r[0], r[1], r[2], gen.events)
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// bcubed returns B³ precision, recall and F1 of pred against gold.
func bcubed(pred, gold []string) [3]float64 {
	type pair struct{ p, g string }
	both := map[pair]int{}
	np := map[string]int{}
	ng := map[string]int{}
	for i := range pred {
		both[pair{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	var p, r float64
	for k, c := range both {
		p += float64(c) * float64(c) / float64(np[k.p])
		r += float64(c) * float64(c) / float64(ng[k.g])
	}
	p /= float64(len(pred))
	r /= float64(len(pred))
	return [3]float64{p, r, 2 * p * r / (p + r)}
}

// annotatedCorpus cleans and annotates the bundled Wikinews articles.
func annotatedCorpus(t *testing.T) []*article.Article {
	t.Helper()
	cleaner, err := clean.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := cleanedCorpus(context.Background(), cleaner)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	an := annotate.New(m)
	for _, a := range arts {
		an.Annotate(a)
	}
	return arts
}

// eventStream makes the synthetic stream of TestConnectScale.
type eventStream struct {
	rng       *rand.Rand
	templates []*article.Article
	perDay    int
	day       int // days since the stream began
	today     int // articles dated day so far
	pending   []synthetic
	events    int
	made      int
}

type synthetic struct {
	a     *article.Article
	event int
}

func newEventStream(templates []*article.Article, perDay int, seed uint64) *eventStream {
	return &eventStream{rng: rand.New(rand.NewPCG(seed, 0)), templates: templates, perDay: perDay}
}

// index returns the position of a in the order the stream made it
// (its articles come out of it shuffled day by day).
func (g *eventStream) index(a *article.Article) int {
	k, err := strconv.Atoi(strings.TrimPrefix(a.ID, "a"))
	if err != nil {
		panic("not an article of the stream: " + a.ID)
	}
	return k
}

// next returns the next article of the stream and its event.
func (g *eventStream) next() (*article.Article, int) {
	for len(g.pending) == 0 {
		g.fill()
	}
	// The day's articles arrive in random order, events interleaved.
	k := g.rng.IntN(len(g.pending))
	s := g.pending[k]
	g.pending[k] = g.pending[len(g.pending)-1]
	g.pending = g.pending[:len(g.pending)-1]
	return s.a, s.event
}

// fill makes the next day's events.
func (g *eventStream) fill() {
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.day)
	for made := 0; made < g.perDay; {
		size := g.size()
		made += size
		g.event(size, start)
	}
	g.day++
}

// size draws an event's number of articles: most news is told once or
// a few times, a few events by many.
func (g *eventStream) size() int {
	switch x := g.rng.Float64(); {
	case x < 0.55:
		return 1
	case x < 0.90:
		return 2 + g.rng.IntN(5)
	case x < 0.99:
		return 7 + g.rng.IntN(24)
	default:
		return 31 + g.rng.IntN(120)
	}
}

func (g *eventStream) event(size int, day time.Time) {
	ev := g.events
	g.events++
	tpl := g.templates[g.rng.IntN(len(g.templates))]
	words := map[string]string{}
	sub := func(s string) string {
		fs := strings.Fields(s)
		for i, f := range fs {
			core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
			if len(core) < 4 {
				continue
			}
			low := strings.ToLower(core)
			w, ok := words[low]
			if !ok {
				w = low
				if g.rng.IntN(3) != 0 {
					w = "v" + strconv.FormatInt(int64(g.rng.IntN(300000)), 36)
				}
				words[low] = w
			}
			fs[i] = strings.Replace(f, core, w, 1)
		}
		return strings.Join(fs, " ")
	}
	paras := make([]string, len(tpl.Paragraphs))
	for i, p := range tpl.Paragraphs {
		paras[i] = sub(p)
	}
	var title string
	if tpl.Title != nil {
		title = sub(*tpl.Title)
	}
	names := make([]article.Entity, len(tpl.Entities))
	for i, e := range tpl.Entities {
		names[i] = article.Entity{Name: fmt.Sprintf("Na%s Mo%s", strconv.FormatInt(int64(g.rng.IntN(50000)), 36), strconv.FormatInt(int64(g.rng.IntN(50000)), 36)), Type: e.Type, Mentions: e.Mentions}
	}
	for range size {
		a := &article.Article{ID: fmt.Sprintf("a%d", g.made)}
		g.made++
		pub := day.AddDate(0, 0, g.rng.IntN(2)).Format(time.DateOnly)
		a.Published = &pub
		t := title
		a.Title = &t
		for _, p := range paras {
			if g.rng.Float64() < 0.7 {
				a.Paragraphs = append(a.Paragraphs, p)
			}
		}
		if len(a.Paragraphs) == 0 {
			a.Paragraphs = append(a.Paragraphs, paras[0])
		}
		if g.rng.Float64() < 0.3 {
			other := g.templates[g.rng.IntN(len(g.templates))]
			a.Paragraphs = append(a.Paragraphs, other.Paragraphs[g.rng.IntN(len(other.Paragraphs))])
		}
		for _, e := range names {
			if g.rng.Float64() < 0.8 {
				a.Entities = append(a.Entities, e)
			}
		}
		a.Dates = []article.Date{{Type: "DATE", Value: pub}}
		g.pending = append(g.pending, synthetic{a, ev})
	}
}

var rebuildProfile = flag.String("connect.rebuild.profile", "", "CPU profile of the rebuild")

var storeProfile = flag.String("connect.store.profile", "", "CPU profile of storing the articles in TestConnectRebuild")

var rebuildN = flag.Int("connect.rebuild", 0, "articles to store before timing the connect stage's rebuild in TestConnectRebuild (0: skip)")

// TestConnectRebuild stores -connect.rebuild articles of the synthetic
// stream (through the connector, as ingest would, without cleaning or
// annotating), then times what every later ingest does first: rebuild
// the duplicate index and the recent stories from the store.
//
//	go test ./cmd/dateline -run TestConnectRebuild -connect.rebuild 200000 -timeout 60m -v
func TestConnectRebuild(t *testing.T) {
	if *rebuildN <= 0 {
		t.Skip("-connect.rebuild not set")
	}
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := newConnector(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	gen := newEventStream(annotatedCorpus(t), *scalePerDay, 1)
	if *storeProfile != "" {
		f, err := os.Create(*storeProfile)
		if err != nil {
			t.Fatal(err)
		}
		pprof.StartCPUProfile(f)
	}
	t0 := time.Now()
	var batch []*article.Article
	for i := range *rebuildN {
		a, _ := gen.next()
		c.add(a)
		batch = append(batch, a)
		if len(batch) == defaultBatch || i == *rebuildN-1 {
			if _, err := st.PutLinked(ctx, batch, c.take()); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if *storeProfile != "" {
		pprof.StopCPUProfile()
	}
	t.Logf("stored %d articles in %v (%.0f/s)", *rebuildN, time.Since(t0).Round(time.Second), float64(*rebuildN)/time.Since(t0).Seconds())
	st.Close()
	runtime.GC()
	st, err = sqlite.Open(ctx, dir, sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if *rebuildProfile != "" {
		f, err := os.Create(*rebuildProfile)
		if err != nil {
			t.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	t0 = time.Now()
	c, _, err = newConnector(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("rebuilt in %v; heap %.1f MB; index %d articles, open stories %d", time.Since(t0).Round(time.Millisecond), mb(ms.HeapAlloc), c.ix.Len(), c.cl.Open())
}
