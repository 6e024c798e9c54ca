package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/ingest"
)

// items is a Source of ready items.
type items []*ingest.Item

func (s items) Items(ctx context.Context, emit func(*ingest.Item) error) error {
	for _, it := range s {
		c := *it
		if err := emit(&c); err != nil {
			return err
		}
	}
	return nil
}

// countries are subjects for generated articles.
var countries = []string{"Finland", "Sweden", "Albania", "Croatia", "Montenegro", "Macedonia", "Estonia", "Latvia", "Lithuania", "Poland"}

func genItems(n int) items {
	var out items
	for i := range n {
		c := countries[i%len(countries)]
		it := &ingest.Item{Name: fmt.Sprintf("item-%d", i), Text: fmt.Sprintf("Report %d. %s joined NATO.", i, c)}
		if i%2 == 0 {
			it.URL = fmt.Sprintf("https://news.example/%d", i)
		}
		out = append(out, it)
	}
	return out
}

func newPipeline(s *fakeStore, x ingest.Extractor) (*ingest.Pipeline, *[]string) {
	var mu sync.Mutex
	failures := &[]string{}
	return &ingest.Pipeline{
		Store: s, Extractor: x, ExtractorVersion: "test-1",
		Workers: 3, BatchSize: 4, FlushInterval: 10 * time.Millisecond,
		OnFailure: func(name string, err error) {
			mu.Lock()
			defer mu.Unlock()
			*failures = append(*failures, name+": "+entente.ErrorMessage(err))
		},
	}, failures
}

func TestPipelineRun(t *testing.T) {
	for _, writers := range []int{1, 3} {
		t.Run(fmt.Sprintf("writers=%d", writers), func(t *testing.T) { testPipelineRun(t, writers) })
	}
}

func testPipelineRun(t *testing.T, writers int) {
	s := newFakeStore()
	p, failures := newPipeline(s, &fakeExtractor{})
	p.Writers = writers
	src := append(genItems(10),
		&ingest.Item{Name: "broken", Err: entente.Errorf(entente.EINVALID, "Not a JSON object.")},
		&ingest.Item{Name: "same text, no url", Text: "Report 1. Sweden joined NATO."},
		&ingest.Item{Name: "same url", URL: "https://news.example/0", Text: "Other text"},
		&ingest.Item{Name: "given id", ID: "given-1", Text: "Norway joined NATO.", Published: entente.MustParseDate("1949-04-04")},
	)
	st, err := p.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	want := ingest.Stats{Read: 14, Stored: 11, Duplicates: 2, Failed: 1, Undated: 10, Events: 11, EventsAdded: 11}
	st.Elapsed = 0
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"broken: Not a JSON object."}, *failures); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	a, err := s.FindArticleByID(context.Background(), "given-1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.ExtractorVersion, "test-1"; got != want {
		t.Errorf("ExtractorVersion=%q, want %q", got, want)
	}
	if got, want := a.Hash, entente.ContentHash("Norway joined NATO."); got != want {
		t.Errorf("Hash=%q, want %q", got, want)
	}
	if _, err := s.FindArticleByID(context.Background(), entente.ArticleID("https://news.example/4", "")); err != nil {
		t.Errorf("article with a URL is not stored under its URL id: %v", err)
	}

	// Again: everything is a duplicate, and nothing is extracted.
	x := &fakeExtractor{}
	p.Extractor = x
	p.Writers = writers
	st, err = p.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Duplicates, 13; got != want {
		t.Errorf("second run: Duplicates=%d, want %d", got, want)
	}
	if got, want := st.Stored, 0; got != want {
		t.Errorf("second run: Stored=%d, want %d", got, want)
	}
	if got := x.count(); got != 0 {
		t.Errorf("second run extracted %d articles, want none", got)
	}
}

// The duplicate check looks up what has queued up in one query: with a
// store that answers slowly, a run costs a few look-ups, not one per
// article.
func TestPipelineGroupsLookups(t *testing.T) {
	s := newFakeStore()
	p, failures := newPipeline(s, &fakeExtractor{})
	src := genItems(300)
	if _, err := p.Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	s.lookupDelay = 5 * time.Millisecond
	s.lookups = 0
	x := &fakeExtractor{}
	p.Extractor = x
	st, err := p.Run(context.Background(), append(src, &ingest.Item{Name: "new", URL: "https://news.example/new", Text: "Norway joined NATO."}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Duplicates, 300; got != want {
		t.Errorf("Duplicates=%d, want %d", got, want)
	}
	if got, want := st.Stored, 1; got != want {
		t.Errorf("Stored=%d, want %d", got, want)
	}
	if got := x.count(); got != 1 {
		t.Errorf("extracted %d articles, want only the new one", got)
	}
	// Half the items have a URL and half do not: two queries per group.
	if s.lookups > 60 {
		t.Errorf("%d look-ups for 301 articles, want them grouped", s.lookups)
	}
	if len(*failures) > 0 {
		t.Errorf("failures: %v", *failures)
	}
}

func TestPipelineBatchFailure(t *testing.T) {
	s := newFakeStore()
	// A batch holding the poisoned article fails, as a store would on a
	// constraint it cannot satisfy; its neighbours must still be stored.
	s.upsert = func(batch []*entente.Article) error {
		for _, a := range batch {
			if strings.Contains(a.Text, "Report 5.") {
				return entente.Errorf(entente.ECONFLICT, "Conflict on article %s.", a.ID)
			}
		}
		return nil
	}
	p, failures := newPipeline(s, &fakeExtractor{})
	st, err := p.Run(context.Background(), genItems(10))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Stored, 9; got != want {
		t.Errorf("Stored=%d, want %d", got, want)
	}
	if got, want := len(s.ids()), 9; got != want {
		t.Errorf("%d articles in the store, want %d", got, want)
	}
	if len(*failures) != 1 || !strings.HasPrefix((*failures)[0], "item-5: Conflict on article") {
		t.Errorf("failures=%q, want one for item-5", *failures)
	}
}

func TestPipelineStoreOutage(t *testing.T) {
	s := newFakeStore()
	down := entente.Errorf(entente.EUNAVAILABLE, "Store unavailable.")
	s.upsert = func([]*entente.Article) error { return down }
	p, failures := newPipeline(s, &fakeExtractor{})
	p.BatchSize = 100
	st, err := p.Run(context.Background(), genItems(10))
	if got, want := entente.ErrorCode(err), entente.EUNAVAILABLE; got != want {
		t.Fatalf("err=%v, want code %q", err, want)
	}
	if got, want := st.Failed, 10; got != want {
		t.Errorf("Failed=%d, want %d: every article not stored is reported", got, want)
	}
	if got, want := len(*failures), 10; got != want {
		t.Errorf("%d failures reported, want %d", got, want)
	}
}

func TestPipelineInterruptAndRerun(t *testing.T) {
	const n = 200
	src := genItems(n)
	s := newFakeStore()

	// First run: cancel once some batches are stored.
	ctx, cancel := context.WithCancel(context.Background())
	p, failures := newPipeline(s, &fakeExtractor{})
	p.Writers = 2
	p.OnProgress = func(st ingest.Stats) {
		if st.Stored >= 40 {
			cancel()
		}
	}
	st, err := p.Run(ctx, src)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: err=%v, want context.Canceled", err)
	}
	if st.Stored >= n || st.Stored < 40 {
		t.Fatalf("interrupted run stored %d of %d; want a part", st.Stored, n)
	}
	if len(*failures) != 0 {
		t.Errorf("interrupted run reported failures: %q", *failures)
	}
	first := st.Stored

	// Second run: finishes the job.
	p, failures = newPipeline(s, &fakeExtractor{})
	st, err = p.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Stored+st.Duplicates, n; got != want {
		t.Errorf("rerun stored %d + skipped %d, want %d in all", st.Stored, st.Duplicates, want)
	}
	if got, want := st.Duplicates, first; got != want {
		t.Errorf("rerun skipped %d, want the %d stored before", got, want)
	}
	if got, want := len(s.ids()), n; got != want {
		t.Errorf("%d articles stored, want %d", got, want)
	}
	if len(*failures) != 0 {
		t.Errorf("rerun reported failures: %q", *failures)
	}
}

func TestReprocess(t *testing.T) {
	s := newFakeStore()
	p, _ := newPipeline(s, &fakeExtractor{})
	if _, err := p.Run(context.Background(), genItems(6)); err != nil {
		t.Fatal(err)
	}

	// The same extractor: nothing to do.
	st, err := p.Reprocess(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.UpToDate, 6; got != want {
		t.Errorf("UpToDate=%d, want %d", got, want)
	}

	// A new extractor version finds nothing: every event is removed.
	p, _ = newPipeline(s, extractorFunc(func(ctx context.Context, a *entente.Article) (*entente.Extraction, error) {
		return &entente.Extraction{ID: a.ID}, nil
	}))
	p.ExtractorVersion = "test-2"
	var changed []string
	var mu sync.Mutex
	p.OnStored = func(name string, r entente.UpsertResult) {
		mu.Lock()
		defer mu.Unlock()
		changed = append(changed, fmt.Sprintf("%s -%d", name, r.EventsRemoved))
	}
	st, err = p.Reprocess(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	st.Elapsed = 0
	if diff := cmp.Diff(ingest.Stats{Read: 6, Stored: 6, Undated: 6, EventsRemoved: 6}, st); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	if got, want := len(changed), 6; got != want {
		t.Errorf("%d articles reported, want %d", got, want)
	}
	for _, id := range s.ids() {
		a, _ := s.FindArticleByID(context.Background(), id)
		if a.ExtractorVersion != "test-2" || len(a.Claims) != 0 {
			t.Errorf("article %s: version %q with %d claims, want test-2 with none", id, a.ExtractorVersion, len(a.Claims))
		}
	}

	// --all re-reads current articles too; nothing changes.
	st, err = p.Reprocess(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Unchanged, 6; got != want {
		t.Errorf("--all: Unchanged=%d, want %d", got, want)
	}
}

type extractorFunc func(ctx context.Context, a *entente.Article) (*entente.Extraction, error)

func (f extractorFunc) Extract(ctx context.Context, a *entente.Article) (*entente.Extraction, error) {
	return f(ctx, a)
}
