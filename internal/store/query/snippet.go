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
	start, end int    // byte offsets in the text
	word       string // the token as written
	fold       string // Fold(word) when word is not ASCII, else ""
}

// folded is the token as the index holds it.
func (t wordTok) folded() string {
	if t.fold != "" {
		return t.fold
	}
	return strings.ToLower(t.word) // Fold, for ASCII
}

// isTokenRune is what the index's unicode61 tokenizer keeps in a token.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Co, r)
}

// asciiToken is isTokenRune for ASCII, as a table.
var asciiToken = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isTokenRune(rune(c))
	}
	return t
}()

// tokens splits text as the index does. Most of a body is ASCII, read a
// byte at a time through asciiToken; only a token with other runes is
// folded here, the rest compared without case where they are matched.
func tokens(text string) []wordTok {
	toks := make([]wordTok, 0, len(text)/6)
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiToken[c] {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isTokenRune(r) {
			i += size
			continue
		}
		j, ascii := i, true
		for j < len(text) {
			if c := text[j]; c < utf8.RuneSelf {
				if !asciiToken[c] {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isTokenRune(r) {
				break
			}
			ascii = false
			j += size
		}
		t := wordTok{start: i, end: j, word: text[i:j]}
		if !ascii {
			t.fold = Fold(t.word)
		}
		toks = append(toks, t)
		i = j
	}
	return toks
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
				p.words = append(p.words, t.folded())
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
		t := toks[i+k]
		prefix := p.prefix && k == len(p.words)-1
		if t.fold != "" {
			if prefix && !strings.HasPrefix(t.fold, w) || !prefix && t.fold != w {
				return false
			}
			continue
		}
		// ASCII: its fold is its lower case, compared in place.
		if len(t.word) < len(w) || !prefix && len(t.word) != len(w) {
			return false
		}
		for b := 0; b < len(w); b++ {
			c := t.word[b]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[b] {
				return false
			}
		}
	}
	return true
}
