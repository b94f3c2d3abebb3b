package timex

// Well-formed TIMEX3 values, as this package writes them. The grammar
// (TimeML 1.2.1's value attribute, restricted to the forms produced here):
//
//	value    = ref | date [ "T" time ] | duration
//	ref      = "PRESENT_REF" | "PAST_REF" | "FUTURE_REF"
//	date     = century | decade | year [ "-" ( month [ "-" day ] | week [ "-" ( "WE" | wday ) ] | "Q" q | "H" h | season ) ]
//	century  = 2D ; decade = 3D ; year = 4D        (D is a digit or X)
//	month    = 01-12 or XX ; day = 01-31 or XX ; week = "W" (01-53 or XX) ; wday = 1-7 ; q = 1-4 or X ; h = 1-2 or X
//	season   = "SP" | "SU" | "FA" | "WI"
//	time     = hour [ ":" minute ] | "MO" | "AF" | "EV" | "NI"     (hour 00-24, minute 00-59)
//	duration = "P" ( { n unit } [ "T" { n tunit } ] )   with at least one part
//	n        = "X" | digits [ "." digits ] ; unit = "Y" | "M" | "W" | "D" | "Q" | "DE" | "CE" | "ML" | "WE" ; tunit = "H" | "M" | "S"

// ValidValue reports whether v is a TIMEX3 value of the grammar above
// for an expression of type typ (DATE, TIME, DURATION, SET). A SET may be
// a duration ("P1W") or a date pattern ("XXXX-WXX-1").
func ValidValue(typ, v string) bool {
	switch typ {
	case TypeDate, TypeTime:
		return validRef(v) || validDate(v)
	case TypeDuration:
		return validDuration(v)
	case TypeSet:
		return validDuration(v) || validDate(v)
	}
	return false
}

func validRef(v string) bool {
	return v == "PRESENT_REF" || v == "PAST_REF" || v == "FUTURE_REF"
}

func dx(c byte) bool { return c >= '0' && c <= '9' || c == 'X' }

func dxn(s string) bool {
	for i := 0; i < len(s); i++ {
		if !dx(s[i]) {
			return false
		}
	}
	return true
}

func validDate(v string) bool {
	d, t := v, ""
	for i := 0; i < len(v); i++ {
		if v[i] == 'T' {
			d, t = v[:i], v[i+1:]
			if t == "" {
				return false
			}
			break
		}
	}
	if t != "" && !validClock(t) {
		return false
	}
	switch len(d) {
	case 2, 3:
		return t == "" && dxn(d)
	case 4:
		return dxn(d)
	}
	if len(d) < 7 || !dxn(d[:4]) || d[4] != '-' {
		return false
	}
	r := d[5:]
	switch {
	case r == "SP" || r == "SU" || r == "FA" || r == "WI":
		return true
	case len(r) == 2 && (r[0] == 'Q' && (r[1] >= '1' && r[1] <= '4' || r[1] == 'X') || r[0] == 'H' && (r[1] == '1' || r[1] == '2' || r[1] == 'X')):
		return true
	case r[0] == 'W':
		if len(r) < 3 || !inRange(r[1:3], 1, 53) {
			return false
		}
		switch rest := r[3:]; {
		case rest == "", rest == "-WE":
			return true
		case len(rest) == 2 && rest[0] == '-' && rest[1] >= '1' && rest[1] <= '7':
			return true
		}
		return false
	case len(r) == 2:
		return inRange(r, 1, 12)
	case len(r) == 5:
		return inRange(r[:2], 1, 12) && r[2] == '-' && inRange(r[3:], 1, 31)
	}
	return false
}

// inRange reports whether two characters are XX or a number lo..hi.
func inRange(s string, lo, hi int) bool {
	if s == "XX" {
		return true
	}
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return false
	}
	n := int(s[0]-'0')*10 + int(s[1]-'0')
	return n >= lo && n <= hi
}

func validClock(t string) bool {
	switch t {
	case "MO", "AF", "EV", "NI":
		return true
	}
	switch len(t) {
	case 2:
		return inRange(t, 0, 24) && t != "XX"
	case 5:
		return inRange(t[:2], 0, 24) && t[:2] != "XX" && t[2] == ':' && inRange(t[3:], 0, 59) && t[3:] != "XX"
	}
	return false
}

func validDuration(v string) bool {
	if len(v) < 3 || v[0] != 'P' {
		return false
	}
	i := 1
	inTime := false
	parts := 0
	for i < len(v) {
		if v[i] == 'T' {
			if inTime || i+1 >= len(v) {
				return false
			}
			inTime = true
			i++
			continue
		}
		// number
		j := i
		if v[j] == 'X' {
			j++
		} else {
			for j < len(v) && v[j] >= '0' && v[j] <= '9' {
				j++
			}
			if j < len(v) && v[j] == '.' {
				j++
				k := j
				for j < len(v) && v[j] >= '0' && v[j] <= '9' {
					j++
				}
				if j == k {
					return false
				}
			}
		}
		if j == i || j >= len(v) {
			return false
		}
		// unit
		u := v[j]
		n := 1
		if j+1 < len(v) {
			switch v[j : j+2] {
			case "DE", "CE", "ML", "WE":
				if !inTime {
					n = 2
				}
			}
		}
		if n == 1 {
			if inTime {
				if u != 'H' && u != 'M' && u != 'S' {
					return false
				}
			} else if u != 'Y' && u != 'M' && u != 'W' && u != 'D' && u != 'Q' {
				return false
			}
		}
		i = j + n
		parts++
	}
	return parts > 0
}
