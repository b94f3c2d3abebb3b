// Candidate comparison for package lang: see ../../MEASUREMENTS.md.
//
// This is its own module so that the candidates it compares (lingua-go adds
// 124 MB of embedded models) stay out of dateline's go.mod. Run from this
// folder:
//
//	go test -run TestCompare -v -timeout 30m
//
// Each candidate runs in a fresh process (a re-run of this test binary), so
// that its first-call time and heap are its own.
package langeval_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/lang/langeval"
)

const defaultData = "../../../../../shared/data"

func dataDir(t *testing.T) string {
	dir := langeval.DataDir(defaultData)
	if _, err := os.Stat(filepath.Join(dir, "article-extraction-benchmark", "ground-truth.json")); err != nil {
		t.Skipf("no data at %s (set DATELINE_DATA): %v", dir, err)
	}
	return dir
}

// TestChild measures one candidate; TestCompare starts it.
func TestChild(t *testing.T) {
	name := os.Getenv("LANGEVAL_CHILD")
	if name == "" {
		t.Skip("started by TestCompare")
	}
	var detect func(string) string
	for _, c := range candidates {
		if c.name == name {
			detect = c.detect
		}
	}
	if detect == nil {
		t.Fatalf("no candidate %q", name)
	}
	d, err := langeval.Load(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	r := langeval.Measure(name, detect, d)
	b, _ := json.Marshal(r)
	if err := os.WriteFile(os.Getenv("LANGEVAL_OUT"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCompare(t *testing.T) {
	dir := dataDir(t)
	d, err := langeval.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("benchmark: %d labelled pages, %d skipped; Wikinews %d articles; CoNLL %d sentences",
		len(d.Bench), len(d.Skipped), len(d.Wikinews), len(d.CoNLL))
	counts := map[string]int{}
	for _, s := range d.Bench {
		counts[s.Lang+"/"+s.Source]++
	}
	t.Logf("labels (lang/source): %v", counts)

	only := os.Getenv("LANGEVAL_ONLY") // comma-separated candidate names
	var rows []string
	for _, c := range candidates {
		if only != "" && !strings.Contains(","+only+",", ","+c.name+",") {
			continue
		}
		out := filepath.Join(t.TempDir(), "result.json")
		cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.timeout=30m")
		cmd.Env = append(os.Environ(), "LANGEVAL_CHILD="+c.name, "LANGEVAL_OUT="+out, "DATELINE_DATA="+dir)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", c.name, err, b)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var r langeval.Result
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, langeval.Row(r))
		t.Log(langeval.Details(r))
	}
	t.Logf("%s, GOMAXPROCS=1 for timing\n%s\n%s", runtime.GOARCH, langeval.Header, strings.Join(rows, "\n"))
}

// TestBinarySize builds each program in sizeprobe/ and reports its size
// over the baseline (a program that only prints).
func TestBinarySize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	ents, err := os.ReadDir("sizeprobe")
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int64{}
	for _, e := range ents {
		bin := filepath.Join(t.TempDir(), e.Name())
		cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "./sizeprobe/"+e.Name())
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", e.Name(), err, b)
		}
		fi, err := os.Stat(bin)
		if err != nil {
			t.Fatal(err)
		}
		sizes[e.Name()] = fi.Size()
	}
	var b strings.Builder
	for _, e := range ents {
		fmt.Fprintf(&b, "%-16s %8.1f MB  (+%.1f MB over baseline)\n", e.Name(),
			float64(sizes[e.Name()])/(1<<20), float64(sizes[e.Name()]-sizes["baseline"])/(1<<20))
	}
	t.Logf("binary sizes (go build -trimpath, %s/%s):\n%s", runtime.GOOS, runtime.GOARCH, b.String())
}
