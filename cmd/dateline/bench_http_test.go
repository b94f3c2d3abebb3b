package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestBenchHTTP(t *testing.T) {
	var hits, bad atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/search" {
			bad.Add(1)
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		if r.URL.Query().Get("q") == "slow" {
			time.Sleep(20 * time.Millisecond)
		}
		w.Write([]byte(`{"total":0,"results":[]}`))
	}))
	defer srv.Close()
	qs := filepath.Join(t.TempDir(), "queries")
	os.WriteFile(qs, []byte("# a comment\nq=slow\n?q=fast\n\n"), 0o644)
	var out, errOut bytes.Buffer
	err := runBench(context.Background(), []string{"http", "--url", srv.URL + "/", "--clients", "2", "--warmup", "100ms", "--duration", "500ms", "--queries", qs, "--json"}, &out, &errOut)
	if err != nil {
		t.Fatalf("bench http: %v\n%s", err, errOut.String())
	}
	var rep httpBenchReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if rep.Requests == 0 || rep.Errors != 0 || bad.Load() != 0 || len(rep.PerQuery) != 2 {
		t.Fatalf("report %+v (bad paths %d)", rep, bad.Load())
	}
	if int64(rep.Requests) > hits.Load() {
		t.Errorf("%d requests reported, %d served", rep.Requests, hits.Load())
	}
	for _, q := range rep.PerQuery {
		if q.Query == "q=slow" && q.P50 < 20 || q.Query == "q=fast" && q.P50 >= 20 {
			t.Errorf("%s: p50 %.1f ms", q.Query, q.P50)
		}
	}
	if rep.P50 > rep.P95 || rep.P95 > rep.P99 || rep.P99 > rep.Max {
		t.Errorf("percentiles out of order: %+v", rep)
	}
}

func TestBenchHTTPErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":"bad query"}`, http.StatusBadRequest)
	}))
	defer srv.Close()
	var out, errOut bytes.Buffer
	err := runBench(context.Background(), []string{"http", "--url", srv.URL, "--clients", "1", "--warmup", "0s", "--duration", "200ms"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "400") {
		t.Errorf("err = %v, want one naming the 400", err)
	}
	if err := runBench(context.Background(), []string{"http", "--url", "nowhere"}, &out, &errOut); err == nil {
		t.Error("a bad --url was accepted")
	}
}

func TestPercentileMS(t *testing.T) {
	ds := []time.Duration{5 * time.Millisecond, time.Millisecond, 3 * time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond}
	for p, want := range map[float64]float64{50: 3, 95: 5, 100: 5, 1: 1} {
		if got := percentileMS(ds, p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
}
