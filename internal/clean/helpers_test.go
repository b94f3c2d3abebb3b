package clean

import (
	"flag"
	"sync"
	"testing"
)

var (
	update = flag.Bool("update", false, "rewrite the golden files under testdata/")
	// bugs runs the table cases marked as known bugs instead of skipping
	// them: they fail until the cleaner is fixed, which is how a fix is
	// seen (go test ./internal/clean -run Caption -bugs).
	bugs = flag.Bool("bugs", false, "run the cases skipped as known bugs")
)

// knownBug skips the current case when note is set, unless -bugs asks
// to run it.
func knownBug(t *testing.T, note string) {
	t.Helper()
	if note != "" && !*bugs {
		t.Skip("BUG: " + note)
	}
}

var (
	sharedCleaner    *Cleaner
	sharedCleanerErr error
	sharedOnce       sync.Once
)

// testCleaner is one Cleaner with the embedded model for the whole test
// process: decoding the model is the slow part of a first Clean.
func testCleaner(t testing.TB) *Cleaner {
	t.Helper()
	sharedOnce.Do(func() { sharedCleaner, sharedCleanerErr = New(nil) })
	if sharedCleanerErr != nil {
		t.Fatalf("New(nil): %v", sharedCleanerErr)
	}
	return sharedCleaner
}
