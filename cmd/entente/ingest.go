package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/extract"
	"github.com/entente/entente/internal/ingest"
)

// ingestConfig is the configuration of `entente ingest` and `entente
// reprocess`.
type ingestConfig struct {
	Store     string   // sqlite:PATH or a Neo4j URI
	Inputs    []string // paths, URLs, "-"
	JSONL     bool
	Follow    bool
	Interval  time.Duration // --follow: between polls of a feed
	Workers   int
	BatchSize int           // 0: by store, see storeDefaults
	Writers   int           // 0: by store
	HostDelay time.Duration // between requests to one host
	Timeout   time.Duration // per HTTP request
	// Progress is "auto" (a bar on a terminal, log lines otherwise), "bar",
	// "log" or "none".
	Progress      string
	ProgressEvery time.Duration // between log lines
}

func defaultIngestConfig() ingestConfig {
	return ingestConfig{
		Interval:      5 * time.Minute,
		Workers:       runtime.NumCPU(),
		HostDelay:     time.Second,
		Timeout:       30 * time.Second,
		Progress:      "auto",
		ProgressEvery: 5 * time.Second,
	}
}

// runIngest stores the articles of files, folders, URLs, feeds and stdin.
func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg := defaultIngestConfig()
	fs := newFlagSet("ingest", "[--store S] [--jsonl] [--follow] [PATH|URL|-]...", stderr)
	store := storeFlag(fs)
	fs.BoolVar(&cfg.JSONL, "jsonl", false, `files and stdin hold JSON lines {"id","url","published","text"}, as for extract --jsonl`)
	fs.BoolVar(&cfg.Follow, "follow", false, "keep polling feeds for new entries until interrupted")
	fs.DurationVar(&cfg.Interval, "interval", cfg.Interval, "with --follow, how often to poll each feed")
	fs.IntVar(&cfg.Workers, "workers", cfg.Workers, "extraction workers")
	fs.IntVar(&cfg.BatchSize, "batch", 0, "articles per store write (default 256 for SQLite, 1024 for Neo4j)")
	fs.IntVar(&cfg.Writers, "writers", 0, "batches written at once (default 1)")
	fs.DurationVar(&cfg.HostDelay, "host-delay", cfg.HostDelay, "least time between two requests to one web site")
	fs.DurationVar(&cfg.Timeout, "timeout", cfg.Timeout, "time limit of one HTTP request")
	fs.StringVar(&cfg.Progress, "progress", cfg.Progress, "auto, bar, log or none")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage{"ingest: name at least one file, folder, URL, or - for standard input"}
	}
	if err := checkProgress(cfg.Progress); err != nil {
		return err
	}
	cfg.Store, cfg.Inputs = *store, fs.Args()
	return ingestRun(ctx, cfg, stdin, stdout, stderr)
}

func checkProgress(p string) error {
	switch p {
	case "auto", "bar", "log", "none":
		return nil
	}
	return errUsage{fmt.Sprintf("--progress must be auto, bar, log or none, not %q", p)}
}

// ingestRun wires store → extractor → pipeline and runs the inputs through.
func ingestRun(ctx context.Context, cfg ingestConfig, stdin io.Reader, stdout, stderr io.Writer) error {
	p, closeStore, err := newPipeline(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer closeStore()

	fetcher := ingest.NewHTTPFetcher()
	fetcher.HostDelay, fetcher.Timeout = cfg.HostDelay, cfg.Timeout
	opts := ingest.SourceOptions{JSONL: cfg.JSONL, Stdin: stdin, Fetcher: fetcher, Follow: cfg.Follow, Interval: cfg.Interval}
	var srcs []ingest.Source
	for _, in := range cfg.Inputs {
		srcs = append(srcs, ingest.NewSource(in, opts))
	}

	prog := newProgress(cfg, "ingest", stderr)
	p.OnProgress, p.OnFailure = prog.update, prog.fail
	st, err := p.Run(ctx, ingest.Sources(cfg.Follow, srcs...))
	prog.finish()
	fmt.Fprintf(stdout, "ingest: %s\n", st)
	return runResult(ctx, err, st, cfg.Follow, "ingest", stderr)
}

// runResult turns the end of a pipeline run into the exit status of the
// contract: 0 when every article was stored, 1 when some failed or the run
// was cut short.
func runResult(ctx context.Context, err error, st ingest.Stats, follow bool, cmd string, stderr io.Writer) error {
	switch {
	case ctx.Err() != nil && follow && (err == nil || errors.Is(err, context.Canceled)):
		// Following ends when the user stops it.
	case ctx.Err() != nil:
		fmt.Fprintf(stderr, "entente: %s interrupted; run the same command again to finish (what is stored already is skipped)\n", cmd)
		return errExit(1)
	case err != nil:
		return err
	}
	if st.Failed > 0 {
		return errExit(1)
	}
	return nil
}

// newPipeline opens the store and the extractor. The caller closes the
// store with the returned func.
func newPipeline(ctx context.Context, cfg ingestConfig, stderr io.Writer) (*ingest.Pipeline, func(), error) {
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := openStore(ctx, cfg.Store)
	if err != nil {
		return nil, nil, err
	}
	x, err := loadExtractor()
	if err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("load extractor: %w", err)
	}
	batch, writers := storeDefaults(cfg.Store)
	if cfg.BatchSize > 0 {
		batch = cfg.BatchSize
	}
	if cfg.Writers > 0 {
		writers = cfg.Writers
	}
	p := &ingest.Pipeline{
		Store:            s,
		Extractor:        extractor{x},
		ExtractorVersion: extract.Version,
		Logger:           logger,
		Workers:          cfg.Workers,
		BatchSize:        batch,
		Writers:          writers,
	}
	return p, func() { s.Close() }, nil
}

// storeDefaults returns the batch size and number of writers that suit a
// store. SQLite takes one writer at a time. Each batch derives again every
// entity and regroups every event key it touches, and a news archive names
// the same countries and blocs over and over, so a batch of 256 costs
// little more than one of 64: on scripts/ingestbench's 10k articles the
// store's CPU per article fell by 40% (0.52 → 0.31 ms), and a transaction
// still takes well under a second. Neo4j pays a round trip and a
// transaction per batch, and its writers take turns (each write holds the
// curations lock): on the same corpus one writer with batches of 1,024
// stored 480–500 articles/s, against 420 with 256 × 2 and 450 with 512 × 1.
func storeDefaults(store string) (batch, writers int) {
	if strings.HasPrefix(strings.ToLower(store), "sqlite:") {
		return 256, 1
	}
	return 1024, 1
}

// loadExtractor loads the extraction rules and models. Tests that run many
// commands in one process swap it for one that loads them once.
var loadExtractor = extract.New

// extractor adapts *extract.Extractor to ingest.Extractor.
type extractor struct{ x *extract.Extractor }

func (e extractor) Extract(ctx context.Context, a *entente.Article) (*entente.Extraction, error) {
	return e.x.Extract(ctx, extract.Input{ID: a.ID, URL: a.URL, Published: a.Published, Text: a.Text})
}

// progress shows a run as it goes: a bar on a terminal, a log line every
// few seconds otherwise; failures are printed as they happen, one line
// each, naming the item.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	cmd    string
	bar    *progressbar.ProgressBar
	log    bool
	every  time.Duration
	last   time.Time
	latest ingest.Stats
}

func newProgress(cfg ingestConfig, cmd string, stderr io.Writer) *progress {
	p := &progress{w: stderr, cmd: cmd, every: cfg.ProgressEvery, last: time.Now()}
	mode := cfg.Progress
	if mode == "auto" {
		mode = "log"
		if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	switch mode {
	case "bar":
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription(cmd),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	case "log":
		p.log = true
	}
	return p
}

func (p *progress) update(st ingest.Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.latest = st
	switch {
	case p.bar != nil:
		p.bar.Describe(fmt.Sprintf("%s: stored %d, duplicates %d, events +%d, errors %d", p.cmd, st.Stored, st.Duplicates, st.EventsAdded, st.Failed))
		p.bar.Set(st.Done())
	case p.log && time.Since(p.last) >= p.every:
		p.last = time.Now()
		fmt.Fprintf(p.w, "%s: %s\n", p.cmd, st)
	}
}

func (p *progress) fail(name string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintf(p.w, "entente: %s: %s\n", name, errorText(err))
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
	}
}

// errorText is the sentence for a user: the message of a coded error, the
// whole chain of an internal one.
func errorText(err error) string {
	if entente.ErrorCode(err) == entente.EINTERNAL {
		return err.Error()
	}
	return entente.ErrorMessage(err)
}
