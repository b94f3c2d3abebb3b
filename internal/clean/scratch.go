package clean

import "sync"

// scratch holds the per-page working arrays of CleanLines and the line
// model. A page of text takes about 50 KB of them; reusing them spares
// the collector most of the cleaner's allocation, which on one core was
// about a sixth of a text page's time.
type scratch struct {
	shapes     []lineShape
	reasons    []string
	captions   []bool
	need       []bool
	x1, x2     rows
	p1, p2, p  []float64
	cum, logLn []float64
	picked     [][]float64
	seen       map[string]int
}

// rows is a matrix whose rows share one backing array.
type rows struct {
	buf []float64
	row [][]float64
}

// reset makes r n empty rows of capacity width each.
func (r *rows) reset(n, width int) [][]float64 {
	r.buf = grow(r.buf, n*width)
	r.row = grow(r.row, n)
	for i := range r.row {
		r.row[i] = r.buf[i*width : i*width : (i+1)*width]
	}
	return r.row
}

// grow returns s with length n, its elements zero.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

var scratchPool = sync.Pool{New: func() any { return &scratch{seen: map[string]int{}} }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// putScratch returns s to the pool without the page's strings, so that
// a pooled scratch does not keep a page alive.
func putScratch(s *scratch) {
	clear(s.shapes)
	clear(s.reasons)
	clear(s.seen)
	scratchPool.Put(s)
}
