package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/entente/entente/graph"
	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j/neo4jtest"
	"github.com/entente/entente/internal/sqlite"
)

// now is the clock of every test: "today" for asOf.
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// MustOpenStore returns a SQLite store in t.TempDir() holding Fixtures.
func MustOpenStore(tb testing.TB) entente.Store {
	tb.Helper()
	s := sqlite.NewStore(filepath.Join(tb.TempDir(), "entente.db"))
	if err := s.Open(context.Background()); err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	MustUpsertArticles(tb, s, Fixtures()...)
	return s
}

// backend opens a store of one kind, filled with Fixtures.
type backend struct {
	name string
	open func(testing.TB) entente.Store
}

// backends returns SQLite, and Neo4j when ENTENTE_TEST_NEO4J_URI is set.
// The Neo4j test database is wiped before each test that uses it.
func backends() []backend {
	bs := []backend{{"sqlite", MustOpenStore}}
	if os.Getenv("ENTENTE_TEST_NEO4J_URI") != "" {
		bs = append(bs, backend{"neo4j", MustOpenNeo4j})
	}
	return bs
}

// eachStore runs fn as a subtest on every backend.
func eachStore(t *testing.T, fn func(t *testing.T, s entente.Store)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { fn(t, b.open(t)) })
	}
}

// MustOpenNeo4j returns a store on the wiped Neo4j test database
// (neo4jtest: one test binary at a time) holding Fixtures.
func MustOpenNeo4j(tb testing.TB) entente.Store {
	tb.Helper()
	s := neo4jtest.Store(tb)
	MustUpsertArticles(tb, s, Fixtures()...)
	return s
}

// MustUpsertArticles stores articles or fails the test.
func MustUpsertArticles(tb testing.TB, s entente.Store, articles ...*entente.Article) {
	tb.Helper()
	if _, err := s.UpsertArticles(context.Background(), articles); err != nil {
		tb.Fatalf("upsert articles: %v", err)
	}
}

// MustNewClient returns a GraphQL client of NewHandler over s.
func MustNewClient(tb testing.TB, s entente.Store, o graph.Options) (*client.Client, http.Handler) {
	tb.Helper()
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	h := graph.NewHandler(&graph.Resolver{Store: s, Now: func() time.Time { return now }}, o)
	return client.New(h, client.Path("/graphql")), h
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e gqlError) code() string {
	c, _ := e.Extensions["code"].(string)
	return c
}

// do runs a query and decodes its data into out (when not nil), returning
// the errors of the response.
func do(tb testing.TB, c *client.Client, query string, out any, opts ...client.Option) []gqlError {
	tb.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		// The client reports a non-2xx status as "http 400: BODY".
		_, body, ok := strings.Cut(err.Error(), ": ")
		resp = &client.Response{}
		if !ok || !strings.HasPrefix(err.Error(), "http 4") || json.Unmarshal([]byte(body), resp) != nil {
			tb.Fatalf("post: %v", err)
		}
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			tb.Fatalf("decode errors %s: %v", resp.Errors, err)
		}
	}
	if out != nil && resp.Data != nil {
		b, _ := json.Marshal(resp.Data)
		if err := json.Unmarshal(b, out); err != nil {
			tb.Fatalf("decode data %s: %v", b, err)
		}
	}
	return errs
}

// mustDo runs a query that must succeed.
func mustDo(tb testing.TB, c *client.Client, query string, out any, opts ...client.Option) {
	tb.Helper()
	if errs := do(tb, c, query, out, opts...); len(errs) > 0 {
		tb.Fatalf("query failed: %+v", errs)
	}
}

// mustFail runs a query that must fail with one error of the given code,
// and returns that error.
func mustFail(tb testing.TB, c *client.Client, query, code string, opts ...client.Option) gqlError {
	tb.Helper()
	errs := do(tb, c, query, nil, opts...)
	if len(errs) == 0 {
		tb.Fatalf("query succeeded, want error %s", code)
	}
	if got := errs[0].code(); got != code {
		tb.Fatalf("error code=%q (%s), want %q", got, errs[0].Message, code)
	}
	return errs[0]
}

// raw sends one HTTP request to h and returns the response.
func raw(h http.Handler, method, target, contentType string, body io.Reader) *http.Response {
	r := httptest.NewRequest(method, target, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func mustReadAll(tb testing.TB, r io.Reader) string {
	tb.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
