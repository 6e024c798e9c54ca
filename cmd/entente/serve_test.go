package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente/internal/neo4j/neo4jtest"
)

// syncBuffer is a bytes.Buffer safe to write from the server goroutine while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// MustServe runs `entente serve` on a free port over store and returns the
// GraphQL URL and a function that stops the server (as SIGINT would) and
// returns Run's error.
func MustServe(tb testing.TB, store string) (url string, stop func() error) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--store", store, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &stdout, &stderr)
	}()
	re := regexp.MustCompile(`http://\S+/graphql`)
	deadline := time.Now().Add(10 * time.Second)
	for url == "" {
		select {
		case err := <-done:
			cancel()
			tb.Fatalf("serve exited: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			tb.Fatalf("serve printed no address: %q %q", stdout.String(), stderr.String())
		}
		url = re.FindString(stdout.String())
		time.Sleep(10 * time.Millisecond)
	}
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(15 * time.Second):
				tb.Fatal("serve did not stop after its context ended")
			}
		})
		return err
	}
	tb.Cleanup(func() { stop() })
	return url, stop
}

// postQuery posts a GraphQL query and decodes the response.
func postQuery(tb testing.TB, url, query string) (status int, resp struct {
	Data   map[string]any
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}) {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	r, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("post: %v", err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(b, &resp); err != nil {
		tb.Fatalf("decode %s: %v", b, err)
	}
	return r.StatusCode, resp
}

func TestServe(t *testing.T) {
	url, stop := MustServe(t, "sqlite:"+filepath.Join(t.TempDir(), "entente.db"))
	base := strings.TrimSuffix(url, "/graphql")

	r, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusOK {
		t.Fatalf("healthz status=%d, want 200", r.StatusCode)
	}

	status, resp := postQuery(t, url, `{ bloc(id: "BRICS") { id } blocs { id } }`)
	if status != http.StatusOK || len(resp.Errors) > 0 {
		t.Fatalf("query: status %d, errors %+v", status, resp.Errors)
	}
	if got := resp.Data["bloc"]; got != nil {
		t.Fatalf("bloc in an empty store=%v, want null", got)
	}

	_, resp = postQuery(t, url, `{ membershipMatrix(asOf: "2024-02-30") { asOf } }`)
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "INVALID" || !strings.Contains(resp.Errors[0].Message, "asOf") {
		t.Fatalf("bad date: errors %+v, want one INVALID naming asOf", resp.Errors)
	}

	if err := stop(); err != nil {
		t.Fatalf("serve returned %v after shutdown, want nil", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}

func TestServeUsage(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"an argument", []string{"serve", "extra"}},
		{"an unknown flag", []string{"serve", "--port", "80"}},
		{"an unknown store", []string{"serve", "--store", "mongodb://x", "--addr", "127.0.0.1:0"}},
		{"a negative read cache", []string{"serve", "--read-cache", "-1", "--addr", "127.0.0.1:0"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := Run(context.Background(), tt.args, strings.NewReader(""), io.Discard, &stderr)
			if got, want := exitCode(err, io.Discard), 2; got != want {
				t.Fatalf("exit code=%d (%v), want %d", got, err, want)
			}
		})
	}
	t.Run("an address in use", func(t *testing.T) {
		url, _ := MustServe(t, "sqlite:"+filepath.Join(t.TempDir(), "a.db"))
		addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/graphql")
		err := Run(context.Background(), []string{"serve", "--store", "sqlite:" + filepath.Join(t.TempDir(), "b.db"), "--addr", addr},
			strings.NewReader(""), io.Discard, io.Discard)
		if got, want := exitCode(err, io.Discard), 1; got != want || !strings.Contains(err.Error(), addr) {
			t.Fatalf("exit code=%d (%v), want %d naming %s", got, err, want, addr)
		}
	})
}

// postAs posts a GraphQL request with variables and an API key.
func postAs(tb testing.TB, url, key, query string, vars map[string]any, out any) []struct {
	Message    string
	Extensions map[string]any
} {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("post: %v", err)
	}
	defer r.Body.Close()
	var resp struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.NewDecoder(r.Body).Decode(&resp); err != nil {
		tb.Fatalf("decode: %v", err)
	}
	if out != nil && len(resp.Data) > 0 {
		if err := json.Unmarshal(resp.Data, out); err != nil {
			tb.Fatalf("decode data: %v", err)
		}
	}
	return resp.Errors
}

// The seed question end to end over HTTP: the dev articles ingested through
// the ingestArticle mutation into a fresh embedded store, then asked which
// countries joined or declined BRICS.
func TestServeSeedQuestion(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		testSeedQuestion(t, "sqlite:"+filepath.Join(t.TempDir(), "entente.db"))
	})
	t.Run("neo4j", func(t *testing.T) {
		uri, user, pass := neo4jtest.Lock(t)
		neo4jtest.Wipe(t)
		t.Setenv("ENTENTE_NEO4J_USER", user)
		t.Setenv("ENTENTE_NEO4J_PASSWORD", pass)
		testSeedQuestion(t, uri)
	})
}

func testSeedQuestion(t *testing.T, store string) {
	dev, _ := filepath.Glob("../../../shared/eval/dev/*.json")
	if len(dev) == 0 {
		t.Skip("no ../shared/eval/dev articles here")
	}
	t.Setenv("ENTENTE_API_KEYS", "test-key, other")
	url, _ := MustServe(t, store)

	const ingestQ = `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { outcome article { id } claims { type } } }`
	for _, path := range dev {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var a struct {
			ID, Text       string
			URL, Published *string
		}
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		in := map[string]any{"id": a.ID, "text": a.Text, "url": a.URL, "published": a.Published}
		var out struct{ IngestArticle struct{ Outcome string } }
		if errs := postAs(t, url, "test-key", ingestQ, map[string]any{"in": in}, &out); len(errs) > 0 {
			t.Fatalf("ingest %s: %+v", path, errs)
		}
		if got := out.IngestArticle.Outcome; got != "CREATED" && got != "DUPLICATE" {
			t.Fatalf("ingest %s: outcome %s", path, got)
		}
	}
	// Again: nothing changes.
	b, _ := os.ReadFile(dev[0])
	var a struct{ ID, Text string }
	json.Unmarshal(b, &a)
	var again struct{ IngestArticle struct{ Outcome string } }
	postAs(t, url, "test-key", ingestQ, map[string]any{"in": map[string]any{"id": a.ID, "text": a.Text}}, &again)
	if got := again.IngestArticle.Outcome; got != "DUPLICATE" && got != "UNCHANGED" {
		t.Fatalf("ingesting %s again: outcome %s, want DUPLICATE or UNCHANGED", dev[0], got)
	}

	var rp struct {
		Reprocess struct{ Read, UpToDate, Failed int }
	}
	if errs := postAs(t, url, "other", `mutation { reprocess { read upToDate failed } }`, nil, &rp); len(errs) > 0 {
		t.Fatalf("reprocess: %+v", errs)
	}
	if got := rp.Reprocess; got.Read == 0 || got.UpToDate != got.Read || got.Failed != 0 {
		t.Errorf("reprocess=%+v, want every article read and up to date", got)
	}
	if errs := postAs(t, url, "", `mutation { reprocess { read } }`, nil, nil); len(errs) != 1 || errs[0].Extensions["code"] != "UNAUTHORIZED" {
		t.Errorf("reprocess without a key: errors %+v, want UNAUTHORIZED", errs)
	}

	var resp struct {
		Bloc struct {
			Timeline []struct {
				Type    string
				Date    *string
				Subject struct{ ISO3 string }
				Sources []struct {
					Quote   string
					Article struct{ ID string }
				}
			}
		}
	}
	errs := postAs(t, url, "", `{ bloc(id: "BRICS") { timeline(filter: {types: [JOINED, DECLINED]}) {
		type date subject { ... on Country { iso3 } } sources { quote article { id url title published } } } } }`, nil, &resp)
	if len(errs) > 0 {
		t.Fatalf("query: %+v", errs)
	}
	got := map[string]string{}
	for _, e := range resp.Bloc.Timeline {
		if len(e.Sources) == 0 || e.Sources[0].Quote == "" {
			t.Errorf("%s %s has no quoted source", e.Type, e.Subject.ISO3)
		}
		if e.Date != nil {
			got[e.Type+" "+e.Subject.ISO3] = *e.Date
		}
	}
	for key, prefix := range map[string]string{
		"JOINED EGY": "2024", "JOINED ETH": "2024", "JOINED IRN": "2024", "JOINED ARE": "2024",
		"JOINED ZAF": "2010-12", "DECLINED KAZ": "2024-10-16",
	} {
		if !strings.HasPrefix(got[key], prefix) {
			t.Errorf("%s dated %q, want %s", key, got[key], prefix)
		}
	}
	if t.Failed() {
		t.Logf("timeline: %v", got)
	}
}

// The server's read cache keeps answers only until a write: articles that
// another process ingests into the same SQLite file show in the very next
// query.
func TestServeSeesAnotherProcessIngest(t *testing.T) {
	store := "sqlite:" + filepath.Join(t.TempDir(), "entente.db")
	url, _ := MustServe(t, store)
	const q = `{ events(first: 1) { totalCount } blocs { id }
		bloc(id: "NATO") { timeline(filter: {types: [JOINED]}) { subject { name } } } }`
	for range 2 { // asked, then answered from the cache
		_, resp := postQuery(t, url, q)
		if len(resp.Errors) > 0 || resp.Data["bloc"] != nil || fmt.Sprint(resp.Data["events"]) != "map[totalCount:0]" {
			t.Fatalf("before ingest: %+v %+v, want no events and bloc null", resp.Data, resp.Errors)
		}
	}
	if _, stderr, err := ingestCLI(context.Background(), nil, "ingest", "--store", store, "../../samples"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	_, resp := postQuery(t, url, q)
	bloc, _ := resp.Data["bloc"].(map[string]any)
	if len(resp.Errors) > 0 || bloc == nil || !strings.Contains(fmt.Sprint(bloc["timeline"]), "Finland") ||
		fmt.Sprint(resp.Data["events"]) == "map[totalCount:0]" || !strings.Contains(fmt.Sprint(resp.Data["blocs"]), "NATO") {
		t.Fatalf("after another process ingested: %+v %+v, want NATO with Finland joining", resp.Data, resp.Errors)
	}
	r, err := http.Get(strings.TrimSuffix(url, "/graphql") + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	for _, want := range []string{`entente_read_cache_misses_total{method="FindEntity"} 3`, "entente_read_cache_invalidations_total", "entente_read_cache_bytes"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
