package dedup

import (
	"math"
	"slices"
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

var shinglePool = sync.Pool{New: func() any { return new([]uint64) }}

// Sign returns the signature of the k-word shingles of paragraphs (k < 1
// means DefaultShingle). It is safe for concurrent use.
func Sign(paragraphs []string, k int) Signature {
	p := shinglePool.Get().(*[]uint64)
	set := AppendShingles((*p)[:0], paragraphs, k)
	slices.Sort(set)
	set = slices.Compact(set)
	s := SignShingles(set)
	*p = set
	shinglePool.Put(p)
	return s
}

// SignShingles returns the signature of a set of shingle hashes, as
// Shingles returns them; a hash given twice counts twice in Size.
func SignShingles(set []uint64) Signature {
	var s Signature
	if len(set) == 0 {
		return s
	}
	var mins [SignatureSize]uint64
	for i := range mins {
		mins[i] = math.MaxUint64
	}
	for _, h := range set {
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
	s.Size = uint32(min(len(set), math.MaxUint32))
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
