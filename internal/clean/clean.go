// Package clean turns one raw page into an article: the main text without
// boilerplate, captions apart with their credits, what was dropped and
// why, and the metadata users filter on (publisher, title, authors,
// language, publication date).
package clean

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ingest"
)

// Errors Clean returns; the caller names the page.
var (
	// ErrNoText is returned for a page with no text left after cleaning.
	ErrNoText = errors.New("clean: no article text found")
	// ErrBadHTML is returned for markup the HTML parser refuses, such as
	// elements nested more than 512 deep.
	ErrBadHTML = errors.New("clean: HTML cannot be parsed")
)

//go:embed model/lines.json
var embeddedModel []byte

var (
	defaultModel     *LineModel
	defaultModelErr  error
	defaultModelOnce sync.Once
)

// DefaultModel is the line model shipped in the binary, decoded once.
func DefaultModel() (*LineModel, error) {
	defaultModelOnce.Do(func() {
		var m LineModel
		if err := json.Unmarshal(embeddedModel, &m); err != nil {
			defaultModelErr = fmt.Errorf("clean: decode embedded line model: %w", err)
			return
		}
		defaultModel = &m
	})
	return defaultModel, defaultModelErr
}

// Cleaner cleans pages. It is safe for concurrent use.
type Cleaner struct {
	model *LineModel
	// LangDetect names the language of a body; nil leaves it unset.
	LangDetect func(string) string
}

// New returns a Cleaner using model, or the embedded model when nil.
func New(model *LineModel) (*Cleaner, error) {
	if model == nil {
		m, err := DefaultModel()
		if err != nil {
			return nil, err
		}
		model = m
	}
	return &Cleaner{model: model}, nil
}

// Clean turns page into an article. The error says why a page yields no
// article; the caller names the page.
func (c *Cleaner) Clean(ctx context.Context, page ingest.Page) (*article.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a := &article.Article{Source: page.Source, URL: article.Ptr(page.URL), Title: article.Ptr(page.Title)}
	var body Body
	var meta pageMeta
	switch page.Format {
	case ingest.HTML:
		var err error
		if body, meta, err = c.cleanHTML(page); err != nil {
			return nil, err
		}
	default:
		body = c.CleanLines(SplitParagraphs(string(page.Body)), Hints{Mode: Dump, Title: page.Title, Plain: true})
		meta.title = body.Title
	}
	if len(body.Paragraphs) == 0 {
		return nil, ErrNoText
	}
	a.Paragraphs = body.Paragraphs
	a.Captions = body.Captions
	a.Removed = body.Removed
	a.Authors = body.Authors
	if len(meta.authors) > 0 {
		a.Authors = meta.authors
	}
	if a.Title == nil {
		a.Title = article.Ptr(meta.title)
	}
	if a.URL == nil {
		a.URL = article.Ptr(meta.url)
	}
	a.Publisher = article.Ptr(publisher(meta.sitename, article.Str(a.URL), body))
	date, from := publicationDate(page.Published, meta.date, article.Str(a.URL), body)
	a.Published, a.PublishedFrom = article.Ptr(date), article.Ptr(from)
	if c.LangDetect != nil {
		a.Language = article.Ptr(c.LangDetect(strings.Join(a.Paragraphs, "\n")))
	}
	if a.Language == nil && meta.language != "" {
		a.Language = article.Ptr(meta.language)
	}
	a.ComputeID()
	a.Normalize()
	return a, nil
}

// pageMeta is what the page's markup says of itself.
type pageMeta struct {
	title, sitename, url, date, language string
	authors                              []string
}

// minExtracted is the fewest runes of main text we take from the HTML
// extractor before falling back to cleaning the page's whole text.
const minExtracted = 200

func (c *Cleaner) cleanHTML(page ingest.Page) (Body, pageMeta, error) {
	doc, err := html.Parse(bytes.NewReader(page.Body))
	if err != nil {
		// x/net/html recovers from any markup but refuses nesting deeper
		// than 512 open elements, which only hostile pages reach.
		return Body{}, pageMeta{}, fmt.Errorf("%w: %v", ErrBadHTML, err)
	}
	opts := trafilatura.Options{
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if u, err := url.Parse(page.URL); err == nil && page.URL != "" {
		opts.OriginalURL = u
	}
	var meta pageMeta
	var body Body
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err == nil && res != nil {
		md := res.Metadata
		meta = pageMeta{title: md.Title, sitename: md.Sitename, url: md.URL, language: md.Language}
		if !md.Date.IsZero() {
			meta.date = md.Date.Format("2006-01-02")
		}
		for _, a := range strings.Split(md.Author, ";") {
			if a = strings.TrimSpace(a); a != "" {
				meta.authors = append(meta.authors, a)
			}
		}
		if res.ContentNode != nil && utf8.RuneCountInString(res.ContentText) >= minExtracted {
			body = c.CleanLines(extractedLines(res.ContentNode), Hints{Mode: Extracted, Title: meta.title})
		}
	}
	if body.Paragraphs == nil {
		body = c.CleanLines(VisibleLines(doc), Hints{Mode: Dump, Title: meta.title})
	}
	addFigcaptions(&body, doc)
	return body, meta, nil
}

// addFigcaptions takes the page's <figcaption>s as captions: the HTML
// extractor drops figures, and with them the captions and credits users
// want kept apart. A caption already found among the lines is not added
// twice.
func addFigcaptions(b *Body, doc *html.Node) {
	seen := map[string]bool{}
	for _, c := range b.Captions {
		seen[c.Text] = true
	}
	for _, fc := range figcaptions(doc) {
		text, credit, ok := splitCaption(fc)
		if !ok {
			text, credit = fc, ""
		}
		if len(strings.Fields(text)) < 3 || seen[text] {
			continue
		}
		seen[text] = true
		b.Captions = append(b.Captions, article.Caption{Text: text, Credit: article.Ptr(credit)})
	}
}
