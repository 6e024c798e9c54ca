package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/entente/entente/graph/model"
	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/readcache"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Options configures NewHandler. Zero fields take the defaults below.
type Options struct {
	Logger  *slog.Logger // slog.Default() when nil
	Metrics *Metrics     // a fresh NewMetrics() when nil

	// MaxBodyBytes caps a request body (default 1 MiB): larger is 413.
	MaxBodyBytes int64
	// Timeout bounds each query (default 10s): a slower one ends with a
	// TIMEOUT error. MutationTimeout bounds each mutation (default 2m):
	// ingesting fetches and extracts.
	Timeout, MutationTimeout time.Duration
	// MaxDepth bounds how deeply selections nest (default 12), not counting
	// introspection.
	MaxDepth int
	// MaxComplexity bounds a query's complexity (default 25000), where a
	// list field costs its children times its expected length: `first` for
	// pages, 100 for a timeline.
	MaxComplexity int
	// APIKeys are the bearer tokens that may run mutations, each "TOKEN"
	// or "NAME:TOKEN" (ParseAPIKey); curations record the name. With none,
	// every mutation is refused. Reads need no key.
	APIKeys []string
	// PollInterval is how often an eventAdded subscription looks for new
	// events (default 1s).
	PollInterval time.Duration
	// LoaderWait is how long the per-request dataloaders collect keys
	// before one batched store call (default DefaultLoaderWait).
	LoaderWait time.Duration
	// MaxConcurrent bounds the GraphQL requests executing at once
	// (default 4 per CPU); others wait for a turn until their timeout,
	// then get 503 BUSY. A request runs to its end even when its client
	// has gone, so without a bound a client that retries slow questions
	// piles up work and memory.
	MaxConcurrent int
}

// Defaults of Options.
const (
	DefaultMaxBodyBytes  = 1 << 20
	DefaultTimeout       = 10 * time.Second
	DefaultMaxDepth      = 12
	DefaultMaxComplexity = 25000
)

func (o *Options) setDefaults() {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics()
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MutationTimeout <= 0 {
		o.MutationTimeout = 2 * time.Minute
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.PollInterval <= 0 {
		o.PollInterval = time.Second
	}
	if o.LoaderWait <= 0 {
		o.LoaderWait = DefaultLoaderWait
	}
	if o.MaxComplexity <= 0 {
		o.MaxComplexity = DefaultMaxComplexity
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = 4 * runtime.GOMAXPROCS(0)
	}
}

// NewHandler returns Entente's HTTP API: GraphiQL at /, GraphQL at /graphql
// (POST and GET per GraphQL-over-HTTP, and websockets for subscriptions),
// /healthz (200 when the store answers Ping, 503 otherwise) and Prometheus
// metrics at /metrics. The store calls of r are timed into the metrics.
func NewHandler(r *Resolver, o Options) http.Handler {
	o.setDefaults()
	rr := *r
	if c, ok := r.Store.(prometheus.Collector); ok {
		// A store with metrics of its own (readcache.Store) shows them
		// here too; registered already when the same Metrics serve twice.
		o.Metrics.Registry.Register(c)
	}
	rr.Store = o.Metrics.InstrumentStore(r.Store)
	rr.metrics, rr.logger, rr.pollInterval = o.Metrics, o.Logger, o.PollInterval

	mux := http.NewServeMux()
	mux.Handle("GET /{$}", playground.Handler("Entente", "/graphql"))
	mux.Handle("/graphql", admit(o.MaxConcurrent, o.Timeout, authorize(parseAPIKeys(o.APIKeys), limitBody(o.MaxBodyBytes, statusCodes(newServer(&rr, o))))))
	mux.Handle("GET /healthz", healthz(rr.Store, o.Logger))
	mux.Handle("GET /metrics", o.Metrics.Handler())
	return mux
}

// newServer builds the gqlgen server with its transports, limits, error
// presenter and recover func.
func newServer(r *Resolver, o Options) *handler.Server {
	cfg := Config{Resolvers: r}
	setComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Websocket{KeepAlivePingInterval: 10 * time.Second})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(depthLimit{max: o.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(o.MaxComplexity))
	// Fresh loaders per root field: per request for queries, per event for
	// a subscription, so a long subscription never serves a stale cache.
	srv.AroundRootFields(func(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
		return next(withLoaders(ctx, r.Store, o.LoaderWait))
	})
	// A query reads the store's generation once (readcache.WithRequest):
	// with a read cache in front of Neo4j, one round trip instead of one
	// per store call. Mutations and subscriptions read it at every call.
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if oc := graphql.GetOperationContext(ctx); oc.Operation != nil && oc.Operation.Operation == ast.Query {
			ctx = readcache.WithRequest(ctx)
		}
		return next(ctx)
	})
	srv.AroundOperations(o.Metrics.aroundOperations)
	srv.AroundOperations(requireKey)
	srv.AroundResponses(timeout(o))
	srv.SetErrorPresenter(presenter(o.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		o.Logger.ErrorContext(ctx, "graphql panic", "panic", p, "stack", string(debug.Stack()))
		return &internalError{fmt.Errorf("panic: %v", p)}
	})
	return srv
}

// setComplexity makes list fields cost their children times their expected
// length, so a query cannot ask for a million nested objects.
func setComplexity(c *ComplexityRoot) {
	// A `first` over the cap counts as the cap: the resolver rejects it
	// with a clearer error than the complexity limit would.
	page := func(first *int, def int) int {
		if first == nil {
			return def
		}
		return min(max(*first, 1), MaxPageSize)
	}
	c.Query.Events = func(child int, _ *model.EventFilter, first *int, _ *string) int { return 1 + page(first, 50)*child }
	c.Query.Search = func(child int, _ string, first *int, _ *entente.EntityKind) int { return 1 + page(first, 10)*child }
	c.Query.Countries = func(child int) int { return 1 + 250*child }
	c.Query.Blocs = func(child int) int { return 1 + 50*child }
	c.Query.MembershipMatrix = func(child int, _ *entente.Date, _ []string, _ []entente.Role) int { return 1 + 10*child }
	c.Query.EventCounts = func(child int, _ *model.EventFilter) int { return 1 + 100*child }
	c.MembershipMatrix.Rows = func(child int) int { return 1 + 200*child }
	c.Bloc.Timeline = func(child int, _ *model.EventFilter) int { return 1 + 100*child }
	c.Country.Timeline = func(child int, _ *model.EventFilter) int { return 1 + 100*child }
	c.Person.Timeline = func(child int, _ *model.EventFilter) int { return 1 + 100*child }
	c.Bloc.Members = func(child int, _ *entente.Date, _ []entente.Role) int { return 1 + 50*child }
	c.Country.Memberships = func(child int, _ *entente.Date) int { return 1 + 10*child }
	c.Country.OfficeHolders = func(child int) int { return 1 + 10*child }
	c.Event.Sources = func(child int) int { return 1 + 5*child }
	c.Membership.Sources = func(child int) int { return 1 + 10*child }
	c.Membership.Events = func(child int) int { return 1 + 3*child }
}

// internalError marks an error whose text must not reach clients: the
// presenter logs it and answers "Internal error.".
type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }
func (e *internalError) Unwrap() error { return e.err }

// presenter maps entente error codes to extensions.code. Store errors
// without a code are internal: logged, and answered "Internal error.".
// gqlgen's own errors (validation, parsing, argument coercion) keep theirs.
func presenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var ee *entente.Error
		var ie *internalError
		code := ""
		switch {
		case errors.As(err, &ee):
			gerr.Message = ee.Message
			code = strings.ToUpper(ee.Code)
		case errors.Is(err, context.DeadlineExceeded):
			gerr.Message = "The request took too long and was stopped."
			code = "TIMEOUT"
		case errors.Is(err, context.Canceled):
			gerr.Message = "The request was canceled."
			code = "CANCELED"
		case errors.As(err, &ie):
			logger.ErrorContext(ctx, "graphql internal error", "path", gerr.Path.String(), "err", ie.err)
			gerr.Message = "Internal error."
			code = "INTERNAL"
		}
		if code != "" {
			if gerr.Extensions == nil {
				gerr.Extensions = map[string]any{}
			}
			gerr.Extensions["code"] = code
		}
		return gerr
	}
}

// limitBody answers 413 for a body larger than n. A body without a length
// is read up to n+1 bytes first, so that it gets the same answer rather
// than a decoding error.
// admit lets n requests run at once; the others wait for a turn up to
// wait, or until their client goes, and then get 503 BUSY. Websocket
// subscriptions, which stay open, are not counted.
func admit(n int, wait time.Duration, next http.Handler) http.Handler {
	slots := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			next.ServeHTTP(w, r)
			return
		}
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case slots <- struct{}{}:
		case <-t.C:
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "BUSY",
				fmt.Sprintf("The server is answering %d requests and none finished within %v; try again.", n, wait))
			return
		case <-r.Context().Done():
			return // the client went away
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}

func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tooLarge := func() {
			writeError(w, http.StatusRequestEntityTooLarge, "TOO_LARGE",
				fmt.Sprintf("The request body is larger than the limit of %d bytes.", n))
		}
		if r.ContentLength > n {
			tooLarge()
			return
		}
		if r.ContentLength < 0 && r.Body != nil {
			b, err := io.ReadAll(io.LimitReader(r.Body, n+1))
			if err != nil {
				writeError(w, http.StatusBadRequest, "BAD_REQUEST", "The request body could not be read.")
				return
			}
			if int64(len(b)) > n {
				tooLarge()
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// statusCodes brings gqlgen's status codes in line with GraphQL-over-HTTP:
// a mutation over GET is 405 Method Not Allowed, and a request that fails
// to parse or validate is 200 when the response is application/json (the
// spec's SHOULD; gqlgen says 422). application/graphql-response+json keeps
// its 4xx codes.
func statusCodes(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.Header.Get("Upgrade") == "" && !readOnly(r.URL.Query()) {
			w.Header().Set("Allow", "POST")
			writeError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "Mutations must be sent with POST.")
			return
		}
		next.ServeHTTP(&legacyStatus{ResponseWriter: w}, r)
	})
}

// readOnly reports whether a GET request's operation is a query, or could
// not be parsed (gqlgen then answers with the parse error).
func readOnly(q url.Values) bool {
	doc, err := parser.ParseQuery(&ast.Source{Input: q.Get("query")})
	if err != nil {
		return true
	}
	name := q.Get("operationName")
	for _, op := range doc.Operations {
		if (name == "" || op.Name == name) && op.Operation != ast.Query {
			return false
		}
	}
	return true
}

// legacyStatus turns 422 into 200 for application/json responses.
type legacyStatus struct{ http.ResponseWriter }

func (w *legacyStatus) WriteHeader(code int) {
	if code == http.StatusUnprocessableEntity && strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		code = http.StatusOK
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (websockets).
func (w *legacyStatus) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// timeout bounds the execution of each query (Timeout) and mutation
// (MutationTimeout). A subscription lives as long as its client.
func timeout(o Options) func(context.Context, graphql.ResponseHandler) *graphql.Response {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		d := o.Timeout
		if oc := graphql.GetOperationContext(ctx); oc.Operation != nil {
			switch oc.Operation.Operation {
			case ast.Subscription:
				return next(ctx)
			case ast.Mutation:
				d = o.MutationTimeout
			}
		}
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		return next(ctx)
	}
}

// healthz answers 200 when the store answers Ping, 503 otherwise.
func healthz(s entente.Store, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := s.Ping(ctx); err != nil {
			logger.WarnContext(ctx, "healthz: store unreachable", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "unavailable: %s\n", entente.ErrorMessage(err))
			return
		}
		fmt.Fprintln(w, "ok")
	})
}

// writeError writes a GraphQL response holding one error.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(&graphql.Response{Errors: gqlerror.List{{
		Message: msg, Extensions: map[string]any{"code": code},
	}}})
}

func parseAPIKeys(entries []string) []APIKey {
	var keys []APIKey
	for _, e := range entries {
		if k := ParseAPIKey(e); k.Token != "" {
			keys = append(keys, k)
		}
	}
	return keys
}
