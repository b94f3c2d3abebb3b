package timex

import "strings"

// Tense cues decide which way a bare weekday, month or date without a
// year points: "will attend … on Friday" is the Friday to come, "said on
// Friday" the one before. The cue nearest the expression in its sentence
// wins; a verb group is read as a whole, so that "will be held" is
// future although "held" is a past form.

const (
	past   = -1
	future = 1
	// soon is the future as seen from a past or present report ("was
	// expected to", "planned to", "would"): after the report, but the
	// report may itself be days old, so the nearest occurrence is meant.
	soon = 2
)

// futureWords mark the future by themselves (1), before "to" (2), unless
// before "to" (3), or as a future seen from a report (4, 5 before "to").
var futureWords = map[string]int8{
	"will": 1, "'ll": 1, "’ll": 1, "shall": 1, "wo": 1, "gonna": 1,
	"tomorrow": 1, "effective": 1, "upcoming": 4,
	"expect": 4, "expects": 4, "expected": 4, "expecting": 4,
	"scheduled": 4, "schedule": 4, "slated": 4,
	"plan": 5, "plans": 5, "planned": 5, "planning": 5,
	"going": 2, "set": 5, "due": 3, "intend": 5, "intends": 5, "aims": 5, "hopes": 5,
	"would": 4, "might": 4, "may": 4, "could": 4,
}

// pastWords are common irregular past forms and past auxiliaries.
var pastWords = map[string]bool{
	"said": true, "told": true, "was": true, "were": true, "had": true, "did": true, "ago": true,
	"yesterday": true, "rose": true, "fell": true, "began": true, "came": true, "went": true, "took": true,
	"made": true, "gave": true, "met": true, "held": true, "saw": true, "won": true, "lost": true,
	"left": true, "sold": true, "bought": true, "spoke": true, "wrote": true, "found": true, "became": true,
	"brought": true, "thought": true, "felt": true, "kept": true, "paid": true, "sent": true, "ran": true,
	"grew": true, "fought": true, "led": true, "struck": true, "shot": true, "got": true, "knew": true,
	"meant": true, "stood": true, "heard": true, "hit": false, "broke": true, "drew": true, "flew": true,
	"fled": true, "won't": false, "chose": true, "wore": true, "sought": true, "caught": true, "taught": true,
	"built": true, "spent": true, "lent": true, "dealt": true, "swore": true, "threw": true, "rang": true,
	"sank": true, "slid": true, "woke": true, "withdrew": true, "forgot": true, "overtook": true,
}

// notPast are words ending in -ed that are not past forms.
var notPast = map[string]bool{
	"need": true, "speed": true, "indeed": true, "bed": true, "red": true, "shed": true, "seed": true,
	"feed": true, "breed": true, "embed": true, "hundred": true, "united": true, "based": true, "proceed": true,
	"exceed": true, "succeed": true, "greed": true, "weed": true, "deed": true, "reed": true, "bleed": true,
	"related": true, "limited": true, "armed": true, "advanced": true, "detailed": true, "interested": true,
	"sophisticated": true, "refurbished": true, "occupied": true, "concerned": true, "experienced": true,
	"dedicated": true, "talented": true, "skilled": true, "educated": true, "qualified": true, "alleged": true,
	"so-called": true, "biased": true, "beloved": true, "aged": true, "sacred": true, "wicked": true,
	"naked": true, "rugged": true, "crooked": true, "wretched": true, "ragged": true, "learned": false,
}

// tenseAt is the tense token k marks on its own, reading the auxiliaries
// before a participle.
func (s *state) tenseAt(k int) int {
	w := s.text(k)
	if w == "" || len(w) > 20 {
		return 0
	}
	c := w[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\'' || c == 0xE2) {
		return 0
	}
	lw := strings.ToLower(w)
	if f, ok := futureWords[lw]; ok {
		switch f {
		case 1:
			return future
		case 2:
			if nxt := strings.ToLower(s.text(k + 1)); nxt == "to" {
				return future
			}
			return 0
		case 3:
			if strings.ToLower(s.text(k+1)) == "to" {
				return 0
			}
			return future
		case 4:
			if lw == "may" && c == 'M' {
				return 0 // the month
			}
			return s.presentAux(k)
		case 5:
			if nxt := strings.ToLower(s.text(k + 1)); nxt == "to" {
				return s.presentAux(k)
			}
			return 0
		}
	}
	switch lw {
	case "was", "were", "had", "did", "is", "are", "has", "have":
		// An auxiliary defers to the verb it goes with ("were planning
		// to", "was expected"), if that verb says anything.
		for n := k + 1; n <= k+3; n++ {
			nw := strings.ToLower(s.text(n))
			if nw == "not" || nw == "n't" || nw == "also" || nw == "still" || nw == "been" || nw == "being" {
				continue
			}
			if _, ok := futureWords[nw]; ok {
				return 0
			}
			break
		}
		if lw == "is" || lw == "are" {
			return 0
		}
		return past
	case "soon":
		return future
	}
	irregular := pastWords[lw]
	if irregular || len(lw) > 4 && strings.HasSuffix(lw, "ed") && !notPast[lw] && c >= 'a' && c <= 'z' {
		// A past form or participle: the auxiliaries before it decide
		// ("will be held", "is heard", "has been delayed").
	aux:
		for b := k - 1; b >= 0 && b >= k-4; b-- {
			switch strings.ToLower(s.text(b)) {
			case "will", "'ll", "’ll", "shall":
				return future
			case "would", "might", "could", "may":
				return soon
			case "has", "have", "had", "was", "were", "'ve", "’ve", "'d", "’d":
				return past
			case "is", "are", "am", "'s", "’s", "'re", "’re", "to":
				return 0
			case "be", "been", "being", "not", "n't", "also", "already", "just", "now", "then", "still", "recently":
				continue
			default:
				break aux
			}
		}
		return past
	}
	return 0
}

// dirWindow is how many tokens away a cue may be.
var dirWindow = 40

// dir is the direction the sentence's tense gives the expression at
// tokens [i, j): past, future or 0 when nothing says.
func (s *state) dir(i, j int) int {
	if i > 0 {
		switch strings.ToLower(s.text(i - 1)) {
		case "until", "till", "by":
			// "postponed until Saturday", "by Friday": a deadline, the
			// nearest one
			return soon
		}
	}
	a, b := s.sentence()
	// Only cues within dirWindow count, so long sentences cost no more
	// than short ones.
	a = max(a, i-dirWindow)
	b = min(b, j+dirWindow)
	best, bestD := 0, 1<<30
	for k := a; k < b; k++ {
		if k >= i && k < j {
			continue
		}
		d := i - k
		if k >= j {
			d = k - j + 1
		}
		if d > dirWindow || d >= bestD {
			continue
		}
		if s.lx[k].c&(cDeictic|cRef) != 0 && k >= i-1 && k <= j {
			continue
		}
		if t := s.tenseAt(k); t != 0 {
			best, bestD = t, d
		}
	}
	return best
}

// dirGoverning is the direction for a month named without a year: the
// verb that governs it if one comes right before ("rose in July", "will
// meet in July") or, at the head of a sentence, right after ("In
// January, the company said"); a month after an event noun ("a summit
// in July") is the nearest one whatever the tense; otherwise nothing.
func (s *state) dirGoverning(i, j int) int {
	a, b := s.sentence()
back:
	for k := i - 1; k >= a && k >= i-6; k-- {
		switch strings.ToLower(s.text(k)) {
		case "in", "on", "since", "until", "by", "from", "through", "during", "before", "after", "till", "of", "early", "late", "mid", "last", "next", "this", "not", "n't", "also", "again", "then":
			continue
		case ",", ";", ":", "—", "–", "(", "\"", "“", "”":
			break back
		}
		if t := s.tenseAt(k); t != 0 {
			return t
		}
		if eventNouns[strings.ToLower(s.text(k))] {
			return 0
		}
		break
	}
	if i-a <= 2 {
		for k := j; k < b && k < j+8; k++ {
			w := s.text(k)
			if w == "," && k == j {
				continue
			}
			if w == "," || w == ";" || w == "." {
				break
			}
			if t := s.tenseAt(k); t != 0 {
				return t
			}
		}
	}
	// The tense of the sentence as a whole, or of the clause, was
	// measured on TimeBank and AQUAINT and placed months worse than the
	// nearest reading (MEASUREMENTS.md): "said" anywhere makes everything
	// past, and a past clause still often names a month ahead.
	return 0
}

// eventNouns name events that are planned ahead; a month after one ("a
// summit in July") is read as the nearest, whatever the tense of the
// clause around it.
var eventNouns = map[string]bool{
	"summit": true, "meeting": true, "conference": true, "election": true, "elections": true, "vote": true,
	"visit": true, "trip": true, "talks": true, "hearing": true, "trial": true, "launch": true, "deadline": true,
	"session": true, "ceremony": true, "festival": true, "games": true, "tournament": true, "referendum": true,
	"congress": true, "convention": true, "meetings": true, "summits": true, "visits": true, "tour": true,
}

// presentAux is the tense of a plan or expectation at k: "is expected
// to", "are scheduled to", "plans to" look ahead from now; "was expected
// to", "planned to" from a report that may be days old.
func (s *state) presentAux(k int) int {
	switch strings.ToLower(s.text(k)) {
	case "plans", "expects", "aims", "hopes", "intends", "upcoming":
		return future
	}
	for b := k - 1; b >= 0 && b >= k-2; b-- {
		switch strings.ToLower(s.text(b)) {
		case "is", "are", "am", "'s", "’s", "'re", "’re", "remains", "remain":
			return future
		case "not", "n't", "also", "still", "now", "already":
			continue
		}
		break
	}
	return soon
}
