package quote

import (
	"sort"
	"strings"

	"github.com/dateline-news/dateline/internal/article"
)

// Kinds of quotes.
const (
	KindDirect   = "direct"
	KindPartial  = "partial"
	KindIndirect = "indirect"
)

// Find returns the quotes in paras in text order: direct quotes, partial
// quotes and reported speech, each with its cue and its speaker resolved
// to one of entities (the article's, from internal/entity; may be nil)
// where the text allows. See the package documentation for what counts.
func (f *Finder) Find(paras []Paragraph, entities []article.Entity) []article.Quote {
	st := f.m.getState()
	defer f.m.putState(st)
	ps, atts := f.m.spans(st, paras, entities)
	if len(atts) == 0 {
		return []article.Quote{}
	}
	r := newResolver(ps, entities)
	var out []article.Quote
	for _, a := range atts {
		if len(a.Cue) == 0 || len(a.Content) == 0 {
			continue
		}
		sp := r.speaker(a)
		if sp.mention != nil && strings.EqualFold(sp.mention.Text, "you") && asks(ps, a.Cue[0].P, a.Cue[0].Start) {
			// "Do you think Minetest can benefit …?", "Could you tell
			// us …?": an interviewer's question, no one's words.
			continue
		}
		reporting := false
		for _, c := range a.Cue {
			for _, t := range ps[c.P].Tokens {
				if t.Start >= c.Start && t.End <= c.End && isReporting(t.Text) {
					reporting = true
				}
			}
		}
		cue := spanText(ps, a.Cue[0])
		for _, c := range a.Cue[1:] {
			cue += " " + spanText(ps, c)
		}
		cue = strings.TrimRight(cue, ":,; ")
		for _, c := range a.Content {
			if !continues(ps, a.Cue[0].P, c.P) {
				continue
			}
			out = appendQuotes(out, ps, c, cue, sp, reporting)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].P != out[j].P {
			return out[i].P < out[j].P
		}
		return out[i].Start < out[j].Start
	})
	if out == nil {
		out = []article.Quote{}
	}
	return out
}

// asks reports whether the sentence holding byte offset off of paragraph
// p is a question: it ends in a question mark, closing marks aside.
func asks(ps []paraState, p, off int) bool {
	para := &ps[p]
	i := para.tokenAt(off)
	if i == len(para.Tokens) {
		return false
	}
	last := i
	for last+1 < len(para.ts) && para.ts[last+1].sent == para.ts[i].sent {
		last++
	}
	for last > i && strings.ContainsAny(para.Tokens[last].Text, "”\"’')]»") {
		last--
	}
	return para.Tokens[last].Text == "?"
}

// speaker is a resolved source: the entity's name and type, or neither,
// and the words that point to it.
type speaker struct {
	name, typ string
	mention   *article.Mention
}

func spanText(ps []paraState, s Span) string { return ps[s.P].Text[s.Start:s.End] }

// appendQuotes turns one content span into quotes. A span that is one or
// more quotations with nothing but punctuation around them is direct
// speech, one quote per quotation, each without its marks. Otherwise the
// span is reported speech (kind indirect, without a leading "that"), and
// every whole quotation inside it is also a partial quote.
//
// Unless reporting is set (the cue holds a reporting word), only direct
// quotes with a source are kept; reported speech needs at least three
// words.
func appendQuotes(out []article.Quote, ps []paraState, c Span, cue string, sp speaker, reporting bool) []article.Quote {
	p := &ps[c.P]
	// The span's tokens.
	lo, hi := -1, -1
	for i, t := range p.Tokens {
		if t.Start >= c.Start && t.End <= c.End {
			if lo < 0 {
				lo = i
			}
			hi = i + 1
		}
	}
	if lo < 0 {
		return out
	}
	// Quotations wholly inside the span (interior tokens), and whether
	// any word lies outside them.
	type inner struct{ a, b int }
	var qs []inner
	covered := make([]bool, hi-lo)
	for _, r := range p.regions {
		a, b := r.open+1, r.close // interior
		if a < lo || b > hi || a >= b {
			continue
		}
		nested := false
		for _, x := range qs {
			if x.a <= a && b <= x.b {
				nested = true // a quotation inside a quotation: part of it
			}
		}
		if nested {
			continue
		}
		qs = append(qs, inner{a, b})
		for i := max(r.open, lo); i <= min(r.close, hi-1); i++ {
			covered[i-lo] = true
		}
	}
	words := false
	for i := lo; i < hi; i++ {
		if !covered[i-lo] && p.ts[i].shape != shapePunct {
			words = true
			break
		}
	}
	q := func(kind string, a, b int) article.Quote {
		start, end := p.Tokens[a].Start, p.Tokens[b-1].End
		return article.Quote{
			Kind: kind, Text: p.Text[start:end],
			Speaker: article.Ptr(sp.name), SpeakerType: article.Ptr(sp.typ),
			Cue: cue, P: c.P, Start: start, End: end, Mention: sp.mention,
		}
	}
	if len(qs) > 0 && !words {
		if !reporting && sp.mention == nil {
			return out // "the so-called “peace plan”": a term, no speaker
		}
		for _, x := range qs {
			out = append(out, q(KindDirect, x.a, x.b))
		}
		return out
	}
	a, b := lo, hi
	if b-a > 1 && strings.EqualFold(p.Tokens[a].Text, "that") {
		a++
	}
	for b > a && p.ts[b-1].shape == shapePunct && p.ts[b-1].mark == mNone {
		b--
	}
	if !reporting {
		return out
	}
	if b-a >= 3 {
		out = append(out, q(KindIndirect, a, b))
	}
	for _, x := range qs {
		out = append(out, q(KindPartial, x.a, x.b))
	}
	return out
}

// continues reports whether content in paragraph p may belong to a cue
// in paragraph cp: the same paragraph, or a quotation carried on from
// it, every paragraph between opening with a quotation mark or following
// an open one or a colon. FindSpans ties a stray content to the last cue
// before it, which PolNeAR's figures reward; a reader would get a wrong
// speaker.
func continues(ps []paraState, cp, p int) bool {
	if p < cp || p-cp > 5 {
		return p == cp
	}
	for k := cp + 1; k <= p; k++ {
		if ps[k].ctx == 0 {
			return false
		}
	}
	return true
}
