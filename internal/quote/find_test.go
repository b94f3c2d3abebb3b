package quote_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline/internal/annotate"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/quote"
)

// find runs the recognizer and the finder over paragraphs, as the
// annotator does.
func find(t *testing.T, paras ...string) ([]article.Quote, []article.Entity) {
	t.Helper()
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	art := &article.Article{Paragraphs: paras}
	annotate.New(m).Annotate(art)
	return finder(t).Find(quote.Prepare(paras), art.Entities), art.Entities
}

// want is one expected quote: kind, paragraph, text (a prefix when it
// ends in "…"), speaker (or the mention's words when the speaker is
// unnamed, written "~words", or "~words…" for a prefix of them).
type want struct {
	kind    string
	p       int
	text    string
	speaker string
}

func (w want) match(q article.Quote) bool {
	if q.Kind != w.kind || q.P != w.p {
		return false
	}
	if p, ok := strings.CutSuffix(w.text, "…"); ok {
		if !strings.HasPrefix(q.Text, p) {
			return false
		}
	} else if q.Text != w.text {
		return false
	}
	if s, ok := strings.CutPrefix(w.speaker, "~"); ok {
		if q.Speaker != nil || q.Mention == nil {
			return false
		}
		if p, ok := strings.CutSuffix(s, "…"); ok {
			return strings.HasPrefix(q.Mention.Text, p)
		}
		return q.Mention.Text == s
	}
	return article.Str(q.Speaker) == w.speaker
}

// TestConstructions runs real sentences through Find, one construction
// each: the seed article's (../shared/seed) and Wikinews's (CC BY 2.5,
// Wikinews contributors; the article is named in each case).
func TestConstructions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paras []string
		want  []want
		none  []string // texts that must not be quotes
	}{
		{
			name:  "direct, split by its attribution",
			paras: []string{"“Let me be clear, Ukraine’s rightful place is in the Euro-Atlantic family,” NATO Secretary General Jens Stoltenberg told a news conference. “Ukraine’s rightful place is in NATO.”"},
			want: []want{
				{"direct", 0, "Let me be clear, Ukraine’s rightful place is in the Euro-Atlantic family,", "Jens Stoltenberg"},
				{"direct", 0, "Ukraine’s rightful place is in NATO.", "Jens Stoltenberg"},
			},
		},
		{
			name:  "direct, attribution before, straight marks (French_inventor_Franky_Zapata_successfully_crosses…)",
			paras: []string{`Upon arrival, Zapata told reporters, "We made a machine three years ago... and now we've crossed the Channel, it's crazy."`},
			want:  []want{{"direct", 0, "We made a machine three years ago... and now we've crossed the Channel, it's crazy.", "Zapata"}},
		},
		{
			name: "direct, pronoun resolved to the previous paragraph's speaker",
			paras: []string{
				"Zelenskyy said he was grateful for an invitation to a NATO summit in July in Vilnius, Lithuania, but said his country needs a roadmap for becoming a member.",
				"“The time has come for the (alliance’s) leaders to define the prospects of Ukraine’s acquisition of NATO membership,” he said.",
			},
			want: []want{
				{"indirect", 0, "he was grateful for an invitation…", "Zelenskyy"},
				{"direct", 1, "The time has come for the (alliance’s) leaders…", "Zelenskyy"},
			},
		},
		{
			name: "a quotation over two paragraphs",
			paras: []string{
				"Kremlin spokesman Dmitry Peskov told reporters: “Preventing Ukraine from joining NATO remains one of the goals.",
				"“That has not changed, and it will not change.”",
			},
			want: []want{
				{"direct", 0, "Preventing Ukraine from joining NATO remains one of the goals.", "Dmitry Peskov"},
				{"direct", 1, "That has not changed, and it will not change.", "Dmitry Peskov"},
			},
		},
		{
			name:  "partial quote in the author's sentence",
			paras: []string{"Russian President Vladimir Putin has warned that Moscow could use “all means available” — a phrase some see as a threat to use nuclear weapons — in response to an attack on its territory."},
			want: []want{
				{"partial", 0, "all means available", "Vladimir Putin"},
				{"indirect", 0, "Moscow could use “all means available”…", "Vladimir Putin"},
			},
		},
		{
			name:  "reported speech, speaker first",
			paras: []string{"In other developments, the Ukraine Space Agency said Thursday that a bright flash of light in the night sky over the country the previous day was probably a meteor entering the atmosphere."},
			want:  []want{{"indirect", 0, "a bright flash of light in the night sky…", "Ukraine Space Agency"}},
		},
		{
			name:  "reported speech, according to (Hotel_fire_kills_at_least_seventeen_in_Karol_Bagh…)",
			paras: []string{"At least seventeen people died and 35 were rescued, according to officials, some of whom were hospitalised."},
			want:  []want{{"indirect", 0, "At least seventeen people died and 35 were rescued", "~officials…"}},
		},
		{
			name:  "reported speech, told reporters (Arrest_made_as_mayor_of_Gdańsk…)",
			paras: []string{"Prosecutor Krzysztof Sierak told reporters today psychiatric assessments will be carried out to confirm if Stefan W is fit for trial."},
			want:  []want{{"indirect", 0, "psychiatric assessments will be carried out…", "Krzysztof Sierak"}},
		},
		{
			name: "a description resolved to the name the article gives it",
			paras: []string{
				"Kremlin spokesman Dmitry Peskov spoke to reporters on Thursday.",
				"The Kremlin spokesman said that the talks had failed.",
			},
			want: []want{{"indirect", 1, "the talks had failed", "Dmitry Peskov"}},
		},
		{
			name:  "a group that is no entity: speaker null, the words kept",
			paras: []string{"NATO leaders said in 2008 that Ukraine would join the alliance one day, and Stoltenberg has repeated that promise throughout the war."},
			want:  []want{{"indirect", 0, "Ukraine would join the alliance one day", "~NATO leaders"}},
		},
		{
			name:  "a participle's speaker is its clause's subject, titles included (Arizona,_Florida,_Illinois_hold_2020_US_presidential_primaries…)",
			paras: []string{"In Ohio, which was planning to hold its primary election on Tuesday, Governor Mike DeWine postponed it, citing the health crisis."},
			want:  []want{{"indirect", 0, "the health crisis", "Mike DeWine"}},
		},
		{
			name:  "a participle after a comma (On_the_campaign_trail_in_the_USA,_October_2020)",
			paras: []string{"Like the previous debate, there was much agreement among the candidates. Pierce and Hawkins both argued for using ballot access as an inclusion standard for debates. La Riva disagreed, stating that the Electoral College should be eliminated."},
			want:  []want{{"indirect", 0, "the Electoral College should be eliminated", "La Riva"}},
		},
		{
			name:  "a second cue after a closing mark and its comma shares the speaker (Benin,_Nigeria_join_African_Union…)",
			paras: []string{`African Export–Import Bank president Okey Oramah said the use of third-party currencies "costs Africa between $5 and $7 billion," further saying, "Beyond that, it also reduces trade because Africa has a scarcity of foreign exchange."`},
			want:  []want{{"direct", 0, "Beyond that, it also reduces trade because Africa has a scarcity of foreign exchange.", "Okey Oramah"}},
		},
		{
			name:  "a cue keeps its nearest source (Arrests_made_in_theft_of_gold_toilet_in_England)",
			paras: []string{`Back in 2017, the artwork was offered to Donald Trump, the president of the United States. Dominic Hare said the toilet represented a "comment on the American dream".`},
			want:  []want{{"indirect", 0, `the toilet represented a "comment on the American dream"`, "Dominic Hare"}},
		},
		{
			name:  "a relative clause between the speaker and the cue, and a pronoun after (Slippery_business:_Materials_scientists…)",
			paras: []string{"Carl Hensman of the Bill and Melinda Gates Foundation, which offered a contest for redesigning the toilet some years ago, noted the ingredients in the sprays are also found in commonly used products like — in the case of the first spray — toothpaste, and are unlikely to pollute nearby water supplies; though he also remarked that, because the spray wears off, it was unlikely to be used widely in developing countries as the researchers claim to hope."},
			want: []want{
				{"indirect", 0, "the ingredients in the sprays are also found…", "Carl Hensman"},
				{"indirect", 0, "it was unlikely to be used widely…", "Carl Hensman"},
			},
		},
		{
			name:  "who after an apposition is the person, not the organisation (Voracious_fish_defend_coral_reefs…)",
			paras: []string{`The research was led by Mark Hay, a marine ecologist and Regents Professor at GT, who said "There is a lot of argument now about whether local management can help in the face of global stresses".`},
			want:  []want{{"direct", 0, "There is a lot of argument now…", "Mark Hay"}},
		},
		{
			name:  "an organisation with a word for its kind (Greta_Thunberg_named_2019_Time_Person_of_the_Year)",
			paras: []string{`On Wednesday, Time magazine announced its selection of climate change activist Greta Thunberg as their 2019 "Person of the Year".`},
			want:  []want{{"indirect", 0, "its selection of climate change activist Greta Thunberg…", "Time"}},
		},
		{
			name:  "a place's government, after the place (Francis_D'Souza,_former_Deputy_Chief_Minister_of_Goa…)",
			paras: []string{"Goa's government announced three days of mourning for D'Souza."},
			want:  []want{{"indirect", 0, "three days of mourning for D'Souza", "Goa"}},
		},
		{
			name:  "a place's government, before the place (US_Federal_judge_rules_American_Samoans_are_citizens…)",
			paras: []string{`The government of American Samoa issued a statement agreeing the issue should be decided by Congress and not by judges.`},
			want:  []want{{"indirect", 0, "the issue should be decided by Congress and not by judges", "American Samoa"}},
		},
		{
			name:  "someone speaking for an organisation is not the organisation (Stores_in_Australia_lower_toilet_paper_limits…)",
			paras: []string{`Sales went up in a "sharp increase" last week, according to a Woolworths spokesperson.`},
			want:  []want{{"indirect", 0, `Sales went up in a "sharp increase" last week`, "~a Woolworths spokesperson"}},
		},
		{
			name:  "who after a name and an age is that person (Bystanders_foil_knife-weilding_man_on_London_Bridge…)",
			paras: []string{`Another was tour manager Thomas Gray, 24, who cited only his experience with the sport of rugby: "'one in, all in'. I did what any Londoner would do and tried to put a stop to it."`},
			want:  []want{{"indirect", 0, "only his experience with the sport of rugby…", "Thomas Gray"}},
		},
		{
			name: "you in the interviewer's paragraph is the interviewee (Astronomer_tells_Wikinews_about_discovery_of_closest_black_hole…)",
			paras: []string{
				"((Thomas Rivinius)) Ah, if they have something to accrete, then something falls into the black hole. They produce X-ray emission, radio emission.",
				"((WN)) As you mentioned, x-ray emission helps detecting the black holes with accretion disk. What are some of the other ways we can detect black holes without accretion disks?",
				"((Thomas Rivinius)) Ah, I don't think there's many other ways.",
			},
			want: []want{{"indirect", 1, "x-ray emission helps detecting the black holes with accretion disk", "Thomas Rivinius"}},
		},
		{
			name: "an interviewer's question is no one's words (Open_source_game_developer_Perttu_Ahola…)",
			paras: []string{
				"((WN)) Do you think Minetest can benefit from programmes such as Google Summer of Code?",
				"((Perttu Ahola)) Maybe, but it's difficult to compete with other projects there.",
			},
			none: []string{"Minetest can benefit"},
		},
		{
			name:  "I in an interview's transcript is the person its label names (Zara_Kay_tells_Wikinews…)",
			paras: []string{"((Zara Kay)) I don't think Islam can ever be reformed. One reason being the politics involved in Islam."},
			want:  []want{{"indirect", 0, "Islam can ever be reformed", "Zara Kay"}},
		},
		{
			name: "an answer over two paragraphs: the second, with no label, is still the interviewee's (Zara_Kay_tells_Wikinews…)",
			paras: []string{
				"((WN)) So were you scared or were you anxious when you just started the organisation?",
				"((Zara Kay)) No I didn't. I didn't even know it was going to be this big.",
				"Also I think the one thing that we always achieve after we've received stories is that a lot of people have never shared their stories before.",
			},
			want: []want{{"indirect", 2, "the one thing that we always achieve…", "Zara Kay"}},
		},
		{
			name:  "we in a transcript's answer is the interviewee (Red_Hat_to_move_focus_away_from_CentOS…)",
			paras: []string{"((Rich Bowen)) First, it's important to understand that the dates that the CentOS project lists as EOL (End Of Life) dates are, and always have been, dependent on Red Hat. That is, we can say that CentOS Linux 7 will be EOL on a particular date, but if the dates around RHEL 7 shift, hypothetically speaking, then so will those around CentOS Linux 7."},
			want:  []want{{"indirect", 0, "CentOS Linux 7 will be EOL on a particular date…", "Rich Bowen"}},
		},
		{
			name:  "an organisation with its abbreviation in parentheses (World_Health_Organization_declares_COVID-19_pandemic)",
			paras: []string{"On Wednesday, the World Health Organization (WHO) declared the ongoing outbreak of COVID-19 — the disease caused by coronavirus SARS-CoV-2 — to be a pandemic."},
			want:  []want{{"indirect", 0, "the ongoing outbreak of COVID-19…", "World Health Organization"}},
		},
		{
			name: "she is not the man named last (Actor_Doris_Day_dies_at_97)",
			paras: []string{
				"US singer, actor, and animal rights advocate Doris Day died on Monday at her home in Carmel Valley, California. Day made many studio albums, was awarded the Presidential Medal of Freedom, and rescued animals from Hurricane Katrina.",
				"Day had one child, record producer Terry Melcher, with her first husband, musician Al Jorden. She was also married in turn to George Weidler, Marty Melcher, and Barry Comden, whom she divorced in 1981. She said Jorden had been physically abusive to her.",
			},
			want: []want{{"indirect", 1, "Jorden had been physically abusive to her", "Doris Day"}},
		},
		{
			name: "she is not the men named last (U.S._heiress,_designer,_and_author_Gloria_Vanderbilt_dies_at_95)",
			paras: []string{
				"U.S. heiress Gloria Vanderbilt died on Monday at the age of 95, her son Anderson Cooper announced.",
				`Vanderbilt was married to talent agent Pasquale "Pat" Di Cicco; conductor Leopold Stokowski, who fathered two of her sons; director Sidney Lumet; and author Wyatt Cooper; but, according to her memoirs, also had some degree of romantic involvement with, amongst others, Errol Flynn, Frank Sinatra, and Marlon Brando. She would later say her union with Cooper was her only happy marriage.`,
			},
			want: []want{{"indirect", 1, "her union with Cooper was her only happy marriage", "Gloria Vanderbilt"}},
		},
		{
			name:  "a scare quote and a title of a work are no quotes",
			paras: []string{"The so-called “peace plan” was shelved on Friday.", "The film “Casablanca” opened in New York in 1942."},
			none:  []string{"peace plan", "Casablanca"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs, _ := find(t, tc.paras...)
			for _, w := range tc.want {
				ok := false
				for _, q := range qs {
					ok = ok || w.match(q)
				}
				if !ok {
					t.Errorf("missing %+v", w)
				}
			}
			for _, n := range tc.none {
				for _, q := range qs {
					if strings.Contains(q.Text, n) {
						t.Errorf("%q is no quote: got %+v", n, q)
					}
				}
			}
			if t.Failed() {
				for _, q := range qs {
					t.Logf("got %s p%d %q speaker %v mention %v cue %q", q.Kind, q.P, q.Text, article.Str(q.Speaker), q.Mention, q.Cue)
				}
			}
		})
	}
}

// TestSpansInBounds checks that every quote spells its offsets.
func TestSpansInBounds(t *testing.T) {
	paras, ents := seedArticle(t)
	for _, q := range finder(t).Find(paras, ents) {
		if q.P < 0 || q.P >= len(paras) || q.Start < 0 || q.End > len(paras[q.P].Text) || q.Start >= q.End {
			t.Fatalf("quote out of bounds: %+v", q)
		}
		if paras[q.P].Text[q.Start:q.End] != q.Text {
			t.Errorf("quote %+v does not spell its offsets", q)
		}
		if m := q.Mention; m != nil && paras[m.P].Text[m.Start:m.End] != m.Text {
			t.Errorf("mention %+v does not spell its offsets", m)
		}
	}
}

// TestConcurrent runs Find from several goroutines at once (go test
// -race) and checks that every run agrees with a run alone.
func TestConcurrent(t *testing.T) {
	paras, ents := seedArticle(t)
	f := finder(t)
	js := func(qs []article.Quote) string {
		b, err := json.Marshal(qs)
		if err != nil {
			t.Error(err)
		}
		return string(b)
	}
	want := js(f.Find(paras, ents))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 5; r++ {
				if got := js(f.Find(paras, ents)); got != want {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("a concurrent run differs: %s", e)
	}
}

// TestHistoryFree checks that a document's quotes do not depend on what
// the finder read before: the bundled corpus forwards, then backwards,
// through one state, gives every document the same quotes. (A cache keyed
// by lower-case words once let "’s" take the suffix of an earlier "'s".)
func TestHistoryFree(t *testing.T) {
	docs, _ := wikinews(t)
	docs = append(docs, benchDoc{paras: quote.Prepare([]string{"It's the players' view, Smith's too: “we’re done,” Smith’s aide said. 'We're not,' said O'Brien's."})})
	f := finder(t)
	js := func(d benchDoc) string {
		b, err := json.Marshal(f.Find(d.paras, d.ents))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	first := make([]string, len(docs))
	for i, d := range docs {
		first[i] = js(d)
	}
	for i := len(docs) - 1; i >= 0; i-- {
		if got := js(docs[i]); got != first[i] {
			t.Fatalf("document %d: quotes differ with another history:\n%s\n%s", i, first[i], got)
		}
	}
}
