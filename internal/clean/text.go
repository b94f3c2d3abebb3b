package clean

import (
	"strings"
	"unicode/utf8"
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

func collapseSpace(s string) string {
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
