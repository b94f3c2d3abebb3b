package clean

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
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

var capPhraseRe = regexp.MustCompile(`\p{Lu}[\p{L}&'’.-]*(?:\s+\p{Lu}[\p{L}&'’.-]*){0,3}`)

// publisherFromChrome looks in what cleaning removed, where a site names
// itself in promos and app prompts, for a capitalised phrase whose letters
// spell the label of a domain the page mentions.
func publisherFromChrome(body Body) string {
	labels := map[string]bool{}
	for _, r := range body.Removed {
		if !strings.Contains(r.Text, ".") {
			continue
		}
		for _, d := range domainRe.FindAllString(r.Text, -1) {
			label := strings.ToLower(d[:strings.IndexByte(d, '.')])
			labels[label] = true
		}
	}
	if len(labels) == 0 {
		return ""
	}
	best, bestN := "", 0
	count := map[string]int{}
	for _, r := range body.Removed {
		for _, ph := range capPhraseRe.FindAllString(r.Text, -1) {
			words := strings.Fields(ph)
			// Every sub-phrase counts: "Fox News Flash" holds "Fox News".
			for i := range words {
				for j := i + 1; j <= len(words); j++ {
					cand := strings.Join(words[i:j], " ")
					if labels[squash(cand)] {
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
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// publicationDate picks the publication date and says where it came from:
// a hint the input carried or the page's metadata, else a date in the
// URL, else the text.
func publicationDate(hint, metaDate, pageURL string, body Body) (date, from string) {
	if hint != "" {
		return hint, "metadata"
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

var urlDateRe = regexp.MustCompile(`/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^0-9]|$)`)

func dateFromURL(pageURL string) string {
	m := urlDateRe.FindStringSubmatch(pageURL)
	if m == nil {
		return ""
	}
	d := m[1] + "-" + m[2] + "-" + m[3]
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
	mdyRe = regexp.MustCompile(`(?i)\b` + monthAlt + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`)
	dmyRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthAlt + `,?\s+((?:19|20)\d\d)\b`)
	isoRe = regexp.MustCompile(`\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b`)
	timeStampRe = regexp.MustCompile(`(?i)\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}T?)?\b`)
	dayRe = regexp.MustCompile(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
)

// hasYear reports whether s holds a four-digit number from 1900 to 2099,
// which every full date we read has: a cheap test before the patterns.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) &&
			(i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

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
	for _, m := range mdyRe.FindAllStringSubmatch(s, -1) {
		d, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		add(y, int(months[strings.ToLower(m[1])]), d)
	}
	for _, m := range dmyRe.FindAllStringSubmatch(s, -1) {
		d, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[3])
		add(y, int(months[strings.ToLower(m[2])]), d)
	}
	for _, m := range isoRe.FindAllStringSubmatch(s, -1) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		add(y, mo, d)
	}
	return out
}

// dateFromText infers the publication date from the article's own words:
// an explicit date in a caption or the body, checked against the weekdays
// the body names. News is written about its own day: "said Thursday" in
// a story with a photo "on Apr. 20, 2023" (a Thursday) dates the story.
// A page whose dates disagree with every weekday it names gets no date:
// no answer beats a wrong one.
func dateFromText(body Body) string {
	days := map[time.Weekday]int{}
	for _, p := range body.Paragraphs {
		if !strings.Contains(p, "day") {
			continue
		}
		for _, m := range dayRe.FindAllString(p, -1) {
			days[weekdays[m]]++
		}
	}
	type cand struct {
		t     time.Time
		score int
	}
	var cands []cand
	consider := func(s string, weight int) {
		for _, t := range explicitDates(s) {
			score := weight
			if len(days) > 0 {
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
		return ""
	}
	return best.t.Format("2006-01-02")
}
