package ingest

import (
	"bufio"
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// binarySample is how much of a body is looked at to tell text from
// binary: enough to see past any header, small enough to stay cheap.
const binarySample = 8 << 10

// normalize turns a raw body into the valid UTF-8 a page promises.
// Bad bytes are replaced rather than refused, because real pages are
// often slightly broken and the rest of them is still worth reading.
// When decode is set, an HTML body's declared charset (contentType's
// parameter or a <meta> in its first KiB) is honoured; it is not for
// bodies that are already Unicode, such as JSON strings.
func normalize(data []byte, f Format, contentType string, decode bool) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		// UTF-16 would look binary (it is full of NULs) though it
		// says plainly what it is.
		if out, _, err := transform.Bytes(unicode.BOMOverride(transform.Nop), data); err == nil {
			data = out
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	if isBinary(data) {
		return nil, ErrBinary
	}
	if f == HTML && decode {
		data = decodeCharset(data, contentType)
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return data, nil
}

// isBinary reports whether data's start holds a NUL or more than a few
// control characters, which text in any charset does not.
func isBinary(data []byte) bool {
	if len(data) > binarySample {
		data = data[:binarySample]
	}
	control := 0
	for _, c := range data {
		switch {
		case c == 0:
			return true
		case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == 0x1b:
		case c < 0x20, c == 0x7f:
			control++
		}
	}
	return control*20 > len(data)
}

// decodeCharset converts an HTML body from its declared charset to
// UTF-8. Only a declaration counts: a guess would turn a page that is
// merely broken UTF-8 into mojibake. A body declared in a legacy
// charset but valid UTF-8 beyond ASCII is taken to be mislabelled
// UTF-8, a common server error, since legacy text is almost never
// valid UTF-8 by chance.
func decodeCharset(data []byte, contentType string) []byte {
	name := declaredCharset(data, contentType)
	if name == "" || name == "utf-8" {
		return data
	}
	if utf8.Valid(data) && !isASCII(data) {
		return data
	}
	enc, _ := charset.Lookup(name)
	if enc == nil {
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// declaredCharset returns the charset a body declares through
// contentType or a <meta> tag, or "" when it declares none.
// charset.DetermineEncoding also guesses, falling back to
// windows-1252; prefixing the probe with a valid non-ASCII rune makes
// its guess "utf-8", so any other answer is a declaration.
func declaredCharset(data []byte, contentType string) string {
	head := data[:min(len(data), 1024-2)]
	probe := append([]byte("\u00e9"), bytes.ToValidUTF8(head, []byte("\uFFFD"))...)
	_, name, certain := charset.DetermineEncoding(probe, contentType)
	if !certain && name == "utf-8" {
		return ""
	}
	return name
}

func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// sniff guesses the kind of an input with no telling name from its
// first KiB, without consuming it.
func sniff(br *bufio.Reader) kind {
	head, _ := br.Peek(1024)
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return kindWARC
	}
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return kindJSONL
	}
	if looksHTML(head) {
		return kindHTML
	}
	return kindText
}

// looksHTML reports whether an HTML tag that pages start with, or are
// made of, appears in data's first KiB.
func looksHTML(data []byte) bool {
	if len(data) > 1024 {
		data = data[:1024]
	}
	for i := bytes.IndexByte(data, '<'); i >= 0; {
		rest := data[i+1:]
		j := 0
		for j < len(rest) && (isLetter(rest[j]) || j > 0 && rest[j] >= '1' && rest[j] <= '6' || j == 0 && rest[j] == '!') {
			j++
		}
		if j < len(rest) && isTagEnd(rest[j]) && isHTMLTag(string(bytes.ToLower(rest[:j]))) {
			return true
		}
		k := bytes.IndexByte(rest, '<')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isTagEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isHTMLTag(name string) bool {
	switch name {
	case "!doctype", "html", "head", "body", "meta", "title", "link", "script", "style",
		"div", "p", "span", "a", "br", "article", "section", "main", "header", "footer", "nav",
		"table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img", "b", "i", "em", "strong":
		return true
	}
	return false
}
