package clean

import (
	"regexp"
	"strings"
	"unicode"
)

// Captions are told apart by their credit: news photos carry one, body
// paragraphs do not. The credit vocabulary is the trade's (agencies,
// "Photo", "Image", "Credit"), shared by publishers everywhere.
var (
	creditWord = `(?:photo(?:graph)?s?|image|picture|foto|credit|courtesy|getty|shutterstock|reuters|afp|ap|epa|efe|xinhua|bloomberg|pool|file|illustration|video|handout|alamy|sipa|anadolu|tass|ria|dpa|ansa)`
	// "(AP Photo/Efrem Lukatsky)", "(Photo by Jane Doe/Getty Images)".
	creditParenRe = regexp.MustCompile(`(?i)\s*[(\[]\s*([^()\[\]]*\b` + creditWord + `\b[^()\[\]]{0,80})\s*[)\]]\s*$`)
	// "… Photo: Getty Images", "… Credit: Jane Doe/Reuters",
	// "… Photograph by Jane Doe": the credit is the name after the label.
	creditTailRe = regexp.MustCompile(`(?i)(?:\s+|^|[.|–—-]\s*)(?:photo(?:graph)?|image|picture|credit|photographer|illustration)s?(?:\s*:|\s+by|\s+courtesy\s+of)\s+([^.]{2,80}?)\.?\s*$`)
	// "… Getty Images" or "… Jane Doe/AFP via Getty Images" at the end.
	// The name before the slash has two words or more, each a word or an
	// initial: "Monday. Jane Doe/AFP" keeps "Monday." in the caption, and
	// "the U.S./Canada" is no credit.
	creditAgencyRe = regexp.MustCompile(`(?:\s+|^)((?:[\p{Lu}](?:[\p{L}'-]+|\.)\s+){1,3}[\p{Lu}](?:[\p{L}'-]+|\.)\s*/\s*[\p{Lu}][\p{L}. ]{1,40}|(?:[\p{Lu}][\p{L}.'-]*\s+){0,4}(?:via\s+)?Getty Images)\s*$`)
)

// creditTailStems are what every match of creditTailRe contains.
var creditTailStems = []string{"photo", "image", "picture", "credit", "illustration"}

// splitCaption returns the caption text and its credit when line reads
// as a photo caption, or ok false.
func splitCaption(line string) (text, credit string, ok bool) {
	return splitCaptionShape(line, shapeOf(line))
}

// splitCaptionShape is splitCaption given the line's shape, which the
// cleaner has at hand already.
func splitCaptionShape(line string, sh lineShape) (text, credit string, ok bool) {
	t := strings.TrimSpace(line)
	if t == "" {
		return "", "", false
	}
	for k, re := range []*regexp.Regexp{creditParenRe, creditTailRe, creditAgencyRe} {
		// Cheap prefilters: what each pattern cannot match without.
		from := 0 // where in t a match can start
		switch k {
		case 0:
			if last := t[len(t)-1]; last != ')' && last != ']' {
				continue
			}
			// No bracket can stand between the credit's opening bracket
			// and the end, so a match starts at the last opening bracket,
			// or at the white space before it. The pattern looks at
			// nothing before the bracket, so it reads the same there.
			from = strings.LastIndexAny(t[:len(t)-1], "([")
			if from < 0 {
				continue
			}
			for from > 0 && isRegexpSpace(t[from-1]) {
				from--
			}
		case 1:
			// sh.cues are of the whole line's lower case; the stems
			// hold no spaces, so the white space around t changes
			// nothing.
			if sh.cues&cueCaption == 0 {
				continue
			}
		case 2:
			// An agency credit stands bare at the end; a line that ends
			// in a full stop is a sentence ("… the Collins/Parker ticket.").
			if !strings.Contains(t, "/") && !strings.Contains(t, "Getty") || !unicode.IsLetter(rune(t[len(t)-1])) {
				continue
			}
		}
		m := re.FindStringSubmatchIndex(t[from:])
		if m == nil {
			continue
		}
		if k == 1 && !labelOpens(t, from+m[0]) {
			continue
		}
		credit = strings.TrimSpace(t[from+m[2] : from+m[3]])
		text = strings.TrimSpace(t[:from+m[0]])
		text = strings.TrimRight(text, " |–—-")
		if !captionText(text) || len(credit) < 2 {
			continue
		}
		return text, credit, true
	}
	return "", "", false
}

// labelOpens reports whether the credit label found at i ("Photo:",
// "Image by") opens its phrase: it is capitalised, or it starts the line
// or follows a full stop or a bar. In running text the same words are
// ordinary ones: "200 images by Jane Doe", "consumer credit: rising …".
func labelOpens(t string, i int) bool {
	j := i
	for j < len(t) && !unicode.IsLetter(rune(t[j])) {
		j++
	}
	if j < len(t) && unicode.IsUpper(rune(t[j])) {
		return true
	}
	before := strings.TrimRightFunc(t[:j], unicode.IsSpace)
	return before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "|")
}

// captionText checks that what precedes a credit reads as a caption: a
// few words at least, and not a whole paragraph with a source in
// parentheses ("…, the ministry said (Reuters).").
func captionText(s string) bool {
	n := len(strings.Fields(s))
	return n >= 3 && n <= 80
}
