package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DayRange reads the bounds of a date filter: each "" (open), YYYY,
// YYYY-MM or YYYY-MM-DD. It returns the first day from covers and the
// last day to covers, as YYYY-MM-DD strings that compare as dates, or an
// error wrapping article.ErrBadQuery.
func DayRange(from, to string) (lo, hi string, err error) {
	if from != "" {
		if lo, _, err = span(from); err != nil {
			return "", "", bad("from: %v", err)
		}
	}
	if to != "" {
		if _, hi, err = span(to); err != nil {
			return "", "", bad("to: %v", err)
		}
	}
	if lo != "" && hi != "" && lo > hi {
		return "", "", bad("from (%s) is after to (%s)", from, to)
	}
	return lo, hi, nil
}

// span gives the first and last day of a year, month or day.
func span(s string) (first, last string, err error) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 4:
		if _, err := strconv.Atoi(s); err != nil || s[0] == '-' || s[0] == '+' {
			break
		}
		return s + "-01-01", s + "-12-31", nil
	case 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			break
		}
		return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02"), nil
	case 10:
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			break
		}
		d := t.Format("2006-01-02")
		return d, d, nil
	}
	return "", "", fmt.Errorf("%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// ValueRange gives the days a TIMEX3 value covers when it names a
// calendar year, month, ISO week or day ("2023", "2023-04", "2023-W16",
// "2023-04-20", "2023-04-20T10:00"), and ok false for the rest
// (durations, PAST_REF, seasons, decades), which no date filter can place.
func ValueRange(v string) (first, last string, ok bool) {
	if len(v) > 10 && v[10] == 'T' {
		v = v[:10]
	}
	if len(v) == 8 && v[4] == '-' && v[5] == 'W' {
		year, err1 := strconv.Atoi(v[:4])
		week, err2 := strconv.Atoi(v[6:])
		if err1 != nil || err2 != nil || week < 1 || week > 53 || v[0] == '-' || v[0] == '+' {
			return "", "", false
		}
		// ISO week 1 holds January 4th; weeks start on Monday.
		jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(week-1))
		return monday.Format("2006-01-02"), monday.AddDate(0, 0, 6).Format("2006-01-02"), true
	}
	f, l, err := span(v)
	if err != nil {
		return "", "", false
	}
	return f, l, true
}
