package timex

import (
	"strings"
	"sync"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/text"
)

// TIMEX3 types.
const (
	TypeDate     = "DATE"
	TypeTime     = "TIME"
	TypeDuration = "DURATION"
	TypeSet      = "SET"
)

// Tagger finds time expressions and normalises them. It holds no state
// of its own between calls, so one Tagger may be shared by goroutines;
// what carries over from one paragraph to the next belongs to the
// article and lives in a DocContext.
type Tagger struct {
	pool sync.Pool
}

// New returns a Tagger.
func New() *Tagger {
	t := &Tagger{}
	t.pool.New = func() any { return &state{} }
	return t
}

// DocContext is what one article's paragraphs share: the reference date
// relative expressions are resolved against, and the last date the text
// named, for anaphora ("the previous day", "a year earlier"). Use one per
// article and pass its paragraphs in order. The zero value has no
// reference date: absolute dates are still resolved, relative ones get
// TimeML's unresolved forms ("XXXX-XX-XX", "XXXX-WXX-5").
type DocContext struct {
	Ref    time.Time // the publication date; only its calendar day is used
	HasRef bool

	last    point // the last date the text named, or gNone
	lastDay point // the last date of day granularity or finer, or gNone
}

// NewDocContext returns a context whose reference date is published, an
// ISO 8601 date or date-time ("2023-04-20", "2023-04-20T09:30:00+02:00",
// "2023-04-20 09:30"). The calendar day is taken as written, before any
// shift to UTC, since that is the day the article's words refer to. An
// empty or unreadable date gives a context without a reference date.
func NewDocContext(published string) *DocContext {
	dc := &DocContext{}
	if t, ok := ParseRef(published); ok {
		dc.Ref, dc.HasRef = t, true
	}
	return dc
}

// Reference dates are taken from years minYear to maxYear; a date
// outside is more likely a parsing accident than an article's.
const (
	minYear = 1000
	maxYear = 2999
)

// ParseRef reads the calendar day at the start of an ISO 8601 date or
// date-time.
func ParseRef(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return time.Time{}, false
	}
	if len(s) > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't' {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil || t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, false
	}
	return t, true
}

// state is the scratch of one Tag call, pooled so that a paragraph costs
// no allocation beyond the dates it returns.
type state struct {
	para  string
	toks  []text.Token
	lx    []lexeme
	sents []text.Sentence
	dc    *DocContext
	sent  int // index into sents of the sentence holding the token being parsed
	vbuf  []byte
	ref   point // the reference day, valid when dc.HasRef

	// pending is a second date found inside the same token as the one
	// just matched ("2009-2010").
	pending *match
	// refPolicy switches the less reliable one-word references on: 1
	// "now that", 2 "soon", 4 "formerly", 8 "recent", 16 "current".
	refPolicy int
}

// refPolicy is the default refPolicy; see state.
var refPolicy = 1 | 8 | 16

// Tag appends to dst the time expressions of one paragraph, given its
// tokens and sentences from internal/text, with P set to p and Start, End
// byte offsets into para. dc carries the reference date and the last date
// named across the paragraphs of one article; it is updated. A nil dc is
// an article without a reference date.
//
// Spans follow TimeML's TIMEX3: a preposition before the expression is
// not part of it ("on Friday" is tagged "Friday", "in 2008" "2008"); a
// determiner or modifier that belongs to it is ("the previous day",
// "early 2024", "about two weeks", "last year").
func (t *Tagger) Tag(dst []article.Date, p int, para string, toks []text.Token, sents []text.Sentence, dc *DocContext) []article.Date {
	if len(toks) == 0 {
		return dst
	}
	if dc == nil {
		dc = &DocContext{}
	}
	s := t.pool.Get().(*state)
	s.para, s.toks, s.sents, s.dc, s.sent = para, toks, sents, dc, 0
	s.refPolicy, s.pending = refPolicy, nil
	if cap(s.lx) < len(toks) {
		s.lx = make([]lexeme, len(toks)+len(toks)/2)
	}
	s.lx = s.lx[:len(toks)]
	classify(s.lx, toks)
	if dc.HasRef {
		s.ref = at(dc.Ref, gDay)
	}
	for i := 0; i < len(toks); {
		if s.lx[i].c&starters == 0 && !s.opens(i) {
			i++
			continue
		}
		s.seek(i)
		s.pending = nil
		m, ok := s.parse(i)
		if !ok {
			i++
			continue
		}
		if m.end <= i || m.start >= m.end {
			i++ // a production that did not consume: never loop
			continue
		}
		dst = s.emit(dst, p, &m)
		if s.pending != nil && m.bs >= 0 && s.pending.start == m.start {
			dst = s.emit(dst, p, s.pending)
			s.pending = nil
		}
		i = m.end
	}
	s.para, s.toks, s.sents, s.dc = "", nil, nil, nil
	t.pool.Put(s)
	return dst
}

// opens reports whether a function word at i can open an expression:
// "the past", "a year ago", "a couple of days".
func (s *state) opens(i int) bool {
	e := s.lx[i]
	if e.c&cFunc == 0 {
		return false
	}
	switch e.f {
	case fThe, fA, fAn, fFiscal, fThat, fOnce, fTwice, fRight:
		return i+1 < len(s.lx) && s.lx[i+1].c != 0
	}
	return false
}

// seek sets s.sent to the sentence holding token i. Tokens are visited in
// order, so the search only moves forward.
func (s *state) seek(i int) {
	for s.sent < len(s.sents) && s.sents[s.sent].End <= i {
		s.sent++
	}
}

// sentence returns the token range of the sentence holding the current
// expression, or the whole paragraph when no sentences were given.
func (s *state) sentence() (int, int) {
	if s.sent < len(s.sents) {
		return s.sents[s.sent].Start, s.sents[s.sent].End
	}
	return 0, len(s.toks)
}

// match is one expression found.
type match struct {
	start, end int // token range
	bs, be     int // byte range when the span is part of a token (a year range), else -1
	typ        string
	val        string // literal value; empty when pt is the value
	pt         point
	mod        string
	noLast     bool // do not update the last date at all
}

func (s *state) emit(dst []article.Date, p int, m *match) []article.Date {
	val := m.val
	if val == "" {
		if m.pt.g == gNone {
			return dst
		}
		if y := m.pt.t.Year(); y < 0 || y > 9999 {
			// "9000 years ago": no year TIMEX3 can write
			return dst
		}
		s.vbuf = appendValue(s.vbuf[:0], m.pt)
		val = string(s.vbuf)
	}
	bs, be := s.toks[m.start].Start, s.toks[m.end-1].End
	if m.bs >= 0 {
		bs, be = m.bs, m.be
	}
	dst = append(dst, article.Date{
		Text: s.para[bs:be], Value: val, Type: m.typ, Mod: article.Ptr(m.mod),
		P: p, Start: bs, End: be,
	})
	if m.val == "" && !m.noLast && !m.pt.noYr && m.pt.g >= gYear {
		s.dc.last = m.pt
		if m.pt.g >= gDay {
			s.dc.lastDay = m.pt
		}
	}
	return dst
}

// token accessors; all are false or zero past the end.

func (s *state) c(i int) class {
	if i < 0 || i >= len(s.lx) {
		return 0
	}
	return s.lx[i].c
}

func (s *state) is(i int, c class) bool { return s.c(i)&c != 0 }

func (s *state) v(i int) int { return int(s.lx[i].v) }

// ord is token i's ordinal value, ago its ago word.
func (s *state) ord(i int) int { return int(s.lx[i].o) }

func (s *state) ago(i int) int { return int(s.lx[i].a) }

func (s *state) fn(i int, f uint8) bool {
	return i >= 0 && i < len(s.lx) && s.lx[i].c&cFunc != 0 && s.lx[i].f == f
}

func (s *state) text(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Text
}

// cls returns the value of token i if it has class c, else -1.
func (s *state) val(i int, c class) int {
	if s.is(i, c) {
		return int(s.lx[i].v)
	}
	return -1
}
