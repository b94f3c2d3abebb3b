package text

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokenCases are the hard cases; every input is also checked by
// checkOffsets, and the fuzz seed corpus starts from them.
var tokenCases = []struct {
	name string
	in   string
	want []string
}{
	{"empty", "", nil},
	{"spaces only", " \t\n\u00a0\u3000 ", nil},
	{"straight quotes", `He said "yes" and 'no'.`,
		[]string{"He", "said", `"`, "yes", `"`, "and", "'", "no", "'", "."}},
	{"curly quotes", "“Let me be clear,” he said. ‘Evil’ atrocities",
		[]string{"“", "Let", "me", "be", "clear", ",", "”", "he", "said", ".", "‘", "Evil", "’", "atrocities"}},
	{"em dash", "movement — that is, for the period",
		[]string{"movement", "—", "that", "is", ",", "for", "the", "period"}},
	{"em dash unspaced", "means available”—a phrase",
		[]string{"means", "available", "”", "—", "a", "phrase"}},
	{"en dash", "Donald Trump – take a deep breath –…",
		[]string{"Donald", "Trump", "–", "take", "a", "deep", "breath", "–", "…"}},
	{"double hyphen", "the war--and its end---began",
		[]string{"the", "war", "--", "and", "its", "end", "---", "began"}},
	{"U.S.", "U.S. President Joe Biden", []string{"U.S.", "President", "Joe", "Biden"}},
	{"U.K. U.N. E.U.", "the U.K., the U.N. and the E.U.",
		[]string{"the", "U.K.", ",", "the", "U.N.", "and", "the", "E.U."}},
	{"U.S.-led", "a U.S.-led coalition", []string{"a", "U.S.-led", "coalition"}},
	{"date", "on Apr. 20, 2023.", []string{"on", "Apr.", "20", ",", "2023", "."}},
	{"months", "Jan. Feb. Sept. Oct. Nov. Dec. Aug.",
		[]string{"Jan.", "Feb.", "Sept.", "Oct.", "Nov.", "Dec.", "Aug."}},
	{"title", "Gen. Mark Milley", []string{"Gen.", "Mark", "Milley"}},
	{"titles", "Mr. Mrs. Dr. Sen. Rep. Gov. Lt. Col. St. Louis",
		[]string{"Mr.", "Mrs.", "Dr.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "St.", "Louis"}},
	{"companies", "Acme Inc. and Foo Corp. and Bar Co. Ltd. vs. Baz Jr. etc.",
		[]string{"Acme", "Inc.", "and", "Foo", "Corp.", "and", "Bar", "Co.", "Ltd.", "vs.", "Baz", "Jr.", "etc."}},
	{"a.m. p.m.", "at 9 a.m. and 5 p.m.", []string{"at", "9", "a.m.", "and", "5", "p.m."}},
	{"initials", "J. K. Rowling", []string{"J.", "K.", "Rowling"}},
	{"middle initial", "George W. Bush", []string{"George", "W.", "Bush"}},
	{"not abbreviations", "He was ill. Wash. Miss the fig.",
		[]string{"He", "was", "ill", ".", "Wash.", "Miss", "the", "fig", "."}},
	{"No.", "No. 1 and no. Then No.", []string{"No.", "1", "and", "no", ".", "Then", "No", "."}},
	{"list number", "1. Michael Schumacher\n2. Damon Hill in 2023. Then",
		[]string{"1.", "Michael", "Schumacher", "2.", "Damon", "Hill", "in", "2023", ".", "Then"}},
	{"money", "$1.2 billion", []string{"$", "1.2", "billion"}},
	{"euro", "€30m and £5", []string{"€", "30m", "and", "£", "5"}},
	{"currency prefix", "US$1.2 and HK$ 5, +0.05 and ** stars",
		[]string{"US$", "1.2", "and", "HK$", "5", ",", "+0.05", "and", "**", "stars"}},
	{"percent", "3.5%", []string{"3.5", "%"}},
	{"numbers", "1,200 people, 3.5 tonnes, 10:30, 1/2, .45, 1996/97",
		[]string{"1,200", "people", ",", "3.5", "tonnes", ",", "10:30", ",", "1/2", ",", ".45", ",", "1996/97"}},
	{"list commas", "red,green", []string{"red", ",", "green"}},
	{"url", "https://example.com/a?b=c.", []string{"https://example.com/a?b=c", "."}},
	{"url in brackets", "(see www.example.com/x_(y)).",
		[]string{"(", "see", "www.example.com/x_(y)", ")", "."}},
	{"url then quote", "at “http://foo.org/bar”, he", []string{"at", "“", "http://foo.org/bar", "”", ",", "he"}},
	{"domain", "on Foxnews.com. Then", []string{"on", "Foxnews.com", ".", "Then"}},
	{"email", "write to jeffrey.hodgson@reuters.com.", []string{"write", "to", "jeffrey.hodgson@reuters.com", "."}},
	{"handle", "@NATO said", []string{"@NATO", "said"}},
	{"hashtag", "#Ukraine, #1", []string{"#Ukraine", ",", "#", "1"}},
	{"hyphens", "Euro-Atlantic Soviet-era 48-year-old well- known",
		[]string{"Euro-Atlantic", "Soviet-era", "48-year-old", "well", "-", "known"}},
	{"unicode hyphen", "Soviet\u2011era", []string{"Soviet\u2011era"}},
	{"ampersand", "S&P 500 and AT&T, R & D", []string{"S&P", "500", "and", "AT&T", ",", "R", "&", "D"}},
	{"possessive curly", "Ukraine’s rightful place", []string{"Ukraine", "’s", "rightful", "place"}},
	{"possessive straight", "Ukraine's", []string{"Ukraine", "'s"}},
	{"possessive caps", "RUSSIA’S MEDVEDEV", []string{"RUSSIA", "’S", "MEDVEDEV"}},
	{"possessive plural", "the players' union", []string{"the", "players", "'", "union"}},
	{"n't", "don't can't Isn’t", []string{"do", "n't", "ca", "n't", "Is", "n’t"}},
	{"clitics", "I'm you're we've they'll he'd", []string{"I", "'m", "you", "'re", "we", "'ve", "they", "'ll", "he", "'d"}},
	{"apostrophe inside", "O'Brien o'clock O’Neill", []string{"O'Brien", "o'clock", "O’Neill"}},
	{"possessive after name with apostrophe", "O'Brien's", []string{"O'Brien", "'s"}},
	{"credit", "(AP Photo/Efrem Lukatsky)",
		[]string{"(", "AP", "Photo", "/", "Efrem", "Lukatsky", ")"}},
	{"alliance", "the (alliance’s) leaders", []string{"the", "(", "alliance", "’s", ")", "leaders"}},
	{"ellipsis", "wait... what....", []string{"wait", "...", "what", "...."}},
	{"unicode ellipsis", "Newport Beach,…", []string{"Newport", "Beach", ",", "…"}},
	{"missing space", "he said.The", []string{"he", "said", ".", "The"}},
	{"brackets", "[sic] {x}", []string{"[", "sic", "]", "{", "x", "}"}},
	{"punctuation", "Yes; no: maybe! Why?", []string{"Yes", ";", "no", ":", "maybe", "!", "Why", "?"}},
	{"cyrillic", "Генсек НАТО Йенс Столтенберг прибыл в Киев.",
		[]string{"Генсек", "НАТО", "Йенс", "Столтенберг", "прибыл", "в", "Киев", "."}},
	{"ukrainian apostrophe", "пам'ять і м’ясо", []string{"пам'ять", "і", "м’ясо"}},
	{"japanese", "北大西洋条約機構（NATO）のストルテンベルグ事務総長は20日、キーウを訪問した。",
		[]string{"北大西洋条約機構", "（", "NATO", "）", "のストルテンベルグ事務総長は20日", "、", "キーウを訪問した", "。"}},
	{"combining accent", "Cafe\u0301 crème", []string{"Cafe\u0301", "crème"}},
	{"U.S. then The", "troops in the U.S. The report", []string{"troops", "in", "the", "U.S.", "The", "report"}},
	{"emoji", "love 👍🏽 🇺🇦 👨‍👩‍👧!", []string{"love", "👍🏽", "🇺🇦", "👨‍👩‍👧", "!"}},
	{"invisible", "a\u200bb\ufeffc", []string{"a", "b", "c"}},
	{"invalid UTF-8", "caf\xe9 \xff au lait\xe2\x80", []string{"caf\xe9", "\xff", "au", "lait\xe2\x80"}},
	{"controls", "a\x00b\x1b", []string{"a", "b"}},
}

func texts(toks []Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	for _, c := range tokenCases {
		t.Run(c.name, func(t *testing.T) {
			toks := Tokenize(c.in)
			if got := texts(toks); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", c.in, got, c.want)
			}
			checkOffsets(t, c.in, toks)
		})
	}
}

func TestAppendTokensReusesBuffer(t *testing.T) {
	buf := make([]Token, 0, 64)
	for _, c := range tokenCases {
		buf = AppendTokens(buf[:0], c.in)
		if got := texts(buf); !reflect.DeepEqual(got, c.want) {
			t.Errorf("AppendTokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	prefix := []Token{{0, 1, "x"}}
	got := AppendTokens(prefix, "a b")
	if len(got) != 3 || got[0].Text != "x" || got[2].Text != "b" {
		t.Errorf("AppendTokens did not append: %+v", got)
	}
}

// checkOffsets checks the invariants every tokenisation keeps: each token
// is the non-empty span of s its offsets say, tokens are in order and do not
// overlap, and only whitespace lies outside them. Invalid UTF-8 is never
// whitespace, so it must be inside tokens.
func checkOffsets(t *testing.T, s string, toks []Token) {
	t.Helper()
	prev := 0
	for i, tok := range toks {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
			t.Fatalf("%q: token %d %+v out of order or bounds (previous end %d)", s, i, tok, prev)
		}
		if s[tok.Start:tok.End] != tok.Text {
			t.Fatalf("%q: token %d %+v: s[%d:%d] = %q", s, i, tok, tok.Start, tok.End, s[tok.Start:tok.End])
		}
		if gap := s[prev:tok.Start]; !allSpace(gap) {
			t.Fatalf("%q: non-space %q before token %d %+v", s, gap, i, tok)
		}
		if utf8.ValidString(s) && !utf8.ValidString(tok.Text) {
			t.Fatalf("%q: token %d %q cuts a rune", s, i, tok.Text)
		}
		prev = tok.End
	}
	if gap := s[prev:]; !allSpace(gap) {
		t.Fatalf("%q: non-space %q after the last token", s, gap)
	}
}

func allSpace(s string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError || !isSpaceRune(r) {
			return false
		}
		s = s[size:]
	}
	return true
}

func TestTokenizeAllocations(t *testing.T) {
	s := strings.Join(readParagraphs(t), "\n")
	buf := AppendTokens(nil, s)
	sents := AppendSentences(nil, s, buf)
	if n := testing.AllocsPerRun(20, func() {
		buf = AppendTokens(buf[:0], s)
		sents = AppendSentences(sents[:0], s, buf)
	}); n != 0 {
		t.Errorf("AppendTokens+AppendSentences with a reused buffer: %v allocations, want 0", n)
	}
}
