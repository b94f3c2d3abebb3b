package ner

import (
	"cmp"
	"math/bits"
	"slices"
)

func trailingZeros32(x uint32) int { return bits.TrailingZeros32(x) }

// sortedKeys gives a map's keys in order, so that whatever is built from
// a map comes out the same on every run.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func trailingZeros64(x uint64) int { return bits.TrailingZeros64(x) }
