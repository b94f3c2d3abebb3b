package server

import (
	"net/url"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/store/storetest"
)

func TestPages(t *testing.T) {
	s := newTestServer(t, Options{})
	nato := "/articles/" + storetest.IDNato
	tests := []struct {
		name   string
		target string
		status int
		want   []string // substrings of the page
		not    []string
	}{
		{name: "home browses", target: "/", status: 200, want: []string{"8 articles, 2023-04-20 to 2023-07-18", `href="/articles/`, "Publishers", "Speakers", `<a class="skip" href="#main">`}},
		{name: "search", target: "/?q=nato", status: 200, want: []string{"2 articles", "<mark>NATO</mark>", "NATO chief Stoltenberg makes first visit to Kyiv", `href="/trends?q=nato"`}},
		{name: "empty form fields are not carried", target: "/?q=nato&from=&to=&sort=&limit=1", status: 200, want: []string{`href="/trends?q=nato"`, `rel="next" href="/?limit=1&amp;offset=1&amp;q=nato"`}},
		{name: "search keeps filters in the form", target: "/?q=nato&publisher=Reuters", status: 200, want: []string{"1 article<", `<input type="hidden" name="publisher" value="Reuters">`, `Publisher: Reuters <a href="/?q=nato"`}},
		{name: "facet links add a filter", target: "/?q=wildfire", status: 200, want: []string{`href="/?publisher=Reuters&amp;q=wildfire"`, `href="/?entity=Greece&amp;q=wildfire"`}},
		{name: "active facet removes", target: "/?q=wildfire&publisher=Reuters", status: 200, want: []string{`<li class="active"><a href="/?q=wildfire" aria-current="true">Reuters</a>`}},
		{name: "language facet replaces", target: "/?lang=de", status: 200, want: []string{"1 article<", "Language: de"}},
		{name: "date range", target: "/?from=2023-07&to=2023-07", status: 200, want: []string{"3 articles", `value="2023-07"`}},
		{name: "pagination", target: "/?limit=3", status: 200, want: []string{`rel="next" href="/?limit=3&amp;offset=3"`, "1–3 of 8"}},
		{name: "second page", target: "/?limit=3&offset=3", status: 200, want: []string{`rel="prev" href="/?limit=3"`, `rel="next" href="/?limit=3&amp;offset=6"`, "4–6 of 8"}},
		{name: "bad query", target: "/?q=%22nato", status: 400, want: []string{`role="alert"`, "Bad query:", `aria-invalid="true"`}},
		{name: "bad date", target: "/?from=yesterday", status: 400, want: []string{"Bad query:"}},
		{name: "bad limit", target: "/?limit=x", status: 400, want: []string{"limit must be a whole number"}},
		{name: "no match", target: "/?q=zebra", status: 200, want: []string{"No articles match"}},
		{name: "article", target: nato, status: 200, want: []string{
			"<h1>NATO chief Stoltenberg makes first visit to Kyiv</h1>",
			`<a class="ent ent-PER" href="/entities/PER/Jens%20Stoltenberg" title="Jens Stoltenberg (person)">Jens Stoltenberg</a>`,
			`<mark class="quote quote-direct" title="direct quote by Jens Stoltenberg">`,
			`<a class="who" href="/speakers/Jens%20Stoltenberg"`,
			`<span class="date" title="2023-04-20">Thursday</span>`,
			`<p id="p1">`,
			`href="https://apnews.example/nato-kyiv"`,
			`<a href="/?publisher=AP&#43;News">AP News</a>`,
			"Subscribe to our newsletter", "AP Photo/Efrem Lukatsky",
		}},
		{name: "article unknown", target: "/articles/0000000000000000", status: 404, want: []string{"404 Not Found"}},
		{name: "article story and copies", target: "/articles/" + storetest.IDBrief, status: 200, want: []string{
			`<a class="story-link" href="/stories/2">Athens, wildfire, heat</a>`, "1 other copy of this article", `href="/articles/` + storetest.IDWildfire + `"`,
		}},
		{name: "stories", target: "/stories", status: 200, want: []string{
			"4 stories, newest first", `<a href="/stories/2">Athens, wildfire, heat</a>`, "2023-07-17 to 2023-07-18 · 3 articles · 2 outlets",
			`<a href="/stories/4">&lt;i&gt;voters&lt;/i&gt; &amp; &#34;economy&#34;</a>`, `aria-current="page">Stories</a>`,
		}},
		{name: "stories filtered", target: "/stories?q=wildfire", status: 200, want: []string{"1 story,", `value="wildfire"`}, not: []string{"/stories/1"}},
		{name: "stories none", target: "/stories?entity=Nobody", status: 200, want: []string{"No stories match"}},
		{name: "stories bad query", target: "/stories?q=%22x", status: 400, want: []string{"Bad query:"}},
		{name: "story", target: "/stories/2", status: 200, want: []string{
			"<h1>Athens, wildfire, heat</h1>", "2023-07-17 to 2023-07-18 · 3 articles · 2 outlets", "<svg", `class="bar"`,
			"Articles, in time order", `<time datetime="2023-07-17">2023-07-17</time>`, "(2 copies; the others:",
			`<a href="/?publisher=Der&#43;Spiegel">Der Spiegel</a>`, "Who said what", `href="/speakers/Vassilis%20Kikilias"`,
		}},
		{name: "story undated article last", target: "/stories/1", status: 200, want: []string{`<span class="undated">undated</span>`,
			`Articles about another event of the same kind went to <a href="/stories/3">story 3</a>.`}},
		{name: "story split off", target: "/stories/3", status: 200, want: []string{`Split off from <a href="/stories/1">story 1</a>`}},
		{name: "story unknown", target: "/stories/99", status: 404},
		{name: "story not an id", target: "/stories/abc", status: 404},
		{name: "search grouped by story", target: "/?q=wildfire&collapse=story", status: 200, want: []string{
			"1 result, one per story", "2 matching articles in this story", "2 copies", `<a class="story-link" href="/stories/2">Athens, wildfire, heat</a>`,
			`<input type="hidden" name="collapse" value="story">`, `href="/?q=wildfire">Show every article</a>`,
		}},
		{name: "search offers grouping", target: "/?q=wildfire", status: 200, want: []string{`href="/?collapse=story&amp;q=wildfire">Group by story</a>`, "story: <a"}},
		{name: "entities", target: "/entities", status: 200, want: []string{`<a href="/entities/LOC/Ukraine">Ukraine</a>`, "13 names"}},
		{name: "entities by type", target: "/entities?type=PER&q=stolt", status: 200, want: []string{"Jens Stoltenberg", "1 name,"}, not: []string{"Ukraine"}},
		{name: "entities bad type", target: "/entities?type=ANIMAL", status: 400},
		{name: "entity", target: "/entities/PER/Jens%20Stoltenberg", status: 200, want: []string{
			"<h1>Jens Stoltenberg", "Named in 2 articles, 3 mentions", "<svg", `class="bar"`,
			"Articles naming Jens Stoltenberg per day, 2 in all, from 2023-04-20 to 2023-04-21.",
			"Latest quotes", `href="/speakers/Jens%20Stoltenberg"`, "Named in the same articles",
			`<a href="/?entity=Jens&#43;Stoltenberg&amp;from=2023-04-20&amp;to=2023-04-20&amp;type=PER">2023-04-20</a>`,
		}},
		{name: "entity folded name", target: "/entities/LOC/zurich", status: 404},
		{name: "entity unknown", target: "/entities/PER/Nobody", status: 404},
		{name: "entity bad type", target: "/entities/ANIMAL/NATO", status: 404},
		{name: "speakers", target: "/speakers", status: 200, want: []string{`<a href="/speakers/Jens%20Stoltenberg">Jens Stoltenberg</a>`}},
		{name: "speaker", target: "/speakers/Jens%20Stoltenberg", status: 200, want: []string{
			"<h1>Jens Stoltenberg</h1>", "2 quotes, newest first",
			`<time datetime="2023-04-21">2023-04-21</time>`, `<time datetime="2023-04-20">2023-04-20</time>`,
			"the door remains open", "Ukraine’s rightful place is in NATO",
			`href="/articles/` + storetest.IDNato + `#p1"`, `href="/entities/PER/Jens%20Stoltenberg"`,
		}},
		{name: "speaker words", target: "/speakers/Jens%20Stoltenberg?q=door", status: 200, want: []string{"1 quote,", "the door remains open"}, not: []string{"rightful"}},
		{name: "speaker unknown", target: "/speakers/Nobody", status: 404},
		{name: "speaker words nothing", target: "/speakers/Jens%20Stoltenberg?q=zebra", status: 200, want: []string{"No quotes match"}},
		{name: "speaker bad query", target: "/speakers/Jens%20Stoltenberg?q=(door", status: 400, want: []string{"Bad query:"}},
		{name: "quotes", target: "/quotes?q=roadmap", status: 200, want: []string{"We need a roadmap", `href="/speakers/Volodymyr%20Zelenskyy"`}},
		{name: "quotes unknown speaker", target: "/quotes", status: 200, want: []string{"unknown speaker"}},
		{name: "trends", target: "/trends?q=wildfire", status: 200, want: []string{"<svg", "Articles matching “wildfire” per day", `href="/?from=2023-07-17&amp;q=wildfire&amp;to=2023-07-17"`}},
		{name: "trends entity", target: "/trends?entity=NATO", status: 200, want: []string{"Articles naming NATO over time", `value="NATO"`}},
		{name: "trends all", target: "/trends", status: 200, want: []string{"<svg", "7 in all"}},
		{name: "trends nothing", target: "/trends?q=zebra", status: 200, want: []string{"No dated article matches"}},
		{name: "trends bad", target: "/trends?q=AND", status: 400, want: []string{"Bad query:"}},
		{name: "unknown page", target: "/nothing/here", status: 404, want: []string{"There is no page at this address."}},
		{name: "stylesheet", target: "/static/style.css", status: 200, want: []string{":focus-visible"}},
		{name: "no folder listing", target: "/static/", status: 404, not: []string{"style.css"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, s, "GET", tt.target)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d:\n%s", res.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("page has %s", n)
				}
			}
			if t.Failed() {
				t.Logf("page:\n%s", body)
			}
		})
	}
}

func TestToggle(t *testing.T) {
	v := url.Values{"q": {"x"}, "publisher": {"A", "B"}, "offset": {"20"}}
	tests := []struct {
		key, val string
		single   bool
		want     string
	}{
		{"publisher", "C", false, "publisher=A&publisher=B&publisher=C&q=x"},
		{"publisher", "a", false, "publisher=B&q=x"},
		{"lang", "en", true, "lang=en&publisher=A&publisher=B&q=x"},
	}
	for _, tt := range tests {
		if got := toggle(v, tt.key, tt.val, tt.single).Encode(); got != tt.want {
			t.Errorf("toggle(%s, %s) = %s, want %s", tt.key, tt.val, got, tt.want)
		}
	}
	if v.Get("offset") != "20" || len(v["publisher"]) != 2 {
		t.Errorf("toggle changed its argument: %v", v)
	}
}

func TestComma(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := comma(n); got != want {
			t.Errorf("comma(%d) = %s, want %s", n, got, want)
		}
	}
}
