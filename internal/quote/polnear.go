package quote

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Span is a stretch of one paragraph: UTF-8 byte offsets into paragraph
// P, End exclusive.
type Span struct{ P, Start, End int }

// Attribution is one attribution relation as PolNeAR draws it: the words
// that name who is speaking or thinking (Source, empty when nobody is
// named), the words that report it (Cue) and what is reported (Content).
// Each role may come in pieces: a quote split by its attribution has two
// content spans; a span that runs over a paragraph break is cut there,
// since dateline's offsets are per paragraph.
type Attribution struct {
	Source, Cue, Content []Span
}

// Doc is one annotated PolNeAR article: its text as paragraphs (the
// non-blank lines of the file) and its attributions.
type Doc struct {
	Name         string
	Annotator    string // the annotator whose file was read
	Paragraphs   []string
	Attributions []Attribution
}

// ErrNoData is returned by LoadPolNeAR when the split has no articles.
var ErrNoData = errors.New("quote: no PolNeAR articles found")

// LoadPolNeAR reads split (train, dev or test) of PolNeAR v1.0.0 from dir
// (the folder holding README.md, train/, dev/, test/). Articles come in
// file-name order. A few articles were annotated by several annotators
// (to measure agreement); the file of the annotator whose id sorts first
// is read, so that every article counts once and the choice is
// reproducible.
//
// Spans labelled Discard or Discuss (annotators' notes to each other) are
// not attributions and are left out. Every other attribution counts, be
// it speech, belief or intention: PolNeAR does not tell them apart.
func LoadPolNeAR(ctx context.Context, dir, split string) ([]Doc, error) {
	names, err := filepath.Glob(filepath.Join(dir, split, "text", "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	anns, err := filepath.Glob(filepath.Join(dir, split, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	sort.Strings(anns)
	first := map[string]string{} // article → its first annotation file
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		i := strings.LastIndexByte(base, '_')
		if i < 0 {
			continue
		}
		if _, ok := first[base[:i]]; !ok {
			first[base[:i]] = a
		}
	}
	var docs []Doc
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(n), ".txt")
		ann, ok := first[name]
		if !ok {
			continue
		}
		txt, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		a, err := os.ReadFile(ann)
		if err != nil {
			return nil, err
		}
		d, err := parseDoc(string(txt), string(a))
		if err != nil {
			return nil, fmt.Errorf("quote: %s: %w", ann, err)
		}
		d.Name = name
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		d.Annotator = base[strings.LastIndexByte(base, '_')+1:]
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%w in %s", ErrNoData, filepath.Join(dir, split))
	}
	return docs, nil
}

// parseDoc reads one article's text and BRAT standoff annotation. BRAT
// offsets count code points; they are turned into byte offsets within
// paragraphs here.
func parseDoc(txt, ann string) (Doc, error) {
	var d Doc
	// byteAt[i] is the byte offset of code point i.
	byteAt := make([]int, 0, len(txt)+1)
	for i := range txt {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(txt))
	type para struct{ start, end int }
	var paras []para
	for start := 0; start < len(txt); {
		end := strings.IndexByte(txt[start:], '\n')
		if end < 0 {
			end = len(txt)
		} else {
			end += start
		}
		if strings.TrimSpace(txt[start:end]) != "" {
			paras = append(paras, para{start, end})
			d.Paragraphs = append(d.Paragraphs, txt[start:end])
		}
		start = end + 1
	}
	// cut turns a byte range of the file into per-paragraph spans,
	// trimmed of white space.
	cut := func(s, e int, dst []Span) []Span {
		for p, pr := range paras {
			a, b := max(s, pr.start), min(e, pr.end)
			for a < b && isSpaceByte(txt[a]) {
				a++
			}
			for b > a && isSpaceByte(txt[b-1]) {
				b--
			}
			if a < b {
				dst = append(dst, Span{p, a - pr.start, b - pr.start})
			}
		}
		return dst
	}
	type tspan struct {
		label string
		spans []Span
	}
	ts := map[string]tspan{}
	type event struct {
		id    string
		roles [][2]string
	}
	var events []event
	for _, line := range strings.Split(ann, "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) < 2 || f[0] == "" {
			continue // a continuation of a span's text, or blank
		}
		switch f[0][0] {
		case 'T':
			sp := strings.SplitN(f[1], " ", 2)
			if len(sp) < 2 {
				continue
			}
			var spans []Span
			for _, frag := range strings.Split(sp[1], ";") {
				se := strings.Fields(frag)
				if len(se) != 2 {
					return d, fmt.Errorf("bad span %q", line)
				}
				s, err1 := strconv.Atoi(se[0])
				e, err2 := strconv.Atoi(se[1])
				if err1 != nil || err2 != nil || s < 0 || e < s || e >= len(byteAt) {
					return d, fmt.Errorf("bad span %q", line)
				}
				spans = cut(byteAt[s], byteAt[e], spans)
			}
			ts[f[0]] = tspan{sp[0], spans}
		case 'E':
			ev := event{id: f[0]}
			for _, r := range strings.Fields(f[1]) {
				role, id, ok := strings.Cut(r, ":")
				if ok {
					ev.roles = append(ev.roles, [2]string{role, id})
				}
			}
			events = append(events, ev)
		}
	}
	sort.Slice(events, func(i, j int) bool { return idNum(events[i].id) < idNum(events[j].id) })
	for _, ev := range events {
		var a Attribution
		for _, r := range ev.roles {
			t, ok := ts[r[1]]
			if !ok {
				continue
			}
			switch {
			case t.label == "Source":
				a.Source = append(a.Source, t.spans...)
			case t.label == "Cue":
				a.Cue = append(a.Cue, t.spans...)
			case t.label == "Content":
				a.Content = append(a.Content, t.spans...)
			}
		}
		if len(a.Cue) == 0 && len(a.Source) == 0 && len(a.Content) == 0 {
			continue
		}
		sortSpans(a.Source)
		sortSpans(a.Cue)
		sortSpans(a.Content)
		d.Attributions = append(d.Attributions, a)
	}
	return d, nil
}

func idNum(id string) int {
	n, _ := strconv.Atoi(strings.TrimLeft(id, "ETR"))
	return n
}

func sortSpans(s []Span) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].P != s[j].P {
			return s[i].P < s[j].P
		}
		return s[i].Start < s[j].Start
	})
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}
