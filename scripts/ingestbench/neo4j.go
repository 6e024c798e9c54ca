package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j"
)

// openNeo4j wipes the scratch database at uri and opens the Neo4j store on
// it. The user and password come from ENTENTE_NEO4J_USER and
// ENTENTE_NEO4J_PASSWORD, as for the entente command. It first takes the
// lock the Neo4j tests take (internal/neo4j/neo4jtest), held until the
// process exits, so a test and the benchmark never write to one server at
// once.
func openNeo4j(ctx context.Context, uri string) (entente.Store, error) {
	if uri == "" {
		return nil, fmt.Errorf("neo4j mode needs -neo4j URI")
	}
	if err := lockServer(uri); err != nil {
		return nil, fmt.Errorf("lock the neo4j server: %w", err)
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

// serverLock is held open, and locked, until the process exits: an
// unreachable *os.File would be closed by its finalizer, and the lock with it.
var serverLock *os.File

// lockServer takes neo4jtest's lock on the server at uri: the same file,
// os.TempDir()/entente-neo4j-test-HASH.lock, locked with flock.
func lockServer(uri string) error {
	sum := sha256.Sum256([]byte(uri))
	path := filepath.Join(os.TempDir(), "entente-neo4j-test-"+hex.EncodeToString(sum[:6])+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return err
	}
	serverLock = f
	for {
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != syscall.EINTR {
			return err
		}
	}
}
