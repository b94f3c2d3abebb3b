package langeval_test

import (
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	fork "github.com/RadhiFadlillah/whatlanggo"

	"github.com/dateline-news/dateline/internal/lang/langeval"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rare is the list of languages lang.Detect leaves out (lang.skipped).
var rare = map[fork.Lang]bool{
	fork.Aka: true, fork.Ceb: true, fork.Hat: true, fork.Hau: true, fork.Ibo: true, fork.Ilo: true,
	fork.Jav: true, fork.Kin: true, fork.Kur: true, fork.Mlg: true, fork.Nya: true, fork.Orm: true,
	fork.Run: true, fork.Sna: true, fork.Som: true, fork.Tuk: true, fork.Uig: true, fork.Uzb: true,
	fork.Yor: true, fork.Zul: true, fork.Epo: true, fork.Skr: true, fork.Bho: true, fork.Mai: true,
}

// TestExplore shows how the whatlanggo fork's accuracy, false positives and
// cost move with the sample it reads (the head of the text, w bytes), with
// leaving rare languages out (the blacklist that lang.Detect uses) and with
// a confidence threshold: the numbers behind lang.Detect's constants.
//
//	go test -run TestExplore -v -timeout 30m
func TestExplore(t *testing.T) {
	d, err := langeval.Load(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	type res struct {
		code string
		conf float64
	}
	mk := func(opts fork.Options, w int) func(string) res {
		return func(s string) res {
			s = head(s, w)
			i := fork.DetectWithOptions(s, opts)
			if i.Lang < 0 {
				return res{}
			}
			return res{i.Lang.Iso6391(), i.Confidence}
		}
	}
	var b strings.Builder
	for _, bl := range []bool{false, true} {
		opts := fork.Options{}
		if bl {
			opts.Blacklist = rare
		}
		for _, w := range []int{256, 512, 1024, 4096, 1 << 30} {
			f := mk(opts, w)
			type answer struct {
				want string
				res
			}
			run := func(want, txt string) answer { return answer{want, f(txt)} }
			var bench, b200, wiki200, conll []answer
			for _, s := range d.Bench {
				bench = append(bench, run(s.Lang, s.Text))
				b200 = append(b200, run(s.Lang, langeval.Prefix(s.Text, 200)))
			}
			for _, s := range d.Wikinews {
				wiki200 = append(wiki200, run("en", langeval.Prefix(s, 200)))
			}
			for _, s := range d.CoNLL {
				if langeval.Letters(s) >= langeval.MinLetters {
					conll = append(conll, run("en", s))
				}
			}
			fmt.Fprintf(&b, "blacklist=%v w=%d\n", bl, w)
			for _, th := range []float64{0, 0.1, 0.2, 0.3, 0.5, 0.8} {
				score := func(as []answer) (sc langeval.Score) {
					for _, a := range as {
						sc.N++
						switch {
						case a.code == "" || a.conf < th:
							sc.Unsure++
						case a.code == a.want:
							sc.Right++
						default:
							sc.Wrong++
						}
					}
					return sc
				}
				be, b2, wi, co := score(bench), score(b200), score(wiki200), score(conll)
				fmt.Fprintf(&b, "   th=%.1f bench %d/%d (wrong %d)  b200 %d/%d (wrong %d)  wiki200 wrong %d unsure %d  conll wrong %.1f%% unsure %.1f%%\n",
					th, be.Right, be.N, be.Wrong, b2.Right, b2.N, b2.Wrong, wi.Wrong, wi.Unsure, 100*co.FP(), 100*co.UnsureRate())
			}
			prev := runtime.GOMAXPROCS(1)
			c0 := cpuNow()
			calls := 0
			for calls < 2000 {
				for _, s := range d.Bench {
					f(s.Text)
					calls++
				}
			}
			runtime.GOMAXPROCS(prev)
			fmt.Fprintf(&b, "   cpu %.0f µs/call\n", float64((cpuNow()-c0).Microseconds())/float64(calls))
		}
	}
	t.Log("\n" + b.String())
}
