package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"
)

// Reads run a handful of query shapes again and again. Parsing and planning
// a statement costs SQLite more than running most of them, so each shape is
// prepared once on the readers' pool and reused by every read transaction;
// lists of values go in as one JSON argument (jsonIn) so that their length
// does not make a new shape.

// maxReadStmts bounds the statements kept; shapes beyond it are prepared
// per call, as before.
const maxReadStmts = 256

type readStmts struct {
	mu        sync.Mutex
	m         map[string]*sql.Stmt
	preparing map[string]bool
	closed    bool
	// inflight counts background preparations; closeReads cancels and
	// waits for them, so none opens a connection (and the database's files)
	// after Close.
	inflight sync.WaitGroup
	ctx      context.Context
	cancel   context.CancelFunc
}

// stmt returns query prepared for tx from the cache, or nil when the cache
// does not hold it (yet): it is then prepared in the background, for the
// next call. Not here: the transaction holds one of the readers'
// connections, and preparing on the pool while every connection is held
// by such a transaction would wait for ever. Nothing is cached for
// ":memory:", whose one connection the transaction holds.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) *sql.Stmt {
	if s.rdb == s.db {
		return nil
	}
	c := &s.reads
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return tx.StmtContext(ctx, st)
	}
	if c.closed || c.preparing[query] || len(c.m)+len(c.preparing) >= maxReadStmts {
		return nil
	}
	if c.preparing == nil {
		c.preparing, c.m = map[string]bool{}, map[string]*sql.Stmt{}
		c.ctx, c.cancel = context.WithCancel(context.Background())
	}
	c.preparing[query] = true
	c.inflight.Add(1)
	go func() {
		defer c.inflight.Done()
		st, err := s.rdb.PrepareContext(c.ctx, query)
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.preparing, query)
		switch {
		case err != nil: // the query runs unprepared, and reports its error itself
		case c.closed:
			st.Close()
		default:
			c.m[query] = st
		}
	}()
	return nil
}

// query runs a read query, prepared once per shape.
func (s *Store) query(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	if st := s.stmt(ctx, tx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, query, args...)
}

// queryRow runs a one-row read query, prepared once per shape, and scans
// its row into dest.
func (s *Store) queryRow(ctx context.Context, tx *sql.Tx, query string, args []any, dest ...any) error {
	if st := s.stmt(ctx, tx, query); st != nil {
		return st.QueryRowContext(ctx, args...).Scan(dest...)
	}
	return tx.QueryRowContext(ctx, query, args...).Scan(dest...)
}

// closeReads stops background preparations and closes the cached
// statements.
func (s *Store) closeReads() error {
	c := &s.reads
	c.mu.Lock()
	c.closed = true
	if c.cancel != nil {
		c.cancel()
	}
	c.mu.Unlock()
	c.inflight.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	var first error
	for q, st := range c.m {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
		delete(c.m, q)
	}
	return first
}

// jsonIn returns the condition "expr IN (the values)" and its one
// argument: the values as a JSON array, whatever their number.
func jsonIn[T ~string](expr string, vs []T) (string, any) {
	b, _ := json.Marshal(vs) // strings always marshal
	return expr + " IN (SELECT value FROM json_each(?))", string(b)
}
