package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/story"
)

var (
	storiesRun       = flag.Bool("stories", false, "run the story clustering harness on ECB+")
	storiesSplit     = flag.String("stories.split", "dev", "ECB+ split: dev (odd topics), test, all")
	storiesThreshold = flag.Float64("stories.threshold", 0, "story.Options.Threshold (0: default)")
	storiesBoost     = flag.Float64("stories.boost", 0, "story.Options.EntityBoost (0: default)")
	storiesWindow    = flag.Int("stories.window", 0, "story.Options.Window (0: default)")
	storiesMerge     = flag.Float64("stories.merge", 0, "story.Options.MergeThreshold (0: default)")
	storiesSplit2    = flag.Float64("stories.split.cut", 0, "story.Options.SplitCut (0: default, negative: no splits)")
	storiesSplitMin  = flag.Int("stories.split.min", 0, "story.Options.SplitMin (0: default)")
	storiesYearCut   = flag.Float64("stories.yearcut", 0, "story.Options.YearCut (0: default, negative: never on years)")
	storiesSweep     = flag.Bool("stories.sweep", false, "score a grid of thresholds and boosts")
	storiesCache     = flag.String("stories.cache", "", "JSON Lines file of the split's annotated articles: read if it exists, else written")
)

func TestScoreClustering(t *testing.T) {
	gold := []string{"a", "a", "a", "b", "b"}
	perfect := ScoreClustering([]string{"x", "x", "x", "y", "y"}, gold)
	if perfect.BCubedF1 != 1 || perfect.PairF1 != 1 {
		t.Errorf("perfect clustering scored %+v", perfect)
	}
	// One cluster of all: B³ precision (3·3/5 + 2·2/5)/5 = 13/25, recall 1.
	one := ScoreClustering([]string{"x", "x", "x", "x", "x"}, gold)
	if one.BCubedPrecision != 13.0/25 || one.BCubedRecall != 1 {
		t.Errorf("one cluster: B³ P %v R %v, want 0.52 1", one.BCubedPrecision, one.BCubedRecall)
	}
	// Pairs: 4 gold pairs (3 + 1) of 10 predicted.
	if one.PairPrecision != 0.4 || one.PairRecall != 1 {
		t.Errorf("one cluster: pairwise P %v R %v, want 0.4 1", one.PairPrecision, one.PairRecall)
	}
	singletons := ScoreClustering([]string{"1", "2", "3", "4", "5"}, gold)
	if singletons.BCubedPrecision != 1 || math.Abs(singletons.BCubedRecall-0.4) > 1e-12 {
		t.Errorf("singletons: %+v", singletons)
	}
}

func TestAverageLinkCut(t *testing.T) {
	sim := [][]float64{
		{1, 0.9, 0.1, 0},
		{0.9, 1, 0.2, 0},
		{0.1, 0.2, 1, 0.8},
		{0, 0, 0.8, 1},
	}
	merges := averageLink(sim)
	got := cutDendrogram(4, merges, 0.5)
	if got[0] != got[1] || got[2] != got[3] || got[0] == got[2] {
		t.Errorf("cut at 0.5: %v", got)
	}
	if all := cutDendrogram(4, merges, 0.05); all[0] != all[3] {
		t.Errorf("cut at 0.05: %v, want one cluster (average link 0.075)", all)
	}
}

func TestStoriesHarness(t *testing.T) {
	if !*storiesRun {
		t.Skip("-stories not set")
	}
	opt := story.Options{Threshold: *storiesThreshold, EntityBoost: *storiesBoost, Window: *storiesWindow, MergeThreshold: *storiesMerge, SplitCut: *storiesSplit2, SplitMin: *storiesSplitMin, YearCut: *storiesYearCut}
	docs, arts := storyData(t, *storiesSplit)
	if *storiesSweep {
		for _, boost := range []float64{0.75, 1, 1.5} {
			for th := 0.15; th < 0.31; th += 0.025 {
				o := opt
				o.Threshold, o.EntityBoost = th, boost
				r := ScoreStories(docs, arts, o)
				t.Logf("boost %.1f threshold %.2f: B3 P %.4f R %.4f F1 %.4f (min %.4f) pairwise %.4f topic %.4f clusters %.1f", boost, th, r.BCubedPrecision, r.BCubedRecall, r.BCubedF1, r.BCubedF1Min, r.PairwiseF1, r.TopicBCubedF1, r.Clusters)
			}
		}
	}
	r := ScoreStories(docs, arts, opt)
	b, _ := json.MarshalIndent(r, "", "  ")
	t.Logf("%s", b)
}

// storyData reads a split of ECB+ (from $DATELINE_DATA or the shared
// data) and its annotated articles (cached with -stories.cache).
func storyData(t *testing.T, split string) ([]StoryDoc, []*article.Article) {
	t.Helper()
	data := os.Getenv("DATELINE_DATA")
	if data == "" {
		data = filepath.Join("..", "..", "..", "shared", "data")
	}
	all, err := LoadECBPlus(context.Background(), filepath.Join(data, "news-stories", "ecbplus"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := StorySplit(all, split)
	if err != nil {
		t.Fatal(err)
	}
	return docs, cachedStoryArticles(t, docs)
}

func cachedStoryArticles(t *testing.T, docs []StoryDoc) []*article.Article {
	if *storiesCache != "" {
		if b, err := os.ReadFile(*storiesCache); err == nil {
			var arts []*article.Article
			for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
				var a article.Article
				if err := json.Unmarshal(line, &a); err != nil {
					t.Fatal(err)
				}
				arts = append(arts, &a)
			}
			if len(arts) == len(docs) {
				return arts
			}
		}
	}
	arts, err := StoryArticles(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if *storiesCache != "" {
		var buf bytes.Buffer
		for _, a := range arts {
			b, _ := json.Marshal(a)
			buf.Write(b)
			buf.WriteByte('\n')
		}
		if err := os.WriteFile(*storiesCache, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return arts
}

// TestStoriesHalves scores the two halves of the dev topics apart
// (topics 1, 5, 9, … and 3, 7, 11, …) over a grid of join and merge
// thresholds, to check that a default chosen on all of dev holds on
// each half:
//
//	go test ./internal/eval -run TestStoriesHalves -stories -stories.cache /tmp/ecb_dev.jsonl -v
func TestStoriesHalves(t *testing.T) {
	if !*storiesRun {
		t.Skip("-stories not set")
	}
	docs, arts := storyData(t, "dev")
	for _, half := range []int{1, 3} {
		var d []StoryDoc
		var a []*article.Article
		for i := range docs {
			if docs[i].Topic%4 == half {
				d, a = append(d, docs[i]), append(a, arts[i])
			}
		}
		for _, th := range []float64{0.10, 0.15, 0.20} {
			line := fmt.Sprintf("topics %d mod 4, join %.2f, B³ F1 by merge threshold:", half, th)
			for _, m := range []float64{0.15, 0.20, 0.25, 0.30, 0.35, 0.45} {
				r := ScoreStories(d, a, story.Options{Threshold: th, MergeThreshold: m, YearCut: *storiesYearCut})
				line += fmt.Sprintf(" %.2f=%.4f", m, r.BCubedF1)
			}
			t.Log(line)
		}
	}
}
