package timex

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/text"
)

// want is one expected date: its text, value, type and mod ("" for none;
// the type defaults to DATE).
type want struct{ text, value, typ, mod string }

func w(text, value string) want { return want{text, value, TypeDate, ""} }

// tagOne tags para as the only paragraph of an article published on ref.
func tagOne(para, ref string) []article.Date {
	toks := text.Tokenize(para)
	return New().Tag(nil, 0, para, toks, text.Sentences(para, toks), NewDocContext(ref))
}

func show(ds []article.Date) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "[%s %s %s %s] ", d.Text, d.Type, d.Value, article.Str(d.Mod))
	}
	return b.String()
}

// check asserts that every wanted date was tagged with exactly that span,
// value, type and mod.
func check(t *testing.T, para, ref string, wants []want) {
	t.Helper()
	got := tagOne(para, ref)
	for _, x := range wants {
		found := false
		for _, d := range got {
			if d.Text != x.text {
				continue
			}
			found = true
			typ := x.typ
			if typ == "" {
				typ = TypeDate
			}
			if d.Value != x.value || d.Type != typ || article.Str(d.Mod) != x.mod {
				t.Errorf("%q in %q: got %s %s %q, want %s %s %q", x.text, para, d.Type, d.Value, article.Str(d.Mod), typ, x.value, x.mod)
			}
		}
		if !found {
			t.Errorf("%q not tagged in %q; got %s", x.text, para, show(got))
		}
	}
}

// Sentences from Wikinews (CC BY 2.5, en.wikinews.org; the bundled corpus,
// corpus/wikinews), each with its article's date, and from the seed article
// (AP, 2023-04-20). One table per kind of expression.

func TestAbsoluteDates(t *testing.T) {
	cases := []struct {
		ref, para string
		wants     []want
	}{
		{"2019-12-07", "The Samoan government declared a state of emergency on November 15, shut down all schools.",
			[]want{w("November 15", "2019-11-15")}},
		{"2020-01-15", "On December 18, the House passed two articles of impeachment.",
			[]want{w("December 18", "2019-12-18")}},
		{"2020-05-25", "Basilashvili reached a career high of number 16 in May 2019.",
			[]want{w("May 2019", "2019-05")}},
		{"2019-10-14", "Yesterday, Brigid Kosgei of Kenya won the 2019 Chicago Marathon.",
			[]want{w("2019", "2019"), w("Yesterday", "2019-10-13")}},
		{"2019-07-17", "Stevens was born in 1920 in Chicago, Illinois and studied law at Northwestern University.",
			[]want{w("1920", "1920")}},
		{"2023-04-20", "NATO Secretary General Jens Stoltenberg and Ukrainian President Volodymyr Zelenskyy greet each other in Kyiv, Ukraine, on Apr. 20, 2023.",
			[]want{w("Apr. 20, 2023", "2023-04-20")}},
		{"2019-02-02", "The hibernation area was as large as 21 hectares in the 1990s and as low as under a hectare in 2014.",
			[]want{w("the 1990s", "199"), w("2014", "2014")}},
		{"2020-10-22", "However, 21st Century Australia is much more culturally diverse.",
			[]want{w("21st Century", "20")}},
		{"2019-09-25", "The band played \"Truckin'\" throughout the late 1960s and into the 1970s.",
			[]want{{"the late 1960s", "196", TypeDate, "END"}, w("the 1970s", "197")}},
		{"2019-10-16", "The economy has already slipped into a technical recession since the third quarter. In mid-August, the government lowered the growth forecast.",
			[]want{w("the third quarter", "2019-Q3"), {"mid-August", "2019-08", TypeDate, "MID"}}},
		{"2020-01-01", "The talks are set for 2023-04-20 and 4/21/2023.",
			[]want{w("2023-04-20", "2023-04-20"), w("4/21/2023", "2023-04-21")}},
		{"2013-03-22", "One exception was the swine flu pandemic of 2009-2010, when 348 children died.",
			[]want{w("2009", "2009"), w("2010", "2010")}},
	}
	for _, c := range cases {
		check(t, c.para, c.ref, c.wants)
	}
}

func TestRelativeDates(t *testing.T) {
	cases := []struct {
		ref, para string
		wants     []want
	}{
		{"2019-08-06", "This device was invented three years ago and could reportedly serve military assault or logistics purposes.",
			[]want{w("three years ago", "2016")}},
		{"2019-01-27", "Two decades ago, there were about 1.5 adult male Magellanic penguins for every adult female.",
			[]want{w("Two decades ago", "1999")}},
		{"2020-04-30", "And so, a couple of years ago, we made this study.",
			[]want{w("a couple of years ago", "2018")}},
		{"2023-04-20", "Stoltenberg pledged more support on his first visit to Kyiv since Russia's invasion just over a year ago.",
			[]want{{"over a year ago", "2022", TypeDate, "MORE_THAN"}}},
		{"2019-07-15", "Earlier this year, northern Philippines suffered a 6.3 magnitude earthquake causing eleven deaths.",
			[]want{{"Earlier this year", "2019", TypeDate, "START"}}},
		{"2019-09-04", "A deadly boat fire earlier this week near Santa Cruz Island resulted in the death of all 33 passengers.",
			[]want{{"earlier this week", "2019-W36", TypeDate, "START"}}},
		{"2019-01-27", "In findings published earlier this month in Ecological Applications, scientists examine the reason.",
			[]want{{"earlier this month", "2019-01", TypeDate, "START"}}},
		{"2019-02-02", "He also said this is not likely to happen again next year.",
			[]want{w("next year", "2020")}},
		{"2019-09-12", "\"I informed John Bolton last night that his services are no longer needed,\" Trump said. The resignation was given to me this morning. I will be naming a new National Security Advisor next week.",
			[]want{{"last night", "2019-09-11TNI", TypeTime, ""}, {"this morning", "2019-09-12TMO", TypeTime, ""}, w("next week", "2019-W38")}},
		{"2019-10-02", "Lorenzo reached Category 5 on the Saffir–Simpson scale this past Saturday, but was downgraded to Category 1 as of this morning.",
			[]want{w("this past Saturday", "2019-09-28"), {"this morning", "2019-10-02TMO", TypeTime, ""}}},
		{"2019-08-04", "If the Senate does not confirm me, I will be governor until next Wednesday.",
			[]want{w("next Wednesday", "2019-08-07")}},
		{"2019-08-08", "Another report from the Mexican government during the weekend said eight Mexicans died in the attack.",
			[]want{w("the weekend", "2019-W31-WE")}},
		{"2023-04-20", "A procession of international leaders has made the journey to Kyiv over the last year.",
			[]want{w("the last year", "2022")}},
		{"2020-06-21", "In a DW report in March of last year, Dave Lewis stated they want to stay.",
			[]want{w("last year", "2019")}},
		{"2020-07-06", "I stopped my career for since March last year, I took a sabbatical.",
			[]want{w("March last year", "2019-03")}},
	}
	for _, c := range cases {
		check(t, c.para, c.ref, c.wants)
	}
}

// Anaphora: "the previous day", "the next day", "later" count from the
// last date the text named.
func TestAnaphora(t *testing.T) {
	cases := []struct {
		ref, para string
		wants     []want
	}{
		{"2019-10-14", "Yesterday, Brigid Kosgei of Kenya won the Chicago Marathon. Just the previous day, Kosgei's countryman Eliud Kipchoge ran a marathon in under two hours.",
			[]want{w("Yesterday", "2019-10-13"), w("the previous day", "2019-10-12"), {"under two hours", "PT2H", TypeDuration, "LESS_THAN"}}},
		{"2019-03-17", "After his arrest on Friday, Brenton stayed in the central police station overnight before appearing in court on the next day.",
			[]want{w("Friday", "2019-03-15"), w("the next day", "2019-03-16")}},
		{"2019-11-10", "The troops left Iraq in 2011, then at the Iraqi government's request returned three years later.",
			[]want{w("2011", "2011"), w("three years later", "2014")}},
		{"2023-04-20", "In other developments, the Ukraine Space Agency said Thursday that a bright flash of light in the night sky over the country the previous day was probably a meteor.",
			[]want{w("Thursday", "2023-04-20"), w("the previous day", "2023-04-19")}},
		{"2019-07-20", "In late June, the Supreme Court ruled against its initial attempt. A few days later, on July 2, Trump announced he would drop his bid.",
			[]want{{"late June", "2019-06", TypeDate, "END"}, {"A few days", "PXD", TypeDuration, ""}, w("July 2", "2019-07-02")}},
	}
	for _, c := range cases {
		check(t, c.para, c.ref, c.wants)
	}
}

// Direction: the same weekday is the reference day; the tense around a
// bare weekday or month says which one.
func TestDirection(t *testing.T) {
	cases := []struct {
		name, ref, para string
		wants           []want
	}{
		{"same weekday is the reference date", "2023-04-20",
			"NATO chief Jens Stoltenberg defiantly declared Thursday that Ukraine's rightful place is in the military alliance.",
			[]want{w("Thursday", "2023-04-20")}},
		{"will: forward", "2023-04-20",
			"On Friday, Stoltenberg will attend a meeting of the Ukraine Defense Contact Group at Ramstein Air Base in Germany.",
			[]want{w("Friday", "2023-04-21")}},
		{"expected, said in the past: the nearest", "2023-04-20",
			"He added that he expected countries to make new announcements of concrete military support to Ukraine at a meeting Friday in Germany.",
			[]want{w("Friday", "2023-04-21")}},
		{"said on: back", "2019-01-07",
			"United States President Donald Trump said on Friday he can and may declare a national state of emergency.",
			[]want{w("Friday", "2019-01-04")}},
		{"past tense: back", "2020-07-12",
			"Anti-government protests have been taking place since Tuesday in the Serbian capital Belgrade.",
			[]want{w("Tuesday", "2020-07-07")}},
		{"past tense verb right before: back", "2020-11-26",
			"Senate minority leader Chuck Schumer commented the president's tweets Monday are likely as near as the US public will ever have to an official concession.",
			[]want{w("Monday", "2020-11-23")}},
		{"would: the nearest", "2019-09-19",
			"The NHC predicted that Humberto would pass by Bermuda Wednesday night, before beginning to weaken on Thursday.",
			[]want{{"Wednesday night", "2019-09-18TNI", TypeTime, ""}, w("Thursday", "2019-09-19")}},
		{"no cue: the nearest", "2019-07-12",
			"Meteorologists predict landfall Saturday morning.",
			[]want{{"Saturday morning", "2019-07-13TMO", TypeTime, ""}}},
		{"month after will: forward", "2020-03-08",
			"I will be completing my two years' tenure in April.",
			[]want{w("April", "2020-04"), {"two years", "P2Y", TypeDuration, ""}}},
		{"month after an event noun: the nearest", "2023-04-20",
			"Zelenskyy said he was grateful for an invitation to a NATO summit in July in Vilnius, Lithuania.",
			[]want{w("July", "2023-07")}},
		{"month governed by a past verb: back", "2019-07-20",
			"In April, the House Oversight and Reform Committee voted to hold the two officials in contempt.",
			[]want{w("April", "2019-04")}},
		{"month with no cue: the nearest", "2020-06-11",
			"He became president of the African nation in 2005 and was due to stand down in August.",
			[]want{w("August", "2020-08"), w("2005", "2005")}},
		{"date without a year: the nearest", "2020-10-12",
			"It is now apparent there will be no debate on October 15.",
			[]want{w("October 15", "2020-10-15"), w("now", "PRESENT_REF")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, c.para, c.ref, c.wants) })
	}
}

func TestPartsAndModifiers(t *testing.T) {
	cases := []struct {
		ref, para string
		wants     []want
	}{
		{"2023-04-20", "Denmark and the Netherlands plan to provide Ukraine with at least another 14 refurbished Leopard 2 battle tanks by early 2024.",
			[]want{{"early 2024", "2024", TypeDate, "START"}}},
		{"2019-09-25", "The New York Times reported that, in a phone call in late July, Trump might have encouraged the president.",
			[]want{{"late July", "2019-07", TypeDate, "END"}}},
		{"2019-05-19", "The law is to take effect late this week.",
			[]want{{"late this week", "2019-W20", TypeDate, "END"}}},
		{"2019-09-23", "The plan is to be unveiled at the United Nations General Assembly later this week.",
			[]want{{"later this week", "2019-W39", TypeDate, "END"}}},
		{"2019-09-17", "The alleged death of Hamza was previously in the news at the end of July based on unconfirmed reports.",
			[]want{{"the end of July", "2019-07", TypeDate, "END"}}},
		{"2020-06-19", "At the beginning of May, with the Coronavirus Pandemic ongoing, the party moved online.",
			[]want{{"the beginning of May", "2020-05", TypeDate, "START"}}},
		{"2019-06-20", "The biggest event in consciousness was the blue jeans war of the late '70s and early 1980s.",
			[]want{{"early 1980s", "198", TypeDate, "START"}}},
		{"2020-12-14", "About 1 year ago, Stream was introduced.",
			[]want{{"1 year ago", "2019", TypeDate, "APPROX"}}},
	}
	for _, c := range cases {
		check(t, c.para, c.ref, c.wants)
	}
}

func TestDurations(t *testing.T) {
	cases := []struct {
		ref, para string
		wants     []want
	}{
		{"2023-04-20", "Residents saw the flash of light, which lingered for a couple of seconds.",
			[]want{{"a couple of seconds", "PT2S", TypeDuration, ""}}},
		{"2019-09-09", "Mugabe was hospitalized in Singapore for several months this year.",
			[]want{{"several months", "PXM", TypeDuration, ""}, w("this year", "2019")}},
		{"2019-09-09", "He ruled as president, 1987–2017; for 37 years.",
			[]want{{"37 years", "P37Y", TypeDuration, ""}}},
		{"2019-01-27", "Declines were reported at the birds' breeding sites in South America over the past twenty years and more.",
			[]want{{"the past twenty years", "P20Y", TypeDuration, ""}}},
		{"2020-06-28", "So, with all the various aspects put together, it's probably two and a half years.",
			[]want{{"two and a half years", "P2Y6M", TypeDuration, ""}}},
		{"2019-10-02", "\"The situation will worsen in the next few hours\", said the regional president.",
			[]want{{"the next few hours", "PTXH", TypeDuration, ""}}},
		{"2023-04-20", "Finland joined the alliance, setting aside decades of neutrality.",
			[]want{{"decades", "PXDE", TypeDuration, ""}}},
		{"2013-03-21", "Six of the deaths happened in a mere 24 hours, and the season started about a month earlier than usual.",
			[]want{{"a mere 24 hours", "PT24H", TypeDuration, ""}, {"a month", "P1M", TypeDuration, "APPROX"}}},
		{"2019-01-05", "Officials say it will take a three-year period to rebuild.",
			[]want{{"a three-year period", "P3Y", TypeDuration, ""}}},
	}
	for _, c := range cases {
		check(t, c.para, c.ref, c.wants)
	}
}

func TestSetsTimesAndReferences(t *testing.T) {
	cases := []struct {
		ref, para string
		wants     []want
	}{
		{"2020-05-22", "Every 40 days, you get only much less radiation.",
			[]want{{"Every 40 days", "P40D", TypeSet, ""}}},
		{"2020-03-04", "Thousands of illegal abortions are carried out in the country each year.",
			[]want{{"each year", "P1Y", TypeSet, ""}}},
		{"2020-03-13", "He said the stores fill the stock every night and every Monday.",
			[]want{{"every night", "XXXX-XX-XXTNI", TypeSet, ""}, {"every Monday", "XXXX-WXX-1", TypeSet, ""}}},
		{"2019-06-01", "The paper is published weekly and costs $2 a week.",
			[]want{{"weekly", "P1W", TypeSet, ""}, {"a week", "P1W", TypeSet, ""}}},
		{"2019-10-09", "At midnight local time (0700 UTC), United States public broadcasters went dark; by noon today half a million could be affected.",
			[]want{{"midnight", "2019-10-09T24:00", TypeTime, ""}, {"0700 UTC", "2019-10-09T07:00", TypeTime, ""}, {"noon today", "2019-10-09T12:00", TypeTime, ""}}},
		{"2019-02-11", "He passed away 5:03 AM, February 10, 2019, at the hospital.",
			[]want{{"5:03 AM, February 10, 2019", "2019-02-10T05:03", TypeTime, ""}}},
		{"2023-04-20", "The fighting in recent months has become a war of attrition. But Ukraine has recently received weapons and is expected to launch a counteroffensive in coming weeks.",
			[]want{w("recent months", "PAST_REF"), w("recently", "PAST_REF"), w("coming weeks", "FUTURE_REF")}},
		{"2019-03-17", "Further charges may be laid in the future, police said. For now, they will stay.",
			[]want{w("the future", "FUTURE_REF"), w("now", "PRESENT_REF")}},
		{"2019-09-04", "The fire started on Monday, the Labor Day holiday.",
			[]want{w("Labor Day", "2019-09-02")}},
	}
	for _, c := range cases {
		check(t, c.para, c.ref, c.wants)
	}
}

// Without a reference date, absolute dates keep their values and relative
// ones get TimeML's unresolved forms.
func TestNoReference(t *testing.T) {
	check(t, "On Friday, the ministry said that in July 2019 and yesterday and last year it had warned of early 2024.", "", []want{
		w("Friday", "XXXX-WXX-5"), w("July 2019", "2019-07"), w("yesterday", "XXXX-XX-XX"), w("last year", "XXXX"),
		{"early 2024", "2024", TypeDate, "START"},
	})
}

// What is not a time: names, counts and verbs that look like one.
func TestNotTimes(t *testing.T) {
	for _, c := range []struct{ ref, para string }{
		{"2019-08-15", "Over 1800 people have died."},
		{"2019-01-14", "He jumped on stage during the Great Orchestra of Christmas Charity."},
		{"2020-04-14", "Gonzalez said on CBS's 60 Minutes that the boy was abused."},
		{"2019-07-24", "Current Prime Minister Theresa May is to step down."},
		{"2019-07-24", "Protesters may march to the parliament."},
		{"2023-04-20", "NATO leaders said that Ukraine would join the alliance one day."},
		{"2019-07-24", "She was a 48-year-old nurse with 2,000 patients and a second chance."},
	} {
		if got := tagOne(c.para, c.ref); len(got) != 0 && !(strings.Contains(c.para, "step down") && len(got) == 1 && got[0].Text == "Current") {
			t.Errorf("%q: tagged %s", c.para, show(got))
		}
	}
}

func TestParseRef(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"2023-04-20", "2023-04-20", true},
		{"2023-04-20T23:30:00-07:00", "2023-04-20", true},
		{"2023-04-20 09:30", "2023-04-20", true},
		{"2023-04-20x", "", false},
		{"20 April 2023", "", false},
		{"", "", false},
		{"0001-01-01", "", false},
	} {
		got, ok := ParseRef(c.in)
		if ok != c.ok || ok && got.Format("2006-01-02") != c.want {
			t.Errorf("ParseRef(%q) = %v %v", c.in, got, ok)
		}
	}
}

func TestValidValue(t *testing.T) {
	good := map[string][]string{
		TypeDate:     {"2023", "199", "19", "2023-04", "2023-04-20", "2023-W16", "2023-W16-WE", "XXXX-WXX-5", "2023-Q1", "2023-H2", "2023-SU", "XXXX-XX-XX", "PAST_REF"},
		TypeTime:     {"2023-04-20T15:00", "2023-04-20TMO", "XXXX-XX-XXT20:00", "2023-04-20T24"},
		TypeDuration: {"P1Y", "PT2S", "PXY", "P2Y6M", "PT1H30M", "P1DT12H", "PXDE", "P1.5W", "P2Q"},
		TypeSet:      {"P1W", "XXXX-WXX-1", "XXXX-XX-XXTNI", "XXXX-07"},
	}
	bad := map[string][]string{
		TypeDate:     {"", "2023-13", "2023-04-32", "2023-W54", "2", "2023-W", "2023-Q5", "P1Y", "2023-04-20T", "-1-12-25", "2023-04-20T25:00:00"},
		TypeTime:     {"2023-04-20TXX", "2023-04-20T1"},
		TypeDuration: {"P", "PT", "P1", "1Y", "P1H", "PT1D", "PX", "2023"},
		TypeSet:      {"every week"},
		"OTHER":      {"P1Y"},
	}
	for typ, vs := range good {
		for _, v := range vs {
			if !ValidValue(typ, v) {
				t.Errorf("%s %q should be valid", typ, v)
			}
		}
	}
	for typ, vs := range bad {
		for _, v := range vs {
			if ValidValue(typ, v) {
				t.Errorf("%s %q should not be valid", typ, v)
			}
		}
	}
}

// Paragraphs of one article share the last date named.
func TestDocContextAcrossParagraphs(t *testing.T) {
	tg := New()
	dc := NewDocContext("2023-04-20")
	var dates []article.Date
	for p, para := range []string{
		"Kremlin spokesman Dmitry Peskov said Thursday that preventing Ukraine from joining NATO remains one of the goals.",
		"The previous day, officials in Kyiv said the same.",
	} {
		toks := text.Tokenize(para)
		dates = tg.Tag(dates, p, para, toks, text.Sentences(para, toks), dc)
	}
	if len(dates) != 2 || dates[1].P != 1 || dates[1].Value != "2023-04-19" {
		t.Errorf("got %s", show(dates))
	}
	// A nil context is an article without a reference date.
	para := "yesterday"
	toks := text.Tokenize(para)
	if got := tg.Tag(nil, 0, para, toks, nil, nil); len(got) != 1 || got[0].Value != "XXXX-XX-XX" {
		t.Errorf("nil context: %s", show(got))
	}
}

// One Tagger serves many goroutines; each article has its own context.
func TestConcurrentUse(t *testing.T) {
	tg := New()
	para := "On Friday, Stoltenberg will attend a meeting; the previous day was Apr. 20, 2023."
	toks := text.Tokenize(para)
	sents := text.Sentences(para, toks)
	want := show(tg.Tag(nil, 0, para, toks, sents, NewDocContext("2023-04-20")))
	done := make(chan string)
	for g := 0; g < 8; g++ {
		go func() {
			var got string
			for i := 0; i < 200; i++ {
				got = show(tg.Tag(nil, 0, para, toks, sents, NewDocContext("2023-04-20")))
			}
			done <- got
		}()
	}
	for g := 0; g < 8; g++ {
		if got := <-done; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}
