package clean

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/swar"
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
	cues       uint8  // the cue lists with a phrase in low (cueComment, ...), likewise
}

// Rune classes shapeOf asks about, as bits: one table lookup answers
// for most runes what would otherwise take a dozen unicode calls.
const (
	cLetter    = 1 << iota // unicode.IsLetter
	cUpper                 // unicode.IsUpper
	cLower                 // unicode.IsLower
	cCJK                   // a letter of a script written without spaces
	cDigit                 // unicode.IsDigit
	cPunct                 // unicode.IsPunct or unicode.IsSymbol
	cComma                 // a comma, in any script
	cSeparator             // a menu or breadcrumb separator
	cSpace                 // unicode.IsSpace
	cWord                  // part of a \w+ run: '_', letters and numbers
	cLowerable             // unicode.ToLower changes it
)

// separatorRunes are the | • · » › and the like of menus and breadcrumbs.
const separatorRunes = "|•·»›«‹◆■►▶"

// classify computes a rune's class bits from package unicode; it is the
// definition, runeClass only caches it.
func classify(r rune) uint16 {
	var c uint16
	switch {
	case unicode.IsLetter(r):
		c |= cLetter
		if isCJK(r) {
			c |= cCJK
		}
		if unicode.IsUpper(r) {
			c |= cUpper
		} else if unicode.IsLower(r) {
			c |= cLower
		}
	case unicode.IsDigit(r):
		c |= cDigit
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		c |= cPunct
		if r == ',' || r == '，' || r == '、' {
			c |= cComma
		}
		if strings.ContainsRune(separatorRunes, r) {
			c |= cSeparator
		}
	}
	if unicode.IsSpace(r) {
		c |= cSpace
	}
	if r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) {
		c |= cWord
	}
	if unicode.ToLower(r) != r {
		c |= cLowerable
	}
	return c
}

// Tables of classify for the runes of most news: those UTF-8 writes in
// one or two bytes (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic), and
// the General Punctuation block (curly quotes, dashes, ellipsis).
var (
	smallClass = func() (t [0x800]uint16) { // U+0000 to U+07FF
		for r := range t {
			t[r] = classify(rune(r))
		}
		return t
	}()
	punctClass = func() (t [0x70]uint16) { // U+2000 to U+206F
		for i := range t {
			t[i] = classify(0x2000 + rune(i))
		}
		return t
	}()
)

// runeClass is classify(r), small enough to inline for the common case.
func runeClass(r rune) uint16 {
	if uint(r) < uint(len(smallClass)) {
		return smallClass[r]
	}
	return bigRuneClass(r)
}

// bigRuneClass is runeClass for the rest; kept out of line so that
// runeClass is inlined.
//
//go:noinline
func bigRuneClass(r rune) uint16 {
	if 0x2000 <= r && r < 0x2000+rune(len(punctClass)) {
		return punctClass[r-0x2000]
	}
	return classify(r)
}

// Eight of shapeOf's per-rune counts are kept as the bytes of one
// uint64, lane by lane, so that counting a rune in all eight is one
// addition of its laneCounts. A lane is emptied into an int when it
// reaches 128, before it can overflow.
const (
	laneLetters = 8 * iota
	laneUpper
	laneCased
	laneDigits
	lanePunct
	laneCommas
	laneSeparators
	laneNonSpace

	laneHigh = 0x8080808080808080 // the top bit of every lane
)

// laneCounts returns what a rune of class c adds to the lanes.
func laneCounts(c uint16) uint64 {
	var v uint64
	add := func(lane int, ok bool) {
		if ok {
			v |= 1 << lane
		}
	}
	letter := c&cLetter != 0
	add(laneLetters, letter)
	add(laneUpper, letter && c&cUpper != 0)
	add(laneCased, letter && c&(cUpper|cLower) != 0)
	add(laneDigits, !letter && c&cDigit != 0)
	punct := !letter && c&cDigit == 0 && c&cPunct != 0
	add(lanePunct, punct)
	add(laneCommas, punct && c&cComma != 0)
	add(laneSeparators, punct && c&cSeparator != 0)
	add(laneNonSpace, c&cSpace == 0)
	return v
}

// asciiLanes is laneCounts for each ASCII rune.
var asciiLanes = func() (t [utf8.RuneSelf]uint64) {
	for b := range t {
		t[b] = laneCounts(smallClass[b])
	}
	return t
}()

// runeCounts are the per-rune counts of a line.
type runeCounts struct {
	letters, upper, cased, digits, punct, commas, separators, nonSpace int
}

// addLanes empties lanes into n.
func (n *runeCounts) addLanes(lanes uint64) {
	lane := func(k int) int { return int(lanes >> k & 0xff) }
	n.letters += lane(laneLetters)
	n.upper += lane(laneUpper)
	n.cased += lane(laneCased)
	n.digits += lane(laneDigits)
	n.punct += lane(lanePunct)
	n.commas += lane(laneCommas)
	n.separators += lane(laneSeparators)
	n.nonSpace += lane(laneNonSpace)
}

func shapeOf(s string) lineShape {
	var sh lineShape
	var n runeCounts
	var lanes uint64
	var cjk, alnumWords, capWords int
	inWord := false
	for i := 0; i < len(s); {
		var c uint16
		var inc uint64
		if b := s[i]; b < utf8.RuneSelf {
			c, inc = smallClass[b], asciiLanes[b]
			i++
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			i += w
			c = runeClass(r)
			inc = laneCounts(c)
			if c&cCJK != 0 {
				cjk++
			}
		}
		if lanes += inc; lanes&laneHigh != 0 {
			n.addLanes(lanes)
			lanes = 0
		}
		// A word is a run of letters, numbers and '_'; it counts as
		// title case when it starts with a capital.
		w := c&cWord != 0
		if w && !inWord {
			alnumWords++
			if c&cUpper != 0 {
				capWords++
			}
		}
		inWord = w
	}
	n.addLanes(lanes)
	sh.letters, sh.commas, sh.separators = n.letters, n.commas, n.separators
	upper, cased, digits, punct, nonSpace := n.upper, n.cased, n.digits, n.punct, n.nonSpace
	wordLetters := sh.letters // every letter is part of a word
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
	low := toLower(s)
	sh.low = low
	promo, cues := lineCues.scan(low)
	sh.promo = bits.OnesCount64(promo)
	sh.copyright = cues&cueCopyright != 0
	sh.cues = cues
	sh.stop = stopShare(low, cjk > sh.letters/2)
	return sh
}

// toLower is strings.ToLower, quicker on what news mostly is: ASCII with
// a few curly quotes or accented letters, which strings.ToLower maps rune
// by rune through a function value. It copies the runs that need no
// change whole; like strings.ToLower it writes invalid UTF-8 as U+FFFD,
// and returns s itself when nothing changes.
func toLower(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		// Eight ASCII bytes at a time: most of a line.
		if i+8 <= len(s) {
			w := swar.Load(s, i)
			if swar.HasHigh(w) == 0 {
				if swar.Upper(w) != 0 {
					if b.Cap() == 0 {
						b.Grow(len(s) + utf8.UTFMax)
					}
					b.WriteString(s[done:i])
					var low [8]byte
					binary.LittleEndian.PutUint64(low[:], swar.Lower(w))
					b.Write(low[:])
					done = i + 8
				}
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				if b.Cap() == 0 {
					b.Grow(len(s) + utf8.UTFMax)
				}
				b.WriteString(s[done:i])
				b.WriteByte(c + 'a' - 'A')
				done = i + 1
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if runeClass(r)&cLowerable != 0 || r == utf8.RuneError && w == 1 {
			if b.Cap() == 0 {
				b.Grow(len(s) + utf8.UTFMax)
			}
			b.WriteString(s[done:i])
			b.WriteRune(unicode.ToLower(r))
			done = i + w
		}
		i += w
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
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

// copyrightCues mark a copyright notice.
var copyrightCues = []string{"©", "copyright", "all rights reserved"}

// Lists of phrases the rules look for in a line's lower case before they
// run a pattern, as bits of lineShape.cues.
const (
	cueCopyright   = 1 << iota // copyrightCues
	cueComment                 // commentStems
	cueCredit                  // creditStems
	cueCaption                 // creditTailStems
	cueCall                    // promoCallStems
	cuePromoPhrase             // promoPhrases
)

// lineCues finds every phrase shapeOf and the rules look for in one pass
// over a line, rather than one substring search per phrase.
var lineCues = newCueScanner(promoCues, []cueList{
	{cueCopyright, copyrightCues},
	{cueComment, commentStems},
	{cueCredit, creditStems},
	{cueCaption, creditTailStems},
	{cueCall, promoCallStems()},
	{cuePromoPhrase, promoPhrases},
})

// cueList is a list of phrases and its bit in lineShape.cues.
type cueList struct {
	bit     uint8
	phrases []string
}

// cueScanner looks for many short phrases in a string at once. It reads
// the string once; where the two bytes at hand may open a phrase, which a
// small bit set tells, it tries the phrases that start with them.
type cueScanner struct {
	phrases []string
	promo   []uint64             // per phrase, its bit in the promo mask: promoCues[i] has bit i
	lists   []uint8              // per phrase, the bits of the lists it is in
	opens   [1 << 12 / 64]uint64 // bit pairHash(b0, b1) set: a phrase may start with b0, b1
	opens3  [1 << 15 / 64]uint64 // bit tripleHash(b0, b1, b2) set: a phrase may start with b0, b1, b2
	byFirst [256][]phraseRef
}

type phraseRef struct {
	second, third byte // the phrase's second and third bytes (0 if it has two)
	index         uint8
}

// pairHash folds two bytes into 12 bits for cueScanner.opens.
func pairHash(b0, b1 byte) uint { return uint(b0)<<4 ^ uint(b1) }

// tripleHash folds three bytes into 15 bits for cueScanner.opens3: a pair
// of common letters ("co", "re") opens some phrase or other at many
// places of a line, three bytes far fewer.
func tripleHash(b0, b1, b2 byte) uint { return (uint(b0)<<7 ^ uint(b1)<<3 ^ uint(b2)) & (1<<15 - 1) }

func newCueScanner(promo []string, lists []cueList) *cueScanner {
	if len(promo) > 64 {
		panic("clean: more than 64 promo cues")
	}
	c := &cueScanner{}
	index := map[string]int{}
	add := func(ph string) int {
		if i, ok := index[ph]; ok {
			return i
		}
		if len(ph) < 2 {
			panic("clean: cue shorter than two bytes: " + ph)
		}
		i := len(c.phrases)
		if i > 255 {
			panic("clean: more than 256 cues")
		}
		index[ph] = i
		c.phrases = append(c.phrases, ph)
		c.promo = append(c.promo, 0)
		c.lists = append(c.lists, 0)
		r := phraseRef{second: ph[1], index: uint8(i)}
		if len(ph) > 2 {
			r.third = ph[2]
		}
		c.byFirst[ph[0]] = append(c.byFirst[ph[0]], r)
		h := pairHash(ph[0], ph[1])
		c.opens[h/64] |= 1 << (h % 64)
		for b2 := range 256 {
			if len(ph) == 2 || byte(b2) == ph[2] {
				h := tripleHash(ph[0], ph[1], byte(b2))
				c.opens3[h/64] |= 1 << (h % 64)
			}
		}
		return i
	}
	for b, ph := range promo {
		c.promo[add(ph)] |= 1 << b
	}
	for _, l := range lists {
		for _, ph := range l.phrases {
			c.lists[add(ph)] |= l.bit
		}
	}
	return c
}

// mayOpen reports whether a phrase may start at s[i]; i+1 < len(s).
func (c *cueScanner) mayOpen(s string, i int) bool {
	if i+2 < len(s) {
		h := tripleHash(s[i], s[i+1], s[i+2])
		return c.opens3[h/64]&(1<<(h%64)) != 0
	}
	h := pairHash(s[i], s[i+1])
	return c.opens[h/64]&(1<<(h%64)) != 0
}

// matches reports whether phrase r occurs in s at offset i, where s[i] is
// its first byte. The second and third bytes rule out most phrases before
// the whole phrase is compared.
func (c *cueScanner) matches(s string, i int, r phraseRef) bool {
	if r.second != s[i+1] || r.third != 0 && (i+2 >= len(s) || r.third != s[i+2]) {
		return false
	}
	ph := c.phrases[r.index]
	return len(s)-i >= len(ph) && s[i:i+len(ph)] == ph
}

// scan returns which promo cues occur in s, as a mask, and which lists
// have a phrase in s.
func (c *cueScanner) scan(s string) (promo uint64, lists uint8) {
	for i := 0; i+1 < len(s); i++ {
		if !c.mayOpen(s, i) {
			continue
		}
		for _, r := range c.byFirst[s[i]] {
			if c.matches(s, i, r) {
				promo |= c.promo[r.index]
				lists |= c.lists[r.index]
			}
		}
	}
	return promo, lists
}

// firstWord returns the offset of the first phrase of list in s that
// starts and ends at word boundaries, as indexWord has them, or -1: the
// least indexWord(s, ph) over the list's phrases, in one pass.
func (c *cueScanner) firstWord(s string, list uint8) int {
	for i := 0; i+1 < len(s); i++ {
		if i > 0 && isWordByte(s[i-1]) || !c.mayOpen(s, i) {
			continue
		}
		for _, r := range c.byFirst[s[i]] {
			if c.lists[r.index]&list == 0 || !c.matches(s, i, r) {
				continue
			}
			if end := i + len(c.phrases[r.index]); end == len(s) || !isWordByte(s[end]) {
				return i
			}
		}
	}
	return -1
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

// stopLens[b] has bit n set when a stop word of n bytes starts with byte
// b: a word no stop word could be need not be looked up in the map.
var stopLens = func() (t [256]uint64) {
	for w := range stopWords {
		if len(w) >= 64 {
			panic("clean: stop word too long for stopLens: " + w)
		}
		t[w[0]] |= 1 << len(w)
	}
	return t
}()

// stopTable holds the stop words of at most 8 bytes, each packed into a
// uint64 (see packWord), in an open-addressing table: every word of every
// line is looked up, and a string map's hashing was most of that.
var stopTable = func() (t [stopTableSize]uint64) {
	for w := range stopWords {
		if len(w) > 8 {
			continue
		}
		k := packWord(w)
		i := stopSlot(k)
		for t[i] != 0 {
			i = (i + 1) % stopTableSize
		}
		t[i] = k
	}
	return t
}()

// stopTableSize keeps the table under a third full, so that a lookup
// probes one or two slots.
const stopTableSize = 1024

// packWord packs a word of 1 to 8 bytes into a uint64, first byte lowest.
// No word holds a zero byte, so distinct words pack to distinct non-zero
// keys.
func packWord(w string) uint64 {
	var k uint64
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(w[i])
	}
	return k
}

func stopSlot(k uint64) uint64 {
	return (k * 0x9e3779b97f4a7c15) >> 54 // the top 10 bits: 0..1023
}

// isStopWord reports whether w, in lower case, is a stop word.
func isStopWord(w string) bool {
	if len(w) >= 64 || stopLens[w[0]]&(1<<len(w)) == 0 {
		return false
	}
	if len(w) > 8 {
		return stopWords[w]
	}
	k := packWord(w)
	for i := stopSlot(k); ; i = (i + 1) % stopTableSize {
		switch stopTable[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

// cjkFunction are particles and function characters of Japanese and
// Chinese, which write without spaces and so have no stop words to count.
const cjkFunction = "のはがをにでとたもしてるれ、。的了是在和有也这就不"

func stopShare(low string, cjk bool) float64 {
	if cjk {
		n, f := 0, 0
		for _, r := range low {
			if runeClass(r)&cLetter != 0 {
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
	start := -1 // of the word being read
	for i := 0; i <= len(low); {
		// A word is a run of letters and apostrophes; the end of low
		// ends the last.
		inWord, size := false, 1
		if i < len(low) {
			if b := low[i]; b < utf8.RuneSelf {
				inWord = smallClass[b]&cLetter != 0 || b == '\''
			} else {
				var r rune
				r, size = utf8.DecodeRuneInString(low[i:])
				inWord = runeClass(r)&cLetter != 0
			}
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			n++
			if isStopWord(low[start:i]) {
				f++
			}
			start = -1
		}
		i += size
	}
	if n == 0 {
		return 0
	}
	return float64(f) / float64(n)
}

// lineFeatureCount is the length of a row of lineFeatures.
const lineFeatureCount = 45

// lineFeatures turns a document's lines into feature vectors: each line's
// shape, its neighbours' shapes, and where it sits in the document. The
// neighbours matter because boilerplate comes in runs (menus, link lists)
// and body text in a dense block.
func lineFeatures(lines []string, shapes []lineShape) [][]float64 {
	if shapes == nil {
		shapes = make([]lineShape, len(lines))
		for i, l := range lines {
			shapes[i] = shapeOf(l)
		}
	}
	return new(scratch).lineFeatures(lines, shapes)
}

// lineFeatures is the package's lineFeatures in s's arrays: the rows are
// s's until its next use.
func (s *scratch) lineFeatures(lines []string, shapes []lineShape) [][]float64 {
	n := len(lines)
	if s.seen == nil {
		s.seen = make(map[string]int, n)
	}
	seen := s.seen
	total := 0
	maxLetters := 1
	for i, l := range lines {
		seen[l]++
		total += shapes[i].letters
		maxLetters = max(maxLetters, shapes[i].letters)
	}
	// cum[i] is the share of the document's letters before line i.
	cum := grow(s.cum, n+1)
	s.cum = cum
	for i := range shapes {
		cum[i+1] = cum[i] + float64(shapes[i].letters)
	}
	if total > 0 {
		for i := range cum {
			cum[i] /= float64(total)
		}
	}
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	logLetters := grow(s.logLn, n)
	s.logLn = logLetters
	for i := range shapes {
		logLetters[i] = math.Log1p(float64(shapes[i].letters))
	}
	ll := func(i int) float64 { // log letters of line i, 0 outside
		if i < 0 || i >= n {
			return 0
		}
		return logLetters[i]
	}
	// The rows share one allocation; each row's capacity ends where the
	// next begins.
	out := s.x1.reset(n, lineFeatureCount)
	for i, sh := range shapes {
		f := out[i]
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
