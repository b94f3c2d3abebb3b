package sqlite

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/dateline-news/dateline/internal/article"
)

// links writes the connect stage's decisions inside the writer's
// transaction: the articles' stories and groups first, then the merges
// in the order they happened (an article assigned to a story that a
// later article merged away follows it), then labels, groups and the
// counts of every story touched.
func (w *writer) links(l *article.Links) error {
	var seq int64
	if err := w.tx.QueryRowContext(w.ctx, `SELECT coalesce(max(seq), 0) + 1 FROM links`).Scan(&seq); err != nil {
		return err
	}
	touched := map[int]bool{}
	ensure := func(id int) error {
		if id <= 0 {
			return nil
		}
		if !touched[id] {
			touched[id] = true
			if _, err := w.exec(`INSERT INTO stories (id) VALUES (?) ON CONFLICT (id) DO NOTHING`, id); err != nil {
				return fmt.Errorf("story %d: %w", id, err)
			}
		}
		return nil
	}
	keys := map[string]int64{}
	key := func(id string) (int64, error) {
		if n, ok := keys[id]; ok {
			return n, nil
		}
		st, err := w.stmt(`SELECT n FROM articles WHERE id = ?`)
		if err != nil {
			return 0, err
		}
		var n int64
		if err := st.QueryRowContext(w.ctx, id).Scan(&n); err != nil {
			return 0, fmt.Errorf("article %s: %w: not stored", id, article.ErrInvalid)
		}
		keys[id] = n
		return n, nil
	}
	for _, al := range l.Articles {
		n, err := key(al.ID)
		if err != nil {
			return err
		}
		var story, grp any
		if al.Story > 0 {
			if err := ensure(al.Story); err != nil {
				return err
			}
			story = al.Story
		}
		if al.Group != "" {
			g, err := key(al.Group)
			if err != nil {
				return err
			}
			grp = g
		}
		// A story the article leaves (its group merged, say) is
		// recounted too.
		var old *int64
		if err := w.tx.QueryRowContext(w.ctx, `SELECT story FROM links WHERE article = ?`, n).Scan(&old); err == nil && old != nil {
			touched[int(*old)] = true
		}
		if _, err := w.exec(`INSERT INTO links (article, story, grp, seq) VALUES (?, ?, ?, ?)
			ON CONFLICT (article) DO UPDATE SET story = coalesce(excluded.story, links.story), grp = excluded.grp, seq = excluded.seq`, n, story, grp, seq); err != nil {
			return err
		}
		if al.Signature != nil {
			if _, err := w.exec(`INSERT INTO signatures (article, sig) VALUES (?, ?)
				ON CONFLICT (article) DO UPDATE SET sig = excluded.sig`, n, al.Signature); err != nil {
				return err
			}
		}
	}
	for _, sp := range l.Splits {
		if sp.From <= 0 || sp.Into <= 0 || sp.From == sp.Into {
			return fmt.Errorf("split %d into %d: %w", sp.From, sp.Into, article.ErrInvalid)
		}
		if _, err := w.exec(`INSERT INTO story_splits (from_story, into_story) VALUES (?, ?) ON CONFLICT DO NOTHING`, sp.From, sp.Into); err != nil {
			return err
		}
	}
	for _, m := range l.Merges {
		if m.From <= 0 || m.Into <= 0 || m.From == m.Into {
			return fmt.Errorf("merge %d into %d: %w", m.From, m.Into, article.ErrInvalid)
		}
		if err := ensure(m.Into); err != nil {
			return err
		}
		if err := ensure(m.From); err != nil {
			return err
		}
		if _, err := w.exec(`UPDATE links SET story = ?, seq = ? WHERE story = ?`, m.Into, seq, m.From); err != nil {
			return err
		}
		if _, err := w.exec(`UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?`, m.Into, m.From, m.From); err != nil {
			return err
		}
	}
	for _, sl := range l.Stories {
		if err := ensure(sl.ID); err != nil {
			return err
		}
		ents, err := json.Marshal(nonNil(sl.Entities))
		if err != nil {
			return err
		}
		terms, err := json.Marshal(nonNil(sl.Terms))
		if err != nil {
			return err
		}
		if _, err := w.exec(`UPDATE stories SET label = ?, entities = ?, terms = ? WHERE id = ?`, sl.Label, string(ents), string(terms), sl.ID); err != nil {
			return err
		}
	}
	for _, g := range l.Groups {
		n, err := key(g.Name)
		if err != nil {
			return err
		}
		if g.Size < 2 {
			if _, err := w.exec(`DELETE FROM dup_groups WHERE grp = ?`, n); err != nil {
				return err
			}
			continue
		}
		e, err := key(g.Earliest)
		if err != nil {
			return err
		}
		if _, err := w.exec(`INSERT INTO dup_groups (grp, earliest, size) VALUES (?, ?, ?)
			ON CONFLICT (grp) DO UPDATE SET earliest = excluded.earliest, size = excluded.size`, n, e, g.Size); err != nil {
			return err
		}
	}
	for _, id := range slices.Sorted(maps.Keys(touched)) {
		if _, err := w.exec(`UPDATE stories SET
			articles = (SELECT count(*) FROM links WHERE story = ?1),
			outlets = (SELECT count(DISTINCT a.publisher) FROM links l JOIN articles a ON a.n = l.article WHERE l.story = ?1),
			first_day = (SELECT min(a.published_day) FROM links l JOIN articles a ON a.n = l.article WHERE l.story = ?1),
			last_day = (SELECT max(a.published_day) FROM links l JOIN articles a ON a.n = l.article WHERE l.story = ?1)
			WHERE id = ?1`, id); err != nil {
			return fmt.Errorf("story %d counts: %w", id, err)
		}
	}
	return nil
}
