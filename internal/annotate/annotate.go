// Package annotate is the stage after cleaning: it reads an article's
// paragraphs once into tokens and sentences, and hangs on the article what
// the annotators find there. Named entities come first, since quotes
// resolve their speakers to them.
package annotate

import (
	"strings"
	"sync"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/entity"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/text"
	"github.com/dateline-news/dateline/internal/timex"
)

// Annotator annotates articles. It is safe for concurrent use: each call
// takes its buffers from a pool.
type Annotator struct {
	ner   *ner.Model
	timex *timex.Tagger // nil in benchmarks that leave dates out
	bufs  sync.Pool
}

// New returns an Annotator that finds entities with m, and time
// expressions.
func New(m *ner.Model) *Annotator {
	a := &Annotator{ner: m, timex: timex.New()}
	a.bufs.New = func() any { return new(buffers) }
	return a
}

// buffers are one call's working memory.
type buffers struct {
	toks  []text.Token
	sents []text.Sentence
	words []string     // every sentence's token strings, back to back
	doc   [][]string   // sentences as slices of words
	where []tokenPlace // per word in words: its paragraph and offsets
}

type tokenPlace struct{ p, start, end int }

// Annotate sets art.Entities and art.Dates. The recognizer and the time
// grammar read English: an article whose language is known and is not
// English gets none rather than wrong ones. Dates resolve against
// art.Published.
func (a *Annotator) Annotate(art *article.Article) {
	art.Entities = []article.Entity{}
	art.Dates = []article.Date{}
	if art.Language != nil && *art.Language != "en" || len(art.Paragraphs) == 0 {
		return
	}
	dc := timex.NewDocContext(article.Str(art.Published))
	b := a.bufs.Get().(*buffers)
	defer a.bufs.Put(b)
	b.words, b.doc, b.where = b.words[:0], b.doc[:0], b.where[:0]
	type sentRange struct{ from, to int } // into b.words
	var ranges []sentRange
	for p, para := range art.Paragraphs {
		b.toks = text.AppendTokens(b.toks[:0], para)
		b.sents = text.AppendSentences(b.sents[:0], para, b.toks)
		if a.timex != nil {
			art.Dates = a.timex.Tag(art.Dates, p, para, b.toks, b.sents, dc)
		}
		for _, s := range b.sents {
			from := len(b.words)
			for _, t := range b.toks[s.Start:s.End] {
				b.words = append(b.words, modelForm(t.Text))
				b.where = append(b.where, tokenPlace{p, t.Start, t.End})
			}
			ranges = append(ranges, sentRange{from, len(b.words)})
		}
	}
	// b.words is complete, so slices of it stay valid.
	for _, r := range ranges {
		b.doc = append(b.doc, b.words[r.from:r.to])
	}
	tagged := a.ner.TagDocument(b.doc)
	var mentions []entity.Mention
	for i, spans := range tagged {
		base := ranges[i].from
		for _, s := range spans {
			first, last := b.where[base+s.Start], b.where[base+s.End-1]
			if first.p != last.p {
				continue // sentences never cross paragraphs; be safe
			}
			mentions = append(mentions, entity.Mention{P: first.p, Start: first.start, End: last.end, Type: s.Type})
		}
	}
	art.Entities = entity.Resolve(art.Paragraphs, mentions)
}

// modelForm spells a token as the recognizer's training data (CoNLL-2003,
// Reuters 1996, ASCII) would: curly quotes straight, dashes as hyphens.
// Offsets still point at the text as written.
func modelForm(s string) string {
	if isASCII(s) {
		return s
	}
	switch s {
	case "“", "”", "„", "«", "»", "″":
		return `"`
	case "‘", "’", "‚", "′":
		return "'"
	case "’s":
		return "'s"
	case "n’t":
		return "n't"
	case "—", "―":
		return "--"
	case "–", "‐", "‑":
		return "-"
	case "…":
		return "..."
	}
	if strings.ContainsRune(s, '’') {
		return strings.ReplaceAll(s, "’", "'")
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
