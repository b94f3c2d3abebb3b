// Package storetest is the conformance suite every article.Store backend
// passes: Run it from the backend's tests with a function that opens a
// fresh, empty store. Its fixtures are exported for the layers above (the
// HTTP API, the web UI) to test against the same small world.
package storetest

import (
	"fmt"
	"strings"

	"github.com/dateline-news/dateline/internal/article"
)

// The fixtures' ids, for tests that name an article.
var (
	IDNato     string // AP News, 2023-04-20: Stoltenberg in Kyiv, a direct quote
	IDWildfire string // Reuters, 2023-07-17: "wildfire" in the title; dates last week
	IDZelensky string // Reuters, 2023-04-21: Zelenskyy and Stoltenberg quoted
	IDGerman   string // Der Spiegel, 2023-07-18, German: Zürich, Ärger
	IDHostile  string // no date: <script>, javascript: links, markers in the text
	IDUnicode  string // 2023-05-02: 北京, café, emoji
	IDElection string // 2023-04-20T23:30:00-05:00: elections, climate change
	IDBrief    string // Reuters, 2023-07-17: "wildfire" once in the body
)

func init() {
	fx := Fixtures()
	IDNato, IDWildfire, IDZelensky, IDGerman = fx[0].ID, fx[1].ID, fx[2].ID, fx[3].ID
	IDHostile, IDUnicode, IDElection, IDBrief = fx[4].ID, fx[5].ID, fx[6].ID, fx[7].ID
}

// Fixtures returns the suite's articles, fresh each call: eight articles
// with entities, quotes and dates placed so that every search semantic,
// filter and facet has a known answer.
func Fixtures() []*article.Article {
	var out []*article.Article
	add := func(a *article.Article) {
		a.ComputeID()
		a.Normalize()
		out = append(out, a)
	}

	nato := &article.Article{
		Source:        "fixtures/nato.html",
		URL:           article.Ptr("https://apnews.example/nato-kyiv"),
		Publisher:     article.Ptr("AP News"),
		Title:         article.Ptr("NATO chief Stoltenberg makes first visit to Kyiv"),
		Authors:       []string{"Hanna Arhirova"},
		Published:     article.Ptr("2023-04-20"),
		PublishedFrom: article.Ptr("metadata"),
		Language:      article.Ptr("en"),
		Paragraphs: []string{
			"NATO chief Jens Stoltenberg declared Thursday that Ukraine’s rightful place is in the military alliance.",
			"“Ukraine’s rightful place is in NATO,” Stoltenberg said at a news conference in Kyiv.",
			"The alliance has pledged more support, and NATO members sent armoured vehicles.",
		},
		Captions: []article.Caption{{Text: "Stoltenberg arrives in Kyiv.", Credit: article.Ptr("AP Photo/Efrem Lukatsky")}},
		Removed:  []article.Removed{{Text: "Subscribe to our newsletter", Reason: "promo"}},
	}
	nato.Entities = []article.Entity{
		entity(nato.Paragraphs, "Jens Stoltenberg", "PER", "Jens Stoltenberg", "Stoltenberg"),
		entity(nato.Paragraphs, "NATO", "ORG", "NATO"),
		entity(nato.Paragraphs, "Ukraine", "LOC", "Ukraine"),
		entity(nato.Paragraphs, "Kyiv", "LOC", "Kyiv"),
	}
	nato.Quotes = []article.Quote{
		quote(nato.Paragraphs, "direct", "Ukraine’s rightful place is in NATO", "Jens Stoltenberg", "said", 1, "Stoltenberg"),
	}
	nato.Dates = []article.Date{date(nato.Paragraphs, 0, "Thursday", "2023-04-20", "DATE")}
	add(nato)

	fire := &article.Article{
		Source:    "fixtures/fire.jsonl#1",
		URL:       article.Ptr("https://reuters.example/greece-wildfire"),
		Publisher: article.Ptr("Reuters"),
		Title:     article.Ptr("Wildfire forces thousands to flee near Athens"),
		Authors:   []string{},
		Published: article.Ptr("2023-07-17"),
		Language:  article.Ptr("en"),
		Paragraphs: []string{
			"Thousands of people were evacuated southeast of Athens as a wildfire burned through pine forest.",
			"Greece has been sweltering under a heat wave since last week, and the wildfire risk remains high, said Vassilis Kikilias.",
		},
	}
	fire.Entities = []article.Entity{
		entity(fire.Paragraphs, "Athens", "LOC", "Athens"),
		entity(fire.Paragraphs, "Greece", "LOC", "Greece"),
		entity(fire.Paragraphs, "Vassilis Kikilias", "PER", "Vassilis Kikilias"),
	}
	fire.Quotes = []article.Quote{
		quote(fire.Paragraphs, "indirect", "the wildfire risk remains high", "Vassilis Kikilias", "said", 1, "Vassilis Kikilias"),
	}
	fire.Dates = []article.Date{date(fire.Paragraphs, 1, "last week", "2023-W28", "DATE")}
	add(fire)

	zel := &article.Article{
		Source:    "fixtures/zelensky.txt",
		Publisher: article.Ptr("Reuters"),
		Title:     article.Ptr("Zelenskyy urges allies to speed up membership talks"),
		Published: article.Ptr("2023-04-21"),
		Language:  article.Ptr("en"),
		Paragraphs: []string{
			"Ukrainian President Volodymyr Zelenskyy urged NATO to give Ukraine a roadmap to membership.",
			"“We need a roadmap,” Zelenskyy said. Stoltenberg said the door remains open.",
		},
	}
	zel.Entities = []article.Entity{
		entity(zel.Paragraphs, "Volodymyr Zelenskyy", "PER", "Volodymyr Zelenskyy", "Zelenskyy"),
		entity(zel.Paragraphs, "NATO", "ORG", "NATO"),
		entity(zel.Paragraphs, "Ukraine", "LOC", "Ukraine"),
		entity(zel.Paragraphs, "Jens Stoltenberg", "PER", "Stoltenberg"),
	}
	zel.Quotes = []article.Quote{
		quote(zel.Paragraphs, "direct", "We need a roadmap", "Volodymyr Zelenskyy", "said", 1, "Zelenskyy"),
		quote(zel.Paragraphs, "indirect", "the door remains open", "Jens Stoltenberg", "said", 1, "Stoltenberg"),
		{Kind: "direct", Text: "Nobody claims this one", Cue: "added", P: 1, Start: 0, End: 4},
	}
	add(zel)

	de := &article.Article{
		Source:    "fixtures/spiegel.html",
		Publisher: article.Ptr("Der Spiegel"),
		Title:     article.Ptr("Waldbrand in Griechenland: Ärger über die Behörden"),
		Published: article.Ptr("2023-07-18"),
		Language:  article.Ptr("de"),
		Paragraphs: []string{
			"Der Waldbrand bei Athen wütet weiter. Auch in Zürich wächst der Ärger über die Hitze.",
		},
	}
	add(de)

	hostile := &article.Article{
		Source:    "fixtures/<hostile>.html",
		URL:       article.Ptr("javascript:alert(document.cookie)"),
		Publisher: article.Ptr("Evil <b>News</b>"),
		Title:     article.Ptr(`<script>alert("title")</script> Breaking exploit`),
		Paragraphs: []string{
			`Click <a href="javascript:alert(1)">here</a> for the exploit & more.`,
			"<img src=x onerror=alert(2)> \ue000fake marker\ue001 and a ' quote \" too.",
		},
	}
	hostile.Entities = []article.Entity{entity(hostile.Paragraphs, "<script>", "ORG", "here")}
	hostile.Quotes = []article.Quote{quote(hostile.Paragraphs, "direct", `<a href="javascript:alert(1)">here</a>`, "<b>Mallory</b>", "said", 0, "")}
	add(hostile)

	uni := &article.Article{
		Source:    "fixtures/unicode.txt",
		Publisher: article.Ptr("Xinhua"),
		Title:     article.Ptr("北京 hosts café summit 🌏"),
		Published: article.Ptr("2023-05-02"),
		Language:  article.Ptr("en"),
		Paragraphs: []string{
			"Delegates met in a café in 北京 on Tuesday. The mood was naïve optimism 😀, said Zoë Ångström.",
		},
	}
	uni.Entities = []article.Entity{entity(uni.Paragraphs, "Zoë Ångström", "PER", "Zoë Ångström")}
	uni.Quotes = []article.Quote{quote(uni.Paragraphs, "indirect", "The mood was naïve optimism", "Zoë Ångström", "said", 0, "Zoë Ångström")}
	uni.Dates = []article.Date{date(uni.Paragraphs, 0, "Tuesday", "2023-05-02", "DATE")}
	add(uni)

	elect := &article.Article{
		Source:    "fixtures/election.html",
		Publisher: article.Ptr("AP News"),
		Title:     article.Ptr("Voters weigh the economy"),
		Published: article.Ptr("2023-04-20T23:30:00-05:00"),
		Language:  article.Ptr("en"),
		Paragraphs: []string{
			"The elections next year will turn on climate change, analysts said, more than on a change in climate policy.",
			"Candidates elected in 2022 promised action. The U.S. economy grew.",
		},
	}
	elect.Entities = []article.Entity{entity(elect.Paragraphs, "U.S.", "LOC", "U.S.")}
	elect.Dates = []article.Date{
		date(elect.Paragraphs, 0, "next year", "2024", "DATE"),
		date(elect.Paragraphs, 1, "2022", "2022", "DATE"),
	}
	add(elect)

	brief := &article.Article{
		Source:    "fixtures/brief.txt",
		Publisher: article.Ptr("Reuters"),
		Title:     article.Ptr("Heat wave grips southern Europe"),
		Published: article.Ptr("2023-07-17"),
		Language:  article.Ptr("en"),
		Paragraphs: []string{
			"Temperatures passed 40 degrees in Italy and Spain, and a wildfire was reported in Greece among many other events of a long summer of heat across the continent.",
		},
	}
	brief.Entities = []article.Entity{
		entity(brief.Paragraphs, "Italy", "LOC", "Italy"),
		entity(brief.Paragraphs, "Spain", "LOC", "Spain"),
		entity(brief.Paragraphs, "Greece", "LOC", "Greece"),
	}
	add(brief)
	return out
}

// entity builds an entity with a mention at every occurrence of each
// form in the paragraphs, in text order.
func entity(paras []string, name, typ string, forms ...string) article.Entity {
	e := article.Entity{Name: name, Type: typ, Mentions: []article.Mention{}}
	for p, text := range paras {
		for _, form := range forms {
			for at := 0; ; {
				i := strings.Index(text[at:], form)
				if i < 0 {
					break
				}
				m := article.Mention{P: p, Start: at + i, End: at + i + len(form), Text: form}
				at += i + len(form)
				if !overlaps(e.Mentions, m) {
					e.Mentions = append(e.Mentions, m)
				}
			}
		}
	}
	// Text order, as the annotator writes them: by paragraph, then start.
	for i := 1; i < len(e.Mentions); i++ {
		for j := i; j > 0 && less(e.Mentions[j], e.Mentions[j-1]); j-- {
			e.Mentions[j], e.Mentions[j-1] = e.Mentions[j-1], e.Mentions[j]
		}
	}
	if len(e.Mentions) == 0 {
		panic(fmt.Sprintf("storetest: no mention of %q", name))
	}
	return e
}

func overlaps(ms []article.Mention, m article.Mention) bool {
	for _, o := range ms {
		if o.P == m.P && o.Start < m.End && m.Start < o.End {
			return true
		}
	}
	return false
}

func less(a, b article.Mention) bool {
	if a.P != b.P {
		return a.P < b.P
	}
	return a.Start < b.Start
}

func quote(paras []string, kind, text, speaker, cue string, p int, mention string) article.Quote {
	q := article.Quote{Kind: kind, Text: text, Speaker: article.Ptr(speaker), SpeakerType: article.Ptr("PER"), Cue: cue, P: p}
	if i := strings.Index(paras[p], text); i >= 0 {
		q.Start, q.End = i, i+len(text)
	}
	if mention != "" {
		if i := strings.Index(paras[p], mention); i >= 0 {
			q.Mention = &article.Mention{P: p, Start: i, End: i + len(mention), Text: mention}
		}
	}
	return q
}

func date(paras []string, p int, text, value, typ string) article.Date {
	i := strings.Index(paras[p], text)
	if i < 0 {
		panic(fmt.Sprintf("storetest: no %q in paragraph %d", text, p))
	}
	return article.Date{Text: text, Value: value, Type: typ, P: p, Start: i, End: i + len(text)}
}
