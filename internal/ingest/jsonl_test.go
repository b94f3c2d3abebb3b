package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestJSONL(t *testing.T) {
	path := td("sample.jsonl")
	pages, fails, _ := run(t, []string{path}, Options{})
	check(t, pages, fails,
		[]wantPage{
			{source: path + "#1", format: HTML, body: "<html><body><p>Alpha</p></body></html>", url: "https://example.com/a"},
			{source: path + "#2", format: Text, body: "Plain text body.", url: "https://example.com/b"},
			{source: path + "#7", format: Text, body: "Last line, no newline, odd hint types."},
		},
		[]wantFail{
			{path + "#3", nil},
			{path + "#4", nil},
			{path + "#6", nil},
		})
	if p := pages[0]; p.Title != "A" || p.Published != "2024-05-01" {
		t.Errorf("#1: Title %q, Published %q", p.Title, p.Published)
	}
	if p := pages[2]; p.Title != "" {
		t.Errorf("#7: a non-string title should read as absent, got %q", p.Title)
	}
}

func TestJSONLLines(t *testing.T) {
	long := `{"text":"` + strings.Repeat("x", 200<<10) + `"}`
	tests := []struct {
		name      string
		in        string
		opt       Options
		want      []wantPage
		wantFails []wantFail
	}{
		{
			name: "line longer than bufio's buffer",
			in:   long + "\n{\"text\":\"short\"}\n",
			want: []wantPage{{source: "-#1", body: long[9 : len(long)-2]}, {source: "-#2", body: "short"}},
		},
		{
			name:      "line over the page limit",
			in:        long + "\n{\"text\":\"short\"}\n",
			opt:       Options{MaxPageBytes: 100 << 10},
			want:      []wantPage{{source: "-#2", body: "short"}},
			wantFails: []wantFail{{"-#1", []error{ErrTooLarge}}},
		},
		{
			name: "CRLF and blank lines",
			in:   "{\"text\":\"a\"}\r\n\r\n  \n{\"text\":\"b\"}\r\n",
			want: []wantPage{{source: "-#1", body: "a"}, {source: "-#4", body: "b"}},
		},
		{
			name: "html preferred, empty html falls back to text",
			in:   "{\"html\":\"<p>h</p>\",\"text\":\"t\"}\n{\"html\":\"  \",\"text\":\"t\"}\n",
			want: []wantPage{{source: "-#1", format: HTML, body: "<p>h</p>"}, {source: "-#2", format: Text, body: "t"}},
		},
		{
			name: "meta charset inside JSON is not applied",
			in:   `{"html":"<meta charset=iso-8859-1><p>café</p>"}`,
			want: []wantPage{{source: "-#1", format: HTML, body: "<meta charset=iso-8859-1><p>café</p>"}},
		},
		{
			name: "invalid UTF-8 repaired",
			in:   "{\"text\":\"caf\xe9\"}",
			want: []wantPage{{source: "-#1", body: "caf\uFFFD"}},
		},
		{
			name:      "bad lines",
			in:        "{\"text\":\"\"}\n{\"text\":\"\\u0000\\u0001\"}\n[1,2]\n{\"html\":null}\n{\"text\":\"ok\"}",
			want:      []wantPage{{source: "-#5", body: "ok"}},
			wantFails: []wantFail{{"-#1", []error{ErrEmpty}}, {"-#2", []error{ErrBinary}}, {"-#3", nil}, {"-#4", nil}},
		},
		{
			name:      "cut gzip",
			in:        cutGzip(t),
			want:      []wantPage{{source: "-#1", body: "line 0"}},
			wantFails: []wantFail{{"-", []error{ErrTruncated}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Stdin = strings.NewReader(tt.in)
			pages, fails, _ := run(t, []string{"-"}, tt.opt)
			if tt.name == "cut gzip" && len(pages) > 1 {
				pages = pages[:1] // how many whole lines precede the cut depends on the compressor
			}
			check(t, pages, fails, tt.want, tt.wantFails)
		})
	}
}

func TestReadLine(t *testing.T) {
	in := "short\n" + strings.Repeat("a", 40) + "\n" + strings.Repeat("b", 10) + "\nend"
	br := bufio.NewReaderSize(strings.NewReader(in), 16)
	type line struct {
		text string
		long bool
		err  error
	}
	want := []line{{"short", false, nil}, {"", true, nil}, {strings.Repeat("b", 10), false, nil}, {"end", false, io.EOF}}
	for i, w := range want {
		got, long, err := readLine(br, nil, 10)
		if string(got) != w.text || long != w.long || !errors.Is(err, w.err) {
			t.Errorf("line %d: got %q, %v, %v; want %q, %v, %v", i, got, long, err, w.text, w.long, w.err)
		}
	}
}

// cutGzip is a gzipped JSON Lines stream cut in half.
func cutGzip(t *testing.T) string {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "{\"text\":\"line %d\"}\n", i*7919%10007)
	}
	z := gz(t, []byte(b.String()))
	return string(z[:len(z)/2])
}
