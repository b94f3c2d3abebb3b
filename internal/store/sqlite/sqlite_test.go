package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), t.TempDir(), Options{Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) article.Store { return open(t) })
}

func TestCheckAfterFill(t *testing.T) {
	s := open(t)
	defer s.Close()
	storetest.FillLinked(t, s)
	if err := s.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestRankWindow: past the window, matches are listed newest first after
// the ranked ones; totals and pages stay whole.
func TestRankWindow(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, dir, Options{RankWindow: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var batch []*article.Article
	for i := range 10 {
		text := "Storm warning."
		if i == 0 {
			text = "Storm storm storm warning." // the best match, stored first
		}
		pub := "New"
		if i < 2 {
			pub = "Old"
		}
		a := &article.Article{Source: "x", Publisher: article.Ptr(pub), Paragraphs: []string{text, fmt.Sprint("Article ", i)}}
		a.ComputeID()
		batch = append(batch, a)
	}
	if _, err := s.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, article.Query{Text: "storm", FacetLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 10 || len(res.Results) != 10 {
		t.Fatalf("total %d, %d results; want 10", res.Total, len(res.Results))
	}
	var order []string
	for _, h := range res.Results {
		order = append(order, h.Snippet[len(h.Snippet)-1:])
	}
	// Ranked: the newest three (9, 8, 7, tied: by key); then 6 … 0.
	if got := strings.Join(order, ""); got != "7896543210" {
		t.Errorf("order %s, want 7896543210", got)
	}
	for _, h := range res.Results {
		if h.Score <= 0 {
			t.Errorf("%s: score %v, want every hit scored", h.ID, h.Score)
		}
	}
	page, err := s.Search(ctx, article.Query{Text: "storm", Limit: 4, Offset: 2})
	if err != nil || len(page.Results) != 4 || page.Results[0].ID != res.Results[2].ID || page.Results[3].ID != res.Results[5].ID {
		t.Errorf("page 2..5 = %v, %v", page.Results, err)
	}

	// Filtered to the two oldest, both within 2×5 matches of the newest:
	// both ranked, the best first.
	five, err := Open(ctx, dir, Options{RankWindow: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer five.Close()
	res, err = five.Search(ctx, article.Query{Text: "storm", Publishers: []string{"Old"}})
	if err != nil || len(res.Results) != 2 || res.Results[0].ID != batch[0].ID {
		t.Errorf("filtered, within the look-back: %v, %v; want article 0 first", res.Results, err)
	}
	// With a window of 2, the look-back (4 matches) stops short of them:
	// newest first, each still scored.
	two, err := Open(ctx, dir, Options{RankWindow: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()
	res, err = two.Search(ctx, article.Query{Text: "storm", Publishers: []string{"Old"}})
	if err != nil || len(res.Results) != 2 || res.Results[0].ID != batch[1].ID || res.Results[1].Score <= 0 {
		t.Errorf("filtered, past the look-back: %v, %v; want article 1, then 0, scored", res.Results, err)
	}

	all, err := Open(ctx, dir, Options{RankWindow: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	res, err = all.Search(ctx, article.Query{Text: "storm"})
	if err != nil || res.Results[0].ID != batch[0].ID {
		t.Errorf("without a window the best match comes first: %v, %v", res.Results, err)
	}
}

// TestTwoProcesses: a store open in one process sees what another stores.
func TestSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	reader, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	writer, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	fx := storetest.Fixtures()
	for i, a := range fx {
		if _, err := writer.Put(ctx, a); err != nil {
			t.Fatal(err)
		}
		res, err := reader.Search(ctx, article.Query{FacetLimit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != i+1 {
			t.Fatalf("after %d stored elsewhere, the reader sees %d", i+1, res.Total)
		}
	}
	if err := reader.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := migrations()
	if v, err := s.SchemaVersion(ctx); err != nil || v != len(ms) {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, len(ms))
	}
	var applied string
	if err := s.r.QueryRow(`SELECT applied_at FROM schema_version WHERE version = 1`).Scan(&applied); err != nil || applied != "" && len(applied) != 20 {
		t.Errorf("applied_at %q, %v", applied, err)
	}
	var mode string
	var fk int
	s.r.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	s.r.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	if mode != "wal" || fk != 1 {
		t.Errorf("journal_mode %q, foreign_keys %d; want wal, 1", mode, fk)
	}
	// A newer program's schema is refused, not misread.
	if _, err := s.w.Exec(`INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'future', 'x')`, len(ms)+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, dir, Options{}); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("Open(newer schema): %v, want ErrSchemaTooNew", err)
	}
	// Reopening applies nothing twice.
	dir2 := t.TempDir()
	for range 2 {
		s, err := Open(ctx, dir2, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		s.r.QueryRow(`SELECT count(*) FROM schema_version`).Scan(&n)
		if n != len(ms) {
			t.Errorf("schema_version has %d rows, want %d", n, len(ms))
		}
		s.Close()
	}
}

func TestOpenMustExist(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	if _, err := Open(context.Background(), dir, Options{MustExist: true}); !errors.Is(err, ErrNoStore) {
		t.Errorf("Open(missing, MustExist): %v, want ErrNoStore", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("Open(MustExist) created %s", dir)
	}
	// A database file may be named directly.
	s := open(t)
	path := s.Path()
	s.Close()
	s2, err := Open(context.Background(), path, Options{MustExist: true})
	if err != nil {
		t.Fatalf("Open(file): %v", err)
	}
	s2.Close()
}

// FuzzSearch: whatever the query, Search answers or says ErrBadQuery.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"nato", `"a b"*`, `a OR (b -c)`, `NEAR(a b)`, `title:x`, "\x00", `"`, `*`, `a^b`} {
		f.Add(q)
	}
	s, err := Open(context.Background(), f.TempDir(), Options{})
	if err != nil {
		f.Fatal(err)
	}
	storetest.Fill(f, s)
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, q string) {
		_, err := s.Search(context.Background(), article.Query{Text: q})
		if err != nil && !errors.Is(err, article.ErrBadQuery) {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// TestMigrationStories upgrades a store written before stories (schema
// 1, with articles) to schema 2: the articles stay, they have no links,
// the checks pass, and the migration's SQL is harmless run twice.
func TestMigrationStories(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Fill(t, s)
	for _, q := range []string{`DROP TABLE signatures`, `DROP TABLE dup_groups`, `DROP TABLE links`, `DROP TABLE stories`,
		`DELETE FROM schema_version WHERE version = 2`} {
		if _, err := s.w.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	if s, err = Open(ctx, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ms, _ := migrations()
	if v, err := s.SchemaVersion(ctx); err != nil || v != len(ms) {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, len(ms))
	}
	if _, err := s.w.Exec(ms[1].sql); err != nil {
		t.Errorf("migration 2 again: %v", err)
	}
	n := 0
	if err := s.StoredLinks(ctx, func(l article.StoredLink) error {
		n++
		if l.Story != 0 || l.Signature != nil {
			t.Errorf("%+v: links before any were written", l)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != len(storetest.Fixtures()) {
		t.Errorf("%d articles after the upgrade, want %d", n, len(storetest.Fixtures()))
	}
	if _, err := s.PutLinked(ctx, nil, storetest.FixtureLinks()); err != nil {
		t.Fatalf("links for articles stored before: %v", err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestParseKeys(t *testing.T) {
	cases := []struct {
		in   string
		top  int64
		want []int64
		err  bool
	}{
		{"", 10, nil, false},
		{"1,2,3", 10, []int64{1, 2, 3}, false},
		{"1,5,12,30", 12, []int64{1, 5, 12}, false},
		{"7,3,3,9", 100, []int64{3, 7, 9}, false},
		{"1,,2", 10, nil, true},
		{"1,x", 10, nil, true},
		{"99999999999999999999", 10, nil, true},
	}
	for _, c := range cases {
		got, err := parseKeys([]byte(c.in), c.top, nil)
		if (err != nil) != c.err || !c.err && !slices.Equal(got, c.want) {
			t.Errorf("parseKeys(%q, %d) = %v, %v; want %v (error %v)", c.in, c.top, got, err, c.want, c.err)
		}
	}
}

// TestPrefixRanking: a prefix is matched by FTS5 itself and ranked as an
// OR of its completions; what it finds and in what order do not depend
// on the rewriting.
func TestPrefixRanking(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir(), Options{RankWindow: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	texts := []string{
		"Electric cars sold well.",
		"The election, the election and the election again.",
		"They elected a mayor.",
		"An elegant speech.",
		"L'ÉLECTION présidentielle.",
	}
	var batch []*article.Article
	for _, x := range texts {
		a := &article.Article{Source: "x", Paragraphs: []string{x}}
		a.ComputeID()
		batch = append(batch, a)
	}
	if _, err := s.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"elect*", "Élect*", "ELECT*"} {
		res, err := s.Search(ctx, article.Query{Text: q, FacetLimit: -1})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if res.Total != 4 || len(res.Results) != 4 {
			t.Fatalf("%s: %d matches, want 4 (not the elegant one)", q, res.Total)
		}
		for i, h := range res.Results {
			if h.Score <= 0 || i > 0 && h.Score > res.Results[i-1].Score {
				t.Errorf("%s: %s scored %v after %v", q, h.ID, h.Score, res.Results[max(i-1, 0)].Score)
			}
		}
	}
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	f, err := buildFilter(article.Query{Text: `elect* -"electric cars" zzz*`})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.rankMatch(ctx, tx, f)
	if err != nil {
		t.Fatal(err)
	}
	// election (2 articles) first; zzz* completes to nothing and stays.
	if want := `((("election" OR "elected" OR "electric") AND "zzz" *) NOT "electric cars")`; m != want {
		t.Errorf("rank match %s, want %s", m, want)
	}
	if res, err := s.Search(ctx, article.Query{Text: "zzz*"}); err != nil || res.Total != 0 {
		t.Errorf("zzz*: %v, %v", res, err)
	}
}

// BenchmarkGet reads the fixtures back one Get at a time, as the article
// page and the restoring of stories at the start of an ingest do.
func BenchmarkGet(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.Fill(b, s)
	fx := storetest.Fixtures()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := s.Get(ctx, fx[i%len(fx)].ID); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
