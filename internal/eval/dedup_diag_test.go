package eval

import (
	"fmt"
	"sort"
	"testing"

	"github.com/dateline-news/dateline/internal/dedup"
)

// TestDedupDiag logs, per kind of copy and negative, the distribution of
// the exact shingle Jaccard and containment against the source (seed 2):
// what any threshold on them can separate, before MinHash's noise.
func TestDedupDiag(t *testing.T) {
	if !*dedupSweep {
		t.Skip("-dedup-sweep not set")
	}
	src, _ := dedupSources()
	docs := perturbSet(src, 2)
	for _, k := range []int{5, 7, 8} {
		type jc struct{ j, c float64 }
		all := map[string][]jc{}
		for _, d := range docs {
			if d.kind == "source" {
				continue
			}
			a := dedup.Shingles(d.paras, k)
			b := dedup.Shingles(src[d.source].paras, k)
			j := dupSetJaccard(a, b)
			inter := j * float64(len(a)+len(b)) / (1 + j)
			c := inter / float64(min(len(a), len(b)))
			all[d.kind] = append(all[d.kind], jc{j, c})
		}
		for _, p := range dupSimilarSources(src, 100) {
			a := dedup.Shingles(src[p[0]].paras, k)
			b := dedup.Shingles(src[p[1]].paras, k)
			j := dupSetJaccard(a, b)
			inter := j * float64(len(a)+len(b)) / (1 + j)
			all["similar"] = append(all["similar"], jc{j, inter / float64(min(len(a), len(b)))})
		}
		for kind, v := range all {
			js := make([]float64, len(v))
			cs := make([]float64, len(v))
			for i := range v {
				js[i], cs[i] = v[i].j, v[i].c
			}
			sort.Float64s(js)
			sort.Float64s(cs)
			q := func(x []float64) string {
				n := len(x)
				return fmt.Sprintf("min %.2f p5 %.2f p50 %.2f p95 %.2f max %.2f", x[0], x[n/20], x[n/2], x[n-1-n/20], x[n-1])
			}
			t.Logf("k=%d %-15s J: %s | C: %s", k, kind, q(js), q(cs))
		}
	}
}
