package text

import (
	"unicode"
	"unicode/utf8"
)

// Token is a span of the input string: s[Start:End] == Text. Byte offsets.
type Token struct {
	Start, End int
	Text       string // a substring of the input (no copy)
}

// ASCII byte classes. The table has 256 entries so that indexing it with a
// byte needs no bounds check; bytes from 0x80 up are class 0 and go the slow
// way through the UTF-8 decoder.
const (
	cSpace uint8 = 1 << iota
	cUpper
	cLower
	cDigit

	cLetter = cUpper | cLower
	cAlnum  = cLetter | cDigit
)

var ascii = func() (t [256]uint8) {
	for c := 0; c <= 0x20; c++ {
		t[c] = cSpace // controls are treated as spaces: they carry no text
	}
	t[0x7f] = cSpace
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cUpper
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLower
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	return t
}()

// Tokenize splits s into tokens in order; spaces are never tokens.
func Tokenize(s string) []Token {
	// Newswire averages a little over five bytes per token, spaces included.
	return AppendTokens(make([]Token, 0, len(s)/5+1), s)
}

// AppendTokens is Tokenize appending to dst, so callers can reuse a buffer (zero allocations in steady state).
func AppendTokens(dst []Token, s string) []Token {
	i := 0
	for i < len(s) {
		c := s[i]
		var end int
		if c < utf8.RuneSelf {
			switch k := ascii[c]; {
			case k&cSpace != 0:
				i++
				continue
			case k&cAlnum != 0:
				end = scanWord(s, i)
			default:
				end = scanPunct(s, i)
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError || isWordRune(r):
				end = scanWord(s, i)
			case isSpaceRune(r):
				i += size
				continue
			default:
				end = scanSymbol(s, i, r, size)
			}
		}
		dst = append(dst, Token{Start: i, End: end, Text: s[i:end]})
		i = end
	}
	return dst
}

// isWordRune reports whether r is part of a word. Marks are, so that a
// combining accent never starts a token of its own; so are the joiners and
// the soft hyphen, which sit inside words.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&cAlnum != 0
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) ||
		r == 0xAD || r == 0x200C || r == 0x200D || r == utf8.RuneError
}

// isSpaceRune reports whether r separates tokens: see the package doc for
// why the invisible format characters count as space.
func isSpaceRune(r rune) bool {
	if r < 0xA0 {
		return r <= 0x20 || r >= 0x7F
	}
	switch {
	case r == 0x200B, r == 0x200E, r == 0x200F, r == 0x2060, r == 0xFEFF,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return unicode.IsSpace(r)
}

// wordAt reports whether a word character begins at s[i].
func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return ascii[c]&cAlnum != 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// letterAt reports whether a letter begins at s[i].
func letterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return ascii[c]&cLetter != 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// wordBefore reports whether the rune that ends at s[i] is a word character.
func wordBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return ascii[c]&cAlnum != 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

func isDigit(c byte) bool { return ascii[c]&cDigit != 0 }

func allUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if ascii[w[i]]&cUpper == 0 {
			return false
		}
	}
	return true
}

// scanWord returns the end of the word that begins at s[start], which is a
// word character.
func scanWord(s string, start int) int {
	if n := urlPrefix(s, start); n > 0 {
		return scanURL(s, start, n)
	}
	i := start
	for {
	scan:
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if ascii[c]&cAlnum != 0 {
					if c|0x20 == 'n' && i > start && isNT(s, i) {
						return i
					}
					i++
					continue
				}
				switch c {
				case '.':
					if joinDot(s, start, i) {
						i++
						continue
					}
				case ',', ':', '/':
					// 1,200 and 10:30 and 1996/97, as in CoNLL.
					if i > start && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1]) {
						i += 2
						continue
					}
				case '-', '_':
					if wordAt(s, i+1) {
						i++
						continue
					}
				case '&':
					// S&P, AT&T
					if i > start && ascii[s[i-1]]&cUpper != 0 && i+1 < len(s) && ascii[s[i+1]]&cUpper != 0 {
						i += 2
						continue
					}
				case '\'':
					if clitic(s, i+1) > 0 {
						return i
					}
					if letterAt(s, i+1) {
						i++
						continue
					}
				case '@':
					if e := scanEmailDomain(s, i+1); e > 0 {
						return e
					}
				case '$':
					// A$, C$, HK$, US$: CoNLL keeps the country on the sign.
					if i-start <= 2 && allUpper(s[start:i]) {
						return i + 1
					}
				}
				break scan
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError || isWordRune(r):
				i += size
				continue
			case r == '’':
				if clitic(s, i+size) > 0 {
					return i
				}
				if letterAt(s, i+size) {
					i += size
					continue
				}
			case r == '\u2010' || r == '\u2011': // hyphen, non-breaking hyphen
				if wordAt(s, i+size) {
					i += size
					continue
				}
			}
			break
		}
		if i >= len(s) || s[i] != '.' || (i+1 < len(s) && s[i+1] == '.') || !keepPeriod(s, start, i) {
			return i
		}
		i++
		// "U.S.-led" is one token in CoNLL.
		if i+1 < len(s) && s[i] == '-' && wordAt(s, i+1) {
			i++
			continue
		}
		return i
	}
}

// joinDot reports whether the period at s[i], inside a word that began at
// start, joins what follows it ("3.5", "U.S", "cnn.com"). It does not when a
// lower-case word runs into a capital ("said.He"): that is a missing space
// after a sentence, which is commoner in scraped news than such a name.
func joinDot(s string, start, i int) bool {
	if !wordAt(s, i+1) {
		return false
	}
	if ascii[s[i+1]]&cUpper != 0 && i-start >= 2 &&
		ascii[s[i-1]]&(cLower|cDigit) != 0 && ascii[s[i-2]]&(cLower|cDigit) != 0 {
		return false
	}
	return true
}

// keepPeriod reports whether the word s[start:i] keeps the period at s[i].
func keepPeriod(s string, start, i int) bool {
	w := s[start:i]
	if r, size := utf8.DecodeRuneInString(w); size == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	if isAcronym(w) {
		return true
	}
	switch abbrevOf(w) {
	case abbrTitle, abbrPlain:
		return true
	case abbrNumber:
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		return j > i+1 && j < len(s) && isDigit(s[j])
	}
	// "1. Schumacher" at the start of a line is a list number, one token in
	// CoNLL's results tables.
	if len(w) > 3 || i+1 >= len(s) || (s[i+1] != ' ' && s[i+1] != '\t') {
		return false
	}
	for j := 0; j < len(w); j++ {
		if !isDigit(w[j]) {
			return false
		}
	}
	for j := start - 1; j >= 0; j-- {
		switch s[j] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// isNT reports whether "n't" (or "n’t") begins at s[i] and ends the word.
func isNT(s string, i int) bool {
	j := i + 1
	if j < len(s) && s[j] == '\'' {
		j++
	} else if j+2 < len(s) && s[j] == 0xE2 && s[j+1] == 0x80 && s[j+2] == 0x99 { // ’
		j += 3
	} else {
		return false
	}
	return j < len(s) && s[j]|0x20 == 't' && !wordAt(s, j+1)
}

// clitic returns the length of the clitic ('s 'm 'd 're 've 'll, in any
// case) that begins at s[j], just after an apostrophe, and ends a word;
// else 0.
func clitic(s string, j int) int {
	k := j
	for k < len(s) && k-j < 3 && ascii[s[k]]&cLetter != 0 {
		k++
	}
	if wordAt(s, k) {
		return 0
	}
	switch k - j {
	case 1:
		switch s[j] | 0x20 {
		case 's', 'm', 'd':
			return 1
		}
	case 2:
		a, b := s[j]|0x20, s[j+1]|0x20
		if (a == 'r' || a == 'v') && b == 'e' || a == 'l' && b == 'l' {
			return 2
		}
	}
	return 0
}

// urlPrefix returns the length of the scheme or "www." that begins a URL at
// s[i], or 0.
func urlPrefix(s string, i int) int {
	switch s[i] | 0x20 {
	case 'h':
		if hasPrefixFold(s[i:], "https://") {
			return 8
		}
		if hasPrefixFold(s[i:], "http://") {
			return 7
		}
	case 'f':
		if hasPrefixFold(s[i:], "ftp://") {
			return 6
		}
	case 'w':
		if hasPrefixFold(s[i:], "www.") && wordAt(s, i+4) {
			return 4
		}
	}
	return 0
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; p is lower case.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if s[i]|0x20 != p[i] && s[i] != p[i] {
			return false
		}
	}
	return true
}

// scanURL returns the end of the URL that begins at s[start] with a prefix
// of n bytes. It runs to a space, a quotation mark or angle bracket, or
// non-ASCII punctuation, then gives back the sentence punctuation that
// follows URLs in prose, and a closing bracket the URL did not open
// ("(see https://example.com/a)").
func scanURL(s string, start, n int) int {
	i := start + n
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if ascii[c]&cSpace != 0 || c == '"' || c == '<' || c == '>' {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && !isWordRune(r) {
			break
		}
		i += size
	}
	// Counted once, not per trimmed byte, so that "http://a)))…" stays linear.
	parens := count(s[start:i], '(') - count(s[start:i], ')')
	brackets := count(s[start:i], '[') - count(s[start:i], ']')
	for i > start+n {
		switch s[i-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			i--
			continue
		case ')':
			if parens < 0 {
				parens++
				i--
				continue
			}
		case ']':
			if brackets < 0 {
				brackets++
				i--
				continue
			}
		}
		break
	}
	return i
}

func count(s string, c byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
		}
	}
	return n
}

// scanEmailDomain returns the end of the e-mail domain that begins at s[j],
// just after an "@", or 0 if there is none: a domain has a dot.
func scanEmailDomain(s string, j int) int {
	i, dot := j, false
	for i < len(s) {
		c := s[i]
		if ascii[c]&cAlnum != 0 {
			i++
			continue
		}
		if (c == '.' || c == '-') && i > j && i+1 < len(s) && ascii[s[i+1]]&cAlnum != 0 {
			dot = dot || c == '.'
			i++
			continue
		}
		break
	}
	if !dot {
		return 0
	}
	return i
}

// scanName returns the end of an @handle or #hashtag whose name begins at
// s[j].
func scanName(s string, j int) int {
	for j < len(s) {
		if s[j] == '_' {
			j++
			continue
		}
		if c := s[j]; c < utf8.RuneSelf {
			if ascii[c]&cAlnum == 0 {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(r) {
			break
		}
		j += size
	}
	return j
}

// scanPunct returns the end of the token that begins with the ASCII
// punctuation or symbol at s[i].
func scanPunct(s string, i int) int {
	switch s[i] {
	case '.':
		j := i + 1
		for j < len(s) && s[j] == '.' {
			j++
		}
		if j == i+1 && j < len(s) && isDigit(s[j]) {
			return scanWord(s, j) // ".45"
		}
		return j
	case '-', '*':
		j := i + 1
		for j < len(s) && s[j] == s[i] {
			j++
		}
		return j
	case '+':
		// "+0.05", "+44": CoNLL keeps the sign on a number (but not a
		// minus, which Reuters spaces off).
		if i+1 < len(s) && isDigit(s[i+1]) && !wordBefore(s, i) {
			return scanWord(s, i+1)
		}
	case '\'':
		if wordBefore(s, i) {
			if n := clitic(s, i+1); n > 0 {
				return i + 1 + n
			}
		}
	case '@':
		if wordAt(s, i+1) || i+1 < len(s) && s[i+1] == '_' {
			return scanName(s, i+1)
		}
	case '#':
		// "#1" is "#" "1", as in the Treebank; a hashtag has a letter first.
		if letterAt(s, i+1) {
			return scanName(s, i+1)
		}
	}
	return i + 1
}

// scanSymbol returns the end of the token that begins with the non-ASCII,
// non-letter rune r at s[i]. A symbol keeps what modifies it: combining
// marks, variation selectors, skin tones, a zero width joiner and the symbol
// it joins, the second half of a flag.
func scanSymbol(s string, i int, r rune, size int) int {
	if r == '’' && wordBefore(s, i) {
		if n := clitic(s, i+size); n > 0 {
			return i + size + n
		}
	}
	end := i + size
	flag := isRegional(r)
	for end < len(s) && s[end] >= utf8.RuneSelf {
		r2, n := utf8.DecodeRuneInString(s[end:])
		switch {
		case r2 == 0x200D:
			if end+n >= len(s) || s[end+n] < utf8.RuneSelf {
				return end
			}
			r3, n3 := utf8.DecodeRuneInString(s[end+n:])
			if r3 == utf8.RuneError || isWordRune(r3) || isSpaceRune(r3) {
				return end
			}
			end += n + n3
		case r2 == utf8.RuneError:
			return end
		case unicode.IsMark(r2), r2 >= 0x1F3FB && r2 <= 0x1F3FF:
			end += n
		case flag && isRegional(r2):
			end += n
			flag = false
		default:
			return end
		}
	}
	return end
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
