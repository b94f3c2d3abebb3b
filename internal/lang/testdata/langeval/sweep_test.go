//go:build !nolingua

package langeval_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	fork "github.com/RadhiFadlillah/whatlanggo"
	"github.com/pemistahl/lingua-go"

	"github.com/dateline-news/dateline/internal/lang/langeval"
)

// TestSweep reports accuracy and speed of each library against the number
// of bytes of the body it is given (the head of the text).
func TestSweep(t *testing.T) {
	d, err := langeval.Load(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	low := lingua.NewLanguageDetectorBuilder().FromLanguages(newsLanguages...).WithLowAccuracyMode().Build()
	libs := []struct {
		name string
		f    func(string) string
	}{
		{"whatlanggo fork", func(s string) string {
			i := fork.Detect(s)
			if i.Lang < 0 {
				return ""
			}
			return i.Lang.Iso6391()
		}},
		{"lingua news low", func(s string) string {
			l, ok := low.DetectLanguageOf(s)
			if !ok {
				return ""
			}
			return strings.ToLower(l.IsoCode639_1().String())
		}},
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var b strings.Builder
	for _, lib := range libs {
		for _, n := range []int{128, 256, 512, 1024, 2048, 4096, 1 << 30} {
			right := 0
			for _, s := range d.Bench {
				if lib.f(head(s.Text, n)) == s.Lang {
					right++
				}
			}
			calls := 0
			start := time.Now()
			for time.Since(start) < time.Second {
				for _, s := range d.Bench {
					lib.f(head(s.Text, n))
					calls++
				}
			}
			fmt.Fprintf(&b, "%-16s head %7d B: acc %d/%d  %8.1f µs/call\n", lib.name, min(n, 1<<20), right, len(d.Bench),
				float64(time.Since(start).Microseconds())/float64(calls))
		}
	}
	t.Log("\n" + b.String())
}
