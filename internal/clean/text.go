package clean

import (
	"strings"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/swar"
)

// SplitParagraphs turns a plain-text page into candidate paragraphs. Two
// layouts are common: one paragraph per line (scraper dumps such as the
// seed), and paragraphs separated by blank lines with hard-wrapped lines
// inside (mail archives, wire feeds, many text corpora). The second is
// recognised by wrapped lines: several consecutive lines of similar,
// bounded length inside blank-line separated blocks.
func SplitParagraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	raw := strings.Split(text, "\n")
	if wrapped(raw) {
		var out []string
		var cur []string
		flush := func() {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = cur[:0]
			}
		}
		for _, l := range raw {
			l = collapseSpace(l)
			if l == "" {
				flush()
				continue
			}
			cur = append(cur, l)
		}
		flush()
		return out
	}
	out := make([]string, 0, len(raw))
	for _, l := range raw {
		if l = collapseSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// wrapped reports whether the text is hard-wrapped: most lines that sit
// inside a multi-line block are long enough to have been wrapped and no
// line is much longer than the wrap width.
func wrapped(lines []string) bool {
	blank := 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blank++
		}
	}
	if blank == 0 {
		return false // one paragraph a line, the common case
	}
	maxLen := 0
	for _, l := range lines {
		maxLen = max(maxLen, utf8.RuneCountInString(strings.TrimSpace(l)))
	}
	if maxLen > 160 || maxLen < 40 {
		return false
	}
	inBlock, nearWidth, open := 0, 0, 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		n := utf8.RuneCountInString(l)
		if n == 0 || i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) == "" {
			continue // last line of a block is short by nature
		}
		inBlock++
		if n >= maxLen*6/10 {
			nearWidth++
		}
		// A wrapped line breaks mid-sentence; a paragraph on its own
		// line ends with its sentence.
		if last, _ := utf8.DecodeLastRuneInString(l); !strings.ContainsRune(".!?\"”’:;)", last) {
			open++
		}
	}
	return inBlock >= 3 && nearWidth*10 >= inBlock*7 && open*2 >= inBlock
}

// collapseSpace folds each run of blanks (see isBlank) into one space and
// drops them at the ends; invalid UTF-8 comes out as U+FFFD.
func collapseSpace(s string) string {
	if collapsed(s) {
		return s // most lines: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
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
	return b.String()
}

// isBlank reports whether collapseSpace folds r: the spaces, invisible
// spaces and page breaks that scrapers leave inside a line.
func isBlank(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u2009', '\u202f', '\u200b', '\ufeff', '\f', '\v':
		return true
	}
	return false
}

// collapsed reports whether collapseSpace would return s unchanged: valid
// UTF-8 with no blank at the ends and none but single spaces inside.
func collapsed(s string) bool {
	space := true // a space at the start is dropped
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight ASCII bytes with no control byte, no two spaces in a
			// row and no space after one: most of a line.
			w := swar.Load(s, i)
			sp := swar.Equal(w, ' ')
			if swar.HasHigh(w) == 0 && swar.Below(w, ' ') == 0 && sp&(sp<<8) == 0 && (!space || sp&0x80 == 0) {
				space = sp>>63 != 0
				i += 8
				continue
			}
		}
		if c := s[i]; ' ' < c && c < utf8.RuneSelf {
			space = false // most bytes: printable ASCII
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
		case isBlank(r), r == utf8.RuneError && w == 1: // folded; rewritten as U+FFFD
			return false
		default:
			space = false
		}
		i += w
	}
	return !space || s == ""
}
