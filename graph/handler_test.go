package graph_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente/graph"
	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/mock"
)

func TestLimits(t *testing.T) {
	c, h := MustNewClient(t, MustOpenStore(t), graph.Options{MaxBodyBytes: 4096})

	t.Run("deep nesting", func(t *testing.T) {
		q := `{ bloc(id: "BRICS") { ` + strings.Repeat(`timeline { subject { ... on Country { `, 7) + `id` + strings.Repeat(` } } }`, 7) + ` } }`
		e := mustFail(t, c, q, "DEPTH_LIMIT_EXCEEDED")
		if !strings.Contains(e.Message, "12") {
			t.Fatalf("message %q does not give the limit", e.Message)
		}
	})
	t.Run("deep nesting through fragments", func(t *testing.T) {
		q := `{ bloc(id: "BRICS") { ...T } }
		fragment T on Bloc { timeline { ...E } }
		fragment E on Event { subject { ...C } }
		fragment C on Country { timeline { subject { ... on Country { timeline { subject { ... on Country { timeline { subject { ... on Country { timeline { subject { ... on Country { timeline { id } } } } } } } } } } } } } }`
		mustFail(t, c, q, "DEPTH_LIMIT_EXCEEDED")
	})
	t.Run("complexity", func(t *testing.T) {
		q := `{ events(first: 500) { edges { node { sources { article { id } } subject { ... on Country { timeline { sources { quote } } } } } } } }`
		mustFail(t, c, q, "COMPLEXITY_LIMIT_EXCEEDED")
	})
	t.Run("huge first", func(t *testing.T) {
		mustFail(t, c, `{ events(first: 1000000000) { totalCount } }`, "INVALID")
	})
	t.Run("introspection is allowed however deep", func(t *testing.T) {
		mustDo(t, c, `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } }`, nil)
	})
	t.Run("huge body", func(t *testing.T) {
		body := `{"query":"{ blocs { id } }","variables":{"pad":"` + strings.Repeat("x", 5000) + `"}}`
		resp := raw(h, "POST", "/graphql", "application/json", strings.NewReader(body))
		if got, want := resp.StatusCode, http.StatusRequestEntityTooLarge; got != want {
			t.Fatalf("status=%d, want %d: %s", got, want, mustReadAll(t, resp.Body))
		}
		if b := mustReadAll(t, resp.Body); !strings.Contains(b, "TOO_LARGE") {
			t.Fatalf("body %s lacks the code", b)
		}
	})
	t.Run("huge body without a length", func(t *testing.T) {
		body := `{"query":"{ blocs { id } }","variables":{"pad":"` + strings.Repeat("x", 5000) + `"}}`
		r := struct{ *strings.Reader }{strings.NewReader(body)} // hides the length
		resp := raw(h, "POST", "/graphql", "application/json", r)
		if resp.StatusCode < 400 {
			t.Fatalf("status=%d, want an error", resp.StatusCode)
		}
	})
}

// An eventCounts answer over the cap is refused with a clear error, not
// written: thousands of blocs × types × years would be megabytes.
func TestTooManyCounts(t *testing.T) {
	counts := make([]entente.EventCount, graph.MaxEventCounts+1)
	for i := range counts {
		counts[i] = entente.EventCount{Bloc: fmt.Sprintf("B%05d", i), Type: entente.Joined, Year: 2024, Count: 1}
	}
	s := &mock.Store{CountEventsFn: func(context.Context, entente.EventFilter) ([]entente.EventCount, error) { return counts, nil }}
	c, _ := MustNewClient(t, s, graph.Options{})
	e := mustFail(t, c, `{ eventCounts { type year count } }`, "INVALID")
	if !strings.Contains(e.Message, "50000") || !strings.Contains(e.Message, "narrow") {
		t.Fatalf("message %q does not give the cap and what to do", e.Message)
	}
	counts = counts[:graph.MaxEventCounts]
	var got struct{ EventCounts []struct{ Count int } }
	mustDo(t, c, `{ eventCounts { type year count } }`, &got)
	if len(got.EventCounts) != graph.MaxEventCounts {
		t.Fatalf("%d counts at the cap, want %d", len(got.EventCounts), graph.MaxEventCounts)
	}
}

// Requests beyond MaxConcurrent wait for a turn; one that gets none within
// its timeout is answered 503 BUSY, and the next finds a turn again.
func TestAdmission(t *testing.T) {
	s := MustOpenStore(t)
	started, release := make(chan struct{}, 1), make(chan struct{})
	slow := &mock.Store{
		FindEntityFn: func(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
			if id == "SLOW" {
				started <- struct{}{}
				<-release
			}
			return s.FindEntity(ctx, kind, id)
		},
	}
	_, h := MustNewClient(t, slow, graph.Options{MaxConcurrent: 1, Timeout: 100 * time.Millisecond})
	post := func(q string) *http.Response {
		return raw(h, "POST", "/graphql", "application/json", strings.NewReader(`{"query":"`+q+`"}`))
	}
	done := make(chan *http.Response)
	go func() { done <- post(`{ bloc(id: \"SLOW\") { id } }`) }()
	<-started
	resp := post(`{ bloc(id: \"BRICS\") { id } }`)
	body := mustReadAll(t, resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "BUSY") || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("second request while the first runs: %d %s (Retry-After %q), want 503 BUSY", resp.StatusCode, body, resp.Header.Get("Retry-After"))
	}
	close(release)
	<-done
	if resp := post(`{ bloc(id: \"BRICS\") { id } }`); resp.StatusCode != http.StatusOK {
		t.Fatalf("after the first finished: status %d, want 200", resp.StatusCode)
	}
}

func TestTimeout(t *testing.T) {
	s := MustOpenStore(t)
	slow := &mock.Store{
		FindEntityFn: func(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
			select {
			case <-ctx.Done():
				return nil, fmt.Errorf("find entity: %w", ctx.Err())
			case <-time.After(5 * time.Second):
				return s.FindEntity(ctx, kind, id)
			}
		},
	}
	c, _ := MustNewClient(t, slow, graph.Options{Timeout: 50 * time.Millisecond})
	start := time.Now()
	e := mustFail(t, c, `{ bloc(id: "BRICS") { id } }`, "TIMEOUT")
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("timed out after %v", d)
	}
	if strings.Contains(e.Message, "context") {
		t.Fatalf("message %q leaks internals", e.Message)
	}
}

func TestStoreOutage(t *testing.T) {
	for _, tt := range []struct {
		name, code, message string
		err                 error
	}{
		{"unavailable", "UNAVAILABLE", "The store cannot be reached.", entente.Errorf(entente.EUNAVAILABLE, "The store cannot be reached.")},
		{"driver error", "INTERNAL", "Internal error.", errors.New("dial tcp 10.0.0.7:7687: connection refused (secret driver detail)")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			c, h := MustNewClient(t, mock.Down(tt.err), graph.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})

			resp := raw(h, "GET", "/healthz", "", nil)
			if got, want := resp.StatusCode, http.StatusServiceUnavailable; got != want {
				t.Fatalf("healthz status=%d, want %d", got, want)
			}
			for _, q := range []string{
				`{ bloc(id: "BRICS") { id } }`,
				`{ events { totalCount } }`,
				`{ membershipMatrix { asOf } }`,
			} {
				e := mustFail(t, c, q, tt.code)
				if e.Message != tt.message {
					t.Fatalf("%s: message=%q, want %q", q, e.Message, tt.message)
				}
			}
			body := mustReadAll(t, raw(h, "POST", "/graphql", "application/json", strings.NewReader(`{"query":"{ blocs { id } }"}`)).Body)
			for _, leak := range []string{"secret", "goroutine", ".go:"} {
				if strings.Contains(body, leak) {
					t.Fatalf("response leaks %q: %s", leak, body)
				}
			}
			if tt.code == "INTERNAL" && !strings.Contains(logs.String(), "secret driver detail") {
				t.Fatalf("the internal error was not logged: %s", logs.String())
			}
		})
	}
}

func TestPanicIsInternalError(t *testing.T) {
	var logs bytes.Buffer
	c, _ := MustNewClient(t, &mock.Store{}, graph.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}) // every call panics
	e := mustFail(t, c, `{ bloc(id: "BRICS") { id } }`, "INTERNAL")
	if e.Message != "Internal error." {
		t.Fatalf("message=%q", e.Message)
	}
	if !strings.Contains(logs.String(), "unexpected call to FindEntity") {
		t.Fatalf("the panic was not logged: %s", logs.String())
	}
}

func TestHealthzAndMetrics(t *testing.T) {
	c, h := MustNewClient(t, MustOpenStore(t), graph.Options{})
	if resp := raw(h, "GET", "/healthz", "", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz status=%d, want 200", resp.StatusCode)
	}
	mustDo(t, c, `query SeedQuestion { bloc(id: "BRICS") { timeline { sources { quote } } } }`, nil)
	body := mustReadAll(t, raw(h, "GET", "/metrics", "", nil).Body)
	for _, want := range []string{
		`entente_graphql_requests_total{operation="SeedQuestion",outcome="ok",type="query"} 1`,
		`entente_graphql_request_duration_seconds_count{operation="SeedQuestion"} 1`,
		`entente_store_call_duration_seconds_count{method="FindSources"} `,
		`entente_store_call_duration_seconds_count{method="FindEvents"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s:\n%s", want, grepLines(body, "entente_"))
		}
	}
	if resp := raw(h, "GET", "/", "", nil); resp.StatusCode != http.StatusOK || !strings.Contains(mustReadAll(t, resp.Body), "graphiql") {
		t.Errorf("GET / is not GraphiQL")
	}
}

// countingStore counts store calls by method.
type countingStore struct {
	entente.Store
	mu    sync.Mutex
	calls map[string]int
}

func (s *countingStore) count(m string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[m]++
}

func (s *countingStore) FindSources(ctx context.Context, ids []string) (map[string][]*entente.Source, error) {
	s.count("FindSources")
	return s.Store.FindSources(ctx, ids)
}

func (s *countingStore) FindArticles(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	s.count("FindArticles")
	return s.Store.FindArticles(ctx, f)
}

func (s *countingStore) FindEntities(ctx context.Context, f entente.EntityFilter) ([]*entente.Entity, int, error) {
	s.count("FindEntities")
	return s.Store.FindEntities(ctx, f)
}

func (s *countingStore) FindEntity(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
	s.count("FindEntity")
	return s.Store.FindEntity(ctx, kind, id)
}

// Nested lists are batched: one store call per level, however many events.
func TestNoNPlusOne(t *testing.T) {
	s := &countingStore{Store: MustOpenStore(t), calls: map[string]int{}}
	c, _ := MustNewClient(t, s, graph.Options{})
	mustDo(t, c, `{ events(first: 100) { edges { node {
		subject { id name } bloc { name } place { name }
		sources { quote article { url title published } } } } } }`, nil)
	want := map[string]int{"FindSources": 1, "FindArticles": 1, "FindEntities": 2} // countries and persons, blocs: one batch per kind
	for m, n := range want {
		if got := s.calls[m]; got > n+1 || got == 0 {
			t.Errorf("%s called %d times, want about %d", m, got, n)
		}
	}
	if s.calls["FindEntity"] != 0 {
		t.Errorf("FindEntity called %d times, want 0", s.calls["FindEntity"])
	}
}

func TestGETAndContentTypes(t *testing.T) {
	_, h := MustNewClient(t, MustOpenStore(t), graph.Options{})
	q := url.Values{"query": {`{ bloc(id: "BRICS") { id } }`}}
	r := raw(h, "GET", "/graphql?"+q.Encode(), "", nil)
	if body := mustReadAll(t, r.Body); r.StatusCode != 200 || !strings.Contains(body, `"id":"BRICS"`) {
		t.Fatalf("GET: status %d, body %s", r.StatusCode, body)
	}
	m := url.Values{"query": {`mutation { __typename }`}}
	if r := raw(h, "GET", "/graphql?"+m.Encode(), "", nil); r.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("mutation over GET: status %d, want 405", r.StatusCode)
	}
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) && !strings.HasPrefix(l, "#") && !strings.Contains(l, "_bucket") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
