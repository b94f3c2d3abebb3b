package lang

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline/internal/lang/langeval"
)

// defaultData is shared/data seen from this folder; DATELINE_DATA
// overrides it.
const defaultData = "../../../shared/data"

// TestMeasure measures Detect on the shared data sets (see
// MEASUREMENTS.md) and logs one row of the table there:
//
//	go test ./internal/lang -run TestMeasure -v
//
// It is skipped when the data folder is missing. Its first-call time and
// heap are measured in a fresh process (this test binary run again), as
// the unit tests have already loaded the package's tables. The candidate
// comparison lives in testdata/langeval, a module of its own.
func TestMeasure(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the shared data sets (about 5 s)")
	}
	dir := langeval.DataDir(defaultData)
	if _, err := os.Stat(filepath.Join(dir, "article-extraction-benchmark", "ground-truth.json")); err != nil {
		t.Skipf("no data at %s (set DATELINE_DATA): %v", dir, err)
	}
	if os.Getenv("LANG_MEASURE_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMeasure$", "-test.v")
		cmd.Env = append(os.Environ(), "LANG_MEASURE_CHILD=1", "DATELINE_DATA="+dir)
		out, err := cmd.CombinedOutput()
		t.Logf("%s", out)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	d, err := langeval.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("benchmark: %d labelled pages, %d skipped; Wikinews %d articles; CoNLL %d sentences (those with >= %d letters are scored)",
		len(d.Bench), len(d.Skipped), len(d.Wikinews), len(d.CoNLL), langeval.MinLetters)
	r := langeval.Measure("dateline lang.Detect", Detect, d)
	t.Logf("\n%s\n%s\n%s", langeval.Header, langeval.Row(r), langeval.Details(r))
	// Guard the numbers MEASUREMENTS.md reports against regressions.
	if r.Bench.Wrong > 0 || r.Bench.Acc() < 0.97 {
		t.Errorf("benchmark bodies: %d wrong, accuracy %.3f", r.Bench.Wrong, r.Bench.Acc())
	}
	if r.Wiki.Acc() < 0.99 {
		t.Errorf("Wikinews accuracy %.3f", r.Wiki.Acc())
	}
	if r.CoNLL.FP() > 0.03 {
		t.Errorf("CoNLL false positives %.3f", r.CoNLL.FP())
	}
}
