//go:build !nolingua

// The lingua-go candidates: left out with -tags nolingua, for a test
// binary small enough to copy elsewhere (lingua embeds 124 MB of models).

package langeval_test

import (
	"strings"
	"sync"

	"github.com/pemistahl/lingua-go"
)

func init() {
	candidates = append(candidates,
		linguaCand("lingua all 75, high acc", func() lingua.LanguageDetector {
			return lingua.NewLanguageDetectorBuilder().FromAllLanguages().Build()
		}, 0),
		linguaCand("lingua all 75, low acc", func() lingua.LanguageDetector {
			return lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithLowAccuracyMode().Build()
		}, 0),
		linguaCand("lingua news 64, high acc", func() lingua.LanguageDetector {
			return lingua.NewLanguageDetectorBuilder().FromLanguages(newsLanguages...).Build()
		}, 0),
		linguaCand("lingua news 64, low acc", func() lingua.LanguageDetector {
			return lingua.NewLanguageDetectorBuilder().FromLanguages(newsLanguages...).WithLowAccuracyMode().Build()
		}, 0),
		linguaCand("lingua news 64, low acc, 1 KB head", func() lingua.LanguageDetector {
			return lingua.NewLanguageDetectorBuilder().FromLanguages(newsLanguages...).WithLowAccuracyMode().Build()
		}, 1024),
	)
}

// newsLanguages is lingua's 75 languages less those rare in news or that
// only add confusion with English text (Esperanto, Latin, Maori and the
// southern African and Nigerian languages).
var newsLanguages = []lingua.Language{
	lingua.Afrikaans, lingua.Albanian, lingua.Arabic, lingua.Armenian, lingua.Azerbaijani,
	lingua.Basque, lingua.Belarusian, lingua.Bengali, lingua.Bokmal, lingua.Bosnian,
	lingua.Bulgarian, lingua.Catalan, lingua.Chinese, lingua.Croatian, lingua.Czech,
	lingua.Danish, lingua.Dutch, lingua.English, lingua.Estonian, lingua.Finnish,
	lingua.French, lingua.Georgian, lingua.German, lingua.Greek, lingua.Gujarati,
	lingua.Hebrew, lingua.Hindi, lingua.Hungarian, lingua.Icelandic, lingua.Indonesian,
	lingua.Irish, lingua.Italian, lingua.Japanese, lingua.Kazakh, lingua.Korean,
	lingua.Latvian, lingua.Lithuanian, lingua.Macedonian, lingua.Malay, lingua.Marathi,
	lingua.Mongolian, lingua.Nynorsk, lingua.Persian, lingua.Polish, lingua.Portuguese,
	lingua.Punjabi, lingua.Romanian, lingua.Russian, lingua.Serbian, lingua.Slovak,
	lingua.Slovene, lingua.Somali, lingua.Spanish, lingua.Swahili, lingua.Swedish,
	lingua.Tagalog, lingua.Tamil, lingua.Telugu, lingua.Thai, lingua.Turkish,
	lingua.Ukrainian, lingua.Urdu, lingua.Vietnamese, lingua.Welsh,
}

func linguaCand(name string, build func() lingua.LanguageDetector, maxBytes int) candidate {
	var once sync.Once
	var det lingua.LanguageDetector
	return candidate{name, func(text string) string {
		once.Do(func() { det = build() })
		if maxBytes > 0 {
			text = head(text, maxBytes)
		}
		l, ok := det.DetectLanguageOf(text)
		if !ok {
			return ""
		}
		return strings.ToLower(l.IsoCode639_1().String())
	}}
}
