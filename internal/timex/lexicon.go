package timex

import (
	"strings"

	"github.com/dateline-news/dateline/internal/text"
)

// class is a set of lexical roles a token can play in a time expression.
// Each token is classified once per paragraph; the grammar reads only the
// classes and values, never the raw text again, except for a handful of
// function words compared by their word id.
type class uint32

const (
	cMonth     class = 1 << iota // v: 1..12
	cWeekday                     // v: 1 Monday .. 7 Sunday
	cWeekdays                    // plural weekday, a set ("on Fridays")
	cNum                         // a cardinal: digits or a number word; v the value
	cDigits                      // written in digits; w the number of digits
	cOrd                         // an ordinal: "third", "20th"; v the value
	cUnit                        // v: a unit; w 1 when plural
	cDayPart                     // v: a dayPart
	cSeason                      // v: month the season starts (3, 6, 9, 12)
	cHoliday                     // v: a holiday id
	cDecadeTok                   // "1990s", "80s", "nineties"; v the decade's first year (80 for "80s")
	cFew                         // a vague count: few, several, some, many
	cApprox                      // a word that may open an approximate expression
	cPart                        // early, late, mid, ...; v a part
	cDeictic                     // this, last, next, ...; v a deictic
	cRef                         // a word naming a time by itself: today, now, recently; v a ref
	cSetWord                     // every, each, daily, weekly; v a set word
	cAmPm                        // a.m., p.m.; v 0 or 12
	cZone                        // GMT, EST, ...
	cAgo                         // ago, earlier, later, before, after, hence; v an ago
	cFunc                        // a function word the grammar names: v a fn
	cCompound                    // a hyphenated or suffixed token analysed into parts (see compound)
	cClock                       // "10:35", "3pm": v hour, w minutes (-1 for none)
	cDate                        // a whole date in one token: "2023-04-20", "4/20/2023"
	cCap                         // written with a capital first letter
)

// starters are the classes that can begin a time expression; a token
// with none of them (and no cFunc that opens one) is skipped at the cost
// of one test.
const starters = cMonth | cWeekday | cWeekdays | cNum | cOrd | cUnit | cDayPart | cSeason | cHoliday |
	cDecadeTok | cFew | cApprox | cPart | cDeictic | cRef | cSetWord | cCompound | cClock | cDate

// parts of a period.
const (
	pEarly = iota + 1
	pEarlier
	pLate
	pLater
	pMid
	pMiddle
	pEnd
	pBeginning
	pStart
)

// deictic words.
const (
	dThis = iota + 1
	dLast
	dNext
	dPast
	dComing
	dPrevious
	dFollowing
	dCurrent
	dSame
	dThat
	dThese
	dRecent
	dUpcoming
	dLatest
	dPrior
)

// refs: words that are time expressions on their own.
const (
	rToday = iota + 1
	rTomorrow
	rYesterday
	rTonight
	rNow
	rCurrently
	rRecently
	rNowadays
	rFuture
	rSoon
	rFormerly
)

// set words.
const (
	sEvery = iota + 1
	sEach
	sPer
	sDaily
	sWeekly
	sMonthly
	sYearly
	sHourly
	sQuarterly
	sNightly
)

// ago words.
const (
	aAgo = iota + 1
	aEarlier
	aLater
	aBefore
	aAfter
	aHence
)

// approximators.
const (
	xAbout = iota + 1
	xAround
	xApproximately
	xNearly
	xAlmost
	xRoughly
	xOver
	xMore
	xLess
	xAt
	xUp
	xJust
	xUnder
	xSome
	xFewer
	xOnly
)

// function words the grammar names.
const (
	fThe = iota + 1
	fA
	fAn
	fOf
	fAnd
	fOr
	fTo
	fThan
	fLeast
	fFiscal
	fNow
	fFrom
	fHalf
	fIn
	fOn
	fAt
	fBy
	fSince
	fUntil
	fDuring
	fFor
	fYear
	fCouple
	fDozen
	fDay
	fOclock
	fNear
	fTerm
	fTime
	fPeriod
	fQuarter
	fWeek
	fEve
	fMere
	fOther
	fAdditional
	fMore2
	fFull
	fLong
	fShort
	fWhole
	fEntire
	fApostropheS
	fComma
	fOnce
	fTwice
	fTimes
	fPercent
	fAhead
	fEnded
	fCentury
	fThis
	fRight
	fFollowing
	fSo
	fIts
	fThat
)

// dayparts.
const (
	tMorning = iota + 1
	tAfternoon
	tEvening
	tNight
	tNoon
	tMidnight
	tMidday
	tOvernight
)

// holidays.
const (
	hChristmas = iota + 1
	hChristmasEve
	hNewYearsDay
	hNewYearsEve
	hThanksgiving
	hEaster
	hHalloween
	hIndependence
	hMemorial
	hLabor
	hElection
	hValentine
	hVeterans
	hGoodFriday
	hBoxing
)

// lexeme is what the lexicon knows of one word.
type lexeme struct {
	c class
	v int32
	w int32
	f uint8 // function word id (cFunc)
	o int8  // ordinal value (cOrd), kept apart since "second" is also a unit and "last" a deictic
	a int8  // ago word (cAgo), kept apart since "later" is also a part word
}

var lexicon = map[string]lexeme{}

func addWords(c class, v int32, words ...string) {
	for _, w := range words {
		e := lexicon[w]
		e.c |= c
		switch c {
		case cOrd:
			e.o = int8(v)
		case cAgo:
			e.a = int8(v)
		default:
			e.v = v
		}
		lexicon[w] = e
	}
}

func addFunc(id uint8, words ...string) {
	for _, w := range words {
		e := lexicon[w]
		e.c |= cFunc
		e.f = id
		lexicon[w] = e
	}
}

// maxWord is the longest word in the lexicon; longer tokens are skipped
// before any lookup.
var maxWord int

// firstByte marks the bytes a lexicon word can begin with (either case).
var firstByte [256]bool

// shape is a cheap filter before the lexicon's map: for each first and
// last letter (folded), the set of lengths some lexicon word has. Most
// words of running text fail it and cost no lookup.
var shape [28][28]uint32

func shapeIndex(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c == '.':
		return 26
	}
	return 27
}

func shapeOK(w string) bool {
	n := len(w)
	return n < 32 && shape[shapeIndex(w[0])][shapeIndex(w[n-1])]&(1<<uint(n)) != 0
}

func init() {
	months := [][]string{
		{"january", "jan", "jan."},
		{"february", "feb", "feb."},
		{"march", "mar."},
		{"april", "apr", "apr."},
		{"may"},
		{"june", "jun", "jun."},
		{"july", "jul", "jul."},
		{"august", "aug", "aug."},
		{"september", "sep", "sep.", "sept", "sept."},
		{"october", "oct", "oct."},
		{"november", "nov", "nov."},
		{"december", "dec", "dec."},
	}
	for i, ws := range months {
		addWords(cMonth, int32(i+1), ws...)
	}
	days := [][]string{
		{"monday", "mon."},
		{"tuesday", "tue.", "tues."},
		{"wednesday", "wed."},
		{"thursday", "thu.", "thur.", "thurs."},
		{"friday", "fri."},
		{"saturday", "sat."},
		{"sunday", "sun."},
	}
	for i, ws := range days {
		addWords(cWeekday, int32(i+1), ws...)
		addWords(cWeekdays, int32(i+1), ws[0]+"s")
	}
	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for i, w := range nums {
		addWords(cNum, int32(i), w)
	}
	tens := []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, w := range tens {
		addWords(cNum, int32(20+10*i), w)
	}
	addWords(cNum, 100, "hundred")
	addWords(cNum, 1000, "thousand")
	ords := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
		"nineteenth", "twentieth"}
	for i, w := range ords {
		addWords(cOrd, int32(i+1), w)
	}
	addWords(cOrd, 30, "thirtieth")
	addWords(cOrd, 99, "last") // "the last quarter of": resolved by the grammar
	units := []struct {
		u  unit
		ws []string
	}{
		{uSecond, []string{"second", "seconds", "sec", "secs"}},
		{uMinute, []string{"minute", "minutes", "min", "mins"}},
		{uHour, []string{"hour", "hours", "hr", "hrs"}},
		{uDay, []string{"day", "days"}},
		{uWeekend, []string{"weekend", "weekends"}},
		{uWeek, []string{"week", "weeks"}},
		{uFortnight, []string{"fortnight", "fortnights"}},
		{uMonth, []string{"month", "months"}},
		{uQuarter, []string{"quarter", "quarters"}},
		{uYear, []string{"year", "years"}},
		{uDecade, []string{"decade", "decades"}},
		{uCentury, []string{"century", "centuries"}},
		{uMillennium, []string{"millennium", "millennia", "millenniums"}},
	}
	for _, u := range units {
		for _, w := range u.ws {
			e := lexicon[w]
			e.c |= cUnit
			e.v = int32(u.u)
			if strings.HasSuffix(w, "s") || w == "millennia" || w == "centuries" {
				e.w = 1
			}
			lexicon[w] = e
		}
	}
	addWords(cDayPart, tMorning, "morning", "mornings")
	addWords(cDayPart, tAfternoon, "afternoon", "afternoons")
	addWords(cDayPart, tEvening, "evening", "evenings")
	addWords(cDayPart, tNight, "night", "nights")
	addWords(cDayPart, tNoon, "noon")
	addWords(cDayPart, tMidnight, "midnight")
	addWords(cDayPart, tMidday, "midday")
	addWords(cDayPart, tOvernight, "overnight")
	addWords(cSeason, 3, "spring")
	addWords(cSeason, 6, "summer")
	addWords(cSeason, 9, "fall", "autumn")
	addWords(cSeason, 12, "winter")
	addWords(cHoliday, hChristmas, "christmas", "xmas")
	addWords(cHoliday, hThanksgiving, "thanksgiving")
	addWords(cHoliday, hEaster, "easter")
	addWords(cHoliday, hHalloween, "halloween")
	addWords(cHoliday, hIndependence, "independence")
	addWords(cHoliday, hMemorial, "memorial")
	addWords(cHoliday, hLabor, "labor", "labour")
	addWords(cHoliday, hElection, "election")
	addWords(cHoliday, hValentine, "valentine")
	addWords(cHoliday, hVeterans, "veterans")
	addWords(cHoliday, hGoodFriday, "good")
	addWords(cHoliday, hBoxing, "boxing")
	addWords(cHoliday, hNewYearsDay, "new")
	addWords(cDecadeTok, 1920, "twenties")
	addWords(cDecadeTok, 1930, "thirties")
	addWords(cDecadeTok, 1940, "forties")
	addWords(cDecadeTok, 1950, "fifties")
	addWords(cDecadeTok, 1960, "sixties")
	addWords(cDecadeTok, 1970, "seventies")
	addWords(cDecadeTok, 1980, "eighties")
	addWords(cDecadeTok, 1990, "nineties")
	addWords(cFew, 0, "few", "several", "many", "numerous")
	addWords(cApprox, xAbout, "about")
	addWords(cApprox, xAround, "around", "circa")
	addWords(cApprox, xApproximately, "approximately")
	addWords(cApprox, xNearly, "nearly")
	addWords(cApprox, xAlmost, "almost")
	addWords(cApprox, xRoughly, "roughly")
	addWords(cApprox, xOver, "over")
	addWords(cApprox, xMore, "more")
	addWords(cApprox, xLess, "less")
	addWords(cApprox, xAt, "at")
	addWords(cApprox, xUp, "up")
	addWords(cApprox, xJust, "just")
	addWords(cApprox, xUnder, "under")
	addWords(cApprox, xSome, "some")
	addWords(cApprox, xFewer, "fewer")
	addWords(cPart, pEarly, "early")
	addWords(cPart, pEarlier, "earlier")
	addWords(cPart, pLate, "late")
	addWords(cPart, pLater, "later")
	addWords(cPart, pMid, "mid")
	addWords(cPart, pMiddle, "middle")
	addWords(cPart, pEnd, "end")
	addWords(cPart, pBeginning, "beginning")
	addWords(cPart, pStart, "start")
	addWords(cDeictic, dThis, "this")
	addWords(cDeictic, dLast, "last")
	addWords(cDeictic, dNext, "next")
	addWords(cDeictic, dPast, "past")
	addWords(cDeictic, dComing, "coming")
	addWords(cDeictic, dPrevious, "previous")
	addWords(cDeictic, dFollowing, "following", "ensuing", "succeeding")
	addWords(cDeictic, dCurrent, "current")
	addWords(cDeictic, dSame, "same")
	addWords(cDeictic, dThat, "that")
	addWords(cDeictic, dThese, "these")
	addWords(cDeictic, dRecent, "recent")
	addWords(cDeictic, dUpcoming, "upcoming")
	addWords(cDeictic, dLatest, "latest")
	addWords(cDeictic, dPrior, "prior", "preceding")
	addWords(cRef, rToday, "today")
	addWords(cRef, rTomorrow, "tomorrow")
	addWords(cRef, rYesterday, "yesterday")
	addWords(cRef, rTonight, "tonight")
	addWords(cRef, rNow, "now")
	addWords(cRef, rCurrently, "currently", "presently")
	addWords(cRef, rRecently, "recently", "lately")
	addWords(cRef, rNowadays, "nowadays")
	addWords(cRef, rFuture, "future")
	addWords(cRef, rSoon, "soon")
	addWords(cRef, rFormerly, "formerly")
	addWords(cSetWord, sEvery, "every")
	addWords(cSetWord, sEach, "each")
	addWords(cSetWord, sPer, "per")
	addWords(cSetWord, sDaily, "daily")
	addWords(cSetWord, sWeekly, "weekly")
	addWords(cSetWord, sMonthly, "monthly")
	addWords(cSetWord, sYearly, "yearly", "annually", "annual")
	addWords(cSetWord, sHourly, "hourly")
	addWords(cSetWord, sNightly, "nightly")
	addWords(cAmPm, 0, "a.m.", "a.m", "am")
	addWords(cAmPm, 12, "p.m.", "p.m", "pm")
	addWords(cZone, 0, "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "bst", "cet", "cest", "eet", "eest", "msk", "ist", "jst", "aest")
	addWords(cAgo, aAgo, "ago")
	addWords(cAgo, aEarlier, "earlier")
	addWords(cAgo, aLater, "later")
	addWords(cAgo, aBefore, "before")
	addWords(cAgo, aAfter, "after")
	addWords(cAgo, aHence, "hence")
	addFunc(fThe, "the")
	addFunc(fA, "a")
	addFunc(fAn, "an")
	addFunc(fOf, "of")
	addFunc(fAnd, "and")
	addFunc(fOr, "or")
	addFunc(fTo, "to")
	addFunc(fThan, "than")
	addFunc(fLeast, "least")
	addFunc(fFiscal, "fiscal")
	addFunc(fNow, "now")
	addFunc(fFrom, "from")
	addFunc(fHalf, "half")
	addFunc(fIn, "in")
	addFunc(fOn, "on")
	addFunc(fAt, "at")
	addFunc(fBy, "by")
	addFunc(fSince, "since")
	addFunc(fUntil, "until", "till")
	addFunc(fDuring, "during")
	addFunc(fFor, "for")
	addFunc(fCouple, "couple")
	addFunc(fDozen, "dozen")
	addFunc(fDay, "day")
	addFunc(fOclock, "o'clock")
	addFunc(fNear, "near")
	addFunc(fTerm, "term")
	addFunc(fTime, "time")
	addFunc(fPeriod, "period")
	addFunc(fQuarter, "quarter")
	addFunc(fWeek, "week")
	addFunc(fEve, "eve")
	addFunc(fOther, "other")
	addFunc(fAdditional, "additional", "extra")
	addFunc(fMore2, "more")
	addFunc(fFull, "full")
	addFunc(fLong, "long")
	addFunc(fShort, "short")
	addFunc(fWhole, "whole")
	addFunc(fEntire, "entire")
	addFunc(fApostropheS, "'s", "’s")
	addFunc(fComma, ",")
	addFunc(fOnce, "once")
	addFunc(fTwice, "twice")
	addFunc(fTimes, "times")
	addFunc(fPercent, "%", "percent")
	addFunc(fYear, "year")
	addFunc(fAhead, "ahead")
	addFunc(fEnded, "ended", "ending", "ends")
	addFunc(fCentury, "century")
	addFunc(fThis, "this")
	addFunc(fRight, "right")
	addFunc(fFollowing, "following")
	addFunc(fSo, "so")
	addFunc(fIts, "its", "their")
	addFunc(fThat, "that")
	addFunc(fMere, "mere")
	for w := range lexicon {
		if len(w) > maxWord {
			maxWord = len(w)
		}
		shape[shapeIndex(w[0])][shapeIndex(w[len(w)-1])] |= 1 << uint(len(w))
		c := w[0]
		firstByte[c] = true
		if c >= 'a' && c <= 'z' {
			firstByte[c-'a'+'A'] = true
		}
	}
	for c := '0'; c <= '9'; c++ {
		firstByte[c] = true
	}
}

// classify fills lx with what each token can be. Most tokens are rejected
// by their first byte or length before any lookup.
func classify(lx []lexeme, toks []text.Token) {
	var buf [32]byte
	for i := range toks {
		s := toks[i].Text
		lx[i] = lexeme{}
		if s == "" || !firstByte[s[0]] {
			continue
		}
		c0 := s[0]
		if c0 >= '0' && c0 <= '9' {
			lx[i] = digits(s)
			continue
		}
		known := len(s) <= maxWord && shapeOK(s)
		if !known && len(s) < 5 {
			continue
		}
		if strings.IndexByte(s, '-') > 0 {
			lx[i] = compound(s)
			if lx[i].c != 0 {
				continue
			}
		}
		if !known {
			continue
		}
		n := 0
		for j := 0; j < len(s); j++ {
			b := s[j]
			if b >= 'A' && b <= 'Z' {
				b += 'a' - 'A'
			}
			buf[n] = b
			n++
		}
		e, ok := lexicon[string(buf[:n])]
		if !ok {
			continue
		}
		if c0 >= 'A' && c0 <= 'Z' {
			e.c |= cCap
		}
		lx[i] = e
	}
}

// digits analyses a token that starts with a digit: a number, an
// ordinal ("20th"), a decade ("1990s", "80s"), a clock time ("10:35",
// "3pm") or a whole date ("2023-04-20", "4/20/2023").
func digits(s string) lexeme {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if i < 9 {
			n = n*10 + int(s[i]-'0')
		}
		i++
	}
	nd := i
	if i == len(s) {
		return lexeme{c: cNum | cDigits, v: int32(n), w: int32(nd)}
	}
	rest := s[i:]
	switch rest {
	case "st", "nd", "rd", "th":
		if n > 0 && n <= 31 {
			return lexeme{c: cOrd | cDigits, v: int32(n), w: int32(nd), o: int8(n)}
		}
		return lexeme{}
	case "s", "'s", "’s":
		if nd == 4 && n%10 == 0 && n >= 1000 {
			return lexeme{c: cDecadeTok, v: int32(n)}
		}
		if nd == 2 && n%10 == 0 {
			return lexeme{c: cDecadeTok, v: int32(n)}
		}
		return lexeme{}
	case "am", "pm", "a.m.", "p.m.", "AM", "PM":
		if n >= 1 && n <= 12 {
			h := n % 12
			if rest[0] == 'p' || rest[0] == 'P' {
				h += 12
			}
			return lexeme{c: cClock, v: int32(h), w: -1}
		}
		return lexeme{}
	}
	switch rest[0] {
	case ':':
		// 10:35, 10:35am
		if nd > 2 || len(rest) < 3 {
			return lexeme{}
		}
		m := 0
		j := 1
		for j < len(rest) && j <= 2 && rest[j] >= '0' && rest[j] <= '9' {
			m = m*10 + int(rest[j]-'0')
			j++
		}
		if j != 3 || n > 24 || m > 59 {
			return lexeme{}
		}
		tail := rest[3:]
		switch tail {
		case "":
			return lexeme{c: cClock, v: int32(n), w: int32(m)}
		case "am", "a.m.", "AM":
			if n >= 1 && n <= 12 {
				return lexeme{c: cClock, v: int32(n % 12), w: int32(m), f: 1}
			}
		case "pm", "p.m.", "PM":
			if n >= 1 && n <= 12 {
				return lexeme{c: cClock, v: int32(n%12 + 12), w: int32(m), f: 1}
			}
		}
		return lexeme{}
	case '-', '/', '.':
		if d, ok := wholeDate(s); ok {
			return d
		}
		if rest[0] == '-' {
			return compound(s)
		}
	}
	return lexeme{}
}

// wholeDate reads YYYY-MM-DD, YYYY-MM, M/D/YYYY and D.M.YYYY written as one
// token. v holds y*10000+m*100+d; w the granularity (gDay or gMonth).
func wholeDate(s string) (lexeme, bool) {
	var parts [3]int
	var lens [3]int
	np := 0
	sep := byte(0)
	for i := 0; i < len(s); {
		if np == 3 {
			return lexeme{}, false
		}
		j := i
		n := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i < 5 {
			n = n*10 + int(s[j]-'0')
			j++
		}
		if j == i {
			return lexeme{}, false
		}
		parts[np], lens[np] = n, j-i
		np++
		if j == len(s) {
			break
		}
		if sep == 0 {
			sep = s[j]
		} else if s[j] != sep {
			return lexeme{}, false
		}
		i = j + 1
		if i == len(s) {
			return lexeme{}, false
		}
	}
	ok := func(y, m, d int) bool {
		return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= date(y, m+1, 0).Day()
	}
	switch {
	case sep == '-' && np == 3 && lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2:
		if ok(parts[0], parts[1], parts[2]) {
			return lexeme{c: cDate, v: int32(parts[0]*10000 + parts[1]*100 + parts[2]), w: int32(gDay)}, true
		}
	case sep == '-' && np == 2 && lens[0] == 4 && lens[1] == 2:
		if ok(parts[0], parts[1], 1) && parts[1] <= 12 {
			return lexeme{c: cDate, v: int32(parts[0]*10000 + parts[1]*100), w: int32(gMonth)}, true
		}
	case (sep == '/' || sep == '.') && np == 3 && lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2):
		y := parts[2]
		if lens[2] == 2 {
			// Two-digit years: the nearer century to now's news.
			if y < 50 {
				y += 2000
			} else {
				y += 1900
			}
		}
		m, d := parts[0], parts[1]
		if sep == '.' || m > 12 {
			// Day first in dotted dates and wherever the first part
			// cannot be a month.
			m, d = d, m
		}
		if ok(y, m, d) {
			return lexeme{c: cDate, v: int32(y*10000 + m*100 + d), w: int32(gDay)}, true
		}
	}
	return lexeme{}, false
}

// kinds of compound tokens (lexeme.f when c has cCompound).
const (
	kPartMonth   = iota + 1 // "mid-July": v month, w part
	kPartYear               // "mid-1996": v year, w part
	kPartDecade             // "mid-1990s": v decade's first year, w part
	kPartDayPart            // "mid-afternoon": v daypart, w part
	kNumUnit                // "two-year", "30-day", "8-month-old": v count, w unit
	kUnitLong               // "year-long", "decades-long": v count (-1 vague), w unit
	kOrdQuarter             // "third-quarter", "first-half": v ordinal, w unit (uQuarter, uHalf)
	kYearRange              // "2009-2010": v first year, w second year
	kYearAgo                // "year-ago", "year-earlier"
	kYearEnd                // "year-end"
	kPostYear               // "post-1959": v year, w 1 after, 0 before
	kAge                    // "48-year-old": an age, never tagged on its own
)

// compound analyses a hyphenated token. Number words that are written
// with a hyphen ("twenty-four") become plain numbers.
func compound(s string) lexeme {
	var parts [4]string
	np := 0
	for i := 0; i < len(s) && np < 4; {
		j := strings.IndexByte(s[i:], '-')
		if j < 0 {
			parts[np] = s[i:]
			np++
			break
		}
		parts[np] = s[i : i+j]
		np++
		i += j + 1
		if i >= len(s) {
			return lexeme{}
		}
	}
	if np < 2 || np > 3 {
		return lexeme{}
	}
	var lx [3]lexeme
	for k := 0; k < np; k++ {
		p := parts[k]
		if p == "" {
			return lexeme{}
		}
		if p[0] >= '0' && p[0] <= '9' {
			lx[k] = digits(p)
			continue
		}
		if len(p) > maxWord {
			lx[k] = lexeme{}
			continue
		}
		lx[k] = lookupFold(p)
	}
	a, b := lx[0], lx[1]
	lower := func(k int) string { return strings.ToLower(parts[k]) }
	if np == 2 {
		switch {
		case a.c&cNum != 0 && a.c&cDigits == 0 && b.c&cNum != 0 && b.c&cDigits == 0 && a.v >= 20 && a.v%10 == 0 && b.v > 0 && b.v < 10:
			return lexeme{c: cNum, v: a.v + b.v}
		case a.c&cPart != 0 && (a.v == pMid || a.v == pEarly || a.v == pLate) && b.c&cMonth != 0:
			return lexeme{c: cCompound, f: kPartMonth, v: b.v, w: a.v}
		case a.c&cPart != 0 && (a.v == pMid || a.v == pEarly || a.v == pLate) && b.c&cDigits != 0 && b.w == 4:
			return lexeme{c: cCompound, f: kPartYear, v: b.v, w: a.v}
		case a.c&cPart != 0 && (a.v == pMid || a.v == pEarly || a.v == pLate) && b.c&cDecadeTok != 0:
			return lexeme{c: cCompound, f: kPartDecade, v: b.v, w: a.v}
		case a.c&cPart != 0 && a.v == pMid && b.c&cDayPart != 0:
			return lexeme{c: cCompound, f: kPartDayPart, v: b.v, w: a.v}
		case a.c&(cNum|cFew) != 0 && b.c&cUnit != 0 && b.w == 0 && a.v > 0:
			return lexeme{c: cCompound, f: kNumUnit, v: a.v, w: b.v}
		case b.c&cFunc != 0 && b.f == fLong && a.c&cUnit != 0:
			v := int32(1)
			if a.w == 1 {
				v = -1
			}
			return lexeme{c: cCompound, f: kUnitLong, v: v, w: a.v}
		case a.c&cOrd != 0 && a.c&cDigits == 0 && a.o >= 1 && a.o <= 4 && b.c&cUnit != 0 && b.v == int32(uQuarter) && b.w == 0:
			return lexeme{c: cCompound, f: kOrdQuarter, v: int32(a.o), w: int32(uQuarter)}
		case a.c&cOrd != 0 && a.c&cDigits == 0 && a.o >= 1 && a.o <= 2 && lower(1) == "half":
			return lexeme{c: cCompound, f: kOrdQuarter, v: int32(a.o), w: int32(uHalf)}
		case a.c&cDigits != 0 && a.w == 4 && b.c&cDigits != 0 && b.w == 4 && a.v >= 1000 && b.v > a.v && b.v-a.v < 100:
			return lexeme{c: cCompound, f: kYearRange, v: a.v, w: b.v}
		case a.c&cDigits != 0 && a.w == 4 && b.c&cDigits != 0 && b.w == 2 && a.v >= 1000 && a.v <= 2999 && b.v > a.v%100 && b.v != 0:
			// "1957-58", "2012-13": the second year in the first's century
			return lexeme{c: cCompound, f: kYearRange, v: a.v, w: a.v/100*100 + b.v}
		case lower(0) == "year" && (lower(1) == "ago" || lower(1) == "earlier"):
			return lexeme{c: cCompound, f: kYearAgo}
		case lower(0) == "year" && lower(1) == "end":
			return lexeme{c: cCompound, f: kYearEnd}
		case (lower(0) == "post" || lower(0) == "pre") && b.c&cDigits != 0 && b.w == 4:
			w := int32(0)
			if lower(0) == "post" {
				w = 1
			}
			return lexeme{c: cCompound, f: kPostYear, v: b.v, w: w}
		}
		return lexeme{}
	}
	// three parts: "8-month-old", "twenty-four-hour"
	c := lx[2]
	if a.c&cNum != 0 && b.c&cUnit != 0 && b.w == 0 {
		if strings.EqualFold(parts[2], "old") {
			return lexeme{c: cCompound, f: kAge, v: a.v, w: b.v}
		}
		if c.c&cFunc != 0 && c.f == fLong {
			return lexeme{c: cCompound, f: kNumUnit, v: a.v, w: b.v}
		}
	}
	if a.c&cNum != 0 && a.c&cDigits == 0 && a.v >= 20 && a.v%10 == 0 && b.c&cNum != 0 && b.v < 10 && c.c&cUnit != 0 && c.w == 0 {
		return lexeme{c: cCompound, f: kNumUnit, v: a.v + b.v, w: c.v}
	}
	return lexeme{}
}

// lookupFold looks a word up in the lexicon, folding ASCII case.
func lookupFold(s string) lexeme {
	if len(s) > maxWord || s == "" || !shapeOK(s) {
		return lexeme{}
	}
	var buf [32]byte
	for j := 0; j < len(s); j++ {
		b := s[j]
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf[j] = b
	}
	return lexicon[string(buf[:len(s)])]
}
