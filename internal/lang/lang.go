package lang

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

const (
	// MinLetters is the fewest letters Detect answers for; shorter text
	// gets "".
	MinLetters = 20

	// MinConfidence is the lowest whatlanggo confidence Detect accepts.
	// Below it the answer is "". At 0.3 the detector gave no wrong answer
	// on the benchmark bodies or their first 200 characters, and 1.4% on
	// CoNLL-2003 English sentences (against 24% with no threshold); see
	// MEASUREMENTS.md.
	MinConfidence = 0.3

	// firstSample and secondSample are the bytes of text Detect looks at:
	// the first try reads the head of the text, and only a text the first
	// try was unsure of gets a second, longer look. whatlanggo's cost grows
	// with the text (and with the number of languages it compares). On the
	// benchmark 512 bytes decide 179 of 181 bodies and 4 KB the other two.
	firstSample  = 512
	secondSample = 4096
)

// skipped are whatlanggo languages that Detect never answers: rare in
// news and, on short English text, the most frequent false answers
// (Javanese for Indonesian, Esperanto, Kurdish, and languages of Africa,
// the Philippines, Central and South Asia whose trigram profiles match
// English headlines and names). Leaving them out also makes a call
// 20-40% cheaper, since whatlanggo compares the text with every remaining
// profile of its script.
var skipped = []whatlanggo.Lang{
	whatlanggo.Aka, whatlanggo.Bho, whatlanggo.Ceb, whatlanggo.Epo, whatlanggo.Hat,
	whatlanggo.Hau, whatlanggo.Ibo, whatlanggo.Ilo, whatlanggo.Jav, whatlanggo.Kin,
	whatlanggo.Kur, whatlanggo.Mai, whatlanggo.Mlg, whatlanggo.Nya, whatlanggo.Orm,
	whatlanggo.Run, whatlanggo.Skr, whatlanggo.Sna, whatlanggo.Som, whatlanggo.Tuk,
	whatlanggo.Uig, whatlanggo.Uzb, whatlanggo.Yor, whatlanggo.Zul,
}

var (
	loadOnce sync.Once
	options  whatlanggo.Options
	isoCodes map[whatlanggo.Lang]string
)

// load builds the option set and the ISO 639-1 table on first use.
// whatlanggo's trigram profiles are static data in the binary, so there is
// no model to read and nothing else to keep on the heap.
func load() {
	options.Blacklist = make(map[whatlanggo.Lang]bool, len(skipped))
	for _, l := range skipped {
		options.Blacklist[l] = true
	}
	isoCodes = make(map[whatlanggo.Lang]string)
	for l := whatlanggo.Afr; l <= whatlanggo.Zul; l++ {
		if options.Blacklist[l] {
			continue
		}
		isoCodes[l] = l.Iso6391() // "" where the language has no ISO 639-1 code
	}
	isoCodes[whatlanggo.Ydd] = "yi" // Yiddish has one; whatlanggo leaves it out
}

// Detect returns the ISO 639-1 code of text's language, or "" when unsure
// (too short, mixed, unknown).
//
// It reads at most the first 512 bytes, and the first 4 KB when those were
// not enough, so its cost does not grow with the article. It answers ""
// when text has fewer than MinLetters letters, when no script or language
// dominates, when the detector's confidence is below MinConfidence, and for
// languages without an ISO 639-1 code. Chinese is "zh" whatever the script
// variant; Norwegian is "nb" or "nn". Safe for concurrent use.
func Detect(text string) string {
	if !hasLetters(text, MinLetters) {
		return ""
	}
	sample := head(text, firstSample)
	if isEnglish(sample) {
		return "en"
	}
	loadOnce.Do(load)
	info := whatlanggo.DetectWithOptions(sample, options)
	if info.Confidence < MinConfidence && len(sample) < len(text) {
		info = whatlanggo.DetectWithOptions(head(text, secondSample), options)
	}
	if info.Lang < 0 || info.Confidence < MinConfidence {
		return ""
	}
	return isoCodes[info.Lang]
}

// hasLetters reports whether text holds at least n letters.
func hasLetters(text string, n int) bool {
	for _, r := range text {
		if unicode.IsLetter(r) {
			n--
			if n == 0 {
				return true
			}
		}
	}
	return false
}

// head returns text cut to at most n bytes, at a space when one is near
// the end (so that the last word is not cut short) and never inside a
// UTF-8 sequence.
func head(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	for i := cut; i > cut-32 && i > 0; i-- {
		if text[i] == ' ' || text[i] == '\n' {
			return text[:i]
		}
	}
	return text[:cut]
}

// englishWords are English function words that are rare as words of other
// languages written in Latin script. Words that are also common Dutch,
// German or Scandinavian words ("is", "was", "on", "for", "her", "will",
// "an", "by", "have") are left out, so the share below stays near zero on
// text in those languages.
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "that": true, "with": true,
	"which": true, "said": true, "from": true, "this": true, "has": true,
	"had": true, "were": true, "it": true, "they": true, "his": true,
	"their": true, "been": true, "would": true, "not": true, "who": true,
}

// englishShare counts the words of an ASCII sample (runs of ASCII letters
// and apostrophes) and how many of them are englishWords. ok is false when
// the sample has a non-ASCII letter in more than 1 word in 20: such text
// goes to the full detector.
func englishShare(sample string) (words, english int, ok bool) {
	var buf [8]byte
	nonASCII := 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(sample[i:])
			if unicode.IsLetter(r) {
				nonASCII++
				for i += size; i < len(sample); i += size {
					r, size = utf8.DecodeRuneInString(sample[i:])
					if !unicode.IsLetter(r) && r != '\'' {
						break
					}
				}
				words++
				continue
			}
			i += size
			continue
		}
		if !isASCIILetter(c) {
			i++
			continue
		}
		j, n := i, 0
		for ; j < len(sample) && (isASCIILetter(sample[j]) || sample[j] == '\''); j++ {
			if n < len(buf) {
				buf[n] = sample[j] | 0x20
			}
			n++
		}
		words++
		if n <= len(buf) && englishWords[string(buf[:n])] {
			english++
		}
		i = j
	}
	return words, english, nonASCII*20 <= words
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isEnglish is a fast path for the language of most news: when at least
// 40 words of the sample are mostly ASCII and one in twelve is an English
// function word, the answer is English without comparing trigram profiles
// (whatlanggo compares every Latin-script profile, about 300 µs a call).
// On the benchmark's English bodies the first 512 bytes run at 2-30 %
// such words (a median near 17 %), its German, Indonesian, Italian and
// Portuguese bodies at 0 % (MEASUREMENTS.md).
func isEnglish(sample string) bool {
	words, english, ok := englishShare(sample)
	return ok && words >= 40 && english*12 >= words
}
