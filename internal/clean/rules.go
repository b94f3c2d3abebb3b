package clean

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dateline-news/dateline/internal/article"
)

// The rules below catch what no reader takes for body text, whatever the
// publisher: calls to act, headlines in capitals linking elsewhere,
// truncated teasers, link lists. They are about a line's shape and the
// vocabulary of site furniture, not about any one site's strings. What
// they do not catch is left to the line model.

var (
	// promoRe matches calls to act. Each needs the line to be short or to
	// name a web address too (see isPromo): a body sentence may well say
	// "subscribe" or "download".
	promoRe = regexp.MustCompile(`(?i)\b(click here|tap here|sign up|subscribe|join [\p{L}+]+ ?(today|now|plus)|if you (enjoyed|liked) this|follow (us|@\w+)|download (the|our)|get the .{0,40}\bapp\b|check out what|follow us|newsletter|headlines are here|don'?t miss|support our journalism|become a member|log ?in|sign in|share (this|on)|watch now|listen now|read the full|more from|for more,? (click|visit|go)|advertisement)\b`)
	domainRe = regexp.MustCompile(`(?i)\b[a-z0-9-]+\.(com|org|net|co\.uk|news|tv|io|de|fr)\b`)
	// relatedRe matches the head of link lists and "read more" lines.
	relatedRe = regexp.MustCompile(`(?i)^(related( stories| articles| coverage| content| links| reading)?|read (more|also|next)|see also|more (on|about) this( story)?|also read|recommended( for you)?|you (may|might) (also )?like|most (read|popular|viewed)|trending( now)?|more stories|further reading)\b\s*[:\-–—|]?`)
	// creditRe matches wire and staff credits that close a story:
	// "Reporting by …; editing by …", "… contributed to this report".
	creditRe  = regexp.MustCompile(`(?i)^\(?\s*(additional )?(reporting|writing|editing|compiled|research) by\b|contributed (to|reporting to) this (report|story|article)\.?\)?$|^(have a tip|reach the (reporter|writer|author)s?|contact the (reporter|writer|author)s?|follow (him|her|them|us|the [\p{L} ]+) on)\b`)
	// addressRe marks a line that speaks to the reader or points away:
	// promotions do, reporting rarely does.
	addressRe = regexp.MustCompile(`(?i)\b(you|your|our|us)\b|@\w|https?://|www\.`)
	commentRe = regexp.MustCompile(`(?i)^(\d+\s+)?(comments?|reader comments|leave a (comment|reply)|join the (conversation|discussion)|post a comment|add a comment|show comments|view comments)\b`)
	bylineRe  = regexp.MustCompile(`^(?i:by|von|par|por|di)\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})(?:\s*(?:,|and|&)\s*(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}))*(?:\s*[,|/–—-]\s*.{0,60})?$`)
)

// ruleReason returns why a line is boilerplate by rule, or "" when no rule
// decides and the model should. In Extracted mode the rules about links
// set in capitals and truncated teasers are off: an HTML extractor has
// already dropped links, and what remains in capitals is a subhead.
func ruleReason(line string, sh lineShape, mode Mode) string {
	t := strings.TrimSpace(line)
	if t == "" {
		return article.ReasonChrome
	}
	if commentRe.MatchString(t) && sh.words <= 8 {
		return article.ReasonComment
	}
	if isPromo(t, sh) {
		return article.ReasonPromo
	}
	if relatedRe.MatchString(t) && (sh.words <= 12 || !sh.endPunct) {
		return article.ReasonRelated
	}
	if creditRe.MatchString(t) && sh.words <= 60 {
		return ReasonCredit
	}
	if mode == Extracted {
		return ""
	}
	if isTeaser(t, sh) {
		return article.ReasonTeaser
	}
	if isCrosslink(sh) {
		return article.ReasonCrosslink
	}
	return ""
}

func isPromo(t string, sh lineShape) bool {
	loc := promoRe.FindStringIndex(t)
	if loc == nil {
		return false
	}
	if sh.words <= 20 || domainRe.MatchString(t) || sh.upper > 0.8 {
		return true
	}
	// A longer line is a promotion when it opens with the call to act
	// and speaks to the reader: "If you enjoyed this article, … join".
	return loc[0] < 40 && addressRe.MatchString(t) && sh.words <= 60
}


// isTeaser spots a teaser cut short: a line that ends in an ellipsis
// straight after a word or a dash, as listing pages and video rails
// truncate their blurbs. A quotation that trails off ("and then ...")
// keeps its space before the dots and is not matched.
func isTeaser(t string, sh lineShape) bool {
	if !sh.ellipsis {
		return false
	}
	s := strings.TrimSuffix(strings.TrimSuffix(t, "…"), "...")
	if s == "" {
		return true
	}
	r := []rune(s)
	last := r[len(r)-1]
	return unicode.IsLetter(last) || unicode.IsDigit(last) || last == ',' || last == '–' || last == '—' || last == '-'
}

// isCrosslink spots headlines set in capitals: in running text no
// paragraph of several words is all upper case, but links to other
// stories often are.
func isCrosslink(sh lineShape) bool {
	return sh.words >= 3 && sh.upper >= 0.9 && sh.letters >= 12
}
