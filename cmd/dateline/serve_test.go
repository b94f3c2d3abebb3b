package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dateline-news/dateline/corpus"
)

// lockedBuffer is a writer two goroutines may share: the command writes,
// the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var servingRE = regexp.MustCompile(`dateline: serving (\d+) articles at (http://\S+/)`)

// startCommand runs a command that serves until its context ends, and
// returns the address it prints and a func, safe to call twice, that
// stops it and returns its error and stderr.
func startCommand(t *testing.T, wait time.Duration, f func(context.Context, []string, io.Writer, io.Writer) error, args ...string) (articles, url string, stop func() (error, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() { done <- f(ctx, args, &stdout, &stderr) }()
	var (
		once    sync.Once
		stopErr error
	)
	stop = func() (error, string) {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(15 * time.Second):
				stopErr = errors.New("the command did not stop")
			}
		})
		return stopErr, stderr.String()
	}
	deadline := time.After(wait)
	for {
		if m := servingRE.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], m[2], stop
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("the command ended before serving: %v\n%s", err, stderr.String())
		case <-deadline:
			err, errs := stop()
			t.Fatalf("no address after %v: %v\n%s", wait, err, errs)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func getBody(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	db := fixtureStore(t)
	n, base, stop := startCommand(t, 30*time.Second, runServe, "--db", db, "--addr", "127.0.0.1:0")
	if n != "8" {
		t.Errorf("serving %s articles, want 8", n)
	}
	if code, body := getBody(t, base+"api/search?q=nato"); code != 200 || !strings.Contains(body, `"total":2`) {
		t.Errorf("search: %d %s", code, body)
	}
	if code, body := getBody(t, base+"api/search?q=%22nato"); code != 400 || !strings.Contains(body, `"error"`) {
		t.Errorf("bad search: %d %s", code, body)
	}
	if code, body := getBody(t, base); code != 200 || !strings.Contains(body, "<title>Search · dateline</title>") {
		t.Errorf("home page: %d", code)
	}
	res, err := http.Post(base+"api/search", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a write without a token: %d", res.StatusCode)
	}
	err, stderr := stop()
	if err != nil {
		t.Errorf("stopped with %v", err)
	}
	for _, want := range []string{"msg=request method=GET path=/api/search status=200", "status=400", "status=403", "dateline: stopped"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestServeErrors(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, err := call(t, runServe, "--db", filepath.Join(dir, "none"), "--addr", "127.0.0.1:0"); err == nil || !strings.Contains(err.Error(), "dateline ingest") {
		t.Errorf("no store: %v %s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "none")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("serve created a store: %v", err)
	}
	if _, _, err := call(t, runServe, "extra"); !errors.Is(err, errUsage) {
		t.Errorf("an argument: %v", err)
	}
	if _, stderr, err := call(t, runServe, "-h"); err != nil || !strings.Contains(stderr, "--addr") && !strings.Contains(stderr, "-addr") {
		t.Errorf("-h: %v %s", err, stderr)
	}
	// The address is taken.
	db := fixtureStore(t)
	_, base, stop := startCommand(t, 30*time.Second, runServe, "--db", db, "--addr", "127.0.0.1:0")
	defer stop()
	addr := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	if _, _, err := call(t, runServe, "--db", db, "--addr", addr); err == nil || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("address in use: %v", err)
	}
	if _, _, err := call(t, runDemo, "--workers", "0"); !errors.Is(err, errUsage) {
		t.Errorf("demo --workers 0: %v", err)
	}
}

// TestDemo runs the README's main command: the bundled corpus ingested
// into a fresh temporary store and served, the store removed at the end.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the demo ingests the whole corpus")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	n, base, stop := startCommand(t, 5*time.Minute, runDemo, "--addr", "127.0.0.1:0", "--workers", "2")
	defer stop()
	if n != "291" {
		t.Errorf("serving %s articles, want 291", n)
	}
	entries, _ := os.ReadDir(tmp)
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "dateline-demo-") {
		t.Fatalf("while serving, the temporary folder holds %v", entries)
	}
	db := filepath.Join(tmp, entries[0].Name())
	for _, name := range []string{corpus.WikinewsName, "dateline.db"} {
		if _, err := os.Stat(filepath.Join(db, name)); err != nil {
			t.Errorf("the demo's folder: %v", err)
		}
	}

	code, body := getBody(t, base+"api/search?q=Trump")
	var res struct {
		Total   int `json:"total"`
		Results []struct {
			Title string  `json:"title"`
			Score float64 `json:"score"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || code != 200 {
		t.Fatalf("search Trump: %d %v %s", code, err, body)
	}
	if res.Total < 10 || len(res.Results) == 0 {
		t.Fatalf("search Trump: %d results", res.Total)
	}
	for i := 1; i < len(res.Results); i++ {
		if res.Results[i].Score > res.Results[i-1].Score {
			t.Errorf("results out of rank order at %d: %v > %v", i, res.Results[i].Score, res.Results[i-1].Score)
		}
	}
	if !strings.Contains(res.Results[0].Title, "Trump") {
		t.Errorf("best result for Trump: %q", res.Results[0].Title)
	}

	code, page := getBody(t, base+"speakers/Donald%20Trump")
	if code != 200 || strings.Count(page, "<blockquote") < 5 {
		t.Errorf("speaker page: %d, %d quotes", code, strings.Count(page, "<blockquote"))
	}
	if code, page := getBody(t, base+"?q=Trump"); code != 200 || !strings.Contains(page, "<mark>Trump</mark>") {
		t.Errorf("search page: %d", code)
	}
	if err, stderr := stop(); err != nil {
		t.Errorf("demo stopped with %v\n%s", err, stderr)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("after the demo, the temporary folder holds %v", entries)
	}
}
