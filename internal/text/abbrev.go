package text

// abbr says what a word followed by a period is.
type abbr uint8

const (
	abbrNone abbr = iota
	// abbrTitle comes before a name, so a sentence never ends after it.
	abbrTitle
	// abbrPlain may end a sentence ("… of Acme Inc.").
	abbrPlain
	// abbrNumber is "No." and "Nos.": an abbreviation only before a number,
	// since "no." is otherwise the word at a sentence end.
	abbrNumber
)

// abbrevOf looks w (without its period) up in the list of abbreviations
// that keep their period. Apart from a few that are written in lower case
// (etc., vs.), an abbreviation must begin with a capital: "Ill." is Illinois
// but "ill." ends a sentence, and the same goes for Miss., Mass., Wash., Fig.
// The rest of the word may be in any case, for headlines in capitals.
func abbrevOf(w string) abbr {
	if len(w) < 2 || len(w) > 7 {
		return abbrNone
	}
	// The switch below converts this stack copy without allocating.
	var b [7]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if ascii[c]&cLetter == 0 {
			return abbrNone
		}
		b[i] = c | 0x20
	}
	key := b[:len(w)]
	switch string(key) {
	case "etc", "vs", "al", "approx", "cf", "viz", "ca", "esp", "incl", "ibid":
		return abbrPlain
	}
	if ascii[w[0]]&cUpper == 0 {
		return abbrNone
	}
	switch string(key) {
	case "mr", "mrs", "ms", "messrs", "mmes", "dr", "prof", "rev", "hon",
		"gen", "gens", "sen", "sens", "rep", "reps", "gov", "govs",
		"lt", "col", "capt", "cmdr", "cdr", "adm", "maj", "sgt", "cpl", "pvt",
		"brig", "supt", "insp", "det", "pres", "fr", "sra", "srta",
		"mt", "ft", "msgr", "atty", "amb", "sec":
		return abbrTitle
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec",
		"tue", "tues", "wed", "thu", "thur", "thurs", "fri",
		"inc", "corp", "co", "cos", "ltd", "plc", "llc", "bros", "assn",
		"dept", "univ", "intl", "jr", "sr", "st", "ave", "blvd", "rd", "hwy",
		"est", "fig", "vol", "pp",
		"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga",
		"ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich",
		"minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
		"tenn", "tex", "vt", "va", "wash", "wis", "wyo":
		return abbrPlain
	case "no", "nos":
		return abbrNumber
	}
	return abbrNone
}

// isAcronym reports whether w is letters in groups of one or two joined by
// periods ("U.S", "a.m", "Ph.D", "U.S.A"): such a word keeps its final
// period. Longer groups are domains ("cnn.com"), whose period ends the
// sentence.
func isAcronym(w string) bool {
	groups, n := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case ascii[c]&cLetter != 0:
			n++
			if n > 2 {
				return false
			}
		case c == '.' && n > 0:
			groups++
			n = 0
		default:
			return false
		}
	}
	return groups > 0 && n > 0
}

// isStarter reports whether w commonly opens a sentence and seldom follows
// an abbreviation inside one: "U.S. The" is two sentences, "U.S. Army" one.
// Capitalised nouns and names are left out on purpose (see the package
// doc): a missed boundary costs less than a name cut in two.
func isStarter(w string) bool {
	switch w {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "You",
		"His", "Her", "Its", "Their", "Our", "My", "Your",
		"This", "That", "These", "Those", "There", "Here",
		"But", "And", "Or", "So", "Yet", "Still", "Also", "Then", "Now",
		"In", "On", "At", "As", "If", "When", "While", "After", "Before",
		"Since", "Although", "Though", "Because", "However", "Meanwhile",
		"Some", "Many", "Most", "Such", "What", "Why", "How", "Who", "Where",
		"Despite", "During", "Earlier", "Later", "According":
		return true
	}
	return false
}
