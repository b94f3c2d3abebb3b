package corpus

import "testing"

func TestArticles(t *testing.T) {
	as, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 291 {
		t.Fatalf("%d articles, want 291", len(as))
	}
	for _, a := range as {
		if a.ID == "" || a.Title == "" || len(a.Date) != 10 || len(a.Paragraphs()) == 0 {
			t.Fatalf("incomplete record %+v", a)
		}
		for _, p := range a.Paragraphs() {
			if p == "" {
				t.Fatalf("%s: a blank paragraph", a.ID)
			}
		}
	}
}
