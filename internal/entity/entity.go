// Package entity turns the name spans a recognizer finds in one article
// into entities: one canonical name per person, organisation or place,
// with every mention.
//
// A recognizer sees one sentence at a time and tags what it sees:
// "Stoltenberg" in one paragraph, "NATO chief Jens Stoltenberg" in another,
// "the Kremlin" as a place in a third. Resolve works over the whole
// article, as a reader does: a bare surname is the person named in full
// elsewhere in the article; a name tagged with two types takes the type most
// of its mentions have; job titles, a leading "the" and a possessive "’s"
// are not part of a name; an honorific ("Dr", "Mr") makes a person
// whatever the tagger typed; two people's names side by side with one
// space between are one name the tagger cut in two.
package entity

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
)

// Mention is a span a recognizer tagged: Start and End are UTF-8 byte
// offsets into paragraph P, End exclusive; Type is PER, ORG, LOC or MISC.
type Mention struct {
	P, Start, End int
	Type          string
}

// Entity types.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// mention is a Mention after trimming, with its words.
type mention struct {
	Mention
	text  string
	key   string // key(text), computed once
	words []string
	group int
}

// Resolve groups the mentions of one article into entities. paragraphs
// are the article's paragraphs the offsets refer to. Mentions out of
// bounds, empty after trimming, or without a letter are dropped. Entities
// come in the order of their first mention, each mention in text order.
func Resolve(paragraphs []string, spans []Mention) []article.Entity {
	ms := make([]*mention, 0, len(spans))
	for _, s := range spans {
		if s.P < 0 || s.P >= len(paragraphs) || s.Start < 0 || s.End > len(paragraphs[s.P]) || s.Start >= s.End {
			continue
		}
		if m, ok := trim(paragraphs[s.P], s); ok {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.P != b.P {
			return a.P < b.P
		}
		return a.Start < b.Start
	})
	ms = dropOverlaps(ms)
	ms = joinPeople(paragraphs, ms)
	voteTypes(ms)
	groups := group(ms)
	out := make([]article.Entity, 0, len(groups))
	for _, g := range groups {
		e := article.Entity{Name: canonical(g), Type: g[0].Type, Mentions: make([]article.Mention, len(g))}
		for i, m := range g {
			e.Mentions[i] = article.Mention{P: m.P, Start: m.Start, End: m.End, Text: m.text}
		}
		out = append(out, e)
	}
	return out
}

// trim narrows a span to the name it holds: no surrounding space or
// punctuation, no possessive, no leading article, no job title before a
// person's name.
func trim(para string, s Mention) (*mention, bool) {
	start, end := s.Start, s.End
	// Edges: spaces, quotes, brackets and punctuation a tagger may take
	// along. A final period stays when it ends an abbreviation ("Corp.",
	// "U.S."), which is a word of at most four letters with a period.
	for start < end {
		r, size := utf8.DecodeRuneInString(para[start:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		start += size
	}
	for start < end {
		r, size := utf8.DecodeLastRuneInString(para[start:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' && isAbbrevEnd(para[start:end]) {
			break
		}
		end -= size
	}
	for _, p := range []string{"’s", "'s", "’", "'"} {
		if end-start > len(p) && strings.HasSuffix(para[start:end], p) {
			end -= len(p)
			break
		}
	}
	if start >= end {
		return nil, false
	}
	words := strings.Fields(para[start:end])
	// "the Kremlin", "The Associated Press": the article is not part of
	// the name, whatever the type.
	if len(words) > 1 && (words[0] == "the" || words[0] == "The") {
		start += strings.Index(para[start:end], words[1])
		words = words[1:]
	}
	// "Dr Martisius", "Mr Hancock": an honorific makes a person,
	// whatever type the tagger gave the name after it, unless the name
	// is a firm's ("Dr. Reddy's Laboratories").
	if len(words) > 1 && s.Type != PER && honorifics[strings.ToLower(strings.TrimSuffix(words[0], "."))] && !firmName(words[1:]) {
		s.Type = PER
	}
	if s.Type == PER {
		n := 0
		// A sentence's first word, capitalised, that a tagger took
		// into the name: "From La Silla we observed".
		if len(words) > 1 && leadWords[words[0]] {
			n++
		}
		for n < len(words)-1 && isTitle(words[n]) {
			n++
		}
		if n > 0 {
			// Offsets follow the words: find the first kept word after
			// the titles.
			off := start
			for _, w := range words[:n] {
				off = strings.Index(para[off:end], w) + off + len(w)
			}
			start = off + strings.Index(para[off:end], words[n])
			words = words[n:]
		}
	}
	text := para[start:end]
	if !strings.ContainsFunc(text, unicode.IsLetter) {
		return nil, false
	}
	return &mention{Mention: Mention{P: s.P, Start: start, End: end, Type: s.Type}, text: text, key: key(text), words: words}, true
}

// leadWords are capitalised prepositions, conjunctions and adverbs,
// which open sentences and no person's name ("Whereas Pierce and Hawkins
// all felt").
var leadWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`From In At On By For With To And But Of After Before During
		Under As When While Whereas Although Though If Because Since Unlike Like Meanwhile
		Also Then Now So Yet However Instead`) {
		m[w] = true
	}
	return m
}()

// isAbbrevEnd reports whether s ends in an abbreviation's period:
// "U.S.", "Corp.", "Jr.".
func isAbbrevEnd(s string) bool {
	i := strings.LastIndexFunc(s[:len(s)-1], func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	w := s[i+1:]
	return len(w) >= 2 && len(w) <= 5 && strings.Count(w, ".") >= 1
}

// dropOverlaps keeps, of mentions that overlap, the first and longest,
// so that no text belongs to two entities.
func dropOverlaps(ms []*mention) []*mention {
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 {
			last := out[n-1]
			if last.P == m.P && m.Start < last.End {
				if m.End-m.Start > last.End-last.Start {
					out[n-1] = m
				}
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// joinPeople makes one mention of two people's names with a single
// space between them: in prose two people are never named side by
// side without a comma or "and", so that is one name the tagger cut in
// two ("Dr Meerjady Sabrina Flora": "Meerjady" and "Sabrina Flora").
// ms is in text order.
func joinPeople(paragraphs []string, ms []*mention) []*mention {
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 {
			last := out[n-1]
			if last.Type == PER && m.Type == PER && last.P == m.P && paragraphs[m.P][last.End:m.Start] == " " {
				last.End = m.End
				last.text = paragraphs[m.P][last.Start:last.End]
				last.key = key(last.text)
				last.words = append(last.words, m.words...)
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// voteTypes gives every mention of one name the type most of its mentions
// have: a recognizer that calls "Kremlin" a place once and an organisation
// twice is right twice. Ties go to the type of the earliest mention. A few
// buildings stand for the institution inside them (metonyms) and are
// organisations whatever the votes.
func voteTypes(ms []*mention) {
	votes := map[string]map[string]int{}
	first := map[string]string{}
	for _, m := range ms {
		k := m.key
		if votes[k] == nil {
			votes[k] = map[string]int{}
			first[k] = m.Type
		}
		votes[k][m.Type]++
	}
	for _, m := range ms {
		k := m.key
		if institutions[k] {
			m.Type = ORG
			continue
		}
		best := first[k]
		for _, t := range []string{PER, ORG, LOC, MISC} {
			if votes[k][t] > votes[k][best] {
				best = t
			}
		}
		m.Type = best
	}
}

// institutions are places named for the body that sits there: in news
// they act and speak ("the Kremlin said").
var institutions = map[string]bool{
	"kremlin": true, "white house": true, "pentagon": true, "downing street": true,
	"elysee": true, "élysée": true, "elysee palace": true, "élysée palace": true,
	"blue house": true, "quai d'orsay": true, "whitehall": true, "vatican": true,
	"holy see": true, "state department": true, "capitol hill": true,
}

// key is a name folded for comparison: case, quotes and spacing do not
// make two names.
func key(s string) string {
	plain := true // ASCII, single spaces: the key is s in lower case
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') || c < ' ' {
			plain = false
			break
		}
	}
	if plain {
		return strings.ToLower(s)
	}
	s = strings.ReplaceAll(s, "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// group links the mentions that name one entity. Mentions with the same
// name and type are one entity. A person named by fewer words than a full
// name already seen ("Stoltenberg", "Mr. Stoltenberg" after "Jens
// Stoltenberg") is that person: the most recent one whose name ends (or,
// for a lone first name, starts) with those words. A surname with no full
// name before it looks ahead, and links when exactly one person's full
// name ends with it. Only mentions typed PER link to a person: a surname
// the recognizer once took for a place ("Stoltenberg told") is already a
// person by voteTypes when other mentions of it are, and "Jordan" in an
// article about Michael Jordan may be the country; but a surname of two
// words or more ("La Riva", "De Blasio") that ends a person's full name
// is that person, whatever its type.
func group(ms []*mention) [][]*mention {
	var groups [][]*mention
	byKey := map[string]int{} // type + name → group
	persons := []int{}        // groups of persons with a name of two words or more, in order of appearance
	for _, m := range ms {
		m.group = -1
	}
	// Full names first, so that a surname before its full name can still
	// find it.
	full := func(m *mention) bool { return m.Type == PER && len(m.words) > 1 }
	for _, m := range ms {
		if !full(m) {
			continue
		}
		k := PER + m.key
		g, ok := byKey[k]
		if !ok {
			g = len(groups)
			groups = append(groups, nil)
			byKey[k] = g
			persons = append(persons, g)
		}
		m.group = g
	}
	// A person's name with more words covers the shorter one when the
	// short one is its tail ("Joe Biden" ⊂ "President Joe Biden" after
	// trimming) or a two-word name is its first and last word ("Martin
	// Luther King" and "Martin King" are rare; "George W. Bush" and
	// "George Bush" are common).
	merged := make([]int, len(groups))
	for i := range merged {
		merged[i] = i
	}
	names := make([][]string, len(groups))
	for _, m := range ms {
		if m.group >= 0 && len(m.words) > len(names[m.group]) {
			names[m.group] = m.words
		}
	}
	for _, a := range persons {
		for _, b := range persons {
			if a == b || merged[a] != a || len(names[a]) >= len(names[b]) {
				continue
			}
			if coversName(names[b], names[a]) {
				merged[a] = b
			}
		}
	}
	for _, m := range ms {
		if m.group >= 0 {
			m.group = root(merged, m.group)
		}
	}
	var order []int // groups in order of first mention, for surname links
	for _, m := range ms {
		if m.group >= 0 {
			continue
		}
		if len(m.words) <= 2 && m.Type == PER {
			if g := personFor(m, ms, names, merged); g >= 0 {
				m.group = g
				continue
			}
		}
		// A surname of two words or more is the person whose full name
		// ends with it, whatever type the recognizer gave it: "La Riva"
		// after "Gloria La Riva" reads like a place to a tagger that
		// sees one sentence. (One word is not enough: "Jordan".)
		if len(m.words) >= 2 && m.Type != PER {
			if g := personFor(m, ms, names, merged); g >= 0 && wordsEqual(names[g][len(names[g])-len(m.words):], m.words) {
				m.group, m.Type = g, PER
				continue
			}
		}
		k := m.Type + m.key
		g, ok := byKey[k]
		if !ok {
			g = len(groups)
			groups = append(groups, nil)
			merged = append(merged, g)
			names = append(names, m.words)
			byKey[k] = g
		}
		m.group = g
	}
	for _, m := range ms {
		groups[m.group] = append(groups[m.group], m)
	}
	// Order by first mention (ms is in text order).
	seen := make([]bool, len(groups))
	for _, m := range ms {
		if !seen[m.group] {
			seen[m.group] = true
			order = append(order, m.group)
		}
	}
	out := make([][]*mention, 0, len(order))
	for _, g := range order {
		out = append(out, groups[g])
	}
	return out
}

func root(merged []int, g int) int {
	for merged[g] != g {
		g = merged[g]
	}
	return g
}

// coversName reports whether short names the person long names: its tail
// ("Biden" in "Joe Biden"), or its first and last words ("George Bush" in
// "George W. Bush").
func coversName(long, short []string) bool {
	if len(short) == 0 || len(short) >= len(long) {
		return false
	}
	if wordsEqual(long[len(long)-len(short):], short) {
		return true
	}
	return len(short) == 2 && strings.EqualFold(long[0], short[0]) && strings.EqualFold(long[len(long)-1], short[1])
}

func wordsEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// personFor finds the person a short mention names, or -1: among the
// full names before it, the most recent it covers; else, among those after
// it, the only one it covers.
func personFor(m *mention, ms []*mention, names [][]string, merged []int) int {
	best, bestAfter, after := -1, -1, 0
	for _, o := range ms {
		if o.group < 0 || o.Type != PER || len(names[o.group]) < 2 {
			continue
		}
		g := root(merged, o.group)
		full := names[g]
		ok := coversName(full, m.words)
		if !ok && len(m.words) == 1 && strings.EqualFold(full[0], m.words[0]) {
			ok = true // a first name alone: "Jens" after "Jens Stoltenberg"
		}
		if !ok {
			continue
		}
		if before(o, m) {
			best = g
		} else if g != bestAfter {
			bestAfter = g
			after++
		}
	}
	if best >= 0 {
		return best
	}
	if after == 1 {
		return bestAfter
	}
	return -1
}

func before(a, b *mention) bool {
	return a.P < b.P || a.P == b.P && a.Start < b.Start
}

// canonical is the entity's name: for a person, the longest name a
// mention gives (after titles are trimmed); for the rest, the form most
// mentions use, the longest on a tie.
func canonical(g []*mention) string {
	if g[0].Type == PER {
		best := g[0]
		for _, m := range g[1:] {
			if len(m.words) > len(best.words) || len(m.words) == len(best.words) && len(m.text) > len(best.text) {
				best = m
			}
		}
		return strings.Join(best.words, " ")
	}
	count := map[string]int{}
	for _, m := range g {
		count[strings.Join(m.words, " ")]++
	}
	best := ""
	for name, n := range count {
		if n > count[best] || n == count[best] && (len(name) > len(best) || len(name) == len(best) && name < best) {
			best = name
		}
	}
	return best
}

// firmName reports whether words read as a business's name rather than
// a person's: a possessive, or a word such as "Laboratories" or "Inc".
func firmName(words []string) bool {
	for _, w := range words {
		if strings.ContainsAny(w, "'’&") || firmWords[strings.ToLower(strings.TrimSuffix(w, "."))] {
			return true
		}
	}
	return false
}

var firmWords = map[string]bool{"inc": true, "ltd": true, "llc": true, "plc": true, "corp": true, "co": true,
	"company": true, "group": true, "laboratories": true, "labs": true, "clinic": true, "hospital": true,
	"foundation": true, "institute": true, "university": true, "school": true}

// honorifics are the titles that only a person's name follows.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true, "sir": true, "dame": true}

// isTitle reports whether a word is a job title or honorific that comes
// before a person's name in news ("Defense Secretary Lloyd Austin", "Gen.
// Mark Milley"). The list holds titles, not names: a capitalised word
// that is not on it is taken as part of the name.
func isTitle(w string) bool {
	return titles[strings.ToLower(strings.TrimSuffix(w, "."))]
}

var titles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		mr mrs ms miss mx dr prof sir dame lord lady rev reverend father sister brother
		president vice prime minister secretary general secretary-general deputy chancellor
		premier governor gov senator sen representative rep congressman congresswoman
		mayor judge justice chief speaker spokesman spokeswoman spokesperson ambassador
		envoy commissioner director chairman chairwoman chair ceo cfo founder king queen
		prince princess emperor empress pope cardinal bishop archbishop rabbi imam sheikh
		gen lt col maj capt sgt cpl pvt adm cmdr lieutenant colonel major captain sergeant
		admiral commander marshal officer detective inspector superintendent sheriff
		coach manager striker midfielder defender goalkeeper forward quarterback pitcher
		defense defence foreign interior finance health trade justice attorney
		u.s. us uk former late then acting interim incoming outgoing new
		leader head founder pres ex dep asst assistant associate professor doctor
		`) {
		m[w] = true
	}
	return m
}()
