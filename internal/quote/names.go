package quote

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Genders of first names, for "he" and "she": a pronoun goes to the most
// recent compatible speaker or subject, and a person whose first name is
// given to one sex in 95 % of births or more is not compatible with the
// other's pronoun. The list is derived from US Social Security baby-name
// counts (see model/ATTRIBUTION.md); it only rules candidates out, and
// an unknown or mixed name stays compatible with both.

// Genders as the resolver uses them.
const (
	genderUnknown uint8 = iota
	genderMale
	genderFemale
)

//go:embed model/first-names.tsv.gz
var firstNamesGz []byte

var firstNames = sync.OnceValue(func() map[string]uint8 {
	m, err := readFirstNames(bytes.NewReader(firstNamesGz))
	if err != nil {
		panic(fmt.Sprintf("quote: embedded first names: %v", err)) // a broken build
	}
	return m
})

// readFirstNames reads lines "name\tM" or "name\tF" (lower case), gzipped.
func readFirstNames(r io.Reader) (map[string]uint8, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	m := map[string]uint8{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		name, sex, ok := strings.Cut(sc.Text(), "\t")
		switch {
		case !ok:
			return nil, fmt.Errorf("bad line %q", sc.Text())
		case sex == "M":
			m[name] = genderMale
		case sex == "F":
			m[name] = genderFemale
		}
	}
	return m, sc.Err()
}

// firstNameGender is the gender the first word of a person's name gives,
// when the name has a surname too ("Anne Sacoolas"; not "Pierce").
func firstNameGender(name string) uint8 {
	first, rest, ok := strings.Cut(name, " ")
	if !ok || rest == "" {
		return genderUnknown
	}
	return firstNames()[strings.ToLower(first)]
}

// otherwhere are first names given to one sex in the US and to the other
// elsewhere (Andrea, Michele and Simone are men in Italy, Joan in
// Catalonia, Sasha in Russia, Karen in Armenia, Camille and Dominique
// either in France): left out of the list, so they rule no one out.
var otherwhere = map[string]bool{"andrea": true, "michele": true, "simone": true, "nicola": true,
	"gabriele": true, "daniele": true, "joan": true, "sasha": true, "karen": true, "camille": true,
	"dominique": true, "jean": true, "kim": true, "maria": true, "ali": true, "yan": true}

// Thresholds of the list: enough births to trust the share, and the
// share of births of one sex.
const (
	firstNameMinBirths = 1000
	firstNameMinShare  = 0.95
)

// WriteFirstNames builds model/first-names.tsv.gz from the SSA counts
// (us-ssa-first-names.tsv: name, sex, births; "#" comments) read from r.
func WriteFirstNames(w io.Writer, r io.Reader) error {
	births := map[string][2]int{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return fmt.Errorf("bad line %q", line)
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("bad count in %q", line)
		}
		b := births[f[0]]
		switch f[1] {
		case "M":
			b[0] += n
		case "F":
			b[1] += n
		}
		births[f[0]] = b
	}
	if err := sc.Err(); err != nil {
		return err
	}
	names := make([]string, 0, len(births))
	for n := range births {
		names = append(names, n)
	}
	sort.Strings(names)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, n := range names {
		b := births[n]
		total := float64(b[0] + b[1])
		switch {
		case total < firstNameMinBirths || otherwhere[n]:
		case float64(b[0]) >= firstNameMinShare*total:
			fmt.Fprintf(bw, "%s\tM\n", n)
		case float64(b[1]) >= firstNameMinShare*total:
			fmt.Fprintf(bw, "%s\tF\n", n)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
