package eval

import (
	"context"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/quote"
	"github.com/dateline-news/dateline/internal/text"
)

// QuotesFigures are the scores of one group of attributions. Figures are
// fractions (0..1).
type QuotesFigures struct {
	N                int     `json:"n"` // gold attributions in the group
	Predicted        int     `json:"predicted"`
	Precision        float64 `json:"precision"` // attributions, matched by overlapping cues
	Recall           float64 `json:"recall"`
	F1               float64 `json:"f1"`
	SourceExactF1    float64 `json:"source_exact_f1"`
	CueF1            float64 `json:"cue_f1"` // exact
	ContentExactF1   float64 `json:"content_exact_f1"`
	ContentOverlapF1 float64 `json:"content_overlap_f1"`
	SourceExact      PRF     `json:"source_exact"`
	CueExact         PRF     `json:"cue_exact"`
	ContentExact     PRF     `json:"content_exact"`
	ContentOverlap   PRF     `json:"content_overlap"`
}

// QuotesResult is `dateline eval quotes`: the finder on a PolNeAR split.
// The top-level figures count every attribution; WithMarks and
// WithoutMarks split them by whether the content holds a double
// quotation mark (gold attributions by the gold content, predicted ones
// by the predicted content).
type QuotesResult struct {
	Task  string `json:"task"`
	Split string `json:"split"`
	// N is the number of documents scored (the contract's n);
	// Attributions the number of gold attributions.
	N            int `json:"n"`
	Attributions int `json:"attributions"`
	QuotesFigures
	WithMarks    QuotesFigures `json:"with_marks"`
	WithoutMarks QuotesFigures `json:"without_marks"`
	Tokens       int           `json:"tokens"`
	TokensPerSec float64       `json:"tokens_per_sec"` // the finder alone, entities given
	Seconds      float64       `json:"seconds"`
}

// RunQuotes scores the shipped finder on split (dev or test) of PolNeAR
// under dataDir/quotes/polnear. Entities come from the shipped recognizer,
// as in `dateline extract`.
func RunQuotes(ctx context.Context, dataDir, split string) (QuotesResult, error) {
	start := time.Now()
	f, err := quote.Default()
	if err != nil {
		return QuotesResult{}, err
	}
	docs, err := quote.LoadPolNeAR(ctx, quote.PolNeARDir(dataDir), split)
	if err != nil {
		return QuotesResult{}, err
	}
	r, err := ScoreQuotes(ctx, f.FindSpans, docs)
	if err != nil {
		return r, err
	}
	r.Split = split
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}

// ScoreQuotes runs find on every document (with the recognizer's
// entities) and scores it.
//
// Spans are compared as token ranges of internal/text's tokens: a gold
// span covers the tokens it covers at least half of, and pieces of one
// role of one attribution that touch (nothing but space between) are one
// span, as a BIO tagger would read them. Exact: the same paragraph and
// tokens. Overlap (content): a predicted span that covers at least half of
// a gold span's tokens matches it. Attributions match when their cues
// share a token. Every match is one to one, greedy in text order.
func ScoreQuotes(ctx context.Context, find func([]quote.Paragraph, []article.Entity) []quote.Attribution, docs []quote.Doc) (QuotesResult, error) {
	r := QuotesResult{Task: "quotes", N: len(docs)}
	rec, err := recognizer()
	if err != nil {
		return r, err
	}
	var all, with, without qtally
	var spent time.Duration
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		paras := quote.Prepare(d.Paragraphs)
		for _, p := range paras {
			r.Tokens += len(p.Tokens)
		}
		ents := quote.Recognize(rec, paras)
		t0 := time.Now()
		pred := find(paras, ents)
		spent += time.Since(t0)
		g := toTokAtts(paras, d.Attributions)
		p := toTokAtts(paras, pred)
		r.Attributions += len(g)
		scoreDoc(g, p, &all, &with, &without)
	}
	if s := spent.Seconds(); s > 0 {
		r.TokensPerSec = float64(r.Tokens) / s
	}
	r.QuotesFigures = all.figures()
	r.WithMarks = with.figures()
	r.WithoutMarks = without.figures()
	return r, nil
}

// tokSpan is a span as a token range of one paragraph.
type tokSpan struct{ p, start, end int }

type tokAtt struct {
	source, cue, content []tokSpan
	marks                bool
}

func toTokAtts(paras []quote.Paragraph, atts []quote.Attribution) []tokAtt {
	out := make([]tokAtt, 0, len(atts))
	for _, a := range atts {
		var t tokAtt
		t.source = toTok(paras, a.Source)
		t.cue = toTok(paras, a.Cue)
		t.content = toTok(paras, a.Content)
		for _, s := range a.Content {
			if s.P >= 0 && s.P < len(paras) && s.Start >= 0 && s.End <= len(paras[s.P].Text) && s.Start <= s.End &&
				hasMarks(paras[s.P].Text[s.Start:s.End]) {
				t.marks = true
			}
		}
		out = append(out, t)
	}
	return out
}

// toTok maps byte spans to token ranges, merging pieces that touch.
func toTok(paras []quote.Paragraph, spans []quote.Span) []tokSpan {
	var out []tokSpan
	for _, s := range spans {
		if s.P < 0 || s.P >= len(paras) {
			continue
		}
		lo, hi := -1, -1
		for i, t := range paras[s.P].Tokens {
			if halfCovered(t, s) {
				if lo < 0 {
					lo = i
				}
				hi = i + 1
			}
		}
		if lo < 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1].p == s.P && out[n-1].end >= lo && out[n-1].start <= lo {
			out[n-1].end = max(out[n-1].end, hi)
			continue
		}
		out = append(out, tokSpan{s.P, lo, hi})
	}
	return out
}

func halfCovered(t text.Token, s quote.Span) bool {
	a, b := max(t.Start, s.Start), min(t.End, s.End)
	return b > a && 2*(b-a) >= t.End-t.Start
}

// qcount is matched and total spans on one side.
type qcount struct{ matched, total int }

type prfCount struct{ gold, pred qcount }

func (c prfCount) prf() PRF {
	var r PRF
	if c.pred.total > 0 {
		r.Precision = float64(c.pred.matched) / float64(c.pred.total)
	}
	if c.gold.total > 0 {
		r.Recall = float64(c.gold.matched) / float64(c.gold.total)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

type qtally struct {
	att, source, cue, content, overlap prfCount
}

func (t *qtally) figures() QuotesFigures {
	f := QuotesFigures{
		N:              t.att.gold.total,
		Predicted:      t.att.pred.total,
		SourceExact:    t.source.prf(),
		CueExact:       t.cue.prf(),
		ContentExact:   t.content.prf(),
		ContentOverlap: t.overlap.prf(),
	}
	a := t.att.prf()
	f.Precision, f.Recall, f.F1 = a.Precision, a.Recall, a.F1
	f.SourceExactF1 = f.SourceExact.F1
	f.CueF1 = f.CueExact.F1
	f.ContentExactF1 = f.ContentExact.F1
	f.ContentOverlapF1 = f.ContentOverlap.F1
	return f
}

// grouped is a span with the group of its attribution.
type grouped struct {
	tokSpan
	marks bool
}

func flatten(atts []tokAtt, role func(*tokAtt) []tokSpan) []grouped {
	var out []grouped
	for i := range atts {
		for _, s := range role(&atts[i]) {
			out = append(out, grouped{s, atts[i].marks})
		}
	}
	return out
}

// add counts one role's spans: match reports whether pred matches gold.
func add(gold, pred []grouped, match func(g, p tokSpan) bool, all, with, without *prfCount) {
	used := make([]bool, len(pred))
	for _, g := range gold {
		hit := false
		for j, p := range pred {
			if !used[j] && match(g.tokSpan, p.tokSpan) {
				used[j], hit = true, true
				break
			}
		}
		grp := without
		if g.marks {
			grp = with
		}
		for _, c := range []*prfCount{all, grp} {
			c.gold.total++
			if hit {
				c.gold.matched++
			}
		}
	}
	for j, p := range pred {
		grp := without
		if p.marks {
			grp = with
		}
		for _, c := range []*prfCount{all, grp} {
			c.pred.total++
			if used[j] {
				c.pred.matched++
			}
		}
	}
}

func exact(g, p tokSpan) bool { return g == p }

func halfOverlap(g, p tokSpan) bool {
	if g.p != p.p {
		return false
	}
	a, b := max(g.start, p.start), min(g.end, p.end)
	return b > a && 2*(b-a) >= g.end-g.start
}

func anyOverlap(g, p tokSpan) bool {
	return g.p == p.p && max(g.start, p.start) < min(g.end, p.end)
}

func scoreDoc(gold, pred []tokAtt, all, with, without *qtally) {
	src := func(a *tokAtt) []tokSpan { return a.source }
	cue := func(a *tokAtt) []tokSpan { return a.cue }
	con := func(a *tokAtt) []tokSpan { return a.content }
	add(flatten(gold, src), flatten(pred, src), exact, &all.source, &with.source, &without.source)
	add(flatten(gold, cue), flatten(pred, cue), exact, &all.cue, &with.cue, &without.cue)
	add(flatten(gold, con), flatten(pred, con), exact, &all.content, &with.content, &without.content)
	add(flatten(gold, con), flatten(pred, con), halfOverlap, &all.overlap, &with.overlap, &without.overlap)
	// Attributions: by their cues, one to one.
	var ga, pa []grouped
	var gi, pi []int
	for i := range gold {
		for _, s := range gold[i].cue {
			ga = append(ga, grouped{s, gold[i].marks})
			gi = append(gi, i)
		}
	}
	for i := range pred {
		for _, s := range pred[i].cue {
			pa = append(pa, grouped{s, pred[i].marks})
			pi = append(pi, i)
		}
	}
	gHit := make([]bool, len(gold))
	pHit := make([]bool, len(pred))
	for a, g := range ga {
		if gHit[gi[a]] {
			continue
		}
		for b, p := range pa {
			if !pHit[pi[b]] && anyOverlap(g.tokSpan, p.tokSpan) {
				gHit[gi[a]], pHit[pi[b]] = true, true
				break
			}
		}
	}
	for i := range gold {
		grp := &without.att
		if gold[i].marks {
			grp = &with.att
		}
		for _, c := range []*prfCount{&all.att, grp} {
			c.gold.total++
			if gHit[i] {
				c.gold.matched++
			}
		}
	}
	for i := range pred {
		if len(pred[i].cue) == 0 {
			continue
		}
		grp := &without.att
		if pred[i].marks {
			grp = &with.att
		}
		for _, c := range []*prfCount{&all.att, grp} {
			c.pred.total++
			if pHit[i] {
				c.pred.matched++
			}
		}
	}
}

// recognizer is the shipped entity recognizer, loaded once.
func recognizer() (*ner.Model, error) { return ner.Default() }

// hasMarks reports whether s holds a double quotation mark, counting a
// doubled straight apostrophe as one, as some archives write them.
func hasMarks(s string) bool {
	return strings.ContainsAny(s, "“”\"„«»") || strings.Contains(s, "''")
}
