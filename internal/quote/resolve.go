package quote

import (
	"sort"
	"strings"

	"github.com/dateline-news/dateline/internal/article"
)

// Speakers. A source that holds a person's name is that person; one that
// is only an organisation's or a place's name ("the Kremlin", "the
// Ukraine Space Agency") is that organisation or place. A pronoun is the
// most recent compatible speaker or sentence subject before it; a
// description ("the Kremlin spokesman") is the entity the article names
// with the same words as a title or an apposition ("Kremlin spokesman
// Dmitry Peskov", "Peskov, the Kremlin spokesman"). Anything else ("NATO
// leaders", "officials", "his campaign") has no speaker, only the words.

// mref is an entity mention as a token range.
type mref struct {
	ent  int
	p    int
	a, b int // tokens
	inQ  bool
}

// event is a place where an entity was salient: it spoke, or it was the
// subject of a sentence.
type event struct {
	p, tok int
	ent    int
}

type resolver struct {
	ps       []paraState
	ents     []article.Entity
	ms       []mref
	subjects []event
	speakers []event
	genders  []uint8 // by entity, 0 until asked (then gender+1)
}

// Titles that tell a person's gender, before a mention of the name.
var maleTitles = map[string]bool{"mr.": true, "mr": true, "sir": true}
var femaleTitles = map[string]bool{"mrs.": true, "mrs": true, "ms.": true, "ms": true, "miss": true, "dame": true}

// gender is what the article says of entity e's gender: a title before a
// mention of it ("Mr.", "Mrs.", "Ms."), else its first name
// (firstNameGender); unknown when neither says, or titles disagree.
func (r *resolver) gender(e int) uint8 {
	if r.genders == nil {
		r.genders = make([]uint8, len(r.ents))
	}
	if g := r.genders[e]; g != 0 {
		return g - 1
	}
	g := genderUnknown
	titled := false
	for _, m := range r.ms {
		if m.ent != e || m.a == 0 {
			continue
		}
		w := strings.ToLower(r.ps[m.p].Tokens[m.a-1].Text)
		var t uint8
		switch {
		case maleTitles[w]:
			t = genderMale
		case femaleTitles[w]:
			t = genderFemale
		default:
			continue
		}
		if titled && t != g {
			g = genderUnknown
			break
		}
		g, titled = t, true
	}
	if !titled {
		g = firstNameGender(r.ents[e].Name)
	}
	r.genders[e] = g + 1
	return g
}

func newResolver(ps []paraState, ents []article.Entity) *resolver {
	r := &resolver{ps: ps, ents: ents}
	for ei, e := range ents {
		if isPronoun(e.Name) {
			// A pronoun the recognizer took for a name ("I" in an
			// interview) is resolved as a pronoun, never named.
			continue
		}
		for _, mn := range e.Mentions {
			if mn.P < 0 || mn.P >= len(ps) {
				continue
			}
			toks := ps[mn.P].Tokens
			a := sort.Search(len(toks), func(i int) bool { return toks[i].End > mn.Start })
			b := a
			for b < len(toks) && toks[b].Start < mn.End {
				b++
			}
			if a >= b {
				continue
			}
			r.ms = append(r.ms, mref{ent: ei, p: mn.P, a: a, b: b, inQ: ps[mn.P].ts[a].q != qOut})
		}
	}
	sort.Slice(r.ms, func(i, j int) bool {
		if r.ms[i].p != r.ms[j].p {
			return r.ms[i].p < r.ms[j].p
		}
		return r.ms[i].a < r.ms[j].a
	})
	// The subject of a sentence, roughly: its first name outside
	// quotations, when that is a person, an organisation or a place.
	lastP, lastSent := -1, int32(-1)
	for _, m := range r.ms {
		if m.inQ {
			continue
		}
		s := ps[m.p].ts[m.a].sent
		if m.p == lastP && s == lastSent {
			continue
		}
		lastP, lastSent = m.p, s
		if t := ents[m.ent].Type; t == "PER" || t == "ORG" || t == "LOC" {
			r.subjects = append(r.subjects, event{m.p, m.a, m.ent})
		}
	}
	return r
}

// speaker resolves attribution a's source.
func (r *resolver) speaker(a Attribution) speaker {
	if len(a.Source) == 0 {
		return speaker{}
	}
	s := a.Source[0]
	ps := &r.ps[s.P]
	// The source's tokens, without edge punctuation.
	lo := ps.tokenAt(s.Start)
	hi := lo
	for hi < len(ps.Tokens) && ps.Tokens[hi].Start < s.End {
		hi++
	}
	for lo < hi && ps.ts[lo].shape == shapePunct {
		lo++
	}
	for hi > lo && ps.ts[hi-1].shape == shapePunct {
		hi--
	}
	// An opening parenthesis the source does not close starts an
	// abbreviation or an aside: "the World Health Organization (WHO".
	open := -1
	for i := lo + 1; i < hi; i++ {
		switch ps.Tokens[i].Text {
		case "(":
			open = i
		case ")":
			open = -1
		}
	}
	if open > 0 {
		hi = open
	}
	if lo >= hi {
		return speaker{}
	}
	mention := &article.Mention{P: s.P, Start: ps.Tokens[lo].Start, End: ps.Tokens[hi-1].End}
	mention.Text = ps.Text[mention.Start:mention.End]
	out := speaker{mention: mention}
	ent := -1
	if hi-lo == 1 {
		ent = r.pronoun(strings.ToLower(ps.Tokens[lo].Text), s.P, lo)
	}
	if ent < 0 {
		ent = r.named(s.P, lo, hi)
	}
	if ent < 0 {
		ent = r.described(s.P, lo, hi)
	}
	if ent < 0 {
		ent = r.byName(mention.Text)
	}
	if ent >= 0 {
		out.name, out.typ = r.ents[ent].Name, r.ents[ent].Type
		// The speaker spoke where the cue is: in "X of the Y
		// Foundation, which offered …, noted …; he also remarked", X
		// spoke last, though the Foundation's "which" stands later.
		at := event{s.P, lo, ent}
		if len(a.Cue) > 0 && a.Cue[0].P == s.P {
			c := a.Cue[0]
			at.tok = ps.tokenAt(c.Start)
		}
		r.speakers = append(r.speakers, at)
	}
	return out
}

// named finds the entity a source names: the first person in it that is
// not a possessor ("Trump’s campaign manager Corey Lewandowski"), or an
// organisation or place that is the whole source but for an article and
// words that say what kind of body it is: "Time magazine", "the journal
// Science", "the Atlantic Council think tank"; for a place, its
// government: "the United States government", "the government of
// American Samoa", "Goa's government".
func (r *resolver) named(p, lo, hi int) int {
	ps := &r.ps[p]
	var org = -1
	orgWhole := false
	for _, m := range r.ms {
		if m.p != p || m.b <= lo || m.a >= hi {
			continue
		}
		possessed := m.b < len(ps.Tokens) && isPossessive(ps.Tokens[m.b].Text)
		switch typ := r.ents[m.ent].Type; typ {
		case "PER":
			if !possessed && m.a >= lo && m.b <= hi {
				return m.ent
			}
		case "ORG", "LOC":
			if org >= 0 {
				continue
			}
			org = m.ent
			// A possessive past the source's end: the source is the
			// name's owner's, not the name's ("the Kremlin|'s").
			orgWhole = !possessed || m.b < hi
			kinds := orgKinds
			if typ == "LOC" {
				kinds = placeKinds
			}
			kind := func(i int) bool { return i >= lo && i < hi && kinds[strings.ToLower(ps.Tokens[i].Text)] }
			for i := lo; i < hi; i++ {
				if i >= m.a && i < m.b {
					continue
				}
				t := ps.Tokens[i].Text
				switch {
				case isPossessive(t):
					// "Goa's government": the name's own possessive,
					// before a kind word.
					orgWhole = orgWhole && i == m.b && kind(i+1)
				case strings.EqualFold(t, "the"), ps.ts[i].shape == shapePunct, kind(i):
				case t == "of":
					// "the government of American Samoa".
					orgWhole = orgWhole && kind(i-1)
				default:
					orgWhole = false
				}
			}
		}
	}
	if org >= 0 && orgWhole {
		return org
	}
	return -1
}

// orgKinds are words that say what kind of body an organisation is, and
// placeKinds what of a place speaks: its government.
var (
	orgKinds = map[string]bool{
		"magazine": true, "newspaper": true, "journal": true, "broadcaster": true, "network": true,
		"channel": true, "website": true, "agency": true, "company": true, "firm": true, "group": true,
		"organisation": true, "organization": true, "foundation": true, "institute": true, "party": true,
		"union": true, "charity": true, "airline": true, "bank": true, "think": true, "tank": true,
	}
	placeKinds = map[string]bool{"government": true, "administration": true, "authorities": true}
)

func isPossessive(t string) bool { return t == "’s" || t == "'s" || t == "’" || t == "'" }

// pronoun resolves a personal or relative pronoun at token tok of
// paragraph p: he and she to the most recent person who spoke or was a
// subject, in this paragraph or the three before; it and they to the
// most recent organisation or place that spoke, in this paragraph or
// the one before; who to the name right before it.
func (r *resolver) pronoun(w string, p, tok int) int {
	switch w {
	case "he", "she":
		other := genderFemale
		if w == "she" {
			other = genderMale
		}
		return r.recent(p, tok, 3, func(e int) bool { return r.ents[e].Type == "PER" && r.gender(e) != other })
	case "it", "they":
		best := -1
		bestAt := event{p: -1}
		for _, e := range r.speakers {
			if before(e, p, tok) && e.p >= p-1 && (r.ents[e.ent].Type == "ORG" || r.ents[e.ent].Type == "LOC") && !before(e, bestAt.p, bestAt.tok) {
				best, bestAt = e.ent, e
			}
		}
		return best
	case "who", "which":
		ps := &r.ps[p]
		for _, m := range r.ms {
			if m.p != p || m.b > tok {
				continue
			}
			// Between the name and the pronoun: nothing, a comma, a
			// closing parenthesis ("… Organization (UNESCO) who") or an
			// age ("Thomas Gray, 24, who").
			gap := tok-m.b <= 3
			for i := m.b; i < tok && gap; i++ {
				switch t := ps.Tokens[i].Text; {
				case t == "," || t == ")":
				case ps.ts[i].shape == shapeDigit && i > m.b && ps.Tokens[i-1].Text == ",":
				default:
					gap = false
				}
			}
			if gap && ps.ts[m.a].sent == ps.ts[tok].sent {
				if w == "who" && r.ents[m.ent].Type != "PER" {
					// "Mark Hay, a marine ecologist … at GT, who said":
					// the person the apposition describes.
					if e := r.apposed(p, tok); e >= 0 {
						return e
					}
				}
				return m.ent
			}
		}
	case "i", "we":
		// In a transcript the speaker says "we" for a group they
		// speak for: the quote is still theirs.
		return r.interviewee(p)
	case "you":
		return r.addressee(p)
	}
	return -1
}

// apposed is the nearest person before token tok of paragraph p, in its
// sentence, whose name a comma follows: the head of an apposition.
func (r *resolver) apposed(p, tok int) int {
	ps := &r.ps[p]
	best := -1
	for _, m := range r.ms {
		if m.p != p || m.b >= tok || m.inQ || r.ents[m.ent].Type != "PER" || ps.ts[m.a].sent != ps.ts[tok].sent {
			continue
		}
		if ps.Tokens[m.b].Text == "," {
			best = m.ent
		}
	}
	return best
}

// interviewee is the person a paragraph of an interview's transcript is
// said by: the one its label names ("((Thomas Rivinius)) Well, as I
// said, …", "Rivinius: …"), or for a paragraph with no label, the most
// recent label's, when that is a person (an answer that runs over
// several paragraphs; "((WN))" labels the interviewer's questions).
func (r *resolver) interviewee(p int) int {
	for q := p; q >= 0 && q >= p-maxAnswerParas; q-- {
		if e, ok := r.label(q); ok {
			return e
		}
	}
	return -1
}

// addressee is the person "you" means in the interviewer's paragraph of
// a transcript ("((WN)) As you mentioned, x-ray emission helps …"): the
// one whose answer comes next, else the last who answered. Elsewhere
// "you" is the reader or anyone, and no one.
func (r *resolver) addressee(p int) int {
	// The interviewer's label is one word ("((WN))", "((WSS))"); a
	// longer one the recognizer did not take for a person may still be
	// the interviewee's ("((Christian Keysers))" typed ORG).
	toks := r.ps[p].Tokens
	if e, ok := r.label(p); !ok || e >= 0 || len(toks) < 4 || toks[3].Text != ")" {
		return -1
	}
	for q := p + 1; q < len(r.ps) && q <= p+3; q++ {
		if e, ok := r.label(q); ok && e >= 0 {
			return e
		}
	}
	for q := p - 1; q >= 0 && q >= p-maxAnswerParas; q-- {
		if e, ok := r.label(q); ok && e >= 0 {
			return e
		}
	}
	return -1
}

// maxAnswerParas bounds how far back an answer's label is looked for.
const maxAnswerParas = 8

// label reads the speaker label that opens paragraph p: ok when there is
// one, and the person it names or -1.
func (r *resolver) label(p int) (ent int, ok bool) {
	toks := r.ps[p].Tokens
	if len(toks) >= 2 && toks[0].Text == "(" && toks[1].Text == "(" {
		end := 2
		for end+1 < len(toks) && !(toks[end].Text == ")" && toks[end+1].Text == ")") {
			end++
		}
		if end+1 >= len(toks) || end > 8 {
			return -1, false
		}
		for _, m := range r.ms {
			if m.p == p && m.a >= 2 && m.b <= end && r.ents[m.ent].Type == "PER" {
				return m.ent, true
			}
		}
		return -1, true
	}
	for _, m := range r.ms {
		if m.p == p && m.a == 0 && m.b < len(toks) && toks[m.b].Text == ":" && r.ents[m.ent].Type == "PER" {
			return m.ent, true
		}
	}
	return -1, false
}

// before reports whether e comes before token tok of paragraph p.
func before(e event, p, tok int) bool { return e.p < p || e.p == p && e.tok < tok }

// recent is the most recent speaker or subject that ok allows before
// token tok of paragraph p, no more than back paragraphs before.
func (r *resolver) recent(p, tok, back int, ok func(ent int) bool) int {
	best := -1
	bestAt := event{p: -1}
	for _, list := range [2][]event{r.speakers, r.subjects} {
		for _, e := range list {
			if !before(e, p, tok) || e.p < p-back || !ok(e.ent) {
				continue
			}
			if best < 0 || before(bestAt, e.p, e.tok) {
				best, bestAt = e.ent, e
			}
		}
	}
	return best
}

// titles spelled short and long.
var titleForms = map[string]string{
	"sen.": "senator", "gov.": "governor", "rep.": "representative", "pres.": "president",
	"gen.": "general", "lt.": "lieutenant", "sgt.": "sergeant", "gov": "governor", "sen": "senator",
}

func titleForm(w string) string {
	w = strings.ToLower(w)
	if f, ok := titleForms[w]; ok {
		return f
	}
	return w
}

var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true}

// described resolves a description ("the Kremlin spokesman") to the
// person or organisation the article names with the same words right
// before the name ("Kremlin spokesman Dmitry Peskov") or in an
// apposition after it ("Peskov, the Kremlin spokesman"): the nearest
// such mention before the source, else the first after.
func (r *resolver) described(p, lo, hi int) int {
	ps := &r.ps[p]
	var desc []string
	for i := lo; i < hi; i++ {
		w := strings.ToLower(ps.Tokens[i].Text)
		if len(desc) == 0 && determiners[w] || ps.ts[i].shape == shapePunct {
			continue
		}
		desc = append(desc, titleForm(w))
	}
	if len(desc) == 0 || len(desc) > 5 {
		return -1
	}
	if _, pron := pronouns[desc[0]]; pron {
		return -1
	}
	matchAt := func(q *paraState, a, b int) bool { // tokens a..b-1 spell desc
		if a < 0 || b > len(q.Tokens) || b-a != len(desc) {
			return false
		}
		for k := range desc {
			if titleForm(q.Tokens[a+k].Text) != desc[k] {
				return false
			}
		}
		return true
	}
	best := -1
	for _, m := range r.ms {
		t := r.ents[m.ent].Type
		if m.inQ || t != "PER" && t != "ORG" || m.p == p && m.a >= lo && m.b <= hi {
			continue
		}
		q := &r.ps[m.p]
		// Title before the name.
		hit := matchAt(q, m.a-len(desc), m.a)
		// Apposition after it: "Peskov, the Kremlin spokesman".
		if !hit && m.b < len(q.Tokens) && q.Tokens[m.b].Text == "," {
			k := m.b + 1
			if k < len(q.Tokens) && determiners[strings.ToLower(q.Tokens[k].Text)] {
				k++
			}
			hit = matchAt(q, k, k+len(desc))
		}
		if !hit {
			continue
		}
		if before(event{m.p, m.a, 0}, p, lo) || best < 0 {
			best = m.ent
		}
	}
	return best
}

var pronouns = map[string]struct{}{
	"he": {}, "she": {}, "it": {}, "they": {}, "we": {}, "i": {}, "you": {}, "who": {}, "which": {},
	"his": {}, "her": {}, "its": {}, "their": {}, "our": {}, "my": {}, "your": {},
}

// isPronoun reports whether an entity's name is a pronoun the recognizer
// took for a name: "I", "He", "Who", but not "WHO", the World Health
// Organization.
func isPronoun(name string) bool {
	if name == strings.ToUpper(name) && name != "I" {
		return false
	}
	_, ok := pronouns[strings.ToLower(name)]
	return ok
}

// byName resolves a source the recognizer did not tag but that spells an
// entity's name, or a person's surname that only one person in the
// article has ("Johnson" when "Boris Johnson" is named elsewhere).
func (r *resolver) byName(text string) int {
	text = strings.TrimSuffix(strings.TrimSuffix(text, "’s"), "'s")
	if text == "" || strings.ContainsAny(text, ",(") {
		return -1
	}
	found := -1
	for i, e := range r.ents {
		if e.Type != "PER" && e.Type != "ORG" && e.Type != "LOC" || isPronoun(e.Name) {
			continue
		}
		if strings.EqualFold(e.Name, text) {
			return i
		}
		if e.Type != "PER" || strings.Contains(text, " ") {
			continue
		}
		if f := strings.Fields(e.Name); len(f) > 1 && f[len(f)-1] == text {
			if found >= 0 && found != i {
				return -1 // two people share it
			}
			found = i
		}
	}
	return found
}
