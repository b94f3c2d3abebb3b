package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/query"
)

// StoredLinks calls f on every stored article in storing order.
func (s *Store) StoredLinks(ctx context.Context, f func(article.StoredLink) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("stored links: %w", err)
	}
	defer tx.Rollback()
	err = each(ctx, tx, `SELECT a.id, a.published, a.published_day, l.story, g.id, sg.sig
		FROM articles a LEFT JOIN links l ON l.article = a.n LEFT JOIN articles g ON g.n = l.grp
		LEFT JOIN signatures sg ON sg.article = a.n ORDER BY a.n`, nil, func(r *sql.Rows) error {
		var (
			sl         article.StoredLink
			day, group sql.NullString
			story      sql.NullInt64
		)
		if err := r.Scan(&sl.ID, &sl.Published, &day, &story, &group, &sl.Signature); err != nil {
			return err
		}
		sl.Day, sl.Story, sl.Group = day.String, int(story.Int64), group.String
		return f(sl)
	})
	if err != nil {
		return fmt.Errorf("stored links: %w", err)
	}
	return nil
}

// StorySplits calls f on every stored split.
func (s *Store) StorySplits(ctx context.Context, f func(article.StorySplit) error) error {
	err := each(ctx, s.r, `SELECT from_story, into_story FROM story_splits ORDER BY from_story, into_story`, nil, func(r *sql.Rows) error {
		var sp article.StorySplit
		if err := r.Scan(&sp.From, &sp.Into); err != nil {
			return err
		}
		return f(sp)
	})
	if err != nil {
		return fmt.Errorf("story splits: %w", err)
	}
	return nil
}

const storyCols = `id, label, entities, terms, first_day, last_day, articles, outlets`

func scanStory(r interface{ Scan(...any) error }) (article.Story, error) {
	var (
		st          article.Story
		ents, terms string
	)
	if err := r.Scan(&st.ID, &st.Label, &ents, &terms, &st.First, &st.Last, &st.Articles, &st.Outlets); err != nil {
		return st, err
	}
	if err := json.Unmarshal([]byte(ents), &st.Entities); err != nil {
		return st, fmt.Errorf("story %d entities: %w", st.ID, err)
	}
	if err := json.Unmarshal([]byte(terms), &st.Terms); err != nil {
		return st, fmt.Errorf("story %d terms: %w", st.ID, err)
	}
	st.Entities, st.Terms = nonNil(st.Entities), nonNil(st.Terms)
	return st, nil
}

// Stories lists stories, newest first. With text or an entity, the
// matching articles are found as Search finds them and mapped to their
// stories through the links held in memory; the stories are then read
// in order and kept when one of their articles matched.
func (s *Store) Stories(ctx context.Context, q article.StoryQuery) (*article.StoryList, error) {
	limit, offset, err := pageBounds(q.Limit, q.Offset)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	sq := article.Query{Text: q.Text}
	if q.Entity != "" {
		sq.Entities = []string{q.Entity}
	}
	f, err := buildFilter(sq)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	lo, hi, err := query.DayRange(q.From, q.To)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	where, args := ` WHERE merged_into IS NULL AND articles > 0`, []any{}
	if lo != "" {
		where += ` AND last_day >= ?`
		args = append(args, lo)
	}
	if hi != "" {
		where += ` AND first_day <= ?`
		args = append(args, hi)
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	defer tx.Rollback()
	var keep map[int32]bool
	if f.match != "" || len(f.entities) > 0 {
		m, top, err := s.syncMeta(ctx, tx)
		if err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		m.mu.RLock()
		cand, _, err := s.candidates(ctx, tx, f, m, top)
		m.mu.RUnlock()
		if err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		lc, err := s.syncLinks(ctx, tx)
		if err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		keep = map[int32]bool{}
		lc.mu.RLock()
		for _, n := range cand {
			if st := lc.story(n); st > 0 {
				keep[st] = true
			}
		}
		lc.mu.RUnlock()
	}
	res := &article.StoryList{Results: []article.Story{}}
	if keep == nil {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM stories`+where, args...).Scan(&res.Total); err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		where += ` ORDER BY last_day IS NULL, last_day DESC, id DESC LIMIT ? OFFSET ?`
		args = append(args, limit, offset)
	} else {
		where += ` ORDER BY last_day IS NULL, last_day DESC, id DESC`
	}
	err = each(ctx, tx, `SELECT `+storyCols+` FROM stories`+where, args, func(r *sql.Rows) error {
		st, err := scanStory(r)
		if err != nil {
			return err
		}
		if keep != nil {
			if !keep[int32(st.ID)] {
				return nil
			}
			res.Total++
			if res.Total <= offset || res.Total > offset+limit {
				return nil
			}
		}
		res.Results = append(res.Results, st)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	return res, nil
}

// Story returns a story with its articles, one per duplicate group.
func (s *Store) Story(ctx context.Context, id int) (*article.StoryDetail, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("story %d: %w", id, err)
	}
	defer tx.Rollback()
	var into sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT merged_into FROM stories WHERE id = ?`, id).Scan(&into)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("story %d: %w", id, article.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("story %d: %w", id, err)
	}
	if into.Valid {
		id = int(into.Int64)
	}
	st, err := scanStory(tx.QueryRowContext(ctx, `SELECT `+storyCols+` FROM stories WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && st.Articles == 0) {
		return nil, fmt.Errorf("story %d: %w", id, article.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("story %d: %w", id, err)
	}
	d := &article.StoryDetail{Story: st, Items: []article.StoryItem{}, ByOutlet: []article.FacetCount{}, Quotes: []article.QuoteHit{},
		SplitFrom: []int{}, SplitInto: []int{}}
	byGroup := map[int64]int{} // group key → index in Items
	outlets := map[string]int{}
	// The dedup index's order for the earliest copy: publication date,
	// then id; undated last.
	err = each(ctx, tx, `SELECT a.id, a.title, a.publisher, a.published, l.grp FROM links l JOIN articles a ON a.n = l.article
		WHERE l.story = ? ORDER BY a.published IS NULL, a.published, a.id`, []any{id}, func(r *sql.Rows) error {
		var (
			it  article.StoryItem
			grp sql.NullInt64
		)
		if err := r.Scan(&it.ID, &it.Title, &it.Publisher, &it.Published, &grp); err != nil {
			return err
		}
		if it.Publisher != nil {
			outlets[*it.Publisher]++
		}
		if grp.Valid {
			if i, ok := byGroup[grp.Int64]; ok {
				d.Items[i].Copies++
				d.Items[i].CopyIDs = append(d.Items[i].CopyIDs, it.ID)
				return nil
			}
			byGroup[grp.Int64] = len(d.Items)
		}
		it.Copies, it.CopyIDs = 1, []string{}
		d.Items = append(d.Items, it)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("story %d: articles: %w", id, err)
	}
	for p, c := range outlets {
		d.ByOutlet = append(d.ByOutlet, article.FacetCount{Value: p, Count: c})
	}
	slices.SortFunc(d.ByOutlet, func(a, b article.FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return cmpString(a.Value, b.Value)
	})
	err = each(ctx, tx, `SELECT q.kind, q.text, q.speaker, q.speaker_type, q.cue, q.p, q.start, q."end",
		q.mention_p, q.mention_start, q.mention_end, q.mention_text, a.id, a.title, a.published
		FROM links l JOIN quotes q ON q.article = l.article JOIN articles a ON a.n = l.article
		WHERE l.story = ? AND q.speaker IS NOT NULL
		ORDER BY a.published_day IS NULL, a.published_day DESC, a.n DESC, q.i LIMIT ?`, []any{id, article.MaxStoryQuotes}, func(r *sql.Rows) error {
		var h article.QuoteHit
		qt, err := scanQuote(r, &h.ArticleID, &h.Title, &h.Published)
		h.Quote = qt
		d.Quotes = append(d.Quotes, h)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("story %d: quotes: %w", id, err)
	}
	for _, side := range []struct {
		q   string
		ids *[]int
	}{
		{`SELECT from_story FROM story_splits WHERE into_story = ? ORDER BY from_story`, &d.SplitFrom},
		{`SELECT into_story FROM story_splits WHERE from_story = ? ORDER BY into_story`, &d.SplitInto},
	} {
		err = each(ctx, tx, side.q, []any{id}, func(r *sql.Rows) error {
			var other int
			if err := r.Scan(&other); err != nil {
				return err
			}
			*side.ids = append(*side.ids, other)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("story %d: splits: %w", id, err)
		}
	}
	return d, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Related returns an article's story and duplicate group.
func (s *Store) Related(ctx context.Context, id string) (*article.Related, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	defer tx.Rollback()
	var (
		n          int64
		story, grp sql.NullInt64
		label      sql.NullString
	)
	err = tx.QueryRowContext(ctx, `SELECT a.n, l.story, st.label, l.grp FROM articles a
		LEFT JOIN links l ON l.article = a.n LEFT JOIN stories st ON st.id = l.story WHERE a.id = ?`, id).Scan(&n, &story, &label, &grp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("related %s: %w", id, article.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	rel := &article.Related{Copies: []article.ArticleRef{}}
	if story.Valid {
		rel.Story = &article.StoryRef{ID: int(story.Int64), Label: label.String}
	}
	if !grp.Valid {
		return rel, nil
	}
	var earliest string
	err = tx.QueryRowContext(ctx, `SELECT a.id FROM dup_groups g JOIN articles a ON a.n = g.earliest WHERE g.grp = ?`, grp.Int64).Scan(&earliest)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("related %s: group: %w", id, err)
	}
	if earliest != "" && earliest != id {
		rel.DuplicateOf = &earliest
	}
	err = each(ctx, tx, `SELECT a.id, a.title, a.publisher, a.published FROM links l JOIN articles a ON a.n = l.article
		WHERE l.grp = ? AND l.article != ? ORDER BY a.published IS NULL, a.published, a.id`, []any{grp.Int64, n}, func(r *sql.Rows) error {
		var ref article.ArticleRef
		err := r.Scan(&ref.ID, &ref.Title, &ref.Publisher, &ref.Published)
		rel.Copies = append(rel.Copies, ref)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("related %s: copies: %w", id, err)
	}
	rel.Duplicates = len(rel.Copies)
	return rel, nil
}

// linkCache holds every article's story and duplicate group in memory,
// by article key, for collapsing search results and mapping matches to
// stories. Unlike meta, links change (a merge repoints many), so it
// loads the rows whose seq is above the highest it has seen.
type linkCache struct {
	mu      sync.RWMutex
	seq     int64
	stories []int32 // by article key; 0: none
	groups  []int32 // by article key: the group's key; 0: none
}

func (c *linkCache) story(n int64) int32 {
	if n < int64(len(c.stories)) {
		return c.stories[n]
	}
	return 0
}

func (c *linkCache) group(n int64) int32 {
	if n < int64(len(c.groups)) {
		return c.groups[n]
	}
	return 0
}

// syncLinks brings the cache up to what tx sees. A search in an older
// snapshot than the cache may see newer links than its own: a story or a
// group a moment newer, never a wrong article.
func (s *Store) syncLinks(ctx context.Context, tx *sql.Tx) (*linkCache, error) {
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM links`).Scan(&top); err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	s.linksMu.Lock()
	defer s.linksMu.Unlock()
	c := &s.links
	c.mu.RLock()
	fresh := top <= c.seq
	c.mu.RUnlock()
	if fresh {
		return c, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	err := each(ctx, tx, `SELECT article, story, grp FROM links WHERE seq > ? AND seq <= ?`, []any{c.seq, top}, func(r *sql.Rows) error {
		var (
			n          int64
			story, grp sql.NullInt64
		)
		if err := r.Scan(&n, &story, &grp); err != nil {
			return err
		}
		for int64(len(c.stories)) <= n {
			c.stories = append(c.stories, 0)
			c.groups = append(c.groups, 0)
		}
		c.stories[n], c.groups[n] = int32(story.Int64), int32(grp.Int64)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	c.seq = top
	return c, nil
}
