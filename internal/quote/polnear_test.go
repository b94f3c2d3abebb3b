package quote

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// TestLoadPolNeAR reads a small article in PolNeAR's layout: code-point
// offsets with curly marks before them, a content in two pieces, a
// second annotator's file (ignored), a Discard span and a note (ignored).
func TestLoadPolNeAR(t *testing.T) {
	docs, err := LoadPolNeAR(context.Background(), filepath.Join("testdata", "polnear"), "train")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d := docs[0]
	if d.Name != "a_2016-01-01_x" || d.Annotator != "aaaa" {
		t.Errorf("name %q annotator %q", d.Name, d.Annotator)
	}
	if len(d.Paragraphs) != 3 || d.Paragraphs[1] != "“We’re done,” Smith said. “Go.”" {
		t.Fatalf("paragraphs %q", d.Paragraphs)
	}
	if len(d.Attributions) != 2 {
		t.Fatalf("%d attributions, want 2", len(d.Attributions))
	}
	text := func(s []Span) []string {
		var out []string
		for _, x := range s {
			out = append(out, d.Paragraphs[x.P][x.Start:x.End])
		}
		return out
	}
	a := d.Attributions[0]
	if got := text(a.Content); len(got) != 2 || got[0] != "“We’re done,”" || got[1] != "“Go.”" {
		t.Errorf("content %q", got)
	}
	if got := text(a.Source); len(got) != 1 || got[0] != "Smith" {
		t.Errorf("source %q", got)
	}
	if got := text(a.Cue); len(got) != 1 || got[0] != "said" {
		t.Errorf("cue %q", got)
	}
	b := d.Attributions[1]
	if got := text(b.Content); len(got) != 1 || got[0] != "it works" || b.Content[0].P != 2 {
		t.Errorf("second content %q in paragraph %d", got, b.Content[0].P)
	}
	if _, err := LoadPolNeAR(context.Background(), filepath.Join("testdata", "polnear"), "dev"); !errors.Is(err, ErrNoData) {
		t.Errorf("missing split: %v, want ErrNoData", err)
	}
}

// TestGoldLabels checks the BIO labels of the same article.
func TestGoldLabels(t *testing.T) {
	docs, err := LoadPolNeAR(context.Background(), filepath.Join("testdata", "polnear"), "train")
	if err != nil {
		t.Fatal(err)
	}
	ps := (&Model{}).prepare(Prepare(docs[0].Paragraphs), nil, nil, nil)
	got := ""
	for i, l := range goldLabels(docs[0], ps)[1] {
		got += ps[1].Tokens[i].Text + "/" + [...]string{"O", "B-S", "I-S", "B-C", "I-C", "B-T", "I-T"}[l] + " "
	}
	want := "“/B-T We/I-T ’re/I-T done/I-T ,/I-T ”/I-T Smith/B-S said/B-C ./O “/B-T Go/I-T ./I-T ”/I-T "
	if got != want {
		t.Errorf("labels\n got %s\nwant %s", got, want)
	}
}
