package server

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// openStore returns a SQLite store in a temporary folder holding as.
func openStore(t testing.TB, as []*article.Article) article.Store {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.PutBatch(context.Background(), as); err != nil {
		t.Fatal(err)
	}
	return st
}

// openLinkedStore returns a SQLite store holding the fixtures in their
// stories and duplicate groups.
func openLinkedStore(t testing.TB) article.Store {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	storetest.FillLinked(t, st)
	return st
}

// newTestServer serves the storetest fixtures.
func newTestServer(t testing.TB, opt Options) *Server {
	t.Helper()
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s, err := New(openLinkedStore(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// get serves one request and returns the response and its body.
func get(t testing.TB, h http.Handler, method, target string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestAPI(t *testing.T) {
	s := newTestServer(t, Options{})
	nato := url.PathEscape(storetest.IDNato)
	tests := []struct {
		name   string
		target string
		status int
		golden string // compare the body with testdata/GOLDEN.json
		want   []string
	}{
		{name: "search", target: "/api/search?q=nato", status: 200, golden: "search_nato"},
		{name: "search filters", target: "/api/search?q=wildfire&publisher=Reuters&from=2023-07&to=2023-07-31&lang=en&limit=5", status: 200, golden: "search_wildfire_filtered"},
		{name: "search entity and speaker", target: "/api/search?entity=NATO&speaker=Jens+Stoltenberg", status: 200, want: []string{`"total":2`}},
		{name: "search repeated publisher", target: "/api/search?publisher=Reuters&publisher=AP+News&facets=0", status: 200, want: []string{`"total":5`}},
		{name: "browse", target: "/api/search", status: 200, want: []string{`"total":8`}},
		{name: "articles lists", target: "/api/articles?limit=1", status: 200, want: []string{`"total":8`}},
		{name: "search bad syntax", target: "/api/search?q=%22nato", status: 400, want: []string{`{"error":"`}},
		{name: "search dangling operator", target: "/api/search?q=nato+AND", status: 400},
		{name: "search bad date", target: "/api/search?from=2023-13", status: 400},
		{name: "search bad sort", target: "/api/search?sort=sideways", status: 400},
		{name: "search bad type", target: "/api/search?type=ANIMAL", status: 400},
		{name: "search bad limit", target: "/api/search?limit=ten", status: 400, want: []string{`"limit must be a whole number"`}},
		{name: "search limit clamped", target: "/api/search?limit=100000&offset=-5", status: 200, want: []string{`"total":8`}},
		{name: "search huge offset clamped", target: "/api/search?offset=99999999999999999999", status: 200, want: []string{`"results":[]`}},
		{name: "search long query", target: "/api/search?q=" + strings.Repeat("a", 2000), status: 400},
		{name: "search not UTF-8", target: "/api/search?q=%ff%fe", status: 400},
		{name: "article", target: "/api/articles/" + nato, status: 200, golden: "article_nato"},
		{name: "article unknown", target: "/api/articles/0000000000000000", status: 404, want: []string{`{"error":"not found"}`}},
		{name: "article odd id", target: "/api/articles/%3Cscript%3E", status: 404},
		{name: "quotes by speaker", target: "/api/quotes?speaker=Jens+Stoltenberg", status: 200, golden: "quotes_stoltenberg"},
		{name: "quotes words and dates", target: "/api/quotes?q=roadmap&from=2023-04&to=2023-04", status: 200, want: []string{`"total":1`, `"We need a roadmap"`}},
		{name: "quotes bad query", target: "/api/quotes?q=(roadmap", status: 400},
		{name: "entities", target: "/api/entities?type=LOC", status: 200, golden: "entities_loc"},
		{name: "entities by name", target: "/api/entities?q=stolt", status: 200, want: []string{`"name":"Jens Stoltenberg"`}},
		{name: "entities bad type", target: "/api/entities?type=X", status: 400},
		{name: "entity mentions", target: "/api/entities/PER/Jens%20Stoltenberg/mentions", status: 200, golden: "mentions_stoltenberg"},
		{name: "entity mentions unknown", target: "/api/entities/PER/Nobody/mentions", status: 404},
		{name: "entity mentions bad type", target: "/api/entities/X/NATO/mentions", status: 400},
		{name: "trends query", target: "/api/trends?q=wildfire", status: 200, golden: "trends_wildfire"},
		{name: "trends entity", target: "/api/trends?entity=NATO", status: 200, want: []string{`{"series":[{"date":"2023-04-20","count":1},{"date":"2023-04-21","count":1}]}`}},
		{name: "trends nothing", target: "/api/trends?q=zebra", status: 200, want: []string{`{"series":[]}`}},
		{name: "trends bad", target: "/api/trends?q=OR", status: 400},
		{name: "stats", target: "/api/stats", status: 200, golden: "stats"},
		{name: "stories", target: "/api/stories", status: 200, golden: "stories"},
		{name: "stories filtered", target: "/api/stories?q=wildfire&from=2023-07&limit=5", status: 200, want: []string{`"total":1`, `"label":"Athens, wildfire, heat"`}},
		{name: "stories by entity", target: "/api/stories?entity=NATO", status: 200, want: []string{`"total":1`, `"id":1,`}},
		{name: "stories paged", target: "/api/stories?limit=1&offset=3", status: 200, want: []string{`"total":4`, `"id":4,`}},
		{name: "stories bad query", target: "/api/stories?q=%22nato", status: 400},
		{name: "stories bad date", target: "/api/stories?to=2023-02-30", status: 400},
		{name: "story", target: "/api/stories/2", status: 200, golden: "story_wildfire"},
		{name: "story hostile label", target: "/api/stories/4", status: 200, want: []string{`\u003ci\u003evoters\u003c/i\u003e`}},
		{name: "story unknown", target: "/api/stories/99", status: 404, want: []string{`{"error":"not found"}`}},
		{name: "story not a number", target: "/api/stories/x%3Cscript%3E", status: 404},
		{name: "story zero", target: "/api/stories/0", status: 404},
		{name: "search grouped", target: "/api/search?q=wildfire&collapse=story", status: 200, want: []string{`"total":1`, `"matches":2`, `"copies":2`, `"story":2`}},
		{name: "search collapse bad", target: "/api/search?collapse=sideways", status: 400},
		{name: "article related", target: "/api/articles/" + url.PathEscape(storetest.IDBrief), status: 200, want: []string{`"story":{"id":2,"label":"Athens, wildfire, heat"}`, `"duplicates":1`}},
		{name: "unknown route", target: "/api/nothing", status: 404, want: []string{`"error"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, s, "GET", tt.target)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, body)
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			var v any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatalf("not JSON: %v: %s", err, body)
			}
			if res.StatusCode >= 400 {
				if e, _ := v.(map[string]any)["error"].(string); e == "" {
					t.Errorf("no error message: %s", body)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %s:\n%s", w, body)
				}
			}
			if tt.golden != "" {
				golden(t, tt.golden, body)
			}
		})
	}
}

// golden compares body, indented with its keys in the order served, with
// testdata/NAME.json; -update rewrites the file.
func golden(t *testing.T, name, body string) {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(body), "", "  "); err != nil {
		t.Fatal(err)
	}
	got := b.Bytes()
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (-update rewrites it):\n%s", path, got)
	}
}

func TestAPIArticleIsTheStoredArticle(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, want := range storetest.Fixtures() {
		res, body := get(t, s, "GET", "/api/articles/"+want.ID)
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d", want.ID, res.StatusCode)
		}
		var got article.Article
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(&got)
		if string(wb) != string(gb) {
			t.Errorf("%s:\n got %s\nwant %s", want.ID, gb, wb)
		}
	}
}

func TestHealthz(t *testing.T) {
	s := newTestServer(t, Options{})
	res, body := get(t, s, "GET", "/healthz")
	if res.StatusCode != 200 || body != "ok\n" {
		t.Errorf("status %d, body %q", res.StatusCode, body)
	}
}
