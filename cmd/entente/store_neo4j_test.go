package main

import (
	"context"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/entente/entente/internal/entente"
)

func TestNewNeo4jStore(t *testing.T) {
	env := map[string]string{
		"ENTENTE_NEO4J_USER":     "envuser",
		"ENTENTE_NEO4J_PASSWORD": "envpass",
		"ENTENTE_NEO4J_DATABASE": "graph",
	}
	getenv := func(k string) string { return env[k] }
	none := func(string) string { return "" }
	for _, tt := range []struct {
		name                string
		uri                 string
		getenv              func(string) string
		wantURI, user, pass string
		database            string
		code                string
	}{
		{"Env", "neo4j://db.example:7687", getenv, "neo4j://db.example:7687", "envuser", "envpass", "graph", ""},
		{"UserInfo", "neo4j+s://alice:s%40cret@db.example", getenv, "neo4j+s://db.example", "alice", "s@cret", "graph", ""},
		{"UserInfoWithoutPassword", "bolt://bob@localhost:7687", getenv, "bolt://localhost:7687", "bob", "envpass", "graph", ""},
		{"NoAuth", "bolt://localhost:7687", none, "bolt://localhost:7687", "", "", "", ""},
		{"RoutingContext", "neo4j://localhost:7687?region=eu", none, "neo4j://localhost:7687?region=eu", "", "", "", ""},
		{"UserWithoutPassword", "bolt://bob@localhost:7687", none, "", "", "", "", entente.EINVALID},
		{"NoHost", "neo4j://", none, "", "", "", "", entente.EINVALID},
		{"Malformed", "bolt://[::1", none, "", "", "", "", entente.EINVALID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newNeo4jStore(tt.uri, tt.getenv)
			if got := entente.ErrorCode(err); got != tt.code {
				t.Fatalf("ErrorCode=%q, want %q (err %v)", got, tt.code, err)
			}
			if err != nil {
				if strings.Contains(err.Error(), "s@cret") || strings.Contains(err.Error(), "s%40cret") {
					t.Fatalf("error shows the password: %v", err)
				}
				return
			}
			if s.URI != tt.wantURI || s.User != tt.user || s.Password != tt.pass || s.Database != tt.database {
				t.Fatalf("store %s %s/%s db %q, want %s %s/%s db %q",
					s.URI, s.User, s.Password, s.Database, tt.wantURI, tt.user, tt.pass, tt.database)
			}
		})
	}
}

func TestOpenStoreNeo4jDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = openStore(context.Background(), "bolt://neo4j:secret@"+addr)
	if got, want := entente.ErrorCode(err), entente.EUNAVAILABLE; got != want {
		t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
	}
	if strings.Contains(entente.ErrorMessage(err), "secret") {
		t.Fatalf("message shows the password: %s", entente.ErrorMessage(err))
	}
}

// TestOpenStoreNeo4j opens the test server through --store, with the
// credentials in the URI.
func TestOpenStoreNeo4j(t *testing.T) {
	uri := os.Getenv("ENTENTE_TEST_NEO4J_URI")
	if uri == "" {
		t.Skip("ENTENTE_TEST_NEO4J_URI is not set: start a Neo4j with scripts/neo4j.sh start && eval \"$(scripts/neo4j.sh env)\"")
	}
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(os.Getenv("ENTENTE_TEST_NEO4J_USER"), os.Getenv("ENTENTE_TEST_NEO4J_PASS"))
	ctx := context.Background()
	s, err := openStore(ctx, u.String())
	if err != nil {
		t.Fatalf("openStore: %v", err)
	}
	defer s.Close()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}
