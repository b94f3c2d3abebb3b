package clean

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineShape is what the classifier knows of one line on its own: shape,
// not vocabulary, so that it carries across publishers and languages.
type lineShape struct {
	letters    int     // Unicode letters
	words      int     // \w+ runs; CJK letters count as half a word each
	upper      float64 // upper-case share of cased letters
	titleWords float64 // share of words that start with a capital
	digits     float64 // digit share of non-space runes
	punct      float64 // punctuation share of non-space runes
	stop       float64 // stop-word share of words
	endPunct   bool    // ends like a sentence
	ellipsis   bool    // ends with … or ...
	separators int     // | • · » › and the like: menus and breadcrumbs
	promo      int     // calls to act: subscribe, sign up, download the app
	copyright  bool
	startsList bool // bullet, dash or number first
	avgWord    float64
	commas     int
	low        string // the line in lower case, for the rules' cheap prefilters
}

func shapeOf(s string) lineShape {
	var sh lineShape
	var cased, upper, nonSpace, digits, punct, cjk int
	inWord := false
	wordStart := true
	var capWords, alnumWords int
	var wordLetters int
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			sh.letters++
			if isCJK(r) {
				cjk++
			}
			if unicode.IsUpper(r) {
				upper++
				cased++
			} else if unicode.IsLower(r) {
				cased++
			}
		case unicode.IsDigit(r):
			digits++
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			punct++
			if r == ',' || r == '，' || r == '、' {
				sh.commas++
			}
			if strings.ContainsRune("|•·»›«‹◆■►▶", r) {
				sh.separators++
			}
		}
		if !unicode.IsSpace(r) {
			nonSpace++
		}
		w := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		if w && !inWord {
			alnumWords++
			if unicode.IsUpper(r) && wordStart {
				capWords++
			}
		}
		if w && unicode.IsLetter(r) {
			wordLetters++
		}
		inWord = w
		wordStart = !w
	}
	sh.words = alnumWords + cjk/2
	// Case means something only in a script that has it: a Korean line
	// quoting "KBS" is not a line in capitals.
	if cased > 0 && 2*cased >= sh.letters {
		sh.upper = float64(upper) / float64(cased)
	}
	if alnumWords > 0 {
		sh.titleWords = float64(capWords) / float64(alnumWords)
		sh.avgWord = float64(wordLetters) / float64(alnumWords)
	}
	if nonSpace > 0 {
		sh.digits = float64(digits) / float64(nonSpace)
		sh.punct = float64(punct) / float64(nonSpace)
	}
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	sh.ellipsis = strings.HasSuffix(t, "…") || strings.HasSuffix(t, "...")
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, "\"'”’)»」』")); r != utf8.RuneError {
		sh.endPunct = strings.ContainsRune(".!?。！？:;", r) && !sh.ellipsis
	}
	if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("•·-–—*►▶■◆>", r) || unicode.IsDigit(r) && len(s) > 1 && strings.ContainsRune(".)", rune(s[1])) {
		sh.startsList = true
	}
	low := strings.ToLower(s)
	sh.low = low
	sh.copyright = strings.Contains(low, "©") || strings.Contains(low, "copyright") || strings.Contains(low, "all rights reserved")
	sh.promo = countPromo(low)
	sh.stop = stopShare(low, cjk > sh.letters/2)
	return sh
}

func isCJK(r rune) bool {
	// Thai starts at U+0E00; everything below is a script with spaces.
	return r >= 0x0e00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
}

// promoCues are calls to act that mark promotions and site chrome in any
// publisher's pages. They are features the model weighs, not rules.
var promoCues = []string{
	"subscribe", "newsletter", "sign up", "sign in", "log in", "login", "register",
	"click here", "download", "get the app", " app", "follow us", "share this",
	"share on", "facebook", "twitter", "instagram", "linkedin", "whatsapp",
	"advertisement", "sponsored", "cookie", "privacy policy", "terms of",
	"read more", "see more", "related", "recommended", "trending", "most popular",
	"comments", "email", "print", "copy link", "top headlines", "watch:", "listen",
}

func countPromo(low string) int {
	n := 0
	for _, c := range promoCues {
		if strings.Contains(low, c) {
			n++
		}
	}
	return n
}

// stopWords hold the commonest function words of the languages most
// pages are in. Running text is dense in them; menus, bylines and
// headlines are not, whatever the site (the jusText observation).
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{
		// English
		"a an the and or but of to in on at for with by from as is are was were be been has have had it its this that these those he she they we you i his her their our not no will would can could said says who which what when there than also about after",
		// German
		"der die das und oder aber von zu im in am an auf für mit bei aus als ist sind war waren sein hat haben es ein eine einen dem den des nicht auch wird werden sich dass er sie wir",
		// French
		"le la les et ou mais de du des à au aux en dans sur pour par avec est sont était été a ont il elle ils nous vous un une ce cette que qui ne pas plus se",
		// Spanish, Portuguese, Italian
		"el los las y o pero del al con por para es son fue ha han un una que se su sus no más como lo o os e mas do da dos das em no na com por para é são foi um uma que não il lo gli e di da con per è sono un una che non si",
		// Dutch
		"de het een en of maar van in op aan voor met door is zijn was waren heeft hebben niet ook dat die er",
		// Russian
		"и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь это",
	} {
		for _, w := range strings.Fields(list) {
			m[w] = true
		}
	}
	return m
}()

// cjkFunction are particles and function characters of Japanese and
// Chinese, which write without spaces and so have no stop words to count.
const cjkFunction = "のはがをにでとたもしてるれ、。的了是在和有也这就不"

func stopShare(low string, cjk bool) float64 {
	if cjk {
		n, f := 0, 0
		for _, r := range low {
			if unicode.IsLetter(r) {
				n++
				if strings.ContainsRune(cjkFunction, r) {
					f++
				}
			}
		}
		if n == 0 {
			return 0
		}
		return 2 * float64(f) / float64(n) // scale to the range of word languages
	}
	n, f := 0, 0
	start := -1
	for i, r := range low + " " {
		if unicode.IsLetter(r) || r == '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			n++
			if stopWords[low[start:i]] {
				f++
			}
			start = -1
		}
	}
	if n == 0 {
		return 0
	}
	return float64(f) / float64(n)
}

// lineFeatures turns a document's lines into feature vectors: each line's
// shape, its neighbours' shapes, and where it sits in the document. The
// neighbours matter because boilerplate comes in runs (menus, link lists)
// and body text in a dense block.
func lineFeatures(lines []string, shapes []lineShape) [][]float64 {
	n := len(lines)
	if shapes == nil {
		shapes = make([]lineShape, n)
		for i, l := range lines {
			shapes[i] = shapeOf(l)
		}
	}
	seen := make(map[string]int, n)
	total := 0
	maxLetters := 1
	for i, l := range lines {
		seen[l]++
		total += shapes[i].letters
		maxLetters = max(maxLetters, shapes[i].letters)
	}
	// cum[i] is the share of the document's letters before line i.
	cum := make([]float64, n+1)
	for i := range shapes {
		cum[i+1] = cum[i] + float64(shapes[i].letters)
	}
	if total > 0 {
		for i := range cum {
			cum[i] /= float64(total)
		}
	}
	out := make([][]float64, n)
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	ll := func(i int) float64 { // log letters of line i, 0 outside
		if i < 0 || i >= n {
			return 0
		}
		return math.Log1p(float64(shapes[i].letters))
	}
	for i, sh := range shapes {
		f := make([]float64, 0, 48)
		lw := math.Log1p(float64(sh.words))
		f = append(f,
			1, // bias
			ll(i), lw, lw*lw/10,
			sh.upper, sh.titleWords, sh.digits, sh.punct, sh.stop,
			b2f(sh.endPunct), b2f(sh.ellipsis),
			math.Min(float64(sh.separators), 3), math.Min(float64(sh.promo), 3),
			b2f(sh.copyright), b2f(sh.startsList), sh.avgWord/10,
			math.Log1p(float64(sh.commas)),
			b2f(sh.upper > 0.8 && sh.words >= 3),
			b2f(sh.words <= 3), b2f(sh.words >= 15),
			float64(i)/float64(max(n, 1)), cum[i], 1-cum[i+1],
			b2f(seen[lines[i]] > 1),
			float64(sh.letters)/float64(maxLetters),
		)
		// Neighbours: length and sentence shape two lines either side.
		for _, d := range []int{-2, -1, 1, 2} {
			j := i + d
			if j < 0 || j >= n {
				f = append(f, 0, 0, 0, 1)
				continue
			}
			s := shapes[j]
			f = append(f, ll(j), b2f(s.endPunct), s.stop, 0)
		}
		// Window density: mean and max log length over ±3 and ±8 lines.
		for _, w := range []int{3, 8} {
			var sum, mx float64
			k := 0
			for j := i - w; j <= i+w; j++ {
				if j == i || j < 0 || j >= n {
					continue
				}
				v := ll(j)
				sum += v
				mx = math.Max(mx, v)
				k++
			}
			if k > 0 {
				sum /= float64(k)
			}
			f = append(f, sum, mx)
		}
		out[i] = f
	}
	return out
}
