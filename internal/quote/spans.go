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
// previous paragraph's last cue. What finds no cue is left out. A cue
// keeps one source chunk (oneSource); one left without gets its source
// from the sentence (shareSources, subjectSources).
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
		if c.role == 1 {
			c.attr = cs[best].attr
		} else {
			a := &atts[cs[best].attr]
			a.Content = append(a.Content, spanOf(ps, *c))
		}
	}
	oneSource(ps, cs, cues, atts)
	shareSources(ps, cs, cues, atts)
	subjectSources(ps, labels, cs, cues, atts)
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
		p := &ps[q.p]
		sent := p.ts[q.start].sent
		if q.start == 0 {
			continue
		}
		pw := prevWord(p, q.start)
		if !shareAfter[p.ts[pw].low] {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			r := &cs[cues[j]]
			if r.p != q.p || p.ts[r.start].sent != sent {
				break
			}
			if len(atts[j].Source) > 0 {
				if s := atts[j].Source[0]; p.ts[pw].wf&wfComma != 0 && s.P == q.p && relativeWord(p.Text[s.Start:s.End]) {
					// "X, which offered …, noted": the comma closes the
					// relative clause, and the verb after it is not the
					// clause's.
					break
				}
				atts[i].Source = append(atts[i].Source[:0:0], atts[j].Source...)
				break
			}
		}
	}
}

// oneSource ties to each cue the nearest of the source chunks the
// grouping gave it, and drops the others. A cue has one source in
// PolNeAR all but never in two pieces; a second chunk is mostly a source
// the tagger found for a cue it missed, and counted as one more source it
// is wrong more often than right (internal/quote/MEASUREMENTS.md).
func oneSource(ps []paraState, cs []chunk, cues []int, atts []Attribution) {
	best := make([]int, len(atts))
	for i := range best {
		best[i] = -1
	}
	for i := range cs {
		c := &cs[i]
		if c.role != 1 || c.attr < 0 {
			continue
		}
		q := &cs[cues[c.attr]]
		if isRelative(ps, c) && (q.p != c.p || q.start < c.end || q.start-c.end > 2) {
			// A relative pronoun is the source of the cue right after
			// it ("…, who said"); further off ("X, which offered …,
			// noted") it is the subject of its own clause, the cue's
			// source only when it has no other.
			continue
		}
		if b := best[c.attr]; b < 0 || chunkGap(c, q) < chunkGap(&cs[b], q) {
			best[c.attr] = i
		}
	}
	for i := range cs {
		if c := &cs[i]; c.role == 1 && c.attr >= 0 && best[c.attr] < 0 {
			best[c.attr] = i
		}
	}
	// "President Trump, who appointed Murphy …, responded": the name
	// before the relative clause is the source of the first cue after
	// the clause's closing comma.
	for i := range cs {
		c := &cs[i]
		if c.role != 1 || c.attr < 0 || best[c.attr] == i {
			continue
		}
		r := &cs[best[c.attr]]
		if !isRelative(ps, r) || r.p != c.p || r.start != c.end+1 || ps[c.p].ts[c.end].wf&wfComma == 0 {
			continue
		}
		p := &ps[c.p]
		for a := c.attr + 1; a < len(cues); a++ {
			q := &cs[cues[a]]
			if q.p != c.p || p.ts[q.start].sent != p.ts[c.start].sent {
				break
			}
			if p.ts[prevWord(p, q.start)].wf&wfComma != 0 {
				if best[a] < 0 {
					best[a] = i
				}
				break
			}
		}
	}
	for a, i := range best {
		if i >= 0 {
			atts[a].Source = []Span{spanOf(ps, cs[i])}
		}
	}
}

// chunkGap is the number of tokens between two chunks of one paragraph.
func chunkGap(a, b *chunk) int {
	if a.p != b.p {
		return 1 << 20
	}
	return max(a.start-b.end, b.start-a.end)
}

// participleAfter are the words after which a cue in -ing is a
// participle of its sentence's main clause ("…, telling reporters",
// "while emphasizing", "by promising").
var participleAfter = map[uint64]bool{fhash.String(","): true, fhash.String("while"): true,
	fhash.String("by"): true, fhash.String("before"): true, fhash.String("after"): true,
	fhash.String("and"): true, fhash.String("—"): true, fhash.String("--"): true}

// subjectAfter are the words that may stand between a sentence's
// opening (or its introductory phrase's comma) and its subject.
var subjectAfter = map[uint64]bool{fhash.String("but"): true, fhash.String("and"): true,
	fhash.String("so"): true, fhash.String("yet"): true, fhash.String("then"): true}

// personal are the pronouns that can be a sentence's subject.
var personal = map[uint64]bool{fhash.String("he"): true, fhash.String("she"): true,
	fhash.String("they"): true, fhash.String("we"): true, fhash.String("i"): true}

// appositive are the words that open an appositive or a relative clause,
// which PolNeAR counts in a source with the comma that closes it
// ("Noah Oppenheim, the NBC executive in charge of "Today," reminded").
var appositive = map[uint64]bool{fhash.String("a"): true, fhash.String("an"): true, fhash.String("the"): true,
	fhash.String("who"): true, fhash.String("his"): true, fhash.String("her"): true, fhash.String("their"): true}

// subjectSources gives a cue the tagger left without a source the subject
// of its sentence, in two constructions where the tagger, reading a few
// words around each token, misses it because the subject stands far
// from the cue:
//   - a participle in -ing after a comma, "while", "by", …
//     (participleAfter): "Trump reversed himself yet again, telling CBS
//     …", "Kasich suspended his campaign Wednesday evening, telling
//     supporters …";
//   - a verb after a phrase set off by commas: "Clinton, after the
//     scandal … broke in March, initially said …", "Noah Oppenheim, the
//     NBC executive …, reminded …".
//
// The subject is a person or organisation the recognizer found, or a
// personal pronoun, that opens the sentence or follows a comma or
// "but", "and", … (subjectAfter), outside quotation marks and any role
// the tagger gave.
func subjectSources(ps []paraState, labels [][]uint8, cs []chunk, cues []int, atts []Attribution) {
	for i := range atts {
		q := &cs[cues[i]]
		if len(atts[i].Source) > 0 || q.start == 0 {
			continue
		}
		p := &ps[q.p]
		lo := q.start
		for lo > 0 && p.ts[lo-1].sent == p.ts[q.start].sent {
			lo--
		}
		a, b := -1, -1
		pw := prevWord(p, q.start)
		switch w := p.Tokens[q.start].Text; {
		case p.ts[q.start].shape == shapeLower && len(w) >= 5 && strings.HasSuffix(w, "ing") && participleAfter[p.ts[pw].low]:
			a, b = subjectAt(p, labels[q.p], lo, q.start)
		case p.ts[pw].wf&wfComma != 0:
			a, b = interrupted(p, labels[q.p], lo, pw)
		}
		if a >= 0 {
			atts[i].Source = []Span{{q.p, p.Tokens[a].Start, p.Tokens[b-1].End}}
		}
	}
}

// opensClause reports whether token i of p, in a sentence that starts at
// lo, can open a clause: the sentence's first token, or one after a comma
// or a word of subjectAfter.
func opensClause(p *paraState, lo, i int) bool {
	return i == lo || p.ts[prevWord(p, i)].wf&wfComma != 0 || subjectAfter[p.ts[i-1].low]
}

// subjectAt finds the first subject, as subjectSources says, among
// tokens lo..hi-1 of p: a pronoun, or a name with the titles before it
// ("Ohio Gov. John Kasich") followed by a lower-case word. It returns its
// token range, or -1, -1.
func subjectAt(p *paraState, ls []uint8, lo, hi int) (int, int) {
	for i := lo; i < hi; i++ {
		t := &p.ts[i]
		if t.q != qOut || ls[i] != lO {
			continue
		}
		if personal[t.low] && opensClause(p, lo, i) {
			return i, i + 1
		}
		if opensName(t) {
			j := nameEnd(p, i, hi)
			if k := titled(p, ls, lo, i); opensClause(p, lo, k) && j < hi && p.ts[j].shape == shapeLower {
				return k, j
			}
		}
	}
	return -1, -1
}

// interrupted finds the subject of "SUBJECT, …, cue" where hi is the comma
// before the cue: a name or a pronoun that opens a clause, a comma right
// after it and no other comma or role up to hi. The phrase between the
// commas is part of the source when it is an appositive or a relative
// clause (appositive), and not when it is a participle or a prepositional
// phrase ("De Blasio, speaking on WOR710, called …").
func interrupted(p *paraState, ls []uint8, lo, hi int) (int, int) {
	for i := lo; i < hi; i++ {
		t := &p.ts[i]
		if t.q != qOut || ls[i] != lO {
			continue
		}
		j, k := i+1, i
		if opensName(t) {
			j = nameEnd(p, i, hi)
			k = titled(p, ls, lo, i)
			if j < hi && p.ts[j].low == hOf {
				// "Carl Hensman of the Bill and Melinda Gates
				// Foundation, which …, noted": a name's "of" and a
				// proper name after it.
				x := j + 1
				for x < hi && ls[x] == lO && (p.ts[x].shape == shapeCap || p.ts[x].shape == shapeUpper || nameGlue[p.ts[x].low]) {
					x++
				}
				if x > j+1 && p.ts[x].wf&wfComma != 0 {
					j = x
				}
			}
		} else if !personal[t.low] {
			continue
		}
		if !opensClause(p, lo, k) {
			continue
		}
		if j >= hi || p.ts[j].wf&wfComma == 0 {
			return -1, -1
		}
		app := appositive[p.ts[j+1].low]
		for x := j + 1; x < hi; x++ {
			if p.ts[x].wf&wfComma != 0 || !app && ls[x] != lO {
				return -1, -1
			}
		}
		if app {
			return k, hi + 1
		}
		return k, j
	}
	return -1, -1
}

// prevWord is the index of the token before token i, taken past a
// closing quotation mark right after a comma ("… as “fantastic,” telling
// reporters", doubled apostrophes included), or -1.
func prevWord(p *paraState, i int) int {
	k := i - 1
	j := k
	for n := 0; n < 2 && j > 0 && p.ts[j].shape == shapePunct && isQuoteChar(p.Tokens[j].Text); n++ {
		j--
	}
	if j < k && p.ts[j].wf&wfComma != 0 {
		return j
	}
	return k
}

func isQuoteChar(s string) bool {
	switch s {
	case "\"", "'", "\u201d", "\u2019", "''":
		return true
	}
	return false
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

// relative are the relative pronouns a source can be.
var relative = map[uint64]bool{fhash.String("who"): true, fhash.String("which"): true, fhash.String("that"): true}

func relativeWord(w string) bool {
	return strings.EqualFold(w, "who") || strings.EqualFold(w, "which") || strings.EqualFold(w, "that")
}

// isRelative reports whether chunk c is a relative pronoun alone.
func isRelative(ps []paraState, c *chunk) bool {
	return c.end-c.start == 1 && relative[ps[c.p].ts[c.start].low]
}

// opensName reports whether t is the first token of a person's or an
// organisation's name the recognizer found.
func opensName(t *tokState) bool { return t.ent == entFirst(entPER) || t.ent == entFirst(entORG) }

// nameEnd is the end of the name that opens at token i, at most hi.
func nameEnd(p *paraState, i, hi int) int {
	j := i + 1
	for j < hi && p.ts[j].ent == p.ts[i].ent+1 {
		j++
	}
	return j
}

// titled is where a name at token i starts with the titles before it
// ("Ohio Gov. John Kasich"): capitalised words back to one that opens a
// clause.
func titled(p *paraState, ls []uint8, lo, i int) int {
	k := i
	for k > lo && !opensClause(p, lo, k) && (p.ts[k-1].shape == shapeCap || p.ts[k-1].shape == shapeUpper) && ls[k-1] == lO {
		k--
	}
	return k
}

var hOf = fhash.String("of")

// nameGlue are the lower-case words inside a proper name.
var nameGlue = map[uint64]bool{fhash.String("the"): true, fhash.String("and"): true,
	fhash.String("of"): true, fhash.String("&"): true, fhash.String("for"): true}
