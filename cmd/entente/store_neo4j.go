package main

import (
	"net/url"
	"os"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j"
)

// newNeo4jStore returns an unopened Neo4j store for a --store URI such as
// neo4j+s://user:pass@host:7687. Credentials come from the URI's user info,
// else from ENTENTE_NEO4J_USER and ENTENTE_NEO4J_PASSWORD; the database from
// ENTENTE_NEO4J_DATABASE (the server's default when unset). getenv is
// os.Getenv outside tests.
func newNeo4jStore(uri string, getenv func(string) string) (*neo4j.Store, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return nil, storeUsage("Invalid Neo4j URI %q: want SCHEME://HOST[:PORT], such as neo4j://localhost:7687.", redactURI(uri))
	}
	user, pass := getenv("ENTENTE_NEO4J_USER"), getenv("ENTENTE_NEO4J_PASSWORD")
	if u.User != nil {
		user = u.User.Username()
		if p, ok := u.User.Password(); ok {
			pass = p
		}
		// The driver gets the credentials as fields, not in the URI.
		u.User = nil
	}
	if user != "" && pass == "" {
		return nil, entente.Errorf(entente.EINVALID, "Neo4j user %q has no password: put it in the URI or in ENTENTE_NEO4J_PASSWORD.", user)
	}
	s := neo4j.NewStore(u.String())
	s.User, s.Password = user, pass
	s.Database = getenv("ENTENTE_NEO4J_DATABASE")
	return s, nil
}

// redactURI hides the password of a URI for messages.
func redactURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		return uri
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
