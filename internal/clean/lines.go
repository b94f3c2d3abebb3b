package clean

import (
	"strings"

	"github.com/dateline-news/dateline/internal/article"
)

// Body is what the text cleaner makes of a page's lines.
type Body struct {
	Paragraphs []string
	Captions   []article.Caption
	Removed    []article.Removed
	Authors    []string
}

// Mode says how much the line model is trusted: a naive dump of a page
// is mostly chrome, while an HTML extractor's output is mostly body and
// needs only the rules and a confident model to trim it.
type Mode int

const (
	// Dump is raw page text: every line is suspect.
	Dump Mode = iota
	// Extracted is the output of an HTML main-content extractor.
	Extracted
)

// CleanLines classifies each line of a page as body, caption or
// boilerplate.
func (c *Cleaner) CleanLines(lines []string, mode Mode) Body {
	var b Body
	shapes := make([]lineShape, len(lines))
	reasons := make([]string, len(lines))
	captions := make([]bool, len(lines))
	for i, l := range lines {
		shapes[i] = shapeOf(l)
		if text, credit, ok := splitCaption(l); ok {
			captions[i] = true
			b.Captions = append(b.Captions, article.Caption{Text: text, Credit: article.Ptr(credit)})
			continue
		}
		reasons[i] = ruleReason(l, shapes[i])
	}
	// The model sees every line, rules or not: menus flagged by rules are
	// still context for their neighbours.
	scores := c.model.Scores(lines)
	threshold := c.model.Threshold
	if mode == Extracted {
		threshold = c.extractedThreshold
	}
	comments := false
	for i, l := range lines {
		if captions[i] {
			continue
		}
		if comments {
			b.Removed = append(b.Removed, article.Removed{Text: l, Reason: article.ReasonComment})
			continue
		}
		if reasons[i] == article.ReasonComment && i > len(lines)/2 {
			// A comment section runs to the end of the page.
			comments = true
		}
		if reasons[i] != "" {
			b.Removed = append(b.Removed, article.Removed{Text: l, Reason: reasons[i]})
			continue
		}
		if len(b.Paragraphs) == 0 && len(b.Authors) == 0 && i < len(lines)/3+3 {
			if names := byline(l); names != nil {
				b.Authors = names
				b.Removed = append(b.Removed, article.Removed{Text: l, Reason: "byline"})
				continue
			}
		}
		if scores[i] < threshold {
			reason := article.ReasonChrome
			if shapes[i].words >= 8 && shapes[i].endPunct {
				reason = article.ReasonOutside
			}
			b.Removed = append(b.Removed, article.Removed{Text: l, Reason: reason})
			continue
		}
		b.Paragraphs = append(b.Paragraphs, l)
	}
	return b
}

// byline reads "By Jane Doe and John Roe, Reuters" as author names.
func byline(l string) []string {
	m := bylineRe.FindStringSubmatch(strings.TrimSpace(l))
	if m == nil {
		return nil
	}
	var names []string
	for _, n := range m[1:] {
		if n != "" {
			names = append(names, n)
		}
	}
	return names
}
