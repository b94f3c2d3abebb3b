package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"sync"

	"github.com/dateline-news/dateline/internal/store/query"
)

// noDay marks an undated article in meta.day.
const noDay = math.MinInt32

// meta is the store's in-memory copy of article_meta and of the entity
// dictionary: what search needs to filter and count facets over every
// match. SQLite would join several rows per match for that (measured: a
// query matching 2,000 of 10,000 articles spent 140 ms on the entity
// facet alone); here it is array lookups.
//
// Articles are never changed or deleted, so meta only grows: each search
// loads the rows stored since the last one, by this process or another.
type meta struct {
	mu  sync.RWMutex
	top int64 // the highest article loaded

	// Indexed by article key (articles.n); has is false for keys with no
	// article (never in practice: keys are dense).
	has  []bool
	day  []int32 // days since 1970-01-01, or noDay
	pub  []int32 // into pubs, or -1
	lang []int32 // into langs, or -1
	// The entity keys of article n are ents[entOff[n]:entOff[n+1]], and
	// its speakers spks[spkOff[n]:spkOff[n+1]].
	entOff, spkOff []uint32
	ents, spks     []uint32

	pubs, langs, speakers names

	// The entity dictionary, indexed by entity key.
	entTop   int64
	entName  []string
	entType  []string
	entTypes map[string]bool
}

// names interns strings, with a folded lookup for filters.
type names struct {
	list []string
	ids  map[string]int32
	fold map[string][]int32
}

func (ns *names) id(s string) int32 {
	if id, ok := ns.ids[s]; ok {
		return id
	}
	if ns.ids == nil {
		ns.ids, ns.fold = map[string]int32{}, map[string][]int32{}
	}
	id := int32(len(ns.list))
	ns.list = append(ns.list, s)
	ns.ids[s] = id
	f := query.Fold(s)
	ns.fold[f] = append(ns.fold[f], id)
	return id
}

func newMeta() *meta {
	return &meta{has: []bool{false}, day: []int32{noDay}, pub: []int32{-1}, lang: []int32{-1},
		entOff: []uint32{0, 0}, spkOff: []uint32{0, 0}, entName: []string{""}, entType: []string{""}, entTypes: map[string]bool{}}
}

// syncMeta loads what tx sees beyond what the store's meta holds, and
// returns the meta and the highest article key tx sees: the bound of this
// search's snapshot.
func (s *Store) syncMeta(ctx context.Context, tx *sql.Tx) (*meta, int64, error) {
	var top, entTop int64
	if err := s.queryRow(ctx, tx, qMetaTop, nil, &top, &entTop); err != nil {
		return nil, 0, fmt.Errorf("meta: %w", err)
	}
	s.metaMu.Lock()
	defer s.metaMu.Unlock()
	if s.meta == nil {
		s.meta = newMeta()
	}
	m := s.meta
	// A search in an older snapshot than m's finds m ahead of it, which
	// is fine: it never looks past its own top.
	m.mu.RLock()
	fresh := top <= m.top && entTop <= m.entTop
	m.mu.RUnlock()
	if fresh {
		return m, top, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.loadEntities(ctx, tx, entTop); err != nil {
		return nil, 0, err
	}
	if err := m.loadArticles(ctx, tx, top); err != nil {
		return nil, 0, err
	}
	return m, top, nil
}

func (m *meta) loadEntities(ctx context.Context, tx *sql.Tx, top int64) error {
	if top <= m.entTop {
		return nil
	}
	err := each(ctx, tx, `SELECT n, name, type FROM entities WHERE n > ? AND n <= ? ORDER BY n`, []any{m.entTop, top}, func(r *sql.Rows) error {
		var (
			n          int64
			name, kind string
		)
		if err := r.Scan(&n, &name, &kind); err != nil {
			return err
		}
		for int64(len(m.entName)) <= n {
			m.entName = append(m.entName, "")
			m.entType = append(m.entType, "")
		}
		m.entName[n], m.entType[n] = name, kind
		m.entTypes[kind] = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("meta: entities: %w", err)
	}
	m.entTop = top
	return nil
}

func (m *meta) loadArticles(ctx context.Context, tx *sql.Tx, top int64) error {
	if top <= m.top {
		return nil
	}
	var keys []uint32
	err := each(ctx, tx, `SELECT article, day, publisher, language, entities, speakers FROM article_meta WHERE article > ? AND article <= ? ORDER BY article`,
		[]any{m.top, top}, func(r *sql.Rows) error {
			var (
				n         int64
				day       sql.NullInt32
				pub, lang sql.NullString
				ents      []byte
				spk       string
			)
			if err := r.Scan(&n, &day, &pub, &lang, &ents, &spk); err != nil {
				return err
			}
			// Fill any gap up to n with empty slots, then n itself.
			for int64(len(m.has)) < n {
				m.push(false, noDay, -1, -1)
			}
			d := int32(noDay)
			if day.Valid {
				d = day.Int32
			}
			p, l := int32(-1), int32(-1)
			if pub.Valid {
				p = m.pubs.id(pub.String)
			}
			if lang.Valid {
				l = m.langs.id(lang.String)
			}
			var err error
			if keys, err = decodeKeys(keys[:0], ents); err != nil {
				return fmt.Errorf("article %d: %w", n, err)
			}
			m.ents = append(m.ents, keys...)
			var speakers []string
			if err := json.Unmarshal([]byte(spk), &speakers); err != nil {
				return fmt.Errorf("article %d: speakers: %w", n, err)
			}
			for _, sp := range speakers {
				m.spks = append(m.spks, uint32(m.speakers.id(sp)))
			}
			m.push(true, d, p, l)
			return nil
		})
	if err != nil {
		return fmt.Errorf("meta: articles: %w", err)
	}
	for int64(len(m.has)) <= top {
		m.push(false, noDay, -1, -1)
	}
	m.top = top
	return nil
}

// push appends the slot for the next article key; its entities and
// speakers must already be appended.
func (m *meta) push(has bool, day, pub, lang int32) {
	m.has = append(m.has, has)
	m.day = append(m.day, day)
	m.pub = append(m.pub, pub)
	m.lang = append(m.lang, lang)
	m.entOff = append(m.entOff, uint32(len(m.ents)))
	m.spkOff = append(m.spkOff, uint32(len(m.spks)))
}

func (m *meta) entities(n int64) []uint32 { return m.ents[m.entOff[n]:m.entOff[n+1]] }
func (m *meta) speakersOf(n int64) []uint32 {
	return m.spks[m.spkOff[n]:m.spkOff[n+1]]
}
