package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline/corpus"
	"github.com/dateline-news/dateline/internal/annotate"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/clean"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/ner"
	"github.com/dateline-news/dateline/internal/quote"
	"github.com/dateline-news/dateline/internal/text"
)

// annotateBench is what benchAnnotate adds to the report beside its
// figures: the cost of loading the entity model, and the resident memory
// annotation adds to a process that only cleaned before.
type annotateBench struct {
	ModelLoadMS float64 `json:"ner_model_load_ms"`
	AddedRSSMB  float64 `json:"annotate_added_rss_mb"`
}

// benchAnnotate measures the annotate stage (tokens, sentences, entities,
// dates; then with quotes too) on the bundled corpus's clean articles,
// and prose finding entities in the same paragraphs, as pages and tokens
// per second. It must run before anything else loads the entity model,
// or the load time it reports is zero. It returns the articles, annotated
// with quotes, for the connect stage's figure.
// cleanedCorpus reads the bundled Wikinews corpus through cleaner; pages
// the cleaner refuses are left out.
func cleanedCorpus(ctx context.Context, cleaner *clean.Cleaner) ([]*article.Article, error) {
	var arts []*article.Article
	err := ingest.Walk(ctx, []string{"-"}, ingest.Options{Stdin: bytes.NewReader(corpus.Wikinews)},
		func(p ingest.Page) error {
			if a, err := cleaner.Clean(ctx, p); err == nil {
				arts = append(arts, a)
			}
			return nil
		}, nil)
	if err == nil && len(arts) == 0 {
		err = errors.New("no article in it")
	}
	if err != nil {
		return nil, fmt.Errorf("read the bundled corpus: %w", err)
	}
	return arts, nil
}

func benchAnnotate(ctx context.Context, cleaner *clean.Cleaner, minTime time.Duration) ([]benchFigure, []*article.Article, annotateBench, error) {
	var info annotateBench
	arts, err := cleanedCorpus(ctx, cleaner)
	if err != nil {
		return nil, nil, info, fmt.Errorf("bench annotate: %w", err)
	}
	tokens := 0
	for _, a := range arts {
		for _, para := range a.Paragraphs {
			tokens += len(text.Tokenize(para))
		}
	}
	rssBefore := currentRSSMB()
	start := time.Now()
	m, err := ner.Default()
	if err != nil {
		return nil, nil, info, err
	}
	info.ModelLoadMS = float64(time.Since(start).Microseconds()) / 1000
	perPage := float64(tokens) / float64(len(arts))
	a := annotate.New(m)
	for _, art := range arts { // the entity model's first use, out of the figures
		a.Annotate(art)
	}
	info.AddedRSSMB = currentRSSMB() - rssBefore
	// The same articles with quotes, article by article in turn with the
	// stage without them: issue 4's measure is what quotes add.
	q, err := quote.Default()
	if err != nil {
		return nil, nil, info, err
	}
	withQuotes := annotate.New(m, annotate.WithQuotes(q))
	ours, quoted := measurePair("annotate: entities, dates (Wikinews)", "annotate: entities, dates, quotes (Wikinews)", minTime, len(arts),
		func(i int) error { a.Annotate(arts[i]); return nil },
		func(i int) error { withQuotes.Annotate(arts[i]); return nil })
	if ours.err != nil {
		return nil, nil, info, ours.err
	}
	quoted.TokensPerSec = quoted.PagesPerSec * perPage
	quoted.Peer = ours.Name
	quoted.RatioVsPeer = quoted.PagesPerSec / ours.PagesPerSec
	quoted.Note = fmt.Sprintf("the annotate stage as extract runs it; quotes add %.0f %% to its time without them", 100*(ours.PagesPerSec/quoted.PagesPerSec-1))
	// prose is 10-50 times slower: a tenth of the corpus per round keeps
	// the round short. It gets one paragraph at a time: on a whole article
	// its cost grows faster than the text.
	sample := arts[:max(1, len(arts)/10)]
	sampleTokens := 0
	for _, art := range sample {
		for _, para := range art.Paragraphs {
			sampleTokens += len(text.Tokenize(para))
		}
	}
	peer := measure("prose: entities, same paragraphs", minTime, func() (int, error) {
		for _, art := range sample {
			for _, para := range art.Paragraphs {
				if _, err := eval.ProseDocument(para); err != nil {
					return 0, err
				}
			}
		}
		return len(sample), nil
	})
	if peer.err != nil {
		return nil, nil, info, peer.err
	}
	ours.TokensPerSec = ours.PagesPerSec * perPage
	peer.TokensPerSec = peer.PagesPerSec * float64(sampleTokens) / float64(len(sample))
	ours.Peer = peer.Name
	ours.RatioVsPeer = ours.TokensPerSec / peer.TokensPerSec
	ours.Note = fmt.Sprintf("%d articles, %.0f tokens each: tokens, sentences, two NER passes, entity resolution, time expressions", len(arts), perPage)
	return []benchFigure{ours.benchFigure, quoted.benchFigure, peer.benchFigure}, arts, info, nil
}

// currentRSSMB reads the process's resident memory now (not its peak)
// from /proc; 0 where there is none.
func currentRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
