package clean

import (
	"strings"
	"testing"
)

func TestSplitCaption(t *testing.T) {
	tests := []struct {
		name   string
		line   string
		ok     bool
		text   string // compared without a trailing period, which styles keep or drop
		credit string
		bug    string // non-empty: a known wrong result, skipped with this note
	}{
		// Positives: the credit styles of wires and publishers.
		{
			name:   "AP parenthesised",
			line:   "NATO Secretary General Jens Stoltenberg and Ukrainian President Volodymyr Zelenskyy, right, greet each other in Kyiv, Ukraine, on Apr. 20, 2023. (AP Photo/Efrem Lukatsky)",
			ok:     true,
			text:   "NATO Secretary General Jens Stoltenberg and Ukrainian President Volodymyr Zelenskyy, right, greet each other in Kyiv, Ukraine, on Apr. 20, 2023",
			credit: "AP Photo/Efrem Lukatsky",
		},
		{
			name:   "AP file photo",
			line:   "FILE - A man walks past a damaged building in Bakhmut, Ukraine, March 3, 2023. (AP Photo/Evgeniy Maloletka, File)",
			ok:     true,
			text:   "FILE - A man walks past a damaged building in Bakhmut, Ukraine, March 3, 2023",
			credit: "AP Photo/Evgeniy Maloletka, File",
		},
		{
			name:   "Getty photo by",
			line:   "Firefighters battle the Palisades fire near Los Angeles on Tuesday. (Photo by Jane Doe/Getty Images)",
			ok:     true,
			text:   "Firefighters battle the Palisades fire near Los Angeles on Tuesday",
			credit: "Photo by Jane Doe/Getty Images",
		},
		{
			name:   "square brackets",
			line:   "Shoppers queue outside a store in Shanghai ahead of the holiday [Photo: Xinhua]",
			ok:     true,
			text:   "Shoppers queue outside a store in Shanghai ahead of the holiday",
			credit: "Photo: Xinhua",
		},
		{
			name:   "Photo colon",
			line:   "Protesters gather outside parliament in London. Photo: Getty Images",
			ok:     true,
			text:   "Protesters gather outside parliament in London",
			credit: "Getty Images", // the label "Photo:" is not part of the credit
		},
		{
			name:   "Guardian photograph",
			line:   "Jane Doe, the new mayor, speaks to supporters in Newport Beach, Calif. Photograph: Jane Doe/Reuters",
			ok:     true,
			text:   "Jane Doe, the new mayor, speaks to supporters in Newport Beach, Calif",
			credit: "Jane Doe/Reuters",
		},
		{
			name:   "NYT credit",
			line:   "A rescue worker carries a child from the rubble in Antakya, Turkey. Credit: Emin Ozmen for The New York Times",
			ok:     true,
			text:   "A rescue worker carries a child from the rubble in Antakya, Turkey",
			credit: "Emin Ozmen for The New York Times",
		},
		{
			name:   "image courtesy",
			line:   "The comet photographed over the Atacama desert last week | Image courtesy of ESO",
			ok:     true,
			text:   "The comet photographed over the Atacama desert last week",
			credit: "ESO",
		},
		{
			name:   "Reuters alone",
			line:   "Ukrainian servicemen fire a howitzer towards Russian positions near Bakhmut. (Reuters)",
			ok:     true,
			text:   "Ukrainian servicemen fire a howitzer towards Russian positions near Bakhmut",
			credit: "Reuters",
		},
		{
			name:   "agency via Getty after a sentence",
			line:   "Migrants wait at the border crossing in Tijuana, Mexico, on Monday. Jane Doe/AFP via Getty Images",
			ok:     true,
			text:   "Migrants wait at the border crossing in Tijuana, Mexico, on Monday",
			credit: "Jane Doe/AFP via Getty Images",
		},
		{
			name:   "upper-case photographer via Getty",
			line:   "President Joe Biden speaks in the Rose Garden. SAUL LOEB/AFP via Getty Images",
			ok:     true,
			text:   "President Joe Biden speaks in the Rose Garden",
			credit: "SAUL LOEB/AFP via Getty Images",
		},
		{
			name:   "Getty Images alone",
			line:   "Shares of Nvidia have tripled in value over the past year. Getty Images",
			ok:     true,
			text:   "Shares of Nvidia have tripled in value over the past year",
			credit: "Getty Images",
		},

		// Negatives: body text, parentheticals that are not credits.
		{name: "plain sentence", line: "NATO chief Jens Stoltenberg defiantly declared Thursday that Ukraine’s “rightful place” is in the military alliance."},
		{name: "ministry said", line: "The talks will resume in Geneva next week (the ministry said)"},
		{name: "acronym in parentheses", line: "Finland joined the North Atlantic Treaty Organization (NATO)"},
		{name: "wire source closing a sentence", line: "Exports fell 4% in March, the ministry said on Tuesday (Reuters)."},
		{name: "short parenthetical", line: "(AP Photo)"},
		{name: "Getty in a sentence", line: "The photo agency was later acquired by Getty Images."},
		{name: "photographs by in a sentence", line: "Photographs by the agency show the damage to the dam."},
		{
			name: "images by, full sentence",
			line: "The exhibition includes 200 images by Jane Doe, who photographed the war in Ukraine.",
		},
		{
			name: "photographs by, arts sentence",
			line: "The museum’s new show features photographs by Dorothea Lange, who documented the Depression.",
		},
		{name: "image of the suspect", line: "Police released an image of the suspect: a man in his 30s wearing a dark hoodie."},
		{
			name: "credit in a finance sentence",
			line: "Economists warned of one more risk to consumer credit: rising delinquencies on auto loans.",
		},
		{
			name: "credit in a finance line without final period",
			line: "Economists warned of one more risk to consumer credit: rising delinquencies on auto loans",
		},
		{
			name: "U.S./Canada",
			line: "New border rules apply to all flights between the U.S./Canada",
		},
		{name: "U.S./Canada mid-sentence", line: "The U.S./Canada border reopened to tourists on Monday after 19 months."},
		{name: "empty", line: ""},
		{name: "credit only", line: "(AP Photo/Efrem Lukatsky)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			knownBug(t, tt.bug)
			text, credit, ok := splitCaption(tt.line)
			if ok != tt.ok {
				t.Fatalf("splitCaption(%q) ok = %v (text %q, credit %q), want %v", tt.line, ok, text, credit, tt.ok)
			}
			if !ok {
				return
			}
			if got, want := strings.TrimSuffix(text, "."), tt.text; got != want {
				t.Errorf("text = %q, want %q", text, want)
			}
			if credit != tt.credit {
				t.Errorf("credit = %q, want %q", credit, tt.credit)
			}
		})
	}
}

// TestCaptionTextKept checks that splitting a caption loses nothing but
// the credit and the separators around it: the text is a prefix of the
// line.
func TestCaptionTextKept(t *testing.T) {
	for _, l := range []string{
		"NATO Secretary General Jens Stoltenberg greets President Volodymyr Zelenskyy in Kyiv, Ukraine, on Apr. 20, 2023. (AP Photo/Efrem Lukatsky)",
		"Protesters gather outside parliament in London. Photo: Getty Images",
		"A rescue worker carries a child from the rubble in Antakya, Turkey. Credit: Emin Ozmen for The New York Times",
	} {
		text, credit, ok := splitCaption(l)
		if !ok {
			t.Errorf("splitCaption(%q): not a caption", l)
			continue
		}
		if !strings.HasPrefix(l, text) {
			t.Errorf("text %q is not a prefix of %q", text, l)
		}
		if !strings.Contains(l, credit) {
			t.Errorf("credit %q is not in %q", credit, l)
		}
	}
}
