package server

import (
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
)

// A paragraph of the article page: runs of text, each inside a quote or
// not, made of pieces that are plain text, an entity's mention or a date.
// Two layers, quotes outside and mentions and dates inside, always nest,
// whatever the annotations' offsets: a mention that crosses a quote's edge
// is cut in two there. The template escapes every piece.
type paragraph struct {
	ID   string // the anchor: p0, p1, …
	Runs []run
}

type run struct {
	Quote  *quoteMark // nil: text outside any quote
	Pieces []piece
}

// quoteMark is a quote as the paragraph shows it.
type quoteMark struct {
	Kind       string // direct, partial, indirect
	Speaker    string // "" when unknown
	SpeakerURL string
	Cue        string
}

type piece struct {
	Text  string
	Class string // "" plain, "ent ent-PER" …, "date"
	URL   string // an entity's page
	Title string // the tooltip: an entity's name and type, a date's value
}

// span is a byte range of a paragraph carrying what to show for it.
type span struct {
	start, end int
	piece      piece      // for mentions and dates
	quote      *quoteMark // for quotes
}

// paragraphs lays out the article's body with its annotations. Spans
// that do not fit their paragraph (out of range, inside a UTF-8 sequence,
// empty) are left out rather than trusted.
func paragraphs(a *article.Article) []paragraph {
	quotes := make([][]span, len(a.Paragraphs))
	inner := make([][]span, len(a.Paragraphs))
	fits := func(p, start, end int) bool {
		if p < 0 || p >= len(a.Paragraphs) {
			return false
		}
		t := a.Paragraphs[p]
		return 0 <= start && start < end && end <= len(t) &&
			utf8.RuneStart(t[start]) && (end == len(t) || utf8.RuneStart(t[end]))
	}
	for _, q := range a.Quotes {
		if !fits(q.P, q.Start, q.End) {
			continue
		}
		m := &quoteMark{Kind: q.Kind, Cue: q.Cue}
		if q.Speaker != nil && *q.Speaker != "" {
			m.Speaker, m.SpeakerURL = *q.Speaker, speakerURL(*q.Speaker)
		}
		quotes[q.P] = append(quotes[q.P], span{start: q.Start, end: q.End, quote: m})
	}
	for _, e := range a.Entities {
		pc := piece{Class: "ent ent-" + e.Type, URL: entityURL(e.Name, e.Type), Title: e.Name + " (" + typeName(e.Type) + ")"}
		for _, m := range e.Mentions {
			if fits(m.P, m.Start, m.End) {
				inner[m.P] = append(inner[m.P], span{start: m.Start, end: m.End, piece: pc})
			}
		}
	}
	for _, d := range a.Dates {
		if fits(d.P, d.Start, d.End) {
			inner[d.P] = append(inner[d.P], span{start: d.Start, end: d.End, piece: piece{Class: "date", Title: d.Value}})
		}
	}
	out := make([]paragraph, len(a.Paragraphs))
	for p, text := range a.Paragraphs {
		out[p] = paragraph{ID: anchor(p), Runs: runsOf(text, disjoint(quotes[p]), disjoint(inner[p]))}
	}
	return out
}

// disjoint keeps spans that do not overlap one kept before, taking them
// by start and the longer first: "Jens Stoltenberg" wins over a
// "Stoltenberg" inside it.
func disjoint(spans []span) []span {
	slices.SortStableFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var out []span
	end := 0
	for _, s := range spans {
		if s.start >= end {
			out = append(out, s)
			end = s.end
		}
	}
	return out
}

// runsOf cuts text into runs at the quotes and into pieces at the inner
// spans. Both lists are disjoint and sorted.
func runsOf(text string, quotes, inner []span) []run {
	var runs []run
	// pieces covers [from, to) with the inner spans that fall there.
	pieces := func(from, to int) []piece {
		var ps []piece
		at := from
		for _, s := range inner {
			lo, hi := max(s.start, from), min(s.end, to)
			if lo >= hi {
				continue
			}
			if lo > at {
				ps = append(ps, piece{Text: text[at:lo]})
			}
			pc := s.piece
			pc.Text = text[lo:hi]
			ps = append(ps, pc)
			at = hi
		}
		if at < to {
			ps = append(ps, piece{Text: text[at:to]})
		}
		return ps
	}
	at := 0
	for _, q := range quotes {
		if q.start > at {
			runs = append(runs, run{Pieces: pieces(at, q.start)})
		}
		runs = append(runs, run{Quote: q.quote, Pieces: pieces(q.start, q.end)})
		at = q.end
	}
	if at < len(text) || len(runs) == 0 {
		runs = append(runs, run{Pieces: pieces(at, len(text))})
	}
	return runs
}
