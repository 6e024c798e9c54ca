//go:build !unix

package neo4jtest

import "os"

// lockExclusive does nothing where flock is missing: run the packages that
// use Neo4j one at a time there (go test -p 1).
func lockExclusive(*os.File) error { return nil }
