package neo4jtest_test

import (
	"context"
	"testing"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j/neo4jtest"
	"github.com/entente/entente/internal/storetest"
)

// TestStoreWipes checks that Store hands out an empty database, that Lock
// may be taken again by the same binary, and that a second store sees what
// the first wrote.
func TestStoreWipes(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Store(t)
	storetest.MustUpsertArticles(t, ctx, s, storetest.Fixtures()...)
	neo4jtest.Lock(t)
	if _, n, err := neo4jtest.Open(t).FindArticles(ctx, entente.ArticleFilter{}); err != nil || n != 7 {
		t.Fatalf("second store: %d articles, %v; want 7", n, err)
	}
	s = neo4jtest.Store(t)
	if _, n, err := s.FindArticles(ctx, entente.ArticleFilter{}); err != nil || n != 0 {
		t.Fatalf("after a wipe: %d articles, %v; want 0", n, err)
	}
}
