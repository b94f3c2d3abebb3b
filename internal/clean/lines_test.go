package clean

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

// storyLines are body paragraphs of a realistic length, as a scraper
// dump holds them, one per line.
var storyLines = []string{
	"NATO chief Jens Stoltenberg defiantly declared Thursday that Ukraine’s “rightful place” is in the military alliance and pledged more support for the country on his first visit to Kyiv since Russia’s invasion just over a year ago.",
	"Ukrainian President Volodymyr Zelenskyy urged Stoltenberg, who has been instrumental in marshaling support from NATO members, to push for even more from them, including warplanes, artillery and armored equipment.",
	"The Kremlin has given various justifications for going to war, but repeated Thursday that preventing Ukraine from joining NATO is still a key goal of its invasion, arguing that Kyiv’s membership in the alliance would pose an existential threat to Russia.",
	"NATO leaders said in 2008 that Ukraine would join the alliance one day, and Stoltenberg has repeated that promise throughout the war, though the organization has established no pathway or timetable for membership.",
	"“Let me be clear, Ukraine’s rightful place is in the Euro-Atlantic family,” Stoltenberg told a news conference. “Ukraine’s rightful place is in NATO.”",
	"Zelenskyy said he was grateful for an invitation to a NATO summit in July in Vilnius, Lithuania, but said his country needs a roadmap for becoming a member.",
	"He noted an announcement Thursday by Denmark and the Netherlands that they plan to provide Ukraine with at least another 14 refurbished Leopard 2 battle tanks by early 2024.",
	"The fighting in recent months has become a war of attrition, with neither side able to gain momentum. But Ukraine has recently received sophisticated weapons from its Western allies and is expected to launch a counteroffensive in coming weeks.",
	"Russian President Vladimir Putin has warned that Moscow could use “all means available” — a phrase some see as a threat to use nuclear weapons — in response to an attack on its territory if Ukraine attempts to recapture Moscow-occupied areas.",
	"NATO has no official presence in Ukraine and provides only nonlethal support to Kyiv, but Stoltenberg has been the strong voice of the alliance throughout the war.",
	"A procession of international leaders has made the journey to Kyiv over the last year, and the former Norwegian prime minister is one of the last major Western figures to do so.",
	"Finland’s membership doubles Russia’s border with the world’s biggest security alliance. Neighboring Sweden is expected to join in coming months, too, possibly by the time U.S. President Joe Biden and his NATO counterparts meet in Vilnius in July.",
}

func reasons(b Body) map[string]string {
	m := map[string]string{}
	for _, r := range b.Removed {
		m[r.Text] = r.Reason
	}
	return m
}

// TestCleanLinesStory checks the text cleaner on a page made of a story
// and the usual furniture around it.
func TestCleanLinesStory(t *testing.T) {
	caption := "Jens Stoltenberg and Volodymyr Zelenskyy greet each other in Kyiv, Ukraine, on Apr. 20, 2023. (AP Photo/Efrem Lukatsky)"
	lines := []string{
		"Home",
		"World",
		"NATO chief makes first Kyiv visit since invasion",
		"By Jane Doe and John Roe",
		"Sign up for our Morning Briefing newsletter",
	}
	lines = append(lines, storyLines[:6]...)
	lines = append(lines, caption, "RUSSIA’S MEDVEDEV THREATENS TO ARM NORTH KOREA IF SOUTH KOREA ARMS UKRAINE")
	lines = append(lines, storyLines[6:]...)
	lines = append(lines,
		"Reporting by Jane Doe in Kyiv; Editing by John Roe",
		"Read more: Ukraine's counteroffensive, explained",
		"close Video Fox News Flash top headlines for November 26 Fox News Flash top headlines…",
	)
	b := testCleaner(t).CleanLines(lines, Hints{Mode: Dump, Title: "NATO chief makes first Kyiv visit since invasion | Example News"})
	if !reflect.DeepEqual(b.Paragraphs, storyLines) {
		t.Errorf("paragraphs:\n%s", lineDiff(strings.Join(storyLines, "\n"), strings.Join(b.Paragraphs, "\n")))
	}
	if want := []string{"Jane Doe", "John Roe"}; !reflect.DeepEqual(b.Authors, want) {
		t.Errorf("authors = %q, want %q", b.Authors, want)
	}
	if len(b.Captions) != 1 || b.Captions[0].Text != strings.TrimSuffix(caption, " (AP Photo/Efrem Lukatsky)") || article.Str(b.Captions[0].Credit) != "AP Photo/Efrem Lukatsky" {
		t.Errorf("captions = %+v", b.Captions)
	}
	got := reasons(b)
	for line, want := range map[string]string{
		"NATO chief makes first Kyiv visit since invasion":                           ReasonTitle,
		"By Jane Doe and John Roe":                                                   ReasonByline,
		"Sign up for our Morning Briefing newsletter":                                article.ReasonPromo,
		"RUSSIA’S MEDVEDEV THREATENS TO ARM NORTH KOREA IF SOUTH KOREA ARMS UKRAINE": article.ReasonCrosslink,
		"Reporting by Jane Doe in Kyiv; Editing by John Roe":                         ReasonCredit,
		"Read more: Ukraine's counteroffensive, explained":                           article.ReasonRelated,
	} {
		if got[line] != want {
			t.Errorf("%q removed as %q, want %q", line, got[line], want)
		}
	}
	// Every line ends up somewhere, once.
	if n := len(b.Paragraphs) + len(b.Captions) + len(b.Removed); n != len(lines) {
		t.Errorf("%d paragraphs + captions + removed for %d lines", n, len(lines))
	}
}

// TestCleanLinesExtracted checks that in Extracted mode only rules cut:
// a short line the model would drop stays.
func TestCleanLinesExtracted(t *testing.T) {
	lines := append([]string{"What happens next"}, storyLines[:3]...)
	lines = append(lines, "Sign up for our Morning Briefing newsletter")
	b := testCleaner(t).CleanLines(lines, Hints{Mode: Extracted})
	want := append([]string{"What happens next"}, storyLines[:3]...)
	if !reflect.DeepEqual(b.Paragraphs, want) {
		t.Errorf("paragraphs = %q", b.Paragraphs)
	}
	if len(b.Removed) != 1 || b.Removed[0].Reason != article.ReasonPromo {
		t.Errorf("removed = %+v", b.Removed)
	}
}

// TestCommentSectionRunsToEnd checks the comment rule: a comment-section
// head in the second half of a page drops the rest of the page.
func TestCommentSectionRunsToEnd(t *testing.T) {
	comments := []string{
		"248 Comments",
		"JohnD 3 hours ago",
		"This is the most important thing the alliance has done in decades and everyone should pay attention to it.",
		"Reply",
	}
	lines := append(slices.Clone(storyLines), comments...)
	b := testCleaner(t).CleanLines(lines, Hints{Mode: Dump})
	if !reflect.DeepEqual(b.Paragraphs, storyLines) {
		t.Errorf("paragraphs:\n%s", lineDiff(strings.Join(storyLines, "\n"), strings.Join(b.Paragraphs, "\n")))
	}
	got := reasons(b)
	for _, c := range comments {
		if got[c] != article.ReasonComment {
			t.Errorf("%q removed as %q, want comment", c, got[c])
		}
	}
}

// TestCommentWordInBody: a body sentence that opens with "Comment" in the
// second half of a story must not end the story.
func TestCommentWordInBody(t *testing.T) {
	knownBug(t, "commentRe matches the body sentence \"Comment has been sought from the company.\" (<= 8 words); past the page's middle CleanLines then drops every later line as a comment section")
	lines := slices.Clone(storyLines[:8])
	lines = append(lines, "Comment has been sought from the company.")
	lines = append(lines, storyLines[8:]...)
	b := testCleaner(t).CleanLines(lines, Hints{Mode: Dump})
	for _, want := range storyLines[8:] {
		if !slices.Contains(b.Paragraphs, want) {
			t.Errorf("body line after the comment sentence lost: %q (removed as %q)", want, reasons(b)[want])
		}
	}
}

// TestCleanLinesBylineLede: a lede that opens "By Thursday, …" is body,
// and names no author.
func TestCleanLinesBylineLede(t *testing.T) {
	knownBug(t, "byline() reads \"By Thursday, the death toll had risen to 41, officials said.\" as a byline: the lede is removed and Authors is [Thursday]")
	lede := "By Thursday, the death toll had risen to 41, officials said."
	lines := append([]string{lede}, storyLines...)
	b := testCleaner(t).CleanLines(lines, Hints{Mode: Dump})
	if len(b.Authors) != 0 {
		t.Errorf("authors = %q, want none", b.Authors)
	}
	if r := reasons(b)[lede]; r == ReasonByline {
		t.Errorf("lede removed as %q", r)
	}
}

func TestCleanLinesEmpty(t *testing.T) {
	for _, lines := range [][]string{nil, {}, {""}, {"", " "}} {
		b := testCleaner(t).CleanLines(lines, Hints{Mode: Dump})
		if len(b.Paragraphs) != 0 {
			t.Errorf("CleanLines(%q) = %q", lines, b.Paragraphs)
		}
	}
}

func TestSameText(t *testing.T) {
	tests := []struct {
		line, title string
		want        bool
	}{
		{"NATO chief visits Kyiv", "NATO chief visits Kyiv", true},
		{"NATO chief makes first Kyiv visit since invasion", "NATO chief makes first Kyiv visit since invasion | Fox News", true},
		{"NATO chief’s Kyiv visit", "NATO CHIEF'S KYIV VISIT", true},
		{"NATO", "NATO chief makes first Kyiv visit", false}, // too short to be a prefix match
		{"", "", false},
		{"Kyiv", "", false},
	}
	for _, tt := range tests {
		if got := sameText(tt.line, tt.title); got != tt.want {
			t.Errorf("sameText(%q, %q) = %v, want %v", tt.line, tt.title, got, tt.want)
		}
	}
}

// TestTeaserRuns: truncated teasers come in rails and are removed as
// such; one line trailing off inside running text is not a teaser.
func TestTeaserRuns(t *testing.T) {
	rail := []string{
		"close Video Illegal immigration is not just illegal, it’s ‘dangerous,’ CA mayor says Newport Beach,…",
		"close Video Cook County Democratic official slurs, flaunts position during DUI arrest Cook County Board…",
		"close Video Should Trump's transition team trust the FBI? Fox News contributors Mary Katharine Ham…",
	}
	trailing := "Asked whether the talks would resume, the minister shrugged and said that they would go on and on and…"
	lines := slices.Clone(storyLines[:6])
	lines = append(lines, trailing)
	lines = append(lines, storyLines[6:]...)
	lines = append(lines, rail...)
	b := testCleaner(t).CleanLines(lines, Hints{Mode: Dump})
	got := reasons(b)
	for _, l := range rail {
		if got[l] != article.ReasonTeaser {
			t.Errorf("%q removed as %q, want teaser", l, got[l])
		}
	}
	if got[trailing] == article.ReasonTeaser {
		t.Errorf("a lone line in running text removed as teaser: %q", trailing)
	}
	for _, p := range storyLines {
		if !slices.Contains(b.Paragraphs, p) {
			t.Errorf("body line lost: %q (%q)", p, got[p])
		}
	}
}

// TestCleanLinesHeadline checks the headline a plain-text page opens
// with: taken as the title above its story, its date lines and bylines;
// refused when more than a line of chrome stands above the story (a dump
// of a whole web page) or when the line reads as something else. Only
// lines the line model drops are candidates: a question or a standfirst
// it keeps as body stays body.
func TestCleanLinesHeadline(t *testing.T) {
	story := storyLines[:4]
	for _, tc := range []struct {
		name string
		top  []string
		want string
	}{
		{"headline", []string{"NATO chief makes first Kyiv visit since invasion"}, "NATO chief makes first Kyiv visit since invasion"},
		{"date line and byline between", []string{"NATO chief makes first Kyiv visit since invasion", "April 20, 2023", "By Jane Doe"}, "NATO chief makes first Kyiv visit since invasion"},
		{"a line of chrome above", []string{"close", "NATO chief makes first Kyiv visit since invasion"}, "NATO chief makes first Kyiv visit since invasion"},
		{"in capitals", []string{"NATO CHIEF MAKES FIRST KYIV VISIT SINCE INVASION", "April 20, 2023"}, "NATO CHIEF MAKES FIRST KYIV VISIT SINCE INVASION"},
		{"a time stamp of another form below", []string{"NATO chief makes first Kyiv visit since invasion", "on Apr 20 2023, 5: 03p"}, "NATO chief makes first Kyiv visit since invasion"},
		{"menus above", []string{"Skip to main content", "Home", "World", "NATO chief makes first Kyiv visit since invasion"}, ""},
		{"none", nil, ""},
		{"two sentences", []string{"Fox News Flash top headlines are here. Check out what's clicking on Foxnews.com."}, ""},
		{"a label", []string{"Listen to this article:"}, ""},
		{"a time stamp", []string{"First Published: June 13, 2013 4: 59 PM EDT"}, ""},
		{"a stamp in digits", []string{"Article posted on 08. 07. 2012"}, ""},
		{"a handle", []string{"Jane Doe @janedoe / 2 days"}, ""},
		{"a menu", []string{"News | Sport | Weather"}, ""},
		{"a word", []string{"Advertisement"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := append(slices.Clone(tc.top), story...)
			b := testCleaner(t).CleanLines(lines, Hints{Mode: Dump, Plain: true})
			if b.Title != tc.want {
				t.Errorf("title %q, want %q", b.Title, tc.want)
			}
			if !reflect.DeepEqual(b.Paragraphs, story) {
				t.Errorf("paragraphs = %q", b.Paragraphs)
			}
			if tc.want != "" && reasons(b)[tc.want] != ReasonTitle {
				t.Errorf("%q removed as %q, want %q", tc.want, reasons(b)[tc.want], ReasonTitle)
			}
			// Only a page that names no title of its own is read for one.
			if b := testCleaner(t).CleanLines(lines, Hints{Mode: Dump}); b.Title != "" {
				t.Errorf("title %q without Plain", b.Title)
			}
		})
	}
}

// TestExtendBody checks the whole sentences a plain-text page keeps
// next to the lines the model kept (scores under the threshold, 0.4
// here, are the model's "out"): sentences run on from either end, up
// only on a page that opens with its story; a
// short line, a line a rule claimed or a fragment stops the run;
// captions are passed over; a page the model kept nothing of is left
// alone.
func TestExtendBody(t *testing.T) {
	const body, out = 0.9, 0.1
	sentence := "She died an hour later at the county medical center."
	quoted := "\"We will rebuild the church, whatever it takes,\" the pastor said. \""
	for _, tc := range []struct {
		name     string
		lines    []string
		reasons  []string
		captions []int
		scores   []float64
		want     []bool // kept after extendBody
	}{
		{"closing sentences", []string{storyLines[0], sentence, quoted}, nil, nil, []float64{body, out, out}, []bool{true, true, true}},
		{"an opening sentence", []string{"Charges filed in parking lot crash", sentence, storyLines[0]}, nil, nil, []float64{out, out, body}, []bool{false, true, true}},
		{"not below a web page's menus", []string{"Home", "World", "Politics", "Sign in", sentence, storyLines[0]}, nil, nil, []float64{out, out, out, out, out, body}, []bool{false, false, false, false, false, true}},
		{"a footer stops it", []string{storyLines[0], sentence, "Share this story", sentence}, nil, nil, []float64{body, out, out, out}, []bool{true, true, false, false}},
		{"a rule stops it", []string{storyLines[0], sentence, sentence}, []string{"", article.ReasonPromo, ""}, nil, []float64{body, out, out}, []bool{true, false, false}},
		{"a fragment stops it", []string{storyLines[0], "Reporting from the county medical center and the courthouse", sentence}, nil, nil, []float64{body, out, out}, []bool{true, false, false}},
		{"a caption is passed over", []string{storyLines[0], "A caption", sentence}, nil, []int{1}, []float64{body, out, out}, []bool{true, false, true}},
		{"no body", []string{sentence, sentence}, nil, nil, []float64{out, out}, []bool{false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := len(tc.lines)
			shapes := make([]lineShape, n)
			for i, l := range tc.lines {
				shapes[i] = shapeOf(l)
			}
			reasons := tc.reasons
			if reasons == nil {
				reasons = make([]string, n)
			}
			captions := make([]bool, n)
			for _, i := range tc.captions {
				captions[i] = true
			}
			scores := slices.Clone(tc.scores)
			extendBody(tc.lines, shapes, reasons, captions, scores, 0.4)
			for i := range n {
				if got := !captions[i] && reasons[i] == "" && scores[i] >= 0.4; got != tc.want[i] {
					t.Errorf("line %d %q kept %v, want %v", i, tc.lines[i], got, tc.want[i])
				}
			}
		})
	}
}

// TestHeadStamps checks the date under a plain page's headline: it is
// the page's stamp, and dates the page even when the story names other
// weekdays, where a date line elsewhere could be a site header's today.
func TestHeadStamps(t *testing.T) {
	story := []string{
		"Police struggled on Saturday night to control a crowd that had gathered for a vigil in the neighbourhood.",
		"The teenager was shot by two officers on Sunday, the police department said in a statement.",
		"Hundreds of people marched through the streets, and some threw bottles at officers who lined the route.",
		"Community leaders called for calm and asked the city to release the findings of its investigation.",
	}
	for _, tc := range []struct {
		name   string
		top    []string
		stamps int
		date   string
	}{
		{"under the headline", []string{"Large crowd gathers for a vigil in Brooklyn", "Thursday, March 14, 2013 23:51"}, 1, "2013-03-14"},
		{"above the headline", []string{"March 14, 2013", "Large crowd gathers for a vigil in Brooklyn"}, 1, "2013-03-14"},
		{"no headline: a header's today, against the weekdays", []string{"Thursday, March 14, 2013 23:51"}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := testCleaner(t).CleanLines(slices.Concat(tc.top, story), Hints{Mode: Dump, Plain: true})
			if len(b.Stamps) != tc.stamps {
				t.Errorf("stamps %q, want %d", b.Stamps, tc.stamps)
			}
			if got := dateFromText(b); got != tc.date {
				t.Errorf("date %q, want %q", got, tc.date)
			}
		})
	}
}
