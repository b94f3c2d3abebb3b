package dedup

import (
	"math"
	"sync"
)

// SignatureSize is the number of MinHash values in a Signature.
const SignatureSize = 128

// binShift takes a shingle hash's top bits as its bin (log2 SignatureSize).
const binShift = 64 - 7

// A Signature summarises a set of shingles in fixed space: SignatureSize
// MinHash values, and the set's size for estimating containment.
//
// The values are one-permutation MinHash (Li, Owen and Zhang 2012) with
// optimal densification (Shrivastava 2017): each shingle's hash picks one
// of SignatureSize bins by its top bits and competes for the bin's minimum
// with its low 32 bits, so a text costs one hash per shingle rather than
// one per shingle and permutation; a bin that no shingle reached borrows
// the value of a bin chosen by a fixed hash sequence of its index, the
// same for every text. Two signatures agree in a bin with probability
// equal to the Jaccard similarity of their sets, as with SignatureSize
// independent permutations.
//
// Signatures depend on nothing but the text and k, so they may be stored.
type Signature struct {
	Mins [SignatureSize]uint32
	// Size is the number of distinct shingles; 0 for a text without
	// words, whose signature matches nothing.
	Size uint32
}

// scratch is Sign's reusable memory.
type scratch struct {
	shingles []uint64
	seen     []uint64 // an open-addressing set of shingles; 0 is empty
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Sign returns the signature of the k-word shingles of paragraphs (k < 1
// means DefaultShingle). It is safe for concurrent use.
func Sign(paragraphs []string, k int) Signature {
	sc := scratchPool.Get().(*scratch)
	sc.shingles = AppendShingles(sc.shingles[:0], paragraphs, k)
	s := sketch(sc.shingles)
	if s.Size > 0 {
		s.Size = sc.distinct()
	}
	scratchPool.Put(sc)
	return s
}

// SignShingles returns the signature of a set of shingle hashes, as
// Shingles returns them; Size is the number given.
func SignShingles(set []uint64) Signature {
	s := sketch(set)
	s.Size = uint32(min(len(set), math.MaxUint32))
	return s
}

// distinct counts the distinct values of sc.shingles: a signature needs
// its set's size, and a hash set finds it in a third of a sort's time.
func (sc *scratch) distinct() uint32 {
	size := 64
	for size < 2*len(sc.shingles) {
		size *= 2
	}
	if cap(sc.seen) < size {
		sc.seen = make([]uint64, size)
	}
	seen := sc.seen[:size]
	clear(seen)
	mask := uint64(size - 1)
	var n uint32
	for _, h := range sc.shingles {
		h |= 1 // 0 marks an empty slot; the set's size hardly changes
		for i := h & mask; ; i = (i + 1) & mask {
			if seen[i] == h {
				break
			}
			if seen[i] == 0 {
				seen[i] = h
				n++
				break
			}
		}
	}
	return n
}

// sketch fills a signature's values from hashes (repeats do not matter);
// Size is 1 when there were any, 0 otherwise.
func sketch(hashes []uint64) Signature {
	var s Signature
	if len(hashes) == 0 {
		return s
	}
	var mins [SignatureSize]uint64
	for i := range mins {
		mins[i] = math.MaxUint64
	}
	for _, h := range hashes {
		b := h >> binShift
		mins[b] = min(mins[b], h&math.MaxUint32)
	}
	for i, m := range mins {
		for try := uint64(1); m == math.MaxUint64; try++ {
			// Some bin is full, so this ends; a text of one shingle
			// takes SignatureSize tries on average per empty bin.
			m = mins[mix(uint64(i)<<32|try)>>binShift]
		}
		s.Mins[i] = uint32(m)
	}
	s.Size = 1
	return s
}

// Jaccard estimates the Jaccard similarity of the two signatures' sets:
// the share of values they agree on. Two empty signatures have 0.
func (s *Signature) Jaccard(t *Signature) float64 {
	if s.Size == 0 || t.Size == 0 {
		return 0
	}
	n := 0
	for i := range s.Mins {
		if s.Mins[i] == t.Mins[i] {
			n++
		}
	}
	return float64(n) / SignatureSize
}

// Containment estimates the share of the smaller set found in the larger
// from the Jaccard estimate j and the two sizes: |A∩B| = j(|A|+|B|)/(1+j).
// It finds a truncated copy, or a copy inside added site chrome, whose
// Jaccard similarity is low only because the sets differ in size.
func (s *Signature) Containment(t *Signature, j float64) float64 {
	small := min(s.Size, t.Size)
	if small == 0 {
		return 0
	}
	inter := j * (float64(s.Size) + float64(t.Size)) / (1 + j)
	return min(1, inter/float64(small))
}
