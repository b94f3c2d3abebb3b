package quote

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"github.com/dateline-news/dateline/internal/fhash"
)

// The Brown word clusters of internal/ner (a copy: model/brown.tsv.gz,
// see internal/brown/README.md), so that a speech verb or a title the
// training data lacks still looks like its neighbours in the clusters.

//go:embed model/brown.tsv.gz
var brownTSV []byte

// clusterPrefixes are the path lengths used as features: broad classes
// to near-synonyms.
var clusterPrefixes = [4]int{4, 8, 12, 20}

type clusterSet struct {
	word   map[uint64]uint32 // lower-case word hash → cluster id + 1
	prefix [][4]uint64       // per cluster id: hashes of its path prefixes
	class4 []uint8           // per cluster id: its 4-bit prefix as a small number, from 1
}

var loadClusters = sync.OnceValue(func() *clusterSet {
	cs := &clusterSet{word: map[uint64]uint32{}}
	zr, err := gzip.NewReader(bytes.NewReader(brownTSV))
	if err != nil {
		return cs
	}
	ids := map[string]uint32{}
	best := map[uint64]int{}
	classes := map[string]uint8{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 3 {
			continue
		}
		id, ok := ids[f[0]]
		if !ok {
			id = uint32(len(cs.prefix))
			ids[f[0]] = id
			var pre [4]uint64
			for i, n := range clusterPrefixes {
				pre[i] = fhash.Mix(uint64(n), fhash.String(f[0][:min(n, len(f[0]))]))
			}
			cs.prefix = append(cs.prefix, pre)
			p4 := f[0][:min(4, len(f[0]))]
			c, ok := classes[p4]
			if !ok {
				c = uint8(len(classes) + 1)
				classes[p4] = c
			}
			cs.class4 = append(cs.class4, c)
		}
		n, _ := strconv.Atoi(f[2])
		h := hashLower(f[1])
		if c, ok := best[h]; !ok || n > c {
			best[h] = n
			cs.word[h] = id + 1
		}
	}
	return cs
})
