package main

import (
	"context"
	"fmt"
	"os"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j"
)

// openNeo4j wipes the scratch database at uri and opens the Neo4j store on
// it. The user and password come from ENTENTE_NEO4J_USER and
// ENTENTE_NEO4J_PASSWORD, as for the entente command.
func openNeo4j(ctx context.Context, uri string) (entente.Store, error) {
	if uri == "" {
		return nil, fmt.Errorf("neo4j mode needs -neo4j URI")
	}
	user, pass := os.Getenv("ENTENTE_NEO4J_USER"), os.Getenv("ENTENTE_NEO4J_PASSWORD")
	d, err := neo4jdrv.NewDriverWithContext(uri, neo4jdrv.BasicAuth(user, pass, ""))
	if err != nil {
		return nil, fmt.Errorf("neo4j driver: %w", err)
	}
	defer d.Close(ctx)
	for {
		res, err := neo4jdrv.ExecuteQuery(ctx, d, `MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n`,
			nil, neo4jdrv.EagerResultTransformer)
		if err != nil {
			return nil, fmt.Errorf("wipe neo4j: %w", err)
		}
		if n, _ := res.Records[0].Get("n"); n.(int64) == 0 {
			break
		}
	}
	s := neo4j.NewStore(uri)
	s.User, s.Password = user, pass
	if err := s.Open(ctx); err != nil {
		return nil, err
	}
	return s, nil
}
