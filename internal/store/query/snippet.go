package query

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
)

// Snippet cuts from text about width words around the best place where
// n's words occur (the most different terms in the fewest words), and
// returns it with the byte spans of the matches in it. It tokenizes as the
// full-text index does (runs of letters, digits and marks; case and
// diacritics folded), so what it marks is what matched. Excluded terms
// (NOT) are never marked. Text without a match gives its start, unmarked.
//
// Snippets are cut here rather than by the engine: FTS5's snippet()
// re-reads every doclist of a prefix query for each result (over 100 ms a
// page for "elect*" on 100,000 articles), and a backend without one (a
// PostgreSQL store) gets the same snippets.
func Snippet(text string, n Node, width int) (string, []article.Span) {
	toks := tokens(text)
	pats := patterns(n)
	type hit struct{ first, last, pat int } // token indexes, inclusive
	var hits []hit
	for i := range toks {
		for p, pat := range pats {
			if matchAt(toks, i, pat) && len(hits) < maxHits {
				hits = append(hits, hit{i, i + len(pat.words) - 1, p})
			}
		}
	}
	if len(toks) == 0 {
		return "", []article.Span{}
	}
	// The window start with the best score: 1,000 per different pattern,
	// 1 per match, as FTS5's snippet() scores.
	start, best := 0, -1
	for _, h := range hits {
		s := max(0, h.first-width/4) // some words before the first match
		if s+width > len(toks) {
			s = max(0, len(toks)-width)
		}
		var seen uint64 // patterns seen in the window; a query has at most 64 terms
		score := 0
		for _, o := range hits {
			if o.first >= s && o.last < s+width {
				if bit := uint64(1) << (o.pat % 64); seen&bit == 0 {
					seen |= bit
					score += 1000
				}
				score++
			}
		}
		if score > best {
			start, best = s, score
		}
	}
	end := min(len(toks), start+width) // exclusive, in tokens
	from, to := toks[start].start, toks[end-1].end
	if start == 0 {
		from = 0
	}
	if end == len(toks) {
		to = len(text)
	}
	var b strings.Builder
	lead := ""
	if from > 0 {
		lead = "…"
	}
	b.WriteString(lead)
	body := strings.TrimSpace(text[from:to])
	offset := len(lead) - from - (len(text[from:to]) - len(strings.TrimLeftFunc(text[from:to], unicode.IsSpace)))
	b.WriteString(body)
	if to < len(text) {
		b.WriteString("…")
	}
	spans := []article.Span{}
	last := -1
	for _, h := range hits {
		if h.first < start || h.last >= end || h.first <= last {
			continue // outside the window, or overlapping the previous mark
		}
		spans = append(spans, article.Span{Start: toks[h.first].start + offset, End: toks[h.last].end + offset})
		last = h.last
	}
	return b.String(), spans
}

type wordTok struct {
	start, end int // byte offsets in the text
	fold       string
}

// isTokenRune is what the index's unicode61 tokenizer keeps in a token.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Co, r)
}

func tokens(text string) []wordTok {
	var toks []wordTok
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTokenRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isTokenRune(r) {
				break
			}
			j += size
		}
		toks = append(toks, wordTok{start: i, end: j, fold: foldToken(text[i:j])})
		i = j
	}
	return toks
}

// foldToken is Fold with a fast path for ASCII, most of most news.
func foldToken(t string) string {
	lower := true
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf {
			return Fold(t)
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if lower {
		return t
	}
	return strings.ToLower(t)
}

// maxHits bounds the matches a snippet weighs: enough to find a good
// window, and no quadratic cost on a page that repeats a word.
const maxHits = 256

// pattern is a term as folded tokens; prefix marks the last as a prefix.
type pattern struct {
	words  []string
	prefix bool
}

// patterns lists the terms of n that include (not those under NOT).
func patterns(n Node) []pattern {
	var out []pattern
	var walk func(Node)
	walk = func(n Node) {
		switch x := n.(type) {
		case Term:
			var p pattern
			for _, t := range tokens(strings.Join(x.Words, " ")) {
				p.words = append(p.words, t.fold)
			}
			p.prefix = x.Prefix
			if len(p.words) > 0 {
				out = append(out, p)
			}
		case And:
			for _, c := range x.Pos {
				walk(c)
			}
		case Or:
			for _, c := range x.Any {
				walk(c)
			}
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

func matchAt(toks []wordTok, i int, p pattern) bool {
	if i+len(p.words) > len(toks) {
		return false
	}
	for k, w := range p.words {
		t := toks[i+k].fold
		if p.prefix && k == len(p.words)-1 {
			if !strings.HasPrefix(t, w) {
				return false
			}
		} else if t != w {
			return false
		}
	}
	return true
}
