package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/article"
)

// The fixtures' stories, as FixtureLinks places them.
const (
	StoryNato     = 1 // Nato, Zelensky, Hostile (undated)
	StoryWildfire = 2 // Wildfire and Brief (one duplicate group), German
	StoryUnicode  = 3 // Unicode
	StoryElection = 4 // Election; its label carries markup
)

// FixtureLinks returns the connect stage's decisions for Fixtures: four
// stories, and Wildfire and Brief as one duplicate group (named by
// Wildfire; its earliest copy is the one with the lesser id, as both
// are dated alike), and a split of Nato's story into Unicode's.
func FixtureLinks() article.Links {
	earliest := min(IDWildfire, IDBrief)
	return article.Links{
		Articles: []article.ArticleLink{
			{ID: IDNato, Story: StoryNato, Signature: []byte{1, 2, 3}},
			{ID: IDWildfire, Story: StoryWildfire, Group: IDWildfire},
			{ID: IDZelensky, Story: StoryNato},
			{ID: IDGerman, Story: StoryWildfire},
			{ID: IDHostile, Story: StoryNato},
			{ID: IDUnicode, Story: StoryUnicode},
			{ID: IDElection, Story: StoryElection},
			{ID: IDBrief, Story: StoryWildfire, Group: IDWildfire},
		},
		Stories: []article.StoryLabel{
			{ID: StoryNato, Label: "NATO, Jens Stoltenberg, Kyiv", Entities: []string{"NATO", "Jens Stoltenberg", "Kyiv"}, Terms: []string{"alliance"}},
			{ID: StoryWildfire, Label: "Athens, wildfire, heat", Entities: []string{"Athens"}, Terms: []string{"wildfire", "heat"}},
			{ID: StoryUnicode, Label: "北京, café", Entities: []string{"北京"}, Terms: []string{"café"}},
			{ID: StoryElection, Label: `<i>voters</i> & "economy"`, Terms: []string{"voters", "economy"}},
		},
		Groups: []article.DuplicateGroup{{Name: IDWildfire, Earliest: earliest, Size: 2}},
		// Not a split the clusterer would make: a record for the
		// pages and the API to show.
		Splits: []article.StorySplit{{From: StoryNato, Into: StoryUnicode}},
	}
}

// FillLinked stores the fixtures with FixtureLinks in one batch.
func FillLinked(t testing.TB, s article.Store) {
	t.Helper()
	r, err := s.PutLinked(context.Background(), Fixtures(), FixtureLinks())
	if err != nil {
		t.Fatalf("PutLinked(fixtures): %v", err)
	}
	if r.Stored != len(Fixtures()) {
		t.Fatalf("PutLinked(fixtures) = %+v, want %d stored", r, len(Fixtures()))
	}
}

// StoredLinks returns every stored article's links, in storing order.
func StoredLinks(t testing.TB, s article.Store) []article.StoredLink {
	t.Helper()
	var out []article.StoredLink
	if err := s.StoredLinks(context.Background(), func(l article.StoredLink) error {
		out = append(out, l)
		return nil
	}); err != nil {
		t.Fatalf("StoredLinks: %v", err)
	}
	return out
}

// StorySplits returns every stored split.
func StorySplits(t testing.TB, s article.Store) []article.StorySplit {
	t.Helper()
	var out []article.StorySplit
	if err := s.StorySplits(context.Background(), func(sp article.StorySplit) error {
		out = append(out, sp)
		return nil
	}); err != nil {
		t.Fatalf("StorySplits: %v", err)
	}
	return out
}

func testLinked(t *testing.T, s article.Store) {
	ctx := context.Background()
	FillLinked(t, s)
	got := StoredLinks(t, s)
	fx := Fixtures()
	if len(got) != len(fx) {
		t.Fatalf("StoredLinks: %d articles, want %d", len(got), len(fx))
	}
	want := map[string]article.ArticleLink{}
	for _, l := range FixtureLinks().Articles {
		want[l.ID] = l
	}
	for i, l := range got {
		w := want[fx[i].ID]
		if l.ID != fx[i].ID || l.Story != w.Story || l.Group != w.Group || string(l.Signature) != string(w.Signature) {
			t.Errorf("StoredLinks[%d] = %+v, want %+v", i, l, w)
		}
		if article.Str(l.Published) != article.Str(fx[i].Published) || l.Day != article.DayOf(article.Str(fx[i].Published)) {
			t.Errorf("StoredLinks[%d]: published %v day %q", i, l.Published, l.Day)
		}
	}

	// Stored again: nothing stored, the same links.
	r, err := s.PutLinked(ctx, Fixtures(), FixtureLinks())
	if err != nil || r.Stored != 0 || r.Skipped != len(fx) {
		t.Fatalf("PutLinked(again) = %+v, %v", r, err)
	}
	if again := StoredLinks(t, s); asJSON(t, again) != asJSON(t, got) {
		t.Errorf("links changed by a second PutLinked:\n%s\n%s", asJSON(t, again), asJSON(t, got))
	}

	earliest, other := min(IDWildfire, IDBrief), max(IDWildfire, IDBrief)
	rel, err := s.Related(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if rel.Story == nil || rel.Story.ID != StoryWildfire || rel.Story.Label != "Athens, wildfire, heat" ||
		article.Str(rel.DuplicateOf) != earliest || rel.Duplicates != 1 || len(rel.Copies) != 1 || rel.Copies[0].ID != earliest {
		t.Errorf("Related(copy) = %s", asJSON(t, rel))
	}
	rel, err = s.Related(ctx, earliest)
	if err != nil {
		t.Fatal(err)
	}
	if rel.DuplicateOf != nil || rel.Duplicates != 1 || rel.Copies[0].ID != other {
		t.Errorf("Related(earliest) = %s", asJSON(t, rel))
	}
	rel, err = s.Related(ctx, IDNato)
	if err != nil {
		t.Fatal(err)
	}
	if rel.Story == nil || rel.Story.ID != StoryNato || rel.DuplicateOf != nil || rel.Duplicates != 0 || rel.Copies == nil {
		t.Errorf("Related(nato) = %s", asJSON(t, rel))
	}
	if _, err := s.Related(ctx, "0000000000000000"); !errors.Is(err, article.ErrNotFound) {
		t.Errorf("Related(unknown): err = %v, want ErrNotFound", err)
	}
}

func testLinkedPlain(t *testing.T, s article.Store) {
	// Articles put without links have none: no story, no group, no
	// signature, and Related says so.
	ctx := context.Background()
	Fill(t, s)
	for _, l := range StoredLinks(t, s) {
		if l.Story != 0 || l.Group != "" || l.Signature != nil {
			t.Errorf("StoredLinks of a plain article: %+v", l)
		}
	}
	rel, err := s.Related(ctx, IDNato)
	if err != nil {
		t.Fatal(err)
	}
	if rel.Story != nil || rel.DuplicateOf != nil || rel.Duplicates != 0 || rel.Copies == nil {
		t.Errorf("Related(plain) = %s", asJSON(t, rel))
	}
	list, err := s.Stories(ctx, article.StoryQuery{})
	if err != nil || list.Total != 0 || list.Results == nil || len(list.Results) != 0 {
		t.Errorf("Stories of a store without any = %+v, %v", list, err)
	}
	res, err := s.Search(ctx, article.Query{Text: "wildfire"})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Results {
		if h.Story != nil || h.StoryLabel != nil || h.Copies != 1 || h.Matches != 1 {
			t.Errorf("plain hit %s: story %v copies %d matches %d", name(h.ID), h.Story, h.Copies, h.Matches)
		}
	}
}

func testLinkedInvalid(t *testing.T, s article.Store) {
	ctx := context.Background()
	fx := Fixtures()
	for _, tc := range []struct {
		name string
		l    article.Links
	}{
		{"unknown article", article.Links{Articles: []article.ArticleLink{{ID: "0000000000000000", Story: 1}}}},
		{"unknown group", article.Links{Articles: []article.ArticleLink{{ID: fx[0].ID, Story: 1, Group: "0000000000000000"}}}},
		{"self merge", article.Links{Merges: []article.StoryMerge{{From: 1, Into: 1}}}},
		{"self split", article.Links{Splits: []article.StorySplit{{From: 2, Into: 2}}}},
		{"split of no story", article.Links{Splits: []article.StorySplit{{From: 0, Into: 2}}}},
	} {
		if _, err := s.PutLinked(ctx, fx[:2], tc.l); !errors.Is(err, article.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", tc.name, err)
		}
		if _, err := s.Get(ctx, fx[0].ID); !errors.Is(err, article.ErrNotFound) {
			t.Errorf("%s: the batch was stored though its links failed: %v", tc.name, err)
		}
	}
}

func testMerges(t *testing.T, s article.Store) {
	ctx := context.Background()
	fx := Fixtures()
	put := func(as []*article.Article, l article.Links) {
		t.Helper()
		if _, err := s.PutLinked(ctx, as, l); err != nil {
			t.Fatalf("PutLinked: %v", err)
		}
	}
	link := func(a *article.Article, story int) article.ArticleLink {
		return article.ArticleLink{ID: a.ID, Story: story}
	}
	put(fx[:2], article.Links{Articles: []article.ArticleLink{link(fx[0], 1), link(fx[1], 2)},
		Stories: []article.StoryLabel{{ID: 1, Label: "one"}, {ID: 2, Label: "two"}}})
	// fx[2] starts story 3 and fx[3] merges 2 into 3, in one batch.
	put(fx[2:4], article.Links{Articles: []article.ArticleLink{link(fx[2], 3), link(fx[3], 3)},
		Merges:  []article.StoryMerge{{From: 2, Into: 3}},
		Stories: []article.StoryLabel{{ID: 3, Label: "three"}}})
	d, err := s.Story(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != 3 || d.Label != "three" || d.Articles != 3 || len(d.Items) != 3 {
		t.Errorf("Story(2) after its merge = %s", asJSON(t, d))
	}
	list, err := s.Stories(ctx, article.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, st := range list.Results {
		got = append(got, st.ID)
	}
	if !slices.Equal(got, []int{3, 1}) || list.Total != 2 {
		t.Errorf("Stories after a merge = %v (total %d), want [3 1]", got, list.Total)
	}
	// A later merge moves what was merged before too.
	put(fx[4:5], article.Links{Articles: []article.ArticleLink{link(fx[4], 1)}, Merges: []article.StoryMerge{{From: 3, Into: 1}}})
	for _, id := range []int{1, 2, 3} {
		d, err := s.Story(ctx, id)
		if err != nil {
			t.Fatalf("Story(%d): %v", id, err)
		}
		if d.ID != 1 || d.Articles != 5 {
			t.Errorf("Story(%d) after the second merge: id %d, %d articles", id, d.ID, d.Articles)
		}
	}
	for _, l := range StoredLinks(t, s) {
		if l.Story != 1 {
			t.Errorf("%s in story %d after merges, want 1", name(l.ID), l.Story)
		}
	}
	if _, err := s.Story(ctx, 99); !errors.Is(err, article.ErrNotFound) {
		t.Errorf("Story(99): err = %v, want ErrNotFound", err)
	}
}

// testSplits splits a story: its moved articles are relinked to the
// new story, both are recounted and relabelled, and the split is kept
// for StorySplits, once however often it is written.
func testSplits(t *testing.T, s article.Store) {
	ctx := context.Background()
	fx := Fixtures()
	link := func(a *article.Article, story int) article.ArticleLink {
		return article.ArticleLink{ID: a.ID, Story: story}
	}
	if _, err := s.PutLinked(ctx, fx[:4], article.Links{
		Articles: []article.ArticleLink{link(fx[0], 1), link(fx[1], 1), link(fx[2], 1), link(fx[3], 1)},
		Stories:  []article.StoryLabel{{ID: 1, Label: "both"}},
	}); err != nil {
		t.Fatal(err)
	}
	split := article.Links{
		Articles: []article.ArticleLink{link(fx[2], 2), link(fx[3], 2)},
		Splits:   []article.StorySplit{{From: 1, Into: 2}},
		Stories:  []article.StoryLabel{{ID: 1, Label: "one"}, {ID: 2, Label: "two"}},
	}
	for range 2 {
		if _, err := s.PutLinked(ctx, nil, split); err != nil {
			t.Fatal(err)
		}
	}
	for id, want := range map[int]struct {
		label    string
		articles int
	}{1: {"one", 2}, 2: {"two", 2}} {
		d, err := s.Story(ctx, id)
		if err != nil {
			t.Fatalf("Story(%d): %v", id, err)
		}
		if d.ID != id || d.Label != want.label || d.Articles != want.articles || len(d.Items) != want.articles {
			t.Errorf("Story(%d) after the split = %s", id, asJSON(t, d))
		}
		from, into := []int{}, []int{2}
		if id == 2 {
			from, into = []int{1}, []int{}
		}
		if !slices.Equal(d.SplitFrom, from) || !slices.Equal(d.SplitInto, into) {
			t.Errorf("Story(%d): split from %v into %v, want %v and %v", id, d.SplitFrom, d.SplitInto, from, into)
		}
	}
	if got := StorySplits(t, s); !slices.Equal(got, []article.StorySplit{{From: 1, Into: 2}}) {
		t.Errorf("StorySplits = %v, want [{1 2}]", got)
	}
	stop := errors.New("stop")
	if err := s.StorySplits(ctx, func(article.StorySplit) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("StorySplits with a failing f: err = %v, want f's", err)
	}
}

func testRegroup(t *testing.T, s article.Store) {
	// Two groups merge when an article duplicates both: the stored
	// articles are linked anew, and the group merged away is dropped.
	ctx := context.Background()
	fx := Fixtures()
	a, b, c, d := fx[0].ID, fx[2].ID, fx[6].ID, fx[5].ID
	if _, err := s.PutLinked(ctx, []*article.Article{fx[0], fx[2], fx[6], fx[5]}, article.Links{
		Articles: []article.ArticleLink{{ID: a, Group: a}, {ID: b, Group: a}, {ID: c, Group: c}, {ID: d, Group: c}},
		Groups:   []article.DuplicateGroup{{Name: a, Earliest: a, Size: 2}, {Name: c, Earliest: c, Size: 2}},
	}); err != nil {
		t.Fatal(err)
	}
	// An article duplicates both: c's group merges into a's.
	if _, err := s.PutLinked(ctx, nil, article.Links{
		Articles: []article.ArticleLink{{ID: c, Group: a}, {ID: d, Group: a}},
		Groups:   []article.DuplicateGroup{{Name: a, Earliest: c, Size: 4}, {Name: c, Size: 0}},
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{a, b, d} {
		rel, err := s.Related(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if rel.Duplicates != 3 || article.Str(rel.DuplicateOf) != c {
			t.Errorf("Related(%s) after the groups merged = %s", name(id), asJSON(t, rel))
		}
	}
	rel, err := s.Related(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if rel.Duplicates != 3 || rel.DuplicateOf != nil {
		t.Errorf("Related(earliest) = %s", asJSON(t, rel))
	}
	res, err := s.Search(ctx, article.Query{Collapse: article.CollapseDuplicates, FacetLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Results) != 1 || res.Results[0].Matches != 4 || res.Results[0].Copies != 4 {
		t.Errorf("collapsed browse = %s", asJSON(t, res.Results))
	}
}

func storyIDs(list *article.StoryList) []int {
	out := []int{}
	for _, st := range list.Results {
		out = append(out, st.ID)
	}
	return out
}

func testStories(t *testing.T, s article.Store) {
	ctx := context.Background()
	all, err := s.Stories(ctx, article.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if got := storyIDs(all); !slices.Equal(got, []int{StoryWildfire, StoryUnicode, StoryNato, StoryElection}) || all.Total != 4 {
		t.Errorf("Stories = %v (total %d), want newest first [2 3 1 4]", got, all.Total)
	}
	var fire article.Story
	for _, st := range all.Results {
		if st.ID == StoryWildfire {
			fire = st
		}
	}
	if fire.Label != "Athens, wildfire, heat" || fire.Articles != 3 || fire.Outlets != 2 ||
		article.Str(fire.First) != "2023-07-17" || article.Str(fire.Last) != "2023-07-18" ||
		!slices.Equal(fire.Entities, []string{"Athens"}) || !slices.Equal(fire.Terms, []string{"wildfire", "heat"}) {
		t.Errorf("wildfire story = %s", asJSON(t, fire))
	}
	for _, tc := range []struct {
		q    article.StoryQuery
		want []int
	}{
		{article.StoryQuery{Text: "wildfire"}, []int{StoryWildfire}},
		{article.StoryQuery{Text: "roadmap OR voters"}, []int{StoryNato, StoryElection}},
		{article.StoryQuery{Entity: "nato"}, []int{StoryNato}},
		{article.StoryQuery{Entity: "Nobody"}, []int{}},
		{article.StoryQuery{From: "2023-07"}, []int{StoryWildfire}},
		{article.StoryQuery{To: "2023-04"}, []int{StoryNato, StoryElection}},
		{article.StoryQuery{From: "2023-04-21", To: "2023-05"}, []int{StoryUnicode, StoryNato}},
		{article.StoryQuery{Limit: 2, Offset: 1}, []int{StoryUnicode, StoryNato}},
		{article.StoryQuery{Text: "wildfire OR nato", Limit: 1, Offset: 1}, []int{StoryNato}},
	} {
		got, err := s.Stories(ctx, tc.q)
		if err != nil {
			t.Errorf("Stories(%+v): %v", tc.q, err)
			continue
		}
		if ids := storyIDs(got); !slices.Equal(ids, tc.want) {
			t.Errorf("Stories(%+v) = %v, want %v", tc.q, ids, tc.want)
		}
	}
	if got, _ := s.Stories(ctx, article.StoryQuery{Text: "wildfire OR nato", Limit: 1}); got == nil || got.Total != 2 {
		t.Errorf("Stories(text, paged): total %v, want 2", got)
	}
	for _, q := range []article.StoryQuery{{Text: `"nato`}, {From: "2023-13"}, {Limit: -1}, {Limit: article.MaxLimit + 1}, {Offset: -1}} {
		if _, err := s.Stories(ctx, q); !errors.Is(err, article.ErrBadQuery) {
			t.Errorf("Stories(%+v): err = %v, want ErrBadQuery", q, err)
		}
	}
}

func testStory(t *testing.T, s article.Store) {
	ctx := context.Background()
	d, err := s.Story(ctx, StoryWildfire)
	if err != nil {
		t.Fatal(err)
	}
	earliest, other := min(IDWildfire, IDBrief), max(IDWildfire, IDBrief)
	if len(d.Items) != 2 || d.Items[0].ID != earliest || d.Items[0].Copies != 2 || !slices.Equal(d.Items[0].CopyIDs, []string{other}) ||
		d.Items[1].ID != IDGerman || d.Items[1].Copies != 1 || d.Items[1].CopyIDs == nil {
		t.Errorf("Story(wildfire) items = %s", asJSON(t, d.Items))
	}
	if facetString(d.ByOutlet) != "Reuters:2, Der Spiegel:1" {
		t.Errorf("Story(wildfire) outlets = %s", facetString(d.ByOutlet))
	}
	if len(d.Quotes) != 1 || article.Str(d.Quotes[0].Speaker) != "Vassilis Kikilias" || d.Quotes[0].ArticleID != IDWildfire {
		t.Errorf("Story(wildfire) quotes = %s", asJSON(t, d.Quotes))
	}

	d, err = s.Story(ctx, StoryNato)
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, it := range d.Items {
		items = append(items, name(it.ID))
	}
	if got := strings.Join(items, " "); got != name(IDNato)+" "+name(IDZelensky)+" "+name(IDHostile) {
		t.Errorf("Story(nato) items in time order = %s", got)
	}
	if d.Articles != 3 || article.Str(d.First) != "2023-04-20" || article.Str(d.Last) != "2023-04-21" {
		t.Errorf("Story(nato) = %d articles, %v to %v", d.Articles, article.Str(d.First), article.Str(d.Last))
	}
	if len(d.Quotes) == 0 || d.Quotes[0].ArticleID != IDZelensky {
		t.Errorf("Story(nato) quotes, newest article first = %s", asJSON(t, d.Quotes))
	}
	for _, q := range d.Quotes {
		if q.Speaker == nil {
			t.Errorf("a quote without a speaker in the story: %+v", q)
		}
	}
	for _, id := range []int{0, -1, 99} {
		if _, err := s.Story(ctx, id); !errors.Is(err, article.ErrNotFound) {
			t.Errorf("Story(%d): err = %v, want ErrNotFound", id, err)
		}
	}
}

func testSearchStories(t *testing.T, s article.Store) {
	ctx := context.Background()
	res, err := s.Search(ctx, article.Query{Text: "wildfire"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Fatalf("wildfire: total %d", res.Total)
	}
	for _, h := range res.Results {
		if h.Story == nil || *h.Story != StoryWildfire || article.Str(h.StoryLabel) != "Athens, wildfire, heat" || h.Copies != 2 || h.Matches != 1 {
			t.Errorf("hit %s: story %v %q, copies %d, matches %d", name(h.ID), h.Story, article.Str(h.StoryLabel), h.Copies, h.Matches)
		}
	}
	for _, c := range []article.Collapse{article.CollapseStory, article.CollapseDuplicates} {
		got, err := s.Search(ctx, article.Query{Text: "wildfire", Collapse: c})
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != 1 || len(got.Results) != 1 || got.Results[0].ID != res.Results[0].ID || got.Results[0].Matches != 2 {
			t.Errorf("wildfire collapsed by %s = total %d, %s", c, got.Total, asJSON(t, got.Results))
		}
		if facetString(got.Facets.Publisher) != facetString(res.Facets.Publisher) {
			t.Errorf("collapsed by %s: facets %s, want every match's %s", c, facetString(got.Facets.Publisher), facetString(res.Facets.Publisher))
		}
	}
	// Browsing newest first, one per story: the newest article of each.
	got, err := s.Search(ctx, article.Query{Collapse: article.CollapseStory, Sort: article.SortNewest})
	if err != nil {
		t.Fatal(err)
	}
	var hits []string
	for _, h := range got.Results {
		hits = append(hits, name(h.ID))
	}
	if got.Total != 4 || strings.Join(hits, " ") != strings.Join([]string{name(IDGerman), name(IDUnicode), name(IDZelensky), name(IDElection)}, " ") {
		t.Errorf("browse by story = %d: %v", got.Total, hits)
	}
	byDup, err := s.Search(ctx, article.Query{Collapse: article.CollapseDuplicates, Limit: 1, Offset: 6})
	if err != nil {
		t.Fatal(err)
	}
	if byDup.Total != 7 || len(byDup.Results) != 1 {
		t.Errorf("browse by duplicates: total %d, %d results", byDup.Total, len(byDup.Results))
	}
	if _, err := s.Search(ctx, article.Query{Collapse: "sideways"}); !errors.Is(err, article.ErrBadQuery) {
		t.Errorf("collapse sideways: err = %v, want ErrBadQuery", err)
	}
}
