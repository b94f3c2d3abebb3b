// Package article holds dateline's domain types: the clean, annotated
// article every stage adds to, and the values hung on it. It imports only
// the standard library and internal/swar (a leaf of bit tricks) so that
// every other package may depend on it.
package article

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/swar"
)

// Article is one clean news article. Its JSON form is the public contract
// of `dateline extract` (docs/schema.md): absent values are null or [],
// never omitted, so that users' scripts can rely on every key.
type Article struct {
	ID            string    `json:"id"`
	Source        string    `json:"source"`
	URL           *string   `json:"url"`
	Publisher     *string   `json:"publisher"`
	Title         *string   `json:"title"`
	Authors       []string  `json:"authors"`
	Published     *string   `json:"published"`
	PublishedFrom *string   `json:"published_from"`
	Language      *string   `json:"language"`
	Paragraphs    []string  `json:"paragraphs"`
	Captions      []Caption `json:"captions"`
	Removed       []Removed `json:"removed"`
	Entities      []Entity  `json:"entities"`
	Quotes        []Quote   `json:"quotes"`
	Dates         []Date    `json:"dates"`
}

// Caption is a photo or video caption kept apart from the body, with its
// credit ("AP Photo/Efrem Lukatsky") split off.
type Caption struct {
	Text   string  `json:"text"`
	Credit *string `json:"credit"`
}

// Removed is a line or block that cleaning dropped, with the reason, so
// that a user can audit the cleaner.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Reasons a block is removed.
const (
	ReasonChrome    = "chrome"
	ReasonPromo     = "promo"
	ReasonCrosslink = "crosslink"
	ReasonTeaser    = "teaser"
	ReasonRelated   = "related"
	ReasonComment   = "comment"
	ReasonShort     = "short"
	ReasonDuplicate = "duplicate"
	ReasonOutside   = "outside" // before or after the article's main block
	ReasonCaption   = "caption" // moved to captions, not lost
)

// Entity is a person, organisation, place or other name, with one
// canonical name per document and every mention.
type Entity struct {
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Mentions []Mention `json:"mentions"`
}

// Mention is a span of a paragraph. Start and End are UTF-8 byte offsets
// into Paragraphs[P], End exclusive.
type Mention struct {
	P     int    `json:"p"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Quote is direct, partial or reported speech attributed to a speaker.
type Quote struct {
	Kind        string   `json:"kind"`
	Text        string   `json:"text"`
	Speaker     *string  `json:"speaker"`
	SpeakerType *string  `json:"speaker_type"`
	Cue         string   `json:"cue"`
	P           int      `json:"p"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Mention     *Mention `json:"mention"`
}

// Date is a time expression with its TIMEX3 value.
type Date struct {
	Text  string  `json:"text"`
	Value string  `json:"value"`
	Type  string  `json:"type"`
	Mod   *string `json:"mod"`
	P     int     `json:"p"`
	Start int     `json:"start"`
	End   int     `json:"end"`
}

// Ptr returns a pointer to s, or nil when s is empty: the JSON contract
// writes null for an unknown value, never "".
func Ptr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Str dereferences p, giving "" for nil.
func Str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Normalize fills nil slices with empty ones so that JSON carries [] and
// not null for lists, as the contract asks.
func (a *Article) Normalize() {
	if a.Authors == nil {
		a.Authors = []string{}
	}
	if a.Paragraphs == nil {
		a.Paragraphs = []string{}
	}
	if a.Captions == nil {
		a.Captions = []Caption{}
	}
	if a.Removed == nil {
		a.Removed = []Removed{}
	}
	if a.Entities == nil {
		a.Entities = []Entity{}
	}
	if a.Quotes == nil {
		a.Quotes = []Quote{}
	}
	if a.Dates == nil {
		a.Dates = []Date{}
	}
}

// ComputeID sets ID from the normalised body: the same text reached
// through two inputs (a WARC record and a saved file, say) gets one id.
// Normalisation folds case, typographic quotes and runs of white space so
// that re-encoding a page does not change its identity.
func (a *Article) ComputeID() {
	a.ID = BodyID(a.Paragraphs)
}

// BodyID is the 16-hex-digit id of a body given as paragraphs: the first
// eight bytes of the SHA-256 of the paragraphs joined by newlines, each
// lower-cased, with curly quotes made straight and each run of white space
// made one space (none at a paragraph's ends).
//
// Stored ids depend on it: any change to what it hashes is a new id for
// every article. TestBodyIDMatchesReference keeps it equal to the plain
// rune-by-rune definition.
func BodyID(paragraphs []string) string {
	// The normalised text is hashed as it is made, through a small
	// buffer, rather than built whole: a body is kilobytes, and BodyID
	// runs once an article. The buffer keeps its last byte back at each
	// flush, as a paragraph's trailing space may yet be taken back.
	h := sha256.New()
	var buf [2048]byte
	k := 0
	for i, p := range paragraphs {
		var space uint8 // the last byte read was white space
		if i > 0 {
			buf[k] = '\n'
			k++
		} else {
			space = 1 // white space before the first word is dropped
		}
		wrote := false
		for j := 0; j < len(p); {
			if k > len(buf)-16 {
				h.Write(buf[:k-1])
				buf[0] = buf[k-1]
				k = 1
			}
			// Eight ASCII bytes with no control byte and no two spaces
			// in a row (nor a space after white space) are written as
			// they are, lower-cased.
			if j+8 <= len(p) {
				w := swar.Load(p, j)
				if swar.HasHigh(w) == 0 && swar.Below(w, ' ') == 0 {
					sp := swar.Equal(w, ' ')
					if sp&(sp<<8) == 0 && sp&(uint64(space)<<7) == 0 {
						w = swar.Lower(w)
						for b := range 8 {
							buf[k+b] = byte(w >> (8 * b))
						}
						k += 8
						j += 8
						space = uint8(sp >> 63)
						wrote = true
						continue
					}
				}
			}
			// ASCII, most of most bodies, goes through two tables and
			// no branch but the loop's: a white space byte is written
			// as ' ' and kept only when the byte before it was not
			// white space too.
			c := p[j]
			if c < utf8.RuneSelf {
				s := asciiSpace[c]
				buf[k] = asciiFold[c]
				k += int(1 - s&space)
				wrote = wrote || s&space == 0
				space = s
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(p[j:])
			j += size
			switch r {
			case '\u2018', '\u2019':
				r = '\''
			case '\u201c', '\u201d':
				r = '"'
			}
			if unicode.IsSpace(r) {
				if space == 0 {
					buf[k] = ' '
					k++
					wrote = true
				}
				space = 1
				continue
			}
			k += utf8.EncodeRune(buf[k:], unicode.ToLower(r))
			space = 0
			wrote = true
		}
		if space == 1 && wrote {
			k-- // the space a run of white space at the end wrote
		}
	}
	h.Write(buf[:k])
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return hex.EncodeToString(sum[:8])
}

// asciiFold lower-cases an ASCII byte for BodyID and writes white space
// as a space; asciiSpace marks white space.
var asciiFold, asciiSpace = func() (fold, space [utf8.RuneSelf]byte) {
	for c := range fold {
		fold[c] = byte(c)
		switch {
		case 'A' <= c && c <= 'Z':
			fold[c] = byte(c) + 'a' - 'A'
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			fold[c], space[c] = ' ', 1
		}
	}
	return fold, space
}()
