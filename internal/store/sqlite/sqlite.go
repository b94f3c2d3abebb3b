// Package sqlite is dateline's embedded store: one SQLite database file
// (through modernc.org/sqlite, pure Go, with FTS5) that needs no server.
//
// The database runs in WAL mode, so searches go on while an ingest
// writes, and a process killed mid-write leaves the last committed batch
// intact: the next open rolls the torn transaction back. Writes go
// through one connection; reads through a pool.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dateline-news/dateline/internal/article"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database file inside a store's folder.
const FileName = "dateline.db"

// ErrSchemaTooNew: the database was written by a newer dateline, whose
// schema this one does not know.
var ErrSchemaTooNew = errors.New("sqlite: the store's schema is newer than this program's")

// ErrNoStore: Options.MustExist was set and there is no store there.
var ErrNoStore = errors.New("sqlite: no store")

//go:embed migrations/*.sql
var migrationFS embed.FS

// Options tune Open. The zero value is ready to use.
type Options struct {
	// Now is the clock for stored_at and applied_at; time.Now if nil.
	Now func() time.Time
	// MustExist refuses to create a store: commands that only read
	// should say "no store here" rather than search an empty one.
	MustExist bool
	// BusyTimeout is how long a write waits for another process's write
	// to finish; 10 s if zero.
	BusyTimeout time.Duration
	// Readers is the size of the read pool; 2 per core if zero.
	Readers int
	// RankWindow bounds BM25 ranking: a search ranks its newest
	// RankWindow matching articles (by storing order), looking back over
	// at most 2×RankWindow matches of its words, and lists older matches
	// after them, newest first. Totals, filters and facets still cover
	// every match. 0 means DefaultRankWindow; negative ranks every match,
	// however many.
	RankWindow int
}

// DefaultRankWindow keeps BM25, which costs 4 to 10 µs per scored match
// here, to a few milliseconds on queries that match a good part of a
// large store ("said", "trump" in 2020's news).
const DefaultRankWindow = 500

// Store is the SQLite store. It is safe for concurrent use.
type Store struct {
	path       string
	w          *sql.DB // one connection: SQLite has one writer at a time anyway
	r          *sql.DB
	now        func() time.Time
	rankWindow int

	metaMu sync.Mutex // serialises loading meta
	meta   *meta

	prepMu sync.Mutex
	prep   map[string]*sql.Stmt // the searches' statements, prepared once on the read pool

	// entityKeys caches the keys of committed entities.
	keysMu     sync.Mutex
	entityKeys map[entityKey]int64

	linksMu sync.Mutex // serialises loading links
	links   linkCache
}

var _ article.Store = (*Store)(nil)

// Open opens the store in dir, creating dir and the database as needed,
// and brings its schema up to date. A path to an existing file opens that
// file as the database.
func Open(ctx context.Context, dir string, opt Options) (*Store, error) {
	path := filepath.Join(dir, FileName)
	if fi, err := os.Stat(dir); err == nil && fi.Mode().IsRegular() {
		path = dir
	} else if opt.MustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open store %s: %w", dir, ErrNoStore)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 10 * time.Second
	}
	if opt.Readers == 0 {
		opt.Readers = 2 * runtime.GOMAXPROCS(0)
	}
	if opt.RankWindow == 0 {
		opt.RankWindow = DefaultRankWindow
	}
	s := &Store{path: path, now: opt.Now, rankWindow: opt.RankWindow, entityKeys: map[entityKey]int64{}, prep: map[string]*sql.Stmt{}}
	var err error
	// Writes take the lock when they begin (immediate): a deferred
	// transaction that reads and then writes can fail with SQLITE_BUSY
	// at its first write however long the busy timeout is.
	if s.w, err = sql.Open("sqlite", dsn(path, opt.BusyTimeout, "immediate")); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetConnMaxIdleTime(0)
	if s.r, err = sql.Open("sqlite", dsn(path, opt.BusyTimeout, "deferred")); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.r.SetMaxOpenConns(opt.Readers)
	s.r.SetMaxIdleConns(opt.Readers)
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

func dsn(path string, busy time.Duration, txlock string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	// NORMAL in WAL mode loses no committed transaction when the process
	// dies, only (perhaps) the last ones on a power cut, and never
	// corrupts: the trade every WAL application makes for speed.
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_pragma", "cache_size(-32768)") // 32 MiB per connection
	q.Set("_txlock", txlock)
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the store. SQLite checkpoints the WAL into the database
// file when the last connection to it closes; an explicit checkpoint here
// would wait on another process's writes.
func (s *Store) Close() error {
	var errs []error
	s.prepMu.Lock()
	for _, st := range s.prep {
		errs = append(errs, st.Close())
	}
	s.prep = map[string]*sql.Stmt{}
	s.prepMu.Unlock()
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// prepare prepares the searches' statements on the read pool. Searches
// run the same few statements over and over, and parsing one costs as
// much as running it. It runs at Open: preparing on the pool later, from
// inside a read transaction, would wait for a free connection, and with
// every connection in a search, wait for ever.
func (s *Store) prepare(ctx context.Context) error {
	s.prepMu.Lock()
	defer s.prepMu.Unlock()
	for _, q := range slices.Concat(hotQueries, getQueries) {
		st, err := s.r.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", q, err)
		}
		s.prep[q] = st
	}
	return nil
}

// stmt returns q prepared for tx: from the statements prepared at Open,
// else anew.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	s.prepMu.Lock()
	st, ok := s.prep[q]
	s.prepMu.Unlock()
	if !ok {
		return tx.PrepareContext(ctx, q)
	}
	return tx.StmtContext(ctx, st), nil
}

// query runs a prepared q in tx and calls f on every row.
func (s *Store) query(ctx context.Context, tx *sql.Tx, q string, args []any, f func(*sql.Rows) error) error {
	st, err := s.stmt(ctx, tx, q)
	if err != nil {
		return err
	}
	return each(ctx, stmtQuerier{st}, "", args, f)
}

// queryRow runs a prepared q in tx and scans its one row into dest.
func (s *Store) queryRow(ctx context.Context, tx *sql.Tx, q string, args []any, dest ...any) error {
	st, err := s.stmt(ctx, tx, q)
	if err != nil {
		return err
	}
	return st.QueryRowContext(ctx, args...).Scan(dest...)
}

type stmtQuerier struct{ st *sql.Stmt }

func (q stmtQuerier) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return q.st.QueryContext(ctx, args...)
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction with its schema_version row, so that a crash between two
// leaves a schema some version of dateline knows.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, m := range ms {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	var top int
	if err := s.w.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&top); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if top > len(ms) {
		return fmt.Errorf("%w: version %d, this program knows up to %d", ErrSchemaTooNew, top, len(ms))
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done int
	// Checked inside the write transaction: two processes opening a new
	// store at once apply each migration once.
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_version WHERE version = ?`, m.version).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, s.now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion is the highest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

// Check runs SQLite's integrity check, the foreign key check and FTS5's
// own check of both full-text indexes against their content, and returns
// an error describing the first problem found.
func (s *Store) Check(ctx context.Context) error {
	var res string
	if err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	rows, err := s.r.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return errors.New("foreign key check: dangling references")
	}
	for _, t := range []string{"article_fts", "quote_fts"} {
		if _, err := s.w.ExecContext(ctx, `INSERT INTO `+t+` (`+t+`, rank) VALUES ('integrity-check', 1)`); err != nil {
			return fmt.Errorf("%s check: %w", t, err)
		}
	}
	return nil
}
