package clean

// This file keeps a copy of the line features as they were when the
// embedded model was trained, slow as they were, and checks that the
// optimised shapeOf and lineFeatures compute exactly the same numbers on
// every line we have: the model's weights are only valid for those.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

type refShape struct {
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

func refShapeOf(s string) refShape {
	var sh refShape
	var cased, upper, nonSpace, digits, punct, cjk int
	inWord := false
	wordStart := true
	var capWords, alnumWords int
	var wordLetters int
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			sh.letters++
			if refIsCJK(r) {
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
	sh.promo = refCountPromo(low)
	sh.stop = refStopShare(low, cjk > sh.letters/2)
	return sh
}

func refIsCJK(r rune) bool {
	// Thai starts at U+0E00; everything below is a script with spaces.
	return r >= 0x0e00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
}

// refPromoCues are calls to act that mark promotions and site chrome in any
// publisher's pages. They are features the model weighs, not rules.
var refPromoCues = []string{
	"subscribe", "newsletter", "sign up", "sign in", "log in", "login", "register",
	"click here", "download", "get the app", " app", "follow us", "share this",
	"share on", "facebook", "twitter", "instagram", "linkedin", "whatsapp",
	"advertisement", "sponsored", "cookie", "privacy policy", "terms of",
	"read more", "see more", "related", "recommended", "trending", "most popular",
	"comments", "email", "print", "copy link", "top headlines", "watch:", "listen",
}

func refCountPromo(low string) int {
	n := 0
	for _, c := range refPromoCues {
		if strings.Contains(low, c) {
			n++
		}
	}
	return n
}

// refStopWords hold the commonest function words of the languages most
// pages are in. Running text is dense in them; menus, bylines and
// headlines are not, whatever the site (the jusText observation).
var refStopWords = func() map[string]bool {
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

// refCjkFunction are particles and function characters of Japanese and
// Chinese, which write without spaces and so have no stop words to count.
const refCjkFunction = "のはがをにでとたもしてるれ、。的了是在和有也这就不"

func refStopShare(low string, cjk bool) float64 {
	if cjk {
		n, f := 0, 0
		for _, r := range low {
			if unicode.IsLetter(r) {
				n++
				if strings.ContainsRune(refCjkFunction, r) {
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
			if refStopWords[low[start:i]] {
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

// refLineFeatures turns a document's lines into feature vectors: each line's
// shape, its neighbours' shapes, and where it sits in the document. The
// neighbours matter because boilerplate comes in runs (menus, link lists)
// and body text in a dense block.
func refLineFeatures(lines []string, shapes []refShape) [][]float64 {
	n := len(lines)
	if shapes == nil {
		shapes = make([]refShape, n)
		for i, l := range lines {
			shapes[i] = refShapeOf(l)
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

// refDocs gathers pages as the line model sees them, each a slice of
// lines: the seed, the Wikinews corpus, the benchmark's naive text dumps
// and its extracted main text, the fuzz corpus, and random lines mixing
// scripts, odd spaces, case-folding traps and invalid UTF-8. This package
// cannot import internal/eval (it imports us), so the files are read here.
func refDocs(t *testing.T) [][]string {
	t.Helper()
	var docs [][]string
	if b, err := os.ReadFile("../../../shared/seed/000_d6a30c3b1669f77a.txt"); err == nil {
		docs = append(docs, SplitParagraphs(string(b)))
	}
	if f, err := os.Open("../../corpus/wikinews/wikinews_2019_2020.jsonl.gz"); err == nil {
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var rec struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, SplitParagraphs(rec.Text))
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	pages, _ := filepath.Glob("../../../shared/data/article-extraction-benchmark/html/*.html.gz")
	for _, name := range pages {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := buf.ReadFrom(zr); err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, VisibleLines(doc))
		res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{ExcludeComments: true, HtmlDateMode: trafilatura.Fast})
		if err == nil && res != nil && res.ContentNode != nil {
			docs = append(docs, extractedLines(res.ContentNode))
		}
	}
	fuzz, _ := filepath.Glob("testdata/fuzz/FuzzCleanLines/*")
	for _, name := range fuzz {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitN(strings.TrimSpace(string(raw)), "\n", 2)
		if len(lines) == 2 {
			if s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")")); err == nil {
				// Raw, before SplitParagraphs: invalid UTF-8 and all.
				docs = append(docs, strings.Split(s, "\n"), SplitParagraphs(s))
			}
		}
	}
	return append(docs, randomDocs()...)
}

// randomDocs are pages of random lines built from pieces that stress the
// fast paths: every ASCII byte, Latin, Cyrillic, CJK, Thai and Hangul
// letters, the runes whose case folds into ASCII (ſ, K), İ whose lower
// case is longer, Unicode spaces, separators, invalid UTF-8, and the cue
// and stop words the features count.
func randomDocs() [][]string {
	pieces := []string{
		" ", " ", " ", "  ", "\t", "\u00a0", "\u2009", "\u3000", "\v", "\f", "\x85",
		"é", "É", "ß", "İ", "ı", "ſ", "\u212a", "\u212b", "ǅ", "Ж", "ж", "Ω", "中", "の", "は", "한", "ไ", "ก", "ア", "、", "，", "。", "！",
		"…", "...", "..", "|", "•", "·", "»", "›", "«", "‹", "◆", "■", "►", "▶", "©", "—", "–", "-", "*", ">",
		"\"", "'", "”", "’", "」", "』", ")", ".", "!", "?", ":", ";", ",", "_", "$", "+", "^", "`", "~", "¼", "²", "٣",
		"\xff", "\xe2\x80", "\xc3", "\x00", "\x7f", "\u00ad", "\u200b", "\ufeff",
		"Subscribe", "SIGN UP", "sign in", "log in", "Login", "LinkedIn", " App", " app", "WhatsApp", "watch:", "Terms of",
		"copyright", "All Rights Reserved", "newsletter", "read more", "Comments", "email", "print", "cookie", "Follow us",
		"the", "The", "and", "der", "und", "le", "el", "и", "не", "of", "it's", "don't", "o'clock",
		"NATO", "Kyiv", "Thursday", "2023", "1.", "2)", "12", "3.5",
	}
	r := rand.New(rand.NewPCG(1, 2))
	var docs [][]string
	for d := 0; d < 300; d++ {
		lines := make([]string, 1+r.IntN(60))
		for i := range lines {
			var b strings.Builder
			for k := r.IntN(40); k > 0; k-- {
				if r.IntN(3) == 0 {
					b.WriteByte(byte(r.IntN(128)))
				} else {
					b.WriteString(pieces[r.IntN(len(pieces))])
				}
			}
			lines[i] = b.String()
		}
		if d%5 == 0 && len(lines) > 2 {
			lines[1] = lines[0] // a repeated line
		}
		docs = append(docs, lines)
	}
	return docs
}

func refShapeOfShape(sh lineShape) refShape {
	return refShape{
		letters: sh.letters, words: sh.words, upper: sh.upper, titleWords: sh.titleWords,
		digits: sh.digits, punct: sh.punct, stop: sh.stop, endPunct: sh.endPunct,
		ellipsis: sh.ellipsis, separators: sh.separators, promo: sh.promo,
		copyright: sh.copyright, startsList: sh.startsList, avgWord: sh.avgWord,
		commas: sh.commas, low: sh.low,
	}
}

// TestLineFeaturesMatchReference checks shapeOf and lineFeatures against
// the reference copy above, exactly, on every line of refDocs.
func TestLineFeaturesMatchReference(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: reads the corpora")
	}
	docs := refDocs(t)
	nLines := 0
	for d, lines := range docs {
		nLines += len(lines)
		shapes := make([]lineShape, len(lines))
		refShapes := make([]refShape, len(lines))
		for i, l := range lines {
			shapes[i] = shapeOf(l)
			refShapes[i] = refShapeOf(l)
			if got := refShapeOfShape(shapes[i]); got != refShapes[i] {
				t.Fatalf("doc %d line %d %q:\nshape %+v\nwant  %+v", d, i, l, got, refShapes[i])
			}
		}
		want := refLineFeatures(lines, refShapes)
		for _, got := range [][][]float64{lineFeatures(lines, shapes), lineFeatures(lines, nil)} {
			if len(got) != len(want) {
				t.Fatalf("doc %d: %d feature rows, want %d", d, len(got), len(want))
			}
			for i := range want {
				if len(got[i]) != len(want[i]) {
					t.Fatalf("doc %d line %d: %d features, want %d", d, i, len(got[i]), len(want[i]))
				}
				for j := range want[i] {
					if math.Float64bits(got[i][j]) != math.Float64bits(want[i][j]) {
						t.Fatalf("doc %d line %d %q: feature %d = %v, want %v", d, i, lines[i], j, got[i][j], want[i][j])
					}
				}
			}
		}
	}
	// Without the corpora only the random pages are left: still a check,
	// but a weak one; the count says which it was.
	t.Logf("%d documents, %d lines", len(docs), nLines)
}

// TestIsStopWord checks the packed table against the stop-word map: every
// stop word is found, and near misses (a byte changed, added or dropped)
// and the words of the seed page are answered as the map answers them.
func TestIsStopWord(t *testing.T) {
	words := []string{"x", "xx", "the ", "thee", "theʼ", "ab\u00e9", "нибудьх", "теперь"}
	for w := range stopWords {
		words = append(words, w, w+"s", w[1:]+"a", "a"+w, strings.ToUpper(w))
		if len(w) > 1 {
			words = append(words, w[:len(w)-1])
		}
	}
	if b, err := os.ReadFile("../../../shared/seed/000_d6a30c3b1669f77a.txt"); err == nil {
		words = append(words, strings.Fields(strings.ToLower(string(b)))...)
	}
	for _, w := range words {
		if w == "" {
			continue
		}
		if got, want := isStopWord(w), stopWords[w]; got != want {
			t.Errorf("isStopWord(%q) = %v, want %v", w, got, want)
		}
	}
}
