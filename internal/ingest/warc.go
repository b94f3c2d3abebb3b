package ingest

// WARC records are parsed with github.com/nlnwa/gowarc/v3, the National
// Library of Norway's WARC 1.0/1.1 library: it reads a record at a time
// from any io.Reader, is actively maintained, and pulls in little
// (klauspost/compress, uuid, a URL parser). The alternatives,
// internetarchive/gowarc and its predecessor CorentinB/warc, carry a
// whole crawling HTTP client (TLS fingerprinting, SOCKS, DNS) that a
// reader has no use for. gowarc holds at most 1 MiB of a record in
// memory and spills the rest to a temporary file, so memory stays flat
// however large the archive or its records.

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// warcInput tracks how far a WARC input has been read, so that after a
// failed record the reader can tell a clean end, a cut input and a
// broken record apart, whatever the parser made of the cause.
type warcInput struct {
	r    io.Reader
	eof  bool
	err  error   // the first read error other than io.EOF
	n    int64   // bytes read
	tail [4]byte // the last bytes read
}

func (in *warcInput) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	in.n += int64(n)
	if n >= len(in.tail) {
		copy(in.tail[:], p[n-len(in.tail):n])
	} else {
		copy(in.tail[:], in.tail[n:])
		copy(in.tail[len(in.tail)-n:], p[:n])
	}
	if err == io.EOF {
		in.eof = true
	} else if err != nil && in.err == nil {
		in.err = err
	}
	return n, err
}

// endsRecord reports whether the input ended with an end-of-record
// marker: CRLF CRLF, or the LF LF some writers use.
func (in *warcInput) endsRecord() bool {
	return in.n >= 4 && (string(in.tail[:]) == "\r\n\r\n" || string(in.tail[2:]) == "\n\n")
}

// warc reads the HTML responses of a WARC input. Gzip, per record or
// whole, has already been undone by stream, so the parser sees plain
// WARC and MaxDecompressed holds for every member.
//
// The parser is lenient: it resynchronises on the next "WARC/" after
// junk and returns what it could make of a broken record along with
// warnings. So a record with no WARC-Type fails alone, trailing junk
// after the last record is ignored, and a last record that runs into
// the end of the input means the input was cut.
func (w *walker) warc(source string, r io.Reader) error {
	in := &warcInput{r: r}
	br := bufio.NewReaderSize(in, 64<<10)
	u := gowarc.NewUnmarshaler()
	for n := 1; ; n++ {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if _, err := br.Peek(1); err != nil {
			switch {
			case err != io.EOF:
				w.fail(source, err)
			case n == 1:
				w.fail(source, ErrEmpty)
			}
			return nil
		}
		if magic, _ := br.Peek(2); isGzip(magic) {
			// The parser would inflate it itself, past MaxDecompressed.
			w.fail(source, errors.New("gzip inside gzip is not supported"))
			return nil
		}
		before := in.n - int64(br.Buffered())
		rec, _, validation, err := u.Unmarshal(br)
		src := fmt.Sprintf("%s#%d", source, n)
		if err != nil {
			if rec != nil {
				rec.Close()
			}
			rest, _ := br.Peek(br.Buffered())
			switch {
			case in.err != nil:
				w.fail(source, in.err)
				return nil
			case errors.Is(err, gowarc.ErrNoRecord):
				if n == 1 {
					w.fail(source, err)
				}
				return nil
			case in.eof && len(rest) > 0 && len(bytes.TrimSpace(rest)) == 0:
				return nil // trailing blank lines
			case in.eof && (len(rest) == 0 || err == io.EOF):
				w.fail(source, fmt.Errorf("%w: record %d is cut short: %w", ErrTruncated, n, err))
				return nil
			}
			w.fail(src, err)
			if in.n-int64(br.Buffered()) == before {
				return nil // no progress: nothing more can be read
			}
			continue
		}
		if in.eof && br.Buffered() == 0 && (cutShort(validation) || !in.endsRecord()) {
			rec.Close()
			w.fail(source, fmt.Errorf("%w: record %d is cut short", ErrTruncated, n))
			return nil
		}
		if rec.WarcHeader().Get(gowarc.WarcType) == "" && len(validation) > 0 {
			rec.Close()
			w.fail(src, fmt.Errorf("bad record header: %w", validation[0]))
			continue
		}
		p, ok, err := w.warcPage(rec)
		rec.Close()
		switch {
		case err != nil:
			w.fail(src, err)
		case !ok:
			w.stats.SkippedRecords++
		default:
			p.Source = src
			if err := w.emit(p); err != nil {
				return err
			}
		}
	}
}

// cutShort reports whether a record's block ended before its
// Content-Length, which at the end of the input means the file was cut.
func cutShort(validation []error) bool {
	for _, v := range validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			return true
		}
	}
	return false
}

// warcPage makes a page of an HTML response record; ok is false for
// the records that are passed over.
func (w *walker) warcPage(rec gowarc.WarcRecord) (p Page, ok bool, err error) {
	if rec.Type() != gowarc.Response {
		return Page{}, false, nil
	}
	block, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
	if !isHTTP {
		return Page{}, false, nil // e.g. a dns: response
	}
	if code := block.HttpStatusCode(); code != 0 && (code < 200 || code > 299) {
		return Page{}, false, nil // redirects and error pages are not articles
	}
	var h http.Header
	if hp := block.HttpHeader(); hp != nil {
		h = *hp
	}
	contentType := h.Get("Content-Type")
	media, _, _ := strings.Cut(contentType, ";")
	media = strings.ToLower(strings.TrimSpace(media))
	if media != "" && media != "text/html" && media != "application/xhtml+xml" {
		return Page{}, false, nil
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return Page{}, false, err
	}
	body, err := w.readPage(payload)
	if err != nil {
		return Page{}, false, err
	}
	if body, err = w.decodePayload(body, h, isChunked(block.ProtocolHeaderBytes())); err != nil {
		return Page{}, false, err
	}
	if media == "" && !looksHTML(bytes.TrimPrefix(body, []byte("\uFEFF"))) {
		return Page{}, false, nil
	}
	if body, err = normalize(body, HTML, contentType, true); err != nil {
		return Page{}, false, err
	}
	p = Page{
		URL:    strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<>"),
		Format: HTML,
		Body:   body,
	}
	p.Fetched, _ = rec.Date()
	return p, true, nil
}

// decodePayload undoes the transfer and content encodings an HTTP
// payload may still carry. Crawlers differ: some store the bytes as
// sent, some decode them but keep the headers, so a body that no
// longer looks encoded is taken as it is.
func (w *walker) decodePayload(body []byte, h http.Header, chunked bool) ([]byte, error) {
	if chunked {
		if dec, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body))); err == nil {
			body = dec
		}
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		if !isGzip(body) {
			return body, nil
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, gzipError(err)
		}
		return w.inflate(zr)
	case "deflate":
		if !isBinary(body) {
			return body, nil
		}
		// "deflate" is meant to be zlib-wrapped but is often raw.
		if zr, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			return w.inflate(zr)
		}
		return w.inflate(flate.NewReader(bytes.NewReader(body)))
	}
	return body, nil
}

// inflate reads a decompressing reader under both the page limit and
// the decompression cap.
func (w *walker) inflate(zr io.Reader) ([]byte, error) {
	limit := min(w.opt.MaxPageBytes, w.opt.MaxDecompressed)
	data, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("%w: compressed payload ends early: %w", ErrTruncated, err)
	}
	if err != nil {
		return nil, fmt.Errorf("inflate payload: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: payload inflates to over %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

// isChunked reports whether raw HTTP response headers declare a chunked
// transfer coding. net/http drops Transfer-Encoding from the parsed
// header, so the raw bytes are all that tell.
func isChunked(header []byte) bool {
	for line := range bytes.Lines(header) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(name)), "Transfer-Encoding") &&
			bytes.Contains(bytes.ToLower(value), []byte("chunked")) {
			return true
		}
	}
	return false
}
