package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline/internal/article"
)

// TestMeasurePair checks that the two ways are timed unit for unit: the
// same units for both, each for at least minTime, the slower one slower,
// and an error from either stops the pair.
func TestMeasurePair(t *testing.T) {
	// Busy work, not sleep: a sleep's least length is the timer's, the
	// same for both ways.
	spin := func(d time.Duration) {
		for start := time.Now(); time.Since(start) < d; {
		}
	}
	var seen [2][]int
	a, b := measurePair("a", "b", 20*time.Millisecond, 3,
		func(i int) error { seen[0] = append(seen[0], i); spin(100 * time.Microsecond); return nil },
		func(i int) error { seen[1] = append(seen[1], i); spin(400 * time.Microsecond); return nil })
	if a.err != nil || b.err != nil {
		t.Fatal(a.err, b.err)
	}
	if a.Pages != b.Pages || a.Pages < 10 {
		t.Errorf("units: %d and %d", a.Pages, b.Pages)
	}
	if a.Seconds < 0.02 || b.Seconds < 0.02 {
		t.Errorf("seconds: %v and %v, want each at least the least time", a.Seconds, b.Seconds)
	}
	if a.PagesPerSec <= b.PagesPerSec {
		t.Errorf("a %.0f units/s, b %.0f: the quicker way measured slower", a.PagesPerSec, b.PagesPerSec)
	}
	for k := range seen {
		for n, i := range seen[k][1:] { // after the warm-up, units in turn
			if i != n%3 {
				t.Fatalf("way %d got units %v", k, seen[k])
			}
		}
	}
	boom := errors.New("boom")
	a, b = measurePair("a", "b", time.Second, 3, func(int) error { return nil }, func(i int) error {
		if i == 2 {
			return boom
		}
		return nil
	})
	if !errors.Is(a.err, boom) || !errors.Is(b.err, boom) {
		t.Errorf("errors %v, %v; want boom", a.err, b.err)
	}
}

// TestBenchStore: every round stores every article anew (none skipped as
// stored), and the figure counts the timed rounds only.
func TestBenchStore(t *testing.T) {
	var arts []*article.Article
	for i := range 5 {
		arts = append(arts, &article.Article{ID: fmt.Sprint("art", i), Paragraphs: []string{
			fmt.Sprintf("The council of Town%d voted on Tuesday to close the bridge%d for repairs.", i, i)}})
	}
	f, err := benchStore(context.Background(), arts, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	rounds := f.Pages / len(arts)
	if f.Pages == 0 || f.Pages%len(arts) != 0 || f.PagesPerSec <= 0 {
		t.Fatalf("figure %+v", f)
	}
	// The warm-up round is stored too, and not counted.
	if want := fmt.Sprintf("the store held %d articles at the end", (rounds+1)*len(arts)); !strings.Contains(f.Note, want) {
		t.Errorf("note %q, want %q", f.Note, want)
	}
}
