package article

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestBodyIDFoldsTypography(t *testing.T) {
	base := BodyID([]string{"NATO chief Jens Stoltenberg said “yes”.", "Ukraine’s place is in NATO."})
	same := [][]string{
		{"nato chief jens stoltenberg said \"yes\".", "Ukraine's place is in NATO."},
		{"  NATO  chief\tJens Stoltenberg said “yes”. ", "Ukraine’s place is in NATO."},
		{"NATO chief Jens\u00a0Stoltenberg said “yes”.", "Ukraine’s place is in NATO."},
	}
	for _, ps := range same {
		if got := BodyID(ps); got != base {
			t.Errorf("BodyID(%q) = %s, want %s", ps, got, base)
		}
	}
	differ := [][]string{
		{"NATO chief Jens Stoltenberg said “yes”. Ukraine’s place is in NATO."}, // paragraphs joined
		{"NATO chief Jens Stoltenberg said “no”.", "Ukraine’s place is in NATO."},
		{"Ukraine’s place is in NATO.", "NATO chief Jens Stoltenberg said “yes”."},
	}
	for _, ps := range differ {
		if got := BodyID(ps); got == base {
			t.Errorf("BodyID(%q) = %s, the same as a different body", ps, got)
		}
	}
	if len(base) != 16 || strings.Trim(base, "0123456789abcdef") != "" {
		t.Errorf("BodyID = %q, want 16 lower-case hex digits", base)
	}
}

func TestNormalizeWritesEveryKey(t *testing.T) {
	var a Article
	a.Normalize()
	b, err := json.Marshal(&a)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "source", "url", "publisher", "title", "authors", "published", "published_from", "language", "paragraphs", "captions", "removed", "entities", "quotes", "dates"} {
		v, ok := m[k]
		if !ok {
			t.Errorf("key %q missing", k)
			continue
		}
		switch k {
		case "authors", "paragraphs", "captions", "removed", "entities", "quotes", "dates":
			if l, ok := v.([]any); !ok || len(l) != 0 {
				t.Errorf("%s = %v, want []", k, v)
			}
		}
	}
}
