// Package annotate is the stage after cleaning: it reads an article's
// paragraphs once into tokens and sentences, and hangs on the article what
// the annotators find there. Named entities come first, since quotes
// resolve their speakers to them.
package annotate

import (
	"sync"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/entity"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/quote"
	"github.com/dateline-news/dateline/internal/text"
	"github.com/dateline-news/dateline/internal/timex"
)

// Annotator annotates articles. It is safe for concurrent use: each call
// takes its buffers from a pool.
type Annotator struct {
	ner    *ner.Model
	timex  *timex.Tagger // nil in benchmarks that leave dates out
	quotes *quote.Finder // nil: no quotes
	bufs   sync.Pool
}

// Option configures an Annotator.
type Option func(*Annotator)

// WithQuotes makes the Annotator find quotes with f, their speakers
// resolved to the entities it found.
func WithQuotes(f *quote.Finder) Option { return func(a *Annotator) { a.quotes = f } }

// New returns an Annotator that finds entities with m, and time
// expressions.
func New(m *ner.Model, opts ...Option) *Annotator {
	a := &Annotator{ner: m, timex: timex.New()}
	for _, o := range opts {
		o(a)
	}
	a.bufs.New = func() any { return new(buffers) }
	return a
}

// buffers are one call's working memory.
type buffers struct {
	toks   []text.Token    // every paragraph's tokens, back to back
	sents  []text.Sentence // every paragraph's sentences, back to back
	spans  []paraSpan      // per paragraph: where its tokens and sentences are
	words  []string        // every sentence's token strings, back to back
	doc    [][]string      // sentences as slices of words
	where  []tokenPlace    // per word in words: its paragraph and offsets
	paras  []quote.Paragraph
	ranges []sentRange
}

// paraSpan locates one paragraph's tokens and sentences in the shared
// buffers; sentence indexes count from the paragraph's first token.
type paraSpan struct{ tokFrom, tokTo, sentFrom, sentTo int }

type sentRange struct{ from, to int } // into buffers.words

type tokenPlace struct{ p, start, end int }

// Annotate sets art.Entities, art.Dates and, with WithQuotes,
// art.Quotes. The recognizer, the time grammar and the quote finder read
// English: an article whose language is known and is not English gets
// none rather than wrong ones. Dates resolve against art.Published.
func (a *Annotator) Annotate(art *article.Article) {
	art.Entities = []article.Entity{}
	art.Dates = []article.Date{}
	art.Quotes = []article.Quote{}
	if art.Language != nil && *art.Language != "en" || len(art.Paragraphs) == 0 {
		return
	}
	dc := timex.NewDocContext(article.Str(art.Published))
	b := a.bufs.Get().(*buffers)
	defer a.bufs.Put(b)
	b.toks, b.sents, b.spans = b.toks[:0], b.sents[:0], b.spans[:0]
	b.words, b.doc, b.where, b.ranges = b.words[:0], b.doc[:0], b.where[:0], b.ranges[:0]
	for p, para := range art.Paragraphs {
		ps := paraSpan{tokFrom: len(b.toks), sentFrom: len(b.sents)}
		b.toks = text.AppendTokens(b.toks, para)
		toks := b.toks[ps.tokFrom:]
		b.sents = text.AppendSentences(b.sents, para, toks)
		sents := b.sents[ps.sentFrom:]
		ps.tokTo, ps.sentTo = len(b.toks), len(b.sents)
		b.spans = append(b.spans, ps)
		if a.timex != nil {
			art.Dates = a.timex.Tag(art.Dates, p, para, toks, sents, dc)
		}
		for _, s := range sents {
			from := len(b.words)
			for _, t := range toks[s.Start:s.End] {
				b.words = append(b.words, text.CoNLLForm(t.Text))
				b.where = append(b.where, tokenPlace{p, t.Start, t.End})
			}
			b.ranges = append(b.ranges, sentRange{from, len(b.words)})
		}
	}
	// The buffers are complete, so slices of them stay valid.
	for _, r := range b.ranges {
		b.doc = append(b.doc, b.words[r.from:r.to])
	}
	ranges := b.ranges
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
	if a.quotes != nil {
		b.paras = b.paras[:0]
		for p, ps := range b.spans {
			b.paras = append(b.paras, quote.Paragraph{Text: art.Paragraphs[p], Tokens: b.toks[ps.tokFrom:ps.tokTo], Sentences: b.sents[ps.sentFrom:ps.sentTo]})
		}
		art.Quotes = a.quotes.Find(b.paras, art.Entities)
	}
}
