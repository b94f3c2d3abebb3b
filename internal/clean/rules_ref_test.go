package clean

// The fast paths in front of the rules' regular expressions (phrase
// scanners, prefilters, windows, hand-written scanners) must find what
// the expressions find. These tests check each against its definition,
// the expression or the slow code it stands in for, on every line
// refDocs gathers and on lines made to trip them; the rules themselves
// may change meaning without touching them.

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

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
	"  two  spaces\tand\u00a0more\u200b ", "\ufeffBOM", "tab\tinside", "trailing ",
}

// cueLists are the phrase lists of lineCues, by bit.
var cueLists = map[uint8][]string{
	cueCopyright:   copyrightCues,
	cueComment:     commentStems,
	cueCredit:      creditStems,
	cueCaption:     creditTailStems,
	cueCall:        promoCallStems(),
	cuePromoPhrase: promoPhrases,
}

// yearRe defines what hasYear looks for.
var yearRe = regexp.MustCompile(`(?:^|[^0-9])(?:19|20)[0-9][0-9](?:[^0-9]|$)`)

// checkFastPaths checks every fast path on line l against its
// definition.
func checkFastPaths(t testing.TB, l string) {
	t.Helper()
	sh := shapeOf(l)
	low := strings.ToLower(l)
	if sh.low != low || toLower(l) != low {
		t.Errorf("toLower(%q) = %q, want %q", l, toLower(l), low)
	}

	// The cue scanner finds the phrases a substring search finds.
	for bit, list := range cueLists {
		want := slices.ContainsFunc(list, func(ph string) bool { return strings.Contains(low, ph) })
		if got := sh.cues&bit != 0; got != want {
			t.Errorf("cue list %b in %q: %v, want %v", bit, low, got, want)
		}
	}
	promo := 0
	for _, c := range promoCues {
		if strings.Contains(low, c) {
			promo++
		}
	}
	if sh.promo != promo || sh.copyright != (sh.cues&cueCopyright != 0) {
		t.Errorf("shapeOf(%q): promo %d, copyright %v; want %d", l, sh.promo, sh.copyright, promo)
	}
	first := -1
	for _, ph := range promoPhrases {
		if i := indexWord(low, ph); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if got := lineCues.firstWord(low, cuePromoPhrase); got != first {
		t.Errorf("firstWord(%q) = %d, want %d", low, got, first)
	}
	if sh.cues&cueCall == 0 && promoAt(low) >= 0 {
		t.Errorf("%q: no cueCall, but promoAt finds a call", l)
	}

	// Prefilters never turn a match away.
	trimmed := strings.TrimSpace(l)
	if commentRe.MatchString(trimmed) && sh.cues&cueComment == 0 {
		t.Errorf("commentRe matches %q, prefilter says no", l)
	}
	if relatedRe.MatchString(trimmed) && !mayBeRelated(sh.low) {
		t.Errorf("relatedRe matches %q, mayBeRelated says no", l)
	}
	if creditTailRe.MatchString(trimmed) && sh.cues&cueCaption == 0 {
		t.Errorf("creditTailRe matches %q, prefilter says no", l)
	}
	if isoRe.MatchString(l) && !strings.Contains(l, "-") {
		t.Errorf("isoRe matches %q, which has no '-'", l)
	}
	if got, want := hasYear(l), yearRe.MatchString(l); got != want {
		t.Errorf("hasYear(%q) = %v, want %v", l, got, want)
	}

	// Windows: a pattern finds the same in the window as in the whole.
	from := monthDateFrom(l)
	for _, re := range []*regexp.Regexp{mdyRe, dmyRe} {
		want := re.FindAllStringSubmatch(l, -1)
		var got [][]string
		if from >= 0 {
			got = re.FindAllStringSubmatch(l[from:], -1)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s in %q from %d: %q, want %q", re, l, from, got, want)
		}
	}
	if from := domainFrom(l); from >= 0 {
		if got, want := domainRe.FindAllString(l[from:], -1), domainRe.FindAllString(l, -1); !slices.Equal(got, want) {
			t.Errorf("domainRe in %q from %d: %q, want %q", l, from, got, want)
		}
	} else if domainRe.MatchString(l) {
		t.Errorf("domainFrom(%q) = -1, but domainRe matches", l)
	}
	if got, want := hasDomain(l), domainRe.MatchString(l); got != want {
		t.Errorf("hasDomain(%q) = %v, want %v", l, got, want)
	}
	if n := len(trimmed); n > 0 && (trimmed[n-1] == ')' || trimmed[n-1] == ']') {
		// As splitCaptionShape windows creditParenRe.
		want := creditParenRe.FindStringSubmatchIndex(trimmed)
		var got []int
		if from := strings.LastIndexAny(trimmed[:n-1], "(["); from >= 0 {
			for from > 0 && isRegexpSpace(trimmed[from-1]) {
				from--
			}
			if got = creditParenRe.FindStringSubmatchIndex(trimmed[from:]); got != nil {
				for i := range got {
					if got[i] >= 0 {
						got[i] += from
					}
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("creditParenRe in %q: %v, want %v", trimmed, got, want)
		}
	}

	// Hand-written scanners find what the patterns find.
	var days, wantDays [7]int
	weekdaysIn(l, &days)
	for _, m := range dayRe.FindAllString(l, -1) {
		wantDays[weekdays[m]]++
	}
	if days != wantDays {
		t.Errorf("weekdaysIn(%q) = %v, want %v", l, days, wantDays)
	}
	if got, want := capPhrases(l), capPhraseRe.FindAllString(l, -1); !slices.Equal(got, want) {
		t.Errorf("capPhrases(%q) = %q, want %q", l, got, want)
	}
	for _, ph := range capPhrases(l) {
		if got, want := appendWords(nil, ph), strings.Fields(ph); !slices.Equal(got, want) {
			t.Errorf("appendWords(%q) = %q, want %q", ph, got, want)
		}
	}

	// Slow code the fast code stands in for.
	var b strings.Builder
	space := false
	for _, r := range l {
		if isBlank(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if got := collapseSpace(l); got != b.String() {
		t.Errorf("collapseSpace(%q) = %q, want %q", l, got, b.String())
	}
	b.Reset()
	for _, r := range l {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if got := squash(l); got != b.String() {
		t.Errorf("squash(%q) = %q, want %q", l, got, b.String())
	}
	if r := []rune(l); len(r) > 0 {
		if last, _ := utf8.DecodeLastRuneInString(l); last != r[len(r)-1] {
			t.Errorf("last rune of %q: %q, want %q", l, last, r[len(r)-1])
		}
	}
}

// TestFastPathsMatchReference checks the fast paths on every line refDocs
// gathers and on trickyLines.
func TestFastPathsMatchReference(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: reads the corpora")
	}
	if want := `(?i)\b[a-z0-9-]+\.(com|org|net|co\.uk|news|tv|io|de|fr)\b`; domainRe.String() != want {
		t.Errorf("domainRe is %s, want %s", domainRe, want)
	}
	for _, lines := range append(refDocs(t), trickyLines) {
		for _, l := range lines {
			checkFastPaths(t, l)
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
		if got, want := refShapeOfShape(shapeOf(l)), refShapeOf(l); got != want {
			t.Fatalf("shapeOf(%q) = %+v, want %+v", l, got, want)
		}
		checkFastPaths(t, l)
	})
}

// TestRuneClassTables checks the tables runeClass and shapeOf read
// against classify, the definition, for every rune.
func TestRuneClassTables(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if got, want := runeClass(r), classify(r); got != want {
			t.Fatalf("runeClass(%U) = %b, want %b", r, got, want)
		}
	}
	for b := range asciiLanes {
		if got, want := asciiLanes[b], laneCounts(classify(rune(b))); got != want {
			t.Fatalf("asciiLanes[%#x] = %x, want %x", b, got, want)
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

// TestFastPathsAtSeams runs the reference checks on lines whose spaces,
// capitals and non-ASCII runes fall at every place of an eight-byte step.
func TestFastPathsAtSeams(t *testing.T) {
	for _, unit := range []string{"abcdefg  ", "Abcdefg ", " abcdefgh", "abc\tdefg ", "ABCDEFG é ", "a b c d ", "x\u00a0y z "} {
		for n := range 5 {
			for lead := range 9 {
				checkFastPaths(t, strings.Repeat("q", lead)+strings.Repeat(unit, n+1))
				checkFastPaths(t, strings.Repeat(" ", lead%3)+strings.Repeat(unit, n+1)+strings.Repeat("Z", lead))
			}
		}
	}
}
