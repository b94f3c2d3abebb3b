package quote

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/fhash"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/text"
)

// Paragraph is one paragraph with its tokens and sentences, as
// internal/text gives them.
type Paragraph struct {
	Text      string
	Tokens    []text.Token
	Sentences []text.Sentence
}

// tokState is what the features know of one token, computed once.
type tokState struct {
	low   uint64 // hash of the lower-case form
	suf   uint64 // hash of the last three bytes, lower case
	lem   uint64 // hash of the stem of the lower-case form
	candL uint8  // cue lexicon bucket of the stem
	shape uint8  // shapeXxx
	q     uint8  // qOut, qDouble, qSingle
	mark  uint8  // mNone, mOpen, ...
	qpos  uint8  // bit 1: first token inside its quotation, bit 2: last
	qlen  uint8  // the quotation's length, bucketed
	qsent uint8  // the quotation: 1 holds a sentence end inside, 2 starts the sentence
	sfl   uint8  // bit 1: first token of its sentence, bit 2: last
	ent   uint8  // entity: 0 none, else 1+2*type+(0 first, 1 inside)
	cand  uint8  // cue lexicon bucket, 0 when not a cue word
	wf    uint8  // word flags: wfSep, wfSub, wfComma
	cl    uint32 // word cluster id + 1, 0 when unknown
	key   uint64 // hash of the word as written
	sent  int32  // sentence index within the paragraph
}

// Token shapes.
const (
	shapeLower = iota
	shapeCap
	shapeUpper
	shapeDigit
	shapePunct
	shapeMixed
)

func shapeOf(s string) uint8 {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsLower(r):
		return shapeLower
	case unicode.IsUpper(r):
		up := true
		for _, c := range s {
			if unicode.IsLower(c) {
				up = false
				break
			}
		}
		if up && len(s) > 1 {
			return shapeUpper
		}
		return shapeCap
	case unicode.IsDigit(r):
		return shapeDigit
	case unicode.IsLetter(r):
		return shapeMixed
	}
	return shapePunct
}

var entTypes = map[string]uint8{"PER": entPER, "ORG": entORG, "LOC": 2, "MISC": 3}

const (
	entPER = 0
	entORG = 1
)

// entFirst is tokState.ent of the first token of a mention of type typ;
// the tokens after it have entFirst(typ)+1.
func entFirst(typ uint8) uint8 { return 1 + 2*typ }

// paraState is one paragraph ready for features.
type paraState struct {
	Paragraph
	ts      []tokState
	regions []region
	// ctx says how the paragraph follows the one before: bit 1, that one
	// ends with a colon; bit 2, it ends inside a quotation; bit 3, this
	// one opens with a quotation mark.
	ctx uint8
}

// tokenAt is the index of the first token that ends after byte offset
// off: the token holding off, or the next one; len(Tokens) past the end.
func (ps *paraState) tokenAt(off int) int {
	return sort.Search(len(ps.Tokens), func(i int) bool { return ps.Tokens[i].End > off })
}

// low is the lower-case hash of token i, or the paragraph's edge marks
// before its first token and after its last.
func (ps *paraState) low(i int) uint64 {
	switch {
	case i < 0:
		return hBOS
	case i >= len(ps.ts):
		return hEOS
	}
	return ps.ts[i].low
}

// Word flags, in tokState.wf.
const (
	wfSep   = 1 << iota // a clause separator (hSeps)
	wfSub               // a subordinator (hSubs)
	wfComma             // a comma
)

// wordInfo fills what a token's word alone decides (ts.low set): the
// hashes of its suffix and stem, its cue-lexicon buckets, its cluster and
// its flags.
func (m *Model) wordInfo(text string, ts *tokState) {
	ts.suf = hashLower(text[max(0, len(text)-3):])
	ts.lem = stemHash(text)
	ts.cl = loadClusters().word[ts.low]
	ts.wf = 0
	if hSeps[ts.low] {
		ts.wf |= wfSep
	}
	if hSubs[ts.low] {
		ts.wf |= wfSub
	}
	if ts.low == hComma {
		ts.wf |= wfComma
	}
	if m != nil {
		ts.cand = m.cues[ts.low]
		ts.candL = m.cues[fhash.Mix(lemmaKey, ts.lem)]
	}
}

// wordOf fills every attribute of a token that its word as written
// decides.
func (m *Model) wordOf(text string, ts *tokState) {
	ts.key = fhash.String(text)
	ts.low = hashLower(text)
	ts.shape = shapeOf(text)
	m.wordInfo(text, ts)
}

// prepare fills the token states of every paragraph of a document,
// reusing dst's memory. entities may be nil. With a word cache, what a
// word alone decides is looked up there instead of computed.
func (m *Model) prepare(paras []Paragraph, entities []article.Entity, dst []paraState, wc *wordCache) []paraState {
	if cap(dst) < len(paras) {
		dst = append(dst[:cap(dst)], make([]paraState, len(paras)-cap(dst))...)
	}
	dst = dst[:len(paras)]
	for pi, p := range paras {
		ps := &dst[pi]
		ts0, rs0 := ps.ts, ps.regions
		*ps = paraState{Paragraph: p}
		if cap(ts0) >= len(p.Tokens) {
			ps.ts = ts0[:len(p.Tokens)]
			clear(ps.ts)
		} else {
			ps.ts = make([]tokState, len(p.Tokens))
		}
		for i, t := range p.Tokens {
			ts := &ps.ts[i]
			if wc != nil {
				wc.info(m, t.Text, ts)
			} else {
				m.wordOf(t.Text, ts)
			}
		}
		for si, s := range p.Sentences {
			for i := s.Start; i < s.End && i < len(ps.ts); i++ {
				ps.ts[i].sent = int32(si)
			}
			if s.Start < s.End && s.End <= len(ps.ts) {
				ps.ts[s.Start].sfl |= 1
				ps.ts[s.End-1].sfl |= 2
			}
		}
		ps.regions = findRegions(p.Text, p.Tokens, rs0[:0])
		for _, r := range ps.regions {
			q := uint8(qDouble)
			om, cm := uint8(mOpen), uint8(mClose)
			if r.single {
				q, om, cm = qSingle, mOpenSingle, mCloseSingle
			}
			lo, hi := r.open+1, r.close // inside
			if r.open >= 0 {
				ps.ts[r.open].mark = om
				if r.openWide {
					ps.ts[r.open-1].mark = om
				}
			}
			if r.close < len(ps.ts) {
				ps.ts[r.close].mark = cm
				if r.closeWide {
					ps.ts[r.close+1].mark = cm
				}
			}
			n := hi - lo
			var qlen uint8
			switch {
			case n <= 3:
				qlen = 1
			case n <= 8:
				qlen = 2
			case n <= 20:
				qlen = 3
			default:
				qlen = 4
			}
			var qsent uint8
			for i := lo; i < hi; i++ {
				if ps.ts[i].sfl&2 != 0 && i < hi-1 {
					qsent |= 1
				}
			}
			if r.open <= 0 || ps.ts[r.open].sfl&1 != 0 {
				qsent |= 2
			}
			for i := max(lo, 0); i < hi; i++ {
				t := &ps.ts[i]
				if t.q == qDouble && q == qSingle {
					continue
				}
				t.q = q
				t.qlen = qlen
				t.qsent = qsent
				if i == lo {
					t.qpos |= 1
				}
				if i == hi-1 {
					t.qpos |= 2
				}
			}
			if r.open >= 0 {
				ps.ts[r.open].qlen, ps.ts[r.open].qsent = qlen, qsent
			}
			if r.close < len(ps.ts) {
				ps.ts[r.close].qlen, ps.ts[r.close].qsent = qlen, qsent
			}
		}
		if pi > 0 {
			prev := &dst[pi-1]
			if k := len(prev.Tokens); k > 0 && prev.Tokens[k-1].Text == ":" {
				ps.ctx |= 1
			}
			if k := len(prev.regions); k > 0 && !prev.regions[k-1].single && prev.regions[k-1].close == len(prev.Tokens) {
				ps.ctx |= 2
			}
		}
		if len(ps.ts) > 0 && (ps.ts[0].mark == mOpen) {
			ps.ctx |= 4
		}
	}
	for _, e := range entities {
		typ, ok := entTypes[e.Type]
		if !ok {
			continue
		}
		for _, mn := range e.Mentions {
			if mn.P < 0 || mn.P >= len(dst) {
				continue
			}
			ps := &dst[mn.P]
			toks := ps.Tokens
			i := sort.Search(len(toks), func(i int) bool { return toks[i].End > mn.Start })
			for first := true; i < len(toks) && toks[i].Start < mn.End; i++ {
				v := entFirst(typ)
				if !first {
					v++
				}
				ps.ts[i].ent = v
				first = false
			}
		}
	}
	return dst
}
