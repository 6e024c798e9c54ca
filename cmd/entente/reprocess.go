package main

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/entente/entente/internal/entente"
)

// runReprocess re-runs the current extractor over stored articles and
// reports how the graph changed.
func runReprocess(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg := defaultIngestConfig()
	fs := newFlagSet("reprocess", "[--store S] [--all] [-v]", stderr)
	store := storeFlag(fs)
	all := fs.Bool("all", false, "re-extract every article, not only those an older extractor read")
	verbose := fs.Bool("v", false, "list each article whose events changed")
	fs.IntVar(&cfg.Workers, "workers", cfg.Workers, "extraction workers")
	fs.IntVar(&cfg.BatchSize, "batch", 0, "articles per store write (default 256 for SQLite, 1024 for Neo4j)")
	fs.IntVar(&cfg.Writers, "writers", 0, "batches written at once (default 1)")
	fs.StringVar(&cfg.Progress, "progress", cfg.Progress, "auto, bar, log or none")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errUsage{fmt.Sprintf("reprocess takes no arguments, got %q", fs.Arg(0))}
	}
	if err := checkProgress(cfg.Progress); err != nil {
		return err
	}
	cfg.Store = *store

	p, closeStore, err := newPipeline(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer closeStore()
	prog := newProgress(cfg, "reprocess", stderr)
	p.OnProgress, p.OnFailure = prog.update, prog.fail
	var mu sync.Mutex
	p.OnStored = func(name string, r entente.UpsertResult) {
		if !*verbose || (r.EventsAdded == 0 && r.EventsRemoved == 0) {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stdout, "%s: %d events added, %d removed\n", r.ArticleID, r.EventsAdded, r.EventsRemoved)
	}
	st, err := p.Reprocess(ctx, *all)
	prog.finish()
	fmt.Fprintf(stdout, "reprocess: read %d articles: %d changed, %d unchanged, %d already current, %d failed; events added %d, removed %d (extractor %s)\n",
		st.Read, st.Stored, st.Unchanged, st.UpToDate, st.Failed, st.EventsAdded, st.EventsRemoved, p.ExtractorVersion)
	return runResult(ctx, err, st, false, "reprocess", stderr)
}
