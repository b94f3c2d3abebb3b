package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// VisibleLines is what a naive scraper makes of a page: the visible text
// of <body>, one line per block element, white space collapsed. It is the
// input the text cleaner is built for, and its fallback when the HTML
// extractor finds nothing.
func VisibleLines(doc *html.Node) []string {
	w := lineWriter{skip: invisible, blocks: blockElements}
	body := findBody(doc)
	if body == nil {
		body = doc
	}
	w.walk(body)
	w.flush()
	return w.lines
}

// extractedLines is the text of the HTML extractor's output tree, one
// line per block. go-trafilatura renames tags to its own vocabulary
// (headings become <head>, lists <list> and <item>, breaks <lb>), so
// this walk reads that vocabulary and hides nothing.
func extractedLines(n *html.Node) []string {
	w := lineWriter{blocks: blockElements, named: extractedBlocks}
	w.walk(n)
	w.flush()
	return w.lines
}

// figcaptions gives the text of each <figcaption> in the page, one
// string each, white space collapsed.
func figcaptions(doc *html.Node) []string {
	var out []string
	n := doc
	for n != nil {
		if n.Type == html.ElementNode && n.DataAtom == atom.Figcaption {
			w := lineWriter{skip: invisible}
			w.walk(n)
			w.flush()
			if t := strings.Join(w.lines, " "); t != "" {
				out = append(out, t)
			}
		} else if n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != doc && n.NextSibling == nil {
			n = n.Parent
		}
		if n == doc {
			break
		}
		n = n.NextSibling
	}
	return out
}

var extractedBlocks = map[string]bool{
	"head": true, "list": true, "item": true, "quote": true, "row": true,
	"cell": true, "code": true, "graphic": true, "lb": true,
}

type lineWriter struct {
	skip   map[atom.Atom]bool
	blocks map[atom.Atom]bool
	// named blocks are elements outside HTML's vocabulary, as the HTML
	// extractor's output uses (<list>, <item>, <lb>).
	named map[string]bool
	lines []string
	cur   strings.Builder
	space bool
}

func (w *lineWriter) text(s string) {
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' {
			w.space = true
			continue
		}
		if w.space && w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		w.space = false
		w.cur.WriteRune(r)
	}
}

func (w *lineWriter) flush() {
	if w.cur.Len() > 0 {
		w.lines = append(w.lines, w.cur.String())
		w.cur.Reset()
	}
	w.space = false
}

// walk visits the tree without recursion, so that hostile markup nested
// hundreds of thousands deep costs time in proportion to its size and
// nothing more; its text is kept like any other.
func (w *lineWriter) walk(root *html.Node) {
	n := root
	for {
		in := w.enter(n)
		if in && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if in {
			w.leave(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			w.leave(n)
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// enter handles a node on the way down and reports whether its children
// are to be visited (and leave called after them).
func (w *lineWriter) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return false
	case html.ElementNode:
		if w.skip[n.DataAtom] || hidden(n) {
			return false
		}
		if n.DataAtom == atom.Br || n.DataAtom == 0 && n.Data == "lb" {
			w.flush()
			return false
		}
	case html.CommentNode, html.DoctypeNode:
		return false
	}
	if w.isBlock(n) {
		w.flush()
	}
	// An element boundary separates words, as in go-trafilatura's own
	// text (and the benchmark's truth): "to:<br>Observe" is two words.
	w.space = true
	return true
}

func (w *lineWriter) leave(n *html.Node) {
	if w.isBlock(n) {
		w.flush()
	}
	w.space = true
}

func (w *lineWriter) isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && (w.blocks[n.DataAtom] || n.DataAtom == 0 && w.named[n.Data])
}

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}

var invisible = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Select: true,
	atom.Option: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
}

var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true, atom.Ul: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Caption: true, atom.Summary: true, atom.Menu: true,
	atom.Body: true, atom.Html: true, atom.Picture: true, atom.Video: true,
	atom.Audio: true, atom.Center: true, atom.Title: true, atom.Head: true,
}
