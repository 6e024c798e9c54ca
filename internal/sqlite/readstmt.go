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
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// stmt returns query prepared for tx from the cache, or nil when it is
// not to be cached: the cache is full, or the store is ":memory:", whose one
// connection the transaction holds.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	if s.rdb == s.db {
		return nil, nil
	}
	c := &s.reads
	c.mu.Lock()
	st, ok := c.m[query]
	full := len(c.m) >= maxReadStmts
	c.mu.Unlock()
	if !ok {
		if full {
			return nil, nil
		}
		var err error
		if st, err = s.rdb.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		c.mu.Lock()
		if prev, ok := c.m[query]; ok { // another reader prepared it meanwhile
			c.mu.Unlock()
			st.Close()
			st = prev
		} else {
			if c.m == nil {
				c.m = map[string]*sql.Stmt{}
			}
			c.m[query] = st
			c.mu.Unlock()
		}
	}
	return tx.StmtContext(ctx, st), nil
}

// query runs a read query through the statement cache.
func (s *Store) query(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, tx, query)
	if err != nil || st == nil {
		if err == nil {
			return tx.QueryContext(ctx, query, args...)
		}
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// queryRow runs a one-row read query through the statement cache and scans
// its row into dest.
func (s *Store) queryRow(ctx context.Context, tx *sql.Tx, query string, args []any, dest ...any) error {
	st, err := s.stmt(ctx, tx, query)
	if err != nil {
		return err
	}
	if st == nil {
		return tx.QueryRowContext(ctx, query, args...).Scan(dest...)
	}
	return st.QueryRowContext(ctx, args...).Scan(dest...)
}

// closeReads closes the cached statements.
func (s *Store) closeReads() error {
	c := &s.reads
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
