// Command brown builds the word clusters that the NER model reads as
// features (internal/ner/model/brown.tsv.gz). It is a stand-in until
// `dateline train clusters` calls the same package; the output is the same.
//
//	go run ./internal/brown/cmd/brown -data ../shared/data -out internal/ner/model/brown.tsv.gz
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sort"

	"github.com/dateline-news/dateline/internal/brown"
)

func main() {
	data := flag.String("data", "../shared/data", "data directory")
	c := flag.Int("c", brown.DefaultClusters, "number of clusters (the window size)")
	minCount := flag.Int("min", brown.DefaultMinCount, "leave out words seen fewer times")
	out := flag.String("out", "internal/ner/model/brown.tsv.gz", "output file (gzip TSV: path, word, count)")
	stats := flag.Bool("stats", false, "only report the corpus size")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *data, *c, *minCount, *out, *stats); err != nil {
		fmt.Fprintln(os.Stderr, "brown:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, data string, c, minCount int, out string, stats bool) error {
	sents, err := brown.CorpusLog(ctx, data, os.Stderr)
	if err != nil {
		return err
	}
	freq := map[string]int{}
	ntok := 0
	for _, s := range sents {
		ntok += len(s)
		for _, w := range s {
			freq[w]++
		}
	}
	above := 0
	for _, n := range freq {
		if n >= minCount {
			above++
		}
	}
	fmt.Fprintf(os.Stderr, "corpus: %d sentences, %d tokens, %d distinct words, %d with count >= %d\n",
		len(sents), ntok, len(freq), above, minCount)
	if stats {
		words := make([]string, 0, len(freq))
		for w := range freq {
			words = append(words, w)
		}
		sort.Slice(words, func(i, j int) bool {
			if freq[words[i]] != freq[words[j]] {
				return freq[words[i]] > freq[words[j]]
			}
			return words[i] < words[j]
		})
		for _, m := range []int{1, 2, 3, 5} {
			n := 0
			for _, f := range freq {
				if f >= m {
					n++
				}
			}
			fmt.Fprintf(os.Stderr, "  count >= %d: %d words\n", m, n)
		}
		for _, w := range words[:min(40, len(words))] {
			fmt.Fprintf(os.Stderr, "  %q %d\n", w, freq[w])
		}
		return nil
	}
	res, err := brown.Cluster(ctx, sents, brown.Options{DataDir: data, Clusters: c, MinCount: minCount, Log: os.Stderr})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := res.WriteGzipTSV(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}
