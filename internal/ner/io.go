package ner

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
	"sync"

	"github.com/dateline-news/dateline/internal/fhash"
)

// The model file is gzip over little-endian arrays: a header, the
// feature keys (sorted) with their weight rows, the gazetteer phrases,
// the word clusters. Sorted keys and a fixed layout make the same model
// the same bytes.

var magic = [8]byte{'D', 'L', 'N', 'E', 'R', 0, 0, 5}

// ErrModel is returned by Load for a file that is not a model this
// package can read.
var ErrModel = errors.New("ner: not a model file")

// parts are a model's contents before they are indexed.
type parts struct {
	cfg      uint32
	stages   int
	keys     []uint64 // feature hashes, sorted
	w        []int16  // len(keys) × width: each pass's weights per tag
	unit     float32  // the weight one step of w stands for
	gazKeys  []uint64
	gazVals  []uint32
	wordKeys []uint64
	wordVals []uint32
	clPrefix [][4]uint64
	vocab    []string // words whose cache entries the model computes at load
}

// newModel indexes parts for tagging.
func newModel(p *parts) *Model {
	m := &Model{cfg: p.cfg, stages: p.stages, w: p.w, p: p}
	m.feats = fhash.NewTable(len(p.keys))
	for i, k := range p.keys {
		m.feats.Put(k, uint32(i))
	}
	if len(p.gazKeys) > 0 {
		m.gaz.t = fhash.NewTable(len(p.gazKeys))
		for i, k := range p.gazKeys {
			m.gaz.t.Put(k, p.gazVals[i])
		}
	}
	if len(p.wordKeys) > 0 {
		m.words = fhash.NewTable(len(p.wordKeys))
		for i, k := range p.wordKeys {
			m.words.Put(k, p.wordVals[i])
		}
	}
	m.x = extractor{cfg: p.cfg, clPrefix: p.clPrefix}
	m.initFast()
	m.initVocab()
	return m
}

// Save writes the model (gzip-compressed).
func (m *Model) Save(w io.Writer) error {
	p := m.p
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
	u32(p.cfg)
	u32(uint32(p.stages))
	u32(nTags)
	u32(uint32(len(p.keys)))
	for _, k := range p.keys {
		u64(k)
	}
	if err := flush(); err != nil {
		return err
	}
	// Weights column by column (one tag of one stage at a time): runs of
	// zeros and similar magnitudes then sit together for gzip.
	u32(math.Float32bits(p.unit))
	for c := 0; c < p.stages*nTags; c++ {
		for r := range p.keys {
			b = binary.LittleEndian.AppendUint16(b, uint16(p.w[r*width+c]))
		}
		if err := flush(); err != nil {
			return err
		}
	}
	u32(uint32(len(p.gazKeys)))
	for _, k := range p.gazKeys {
		u64(k)
	}
	for _, v := range p.gazVals {
		u32(v)
	}
	u32(uint32(len(p.wordKeys)))
	for _, k := range p.wordKeys {
		u64(k)
	}
	for _, v := range p.wordVals {
		u32(v)
	}
	u32(uint32(len(p.clPrefix)))
	for _, c := range p.clPrefix {
		for _, h := range c {
			u64(h)
		}
	}
	u32(uint32(len(p.vocab)))
	for _, w := range p.vocab {
		b = binary.AppendUvarint(b, uint64(len(w)))
		b = append(b, w...)
	}
	if err := flush(); err != nil {
		return err
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
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	d := decoder{b: data}
	var mg [8]byte
	copy(mg[:], d.bytes(8))
	if mg != magic {
		return nil, fmt.Errorf("%w: bad magic", ErrModel)
	}
	p := &parts{}
	p.cfg = d.u32()
	p.stages = int(d.u32())
	if nt := d.u32(); nt != nTags || p.stages < 1 || p.stages > 2 {
		return nil, fmt.Errorf("%w: %d tags, %d stages", ErrModel, nt, p.stages)
	}
	n := d.count(8)
	p.keys = d.u64s(n)
	cols := p.stages * nTags
	p.unit = math.Float32frombits(d.u32())
	if d.err == nil && len(d.b) < n*cols*2 {
		d.err = io.ErrUnexpectedEOF
	}
	if d.err == nil {
		p.w = make([]int16, n*width)
		for c := 0; c < cols; c++ {
			for r := 0; r < n; r++ {
				p.w[r*width+c] = int16(binary.LittleEndian.Uint16(d.b[2*r:]))
			}
			d.b = d.b[2*n:]
		}
	}
	n = d.count(12)
	p.gazKeys = d.u64s(n)
	p.gazVals = d.u32s(n)
	n = d.count(12)
	p.wordKeys = d.u64s(n)
	p.wordVals = d.u32s(n)
	n = d.count(32)
	if d.err == nil {
		p.clPrefix = make([][4]uint64, n)
		for i := range p.clPrefix {
			for j := range p.clPrefix[i] {
				p.clPrefix[i][j] = d.u64()
			}
		}
	}
	n = d.count(1)
	if d.err == nil {
		p.vocab = make([]string, n)
		for i := range p.vocab {
			l, k := binary.Uvarint(d.b)
			if k <= 0 || l > uint64(len(d.b)-k) {
				d.err = io.ErrUnexpectedEOF
				break
			}
			p.vocab[i] = string(d.b[k : k+int(l)])
			d.b = d.b[k+int(l):]
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, d.err)
	}
	for _, v := range p.wordVals {
		if int(v&clusterMask) >= len(p.clPrefix) {
			return nil, fmt.Errorf("%w: cluster %d out of range", ErrModel, v)
		}
	}
	return newModel(p), nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil || len(d.b) < n {
		d.err = io.ErrUnexpectedEOF
		return make([]byte, n)
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) u32() uint32 { return binary.LittleEndian.Uint32(d.bytes(4)) }
func (d *decoder) u64() uint64 { return binary.LittleEndian.Uint64(d.bytes(8)) }

// count reads a length and checks that at least n*size bytes follow.
func (d *decoder) count(size int) int {
	n := int(d.u32())
	if d.err == nil && n > len(d.b)/size {
		d.err = io.ErrUnexpectedEOF
		return 0
	}
	return n
}

func (d *decoder) u64s(n int) []uint64 {
	if d.err != nil {
		return nil
	}
	s := make([]uint64, n)
	for i := range s {
		s[i] = d.u64()
	}
	return s
}

func (d *decoder) u32s(n int) []uint32 {
	if d.err != nil {
		return nil
	}
	s := make([]uint32, n)
	for i := range s {
		s[i] = d.u32()
	}
	return s
}

//go:embed model/ner.bin.gz
var embedded []byte

var loadDefault = sync.OnceValues(func() (*Model, error) {
	return Load(bytes.NewReader(embedded))
})

// Default is the model shipped in the binary, loaded once per process on
// first use.
func Default() (*Model, error) { return loadDefault() }
