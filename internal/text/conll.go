package text

import "strings"

// CoNLLForm spells a token as CoNLL-2003's Reuters text (1996, ASCII)
// does, for models trained on it: curly quotes straight, dashes as
// hyphens, the ellipsis as three periods. Offsets still point at the text
// as written; only the model reads this form.
func CoNLLForm(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	switch s {
	case "“", "”", "„", "«", "»", "″":
		return `"`
	case "‘", "’", "‚", "′":
		return "'"
	case "’s":
		return "'s"
	case "n’t":
		return "n't"
	case "—", "―":
		return "--"
	case "–", "‐", "‑":
		return "-"
	case "…":
		return "..."
	}
	if strings.ContainsRune(s, '’') {
		return strings.ReplaceAll(s, "’", "'")
	}
	return s
}
