package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/sqlite"
)

// call runs one of dateline's commands directly and returns its error and
// output.
func call(t *testing.T, f func(context.Context, []string, io.Writer, io.Writer) error, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = f(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// corpusLines returns the bundled corpus as JSON Lines, copies times over;
// copy k > 0 gets a closing paragraph naming k, so that every copy of an
// article has its own id.
func corpusLines(t testing.TB, copies int) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(corpus.Wikinews))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if copies == 1 {
		return raw
	}
	var out bytes.Buffer
	for k := range copies {
		sc := bufio.NewScanner(bytes.NewReader(raw))
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var rec map[string]any
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			if k > 0 {
				rec["text"] = fmt.Sprint(rec["text"], "\n\nThis is copy number ", k, " of the story.")
			}
			b, _ := json.Marshal(rec)
			out.Write(append(b, '\n'))
		}
	}
	return out.Bytes()
}

// summary decodes ingest --json's output.
func summary(t *testing.T, stdout string) ingestSummary {
	t.Helper()
	var s ingestSummary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("summary %q: %v", stdout, err)
	}
	return s
}

func openStore(t *testing.T, dir string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), dir, sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestIngestCorpusTwice(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, corpus.WikinewsName)
	write(t, in, corpus.Wikinews)
	db := filepath.Join(dir, "db")

	stdout, stderr, err := call(t, runIngest, "--db", db, "--workers", "2", "--json", in)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	first := summary(t, stdout)
	if first.Read != 291 || first.Failed != 0 || first.Stored+first.Skipped != 291 || first.Stored < 280 {
		t.Errorf("first ingest: %+v; want 291 read, about that many stored", first)
	}
	if !strings.Contains(stderr, fmt.Sprintf("291 read, %d stored", first.Stored)) {
		t.Errorf("stderr %q: want the summary line", stderr)
	}
	if strings.Contains(stderr, "\r") {
		t.Errorf("stderr is not a terminal, yet it got progress: %q", stderr)
	}

	stdout, stderr, err = call(t, runIngest, "--db", db, "--workers", "2", "--json", in)
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, stderr)
	}
	second := summary(t, stdout)
	t.Logf("ingest of the bundled corpus, 2 workers: %d stored in %.2f s (%.1f articles/s); again: %d skipped in %.2f s (%.1f articles/s)",
		first.Stored, first.Seconds, first.ArticlesPerSec, second.Skipped, second.Seconds, second.ArticlesPerSec)
	if second.Read != 291 || second.Stored != 0 || second.Skipped != 291 {
		t.Errorf("second ingest: %+v; want all 291 skipped", second)
	}

	s := openStore(t, db)
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if int64(st.Articles) != first.Stored || st.Entities == 0 || st.Mentions == 0 {
		t.Errorf("Stats = %+v; want %d articles with entities", st, first.Stored)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
	res, err := s.Search(ctx, article.Query{Text: "trump"})
	if err != nil || res.Total == 0 || res.Facets.Entity[0].Value == "" {
		t.Errorf("Search(trump) = %+v, %v", res, err)
	}
}

func TestIngestProgressOnTerminal(t *testing.T) {
	showProgress = func(io.Writer) bool { return true }
	defer func() { showProgress = isTerminal }()
	dir := t.TempDir()
	in := filepath.Join(dir, corpus.WikinewsName)
	write(t, in, corpus.Wikinews)
	_, stderr, err := call(t, runIngest, "--db", filepath.Join(dir, "db"), "--workers", "2", in, filepath.Join(dir, "missing.txt"))
	if !errors.Is(err, errSomeFailed) {
		t.Fatalf("err = %v, want errSomeFailed", err)
	}
	// Redrawn in place, with the total the inputs hold, then cleared
	// for the failure and the summary.
	for _, want := range []string{"\r\x1b[K", "/292 read, ", "/s, ETA ", "stored, ", "missing.txt", "292 read, 291 stored"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%q", want, stderr)
		}
	}
	if last := stderr[strings.LastIndex(stderr, "\r\x1b[K")+4:]; !strings.HasPrefix(last, "dateline ingest: 292 read") {
		t.Errorf("the summary does not follow a cleared line: %q", last)
	}
}

func TestIngestFailuresNamed(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "in", "a.txt"), []byte(storyA))
	write(t, filepath.Join(dir, "in", "b.html"), []byte(storyHTML(storyB)))
	write(t, filepath.Join(dir, "in", "empty.txt"), nil)
	write(t, filepath.Join(dir, "in", "c.jsonl"), []byte("{\"text\": \"x\"\nnot json\n"))
	db := filepath.Join(dir, "db")
	missing := filepath.Join(dir, "missing.txt")

	stdout, stderr, err := call(t, runIngest, "--db", db, "--json", filepath.Join(dir, "in"), missing)
	if !errors.Is(err, errSomeFailed) {
		t.Fatalf("err = %v, want errSomeFailed\n%s", err, stderr)
	}
	s := summary(t, stdout)
	if s.Stored != 2 || s.Failed < 3 || s.Read != s.Stored+s.Skipped+s.Failed {
		t.Errorf("summary %+v; want 2 stored, the rest failed", s)
	}
	for _, name := range []string{"empty.txt", "c.jsonl#1", "c.jsonl#2", "missing.txt"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, stderr)
		}
	}
	if !strings.Contains(stderr, fmt.Sprintf("%d failed", s.Failed)) {
		t.Errorf("the summary line does not count the failures:\n%s", stderr)
	}
}

func TestIngestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"--workers", "0", "x"}, {"--batch", "0", "x"}, {"--no-such-flag", "x"}} {
		if _, _, err := call(t, runIngest, args...); !errors.Is(err, errUsage) {
			t.Errorf("ingest %q: err = %v, want errUsage", args, err)
		}
	}
	if _, _, err := call(t, runIngest, "-h"); err != nil {
		t.Errorf("ingest -h: %v", err)
	}
}

func TestIngestEnvDB(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	write(t, in, []byte(storyA))
	db := filepath.Join(dir, "fromenv")
	t.Setenv("DATELINE_DB", db)
	if _, stderr, err := call(t, runIngest, in); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(db, sqlite.FileName)); err != nil {
		t.Errorf("DATELINE_DB: no store in %s: %v", db, err)
	}
}

func TestCountPages(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "f", "a.txt"), []byte("x"))
	write(t, filepath.Join(dir, "f", "b.HTML"), []byte("x"))
	write(t, filepath.Join(dir, "f", "skip.pdf"), []byte("x"))
	write(t, filepath.Join(dir, "f", "sub", "c.jsonl"), []byte("{}\n\n  \n{}\n{}"))
	write(t, filepath.Join(dir, "f", "sub", "d.jsonl.gz"), gz(t, []byte("{}\n{}\n")))
	write(t, filepath.Join(dir, "w.warc"), []byte("x"))
	ctx := context.Background()
	if n, ok := countPages(ctx, []string{filepath.Join(dir, "f")}); !ok || n != 7 {
		t.Errorf("countPages(folder) = %d, %v; want 7, true", n, ok)
	}
	if _, ok := countPages(ctx, []string{filepath.Join(dir, "f"), filepath.Join(dir, "w.warc")}); ok {
		t.Errorf("countPages(with a WARC): want unknown")
	}
	if _, ok := countPages(ctx, []string{"-"}); ok {
		t.Errorf("countPages(stdin): want unknown")
	}
}

func TestProgressLine(t *testing.T) {
	got := progressLine(10*time.Second, 100, 400, 90, 5, 5)
	if want := "100/400 read, 10.0/s, ETA 30s (90 stored, 5 skipped, 5 failed)"; got != want {
		t.Errorf("progressLine = %q, want %q", got, want)
	}
	if got := progressLine(2*time.Second, 10, 0, 10, 0, 0); got != "10 read, 5.0/s (10 stored, 0 skipped, 0 failed)" {
		t.Errorf("progressLine without a total = %q", got)
	}
}

// TestIngestCrashChild is the ingest the crash test kills: it runs only
// when the crash test starts this binary again for it.
func TestIngestCrashChild(t *testing.T) {
	args := os.Getenv("DATELINE_CRASH_CHILD_ARGS")
	if args == "" {
		t.Skip("run by TestIngestCrash")
	}
	var argv []string
	if err := json.Unmarshal([]byte(args), &argv); err != nil {
		t.Fatal(err)
	}
	err := runIngest(context.Background(), argv, io.Discard, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
}

// TestIngestCrash kills an ingest with SIGKILL in the middle, reruns it,
// and checks that the store holds every article exactly once, as a store
// filled in one clean run does, and passes SQLite's integrity checks.
func TestIngestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: two ingests and a killed one")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "copies.jsonl")
	write(t, in, corpusLines(t, 2)) // 582 articles: a few seconds of work
	crashed := filepath.Join(dir, "crashed")
	args := []string{"--db", crashed, "--workers", "2", "--batch", "8", in}
	ctx := context.Background()

	for round, killAt := range []int{40, 200} {
		argv, _ := json.Marshal(args)
		cmd := exec.Command(os.Args[0], "-test.run=^TestIngestCrashChild$")
		cmd.Env = append(os.Environ(), "DATELINE_CRASH_CHILD_ARGS="+string(argv))
		var childErr bytes.Buffer
		cmd.Stderr = &childErr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var probe *sqlite.Store
		killed := false
		deadline := time.Now().Add(2 * time.Minute)
	wait:
		for time.Now().Before(deadline) {
			select {
			case err := <-exited:
				t.Fatalf("round %d: the ingest ended (%v) before it was killed; make the input larger\n%s", round, err, childErr.String())
			case <-time.After(10 * time.Millisecond):
			}
			if probe == nil {
				s, err := sqlite.Open(ctx, crashed, sqlite.Options{MustExist: true})
				if err != nil {
					continue
				}
				probe = s
			}
			st, err := probe.Stats(ctx)
			if err == nil && st.Articles >= killAt*(round+1) {
				if err := cmd.Process.Kill(); err != nil { // SIGKILL
					t.Fatal(err)
				}
				killed = true
				break wait
			}
		}
		if !killed {
			cmd.Process.Kill()
			t.Fatalf("round %d: the store never reached %d articles\n%s", round, killAt, childErr.String())
		}
		err := <-exited
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != -1 {
			t.Fatalf("round %d: child exit %v, want killed by a signal", round, err)
		}
		// The store a killed ingest leaves behind opens and is sound
		// before any rerun.
		if err := probe.Check(ctx); err != nil {
			t.Fatalf("round %d: after the kill: %v", round, err)
		}
		st, _ := probe.Stats(ctx)
		t.Logf("round %d: killed with %d articles stored", round, st.Articles)
		probe.Close()
	}

	stdout, stderr, err := call(t, runIngest, append([]string{"--json"}, args...)...)
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, stderr)
	}
	rerun := summary(t, stdout)
	if rerun.Skipped == 0 || rerun.Stored == 0 || rerun.Failed != 0 {
		t.Errorf("rerun: %+v; want some skipped (stored before the kills), some stored", rerun)
	}

	clean := filepath.Join(dir, "clean")
	stdout, stderr, err = call(t, runIngest, "--db", clean, "--workers", "2", "--json", in)
	if err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, stderr)
	}
	ref := summary(t, stdout)

	a, b := openStore(t, crashed), openStore(t, clean)
	if err := a.Check(ctx); err != nil {
		t.Errorf("after the rerun: %v", err)
	}
	sa, _ := a.Stats(ctx)
	sb, _ := b.Stats(ctx)
	if ja, jb := asJSON(t, sa), asJSON(t, sb); ja != jb || int64(sa.Articles) != ref.Stored {
		t.Errorf("killed twice and rerun: %s\nin one run:           %s (%d stored)", ja, jb, ref.Stored)
	}
	// Every article is there once and whole: the same search totals, the
	// same entity counts and the same articles, field for field.
	for _, q := range []string{"said", "trump", `"prime minister"`, "copy"} {
		ra, err1 := a.Search(ctx, article.Query{Text: q, Limit: article.MaxLimit, FacetLimit: 50})
		rb, err2 := b.Search(ctx, article.Query{Text: q, Limit: article.MaxLimit, FacetLimit: 50})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if ra.Total != rb.Total || !sameFacets(ra.Facets, rb.Facets) {
			t.Errorf("Search(%q): total %d vs %d, or facets differ", q, ra.Total, rb.Total)
		}
		for _, h := range rb.Results {
			ga, err1 := a.Get(ctx, h.ID)
			gb, err2 := b.Get(ctx, h.ID)
			if err1 != nil || err2 != nil {
				t.Fatalf("Get(%s): %v, %v", h.ID, err1, err2)
			}
			ga.Source, gb.Source = "", ""
			ja, _ := json.Marshal(ga)
			jb, _ := json.Marshal(gb)
			if !bytes.Equal(ja, jb) {
				t.Errorf("article %s differs after the crash", h.ID)
			}
		}
	}
	ea, _ := a.Entities(ctx, article.EntityQuery{Limit: article.MaxLimit})
	eb, _ := b.Entities(ctx, article.EntityQuery{Limit: article.MaxLimit})
	ja, _ := json.Marshal(ea)
	jb, _ := json.Marshal(eb)
	if !bytes.Equal(ja, jb) {
		t.Errorf("entity counts differ after the crash")
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

func sameFacets(a, b article.Facets) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}
