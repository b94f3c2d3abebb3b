package server

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

// The payloads a hostile page carries.
const (
	xssScript = `<script>alert(1)</script>`
	xssAttr   = `"><img src=x onerror=alert(1)>`
	xssURL    = `javascript:alert(1)`
)

// hostileArticle puts the payloads in every field a page shows: title,
// publisher, authors, URL, paragraphs, entity names, quotes and their
// speakers, dates, captions, removed blocks, language and source.
func hostileArticle() *article.Article {
	paras := []string{
		"Mallory " + xssScript + " wrote " + xssAttr + " and linked " + xssURL + " on Monday.",
		`“` + xssScript + ` is harmless,” said ` + xssAttr + `.`,
	}
	at := func(p int, s string) (int, int) {
		i := strings.Index(paras[p], s)
		if i < 0 {
			panic("no " + s)
		}
		return i, i + len(s)
	}
	mention := func(p int, s string) article.Mention {
		start, end := at(p, s)
		return article.Mention{P: p, Start: start, End: end, Text: s}
	}
	qs, qe := at(1, xssScript+" is harmless")
	ds, de := at(0, "Monday")
	speaker := mention(1, xssAttr)
	a := &article.Article{
		Source:        "evil/" + xssAttr + ".html",
		URL:           article.Ptr(xssURL),
		Publisher:     article.Ptr(xssAttr + " News"),
		Title:         article.Ptr(xssScript + " " + xssAttr),
		Authors:       []string{xssScript, xssAttr},
		Published:     article.Ptr("2023-05-01"),
		PublishedFrom: article.Ptr(xssAttr),
		Language:      article.Ptr("en"),
		Paragraphs:    paras,
		Captions:      []article.Caption{{Text: xssScript, Credit: article.Ptr(xssAttr)}},
		Removed:       []article.Removed{{Text: xssScript, Reason: xssAttr}},
		Entities: []article.Entity{
			{Name: xssScript, Type: "ORG", Mentions: []article.Mention{mention(0, xssScript), mention(1, xssScript)}},
			{Name: xssAttr, Type: "PER", Mentions: []article.Mention{mention(0, xssAttr), speaker}},
			{Name: xssURL, Type: "LOC", Mentions: []article.Mention{mention(0, xssURL)}},
		},
		Quotes: []article.Quote{{
			Kind: "direct", Text: xssScript + " is harmless", Speaker: article.Ptr(xssAttr), SpeakerType: article.Ptr("PER"),
			Cue: xssScript, P: 1, Start: qs, End: qe, Mention: &speaker,
		}},
		Dates: []article.Date{{Text: "Monday", Value: xssAttr, Type: "DATE", P: 0, Start: ds, End: de}},
	}
	a.ComputeID()
	a.Normalize()
	return a
}

func TestHostileTextIsEscaped(t *testing.T) {
	bad := hostileArticle()
	// The hostile article starts a story whose label, names and words
	// are payloads, and is a copy of the NATO article.
	links := storetest.FixtureLinks()
	links.Articles = append(links.Articles, article.ArticleLink{ID: bad.ID, Story: 5, Group: storetest.IDNato},
		article.ArticleLink{ID: storetest.IDNato, Group: storetest.IDNato})
	links.Stories = append(links.Stories, article.StoryLabel{ID: 5, Label: xssScript + " " + xssAttr, Entities: []string{xssAttr}, Terms: []string{xssURL}})
	links.Groups = append(links.Groups, article.DuplicateGroup{Name: storetest.IDNato, Earliest: storetest.IDNato, Size: 2})
	st := openStore(t, nil)
	if _, err := st.PutLinked(context.Background(), append(storetest.Fixtures(), bad), links); err != nil {
		t.Fatal(err)
	}
	s, err := New(st, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	esc := url.QueryEscape
	seg := url.PathEscape
	pages := []string{
		"/",
		"/?q=alert",
		"/?q=script+img",
		"/?publisher=" + esc(xssAttr+" News"),
		"/?entity=" + esc(xssScript) + "&type=ORG",
		"/?speaker=" + esc(xssAttr),
		"/?lang=" + esc(xssAttr),
		"/?q=" + esc(`"`+xssScript),   // a bad query echoing markup
		"/?sort=" + esc(xssScript),    // a bad sort the store names
		"/?from=" + esc(xssAttr),      // a bad date
		"/articles/" + seg(bad.ID),    // the article page
		"/articles/" + seg(xssScript), // an unknown id
		"/entities",
		"/entities?q=" + esc(xssScript),
		"/entities/ORG/" + seg(xssScript),
		"/entities/PER/" + seg(xssAttr),
		"/entities/LOC/" + seg(xssURL),
		"/entities/" + seg(xssScript) + "/x", // a bad type
		"/speakers",
		"/speakers/" + seg(xssAttr),
		"/speakers/" + seg(xssScript), // nobody
		"/quotes",
		"/quotes?q=harmless",
		"/quotes?q=" + esc(xssAttr),
		"/trends?q=alert",
		"/trends?entity=" + esc(xssScript),
		"/trends?q=" + esc(xssScript) + "&publisher=" + esc(xssAttr),
		"/" + seg(xssScript), // a 404
		"/stories",
		"/stories?q=alert",
		"/stories?q=" + esc(`"`+xssScript), // a bad query echoing markup
		"/stories?entity=" + esc(xssAttr),
		"/stories?from=" + esc(xssAttr),
		"/stories/5",                         // the hostile story
		"/stories/" + seg(xssScript),         // not an id
		"/?q=alert&collapse=story",           // grouped search
		"/?collapse=" + esc(xssScript),       // a bad collapse
		"/articles/" + seg(storetest.IDNato), // a copy with a hostile title
	}
	rendered := map[string]bool{} // which payloads showed up, escaped
	for _, p := range pages {
		res, body := get(t, s, "GET", p)
		if res.StatusCode >= 500 {
			t.Errorf("%s: status %d", p, res.StatusCode)
		}
		checkPage(t, p, body)
		for _, x := range []string{xssScript, xssAttr, xssURL} {
			if strings.Contains(body, html.EscapeString(x)) {
				rendered[x] = true
			}
		}
	}
	// The test is worth something only if the payloads were on the pages.
	for _, x := range []string{xssScript, xssAttr, xssURL} {
		if !rendered[x] {
			t.Errorf("%s never appeared on a page, even escaped", x)
		}
	}

	// The article page shows all of it, escaped.
	_, body := get(t, s, "GET", "/articles/"+bad.ID)
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
		`Source address (not a web link): <code>javascript:alert(1)</code>`,
		`href="/entities/ORG/%3Cscript%3Ealert%281%29%3C%2Fscript%3E"`,
		`href="/speakers/%22%3E%3Cimg%20src=x%20onerror=alert%281%29%3E"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}

	// The story page and grouped search show the hostile label, escaped.
	for _, p := range []string{"/stories/5", "/stories", "/?q=alert&collapse=story"} {
		_, body := get(t, s, "GET", p)
		if !strings.Contains(body, html.EscapeString(xssScript)) {
			t.Errorf("%s lacks the story's label, escaped", p)
		}
	}

	// The API escapes markup in JSON strings too.
	for _, p := range []string{"/api/articles/" + bad.ID, "/api/search?q=alert", "/api/quotes?q=harmless", "/api/entities",
		"/api/stories", "/api/stories/5", "/api/articles/" + storetest.IDNato, "/api/search?q=alert&collapse=story"} {
		_, body := get(t, s, "GET", p)
		if strings.ContainsAny(body, "<>") {
			t.Errorf("%s: JSON holds raw < or >", p)
		}
	}
}

// checkPage fails if the page holds any script, an event handler
// attribute, or a link, source or form target using javascript:.
func checkPage(t *testing.T, name, body string) {
	t.Helper()
	for _, raw := range []string{xssScript, "<img", "<script", "<iframe", "<object", "<embed"} {
		if strings.Contains(strings.ToLower(body), raw) {
			t.Errorf("%s: page holds %s unescaped", name, raw)
		}
	}
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Errorf("%s: %v", name, z.Err())
			}
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if tok.Data == "script" || tok.Data == "img" {
			t.Errorf("%s: a <%s> element", name, tok.Data)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				t.Errorf("%s: <%s %s=%q>", name, tok.Data, a.Key, a.Val)
			}
			switch key {
			case "href", "src", "action", "formaction", "xlink:href", "data", "poster":
				v := strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1 // browsers skip these in a scheme
					}
					return r
				}, strings.ToLower(a.Val))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:text/html") || strings.HasPrefix(v, "vbscript:") {
					t.Errorf("%s: <%s %s=%q>", name, tok.Data, a.Key, a.Val)
				}
			}
		}
	}
}
