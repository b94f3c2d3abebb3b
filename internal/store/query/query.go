// Package query parses the search syntax users type (words, "phrases",
// AND/OR/NOT, prefix*, parentheses) into a tree each store backend renders
// in its own engine's syntax. User text never reaches an engine's parser:
// every word goes out quoted, so engine syntax in it ("col:", "^", NEAR)
// is just text, and a query either parses here, with a reason a user can
// act on when it does not, or it is safe to run.
//
// It also reads the date bounds of filters and TIMEX3 values, so that
// every backend agrees on what "2023-04" covers.
package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
)

// Node is a parsed query: a Term, an And or an Or.
type Node interface{ node() }

// Term is a word or a phrase: one or more words that must appear next to
// each other in this order. Prefix marks the last word as a prefix.
type Term struct {
	Words  []string // as typed, never empty, each with a letter or digit
	Prefix bool
}

// And holds when every Pos holds and no Neg does. Pos is never empty: a
// query can exclude only from something it includes.
type And struct {
	Pos []Node
	Neg []Node
}

// Or holds when any of its nodes does (two or more).
type Or struct{ Any []Node }

func (Term) node() {}
func (And) node()  {}
func (Or) node()   {}

// Parse reads a user's query. It returns nil for a query with no words
// (blank, or only punctuation), and an error wrapping article.ErrBadQuery
// (an *article.QueryError) for one it cannot read.
func Parse(s string) (Node, error) {
	if len(s) > article.MaxQueryBytes {
		return nil, bad("the query is longer than %d bytes", article.MaxQueryBytes)
	}
	if !utf8.ValidString(s) {
		return nil, bad("the query is not valid UTF-8")
	}
	// Control characters are white space to a reader, and a NUL would
	// end a string early in a C engine.
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	terms := 0
	for _, t := range toks {
		if t.kind == tTerm {
			terms++
		}
	}
	if terms > article.MaxQueryTerms {
		return nil, bad("the query has more than %d terms", article.MaxQueryTerms)
	}
	if len(toks) == 0 {
		return nil, nil
	}
	p := &parser{toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		// Only a stray ")" stops or() early.
		return nil, bad("a closing parenthesis has no opening one")
	}
	return checkNode(n)
}

func bad(format string, args ...any) error {
	return &article.QueryError{Reason: fmt.Sprintf(format, args...)}
}

type tokKind int

const (
	tTerm tokKind = iota
	tAnd
	tOr
	tNot // NOT or a leading "-"
	tOpen
	tClose
)

type token struct {
	kind tokKind
	term Term
}

// lex splits s into tokens. Words and phrases without a letter or digit
// are dropped: they match nothing in any engine and would otherwise make
// engines disagree (FTS5 rejects an empty phrase, PostgreSQL ignores it).
func lex(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '(':
			toks = append(toks, token{kind: tOpen})
			i++
		case r == ')':
			toks = append(toks, token{kind: tClose})
			i++
		case r == '"' || r == '“' || r == '”':
			end := strings.IndexAny(s[i+size:], "\"“”")
			if end < 0 {
				return nil, bad("a quotation mark is not closed")
			}
			phrase := s[i+size : i+size+end]
			i += size + end
			_, qsize := utf8.DecodeRuneInString(s[i:])
			i += qsize
			prefix := false
			for i < len(s) && s[i] == '*' {
				prefix = true
				i++
			}
			if w := words(phrase); len(w) > 0 {
				toks = append(toks, token{kind: tTerm, term: Term{Words: w, Prefix: prefix}})
			}
		case r == '-' && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])) && s[i+1] != '-':
			// "-word" excludes, as in web search; "a - b" and "--" are
			// punctuation, dropped below as words without letters.
			toks = append(toks, token{kind: tNot})
			i++
		default:
			end := i
			for end < len(s) {
				r, size := utf8.DecodeRuneInString(s[end:])
				if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' || r == '“' || r == '”' {
					break
				}
				end += size
			}
			w := s[i:end]
			i = end
			switch w {
			case "AND", "&&":
				toks = append(toks, token{kind: tAnd})
				continue
			case "OR", "||", "|":
				toks = append(toks, token{kind: tOr})
				continue
			case "NOT":
				toks = append(toks, token{kind: tNot})
				continue
			}
			w = strings.TrimLeft(w, "+")
			prefix := strings.HasSuffix(w, "*")
			w = strings.TrimRight(w, "*")
			if ws := words(w); len(ws) > 0 {
				toks = append(toks, token{kind: tTerm, term: Term{Words: ws, Prefix: prefix}})
			}
		}
	}
	return toks, nil
}

// words splits text at white space, keeping pieces with a letter or a
// digit. Punctuation inside a piece stays: each engine's tokenizer splits
// "covid-19" its own way, as it did when indexing.
func words(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			out = append(out, f)
		}
	}
	return out
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() (tokKind, bool) {
	if p.i >= len(p.toks) {
		return 0, false
	}
	return p.toks[p.i].kind, true
}

// neg marks a node as excluded inside an And under construction.
type neg struct{ n Node }

func (neg) node() {}

func (p *parser) or() (Node, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	nodes := []Node{first}
	for {
		k, ok := p.peek()
		if !ok || k != tOr {
			break
		}
		p.i++
		if k, ok := p.peek(); !ok || k == tClose || k == tOr || k == tAnd {
			return nil, bad("OR needs a term on each side")
		}
		n, err := p.and()
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	if len(nodes) == 1 {
		return first, nil
	}
	return Or{Any: nodes}, nil
}

func (p *parser) and() (Node, error) {
	var items []Node
	for {
		k, ok := p.peek()
		if !ok || k == tOr || k == tClose {
			break
		}
		if k == tAnd {
			if len(items) == 0 {
				return nil, bad("AND needs a term on each side")
			}
			p.i++
			if k, ok := p.peek(); !ok || k == tClose || k == tOr || k == tAnd {
				return nil, bad("AND needs a term on each side")
			}
			continue
		}
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		items = append(items, n)
	}
	if len(items) == 0 {
		if k, ok := p.peek(); ok && k == tOr {
			return nil, bad("OR needs a term on each side")
		}
		if k, ok := p.peek(); ok && k == tClose {
			return nil, bad("empty parentheses or a closing one with no opening one")
		}
		return nil, bad("no words to search for")
	}
	if len(items) == 1 {
		return items[0], nil
	}
	a := And{}
	for _, n := range items {
		if x, ok := n.(neg); ok {
			a.Neg = append(a.Neg, x.n)
		} else {
			a.Pos = append(a.Pos, n)
		}
	}
	return a, nil
}

func (p *parser) unary() (Node, error) {
	k, _ := p.peek()
	switch k {
	case tNot:
		p.i++
		if k, ok := p.peek(); !ok || k == tClose || k == tOr || k == tAnd {
			return nil, bad("NOT needs a term after it")
		}
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		if x, ok := n.(neg); ok { // NOT NOT a
			return x.n, nil
		}
		return neg{n}, nil
	case tOpen:
		p.i++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if k, ok := p.peek(); !ok || k != tClose {
			return nil, bad("a parenthesis is not closed")
		}
		p.i++
		return n, nil
	case tTerm:
		t := p.toks[p.i].term
		p.i++
		return t, nil
	}
	return nil, bad("unexpected operator")
}

// checkNode turns what the parser built into the exported tree: an
// exclusion standing where nothing includes (the whole query, an OR
// branch) is an error, since no engine can list "every article without X"
// from a full-text index.
func checkNode(n Node) (Node, error) {
	switch x := n.(type) {
	case neg:
		return nil, bad("NOT needs something to exclude from: try 'nato NOT ukraine'")
	case Term:
		return x, nil
	case Or:
		out := Or{Any: make([]Node, len(x.Any))}
		for i, c := range x.Any {
			c, err := checkNode(c)
			if err != nil {
				return nil, err
			}
			out.Any[i] = c
		}
		return out, nil
	case And:
		if len(x.Pos) == 0 {
			return nil, bad("NOT needs something to exclude from: try 'nato NOT ukraine'")
		}
		out := And{}
		for _, c := range x.Pos {
			c, err := checkNode(c)
			if err != nil {
				return nil, err
			}
			out.Pos = append(out.Pos, c)
		}
		for _, c := range x.Neg {
			if inner, ok := c.(neg); ok {
				c = inner.n
			}
			c, err := checkNode(c)
			if err != nil {
				return nil, err
			}
			out.Neg = append(out.Neg, c)
		}
		return out, nil
	}
	return nil, bad("unexpected query")
}

// String writes n back in the user syntax, fully parenthesised: for tests
// and for messages.
func String(n Node) string {
	var b strings.Builder
	write(&b, n)
	return b.String()
}

func write(b *strings.Builder, n Node) {
	switch x := n.(type) {
	case Term:
		if len(x.Words) == 1 && plain(x.Words[0]) {
			b.WriteString(x.Words[0])
		} else {
			b.WriteString(`"` + strings.Join(x.Words, " ") + `"`)
		}
		if x.Prefix {
			b.WriteByte('*')
		}
	case Or:
		b.WriteByte('(')
		for i, c := range x.Any {
			if i > 0 {
				b.WriteString(" OR ")
			}
			write(b, c)
		}
		b.WriteByte(')')
	case And:
		b.WriteByte('(')
		for i, c := range x.Pos {
			if i > 0 {
				b.WriteString(" AND ")
			}
			write(b, c)
		}
		for _, c := range x.Neg {
			b.WriteString(" NOT ")
			write(b, c)
		}
		b.WriteByte(')')
	}
}

// plain reports whether w reads back as the same single word unquoted.
func plain(w string) bool {
	switch w {
	case "AND", "OR", "NOT", "&&", "||", "|":
		return false
	}
	return !strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "+") && !strings.ContainsAny(w, "()*\"“”")
}
