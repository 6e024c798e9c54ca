// Package sqlite is Entente's embedded default store: the whole graph in one
// SQLite file, through modernc.org/sqlite.
//
// modernc.org/sqlite is SQLite translated to Go: it needs no cgo toolchain,
// so `go build` works anywhere Go does and entente cross-compiles to every
// platform a journalist's laptop may run, at some cost in speed against the
// C library (see the benchmarks).
//
// Articles and their claims are the source of truth. Every write regroups,
// with entente.GroupClaims, the events of each key it touches, and derives
// with entente.MergeMentions each entity it touches, inside the same
// transaction. Writers take the write lock up front (BEGIN IMMEDIATE), so
// writers in several goroutines or processes serialise instead of
// deadlocking, and readers go on in parallel under WAL.
//
// It imports only the domain and the driver.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/entente/entente/internal/entente"
)

//go:embed migration/*.sql
var migrationFS embed.FS

var _ entente.Store = (*Store)(nil)

// Store is the SQLite store. Set its fields before Open.
type Store struct {
	// DSN is the database file, or ":memory:" for a private database that
	// lives as long as the Store (tests).
	DSN string
	// BusyTimeout is how long a writer waits for another process's write
	// lock before giving up.
	BusyTimeout time.Duration
	// MaxReaders bounds the connections that serve reads in parallel.
	MaxReaders int
	// CacheMiB is the page cache of each connection. SQLite's default of
	// 2 MiB makes a graph of 100k events thrash on every write.
	CacheMiB int
	// MmapMiB maps up to this much of the database file into memory for
	// the read connections (0: none), so that a read finds its pages in
	// the OS page cache instead of copying them into each connection's
	// own: on a million events it doubles the reads' throughput.
	MmapMiB int

	Now    func() time.Time
	Logger *slog.Logger

	db       *sql.DB // writes: one connection, BEGIN IMMEDIATE
	rdb      *sql.DB // reads; the same as db for ":memory:"
	prepared map[string]*sql.Stmt
	reads    readStmts // see readstmt.go
	genStmt  *sql.Stmt // reads the generation, on rdb
}

// NewStore returns a store for the database at dsn with default settings.
func NewStore(dsn string) *Store {
	return &Store{
		DSN:         dsn,
		BusyTimeout: 5 * time.Second,
		MaxReaders:  4,
		CacheMiB:    64,
		MmapMiB:     4096,
		Now:         time.Now,
		Logger:      slog.New(slog.DiscardHandler),
	}
}

// Open opens the database, creating it when missing, and applies pending
// migrations. It returns EINVALID when the file cannot be a database.
func (s *Store) Open(ctx context.Context) (err error) {
	switch {
	case s.DSN == "":
		return entente.Errorf(entente.EINVALID, "SQLite database path required.")
	case strings.ContainsAny(s.DSN, "?#"):
		return entente.Errorf(entente.EINVALID, "SQLite database path %q must not contain '?' or '#'.", s.DSN)
	}
	memory := s.DSN == ":memory:"
	params := fmt.Sprintf("_busy_timeout=%d&_foreign_keys=1&_pragma=cache_size(%d)", s.BusyTimeout.Milliseconds(), -1024*max(1, s.CacheMiB))
	// A write transaction takes the write lock at BEGIN, so two writers
	// never both read and then fail to upgrade: one waits for the other.
	wdsn := s.DSN + "?" + params + "&_txlock=immediate"
	if !memory {
		wdsn += "&_journal_mode=WAL&_synchronous=NORMAL"
	}
	if s.db, err = sql.Open("sqlite", wdsn); err != nil {
		return fmt.Errorf("open sqlite: %w", err)
	}
	// One writer connection: in-process writers queue here; other processes
	// wait for the lock up to BusyTimeout. ":memory:" must keep its one
	// connection for ever, or the database goes with it.
	s.db.SetMaxOpenConns(1)
	s.db.SetConnMaxIdleTime(0)
	s.db.SetConnMaxLifetime(0)
	s.rdb = s.db
	if !memory {
		rparams := params + "&_query_only=1"
		if s.MmapMiB > 0 {
			rparams += fmt.Sprintf("&_pragma=mmap_size(%d)", int64(s.MmapMiB)<<20)
		}
		if s.rdb, err = sql.Open("sqlite", s.DSN+"?"+rparams); err != nil {
			s.db.Close()
			return fmt.Errorf("open sqlite: %w", err)
		}
		s.rdb.SetMaxOpenConns(max(1, s.MaxReaders))
		// Keep them all: database/sql would close all but two idle ones,
		// and a reopened connection starts with a cold page cache and no
		// prepared statements.
		s.rdb.SetMaxIdleConns(max(1, s.MaxReaders))
	}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	if err := s.db.PingContext(ctx); err != nil {
		return s.openError(err)
	}
	if err := s.migrate(ctx); err != nil {
		return s.openError(err)
	}
	if s.genStmt, err = s.rdb.PrepareContext(ctx, `SELECT n FROM generation`); err != nil {
		return s.openError(err)
	}
	return s.prepare(ctx)
}

// openError explains why the database file cannot be used.
func (s *Store) openError(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return entente.Errorf(entente.EINVALID, "%s is not an SQLite database.", s.DSN)
		case sqlite3.SQLITE_CORRUPT:
			return entente.Errorf(entente.EINVALID, "The SQLite database %s is corrupt.", s.DSN)
		case sqlite3.SQLITE_CANTOPEN:
			return entente.Errorf(entente.EINVALID, "Cannot open the SQLite database %s: check that its directory exists and is writable.", s.DSN)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
			return entente.Errorf(entente.EINVALID, "The SQLite database %s is read-only.", s.DSN)
		}
	}
	return fmt.Errorf("open sqlite %s: %w", s.DSN, formatError(err))
}

// Close closes the database.
func (s *Store) Close() error {
	errs := []error{s.closeReads()}
	if s.genStmt != nil {
		errs = append(errs, s.genStmt.Close())
	}
	for _, st := range s.prepared {
		errs = append(errs, st.Close())
	}
	if s.rdb != nil && s.rdb != s.db {
		errs = append(errs, s.rdb.Close())
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
	}
	return errors.Join(errs...)
}

// Ping implements entente.Store.
func (s *Store) Ping(ctx context.Context) error {
	if s.db == nil {
		return entente.Errorf(entente.EUNAVAILABLE, "The SQLite store is not open.")
	}
	var one int
	if err := s.rdb.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return entente.Errorf(entente.EUNAVAILABLE, "The SQLite store %s cannot be read: %v", s.DSN, err)
	}
	return nil
}

// migrate applies the migrations not yet recorded in the migrations table,
// each in its own transaction, in name order.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	return nil
}

func (s *Store) migrateFile(ctx context.Context, name string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	buf, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`, name, s.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return err
	}
	s.Logger.Info("applied migration", "db", s.DSN, "migration", name)
	return tx.Commit()
}

// formatError turns driver errors a caller can act on into entente errors;
// anything else is returned as is and counts as EINTERNAL.
func formatError(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return entente.Errorf(entente.ECONFLICT, "Conflicting write: %s.", se.Error())
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return entente.Errorf(entente.EUNAVAILABLE, "The SQLite database is locked by another writer; try again.")
	case sqlite3.SQLITE_READONLY:
		return entente.Errorf(entente.EINVALID, "The SQLite database is read-only.")
	case sqlite3.SQLITE_FULL:
		return entente.Errorf(entente.EUNAVAILABLE, "The disk holding the SQLite database is full.")
	}
	return err
}

// writeTx begins a write transaction, holding the write lock, and counts
// it in the generation: the count commits or rolls back with the rest.
func (s *Store) writeTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, formatError(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE generation SET n = n + 1`); err != nil {
		tx.Rollback()
		return nil, formatError(err)
	}
	return tx, nil
}

// Generation implements entente.Store: the number of write transactions
// committed to the database, by any process.
func (s *Store) Generation(ctx context.Context) (uint64, error) {
	if s.db == nil {
		return 0, entente.Errorf(entente.EUNAVAILABLE, "The SQLite store is not open.")
	}
	var n int64
	if err := s.genStmt.QueryRowContext(ctx).Scan(&n); err != nil {
		return 0, formatError(err)
	}
	return uint64(n), nil
}

// readTx begins a read transaction: one snapshot for several queries.
func (s *Store) readTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, formatError(err)
	}
	return tx, nil
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	if n == 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// anys converts a slice for query arguments.
func anys[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// limitOffset returns the LIMIT clause arguments: SQLite's LIMIT -1 is none.
func limitOffset(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = -1
	}
	return limit, max(0, offset)
}

// parseDate reads a date this package wrote. Reads parse two or three per
// row, so the well-formed case avoids entente.ParseDate's allocations.
func parseDate(s string) (entente.Date, error) {
	var d entente.Date
	ok := true
	num := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				ok = false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	switch len(s) {
	case 0:
		return d, nil
	case 4:
		d.Year = num(s)
	case 7:
		d.Year, d.Month = num(s[:4]), num(s[5:7])
		ok = ok && s[4] == '-' && d.Month >= 1 && d.Month <= 12
	case 10:
		d.Year, d.Month, d.Day = num(s[:4]), num(s[5:7]), num(s[8:10])
		ok = ok && s[4] == '-' && s[7] == '-' && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= (entente.Date{Year: d.Year, Month: d.Month}).Last().Day
	default:
		ok = false
	}
	if ok && d.Year >= 1 {
		return d, nil
	}
	d, err := entente.ParseDate(s)
	if err != nil {
		return entente.Date{}, fmt.Errorf("stored date %q: %w", s, err)
	}
	return d, nil
}
