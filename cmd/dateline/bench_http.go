package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// defaultSearchMix is the query mix of `dateline bench http`: typical
// searches of a news archive, from a rare word to one in most articles,
// with and without filters (docs/store.md measures the same mix
// in-process).
var defaultSearchMix = []string{
	"q=trump",
	"q=coronavirus+OR+covid",
	"q=%22prime+minister%22",
	"q=elect*",
	"q=police+-protest",
	"q=earthquake",
	"q=trump&entity=Joe+Biden",
	"q=election&publisher=Daily+Planet&from=2020-01&to=2020-12",
	"entity=Donald+Trump",
	"",
	"q=said",
}

// httpBenchReport is `dateline bench http --json`.
type httpBenchReport struct {
	URL        string             `json:"url"`
	Clients    int                `json:"clients"`
	Seconds    float64            `json:"seconds"`
	Requests   int                `json:"requests"`
	Errors     int                `json:"errors"`
	PerSecond  float64            `json:"requests_per_sec"`
	P50        float64            `json:"p50_ms"`
	P95        float64            `json:"p95_ms"`
	P99        float64            `json:"p99_ms"`
	Max        float64            `json:"max_ms"`
	PerQuery   []httpQueryLatency `json:"per_query"`
	FirstError string             `json:"first_error,omitempty"`
}

type httpQueryLatency struct {
	Query    string  `json:"query"`
	Requests int     `json:"requests"`
	P50      float64 `json:"p50_ms"`
	P95      float64 `json:"p95_ms"`
}

// runBenchHTTP is a load generator for `dateline serve`, meant to run as
// a process of its own: clients send the search mix to /api/search as
// fast as answers come back, for a time, and the latencies are reported
// as percentiles.
func runBenchHTTP(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench http", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "http://127.0.0.1:8080", "the server's address")
	clients := fs.Int("clients", 4, "concurrent clients")
	duration := fs.Duration("duration", 30*time.Second, "how long to measure")
	warmup := fs.Duration("warmup", 3*time.Second, "how long to send the mix before measuring")
	queries := fs.String("queries", "", "file of query strings for /api/search, one a line (\"q=nato&from=2023-01\"); default: a built-in mix")
	asJSON := fs.Bool("json", false, "print one JSON object")
	setUsage(fs, stderr, "Usage: dateline bench http [flags]\n\nSearch latency under load: clients send a mix of searches to a running\n`dateline serve` and report p50/p95/p99.\n\nFlags:")
	if done, err := parseOutcome(fs.Parse(args)); done || err != nil {
		return err
	}
	if *clients < 1 || *duration <= 0 {
		return fmt.Errorf("bench http: --clients and --duration must be positive")
	}
	mix := defaultSearchMix
	if *queries != "" {
		var err error
		if mix, err = readQueries(*queries); err != nil {
			return err
		}
	}
	u, err := url.Parse(*base)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("bench http: bad --url %q", *base)
	}
	if !*asJSON {
		fmt.Fprintf(stderr, "dateline bench http: %d clients, %s warm-up, %s measured, %d queries, %s\n", *clients, *warmup, *duration, len(mix), *base)
	}
	rep, err := loadSearch(ctx, strings.TrimSuffix(*base, "/"), mix, *clients, *warmup, *duration)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(rep)
	}
	fmt.Fprintf(stdout, "%d searches in %.1f s (%.1f/s), %d errors, %d clients\n", rep.Requests, rep.Seconds, rep.PerSecond, rep.Errors, rep.Clients)
	fmt.Fprintf(stdout, "latency  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms\n", rep.P50, rep.P95, rep.P99, rep.Max)
	for _, q := range rep.PerQuery {
		fmt.Fprintf(stdout, "  %-60s %5d  p50 %7.1f ms  p95 %7.1f ms\n", orDefault(q.Query, "(browse)"), q.Requests, q.P50, q.P95)
	}
	if rep.FirstError != "" {
		fmt.Fprintf(stdout, "first error: %s\n", rep.FirstError)
	}
	return nil
}

// readQueries reads one query string a line; blank lines and lines
// starting with # are skipped.
func readQueries(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, strings.TrimPrefix(l, "?"))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("read %s: no queries", name)
	}
	return qs, nil
}

// loadSearch runs the clients and sums up what they measured after the
// warm-up.
func loadSearch(ctx context.Context, base string, mix []string, clients int, warmup, duration time.Duration) (*httpBenchReport, error) {
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true},
	}
	type sample struct {
		q int
		d time.Duration
	}
	var (
		mu       sync.Mutex
		samples  []sample
		errs     int
		firstErr string
		wg       sync.WaitGroup
	)
	start := time.Now()
	measureFrom := start.Add(warmup)
	end := measureFrom.Add(duration)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c)+1, 99))
			for ctx.Err() == nil {
				now := time.Now()
				if now.After(end) {
					return
				}
				i := rng.IntN(len(mix))
				err := getOK(ctx, client, base+"/api/search?"+mix[i])
				d := time.Since(now)
				if now.Before(measureFrom) {
					continue
				}
				mu.Lock()
				if err != nil {
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
				} else {
					samples = append(samples, sample{i, d})
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rep := &httpBenchReport{URL: base, Clients: clients, Seconds: duration.Seconds(), Requests: len(samples), Errors: errs, FirstError: firstErr}
	if len(samples) == 0 {
		return rep, fmt.Errorf("bench http: no search answered (%d errors; first: %s)", errs, firstErr)
	}
	rep.PerSecond = float64(len(samples)) / duration.Seconds()
	all := make([]time.Duration, 0, len(samples))
	byQuery := make([][]time.Duration, len(mix))
	for _, s := range samples {
		all = append(all, s.d)
		byQuery[s.q] = append(byQuery[s.q], s.d)
	}
	rep.P50, rep.P95, rep.P99 = percentileMS(all, 50), percentileMS(all, 95), percentileMS(all, 99)
	rep.Max = percentileMS(all, 100)
	for i, ds := range byQuery {
		if len(ds) > 0 {
			rep.PerQuery = append(rep.PerQuery, httpQueryLatency{Query: mix[i], Requests: len(ds), P50: percentileMS(ds, 50), P95: percentileMS(ds, 95)})
		}
	}
	return rep, nil
}

// getOK fetches u and reads the whole answer, which must be a 200.
func getOK(ctx context.Context, client *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return nil
}

// percentileMS is the p-th percentile of ds (nearest rank), in
// milliseconds; ds is sorted in place.
func percentileMS(ds []time.Duration, p float64) float64 {
	slices.Sort(ds)
	i := int(float64(len(ds))*p/100+0.5) - 1
	i = min(max(i, 0), len(ds)-1)
	return float64(ds[i].Microseconds()) / 1000
}
