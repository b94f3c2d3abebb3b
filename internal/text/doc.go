// Package text is dateline's one tokenizer and sentence splitter, shared by
// every annotator (named entities now; quotes and time expressions later),
// so that all of them agree on where words and sentences begin and end, and
// every offset they report is a UTF-8 byte offset into the paragraph they
// were given.
//
// # Tokens
//
// The named-entity model is trained on CoNLL-2003, Reuters text tokenised in
// the Penn Treebank manner, so Tokenize follows the same conventions; a model
// that sees tokens cut differently from its training data loses accuracy for
// no reason:
//
//   - Punctuation is a token of its own: , . ; : ! ? ( ) [ ] { } / and the
//     quotation marks " ' “ ” ‘ ’ « ». Dashes — – are tokens, as are "--",
//     "..." and "…".
//   - Clitics split as in the Treebank: "Ukraine's" → "Ukraine" "'s" (also
//     with ’), and 's 'S 'm 're 've 'll 'd; "don't" → "do" "n't", "can't" →
//     "ca" "n't". An apostrophe followed by other letters stays inside the
//     word ("O'Brien", "o'clock"); one that ends a word is a token
//     ("players" "'").
//   - Hyphenated words are whole ("Euro-Atlantic", "48-year-old",
//     "U.S.-led"), as are numbers with decimal points, thousands separators,
//     clock times and fractions ("3.5", "1,200", "10:30", "1/2", ".45"),
//     domains ("Foxnews.com") and "S&P", "AT&T". A period between a
//     lower-case word and a capital is a missing space ("said.The" → "said"
//     "." "The").
//     Currency signs and "%" are tokens: "$1.2" → "$" "1.2", "5%" → "5" "%";
//     a country's letters stay on the dollar sign ("US$", "HK$") and a plus
//     on a number ("+0.05"), as in CoNLL. Runs of hyphens, periods or
//     asterisks are one token each.
//   - A period stays on abbreviations from a fixed list (Mr. Gen. Sen. Jan.
//     Inc. Corp. Jr. vs. etc. and the like, abbrev.go), on dotted acronyms
//     whose parts are one or two letters (U.S. a.m. Ph.D. e.g.), on single
//     capital initials ("J. K. Rowling", "George W. Bush"), on "No." before a
//     number, and on a list number at the start of a line ("1. Schumacher"),
//     as in CoNLL. Elsewhere a final period is a token.
//   - URLs (http://, https://, ftp://, www.), e-mail addresses, @handles and
//     #hashtags are one token each; a URL's trailing sentence punctuation
//     (and an unbalanced closing bracket) is not part of it.
//   - Words are runs of Unicode letters, digits and combining marks, so no
//     rune is ever cut; text without spaces (Chinese, Japanese) gives one
//     token per run of letters between punctuation. Any other symbol (emoji,
//     currency, math) is a token, with the modifiers and joiners that belong
//     to it.
//
// Whitespace is never a token. It is Unicode White_Space, every control
// character, and the invisible format characters that carry no text (zero
// width space U+200B, the bidirectional marks U+200E U+200F U+202A–U+202E
// U+2066–U+2069, word joiner U+2060, byte order mark U+FEFF). The joiners
// U+200C U+200D and the soft hyphen U+00AD belong to the word they are in.
//
// Invalid UTF-8: each byte that is not part of a valid encoding counts as a
// letter. So a word with a stray byte ("caf\xe9") stays one token, a lone bad
// byte is a one-byte token, nothing is dropped and nothing panics, and the
// text between tokens is always whitespace. Such a token's Text is not
// valid UTF-8; encoding/json writes it with U+FFFD. Valid input never gives
// a token that cuts a rune.
//
// # Sentences
//
// A sentence ends after . ! ? … "..." and the CJK full stops 。！？, together
// with any closing quotes and brackets, and further end marks, written right
// after them (`He said, “We will.” Then…` ends after ”). It does not end:
//
//   - when the next word begins with a lower-case letter (`“Why?” he asked`,
//     `rose 3 p.m. on Tuesday`), or the next token is , ; : or a closing
//     bracket; a colon never ends a sentence;
//   - after a title that comes before a name (Mr. Gen. Sen. Rep. Gov. Dr.
//     Lt. Col. …) or "No.";
//   - after other abbreviations, dotted acronyms and initials ("Apr.",
//     "Inc.", "U.S.", "J."), unless the next word is one that commonly opens
//     a sentence (The He She It They We I But In A This …, starters in
//     sentences.go), or a quotation mark or bracket stands between them and a
//     capitalised word. "U.S. officials", "U.S. Army" and "Gen. Mark Milley"
//     stay whole; "… in the U.S. The report" splits. The rule prefers a
//     missed boundary to a false one, since a false one cuts a name in two;
//   - inside a number ("3.5") or a URL, which are single tokens.
//
// A blank line (a newline, optional spaces, another newline) or U+2029 between
// two tokens ends a sentence whatever precedes it; a single newline does not.
//
// # Speed
//
// AppendTokens and AppendSentences allocate nothing once dst has room: ASCII
// is classified by a table, only non-ASCII bytes are decoded, and
// abbreviations are matched by a switch on a lower-cased copy on the stack.
package text
