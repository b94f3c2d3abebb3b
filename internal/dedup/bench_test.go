package dedup

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"syscall"
	"testing"

	"github.com/dateline-news/dateline/corpus"
)

// wikinews reads the bundled corpus (291 articles) as paragraphs, each
// article's title first.
func wikinews(tb testing.TB) [][]string {
	tb.Helper()
	recs, err := corpus.Articles()
	if err != nil {
		tb.Fatal(err)
	}
	docs := make([][]string, len(recs))
	for i, rec := range recs {
		docs[i] = append([]string{rec.Title}, rec.Paragraphs()...)
	}
	return docs
}

// cpuSeconds is the process's user and system time: on a shared machine
// it moves less with other load than wall time does.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// perSecond reports articles per second of wall time and of CPU time.
func perSecond(b *testing.B, articles int, cpu0 float64) {
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(articles)/(cpuSeconds()-cpu0), "articles/cpu-s")
}

// BenchmarkArticle is the whole per-article cost on the Wikinews
// corpus: shingling, signing and adding to an index, a fresh one each
// round (so its maps grow from empty, as they would over a stream). Run
// with GOMAXPROCS=1 for the figure per core.
func BenchmarkArticle(b *testing.B) {
	docs := wikinews(b)
	ids := make([]string, len(docs))
	for i := range ids {
		ids[i] = fmt.Sprint(i)
	}
	b.ReportAllocs()
	n := 0
	cpu0 := cpuSeconds()
	for b.Loop() {
		ix, err := NewIndex(Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i, d := range docs {
			ix.Add(Doc{ID: ids[i], Published: "2020-01-01", Sig: Sign(d, 0)})
		}
		n++
	}
	perSecond(b, n*len(docs), cpu0)
}

// BenchmarkAddLarge is Add alone into an index of 100,000 articles,
// with signatures of random values (no duplicates), as a long stream
// looks to the index.
func BenchmarkAddLarge(b *testing.B) {
	ix, err := NewIndex(Options{})
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	random := func() Signature {
		s := Signature{Size: 500}
		for i := range s.Mins {
			s.Mins[i] = r.Uint32()
		}
		return s
	}
	id := 0
	for ; id < 100_000; id++ {
		ix.Add(Doc{ID: strconv.Itoa(id), Sig: random()})
	}
	b.ReportAllocs()
	cpu0 := cpuSeconds()
	start := id
	for b.Loop() {
		ix.Add(Doc{ID: strconv.Itoa(id), Sig: random()})
		id++
	}
	perSecond(b, id-start, cpu0)
}

// BenchmarkSign is shingling and signing alone.
func BenchmarkSign(b *testing.B) {
	docs := wikinews(b)
	b.ReportAllocs()
	n := 0
	cpu0 := cpuSeconds()
	for b.Loop() {
		for _, d := range docs {
			Sign(d, 0)
		}
		n++
	}
	perSecond(b, n*len(docs), cpu0)
}

// BenchmarkShingles is the word scanner and shingle hashes alone.
func BenchmarkShingles(b *testing.B) {
	docs := wikinews(b)
	var buf []uint64
	b.ReportAllocs()
	n := 0
	cpu0 := cpuSeconds()
	for b.Loop() {
		for _, d := range docs {
			buf = AppendShingles(buf[:0], d, 0)
		}
		n++
	}
	perSecond(b, n*len(docs), cpu0)
}

// TestIndexMemory reports the index's heap per article: the corpus's
// signatures 20 times, each time with other values and IDs, after a
// collection.
func TestIndexMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("measures memory")
	}
	docs := wikinews(t)
	sigs := make([]Signature, len(docs))
	for i, d := range docs {
		sigs[i] = Sign(d, 0)
	}
	const rounds = 20
	ids := make([]string, 0, rounds*len(docs))
	for r := range rounds {
		for i := range docs {
			ids = append(ids, fmt.Sprint(r, "/", i))
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix, err := NewIndex(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		sig := sigs[i%len(sigs)]
		for j := range sig.Mins {
			sig.Mins[j] ^= uint32(i / len(sigs)) // each round distinct
		}
		ix.Add(Doc{ID: id, Published: "2020-01-01", Sig: sig})
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ix)
	t.Logf("%d articles: %.0f bytes per article", len(ids), float64(after.HeapAlloc-before.HeapAlloc)/float64(len(ids)))
}
