package graph

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/entente/entente/internal/entente"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the API's Prometheus metrics, in a registry of their own.
type Metrics struct {
	Registry *prometheus.Registry

	requests     *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	storeLatency *prometheus.HistogramVec
	storeErrors  *prometheus.CounterVec
	ingested     *prometheus.CounterVec
	ingestEvents prometheus.Counter
}

// NewMetrics returns metrics registered in a new registry, with the Go
// runtime and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_graphql_requests_total",
			Help: "GraphQL operations by operation name, type and outcome (ok or error).",
		}, []string{"operation", "type", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "entente_graphql_request_duration_seconds",
			Help:    "Time to execute a GraphQL operation, by operation name.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"operation"}),
		storeLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "entente_store_call_duration_seconds",
			Help:    "Time of store calls made by the API, by method.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 18),
		}, []string{"method"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_store_errors_total",
			Help: "Store calls that failed, by method and error code.",
		}, []string{"method", "code"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entente_ingest_articles_total",
			Help: "Articles ingested through the API, by outcome (created, updated, unchanged, failed).",
		}, []string{"outcome"}),
		ingestEvents: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "entente_ingest_events_added_total",
			Help: "Events added to the graph by articles ingested through the API.",
		}),
	}
	m.Registry.MustRegister(m.requests, m.latency, m.storeLatency, m.storeErrors, m.ingested, m.ingestEvents,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}

// ObserveIngest counts one ingested article: its outcome ("created",
// "updated", "unchanged" or "failed") and the events it added.
func (m *Metrics) ObserveIngest(outcome string, eventsAdded int) {
	m.ingested.WithLabelValues(outcome).Inc()
	m.ingestEvents.Add(float64(eventsAdded))
}

// aroundOperations counts and times each operation by name.
func (m *Metrics) aroundOperations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	rh := next(ctx)
	oc := graphql.GetOperationContext(ctx)
	name, typ := operationLabels(oc)
	return func(ctx context.Context) *graphql.Response {
		start := time.Now()
		resp := rh(ctx)
		if resp == nil { // a subscription ended
			return nil
		}
		outcome := "ok"
		if len(resp.Errors) > 0 {
			outcome = "error"
		}
		m.requests.WithLabelValues(name, typ, outcome).Inc()
		m.latency.WithLabelValues(name).Observe(time.Since(start).Seconds())
		return resp
	}
}

// operationLabels names an operation for metrics: its name, cut to 64
// letters, digits and underscores, or "anonymous".
func operationLabels(oc *graphql.OperationContext) (name, typ string) {
	name, typ = "anonymous", "unknown"
	if oc == nil || oc.Operation == nil {
		return name, typ
	}
	typ = string(oc.Operation.Operation)
	if oc.Operation.Name != "" {
		name = strings.Map(func(r rune) rune {
			if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, oc.Operation.Name)
		if len(name) > 64 {
			name = name[:64]
		}
	}
	return name, typ
}

// InstrumentStore returns s with every call timed into the store latency
// histogram. Errors without an entente code are marked internal, so the
// error presenter never sends driver text to clients.
func (m *Metrics) InstrumentStore(s entente.Store) entente.Store {
	if is, ok := s.(*instrumentedStore); ok && is.m == m {
		return s
	}
	return &instrumentedStore{s: s, m: m}
}

type instrumentedStore struct {
	s entente.Store
	m *Metrics
}

var (
	_ entente.Store                   = (*instrumentedStore)(nil)
	_ entente.MembershipHistoryFinder = (*instrumentedStore)(nil)
)

func (is *instrumentedStore) observe(method string, start time.Time, err error) error {
	is.m.storeLatency.WithLabelValues(method).Observe(time.Since(start).Seconds())
	if err == nil {
		return nil
	}
	is.m.storeErrors.WithLabelValues(method, entente.ErrorCode(err)).Inc()
	if entente.ErrorCode(err) == entente.EINTERNAL {
		return &internalError{err}
	}
	return err
}

func (is *instrumentedStore) UpsertArticles(ctx context.Context, as []*entente.Article) ([]entente.UpsertResult, error) {
	start := time.Now()
	res, err := is.s.UpsertArticles(ctx, as)
	return res, is.observe("UpsertArticles", start, err)
}

func (is *instrumentedStore) FindArticleByID(ctx context.Context, id string) (*entente.Article, error) {
	start := time.Now()
	a, err := is.s.FindArticleByID(ctx, id)
	return a, is.observe("FindArticleByID", start, err)
}

func (is *instrumentedStore) FindArticles(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	start := time.Now()
	as, n, err := is.s.FindArticles(ctx, f)
	return as, n, is.observe("FindArticles", start, err)
}

func (is *instrumentedStore) FindEntity(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
	start := time.Now()
	e, err := is.s.FindEntity(ctx, kind, id)
	return e, is.observe("FindEntity", start, err)
}

func (is *instrumentedStore) FindEntities(ctx context.Context, f entente.EntityFilter) ([]*entente.Entity, int, error) {
	start := time.Now()
	es, n, err := is.s.FindEntities(ctx, f)
	return es, n, is.observe("FindEntities", start, err)
}

func (is *instrumentedStore) FindEventByID(ctx context.Context, id string) (*entente.Event, error) {
	start := time.Now()
	e, err := is.s.FindEventByID(ctx, id)
	return e, is.observe("FindEventByID", start, err)
}

func (is *instrumentedStore) FindEvents(ctx context.Context, f entente.EventFilter) ([]*entente.Event, int, error) {
	start := time.Now()
	es, n, err := is.s.FindEvents(ctx, f)
	return es, n, is.observe("FindEvents", start, err)
}

func (is *instrumentedStore) FindSources(ctx context.Context, ids []string) (map[string][]*entente.Source, error) {
	start := time.Now()
	m, err := is.s.FindSources(ctx, ids)
	return m, is.observe("FindSources", start, err)
}

func (is *instrumentedStore) CountEvents(ctx context.Context, f entente.EventFilter) ([]entente.EventCount, error) {
	start := time.Now()
	c, err := is.s.CountEvents(ctx, f)
	return c, is.observe("CountEvents", start, err)
}

func (is *instrumentedStore) Curate(ctx context.Context, c *entente.Curation) (*entente.CurationResult, error) {
	start := time.Now()
	res, err := is.s.Curate(ctx, c)
	return res, is.observe("Curate", start, err)
}

func (is *instrumentedStore) RevokeCuration(ctx context.Context, id, actor, reason string) (*entente.CurationResult, error) {
	start := time.Now()
	res, err := is.s.RevokeCuration(ctx, id, actor, reason)
	return res, is.observe("RevokeCuration", start, err)
}

func (is *instrumentedStore) FindCurations(ctx context.Context, f entente.CurationFilter) ([]*entente.Curation, int, error) {
	start := time.Now()
	cs, n, err := is.s.FindCurations(ctx, f)
	return cs, n, is.observe("FindCurations", start, err)
}

// FindMembershipHistory asks the store for it when the store keeps
// histories (readcache), and derives it from FindEvents otherwise.
func (is *instrumentedStore) FindMembershipHistory(ctx context.Context, f entente.EventFilter) (*entente.MembershipHistory, error) {
	start := time.Now()
	h, err := entente.FindMembershipHistory(ctx, is.s, f)
	return h, is.observe("FindMembershipHistory", start, err)
}

func (is *instrumentedStore) Generation(ctx context.Context) (uint64, error) {
	start := time.Now()
	g, err := is.s.Generation(ctx)
	return g, is.observe("Generation", start, err)
}

func (is *instrumentedStore) Ping(ctx context.Context) error {
	start := time.Now()
	return is.observe("Ping", start, is.s.Ping(ctx))
}

// Close does not close the underlying store: its owner does.
func (is *instrumentedStore) Close() error { return nil }
