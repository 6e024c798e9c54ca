// Command loadbench measures Entente's six API questions under load: on a
// generated graph (internal/storetest.Generate), each question is asked by
// 1, 16 and 64 concurrent clients in three forms, and it prints throughput
// and p50/p99 latency of each:
//
//   - gql: the GraphQL query over HTTP (graph.NewHandler on a local port);
//   - store: the store calls the resolvers make, in process;
//   - plain: the same store calls behind a bare HTTP handler that answers
//     with bytes of the GraphQL answer's size, so that gql against plain is
//     the API layer's own work with the same client and transport costs on
//     both sides (clients, server and store share the machine's cores).
//
// Before the table it asks each question once each way and prints the
// store calls made, so that one can check the direct form asks what the
// resolvers ask.
//
//	go run ./scripts/loadbench                     # 5,000 articles, 2s per cell
//	go run ./scripts/loadbench -graph large -articles 100000 -db /tmp/bench.db -duration 3s
//	ENTENTE_NEO4J_USER=neo4j ENTENTE_NEO4J_PASSWORD=… go run ./scripts/loadbench -neo4j bolt://127.0.0.1:7687
//
// The database is kept (-db) and reused when it already holds the graph, so
// a large graph is generated once; -fillfor stores it in parts, each run
// going on where the last stopped. Writing to Neo4j needs the Neo4j lock
// that tests take (internal/neo4j/neo4jtest), or a server of its own.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/entente/entente/graph"
	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j"
	"github.com/entente/entente/internal/readcache"
	"github.com/entente/entente/internal/sqlite"
	"github.com/entente/entente/internal/storetest"
	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

type config struct {
	articles int
	seed     uint64
	db       string
	duration time.Duration
	clients  []int
	only     string
	fillFor  time.Duration
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	var cfg config
	fs := flag.NewFlagSet("loadbench", flag.ContinueOnError)
	fs.IntVar(&cfg.articles, "articles", 5000, "articles in the generated graph")
	shape := fs.String("graph", "small", "generated graph: small (storetest.SmallGraph, 2.4 events per article) or large (storetest.LargeGraph, 10 events per article over many more entities)")
	fs.Uint64Var(&cfg.seed, "seed", 1, "generator seed")
	fs.StringVar(&cfg.db, "db", "", "SQLite file to keep the graph in (default: a temporary file)")
	wipe := fs.Bool("wipe", false, "with -neo4j: delete everything in the database first")
	neo4jURI := fs.String("neo4j", "", "benchmark this Neo4j server instead (user and password from ENTENTE_NEO4J_USER/_PASSWORD)")
	fs.DurationVar(&cfg.fillFor, "fillfor", 0, "stop storing the graph after this long (0: store it all); a later run goes on where it stopped")
	fs.DurationVar(&cfg.duration, "duration", 2*time.Second, "how long each cell runs")
	clients := fs.String("clients", "1,16,64", "concurrent client counts")
	fs.StringVar(&cfg.only, "only", "", "run only the questions whose names contain one of these comma-separated words")
	wait := fs.Duration("loaderwait", graph.DefaultLoaderWait, "dataloader wait")
	timeout := fs.Duration("timeout", 30*time.Second, "per-request timeout, over HTTP and on the store")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the runs to this file")
	readers := fs.Int("readers", 8, "SQLite: connections that serve reads in parallel")
	cacheMiB := fs.Int("cache", readcache.DefaultMaxBytes>>20, "MiB of the read cache all three forms ask through, as entente serve does (0: none)")
	warmup := fs.Duration("warmup", 0, "ask each question for this long, unmeasured, before its cells (a server that has run for a while has a warm read cache)")
	mmap := fs.Int("mmap", sqlite.NewStore("").MmapMiB, "SQLite: MiB of the database file the readers map into memory (sqlite.Store.MmapMiB; 0: none)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, f := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("bad -clients %q", *clients)
		}
		cfg.clients = append(cfg.clients, n)
	}
	switch *shape {
	case "small":
		gen = storetest.SmallGraph
	case "large":
		gen = storetest.LargeGraph
	default:
		return fmt.Errorf("bad -graph %q: small or large", *shape)
	}
	if cfg.db == "" {
		dir, err := os.MkdirTemp("", "loadbench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.db = filepath.Join(dir, "bench.db")
	}

	var store entente.Store
	if *neo4jURI != "" {
		n := neo4j.NewStore(*neo4jURI)
		n.User, n.Password = os.Getenv("ENTENTE_NEO4J_USER"), os.Getenv("ENTENTE_NEO4J_PASSWORD")
		if *wipe {
			if err := wipeNeo4j(ctx, n.URI, n.User, n.Password); err != nil {
				return err
			}
		}
		if err := n.Open(ctx); err != nil {
			return fmt.Errorf("open neo4j: %w", err)
		}
		cfg.db = *neo4jURI
		store = n
	} else {
		s := sqlite.NewStore(cfg.db)
		s.MaxReaders = *readers
		s.MmapMiB = *mmap
		if err := s.Open(ctx); err != nil {
			return fmt.Errorf("open store: %w", err)
		}
		store = s
	}
	defer store.Close()
	if err := fill(ctx, store, cfg, stdout); err != nil {
		if errors.Is(err, errFillStopped) {
			fmt.Fprintln(stdout, err)
			return nil
		}
		return err
	}
	_, nEvents, err := store.FindEvents(ctx, entente.EventFilter{Limit: 1})
	if err != nil {
		return err
	}
	_, nArticles, err := store.FindArticles(ctx, entente.ArticleFilter{Limit: 1})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "graph: %d articles, %d events (%s)\n\n", nArticles, nEvents, cfg.db)

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	logger := slog.New(slog.DiscardHandler)
	opts := graph.Options{Logger: logger, Timeout: *timeout, LoaderWait: *wait}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}}
	bodies, err := checkParity(ctx, stdout, store, hc, opts, cfg.only)
	if err != nil {
		return err
	}
	// What the forms ask: the store through the read cache, as entente
	// serve has it (the parity check above asked the store itself).
	var cache *readcache.Store
	reads := store
	if *cacheMiB > 0 {
		cache = readcache.New(store, int64(*cacheMiB)<<20)
		readcache.TuneGC(int64(*cacheMiB) << 20) // as entente serve does
		reads = cache
	}
	srv := httptest.NewServer(graph.NewHandler(&graph.Resolver{Store: reads}, opts))
	defer srv.Close()

	// The store asked over plain HTTP: the same client, transport and
	// answer bytes as GraphQL, without gqlgen, so that the difference to
	// GraphQL is the API layer's own work under the same harness.
	plain := httptest.NewServer(plainHandler(reads, *timeout, bodies))
	defer plain.Close()

	fmt.Fprintln(stdout, "gql: GraphQL over HTTP; store: the store calls in process; plain: the store calls behind a bare HTTP handler that writes an answer of the GraphQL answer's size.")
	fmt.Fprintln(stdout, "overhead: gql over store (raw), and gql over plain (the API layer alone, client and transport on both sides); p50 / p99.")
	if cache != nil {
		fmt.Fprintf(stdout, "read cache: %d MiB; hit%%: of the store reads a cell's three forms made, the share the cache answered.\n", *cacheMiB)
	}
	fmt.Fprintf(stdout, "%-16s %3s | %7s %8s %8s | %7s %8s %8s | %7s %8s %8s | %-13s %-13s %5s %s\n",
		"question", "n", "gql q/s", "p50 ms", "p99 ms", "sto q/s", "p50 ms", "p99 ms", "pln q/s", "p50 ms", "p99 ms", "vs store", "vs plain", "hit%", "timeouts")
	for _, q := range questions {
		if !selected(q.name, cfg.only) {
			continue
		}
		if *warmup > 0 {
			var warm sample
			if err := warm.run(ctx, 16, *warmup, func(ctx context.Context, r *rand.Rand) error {
				return postGraphQL(ctx, hc, srv.URL+"/graphql", q.query, q.vars(r))
			}); err != nil {
				return fmt.Errorf("%s: warm-up: %w", q.name, err)
			}
		}
		for _, n := range cfg.clients {
			hits0, misses0 := cacheCounts(cache)
			res, err := compare(ctx, n, cfg.duration,
				func(ctx context.Context, r *rand.Rand) error {
					return postGraphQL(ctx, hc, srv.URL+"/graphql", q.query, q.vars(r))
				},
				func(ctx context.Context, r *rand.Rand) error {
					ctx, cancel := context.WithTimeout(ctx, *timeout)
					defer cancel()
					err := q.direct(readcache.WithRequest(ctx), reads, q.vars(r))
					if entente.ErrorCode(err) == entente.ENOTFOUND {
						return nil // GraphQL answers null
					}
					return err
				},
				func(ctx context.Context, r *rand.Rand) error {
					return postGraphQL(ctx, hc, plain.URL+"/"+q.name, q.query, q.vars(r))
				})
			if err != nil {
				return fmt.Errorf("%s: %w", q.name, err)
			}
			g, st, pl := res[0], res[1], res[2]
			timeouts := ""
			if g.errs+st.errs+pl.errs > 0 {
				timeouts = fmt.Sprintf("%d/%d/%d", g.errs, st.errs, pl.errs)
			}
			over := func(a, b result) string {
				return fmt.Sprintf("%+.0f%%/%+.0f%%", 100*(float64(a.p50)/float64(b.p50)-1), 100*(float64(a.p99)/float64(b.p99)-1))
			}
			hit := "-"
			if hits, misses := cacheCounts(cache); hits+misses > hits0+misses0 {
				hit = fmt.Sprintf("%.0f", 100*(hits-hits0)/(hits+misses-hits0-misses0))
			}
			fmt.Fprintf(stdout, "%-16s %3d | %7.1f %8.2f %8.2f | %7.1f %8.2f %8.2f | %7.1f %8.2f %8.2f | %-13s %-13s %5s %s\n",
				q.name, n, g.qps, ms(g.p50), ms(g.p99), st.qps, ms(st.p50), ms(st.p99), pl.qps, ms(pl.p50), ms(pl.p99),
				over(g, st), over(g, pl), hit, timeouts)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Fprintf(stdout, "\nmemory at the end: Go heap in use %d MiB (the read cache's own estimate of what it holds: %d MiB), max RSS %d MiB (SQLite's page caches, and the database file's pages once per reader connection that maps them)\n",
		ms.HeapInuse>>20, cacheBytes(cache)>>20, ru.Maxrss>>10)
	return nil
}

// cacheBytes returns the read cache's estimate of its size.
func cacheBytes(c *readcache.Store) int64 {
	if c == nil {
		return 0
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	mfs, _ := reg.Gather()
	for _, mf := range mfs {
		if mf.GetName() == "entente_read_cache_bytes" {
			return int64(mf.GetMetric()[0].GetGauge().GetValue())
		}
	}
	return 0
}

// cacheCounts returns the read cache's hits and misses so far, over every
// method; zeros without a cache.
func cacheCounts(c *readcache.Store) (hits, misses float64) {
	if c == nil {
		return 0, 0
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	mfs, err := reg.Gather()
	if err != nil {
		return 0, 0
	}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			switch mf.GetName() {
			case "entente_read_cache_hits_total":
				hits += m.GetCounter().GetValue()
			case "entente_read_cache_misses_total":
				misses += m.GetCounter().GetValue()
			}
		}
	}
	return hits, misses
}

// errFillStopped says that fill stored part of the graph in the time it
// was given.
var errFillStopped = errors.New("the graph is not complete: run again to go on storing it")

// checkParity runs parity over a handler of its own, on a counting store.
// It returns each question's GraphQL answer.
func checkParity(ctx context.Context, stdout io.Writer, store entente.Store, hc *http.Client, opts graph.Options, only string) (map[string][]byte, error) {
	cs := &countingStore{Store: store}
	srv := httptest.NewServer(graph.NewHandler(&graph.Resolver{Store: cs}, opts))
	defer srv.Close()
	bodies := map[string][]byte{}
	return bodies, parity(ctx, stdout, cs, only,
		func(ctx context.Context, q question, vars map[string]any) error {
			b, err := fetchGraphQL(ctx, hc, srv.URL+"/graphql", q.query, vars)
			bodies[q.name] = b
			return err
		},
		func(ctx context.Context, q question, vars map[string]any) error {
			err := q.direct(ctx, cs, vars)
			if entente.ErrorCode(err) == entente.ENOTFOUND {
				return nil
			}
			return err
		})
}

// fill generates the graph unless the store already holds it. A store
// holding a first part of it (a fill stopped by -fillfor) gets the rest:
// the generator yields the same articles, in id order, whatever their
// number, and storing an article again changes nothing, so it resumes at
// the batch that was being stored.
func fill(ctx context.Context, s entente.Store, cfg config, stdout io.Writer) error {
	_, have, err := s.FindArticles(ctx, entente.ArticleFilter{Limit: 1})
	if err != nil {
		return err
	}
	if have >= cfg.articles {
		return nil
	}
	const batch = 500
	skip := have - have%batch
	if skip > 0 {
		last, _, err := s.FindArticles(ctx, entente.ArticleFilter{Offset: skip - 1, Limit: 1})
		if err != nil {
			return err
		}
		if len(last) == 0 || last[0].ID != storetest.ArticleID(skip-1) {
			return fmt.Errorf("%s holds %d articles, not the first of the generated %d: remove it or pass another -db", cfg.db, have, cfg.articles)
		}
	}
	start := time.Now()
	fmt.Fprintf(stdout, "generating %d articles (from %d)...\n", cfg.articles, skip)
	var articles []*entente.Article
	stored := skip
	flush := func() error {
		if _, err := s.UpsertArticles(ctx, articles); err != nil {
			return fmt.Errorf("store articles: %w", err)
		}
		stored += len(articles)
		articles = articles[:0]
		if stored%(20*batch) == 0 {
			fmt.Fprintf(stdout, "  %d/%d stored (%s)\n", stored, cfg.articles, time.Since(start).Round(time.Second))
		}
		return nil
	}
	i := 0
	for a := range storetest.Generate(cfg.articles, cfg.seed, gen) {
		if i++; i <= skip {
			continue
		}
		if articles = append(articles, a); len(articles) == batch {
			if err := flush(); err != nil {
				return err
			}
			if cfg.fillFor > 0 && time.Since(start) > cfg.fillFor && stored < cfg.articles {
				fmt.Fprintf(stdout, "stored %d/%d in %s\n", stored, cfg.articles, time.Since(start).Round(time.Second))
				return errFillStopped
			}
		}
	}
	if len(articles) > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "stored in %s\n", time.Since(start).Round(time.Second))
	return nil
}

type result struct {
	qps      float64
	p50, p99 time.Duration
	errs     int // requests that timed out
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// compare runs the forms of a question (GraphQL, direct, plain HTTP) in
// alternating rounds of half a second (or d, if shorter), so that a machine
// whose load changes during the run weighs on each alike, and reports each.
func compare(ctx context.Context, n int, d time.Duration, forms ...func(context.Context, *rand.Rand) error) ([]result, error) {
	samples := make([]sample, len(forms))
	round := min(d, 500*time.Millisecond)
	// A round ends when its requests do, so it can last far longer than
	// planned (64 clients of a question that takes seconds): the cell ends
	// once every form has run for d in all.
	for spent := time.Duration(0); spent < d; {
		spent = d
		for i, op := range forms {
			if err := samples[i].run(ctx, n, round, op); err != nil {
				return nil, fmt.Errorf("%s: %w", formNames[i], err)
			}
			spent = min(spent, samples[i].elapsed)
		}
	}
	out := make([]result, len(forms))
	for i := range samples {
		out[i] = samples[i].result()
	}
	return out, nil
}

var formNames = []string{"over GraphQL", "on the store", "over plain HTTP"}

// sample accumulates latencies over rounds.
type sample struct {
	lat     []time.Duration
	elapsed time.Duration
	errs    int
	lastErr error
}

// run runs op from n goroutines for d. A timed-out request is counted as
// an error and the run goes on; any other error stops it.
func (s *sample) run(ctx context.Context, n int, d time.Duration, op func(context.Context, *rand.Rand) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for i := range n {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), uint64(start.UnixNano())))
			var mine []time.Duration
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t := time.Now()
				if err := op(ctx, r); err != nil {
					if !timedOut(err) {
						cancel(err)
						return
					}
					mu.Lock()
					s.errs, s.lastErr = s.errs+1, err
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			s.lat = append(s.lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	s.elapsed += time.Since(start)
	return context.Cause(ctx)
}

// timedOut reports whether err says a request ran out of time: the API's
// TIMEOUT error, or a store's deadline, which a driver may wrap in errors
// of its own.
// timedOut reports an answer that ran out of time, or found no turn to
// run (503 BUSY): counted, not fatal.
func timedOut(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) ||
		strings.Contains(err.Error(), "took too long") || strings.Contains(err.Error(), "context deadline exceeded") ||
		strings.Contains(err.Error(), "(status 503)")
}

func (s *sample) result() result {
	if len(s.lat) == 0 {
		return result{errs: s.errs}
	}
	slices.Sort(s.lat)
	pct := func(p float64) time.Duration { return s.lat[min(len(s.lat)-1, int(p*float64(len(s.lat))))] }
	return result{qps: float64(len(s.lat)) / s.elapsed.Seconds(), p50: pct(0.50), p99: pct(0.99), errs: s.errs}
}

// postGraphQL posts one query and fails on any GraphQL error. It only
// reads the answer and looks at its start: gqlgen writes "errors" before
// "data", so an answer with errors begins {"errors". That keeps the
// clients, which share the machine's cores with the server, from spending
// them on decoding answers, as a load generator should; parity decodes
// every answer in full once (fetchGraphQL).
func postGraphQL(ctx context.Context, hc *http.Client, url, query string, vars map[string]any) error {
	buf := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(buf)
	buf.Reset()
	status, err := post(ctx, hc, url, query, vars, buf)
	if err != nil {
		return err
	}
	if status == http.StatusOK && bytes.HasPrefix(buf.Bytes(), []byte(`{"data":`)) {
		return nil
	}
	return check(status, buf.Bytes(), vars)
}

// fetchGraphQL posts one query, decodes the answer in full and returns it.
func fetchGraphQL(ctx context.Context, hc *http.Client, url, query string, vars map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	status, err := post(ctx, hc, url, query, vars, &buf)
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), check(status, buf.Bytes(), vars)
}

func post(ctx context.Context, hc *http.Client, url, query string, vars map[string]any, buf *bytes.Buffer) (int, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return 0, fmt.Errorf("read response: %w", err)
	}
	return resp.StatusCode, nil
}

// check fails on an answer with errors or without data.
func check(status int, body []byte, vars map[string]any) error {
	var out struct {
		Errors []struct{ Message string }
		Data   json.RawMessage
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return fmt.Errorf("decode response (status %d): %w", status, err)
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("graphql error (status %d): %s (variables %v)", status, out.Errors[0].Message, vars)
	}
	if len(out.Data) == 0 || string(out.Data) == "null" {
		return fmt.Errorf("no data (status %d, variables %v)", status, vars)
	}
	return nil
}

// plainHandler answers POST /QUESTION (a GraphQL request body) by making
// the question's store calls, as the direct form does, and writing body,
// the question's GraphQL answer from parity: an answer of the same size.
func plainHandler(store entente.Store, timeout time.Duration, bodies map[string][]byte) http.Handler {
	mux := http.NewServeMux()
	for _, q := range questions {
		mux.HandleFunc("POST /"+q.name, func(w http.ResponseWriter, r *http.Request) {
			var req struct{ Variables map[string]any }
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			defer cancel()
			// One request, as the API scopes a query (readcache.WithRequest).
			err := q.direct(readcache.WithRequest(ctx), store, stringLists(req.Variables))
			if err != nil && entente.ErrorCode(err) != entente.ENOTFOUND {
				msg := err.Error()
				if timedOut(err) {
					msg = "The request took too long and was stopped." // as the API says it
				}
				w.Header().Set("Content-Type", "application/json")
				json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]string{{"message": msg}}})
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.Write(bodies[q.name])
		})
	}
	return mux
}

// stringLists turns the JSON arrays of vars back into []string, as the
// questions' vars make them.
func stringLists(vars map[string]any) map[string]any {
	for k, v := range vars {
		if list, ok := v.([]any); ok {
			ss := make([]string, len(list))
			for i, x := range list {
				ss[i], _ = x.(string)
			}
			vars[k] = ss
		}
	}
	return vars
}

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// wipeNeo4j deletes every node, in batches that fit the transaction memory
// limit.
func wipeNeo4j(ctx context.Context, uri, user, pass string) error {
	d, err := neo4jdrv.NewDriverWithContext(uri, neo4jdrv.BasicAuth(user, pass, ""))
	if err != nil {
		return fmt.Errorf("neo4j driver: %w", err)
	}
	defer d.Close(ctx)
	for {
		res, err := neo4jdrv.ExecuteQuery(ctx, d, `MATCH (n) WITH n LIMIT 2000 DETACH DELETE n RETURN count(*) AS n`,
			nil, neo4jdrv.EagerResultTransformer)
		if err != nil {
			return fmt.Errorf("wipe neo4j: %w", err)
		}
		if n, _ := res.Records[0].Get("n"); n.(int64) == 0 {
			return nil
		}
	}
}

// selected reports whether a question's name contains one of the
// comma-separated words of only; every question is when only is empty.
func selected(name, only string) bool {
	if only == "" {
		return true
	}
	for _, w := range strings.Split(only, ",") {
		if w != "" && strings.Contains(name, w) {
			return true
		}
	}
	return false
}
