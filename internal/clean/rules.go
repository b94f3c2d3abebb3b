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
	if sh.words <= 8 && commentRe.MatchString(t) {
		return article.ReasonComment
	}
	if isPromo(t, sh) {
		return article.ReasonPromo
	}
	if (sh.words <= 12 || !sh.endPunct) && relatedRe.MatchString(t) {
		return article.ReasonRelated
	}
	if sh.words <= 60 && containsAny(sh.low, creditStems) && creditRe.MatchString(t) {
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

// promoPhrases are calls to act, matched at word boundaries in the
// lower-cased line. A plain phrase list, not one regular expression: it
// runs for every line of every page, and substring search is many times
// faster than Go's regexp engine on an alternation this wide.
var promoPhrases = []string{
	"click here", "tap here", "sign up", "subscribe", "if you enjoyed this", "if you liked this",
	"follow us", "download the", "download our", "check out what", "newsletter", "headlines are here",
	"don't miss", "don’t miss", "dont miss", "support our journalism", "become a member", "log in", "login",
	"sign in", "share this", "share on", "watch now", "listen now", "read the full", "more from",
	"for more, click", "for more click", "for more, visit", "for more visit", "for more, go", "advertisement",
}

// promoAt returns the byte offset of the first call to act in low (the
// line in lower case), or -1.
func promoAt(low string) int {
	first := -1
	for _, ph := range promoPhrases {
		if i := indexWord(low, ph); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	// "get the Fox News app", "join NRPLUS today": a call with a name
	// inside it.
	for _, pat := range [][2]string{{"get the ", " app"}, {"join ", " today"}, {"join ", " now"}, {"join ", "plus"}} {
		if i := indexWord(low, strings.TrimSpace(pat[0])); i >= 0 {
			rest := low[i+len(pat[0])-1:]
			if j := strings.Index(rest, pat[1]); j >= 0 && j <= 40 {
				if first < 0 || i < first {
					first = i
				}
			}
		}
	}
	if i := strings.Index(low, "follow @"); i >= 0 && (first < 0 || i < first) {
		first = i
	}
	return first
}

// indexWord finds phrase in s where it starts and ends at word
// boundaries ("log in", not "blog in").
func indexWord(s, phrase string) int {
	off := 0
	for {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(phrase)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		off = i + 1
	}
}

// isWordByte treats ASCII letters and digits, and every byte of a
// multi-byte rune, as part of a word.
func isWordByte(b byte) bool {
	return b >= 0x80 || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

// creditStems are what every match of creditRe contains: a few substring
// searches rule out most lines before the pattern runs.
var creditStems = []string{"reporting by", "writing by", "editing by", "compiled by", "research by", "contribut", "have a tip", "reach the", "contact the", "follow him", "follow her", "follow them", "follow us", "follow the"}

func containsAny(s string, stems []string) bool {
	for _, st := range stems {
		if strings.Contains(s, st) {
			return true
		}
	}
	return false
}

func isPromo(t string, sh lineShape) bool {
	at := promoAt(sh.low)
	if at < 0 {
		return false
	}
	if sh.words <= 20 || sh.upper > 0.8 || domainRe.MatchString(t) {
		return true
	}
	// A longer line is a promotion when it opens with the call to act
	// and speaks to the reader: "If you enjoyed this article, … join".
	return at < 40 && sh.words <= 60 && addressRe.MatchString(t)
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
