package timex

import (
	"strconv"
	"strings"
	"time"
)

// The grammar is a set of productions over classified tokens, each a
// plain function from a start index to a match. parse tries those that
// can begin with the token's classes and keeps the longest match, so
// "two weeks ago" beats "two weeks" and "Apr. 20, 2023" beats "Apr. 20".

func (s *state) mk(i, j int, typ string) match {
	return match{start: i, end: j, typ: typ, bs: -1, be: -1}
}

func (s *state) parse(i int) (match, bool) {
	var best match
	ok := false
	try := func(m match, good bool) {
		if good && (!ok || m.end > best.end) {
			best, ok = m, true
		}
	}
	if s.is(i, cApprox) {
		try(s.approx(i))
	}
	if s.fn(i, fRight) && s.val(i+1, cRef) == rNow {
		m := s.mk(i, i+2, TypeDate)
		m.val = "PRESENT_REF"
		try(m, true)
	}
	try(s.core(i))
	if ok {
		s.extend(&best)
	}
	return best, ok
}

// extend grows a match by what may follow any expression: "or so", a
// year's quarter ("this year's third quarter").
func (s *state) extend(m *match) {
	j := m.end
	if s.fn(j, fOr) && s.fn(j+1, fSo) {
		m.end = j + 2
		if m.mod == "" {
			m.mod = "APPROX"
		}
		return
	}
	if m.typ == TypeDate && m.val == "" && m.pt.g == gYear && s.fn(j, fApostropheS) {
		k := j + 1
		if s.fn(k, fFiscal) {
			k++
		}
		if s.is(k, cOrd) && (s.fn(k+1, fQuarter) || s.fn(k+1, fHalf)) {
			n := s.ord(k)
			y := m.pt.t.Year()
			if s.fn(k+1, fQuarter) && n >= 1 && n <= 4 {
				m.pt = at(date(y, 3*n-2, 1), gQuarter)
				m.end = k + 2
			} else if s.fn(k+1, fHalf) && n >= 1 && n <= 2 {
				m.pt = at(date(y, 6*n-5, 1), gHalf)
				m.end = k + 2
			}
		} else if s.fn(k, fQuarter) && s.dc.last.g == gQuarter {
			m.pt = at(date(y4(m.pt), int(s.dc.last.t.Month()), 1), gQuarter)
			m.end = k + 1
		}
	}
}

func y4(p point) int { return p.t.Year() }

// core is every production but the approximators.
func (s *state) core(i int) (match, bool) {
	var best match
	ok := false
	try := func(m match, good bool) {
		if good && (!ok || m.end > best.end) {
			best, ok = m, true
		}
	}
	c := s.c(i)
	if c&cDate != 0 {
		try(s.pDateTok(i))
	}
	if c&cMonth != 0 {
		try(s.pMonth(i))
	}
	if c&cWeekday != 0 {
		try(s.pWeekday(i))
	}
	if c&(cNum|cOrd|cFew) != 0 || s.fn(i, fA) || s.fn(i, fAn) || s.fn(i, fOnce) || s.fn(i, fTwice) {
		try(s.pNumber(i))
	}
	if c&cClock != 0 || c&cDayPart != 0 {
		try(s.pClock(i))
	}
	if c&cRef != 0 {
		try(s.pRef(i))
	}
	if c&cDeictic != 0 {
		try(s.pDeictic(i, i))
	}
	if c&cPart != 0 {
		try(s.pPart(i, i))
	}
	if c&cDecadeTok != 0 {
		try(s.pDecade(i, i))
	}
	if c&(cSetWord|cWeekdays) != 0 {
		try(s.pSet(i))
	}
	if c&cHoliday != 0 {
		try(s.pHoliday(i, i))
	}
	if c&cCompound != 0 {
		try(s.pCompound(i))
	}
	if c&cUnit != 0 {
		try(s.pBareUnit(i))
	}
	if s.fn(i, fThe) {
		try(s.pThe(i))
	}
	if c&cOrd != 0 && c&cDigits == 0 && s.fn(i+1, fQuarter) {
		try(s.ordinalPeriod(i, i))
	}
	if c&cOrd != 0 && s.fn(i+1, fCentury) {
		try(s.century(i, i))
	}
	if c&cNum != 0 {
		if y, end, ok := s.spelledYear(i); ok {
			m := s.mk(i, end, TypeDate)
			m.pt = at(date(y, 1, 1), gYear)
			try(m, true)
		}
	}
	if s.fn(i, fFiscal) && s.isYear(i+1) {
		m := s.mk(i, i+2, TypeDate)
		m.pt = at(date(s.v(i+1), 1, 1), gYear)
		try(m, true)
	}
	if s.fn(i, fThat) {
		try(s.pDeictic(i, i))
	}
	return best, ok
}

// ---- numbers and dates written in figures

func (s *state) isYear(i int) bool {
	return s.is(i, cDigits) && s.lx[i].w == 4 && s.lx[i].c&cNum != 0 && s.lx[i].v >= 1000 && s.lx[i].v <= 2999
}

// dayAt reads a day of the month: "20", "20th", "third".
func (s *state) dayAt(i int) (int, bool) {
	if !s.is(i, cNum|cOrd) {
		return 0, false
	}
	e := s.lx[i]
	if e.c&cDigits != 0 && e.w > 2 {
		return 0, false
	}
	if e.c&cDigits == 0 && e.c&cOrd == 0 {
		return 0, false
	}
	v := int(e.v)
	if e.c&cOrd != 0 {
		v = int(e.o)
	}
	if v < 1 || v > 31 {
		return 0, false
	}
	return v, true
}

func validDay(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= date(y, m+1, 0).Day()
}

func (s *state) pDateTok(i int) (match, bool) {
	e := s.lx[i]
	v := int(e.v)
	m := s.mk(i, i+1, TypeDate)
	y, mo, d := v/10000, v/100%100, v%100
	if gran(e.w) == gMonth {
		m.pt = at(date(y, mo, 1), gMonth)
	} else {
		m.pt = at(date(y, mo, d), gDay)
	}
	return m, true
}

// pMonth: "Apr. 20, 2023", "April 20", "April 2023", "April of 2023",
// "July".
func (s *state) pMonth(i int) (match, bool) {
	mon := s.v(i)
	j := i + 1
	if d, ok := s.dayAt(j); ok && !s.is(j+1, cUnit) && !s.fn(j+1, fPercent) {
		k := j + 1
		y, hasY := 0, false
		if s.fn(k, fComma) && s.isYear(k+1) {
			y, hasY, k = s.v(k+1), true, k+2
		} else if s.isYear(k) {
			y, hasY, k = s.v(k), true, k+1
		}
		if !s.monthWord(i, true) {
			return match{}, false
		}
		m := s.mk(i, k, TypeDate)
		if hasY {
			if !validDay(y, mon, d) {
				return match{}, false
			}
			m.pt = at(date(y, mon, d), gDay)
			return m, true
		}
		if !validDay(2000, mon, d) {
			return match{}, false
		}
		s.monthDay(&m, mon, d)
		return m, true
	}
	if s.isYear(j) && s.monthWord(i, true) {
		m := s.mk(i, j+1, TypeDate)
		m.pt = at(date(s.v(j), mon, 1), gMonth)
		return m, true
	}
	if s.is(j, cDeictic) && s.fn(j+1, fYear) && s.monthWord(i, true) {
		// "June last year", "January this year"
		if ym, ok := s.pDeictic(j, j); ok && ym.pt.g == gYear && ym.val == "" {
			m := s.mk(i, ym.end, TypeDate)
			m.pt = at(date(ym.pt.t.Year(), mon, 1), gMonth)
			return m, true
		}
	}
	if y, end, ok := s.spelledYear(j); ok && s.monthWord(i, true) {
		m := s.mk(i, end, TypeDate)
		m.pt = at(date(y, mon, 1), gMonth)
		return m, true
	}
	if s.fn(j, fOf) && s.isYear(j+1) && s.monthWord(i, true) {
		m := s.mk(i, j+2, TypeDate)
		m.pt = at(date(s.v(j+1), mon, 1), gMonth)
		return m, true
	}
	if !s.monthWord(i, false) {
		return match{}, false
	}
	m := s.mk(i, j, TypeDate)
	s.monthOnly(&m, mon)
	return m, true
}

// monthWord decides whether token i, a month name, is one here. Month
// names are capitalised; "May" and "March" are also a verb and a noun,
// and months are given names ("Theresa May", "April Ryan"), so a bare
// month needs a temporal preposition or modifier before it unless a day
// or year follows (withDate).
func (s *state) monthWord(i int, withDate bool) bool {
	e := s.lx[i]
	if e.c&cCap == 0 {
		return false
	}
	t := s.text(i)
	abbrev := strings.HasSuffix(t, ".") || len(t) == 3 && e.v != 5
	if abbrev && !withDate && len(t) <= 4 {
		// "Jan." alone is more often a cut-off headline or a name
		// than a month.
		if !(len(t) == 4 && t[3] == '.') || !s.temporalBefore(i) {
			return false
		}
	}
	prevCap := i > 0 && s.is(i-1, cCap) && s.lx[i-1].c&(cMonth|cWeekday|cFunc|cDeictic|cPart|cApprox) == 0 && !s.sentenceStart(i-1)
	if prevCap && !isUpper(s.text(i-1)) {
		return false
	}
	if withDate {
		return true
	}
	ambiguous := e.v == 5 || e.v == 3
	if s.temporalBefore(i) {
		return true
	}
	if ambiguous {
		return false
	}
	// Other months: a capitalised word right after is likely a surname
	// ("April Ryan").
	if nxt := s.text(i + 1); nxt != "" && nxt[0] >= 'A' && nxt[0] <= 'Z' && s.lx[i+1].c&(cMonth|cWeekday|cDigits) == 0 && !isUpper(nxt) {
		return false
	}
	return true
}

func isUpper(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			n++
		}
	}
	return n > 1
}

func (s *state) sentenceStart(i int) bool {
	a, _ := s.sentence()
	if i == a || i == 0 {
		return true
	}
	t := s.text(i - 1)
	return t == "\"" || t == "“" || t == "(" || t == "'" || t == "‘"
}

// temporalBefore reports whether the word before i is one that goes
// before a date: a preposition of time or a modifier.
func (s *state) temporalBefore(i int) bool {
	if i == 0 {
		return false
	}
	e := s.lx[i-1]
	if e.c&(cDeictic|cPart|cMonth) != 0 {
		return true
	}
	if e.c&cFunc != 0 {
		switch e.f {
		case fIn, fSince, fUntil, fBy, fDuring, fFrom, fTo, fOf, fAnd, fOr, fOn, fEnded:
			return true
		}
	}
	switch strings.ToLower(s.text(i - 1)) {
	case "through", "before", "after", "between", "till", "mid", "late", "early", "-", "–", "throughout", "last", "next", "this", "until", "around", "circa", "within", "starting", "beginning", "from", "thru":
		return true
	}
	return false
}

// monthDay resolves "April 20" without a year.
func (s *state) monthDay(m *match, mon, d int) {
	if !s.dc.HasRef {
		m.val = "XXXX-" + two(mon) + "-" + two(d)
		return
	}
	r := s.ref.t
	dir := s.dir(m.start, m.end)
	if dir == soon {
		dir = 0
	}
	best := time.Time{}
	for y := r.Year() - 1; y <= r.Year()+1; y++ {
		if !validDay(y, mon, d) {
			continue
		}
		c := date(y, mon, d)
		switch {
		case dir < 0 && c.After(r), dir > 0 && c.Before(r):
			continue
		}
		if best.IsZero() || absDays(c, r) < absDays(best, r) {
			best = c
		}
	}
	if best.IsZero() {
		best = date(r.Year(), mon, 1)
		m.pt = at(best, gMonth)
		return
	}
	// A tense that forces a date most of a year away is more often a
	// wrong guess at the tense than a date that far: take the nearest.
	if dir != 0 && absDays(best, r) > monthDayFar {
		s.dirOff(m, mon, d)
		return
	}
	m.pt = at(best, gDay)
}

// monthDayFar is how many days away a tense may push a date without a
// year before the nearest reading wins instead.
var monthDayFar = 300

func (s *state) dirOff(m *match, mon, d int) {
	r := s.ref.t
	best := time.Time{}
	for y := r.Year() - 1; y <= r.Year()+1; y++ {
		if !validDay(y, mon, d) {
			continue
		}
		c := date(y, mon, d)
		if best.IsZero() || absDays(c, r) < absDays(best, r) {
			best = c
		}
	}
	m.pt = at(best, gDay)
}

func absDays(a, b time.Time) int {
	d := int(a.Sub(b).Hours() / 24)
	if d < 0 {
		return -d
	}
	return d
}

func two(n int) string {
	return string([]byte{byte('0' + n/10%10), byte('0' + n%10)})
}

// monthPolicy picks how a month without a year is placed: the nearest
// occurrence, or the direction the tense gives when it is stated.
var monthPolicy = 1

// monthOnly resolves a month named without a year.
func (s *state) monthOnly(m *match, mon int) {
	if !s.dc.HasRef {
		m.val = "XXXX-" + two(mon)
		return
	}
	r := s.ref.t
	rm := r.Year()*12 + int(r.Month()) - 1
	cands := [3]int{}
	for k := range cands {
		cands[k] = (r.Year()-1+k)*12 + mon - 1
	}
	dir := 0
	switch monthPolicy {
	case 0:
		dir = s.dir(m.start, m.end)
	case 1:
		dir = s.dirGoverning(m.start, m.end)
	}
	if dir == soon {
		dir = 0
	}
	best := -1
	for _, c := range cands {
		if dir < 0 && c > rm || dir > 0 && c < rm {
			continue
		}
		if best < 0 || iabs(c-rm) < iabs(best-rm) || iabs(c-rm) == iabs(best-rm) && c < best {
			best = c
		}
	}
	if monthPolicy == 2 {
		best = r.Year()*12 + mon - 1
	}
	m.pt = at(date(best/12, best%12+1, 1), gMonth)
}

func iabs(a int) int {
	if a < 0 {
		return -a
	}
	return a
}

// ---- weekdays

// pWeekday: "Friday", "Friday morning", "Friday, Oct. 23", "Tuesday
// nights" (a set).
func (s *state) pWeekday(i int) (match, bool) {
	wd := s.v(i)
	j := i + 1
	k := j
	if s.fn(k, fComma) {
		k++
	}
	if s.is(k, cMonth) {
		if m, ok := s.pMonth(k); ok && m.pt.g == gDay {
			m.start = i
			return m, true
		}
	}
	if _, ok := s.dayAt(k); ok && s.is(k+1, cMonth) {
		if m, ok := s.pNumber(k); ok && m.pt.g == gDay {
			m.start = i
			return m, true
		}
	}
	t := s.text(i)
	if !s.is(i, cCap) || strings.HasSuffix(t, ".") {
		return match{}, false
	}
	if s.is(j, cDayPart) && s.v(j) <= tNight {
		dp := s.text(j)
		if strings.HasSuffix(dp, "s") {
			m := s.mk(i, j+1, TypeSet)
			m.val = "XXXX-WXX-" + strconv.Itoa(wd) + "T" + todCode(s.v(j))
			return m, true
		}
		m := s.mk(i, j+1, TypeTime)
		s.weekday(&m, wd)
		if m.val != "" {
			m.val += "T" + todCode(s.v(j))
		} else {
			m.pt.g, m.pt.tod = gTime, todCode(s.v(j))
		}
		return m, true
	}
	m := s.mk(i, j, TypeDate)
	s.weekday(&m, wd)
	return m, true
}

func todCode(dp int) string {
	switch dp {
	case tMorning:
		return "MO"
	case tAfternoon:
		return "AF"
	case tEvening:
		return "EV"
	}
	return "NI"
}

// weekdayPolicy is what a bare weekday with no tense cue means: -1 the
// last one before the reference date, 0 the nearest one.
var weekdayPolicy = 0

// weekday resolves a bare weekday against the reference date: the same
// weekday is the reference date itself; otherwise the tense around it
// says whether it is the one before or after.
func (s *state) weekday(m *match, wd int) {
	if !s.dc.HasRef {
		m.val = "XXXX-WXX-" + strconv.Itoa(wd)
		return
	}
	r := s.ref.t
	rw := weekdayISO(r)
	if wd == rw {
		m.pt = at(r, gDay)
		return
	}
	back := (rw - wd + 7) % 7
	fwd := (wd - rw + 7) % 7
	dir := s.dir(m.start, m.end)
	if dir == soon {
		dir = -1
		if fwd < back {
			dir = 1
		}
	}
	if dir == 0 {
		dir = weekdayPolicy
		if dir == 0 {
			dir = -1
			if fwd < back {
				dir = 1
			}
		}
	}
	if dir < 0 {
		m.pt = at(r.AddDate(0, 0, -back), gDay)
	} else {
		m.pt = at(r.AddDate(0, 0, fwd), gDay)
	}
}

// ---- words that name a time by themselves

func (s *state) pRef(i int) (match, bool) {
	r := s.v(i)
	j := i + 1
	m := s.mk(i, j, TypeDate)
	switch r {
	case rToday, rYesterday, rTomorrow:
		off := map[int]int{rToday: 0, rYesterday: -1, rTomorrow: 1}[r]
		if s.is(j, cDayPart) && s.v(j) <= tNight && !strings.HasSuffix(s.text(j), "s") {
			m.end, m.typ = j+1, TypeTime
			s.relDay(&m, off)
			if m.val != "" {
				m.val += "T" + todCode(s.v(j))
			} else {
				m.pt.g, m.pt.tod = gTime, todCode(s.v(j))
			}
			return m, true
		}
		s.relDay(&m, off)
		return m, true
	case rTonight:
		m.typ = TypeTime
		s.relDay(&m, 0)
		if m.val != "" {
			m.val += "TNI"
		} else {
			m.pt.g, m.pt.tod = gTime, "NI"
		}
		return m, true
	case rNow:
		if s.fn(j, fThat) && s.refPolicy&1 == 0 {
			return match{}, false
		}
		m.val = "PRESENT_REF"
		return m, true
	case rCurrently, rNowadays:
		m.val = "PRESENT_REF"
		return m, true
	case rRecently:
		m.val = "PAST_REF"
		if w := strings.ToLower(s.text(i - 1)); w == "more" || w == "most" {
			m.start = i - 1
		}
		return m, true
	case rSoon:
		if s.refPolicy&2 == 0 {
			return match{}, false
		}
		m.val = "FUTURE_REF"
		return m, true
	case rFormerly:
		if s.refPolicy&4 == 0 {
			return match{}, false
		}
		m.val = "PAST_REF"
		return m, true
	}
	return match{}, false
}

// relDay sets m to the reference day moved by off days.
func (s *state) relDay(m *match, off int) {
	if !s.dc.HasRef {
		m.val = "XXXX-XX-XX"
		return
	}
	m.pt = at(s.ref.t.AddDate(0, 0, off), gDay)
}

// anchor is the last date named, for anaphora, or the reference date.
// A day or finer counts from the last date known to the day.
func (s *state) anchor(g gran) (point, bool) {
	if g >= gDay && s.dc.lastDay.g != gNone {
		return s.dc.lastDay, true
	}
	if g < gDay && s.dc.last.g != gNone {
		return s.dc.last, true
	}
	if s.dc.HasRef {
		return s.ref, true
	}
	return point{}, false
}

// ---- this, last, next, ...

// pDeictic reads a deictic word at i (the expression starts at start,
// which is i or the "the" before it).
func (s *state) pDeictic(start, i int) (match, bool) {
	the := start < i
	d := 0
	if s.fn(i, fThat) {
		d = dThat
	} else {
		d = s.val(i, cDeictic)
	}
	if d < 0 {
		return match{}, false
	}
	j := i + 1
	if d == dThis && s.is(j, cDeictic) {
		switch s.v(j) {
		case dPast:
			d, j = dLast, j+1
		case dComing:
			d, j = dNext, j+1
		}
	}
	if s.fn(j, fFiscal) {
		j++
	}
	// the past two months, the next few days, the last three years
	switch d {
	case dPast, dLast, dNext, dComing, dPrevious, dFollowing, dRecent, dUpcoming:
		if m, ok := s.duration(j); ok {
			if m.typ == TypeDuration && (the || d == dLast || d == dPast || d == dNext) {
				m.start = start
				return m, true
			}
		}
	}
	switch {
	case s.is(j, cUnit):
		return s.deicticUnit(start, i, j, d, the)
	case s.is(j, cMonth) && s.is(j, cCap):
		return s.deicticMonth(start, j, d)
	case s.is(j, cWeekday) && s.is(j, cCap):
		return s.deicticWeekday(start, j, d, the)
	case s.is(j, cSeason):
		return s.deicticSeason(start, j, d)
	case s.is(j, cDayPart):
		return s.deicticDayPart(start, j, d, the)
	case s.is(j, cHoliday):
		m, ok := s.pHoliday(start, j)
		if !ok || !s.dc.HasRef || m.pt.g == gNone {
			return m, ok
		}
		switch d {
		case dLast, dPast:
			if !m.pt.t.Before(s.ref.t) {
				m2, _ := s.holidayIn(start, m.end, s.holidayID(j), s.ref.t.Year()-1)
				return m2, true
			}
		case dNext, dComing:
			if !m.pt.t.After(s.ref.t) {
				m2, _ := s.holidayIn(start, m.end, s.holidayID(j), s.ref.t.Year()+1)
				return m2, true
			}
		}
		return m, ok
	}
	if s.fn(j, fQuarter) {
		return s.deicticUnit(start, i, j, d, the)
	}
	if s.fn(j, fPeriod) && (d == dLatest || d == dCurrent) && the {
		// "the latest period" in a report of results: its quarter
		m := s.mk(start, j+1, TypeDate)
		if s.dc.last.g == gQuarter && !s.dc.last.noYr {
			m.pt = s.dc.last
			return m, true
		}
		if d == dCurrent {
			s.relUnit(&m, uQuarter, 0)
		} else {
			s.relUnit(&m, uQuarter, -1)
		}
		return m, true
	}
	switch d {
	case dPast:
		if the && !s.is(j, cNum|cFew|cUnit) {
			m := s.mk(start, j, TypeDate)
			m.val = "PAST_REF"
			return m, true
		}
	case dRecent:
		if !the && s.refPolicy&8 != 0 && !s.is(j, cNum) {
			m := s.mk(start, j, TypeDate)
			m.val = "PAST_REF"
			return m, true
		}
	case dCurrent:
		if !the && s.refPolicy&16 != 0 {
			m := s.mk(start, j, TypeDate)
			m.val = "PRESENT_REF"
			return m, true
		}
	}
	return match{}, false
}

func (s *state) deicticUnit(start, i, j, d int, the bool) (match, bool) {
	if s.titleCase(j) {
		return match{}, false
	}
	u := unit(s.v(j))
	plural := s.lx[j].w == 1
	if s.fn(j, fQuarter) {
		u, plural = uQuarter, false
	}
	end := j + 1
	if plural {
		m := s.mk(start, end, TypeDate)
		switch d {
		case dRecent, dPast, dLast, dPrevious:
			if d == dLast && !the {
				return match{}, false
			}
			m.val = "PAST_REF"
		case dComing, dUpcoming, dNext, dFollowing:
			if d == dNext && !the {
				return match{}, false
			}
			m.val = "FUTURE_REF"
		case dThese:
			if u != uDay {
				return match{}, false
			}
			m.val = "PRESENT_REF"
		default:
			return match{}, false
		}
		return m, true
	}
	g := granOf(u)
	if g == gNone || g == gTime {
		return match{}, false
	}
	if the && (u == uDecade || u == uCentury) && (d == dPast || d == dLast || d == dNext || d == dComing || d == dFollowing) {
		// "over the next decade": a stretch of time, not a calendar
		// decade
		m := s.mk(start, end, TypeDuration)
		m.val = durValue(1, u)
		return m, true
	}
	m := s.mk(start, end, TypeDate)
	switch d {
	case dThis, dCurrent:
		if u == uDay {
			return match{}, false
		}
		s.relUnit(&m, u, 0)
	case dLast, dPast:
		if u == uDay {
			return match{}, false
		}
		s.relUnit(&m, u, -1)
	case dNext, dComing, dUpcoming:
		if the && (u == uDay || d == dNext && s.dc.lastDay.g != gNone && u == uWeek) {
			s.anaUnit(&m, u, 1)
			return m, true
		}
		if u == uDay {
			return match{}, false
		}
		s.relUnit(&m, u, 1)
	case dPrevious, dPrior:
		s.anaUnit(&m, u, -1)
	case dFollowing:
		s.anaUnit(&m, u, 1)
	case dSame, dThat:
		s.anaUnit(&m, u, 0)
	case dLatest:
		if u != uQuarter {
			return match{}, false
		}
		s.relUnit(&m, u, -1)
	default:
		return match{}, false
	}
	if m.val == "" && m.pt.g == gNone {
		return match{}, false
	}
	return m, true
}

// relUnit sets m to the reference date's unit u moved by n.
func (s *state) relUnit(m *match, u unit, n int) {
	g := granOf(u)
	if !s.dc.HasRef {
		m.val = unresolved(g)
		return
	}
	if u == uWeekend {
		m.pt = at(add(s.ref.t, uWeek, n), gWeekend)
		return
	}
	m.pt = at(add(at(s.ref.t, g).t, u, n), g)
}

// anaUnit sets m to the last date named, at u's granularity, moved by n
// units: "the previous day", "the following year", "that day".
func (s *state) anaUnit(m *match, u unit, n int) {
	m.noLast = n != 0
	g := granOf(u)
	a, ok := s.anchor(g)
	if !ok {
		m.val = unresolved(g)
		return
	}
	if a.g < g {
		// The last date is coarser than the unit ("1998", then "the
		// previous month"): count from the reference date instead.
		if !s.dc.HasRef {
			m.val = unresolved(g)
			return
		}
		a = s.ref
	}
	p := at(add(a.t, u, n), g)
	if u == uWeekend {
		p = at(add(a.t, uWeek, n), gWeekend)
	}
	p.noYr = a.noYr
	m.pt = p
}

func (s *state) deicticMonth(start, j, d int) (match, bool) {
	mon := s.v(j)
	m := s.mk(start, j+1, TypeDate)
	if !s.dc.HasRef {
		m.val = "XXXX-" + two(mon)
		return m, true
	}
	r := s.ref.t
	y := r.Year()
	rm := int(r.Month())
	switch d {
	case dLast, dPast, dPrevious:
		if mon >= rm {
			y--
		}
	case dNext, dComing, dFollowing, dUpcoming:
		if mon <= rm {
			y++
		}
	case dThis, dCurrent:
	default:
		return match{}, false
	}
	m.pt = at(date(y, mon, 1), gMonth)
	return m, true
}

func (s *state) deicticWeekday(start, j, d int, the bool) (match, bool) {
	wd := s.v(j)
	end := j + 1
	m := s.mk(start, end, TypeDate)
	tod := ""
	if s.is(end, cDayPart) && s.v(end) <= tNight {
		tod = todCode(s.v(end))
		m.end, m.typ = end+1, TypeTime
	}
	var base time.Time
	switch d {
	case dPrevious, dFollowing, dPrior:
		a, ok := s.anchor(gDay)
		if !ok {
			m.val = "XXXX-WXX-" + strconv.Itoa(wd)
			return m, true
		}
		base = a.t
	default:
		if !s.dc.HasRef {
			m.val = "XXXX-WXX-" + strconv.Itoa(wd)
			return m, true
		}
		base = s.ref.t
	}
	bw := weekdayISO(base)
	var t time.Time
	switch d {
	case dLast, dPast, dPrevious, dPrior:
		back := (bw - wd + 7) % 7
		if back == 0 {
			back = 7
		}
		t = base.AddDate(0, 0, -back)
	case dNext, dComing, dFollowing, dUpcoming:
		fwd := (wd - bw + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		t = base.AddDate(0, 0, fwd)
	case dThis:
		t = base.AddDate(0, 0, wd-bw)
	default:
		return match{}, false
	}
	m.pt = at(t, gDay)
	if tod != "" {
		m.pt.g, m.pt.tod = gTime, tod
	}
	return m, true
}

func (s *state) deicticSeason(start, j, d int) (match, bool) {
	sm := s.v(j)
	m := s.mk(start, j+1, TypeDate)
	if !s.dc.HasRef {
		m.val = "XXXX-" + seasonCode(sm)
		return m, true
	}
	r := s.ref.t
	cur := at(r, gSeason)
	var best time.Time
	for y := r.Year() - 2; y <= r.Year()+1; y++ {
		st := date(y, sm, 1)
		switch d {
		case dLast, dPast, dPrevious:
			if !st.Before(cur.t) {
				continue
			}
			if best.IsZero() || st.After(best) {
				best = st
			}
		case dNext, dComing, dUpcoming, dFollowing:
			if !st.After(cur.t) {
				continue
			}
			if best.IsZero() || st.Before(best) {
				best = st
			}
		case dThis, dCurrent:
			if y == r.Year() {
				best = st
			}
		default:
			return match{}, false
		}
	}
	if best.IsZero() {
		return match{}, false
	}
	m.pt = at(best, gSeason)
	return m, true
}

func seasonCode(sm int) string {
	switch sm {
	case 3:
		return "SP"
	case 6:
		return "SU"
	case 9:
		return "FA"
	}
	return "WI"
}

func (s *state) deicticDayPart(start, j, d int, the bool) (match, bool) {
	dp := s.v(j)
	if dp > tNight || strings.HasSuffix(s.text(j), "s") {
		return match{}, false
	}
	m := s.mk(start, j+1, TypeTime)
	tod := todCode(dp)
	switch d {
	case dThis:
		s.relDay(&m, 0)
	case dLast:
		if dp != tNight || the {
			return match{}, false
		}
		s.relDay(&m, -1)
	case dThat, dSame:
		a, ok := s.anchor(gDay)
		if !ok {
			return match{}, false
		}
		m.pt = at(a.t, gDay)
	case dNext, dFollowing:
		if !the {
			return match{}, false
		}
		a, ok := s.anchor(gDay)
		if !ok {
			return match{}, false
		}
		m.pt = at(a.t.AddDate(0, 0, 1), gDay)
	default:
		return match{}, false
	}
	if m.val != "" {
		m.val += "T" + tod
	} else {
		m.pt.g, m.pt.tod = gTime, tod
	}
	return m, true
}

// ---- early, late, mid, the end of

func partMod(p int) string {
	switch p {
	case pEarly, pEarlier, pBeginning, pStart:
		return "START"
	case pLate, pLater, pEnd:
		return "END"
	case pMid, pMiddle:
		return "MID"
	}
	return ""
}

// pPart: "early 2024", "late last year", "mid-July", "earlier this
// month", "the end of 1990".
func (s *state) pPart(start, i int) (match, bool) {
	p := s.v(i)
	j := i + 1
	mod := partMod(p)
	switch p {
	case pMiddle, pEnd, pBeginning, pStart:
		if !s.fn(j, fOf) {
			return match{}, false
		}
		j++
		m, ok := s.partTarget(j, true)
		if !ok {
			return match{}, false
		}
		m.start, m.mod = start, mod
		return m, true
	case pEarly, pLate, pMid:
		if s.fn(j, fIn) && s.fn(j+1, fThe) && s.is(j+2, cUnit) {
			m := s.mk(start, j+3, TypeDate)
			s.relUnit(&m, unit(s.v(j+2)), 0)
			m.mod = mod
			return m, granOf(unit(s.v(j+2))) > gNone && s.lx[j+2].w == 0
		}
		m, ok := s.partTarget(j, false)
		if !ok {
			return match{}, false
		}
		m.start, m.mod = start, mod
		return m, true
	case pEarlier, pLater:
		// "earlier this month", "later that day", "earlier in the year",
		// "earlier Sunday", "later today".
		if s.fn(j, fIn) && s.fn(j+1, fThe) && s.is(j+2, cUnit) && s.lx[j+2].w == 0 {
			m := s.mk(start, j+3, TypeDate)
			s.relUnit(&m, unit(s.v(j+2)), 0)
			m.mod = mod
			return m, granOf(unit(s.v(j+2))) > gNone && granOf(unit(s.v(j+2))) < gTime
		}
		if s.is(j, cDeictic|cRef|cWeekday) || s.fn(j, fThat) {
			m, ok := s.core(j)
			if !ok || m.typ == TypeDuration || m.typ == TypeSet || m.val == "PAST_REF" || m.val == "PRESENT_REF" || m.val == "FUTURE_REF" {
				return match{}, false
			}
			m.start, m.mod = start, mod
			return m, true
		}
	}
	return match{}, false
}

// partTarget reads what a part word modifies: a year, a month, a decade,
// a weekday, "the year", "this week", "yesterday".
func (s *state) partTarget(j int, ofForm bool) (match, bool) {
	switch {
	case s.isYear(j):
		if s.is(j+1, cUnit) {
			return match{}, false
		}
		m := s.mk(j, j+1, TypeDate)
		m.pt = at(date(s.v(j), 1, 1), gYear)
		return m, true
	case s.is(j, cMonth):
		m, ok := s.pMonth(j)
		if !ok {
			// "early May": the part word is the temporal cue.
			if !s.is(j, cCap) {
				return match{}, false
			}
			m = s.mk(j, j+1, TypeDate)
			s.monthOnly(&m, s.v(j))
			return m, true
		}
		return m, true
	case s.is(j, cDecadeTok):
		return s.pDecade(j, j)
	case s.is(j, cSeason):
		d := dThis
		switch s.dir(j, j+1) {
		case past:
			d = dLast
		case future:
			d = dNext
		}
		return s.deicticSeason(j, j, d)
	case s.is(j, cWeekday|cRef|cDeictic) || s.fn(j, fThat):
		m, ok := s.core(j)
		if !ok || m.typ == TypeDuration || m.typ == TypeSet || m.val == "PAST_REF" || m.val == "PRESENT_REF" || m.val == "FUTURE_REF" {
			return match{}, false
		}
		return m, true
	case s.fn(j, fThe):
		if s.is(j+1, cUnit) && s.lx[j+1].w == 0 {
			u := unit(s.v(j + 1))
			g := granOf(u)
			if g == gNone || g >= gTime || u == uDay {
				return match{}, false
			}
			m := s.mk(j, j+2, TypeDate)
			if s.dc.last.g >= g && s.dc.last.g != gNone && u != uYear && u != uMonth {
				s.anaUnit(&m, u, 0)
			} else {
				s.relUnit(&m, u, 0)
			}
			return m, true
		}
		if s.is(j+1, cDecadeTok) {
			return s.pDecade(j, j+1)
		}
		if s.is(j+1, cOrd) || s.is(j+1, cDeictic) {
			m, ok := s.pThe(j)
			if ok && m.typ == TypeDate && m.val == "" {
				return m, true
			}
		}
	case s.fn(j, fFiscal) && s.isYear(j+1):
		m := s.mk(j, j+2, TypeDate)
		m.pt = at(date(s.v(j+1), 1, 1), gYear)
		return m, true
	case ofForm && s.is(j, cUnit) && s.lx[j].w == 0 && !s.titleCase(j):
		// "the end of year", "by end of month"
		u := unit(s.v(j))
		if u != uYear && u != uMonth && u != uWeek && u != uQuarter {
			return match{}, false
		}
		m := s.mk(j, j+1, TypeDate)
		s.relUnit(&m, u, 0)
		return m, true
	}
	return match{}, false
}

// ---- decades and centuries

// pDecade: "1990s", "the 1990s", "the '80s", "the nineties", "the early
// 1990s" (start is "the" or the decade).
func (s *state) pDecade(start, i int) (match, bool) {
	v := s.v(i)
	words := s.lx[i].c&cDigits == 0 && !startsDigit(s.text(i))
	if words && start == i {
		return match{}, false
	}
	if v < 100 {
		// "'80s": only with the apostrophe, or after "the" ("in her
		// 80s" is an age).
		apos := i > 0 && (s.text(i-1) == "'" || s.text(i-1) == "’") && s.toks[i-1].End == s.toks[i].Start
		if !apos && start == i {
			return match{}, false
		}
		if !apos && start < i && !s.fn(start, fThe) {
			return match{}, false
		}
		v += 1900
		if apos && start == i {
			start = i - 1
		}
	}
	m := s.mk(start, i+1, TypeDate)
	m.pt = at(date(v, 1, 1), gDecade)
	return m, true
}

func startsDigit(t string) bool { return t != "" && t[0] >= '0' && t[0] <= '9' }

// ---- the

// pThe reads expressions that begin with "the" (or "its"): "the past",
// "the previous day", "the third quarter", "the 1990s", "the end of
// 1990", "the weekend", "the future".
func (s *state) pThe(i int) (match, bool) {
	j := i + 1
	its := s.fn(i, fIts)
	switch {
	case s.is(j, cDeictic):
		if its {
			return match{}, false
		}
		m, ok := s.pDeictic(i, j)
		if !ok && s.is(j, cOrd) {
			return s.ordinalPeriod(i, j)
		}
		return m, ok
	case s.isYear(j) && s.fn(j+1, fPeriod):
		// "the 1988 period": in a report of quarterly results, the
		// quarter of that year
		m := s.mk(i, j+2, TypeDate)
		m.pt = at(date(s.v(j), 1, 1), gYear)
		if s.dc.last.g == gQuarter {
			m.pt = at(date(s.v(j), int(s.dc.last.t.Month()), 1), gQuarter)
		}
		return m, true
	case s.is(j, cCompound) && (s.lx[j].f == kPartDecade || s.lx[j].f == kPartYear):
		m, ok := s.pCompound(j)
		m.start = i
		return m, ok
	case s.fn(j, fWeek) && s.fn(j+1, fOf) && s.is(j+2, cMonth|cNum|cDate):
		m, ok := s.core(j + 2)
		if !ok || m.pt.g != gDay {
			return match{}, false
		}
		m.start = i
		m.pt = at(m.pt.t, gWeek)
		return m, true
	case s.fn(j, fTime) && s.fn(i-1, fAt):
		// "at the time"
		m := s.mk(i, j+1, TypeDate)
		m.val = "PAST_REF"
		return m, true
	case s.is(j, cRef) && s.v(j) == rFuture:
		m := s.mk(i, j+1, TypeDate)
		m.val = "FUTURE_REF"
		return m, true
	case s.fn(j, fNear) && (s.val(j+1, cRef) == rFuture || s.fn(j+2, fTerm) || s.fn(j+1, fTerm)):
		m := s.mk(i, j+2, TypeDate)
		m.val = "FUTURE_REF"
		return m, true
	case (s.fn(j, fShort) || s.fn(j, fLong)) && s.fn(j+1, fTerm):
		m := s.mk(i, j+2, TypeDate)
		m.val = "FUTURE_REF"
		return m, true
	case s.fn(j, fFiscal) && s.is(j+1, cOrd):
		m, ok := s.ordinalPeriod(i, j+1)
		return m, ok
	case s.is(j, cOrd):
		if its {
			m, ok := s.ordinalPeriod(i, j)
			return m, ok && m.typ == TypeDate
		}
		if s.fn(j+1, fCentury) || s.is(j+1, cUnit) && s.v(j+1) == int(uCentury) {
			return s.century(i, j)
		}
		return s.ordinalPeriod(i, j)
	case s.is(j, cDecadeTok):
		if its {
			return match{}, false
		}
		return s.pDecade(i, j)
	case (s.text(j) == "'" || s.text(j) == "’") && s.is(j+1, cDecadeTok):
		return s.pDecade(i, j+1)
	case s.is(j, cPart):
		if its {
			return match{}, false
		}
		return s.pPart(i, j)
	case s.isYear(j) && (s.fn(j+1, fQuarter) || s.is(j+1, cOrd) && s.fn(j+2, fQuarter)):
		k := j + 1
		q := 0
		if s.is(k, cOrd) {
			q = s.ord(k)
			k++
		}
		if q < 1 || q > 4 {
			return match{}, false
		}
		m := s.mk(i, k+1, TypeDate)
		m.pt = at(date(s.v(j), 3*q-2, 1), gQuarter)
		return m, true
	case s.is(j, cCompound) && s.lx[j].f == kYearAgo && (s.fn(j+1, fQuarter) || s.fn(j+1, fPeriod) || s.is(j+1, cOrd) && s.fn(j+2, fQuarter)):
		end := j + 2
		if s.is(j+1, cOrd) {
			end++
		}
		m := s.mk(i, end, TypeDate)
		s.yearAgo(&m)
		return m, true
	case s.fn(j, fMore2) || strings.EqualFold(s.text(j), "comparable") || strings.EqualFold(s.text(j), "corresponding"):
		if s.is(j+1, cCompound) && s.lx[j+1].f == kYearAgo && (s.fn(j+2, fQuarter) || s.fn(j+2, fPeriod)) {
			m := s.mk(i, j+3, TypeDate)
			s.yearAgo(&m)
			return m, true
		}
	case s.fn(j, fYear) && s.is(j+1, cNum):
		if y, end, ok := s.spelledYear(j + 1); ok {
			m := s.mk(i, end, TypeDate)
			m.pt = at(date(y, 1, 1), gYear)
			return m, true
		}
		if n, end, ok := s.count(j + 1); ok && n >= 1000 && n <= 2100 && n == float64(int(n)) {
			m := s.mk(i, end, TypeDate)
			m.pt = at(date(int(n), 1, 1), gYear)
			return m, true
		}
		return match{}, false
	case s.is(j, cUnit) && s.lx[j].w == 0:
		return s.theUnit(i, j)
	case (s.fn(j, fFiscal) || s.fn(j, fFull) || s.fn(j, fWhole) || s.fn(j, fEntire)) && s.fn(j+1, fYear):
		return s.theUnit(i, j+1)
	case s.is(j, cSeason) && !its && s.fn(j+1, fOf):
		y, end := 0, 0
		if s.isYear(j + 2) {
			y, end = s.v(j+2), j+3
		} else if yy, e, ok := s.spelledYear(j + 2); ok {
			y, end = yy, e
		} else {
			return match{}, false
		}
		m := s.mk(i, end, TypeDate)
		m.pt = at(date(y, s.v(j), 1), gSeason)
		return m, true
	case s.is(j, cSeason) && !its:
		d := dThis
		switch s.dir(i, j+1) {
		case past:
			d = dLast
		case future:
			d = dNext
		}
		return s.deicticSeason(i, j, d)
	case s.is(j, cUnit) && s.lx[j].w == 1 && s.is(j+1, cAgo|cFunc) && (s.ago(j+1) == aBefore || s.ago(j+1) == aAfter || s.fn(j+1, fAhead) || s.fn(j+1, fThat) || s.fn(j+1, fFollowing)):
		// "in the weeks before the shooting": TimeBank marks the unit
		m := s.mk(j, j+1, TypeDuration)
		m.val = durValue(-1, unit(s.v(j)))
		return m, m.val != ""
	case s.is(j, cNum|cFew) || s.fn(j, fCouple):
		m, ok := s.duration(j)
		if ok && m.typ == TypeDuration {
			m.start = i
			return m, true
		}
	}
	return match{}, false
}

// spelledYear reads a year in words, as transcripts write them:
// "nineteen ninety-six", "nineteen seventy-nine".
func (s *state) spelledYear(i int) (y, end int, ok bool) {
	if !s.is(i, cNum) || s.lx[i].c&cDigits != 0 {
		return 0, 0, false
	}
	c := s.v(i)
	if c != 19 && c != 20 && c != 18 {
		return 0, 0, false
	}
	j := i + 1
	if !s.is(j, cNum) || s.lx[j].c&cDigits != 0 {
		return 0, 0, false
	}
	v := s.v(j)
	end = j + 1
	if v >= 20 && v < 100 && v%10 == 0 && s.is(end, cNum) && s.lx[end].c&cDigits == 0 && s.v(end) > 0 && s.v(end) < 10 {
		v += s.v(end)
		end++
	}
	if v < 10 || v > 99 {
		return 0, 0, false
	}
	return c*100 + v, end, true
}

// theUnit: "the weekend", "the quarter", "the day before", "the year
// before".
func (s *state) theUnit(i, j int) (match, bool) {
	u := unit(s.v(j))
	k := j + 1
	if s.is(k, cAgo) && (s.ago(k) == aBefore || s.ago(k) == aAfter) {
		n := -1
		if s.ago(k) == aAfter {
			n = 1
		}
		// "the day before yesterday"
		if s.is(k+1, cRef) && u == uDay {
			r := s.v(k + 1)
			off := map[int]int{rToday: 0, rYesterday: -1, rTomorrow: 1}[r]
			if r == rYesterday || r == rTomorrow {
				m := s.mk(i, k+2, TypeDate)
				s.relDay(&m, off+n)
				return m, true
			}
		}
		if s.clauseEnd(k + 1) {
			m := s.mk(i, k+1, TypeDate)
			s.anaUnit(&m, u, n)
			return m, m.val != "" || m.pt.g != gNone
		}
		return match{}, false
	}
	if s.titleCase(j) {
		return match{}, false
	}
	switch u {
	case uYear:
		if s.fn(k, fEnded) {
			// "the year ended Sept. 30": a fiscal year, named by its end
			m := s.mk(i, k, TypeDuration)
			m.val = "P1Y"
			return m, true
		}
		m := s.mk(i, k, TypeDate)
		s.relUnit(&m, uYear, 0)
		return m, true
	case uWeek:
		m := s.mk(i, k, TypeDate)
		s.relUnit(&m, uWeek, 0)
		return m, true
	case uWeekend:
		m := s.mk(i, k, TypeDate)
		if !s.dc.HasRef {
			m.val = "XXXX-WXX-WE"
			return m, true
		}
		r := s.ref.t
		rw := weekdayISO(r)
		w := r
		if rw < 6 && s.dir(i, k) < 0 {
			w = r.AddDate(0, 0, -7)
		}
		m.pt = at(w, gWeekend)
		return m, true
	case uQuarter:
		m := s.mk(i, k, TypeDate)
		if s.dc.last.g == gQuarter && s.dc.HasRef && s.dc.last.t.Year() == s.ref.t.Year() {
			m.pt = s.dc.last
			return m, true
		}
		s.relUnit(&m, uQuarter, -1)
		return m, true
	}
	return match{}, false
}

// titleCase reports whether token k is capitalised inside a sentence
// that is not all capitals: "on ABC's This Week", "60 Minutes" are
// names, not times.
func (s *state) titleCase(k int) bool {
	if !s.is(k, cCap) || s.sentenceStart(k) {
		return false
	}
	t := s.text(k)
	if isUpper(t) {
		return false
	}
	if k > 0 && s.is(k-1, cCap) && !s.sentenceStart(k-1) && s.lx[k-1].c&(cNum|cDeictic) != 0 {
		return true
	}
	return k > 0 && (s.is(k-1, cNum) || s.is(k-1, cDeictic))
}

// clauseEnd reports whether token i ends a clause: punctuation or the
// end of the paragraph.
func (s *state) clauseEnd(i int) bool {
	if i >= len(s.toks) {
		return true
	}
	switch s.text(i) {
	case ".", ",", ";", ":", "!", "?", ")", "\"", "”", "—", "–", "--":
		return true
	}
	return false
}

// ordinalPeriod: "the third quarter", "the first half of 1989", "the
// fourth quarter of 2023", "the first nine months".
func (s *state) ordinalPeriod(start, j int) (match, bool) {
	n := s.ord(j)
	k := j + 1
	if s.is(k, cNum) && s.is(k+1, cUnit) && s.lx[k+1].w == 1 && n == 1 {
		// the first nine months
		m, ok := s.duration(k)
		if ok && m.typ == TypeDuration {
			m.start = start
			return m, true
		}
		return match{}, false
	}
	var u unit
	switch {
	case s.fn(k, fQuarter):
		u = uQuarter
		if n < 1 || n > 4 {
			if n != 99 {
				return match{}, false
			}
		}
	case s.fn(k, fHalf):
		u = uHalf
		if n < 1 || n > 2 {
			if n != 99 {
				return match{}, false
			}
		}
	default:
		return match{}, false
	}
	if n == 99 {
		n = 4
		if u == uHalf {
			n = 2
		}
	}
	k++
	m := s.mk(start, k, TypeDate)
	y := 0
	if s.fn(k, fOf) && s.isYear(k+1) {
		y = s.v(k + 1)
		m.end = k + 2
	} else if s.fn(k, fOf) && s.fn(k+1, fThe) && s.fn(k+2, fYear) {
		m.end = k + 3
	} else if s.fn(k, fOf) && (s.is(k+1, cDeictic) || s.fn(k+1, fThis)) && s.fn(k+2, fYear) {
		mm, ok := s.pDeictic(k+1, k+1)
		if ok && mm.pt.g == gYear {
			y = mm.pt.t.Year()
			m.end = k + 3
		}
	}
	if y == 0 {
		if !s.dc.HasRef {
			if u == uQuarter {
				m.val = "XXXX-Q" + strconv.Itoa(n)
			} else {
				m.val = "XXXX-H" + strconv.Itoa(n)
			}
			return m, true
		}
		y = s.ref.t.Year()

	}
	if u == uQuarter {
		m.pt = at(date(y, 3*n-2, 1), gQuarter)
	} else {
		m.pt = at(date(y, 6*n-5, 1), gHalf)
	}
	return m, true
}

// century: "the 20th century" → "19".
func (s *state) century(start, j int) (match, bool) {
	n := s.ord(j)
	if n < 1 || n > 30 {
		return match{}, false
	}
	m := s.mk(start, j+2, TypeDate)
	m.pt = at(date((n-1)*100, 1, 1), gCentury)
	if n == 1 {
		m.val = "00"
	}
	return m, true
}

// yearAgo: "the year-ago quarter": the last date named (or the
// reference) a year back.
func (s *state) yearAgo(m *match) {
	a, ok := s.anchor(gYear)
	if !ok {
		m.val = "XXXX"
		return
	}
	if a.g > gQuarter {
		a = coarsen(a, gYear)
	}
	m.pt = shift(a, uYear, -1)
	m.noLast = true
}

// ---- numbers: years, durations, "two weeks ago", clock times

// pNumber reads what begins with a number or a count word.
func (s *state) pNumber(i int) (match, bool) {
	var best match
	ok := false
	try := func(m match, good bool) {
		if good && (!ok || m.end > best.end) {
			best, ok = m, true
		}
	}
	if s.isYear(i) {
		try(s.pYear(i))
	}
	if d, good := s.dayAt(i); good {
		// 20 April 2023, 20th of April
		k := i + 1
		if s.fn(k, fOf) {
			k++
		}
		if s.is(k, cMonth) && s.monthWord(k, true) {
			mon := s.v(k)
			k++
			m := s.mk(i, k, TypeDate)
			if s.isYear(k) {
				if validDay(s.v(k), mon, d) {
					m.end = k + 1
					m.pt = at(date(s.v(k), mon, d), gDay)
					try(m, true)
				}
			} else if validDay(2000, mon, d) {
				s.monthDay(&m, mon, d)
				try(m, true)
			}
		}
	}
	if s.is(i, cNum) {
		try(s.pClock(i))
	}
	try(s.duration(i))
	return best, ok
}

// yearNouns are plural nouns after which a four-digit number is still a
// year ("the 2008 elections"); after any other lower-case plural it is a
// count ("2000 troops").
var yearNouns = map[string]bool{
	"elections": true, "games": true, "talks": true, "polls": true, "riots": true, "protests": true,
	"attacks": true, "bombings": true, "playoffs": true, "finals": true, "levels": true, "figures": true,
	"results": true, "earnings": true, "sales": true, "rates": true, "prices": true, "models": true,
	"midterms": true, "primaries": true, "floods": true, "killings": true, "accords": true, "olympics": true,
}

// singularS: nouns that end in -s without being plurals ("a 2009
// analysis", "the 2010 census").
func singularS(w string) bool {
	return strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "is") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "ics") || strings.HasSuffix(w, "ews")
}

// countNouns are plurals without an -s: "1800 people".
var countNouns = map[string]bool{
	"people": true, "men": true, "women": true, "children": true, "police": true, "staff": true,
	"personnel": true, "cattle": true, "feet": true, "sheep": true, "fish": true, "deer": true, "youth": true,
	"more": true, "other": true, "others": true, "of": true, "per": true, "million": true, "billion": true,
}

// pYear: a four-digit number read as a year.
func (s *state) pYear(i int) (match, bool) {
	v := s.v(i)
	if v < 1000 || v > 2100 {
		return match{}, false
	}
	if i > 0 {
		switch s.text(i - 1) {
		case "$", "€", "£", "#", "No.", "no.", "+", "US$", "number", "Number", "A$", "C$", "HK$", "¥":
			return match{}, false
		}
		if s.is(i-1, cNum) && s.lx[i-1].c&cDigits != 0 {
			return match{}, false
		}
	}
	nxt := s.text(i + 1)
	if s.is(i+1, cUnit) || s.fn(i+1, fPercent) || s.is(i+1, cZone) && s.is(i+1, cCap) || s.is(i+1, cAmPm) {
		return match{}, false
	}
	if len(nxt) > 3 && nxt[0] >= 'a' && nxt[0] <= 'z' && nxt[len(nxt)-1] == 's' && !yearNouns[nxt] && !singularS(nxt) || countNouns[nxt] {
		return match{}, false
	}
	m := s.mk(i, i+1, TypeDate)
	m.pt = at(date(v, 1, 1), gYear)
	return m, true
}

// count reads a number of units: "two", "20", "twenty four", "a", "a
// couple of", "a few", "several", "2 1/2". n is -1 for a vague count.
func (s *state) count(i int) (n float64, end int, ok bool) {
	e := s.c(i)
	switch {
	case s.fn(i, fA) || s.fn(i, fAn):
		k := i + 1
		if (s.fn(k, fMere) || s.fn(k, fFull) || s.fn(k, fWhole) || s.fn(k, fAdditional) || isCountAdj(s.text(k))) && s.is(k+1, cNum) && s.lx[k+1].v > 1 {
			// "a mere 24 hours", "a full 10 days", "a record 12 months"
			return s.count(k + 1)
		}
		switch {
		case s.fn(k, fCouple) && s.fn(k+1, fOf):
			return 2, k + 2, true
		case s.fn(k, fCouple):
			return 2, k + 1, true
		case s.is(k, cFew) && s.text(k) == "few":
			return -1, k + 1, true
		case s.fn(k, fDozen):
			return 12, k + 1, true
		case s.is(k, cNum) && (s.v(k) == 100 || s.v(k) == 1000):
			return float64(s.v(k)), k + 1, true
		case s.fn(k, fHalf):
			return 0.5, k + 1, true
		}
		return 1, k, true
	case s.fn(i, fCouple) && s.fn(i+1, fOf):
		return 2, i + 2, true
	case e&cFew != 0:
		return -1, i + 1, true
	case e&cNum != 0:
		v := float64(s.v(i))
		k := i + 1
		if e&cDigits == 0 {
			if s.v(i) >= 20 && s.v(i) < 100 && s.v(i)%10 == 0 && s.is(k, cNum) && s.lx[k].c&cDigits == 0 && s.v(k) > 0 && s.v(k) < 10 {
				v += float64(s.v(k))
				k++
			}
			if s.is(k, cNum) && s.lx[k].c&cDigits == 0 && (s.v(k) == 100 || s.v(k) == 1000) && v < 100 {
				v *= float64(s.v(k))
				k++
			}
		} else if s.lx[i].w > 5 {
			return 0, 0, false
		}
		if t := s.text(k); t == "1/2" || t == "½" {
			v += 0.5
			k++
		} else if s.fn(k, fAnd) && s.fn(k+1, fA) && s.fn(k+2, fHalf) && s.is(k+3, cUnit) {
			v += 0.5
			k += 3
		}
		return v, k, true
	}
	return 0, 0, false
}

// isCountAdj: adjectives that may stand between "a" and a number.
func isCountAdj(w string) bool {
	switch strings.ToLower(w) {
	case "record", "further", "staggering", "solid", "good", "total", "combined", "scant", "mere", "full", "additional", "whopping", "remarkable", "short", "long":
		return true
	}
	return false
}

// durationUnitOK rejects readings of a unit word that are not time: "a
// second time", "a quarter of the vote".
func (s *state) durationUnitOK(cnt float64, ci, ui int) bool {
	u := unit(s.v(ui))
	single := s.lx[ui].w == 0
	if single && (u == uSecond || u == uQuarter) && cnt == 1 {
		return s.clauseEnd(ui+1) || s.is(ui+1, cAgo)
	}
	return true
}

// duration reads a count and a unit, with what may follow: "two weeks",
// "two weeks ago", "a year earlier", "a couple of seconds", "two more
// weeks", "a year and a half", "three days later".
func (s *state) duration(i int) (match, bool) {
	if s.fn(i, fOnce) || s.fn(i, fTwice) {
		// "once a week", "twice a year": sets.
		k := i + 1
		if (s.fn(k, fA) || s.fn(k, fAn) || s.val(k, cSetWord) == sPer) && s.is(k+1, cUnit) && s.lx[k+1].w == 0 {
			u := unit(s.v(k + 1))
			m := s.mk(k, k+2, TypeSet)
			m.val = durValue(1, u)
			return m, m.val != ""
		}
		return match{}, false
	}
	n, k, ok := s.count(i)
	if !ok {
		return match{}, false
	}
	rangeMod := ""
	if (s.fn(k, fTo) || s.fn(k, fOr) || s.text(k) == "-" || s.text(k) == "–") && n >= 0 && s.is(k+1, cNum|cFew) {
		// "two to three weeks", "12 to 18 months": the lower bound
		if n2, k2, ok := s.count(k + 1); ok && s.is(k2, cUnit) && (n2 < 0 || n2 > n) {
			k, rangeMod = k2, "EQUAL_OR_MORE"
		}
	}
	for s.fn(k, fMore2) || s.fn(k, fAdditional) || s.fn(k, fFull) || s.fn(k, fWhole) || s.fn(k, fEntire) || s.is(k, cFew) && n == -1 && s.text(k) == "few" {
		k++
	}
	if !s.is(k, cUnit) {
		return match{}, false
	}
	u := unit(s.v(k))
	plural := s.lx[k].w == 1
	if s.titleCase(k) {
		return match{}, false
	}
	if (s.fn(i, fA) || s.fn(i, fAn)) && plural && n == 1 {
		return match{}, false
	}
	if !s.durationUnitOK(n, i, k) {
		return match{}, false
	}
	end := k + 1
	if s.fn(end, fAnd) && s.fn(end+1, fA) && s.fn(end+2, fHalf) && n >= 1 {
		n += 0.5
		end += 3
	}
	if s.text(end) == "old" || s.text(end) == "olds" {
		return match{}, false
	}
	// sets: "$5 a year", "twice a week", "10 hours a day"
	if (s.fn(i, fA) || s.fn(i, fAn)) && n == 1 && end == k+1 && i > 0 {
		prev := s.lx[i-1]
		if prev.c&(cNum|cUnit) != 0 || prev.c&cFunc != 0 && (prev.f == fPercent || prev.f == fTimes || prev.f == fOnce || prev.f == fTwice) || startsDigit(s.text(i-1)) || rateNouns[strings.ToLower(s.text(i-1))] {
			if !s.is(end, cAgo) {
				m := s.mk(i, end, TypeSet)
				m.val = durValue(1, u)
				return m, m.val != ""
			}
		}
	}
	// a date counted from now or from the last date named
	if s.is(end, cAgo) {
		a := s.ago(end)
		switch a {
		case aAgo:
			m := s.mk(i, end+1, TypeDate)
			if n < 0 {
				m.val = "PAST_REF"
				return m, true
			}
			s.counted(&m, u, -n, false)
			return m, m.val != "" || m.pt.g != gNone
		case aEarlier, aLater, aBefore, aAfter:
			if (a == aBefore || a == aAfter) && !s.clauseEnd(end+1) {
				break
			}
			if s.fn(end+1, fThan) {
				// "a month earlier than usual": a comparison, the
				// duration alone is the expression
				break
			}
			if s.is(end+1, cDeictic|cRef|cWeekday) || s.fn(end+1, fIn) && s.fn(end+2, fThe) {
				// "two years later this month": leave to the next reading
				break
			}
			if n < 0 {
				// "a few days later": TimeBank marks the duration
				break
			}
			m := s.mk(i, end+1, TypeDate)
			sign := 1.0
			if a == aEarlier || a == aBefore {
				sign = -1
			}
			s.counted(&m, u, sign*n, true)
			return m, m.val != "" || m.pt.g != gNone
		case aHence:
			m := s.mk(i, end+1, TypeDate)
			if n < 0 {
				m.val = "FUTURE_REF"
				return m, true
			}
			s.counted(&m, u, n, false)
			return m, true
		}
	}
	if s.fn(end, fFrom) && s.fn(end+1, fNow) {
		m := s.mk(i, end+2, TypeDate)
		if n < 0 {
			m.val = "FUTURE_REF"
			return m, true
		}
		s.counted(&m, u, n, false)
		return m, true
	}
	// "one day" alone is "some day", not a duration
	if n == 1 && u == uDay && s.text(i) != "1" && !s.fn(i, fA) && !s.durationPrep(i) {
		if strings.EqualFold(s.text(i), "one") {
			return match{}, false
		}
	}
	// "weeks or months", "a year or two"
	if s.fn(end, fOr) && s.is(end+1, cUnit) && s.lx[end+1].w == s.lx[k].w {
		end += 2
	} else if s.fn(end, fOr) && s.is(end+1, cNum) && s.lx[end+1].c&cDigits == 0 && !s.is(end+2, cUnit) {
		end += 2
	}
	m := s.mk(i, end, TypeDuration)
	m.val = durValue(n, u)
	m.mod = rangeMod
	if m.val == "" {
		return match{}, false
	}
	return m, true
}

// rateNouns are words after which "a year", "a day" is a rate: "$2
// million a year", "four flights a week".
var rateNouns = map[string]bool{
	"million": true, "billion": true, "trillion": true, "dollars": true, "cents": true, "shares": true,
	"flights": true, "units": true, "people": true, "barrels": true, "tons": true, "visits": true,
	"trips": true, "meals": true, "pounds": true, "euros": true, "yen": true, "yuan": true, "rupees": true,
	"jobs": true, "calls": true, "cases": true, "deaths": true, "miles": true, "kilometers": true, "hours": true,
}

// durationPrep reports whether the word before i is one that takes a
// duration: "for", "in", "within", "over", "after".
func (s *state) durationPrep(i int) bool {
	if i == 0 {
		return false
	}
	if s.fn(i-1, fFor) || s.fn(i-1, fIn) {
		return true
	}
	switch strings.ToLower(s.text(i - 1)) {
	case "within", "over", "after", "last", "lasted", "took", "spent", "past", "next":
		return true
	}
	return false
}

// counted sets m to the reference date (or with anaphoric, the last date
// named) moved by n units, at the unit's granularity ("two weeks ago" is
// a week) or, counting from a named date, at that date's.
func (s *state) counted(m *match, u unit, n float64, anaphoric bool) {
	// A date counted from another does not become the last date named:
	// "a year earlier" twice in a row means the same year, not two.
	m.noLast = true
	g := granOf(u)
	if g < gYear {
		// "a decade ago" is a year, not a decade
		g = gYear
	}
	if g == gTime {
		g = gDay
		if !anaphoric {
			// "two hours ago" is a time of the reference day we do not
			// know.
			if !s.dc.HasRef {
				m.val = "XXXX-XX-XX"
				return
			}
			m.pt = s.ref
			return
		}
	}
	whole := int(n)
	var base point
	if anaphoric {
		a, ok := s.anchor(g)
		if !ok {
			m.val = unresolved(g)
			return
		}
		base = a
		if base.g < g {
			g = base.g
		} else if base.g > g && base.g <= gDay {
			g = base.g
		}
		if base.g == gTime {
			g = gDay
		}
	} else {
		if !s.dc.HasRef {
			m.val = unresolved(g)
			return
		}
		base = s.ref
	}
	if u == uHour || u == uMinute || u == uSecond {
		m.pt = at(base.t, gDay)
		return
	}
	if u == uYear && !anaphoric && (s.dc.last.g == gQuarter || s.dc.last.g == gHalf) && n == float64(whole) {
		// In a report of quarterly results, "a year ago" is the same
		// quarter a year before.
		base, g = s.dc.last, s.dc.last.g
	}
	if n != float64(whole) {
		// "a year and a half ago": count in months.
		if u == uYear {
			t := addMonths(base.t, int(n*12))
			m.pt = at(t, gMonth)
			return
		}
	}
	m.pt = at(add(base.t, u, whole), g)
	m.pt.noYr = base.noYr
}

// durValue writes n units as an ISO 8601 duration; n < 0 is "X".
func durValue(n float64, u unit) string {
	if n < 0 {
		switch u {
		case uSecond:
			return "PTXS"
		case uMinute:
			return "PTXM"
		case uHour:
			return "PTXH"
		case uDay:
			return "PXD"
		case uWeek, uFortnight:
			return "PXW"
		case uWeekend:
			return "PXWE"
		case uMonth:
			return "PXM"
		case uQuarter:
			return "PXQ"
		case uYear:
			return "PXY"
		case uDecade:
			return "PXDE"
		case uCentury:
			return "PXCE"
		case uMillennium:
			return "PXML"
		}
		return ""
	}
	whole := int(n)
	half := n != float64(whole)
	num := func(k int) string { return strconv.Itoa(k) }
	switch u {
	case uSecond:
		if half {
			return "PT" + num(whole) + ".5S"
		}
		return "PT" + num(whole) + "S"
	case uMinute:
		if half {
			return "PT" + num(whole) + "M30S"
		}
		return "PT" + num(whole) + "M"
	case uHour:
		if half {
			if whole == 0 {
				return "PT30M"
			}
			return "PT" + num(whole) + "H30M"
		}
		return "PT" + num(whole) + "H"
	case uDay:
		if half {
			if whole == 0 {
				return "PT12H"
			}
			return "P" + num(whole) + "DT12H"
		}
		return "P" + num(whole) + "D"
	case uWeekend:
		return "P" + num(2*whole) + "D"
	case uWeek:
		if half {
			return "P" + num(7*whole+3) + "DT12H"
		}
		return "P" + num(whole) + "W"
	case uFortnight:
		return "P" + num(2*whole) + "W"
	case uMonth:
		if half {
			if whole == 0 {
				return "P2W"
			}
			return "P" + num(whole) + "M15D"
		}
		return "P" + num(whole) + "M"
	case uQuarter:
		return "P" + num(whole) + "Q"
	case uYear:
		if half {
			if whole == 0 {
				return "P6M"
			}
			return "P" + num(whole) + "Y6M"
		}
		return "P" + num(whole) + "Y"
	case uDecade:
		return "P" + num(10*whole+5*b2i(half)) + "Y"
	case uCentury:
		return "P" + num(100*whole+50*b2i(half)) + "Y"
	case uMillennium:
		return "P" + num(1000*whole+500*b2i(half)) + "Y"
	}
	return ""
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pBareUnit: "years", "decades", "weeks" on their own after a
// preposition that takes a duration ("for years", "in decades"); "year
// end", "year's end".
func (s *state) pBareUnit(i int) (match, bool) {
	if s.fn(i, fYear) {
		k := i + 1
		if s.fn(k, fApostropheS) {
			k++
		}
		if s.val(k, cPart) == pEnd {
			m := s.mk(i, k+1, TypeDate)
			m.mod = "END"
			s.relUnit(&m, uYear, 0)
			return m, true
		}
	}
	if s.lx[i].w != 1 {
		return match{}, false
	}
	u := unit(s.v(i))
	if u == uWeekend || u == uQuarter {
		return match{}, false
	}
	if s.is(i+1, cAgo) && s.ago(i+1) == aAgo && !s.titleCase(i) {
		// "months ago"
		m := s.mk(i, i+2, TypeDate)
		m.val = "PAST_REF"
		return m, true
	}
	if !(s.fn(i-1, fFor) || s.fn(i-1, fIn) || strings.EqualFold(s.text(i-1), "within") || strings.EqualFold(s.text(i-1), "over") || strings.EqualFold(s.text(i-1), "after")) && !(s.fn(i+1, fOf) && u >= uDay && i > 0 && !s.fn(i-1, fThe)) {
		return match{}, false
	}
	if s.is(i+1, cAgo) {
		if s.ago(i+1) == aAgo {
			m := s.mk(i, i+2, TypeDate)
			m.val = "PAST_REF"
			return m, true
		}
	}
	m := s.mk(i, i+1, TypeDuration)
	m.val = durValue(-1, u)
	return m, m.val != ""
}

// ---- compounds: mid-July, two-year, third-quarter, year-end

func (s *state) pCompound(i int) (match, bool) {
	e := s.lx[i]
	m := s.mk(i, i+1, TypeDate)
	switch e.f {
	case kPartMonth:
		m.mod = partMod(int(e.w))
		if s.isYear(i + 1) {
			m.end = i + 2
			m.pt = at(date(s.v(i+1), int(e.v), 1), gMonth)
			return m, true
		}
		s.monthOnly(&m, int(e.v))
		return m, true
	case kPartYear:
		m.mod = partMod(int(e.w))
		m.pt = at(date(int(e.v), 1, 1), gYear)
		return m, true
	case kPartDecade:
		m.mod = partMod(int(e.w))
		v := int(e.v)
		if v < 100 {
			v += 1900
		}
		m.pt = at(date(v, 1, 1), gDecade)
		return m, true
	case kPartDayPart:
		m.typ, m.mod = TypeTime, "MID"
		s.relDay(&m, 0)
		if m.val != "" {
			m.val += "T" + todCode(int(e.v))
		} else {
			m.pt.g, m.pt.tod = gTime, todCode(int(e.v))
		}
		return m, true
	case kNumUnit:
		m.typ = TypeDuration
		m.val = durValue(float64(e.v), unit(e.w))
		if w := strings.ToLower(s.text(i + 1)); w == "period" || w == "term" || w == "span" || w == "stretch" || w == "stint" || w == "window" {
			// "a three-year period": the noun names the duration
			m.end = i + 2
			if s.fn(i-1, fA) || s.fn(i-1, fAn) {
				m.start = i - 1
			}
		}
		return m, m.val != ""
	case kUnitLong:
		m.typ = TypeDuration
		m.val = durValue(float64(e.v), unit(e.w))
		return m, m.val != ""
	case kOrdQuarter:
		n := int(e.v)
		y := 0
		if !s.dc.HasRef {
			if unit(e.w) == uQuarter {
				m.val = "XXXX-Q" + strconv.Itoa(n)
			} else {
				m.val = "XXXX-H" + strconv.Itoa(n)
			}
			return m, true
		}
		y = s.ref.t.Year()

		if unit(e.w) == uQuarter {
			m.pt = at(date(y, 3*n-2, 1), gQuarter)
		} else {
			m.pt = at(date(y, 6*n-5, 1), gHalf)
		}
		return m, true
	case kYearRange:
		// two dates inside one token: return the first, queue the second
		t := s.toks[i]
		h := strings.IndexByte(t.Text, '-')
		m.bs, m.be = t.Start, t.Start+h
		m.pt = at(date(int(e.v), 1, 1), gYear)
		s.pending = &match{start: i, end: i + 1, typ: TypeDate, bs: t.Start + h + 1, be: t.End, pt: at(date(int(e.w), 1, 1), gYear)}
		return m, true
	case kYearAgo:
		s.yearAgo(&m)
		return m, true
	case kYearEnd:
		m.mod = "END"
		s.relUnit(&m, uYear, 0)
		return m, true
	case kPostYear:
		if e.w == 1 {
			m.mod = "AFTER"
		} else {
			m.mod = "BEFORE"
		}
		m.pt = at(date(int(e.v), 1, 1), gYear)
		return m, true
	}
	return match{}, false
}

// ---- sets

func (s *state) pSet(i int) (match, bool) {
	if s.is(i, cWeekdays) {
		if !s.is(i, cCap) {
			return match{}, false
		}
		m := s.mk(i, i+1, TypeSet)
		m.val = "XXXX-WXX-" + strconv.Itoa(s.v(i))
		return m, true
	}
	sw := s.v(i)
	m := s.mk(i, i+1, TypeSet)
	switch sw {
	case sDaily:
		m.val = "P1D"
	case sWeekly:
		m.val = "P1W"
	case sMonthly:
		m.val = "P1M"
	case sYearly:
		if strings.EqualFold(s.text(i), "annual") {
			return match{}, false
		}
		m.val = "P1Y"
	case sHourly:
		m.val = "PT1H"
	case sQuarterly:
		m.val = "P3M"
	case sNightly:
		m.val = "XXXX-XX-XXTNI"
	case sEvery, sEach, sPer:
		j := i + 1
		n := 1
		if s.fn(j, fOther) {
			n, j = 2, j+1
		} else if c, k, ok := s.count(j); ok && c > 1 && s.is(k, cUnit) {
			n, j = int(c), k
		}
		switch {
		case s.is(j, cUnit):
			u := unit(s.v(j))
			if sw == sEach && s.lx[j].w == 1 {
				return match{}, false
			}
			m.end = j + 1
			m.val = durValue(float64(n), u)
			return m, m.val != ""
		case s.is(j, cWeekday) && s.is(j, cCap) && sw != sPer:
			m.end = j + 1
			m.val = "XXXX-WXX-" + strconv.Itoa(s.v(j))
			if s.is(j+1, cDayPart) && s.v(j+1) <= tNight {
				m.end = j + 2
				m.val += "T" + todCode(s.v(j+1))
			}
			return m, true
		case s.is(j, cMonth) && s.is(j, cCap) && sw != sPer:
			m.end = j + 1
			m.val = "XXXX-" + two(s.v(j))
			return m, true
		case s.is(j, cDayPart) && s.v(j) <= tNight && sw != sPer:
			m.end = j + 1
			m.val = "XXXX-XX-XXT" + todCode(s.v(j))
			return m, true
		case s.is(j, cSeason) && sw != sPer:
			m.end = j + 1
			m.val = "XXXX-" + seasonCode(s.v(j))
			return m, true
		}
		return match{}, false
	default:
		return match{}, false
	}
	return m, true
}

// ---- clock times

// pClock: "3 p.m.", "10:35 a.m.", "15:00 GMT", "noon", "midnight", "4 a.m.
// EDT Thursday", "4 in the morning".
func (s *state) pClock(i int) (match, bool) {
	hh, mi := -1, 0
	j := i
	strong := false
	switch {
	case s.is(i, cClock):
		hh = s.v(i)
		if s.lx[i].w >= 0 {
			mi = int(s.lx[i].w)
		}
		strong = s.lx[i].f == 1 || s.lx[i].w < 0
		j = i + 1
	case s.is(i, cDayPart):
		switch s.v(i) {
		case tNoon, tMidday:
			hh, strong = 12, true
		case tMidnight:
			hh, strong = 24, true
		default:
			return match{}, false
		}
		j = i + 1
	case s.is(i, cDigits) && s.lx[i].w == 4 && s.is(i+1, cZone) && s.is(i+1, cCap) && s.v(i)%100 < 60 && s.v(i) <= 2400:
		// "1800 UTC": a clock time written the military way
		hh, mi, strong = s.v(i)/100, s.v(i)%100, true
		j = i + 1
	case s.is(i, cNum) && s.is(i, cDigits) && s.lx[i].w <= 2:
		hh = s.v(i)
		if hh < 1 || hh > 12 {
			return match{}, false
		}
		j = i + 1
		if s.fn(j, fOclock) {
			j++
			strong = true
		} else if s.fn(j, fIn) && s.fn(j+1, fThe) && s.is(j+2, cDayPart) && s.v(j+2) <= tNight {
			if s.v(j+2) != tMorning {
				hh += 12
			}
			j += 3
			strong = true
		}
	default:
		return match{}, false
	}
	if s.is(j, cAmPm) && hh >= 1 && hh <= 12 && s.is(i, cNum|cClock) && !s.is(i, cDayPart) {
		if s.v(j) == 12 && hh < 12 {
			hh += 12
		} else if s.v(j) == 0 && hh == 12 {
			hh = 0
		}
		strong = true
		j++
	} else if s.is(j, cAmPm) && s.is(i, cClock) && s.lx[i].w >= 0 && hh <= 12 {
		if s.v(j) == 12 && hh < 12 {
			hh += 12
		}
		strong = true
		j++
	}
	if s.is(j, cZone) && s.is(j, cCap) {
		strong = true
		j++
	}
	if !strong {
		if !s.is(i, cClock) || s.lx[i].w < 0 {
			return match{}, false
		}
		// "10:35" with no a.m. or zone: only after "at" and the like.
		if !(s.fn(i-1, fAt) || s.fn(i-1, fBy) || s.fn(i-1, fUntil) || s.fn(i-1, fSince) || strings.EqualFold(s.text(i-1), "around") || strings.EqualFold(s.text(i-1), "before") || strings.EqualFold(s.text(i-1), "after") || strings.EqualFold(s.text(i-1), "about")) {
			return match{}, false
		}
	}
	m := s.mk(i, j, TypeTime)
	// an attached day: "4 a.m. Thursday", "5 p.m. EST, Nov. 9", "noon
	// Saturday", "10 p.m. yesterday"
	k := j
	if s.fn(k, fComma) && s.is(k+1, cMonth|cWeekday) {
		k++
	}
	var day point
	hasDay := false
	if s.is(k, cWeekday|cMonth|cRef) {
		if dm, ok := s.core(k); ok && dm.typ == TypeDate && (dm.pt.g == gDay || dm.val != "") && dm.val != "PRESENT_REF" && dm.val != "PAST_REF" && dm.val != "FUTURE_REF" {
			if dm.val != "" {
				m.end = dm.end
				m.val = dm.val + clockSuffix(hh, mi)
				return m, true
			}
			day, hasDay = dm.pt, true
			m.end = dm.end
		}
	}
	if !hasDay {
		a, ok := s.anchor(gDay)
		if !ok {
			m.val = "XXXX-XX-XX" + clockSuffix(hh, mi)
			return m, true
		}
		day = a
		m.noLast = true
	}
	m.pt = at(day.t, gDay)
	m.pt.g, m.pt.hh, m.pt.mi = gTime, int8(hh), int8(mi)
	return m, true
}

func clockSuffix(hh, mi int) string {
	return "T" + two(hh) + ":" + two(mi)
}

// ---- holidays

func (s *state) holidayID(i int) int { return s.v(i) }

// pHoliday: "Christmas", "Thanksgiving Day", "New Year's Day", "Easter".
func (s *state) pHoliday(start, i int) (match, bool) {
	if !s.is(i, cCap) {
		return match{}, false
	}
	h := s.v(i)
	j := i + 1
	isDay := func(k int) bool { return s.fn(k, fDay) && s.is(k, cCap) }
	switch h {
	case hChristmas:
		if s.fn(j, fEve) && s.is(j, cCap) {
			h, j = hChristmasEve, j+1
		} else if isDay(j) {
			j++
		}
	case hThanksgiving, hHalloween:
		if isDay(j) {
			j++
		}
	case hEaster:
		if s.val(j, cWeekday) == 7 || s.val(j, cWeekday) == 1 {
			if s.v(j) == 1 {
				return match{}, false
			}
			j++
		}
	case hIndependence, hMemorial, hLabor, hElection, hVeterans, hBoxing:
		if !isDay(j) {
			return match{}, false
		}
		j++
	case hValentine:
		if !(s.fn(j, fApostropheS) && isDay(j+1)) {
			return match{}, false
		}
		j += 2
	case hGoodFriday:
		if s.val(j, cWeekday) != 5 || !s.is(j, cCap) {
			return match{}, false
		}
		j++
	case hNewYearsDay:
		if !(s.fn(j, fYear) && s.is(j, cCap) && s.fn(j+1, fApostropheS)) {
			return match{}, false
		}
		j += 2
		if s.fn(j, fEve) && s.is(j, cCap) {
			h, j = hNewYearsEve, j+1
		} else if isDay(j) {
			j++
		}
	default:
		return match{}, false
	}
	if s.isYear(j) {
		m, ok := s.holidayIn(start, j+1, h, s.v(j))
		return m, ok
	}
	if nxt := s.text(j); s.is(j, cCap) && s.lx[j].c&(cWeekday|cDayPart|cMonth) == 0 || nxt != "" && nxt[0] >= 'A' && nxt[0] <= 'Z' && s.lx[j].c == 0 && !isUpper(nxt) {
		// "Christmas Charity", "Easter Island": a name
		return match{}, false
	}
	m := s.mk(start, j, TypeDate)
	if !s.dc.HasRef {
		m.val = "XXXX-XX-XX"
		return m, true
	}
	r := s.ref.t
	dir := s.dir(start, j)
	if dir == soon {
		dir = 0
	}
	best := time.Time{}
	for y := r.Year() - 1; y <= r.Year()+1; y++ {
		c := holidayDate(h, y)
		if dir < 0 && c.After(r) || dir > 0 && c.Before(r) {
			continue
		}
		if best.IsZero() || absDays(c, r) < absDays(best, r) {
			best = c
		}
	}
	m.pt = at(best, gDay)
	return m, true
}

func (s *state) holidayIn(start, end, h, y int) (match, bool) {
	m := s.mk(start, end, TypeDate)
	m.pt = at(holidayDate(h, y), gDay)
	return m, true
}

func holidayDate(h, y int) time.Time {
	switch h {
	case hChristmas:
		return date(y, 12, 25)
	case hChristmasEve:
		return date(y, 12, 24)
	case hNewYearsDay:
		return date(y, 1, 1)
	case hNewYearsEve:
		return date(y, 12, 31)
	case hThanksgiving:
		return nthWeekday(y, 11, 4, 4)
	case hEaster:
		return easter(y)
	case hGoodFriday:
		return easter(y).AddDate(0, 0, -2)
	case hHalloween:
		return date(y, 10, 31)
	case hIndependence:
		return date(y, 7, 4)
	case hMemorial:
		return nthWeekday(y, 5, 1, -1)
	case hLabor:
		return nthWeekday(y, 9, 1, 1)
	case hElection:
		return nthWeekday(y, 11, 1, 1).AddDate(0, 0, 1)
	case hValentine:
		return date(y, 2, 14)
	case hVeterans:
		return date(y, 11, 11)
	case hBoxing:
		return date(y, 12, 26)
	}
	return date(y, 1, 1)
}

// ---- approximators

// approx: "about two weeks", "nearly four years ago", "more than four
// decades ago", "at least 30 days", "up to 180 days", "around 2010",
// "just over a year".
func (s *state) approx(i int) (match, bool) {
	x := s.v(i)
	j := i + 1
	mod := ""
	durOnly := false
	switch x {
	case xAbout, xAround, xApproximately, xRoughly, xSome:
		mod = "APPROX"
	case xNearly, xAlmost:
		mod = "APPROX"
		if x == xAlmost {
			mod = "LESS_THAN"
		}
	case xOver:
		mod, durOnly = "MORE_THAN", true
	case xUnder:
		mod, durOnly = "LESS_THAN", true
	case xMore:
		if !s.fn(j, fThan) {
			return match{}, false
		}
		mod, j = "MORE_THAN", j+1
	case xLess, xFewer:
		if !s.fn(j, fThan) {
			return match{}, false
		}
		mod, j = "LESS_THAN", j+1
	case xAt:
		if !s.fn(j, fLeast) {
			return match{}, false
		}
		mod, j, durOnly = "EQUAL_OR_MORE", j+1, true
	case xUp:
		if !s.fn(j, fTo) {
			return match{}, false
		}
		mod, j, durOnly = "EQUAL_OR_LESS", j+1, true
	case xJust:
		switch s.val(j, cApprox) {
		case xOver:
			mod = "MORE_THAN"
		case xUnder:
			mod = "LESS_THAN"
		default:
			return match{}, false
		}
		j++
		durOnly = true
	default:
		return match{}, false
	}
	if s.fn(j, fThe) || s.is(j, cDeictic|cRef|cPart|cSetWord) {
		return match{}, false
	}
	if !s.is(j, cNum|cFew|cClock|cDate|cCompound|cMonth) && !s.fn(j, fA) && !s.fn(j, fAn) && !s.fn(j, fCouple) && !s.fn(j, fYear) {
		// "around Wednesday": TimeBank leaves the word out
		return match{}, false
	}
	m, ok := s.core(j)
	if !ok || m.start != j || m.typ == TypeSet {
		return match{}, false
	}
	if durOnly && m.typ != TypeDuration && !(m.typ == TypeDate && s.is(m.end-1, cAgo)) {
		return match{}, false
	}
	if m.val == "PAST_REF" || m.val == "FUTURE_REF" || m.val == "PRESENT_REF" {
		return match{}, false
	}
	// TimeBank marks "about" outside the expression more often than in
	// it; the other approximators inside.
	switch x {
	case xAbout:
	case xJust:
		m.start = i + 1 // "just over a week": TimeBank marks "over a week"
	default:
		m.start = i
	}
	if m.mod == "" {
		m.mod = mod
	}
	return m, true
}
