// Package lang identifies the language of an article's clean body text:
// Detect returns an ISO 639-1 code ("en", "de", "ja", ...) or "" when it is
// unsure.
//
// # Choice of detector
//
// Detect wraps github.com/RadhiFadlillah/whatlanggo, the maintained fork
// (2024) of abadojack/whatlanggo: a pure-Go trigram detector for 84
// languages whose profiles are static data in the binary. It was chosen by
// measurement against lingua-go v1.4.0 and abadojack/whatlanggo v1.0.1
// (rylans/getlang is not served by the module proxy); MEASUREMENTS.md has
// the table and the commands. In short, on the 181 labelled pages of the
// article-extraction-benchmark (161 English, 20 in 7 other languages),
// English Wikinews and CoNLL-2003:
//
//   - Accuracy on article bodies is the same or better: Detect 181/181,
//     lingua 180/181 in every configuration (one Indonesian page called
//     Malay), abadojack 175/181 (English bodies called Yoruba or French).
//   - Speed decides: Detect takes about 0.3 ms per article (mean body
//     4.7 KB, one core, idle Xeon; 0.33 ms CPU on the busy 2-core dev box).
//     lingua takes 38-48 ms per article in any mode and 23 ms on a 1 KB
//     head, 100 times over the budget: on text longer than about 100
//     characters the exponent of each language's summed log probability
//     underflows float64, and lingua computes it with arbitrary-precision
//     decimals (two thirds of its time in a profile).
//   - Size decides too: lingua embeds all 75 languages' models (124 MB),
//     whatever languages a detector is built from, adding 126 MB to
//     a binary, and keeps 42 MB (low-accuracy mode) to 740 MB (high
//     accuracy, all languages) of maps on the heap after loading. whatlanggo
//     adds 0.5 MB to a binary and nothing to the heap; go-trafilatura
//     already depends on this fork, so it costs no new module.
//
// lingua is better on short text: on its first 200 characters it labels
// every benchmark page, where Detect answers "" for five (three Russian,
// one Portuguese, one English list of scores) and is never wrong, and on
// CoNLL-2003 English sentences lingua gives a wrong language to 11-18% of
// them, whatlanggo without a threshold to 24%, Detect to 1.4% (it answers
// "" for 35% of them). Articles are long, so this costs Detect little.
//
// # How Detect decides
//
// Detect answers "" for text with fewer than MinLetters letters. It runs
// whatlanggo on the first 512 bytes and, when the answer's confidence is
// below MinConfidence, once more on the first 4 KB; cost does not grow
// with the article. Some languages that are rare in news and are the
// commonest false answers on English text are never answered (see
// skipped). A confidence below MinConfidence, or a language without an
// ISO 639-1 code, gives "". The option set and code table are built on
// first use (sync.Once); whatlanggo has no model files to load.
//
// Limits: whatlanggo has no Catalan, Slovak, Malay, Basque or Galician
// profile (such text gets a neighbour's code or ""), and Chinese is "zh"
// whatever the script.
package lang
