package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/dedup"
	"github.com/dateline-news/dateline/internal/store/sqlite"
	"github.com/dateline-news/dateline/internal/store/storetest"
	"github.com/dateline-news/dateline/internal/story"
)

// checkStories checks that every article has a story and a signature,
// that every story an article names is live, and that the stories'
// counts add up to the articles.
func checkStories(t *testing.T, s *sqlite.Store, ls []article.StoredLink) {
	t.Helper()
	ctx := context.Background()
	per := map[int]int{}
	for _, l := range ls {
		if l.Story == 0 || len(l.Signature) != 4*(dedup.SignatureSize+1) {
			t.Errorf("%s: story %d, signature of %d bytes", l.ID, l.Story, len(l.Signature))
		}
		per[l.Story]++
	}
	list, err := s.Stories(ctx, article.StoryQuery{Limit: article.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if list.Total != len(per) {
		t.Errorf("%d live stories, %d named by articles", list.Total, len(per))
	}
	for _, st := range list.Results {
		if per[st.ID] != st.Articles || st.Label == "" {
			t.Errorf("story %d: %d articles, %d link to it; label %q", st.ID, st.Articles, per[st.ID], st.Label)
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestIngestStoriesAcrossRuns ingests the corpus, then copies of it
// (each with a closing line of its own) in a second run: the second run
// rebuilds the duplicate index and the recent stories from the store,
// so every copy joins its original's duplicate group, copies of recent
// articles join their originals' stories, and new stories get new ids.
func TestIngestStoriesAcrossRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("two ingests of the corpus")
	}
	dir := t.TempDir()
	both := corpusLines(t, 2)
	lines := bytes.SplitAfter(both, []byte("\n"))
	n := len(lines) / 2
	first, second := filepath.Join(dir, "first.jsonl"), filepath.Join(dir, "second.jsonl")
	write(t, first, bytes.Join(lines[:n], nil))
	write(t, second, bytes.Join(lines[n:], nil))
	db := filepath.Join(dir, "db")
	if _, stderr, err := call(t, runIngest, "--db", db, "--workers", "2", first); err != nil {
		t.Fatalf("first ingest: %v\n%s", err, stderr)
	}
	s := openStore(t, db)
	before := storetest.StoredLinks(t, s)
	checkStories(t, s, before)
	maxStory := 0
	for _, l := range before {
		maxStory = max(maxStory, l.Story)
	}
	s.Close()

	if _, stderr, err := call(t, runIngest, "--db", db, "--workers", "2", second); err != nil {
		t.Fatalf("second ingest: %v\n%s", err, stderr)
	}
	s = openStore(t, db)
	after := storetest.StoredLinks(t, s)
	if len(after) <= len(before) {
		t.Fatalf("%d articles after the second run, %d before", len(after), len(before))
	}
	checkStories(t, s, after)

	// Each copy's group is named by its original, stored by the first
	// run (the first article of the group to be added).
	ctx := context.Background()
	joined, newIDs := 0, 0
	firstRun := map[string]article.StoredLink{}
	for _, l := range after[:len(before)] {
		firstRun[l.ID] = l
	}
	for _, c := range after[len(before):] {
		o, ok := firstRun[c.Group]
		if !ok {
			t.Errorf("copy %s: group %q is not an article of the first run", c.ID, c.Group)
			continue
		}
		rel, err := s.Related(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rel.Duplicates < 1 {
			t.Errorf("copy %s: %d duplicates, want its original", c.ID, rel.Duplicates)
		}
		if c.Story == o.Story {
			joined++
		}
		if c.Story > maxStory {
			newIDs++
		}
	}
	t.Logf("%d copies: %d in their original's story, %d in stories new in the second run (ids above %d)", len(after)-len(before), joined, newIDs, maxStory)
	if joined == 0 {
		t.Error("no copy joined its original's story across runs")
	}
	if newIDs == 0 {
		t.Error("no story started in the second run above the first run's ids")
	}
}

// TestConnectSplit stores, one batch an article, reports of two title
// fights that first make one story; when the clusterer splits it, the
// articles it moves are relinked in the store, in batches stored before,
// with their duplicate groups kept, and both stories' counts and labels
// follow.
func TestConnectSplit(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, _, err := newConnector(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	type fight struct{ who, round, place string }
	events := []fight{{"Rahman", "seventh", "Mannheim"}, {"Thompson", "sixth", "Bern"}}
	event := map[string]int{}
	var ids []string
	for i := range 8 {
		for e, ev := range events {
			p := fmt.Sprintf("Wladimir Klitschko retained his heavyweight title, stopping %s in the %s round in %s on Saturday, report %d said.", ev.who, ev.round, ev.place, i)
			a := &article.Article{
				Source:     fmt.Sprint("fight-", e, "-", i),
				Title:      article.Ptr(fmt.Sprintf("Klitschko stops %s in the %s round", ev.who, ev.round)),
				Published:  article.Ptr("2012-03-03"),
				Paragraphs: []string{p, "The fight was watched by a crowd of several thousand people, the organisers said."},
				Entities: []article.Entity{
					{Name: "Wladimir Klitschko", Type: "PER", Mentions: []article.Mention{{}}},
					{Name: ev.who, Type: "PER", Mentions: []article.Mention{{}}},
					{Name: ev.place, Type: "LOC", Mentions: []article.Mention{{}}},
				},
			}
			a.ComputeID()
			a.Normalize()
			event[a.ID] = e
			ids = append(ids, a.ID)
			c.add(a)
			if _, err := s.PutLinked(ctx, []*article.Article{a}, c.take()); err != nil {
				t.Fatal(err)
			}
		}
	}
	ls := storetest.StoredLinks(t, s)
	checkStories(t, s, ls)
	storyOf := map[int]int{} // event → story
	for _, l := range ls {
		e := event[l.ID]
		if st, ok := storyOf[e]; ok && st != l.Story {
			t.Errorf("%s (event %d) in story %d, its event's first article in %d", l.ID, e, l.Story, st)
		}
		storyOf[e] = l.Story
	}
	if storyOf[0] == storyOf[1] {
		t.Fatalf("both events in story %d: no split reached the store", storyOf[0])
	}
	// The split is stored, and the next run's clusterer keeps the two
	// stories apart.
	splits := storetest.StorySplits(t, s)
	if len(splits) == 0 {
		t.Fatal("no split stored")
	}
	next, _, err := newConnector(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !next.cl.Apart(storyOf[0], storyOf[1]) {
		t.Errorf("stories %d and %d not kept apart by the next run (splits stored: %v)", storyOf[0], storyOf[1], splits)
	}
}

// TestConnectorGroups adds articles made of random pieces of a few
// texts, so that groups form and merge in many orders, and checks after
// every article that the connector's groups are the index's and that
// the links it took name every article's group as the index does.
func TestConnectorGroups(t *testing.T) {
	pieces := make([]string, 8)
	for i := range pieces {
		var b bytes.Buffer
		for w := range 40 {
			fmt.Fprintf(&b, "piece%d word%d ", i, w)
		}
		pieces[i] = b.String()
	}
	gone := 0
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 0))
		c, err := emptyConnector(story.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix := c.ix
		linked := map[string]string{} // article → group, as the links say
		var ids []string
		for n := range 60 {
			// One or two adjacent pieces: an article of two ties the
			// groups of its pieces together.
			k := rng.IntN(len(pieces))
			paras := []string{pieces[k]}
			if rng.IntN(3) == 0 && k+1 < len(pieces) {
				paras = append(paras, pieces[k+1])
			}
			a := &article.Article{ID: fmt.Sprintf("a%02d", n), Paragraphs: paras}
			c.add(a)
			ids = append(ids, a.ID)
			l := c.take()
			for _, al := range l.Articles {
				linked[al.ID] = al.Group
			}
			for _, g := range l.Groups {
				if g.Size == 0 {
					gone++
				}
			}
			for _, id := range ids {
				g, _, _ := ix.Group(id)
				if len(c.members[g]) < 2 {
					g = ""
				}
				if linked[id] != g {
					t.Fatalf("seed %d, after %s: %s linked to group %q, the index says %q", seed, a.ID, id, linked[id], g)
				}
			}
			for name, ms := range c.members {
				for _, id := range ms {
					if g, _, _ := ix.Group(id); g != name {
						t.Fatalf("seed %d: members[%s] holds %s of group %s", seed, name, id, g)
					}
				}
				_, _, ok := ix.Group(name)
				if m := ix.Add(dedup.Doc{ID: name}); !ok || m.Size != len(ms) {
					t.Fatalf("seed %d: group %s has %d members, the index %d", seed, name, len(ms), m.Size)
				}
			}
		}
	}
	if gone == 0 {
		t.Error("no two groups merged: the test tests nothing")
	}
	t.Logf("%d groups merged into others", gone)
}

// fakeGets serves Get from a map, slowly and out of order, for
// getOrdered; the other methods are not called.
type fakeGets struct {
	connectStore
	arts map[string]*article.Article
}

func (f fakeGets) Get(ctx context.Context, id string) (*article.Article, error) {
	time.Sleep(time.Duration(len(id)%3) * time.Millisecond)
	a, ok := f.arts[id]
	if !ok {
		return nil, article.ErrNotFound
	}
	return a, nil
}

func TestGetOrdered(t *testing.T) {
	f := fakeGets{arts: map[string]*article.Article{}}
	var ids []string
	for i := range 700 {
		id := strings.Repeat("x", i%5) + fmt.Sprint(i)
		f.arts[id] = &article.Article{ID: id}
		ids = append(ids, id)
	}
	var got []string
	err := getOrdered(context.Background(), f, ids, 4, func(i int, a *article.Article) {
		if a.ID != ids[i] {
			t.Fatalf("call %d: article %s, want %s", i, a.ID, ids[i])
		}
		got = append(got, a.ID)
	})
	if err != nil || !slices.Equal(got, ids) {
		t.Fatalf("err %v; %d of %d articles in order", err, len(got), len(ids))
	}
	// A missing article stops the reading there, and the error names it.
	ids[300] = "missing"
	n := 0
	err = getOrdered(context.Background(), f, ids, 4, func(int, *article.Article) { n++ })
	if !errors.Is(err, article.ErrNotFound) || !strings.Contains(err.Error(), "missing") || n != 300 {
		t.Errorf("err %v after %d articles, want not found for missing after 300", err, n)
	}
}

// TestConnectorLabelsOfClosedStories: a story that an article of the
// batch touched and that closed before the batch was taken (past
// MaxLive) still gets its label written with the batch.
func TestConnectorLabelsOfClosedStories(t *testing.T) {
	c, err := emptyConnector(story.Options{MaxLive: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		c.add(&article.Article{ID: fmt.Sprint("a", i), Paragraphs: []string{
			fmt.Sprintf("Alpha%d bravo%d charlie%d delta%d echo%d foxtrot%d golf%d.", i, i, i, i, i, i, i)}})
	}
	l := c.take()
	if len(l.Stories) != 5 {
		t.Fatalf("%d story labels, want the 5 stories the batch touched (%d still open)", len(l.Stories), c.cl.Open())
	}
	for _, s := range l.Stories {
		if s.Label == "" {
			t.Errorf("story %d: no label", s.ID)
		}
	}
	if len(c.shut) != 0 {
		t.Errorf("%d closed stories' labels kept after the batch", len(c.shut))
	}
}
