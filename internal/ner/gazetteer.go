package ner

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline/internal/fhash"
)

// Gazetteers, by number. Each token gets, per gazetteer, its BILOU
// position in the longest match starting left of it (case-insensitive),
// and the model learns what each list is worth: the lists are noisy
// (GeoNames has a town called March) and never decide on their own.
const (
	gzFirstName    = iota // given names: US SSA counts, Moby
	gzNamePart            // first and last names of many cultures (cspell)
	gzCountry             // country names and aliases
	gzCapital             // national capitals
	gzRegion              // states, provinces, GeoNames admin1
	gzCityBig             // GeoNames places of 100,000 people or more
	gzCity                // all GeoNames places of 1,000 or more, admin2 districts
	gzNationality         // demonyms, singular and plural
	gzCompany             // company and brand names
	gzWNPerson            // WordNet named people (noun.person instances)
	gzWNPersonKind        // WordNet kinds of people: Democrat, German, Frenchman
	gzWNLocation          // WordNet places
	gzWNGroup             // WordNet groups: NATO, Labour, clubs
	gzWNMisc              // WordNet languages, events, adjectives of nationality
	gzCommon              // WordNet lower-case lemmas: common words
	nGaz
)

// gazNames label the lists in Train's log.
var gazNames = [nGaz]string{"first-name", "name-part", "country", "capital", "region", "city-big", "city",
	"nationality", "company", "wn-person", "wn-person-kind", "wn-location", "wn-group", "wn-misc", "common-word"}

const (
	maxPhrase  = 8       // tokens; longer gazetteer entries are skipped
	gazPrefix  = 1 << 30 // the phrase continues in some longer entry
	phraseSeed = 0x51ED270B27E2A5F3
)

// phraseStep extends a phrase hash by one token's lower-case hash.
func phraseStep(h, tok uint64) uint64 { return fhash.Mix(h, tok) }

// gazBuilder collects phrases from the gazetteer files.
type gazBuilder struct {
	phrases map[uint64]uint32
	entries [nGaz]int
}

func (b *gazBuilder) add(g int, phrase string) {
	toks := gazTokens(phrase)
	if len(toks) == 0 || len(toks) > maxPhrase {
		return
	}
	h := uint64(phraseSeed)
	for i, t := range toks {
		h = phraseStep(h, fhash.Lower(t))
		if i < len(toks)-1 {
			b.phrases[h] |= gazPrefix
		}
	}
	if b.phrases[h]&(1<<g) == 0 {
		b.entries[g]++
	}
	b.phrases[h] |= 1 << g
}

// gazTokens splits an entry the way news text is tokenised: on spaces,
// with commas, parentheses and quotes apart, but periods kept (St., U.S.).
func gazTokens(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		for f != "" && strings.ContainsRune("(\"'", rune(f[0])) {
			out = append(out, f[:1])
			f = f[1:]
		}
		var tail []string
		for f != "" && strings.ContainsRune("),\";:", rune(f[len(f)-1])) {
			tail = append(tail, f[len(f)-1:])
			f = f[:len(f)-1]
		}
		if f != "" {
			out = append(out, f)
		}
		for i := len(tail) - 1; i >= 0; i-- {
			out = append(out, tail[i])
		}
	}
	return out
}

// readLines calls fn with the tab-separated fields of each line of a
// file, skipping blank lines and #-comments.
func readLines(path string, fn func(f []string)) error {
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fn(strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer %s: %w", path, err)
	}
	return nil
}

// buildGazetteers reads the lists under dir (the shared gazetteers folder).
func buildGazetteers(dir string) (*gazBuilder, error) {
	b := &gazBuilder{phrases: map[uint64]uint32{}}
	p := func(parts ...string) string { return filepath.Join(append([]string{dir}, parts...)...) }
	type source struct {
		path string
		fn   func(f []string)
	}
	col := func(g, i int) func(f []string) {
		return func(f []string) {
			if i < len(f) {
				b.add(g, f[i])
			}
		}
	}
	sources := []source{
		{p("person-names", "us-ssa-first-names.tsv"), func(f []string) {
			if len(f) >= 3 {
				if n, _ := strconv.Atoi(f[2]); n >= 1000 {
					b.add(gzFirstName, f[0])
				}
			}
		}},
		{p("person-names", "moby-female-first-names.txt"), col(gzFirstName, 0)},
		{p("person-names", "moby-male-first-names.txt"), col(gzFirstName, 0)},
		{p("person-names", "cspell-people-names.txt"), col(gzNamePart, 0)},
		{p("countries", "countries-list.tsv"), func(f []string) {
			if len(f) >= 4 {
				b.add(gzCountry, f[1])
				b.add(gzCapital, f[3])
			}
		}},
		{p("countries", "iso-country-names-en.tsv"), col(gzCountry, 1)},
		{p("countries", "regions.tsv"), col(gzRegion, 2)},
		{p("geonames-cities", "admin1.tsv"), col(gzRegion, 1)},
		{p("geonames-cities", "admin2.tsv"), col(gzCity, 1)},
		{p("geonames-cities", "cities1000.tsv"), func(f []string) {
			if len(f) >= 5 {
				b.add(gzCity, f[0])
				if n, _ := strconv.Atoi(f[4]); n >= 100000 {
					b.add(gzCityBig, f[0])
				}
			}
		}},
		{p("nationalities", "i18n-nationality-en.tsv"), func(f []string) {
			if len(f) >= 2 {
				b.addNationality(f[1])
			}
		}},
		{p("nationalities", "dropdowns-nationalities.txt"), func(f []string) { b.addNationality(f[0]) }},
		{p("companies", "cspell-companies.txt"), col(gzCompany, 0)},
		{p("wordnet", "proper-nouns.tsv"), func(f []string) {
			if len(f) < 3 {
				return
			}
			inst := f[2] == "1"
			switch {
			case f[1] == "noun.person" && inst:
				b.add(gzWNPerson, f[0])
			case f[1] == "noun.person":
				b.add(gzWNPersonKind, f[0])
			case f[1] == "noun.location" || (f[1] == "noun.object" && inst):
				b.add(gzWNLocation, f[0])
			case f[1] == "noun.group":
				b.add(gzWNGroup, f[0])
			case f[1] == "noun.communication" || f[1] == "adj.pert" || inst:
				b.add(gzWNMisc, f[0])
			}
		}},
		{p("wordnet", "lowercase-lemmas.txt"), col(gzCommon, 0)},
	}
	for _, s := range sources {
		if err := readLines(s.path, s.fn); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// addNationality adds a demonym and its plural: the lists have "German"
// but news writes "Germans" as often.
func (b *gazBuilder) addNationality(s string) {
	b.add(gzNationality, s)
	switch {
	case strings.HasSuffix(s, "ese"), strings.HasSuffix(s, "ss"), strings.HasSuffix(s, "sh"), strings.HasSuffix(s, "ch"):
	case strings.HasSuffix(s, "man"):
		b.add(gzNationality, s[:len(s)-3]+"men")
	default:
		b.add(gzNationality, s+"s")
	}
}

// gazTable is the packed phrase table the model carries.
type gazTable struct{ t fhash.Table }

func (b *gazBuilder) pack() gazTable {
	keys := sortedKeys(b.phrases)
	t := fhash.NewTable(len(keys))
	for _, k := range keys {
		t.Put(k, b.phrases[k])
	}
	return gazTable{t}
}

// gazFound marks a tok.gaz1 that the table has.
const gazFound = 1 << 31

// lookup1 is the table's value for a one-word phrase, for tok.gaz1.
func (g *gazTable) lookup1(low uint64) uint32 {
	if g.t.Slots() == 0 {
		return 0
	}
	if v, ok := g.t.Get(phraseStep(phraseSeed, low)); ok {
		return v | gazFound
	}
	return 0
}

// match marks, for each gazetteer, the longest matches in a sentence from
// left to right (a match does not start inside an earlier one of the
// same list), in each token's gaz: 4 bits per gazetteer, 0 or 1 + the
// BILOU position. It reads the words' gaz1, so most tokens, which start
// no longer phrase, cost no lookup here.
func (g *gazTable) match(ts []tok) {
	for i := range ts {
		ts[i].gaz = 0
	}
	var next [nGaz]int
	for i := range ts {
		v := ts[i].gaz1
		if v == 0 {
			continue
		}
		var best [nGaz]int8
		found := false
		h := phraseStep(phraseSeed, ts[i].low)
		for k := 0; ; {
			for m := v & (1<<nGaz - 1); m != 0; m &= m - 1 {
				best[trailingZeros32(m)] = int8(k + 1)
				found = true
			}
			k++
			if v&gazPrefix == 0 || k >= maxPhrase || i+k >= len(ts) {
				break
			}
			h = phraseStep(h, ts[i+k].low)
			var ok bool
			if v, ok = g.t.Get(h); !ok {
				break
			}
		}
		if !found {
			continue
		}
		for gz, n := range best {
			if n == 0 || i < next[gz] {
				continue
			}
			next[gz] = i + int(n)
			shift := uint(4 * gz)
			if n == 1 {
				ts[i].gaz |= uint64(1+posU) << shift
				continue
			}
			ts[i].gaz |= uint64(1+posB) << shift
			for j := i + 1; j < i+int(n)-1; j++ {
				ts[j].gaz |= uint64(1+posI) << shift
			}
			ts[i+int(n)-1].gaz |= uint64(1+posL) << shift
		}
	}
}
