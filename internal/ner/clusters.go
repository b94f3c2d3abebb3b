package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/fhash"
)

// clusterPrefixes are the Brown path lengths used as features: short
// prefixes are broad word classes, long ones near-synonyms (Ratinov and
// Roth 2009 used the same four).
var clusterPrefixes = [4]int{4, 6, 10, 20}

// clusterMask takes the cluster from a word-table value; the bits above
// hold, for lower-case keys, capBin.
const clusterMask = 1<<24 - 1

// capBin says how often a word is written capitalised in the clusters'
// text, in five steps (0 is unknown): what a sentence-initial or headline
// token alone cannot tell.
func capBin(capital, total int) uint32 {
	if total == 0 {
		return 0
	}
	r := float64(capital) / float64(total)
	switch {
	case r < 0.05:
		return 1
	case r < 0.3:
		return 2
	case r < 0.7:
		return 3
	case r < 0.95:
		return 4
	}
	return 5
}

// readClusters reads Brown clusters (Percy Liang's wcluster output:
// bitpath, word, count per line, optionally gzip-compressed) into the
// model's word table: each word as written, and each lower-case form
// with the cluster of its most frequent spelling, so that a headline's
// "BRUSSELS" finds the cluster of "Brussels".
func readClusters(path string, p *parts, counts map[string]int) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("clusters %s: %w", path, err)
		}
		r = zr
	}
	ids := map[string]uint32{}
	form := map[uint64]uint32{}
	type best struct {
		id    uint32
		count int
	}
	lower := map[uint64]best{}
	// How often each lower-case word is written capitalised.
	total, capital := map[uint64]int{}, map[uint64]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 || f[0] == "" {
			continue
		}
		count := 1
		if len(f) >= 3 {
			count, _ = strconv.Atoi(f[2])
		}
		id, ok := ids[f[0]]
		if !ok {
			id = uint32(len(p.clPrefix))
			ids[f[0]] = id
			var pre [4]uint64
			for i, n := range clusterPrefixes {
				pre[i] = fhash.Mix(uint64(n), fhash.String(f[0][:min(n, len(f[0]))]))
			}
			p.clPrefix = append(p.clPrefix, pre)
		}
		form[fhash.Mix(fhash.String(f[1]), 1)] = id
		counts[f[1]] += count
		lk := fhash.Mix(fhash.Lower(f[1]), 2)
		if b, ok := lower[lk]; !ok || count > b.count {
			lower[lk] = best{id, count}
		}
		total[lk] += count
		if r, _ := utf8.DecodeRuneInString(f[1]); unicode.IsUpper(r) {
			capital[lk] += count
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("clusters %s: %w", path, err)
	}
	for k, v := range lower {
		form[k] = v.id | capBin(capital[k], total[k])<<24
	}
	p.wordKeys = sortedKeys(form)
	p.wordVals = make([]uint32, len(p.wordKeys))
	for i, k := range p.wordKeys {
		p.wordVals[i] = form[k]
	}
	return nil
}
