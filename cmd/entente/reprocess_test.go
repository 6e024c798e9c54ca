package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/extract"
	"github.com/entente/entente/internal/sqlite"
)

var reprocessRE = regexp.MustCompile(`reprocess: read (\d+) articles: (\d+) changed, (\d+) unchanged, (\d+) already current, (\d+) failed; events added (\d+), removed (\d+)`)

type reprocessSummary struct{ Read, Changed, Unchanged, Current, Failed, Added, Removed int }

func parseReprocess(t *testing.T, stdout string) reprocessSummary {
	t.Helper()
	m := reprocessRE.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no reprocess summary in stdout:\n%s", stdout)
	}
	var s reprocessSummary
	fmt.Sscan(strings.Join(m[1:], " "), &s.Read, &s.Changed, &s.Unchanged, &s.Current, &s.Failed, &s.Added, &s.Removed)
	return s
}

func TestReprocess(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "entente.db")
	store := "sqlite:" + db
	if _, stderr, err := ingestCLI(ctx, nil, "ingest", "--store", store, "../../samples"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	want := dumpStore(t, db)
	n := len(want.Articles)

	// The extractor has not changed: nothing to do.
	stdout, stderr, err := ingestCLI(ctx, nil, "reprocess", "--store", store)
	if err != nil {
		t.Fatalf("reprocess: %v\n%s", err, stderr)
	}
	if got, want := parseReprocess(t, stdout), (reprocessSummary{Read: n, Current: n}); got != want {
		t.Errorf("current store: %+v, want %+v", got, want)
	}

	// Pretend an older extractor that found nothing read the articles.
	s := sqlite.NewStore(db)
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	as, _, err := s.FindArticles(ctx, entente.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		a.ExtractorVersion, a.Entities, a.Claims = "extract/0", nil, nil
	}
	if _, err := s.UpsertArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	s.Close()

	stdout, stderr, err = ingestCLI(ctx, nil, "reprocess", "--store", store, "-v")
	if err != nil {
		t.Fatalf("reprocess: %v\n%s", err, stderr)
	}
	got := parseReprocess(t, stdout)
	// An event reported by several articles may be added by the first
	// and replaced when the next refines it, so count the net change.
	if got.Read != n || got.Changed != n || got.Added-got.Removed != len(want.Events) {
		t.Errorf("stale store: %+v, want %d changed and the %d events back", got, n, len(want.Events))
	}
	// -v lists each article that gained or lost events.
	if lines := regexp.MustCompile(`(?m)^\S+: \d+ events added, \d+ removed$`).FindAllString(stdout, -1); len(lines) == 0 {
		t.Errorf("-v listed no changed article:\n%s", stdout)
	}
	if diff := cmp.Diff(want, dumpStore(t, db), withoutTimes); diff != "" {
		t.Errorf("reprocessed graph differs from the ingested one (-want +got):\n%s", diff)
	}
	for _, a := range dumpStore(t, db).Articles {
		if a.ExtractorVersion != extract.Version {
			t.Errorf("article %s: ExtractorVersion=%q, want %q", a.ID, a.ExtractorVersion, extract.Version)
		}
	}

	// --all re-reads everything; the same extractor changes nothing.
	stdout, stderr, err = ingestCLI(ctx, nil, "reprocess", "--store", store, "--all")
	if err != nil {
		t.Fatalf("reprocess --all: %v\n%s", err, stderr)
	}
	if got, want := parseReprocess(t, stdout), (reprocessSummary{Read: n, Unchanged: n}); got != want {
		t.Errorf("--all: %+v, want %+v", got, want)
	}
}
