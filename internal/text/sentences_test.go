package text

import (
	"reflect"
	"strings"
	"testing"
)

// sentenceCases give each input's sentences as the text from the first
// token's start to the last token's end.
var sentenceCases = []struct {
	name string
	in   string
	want []string
}{
	{"empty", "", nil},
	{"one", "Stoltenberg arrived in Kyiv", []string{"Stoltenberg arrived in Kyiv"}},
	{"two", "NATO stands with you today. It will for as long as it takes.",
		[]string{"NATO stands with you today.", "It will for as long as it takes."}},
	{"quote ends sentence", `He said, “We will.” Then he left.`,
		[]string{`He said, “We will.”`, "Then he left."}},
	{"quote then ellipsis", `He said, “We will.” Then…`, []string{`He said, “We will.”`, "Then…"}},
	{"straight quote ends sentence", `"Ukraine's rightful place is in NATO." Zelenskyy agreed.`,
		[]string{`"Ukraine's rightful place is in NATO."`, "Zelenskyy agreed."}},
	{"question inside quote", `“Why now?” he asked. Nobody knew!`,
		[]string{`“Why now?” he asked.`, "Nobody knew!"}},
	{"title", "Gen. Mark Milley met Sen. Jack Reed and Dr. Smith on Tuesday.",
		[]string{"Gen. Mark Milley met Sen. Jack Reed and Dr. Smith on Tuesday."}},
	{"initials", "J. K. Rowling and George W. Bush were not there. The meeting went on.",
		[]string{"J. K. Rowling and George W. Bush were not there.", "The meeting went on."}},
	{"U.S. before a noun", "U.S. officials said the U.S. Army would stay.",
		[]string{"U.S. officials said the U.S. Army would stay."}},
	{"U.S. at the end", "Troops returned to the U.S. The deployment ended in May.",
		[]string{"Troops returned to the U.S.", "The deployment ended in May."}},
	{"U.S. at the end before a quote", `He flew to the U.S. “It was time,” he said.`,
		[]string{"He flew to the U.S.", `“It was time,” he said.`}},
	{"date", "They met on Apr. 20, 2023. Talks resumed on Jan. 5 in Vilnius.",
		[]string{"They met on Apr. 20, 2023.", "Talks resumed on Jan. 5 in Vilnius."}},
	{"decimals", "Growth was 3.5% in 2022. Inflation fell to 2.1 percent.",
		[]string{"Growth was 3.5% in 2022.", "Inflation fell to 2.1 percent."}},
	{"a.m. before lower case", "The strike hit at 4 a.m. on Thursday. Sirens sounded.",
		[]string{"The strike hit at 4 a.m. on Thursday.", "Sirens sounded."}},
	{"company at the end", "He joined Acme Inc. He left a year later.",
		[]string{"He joined Acme Inc.", "He left a year later."}},
	{"ellipsis", "It’s spat out like a dirty word… Donald Trump – take a deep breath –… and so on. Next.",
		[]string{"It’s spat out like a dirty word…", "Donald Trump – take a deep breath –… and so on.", "Next."}},
	{"three periods", "He paused... then went on. Finally...", []string{"He paused... then went on.", "Finally..."}},
	{"url", "Read it at https://example.com/a.b?c=d. Then decide.",
		[]string{"Read it at https://example.com/a.b?c=d.", "Then decide."}},
	{"colon", "He said: It is over. Done.", []string{"He said: It is over.", "Done."}},
	{"exclamations", "Stop!! Now?! Yes.", []string{"Stop!!", "Now?!", "Yes."}},
	{"bracket", "(The group met in Ramstein.) Austin spoke.",
		[]string{"(The group met in Ramstein.)", "Austin spoke."}},
	{"blank line", "A headline with no stop\n\nThe body starts here", []string{"A headline with no stop", "The body starts here"}},
	{"single newline", "a line\nthat goes on.", []string{"a line\nthat goes on."}},
	{"number", "No. 2 was injured. 14 tanks arrived.", []string{"No. 2 was injured.", "14 tanks arrived."}},
	{"cyrillic", "Генсек НАТО прибыл в Киев. Он встретился с Зеленским.",
		[]string{"Генсек НАТО прибыл в Киев.", "Он встретился с Зеленским."}},
	{"japanese", "事務総長はキーウを訪問した。支援を約束した。", []string{"事務総長はキーウを訪問した。", "支援を約束した。"}},
	{"missing space", "he said.The war goes on.", []string{"he said.", "The war goes on."}},
}

func sentenceTexts(s string, toks []Token, sents []Sentence) []string {
	var out []string
	for _, st := range sents {
		out = append(out, s[toks[st.Start].Start:toks[st.End-1].End])
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, c := range sentenceCases {
		t.Run(c.name, func(t *testing.T) {
			toks := Tokenize(c.in)
			sents := Sentences(c.in, toks)
			checkSentences(t, c.in, toks, sents)
			if got := sentenceTexts(c.in, toks, sents); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", c.in, got, c.want)
			}
		})
	}
}

// checkSentences checks that sents cover toks in order, contiguous and
// non-empty.
func checkSentences(t *testing.T, s string, toks []Token, sents []Sentence) {
	t.Helper()
	next := 0
	for i, st := range sents {
		if st.Start != next || st.End <= st.Start {
			t.Fatalf("%q: sentence %d %+v: want start %d and a non-empty range", s, i, st, next)
		}
		next = st.End
	}
	if next != len(toks) {
		t.Fatalf("%q: sentences end at token %d of %d", s, next, len(toks))
	}
}

// Sentences must not panic on tokens that did not come from s.
func TestSentencesForeignTokens(t *testing.T) {
	toks := Tokenize("He left. She stayed.\n\nThen")
	for _, s := range []string{"", "short", strings.Repeat("\n", 40)} {
		checkSentences(t, s, toks, Sentences(s, toks))
	}
}

func TestAbbrevCase(t *testing.T) {
	for w, want := range map[string]abbr{
		"Mr": abbrTitle, "MR": abbrTitle, "mr": abbrNone, "Gen": abbrTitle,
		"Inc": abbrPlain, "INC": abbrPlain, "etc": abbrPlain, "Etc": abbrPlain, "vs": abbrPlain,
		"Ill": abbrPlain, "ill": abbrNone, "No": abbrNumber, "no": abbrNone,
		"Ukraine": abbrNone, "M": abbrNone, "Approxima": abbrNone, "Dé": abbrNone,
	} {
		if got := abbrevOf(w); got != want {
			t.Errorf("abbrevOf(%q) = %d, want %d", w, got, want)
		}
	}
}
