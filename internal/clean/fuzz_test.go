package clean

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ingest"
)

// normText is the input as the text cleaner sees it: every byte that is
// not valid UTF-8 read as U+FFFD (as ranging over a string does), line
// breaks and the white space collapseSpace folds made single spaces.
func normText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '\n', '\r', ' ', '\t', '\u00a0', '\u2009', '\u202f', '\u200b', '\ufeff', '\f', '\v':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzCleanLines cleans arbitrary bytes as a text page and as an HTML
// page. Neither may panic; every string out is valid UTF-8; the article
// marshals; and in text mode the cleaner only selects, never invents:
// each paragraph, caption, credit and the title is a substring of the input once
// white space is collapsed.
func FuzzCleanLines(f *testing.F) {
	for _, s := range []string{
		"",
		"close\nFox News Flash top headlines are here. Check out what’s clicking on Foxnews.com.\n" + strings.Join(storyLines, "\n"),
		strings.Join(storyLines[:3], "\n") + "\nJens Stoltenberg greets Volodymyr Zelenskyy in Kyiv on Apr. 20, 2023. (AP Photo/Efrem Lukatsky)\n",
		wrappedText(articleParagraphs, 70, "\r\n"),
		"By Jane Doe and John Roe, Reuters\n\n" + strings.Join(storyLines[:2], "\n\n"),
		"NATO chief makes first Kyiv visit since invasion\nApril 20, 2023\nBy Jane Doe\n" + strings.Join(storyLines[:3], "\n"),
		"<html><body><h1>Title</h1><p>" + strings.Join(storyLines[:3], "</p><p>") + "</p><script>alert(1)</script></body></html>",
		"\xff\xfe\x00caf\xe9 \u00a0\u200b\n\r\n\t",
		"(AP Photo/)\n(Photo by /)\nCredit: \nBy \n…\n...",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := testCleaner(t)
		ctx := context.Background()

		a, err := c.Clean(ctx, ingest.Page{Source: "f.txt", Format: ingest.Text, Body: data})
		checkFuzzArticle(t, a, err)
		if a != nil {
			in := normText(string(data))
			for _, p := range a.Paragraphs {
				if !strings.Contains(in, p) {
					t.Errorf("text mode: paragraph %q is not in the input", p)
				}
			}
			if title := article.Str(a.Title); !strings.Contains(in, title) {
				t.Errorf("text mode: title %q is not in the input", title)
			}
			for _, cp := range a.Captions {
				if !strings.Contains(in, cp.Text) || !strings.Contains(in, article.Str(cp.Credit)) {
					t.Errorf("text mode: caption %q / %q is not in the input", cp.Text, article.Str(cp.Credit))
				}
			}
		}

		// Pages reach the cleaner as valid UTF-8 (ingest guarantees it).
		page := []byte(strings.ToValidUTF8(string(data), "\uFFFD"))
		a, err = c.Clean(ctx, ingest.Page{Source: "f.html", Format: ingest.HTML, Body: page})
		checkFuzzArticle(t, a, err)
	})
}

func checkFuzzArticle(t *testing.T, a *article.Article, err error) {
	t.Helper()
	if err != nil {
		if a != nil || !errors.Is(err, ErrNoText) && !errors.Is(err, ErrBadHTML) {
			t.Fatalf("Clean = %v, %v; only ErrNoText or ErrBadHTML with no article is expected", a, err)
		}
		return
	}
	if len(a.Paragraphs) == 0 {
		t.Fatal("article without paragraphs")
	}
	for _, s := range strings.Split(articleText(a), "\n") {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 out: %q", s)
		}
	}
	for _, p := range a.Paragraphs {
		if p == "" {
			t.Error("empty paragraph")
		}
	}
	if _, err := json.Marshal(a); err != nil {
		t.Errorf("marshal: %v", err)
	}
}
