// Package neo4j is the entente.Store on Neo4j 5, for teams that share a
// server, a cluster or Aura. It imports the domain and the Neo4j driver,
// nothing else of Entente.
//
// # The graph
//
//   - (:Article {id, url, title, …, fingerprint, entities})-[:CLAIMS]->(:Claim)
//     is the source of truth: what each article says, as extraction found it
//     and curations read it.
//     An article's listed entities are kept as JSON on the article.
//   - (:Event) nodes are derived: entente.GroupClaims over the claims of one
//     event key, rewritten for every key a write touches.
//     (:Article)-[:SOURCE {quote, …}]->(:Event) are their sources, and
//     (:Event)-[:SUBJECT|:BLOC|:PLACE]->(:Entity) point at what they are about.
//   - (:Entity:Country|:Bloc|:Person {key: "country:KAZ", …}) are derived with
//     entente.MergeMentions from (:EntityTerm) counters (how many articles give
//     each name and alias) and the offices on (:Article)-[:OFFICES]->(:Entity);
//     (:Article)-[:MENTIONS]->(:Entity) links every article to what it names.
//   - (:Curation {id, kind, …}) nodes are corrections people made, never
//     deleted (revoking one sets revokedAt). Articles are stored as the
//     curations in force read them (entente.Curations.Apply): their claims,
//     entities and mentions, and so the events and entities derived from
//     them, are curated, and an article that curations change keeps its
//     extraction as found in its rawExtraction property (JSON), which
//     FindArticles returns.
//   - (:Lock {key}) nodes serialise writers: every writer locks "curations"
//     first, then per article, event key and entity.
//
// Dates are stored as their strings ("2024-10") with Event.OrderKey and the
// first and last day of their span, which compare as strings.
//
// Every query is a constant with $parameters; writes run in ExecuteWrite
// transaction functions that the driver may retry, reads in ExecuteRead.
package neo4j

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/entente/entente/internal/entente"
)

//go:embed constraints.cypher
var constraints string

var _ entente.Store = (*Store)(nil)

// Store is the Neo4j store. Set its fields before Open.
type Store struct {
	// URI is the server: bolt://, bolt+s://, neo4j:// (routing, for a
	// cluster or Aura), neo4j+s:// …
	URI      string
	User     string // "" connects without authentication
	Password string
	// Database is the database to use; "" is the server's default.
	Database string
	// BatchSize bounds the articles one write transaction stores; a larger
	// UpsertArticles call is split into several transactions.
	BatchSize int
	// ConnectTimeout bounds connecting to the server, so that a dead
	// server fails fast with EUNAVAILABLE.
	ConnectTimeout time.Duration

	Now    func() time.Time
	Logger *slog.Logger

	driver neo4jdrv.DriverWithContext
}

// NewStore returns a store for the server at uri with default settings.
func NewStore(uri string) *Store {
	return &Store{
		URI:            uri,
		BatchSize:      500,
		ConnectTimeout: 5 * time.Second,
		Now:            time.Now,
		Logger:         slog.New(slog.DiscardHandler),
	}
}

// Open connects to the server and creates the constraints and indexes the
// store needs. It returns EUNAVAILABLE when the server cannot be reached,
// EUNAUTHORIZED when it refuses the credentials and EINVALID for a
// malformed URI or an unknown database.
func (s *Store) Open(ctx context.Context) error {
	if s.URI == "" {
		return entente.Errorf(entente.EINVALID, "Neo4j URI required.")
	}
	auth := neo4jdrv.NoAuth()
	if s.User != "" {
		auth = neo4jdrv.BasicAuth(s.User, s.Password, "")
	}
	timeout := s.ConnectTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	d, err := neo4jdrv.NewDriverWithContext(s.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = timeout
		c.ConnectionAcquisitionTimeout = 2 * timeout
		c.UserAgent = "entente"
	})
	if err != nil {
		return entente.Errorf(entente.EINVALID, "Invalid Neo4j URI %q: %v", redact(s.URI), err)
	}
	s.driver = d
	vctx, cancel := context.WithTimeout(ctx, 2*timeout)
	defer cancel()
	if err := d.VerifyConnectivity(vctx); err != nil {
		s.Close()
		return s.openError(err)
	}
	for _, stmt := range strings.Split(stripComments(constraints), ";") {
		if stmt = strings.TrimSpace(stmt); stmt == "" {
			continue
		}
		_, err := neo4jdrv.ExecuteQuery(ctx, d, stmt, nil, neo4jdrv.EagerResultTransformer,
			neo4jdrv.ExecuteQueryWithDatabase(s.Database), neo4jdrv.ExecuteQueryWithWritersRouting())
		if err != nil {
			s.Close()
			return s.openError(err)
		}
	}
	s.Logger.Info("opened neo4j", "uri", redact(s.URI), "database", s.Database)
	return nil
}

// openError explains why the server cannot be used.
func (s *Store) openError(err error) error {
	if e := formatError(err); entente.ErrorCode(e) != entente.EINTERNAL {
		return e
	}
	return fmt.Errorf("open neo4j %s: %w", redact(s.URI), err)
}

// stripComments drops // comment lines and surrounding space.
func stripComments(stmt string) string {
	var lines []string
	for _, l := range strings.Split(stmt, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "//") {
			lines = append(lines, l)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// redact hides a password in a URI's user info.
func redact(uri string) string {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return uri
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		if user, _, ok := strings.Cut(rest[:at], ":"); ok {
			return scheme + "://" + user + ":xxxxx@" + rest[at+1:]
		}
	}
	return uri
}

// Close closes the driver.
func (s *Store) Close() error {
	if s.driver == nil {
		return nil
	}
	err := s.driver.Close(context.Background())
	s.driver = nil
	return err
}

// Ping implements entente.Store.
func (s *Store) Ping(ctx context.Context) error {
	if s.driver == nil {
		return entente.Errorf(entente.EUNAVAILABLE, "The Neo4j store is not open.")
	}
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		if e := formatError(err); entente.ErrorCode(e) != entente.EINTERNAL {
			return e
		}
		return entente.Errorf(entente.EUNAVAILABLE, "Neo4j at %s cannot be reached: %v", redact(s.URI), err)
	}
	return nil
}

// Generation implements entente.Store: every write transaction takes the
// curations lock, and taking it adds one to the lock's generation.
func (s *Store) Generation(ctx context.Context) (uint64, error) {
	return read(ctx, s, func(tx neo4jdrv.ManagedTransaction) (uint64, error) {
		rows, err := run(ctx, tx, `OPTIONAL MATCH (l:Lock {key: $lock}) RETURN l.generation AS g`, map[string]any{"lock": curationsLock})
		if err != nil || len(rows) == 0 {
			return 0, err
		}
		g, _ := rows[0]["g"].(int64)
		return uint64(g), nil
	})
}

// formatError turns driver errors a caller can act on into entente errors;
// anything else is returned as is and counts as EINTERNAL.
func formatError(err error) error {
	if err == nil {
		return nil
	}
	var ee *entente.Error
	if errors.As(err, &ee) {
		return err
	}
	var ne *neo4jdrv.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return entente.Errorf(entente.ECONFLICT, "Conflicting write: %s", ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security."):
			return entente.Errorf(entente.EUNAUTHORIZED, "Neo4j refused the credentials: %s", ne.Msg)
		case ne.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return entente.Errorf(entente.EINVALID, "Neo4j has no such database: %s", ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.TransientError.") || ne.Code == "Neo.ClientError.Cluster.NotALeader":
			return entente.Errorf(entente.EUNAVAILABLE, "Neo4j is busy or unavailable; try again: %s", ne.Msg)
		}
		return err
	}
	var ce *neo4jdrv.ConnectivityError
	var te *neo4jdrv.TransactionExecutionLimit
	var ae *neo4jdrv.InvalidAuthenticationError
	switch {
	case errors.As(err, &ae):
		return entente.Errorf(entente.EUNAUTHORIZED, "Neo4j refused the credentials: %v", err)
	case errors.As(err, &ce), errors.As(err, &te),
		errors.Is(err, context.DeadlineExceeded) && strings.Contains(err.Error(), "connect"):
		return entente.Errorf(entente.EUNAVAILABLE, "Neo4j cannot be reached: %v", err)
	}
	if strings.Contains(err.Error(), "ConnectivityError") || strings.Contains(err.Error(), "connection refused") {
		// The driver reports some connection failures (routing table
		// discovery, pool acquisition) as plain errors.
		return entente.Errorf(entente.EUNAVAILABLE, "Neo4j cannot be reached: %v", err)
	}
	return err
}

func (s *Store) session(ctx context.Context, mode neo4jdrv.AccessMode) (neo4jdrv.SessionWithContext, error) {
	if s.driver == nil {
		return nil, entente.Errorf(entente.EUNAVAILABLE, "The Neo4j store is not open.")
	}
	return s.driver.NewSession(ctx, neo4jdrv.SessionConfig{AccessMode: mode, DatabaseName: s.Database}), nil
}

// read runs fn in a managed read transaction.
func read[T any](ctx context.Context, s *Store, fn func(tx neo4jdrv.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	sess, err := s.session(ctx, neo4jdrv.AccessModeRead)
	if err != nil {
		return zero, err
	}
	defer sess.Close(context.Background())
	v, err := neo4jdrv.ExecuteRead(ctx, sess, fn)
	if err != nil {
		return zero, formatError(err)
	}
	return v, nil
}

// write runs fn in a managed write transaction, which the driver retries on
// transient errors: fn must be safe to run again.
func write[T any](ctx context.Context, s *Store, fn func(tx neo4jdrv.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	sess, err := s.session(ctx, neo4jdrv.AccessModeWrite)
	if err != nil {
		return zero, err
	}
	defer sess.Close(context.Background())
	v, err := neo4jdrv.ExecuteWrite(ctx, sess, fn)
	if err != nil {
		return zero, formatError(err)
	}
	return v, nil
}

// run runs a query and returns its records as maps.
func run(ctx context.Context, tx neo4jdrv.ManagedTransaction, query string, params map[string]any) ([]map[string]any, error) {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for res.Next(ctx) {
		out = append(out, res.Record().AsMap())
	}
	return out, res.Err()
}

// exec runs a query and discards its records.
func exec(ctx context.Context, tx neo4jdrv.ManagedTransaction, query string, params map[string]any) error {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Property readers: a missing property is the zero value.

func str(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return v
}

func num(m map[string]any, k string) int {
	v, _ := m[k].(int64)
	return int(v)
}

func float(m map[string]any, k string) float64 {
	switch v := m[k].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

func strs(m map[string]any, k string) []string {
	vs, _ := m[k].([]any)
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func date(m map[string]any, k string) (entente.Date, error) {
	d, err := entente.ParseDate(str(m, k))
	if err != nil {
		return entente.Date{}, fmt.Errorf("stored date %q: %w", str(m, k), err)
	}
	return d, nil
}

// nilIfEmpty keeps empty strings out of the graph: a null property is none.
func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// page returns the SKIP/LIMIT clause for offset and limit (0: no limit).
func page(params map[string]any, offset, limit int) string {
	params["offset"] = max(0, offset)
	if limit <= 0 {
		return " SKIP $offset"
	}
	params["limit"] = limit
	return " SKIP $offset LIMIT $limit"
}

func lower[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.ToLower(string(v))
	}
	return out
}

func plain[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
