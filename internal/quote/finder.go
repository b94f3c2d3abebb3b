package quote

import (
	"github.com/dateline-news/dateline/internal/article"
)

// Finder finds quotes and reported speech in articles. It is safe for
// concurrent use.
type Finder struct {
	m *Model
}

// New returns a Finder that tags with m.
func New(m *Model) *Finder { return &Finder{m: m} }

// FindSpans returns the attributions in paras as PolNeAR draws them:
// source, cue and content spans, each source and content tied to a cue,
// in text order of the cues. entities are the article's (may be nil).
func (f *Finder) FindSpans(paras []Paragraph, entities []article.Entity) []Attribution {
	return f.m.FindSpans(paras, entities)
}
