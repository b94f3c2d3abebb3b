package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), t.TempDir(), Options{Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) article.Store { return open(t) })
}

func TestCheckAfterFill(t *testing.T) {
	s := open(t)
	defer s.Close()
	storetest.Fill(t, s)
	if err := s.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
}
