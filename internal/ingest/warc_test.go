package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"time"
)

// warcRecord builds one WARC/1.1 record around block.
func warcRecord(typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:6d0a4c2e-0000-4000-8000-000000000000>\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n", typ)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResponse builds a WARC response record for an HTTP response.
func httpResponse(uri, header string, body []byte) []byte {
	block := append([]byte("HTTP/1.1 200 OK\r\n"+header+"\r\n"), body...)
	return warcRecord("response", uri, "application/http;msgtype=response", block)
}

// splitWARC cuts the hand-made fixture into its records.
func splitWARC(t testing.TB, data []byte) [][]byte {
	t.Helper()
	sep := []byte("\r\n\r\nWARC/1.1\r\n")
	var recs [][]byte
	for {
		i := bytes.Index(data, sep)
		if i < 0 {
			return append(recs, data)
		}
		recs = append(recs, data[:i+4])
		data = data[i+4:]
	}
}

// gzMembers compresses each record as its own gzip member, the way
// CC-NEWS and most crawlers write .warc.gz.
func gzMembers(t testing.TB, recs [][]byte) []byte {
	var out []byte
	for _, r := range recs {
		out = append(out, gz(t, r)...)
	}
	return out
}

func TestWARC(t *testing.T) {
	fixture, err := os.ReadFile(td("sample.warc"))
	if err != nil {
		t.Fatal(err)
	}
	recs := splitWARC(t, fixture)
	if len(recs) != 7 {
		t.Fatalf("fixture has %d records, want 7", len(recs))
	}
	perRecord := gzMembers(t, recs)
	// Cut inside the last record's HTML, and inside the gzip member
	// of the image record.
	cutPlain := fixture[:len(fixture)-40]
	cutGzip := perRecord[:len(gzMembers(t, recs[:3]))+len(gz(t, recs[3]))/2]

	storm := wantPage{format: HTML, url: "https://news.example/storm", contains: "<p>The storm reached the coast.</p>"}
	bare := wantPage{format: HTML, url: "https://news.example/bare", contains: "No content type"}
	at := func(w wantPage, n int) wantPage { w.source = fmt.Sprintf("#%d", n); return w }

	html := []byte("<html><body><p>Encoded body.</p></body></html>")
	tests := []struct {
		name      string
		file      string
		data      []byte
		opt       Options
		want      []wantPage
		wantFails []wantFail // sources relative: "" is the file, "#N" a record
		skipped   int64
	}{
		{name: "plain", file: "a.warc", data: fixture, want: []wantPage{at(storm, 3), at(bare, 7)}, skipped: 5},
		{name: "gzip per record", file: "a.warc.gz", data: perRecord, want: []wantPage{at(storm, 3), at(bare, 7)}, skipped: 5},
		{name: "gzip whole file", file: "a.WARC.GZ", data: gz(t, fixture), want: []wantPage{at(storm, 3), at(bare, 7)}, skipped: 5},
		{
			name: "truncated", file: "cut.warc", data: cutPlain,
			want:      []wantPage{at(storm, 3)},
			wantFails: []wantFail{{"", []error{ErrTruncated}}},
			skipped:   5,
		},
		{
			name: "truncated in a header", file: "cut.warc", data: fixture[:bytes.Index(fixture, []byte("WARC-Type: metadata"))+5],
			want:      []wantPage{at(storm, 3)},
			wantFails: []wantFail{{"", []error{ErrTruncated}}},
			skipped:   3,
		},
		{
			name: "truncated gzip", file: "cut.warc.gz", data: cutGzip,
			want:      []wantPage{at(storm, 3)},
			wantFails: []wantFail{{"", []error{ErrTruncated, io.ErrUnexpectedEOF}}},
			skipped:   2,
		},
		{
			name: "page too large", file: "a.warc", data: fixture, opt: Options{MaxPageBytes: 80},
			want:      []wantPage{at(bare, 7)},
			wantFails: []wantFail{{"#3", []error{ErrTooLarge}}},
			skipped:   5,
		},
		{
			name: "gzip bomb record", file: "bomb.warc.gz", opt: Options{MaxDecompressed: 1 << 20},
			data:      append(gz(t, recs[2]), gz(t, httpResponse("https://x/", "Content-Type: text/html\r\n", make([]byte, 4<<20)))...),
			want:      []wantPage{at(storm, 1)},
			wantFails: []wantFail{{"", []error{ErrTooLarge}}},
		},
		{name: "gzip inside gzip", file: "twice.warc.gz", data: gz(t, perRecord), wantFails: []wantFail{{"", nil}}},
		{name: "not a WARC", file: "junk.warc", data: []byte("no records here\n"), wantFails: []wantFail{{"", nil}}},
		{name: "empty", file: "empty.warc", data: nil, wantFails: []wantFail{{"", []error{ErrEmpty}}}},
		{
			name: "encoded payloads", file: "enc.warc",
			data: bytes.Join([][]byte{
				httpResponse("https://x/gzip", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gz(t, html)),
				httpResponse("https://x/decoded", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", html),
				httpResponse("https://x/chunked", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", []byte("10\r\n<html><body><p>E\r\n1e\r\nncoded body.</p></body></html>\r\n0\r\n\r\n")),
				httpResponse("https://x/latin1", "Content-Type: text/html; charset=iso-8859-1\r\n", []byte("<p>caf\xe9</p>")),
				httpResponse("https://x/bomb", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gz(t, make([]byte, 2<<20))),
				httpResponse("https://x/empty", "Content-Type: text/html\r\n", nil),
			}, nil),
			opt: Options{MaxDecompressed: 1 << 20},
			want: []wantPage{
				{source: "#1", url: "https://x/gzip", body: string(html)},
				{source: "#2", url: "https://x/decoded", body: string(html)},
				{source: "#3", url: "https://x/chunked", body: string(html)},
				{source: "#4", url: "https://x/latin1", body: "<p>café</p>"},
			},
			wantFails: []wantFail{{"#5", []error{ErrTooLarge}}, {"#6", []error{ErrEmpty}}},
		},
		{
			name: "garbage between records", file: "junk.warc",
			data:      bytes.Join([][]byte{recs[2], []byte("WARC/1.1\r\nno colon here\r\n\r\n"), recs[6], []byte("\r\n\r\n")}, nil),
			want:      []wantPage{at(storm, 1), at(bare, 3)},
			wantFails: []wantFail{{"#2", nil}},
		},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := write(t, dir, tt.file, tt.data)
			pages, fails, stats := run(t, []string{path}, tt.opt)
			for i := range tt.want {
				tt.want[i].source = path + tt.want[i].source
			}
			for i := range tt.wantFails {
				tt.wantFails[i].source = path + tt.wantFails[i].source
			}
			check(t, pages, fails, tt.want, tt.wantFails)
			if stats.SkippedRecords != tt.skipped {
				t.Errorf("SkippedRecords = %d, want %d", stats.SkippedRecords, tt.skipped)
			}
		})
	}
}

func TestWARCFields(t *testing.T) {
	pages, fails, _ := run(t, []string{td("sample.warc")}, Options{})
	if len(pages) != 2 || len(fails) != 0 {
		t.Fatalf("got %d pages, failures %v", len(pages), fails)
	}
	if want := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC); !pages[0].Fetched.Equal(want) {
		t.Errorf("Fetched = %v, want %v", pages[0].Fetched, want)
	}
	if want := time.Date(2024, 5, 2, 8, 30, 0, 0, time.UTC); !pages[1].Fetched.Equal(want) {
		t.Errorf("Fetched = %v, want %v", pages[1].Fetched, want)
	}
	const want = "<!DOCTYPE html><html><head><title>Storm</title></head><body><p>The storm reached the coast.</p></body></html>"
	if string(pages[0].Body) != want {
		t.Errorf("Body = %q, want the payload without HTTP headers", pages[0].Body)
	}
}

// TestWARCStreams checks that an archive is read a record at a time:
// pages must come out before the input ends.
func TestWARCStreams(t *testing.T) {
	rec := httpResponse("https://x/", "Content-Type: text/html\r\n", []byte("<p>page</p>"))
	pr, pw := io.Pipe()
	seen := make(chan struct{})
	go func() {
		zw := gzip.NewWriter(pw)
		for range 20 {
			zw.Write(rec)
		}
		zw.Flush()
		<-seen
		pw.CloseWithError(errors.New("stream broken"))
	}()
	done := make(chan struct{})
	var n int
	var fails []failure
	go func() {
		defer close(done)
		Walk(t.Context(), []string{"-"}, Options{Stdin: pr},
			func(Page) error {
				if n++; n == 1 {
					close(seen)
				}
				return nil
			},
			func(s string, err error) { fails = append(fails, failure{s, err}) })
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("no page before the end of the input")
	}
	if n != 20 || len(fails) != 1 {
		t.Errorf("got %d pages, failures %v; want 20 and the broken stream", n, fails)
	}
}
