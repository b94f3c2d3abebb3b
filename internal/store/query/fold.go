package query

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold is the form names are matched in: lower case, diacritics dropped
// ("Zoë Ångström" → "zoe angstrom"), so that a user who types a name
// without its accents, or in other capitals, finds it. Backends store it
// beside a name and compare folded query values with it.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}
