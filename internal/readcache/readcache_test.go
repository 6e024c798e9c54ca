package readcache_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/mock"
	"github.com/entente/entente/internal/readcache"
	"github.com/entente/entente/internal/sqlite"
	"github.com/entente/entente/internal/storetest"
)

func openSQLite(tb testing.TB, dsn string) *sqlite.Store {
	tb.Helper()
	s := sqlite.NewStore(dsn)
	if err := s.Open(context.Background()); err != nil {
		tb.Fatalf("Open(%s): %v", dsn, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Every store behaviour holds through the cache: each one reads, writes
// and reads again, so an answer kept past a write would fail it.
func TestStoreBehaviours(t *testing.T) {
	t.Run("Memory", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) entente.Store { return readcache.New(openSQLite(t, ":memory:"), 0) })
	})
	t.Run("TinyBound", func(t *testing.T) {
		// Entries are pushed out almost at once: answers must not depend on
		// what is kept.
		storetest.Run(t, func(t *testing.T) entente.Store { return readcache.New(openSQLite(t, ":memory:"), 4096) })
	})
}

// A write by another process (here: another Store on the same file) makes
// the cache read again.
func TestWriteByAnotherProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "entente.db")
	reader := readcache.New(openSQLite(t, path), 0)
	writer := openSQLite(t, path)
	fx := storetest.Fixtures()
	storetest.MustUpsertArticles(t, ctx, writer, fx[0])

	f := entente.EventFilter{Types: entente.MembershipEventTypes}
	before, n, err := reader.FindEvents(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if again, _, _ := reader.FindEvents(ctx, f); len(again) != len(before) {
		t.Fatalf("second read: %d events, first %d", len(again), len(before))
	}
	if hits := counter(t, reader, "entente_read_cache_hits_total", "FindEvents"); hits != 1 {
		t.Fatalf("%v cache hits after reading twice, want 1", hits)
	}
	storetest.MustUpsertArticles(t, ctx, writer, fx[1:]...)
	after, m, err := reader.FindEvents(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	want, wantN, err := writer.FindEvents(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if m == n || m != wantN {
		t.Fatalf("after the other store wrote: %d events, before %d, the store says %d", m, n, wantN)
	}
	if diff := cmp.Diff(want, after, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("events after the write (-store +cache):\n%s", diff)
	}
}

// counter returns the value of c's counter name for method.
func counter(t *testing.T, c *readcache.Store, name, method string) float64 {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "method" && l.GetValue() == method {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

// fakeStore counts the calls that reach it and serves one event, one
// entity and one article; gen is its generation.
type fakeStore struct {
	*mock.Store
	gen   atomic.Uint64
	calls atomic.Int64
}

func newFake() *fakeStore {
	f := &fakeStore{}
	ev := &entente.Event{ID: "ev_1", Type: entente.Joined, Subject: entente.Ref{Kind: entente.KindCountry, ID: "EGY", Name: "Egypt"},
		Bloc: &entente.Ref{Kind: entente.KindBloc, ID: "BRICS", Name: "BRICS"}, Role: entente.Member, Date: entente.MustParseDate("2024-01-01")}
	src := &entente.Source{EventID: "ev_1", ArticleID: "a1", Quote: "Egypt joined BRICS."}
	egy := &entente.Entity{Kind: entente.KindCountry, ID: "EGY", Name: "Egypt", Aliases: []string{"Arab Republic of Egypt"}}
	f.Store = &mock.Store{
		GenerationFn: func(context.Context) (uint64, error) { return f.gen.Load(), nil },
		FindEventsFn: func(context.Context, entente.EventFilter) ([]*entente.Event, int, error) {
			f.calls.Add(1)
			cp := *ev
			return []*entente.Event{&cp}, 1, nil
		},
		FindSourcesFn: func(_ context.Context, ids []string) (map[string][]*entente.Source, error) {
			f.calls.Add(1)
			out := map[string][]*entente.Source{}
			for _, id := range ids {
				if id == "ev_1" {
					cp := *src
					out[id] = []*entente.Source{&cp}
				}
			}
			return out, nil
		},
		FindEntitiesFn: func(_ context.Context, flt entente.EntityFilter) ([]*entente.Entity, int, error) {
			f.calls.Add(1)
			var out []*entente.Entity
			for _, id := range flt.IDs {
				if strings.EqualFold(id, "EGY") {
					cp := *egy
					out = append(out, &cp)
				}
			}
			return out, len(out), nil
		},
	}
	return f
}

func TestAnswersComeFromMemoryUntilTheGenerationChanges(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	c := readcache.New(f, 0)
	country := entente.KindCountry
	ask := func() {
		t.Helper()
		if es, _, err := c.FindEvents(ctx, entente.EventFilter{Blocs: []string{"BRICS"}}); err != nil || len(es) != 1 {
			t.Fatalf("FindEvents: %v, %v", es, err)
		}
		if m, err := c.FindSources(ctx, []string{"ev_1", "ev_2", "ev_1"}); err != nil || len(m["ev_1"]) != 1 || len(m) != 1 {
			t.Fatalf("FindSources: %v, %v", m, err)
		}
		es, n, err := c.FindEntities(ctx, entente.EntityFilter{Kind: &country, IDs: []string{"egy", "XXX", "EGY"}})
		if err != nil || n != 1 || len(es) != 1 || es[0].ID != "EGY" {
			t.Fatalf("FindEntities: %v, %d, %v", es, n, err)
		}
	}
	ask()
	if got := f.calls.Load(); got != 3 {
		t.Fatalf("%d store calls on the first round, want 3", got)
	}
	ask()
	if got := f.calls.Load(); got != 3 {
		t.Fatalf("%d store calls after the second round, want still 3: unknown ids and events without sources are kept too", got)
	}
	f.gen.Add(1)
	ask()
	if got := f.calls.Load(); got != 6 {
		t.Fatalf("%d store calls after the generation changed, want 6", got)
	}
}

// An answer read while the generation moved on is not given out at the new
// generation: it may be older than the write.
func TestAnswerFromBeforeAWriteIsNotKept(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	inner := f.FindEventsFn
	f.FindEventsFn = func(ctx context.Context, flt entente.EventFilter) ([]*entente.Event, int, error) {
		es, n, err := inner(ctx, flt)
		f.gen.Add(1) // a write commits while the answer is on its way
		return es, n, err
	}
	c := readcache.New(f, 0)
	for i := range 3 {
		if _, _, err := c.FindEvents(ctx, entente.EventFilter{}); err != nil {
			t.Fatal(err)
		}
		if got := f.calls.Load(); got != int64(i+1) {
			t.Fatalf("call %d: %d store calls, want %d", i+1, got, i+1)
		}
	}
}

func TestCallersGetCopies(t *testing.T) {
	ctx := context.Background()
	c := readcache.New(newFake(), 0)
	country := entente.KindCountry
	es, _, _ := c.FindEvents(ctx, entente.EventFilter{})
	es[0].Type, es[0].Subject.Name = entente.Withdrew, "changed"
	m, _ := c.FindSources(ctx, []string{"ev_1"})
	m["ev_1"][0].Quote = "changed"
	ents, _, _ := c.FindEntities(ctx, entente.EntityFilter{Kind: &country, IDs: []string{"EGY"}})
	ents[0].Name, ents[0].Aliases[0] = "changed", "changed"

	es, _, _ = c.FindEvents(ctx, entente.EventFilter{})
	m, _ = c.FindSources(ctx, []string{"ev_1"})
	ents, _, _ = c.FindEntities(ctx, entente.EntityFilter{Kind: &country, IDs: []string{"EGY"}})
	if es[0].Type != entente.Joined || es[0].Subject.Name != "Egypt" || m["ev_1"][0].Quote != "Egypt joined BRICS." ||
		ents[0].Name != "Egypt" || ents[0].Aliases[0] != "Arab Republic of Egypt" {
		t.Fatalf("a caller's change reached the cache: %+v %+v %+v", es[0], m["ev_1"][0], ents[0])
	}
}

// When the generation cannot be read, the store is asked, and its error
// (the real trouble) is what the caller sees.
func TestStoreDown(t *testing.T) {
	ctx := context.Background()
	down := entente.Errorf(entente.EUNAVAILABLE, "The store cannot be reached.")
	c := readcache.New(mock.Down(down), 0)
	if _, _, err := c.FindEvents(ctx, entente.EventFilter{}); !errors.Is(err, down) {
		t.Fatalf("FindEvents: %v, want %v", err, down)
	}
	if _, err := c.FindSources(ctx, []string{"ev_1"}); !errors.Is(err, down) {
		t.Fatalf("FindSources: %v, want %v", err, down)
	}
	if _, _, err := c.FindArticles(ctx, entente.ArticleFilter{IDs: []string{"a1"}}); !errors.Is(err, down) {
		t.Fatalf("FindArticles: %v, want %v", err, down)
	}
}

// The cache stays within its bound, pushing out what was used least
// recently.
func TestBound(t *testing.T) {
	ctx := context.Background()
	s := openSQLite(t, ":memory:")
	storetest.MustUpsertArticles(t, ctx, s, storetest.GenerateArticles(300, 1)...)
	const bound = 64 << 10
	c := readcache.New(s, bound)
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	events, _, err := s.FindEvents(ctx, entente.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if _, err := c.FindSources(ctx, []string{e.ID}); err != nil {
			t.Fatal(err)
		}
	}
	size, err := testutil.GatherAndCount(reg, "entente_read_cache_bytes")
	if err != nil || size != 1 {
		t.Fatalf("gauge: %d, %v", size, err)
	}
	mfs, _ := reg.Gather()
	for _, mf := range mfs {
		if mf.GetName() == "entente_read_cache_bytes" {
			if v := mf.GetMetric()[0].GetGauge().GetValue(); v <= 0 || v > bound {
				t.Fatalf("cache holds %v bytes, bound %d", v, bound)
			}
		}
	}
	// The last event's sources are still there; the first one's are not.
	before := counter(t, c, "entente_read_cache_misses_total", "FindSources")
	c.FindSources(ctx, []string{events[len(events)-1].ID})
	if after := counter(t, c, "entente_read_cache_misses_total", "FindSources"); after != before {
		t.Fatalf("the most recent entry was pushed out (misses %v → %v)", before, after)
	}
	c.FindSources(ctx, []string{events[0].ID})
	if after := counter(t, c, "entente_read_cache_misses_total", "FindSources"); after != before+1 {
		t.Fatalf("the oldest entry was kept beyond the bound (misses %v → %v)", before, after)
	}
}

// Within a request the generation is read once; a write during the
// request shows from the next one.
func TestRequestReadsTheGenerationOnce(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	var reads atomic.Int64
	f.GenerationFn = func(context.Context) (uint64, error) { reads.Add(1); return f.gen.Load(), nil }
	c := readcache.New(f, 0)
	req := readcache.WithRequest(ctx)
	for range 3 {
		if _, _, err := c.FindEvents(req, entente.EventFilter{}); err != nil {
			t.Fatal(err)
		}
		c.FindSources(req, []string{"ev_1"})
	}
	if n := reads.Load(); n != 1 {
		t.Fatalf("%d generation reads in one request, want 1", n)
	}
	f.gen.Add(1) // a write commits
	c.FindEvents(req, entente.EventFilter{})
	if n := f.calls.Load(); n != 2 {
		t.Fatalf("%d store calls, want still 2: the request goes on by the generation it read first", n)
	}
	next := readcache.WithRequest(ctx)
	c.FindEvents(next, entente.EventFilter{})
	if n := f.calls.Load(); n != 3 {
		t.Fatalf("%d store calls, want 3: the next request sees the write", n)
	}
	// The first request, still on the older generation, neither gets nor
	// drops what the newer one keeps.
	c.FindSources(req, []string{"ev_1"})
	if n := f.calls.Load(); n != 4 {
		t.Fatalf("%d store calls, want 4: an older request asks the store", n)
	}
	c.FindEvents(next, entente.EventFilter{})
	if n := f.calls.Load(); n != 4 {
		t.Fatalf("%d store calls, want still 4: the older request dropped the newer answers", n)
	}
}

// Memberships come from a history kept per filter: a caller that changes
// what it got does not change what the next caller gets.
func TestMembershipHistoryIsKeptAndShared(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	c := readcache.New(f, 0)
	asOf := entente.MustParseDate("2025")
	first, err := entente.FindMemberships(ctx, c, entente.EventFilter{Blocs: []string{"BRICS"}}, asOf)
	if err != nil || len(first) != 1 || first[0].Subject.ID != "EGY" || len(first[0].Events) != 1 {
		t.Fatalf("FindMemberships: %+v, %v", first, err)
	}
	first[0].Events[0].Type, first[0].Events[0].Date = entente.Withdrew, entente.MustParseDate("1999")
	again, err := entente.FindMemberships(ctx, c, entente.EventFilter{Blocs: []string{"BRICS"}}, asOf)
	if err != nil || len(again) != 1 || again[0].Events[0].Type != entente.Joined || again[0].Since.String() != "2024-01-01" {
		t.Fatalf("second FindMemberships: %+v, %v", again, err)
	}
	if n := f.calls.Load(); n != 1 {
		t.Fatalf("%d store calls, want 1", n)
	}
	if before, _ := entente.FindMemberships(ctx, c, entente.EventFilter{Blocs: []string{"BRICS"}}, entente.MustParseDate("2023")); len(before) != 0 {
		t.Fatalf("members as of 2023: %+v, want none", before)
	}
}

// Several blocs are kept bloc by bloc: the answers are the store's, for
// any combination, repeats and case.
func TestSeveralBlocsAnswerAsTheStore(t *testing.T) {
	ctx := context.Background()
	s := openSQLite(t, ":memory:")
	storetest.MustUpsertArticles(t, ctx, s, storetest.GenerateArticles(400, 2)...)
	c := readcache.New(s, 0)
	for _, blocs := range [][]string{
		{storetest.BlocID(1), storetest.BlocID(2)},
		{storetest.BlocID(2), storetest.BlocID(1), strings.ToLower(storetest.BlocID(2))},
		{storetest.BlocID(3), storetest.BlocID(5), storetest.BlocID(8), "NOSUCH"},
	} {
		for _, f := range []entente.EventFilter{
			{Blocs: blocs},
			{Blocs: blocs, Types: []entente.EventType{entente.Joined, entente.Applied}, From: entente.MustParseDate("2005")},
		} {
			want, err := s.CountEvents(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for range 2 { // asked, then kept
				got, err := c.CountEvents(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Fatalf("CountEvents(%v) (-store +cache):\n%s", blocs, diff)
				}
			}
		}
		for _, asOf := range []string{"2001", "2010-06", "2024-12-31"} {
			day := entente.MustParseDate(asOf)
			want, err := entente.FindMemberships(ctx, s, entente.EventFilter{Blocs: blocs}, day)
			if err != nil {
				t.Fatal(err)
			}
			got, err := entente.FindMemberships(ctx, c, entente.EventFilter{Blocs: blocs}, day)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				t.Fatalf("no members of %v as of %s: the test shows nothing", blocs, asOf)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("members of %v as of %s (-store +cache):\n%s", blocs, asOf, diff)
			}
		}
	}
}
