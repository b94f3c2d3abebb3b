//go:build timexdev

package timex_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/timex"
)

// Development tools, built with -tags timexdev (MEASUREMENTS.md).

// TestSweep scores TBAQ with each knob setting in TIMEX_SWEEP
// ("month=0,1,2;far=100,200,400").
func TestSweep(t *testing.T) {
	spec := os.Getenv("TIMEX_SWEEP")
	if spec == "" {
		t.Skip("TIMEX_SWEEP not set")
	}
	split := os.Getenv("TIMEX_SPLIT")
	if split == "" {
		split = "TBAQ-cleaned"
	}
	docs, err := eval.LoadTimeML(context.Background(), "../../../shared/data/tempeval3/"+split)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range strings.Split(spec, ";") {
		kv := strings.SplitN(part, "=", 2)
		p := timex.Knobs[kv[0]]
		old := *p
		for _, v := range strings.Split(kv[1], ",") {
			*p, _ = strconv.Atoi(v)
			var tally eval.TimeTally
			tg := timex.New()
			for k := range docs {
				sys, _, _ := eval.TagTimeML(tg, &docs[k])
				tally.Add(docs[k].Gold, sys)
			}
			var r eval.TimeResult
			tally.Fill(&r)
			fmt.Printf("%s=%s\tstrict %.4f relaxed %.4f value %.4f (acc %.4f, %d) type %.4f\n", kv[0], v, r.StrictF1, r.RelaxedF1, r.ValueF1, r.ValueAccuracy, tally.ValueMatch, r.TypeF1)
		}
		*p = old
	}
}

// TestDump prints the value errors with the knobs in TIMEX_KNOBS set.
func TestDump(t *testing.T) {
	spec := os.Getenv("TIMEX_KNOBS")
	if spec == "" {
		t.Skip("TIMEX_KNOBS not set")
	}
	for _, part := range strings.Split(spec, ";") {
		kv := strings.SplitN(part, "=", 2)
		*timex.Knobs[kv[0]], _ = strconv.Atoi(kv[1])
	}
	split := os.Getenv("TIMEX_SPLIT")
	if split == "" {
		split = "TBAQ-cleaned"
	}
	docs, _ := eval.LoadTimeML(context.Background(), "../../../shared/data/tempeval3/"+split)
	tg := timex.New()
	for k := range docs {
		d := &docs[k]
		sys, _, _ := eval.TagTimeML(tg, d)
		for _, g := range d.Gold {
			for _, x := range sys {
				if x.Start < g.End && g.Start < x.End && x.Value != g.Value {
					fmt.Printf("VAL\t%s\t[%s]\t%s\t%s\t%s\n", d.DCT, g.Text, g.Value, x.Value, strings.ReplaceAll(d.Text[max(0, g.Start-60):min(len(d.Text), g.End+40)], "\n", " "))
				}
			}
		}
	}
}
