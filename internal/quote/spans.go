package quote

import (
	"strings"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/fhash"
)

// chunk is a run of tokens with one role in one paragraph.
type chunk struct {
	p, start, end int // token range
	role          int // 1 source, 2 cue, 3 content
	attr          int // attribution index, -1 unassigned
}

// chunks reads the role spans off BIO labels.
func chunks(labels [][]uint8, dst []chunk) []chunk {
	for p, ls := range labels {
		for i := 0; i < len(ls); {
			if ls[i] == lO {
				i++
				continue
			}
			r := roleOf(ls[i])
			j := i + 1
			for j < len(ls) && isInside(int(ls[j])) && roleOf(ls[j]) == r {
				j++
			}
			dst = append(dst, chunk{p: p, start: i, end: j, role: r, attr: -1})
			i = j
		}
	}
	return dst
}

// FindSpans returns the attributions in paragraphs, in text order of
// their cues: the tagger's source, cue and content spans, each source and
// content tied to a cue. entities are the article's (may be nil).
func (m *Model) FindSpans(paras []Paragraph, entities []article.Entity) []Attribution {
	st := m.getState()
	defer m.putState(st)
	_, atts := m.spans(st, paras, entities)
	return atts
}

// fixSources applies PolNeAR's rule for commas at the end of a source: a
// source with an appositive ("Cornell Belcher, a Democratic pollster,")
// keeps the comma that closes it, and one without ends before the comma.
// The tagger gets this wrong often enough to be worth a rule.
func fixSources(ps *paraState, ls []uint8) {
	comma := fhash.String(",")
	for i := 0; i < len(ls); {
		if ls[i] != lBSrc {
			i++
			continue
		}
		j := i + 1
		for j < len(ls) && ls[j] == lISrc {
			j++
		}
		// A manner adverb is not part of the source ("Hillary Clinton
		// sternly said", "his critics hysterically claim").
		for j-i > 1 && isAdverb(ps, j-1) {
			ls[j-1] = lO
			j--
		}
		inner := false
		for k := i; k < j-1; k++ {
			if ps.ts[k].low == comma {
				inner = true
				break
			}
		}
		switch {
		case j-i > 1 && ps.ts[j-1].low == comma && !inner:
			ls[j-1] = lO
		case inner && ps.ts[j-1].low != comma && j < len(ls) && ls[j] == lO && ps.ts[j].low == comma:
			ls[j] = lISrc
			j++
		}
		i = j
	}
}

// group ties each source and content chunk to a cue: one in the same
// sentence, the nearest by tokens; else the nearest in the paragraph; a
// content chunk that opens a paragraph continuing a quotation goes to the
// previous paragraph's last cue. What finds no cue is left out.
func group(ps []paraState, labels [][]uint8) []Attribution {
	cs := chunks(labels, nil)
	var cues []int // indexes into cs
	for i := range cs {
		if cs[i].role == 2 {
			cs[i].attr = len(cues)
			cues = append(cues, i)
		}
	}
	atts := make([]Attribution, len(cues))
	for i, c := range cues {
		atts[i].Cue = []Span{spanOf(ps, cs[c])}
	}
	for i := range cs {
		c := &cs[i]
		if c.role == 2 {
			continue
		}
		best, bestD := -1, 1<<30
		sentLo, sentHi := ps[c.p].ts[c.start].sent, ps[c.p].ts[c.end-1].sent
		for _, k := range cues {
			q := &cs[k]
			if q.p != c.p {
				continue
			}
			d := 0
			switch {
			case q.end <= c.start:
				d = c.start - q.end
			case q.start >= c.end:
				d = q.start - c.end
			}
			s := ps[q.p].ts[q.start].sent
			if s < sentLo || s > sentHi {
				d += 1000
			}
			if d < bestD {
				best, bestD = k, d
			}
		}
		if best < 0 && c.role == 3 && c.start == 0 {
			// A quotation continued from an earlier paragraph.
			for k := len(cues) - 1; k >= 0; k-- {
				if cs[cues[k]].p < c.p {
					best = cues[k]
					break
				}
			}
		}
		if best < 0 {
			continue
		}
		a := &atts[cs[best].attr]
		if c.role == 1 {
			a.Source = append(a.Source, spanOf(ps, *c))
		} else {
			a.Content = append(a.Content, spanOf(ps, *c))
		}
	}
	shareSources(ps, cs, cues, atts)
	return atts
}

// shareAfter are the words after which a cue continues the clause of the
// cue before it: a participle or a coordinated verb.
var shareAfter = map[uint64]bool{fhash.String(","): true, fhash.String("and"): true,
	fhash.String("but"): true, fhash.String("also"): true, fhash.String("then"): true}

// shareSources gives a cue the tagger left without a source, right after
// a comma or a conjunction (shareAfter), the source of the nearest cue
// before it in its sentence that has one: "McCain said, citing …",
// "Zelenskyy said …, but said …", "he proposed … and added …". PolNeAR
// marks the one source for each cue (6 % of its sources are such
// copies), but a token has one label, so the tagger gives it to one cue
// only.
func shareSources(ps []paraState, cs []chunk, cues []int, atts []Attribution) {
	for i := range atts {
		if len(atts[i].Source) > 0 {
			continue
		}
		q := &cs[cues[i]]
		sent := ps[q.p].ts[q.start].sent
		if q.start == 0 || !shareAfter[ps[q.p].ts[q.start-1].low] {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			r := &cs[cues[j]]
			if r.p != q.p || ps[r.p].ts[r.start].sent != sent {
				break
			}
			if len(atts[j].Source) > 0 {
				atts[i].Source = append(atts[i].Source[:0:0], atts[j].Source...)
				break
			}
		}
	}
}

func spanOf(ps []paraState, c chunk) Span {
	toks := ps[c.p].Tokens
	return Span{c.p, toks[c.start].Start, toks[c.end-1].End}
}

// spans tags paras and reads the attributions off the labels.
func (m *Model) spans(st *state, paras []Paragraph, entities []article.Entity) ([]paraState, []Attribution) {
	ps, labels := m.tag(st, paras, entities)
	for p := range ps {
		fixSources(&ps[p], labels[p])
	}
	return ps, group(ps, labels)
}

// isAdverb reports whether token i looks like a manner adverb: a
// lower-case word of five letters or more in -ly, but for a few nouns.
func isAdverb(ps *paraState, i int) bool {
	w := ps.Tokens[i].Text
	return ps.ts[i].shape == shapeLower && len(w) > 4 && strings.HasSuffix(w, "ly") && !notAdverb[w]
}

var notAdverb = map[string]bool{"family": true, "supply": true, "assembly": true, "rally": true,
	"ally": true, "anomaly": true, "monopoly": true, "butterfly": true}
