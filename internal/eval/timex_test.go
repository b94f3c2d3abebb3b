package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/dateline-news/dateline/internal/timex"
)

const tml = `<?xml version="1.0" ?>
<TimeML>
<DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TITLE>Title with <TIMEX3 tid="t9" type="DATE" value="2013">2013</TIMEX3></TITLE>
<TEXT>
The flu season <EVENT eid="e1">started</EVENT> about <TIMEX3 tid="t1" type="DURATION" value="P1M">a month</TIMEX3> earlier &amp; said <TIMEX3 tid="t3" type="DATE" value="2013-03-22">Friday</TIMEX3>.

One exception was <TIMEX3 tid="t4" type="DATE" value="2009">2009</TIMEX3>-<TIMEX3 tid="t5" type="DATE" value="2010">2010</TIMEX3>.
</TEXT>
</TimeML>`

func TestParseTimeML(t *testing.T) {
	d, err := ParseTimeML(tml)
	if err != nil {
		t.Fatal(err)
	}
	if d.DCT != "2013-03-22" {
		t.Errorf("DCT %q", d.DCT)
	}
	if len(d.Gold) != 4 {
		t.Fatalf("gold %v", d.Gold)
	}
	for _, g := range d.Gold {
		if d.Text[g.Start:g.End] != g.Text {
			t.Errorf("%q at %d:%d", g.Text, g.Start, g.End)
		}
	}
	if d.Gold[0].Text != "a month" || d.Gold[0].Value != "P1M" || d.Gold[0].Type != "DURATION" || d.Gold[1].Text != "Friday" {
		t.Errorf("gold %v", d.Gold)
	}
	if len(d.Paras) != 2 {
		t.Fatalf("paragraphs %v", d.Paras)
	}
	p0 := d.Text[d.Paras[0][0]:d.Paras[0][1]]
	if p0 != "The flu season started about a month earlier & said Friday." {
		t.Errorf("paragraph %q", p0)
	}
	if _, err := ParseTimeML("<TimeML></TimeML>"); err == nil {
		t.Error("no TEXT: want an error")
	}
}

// The TempEval-3 method: strict is the same extent, relaxed any overlap;
// a gold span's value and type are compared with the system span that
// matches it (the same extent first, else the largest overlap); value and
// type F1 are their accuracy over relaxed matches times relaxed F1.
func TestTimeTally(t *testing.T) {
	gold := []TimeSpan{
		{Start: 0, End: 6, Type: "DATE", Value: "2013-03-22"}, // exact, right value
		{Start: 10, End: 20, Type: "DATE", Value: "2013-W11"}, // overlapped, wrong value
		{Start: 30, End: 35, Type: "DURATION", Value: "P1M"},  // missed
		{Start: 40, End: 44, Type: "DATE", Value: "PAST_REF"}, // exact, wrong type
	}
	sys := []TimeSpan{
		{Start: 0, End: 6, Type: "DATE", Value: "2013-03-22"},
		{Start: 14, End: 20, Type: "DATE", Value: "2013-W12"},
		{Start: 40, End: 44, Type: "TIME", Value: "PAST_REF"},
		{Start: 50, End: 55, Type: "DATE", Value: "2013"}, // spurious
	}
	var tally TimeTally
	tally.Add(gold, sys)
	var r TimeResult
	tally.Fill(&r)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	checks := []struct {
		name      string
		got, want float64
	}{
		{"strict P", r.StrictPrecision, 2.0 / 4},
		{"strict R", r.StrictRecall, 2.0 / 4},
		{"relaxed P", r.RelaxedPrecision, 3.0 / 4},
		{"relaxed R", r.RelaxedRecall, 3.0 / 4},
		{"relaxed F1", r.RelaxedF1, 0.75},
		{"f1 is relaxed", r.F1, r.RelaxedF1},
		{"value accuracy", r.ValueAccuracy, 2.0 / 3},
		{"type accuracy", r.TypeAccuracy, 2.0 / 3},
		{"value F1", r.ValueF1, 2.0 / 3 * 0.75},
		{"type F1", r.TypeF1, 2.0 / 3 * 0.75},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	got := paragraphs("\nA b.\n \nC\nd.\n\n\nE.")
	want := [][2]int{{1, 5}, {8, 12}, {15, 17}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("paragraph %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestTimeDev prints every miss on the TempEval-3 split named by
// TIMEX_DEV (TBAQ-cleaned to develop), one line each: FN, FP, SPAN
// (overlapping, not the same extent), VAL, TYPE.
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

// TestRunTime prints RunTime's JSON for the TempEval-3 split named by
// TIMEX_RUN (until `dateline eval time` is wired, the way to reproduce
// internal/timex/MEASUREMENTS.md).
func TestRunTime(t *testing.T) {
	split := os.Getenv("TIMEX_RUN")
	if split == "" {
		t.Skip("TIMEX_RUN not set")
	}
	r, err := RunTime(context.Background(), "../../../shared/data", split)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(r, "", "  ")
	fmt.Println(string(b))
}
