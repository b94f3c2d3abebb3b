package story

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/article"
)

// A term is a hashed word or entity with its weight in a vector.
type term struct {
	h uint64
	w float32
}

// vector is a sparse vector sorted by term hash.
type vector []term

// dot is the inner product of two sorted vectors.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].h < b[j].h:
			i++
		case a[i].h > b[j].h:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return s
}

// counted is one term of an article before weighting: how often it
// occurs, and its text, kept for story labels.
type counted struct {
	h      uint64
	n      float64
	text   string
	entity bool
}

// Kinds of term, hashed into the term so that the word "georgia" and the
// place Georgia are different terms.
const (
	kindWord   = 'w'
	kindEntity = 'e'
)

// hashTerm is FNV-1a over the kind and the text: stable across runs and
// machines, since story assignments are stored.
func hashTerm(kind byte, s string) uint64 {
	h := uint64(14695981039346656037)
	h = (h ^ uint64(kind)) * 1099511628211
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// termsOf counts an article's terms: the words of its title (counted
// twice: a headline says what the story is) and paragraphs, and its
// entities by canonical name and type, each mention counted.
func termsOf(a *article.Article, dst []counted) []counted {
	idx := map[uint64]int{}
	add := func(kind byte, text string, n float64) {
		h := hashTerm(kind, text)
		if i, ok := idx[h]; ok {
			dst[i].n += n
			return
		}
		idx[h] = len(dst)
		dst = append(dst, counted{h: h, n: n, text: text, entity: kind == kindEntity})
	}
	words := func(s string, n float64) {
		forWords(s, func(w string) { add(kindWord, w, n) })
	}
	if a.Title != nil {
		words(*a.Title, 2)
	}
	for _, p := range a.Paragraphs {
		words(p, 1)
	}
	for _, e := range a.Entities {
		add(kindEntity, e.Type+":"+strings.ToLower(e.Name), float64(max(len(e.Mentions), 1)))
	}
	return dst
}

// forWords calls f with each word of s worth counting, in lower case:
// runs of letters and digits of two runes or more that are not stop
// words, with a possessive 's dropped. Numbers count (a magnitude, a
// death toll, a year tell events of one kind apart), single digits not.
func forWords(s string, f func(string)) {
	var buf [64]byte
	start := -1
	flush := func(end int) {
		w := s[start:end]
		start = -1
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			w = w[:strings.LastIndexAny(w, "'’")]
		}
		if utf8.RuneCountInString(w) < 2 || len(w) > len(buf) {
			return
		}
		low := buf[:0]
		for _, r := range w {
			low = utf8.AppendRune(low, unicode.ToLower(r))
		}
		if stopWords[string(low)] {
			return
		}
		f(string(low))
	}
	for i, r := range s {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) ||
			start >= 0 && (r == '\'' || r == '’') && i+utf8.RuneLen(r) < len(s) && isWordByte(s[i+utf8.RuneLen(r)])
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			flush(i)
		}
	}
	if start >= 0 {
		flush(len(s))
	}
}

// isWordByte reports whether b may continue a word after an apostrophe:
// an ASCII letter ("it's", "O'Neill").
func isWordByte(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }

// stopWords are English function words and the verbs of reporting that
// every story has; they say nothing about which story an article tells.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just me more
most my no nor not now of off on once only or other our ours out over own same she should so some such than
that the their theirs them then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself said says say told tell
according reported reports report news one two three would also like get got new year years just time people
mr mrs ms dr per via`) {
		m[w] = true
	}
	return m
}()

// weigh turns counted terms into a unit vector: sublinear term frequency
// times idf; entities times boost, people times personBoost more.
func weigh(cs []counted, idf func(uint64) float64, boost, personBoost float64) vector {
	v := make(vector, 0, len(cs))
	var norm float64
	for _, c := range cs {
		w := (1 + math.Log(c.n)) * idf(c.h)
		if c.entity {
			w *= boost
			if strings.HasPrefix(c.text, "PER:") {
				w *= personBoost
			}
		}
		if w <= 0 {
			continue
		}
		v = append(v, term{h: c.h, w: float32(w)})
		norm += w * w
	}
	if norm == 0 {
		return nil
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i].w *= inv
	}
	slices.SortFunc(v, func(a, b term) int {
		switch {
		case a.h < b.h:
			return -1
		case a.h > b.h:
			return 1
		}
		return 0
	})
	return v
}
