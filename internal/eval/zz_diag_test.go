package eval

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/dateline-news/dateline/internal/story"
)

func TestZZDiag(t *testing.T) {
	if !*storiesRun {
		t.Skip()
	}
	docs, arts := storyData(t, *storiesSplit)
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	rand.New(rand.NewPCG(1, 0)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	c := story.New(story.Options{})
	ids := make([]int, len(arts))
	byID := map[string][]int{}
	for _, i := range order {
		as := c.Add(arts[i])
		ids[i] = as.Story
		byID[arts[i].ID] = append(byID[arts[i].ID], i)
		for _, m := range as.Moved {
			for _, k := range byID[m.Article] {
				ids[k] = m.Story
			}
		}
	}
	byTopic := map[int]map[int][]int{}
	for i, id := range ids {
		s := c.Resolve(id)
		tp := docs[i].Topic
		if byTopic[tp] == nil {
			byTopic[tp] = map[int][]int{}
		}
		byTopic[tp][s] = append(byTopic[tp][s], i)
	}
	var tps []int
	for tp := range byTopic {
		tps = append(tps, tp)
	}
	sort.Ints(tps)
	for _, tp := range tps {
		line := fmt.Sprintf("topic %d:", tp)
		for s, mem := range byTopic[tp] {
			var e, p, ed, pd int
			for _, i := range mem {
				dated := arts[i].Published != nil
				if docs[i].EventCluster[len(docs[i].EventCluster)-1] == 's' {
					p++
					if dated {
						pd++
					}
				} else {
					e++
					if dated {
						ed++
					}
				}
			}
			line += fmt.Sprintf("  s%d[ecb %d(%d dated) plus %d(%d dated)]", s, e, ed, p, pd)
		}
		t.Log(line)
	}
}
