package clean

// Copies of the cleaner's rules, captions, text splitting and metadata
// as they were before they were made fast, kept as the definition the
// fast code is checked against (see TestFastPathsMatchReference).

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
)

func refRuleReason(line string, sh lineShape, mode Mode) string {
	t := strings.TrimSpace(line)
	if t == "" {
		return article.ReasonChrome
	}
	if sh.words <= 8 && commentRe.MatchString(t) {
		return article.ReasonComment
	}
	if refIsPromo(t, sh) {
		return article.ReasonPromo
	}
	if (sh.words <= 12 || !sh.endPunct) && relatedRe.MatchString(t) {
		return article.ReasonRelated
	}
	if sh.words <= 60 && refContainsAny(sh.low, creditStems) && creditRe.MatchString(t) {
		return ReasonCredit
	}
	if mode == Extracted {
		return ""
	}
	if refIsTeaser(t, sh) {
		return article.ReasonTeaser
	}
	if isCrosslink(sh) {
		return article.ReasonCrosslink
	}
	return ""
}

func refPromoAt(low string) int {
	first := -1
	for _, ph := range promoPhrases {
		if i := indexWord(low, ph); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	// "get the Fox News app", "join NRPLUS today": a call with a name
	// inside it.
	for _, pat := range [][2]string{{"get the ", " app"}, {"join ", " today"}, {"join ", " now"}, {"join ", "plus"}} {
		if i := indexWord(low, strings.TrimSpace(pat[0])); i >= 0 {
			rest := low[i+len(pat[0])-1:]
			if j := strings.Index(rest, pat[1]); j >= 0 && j <= 40 {
				if first < 0 || i < first {
					first = i
				}
			}
		}
	}
	if i := strings.Index(low, "follow @"); i >= 0 && (first < 0 || i < first) {
		first = i
	}
	return first
}

func refContainsAny(s string, stems []string) bool {
	for _, st := range stems {
		if strings.Contains(s, st) {
			return true
		}
	}
	return false
}

func refIsPromo(t string, sh lineShape) bool {
	at := refPromoAt(sh.low)
	if at < 0 {
		return false
	}
	if sh.words <= 20 || sh.upper > 0.8 || domainRe.MatchString(t) {
		return true
	}
	// A longer line is a promotion when it opens with the call to act
	// and speaks to the reader: "If you enjoyed this article, … join".
	return at < 40 && sh.words <= 60 && addressRe.MatchString(t)
}

func refIsTeaser(t string, sh lineShape) bool {
	if !sh.ellipsis {
		return false
	}
	s := strings.TrimSuffix(strings.TrimSuffix(t, "…"), "...")
	if s == "" {
		return true
	}
	r := []rune(s)
	last := r[len(r)-1]
	return unicode.IsLetter(last) || unicode.IsDigit(last) || last == ',' || last == '–' || last == '—' || last == '-'
}

func refSplitCaption(line string) (text, credit string, ok bool) {
	t := strings.TrimSpace(line)
	if t == "" {
		return "", "", false
	}
	low := strings.ToLower(t)
	for k, re := range []*regexp.Regexp{creditParenRe, creditTailRe, creditAgencyRe} {
		// Cheap prefilters: what each pattern cannot match without.
		switch k {
		case 0:
			if last := t[len(t)-1]; last != ')' && last != ']' {
				continue
			}
		case 1:
			if !refContainsAny(low, creditTailStems) {
				continue
			}
		case 2:
			// An agency credit stands bare at the end; a line that ends
			// in a full stop is a sentence ("… the Collins/Parker ticket.").
			if !strings.Contains(t, "/") && !strings.Contains(t, "Getty") || !unicode.IsLetter(rune(t[len(t)-1])) {
				continue
			}
		}
		m := re.FindStringSubmatchIndex(t)
		if m == nil {
			continue
		}
		credit = strings.TrimSpace(t[m[2]:m[3]])
		text = strings.TrimSpace(t[:m[0]])
		text = strings.TrimRight(text, " |–—-")
		if !captionText(text) || len(credit) < 2 {
			continue
		}
		return text, credit, true
	}
	return "", "", false
}

func refCollapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\u00a0', '\u2009', '\u202f', '\u200b', '\ufeff', '\f', '\v':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func refWrapped(lines []string) bool {
	blank := 0
	maxLen := 0
	for _, l := range lines {
		n := utf8.RuneCountInString(strings.TrimSpace(l))
		if n == 0 {
			blank++
		}
		maxLen = max(maxLen, n)
	}
	if blank == 0 || maxLen > 160 || maxLen < 40 {
		return false
	}
	inBlock, nearWidth := 0, 0
	for i, l := range lines {
		n := utf8.RuneCountInString(strings.TrimSpace(l))
		if n == 0 || i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) == "" {
			continue // last line of a block is short by nature
		}
		inBlock++
		if n >= maxLen*6/10 {
			nearWidth++
		}
	}
	return inBlock >= 3 && nearWidth*10 >= inBlock*7
}

func refHasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) &&
			(i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return false
}

func refExplicitDates(s string) []time.Time {
	if !refHasYear(s) {
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

func refDateFromText(body Body) string {
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
		for _, t := range refExplicitDates(s) {
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

func refPublisherFromChrome(body Body) string {
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
					if labels[refSquash(cand)] {
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

func refSquash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// trickyLines are lines made to catch a fast path that reads text other
// than the patterns do: runes that (?i) folds into ASCII (ſ, K), İ whose
// lower case is shorter, invalid UTF-8, dates and domains at the edges of
// the windows the patterns are run on.
var trickyLines = []string{
	"", " ", "a", "(", ")", "...", "…", "x…", "x …", "-…", "ab\xe2\x80…", "\xff...",
	"1ſt April 2023", "ſept. 4, 2023", "SEPT. 4, 2023", "4th of July 2021", "4 of July 2021", "x4 July 2021",
	"Proof May 2023", "May be 2023", "on Apr. 20, 2023 and 2 May 2022 and 2023-04-20", "20April 2023",
	"May 5th, 2019 May 6 2019", "12 Dec. 2020", "(2021-02-30)", "2021-02-28T10:00", "On Monday, April 3, 2023",
	"Mondays Monday_ _Monday Monday. Sunday-Friday x Tuesday Wednesdayx", "Thursday\xffFriday",
	"ſite.com is here", "a_b.com", "-x.com", "www.example.co.uk/page", "see foo.news, bar.TV and baz.fr.",
	"Follow us on Twitter @x", "follow @x", "Get the Fox News app today", "join NRPLUS today", "blog in", "login.",
	"Related: stuff", "ſee also", "  Read more  ", "more on this story", "You might also like",
	"3 comments", "Leave a reply", "Join the conversation", "Reporting by Jane Doe; editing by John Roe",
	"Jane contributed to this report.", "Follow him on X", "(AP Photo/Efrem Lukatsky)", "Text here (Photo: Getty Images)",
	"Text text text (a) b)", "Caption of a picture [Reuters/Jane Doe]", "Words go here. Photo: Jane Doe", "three words here Jane Doe/AFP via Getty Images",
	"PİCTURE: Jane Doe, three words here", "\u212aelvin Photo: x", "İstanbul Fox News Flash", "Fox News Flash Foxnews.com",
	"© 2023 All Rights Reserved", "CLICK HERE TO GET THE FOX NEWS APP", "2019 1999 19999 20x0 2020-",
}

// TestFastPathsMatchReference checks the scanners, prefilters and windows
// that stand in front of the regular expressions against the reference
// copies above, on every line refDocs gathers and on trickyLines.
func TestFastPathsMatchReference(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: reads the corpora")
	}
	docs := append(refDocs(t), trickyLines)
	if !slices.Equal(domainRe.SubexpNames(), regexp.MustCompile(`(?i)\b[a-z0-9-]+\.(com|org|net|co\.uk|news|tv|io|de|fr)\b`).SubexpNames()) ||
		domainRe.String() != `(?i)\b[a-z0-9-]+\.(com|org|net|co\.uk|news|tv|io|de|fr)\b` {
		t.Errorf("domainRe is %s", domainRe)
	}
	var days [7]int
	for _, lines := range docs {
		for _, l := range lines {
			sh := shapeOf(l)
			if got, want := toLower(l), strings.ToLower(l); got != want {
				t.Fatalf("toLower(%q) = %q, want %q", l, got, want)
			}
			for _, mode := range []Mode{Dump, Extracted} {
				if got, want := ruleReason(l, sh, mode), refRuleReason(l, sh, mode); got != want {
					t.Errorf("ruleReason(%q, %v) = %q, want %q", l, mode, got, want)
				}
			}
			if got, want := promoAt(sh.low), refPromoAt(sh.low); got != want {
				t.Errorf("promoAt(%q) = %d, want %d", sh.low, got, want)
			}
			if got, want := isTeaser(l, sh), refIsTeaser(l, sh); got != want {
				t.Errorf("isTeaser(%q) = %v, want %v", l, got, want)
			}
			text, credit, ok := splitCaption(l)
			wtext, wcredit, wok := refSplitCaption(l)
			if text != wtext || credit != wcredit || ok != wok {
				t.Errorf("splitCaption(%q) = %q, %q, %v, want %q, %q, %v", l, text, credit, ok, wtext, wcredit, wok)
			}
			if got, want := collapseSpace(l), refCollapseSpace(l); got != want {
				t.Errorf("collapseSpace(%q) = %q, want %q", l, got, want)
			}
			if got, want := hasYear(l), refHasYear(l); got != want {
				t.Errorf("hasYear(%q) = %v, want %v", l, got, want)
			}
			if got, want := explicitDates(l), refExplicitDates(l); !slices.Equal(got, want) {
				t.Errorf("explicitDates(%q) = %v, want %v", l, got, want)
			}
			days = [7]int{}
			weekdaysIn(l, &days)
			var want [7]int
			for _, m := range dayRe.FindAllString(l, -1) {
				want[weekdays[m]]++
			}
			if days != want {
				t.Errorf("weekdaysIn(%q) = %v, want %v", l, days, want)
			}
			if got, want := capPhrases(l), capPhraseRe.FindAllString(l, -1); !slices.Equal(got, want) {
				t.Errorf("capPhrases(%q) = %q, want %q", l, got, want)
			}
			for _, ph := range capPhrases(l) {
				if got, want := appendWords(nil, ph), strings.Fields(ph); !slices.Equal(got, want) {
					t.Errorf("appendWords(%q) = %q, want %q", ph, got, want)
				}
			}
			if got, want := hasDomain(l), domainRe.MatchString(l); got != want {
				t.Errorf("hasDomain(%q) = %v, want %v", l, got, want)
			}
			if from := domainFrom(l); from >= 0 {
				if got, want := domainRe.FindAllString(l[from:], -1), domainRe.FindAllString(l, -1); !slices.Equal(got, want) {
					t.Errorf("domainRe in %q from %d: %q, want %q", l, from, got, want)
				}
			} else if domainRe.MatchString(l) {
				t.Errorf("domainFrom(%q) = -1, but domainRe matches", l)
			}
			if got, want := squash(l), refSquash(l); got != want {
				t.Errorf("squash(%q) = %q, want %q", l, got, want)
			}
		}
		if got, want := wrapped(lines), refWrapped(lines); got != want {
			t.Errorf("wrapped(%.3q...) = %v, want %v", lines, got, want)
		}
		body := Body{Paragraphs: lines, Removed: make([]article.Removed, len(lines))}
		for i, l := range lines {
			body.Removed[i] = article.Removed{Text: l}
			if i%7 == 0 {
				body.Captions = append(body.Captions, article.Caption{Text: l})
			}
		}
		if got, want := dateFromText(body), refDateFromText(body); got != want {
			t.Errorf("dateFromText(%.3q...) = %q, want %q", lines, got, want)
		}
		if got, want := publisherFromChrome(body), refPublisherFromChrome(body); got != want {
			t.Errorf("publisherFromChrome(%.3q...) = %q, want %q", lines, got, want)
		}
	}
}

// TestFlatForestMatchesWalk checks the flat layout of both stages of the
// embedded model against walking its trees, on the features of every page
// refDocs gathers: the sums must be the same to the bit.
func TestFlatForestMatchesWalk(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: reads the corpora")
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, lines := range append(refDocs(t), trickyLines) {
		x1 := lineFeatures(lines, nil)
		p1 := make([]float64, len(lines))
		m.Stage1.probs(x1, p1)
		for i, x := range x1 {
			if want := m.Stage1.walk(x); math.Float64bits(p1[i]) != math.Float64bits(want) || m.Stage1.prob(x) != want {
				t.Fatalf("stage 1, line %q: %v, want %v", lines[i], p1[i], want)
			}
		}
		x2 := stage2Features(lines, x1, p1)
		p2 := make([]float64, len(lines))
		m.Stage2.probs(x2, p2)
		for i, x := range x2 {
			if want := m.Stage2.walk(x); math.Float64bits(p2[i]) != math.Float64bits(want) {
				t.Fatalf("stage 2, line %q: %v, want %v", lines[i], p2[i], want)
			}
		}
		need := make([]bool, len(lines))
		for i := range need {
			need[i] = i%3 != 1
		}
		for i, p := range m.scores(lines, nil, need) {
			if need[i] && p != p2[i] || !need[i] && p != 0 {
				t.Fatalf("scores with need, line %d: %v, want %v", i, p, p2[i])
			}
		}
		if len(x1) > 0 && (len(x1[0]) != lineFeatureCount || len(x2[0]) != stage2FeatureCount) {
			t.Fatalf("feature rows of %d and %d, want %d and %d", len(x1[0]), len(x2[0]), lineFeatureCount, stage2FeatureCount)
		}
	}
}

// FuzzFastPathsMatchReference is TestFastPathsMatchReference on arbitrary
// lines (go test -fuzz FuzzFastPathsMatchReference ./internal/clean).
func FuzzFastPathsMatchReference(f *testing.F) {
	for _, l := range trickyLines {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		sh := shapeOf(l)
		if got, want := refShapeOfShape(sh), refShapeOf(l); got != want {
			t.Fatalf("shapeOf(%q) = %+v, want %+v", l, got, want)
		}
		for _, mode := range []Mode{Dump, Extracted} {
			if got, want := ruleReason(l, sh, mode), refRuleReason(l, sh, mode); got != want {
				t.Fatalf("ruleReason(%q, %v) = %q, want %q", l, mode, got, want)
			}
		}
		text, credit, ok := splitCaption(l)
		wtext, wcredit, wok := refSplitCaption(l)
		if text != wtext || credit != wcredit || ok != wok {
			t.Fatalf("splitCaption(%q) = %q, %q, %v, want %q, %q, %v", l, text, credit, ok, wtext, wcredit, wok)
		}
		if got, want := collapseSpace(l), refCollapseSpace(l); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", l, got, want)
		}
		if got, want := explicitDates(l), refExplicitDates(l); !slices.Equal(got, want) {
			t.Fatalf("explicitDates(%q) = %v, want %v", l, got, want)
		}
		if got, want := capPhrases(l), capPhraseRe.FindAllString(l, -1); !slices.Equal(got, want) {
			t.Fatalf("capPhrases(%q) = %q, want %q", l, got, want)
		}
		if got, want := hasDomain(l), domainRe.MatchString(l); got != want {
			t.Fatalf("hasDomain(%q) = %v, want %v", l, got, want)
		}
		lines := strings.Split(l, "\n")
		if got, want := wrapped(lines), refWrapped(lines); got != want {
			t.Fatalf("wrapped(%q) = %v, want %v", lines, got, want)
		}
		body := Body{Paragraphs: lines, Captions: []article.Caption{{Text: l}}}
		if got, want := dateFromText(body), refDateFromText(body); got != want {
			t.Fatalf("dateFromText(%q) = %q, want %q", lines, got, want)
		}
	})
}
