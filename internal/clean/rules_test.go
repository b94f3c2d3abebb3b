package clean

import (
	"reflect"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

// ruleCase is one line and the reason the rules should give it in Dump
// mode ("" for a line the rules must leave to the model).
type ruleCase struct {
	line string
	want string
	bug  string // non-empty: a known wrong result, skipped with this note
}

func TestRuleReason(t *testing.T) {
	tests := []ruleCase{
		// Promotions: newsletter prompts, app prompts, social follows.
		{line: "Fox News Flash top headlines are here. Check out what’s clicking on Foxnews.com.", want: article.ReasonPromo},
		{line: "CLICK HERE TO GET THE FOX NEWS APP", want: article.ReasonPromo},
		{line: "Sign up for our Morning Briefing newsletter", want: article.ReasonPromo},
		{line: "Subscribe to The Morning, our daily newsletter", want: article.ReasonPromo},
		{line: "Get the BBC News app", want: article.ReasonPromo},
		{line: "Download the NBC News app for breaking news and politics", want: article.ReasonPromo},
		{line: "Follow us on Twitter @Reuters", want: article.ReasonPromo},
		{line: "Advertisement", want: article.ReasonPromo},
		{line: "ADVERTISEMENT", want: article.ReasonPromo},
		{line: "Sign in", want: article.ReasonPromo},
		{line: "Share this article", want: article.ReasonPromo},
		{line: "Don't miss: the 10 best-selling cars of 2023", want: article.ReasonPromo},
		{line: "For more, visit cnbc.com/markets", want: article.ReasonPromo},
		{
			// A long appeal: opens with the call and speaks to the reader.
			line: "If you enjoyed this article, please consider joining our community of readers: for the price of a coffee a week you get unlimited access to our reporting, our archive and our newsletters.",
			want: article.ReasonPromo,
		},

		// Link lists and "read more" lines.
		{line: "Read more: Ukraine's counteroffensive, explained", want: article.ReasonRelated},
		{line: "Related: How NATO's expansion reshaped Europe", want: article.ReasonRelated},
		{line: "RELATED STORIES", want: article.ReasonRelated},
		{line: "See also | The war in Ukraine, one year on", want: article.ReasonRelated},
		{line: "Most Read", want: article.ReasonRelated},
		{line: "You may also like", want: article.ReasonRelated},
		{line: "More on this story", want: article.ReasonRelated},

		// Comment-section heads.
		{line: "Comments", want: article.ReasonComment},
		{line: "248 Comments", want: article.ReasonComment},
		{line: "Leave a Reply", want: article.ReasonComment},
		{line: "Join the conversation", want: article.ReasonComment},
		{line: "View comments", want: article.ReasonComment},

		// Credits closing a wire story.
		{line: "Reporting by Jane Doe in Kyiv; Editing by John Roe", want: ReasonCredit},
		{line: "(Additional reporting by Tom Balmforth in London)", want: ReasonCredit},
		{line: "The Associated Press contributed to this report.", want: ReasonCredit},
		{line: "Have a tip? Reach the reporter on Signal.", want: ReasonCredit},

		// Truncated teasers from video rails and listing pages.
		{line: "close Video Illegal immigration is not just illegal, it’s ‘dangerous,’ CA mayor says Newport Beach,…", want: article.ReasonTeaser},
		{line: "close Video Should Trump's transition team trust the FBI? Fox News contributors Mary Katharine Ham…", want: article.ReasonTeaser},
		{line: "It’s spat out like a dirty word. Donald Trump – take a deep breath –…", want: article.ReasonTeaser},
		{line: "Stocks slide as investors weigh the Fed's next move on rates and what it means for...", want: article.ReasonTeaser},

		// Cross-link headlines set in capitals.
		{line: "RUSSIA’S MEDVEDEV THREATENS TO ARM NORTH KOREA IF SOUTH KOREA ARMS UKRAINE", want: article.ReasonCrosslink},
		{line: "UKRAINE’S TOP PROSECUTOR SPEAKS OF ‘EVIL’ RUSSIAN ATROCITIES", want: article.ReasonCrosslink},
		{line: "BIDEN SIGNS $1.2 TRILLION INFRASTRUCTURE BILL INTO LAW", want: article.ReasonCrosslink},

		// Body text the rules must leave alone.
		{line: "NATO chief Jens Stoltenberg defiantly declared Thursday that Ukraine’s “rightful place” is in the military alliance and pledged more support for the country on his first visit to Kyiv since Russia’s invasion just over a year ago."},
		{line: "The U.S. and NATO said the EU would join the talks in Brussels on Tuesday."},
		{line: "NATO, the EU and the U.S. Treasury met at the IMF in Washington."},
		{line: "“WE WANT JUSTICE,” protesters chanted outside the courthouse."},
		{line: "More than 10,000 people signed up for the program in its first week, officials said."},
		{line: "The subscription service now has 230 million subscribers worldwide."},
		{line: "The company asked users to download the latest version of its app after hackers exploited the flaw, which affected more than 2 million accounts worldwide, according to a statement."},
		{line: "The mayor’s answer trailed off: we will see what happens ..."},
		{line: "“And then ...” she said, and stopped."},
		{line: "By Jane Doe"},
		{line: "Comments from the finance minister drew sharp criticism in parliament on Wednesday."},
		{line: "Read the full text of the ruling, which runs to 213 pages, was published by the court on Monday afternoon after a delay of several hours, lawyers said."},
		{line: "WASHINGTON (AP) — The Senate voted 52-48 on Thursday to confirm the nominee."},
		{
			line: "Apple urged iPhone owners to download the security update as soon as possible.",
		},
		{
			line: "Netflix said it would raise prices for customers who subscribe to its ad-free plan.",
		},
		{
			line: "Users were unable to log in to their accounts for several hours on Tuesday, the company said.",
		},
		{
			line: "Related charges were filed against three other men on Friday, prosecutors said.",
		},
		{
			line: "Comment has been sought from the company.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			knownBug(t, tt.bug)
			if got := ruleReason(tt.line, shapeOf(tt.line), Dump); got != tt.want {
				t.Errorf("ruleReason(%q, Dump) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

// TestRuleReasonExtracted checks that the shape-only rules (capitals,
// teasers) are off for an extractor's output, where such a line is a
// subhead, while the vocabulary rules stay on.
func TestRuleReasonExtracted(t *testing.T) {
	tests := []ruleCase{
		{line: "WHAT HAPPENS NEXT FOR THE ALLIANCE", want: ""},
		{line: "Stocks slide as investors weigh the Fed's next move on rates and what it means for...", want: ""},
		{line: "Sign up for our Morning Briefing newsletter", want: article.ReasonPromo},
		{line: "Read more: Ukraine's counteroffensive, explained", want: article.ReasonRelated},
		{line: "Reporting by Jane Doe in Kyiv; Editing by John Roe", want: ReasonCredit},
		{line: "", want: article.ReasonChrome},
	}
	for _, tt := range tests {
		if got := ruleReason(tt.line, shapeOf(tt.line), Extracted); got != tt.want {
			t.Errorf("ruleReason(%q, Extracted) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestIsPromo(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Sign up for our daily newsletter", true},
		{"Subscribe now", true},
		{"Download our app at example.com", true},
		{"SUBSCRIBE TO FOX NATION TO WATCH THE FULL INTERVIEW AND MORE EXCLUSIVE CONTENT FROM THE NETWORK'S BIGGEST STARS AND HOSTS ACROSS THE COUNTRY", true},
		// A long sentence naming a call to act in passing, far from its
		// start and not speaking to the reader.
		{"The company, which has been criticised by regulators in Europe and the United States over its handling of personal data, said it would ask regulators to let it resume the sign up process for new accounts by the end of the year.", false},
		{"No call to act here at all, just a sentence.", false},
		{"Officials said the newly subscribed members had not been vetted.", false},
	}
	for _, tt := range tests {
		if got := isPromo(tt.line, shapeOf(tt.line)); got != tt.want {
			t.Errorf("isPromo(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestIsTeaser(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"close Video Cook County Democratic official slurs, flaunts position during DUI arrest Cook County Board…", true},
		{"The 10 best beaches in Europe for a summer getaway, ranked by...", true},
		{"Donald Trump – take a deep breath –…", true},
		{"Markets rallied on Friday, with the Dow up 400 points and the Nasdaq,…", true},
		{"…", true},
		{"The mayor’s answer trailed off: we will see what happens ...", false},
		{"And so the wait goes on …", false},
		{"“We’re not going anywhere…”", false}, // ends with the quotation mark
		{"A sentence that ends with a period.", false},
		{"What happens next?", false},
	}
	for _, tt := range tests {
		if got := isTeaser(tt.line, shapeOf(tt.line)); got != tt.want {
			t.Errorf("isTeaser(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestIsCrosslink(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"RUSSIA’S MEDVEDEV THREATENS TO ARM NORTH KOREA IF SOUTH KOREA ARMS UKRAINE", true},
		{"CLICK HERE TO GET THE FOX NEWS APP", true},
		{"WATCH LIVE: SENATE HEARING", true},
		{"NATO", false},          // one word
		{"U.S. AND NATO", false}, // too few letters
		{"UKRAINE WAR", false},   // two words
		{"The U.S. and NATO said the EU would join the talks.", false},
		{"NATO, EU, UN, IMF, WHO, G7 and OPEC all sent observers.", false},
		{"“WE WANT JUSTICE,” protesters chanted outside the courthouse.", false},
	}
	for _, tt := range tests {
		if got := isCrosslink(shapeOf(tt.line)); got != tt.want {
			t.Errorf("isCrosslink(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestByline(t *testing.T) {
	tests := []struct {
		line string
		want []string
		bug  string
	}{
		{line: "By Jane Doe", want: []string{"Jane Doe"}},
		{line: "  By Jane Doe  ", want: []string{"Jane Doe"}},
		{line: "BY JANE DOE", want: []string{"JANE DOE"}},
		{line: "By Jane Doe and John Roe", want: []string{"Jane Doe", "John Roe"}},
		{line: "By Jane Doe & John Roe", want: []string{"Jane Doe", "John Roe"}},
		{line: "By Jane Doe | Reuters", want: []string{"Jane Doe"}},
		{line: "By Jane Doe / Associated Press", want: []string{"Jane Doe"}},
		{line: "By Jane Doe — Updated 3:45 PM EDT, Thu April 20, 2023", want: []string{"Jane Doe"}},
		{line: "By Mary-Kate O’Brien", want: []string{"Mary-Kate O’Brien"}},
		{line: "By J.R. Ewing Jr.", want: []string{"J.R. Ewing Jr."}},
		{line: "Von Hans Müller", want: []string{"Hans Müller"}},
		{line: "Par Jean Dupont", want: []string{"Jean Dupont"}},
		{
			line: "By Jane Doe and John Roe, Reuters",
			want: []string{"Jane Doe", "John Roe"},
		},
		{
			line: "By Jane Doe, John Roe and Mary Major",
			want: []string{"Jane Doe", "John Roe", "Mary Major"},
		},
		{
			line: "By Jane Doe, CNN",
			want: []string{"Jane Doe"},
		},
		{
			line: "By Thursday, the death toll had risen to 41.",
			want: nil,
		},

		// Not bylines.
		{line: "By the end of the day, more than 2,000 people had been evacuated from the town."},
		{line: "by jane doe"},
		{line: "Bylines are not always reliable."},
		{line: "By"},
		{line: "Written by Jane Doe"},
		{line: "By Jane Doe, who covered the war in Ukraine for two years before joining the paper in 2021 as its chief correspondent in Europe"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			knownBug(t, tt.bug)
			if got := byline(tt.line); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("byline(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestIsDateLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"April 20, 2023", true},
		{"Published April 20, 2023 4:15pm EDT", true},
		{"Thursday, 20 April 2023 10:32 BST", true},
		{"2023-04-20", true},
		{"Updated 10:45 AM ET", true},
		{"The vote was held on April 20, 2023, and the count took two days.", false},
		{"NATO chief Jens Stoltenberg arrived in Kyiv on Thursday.", false},
		{"Just a short line", false},
	}
	for _, tt := range tests {
		if got := isDateLine(tt.line, shapeOf(tt.line)); got != tt.want {
			t.Errorf("isDateLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
