package eval

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/dateline-news/dateline/internal/timex"
)

// TestTimeDev prints every miss on the split named by TIMEX_DEV.
func TestTimeDev(t *testing.T) {
	split := os.Getenv("TIMEX_DEV")
	if split == "" {
		t.Skip("TIMEX_DEV not set")
	}
	docs, err := LoadTimeML(context.Background(), "../../../shared/data/tempeval3/"+split)
	if err != nil {
		t.Fatal(err)
	}
	tg := timex.New()
	var tally TimeTally
	for k := range docs {
		d := &docs[k]
		sys, _, _ := TagTimeML(tg, d)
		tally.Add(d.Gold, sys)
		used := make([]bool, len(sys))
		for _, g := range d.Gold {
			found := false
			for j, x := range sys {
				if overlap(g.Start, g.End, x.Start, x.End) > 0 {
					used[j] = true
					found = true
					if x.Start != g.Start || x.End != g.End {
						fmt.Printf("SPAN\t%s\t[%s]\t[%s]\t%s\t%s\n", d.DCT, g.Text, x.Text, g.Value, x.Value)
					} else if x.Value != g.Value {
						fmt.Printf("VAL\t%s\t[%s]\t%s/%s\t%s/%s\t%s\n", d.DCT, g.Text, g.Type, g.Value, x.Type, x.Value, ctx(d.Text, g.Start, g.End))
					} else if x.Type != g.Type {
						fmt.Printf("TYPE\t%s\t[%s]\t%s\t%s\t%s\n", d.DCT, g.Text, g.Value, g.Type, x.Type)
					}
				}
			}
			if !found {
				fmt.Printf("FN\t%s\t[%s]\t%s/%s\t%s\n", d.DCT, g.Text, g.Type, g.Value, ctx(d.Text, g.Start, g.End))
			}
		}
		for j, x := range sys {
			if !used[j] {
				fmt.Printf("FP\t%s\t[%s]\t%s/%s\t%s\n", d.DCT, x.Text, x.Type, x.Value, ctx(d.Text, x.Start, x.End))
			}
		}
	}
	var r TimeResult
	tally.Fill(&r)
	fmt.Printf("strict P %.4f R %.4f F1 %.4f | relaxed P %.4f R %.4f F1 %.4f | value %.4f (acc %.4f) type %.4f | gold %d sys %d\n",
		r.StrictPrecision, r.StrictRecall, r.StrictF1, r.RelaxedPrecision, r.RelaxedRecall, r.RelaxedF1, r.ValueF1, r.ValueAccuracy, r.TypeF1, r.Gold, r.System)
}

func ctx(s string, a, b int) string {
	lo, hi := a-50, b+40
	if lo < 0 {
		lo = 0
	}
	if hi > len(s) {
		hi = len(s)
	}
	out := []byte(s[lo:a] + "<<" + s[a:b] + ">>" + s[b:hi])
	for i, c := range out {
		if c == '\n' || c == '\t' {
			out[i] = ' '
		}
	}
	return string(out)
}
