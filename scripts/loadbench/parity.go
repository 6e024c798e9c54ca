package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"github.com/entente/entente/internal/entente"
)

// countingStore counts the read calls made of a store, and the records
// they return, so that loadbench can show that a question asked of the
// store directly makes the calls the resolvers make.
type countingStore struct {
	entente.Store
	mu     sync.Mutex
	calls  map[string]int
	record map[string]int
}

func (c *countingStore) count(method string, records int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[method]++
	c.record[method] += records
}

func (c *countingStore) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls, c.record = map[string]int{}, map[string]int{}
}

// String lists the calls as "Method×calls(records)", by method name.
func (c *countingStore) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, m := range slices.Sorted(maps.Keys(c.calls)) {
		fmt.Fprintf(&b, " %s×%d(%d)", m, c.calls[m], c.record[m])
	}
	return strings.TrimSpace(b.String())
}

func (c *countingStore) FindEntity(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
	e, err := c.Store.FindEntity(ctx, kind, id)
	c.count("FindEntity", 1)
	return e, err
}

func (c *countingStore) FindEntities(ctx context.Context, f entente.EntityFilter) ([]*entente.Entity, int, error) {
	es, n, err := c.Store.FindEntities(ctx, f)
	c.count("FindEntities", len(es))
	return es, n, err
}

func (c *countingStore) FindEvents(ctx context.Context, f entente.EventFilter) ([]*entente.Event, int, error) {
	es, n, err := c.Store.FindEvents(ctx, f)
	c.count("FindEvents", len(es))
	return es, n, err
}

func (c *countingStore) FindSources(ctx context.Context, ids []string) (map[string][]*entente.Source, error) {
	m, err := c.Store.FindSources(ctx, ids)
	n := 0
	for _, l := range m {
		n += len(l)
	}
	c.count("FindSources", n)
	return m, err
}

func (c *countingStore) FindArticles(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	as, n, err := c.Store.FindArticles(ctx, f)
	c.count("FindArticles", len(as))
	return as, n, err
}

func (c *countingStore) CountEvents(ctx context.Context, f entente.EventFilter) ([]entente.EventCount, error) {
	cs, err := c.Store.CountEvents(ctx, f)
	c.count("CountEvents", len(cs))
	return cs, err
}

// parity asks each question once over HTTP and once of the store, with
// the same parameters, and prints the store calls each made: method×calls
// (records returned).
func parity(ctx context.Context, w io.Writer, c *countingStore, only string, viaHTTP func(context.Context, question, map[string]any) error, direct func(context.Context, question, map[string]any) error) error {
	fmt.Fprintln(w, "store calls per question, HTTP | direct: method×calls(records)")
	r := rand.New(rand.NewPCG(7, 7))
	for _, q := range questions {
		vars := q.vars(r)
		if !selected(q.name, only) {
			continue
		}
		c.reset()
		if err := viaHTTP(ctx, q, vars); err != nil {
			return fmt.Errorf("%s over HTTP: %w", q.name, err)
		}
		h := c.String()
		c.reset()
		if err := direct(ctx, q, vars); err != nil {
			return fmt.Errorf("%s on the store: %w", q.name, err)
		}
		fmt.Fprintf(w, "  %-16s %s | %s\n", q.name, h, c.String())
	}
	fmt.Fprintln(w)
	return nil
}
