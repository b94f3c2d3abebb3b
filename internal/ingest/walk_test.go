package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// failure is one call to Walk's fail.
type failure struct {
	source string
	err    error
}

// run walks inputs and collects what came out.
func run(t *testing.T, inputs []string, opt Options) ([]Page, []failure, Stats) {
	t.Helper()
	var stats Stats
	opt.Stats = &stats
	var pages []Page
	var fails []failure
	err := Walk(context.Background(), inputs, opt,
		func(p Page) error { pages = append(pages, p); return nil },
		func(source string, err error) { fails = append(fails, failure{source, err}) })
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	for _, p := range pages {
		if !utf8.Valid(p.Body) {
			t.Errorf("%s: body is not valid UTF-8", p.Source)
		}
	}
	for _, f := range fails {
		if want := "read " + f.source + ": "; !strings.HasPrefix(f.err.Error(), want) {
			t.Errorf("fail(%q, %q): error does not start with %q", f.source, f.err, want)
		}
	}
	return pages, fails, stats
}

// wantPage is what a test expects of one page; empty fields are not
// checked.
type wantPage struct {
	source   string
	format   Format
	body     string // exact body
	contains string // a substring of the body
	url      string
}

// wantFail is what a test expects of one failure.
type wantFail struct {
	source string
	errs   []error // each must match with errors.Is
}

func check(t *testing.T, pages []Page, fails []failure, want []wantPage, wantFails []wantFail) {
	t.Helper()
	if len(pages) != len(want) {
		var got []string
		for _, p := range pages {
			got = append(got, p.Source)
		}
		t.Fatalf("got %d pages %q, want %d (failures: %v)", len(pages), got, len(want), fails)
	}
	for i, w := range want {
		p := pages[i]
		if p.Source != w.source {
			t.Errorf("page %d: Source %q, want %q", i, p.Source, w.source)
		}
		if w.format != "" && p.Format != w.format {
			t.Errorf("%s: Format %q, want %q", p.Source, p.Format, w.format)
		}
		if w.body != "" && string(p.Body) != w.body {
			t.Errorf("%s: Body %q, want %q", p.Source, p.Body, w.body)
		}
		if w.contains != "" && !strings.Contains(string(p.Body), w.contains) {
			t.Errorf("%s: Body %q does not contain %q", p.Source, p.Body, w.contains)
		}
		if w.url != "" && p.URL != w.url {
			t.Errorf("%s: URL %q, want %q", p.Source, p.URL, w.url)
		}
	}
	if len(fails) != len(wantFails) {
		t.Fatalf("got failures %v, want %d", fails, len(wantFails))
	}
	for i, w := range wantFails {
		f := fails[i]
		if f.source != w.source {
			t.Errorf("failure %d: source %q, want %q (%v)", i, f.source, w.source, f.err)
		}
		for _, e := range w.errs {
			if !errors.Is(f.err, e) {
				t.Errorf("failure %s: %v is not %v", f.source, f.err, e)
			}
		}
	}
}

func td(name string) string { return filepath.Join("testdata", filepath.FromSlash(name)) }

func TestWalkFiles(t *testing.T) {
	article, err := os.ReadFile(td("article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		inputs    []string
		opt       Options
		want      []wantPage
		wantFails []wantFail
		skipped   int64
	}{
		{
			name:   "text",
			inputs: []string{td("article.txt")},
			want:   []wantPage{{source: td("article.txt"), format: Text, body: string(article)}},
		},
		{
			name:   "html in latin-1",
			inputs: []string{td("latin1.html")},
			want:   []wantPage{{source: td("latin1.html"), format: HTML, contains: "<title>Café</title>"}},
		},
		{
			name:   "byte order mark stripped",
			inputs: []string{td("bom.html")},
			want:   []wantPage{{source: td("bom.html"), format: HTML, body: "<html><body><p>BOM first.</p></body></html>\n"}},
		},
		{
			name:   "invalid UTF-8 repaired",
			inputs: []string{td("invalid-utf8.txt")},
			want:   []wantPage{{source: td("invalid-utf8.txt"), format: Text, body: "café ok, then bad \uFFFD bytes and a cut rune \uFFFD\n"}},
		},
		{
			name:      "empty",
			inputs:    []string{td("empty.txt")},
			wantFails: []wantFail{{td("empty.txt"), []error{ErrEmpty}}},
		},
		{
			name:      "binary",
			inputs:    []string{td("binary.txt")},
			wantFails: []wantFail{{td("binary.txt"), []error{ErrBinary}}},
		},
		{
			name:      "missing",
			inputs:    []string{td("no-such-file.txt")},
			wantFails: []wantFail{{td("no-such-file.txt"), []error{fs.ErrNotExist}}},
		},
		{
			name:      "too large",
			inputs:    []string{td("article.txt")},
			opt:       Options{MaxPageBytes: 10},
			wantFails: []wantFail{{td("article.txt"), []error{ErrTooLarge}}},
		},
		{
			name:   "folder in lexical order, unknown extensions skipped",
			inputs: []string{td("tree")},
			want: []wantPage{
				{source: td("tree/a.txt"), format: Text, body: "A\n"},
				{source: td("tree/b.html"), format: HTML},
				{source: td("tree/sub/c.TXT"), format: Text, body: "C\n"},
			},
			skipped: 2,
		},
		{
			name:      "named unknown extensions are sniffed",
			inputs:    []string{td("tree/notes.md"), td("tree/logo.png")},
			want:      []wantPage{{source: td("tree/notes.md"), format: Text, body: "# not read\n"}},
			wantFails: []wantFail{{td("tree/logo.png"), []error{ErrUnknownExt, ErrBinary}}},
		},
		{
			name:   "inputs in order, a failure does not stop the rest",
			inputs: []string{td("empty.txt"), td("tree/b.html"), td("article.txt")},
			want: []wantPage{
				{source: td("tree/b.html")},
				{source: td("article.txt")},
			},
			wantFails: []wantFail{{td("empty.txt"), []error{ErrEmpty}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, fails, stats := run(t, tt.inputs, tt.opt)
			check(t, pages, fails, tt.want, tt.wantFails)
			if stats.SkippedFiles != tt.skipped {
				t.Errorf("SkippedFiles = %d, want %d", stats.SkippedFiles, tt.skipped)
			}
			if stats.Pages != int64(len(tt.want)) || stats.Failures != int64(len(tt.wantFails)) {
				t.Errorf("Stats = %+v, want %d pages, %d failures", stats, len(tt.want), len(tt.wantFails))
			}
		})
	}
}

func TestStdinSniffing(t *testing.T) {
	warc, err := os.ReadFile(td("sample.warc"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin []byte
		want  []wantPage
	}{
		{"text", []byte("Just some words.\n"), []wantPage{{source: "-", format: Text, body: "Just some words.\n"}}},
		{"html", []byte("\n  <!doctype html><title>x</title><p>Hi</p>"), []wantPage{{source: "-", format: HTML}}},
		{"html fragment", []byte("Intro line\n<div class=a>Hi</div>"), []wantPage{{source: "-", format: HTML}}},
		{"not html", []byte("a < b and x<y> are not tags"), []wantPage{{source: "-", format: Text}}},
		{"jsonl", []byte(" {\"text\":\"one\"}\n{\"html\":\"<p>two</p>\"}\n"), []wantPage{
			{source: "-#1", format: Text, body: "one"},
			{source: "-#2", format: HTML, body: "<p>two</p>"},
		}},
		{"warc", warc, []wantPage{{source: "-#3"}, {source: "-#7"}}},
		{"gzipped html", gz(t, []byte("<html><body><p>Zipped</p></body></html>")), []wantPage{{source: "-", format: HTML, contains: "Zipped"}}},
		{"gzipped warc", gz(t, warc), []wantPage{{source: "-#3"}, {source: "-#7"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, fails, _ := run(t, []string{"-"}, Options{Stdin: bytes.NewReader(tt.stdin)})
			check(t, pages, fails, tt.want, nil)
		})
	}
}

func TestWalkStops(t *testing.T) {
	inputs := []string{td("article.txt"), td("tree"), td("sample.jsonl")}
	t.Run("yield error", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := Walk(context.Background(), inputs, Options{}, func(Page) error { n++; return stop }, nil)
		if err != stop || n != 1 {
			t.Errorf("Walk = %v after %d pages, want %v after 1", err, n, stop)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := Walk(ctx, inputs, Options{}, func(Page) error { n++; cancel(); return nil }, nil)
		if !errors.Is(err, context.Canceled) || n != 1 {
			t.Errorf("Walk = %v after %d pages, want %v after 1", err, n, context.Canceled)
		}
	})
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := Walk(ctx, inputs, Options{}, func(Page) error { t.Error("yield called"); return nil }, nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Walk = %v, want %v", err, context.Canceled)
		}
	})
}

// gz compresses data as one gzip member.
func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// write puts data in a file named name under dir and returns its path.
func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestGzip(t *testing.T) {
	dir := t.TempDir()
	text := bytes.Repeat([]byte("The council met on Tuesday and voted on the budget.\n"), 200)
	whole := gz(t, text)
	members := append(gz(t, text[:5000]), gz(t, text[5000:])...)
	// 50 MB of zeros deflates to about 50 KB.
	bomb := gz(t, make([]byte, 50<<20))
	tests := []struct {
		name      string
		file      string
		data      []byte
		opt       Options
		want      []wantPage
		wantFails []error
	}{
		{name: "one member", file: "a.txt.gz", data: whole, want: []wantPage{{format: Text, body: string(text)}}},
		{name: "several members", file: "a.TXT.GZ", data: members, want: []wantPage{{format: Text, body: string(text)}}},
		{name: "html", file: "a.html.gz", data: gz(t, []byte("<p>x</p>")), want: []wantPage{{format: HTML, body: "<p>x</p>"}}},
		{name: "sniffed", file: "a.gz", data: gz(t, []byte("<p>x</p>")), want: []wantPage{{format: HTML, body: "<p>x</p>"}}},
		{name: "bomb", file: "bomb.txt.gz", data: bomb, opt: Options{MaxDecompressed: 1 << 20}, wantFails: []error{ErrTooLarge}},
		{name: "bomb against page limit", file: "bomb.html.gz", data: bomb, opt: Options{MaxPageBytes: 1 << 20}, wantFails: []error{ErrTooLarge}},
		{name: "truncated", file: "cut.txt.gz", data: whole[:len(whole)/2], wantFails: []error{ErrTruncated, io.ErrUnexpectedEOF}},
		{name: "truncated trailer", file: "cut.txt.gz", data: whole[:len(whole)-3], wantFails: []error{ErrTruncated, io.ErrUnexpectedEOF}},
		{name: "not gzip", file: "plain.txt.gz", data: text, wantFails: []error{gzip.ErrHeader}},
		{name: "trailing garbage", file: "junk.txt.gz", data: append(whole, "this is not gzip at all"...), wantFails: []error{gzip.ErrHeader}},
		{name: "empty inside", file: "empty.txt.gz", data: gz(t, nil), wantFails: []error{ErrEmpty}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := write(t, dir, tt.file, tt.data)
			pages, fails, _ := run(t, []string{path}, tt.opt)
			for i := range tt.want {
				tt.want[i].source = path
			}
			var wantFails []wantFail
			if tt.wantFails != nil {
				wantFails = []wantFail{{path, tt.wantFails}}
			}
			check(t, pages, fails, tt.want, wantFails)
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		format      Format
		contentType string
		want        string
		err         error
	}{
		{name: "plain", in: "hello", format: Text, want: "hello"},
		{name: "whitespace only", in: " \r\n\t ", format: Text, err: ErrEmpty},
		{name: "control characters", in: "ab\x01\x02\x03\x04cdefghijklmnop", format: Text, err: ErrBinary},
		{name: "escape sequences are text", in: "\x1b[1mbold\x1b[0m", format: Text, want: "\x1b[1mbold\x1b[0m"},
		{name: "utf-16 with BOM", in: "\xff\xfeh\x00i\x00", format: Text, want: "hi"},
		{name: "charset from HTTP", in: "<p>caf\xe9</p>", format: HTML, contentType: "text/html; charset=ISO-8859-1", want: "<p>café</p>"},
		{name: "charset from meta", in: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8</p>", format: HTML, want: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>При</p>"},
		{name: "undeclared stays UTF-8", in: "<p>caf\xe9 \xc3\xa9</p>", format: HTML, want: "<p>caf\uFFFD é</p>"},
		{name: "mislabelled UTF-8", in: "<meta charset=iso-8859-1><p>caf\xc3\xa9</p>", format: HTML, want: "<meta charset=iso-8859-1><p>café</p>"},
		{name: "charset not applied to text", in: "<meta charset=iso-8859-1>caf\xe9", format: Text, want: "<meta charset=iso-8859-1>caf\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := normalize([]byte(tt.in), tt.format, tt.contentType, true)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err == nil && string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
