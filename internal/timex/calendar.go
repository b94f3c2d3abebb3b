package timex

import (
	"strconv"
	"time"
)

// gran is how finely a calendar point is known, from the coarsest up. The
// order matters: a point can be coarsened to any gran below its own, never
// refined.
type gran uint8

const (
	gNone    gran = iota
	gCentury      // "19" for 1900–1999
	gDecade       // "199"
	gYear         // "1998"
	gHalf         // "1998-H2"
	gQuarter      // "1998-Q3"
	gSeason       // "1998-SU"
	gMonth        // "1998-08"
	gWeek         // "1998-W32" (ISO year and week)
	gWeekend      // "1998-W32-WE"
	gDay          // "1998-08-07"
	gTime         // "1998-08-07T10:35" or "1998-08-07TMO"
)

// point is a calendar value at some granularity. It is kept as the first
// day of the period it names (plus a clock time or part of day for gTime),
// so that arithmetic goes through the standard library's calendar and only
// formatting looks at the granularity.
type point struct {
	g    gran
	t    time.Time // first day of the period, UTC midnight (plus the clock for gTime)
	tod  string    // part of day for gTime without a clock: MO AF EV NI
	hh   int8      // clock hour (0..24) for gTime, -1 when only tod is known
	mi   int8      // clock minutes
	noYr bool      // the year is unknown (no reference date): "XXXX-07"
}

// units of calendar arithmetic and durations.
type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeekend
	uWeek
	uFortnight
	uMonth
	uQuarter
	uHalf
	uSeason
	uYear
	uDecade
	uCentury
	uMillennium
)

// granOf is the granularity a date named by a unit has: "two weeks ago"
// is a week, "a year ago" a year.
func granOf(u unit) gran {
	switch u {
	case uSecond, uMinute, uHour:
		return gTime
	case uDay:
		return gDay
	case uWeekend:
		return gWeekend
	case uWeek, uFortnight:
		return gWeek
	case uMonth:
		return gMonth
	case uQuarter:
		return gQuarter
	case uHalf:
		return gHalf
	case uSeason:
		return gSeason
	case uYear:
		return gYear
	case uDecade:
		return gDecade
	case uCentury, uMillennium:
		return gCentury
	}
	return gNone
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func day(t time.Time) time.Time { return date(t.Year(), int(t.Month()), t.Day()) }

// at returns the point of granularity g that contains t.
func at(t time.Time, g gran) point {
	t = day(t)
	y, m := t.Year(), int(t.Month())
	p := point{g: g, hh: -1}
	switch g {
	case gCentury:
		p.t = date(floorDiv(y, 100)*100, 1, 1)
	case gDecade:
		p.t = date(floorDiv(y, 10)*10, 1, 1)
	case gYear:
		p.t = date(y, 1, 1)
	case gHalf:
		p.t = date(y, (m-1)/6*6+1, 1)
	case gQuarter:
		p.t = date(y, (m-1)/3*3+1, 1)
	case gSeason:
		// Seasons by meteorological months; winter belongs to the year
		// its December is in, as TimeML's "1998-WI".
		switch {
		case m == 12:
			p.t = date(y, 12, 1)
		case m <= 2:
			p.t = date(y-1, 12, 1)
		default:
			p.t = date(y, (m-3)/3*3+3, 1)
		}
	case gMonth:
		p.t = date(y, m, 1)
	case gWeek, gWeekend:
		p.t = t.AddDate(0, 0, -weekdayISO(t)+1)
	default:
		p.t = t
	}
	return p
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// weekdayISO is 1 for Monday through 7 for Sunday.
func weekdayISO(t time.Time) int {
	w := int(t.Weekday())
	if w == 0 {
		return 7
	}
	return w
}

// add moves t by n units.
func add(t time.Time, u unit, n int) time.Time {
	switch u {
	case uSecond:
		return t.Add(time.Duration(n) * time.Second)
	case uMinute:
		return t.Add(time.Duration(n) * time.Minute)
	case uHour:
		return t.Add(time.Duration(n) * time.Hour)
	case uDay:
		return t.AddDate(0, 0, n)
	case uWeek, uWeekend:
		return t.AddDate(0, 0, 7*n)
	case uFortnight:
		return t.AddDate(0, 0, 14*n)
	case uMonth:
		return addMonths(t, n)
	case uQuarter, uSeason:
		return addMonths(t, 3*n)
	case uHalf:
		return addMonths(t, 6*n)
	case uYear:
		return addMonths(t, 12*n)
	case uDecade:
		return addMonths(t, 120*n)
	case uCentury:
		return addMonths(t, 1200*n)
	case uMillennium:
		return addMonths(t, 12000*n)
	}
	return t
}

// addMonths clamps the day to the target month's length: a month before
// March 31 is February 28 or 29, not March 3 as time.AddDate would have it.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	mm := int(m) - 1 + n
	y += floorDiv(mm, 12)
	mm = mm - floorDiv(mm, 12)*12 + 1
	if last := date(y, mm+1, 0).Day(); d > last {
		d = last
	}
	return time.Date(y, time.Month(mm), d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// shift moves p by n units and keeps p's granularity, unless the unit is
// coarser than p is fine and coarse is set: then the result takes the
// unit's granularity ("two weeks ago" from a day is a week).
func shift(p point, u unit, n int) point {
	q := p
	q.t = add(p.t, u, n)
	if p.g != gTime {
		q = at(q.t, p.g)
		q.tod, q.hh, q.mi, q.noYr = p.tod, p.hh, p.mi, p.noYr
	}
	return q
}

// coarsen returns p at granularity g when g is coarser than p's own.
func coarsen(p point, g gran) point {
	if g >= p.g {
		return p
	}
	q := at(p.t, g)
	q.noYr = p.noYr
	return q
}

// appendValue writes p as a TIMEX3 value.
func appendValue(b []byte, p point) []byte {
	y := p.t.Year()
	yr := func(b []byte) []byte {
		if p.noYr {
			return append(b, "XXXX"...)
		}
		return append4(b, y)
	}
	switch p.g {
	case gCentury:
		if p.noYr {
			return append(b, "XX"...)
		}
		return append2(b, floorDiv(y, 100))
	case gDecade:
		if p.noYr {
			return append(b, "XXX"...)
		}
		return strconv.AppendInt(b, int64(floorDiv(y, 10)), 10)
	case gYear:
		return yr(b)
	case gHalf:
		b = append(yr(b), "-H"...)
		return strconv.AppendInt(b, int64((int(p.t.Month())-1)/6+1), 10)
	case gQuarter:
		b = append(yr(b), "-Q"...)
		return strconv.AppendInt(b, int64((int(p.t.Month())-1)/3+1), 10)
	case gSeason:
		b = append(yr(b), '-')
		switch p.t.Month() {
		case 3:
			return append(b, "SP"...)
		case 6:
			return append(b, "SU"...)
		case 9:
			return append(b, "FA"...)
		}
		return append(b, "WI"...)
	case gMonth:
		b = append(yr(b), '-')
		return append2(b, int(p.t.Month()))
	case gWeek, gWeekend:
		wy, w := p.t.ISOWeek()
		if p.noYr {
			b = append(b, "XXXX-WXX"...)
		} else {
			b = append(append4(b, wy), "-W"...)
			b = append2(b, w)
		}
		if p.g == gWeekend {
			b = append(b, "-WE"...)
		}
		return b
	case gDay, gTime:
		if p.noYr {
			b = append(b, "XXXX-XX-XX"...)
		} else {
			b = append(append4(b, y), '-')
			b = append(append2(b, int(p.t.Month())), '-')
			b = append2(b, p.t.Day())
		}
		if p.g == gTime {
			b = append(b, 'T')
			if p.hh >= 0 {
				b = append(append2(b, int(p.hh)), ':')
				b = append2(b, int(p.mi))
			} else {
				b = append(b, p.tod...)
			}
		}
		return b
	}
	return append(b, "XXXX-XX-XX"...)
}

func append2(b []byte, n int) []byte {
	if n < 0 {
		n = -n
	}
	return append(b, byte('0'+n/10%10), byte('0'+n%10))
}

func append4(b []byte, n int) []byte {
	if n < 0 || n > 9999 {
		return strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

// unresolved is the TIMEX3 value of a relative expression with no
// reference date: TimeML writes what is not known as X.
func unresolved(g gran) string {
	switch g {
	case gCentury:
		return "XX"
	case gDecade:
		return "XXX"
	case gYear:
		return "XXXX"
	case gHalf:
		return "XXXX-HX"
	case gQuarter:
		return "XXXX-QX"
	case gSeason:
		return "XXXX-XX"
	case gMonth:
		return "XXXX-XX"
	case gWeek:
		return "XXXX-WXX"
	case gWeekend:
		return "XXXX-WXX-WE"
	}
	return "XXXX-XX-XX"
}

// easter is Western Easter Sunday (the anonymous Gregorian computus).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dd := (h+l-7*m+114)%31 + 1
	return date(y, month, dd)
}

// nthWeekday is the n-th weekday wd (1 Monday .. 7 Sunday) of a month;
// n = -1 is the last.
func nthWeekday(y, m, wd, n int) time.Time {
	if n < 0 {
		t := date(y, m+1, 0)
		return t.AddDate(0, 0, -((weekdayISO(t) - wd + 7) % 7))
	}
	t := date(y, m, 1)
	return t.AddDate(0, 0, (wd-weekdayISO(t)+7)%7+7*(n-1))
}
