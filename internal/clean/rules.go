package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
)

// The rules below catch what no reader takes for body text, whatever the
// publisher: calls to act, headlines in capitals linking elsewhere,
// truncated teasers, link lists. They are about a line's shape and the
// vocabulary of site furniture, not about any one site's strings. What
// they do not catch is left to the line model.

// domainTLDs are the top-level domains domainRe knows.
var domainTLDs = []string{"com", "org", "net", "co.uk", "news", "tv", "io", "de", "fr"}

var (
	domainRe = regexp.MustCompile(`(?i)\b[a-z0-9-]+\.(` + quoteAll(domainTLDs) + `)\b`)
	// relatedRe matches the head of link lists and "read more" lines.
	relatedRe = regexp.MustCompile(`(?i)^(related( stories| articles| coverage| content| links| reading)?|read (more|also|next)|see also|more (on|about) this( story)?|also read|recommended( for you)?|you (may|might) (also )?like|most (read|popular|viewed)|trending( now)?|more stories|further reading)\b\s*[:\-–—|]?`)
	// creditRe matches wire and staff credits that close a story:
	// "Reporting by …; editing by …", "… contributed to this report".
	creditRe = regexp.MustCompile(`(?i)^\(?\s*(additional )?(reporting|writing|editing|compiled|research) by\b|contributed (to|reporting to) this (report|story|article)\.?\)?$|^(have a tip|reach the (reporter|writer|author)s?|contact the (reporter|writer|author)s?|follow (him|her|them|us|the [\p{L} ]+) on)\b`)
	// addressRe marks a line that speaks to the reader or points away:
	// promotions do, reporting rarely does.
	addressRe = regexp.MustCompile(`(?i)\b(you|your|our|us)\b|@\w|https?://|www\.`)
	commentRe = regexp.MustCompile(`(?i)^(\d+\s+)?(comments?|reader comments|leave a (comment|reply)|join the (conversation|discussion)|post a comment|add a comment|show comments|view comments)\b`)
)

// quoteAll is an alternation of literal strings for a pattern.
func quoteAll(lits []string) string {
	q := make([]string, len(lits))
	for i, l := range lits {
		q[i] = regexp.QuoteMeta(l)
	}
	return strings.Join(q, "|")
}

// domainFrom returns where in s domainRe may first match, or -1 when it
// cannot match: a cheap test before the pattern, and less text for it to
// search. A match needs a '.' followed by the first letter of a top-level
// domain, in either case (none starts with s or k, the letters (?i) also
// matches outside ASCII), and starts in the run of name characters before
// the first such '.'. The start returned is that of the run of word
// characters and '-' before it, where \b reads the same in s[start:] as
// in s. The name may hold ſ or K (U+017F, U+212A), which (?i) takes for s
// and k: a string with either is searched whole.
func domainFrom(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '.' || !isTLDStart(s[i+1]) {
			continue
		}
		if strings.Contains(s, "ſ") || strings.Contains(s, "\u212a") {
			return 0
		}
		for i > 0 && (isRegexpWord(s[i-1]) || s[i-1] == '-') {
			i--
		}
		return i
	}
	return -1
}

// hasDomain is domainRe.MatchString(s).
func hasDomain(s string) bool {
	from := domainFrom(s)
	return from >= 0 && domainRe.MatchString(s[from:])
}

func isTLDStart(b byte) bool {
	for _, d := range domainTLDs {
		if b|0x20 == d[0] {
			return true
		}
	}
	return false
}

// ruleReason returns why a line is boilerplate by rule, or "" when no rule
// decides and the model should. In Extracted mode the rules about links
// set in capitals and truncated teasers are off: an HTML extractor has
// already dropped links, and what remains in capitals is a subhead.
func ruleReason(line string, sh lineShape, mode Mode) string {
	t := strings.TrimSpace(line)
	if t == "" {
		return article.ReasonChrome
	}
	// A comment section's head is a label ("Comments (12)", "Leave a
	// reply"), not a sentence ("Comment has been sought from …").
	if sh.words <= 5 && !sh.endPunct && sh.cues&cueComment != 0 && commentRe.MatchString(t) {
		return article.ReasonComment
	}
	if isPromo(t, sh) {
		return article.ReasonPromo
	}
	if (sh.words <= 12 || !sh.endPunct) && mayBeRelated(sh.low) && isRelatedHead(t, sh) {
		return article.ReasonRelated
	}
	if sh.words <= 60 && sh.cues&cueCredit != 0 && creditRe.MatchString(t) {
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

// promoNamed are calls to act with a name inside: "get the Fox News
// app", "join NRPLUS today". The second part must follow the first
// within 40 bytes.
var promoNamed = [][2]string{{"get the ", " app"}, {"join ", " today"}, {"join ", " now"}, {"join ", "plus"}}

// promoCallStems are what promoAt cannot find a call to act without.
func promoCallStems() []string {
	stems := append([]string{"follow @"}, promoPhrases...)
	for _, pat := range promoNamed {
		stems = append(stems, strings.TrimSpace(pat[0]))
	}
	return stems
}

// promoAt returns the byte offset of the first call to act in low (the
// line in lower case), or -1.
func promoAt(low string) int {
	first := lineCues.firstWord(low, cuePromoPhrase)
	for _, pat := range promoNamed {
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

// The patterns above run on a line's own case; the prefilters below look
// for literals in its lower case, sh.low. That finds every match but in
// one case: (?i) matches ſ (U+017F, long s) as s, and strings.ToLower
// leaves ſ alone (K, the Kelvin sign, it does lower to k). Each prefilter
// says how it deals with that.

// commentStems are what every match of commentRe contains. None holds an
// s, so ſ cannot hide one.
var commentStems = []string{"comment", "leave a", "join the"}

// creditStems are what every match of creditRe contains: a few substring
// searches rule out most lines before the pattern runs. (This prefilter
// predates the others and misses a credit spelt with ſ; kept as it is so
// that output does not change.)
var creditStems = []string{"reporting by", "writing by", "editing by", "compiled by", "research by", "contribut", "have a tip", "reach the", "contact the", "follow him", "follow her", "follow them", "follow us", "follow the"}

// relatedHeads are the words every alternative of relatedRe, which is
// anchored, starts with.
var relatedHeads = []string{"related", "read", "see", "more", "also", "recommended", "you", "most", "trending", "further"}

// mayBeRelated reports whether relatedRe could match the line whose lower
// case is low. A line with ſ anywhere is passed on to the pattern.
func mayBeRelated(low string) bool {
	t := strings.TrimSpace(low)
	for _, h := range relatedHeads {
		if strings.HasPrefix(t, h) {
			return true
		}
	}
	return strings.Contains(t, "ſ")
}

// isRelatedHead reads a link list's head: "Related:", "Read more: …",
// "You may also like". A sentence that merely opens with one of those
// words ("Related charges were filed …") has no separator after it and
// runs on.
func isRelatedHead(t string, sh lineShape) bool {
	m := relatedRe.FindStringIndex(t)
	if m == nil {
		return false
	}
	if sh.words <= 5 {
		return true
	}
	rest := strings.TrimSpace(t[m[1]:])
	head := strings.TrimSpace(t[:m[1]])
	return strings.ContainsAny(head[len(head)-1:], ":-–—|") || strings.HasPrefix(rest, "…") || strings.HasPrefix(rest, "...")
}

func isPromo(t string, sh lineShape) bool {
	if sh.cues&cueCall == 0 {
		return false // promoAt would find nothing
	}
	at := promoAt(sh.low)
	if at < 0 {
		return false
	}
	if sh.upper > 0.8 || hasDomain(t) {
		return true
	}
	// Reporting mentions calls to act too ("Apple urged owners to
	// download the update", "users were unable to log in"). A short
	// promotion opens with its call, as an imperative, or is a label
	// rather than a sentence ("Pick Six Newsletter"), or speaks to the
	// reader.
	if sh.words <= 20 && (at == 0 || sh.words <= 6 || !sh.endPunct || addressRe.MatchString(t)) {
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
	last, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(last) || unicode.IsDigit(last) || last == ',' || last == '–' || last == '—' || last == '-'
}

// isCrosslink spots headlines set in capitals: in running text no
// paragraph of several words is all upper case, but links to other
// stories often are.
func isCrosslink(sh lineShape) bool {
	return sh.words >= 3 && sh.upper >= 0.9 && sh.letters >= 12
}
