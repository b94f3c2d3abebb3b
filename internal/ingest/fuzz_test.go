package ingest

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzRead feeds data to one reader under small limits and checks the
// promises every page keeps, whatever the input.
func fuzzRead(t *testing.T, source string, k kind, data []byte) {
	var pages []Page
	w := newWalker(context.Background(), Options{MaxPageBytes: 1 << 20, MaxDecompressed: 1 << 20},
		func(p Page) error { pages = append(pages, p); return nil },
		func(source string, err error) {
			if err == nil {
				t.Errorf("fail(%q, nil)", source)
			}
		})
	if err := w.stream(source, bytes.NewReader(data), k, false); err != nil {
		t.Fatalf("stream returned %v; only ctx and yield errors may stop a walk", err)
	}
	for _, p := range pages {
		if !utf8.Valid(p.Body) {
			t.Errorf("%s: body is not valid UTF-8", p.Source)
		}
		if len(bytes.TrimSpace(p.Body)) == 0 {
			t.Errorf("%s: empty body", p.Source)
		}
		if p.Format != HTML && p.Format != Text {
			t.Errorf("%s: format %q", p.Source, p.Format)
		}
		if !strings.HasPrefix(p.Source, source) {
			t.Errorf("source %q does not name input %q", p.Source, source)
		}
	}
}

func FuzzWARC(f *testing.F) {
	fixture, err := os.ReadFile(td("sample.warc"))
	if err != nil {
		f.Fatal(err)
	}
	recs := splitWARC(f, fixture)
	f.Add(fixture)
	f.Add(gzMembers(f, recs))
	f.Add(fixture[:len(fixture)/2])
	f.Add(recs[2])
	f.Add(httpResponse("https://x/", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gz(f, []byte("<p>x</p>"))))
	f.Add(httpResponse("https://x/", "Content-Type: text/html\r\nContent-Encoding: deflate\r\n", []byte{0x78, 0x9c, 0xb3, 0x29, 0xb0, 0xab, 0xb0, 0xd1, 0x07, 0x51, 0x00, 0x18, 0xb8, 0x04, 0x09}))
	f.Add(httpResponse("https://x/", "Transfer-Encoding: chunked\r\n", []byte("5\r\n<p>x<\r\n0\r\n\r\n")))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 2\r\n\r\nHT\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "f.warc", kindWARC, data)
	})
}

func FuzzJSONL(f *testing.F) {
	jsonl, err := os.ReadFile(td("sample.jsonl"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(jsonl)
	f.Add(gz(f, jsonl))
	f.Add([]byte(`{"html":"<meta charset=koi8-r><p>\u00e9</p>","url":1,"title":[],"published":{}}`))
	f.Add([]byte("{\"text\":\"a\\u0000b\"}\r\n\n{\"text\":\"\\ud800\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "f.jsonl", kindJSONL, data)
	})
}

func FuzzSniff(f *testing.F) {
	for _, name := range []string{"article.txt", "latin1.html", "bom.html", "invalid-utf8.txt", "binary.txt", "sample.warc", "sample.jsonl"} {
		data, err := os.ReadFile(td(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(gz(f, []byte("<!DOCTYPE html><p>zipped</p>")))
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00h\x00i\x00"))
	f.Add([]byte("<meta http-equiv=content-type content=\"text/html; charset=shift_jis\"><p>\x82\xa0</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "-", kindUnknown, data)
	})
}
