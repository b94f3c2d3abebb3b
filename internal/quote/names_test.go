package quote

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var genNames = flag.Bool("names.gen", false, "rebuild model/first-names.tsv.gz from ../shared/data")

// ssaNames is the SSA counts file in the shared data, which the embedded
// list is built from.
var ssaNames = filepath.Join("..", "..", "..", "shared", "data", "gazetteers", "person-names", "us-ssa-first-names.tsv")

// TestFirstNamesBuilt checks the embedded list is what WriteFirstNames
// makes of the shared data (with -names.gen, writes it).
func TestFirstNamesBuilt(t *testing.T) {
	f, err := os.Open(ssaNames)
	if err != nil {
		t.Skipf("no shared data: %v", err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if err := WriteFirstNames(&buf, f); err != nil {
		t.Fatal(err)
	}
	if *genNames {
		if err := os.WriteFile(filepath.Join("model", "first-names.tsv.gz"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := readFirstNames(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got := firstNames()
	if len(got) != len(want) {
		t.Fatalf("embedded list has %d names, the data gives %d: run go test ./internal/quote -run TestFirstNamesBuilt -names.gen", len(got), len(want))
	}
	for n, g := range want {
		if got[n] != g {
			t.Fatalf("%s: embedded %d, data %d", n, got[n], g)
		}
	}
}

func TestFirstNameGender(t *testing.T) {
	for _, tc := range []struct {
		name string
		want uint8
	}{
		{"Anne Sacoolas", genderFemale},
		{"Brock Pierce", genderMale},
		{"Jens Stoltenberg", genderMale},
		{"Pierce", genderUnknown},  // a surname alone says nothing
		{"La Riva", genderUnknown}, // nor a surname in two words
		{"Jordan Peele", genderUnknown},
		{"Andrea Zamperoni", genderUnknown}, // a woman's name in the US, a man's in Italy
		{"", genderUnknown},
	} {
		if got := firstNameGender(tc.name); got != tc.want {
			t.Errorf("firstNameGender(%q) = %d, want %d", tc.name, got, tc.want)
		}
	}
}
