package ner

import (
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/fhash"
)

// tok is what feature extraction knows of one token, computed once per
// document.
type tok struct {
	text    string
	key     uint64 // hash of the text as given: the word caches' key
	low     uint64 // hash of the lower-case form
	form    uint64 // hash of the form as written
	shape   uint64 // character classes, runs capped at 4: Xxxxx, dd-dd, X.X.
	short   uint64 // character classes, runs collapsed: Xx, d-d, X.X.
	gaz     uint64 // 4 bits per gazetteer: 0 or 1 + BILOU position
	cluster int32  // word cluster, or -1
	gaz1    uint32 // the gazetteer table's value for the word alone, gazFound if any
	flags   uint16
	capBin  uint8            // how often the clusters' text capitalises the word (capBin)
	sent    uint8            // the sentence's kind: share of numbers, length (prepareSentence)
	rows    *[5][width]int16 // the word's rows in the model's word cache, if there
}

const (
	fCap       = 1 << iota // first letter upper case
	fAllUpper              // has letters, none lower case
	fLower                 // has letters, none upper case
	fLetter                // has a letter
	fDigit                 // has a digit
	fInit                  // no letter or digit before it in the sentence
	fCapsSent              // in a sentence with no lower-case letter: a headline
	fDocLower              // the document has this word in lower case
	fDocCapMid             // the document has it capitalised mid-sentence in running text
)

// wordCase is the word's own case, whatever the sentence: lower or no
// letters, capitalised, all capitals.
func wordCase(t *tok) uint64 {
	switch {
	case t.flags&fAllUpper != 0 && len(t.text) > 1:
		return 2
	case t.flags&fCap != 0:
		return 1
	}
	return 0
}

// capClass folds case into three values for conjunctions.
func (t *tok) capClass() uint64 {
	switch {
	case t.flags&fAllUpper != 0 && t.flags&fCapsSent == 0:
		return 2
	case t.flags&fCap != 0:
		return 1
	}
	return 0
}

// Feature templates. A feature's hash is fhash.Mix(template, value...), so
// templates only need distinct numbers; new ones go at the end so that
// old numbers keep their meaning.
const (
	tBias uint64 = iota + 1
	tLow
	tForm
	tShape
	tShort
	tLowP1
	tLowN1
	tLowP2
	tLowN2
	tShortP1
	tShortN1
	tShortP2
	tShortN2
	tBiP
	tBiN
	tShapeBiP
	tShapeBiN
	tPre
	tSuf
	tInitShape
	tCapsShape
	tCapsLow
	tGaz
	tGazCap
	tGazP1
	tGazN1
	tDocCase
	tCluster
	tClusterP1
	tClusterN1
	tHist1
	tHist2
	tHist1Low
	tHist1Short
	tS1Tag
	tS1TagP1
	tS1TagN1
	tVote
	tVoteMaj
	tEntMatch
	tLowP1Cap
	tPreLen
	tSufLen
	tCapWin
	tS1TagP2
	tS1TagN2
	tS1BiP
	tS1BiN
	tS1TagCap
	tConjP
	tConjN
	tCapRatio
	tSentType
	tS1Conf
	tSufCase
	tClusterCase
	tAggP1
	tAggN1
	tAggP2
	tAggN2
)

// Feature groups, switched on and off when training (for ablations); the
// model records which were on. The values are stored in model files, so
// they never change: new groups take new bits.
const (
	cfgGaz       = 1 << 0  // gazetteer matches
	cfgDocCase   = 1 << 1  // how the document writes the same word elsewhere
	cfgClusters  = 1 << 2  // word-cluster path prefixes
	cfgStage2    = 1 << 3  // second pass with the first pass's document-level labels
	cfgForm      = 1 << 4  // the word as written, besides lower case
	cfgCapWin    = 1 << 5  // case of the token and its neighbours, together
	cfgS2Ctx     = 1 << 6  // second pass: first-pass labels ±2 and label pairs
	cfgS2Cap     = 1 << 7  // second pass: first-pass label × case
	cfgConj      = 1 << 8  // previous and next word × the token's shape
	cfgCapRatio  = 1 << 9  // how often the word is capitalised in unlabelled text × case here
	cfgSentType  = 1 << 10 // the sentence's kind (prepareSentence) × case
	cfgS2Conf    = 1 << 11 // second pass: first-pass label × its confidence
	cfgNoBigrams = 1 << 12 // turns off word bigrams
	cfgNoLowCap  = 1 << 13 // turns off previous word × the token's case
	cfgNoHistLow = 1 << 14 // turns off previous label × word
	cfgAffixCase = 1 << 15 // suffixes 2-4 and cluster × the word's own case
	cfgViterbi   = 1 << 16 // decode by Viterbi over label pairs (history: the previous label only)
	cfgCtxAgg    = 1 << 17 // the words around every occurrence of a recurring capitalised word (docContext)
)

const cfgDefault = cfgGaz | cfgDocCase | cfgClusters | cfgStage2 | cfgForm | cfgS2Ctx | cfgNoLowCap | cfgViterbi | cfgCtxAgg

var (
	hBOS = fhash.String("<s>")
	hEOS = fhash.String("</s>")
)

// charClass is a rune's class in a word shape.
func charClass(r rune) byte {
	switch {
	case 'a' <= r && r <= 'z':
		return 'x'
	case 'A' <= r && r <= 'Z':
		return 'X'
	case '0' <= r && r <= '9':
		return 'd'
	case r < utf8.RuneSelf:
		return byte(r)
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return '*'
}

// prepareWord fills in what depends on the token's text alone, but for
// the cluster and gazetteer lookups (Model.fillEntry).
func prepareWord(t *tok, s string) {
	t.key = fhash.String(s)
	t.text = s
	s = normalizeTypography(s)
	t.low = fhash.Lower(s)
	t.form = fhash.String(s)
	t.gaz = 0
	t.gaz1 = 0
	t.cluster = -1
	t.rows = nil
	t.capBin = 0
	var flags uint16
	shape, short := uint64(fhash.Offset), uint64(fhash.Offset)
	var last byte
	run := 0
	upper, lower := false, false
	first := true
	for _, r := range s {
		c := charClass(r)
		switch c {
		case 'X':
			upper = true
			if first {
				flags |= fCap
			}
		case 'x':
			lower = true
		case 'd':
			flags |= fDigit
		}
		if c == 'X' || c == 'x' {
			first = false
		}
		if c == last {
			run++
		} else {
			run = 1
			short = (short ^ uint64(c)) * fhash.Prime
		}
		if run <= 4 {
			shape = (shape ^ uint64(c)) * fhash.Prime
		}
		last = c
	}
	if upper || lower {
		flags |= fLetter
		if !lower {
			flags |= fAllUpper
		}
		if !upper {
			flags |= fLower
		}
	}
	t.shape, t.short = shape, short
	t.flags = flags
}

// typography maps the typographic characters of today's news to the
// ASCII that CoNLL-2003's text uses, so that "Ukraine’s" splits into a
// "’s" the model knows as "'s".
var typography = map[rune]string{
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
	'\u201C': `"`, '\u201D': `"`, '\u201E': `"`, '\u201F': `"`, '\u2033': `"`, '\u00AB': `"`, '\u00BB': `"`,
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2212': "-",
	'\u2014': "--", '\u2015': "--",
	'\u2026': "...",
	'\u00A0': " ",
}

// normalizeTypography rewrites s by typography; it allocates only for the
// rare token that has such a character.
func normalizeTypography(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	found := false
	for _, r := range s {
		if _, ok := typography[r]; ok {
			found = true
			break
		}
	}
	if !found {
		return s
	}
	var b []byte
	for _, r := range s {
		if v, ok := typography[r]; ok {
			b = append(b, v...)
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// prepareSentence sets the flags that depend on the sentence.
func prepareSentence(ts []tok) {
	caps := false
	for i := range ts {
		if ts[i].flags&fLetter == 0 {
			continue
		}
		if ts[i].flags&fAllUpper == 0 {
			caps = false
			break
		}
		if len(ts[i].text) >= 2 {
			caps = true
		}
	}
	// Tables of results and prices read differently from prose: a
	// sentence's share of numbers and its length, in bins.
	digits := 0
	for i := range ts {
		if ts[i].flags&fDigit != 0 && ts[i].flags&fLetter == 0 {
			digits++
		}
	}
	n := len(ts)
	var kind uint8
	switch {
	case digits*3 >= n:
		kind = 2 << 2
	case digits*10 >= n:
		kind = 1 << 2
	}
	switch {
	case n == 1:
	case n <= 3:
		kind |= 1
	case n <= 10:
		kind |= 2
	default:
		kind |= 3
	}
	init := true
	for i := range ts {
		ts[i].sent = kind
		if init {
			ts[i].flags |= fInit
		}
		if ts[i].flags&(fLetter|fDigit) != 0 {
			init = false
		}
		if caps {
			ts[i].flags |= fCapsSent
		}
	}
}

// docCase marks each capitalised token with how the document writes the
// same word elsewhere: a sentence-initial or headline "Bank" is likelier a
// name if the text never writes "bank".
func docCase(ts []tok, seen *smallMap) {
	seen.reset(len(ts))
	for i := range ts {
		t := &ts[i]
		switch {
		case t.flags&fLower != 0:
			*seen.ref(t.low) |= 1
		case t.flags&fCap != 0 && t.flags&(fInit|fCapsSent) == 0:
			*seen.ref(t.low) |= 2
		}
	}
	for i := range ts {
		t := &ts[i]
		if t.flags&fCap == 0 {
			continue
		}
		s, _ := seen.get(t.low)
		if s&1 != 0 {
			t.flags |= fDocLower
		}
		if s&2 != 0 {
			t.flags |= fDocCapMid
		}
	}
}

// extractor holds the model-level inputs to feature extraction.
type extractor struct {
	cfg      uint32
	clPrefix [][4]uint64 // per cluster: hashes of its path prefixes
}

// static appends the features of ts[i] that do not depend on predicted
// labels. ts is one sentence. buf is scratch for the lower-cased word.
// Tagging computes the same sum in parts (Model.addStatic): the word's
// own features and what each neighbour contributes are cached per word.
func (x *extractor) static(ts []tok, i int, dst []uint64, buf []byte) ([]uint64, []byte) {
	dst, buf = x.word(&ts[i], dst, buf)
	for k, d := range neighbourOffsets {
		dst = x.neighbour(neighbourAt(ts, i+d), k, dst)
	}
	return x.local(ts, i, dst), buf
}

// neighbourOffsets are the positions, relative to a token, of the
// neighbours whose words are features of it.
var neighbourOffsets = [4]int{-1, 1, -2, 2}

var (
	bosTok = tok{low: hBOS, short: hBOS, cluster: -1}
	eosTok = tok{low: hEOS, short: hEOS, cluster: -1}
)

// neighbourAt is ts[j], or a sentence boundary.
func neighbourAt(ts []tok, j int) *tok {
	switch {
	case j < 0:
		return &bosTok
	case j >= len(ts):
		return &eosTok
	}
	return &ts[j]
}

// neighbour appends the features that word w gives the token it is
// neighbourOffsets[k] places away from.
func (x *extractor) neighbour(w *tok, k int, dst []uint64) []uint64 {
	lowT := [4]uint64{tLowP1, tLowN1, tLowP2, tLowN2}
	shortT := [4]uint64{tShortP1, tShortN1, tShortP2, tShortN2}
	dst = append(dst, fhash.Mix(lowT[k], w.low), fhash.Mix(shortT[k], w.short))
	if k < 2 && x.cfg&cfgClusters != 0 && w.cluster >= 0 && int(w.cluster) < len(x.clPrefix) {
		clT := [2]uint64{tClusterP1, tClusterN1}[k]
		p := x.clPrefix[w.cluster]
		dst = append(dst, fhash.Mix(clT, p[0]), fhash.Mix(clT, p[1]))
	}
	return dst
}

// word appends the features that depend on the token's text alone, which
// tagging caches per word.
func (x *extractor) word(t *tok, dst []uint64, buf []byte) ([]uint64, []byte) {
	dst = append(dst,
		tBias,
		fhash.Mix(tLow, t.low),
		fhash.Mix(tShape, t.shape),
		fhash.Mix(tShort, t.short),
	)
	if x.cfg&cfgForm != 0 {
		dst = append(dst, fhash.Mix(tForm, t.form))
	}
	// Affixes of the lower-cased word, by runes.
	buf = fhash.AppendLower(buf[:0], normalizeTypography(t.text))
	n := utf8.RuneCount(buf)
	if n > 1 {
		h := uint64(fhash.Offset)
		k := 0
		for j := 0; j < len(buf) && k < 4; {
			_, sz := utf8.DecodeRune(buf[j:])
			for _, c := range buf[j : j+sz] {
				h = (h ^ uint64(c)) * fhash.Prime
			}
			j += sz
			k++
			if k < n {
				dst = append(dst, fhash.Mix(fhash.Mix(tPre, uint64(k)), h))
			}
		}
		k = 0
		for j := len(buf); j > 0 && k < 4; {
			_, sz := utf8.DecodeLastRune(buf[:j])
			j -= sz
			k++
			if k < n {
				h := fhash.Bytes(buf[j:])
				dst = append(dst, fhash.Mix(fhash.Mix(tSuf, uint64(k)), h))
				if x.cfg&cfgAffixCase != 0 && k >= 2 {
					dst = append(dst, fhash.Mix(fhash.Mix(tSufCase, uint64(k)<<2|wordCase(t)), h))
				}
			}
		}
	}
	if x.cfg&cfgClusters != 0 && t.cluster >= 0 && int(t.cluster) < len(x.clPrefix) {
		for k, p := range x.clPrefix[t.cluster] {
			dst = append(dst, fhash.Mix(fhash.Mix(tCluster, uint64(k)), p))
		}
		if x.cfg&cfgAffixCase != 0 {
			dst = append(dst, fhash.Mix(fhash.Mix(tClusterCase, wordCase(t)), x.clPrefix[t.cluster][1]))
		}
	}
	return dst, buf
}

// local appends the features of ts[i] that read it with its neighbours,
// its place in the sentence and the document.
func (x *extractor) local(ts []tok, i int, dst []uint64) []uint64 {
	t := &ts[i]
	low := func(j int) uint64 {
		switch {
		case j < 0:
			return hBOS
		case j >= len(ts):
			return hEOS
		}
		return ts[j].low
	}
	short := func(j int) uint64 {
		switch {
		case j < 0:
			return hBOS
		case j >= len(ts):
			return hEOS
		}
		return ts[j].short
	}
	cc := t.capClass()
	if x.cfg&cfgNoBigrams == 0 {
		dst = append(dst, fhash.Mix(fhash.Mix(tBiP, low(i-1)), t.low), fhash.Mix(fhash.Mix(tBiN, t.low), low(i+1)))
	}
	dst = append(dst,
		fhash.Mix(fhash.Mix(tShapeBiP, short(i-1)), t.short),
		fhash.Mix(fhash.Mix(tShapeBiN, t.short), short(i+1)),
	)
	if x.cfg&cfgNoLowCap == 0 {
		dst = append(dst, fhash.Mix(fhash.Mix(tLowP1Cap, low(i-1)), cc))
	}
	if t.flags&fInit != 0 {
		dst = append(dst, fhash.Mix(tInitShape, t.short))
	}
	if x.cfg&cfgCapRatio != 0 && t.flags&fLetter != 0 {
		ctx := uint64(0)
		switch {
		case t.flags&fCapsSent != 0:
			ctx = 2
		case t.flags&fInit != 0:
			ctx = 1
		}
		dst = append(dst, fhash.Mix(tCapRatio, uint64(t.capBin)<<4|cc<<2|ctx))
	}
	if x.cfg&cfgSentType != 0 {
		dst = append(dst, fhash.Mix(tSentType, uint64(t.sent)<<2|cc), fhash.Mix(fhash.Mix(tSentType, uint64(t.sent)), t.short))
	}
	if x.cfg&cfgConj != 0 {
		dst = append(dst, fhash.Mix(fhash.Mix(tConjP, low(i-1)), t.short), fhash.Mix(fhash.Mix(tConjN, t.short), low(i+1)))
	}
	if x.cfg&cfgCapWin != 0 {
		ccAt := func(j int) uint64 {
			if j < 0 || j >= len(ts) {
				return 3
			}
			return ts[j].capClass()
		}
		dst = append(dst, fhash.Mix(tCapWin, ccAt(i-1)<<4|cc<<2|ccAt(i+1)))
	}
	if t.flags&fCapsSent != 0 {
		dst = append(dst, fhash.Mix(tCapsShape, t.short), fhash.Mix(tCapsLow, t.low))
	}
	if x.cfg&cfgGaz != 0 {
		for g := t.gaz; g != 0; {
			gz := uint64(trailingZeros64(g) / 4)
			pos := (t.gaz >> (4 * gz)) & 15
			g &^= 15 << (4 * gz)
			dst = append(dst, fhash.Mix(tGaz, gz<<4|pos), fhash.Mix(tGazCap, gz<<6|pos<<2|cc))
		}
		if i > 0 {
			for g := ts[i-1].gaz; g != 0; {
				gz := uint64(trailingZeros64(g) / 4)
				pos := (ts[i-1].gaz >> (4 * gz)) & 15
				g &^= 15 << (4 * gz)
				dst = append(dst, fhash.Mix(tGazP1, gz<<4|pos))
			}
		}
		if i+1 < len(ts) {
			for g := ts[i+1].gaz; g != 0; {
				gz := uint64(trailingZeros64(g) / 4)
				pos := (ts[i+1].gaz >> (4 * gz)) & 15
				g &^= 15 << (4 * gz)
				dst = append(dst, fhash.Mix(tGazN1, gz<<4|pos))
			}
		}
	}
	if x.cfg&cfgDocCase != 0 && t.flags&fCap != 0 {
		ctx := uint64(0)
		switch {
		case t.flags&fCapsSent != 0:
			ctx = 2
		case t.flags&fInit != 0:
			ctx = 1
		}
		dst = append(dst, fhash.Mix(tDocCase, ctx<<2|uint64(t.flags&(fDocLower|fDocCapMid))>>7))
	}
	return dst
}

// history appends the features of ts[i] that read the labels already
// given to the two tokens before it. Both passes use the same weights for
// them (the second pass adds to the first: Model).
func (x *extractor) history(ts []tok, i int, p1, p2 uint8, dst []uint64) []uint64 {
	if x.cfg&cfgViterbi != 0 {
		return append(dst, fhash.Mix(tHist1, uint64(p1)))
	}
	dst = historyTags(p1, p2, dst)
	return x.historyWord(ts, i, p1, dst)
}

// historyTags are the history features that read labels alone: tagging
// looks their sums up in a small table (Model.hist) instead.
func historyTags(p1, p2 uint8, dst []uint64) []uint64 {
	return append(dst,
		fhash.Mix(tHist1, uint64(p1)),
		fhash.Mix(tHist2, uint64(p2)<<8|uint64(p1)),
	)
}

func (x *extractor) historyWord(ts []tok, i int, p1 uint8, dst []uint64) []uint64 {
	t := &ts[i]
	if x.cfg&cfgNoHistLow == 0 {
		dst = append(dst, fhash.Mix(fhash.Mix(tHist1Low, uint64(p1)), t.low))
	}
	return append(dst, fhash.Mix(fhash.Mix(tHist1Short, uint64(p1)), t.short))
}
