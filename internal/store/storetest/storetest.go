package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

// Run runs the conformance suite. open returns a new, empty store that
// lives until the test ends (the suite closes it).
func Run(t *testing.T, open func(t *testing.T) article.Store) {
	fresh := func(t *testing.T) article.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	}
	for _, tc := range []struct {
		name string
		f    func(*testing.T, article.Store)
	}{
		{"PutGet", testPutGet},
		{"GetNotFound", testGetNotFound},
		{"Idempotent", testIdempotent},
		{"NilLists", testNilLists},
		{"Invalid", testInvalid},
		{"MergedEntities", testMergedEntities},
		{"ConcurrentPut", testConcurrentPut},
		{"Empty", testEmpty},
		{"SeesNewArticles", testSeesNew},
		{"Linked", testLinked},
		{"LinkedPlain", testLinkedPlain},
		{"LinkedInvalid", testLinkedInvalid},
		{"Merges", testMerges},
		{"Splits", testSplits},
		{"Regroup", testRegroup},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.f(t, fresh(t)) })
	}

	// The read-only tests share one filled store.
	s := fresh(t)
	FillLinked(t, s)
	for _, tc := range []struct {
		name string
		f    func(*testing.T, article.Store)
	}{
		{"SearchSemantics", testSearchSemantics},
		{"BadQueries", testBadQueries},
		{"EngineSyntaxIsText", testEngineSyntax},
		{"Filters", testFilters},
		{"Facets", testFacets},
		{"Ranking", testRanking},
		{"Ordering", testOrdering},
		{"Pagination", testPagination},
		{"Snippets", testSnippets},
		{"Hostile", testHostile},
		{"Trends", testTrends},
		{"EntityMentions", testEntityMentions},
		{"Entities", testEntities},
		{"Quotes", testQuotes},
		{"Stats", testStats},
		{"Stories", testStories},
		{"Story", testStory},
		{"SearchStories", testSearchStories},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.f(t, s) })
	}
}

// Fill stores the fixtures in s in one batch.
func Fill(t testing.TB, s article.Store) {
	t.Helper()
	r, err := s.PutBatch(context.Background(), Fixtures())
	if err != nil {
		t.Fatalf("PutBatch(fixtures): %v", err)
	}
	if r.Stored != len(Fixtures()) || r.Skipped != 0 {
		t.Fatalf("PutBatch(fixtures) = %+v, want %d stored", r, len(Fixtures()))
	}
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testPutGet(t *testing.T, s article.Store) {
	ctx := context.Background()
	Fill(t, s)
	for _, want := range Fixtures() {
		got, err := s.Get(ctx, want.ID)
		if err != nil {
			t.Fatalf("Get(%s): %v", want.ID, err)
		}
		if g, w := asJSON(t, got), asJSON(t, want); g != w {
			t.Errorf("Get(%s) =\n%s\nwant\n%s", want.ID, g, w)
		}
	}
}

func testGetNotFound(t *testing.T, s article.Store) {
	ctx := context.Background()
	Fill(t, s)
	for _, id := range []string{"0000000000000000", "", "' OR 1=1 --", IDNato + " "} {
		if _, err := s.Get(ctx, id); !errors.Is(err, article.ErrNotFound) {
			t.Errorf("Get(%q): err = %v, want ErrNotFound", id, err)
		}
	}
}

func testIdempotent(t *testing.T, s article.Store) {
	ctx := context.Background()
	fx := Fixtures()
	stored, err := s.Put(ctx, fx[0])
	if err != nil || !stored {
		t.Fatalf("Put(new) = %v, %v; want true", stored, err)
	}
	stored, err = s.Put(ctx, fx[0])
	if err != nil || stored {
		t.Fatalf("Put(again) = %v, %v; want false", stored, err)
	}
	batch := append(Fixtures(), Fixtures()[1]) // fx[0] stored, fx[1] twice
	r, err := s.PutBatch(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if want := (article.PutResult{Stored: len(fx) - 1, Skipped: 2}); r != want {
		t.Errorf("PutBatch = %+v, want %+v", r, want)
	}
	r, err = s.PutBatch(ctx, Fixtures())
	if err != nil || r.Stored != 0 || r.Skipped != len(fx) {
		t.Errorf("PutBatch(all again) = %+v, %v; want all skipped", r, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != len(fx) {
		t.Errorf("Stats.Articles = %d, want %d", st.Articles, len(fx))
	}
	// Counters must not move when an article is skipped.
	ents, err := s.Entities(ctx, article.EntityQuery{Text: "NATO"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ents.Results) != 1 || ents.Results[0].Articles != 2 || ents.Results[0].Mentions != 4 {
		t.Errorf("Entities(NATO) = %+v, want 2 articles, 4 mentions", ents.Results)
	}
	res, err := s.Search(ctx, article.Query{Text: "rightful"})
	if err != nil || res.Total != 1 {
		t.Errorf("Search(rightful) total = %v, %v; want 1: a skipped article must not be indexed twice", res, err)
	}
}

func testNilLists(t *testing.T, s article.Store) {
	ctx := context.Background()
	a := &article.Article{ID: "00000000000000aa", Source: "-", Paragraphs: []string{"Only text."}}
	if _, err := s.Put(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"00000000000000aa","source":"-","url":null,"publisher":null,"title":null,"authors":[],"published":null,"published_from":null,"language":null,"paragraphs":["Only text."],"captions":[],"removed":[],"entities":[],"quotes":[],"dates":[]}`
	if g := asJSON(t, got); g != want {
		t.Errorf("Get =\n%s\nwant\n%s", g, want)
	}
	empty := &article.Article{ID: "00000000000000ab", Source: "-"}
	if _, err := s.Put(ctx, empty); err != nil {
		t.Fatalf("Put(no paragraphs): %v", err)
	}
	if got, err := s.Get(ctx, empty.ID); err != nil || len(got.Paragraphs) != 0 || got.Paragraphs == nil {
		t.Errorf("Get(no paragraphs) = %+v, %v", got, err)
	}
}

func testInvalid(t *testing.T, s article.Store) {
	ctx := context.Background()
	if _, err := s.Put(ctx, &article.Article{Source: "x"}); !errors.Is(err, article.ErrInvalid) {
		t.Errorf("Put(no id): err = %v, want ErrInvalid", err)
	}
	batch := append(Fixtures(), &article.Article{Source: "x"})
	if _, err := s.PutBatch(ctx, batch); !errors.Is(err, article.ErrInvalid) {
		t.Errorf("PutBatch(one without id): err = %v, want ErrInvalid", err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 0 {
		t.Errorf("after a failed batch, Stats.Articles = %d, want 0: a batch is all or nothing", st.Articles)
	}
}

func testMergedEntities(t *testing.T, s article.Store) {
	ctx := context.Background()
	a := &article.Article{ID: "00000000000000ac", Source: "-", Paragraphs: []string{"Paris and Paris."},
		Entities: []article.Entity{
			{Name: "Paris", Type: "LOC", Mentions: []article.Mention{{P: 0, Start: 0, End: 5, Text: "Paris"}}},
			{Name: "Paris", Type: "PER", Mentions: []article.Mention{{P: 0, Start: 10, End: 15, Text: "Paris"}}},
			{Name: "Paris", Type: "LOC", Mentions: []article.Mention{{P: 0, Start: 10, End: 15, Text: "Paris"}}},
		}}
	if _, err := s.Put(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"name":"Paris","type":"LOC","mentions":[{"p":0,"start":0,"end":5,"text":"Paris"},{"p":0,"start":10,"end":15,"text":"Paris"}]},{"name":"Paris","type":"PER","mentions":[{"p":0,"start":10,"end":15,"text":"Paris"}]}]`
	if g := asJSON(t, got.Entities); g != want {
		t.Errorf("entities =\n%s\nwant\n%s", g, want)
	}
	ents, err := s.Entities(ctx, article.EntityQuery{Type: "LOC"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ents.Results) != 1 || ents.Results[0].Articles != 1 || ents.Results[0].Mentions != 2 {
		t.Errorf("Entities(LOC) = %+v, want Paris in 1 article with 2 mentions", ents.Results)
	}
}

func testConcurrentPut(t *testing.T, s article.Store) {
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := 0
	errs := make(chan error, 8)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := s.PutBatch(ctx, Fixtures())
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			stored += r.Stored
			mu.Unlock()
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Search(ctx, article.Query{Text: "nato"}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if stored != len(Fixtures()) {
		t.Errorf("4 concurrent PutBatch stored %d in all, want %d", stored, len(Fixtures()))
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != len(Fixtures()) {
		t.Errorf("Stats = %+v, %v; want %d articles", st, err, len(Fixtures()))
	}
}

// testSeesNew: what a search learns about the store (a backend may keep
// some of it in memory) never hides articles stored after it.
func testSeesNew(t *testing.T, s article.Store) {
	ctx := context.Background()
	fx := Fixtures()
	if _, err := s.PutBatch(ctx, fx[:2]); err != nil {
		t.Fatal(err)
	}
	for _, want := range []int{1, 2} {
		res, err := s.Search(ctx, article.Query{Text: "stoltenberg OR zelenskyy", Publishers: []string{"Reuters", "AP News"}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want || len(res.Facets.Entity) == 0 {
			t.Errorf("after storing %d: total %d, facets %v; want %d", len(fx[:want+1]), res.Total, res.Facets.Entity, want)
		}
		tr, err := s.Trends(ctx, article.Query{Entities: []string{"NATO"}})
		if err != nil || len(tr) != want {
			t.Errorf("Trends(NATO) = %v, %v; want %d days", tr, err, want)
		}
		if _, err := s.Put(ctx, fx[2]); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Search(ctx, article.Query{Speakers: []string{"Volodymyr Zelenskyy"}})
	if err != nil || res.Total != 1 {
		t.Errorf("a speaker first seen in the last article: %+v, %v", res, err)
	}
}

func testEmpty(t *testing.T, s article.Store) {
	ctx := context.Background()
	res, err := s.Search(ctx, article.Query{Text: "nato"})
	if err != nil {
		t.Fatal(err)
	}
	if g := asJSON(t, res); g != `{"total":0,"results":[],"facets":{"publisher":[],"entity":[],"speaker":[],"language":[]}}` {
		t.Errorf("Search on an empty store = %s", g)
	}
	if tr, err := s.Trends(ctx, article.Query{}); err != nil || tr == nil || len(tr) != 0 {
		t.Errorf("Trends on an empty store = %#v, %v; want []", tr, err)
	}
	if q, err := s.Quotes(ctx, article.QuoteQuery{}); err != nil || q.Total != 0 || q.Results == nil {
		t.Errorf("Quotes on an empty store = %+v, %v", q, err)
	}
	if e, err := s.Entities(ctx, article.EntityQuery{}); err != nil || e.Total != 0 || e.Results == nil {
		t.Errorf("Entities on an empty store = %+v, %v", e, err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Articles != 0 || st.First != nil {
		t.Errorf("Stats on an empty store = %+v, %v", st, err)
	}
}

// ids runs q and returns the ids of every match, sorted, after checking
// that Total agrees.
func ids(t *testing.T, s article.Store, q article.Query) []string {
	t.Helper()
	q.Limit = article.MaxLimit
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	var out []string
	for _, h := range res.Results {
		out = append(out, h.ID)
	}
	if res.Total != len(out) {
		t.Errorf("Search(%+v): total %d, %d results", q, res.Total, len(out))
	}
	sort.Strings(out)
	return out
}

func set(ids ...string) []string {
	out := append([]string{}, ids...)
	sort.Strings(out)
	return out
}

func name(id string) string {
	for n, v := range map[string]string{"nato": IDNato, "wildfire": IDWildfire, "zelensky": IDZelensky, "german": IDGerman,
		"hostile": IDHostile, "unicode": IDUnicode, "election": IDElection, "brief": IDBrief} {
		if v == id {
			return n
		}
	}
	return id
}

func names(ids []string) string {
	var n []string
	for _, id := range ids {
		n = append(n, name(id))
	}
	sort.Strings(n)
	return "[" + strings.Join(n, " ") + "]"
}

func testSearchSemantics(t *testing.T, s article.Store) {
	all := set(IDNato, IDWildfire, IDZelensky, IDGerman, IDHostile, IDUnicode, IDElection, IDBrief)
	tests := []struct {
		q    string
		want []string
	}{
		{"", all},
		{"   ", all},
		{"nato", set(IDNato, IDZelensky)},
		{"NATO", set(IDNato, IDZelensky)},
		{"nato ukraine", set(IDNato, IDZelensky)},
		{"nato AND kyiv", set(IDNato)},
		{"nato kyiv", set(IDNato)},
		{"nato OR wildfire", set(IDNato, IDZelensky, IDWildfire, IDBrief)},
		{"kyiv OR athens wildfire", set(IDNato, IDWildfire)},
		{"nato NOT kyiv", set(IDZelensky)},
		{"nato -kyiv", set(IDZelensky)},
		{"nato AND NOT (kyiv OR roadmap)", nil},
		{"wildfire -(greece athens)", set(IDBrief)},
		{`"rightful place"`, set(IDNato)},
		{`"place rightful"`, nil},
		{`"climate change"`, set(IDElection)},
		{`"change in climate"`, set(IDElection)},
		{`"climate policy"`, set(IDElection)},
		{`"climate chan"*`, set(IDElection)},
		{"elect*", set(IDElection)},
		{"electi*", set(IDElection)},
		{"elections", set(IDElection)},
		{"election", nil}, // no stemming: a prefix query is how to ask for forms
		{"zelensk*", set(IDZelensky)},
		{"ukrain*", set(IDNato, IDZelensky)},
		{"waldbrand", set(IDGerman)},
		{"ZÜRICH", set(IDGerman)},
		{"zurich", set(IDGerman)},
		{"arger", set(IDGerman)},
		{"cafe", set(IDUnicode)},
		{"café", set(IDUnicode)},
		{"NAÏVE", set(IDUnicode)},
		{"北京", set(IDUnicode)},
		{"angstrom", set(IDUnicode)},
		{"covid-19", nil},
		{"U.S.", set(IDElection)},
		{"“rightful place”", set(IDNato)},
		{"script", set(IDHostile)},
		{"javascript", set(IDHostile)},
		{"onerror", set(IDHostile)},
		{"nothingmatchesthis", nil},
		{"!!!", all}, // no words: browse
	}
	for _, tt := range tests {
		got := ids(t, s, article.Query{Text: tt.q})
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %s, want %s", tt.q, names(got), names(tt.want))
		}
	}
}

// leaks reports whether a message a user would see names the engine.
func leaks(msg string) bool {
	m := strings.ToLower(msg)
	for _, w := range []string{"sqlite", "sql logic", "fts5", "syntax error near", "pq:", "tsquery"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}

func testBadQueries(t *testing.T, s article.Store) {
	ctx := context.Background()
	bad := []article.Query{
		{Text: `"rightful place`},
		{Text: `nato AND`},
		{Text: `OR nato`},
		{Text: `(nato`},
		{Text: `nato)`},
		{Text: `()`},
		{Text: `-nato`},
		{Text: `NOT nato`},
		{Text: `nato OR -kyiv`},
		{Text: strings.Repeat("a ", article.MaxQueryTerms+1)},
		{Text: strings.Repeat("a", article.MaxQueryBytes+1)},
		{Text: "\xff"},
		{From: "yesterday"},
		{To: "2023-13"},
		{From: "2023-05", To: "2023-04"},
		{EventFrom: "soon"},
		{Limit: article.MaxLimit + 1},
		{Limit: -1},
		{Offset: -1},
		{Sort: "random"},
	}
	for _, q := range bad {
		_, err := s.Search(ctx, q)
		if !errors.Is(err, article.ErrBadQuery) {
			t.Errorf("Search(%+v): err = %v, want ErrBadQuery", q, err)
			continue
		}
		var qe *article.QueryError
		if !errors.As(err, &qe) || qe.Reason == "" || leaks(qe.Error()) {
			t.Errorf("Search(%+v): %v: want a QueryError with a reason in our words", q, err)
		}
		if q.Text != "" {
			if _, err := s.Trends(ctx, article.Query{Text: q.Text}); !errors.Is(err, article.ErrBadQuery) {
				t.Errorf("Trends(%q): err = %v, want ErrBadQuery", q.Text, err)
			}
			if _, err := s.Quotes(ctx, article.QuoteQuery{Text: q.Text}); !errors.Is(err, article.ErrBadQuery) {
				t.Errorf("Quotes(%q): err = %v, want ErrBadQuery", q.Text, err)
			}
		}
	}
	for _, q := range []article.QuoteQuery{{From: "x"}, {Limit: -5}, {Offset: -1}} {
		if _, err := s.Quotes(ctx, q); !errors.Is(err, article.ErrBadQuery) {
			t.Errorf("Quotes(%+v): err = %v, want ErrBadQuery", q, err)
		}
	}
	if _, err := s.Entities(ctx, article.EntityQuery{Limit: article.MaxLimit + 1}); !errors.Is(err, article.ErrBadQuery) {
		t.Errorf("Entities(huge limit): err = %v, want ErrBadQuery", err)
	}
}

// testEngineSyntax: what an engine would read as syntax is text to us:
// each query either finds what its words find or is a bad query, never
// another error.
func testEngineSyntax(t *testing.T, s article.Store) {
	ctx := context.Background()
	for _, q := range []string{
		`title:nato`, `body:nato`, `{title body}: nato`, `nato^`, `^nato`, `NEAR(nato kyiv)`, `NEAR(nato kyiv, 2)`,
		`nato + kyiv`, `nato*kyiv`, `nato:*`, `nato & kyiv`, `nato | kyiv`, `!nato`, `nato <-> kyiv`, `'nato'`,
		`rank:bm25`, `nato" OR "1"="1`, `nato'; DROP TABLE articles; --`, `\"`, `*`, `"*"`, `nato**`, `(((nato)))`,
		`a AND b OR c NOT d`, "nato\x00kyiv", `NOT NOT nato`, `AND`, `OR`, `NOT`, `"" OR ""`, `-`, `--nato`,
	} {
		_, err := s.Search(ctx, article.Query{Text: q})
		if err != nil && !errors.Is(err, article.ErrBadQuery) {
			t.Errorf("Search(%q): %v, want results or ErrBadQuery", q, err)
		}
		if err != nil && leaks(err.Error()) {
			t.Errorf("Search(%q): %v names the engine", q, err)
		}
	}
	if got := ids(t, s, article.Query{Text: `title:nato`}); len(got) != 0 {
		// "title:nato" is one word of two tokens, "title nato", in order.
		t.Errorf(`Search("title:nato") = %s, want nothing: no article has "title nato"`, names(got))
	}
	if got := ids(t, s, article.Query{Text: `NEAR(wildfire athens)`}); !slices.Equal(got, set(IDWildfire)) {
		t.Errorf(`Search("NEAR(wildfire athens)") = %s, want [wildfire]: NEAR is a word ("near Athens") and the group an AND`, names(got))
	}
	if _, err := s.Search(ctx, article.Query{Text: "nato", Publishers: []string{"' OR 1=1 --"}, Entities: []string{`"; DROP TABLE x`}}); err != nil {
		t.Errorf("filters with SQL in them: %v", err)
	}
}

func testFilters(t *testing.T, s article.Store) {
	tests := []struct {
		name string
		q    article.Query
		want []string
	}{
		{"publisher", article.Query{Publishers: []string{"Reuters"}}, set(IDWildfire, IDZelensky, IDBrief)},
		{"publisher case", article.Query{Publishers: []string{"reuters"}}, set(IDWildfire, IDZelensky, IDBrief)},
		{"publishers any", article.Query{Publishers: []string{"AP News", "Der Spiegel"}}, set(IDNato, IDGerman, IDElection)},
		{"publisher with text", article.Query{Text: "wildfire", Publishers: []string{"Reuters"}}, set(IDWildfire, IDBrief)},
		{"publisher unknown", article.Query{Publishers: []string{"Nobody"}}, nil},
		{"publisher verbatim", article.Query{Publishers: []string{"Evil <b>News</b>"}}, set(IDHostile)},
		{"entity", article.Query{Entities: []string{"NATO"}}, set(IDNato, IDZelensky)},
		{"entity case", article.Query{Entities: []string{"jens stoltenberg"}}, set(IDNato, IDZelensky)},
		{"entities all", article.Query{Entities: []string{"Jens Stoltenberg", "Volodymyr Zelenskyy"}}, set(IDZelensky)},
		{"entity typed", article.Query{Entities: []string{"Greece"}, EntityType: "LOC"}, set(IDWildfire, IDBrief)},
		{"entity wrong type", article.Query{Entities: []string{"Greece"}, EntityType: "PER"}, nil},
		{"entity with text", article.Query{Text: "roadmap", Entities: []string{"NATO"}}, set(IDZelensky)},
		{"entity unicode", article.Query{Entities: []string{"Zoë Ångström"}}, set(IDUnicode)},
		{"entity folded", article.Query{Entities: []string{"zoe angstrom"}}, set(IDUnicode)},
		{"speaker folded", article.Query{Speakers: []string{"ZOË ÅNGSTRÖM"}}, set(IDUnicode)},
		{"entity hostile", article.Query{Entities: []string{"<script>"}}, set(IDHostile)},
		{"speaker", article.Query{Speakers: []string{"Volodymyr Zelenskyy"}}, set(IDZelensky)},
		{"speaker case", article.Query{Speakers: []string{"JENS STOLTENBERG"}}, set(IDNato, IDZelensky)},
		{"speakers all", article.Query{Speakers: []string{"Jens Stoltenberg", "Volodymyr Zelenskyy"}}, set(IDZelensky)},
		{"speaker not entity", article.Query{Speakers: []string{"Kyiv"}}, nil},
		{"language", article.Query{Language: "de"}, set(IDGerman)},
		{"language with text", article.Query{Text: "athens OR athen", Language: "en"}, set(IDWildfire)},
		{"from", article.Query{From: "2023-07-17"}, set(IDWildfire, IDGerman, IDBrief)},
		{"to", article.Query{To: "2023-04-20"}, set(IDNato, IDElection)},
		{"month", article.Query{From: "2023-04", To: "2023-04"}, set(IDNato, IDZelensky, IDElection)},
		{"year", article.Query{From: "2023", To: "2023"}, set(IDNato, IDWildfire, IDZelensky, IDGerman, IDUnicode, IDElection, IDBrief)},
		{"day", article.Query{From: "2023-05-02", To: "2023-05-02"}, set(IDUnicode)},
		{"range with text", article.Query{Text: "nato", From: "2023-04-21"}, set(IDZelensky)},
		{"event day", article.Query{EventFrom: "2023-04-20", EventTo: "2023-04-20"}, set(IDNato)},
		{"event week", article.Query{EventFrom: "2023-07-12", EventTo: "2023-07-12"}, set(IDWildfire)},
		{"event year", article.Query{EventFrom: "2024"}, set(IDElection)},
		{"event open start", article.Query{EventTo: "2022-12"}, set(IDElection)},
		{"event and published", article.Query{EventFrom: "2023-05", EventTo: "2023-12", To: "2023-06"}, set(IDUnicode)},
		{"all together", article.Query{Text: "stoltenberg", Publishers: []string{"Reuters"}, Entities: []string{"NATO"}, EntityType: "ORG",
			Speakers: []string{"Volodymyr Zelenskyy"}, Language: "en", From: "2023-04-21", To: "2023-04-21"}, set(IDZelensky)},
	}
	for _, tt := range tests {
		got := ids(t, s, tt.q)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Search(%+v) = %s, want %s", tt.name, tt.q, names(got), names(tt.want))
		}
	}
}

func facetString(fs []article.FacetCount) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.Value)
		if f.Type != "" {
			b.WriteString("/" + f.Type)
		}
		fmt.Fprintf(&b, ":%d", f.Count)
	}
	return b.String()
}

func testFacets(t *testing.T, s article.Store) {
	ctx := context.Background()
	tests := []struct {
		q                                    article.Query
		publisher, entity, speaker, language string
	}{
		{article.Query{Text: "nato"}, "AP News:1, Reuters:1", "Jens Stoltenberg/PER:2, NATO/ORG:2, Ukraine/LOC:2, Kyiv/LOC:1, Volodymyr Zelenskyy/PER:1",
			"Jens Stoltenberg:2, Volodymyr Zelenskyy:1", "en:2"},
		{article.Query{Text: "wildfire OR waldbrand"}, "Reuters:2, Der Spiegel:1", "Greece/LOC:2, Athens/LOC:1, Italy/LOC:1, Spain/LOC:1, Vassilis Kikilias/PER:1",
			"Vassilis Kikilias:1", "en:2, de:1"},
		// Facets count over every match, not the page, and follow the filters.
		{article.Query{Text: "nato", Limit: 1, Publishers: []string{"Reuters"}}, "Reuters:1", "Jens Stoltenberg/PER:1, NATO/ORG:1, Ukraine/LOC:1, Volodymyr Zelenskyy/PER:1",
			"Jens Stoltenberg:1, Volodymyr Zelenskyy:1", "en:1"},
		// The entity type narrows the entity facet.
		{article.Query{Text: "nato", EntityType: "LOC"}, "AP News:1, Reuters:1", "Ukraine/LOC:2, Kyiv/LOC:1", "Jens Stoltenberg:2, Volodymyr Zelenskyy:1", "en:2"},
		{article.Query{Text: "nato", FacetLimit: 1}, "AP News:1", "Jens Stoltenberg/PER:2", "Jens Stoltenberg:2", "en:2"},
		{article.Query{Text: "nato", FacetLimit: -1}, "", "", "", ""},
		{article.Query{Text: "nothingmatchesthis"}, "", "", "", ""},
		{article.Query{Publishers: []string{"Evil <b>News</b>"}}, "Evil <b>News</b>:1", "<script>/ORG:1", "<b>Mallory</b>:1", ""},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, tt.q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", tt.q, err)
		}
		f := res.Facets
		if f.Publisher == nil || f.Entity == nil || f.Speaker == nil || f.Language == nil {
			t.Errorf("Search(%+v): a facet is nil, want []", tt.q)
		}
		for _, c := range []struct{ name, got, want string }{
			{"publisher", facetString(f.Publisher), tt.publisher},
			{"entity", facetString(f.Entity), tt.entity},
			{"speaker", facetString(f.Speaker), tt.speaker},
			{"language", facetString(f.Language), tt.language},
		} {
			if c.got != c.want {
				t.Errorf("Search(%+v): %s facet = %s, want %s", tt.q, c.name, c.got, c.want)
			}
		}
	}
	// Browsing has facets too: every article.
	res, err := s.Search(ctx, article.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := facetString(res.Facets.Publisher), "Reuters:3, AP News:2, Der Spiegel:1, Evil <b>News</b>:1, Xinhua:1"; g != w {
		t.Errorf("browse: publisher facet = %s, want %s", g, w)
	}
}

func testRanking(t *testing.T, s article.Store) {
	ctx := context.Background()
	// "wildfire" is in the title of one Reuters article and once in the
	// body of the other: the headline wins.
	res, err := s.Search(ctx, article.Query{Text: "wildfire"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 2 || res.Results[0].ID != IDWildfire || res.Results[1].ID != IDBrief {
		t.Fatalf("Search(wildfire) = %v, want [wildfire brief]", hitNames(res.Results))
	}
	if !(res.Results[0].Score > res.Results[1].Score) || res.Results[1].Score <= 0 {
		t.Errorf("scores %v, %v: want positive and falling", res.Results[0].Score, res.Results[1].Score)
	}
	// Three mentions and the title beat one mention.
	res, err = s.Search(ctx, article.Query{Text: "nato"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 2 || res.Results[0].ID != IDNato {
		t.Errorf("Search(nato) = %v, want the Kyiv story first", hitNames(res.Results))
	}
	// Relevance can be traded for dates.
	res, err = s.Search(ctx, article.Query{Text: "nato", Sort: article.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 2 || res.Results[0].ID != IDNato {
		t.Errorf("Search(nato, oldest) = %v, want the Kyiv story (04-20) first", hitNames(res.Results))
	}
	res, err = s.Search(ctx, article.Query{Text: "nato", Sort: article.SortNewest})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 2 || res.Results[0].ID != IDZelensky {
		t.Errorf("Search(nato, newest) = %v, want the Zelenskyy story (04-21) first", hitNames(res.Results))
	}
}

func hitNames(hs []article.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, name(h.ID))
	}
	return out
}

func testOrdering(t *testing.T, s article.Store) {
	ctx := context.Background()
	res, err := s.Search(ctx, article.Query{})
	if err != nil {
		t.Fatal(err)
	}
	got := hitNames(res.Results)
	// Newest first; equal days in reverse order of storing; undated last.
	want := []string{"german", "brief", "wildfire", "unicode", "zelensky", "election", "nato", "hostile"}
	if !slices.Equal(got, want) {
		t.Errorf("browse order = %v, want %v", got, want)
	}
	for _, h := range res.Results {
		if h.Score != 0 {
			t.Errorf("browse: score %v, want 0 without a query", h.Score)
		}
	}
	res, err = s.Search(ctx, article.Query{Sort: article.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	got = hitNames(res.Results)
	want = []string{"nato", "election", "zelensky", "unicode", "wildfire", "brief", "german", "hostile"}
	if !slices.Equal(got, want) {
		t.Errorf("oldest order = %v, want %v", got, want)
	}
	// The same query twice gives the same order.
	a, _ := s.Search(ctx, article.Query{Text: "said"})
	b, _ := s.Search(ctx, article.Query{Text: "said"})
	if !slices.Equal(hitNames(a.Results), hitNames(b.Results)) {
		t.Errorf("order changed between two runs: %v, %v", hitNames(a.Results), hitNames(b.Results))
	}
}

func testPagination(t *testing.T, s article.Store) {
	ctx := context.Background()
	for _, text := range []string{"", "said OR the"} {
		whole, err := s.Search(ctx, article.Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var paged []string
		for off := 0; off < whole.Total+2; off += 3 {
			res, err := s.Search(ctx, article.Query{Text: text, Limit: 3, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != whole.Total {
				t.Errorf("%q offset %d: total %d, want %d", text, off, res.Total, whole.Total)
			}
			if len(res.Results) > 3 {
				t.Errorf("%q offset %d: %d results for limit 3", text, off, len(res.Results))
			}
			paged = append(paged, hitNames(res.Results)...)
		}
		if !slices.Equal(paged, hitNames(whole.Results)) {
			t.Errorf("%q: pages %v, want %v", text, paged, hitNames(whole.Results))
		}
	}
	res, err := s.Search(ctx, article.Query{Offset: 1000})
	if err != nil || len(res.Results) != 0 || res.Results == nil || res.Total != 8 {
		t.Errorf("past the end: %+v, %v; want no results, total 8", res, err)
	}
}

func testSnippets(t *testing.T, s article.Store) {
	ctx := context.Background()
	for _, tt := range []struct {
		q     string
		words []string // what each highlight may cover, folded
	}{
		{"nato", []string{"nato"}},
		{"kyiv OR rightful", []string{"kyiv", "rightful"}},
		{`"rightful place"`, []string{"rightful place"}}, // a phrase is one highlight
		{"elect*", []string{"elections", "elected"}},
		{"cafe", []string{"café"}},
		{"zurich", []string{"zürich"}},
		{"onerror", []string{"onerror"}},
		{"href", []string{"href"}},
	} {
		res, err := s.Search(ctx, article.Query{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Results) == 0 {
			t.Errorf("Search(%q): no results", tt.q)
			continue
		}
		for _, h := range res.Results {
			if strings.Contains(h.Snippet, "\n") {
				t.Errorf("Search(%q): snippet %q holds a newline", tt.q, h.Snippet)
			}
			if len(h.Highlights) == 0 && h.ID != IDWildfire && h.ID != IDNato {
				t.Errorf("Search(%q) %s: no highlights in %q", tt.q, name(h.ID), h.Snippet)
			}
			prev := 0
			for _, sp := range h.Highlights {
				if sp.Start < prev || sp.End <= sp.Start || sp.End > len(h.Snippet) {
					t.Errorf("Search(%q): bad span %+v in %q", tt.q, sp, h.Snippet)
					continue
				}
				prev = sp.End
				if w := strings.ToLower(h.Snippet[sp.Start:sp.End]); !slices.Contains(tt.words, w) {
					t.Errorf("Search(%q): highlight %q, want one of %q", tt.q, w, tt.words)
				}
			}
			var joined strings.Builder
			for _, p := range article.SnippetParts(h.Snippet, h.Highlights) {
				joined.WriteString(p.Text)
			}
			if joined.String() != h.Snippet {
				t.Errorf("SnippetParts does not rebuild %q", h.Snippet)
			}
		}
	}
	// Without text a snippet is the start of the body.
	res, err := s.Search(ctx, article.Query{Publishers: []string{"Der Spiegel"}})
	if err != nil || len(res.Results) != 1 {
		t.Fatalf("browse Der Spiegel: %+v, %v", res, err)
	}
	if h := res.Results[0]; !strings.HasPrefix(h.Snippet, "Der Waldbrand bei Athen") || len(h.Highlights) != 0 {
		t.Errorf("browse snippet = %q %v, want the body's start, no highlights", h.Snippet, h.Highlights)
	}
}

// testHostile: article text is stored and returned verbatim; markup is
// never interpreted, escaped or stripped by the store.
func testHostile(t *testing.T, s article.Store) {
	ctx := context.Background()
	want := Fixtures()[4]
	got, err := s.Get(ctx, IDHostile)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := asJSON(t, got), asJSON(t, want); g != w {
		t.Errorf("Get(hostile) =\n%s\nwant\n%s", g, w)
	}
	res, err := s.Search(ctx, article.Query{Text: "exploit"})
	if err != nil || len(res.Results) != 1 {
		t.Fatalf("Search(exploit) = %+v, %v", res, err)
	}
	h := res.Results[0]
	if article.Str(h.Title) != `<script>alert("title")</script> Breaking exploit` || article.Str(h.Publisher) != "Evil <b>News</b>" {
		t.Errorf("hit title %q, publisher %q: want them verbatim", article.Str(h.Title), article.Str(h.Publisher))
	}
	if !strings.Contains(h.Snippet, `<a href="javascript:alert(1)">here</a>`) {
		t.Errorf("snippet %q: want the link verbatim", h.Snippet)
	}
	q, err := s.Quotes(ctx, article.QuoteQuery{Speaker: "<b>Mallory</b>"})
	if err != nil || len(q.Results) != 1 || q.Results[0].Text != `<a href="javascript:alert(1)">here</a>` {
		t.Errorf("Quotes(<b>Mallory</b>) = %+v, %v", q, err)
	}
	e, err := s.Entities(ctx, article.EntityQuery{Text: "<script"})
	if err != nil || len(e.Results) != 1 || e.Results[0].Name != "<script>" {
		t.Errorf("Entities(<script) = %+v, %v", e, err)
	}
	// LIKE wildcards in the name filter are literal.
	for _, q := range []string{"%", "_", `\`} {
		e, err := s.Entities(ctx, article.EntityQuery{Text: q})
		if err != nil || e.Total != 0 {
			t.Errorf("Entities(%q) = %+v, %v; want none: wildcards are literal", q, e, err)
		}
	}
}

func testTrends(t *testing.T, s article.Store) {
	ctx := context.Background()
	tests := []struct {
		q    article.Query
		want string
	}{
		{article.Query{Text: "nato"}, `[{"date":"2023-04-20","count":1},{"date":"2023-04-21","count":1}]`},
		{article.Query{Text: "said"}, `[{"date":"2023-04-20","count":2},{"date":"2023-04-21","count":1},{"date":"2023-05-02","count":1},{"date":"2023-07-17","count":1}]`},
		{article.Query{Entities: []string{"Greece"}}, `[{"date":"2023-07-17","count":2}]`},
		{article.Query{Publishers: []string{"AP News"}}, `[{"date":"2023-04-20","count":2}]`},
		{article.Query{Text: "nato", From: "2023-04-21", Limit: 1, Offset: 5}, `[{"date":"2023-04-21","count":1}]`},
		{article.Query{Text: "exploit"}, `[]`}, // undated articles have no day
		{article.Query{Text: "nothingmatchesthis"}, `[]`},
	}
	for _, tt := range tests {
		got, err := s.Trends(ctx, tt.q)
		if err != nil {
			t.Fatalf("Trends(%+v): %v", tt.q, err)
		}
		if g := asJSON(t, got); g != tt.want {
			t.Errorf("Trends(%+v) = %s, want %s", tt.q, g, tt.want)
		}
	}
}

func testEntityMentions(t *testing.T, s article.Store) {
	ctx := context.Background()
	tests := []struct{ name, typ, want string }{
		{"Jens Stoltenberg", "PER", `[{"date":"2023-04-20","count":1,"mentions":2},{"date":"2023-04-21","count":1,"mentions":1}]`},
		{"jens stoltenberg", "", `[{"date":"2023-04-20","count":1,"mentions":2},{"date":"2023-04-21","count":1,"mentions":1}]`},
		{"Greece", "LOC", `[{"date":"2023-07-17","count":2,"mentions":2}]`},
		{"<script>", "ORG", `[]`}, // known, but only in an undated article
	}
	for _, tt := range tests {
		got, err := s.EntityMentions(ctx, tt.name, tt.typ)
		if err != nil {
			t.Fatalf("EntityMentions(%q, %q): %v", tt.name, tt.typ, err)
		}
		if g := asJSON(t, got); g != tt.want {
			t.Errorf("EntityMentions(%q, %q) = %s, want %s", tt.name, tt.typ, g, tt.want)
		}
	}
	for _, e := range [][2]string{{"Nobody", ""}, {"Greece", "PER"}, {"", ""}} {
		if _, err := s.EntityMentions(ctx, e[0], e[1]); !errors.Is(err, article.ErrNotFound) {
			t.Errorf("EntityMentions(%q, %q): err = %v, want ErrNotFound", e[0], e[1], err)
		}
	}
}

func entityString(es []article.EntityCount) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s/%s:%d/%d", e.Name, e.Type, e.Articles, e.Mentions)
	}
	return b.String()
}

func testEntities(t *testing.T, s article.Store) {
	ctx := context.Background()
	tests := []struct {
		q     article.EntityQuery
		total int
		want  string
	}{
		{article.EntityQuery{Type: "PER"}, 4, "Jens Stoltenberg/PER:2/3, Volodymyr Zelenskyy/PER:1/2, Vassilis Kikilias/PER:1/1, Zoë Ångström/PER:1/1"},
		{article.EntityQuery{Type: "ORG"}, 2, "NATO/ORG:2/4, <script>/ORG:1/1"},
		{article.EntityQuery{Text: "stolt"}, 1, "Jens Stoltenberg/PER:2/3"},
		{article.EntityQuery{Text: "GREE"}, 1, "Greece/LOC:2/2"},
		{article.EntityQuery{Text: "ångström"}, 1, "Zoë Ångström/PER:1/1"},
		{article.EntityQuery{Type: "LOC", Limit: 2}, 7, "Ukraine/LOC:2/3, Greece/LOC:2/2"},
		{article.EntityQuery{Type: "LOC", Limit: 2, Offset: 2}, 7, "Athens/LOC:1/1, Italy/LOC:1/1"},
		{article.EntityQuery{Text: "zoe angstrom"}, 1, "Zoë Ångström/PER:1/1"},
		{article.EntityQuery{Type: "MISC"}, 0, ""},
	}
	for _, tt := range tests {
		got, err := s.Entities(ctx, tt.q)
		if err != nil {
			t.Fatalf("Entities(%+v): %v", tt.q, err)
		}
		if g := entityString(got.Results); g != tt.want || got.Total != tt.total {
			t.Errorf("Entities(%+v) = %d: %s, want %d: %s", tt.q, got.Total, g, tt.total, tt.want)
		}
	}
	all, err := s.Entities(ctx, article.EntityQuery{Limit: article.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 13 || len(all.Results) != 13 {
		t.Errorf("Entities() = %d (%d listed), want 13", all.Total, len(all.Results))
	}
	for i := 1; i < len(all.Results); i++ {
		if all.Results[i].Articles > all.Results[i-1].Articles {
			t.Errorf("Entities(): %v before %v, want most articles first", all.Results[i-1], all.Results[i])
		}
	}
}

func quoteString(qs []article.QuoteHit) string {
	var b strings.Builder
	for i, q := range qs {
		if i > 0 {
			b.WriteString(" | ")
		}
		fmt.Fprintf(&b, "%s: %s (%s %s)", article.Str(q.Speaker), q.Text, name(q.ArticleID), article.Str(q.Published))
	}
	return b.String()
}

func testQuotes(t *testing.T, s article.Store) {
	ctx := context.Background()
	tests := []struct {
		q     article.QuoteQuery
		total int
		want  string
	}{
		{article.QuoteQuery{Speaker: "Jens Stoltenberg"}, 2,
			"Jens Stoltenberg: the door remains open (zelensky 2023-04-21) | Jens Stoltenberg: Ukraine’s rightful place is in NATO (nato 2023-04-20)"},
		{article.QuoteQuery{Speaker: "jens stoltenberg", Text: "rightful"}, 1, "Jens Stoltenberg: Ukraine’s rightful place is in NATO (nato 2023-04-20)"},
		{article.QuoteQuery{Speaker: "Jens Stoltenberg", To: "2023-04-20"}, 1, "Jens Stoltenberg: Ukraine’s rightful place is in NATO (nato 2023-04-20)"},
		{article.QuoteQuery{Speaker: "Jens Stoltenberg", From: "2023-04-21"}, 1, "Jens Stoltenberg: the door remains open (zelensky 2023-04-21)"},
		{article.QuoteQuery{Text: "roadmap OR naive"}, 2, "Zoë Ångström: The mood was naïve optimism (unicode 2023-05-02) | Volodymyr Zelenskyy: We need a roadmap (zelensky 2023-04-21)"},
		{article.QuoteQuery{Text: `"door remains"`}, 1, "Jens Stoltenberg: the door remains open (zelensky 2023-04-21)"},
		{article.QuoteQuery{Speaker: "Nobody"}, 0, ""},
		{article.QuoteQuery{From: "2023-07", Limit: 1}, 1, "Vassilis Kikilias: the wildfire risk remains high (wildfire 2023-07-17)"},
		{article.QuoteQuery{Limit: 2, Offset: 1}, 7, "Zoë Ångström: The mood was naïve optimism (unicode 2023-05-02) | Volodymyr Zelenskyy: We need a roadmap (zelensky 2023-04-21)"},
		{article.QuoteQuery{Speaker: "ZOE ANGSTROM"}, 1, "Zoë Ångström: The mood was naïve optimism (unicode 2023-05-02)"},
	}
	for _, tt := range tests {
		got, err := s.Quotes(ctx, tt.q)
		if err != nil {
			t.Fatalf("Quotes(%+v): %v", tt.q, err)
		}
		if g := quoteString(got.Results); g != tt.want || got.Total != tt.total {
			t.Errorf("Quotes(%+v) = %d: %s\nwant %d: %s", tt.q, got.Total, g, tt.total, tt.want)
		}
	}
	// A quote comes back whole, with its article.
	got, err := s.Quotes(ctx, article.QuoteQuery{Speaker: "Volodymyr Zelenskyy"})
	if err != nil || len(got.Results) != 1 {
		t.Fatalf("Quotes(Zelenskyy) = %+v, %v", got, err)
	}
	want := `{"kind":"direct","text":"We need a roadmap","speaker":"Volodymyr Zelenskyy","speaker_type":"PER","cue":"said","p":1,"start":3,"end":20,"mention":{"p":1,"start":25,"end":34,"text":"Zelenskyy"},"article_id":"` +
		IDZelensky + `","title":"Zelenskyy urges allies to speed up membership talks","published":"2023-04-21"}`
	if g := asJSON(t, got.Results[0]); g != want {
		t.Errorf("quote =\n%s\nwant\n%s", g, want)
	}
}

func testStats(t *testing.T, s article.Store) {
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"articles":8,"entities":13,"mentions":22,"quotes":7,"dates":5,"first":"2023-04-20","last":"2023-07-18"}`
	if g := asJSON(t, st); g != want {
		t.Errorf("Stats = %s, want %s", g, want)
	}
}
