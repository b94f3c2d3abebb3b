package quote

import (
	"strings"

	"github.com/dateline-news/dateline/internal/fhash"
)

// stem is a crude lemma for English inflections, enough to let "stated",
// "states" and "stating" share what the training data says of "state":
// plural and third-person -s, -ed, -ing and a final e come off, a doubled
// consonant before -ed or -ing is undoubled. It works on lower-case
// ASCII; other words come back as they are.
func stem(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 || w[i] >= 'A' && w[i] <= 'Z' {
			return w
		}
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"), n > 4 && strings.HasSuffix(w, "ied"):
		w = w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = undouble(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = undouble(w[:n-2])
	case n > 3 && strings.HasSuffix(w, "es") && (w[n-3] == 's' || w[n-3] == 'x' || w[n-3] == 'z' || strings.HasSuffix(w[:n-2], "ch") || strings.HasSuffix(w[:n-2], "sh")):
		w = w[:n-2]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		w = w[:n-1]
	}
	if len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

func undouble(w string) string {
	n := len(w)
	if n > 3 && w[n-1] == w[n-2] && w[n-1] != 'l' && w[n-1] != 's' && w[n-1] != 'z' && !strings.ContainsRune("aeiou", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

// lowerForm is w in lower case with curly apostrophes straightened: the
// form hashLower hashes, so that everything a word decides depends on
// that hash alone.
func lowerForm(w string) string {
	w = strings.ToLower(w)
	if strings.ContainsRune(w, '’') {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// stemHash is the hash of the stem of w as written.
func stemHash(w string) uint64 { return fhash.String(stem(lowerForm(w))) }
