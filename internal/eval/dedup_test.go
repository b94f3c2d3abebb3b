package eval

import (
	"context"
	"encoding/json"
	"flag"
	"testing"

	"github.com/dateline-news/dateline/internal/dedup"
)

var dedupSweep = flag.Bool("dedup-sweep", false, "log the dedup figures over a grid of settings (seed 2)")

func TestRunDedup(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the perturbation set")
	}
	r, err := RunDedup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(r)
	t.Logf("%s", js)
	if r.Task != "dedup" || r.N == 0 {
		t.Fatalf("task %q, n %d", r.Task, r.N)
	}
	if r.Precision < 0.98 || r.Recall < 0.95 {
		t.Errorf("precision %.3f recall %.3f, want at least 0.98 and 0.95", r.Precision, r.Recall)
	}
}

func TestDedupSweep(t *testing.T) {
	if !*dedupSweep {
		t.Skip("-dedup-sweep not set")
	}
	src, err := dedupSources()
	if err != nil {
		t.Fatal(err)
	}
	docs := perturbSet(src, 2)
	similar := dupSimilarSources(src, 100)
	for _, k := range []int{6, 7, 8} {
		for _, br := range [][2]int{{42, 3}} {
			for _, th := range [][2]float64{{0.38, 0.55}, {0.38, 0.6}, {0.4, 0.55}, {0.4, 0.6}, {0.4, 0.65}, {0.42, 0.55}, {0.42, 0.6}, {0.45, 0.55}, {0.45, 0.6}} {
				o := dedup.Options{Bands: br[0], Rows: br[1], Jaccard: th[0], Containment: th[1]}
				r, err := scoreDedupSet(context.Background(), src, docs, similar, k, o)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("k=%d b=%d r=%d J>=%.2f C>=%.2f  P %.4f R %.4f F1 %.4f  sim %d/%d tmpl %d/%d  %.0f art/s %.0f B/art  %v",
					k, br[0], br[1], th[0], th[1], r.Precision, r.Recall, r.F1, r.SimilarMerged, r.Similar, r.TemplateMerged, r.Template, r.ArticlesPerSec, r.BytesPerArticle, r.PerturbationRecall)
			}
		}
	}
}
