package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/entente/entente/graph"
	"github.com/entente/entente/graph/model"
	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/extract"
	"github.com/entente/entente/internal/ingest"
	"github.com/entente/entente/internal/readcache"
)

// serveConfig is the configuration of `entente serve`.
type serveConfig struct {
	Store string // sqlite:PATH or a Neo4j URI
	Addr  string // HOST:PORT to listen on; ":0" picks a free port
	// ShutdownTimeout bounds how long requests in flight may finish after
	// SIGINT or SIGTERM.
	ShutdownTimeout time.Duration
	// ReadCacheMiB bounds the answers kept in memory between writes
	// (readcache); 0 turns the cache off.
	ReadCacheMiB int
	Handler      graph.Options
}

func defaultServeConfig() serveConfig {
	return serveConfig{
		Addr:            "127.0.0.1:8080",
		ShutdownTimeout: 10 * time.Second,
		ReadCacheMiB:    readcache.DefaultMaxBytes >> 20,
	}
}

// runServe serves the GraphQL API until ctx ends (SIGINT or SIGTERM).
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg := defaultServeConfig()
	fs := newFlagSet("serve", "[--store S] [--addr HOST:PORT] [--read-cache MIB]", stderr)
	store := storeFlag(fs)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on, HOST:PORT (\":0\" picks a free port)")
	fs.IntVar(&cfg.ReadCacheMiB, "read-cache", cfg.ReadCacheMiB, "MiB of answers kept in memory until the next write to the store (0: none)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errUsage{fmt.Sprintf("serve takes no arguments, got %q", fs.Arg(0))}
	}
	if cfg.ReadCacheMiB < 0 {
		return errUsage{fmt.Sprintf("--read-cache is in MiB, 0 or more; got %d", cfg.ReadCacheMiB)}
	}
	cfg.Store = *store
	cfg.Handler.Logger = slog.New(slog.NewTextHandler(stderr, nil))
	cfg.Handler.APIKeys = apiKeys(os.Getenv("ENTENTE_API_KEYS"))
	return serve(ctx, cfg, stdout)
}

// serve wires store → resolver → HTTP server, prints the address it
// listens on, and shuts down gracefully when ctx ends.
func serve(ctx context.Context, cfg serveConfig, stdout io.Writer) error {
	logger := cfg.Handler.Logger
	s, err := openStore(ctx, cfg.Store, logger)
	if err != nil {
		return err
	}
	defer s.Close()

	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	// The extractor loads its language model on first use, which takes
	// seconds: load it now rather than in the first ingestArticle.
	go x.Extract(ctx, extract.Input{ID: "warm-up", Text: "Kazakhstan declined to join BRICS on 16 October 2024."})
	ing := &apiIngester{
		store:    s,
		pipeline: ingest.Pipeline{Store: s, Extractor: extractor{x}, ExtractorVersion: extract.Version, Logger: logger},
		fetcher:  ingest.NewHTTPFetcher(),
	}
	var reads entente.Store = s
	if cfg.ReadCacheMiB > 0 {
		reads = readcache.New(s, int64(cfg.ReadCacheMiB)<<20)
		readcache.TuneGC(int64(cfg.ReadCacheMiB) << 20)
	}
	h := graph.NewHandler(&graph.Resolver{Store: reads, Ingester: ing, Now: time.Now}, cfg.Handler)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	fmt.Fprintf(stdout, "entente: serving GraphQL at http://%s/graphql\n", displayAddr(ln.Addr()))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// apiKeys splits ENTENTE_API_KEYS: comma-separated bearer tokens.
func apiKeys(env string) []string {
	var keys []string
	for _, k := range strings.Split(env, ",") {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// apiIngester adapts the ingest pipeline to graph.Ingester: one article per
// ingestArticle, run through the same pipeline as `entente ingest`.
type apiIngester struct {
	store    entente.Store
	pipeline ingest.Pipeline // a template: each call runs a copy
	fetcher  ingest.Fetcher
}

var _ graph.Ingester = (*apiIngester)(nil)

// IngestArticle implements graph.Ingester.
func (a *apiIngester) IngestArticle(ctx context.Context, in model.IngestArticleInput) (*model.IngestArticlePayload, error) {
	it, err := a.item(ctx, in)
	if err != nil {
		return nil, err
	}
	var stored *entente.UpsertResult
	var failed error
	p := a.pipeline
	p.Workers, p.Loaders, p.BatchSize = 1, 1, 1
	p.OnStored = func(_ string, r entente.UpsertResult) { stored = &r }
	p.OnFailure = func(_ string, err error) { failed = err }
	if _, err := p.Run(ctx, oneItem{it}); err != nil {
		return nil, err
	}
	if failed != nil {
		return nil, failed
	}
	f := entente.ArticleFilter{WithExtraction: true, Limit: 1}
	out := &model.IngestArticlePayload{Outcome: model.IngestDuplicate}
	switch {
	case stored != nil:
		f.IDs = []string{stored.ArticleID}
		out.Outcome = model.IngestOutcome(strings.ToUpper(string(stored.Outcome)))
		out.EventsAdded, out.EventsRemoved = stored.EventsAdded, stored.EventsRemoved
	case it.URL != "":
		f.URL = &it.URL
	default:
		hash := entente.ContentHash(it.Text)
		f.Hash = &hash
	}
	as, _, err := a.store.FindArticles(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, entente.Errorf(entente.EINTERNAL, "ingested article %q not found", it.Name)
	}
	out.Article, out.Claims = as[0], as[0].Claims
	if out.Claims == nil {
		out.Claims = []*entente.Claim{}
	}
	return out, nil
}

// item reads the input into a pipeline item: text as given, HTML parsed
// for its main text and metadata, a URL fetched. Given metadata wins over
// what the page says.
func (a *apiIngester) item(ctx context.Context, in model.IngestArticleInput) (*ingest.Item, error) {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return strings.TrimSpace(*p)
	}
	it := &ingest.Item{Name: "api", ID: str(in.ID), URL: str(in.URL), Title: str(in.Title), Publisher: str(in.Publisher), Text: str(in.Text)}
	var page *ingest.Page
	var err error
	switch {
	case in.HTML != nil && str(in.HTML) != "":
		page, err = ingest.ParseHTML(strings.NewReader(*in.HTML), it.URL)
	case it.Text == "":
		var resp *ingest.Response
		if resp, err = a.fetcher.Fetch(ctx, it.URL); err == nil {
			page, err = ingest.Parse(bytes.NewReader(resp.Body), resp.URL, resp.ContentType)
		}
	}
	if err != nil {
		return nil, err
	}
	if page != nil {
		it.Text = page.Text
		it.URL = cmpOr(page.URL, it.URL)
		it.Title = cmpOr(it.Title, page.Title)
		it.Publisher = cmpOr(it.Publisher, page.Publisher)
		it.Published = page.Published
	}
	if in.Published != nil {
		it.Published = *in.Published
	}
	return it, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Reprocess implements graph.Ingester.
func (a *apiIngester) Reprocess(ctx context.Context, all bool) (*model.ReprocessPayload, error) {
	p := a.pipeline
	st, err := p.Reprocess(ctx, all)
	if err != nil {
		return nil, err
	}
	return &model.ReprocessPayload{Read: st.Read, Stored: st.Stored, Unchanged: st.Unchanged, UpToDate: st.UpToDate,
		Failed: st.Failed, EventsAdded: st.EventsAdded, EventsRemoved: st.EventsRemoved}, nil
}

// oneItem is a source of one item.
type oneItem struct{ it *ingest.Item }

func (o oneItem) Items(ctx context.Context, emit func(*ingest.Item) error) error { return emit(o.it) }

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	s := a.String()
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return s
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
