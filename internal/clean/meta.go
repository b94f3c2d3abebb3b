package clean

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// publisher names the outlet: from the page's metadata when it has some,
// else from its own chrome (a name whose letters spell a web address the
// page mentions, "Fox News" for "Foxnews.com"), else from the URL's host.
func publisher(sitename, pageURL string, body Body) string {
	if s := strings.TrimSpace(sitename); s != "" {
		return s
	}
	if name := publisherFromChrome(body); name != "" {
		return name
	}
	if u, err := url.Parse(pageURL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}

// capPhraseRe defines a capitalised phrase: one to four words that start
// with a capital. capPhrases finds the same matches by hand.
var capPhraseRe = regexp.MustCompile(`\p{Lu}[\p{L}&'’.-]*(?:\s+\p{Lu}[\p{L}&'’.-]*){0,3}`)

// capPhrases returns capPhraseRe.FindAllString(s, -1). It scans by hand
// because it runs over every removed line of a page that mentions a
// domain, and the regexp engine is slow on a pattern with no literal to
// look for. A greedy scan finds what the pattern does: after a word's
// letters only white space can precede another word, so no shorter
// choice of letters or spaces lets the pattern go further.
func capPhrases(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isCapital(r) {
			i += w
			continue
		}
		start, end := i, capWordEnd(s, i+w)
		for range 3 {
			j := end
			for j < len(s) && isRegexpSpace(s[j]) {
				j++
			}
			if j == end {
				break
			}
			r, w := utf8.DecodeRuneInString(s[j:])
			if !isCapital(r) {
				break
			}
			end = capWordEnd(s, j+w)
		}
		out = append(out, s[start:end])
		i = end
	}
	return out
}

// appendWords appends to dst the words of a capitalised phrase, as
// strings.Fields would split it: inside a phrase white space is only
// what \s matches.
func appendWords(dst []string, phrase string) []string {
	for i := 0; i < len(phrase); {
		j := i
		for j < len(phrase) && !isRegexpSpace(phrase[j]) {
			j++
		}
		dst = append(dst, phrase[i:j])
		for j < len(phrase) && isRegexpSpace(phrase[j]) {
			j++
		}
		i = j
	}
	return dst
}

// isCapital is \p{Lu}: unicode.IsUpper, which runeClass caches, is the
// test for that category.
func isCapital(r rune) bool { return runeClass(r)&cUpper != 0 }

// capWordEnd returns where the rest of a capitalised word that goes on at
// s[i:] ends: [\p{L}&'’.-]* in capPhraseRe.
func capWordEnd(s string, i int) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if runeClass(r)&cLetter == 0 && r != '&' && r != '\'' && r != '’' && r != '.' && r != '-' {
			break
		}
		i += w
	}
	return i
}

// isRegexpSpace is \s in package regexp: ASCII white space but \v.
func isRegexpSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// isRegexpWord is \w in package regexp, the characters \b tells apart.
func isRegexpWord(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

// publisherFromChrome looks in what cleaning removed, where a site names
// itself in promos and app prompts, for a capitalised phrase whose letters
// spell the label of a domain the page mentions.
func publisherFromChrome(body Body) string {
	labels := map[string]bool{}
	for _, r := range body.Removed {
		from := domainFrom(r.Text)
		if from < 0 {
			continue
		}
		for _, d := range domainRe.FindAllString(r.Text[from:], -1) {
			label := strings.ToLower(d[:strings.IndexByte(d, '.')])
			labels[label] = true
		}
	}
	if len(labels) == 0 {
		return ""
	}
	best, bestN := "", 0
	count := map[string]int{}
	var sq []byte
	var words []string
	for _, r := range body.Removed {
		for _, ph := range capPhrases(r.Text) {
			words = appendWords(words[:0], ph)
			// Every sub-phrase counts: "Fox News Flash" holds "Fox News".
			for i := range words {
				// squash(words[i:j] joined by spaces), a word at a time:
				// squash drops the spaces.
				sq = sq[:0]
				for j := i + 1; j <= len(words); j++ {
					sq = appendSquash(sq, words[j-1])
					if labels[string(sq)] {
						cand := strings.Join(words[i:j], " ")
						count[cand]++
						if n := count[cand]; n > bestN || n == bestN && len(cand) > len(best) {
							best, bestN = cand, n
						}
					}
				}
			}
		}
	}
	if best != "" && strings.ToUpper(best) == best {
		return "" // "FOX NEWS" alone gives no casing to trust
	}
	return best
}

func squash(s string) string {
	return string(appendSquash(nil, s))
}

// appendSquash appends squash(s) to dst.
func appendSquash(dst []byte, s string) []byte {
	for _, r := range s {
		if c := runeClass(r); c&(cLetter|cDigit) != 0 {
			if c&cLowerable != 0 {
				r = unicode.ToLower(r)
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// publicationDate picks the publication date and says where it came from:
// a hint the input carried or the page's metadata, else a date in the
// URL, else the text.
func publicationDate(hint, metaDate, pageURL string, body Body) (date, from string) {
	if d := normalizeDate(hint); d != "" {
		return d, "metadata"
	}
	if metaDate != "" {
		return metaDate, "metadata"
	}
	if d := dateFromURL(pageURL); d != "" {
		return d, "url"
	}
	if d := dateFromText(body); d != "" {
		return d, "text"
	}
	return "", ""
}

// dateLayouts are the forms a feed's or a record's date field comes in.
var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123, time.RFC1123Z, time.RFC822, time.RFC822Z, time.RFC850,
	"Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04:05 -0700",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006",
}

// normalizeDate turns a date field into the ISO 8601 the contract
// promises: a date-time with its offset when the field has both, else
// the date alone. A value it cannot read is dropped rather than passed on.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.RFC3339, s); err == nil {
		return s // already ISO 8601 with an offset: keep it as written
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if strings.Contains(layout, "MST") || strings.Contains(layout, "-0700") || strings.Contains(layout, "Z07") {
				return t.Format(time.RFC3339)
			}
			return t.Format("2006-01-02")
		}
	}
	if ds := explicitDates(s); len(ds) > 0 {
		return ds[0].Format("2006-01-02")
	}
	return ""
}

// urlDateRe finds a date in a URL's path: "/2023/04/20/", "/20230420/",
// "…-2023-04-20/"; urlMonthRe the Guardian's "/2023/apr/20/".
var (
	urlDateRe  = regexp.MustCompile(`[/-]((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^0-9]|$)`)
	urlMonthRe = regexp.MustCompile(`(?i)/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(0[1-9]|[12]\d|3[01])(?:/|$)`)
)

func dateFromURL(pageURL string) string {
	var d string
	if m := urlDateRe.FindStringSubmatch(pageURL); m != nil {
		d = m[1] + "-" + m[2] + "-" + m[3]
	} else if m := urlMonthRe.FindStringSubmatch(pageURL); m != nil {
		d = fmt.Sprintf("%s-%02d-%s", m[1], months[strings.ToLower(m[2])], m[3])
	} else {
		return ""
	}
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return ""
	}
	return d
}

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const monthAlt = `(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

var (
	mdyRe       = regexp.MustCompile(`(?i)\b` + monthAlt + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`)
	dmyRe       = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthAlt + `,?\s+((?:19|20)\d\d)\b`)
	isoRe       = regexp.MustCompile(`\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:T|\b)`)
	timeStampRe = regexp.MustCompile(`(?i)\b\d{1,2}: ?\d\d(?:: ?\d\d)?\s*(?:[ap]\.? ?m\.?)?(?:\s*[A-Z]{2,4}T?)?\b`)
	// numDateRe is a date in digits, the year first ("2012.08.08",
	// "2013/09/14") or last ("14/09/2013"); scraped text may have spaces
	// around the separators ("14 / 09 / 2013").
	numDateRe = regexp.MustCompile(`\b(?:((?:19|20)\d\d) ?[./-] ?(\d{1,2}) ?[./-] ?(\d{1,2})|(\d{1,2}) ?[./-] ?(\d{1,2}) ?[./-] ?((?:19|20)\d\d))\b`)
	dayRe     = regexp.MustCompile(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
)

// hasYear reports whether s holds a four-digit number from 1900 to 2099,
// which every full date we read has: a cheap test before the patterns.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i+3]) {
			// No year starting at i, i+1, i+2 or i+3, which would all
			// hold s[i+3]: skip them.
			i += 3
			continue
		}
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) &&
			(i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// monthStems are the first three letters of every name in monthAlt.
var monthStems = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// monthDateFrom returns where in s mdyRe and dmyRe may first match, or
// -1 when they cannot match: a cheap test before the patterns, and less
// text for them to search. Both need the name of a month at the start
// of a word, then maybe '.' or ',', then white space and a digit ("Apr.
// 20", and "20 April 2023" holds "April 2"); the name's run of letters is
// read to its end, as the patterns want no letter after it. A match of
// mdyRe starts at such a name; one of dmyRe at the day before it. Letters
// compare regardless of ASCII case, as (?i) does; (?i) also takes ſ
// (U+017F) for s, so a string holding ſ is searched whole.
func monthDateFrom(s string) int {
	if strings.Contains(s, "ſ") {
		return 0
	}
	for i := 0; i+3 <= len(s); i++ {
		if i > 0 && isRegexpWord(s[i-1]) || !isMonthStem(s[i:i+3]) {
			continue
		}
		j := i + 3
		for j < len(s) && ('a' <= s[j]|0x20 && s[j]|0x20 <= 'z') {
			j++
		}
		if j < len(s) && s[j] == '.' {
			j++
		}
		if j < len(s) && s[j] == ',' {
			j++
		}
		k := j
		for k < len(s) && isRegexpSpace(s[k]) {
			k++
		}
		if k > j && k < len(s) && isDigit(s[k]) {
			return dayBefore(s, i)
		}
	}
	return -1
}

// dayBefore returns where a match of dmyRe would start that has its month
// at s[m:]: dmyRe reads a day, then white space, then maybe "of" and
// white space, then the month. The day ("20", "20th") is a run of word
// characters, so the match starts at the word before the month, or at the
// word before "of"; if there is none, at m. Each is a word boundary, where
// \b reads the same in s[start:] as in s.
func dayBefore(s string, m int) int {
	start, end, ok := wordBefore(s, m)
	if !ok {
		return m
	}
	if end-start == 2 && s[start]|0x20 == 'o' && s[start+1]|0x20 == 'f' {
		if start2, _, ok := wordBefore(s, start); ok {
			return start2
		}
	}
	return start
}

// wordBefore finds the run of word characters that white space separates
// from s[i:].
func wordBefore(s string, i int) (start, end int, ok bool) {
	end = i
	for end > 0 && isRegexpSpace(s[end-1]) {
		end--
	}
	start = end
	for start > 0 && isRegexpWord(s[start-1]) {
		start--
	}
	return start, end, end < i && start < end
}

// isMonthStem reports whether s, three bytes, is a month stem in any case:
// b|0x20 lowers an ASCII letter and makes no letter of any other byte.
func isMonthStem(s string) bool {
	for _, m := range monthStems {
		if s[0]|0x20 == m[0] && s[1]|0x20 == m[1] && s[2]|0x20 == m[2] {
			return true
		}
	}
	return false
}

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// explicitDates finds full calendar dates (day, month and year) in s.
func explicitDates(s string) []time.Time {
	if !hasYear(s) {
		return nil
	}
	var out []time.Time
	add := func(y, m, d int) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() == d { // rejects 31 April and the like
			out = append(out, t)
		}
	}
	if from := monthDateFrom(s); from >= 0 {
		for _, m := range mdyRe.FindAllStringSubmatch(s[from:], -1) {
			d, _ := strconv.Atoi(m[2])
			y, _ := strconv.Atoi(m[3])
			add(y, int(months[strings.ToLower(m[1])]), d)
		}
		for _, m := range dmyRe.FindAllStringSubmatch(s[from:], -1) {
			d, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[3])
			add(y, int(months[strings.ToLower(m[2])]), d)
		}
	}
	if !strings.Contains(s, "-") {
		return out // isoRe needs one
	}
	for _, m := range isoRe.FindAllStringSubmatch(s, -1) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		add(y, mo, d)
	}
	return out
}

// numericDates finds dates written in digits in a date line: year,
// month, day in that order, or day and month either way round with the
// year last when one of them is over 12. "05/02/2013" is the 5th of
// February in London and the 2nd of May in New York, and is left out:
// no date beats a wrong one. Only date lines are read so: in running text
// such numbers are scores, versions and ratios as often as dates.
func numericDates(s string) []time.Time {
	if !hasYear(s) {
		return nil
	}
	var out []time.Time
	for _, m := range numDateRe.FindAllStringSubmatch(s, -1) {
		var y, mo, d int
		if m[1] != "" {
			y, _ = strconv.Atoi(m[1])
			mo, _ = strconv.Atoi(m[2])
			d, _ = strconv.Atoi(m[3])
		} else {
			a, _ := strconv.Atoi(m[4])
			b, _ := strconv.Atoi(m[5])
			y, _ = strconv.Atoi(m[6])
			switch {
			case a > 12 && b <= 12:
				d, mo = a, b
			case b > 12 && a <= 12:
				mo, d = a, b
			default:
				continue
			}
		}
		if mo < 1 || mo > 12 || d < 1 {
			continue
		}
		if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); t.Day() == d {
			out = append(out, t)
		}
	}
	return out
}

// lineDates are the dates a date line gives: in words, else in digits.
func lineDates(s string) []time.Time {
	if ds := explicitDates(s); len(ds) > 0 {
		return ds
	}
	return numericDates(s)
}

// weekdayNames are the names in weekdays, by time.Weekday.
var weekdayNames = func() (n [7]string) {
	for name, d := range weekdays {
		n[d] = name
	}
	return n
}()

// weekdaysIn counts into days the weekdays s names, finding what
// dayRe.FindAllString(s, -1) does: a weekday's name with a \b, an ASCII
// word boundary, either side. It reports whether it found any. It runs on
// every paragraph, so it looks for "day" and then at what precedes it
// rather than run the regexp engine.
func weekdaysIn(s string, days *[7]int) bool {
	found := false
	for off := 0; ; {
		j := strings.Index(s[off:], "day")
		if j < 0 {
			return found
		}
		end := off + j + len("day")
		off = end
		if end < len(s) && isRegexpWord(s[end]) {
			continue
		}
		for d, name := range weekdayNames {
			start := end - len(name)
			if start >= 0 && s[start:end] == name && (start == 0 || !isRegexpWord(s[start-1])) {
				days[d]++
				found = true
				break
			}
		}
	}
}

// dateFromText infers the publication date from the page's own words:
// its time stamps (stampDate), else an explicit date in a caption or the
// body, checked against the weekdays the body names, else a line of the
// page that is only a date. News is written about its own day: "said
// Thursday" in a story with a photo "on Apr. 20, 2023" (a Thursday)
// dates the story.
// A page whose dates disagree with every weekday it names gets no date:
// no answer beats a wrong one.
func dateFromText(body Body) string {
	if d := stampDate(body); d != "" {
		return d
	}
	var days [7]int // by time.Weekday
	named := false
	for _, p := range body.Paragraphs {
		named = weekdaysIn(p, &days) || named
	}
	type cand struct {
		t     time.Time
		score int
	}
	var cands []cand
	consider := func(s string, weight int) {
		for _, t := range explicitDates(s) {
			score := weight
			if named {
				if days[t.Weekday()] == 0 {
					continue
				}
				score += 2 * days[t.Weekday()]
			}
			cands = append(cands, cand{t, score})
		}
	}
	for _, c := range body.Captions {
		consider(c.Text, 2)
	}
	for _, p := range body.Paragraphs {
		consider(p, 1)
	}
	best := cand{}
	for _, c := range cands {
		if c.score > best.score || c.score == best.score && c.t.After(best.t) {
			best = c
		}
	}
	if best.score == 0 {
		return datelineDate(body, named, &days)
	}
	return best.t.Format("2006-01-02")
}

// stampLabelRe finds the label of a page's own time stamp.
var stampLabelRe = regexp.MustCompile(`(?i)\b(?:published|posted|updated|created|modified)\b`)

// stampDate is the earliest date of the page's time stamps: its
// labelled date lines ("Published 4:00 am CST, Wednesday, November 20,
// 2019", "Updated 05/03/2013 at 11:00 AM EDT") and those of a plain
// page's head (Body.Stamps). The label or the place says whose date it
// is, so it comes before the dates the text names, which may be of the
// events it reports; an unlabelled date line may be today's date in the
// site's header, and yields to them (datelineDate).
func stampDate(body Body) string {
	stamps := slices.Clone(body.Stamps)
	for _, r := range body.Removed {
		if r.Reason == ReasonDateline && stampLabelRe.MatchString(r.Text) {
			stamps = append(stamps, r.Text)
		}
	}
	var first time.Time
	for _, s := range stamps {
		for _, d := range lineDates(s) {
			if first.IsZero() || d.Before(first) {
				first = d
			}
		}
	}
	if first.IsZero() {
		return ""
	}
	return first.Format("2006-01-02")
}

// datelineDate is the date of the first line that is only a date and a
// time ("May 2, 2013 1:35 pm", "First published: June 13, 2013"), its
// earliest when it has two, for a page whose text dates nothing. Such a
// line may be the page's stamp or today's date in the site's header, so
// it yields only to the text's own dates, and when the text names
// weekdays it must fall on one of them or the day after (a morning paper
// reports "Thursday" on Friday).
func datelineDate(body Body, named bool, days *[7]int) string {
	for _, r := range body.Removed {
		if r.Reason != ReasonDateline {
			continue
		}
		ds := lineDates(r.Text)
		if len(ds) == 0 {
			continue
		}
		first := ds[0]
		for _, d := range ds[1:] {
			if d.Before(first) {
				first = d
			}
		}
		if named && days[first.Weekday()] == 0 && days[(first.Weekday()+6)%7] == 0 {
			return ""
		}
		return first.Format("2006-01-02")
	}
	return ""
}
