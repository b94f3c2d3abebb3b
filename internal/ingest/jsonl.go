package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonlRecord holds a JSON Lines record's fields undecoded, so that an
// optional field of an unexpected type is ignored rather than failing
// the record; unknown keys are ignored too.
type jsonlRecord struct {
	HTML      json.RawMessage `json:"html"`
	Text      json.RawMessage `json:"text"`
	URL       json.RawMessage `json:"url"`
	Title     json.RawMessage `json:"title"`
	Published json.RawMessage `json:"published"`
	// Date is read when Published is absent: many corpora (Wikinews
	// dumps, news-please) call the publication date "date".
	Date json.RawMessage `json:"date"`
}

// jsonl reads one page per line of a JSON Lines input. A bad line
// fails alone; a read error (a cut .jsonl.gz) ends the input.
func (w *walker) jsonl(source string, r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		line, long, err := readLine(br, buf[:0], w.opt.MaxPageBytes)
		buf = line
		if err == io.EOF && len(line) == 0 && !long {
			return nil
		}
		if err != nil && err != io.EOF {
			w.fail(source, err)
			return nil
		}
		src := fmt.Sprintf("%s#%d", source, n)
		if long {
			w.fail(src, w.tooLarge())
		} else if len(bytes.TrimSpace(line)) > 0 {
			p, err := parseJSONL(line)
			if err != nil {
				w.fail(src, err)
			} else {
				p.Source = src
				if err := w.emit(p); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine appends the next line of br, without its newline, to buf.
// A line longer than max is read through but not kept, and reported
// as long, so that one huge line costs no memory and spoils only
// itself. The error is io.EOF after the last line.
func readLine(br *bufio.Reader, buf []byte, max int64) (line []byte, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if int64(len(buf)+len(chunk)) > max+1 { // +1: the newline
				long, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		if !long && int64(len(buf)) > max {
			long, buf = true, buf[:0]
		}
		return buf, long, err
	}
}

func parseJSONL(line []byte) (Page, error) {
	var rec jsonlRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return Page{}, fmt.Errorf("invalid JSON: %w", err)
	}
	p := Page{
		URL:       jsonString(rec.URL),
		Title:     jsonString(rec.Title),
		Published: cmp.Or(jsonString(rec.Published), jsonString(rec.Date)),
	}
	html, htmlOK, err := jsonBody(rec.HTML, "html")
	if err != nil {
		return Page{}, err
	}
	text, textOK, err := jsonBody(rec.Text, "text")
	if err != nil {
		return Page{}, err
	}
	var body []byte
	switch {
	case htmlOK && (len(bytes.TrimSpace(html)) > 0 || !textOK):
		p.Format, body = HTML, html
	case textOK:
		p.Format, body = Text, text
	default:
		return Page{}, errors.New(`record has neither "html" nor "text"`)
	}
	// JSON strings are Unicode already: a <meta charset> inside must
	// not be applied again.
	p.Body, err = normalize(body, p.Format, "", false)
	if err != nil {
		return Page{}, err
	}
	return p, nil
}

// jsonBody decodes a body field; ok is false when it is absent or null.
func jsonBody(raw json.RawMessage, key string) (body []byte, ok bool, err error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, false, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, false, fmt.Errorf("%q is not a string", key)
	}
	return []byte(s), true, nil
}

// jsonString decodes an optional hint, treating any non-string as
// absent.
func jsonString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
