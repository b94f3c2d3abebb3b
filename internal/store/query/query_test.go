package query

import (
	"errors"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"   ", ""},
		{"!!! & --", ""},
		{"nato", "nato"},
		{"NATO ukraine", "(NATO AND ukraine)"},
		{"nato AND ukraine", "(nato AND ukraine)"},
		{"nato && ukraine", "(nato AND ukraine)"},
		{"nato OR ukraine", "(nato OR ukraine)"},
		{"a b OR c", "((a AND b) OR c)"},
		{"a (b OR c)", "(a AND (b OR c))"},
		{"nato NOT ukraine", "(nato NOT ukraine)"},
		{"nato -ukraine", "(nato NOT ukraine)"},
		{"nato AND NOT ukraine", "(nato NOT ukraine)"},
		{"nato -(ukraine OR russia)", "(nato NOT (ukraine OR russia))"},
		{"NOT NOT nato", "nato"},
		{`"climate change"`, `"climate change"`},
		{`“climate change”`, `"climate change"`},
		{`"climate chan"*`, `"climate chan"*`},
		{`elect*`, `elect*`},
		{`elect**`, `elect*`},
		{`+nato`, `nato`},
		{`covid-19`, `covid-19`},
		{`a - b`, `(a AND b)`},
		{`and or not`, `(and AND or AND not)`},
		{`title:nato`, `title:nato`},
		{`nato^2 NEAR(a b)`, `(nato^2 AND NEAR AND (a AND b))`},
		{`"" nato`, `nato`},
		{`* nato`, `nato`},
		{`"a "" b"`, `(a AND b)`},
		{`Ukraine’s`, `Ukraine’s`},
		{`Zürich 北京`, `(Zürich AND 北京)`},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		got := ""
		if n != nil {
			got = String(n)
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseBad(t *testing.T) {
	for _, in := range []string{
		`"climate change`,
		`nato AND`,
		`AND nato`,
		`nato OR`,
		`OR nato`,
		`nato OR OR ukraine`,
		`nato AND OR ukraine`,
		`(nato`,
		`nato)`,
		`()`,
		`nato ()`,
		`NOT nato`,
		`-nato`,
		`nato OR -ukraine`,
		`nato NOT`,
		`(-nato)`,
		"\xff\xfe",
		string(make([]byte, article.MaxQueryBytes+1)),
	} {
		n, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, n)
			continue
		}
		if !errors.Is(err, article.ErrBadQuery) {
			t.Errorf("Parse(%q): %v does not wrap ErrBadQuery", in, err)
		}
		var qe *article.QueryError
		if !errors.As(err, &qe) || qe.Reason == "" {
			t.Errorf("Parse(%q): %v is not a QueryError with a reason", in, err)
		}
	}
}

func TestParseTooManyTerms(t *testing.T) {
	q := ""
	for i := 0; i <= article.MaxQueryTerms; i++ {
		q += "w "
	}
	if _, err := Parse(q); !errors.Is(err, article.ErrBadQuery) {
		t.Errorf("%d terms: err = %v, want ErrBadQuery", article.MaxQueryTerms+1, err)
	}
}

func TestDayRange(t *testing.T) {
	tests := []struct{ from, to, lo, hi string }{
		{"", "", "", ""},
		{"2023", "2023", "2023-01-01", "2023-12-31"},
		{"2023-02", "2024-02", "2023-02-01", "2024-02-29"},
		{"2023-04-20", "", "2023-04-20", ""},
		{"", "2023-04-20", "", "2023-04-20"},
	}
	for _, tt := range tests {
		lo, hi, err := DayRange(tt.from, tt.to)
		if err != nil || lo != tt.lo || hi != tt.hi {
			t.Errorf("DayRange(%q, %q) = %q, %q, %v; want %q, %q", tt.from, tt.to, lo, hi, err, tt.lo, tt.hi)
		}
	}
	for _, b := range [][2]string{{"yesterday", ""}, {"", "2023-13"}, {"2023-02-30", ""}, {"2024", "2023"}, {"+202", ""}, {"2023-4-1", ""}} {
		if _, _, err := DayRange(b[0], b[1]); !errors.Is(err, article.ErrBadQuery) {
			t.Errorf("DayRange(%q, %q): err = %v, want ErrBadQuery", b[0], b[1], err)
		}
	}
}

func TestValueRange(t *testing.T) {
	tests := []struct {
		v, first, last string
		ok             bool
	}{
		{"2023", "2023-01-01", "2023-12-31", true},
		{"2023-04", "2023-04-01", "2023-04-30", true},
		{"2023-04-20", "2023-04-20", "2023-04-20", true},
		{"2023-04-20T10:30", "2023-04-20", "2023-04-20", true},
		{"2023-W16", "2023-04-17", "2023-04-23", true},
		{"2021-W01", "2021-01-04", "2021-01-10", true},
		{"PAST_REF", "", "", false},
		{"P1Y", "", "", false},
		{"2023-SU", "", "", false},
		{"202X", "", "", false},
	}
	for _, tt := range tests {
		f, l, ok := ValueRange(tt.v)
		if f != tt.first || l != tt.last || ok != tt.ok {
			t.Errorf("ValueRange(%q) = %q, %q, %v; want %q, %q, %v", tt.v, f, l, ok, tt.first, tt.last, tt.ok)
		}
	}
}

// FuzzParse: any input parses or fails with a QueryError, and what parses
// prints back to a query that parses to the same tree.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`nato`, `"a b"* OR (c -d)`, `a AND NOT (b OR "c d")`, `((`, `-`, `"`, `a OR`, `北京 “x”`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			if !errors.Is(err, article.ErrBadQuery) {
				t.Fatalf("Parse(%q): %v is not ErrBadQuery", s, err)
			}
			return
		}
		if n == nil {
			return
		}
		back := String(n)
		n2, err := Parse(back)
		if err != nil {
			t.Fatalf("Parse(%q) = %s, which does not parse: %v", s, back, err)
		}
		if String(n2) != back {
			t.Fatalf("Parse(%q) = %s, reparsed as %s", s, back, String(n2))
		}
	})
}
