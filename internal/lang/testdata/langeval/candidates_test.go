package langeval_test

import (
	fork "github.com/RadhiFadlillah/whatlanggo"
	"github.com/abadojack/whatlanggo"

	"github.com/dateline-news/dateline/internal/lang"
)

type candidate struct {
	name   string
	detect func(string) string
}

var candidates = []candidate{
	{"dateline lang.Detect", lang.Detect},
	{"whatlanggo v1.0.1 (abadojack)", func(text string) string {
		info := whatlanggo.Detect(text)
		if info.Lang < 0 {
			return ""
		}
		return info.Lang.Iso6391()
	}},
	{"whatlanggo fork (RadhiFadlillah)", func(text string) string {
		info := fork.Detect(text)
		if info.Lang < 0 {
			return ""
		}
		return info.Lang.Iso6391()
	}},
	{"whatlanggo fork, 4 KB head", func(text string) string {
		info := fork.Detect(head(text, 4096))
		if info.Lang < 0 {
			return ""
		}
		return info.Lang.Iso6391()
	}},
}

// head cuts text to at most n bytes at a rune boundary.
func head(text string, n int) string {
	if len(text) <= n {
		return text
	}
	for n > 0 && text[n]&0xC0 == 0x80 {
		n--
	}
	return text[:n]
}
