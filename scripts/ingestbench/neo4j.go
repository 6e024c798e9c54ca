package main

import (
	"context"
	"fmt"

	"github.com/entente/entente/internal/entente"
)

// openNeo4j opens the Neo4j store at uri.
func openNeo4j(ctx context.Context, uri string) (entente.Store, error) {
	return nil, fmt.Errorf("neo4j mode: internal/neo4j is not built yet")
}
