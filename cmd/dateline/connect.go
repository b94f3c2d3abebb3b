package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/dedup"
	"github.com/dateline-news/dateline/internal/story"
)

// The connect stage, between annotate and store: each new article is
// signed and added to the near-duplicate index, then assigned a story,
// one at a time in input order (both decisions depend on what came
// before). What it decides goes to the store with the batch
// (article.Links), in the batch's transaction.
//
// At the start of a run both are rebuilt from the store: the index from
// every stored signature, in storing order, so that it decides as if it
// had never stopped; the clusterer by Restore over the articles of
// recent stories: those published within story.DefaultWindow days
// before the newest stored article, at most maxRestore of them (the most
// recently stored), then told which of those stories a split set apart
// (the store's record of splits). Older stories are closed for new
// articles anyway (the clusterer's own date window).

// defaultBatch is how many articles ingest stores a transaction unless
// told otherwise (--batch).
const defaultBatch = 128

// maxRestore bounds the articles replayed into the clusterer at start.
const maxRestore = 20000

// restoreWorkers read the articles to restore from the store ahead of
// the clusterer, which takes them in order: reading is most of a
// restore's time, and a store serves reads concurrently.
const restoreWorkers = 4

// getOrdered reads ids from st with workers goroutines and calls f with
// each article in the order of ids, holding at most a few hundred read
// ahead. It stops at the first error, which names the article.
func getOrdered(ctx context.Context, st connectStore, ids []string, workers int, f func(i int, a *article.Article)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		a   *article.Article
		err error
	}
	ahead := 64 * workers
	slots := make([]chan result, len(ids))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	next := make(chan int)
	// The feeder hands out indexes no further than ahead past the one f
	// waits for, so that memory stays bounded.
	window := make(chan struct{}, ahead)
	go func() {
		defer close(next)
		for i := range ids {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range next {
				a, err := st.Get(ctx, ids[i])
				slots[i] <- result{a, err}
			}
		}()
	}
	for i := range ids {
		var r result
		select {
		case r = <-slots[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		if r.err != nil {
			return fmt.Errorf("%s: %w", ids[i], r.err)
		}
		f(i, r.a)
	}
	return nil
}

// connectStore is what the connect stage reads from a store.
type connectStore interface {
	Get(ctx context.Context, id string) (*article.Article, error)
	StoredLinks(ctx context.Context, f func(article.StoredLink) error) error
	StorySplits(ctx context.Context, f func(article.StorySplit) error) error
	PutLinked(ctx context.Context, as []*article.Article, l article.Links) (article.PutResult, error)
}

type connector struct {
	ix *dedup.Index
	cl *story.Clusterer
	// members lists the groups of two or more articles, by name, in the
	// order their articles were added (merged groups' after the group's
	// own).
	members map[string][]string
	links   article.Links
	touched map[int]bool // story ids whose labels the batch must write
	// shut holds the last labels of touched stories that closed before
	// the batch was taken: the clusterer keeps nothing of a closed story.
	shut map[int]story.Story
}

// emptyConnector returns a connector with an empty index and a clusterer
// of options opt, whose closed stories it is told of (closed).
func emptyConnector(opt story.Options) (*connector, error) {
	ix, err := dedup.NewIndex(dedup.Options{})
	if err != nil {
		return nil, err
	}
	c := &connector{ix: ix, members: map[string][]string{}, touched: map[int]bool{}}
	opt.OnClose = c.closed
	c.cl = story.New(opt)
	return c, nil
}

// closed is the clusterer's OnClose: it keeps the labels the batch must
// still write.
func (c *connector) closed(s story.Story) {
	if c.touched[s.ID] {
		if c.shut == nil {
			c.shut = map[int]story.Story{}
		}
		c.shut[s.ID] = s
	}
}

// newConnector rebuilds the connect stage's state from st, and links
// the articles st holds without a signature (stored before stories
// were), so that an older store gains stories on its next ingest; it
// returns how many of those it linked.
//
// progress, when not nil, is told now and then how many articles the
// index holds and how many of the recent articles are restored, of how
// many: on a large store the rebuild takes a while.
func newConnector(ctx context.Context, st connectStore, progress func(indexed, restored, recent int)) (*connector, int, error) {
	c, err := emptyConnector(story.Options{})
	if err != nil {
		return nil, 0, err
	}
	type recent struct {
		id    string
		day   string
		story int
	}
	var (
		stories  []recent
		unsigned []string
		grouped  = map[string]string{} // stored group of each article in one
		signed   []string              // articles with a signature, in storing order
		maxStory int
	)
	err = st.StoredLinks(ctx, func(l article.StoredLink) error {
		maxStory = max(maxStory, l.Story)
		if l.Group != "" {
			grouped[l.ID] = l.Group
		}
		if l.Signature == nil {
			unsigned = append(unsigned, l.ID)
			return nil
		}
		sig, err := decodeSignature(l.Signature)
		if err != nil {
			return fmt.Errorf("article %s: %w", l.ID, err)
		}
		signed = append(signed, l.ID)
		c.note(l.ID, c.ix.Add(dedup.Doc{ID: l.ID, Published: article.Str(l.Published), Sig: sig}))
		if progress != nil && len(signed)%10000 == 0 {
			progress(len(signed), 0, 0)
		}
		if l.Story > 0 && l.Day != "" {
			stories = append(stories, recent{l.ID, l.Day, l.Story})
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("connect: rebuild: %w", err)
	}
	c.links = article.Links{}
	// A stored group the index now names otherwise (an article linked
	// late, by an upgrade, joins in storing order when rebuilt) is
	// relinked with the next batch.
	fixed := map[string]bool{}
	for _, id := range signed {
		g, _, _ := c.ix.Group(id)
		if len(c.members[g]) < 2 {
			g = ""
		}
		if old := grouped[id]; old != g {
			c.links.Articles = append(c.links.Articles, article.ArticleLink{ID: id, Group: g})
			if old != "" && !fixed[old] && len(c.members[old]) < 2 {
				fixed[old] = true
				c.links.Groups = append(c.links.Groups, article.DuplicateGroup{Name: old})
			}
			if g != "" && !fixed[g] {
				fixed[g] = true
				_, earliest, _ := c.ix.Group(g)
				c.links.Groups = append(c.links.Groups, article.DuplicateGroup{Name: g, Earliest: earliest, Size: len(c.members[g])})
			}
		}
	}
	if len(c.links.Articles) > 0 {
		if _, err := st.PutLinked(ctx, nil, c.take()); err != nil {
			return nil, 0, fmt.Errorf("connect: relink groups: %w", err)
		}
	}

	// Replay the recent stories, in storing order.
	newest := ""
	for _, r := range stories {
		newest = max(newest, r.day)
	}
	if t, err := time.Parse(time.DateOnly, newest); err == nil {
		since := t.AddDate(0, 0, -story.DefaultWindow).Format(time.DateOnly)
		var replay []recent
		for i := len(stories) - 1; i >= 0 && len(replay) < maxRestore; i-- {
			if stories[i].day >= since {
				replay = append(replay, stories[i])
			}
		}
		slices.Reverse(replay)
		ids := make([]string, len(replay))
		for i, r := range replay {
			ids[i] = r.id
		}
		err := getOrdered(ctx, st, ids, restoreWorkers, func(i int, a *article.Article) {
			c.cl.Restore(a, replay[i].story)
			if progress != nil && (i+1)%1000 == 0 {
				progress(c.ix.Len(), i+1, len(replay))
			}
		})
		if err != nil {
			return nil, 0, fmt.Errorf("connect: restore %w", err)
		}
	}
	// Stories a split set apart stay apart (those still open).
	err = st.StorySplits(ctx, func(sp article.StorySplit) error {
		c.cl.KeepApart(sp.From, sp.Into)
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("connect: restore splits: %w", err)
	}
	// Stories too old to restore keep their ids: new ones go above.
	c.cl.Reserve(maxStory)

	// Articles stored before stories: linked now, in storing order.
	linked := len(unsigned)
	for len(unsigned) > 0 {
		k := min(len(unsigned), defaultBatch)
		for _, id := range unsigned[:k] {
			a, err := st.Get(ctx, id)
			if err != nil {
				return nil, 0, fmt.Errorf("connect: %s: %w", id, err)
			}
			c.add(a)
		}
		if _, err := st.PutLinked(ctx, nil, c.take()); err != nil {
			return nil, 0, fmt.Errorf("connect: link stored articles: %w", err)
		}
		unsigned = unsigned[k:]
	}
	return c, linked, nil
}

// stored reports whether id is stored already or met earlier in this
// run. Safe for concurrent use, as the index is.
func (c *connector) stored(id string) bool {
	_, _, ok := c.ix.Group(id)
	return ok
}

// add decides a's duplicate group and story, unless the index holds its
// id already (stored before, or met earlier in this run: its links are
// the store's or the batch's).
func (c *connector) add(a *article.Article) {
	if _, _, ok := c.ix.Group(a.ID); ok {
		return
	}
	sig := dedup.Sign(a.Paragraphs, dedup.DefaultShingle)
	m := c.ix.Add(dedup.Doc{ID: a.ID, Published: article.Str(a.Published), Sig: sig})
	asg := c.cl.Add(a)
	link := article.ArticleLink{ID: a.ID, Story: asg.Story, Signature: encodeSignature(&sig)}
	c.touched[asg.Story] = true
	for _, from := range asg.Merged {
		c.links.Merges = append(c.links.Merges, article.StoryMerge{From: from, Into: asg.Story})
		delete(c.touched, from)
	}
	relinked, gone := c.note(a.ID, m)
	if m.Size >= 2 {
		link.Group = m.Group
	}
	c.links.Articles = append(c.links.Articles, link)
	// A story that split: the articles moved (a itself is placed by
	// asg.Story already) are relinked, keeping their groups, as the
	// store sets both; both stories' labels change; the split is stored,
	// for the next run's clusterer to keep the two apart.
	for i, mv := range asg.Moved {
		c.touched[mv.Story], c.touched[mv.From] = true, true
		if i == 0 || asg.Moved[i-1].From != mv.From || asg.Moved[i-1].Story != mv.Story {
			c.links.Splits = append(c.links.Splits, article.StorySplit{From: mv.From, Into: mv.Story})
		}
		if mv.Article == a.ID {
			continue
		}
		g, _, _ := c.ix.Group(mv.Article)
		if len(c.members[g]) < 2 {
			g = ""
		}
		c.links.Articles = append(c.links.Articles, article.ArticleLink{ID: mv.Article, Story: mv.Story, Group: g})
	}
	for _, id := range relinked {
		c.links.Articles = append(c.links.Articles, article.ArticleLink{ID: id, Group: m.Group})
	}
	for _, g := range gone {
		c.links.Groups = append(c.links.Groups, article.DuplicateGroup{Name: g})
	}
	if m.Size >= 2 {
		c.links.Groups = append(c.links.Groups, article.DuplicateGroup{Name: m.Group, Earliest: m.Earliest, Size: m.Size})
	}
}

// note records where the index put id, and returns the articles added
// before whose group changed (the group's first article when it gains
// its first copy; every article of the groups merged into m.Group) and
// the names of groups merged away. The index names the groups an
// article merged (m.Merged), so that a merge costs the size of the
// groups, not of everything stored.
func (c *connector) note(id string, m dedup.Match) (relinked, gone []string) {
	if m.Size < 2 {
		return nil, nil
	}
	g := m.Group
	cur := c.members[g]
	if len(cur) == 0 {
		cur = []string{g}
		relinked = []string{g}
	}
	for _, name := range m.Merged {
		if name == g {
			continue
		}
		if ids, ok := c.members[name]; ok {
			relinked = append(relinked, ids...)
			cur = append(cur, ids...)
			delete(c.members, name)
			gone = append(gone, name)
		} else { // a lone article
			relinked = append(relinked, name)
			cur = append(cur, name)
		}
	}
	c.members[g] = append(cur, id)
	return relinked, gone
}

// take returns the links decided since the last take, with the labels
// of the stories they touched.
func (c *connector) take() article.Links {
	l := c.links
	if len(c.touched) > 0 {
		for id := range c.touched {
			s, ok := c.cl.Summary(id)
			if !ok {
				s, ok = c.shut[id]
			}
			if ok && s.ID == id {
				l.Stories = append(l.Stories, article.StoryLabel{ID: s.ID, Label: s.Label, Entities: s.Entities, Terms: s.Terms})
			}
		}
		slices.SortFunc(l.Stories, func(a, b article.StoryLabel) int { return a.ID - b.ID })
	}
	c.links = article.Links{}
	clear(c.touched)
	clear(c.shut)
	return l
}

// A signature as stored: its SignatureSize values, then its size, each
// 32 bits little-endian (516 bytes).
func encodeSignature(s *dedup.Signature) []byte {
	b := make([]byte, 0, 4*(dedup.SignatureSize+1))
	for _, v := range s.Mins {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return binary.LittleEndian.AppendUint32(b, s.Size)
}

var errBadSignature = errors.New("stored signature of the wrong size")

func decodeSignature(b []byte) (dedup.Signature, error) {
	var s dedup.Signature
	if len(b) != 4*(dedup.SignatureSize+1) {
		return s, errBadSignature
	}
	for i := range s.Mins {
		s.Mins[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	s.Size = binary.LittleEndian.Uint32(b[4*dedup.SignatureSize:])
	return s, nil
}
