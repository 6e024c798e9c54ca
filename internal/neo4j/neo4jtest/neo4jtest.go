// Package neo4jtest gives tests the Neo4j test server named by
// ENTENTE_TEST_NEO4J_URI (user and password from ENTENTE_TEST_NEO4J_USER and
// _PASS), one test binary at a time.
//
// Every package whose tests use that server must go through Store or Lock:
// go test runs packages in parallel, and a test that wipes the database
// while another package's test is writing to it breaks both. Lock takes an
// exclusive file lock that the test binary keeps until it exits, so test
// binaries take turns; within one binary the tests run one at a time
// anyway (none of them may call t.Parallel).
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"testing"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/neo4j"
)

// SkipMessage says how to start a server; tests skip with it.
const SkipMessage = "ENTENTE_TEST_NEO4J_URI is not set: start a Neo4j with scripts/neo4j.sh start && eval \"$(scripts/neo4j.sh env)\""

// Server returns the test server's URI, user and password, or skips the
// test when there is none.
func Server(tb testing.TB) (uri, user, pass string) {
	tb.Helper()
	uri = os.Getenv("ENTENTE_TEST_NEO4J_URI")
	if uri == "" {
		tb.Skip(SkipMessage)
	}
	return uri, os.Getenv("ENTENTE_TEST_NEO4J_USER"), os.Getenv("ENTENTE_TEST_NEO4J_PASS")
}

var (
	lockOnce sync.Once
	lockErr  error
	lockFile *os.File // held open, and locked, until the process exits
)

// Lock waits until this test binary has the test server to itself, and
// returns its URI, user and password. It skips when there is no server.
func Lock(tb testing.TB) (uri, user, pass string) {
	tb.Helper()
	uri, user, pass = Server(tb)
	lockOnce.Do(func() {
		sum := sha256.Sum256([]byte(uri))
		path := filepath.Join(os.TempDir(), "entente-neo4j-test-"+hex.EncodeToString(sum[:6])+".lock")
		if lockFile, lockErr = os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666); lockErr != nil {
			return
		}
		lockErr = lockExclusive(lockFile)
	})
	if lockErr != nil {
		tb.Fatalf("lock the Neo4j test server: %v", lockErr)
	}
	return uri, user, pass
}

// Wipe locks the test server and deletes everything in its database:
// relationships first, then nodes, in small transactions of their own
// (CALL … IN TRANSACTIONS needs an auto-commit transaction) so that wiping
// a benchmark graph of a million records fits a small heap.
func Wipe(tb testing.TB) {
	tb.Helper()
	uri, user, pass := Lock(tb)
	ctx := context.Background()
	d, err := neo4jdrv.NewDriverWithContext(uri, neo4jdrv.BasicAuth(user, pass, ""))
	if err != nil {
		tb.Fatalf("driver: %v", err)
	}
	defer d.Close(ctx)
	sess := d.NewSession(ctx, neo4jdrv.SessionConfig{})
	defer sess.Close(ctx)
	for _, q := range []string{
		`MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS`,
		`MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
	} {
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			tb.Fatalf("wipe the Neo4j test database: %v", err)
		}
	}
}

// Open returns a store on the test server, opened, without wiping it, and
// closes it when the test ends.
func Open(tb testing.TB) *neo4j.Store {
	tb.Helper()
	uri, user, pass := Lock(tb)
	s := neo4j.NewStore(uri)
	s.User, s.Password = user, pass
	if err := s.Open(context.Background()); err != nil {
		tb.Fatalf("open Neo4j %s: %v", uri, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("close Neo4j: %v", err)
		}
	})
	return s
}

// Store wipes the test database and returns an open store on it: the
// usual first line of a Neo4j test.
func Store(tb testing.TB) *neo4j.Store {
	tb.Helper()
	Wipe(tb)
	return Open(tb)
}
