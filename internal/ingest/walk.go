package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Default limits, chosen so that a real news page or a CC-NEWS archive
// always fits while a hostile input cannot exhaust memory.
const (
	DefaultMaxPageBytes    = 64 << 20
	DefaultMaxDecompressed = 4 << 30
)

// Options bound what a reader accepts. The zero value is ready to use.
type Options struct {
	// MaxPageBytes caps one page's raw body (a file, a WARC payload, a
	// JSONL line); a bigger page fails with ErrTooLarge. At most this
	// many bytes plus one of a page are ever held in memory.
	// Zero means DefaultMaxPageBytes.
	MaxPageBytes int64
	// MaxDecompressed caps the bytes one gzip member, or one WARC
	// payload sent with Content-Encoding, may inflate to; beyond it the
	// input (or record) fails with ErrTooLarge. The cap is per member,
	// not per file, so that a multi-gigabyte .warc.gz made of one member
	// per record is read in full while a single bomb member is stopped.
	// Zero means DefaultMaxDecompressed.
	MaxDecompressed int64
	// Stdin is read for the input "-"; nil means os.Stdin. It lets tests
	// and embedders feed stdin without touching the process's own.
	Stdin io.Reader
	// Stats, when not nil, is added to as Walk goes, so the caller can
	// report what was read and what was passed over.
	Stats *Stats
}

// Stats counts what Walk did with its inputs. Walk only adds to the
// fields; it is not safe to read them from another goroutine while
// Walk runs.
type Stats struct {
	// Pages is the number of pages handed to yield.
	Pages int64
	// Failures is the number of calls to fail.
	Failures int64
	// SkippedFiles counts files inside folders passed over because
	// their extension is not one Walk reads.
	SkippedFiles int64
	// SkippedRecords counts WARC records passed over because they are
	// not responses (warcinfo, request, metadata, revisit, ...), not
	// HTTP, not a 2xx status, or not HTML.
	SkippedRecords int64
}

// kind is what a reader makes of an input: a format it knows, or
// unknown when only its content can tell.
type kind int

const (
	kindUnknown kind = iota
	kindText
	kindHTML
	kindWARC
	kindJSONL
)

// Walk reads every input in order and calls yield for each page: the
// records of a WARC or JSONL file in file order, the files of a folder
// in lexical order, recursively (as filepath.WalkDir visits them).
//
// An input is a file path, a folder path, or "-" for Options.Stdin.
// Files are read by extension, case-insensitively, each optionally
// followed by .gz: .txt (Text), .html and .htm (HTML), .warc, .jsonl.
// Inside folders, files with other extensions are skipped and counted
// in Stats.SkippedFiles. Stdin and explicitly named files with another
// extension are sniffed: gunzipped if they start with the gzip magic,
// then WARC if they start with "WARC/", JSON Lines if the first
// non-space byte is '{', HTML if an HTML tag opens the first KiB, else
// text.
//
// An input, or a single record of one, that cannot be read is reported
// by calling fail (if not nil) with its source name and an error of the
// form "read SOURCE: ..." that wraps the cause, often one of this
// package's sentinel errors; Walk then goes on. Walk returns only
// ctx.Err(), checked between files and records, or the first error
// returned by yield, which stops it.
func Walk(ctx context.Context, inputs []string, opt Options, yield func(Page) error, fail func(source string, err error)) error {
	w := newWalker(ctx, opt, yield, fail)
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.input(in); err != nil {
			return err
		}
	}
	return nil
}

// walker carries one Walk's settings. Its methods return only errors
// that stop the walk (ctx's or yield's); input failures go to fail.
type walker struct {
	ctx    context.Context
	opt    Options
	stats  *Stats
	yield  func(Page) error
	failFn func(string, error)
}

func newWalker(ctx context.Context, opt Options, yield func(Page) error, fail func(string, error)) *walker {
	w := &walker{ctx: ctx, opt: opt, yield: yield, failFn: fail}
	if w.opt.MaxPageBytes <= 0 {
		w.opt.MaxPageBytes = DefaultMaxPageBytes
	}
	if w.opt.MaxDecompressed <= 0 {
		w.opt.MaxDecompressed = DefaultMaxDecompressed
	}
	if w.opt.Stdin == nil {
		w.opt.Stdin = os.Stdin
	}
	w.stats = w.opt.Stats
	if w.stats == nil {
		w.stats = new(Stats)
	}
	return w
}

func (w *walker) emit(p Page) error {
	w.stats.Pages++
	return w.yield(p)
}

func (w *walker) fail(source string, err error) {
	w.stats.Failures++
	if w.failFn != nil {
		w.failFn(source, fmt.Errorf("read %s: %w", source, err))
	}
}

func (w *walker) input(in string) error {
	if in == "-" {
		return w.stream("-", w.opt.Stdin, kindUnknown, false)
	}
	info, err := os.Stat(in)
	if err != nil {
		w.fail(in, err)
		return nil
	}
	if info.IsDir() {
		return w.dir(in)
	}
	return w.file(in, info, true)
}

func (w *walker) dir(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// An unreadable folder loses its files, not the walk.
			w.fail(path, err)
			return nil
		}
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err == nil && info.Mode()&fs.ModeSymlink != 0 {
			// Follow links to files; links to folders are not walked,
			// which keeps link loops out.
			info, err = os.Stat(path)
		}
		if err != nil {
			w.fail(path, err)
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		return w.file(path, info, false)
	})
}

// file reads one file. Named explicitly, a file of unknown type is
// sniffed; found in a folder it is skipped, since folders commonly hold
// images and stylesheets next to pages.
func (w *walker) file(path string, info fs.FileInfo, explicit bool) error {
	k, gz := kindOf(path)
	if k == kindUnknown && !explicit {
		w.stats.SkippedFiles++
		return nil
	}
	if !gz && (k == kindText || k == kindHTML) && info.Mode().IsRegular() && info.Size() > w.opt.MaxPageBytes {
		w.fail(path, w.tooLarge())
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		w.fail(path, err)
		return nil
	}
	defer f.Close()
	return w.stream(path, f, k, gz)
}

// stream reads one input of kind k from r, gunzipping it when it is
// gzip (gz says the name promised so).
func (w *walker) stream(source string, r io.Reader, k kind, gz bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	zipped := isGzip(magic)
	if gz && !zipped {
		w.fail(source, fmt.Errorf("named .gz but %w", gzip.ErrHeader))
		return nil
	}
	if zipped {
		zr, err := newGunzip(br, w.opt.MaxDecompressed)
		if err != nil {
			w.fail(source, err)
			return nil
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	sniffed := k == kindUnknown
	if sniffed {
		k = sniff(br)
	}
	switch k {
	case kindWARC:
		return w.warc(source, br)
	case kindJSONL:
		return w.jsonl(source, br)
	case kindHTML:
		return w.single(source, br, HTML, sniffed && source != "-")
	default:
		return w.single(source, br, Text, sniffed && source != "-")
	}
}

// single reads a whole input as one page. unknown marks a named file
// whose type was only guessed, so that a binary one reads as an unknown
// input type rather than as a broken page.
func (w *walker) single(source string, r io.Reader, f Format, unknown bool) error {
	data, err := w.readPage(r)
	if err != nil {
		w.fail(source, err)
		return nil
	}
	body, err := normalize(data, f, "", true)
	if err != nil {
		if unknown && errors.Is(err, ErrBinary) {
			err = fmt.Errorf("%w: %w", ErrUnknownExt, err)
		}
		w.fail(source, err)
		return nil
	}
	return w.emit(Page{Source: source, Format: f, Body: body})
}

// readPage reads all of r, refusing to hold more than MaxPageBytes.
func (w *walker) readPage(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, w.opt.MaxPageBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > w.opt.MaxPageBytes {
		return nil, w.tooLarge()
	}
	return data, nil
}

func (w *walker) tooLarge() error {
	return fmt.Errorf("%w: page is over %d bytes", ErrTooLarge, w.opt.MaxPageBytes)
}

// kindOf reads a file's kind from its name, and whether the name says
// it is gzipped.
func kindOf(path string) (k kind, gz bool) {
	name := strings.ToLower(filepath.Base(path))
	if base, ok := strings.CutSuffix(name, ".gz"); ok {
		name, gz = base, true
	}
	switch filepath.Ext(name) {
	case ".txt":
		return kindText, gz
	case ".html", ".htm":
		return kindHTML, gz
	case ".warc":
		return kindWARC, gz
	case ".jsonl":
		return kindJSONL, gz
	}
	return kindUnknown, gz
}
