// Package store opens dateline's store from a location: a folder for the
// embedded SQLite store (the default), or, later, a PostgreSQL DSN. The
// Store interface itself lives in the domain package (article.Store), so
// that layers above depend on it and not on a backend.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store/sqlite"
)

// EnvDB names the environment variable that locates the store when no
// --db flag does.
const EnvDB = "DATELINE_DB"

// DefaultDir is the store's folder when neither --db nor DATELINE_DB says
// otherwise: beside where dateline runs, where a user sees it and can
// delete it, rather than hidden in a per-user data folder.
const DefaultDir = "dateline-data"

// ErrNoStore: a command that only reads found no store at the location.
var ErrNoStore = sqlite.ErrNoStore

// ErrUnsupported: the location names a backend this build lacks.
var ErrUnsupported = errors.New("store: unsupported backend")

// Options tune Open.
type Options struct {
	// MustExist refuses to create a store (for commands that only read).
	MustExist bool
	// Now is the clock for stored_at; time.Now if nil.
	Now func() time.Time
}

// Location resolves where the store is: the --db flag's value, else
// $DATELINE_DB (read through getenv), else DefaultDir.
func Location(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	if getenv != nil {
		if v := getenv(EnvDB); v != "" {
			return v
		}
	}
	return DefaultDir
}

// Open opens the store at loc: a folder (created unless opt.MustExist)
// holding the SQLite database, or an existing database file.
func Open(ctx context.Context, loc string, opt Options) (article.Store, error) {
	if strings.HasPrefix(loc, "postgres://") || strings.HasPrefix(loc, "postgresql://") {
		return nil, fmt.Errorf("open store: %w: PostgreSQL is not built yet; use a folder for the embedded store", ErrUnsupported)
	}
	s, err := sqlite.Open(ctx, loc, sqlite.Options{MustExist: opt.MustExist, Now: opt.Now})
	if err != nil {
		return nil, err
	}
	return s, nil
}
