package eval

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/quote"
)

var (
	quotesTrain  = flag.Bool("quotes.train", false, "train the quote tagger on PolNeAR train and score dev after each epoch")
	quotesEpochs = flag.Int("quotes.epochs", 0, "epochs (0: the default)")
	quotesOut    = flag.String("quotes.out", "", "write the trained model here")
	quotesNoEnt  = flag.Bool("quotes.noent", false, "train without entity features")
	quotesSplit  = flag.String("quotes.split", "dev", "split to score")
	quotesSeeds  = flag.Int("quotes.seeds", 0, "perceptrons averaged per stage (0: the default)")
	quotesStages = flag.Int("quotes.stages", 0, "stacked passes (0: the default)")
)

const quotesData = "../../../shared/data"

func (r QuotesResult) line() string {
	f := func(q QuotesFigures) string {
		pr := func(x PRF) string { return fmt.Sprintf("%.4f (%.3f/%.3f)", x.F1, x.Precision, x.Recall) }
		return fmt.Sprintf("att P %.4f R %.4f F1 %.4f | src %s cue %s con %s ovl %s (n %d, pred %d)",
			q.Precision, q.Recall, q.F1, pr(q.SourceExact), pr(q.CueExact), pr(q.ContentExact), pr(q.ContentOverlap), q.N, q.Predicted)
	}
	return fmt.Sprintf("%.0f tok/s ", r.TokensPerSec) + f(r.QuotesFigures) + "\n    marks:    " + f(r.WithMarks) + "\n    no marks: " + f(r.WithoutMarks)
}

// TestQuotesTrainDev is the development harness:
//
//	go test ./internal/eval -run TestQuotesTrainDev -quotes.train -v
func TestQuotesTrainDev(t *testing.T) {
	if !*quotesTrain {
		t.Skip("-quotes.train not set")
	}
	ctx := context.Background()
	dev, err := quote.LoadPolNeAR(ctx, quote.PolNeARDir(quotesData), *quotesSplit)
	if err != nil {
		t.Fatal(err)
	}
	score := func(m *quote.Model) string {
		r, err := ScoreQuotes(ctx, quote.New(m).FindSpans, dev)
		if err != nil {
			t.Fatal(err)
		}
		return r.line()
	}
	m, err := quote.TrainWith(ctx, quote.TrainOptions{
		DataDir: quotesData, Log: os.Stderr, Epochs: *quotesEpochs,
		NoEntities: *quotesNoEnt, Dev: score, Seeds: *quotesSeeds, Stages: *quotesStages,
	})
	if err != nil {
		t.Fatal(err)
	}
	if *quotesOut != "" {
		f, err := os.Create(*quotesOut)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Save(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		f, err = os.Open(*quotesOut)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		lm, err := quote.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("reloaded:", score(lm))
	}
}

var (
	quotesFold = flag.Int("quotes.fold", -1, "hold out train articles i%5==fold, score them and dump errors to -quotes.dump")
	quotesDump = flag.String("quotes.dump", "", "file for the error dump of -quotes.fold")
)

// TestQuotesFold trains on four fifths of train and dumps the errors on
// the fifth, for error analysis without reading dev or test:
//
//	go test ./internal/eval -run TestQuotesFold -quotes.fold 0 -quotes.dump ../../scratch/fold0.txt
func TestQuotesFold(t *testing.T) {
	if *quotesFold < 0 {
		t.Skip("-quotes.fold not set")
	}
	ctx := context.Background()
	k := *quotesFold
	m, err := quote.TrainWith(ctx, quote.TrainOptions{
		DataDir: quotesData, Log: os.Stderr, Epochs: *quotesEpochs, NoEntities: *quotesNoEnt,
		Skip: func(i int, _ quote.Doc) bool { return i%5 == k },
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := quote.LoadPolNeAR(ctx, quote.PolNeARDir(quotesData), "train")
	if err != nil {
		t.Fatal(err)
	}
	var held []quote.Doc
	for i, d := range all {
		if i%5 == k {
			held = append(held, d)
		}
	}
	f := quote.New(m)
	r, err := ScoreQuotes(ctx, f.FindSpans, held)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(r.line())
	fmt.Print(breakdown(held, f.FindSpans))
	fmt.Print(pairStats(held, f.FindSpans))
	if *quotesDump == "" {
		return
	}
	for r, name := range []string{"source", "cue", "content"} {
		if err := os.WriteFile(*quotesDump+"."+name, []byte(roleErrors(held, f.FindSpans, r)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := os.Create(*quotesDump)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	rec, _ := recognizer()
	for _, d := range held {
		paras := quote.Prepare(d.Paragraphs)
		pred := f.FindSpans(paras, quote.Recognize(rec, paras))
		for p := range paras {
			g := markup(paras[p].Text, p, d.Attributions)
			s := markup(paras[p].Text, p, pred)
			if g != s {
				fmt.Fprintf(out, "GOLD %s\nPRED %s\n\n", g, s)
			}
		}
	}
}

// markup writes a paragraph with its attributions bracketed: [source]
// <cue> {content}, each tagged with its attribution's number.
func markup(s string, p int, atts []quote.Attribution) string {
	type ev struct {
		at   int
		open bool
		tag  string
	}
	var evs []ev
	for i, a := range atts {
		for r, spans := range [3][]quote.Span{a.Source, a.Cue, a.Content} {
			for _, sp := range spans {
				if sp.P != p {
					continue
				}
				o, c := [3]string{"[", "<", "{"}[r], [3]string{"]", ">", "}"}[r]
				evs = append(evs, ev{sp.Start, true, fmt.Sprintf("%s%d:", o, i)}, ev{sp.End, false, c})
			}
		}
	}
	var b []byte
	for i := 0; i <= len(s); i++ {
		for _, e := range evs {
			if e.at == i && !e.open {
				b = append(b, e.tag...)
			}
		}
		for _, e := range evs {
			if e.at == i && e.open {
				b = append(b, e.tag...)
			}
		}
		if i < len(s) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// breakdown counts, per role, gold spans matched exactly, overlapped by a
// predicted span of the role (a boundary error) or missed, and predicted
// spans overlapping no gold span.
func breakdown(docs []quote.Doc, find func([]quote.Paragraph, []article.Entity) []quote.Attribution) string {
	rec, _ := recognizer()
	var exactN, bound, miss, fp [3]int
	for _, d := range docs {
		paras := quote.Prepare(d.Paragraphs)
		g := toTokAtts(paras, d.Attributions)
		p := toTokAtts(paras, find(paras, quote.Recognize(rec, paras)))
		for r := 0; r < 3; r++ {
			get := func(a *tokAtt) []tokSpan { return [3][]tokSpan{a.source, a.cue, a.content}[r] }
			gs, ps := flatten(g, get), flatten(p, get)
			for _, x := range gs {
				e, o := false, false
				for _, y := range ps {
					if x.tokSpan == y.tokSpan {
						e = true
					} else if anyOverlap(x.tokSpan, y.tokSpan) {
						o = true
					}
				}
				switch {
				case e:
					exactN[r]++
				case o:
					bound[r]++
				default:
					miss[r]++
				}
			}
			for _, y := range ps {
				o := false
				for _, x := range gs {
					if anyOverlap(x.tokSpan, y.tokSpan) {
						o = true
					}
				}
				if !o {
					fp[r]++
				}
			}
		}
	}
	s := ""
	for r, name := range []string{"source", "cue", "content"} {
		s += fmt.Sprintf("%s: exact %d boundary %d missed %d spurious %d\n", name, exactN[r], bound[r], miss[r], fp[r])
	}
	return s
}

// roleErrors lists the most frequent texts of missed, spurious and
// mis-bounded spans of role r (0 source, 1 cue, 2 content) with counts.
func roleErrors(docs []quote.Doc, find func([]quote.Paragraph, []article.Entity) []quote.Attribution, r int) string {
	rec, _ := recognizer()
	counts := map[string]int{}
	for _, d := range docs {
		paras := quote.Prepare(d.Paragraphs)
		g := toTokAtts(paras, d.Attributions)
		p := toTokAtts(paras, find(paras, quote.Recognize(rec, paras)))
		get := func(a *tokAtt) []tokSpan { return [3][]tokSpan{a.source, a.cue, a.content}[r] }
		gs, ps := flatten(g, get), flatten(p, get)
		txt := func(s tokSpan) string {
			toks := paras[s.p].Tokens
			out := ""
			for i := s.start; i < s.end && i < s.start+6; i++ {
				out += strings.ToLower(toks[i].Text) + " "
			}
			return strings.TrimSpace(out)
		}
		for _, x := range gs {
			e, o := false, tokSpan{p: -1}
			for _, y := range ps {
				if x.tokSpan == y.tokSpan {
					e = true
				} else if anyOverlap(x.tokSpan, y.tokSpan) {
					o = y.tokSpan
				}
			}
			switch {
			case e:
			case o.p >= 0:
				counts["BOUND gold<"+txt(x.tokSpan)+"> pred<"+txt(o)+">"]++
			default:
				counts["MISS <"+txt(x.tokSpan)+">"]++
			}
		}
		for _, y := range ps {
			o := false
			for _, x := range gs {
				if anyOverlap(x.tokSpan, y.tokSpan) {
					o = true
				}
			}
			if !o {
				counts["SPUR <"+txt(y.tokSpan)+">"]++
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range counts {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v || kvs[i].v == kvs[j].v && kvs[i].k < kvs[j].k })
	var b strings.Builder
	for _, e := range kvs {
		fmt.Fprintf(&b, "%5d %s\n", e.v, e.k)
	}
	return b.String()
}

// pairStats: for gold attributions whose cue a predicted one matches
// exactly, how the predicted source and content compare.
func pairStats(docs []quote.Doc, find func([]quote.Paragraph, []article.Entity) []quote.Attribution) string {
	rec, _ := recognizer()
	var n, srcSame, srcNone, srcGoldNone, srcOther, conSame, conNone, conOther, gNoSrcPNoSrc int
	for _, d := range docs {
		paras := quote.Prepare(d.Paragraphs)
		g := toTokAtts(paras, d.Attributions)
		p := toTokAtts(paras, find(paras, quote.Recognize(rec, paras)))
		for _, ga := range g {
			for _, pa := range p {
				if len(ga.cue) == 0 || len(pa.cue) == 0 || ga.cue[0] != pa.cue[0] {
					continue
				}
				n++
				eq := func(a, b []tokSpan) bool {
					if len(a) != len(b) {
						return false
					}
					for i := range a {
						if a[i] != b[i] {
							return false
						}
					}
					return true
				}
				switch {
				case len(ga.source) == 0 && len(pa.source) == 0:
					gNoSrcPNoSrc++
				case eq(ga.source, pa.source):
					srcSame++
				case len(pa.source) == 0:
					srcNone++
				case len(ga.source) == 0:
					srcGoldNone++
				default:
					srcOther++
				}
				switch {
				case eq(ga.content, pa.content):
					conSame++
				case len(pa.content) == 0:
					conNone++
				default:
					conOther++
				}
			}
		}
	}
	return fmt.Sprintf("cue-matched %d: source same %d, both none %d, pred none %d, gold none %d, differ %d; content same %d, pred none %d, differ %d\n",
		n, srcSame, gNoSrcPNoSrc, srcNone, srcGoldNone, srcOther, conSame, conNone, conOther)
}

// TestQuotesScoring checks the span metrics on one paragraph: exact and
// half-overlap content matches, pieces that touch merged, attributions
// matched by overlapping cues, and the split by quotation marks.
func TestQuotesScoring(t *testing.T) {
	p := `“We will win,” Smith said on Monday, and officials say the vote was fair.`
	paras := quote.Prepare([]string{p})
	span := func(s string) quote.Span {
		i := strings.Index(p, s)
		if i < 0 {
			t.Fatalf("%q not in the paragraph", s)
		}
		return quote.Span{P: 0, Start: i, End: i + len(s)}
	}
	gold := []quote.Attribution{
		// The quote in two touching pieces: one span.
		{Source: []quote.Span{span("Smith")}, Cue: []quote.Span{span("said")}, Content: []quote.Span{span("“We will"), span("win,”")}},
		{Source: []quote.Span{span("officials")}, Cue: []quote.Span{span("say")}, Content: []quote.Span{span("the vote was fair")}},
	}
	pred := []quote.Attribution{
		// Exact.
		{Source: []quote.Span{span("Smith")}, Cue: []quote.Span{span("said on Monday")}, Content: []quote.Span{span("“We will win,”")}},
		// Source wrong, cue exact, content half covered (3 of 4 tokens).
		{Source: []quote.Span{span("and officials")}, Cue: []quote.Span{span("say")}, Content: []quote.Span{span("the vote was")}},
	}
	var all, with, without qtally
	scoreDoc(toTokAtts(paras, gold), toTokAtts(paras, pred), &all, &with, &without)
	f := all.figures()
	check := func(name string, got PRF, p, r float64) {
		t.Helper()
		if math.Abs(got.Precision-p) > 1e-9 || math.Abs(got.Recall-r) > 1e-9 {
			t.Errorf("%s: P %.3f R %.3f, want %.3f %.3f", name, got.Precision, got.Recall, p, r)
		}
	}
	check("source exact", f.SourceExact, 0.5, 0.5)
	check("cue exact", f.CueExact, 0.5, 0.5)
	check("content exact", f.ContentExact, 0.5, 0.5)
	check("content overlap", f.ContentOverlap, 1, 1)
	if f.Precision != 1 || f.Recall != 1 || f.N != 2 {
		t.Errorf("attributions: P %.3f R %.3f n %d, want 1 1 2", f.Precision, f.Recall, f.N)
	}
	w, wo := with.figures(), without.figures()
	if w.N != 1 || wo.N != 1 {
		t.Errorf("groups: with marks %d, without %d, want 1 and 1", w.N, wo.N)
	}
	check("with marks, content exact", w.ContentExact, 1, 1)
	check("without marks, content exact", wo.ContentExact, 0, 0)
	if !hasMarks("he said ''yes''") || !hasMarks("“a”") || hasMarks("it’s the players’") {
		t.Error("hasMarks")
	}
}

var quotesEval = flag.Bool("quotes.eval", false, "run RunQuotes on -quotes.split and print its JSON")

// TestQuotesEval is `dateline eval quotes --json` from a test:
//
//	go test ./internal/eval -run TestQuotesEval -quotes.eval -quotes.split test -v
func TestQuotesEval(t *testing.T) {
	if !*quotesEval {
		t.Skip("-quotes.eval not set")
	}
	r, err := RunQuotes(context.Background(), quotesData, *quotesSplit)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(string(b))
	fmt.Println(r.line())
}
