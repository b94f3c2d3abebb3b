package text

import (
	"unicode"
	"unicode/utf8"
)

// Sentence is a half-open range of token indexes [Start, End) into the tokens it was computed from.
type Sentence struct{ Start, End int }

// Sentences splits tokenised s into sentences.
func Sentences(s string, toks []Token) []Sentence {
	// Newswire sentences average some 25 tokens.
	return AppendSentences(make([]Sentence, 0, len(toks)/20+1), s, toks)
}

// AppendSentences is Sentences appending to dst.
//
// toks should come from Tokenize(s). Other tokens do no harm beyond odd
// sentences: offsets outside s are not read, so nothing panics.
func AppendSentences(dst []Sentence, s string, toks []Token) []Sentence {
	start := 0
	for i := 0; i < len(toks); i++ {
		if i > start && blankLine(s, toks[i-1].End, toks[i].Start) {
			dst = append(dst, Sentence{start, i})
			start = i
		}
		kind := endKind(toks[i].Text)
		if kind == endNone {
			continue
		}
		// Further end marks and closing quotes or brackets written right
		// after the first one belong to the same sentence: ?!  ."  .)”
		j, closed := i+1, false
		for j < len(toks) && toks[j].Start == toks[j-1].End {
			t := toks[j].Text
			if k := endKind(t); k >= endEllipsis {
				kind = max(kind, k)
			} else if isCloser(t) {
				closed = true
			} else {
				break
			}
			j++
		}
		if j < len(toks) && endsBefore(kind, closed, toks, j) {
			dst = append(dst, Sentence{start, j})
			start = j
		}
		i = j - 1
	}
	if start < len(toks) {
		dst = append(dst, Sentence{start, len(toks)})
	}
	return dst
}

// How strongly a token ends a sentence, weakest first.
const (
	endNone = iota
	// endAbbrev is a word that keeps its period: an abbreviation, acronym
	// or initial. It ends a sentence only before a starter word.
	endAbbrev
	// endEllipsis and endStop end a sentence unless a lower-case word
	// follows.
	endEllipsis
	endStop
	// endCJK ends a sentence whatever follows: CJK scripts have no case.
	endCJK
)

// endKind says how the token t can end a sentence.
func endKind(t string) int {
	n := len(t)
	if n == 0 {
		return endNone
	}
	switch t[n-1] {
	case '.':
		if n == 1 {
			return endStop
		}
		if t[0] == '.' {
			return endEllipsis // "...", or ".45" which is followed by no period
		}
		w := t[:n-1]
		if isDigit(w[0]) {
			return endNone // a list number, "1."
		}
		switch abbrevOf(w) {
		case abbrTitle, abbrNumber:
			return endNone
		}
		return endAbbrev
	case '!', '?':
		return endStop
	}
	if t[n-1] < utf8.RuneSelf {
		return endNone
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '…':
		return endEllipsis
	case '‼', '⁇', '⁈', '⁉', '؟', '।', '॥', '។':
		return endStop
	case '。', '！', '？', '｡', '．':
		return endCJK
	}
	return endNone
}

// endsBefore reports whether a sentence whose end marks are of kind, with a
// closing quote or bracket among them if closed, ends before toks[j].
func endsBefore(kind int, closed bool, toks []Token, j int) bool {
	if kind == endCJK {
		return true
	}
	if t := toks[j].Text; t == "," || t == ";" || t == ":" || t != `"` && t != "'" && isCloser(t) {
		return false
	}
	k := j
	for k < len(toks) && isOpener(toks[k].Text) {
		k++
	}
	if k == len(toks) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(toks[k].Text)
	if unicode.IsLower(r) {
		return false
	}
	if kind >= endEllipsis {
		return true
	}
	// After an abbreviation: see the package doc.
	if closed || k > j {
		return unicode.IsUpper(r)
	}
	return isStarter(toks[k].Text)
}

// isCloser reports whether t closes a quotation or bracket. A straight quote
// may open or close; written right after an end mark, it closes.
func isCloser(t string) bool {
	switch t {
	case `"`, "'", "”", "’", "»", "›", ")", "]", "}", "」", "』", "）", "】", "〉", "》":
		return true
	}
	return false
}

// isOpener reports whether t opens a quotation or bracket.
func isOpener(t string) bool {
	switch t {
	case `"`, "'", "“", "‘", "«", "‹", "„", "(", "[", "{", "「", "『", "（", "【", "〈", "《", "¿", "¡":
		return true
	}
	return false
}

// blankLine reports whether s[a:b], the space between two tokens, holds a
// blank line or a paragraph separator.
func blankLine(s string, a, b int) bool {
	if b-a < 2 || a < 0 || b > len(s) {
		return false
	}
	nl := false
	for i := a; i < b; i++ {
		switch s[i] {
		case '\n':
			if nl {
				return true
			}
			nl = true
		case ' ', '\t', '\r', '\v', '\f':
		case 0xE2:
			if i+2 < b && s[i+1] == 0x80 && s[i+2] == 0xA9 { // U+2029
				return true
			}
			nl = false
		default:
			nl = false
		}
	}
	return false
}
