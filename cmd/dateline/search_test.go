package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/store/sqlite"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

// fixtureStore is a store holding the conformance suite's fixtures.
func fixtureStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := sqlite.Open(context.Background(), dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Fill(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSearchText(t *testing.T) {
	db := fixtureStore(t)
	stdout, stderr, err := call(t, runSearch, "--db", db, "nato")
	if err != nil {
		t.Fatalf("search: %v\n%s", err, stderr)
	}
	for _, want := range []string{
		"2 results for nato",
		"1. NATO chief Stoltenberg makes first visit to Kyiv",
		"AP News · 2023-04-20 · " + storetest.IDNato,
		"[NATO] chief Jens Stoltenberg",
		"2. Zelenskyy urges allies",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\x1b") {
		t.Errorf("not a terminal, yet escape sequences:\n%q", stdout)
	}
	if strings.Contains(stdout, "publisher:") {
		t.Errorf("facets printed without --facets:\n%s", stdout)
	}
}

func TestSearchFlagsAnywhere(t *testing.T) {
	db := fixtureStore(t)
	stdout, stderr, err := call(t, runSearch, "wildfire", "--db", db, "--limit", "1", "--facets", "--publisher", "Reuters", "--publisher", "AP News")
	if err != nil {
		t.Fatalf("search: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "2 results for wildfire (1–1,") || strings.Contains(stdout, "2. ") {
		t.Errorf("--limit 1 after the query:\n%s", stdout)
	}
	if !strings.Contains(stdout, "publisher: Reuters 2") || !strings.Contains(stdout, "entity: Greece (LOC) 2") {
		t.Errorf("--facets:\n%s", stdout)
	}
	// After "--", everything is query, "-kyiv" too.
	stdout, _, err = call(t, runSearch, "--db", db, "--", "nato", "-kyiv")
	if err != nil || !strings.Contains(stdout, "1 results for nato -kyiv") {
		t.Errorf("search -- nato -kyiv: %v\n%s", err, stdout)
	}
}

func TestSearchJSON(t *testing.T) {
	db := fixtureStore(t)
	stdout, stderr, err := call(t, runSearch, "--db", db, "--json", "--entity", "NATO", "--from", "2023-04-21", "stoltenberg")
	if err != nil {
		t.Fatalf("search --json: %v\n%s", err, stderr)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	for _, k := range []string{"total", "results", "facets"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing: %s", k, stdout)
		}
	}
	var res article.SearchResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Results[0].ID != storetest.IDZelensky {
		t.Errorf("results %+v, want the Zelenskyy story", res)
	}
	var hit map[string]json.RawMessage
	if err := json.Unmarshal(m["results"][1:len(m["results"])-1], &hit); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "title", "publisher", "published", "snippet", "score"} {
		if _, ok := hit[k]; !ok {
			t.Errorf("result key %q missing", k)
		}
	}
	var facets map[string][]map[string]any
	if err := json.Unmarshal(m["facets"], &facets); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"publisher", "entity", "speaker"} {
		if len(facets[k]) == 0 || facets[k][0]["value"] == nil || facets[k][0]["count"] == nil {
			t.Errorf("facet %q: %v", k, facets[k])
		}
	}
}

func TestSearchHostileText(t *testing.T) {
	db := fixtureStore(t)
	s, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	esc := &article.Article{ID: "00000000000000ee", Source: "x", Title: article.Ptr("Bell \x07 and \x1b]0;owned\x07 title"),
		Paragraphs: []string{"An escape \x1b[2J clears screens; exploit it."}}
	if _, err := s.Put(context.Background(), esc); err != nil {
		t.Fatal(err)
	}
	s.Close()
	stdout, _, err := call(t, runSearch, "--db", db, "exploit")
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(stdout, "\x1b\x07") {
		t.Errorf("control characters reached the terminal:\n%q", stdout)
	}
	if !strings.Contains(stdout, `<script>alert("title")</script> Breaking [exploit]`) && !strings.Contains(stdout, `<script>alert("title")</script> Breaking exploit`) {
		t.Errorf("hostile title not printed verbatim:\n%s", stdout)
	}
	stdout, _, err = call(t, runSearch, "--db", db, "--json", "exploit")
	if err != nil || !strings.Contains(stdout, `<a href=\"javascript:alert(1)\">here</a>`) || strings.Contains(stdout, "\x1b") {
		t.Errorf("--json: %v\n%s", err, stdout)
	}
}

func TestSearchErrors(t *testing.T) {
	db := fixtureStore(t)
	for _, args := range [][]string{
		{"--db", db, `"unclosed`},
		{"--db", db, "nato", "AND"},
		{"--db", db, "--", "-nato"},
		{"--db", db, "--from", "yesterday", "nato"},
		{"--db", db, "--limit", "100000", "nato"},
		{"--db", db, "--sort", "random", "nato"},
		{"--no-such-flag"},
	} {
		_, stderr, err := call(t, runSearch, args...)
		if !errors.Is(err, errUsage) {
			t.Errorf("search %q: err = %v, want errUsage", args, err)
		}
		if strings.Contains(strings.ToLower(stderr), "sqlite") || strings.Contains(stderr, "fts5") {
			t.Errorf("search %q: the message names the engine: %s", args, stderr)
		}
		if args[0] != "--no-such-flag" && !strings.Contains(stderr, "dateline search: bad query: ") {
			t.Errorf("search %q: stderr %q, want the reason", args, stderr)
		}
	}
	missing := filepath.Join(t.TempDir(), "nothing-here")
	_, _, err := call(t, runSearch, "--db", missing, "nato")
	if err == nil || !strings.Contains(err.Error(), "no store at") || !strings.Contains(err.Error(), "dateline ingest") {
		t.Errorf("search on no store: %v, want a hint to ingest", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("search created a store at %s", missing)
	}
	stdout, _, err := call(t, runSearch, "--db", db, "nothingmatchesthis")
	if err != nil || !strings.Contains(stdout, "No results for nothingmatchesthis.") {
		t.Errorf("no results: %v %q", err, stdout)
	}
}

func TestSearchBrowse(t *testing.T) {
	db := fixtureStore(t)
	stdout, _, err := call(t, runSearch, "--db", db, "--event-from", "2024")
	if err != nil || !strings.Contains(stdout, "1 articles") || !strings.Contains(stdout, "Voters weigh the economy") {
		t.Errorf("--event-from 2024: %v\n%s", err, stdout)
	}
	stdout, _, err = call(t, runSearch, "--db", db, "--lang", "de")
	if err != nil || !strings.Contains(stdout, "1 articles (1–1") || !strings.Contains(stdout, "Der Waldbrand bei Athen") {
		t.Errorf("browse --lang de: %v\n%s", err, stdout)
	}
}

func TestTermSafe(t *testing.T) {
	if got := termSafe("a\x1b[31mb\tc\u0085d\u2028e"); got != "a [31mb c d e" {
		t.Errorf("termSafe = %q", got)
	}
}

// TestSearchLatency fills a store with the bundled corpus replicated to
// $DATELINE_LATENCY articles (each copy its own id, publisher and week)
// through PutBatch, then times typical searches. It is a measurement, not
// a check: run it by hand (docs/store.md has the command).
// $DATELINE_LATENCY_DIR keeps the store between runs;
// $DATELINE_RANK_WINDOW sets sqlite.Options.RankWindow.
func TestSearchLatency(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DATELINE_LATENCY"))
	if n == 0 {
		t.Skip("set DATELINE_LATENCY=100000 to measure")
	}
	ctx := context.Background()
	dir := os.Getenv("DATELINE_LATENCY_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	window, _ := strconv.Atoi(os.Getenv("DATELINE_RANK_WINDOW")) // 0: the default
	s, err := sqlite.Open(ctx, dir, sqlite.Options{RankWindow: window})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles < n {
		fillReplicated(t, s, n, st.Articles)
	}
	fi, err := os.Stat(s.Path())
	if err == nil {
		st, _ = s.Stats(ctx)
		wal, _ := os.Stat(s.Path() + "-wal")
		size := fi.Size()
		if wal != nil {
			size += wal.Size()
		}
		t.Logf("store: %d articles, %d entities, %d mentions; %.1f MB, %.1f KB per article",
			st.Articles, st.Entities, st.Mentions, float64(size)/1e6, float64(size)/1e3/float64(st.Articles))
	}

	queries := []article.Query{
		{Text: "trump"},
		{Text: "coronavirus OR covid"},
		{Text: `"prime minister"`},
		{Text: "elect*"},
		{Text: "police -protest"},
		{Text: "earthquake"},
		{Text: "trump", Entities: []string{"Joe Biden"}},
		{Text: "election", Publishers: []string{"Daily Planet"}, From: "2020-01", To: "2020-12"},
		{Entities: []string{"Donald Trump"}},
		{},
		{Text: "said"},
	}
	const rounds = 30
	// Warm up: the first search loads the facet index.
	t0, cpu0 := time.Now(), cpuTime()
	if _, err := s.Search(ctx, article.Query{Text: "x"}); err != nil {
		t.Fatal(err)
	}
	t.Logf("first search (loads the facet index): %.0f ms, %.0f ms CPU", ms(time.Since(t0)), ms(cpuTime()-cpu0))
	// Each query on its own, rounds times: wall time, and CPU time,
	// steadier on a shared machine.
	for _, q := range queries {
		var ds []time.Duration
		var total int
		cpu0 := cpuTime()
		for range rounds {
			start := time.Now()
			res, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(start))
			total = res.Total
		}
		if total == 0 && q.Text != "" {
			t.Errorf("%+v: no results", q)
		}
		t.Logf("%-58s %7d matches  p50 %6.1f ms  p95 %6.1f ms  CPU %5.1f ms", describe(q), total, ms(pct(ds, 50)), ms(pct(ds, 95)),
			ms(cpuTime()-cpu0)/rounds)
	}
	// The mix in random order.
	all := make([]time.Duration, 0, rounds*len(queries))
	rng := rand.New(rand.NewPCG(1, 2))
	cpuStart := cpuTime()
	for range rounds {
		for _, i := range rng.Perm(len(queries)) {
			start := time.Now()
			if _, err := s.Search(ctx, queries[i]); err != nil {
				t.Fatal(err)
			}
			all = append(all, time.Since(start))
		}
	}
	t.Logf("the mix, %d searches, one client: p50 %.1f ms  p95 %.1f ms  p99 %.1f ms; CPU %.1f ms a search",
		len(all), ms(pct(all, 50)), ms(pct(all, 95)), ms(pct(all, 99)), ms(cpuTime()-cpuStart)/float64(len(all)))

	// The same mix from several clients at once.
	clients := 2 * runtime.GOMAXPROCS(0)
	var mu sync.Mutex
	var conc []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			for range rounds * len(queries) / clients {
				q := queries[rng.IntN(len(queries))]
				t0 := time.Now()
				if _, err := s.Search(ctx, q); err != nil {
					t.Error(err)
					return
				}
				d := time.Since(t0)
				mu.Lock()
				conc = append(conc, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Logf("the mix, %d searches, %d clients: p50 %.1f ms  p95 %.1f ms  p99 %.1f ms, %.0f searches/s",
		len(conc), clients, ms(pct(conc, 50)), ms(pct(conc, 95)), ms(pct(conc, 99)), float64(len(conc))/time.Since(start).Seconds())
}

// cpuTime is the CPU time this process has used, user and system: on a
// machine shared with other work, a steadier figure than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func describe(q article.Query) string {
	var parts []string
	if q.Text != "" {
		parts = append(parts, q.Text)
	}
	for _, e := range q.Entities {
		parts = append(parts, "entity="+e)
	}
	for _, p := range q.Publishers {
		parts = append(parts, "publisher="+p)
	}
	if q.From != "" || q.To != "" {
		parts = append(parts, q.From+".."+q.To)
	}
	if len(parts) == 0 {
		return "(browse: newest first, facets over all)"
	}
	return strings.Join(parts, " ")
}

func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	i := (len(s)*p + 99) / 100
	if i > 0 {
		i--
	}
	return s[min(i, len(s)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// fillReplicated stores the bundled corpus, extracted and annotated once,
// over and over until the store holds n articles. Copy k ends with a line
// naming k (its own id), comes from one of 24 publishers, and is dated k
// weeks after the original.
func fillReplicated(t *testing.T, s *sqlite.Store, n, have int) {
	ctx := context.Background()
	proc, err := newProcessor(runtime.GOMAXPROCS(0), ingest.DefaultMaxPageBytes, true, true)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), corpus.WikinewsName)
	write(t, in, corpus.Wikinews)
	var base []*article.Article
	if err := proc.run(ctx, []string{in}, func(a *article.Article) error { base = append(base, a); return nil }, func(string, error) {}); err != nil {
		t.Fatal(err)
	}
	publishers := []string{"Daily Planet", "The Globe", "Morning Herald", "Evening Post", "Wire Service", "City Times",
		"Northern Echo", "Southern Star", "Tribune", "Chronicle", "Gazette", "Courier", "Observer", "Examiner", "Sentinel",
		"Dispatch", "Ledger", "Register", "Bulletin", "Inquirer", "Monitor", "Record", "Journal", "Review"}
	start := time.Now()
	var batch []*article.Article
	stored := 0
	for k := have/len(base) + 1; have+stored < n; k++ {
		for _, b := range base {
			a := *b
			a.Paragraphs = append(slices.Clone(b.Paragraphs), fmt.Sprintf("Copy %d.", k))
			a.ComputeID()
			a.Source = fmt.Sprintf("%s#copy%d", b.Source, k)
			a.Publisher = article.Ptr(publishers[k%len(publishers)])
			if d, err := time.Parse("2006-01-02", article.DayOf(article.Str(b.Published))); err == nil {
				a.Published = article.Ptr(d.AddDate(0, 0, 7*(k%104)).Format("2006-01-02"))
			}
			batch = append(batch, &a)
			if len(batch) == 256 {
				r, err := s.PutBatch(ctx, batch)
				if err != nil {
					t.Fatal(err)
				}
				stored += r.Stored
				batch = batch[:0]
				if have+stored >= n {
					break
				}
			}
		}
	}
	if len(batch) > 0 {
		r, err := s.PutBatch(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		stored += r.Stored
	}
	el := time.Since(start)
	t.Logf("filled %d articles through PutBatch (256 a batch) in %.1f s: %.0f articles/s", stored, el.Seconds(), float64(stored)/el.Seconds())
}
