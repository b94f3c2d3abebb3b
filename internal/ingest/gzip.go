package ingest

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// gunzip inflates a stream of one or more gzip members, as
// gzip.Reader's multistream mode does, but counts each member on its
// own so that MaxDecompressed can stop a bomb without refusing a
// large .warc.gz, whose records are one member each. Its errors are
// sticky and carry this package's sentinels: ErrTooLarge past the cap,
// ErrTruncated when the input ends inside a member.
type gunzip struct {
	src   *bufio.Reader // an io.ByteReader, so members are not over-read
	zr    *gzip.Reader
	limit int64 // bytes one member may inflate to
	n     int64 // bytes inflated from the current member
	err   error
}

// isGzip reports whether data starts with the gzip magic number.
func isGzip(data []byte) bool {
	return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b
}

func newGunzip(src *bufio.Reader, limit int64) (*gunzip, error) {
	zr, err := gzip.NewReader(src)
	if err != nil {
		return nil, gzipError(err)
	}
	zr.Multistream(false)
	return &gunzip{src: src, zr: zr, limit: limit}, nil
}

func (g *gunzip) Read(p []byte) (int, error) {
	for g.err == nil {
		// Ask for at most one byte past the cap: enough to see it crossed.
		if room := g.limit - g.n + 1; int64(len(p)) > room {
			p = p[:room]
		}
		n, err := g.zr.Read(p)
		g.n += int64(n)
		if g.n > g.limit {
			g.err = fmt.Errorf("%w: gzip member inflates to over %d bytes", ErrTooLarge, g.limit)
			n -= int(g.n - g.limit)
		} else if err == io.EOF {
			g.err = g.next()
		} else if err != nil {
			g.err = gzipError(err)
		}
		if n > 0 {
			return n, nil
		}
	}
	return 0, g.err
}

// next moves to the following member; at the end of the input it
// reports io.EOF.
func (g *gunzip) next() error {
	if err := g.zr.Reset(g.src); err != nil {
		if err == io.EOF {
			return io.EOF
		}
		return gzipError(err)
	}
	g.zr.Multistream(false)
	g.n = 0
	return nil
}

// gzipError gives a cut-off stream its sentinel; other gzip errors
// (bad header, bad checksum) stay as they are.
func gzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: gzip stream ends early: %w", ErrTruncated, err)
	}
	return fmt.Errorf("gunzip: %w", err)
}
