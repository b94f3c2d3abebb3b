package quote

import (
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/text"
)

// Quotation marks. Writers mix curly and straight marks, and some use the
// closing curly mark for both ends, so the direction of a mark comes from
// what touches it as well as from its shape: a mark with a space before
// it and a word after it opens; one with a word before it and a space or
// punctuation after it closes.

// Per-token quotation state, in tokState.q.
const (
	qOut    = 0 // outside any quotation
	qDouble = 1 // inside double marks
	qSingle = 2 // inside single marks only (headlines quote with them)
)

// Mark kinds, in tokState.mark.
const (
	mNone = iota
	mOpen
	mClose
	mOpenSingle
	mCloseSingle
)

// region is one quotation in a paragraph, as token indexes: open is the
// opening mark (-1 when the paragraph starts inside the quotation), close
// the closing mark (len(tokens) when it runs past the paragraph's end).
type region struct {
	open, close int
	single      bool
	// wide marks are two tokens: a doubled straight apostrophe (''),
	// as some newspapers' archives write both ends of a quotation.
	openWide, closeWide bool
}

func doubleMark(t string) int {
	switch t {
	case "“", "„", "«":
		return 1
	case "”", "»":
		return 2
	case `"`, "″", "〃":
		return 3
	}
	return 0
}

func singleMark(t string) int {
	switch t {
	case "‘", "‹":
		return 1
	case "’", "›":
		return 2
	case "'":
		return 3
	}
	return 0
}

// flanks says whether the mark at toks[i] has a space (or the edge, or an
// opening bracket or dash) before it, and a space or punctuation after it.
func flanks(p string, toks []text.Token, i int) (spaceBefore, spaceAfter bool) {
	spaceBefore = i == 0 || toks[i-1].End < toks[i].Start
	if !spaceBefore {
		switch toks[i-1].Text {
		case "(", "[", "—", "–", "-", "--", ":", "“", "‘", `"`:
			spaceBefore = true
		}
	}
	spaceAfter = i == len(toks)-1 || toks[i+1].Start > toks[i].End
	if !spaceAfter {
		r, _ := utf8.DecodeRuneInString(toks[i+1].Text)
		spaceAfter = !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '(' && r != '$' && r != '‘' && r != '\''
	}
	return
}

// findRegions appends the quotations of one paragraph's tokens to dst.
// Single marks count inside double ones, or in a paragraph without
// double marks; elsewhere a lone ’ is an apostrophe far more often than
// a mark.
func findRegions(p string, toks []text.Token, dst []region) []region {
	base := len(dst)
	cur := -2 // token index of the open double mark; -2: none open
	hasDouble := false
	var wideOpen bool
	for i := 0; i < len(toks); i++ {
		k := doubleMark(toks[i].Text)
		wide := false
		if k == 0 && toks[i].Text == "'" && i+1 < len(toks) && toks[i+1].Text == "'" && toks[i+1].Start == toks[i].End {
			k, wide = 3, true
		}
		if k == 0 {
			continue
		}
		hasDouble = true
		before, _ := flanks(p, toks, i)
		after := before
		if wide {
			_, after = flanks(p, toks, i+1)
		} else {
			_, after = flanks(p, toks, i)
		}
		open := false
		switch k {
		case 1:
			open = !(cur != -2 && !before && after)
		case 2:
			open = cur == -2 && before && !after
		case 3:
			switch {
			case before && !after:
				open = true
			case after && !before:
				open = false
			default:
				open = cur == -2
			}
		}
		if open {
			if cur != -2 {
				dst = append(dst, region{open: cur, close: i, openWide: wideOpen})
			}
			cur, wideOpen = i, wide
			if wide {
				cur++
				i++
			}
			continue
		}
		if cur != -2 {
			dst = append(dst, region{open: cur, close: i, openWide: wideOpen, closeWide: wide})
			cur = -2
		} else if len(dst) == base {
			dst = append(dst, region{open: -1, close: i, closeWide: wide})
		}
		if wide {
			i++
		}
	}
	if cur != -2 {
		dst = append(dst, region{open: cur, close: len(toks), openWide: wideOpen})
	}
	// Single marks, inside a double region or anywhere when there are no
	// double marks.
	nd := len(dst)
	scan := func(lo, hi int) {
		open := -2
		for i := lo; i < hi; i++ {
			k := singleMark(toks[i].Text)
			if k == 0 {
				continue
			}
			before, after := flanks(p, toks, i)
			switch {
			case open == -2 && (k == 1 || k == 3) && before && !after:
				open = i
			case open != -2 && (k == 2 || k == 3) && !before:
				if i-open > 1 {
					dst = append(dst, region{open: open, close: i, single: true})
				}
				open = -2
			}
		}
	}
	if !hasDouble {
		scan(0, len(toks))
	} else {
		for r := base; r < nd; r++ {
			if !dst[r].openWide && !dst[r].closeWide {
				scan(max(dst[r].open+1, 0), dst[r].close)
			}
		}
	}
	return dst
}
