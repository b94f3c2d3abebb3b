package brown

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestAppendSentences(t *testing.T) {
	var got []string
	for _, s := range appendSentences(nil, `Ukraine's army said "no." The U.S. team won 3-1 in Paris.`) {
		got = append(got, strings.Join(s, " "))
	}
	want := []string{`Ukraine 's army said " no . "`, "The U.S. team won 3-1 in Paris ."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestSpacedHyphen(t *testing.T) {
	in := "a 90 - day court - mandated stay in Paris - The end"
	want := "a 90-day court-mandated stay in Paris - The end"
	if got := spacedHyphen.ReplaceAllString(in, "$1-$2"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// dataDir is shared/data seen from this folder; DATELINE_DATA overrides it.
func dataDir() string {
	if d := os.Getenv("DATELINE_DATA"); d != "" {
		return d
	}
	return "../../../shared/data"
}

func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole corpus")
	}
	d := dataDir()
	if _, err := os.Stat(d + "/conll2003/eng.train"); err != nil {
		t.Skip("no data at", d)
	}
	sents, err := Corpus(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	ntok := 0
	for _, s := range sents {
		ntok += len(s)
		for _, w := range s {
			if w == "" || strings.ContainsAny(w, " \t\n") {
				t.Fatalf("bad token %q in %q", w, s)
			}
		}
	}
	if ntok < 1_000_000 {
		t.Errorf("only %d tokens", ntok)
	}
	// The first sentence is the first of eng.train.
	if got := strings.Join(sents[0], " "); got != "EU rejects German call to boycott British lamb ." {
		t.Errorf("first sentence %q", got)
	}
}
