// Package ingest reads raw news pages from files, folders, stdin, WARC
// archives and JSON Lines records. It knows formats, not news: each
// page comes out as bytes with where it came from and what kind it is.
package ingest

import (
	"errors"
	"time"
)

// Format says how a page's body is to be read.
type Format string

const (
	HTML Format = "html"
	Text Format = "text"
)

// Page is one raw page, before cleaning.
type Page struct {
	// Source names the input: a path, "path#N" for the Nth record
	// (1-based) of a WARC or JSONL file, or "-" for stdin ("-#N" for
	// its records).
	Source string
	// URL is the page's address when the input says (WARC target URI,
	// JSONL "url"), else "".
	URL    string
	Format Format
	Body   []byte
	// Title and Published are hints a JSONL record may carry.
	Title     string
	Published string
	// Fetched is the crawl time when known (WARC-Date).
	Fetched time.Time
}

// Errors a reader reports, wrapped with the input's name.
var (
	ErrTooLarge   = errors.New("ingest: input exceeds the size limit")
	ErrBinary     = errors.New("ingest: input is binary, not text or HTML")
	ErrEmpty      = errors.New("ingest: input is empty")
	ErrTruncated  = errors.New("ingest: input is truncated")
	ErrUnknownExt = errors.New("ingest: unknown input type")
)
