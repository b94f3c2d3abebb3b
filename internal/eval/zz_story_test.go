package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/story"
)

func TestZZStoryHalves(t *testing.T) {
	if !*storiesRun {
		t.Skip()
	}
	all, _ := LoadECBPlus(context.Background(), filepath.Join("..", "..", "..", "shared", "data", "news-stories", "ecbplus"))
	docs, _ := StorySplit(all, "dev")
	arts := cachedStoryArticles(t, docs)
	for _, half := range []int{1, 3} {
		var d []StoryDoc
		var a []*article.Article
		for i := range docs {
			if docs[i].Topic%4 == half {
				d = append(d, docs[i])
				a = append(a, arts[i])
			}
		}
		for _, th := range []float64{0.10, 0.15, 0.20} {
			line := fmt.Sprintf("half %d th %.2f:", half, th)
			for _, m := range []float64{0.15, 0.20, 0.25, 0.30, 0.35, 0.45} {
				r := ScoreStories(d, a, story.Options{Threshold: th, MergeThreshold: m})
				line += fmt.Sprintf(" m%.2f=%.4f", m, r.BCubedF1)
			}
			t.Log(line)
		}
	}
}

func TestZZWikinewsStories(t *testing.T) {
	if !*storiesRun {
		t.Skip()
	}
	b, _ := os.ReadFile("/tmp/q/wn_e.jsonl")
	var arts []*article.Article
	for _, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var a article.Article
		json.Unmarshal(l, &a)
		arts = append(arts, &a)
	}
	for _, m := range []float64{0.45, 0.30, 0.20} {
		c := story.New(story.Options{MergeThreshold: m})
		ids := make([]int, len(arts))
		byID := map[string][]int{}
		for i, a := range arts {
			as := c.Add(a)
			ids[i] = as.Story
			byID[a.ID] = append(byID[a.ID], i)
			for _, mv := range as.Moved {
				for _, k := range byID[mv.Article] {
					ids[k] = mv.Story
				}
			}
		}
		size := map[int][]string{}
		for i, id := range ids {
			r := c.Resolve(id)
			size[r] = append(size[r], article.Str(arts[i].Title))
		}
		var sizes []int
		single := 0
		for _, v := range size {
			sizes = append(sizes, len(v))
			if len(v) == 1 {
				single++
			}
		}
		sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
		t.Logf("merge %.2f: %d stories, %d single, largest %v", m, len(size), single, sizes[:6])
		for _, v := range size {
			if len(v) >= 7 {
				t.Logf("   %d: %q", len(v), v)
			}
		}
	}
}
