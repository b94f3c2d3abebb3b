package quote

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
)

// The model file is gzip over little-endian arrays: a header, the cue
// lexicon, each stage's transitions, the feature keys (sorted) and their
// weights as int16 in one unit. Sorted keys and a fixed layout make the
// same model the same bytes.

var magic = [8]byte{'D', 'L', 'Q', 'U', 'O', 'T', 0, 3}

// ErrModel is returned by Load for a file that is not a model this
// package can read.
var ErrModel = errors.New("quote: not a model file")

// Save writes the model, gzip-compressed.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	var b []byte
	u32 := func(v uint32) { b = binary.LittleEndian.AppendUint32(b, v) }
	u64 := func(v uint64) { b = binary.LittleEndian.AppendUint64(b, v) }
	flush := func() error {
		_, err := bw.Write(b)
		b = b[:0]
		return err
	}
	b = append(b, magic[:]...)
	u32(uint32(m.stages))
	u32(nLabels)
	cues := make([]uint64, 0, len(m.cues))
	for k := range m.cues {
		cues = append(cues, k)
	}
	sort.Slice(cues, func(i, j int) bool { return cues[i] < cues[j] })
	u32(uint32(len(cues)))
	for _, k := range cues {
		u64(k)
	}
	for _, k := range cues {
		b = append(b, m.cues[k])
	}
	for _, t := range m.trans {
		for p := range t {
			for y := range t[p] {
				u32(math.Float32bits(t[p][y]))
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for _, set := range m.rowSets() {
		u32(uint32(len(set.keys)))
		u32(uint32(set.stride))
		for _, k := range set.keys {
			u64(k)
		}
		var big float32
		for _, v := range set.rows {
			big = max(big, v, -v)
		}
		unit := big / 32767
		if unit == 0 {
			unit = 1
		}
		u32(math.Float32bits(unit))
		// Column by column: similar magnitudes sit together for gzip.
		for c := 0; c < set.stride; c++ {
			for r := range set.keys {
				q := int16(math.Round(float64(set.rows[r*set.stride+c] / unit)))
				b = binary.LittleEndian.AppendUint16(b, uint16(q))
			}
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	var failed error
	read := func(n int) []byte {
		if failed != nil {
			return nil
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			failed = err
			return nil
		}
		return b
	}
	u32 := func() uint32 {
		b := read(4)
		if b == nil {
			return 0
		}
		return binary.LittleEndian.Uint32(b)
	}
	u64s := func(n int) []uint64 {
		b := read(8 * n)
		out := make([]uint64, n)
		for i := range out {
			if b != nil {
				out[i] = binary.LittleEndian.Uint64(b[8*i:])
			}
		}
		return out
	}
	if h := read(len(magic)); h == nil || !bytes.Equal(h, magic[:]) {
		return nil, ErrModel
	}
	m := &Model{stages: int(u32())}
	if nl := u32(); nl != nLabels || m.stages < 1 || m.stages > 4 {
		return nil, ErrModel
	}
	m.width = m.stages * nLabels
	nc := int(u32())
	if nc > 1<<24 {
		return nil, ErrModel
	}
	ck := u64s(nc)
	cv := read(nc)
	m.cues = make(map[uint64]uint8, nc)
	for i, k := range ck {
		if cv != nil {
			m.cues[k] = cv[i]
		}
	}
	m.trans = make([][nLabels + 1][nLabels]float32, m.stages)
	for s := range m.trans {
		for p := range m.trans[s] {
			for y := range m.trans[s][p] {
				m.trans[s][p][y] = math.Float32frombits(u32())
			}
		}
	}
	for _, set := range m.rowSets() {
		nk, stride := int(u32()), int(u32())
		if nk > 1<<26 || stride != m.width && stride != nOffsets*m.width && stride != 2*m.width {
			return nil, ErrModel
		}
		set.stride = stride
		set.keys = u64s(nk)
		unit := math.Float32frombits(u32())
		set.rows = make([]float32, nk*stride)
		for c := 0; c < stride; c++ {
			b := read(2 * nk)
			if b == nil {
				break
			}
			for r := 0; r < nk; r++ {
				set.rows[r*stride+c] = float32(int16(binary.LittleEndian.Uint16(b[2*r:]))) * unit
			}
		}
	}
	if failed != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, failed)
	}
	m.index()
	return m, nil
}

//go:embed model/quote.bin.gz
var embedded []byte

var loadDefault = sync.OnceValues(func() (*Finder, error) {
	m, err := Load(bytes.NewReader(embedded))
	if err != nil {
		return nil, err
	}
	return New(m), nil
})

// Default returns the finder with the model shipped in the binary,
// loaded once per process on first use.
func Default() (*Finder, error) { return loadDefault() }
