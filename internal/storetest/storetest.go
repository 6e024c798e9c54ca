// Package storetest is the contract every entente.Store backend passes: one
// suite, Run, that the SQLite and Neo4j tests both call, plus the fixtures,
// helpers and the article generator their tests and benchmarks share.
//
// It speaks only the entente.Store interface and imports no backend.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente/internal/entente"
)

// Run runs the contract suite. open returns a new, empty store for each
// subtest; it should register the store's Close with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) entente.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s entente.Store)
	}{
		{"UpsertAndFindArticle", testUpsertAndFindArticle},
		{"FindArticles", testFindArticles},
		{"NotFound", testNotFound},
		{"InvalidStoresNothing", testInvalidStoresNothing},
		{"UpsertIdempotent", testUpsertIdempotent},
		{"ReplaceClaims", testReplaceClaims},
		{"SameArticleTwiceInABatch", testSameArticleTwice},
		{"ReportsMerge", testReportsMerge},
		{"DisagreeingDatesStaySeparate", testDisagreeingDates},
		{"EventsMatchGroupClaims", testEventsMatchGroupClaims},
		{"FindEventByID", testFindEventByID},
		{"Entities", testEntities},
		{"EntitiesFollowArticles", testEntitiesFollowArticles},
		{"EntitiesAcrossBatches", testEntitiesAcrossBatches},
		{"FindEntityCaseInsensitive", testFindEntityCaseInsensitive},
		{"FindEntities", testFindEntities},
		{"SearchEntities", testSearchEntities},
		{"FindEventsFilter", testFindEventsFilter},
		{"FindEventsOrder", testFindEventsOrder},
		{"FindEventsPaging", testFindEventsPaging},
		{"FindEventsCursor", testFindEventsCursor},
		{"FindSources", testFindSources},
		{"CountEvents", testCountEvents},
		{"Memberships", testMemberships},
		{"ConcurrentUpserts", testConcurrentUpserts},
		{"Ping", testPing},
		{"Generation", testGeneration},
	}
	tests = append(tests, curationTests...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

// MustUpsertArticles stores articles or fails the test.
func MustUpsertArticles(tb testing.TB, ctx context.Context, s entente.Store, articles ...*entente.Article) []entente.UpsertResult {
	tb.Helper()
	res, err := s.UpsertArticles(ctx, articles)
	if err != nil {
		tb.Fatalf("UpsertArticles: %v", err)
	}
	if got, want := len(res), len(articles); got != want {
		tb.Fatalf("UpsertArticles returned %d results for %d articles", got, want)
	}
	return res
}

// MustUpsertArticle stores one article or fails the test.
func MustUpsertArticle(tb testing.TB, ctx context.Context, s entente.Store, a *entente.Article) entente.UpsertResult {
	tb.Helper()
	return MustUpsertArticles(tb, ctx, s, a)[0]
}

// MustFindEvents finds events or fails the test.
func MustFindEvents(tb testing.TB, ctx context.Context, s entente.Store, f entente.EventFilter) ([]*entente.Event, int) {
	tb.Helper()
	events, n, err := s.FindEvents(ctx, f)
	if err != nil {
		tb.Fatalf("FindEvents(%+v): %v", f, err)
	}
	return events, n
}

// Graph is everything a store holds, as the store interfaces return it.
type Graph struct {
	Articles []*entente.Article // with their extraction, in id order
	Entities []*entente.Entity  // by kind then id
	Events   []*entente.Event   // with their sources, in date order
}

// MustDump reads the whole graph of s, for comparing two stores.
func MustDump(tb testing.TB, ctx context.Context, s entente.Store) *Graph {
	tb.Helper()
	g := &Graph{}
	var err error
	if g.Articles, _, err = s.FindArticles(ctx, entente.ArticleFilter{WithExtraction: true}); err != nil {
		tb.Fatalf("FindArticles: %v", err)
	}
	if g.Entities, _, err = s.FindEntities(ctx, entente.EntityFilter{}); err != nil {
		tb.Fatalf("FindEntities: %v", err)
	}
	g.Events, _ = MustFindEvents(tb, ctx, s, entente.EventFilter{})
	var ids []string
	for _, e := range g.Events {
		ids = append(ids, e.ID)
	}
	sources, err := s.FindSources(ctx, ids)
	if err != nil {
		tb.Fatalf("FindSources: %v", err)
	}
	for _, e := range g.Events {
		e.Sources = sources[e.ID]
	}
	return g
}

// WantEvents returns the events a store holding articles must return:
// GroupClaims over all their claims, with sources.
func WantEvents(articles []*entente.Article) []*entente.Event {
	var claims []*entente.Claim
	for _, a := range articles {
		for _, c := range a.Claims {
			c := *c
			c.ArticleID, c.Published = a.ID, a.Published
			claims = append(claims, &c)
		}
	}
	return entente.GroupClaims(claims)
}

// withoutSources returns copies of events without their sources, as
// FindEvents returns them.
func withoutSources(events []*entente.Event) []*entente.Event {
	out := make([]*entente.Event, len(events))
	for i, e := range events {
		c := *e
		c.Sources = nil
		out[i] = &c
	}
	return out
}

func eventIDs(events []*entente.Event) []string {
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	return ids
}

// findEvent returns the one wanted event matching pred.
func findEvent(tb testing.TB, events []*entente.Event, pred func(e *entente.Event) bool) *entente.Event {
	tb.Helper()
	var found []*entente.Event
	for _, e := range events {
		if pred(e) {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		tb.Fatalf("%d events match, want 1: %v", len(found), found)
	}
	return found[0]
}

var cmpOpts = []cmp.Option{cmpopts.EquateEmpty()}

// articleFields ignores what FindArticleByID may leave out.
var articleFields = cmpopts.IgnoreFields(entente.Article{}, "IngestedAt", "Entities", "Claims")

func testUpsertAndFindArticle(t *testing.T, s entente.Store) {
	ctx := context.Background()
	a1 := byID(Fixtures(), "a1")
	res := MustUpsertArticle(t, ctx, s, a1)
	if diff := cmp.Diff(entente.UpsertResult{ArticleID: "a1", Outcome: entente.Created, EventsAdded: 1}, res); diff != "" {
		t.Fatalf("UpsertResult (-want +got):\n%s", diff)
	}

	got, err := s.FindArticleByID(ctx, "a1")
	if err != nil {
		t.Fatalf("FindArticleByID: %v", err)
	}
	if diff := cmp.Diff(a1, got, articleFields); diff != "" {
		t.Fatalf("FindArticleByID (-want +got):\n%s", diff)
	}
	if got.IngestedAt.IsZero() {
		t.Fatalf("IngestedAt is zero, want the time of the first write")
	}

	// The extraction comes back as stored, claims stamped with their article.
	arts, n, err := s.FindArticles(ctx, entente.ArticleFilter{IDs: []string{"a1"}, WithExtraction: true})
	if err != nil {
		t.Fatalf("FindArticles: %v", err)
	}
	if n != 1 || len(arts) != 1 {
		t.Fatalf("FindArticles returned %d of %d, want 1 of 1", len(arts), n)
	}
	want := byID(Fixtures(), "a1")
	for _, c := range want.Claims {
		c.ArticleID, c.Published = want.ID, want.Published
	}
	if diff := cmp.Diff(want, arts[0], append(cmpOpts, cmpopts.IgnoreFields(entente.Article{}, "IngestedAt"))...); diff != "" {
		t.Fatalf("FindArticles WithExtraction (-want +got):\n%s", diff)
	}
	if !arts[0].IngestedAt.Equal(got.IngestedAt) {
		t.Fatalf("IngestedAt=%v, want %v", arts[0].IngestedAt, got.IngestedAt)
	}
}

func testFindArticles(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, fx...)
	url, hash := "https://news.example/brics-expands", byID(fx, "a5").Hash
	for _, tt := range []struct {
		name  string
		f     entente.ArticleFilter
		want  []string
		total int
	}{
		{"All", entente.ArticleFilter{}, []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7"}, 7},
		{"EmptyIDsMatchAll", entente.ArticleFilter{IDs: []string{}, Limit: 1}, []string{"a1"}, 7},
		{"IDs", entente.ArticleFilter{IDs: []string{"a6", "a2", "zz"}}, []string{"a2", "a6"}, 2},
		{"URL", entente.ArticleFilter{URL: &url}, []string{"a3"}, 1},
		{"Hash", entente.ArticleFilter{Hash: &hash}, []string{"a5"}, 1},
		// "" is no URL: it must not match the articles that have none (a4, a7).
		{"URLs", entente.ArticleFilter{URLs: []string{"https://sahel.example/ecowas", "https://nowhere.example/", "", url}}, []string{"a3", "a6"}, 2},
		{"Hashes", entente.ArticleFilter{Hashes: []string{hash, "0000", byID(fx, "a7").Hash}, Limit: 1}, []string{"a5"}, 2},
		{"URLsAndHashes", entente.ArticleFilter{URLs: []string{url}, Hashes: []string{hash}}, nil, 0},
		{"After", entente.ArticleFilter{After: "a4", Limit: 2}, []string{"a5", "a6"}, 3},
		{"OffsetLimit", entente.ArticleFilter{Offset: 1, Limit: 2}, []string{"a2", "a3"}, 7},
	} {
		t.Run(tt.name, func(t *testing.T) {
			arts, n, err := s.FindArticles(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindArticles: %v", err)
			}
			var ids []string
			for _, a := range arts {
				ids = append(ids, a.ID)
				if len(a.Claims) != 0 || len(a.Entities) != 0 {
					t.Fatalf("article %s has its extraction without WithExtraction", a.ID)
				}
			}
			if diff := cmp.Diff(tt.want, ids, cmpOpts...); diff != "" {
				t.Fatalf("ids (-want +got):\n%s", diff)
			}
			if n != tt.total {
				t.Fatalf("total=%d, want %d", n, tt.total)
			}
		})
	}
}

func testNotFound(t *testing.T, s entente.Store) {
	ctx := context.Background()
	MustUpsertArticles(t, ctx, s, Fixtures()...)
	for _, tt := range []struct {
		name string
		fn   func() error
	}{
		{"Article", func() error { _, err := s.FindArticleByID(ctx, "nope"); return err }},
		{"Event", func() error { _, err := s.FindEventByID(ctx, "ev_00000000000000000000"); return err }},
		{"Country", func() error { _, err := s.FindEntity(ctx, entente.KindCountry, "XXX"); return err }},
		{"Bloc", func() error { _, err := s.FindEntity(ctx, entente.KindBloc, "NOPE"); return err }},
		{"WrongKind", func() error { _, err := s.FindEntity(ctx, entente.KindPerson, "KAZ"); return err }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := entente.ErrorCode(tt.fn()), entente.ENOTFOUND; got != want {
				t.Fatalf("ErrorCode=%q, want %q", got, want)
			}
		})
	}
}

func testInvalidStoresNothing(t *testing.T, s entente.Store) {
	ctx := context.Background()
	for _, tt := range []struct {
		name   string
		mangle func(a *entente.Article) *entente.Article
	}{
		{"NoID", func(a *entente.Article) *entente.Article { a.ID = ""; return a }},
		{"Nil", func(a *entente.Article) *entente.Article { return nil }},
		{"BadEventType", func(a *entente.Article) *entente.Article { a.Claims[0].Type = "MERGED"; return a }},
		{"NoBloc", func(a *entente.Article) *entente.Article { a.Claims[0].Bloc = nil; return a }},
		{"BadConfidence", func(a *entente.Article) *entente.Article { a.Claims[0].Confidence = 1.5; return a }},
		{"BadUTF8", func(a *entente.Article) *entente.Article { a.Text = "\xff\xfe"; return a }},
		{"EntityWithoutName", func(a *entente.Article) *entente.Article { a.Entities[0].Name = ""; return a }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fx := Fixtures()
			batch := []*entente.Article{byID(fx, "a3"), tt.mangle(byID(fx, "a1"))}
			_, err := s.UpsertArticles(ctx, batch)
			if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
				t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
			}
			if entente.ErrorMessage(err) == "" {
				t.Fatalf("EINVALID without a message")
			}
			if _, err := s.FindArticleByID(ctx, "a3"); entente.ErrorCode(err) != entente.ENOTFOUND {
				t.Fatalf("the valid article of the batch was stored (err %v)", err)
			}
			if _, n := MustFindEvents(t, ctx, s, entente.EventFilter{}); n != 0 {
				t.Fatalf("%d events stored, want 0", n)
			}
			if _, n, err := s.FindEntities(ctx, entente.EntityFilter{}); err != nil || n != 0 {
				t.Fatalf("FindEntities=%d, %v; want 0 entities", n, err)
			}
		})
	}
	if res, err := s.UpsertArticles(ctx, nil); err != nil || len(res) != 0 {
		t.Fatalf("UpsertArticles(nil)=%v, %v; want no results and no error", res, err)
	}
}

func testUpsertIdempotent(t *testing.T, s entente.Store) {
	ctx := context.Background()
	res := MustUpsertArticles(t, ctx, s, Fixtures()...)
	for _, r := range res {
		if r.Outcome != entente.Created {
			t.Fatalf("first write of %s: Outcome=%v, want created", r.ArticleID, r.Outcome)
		}
	}
	before := MustDump(t, ctx, s)

	for _, batch := range [][]*entente.Article{Fixtures(), {byID(Fixtures(), "a2")}} {
		res := MustUpsertArticles(t, ctx, s, batch...)
		for i, r := range res {
			want := entente.UpsertResult{ArticleID: batch[i].ID, Outcome: entente.Unchanged}
			if diff := cmp.Diff(want, r); diff != "" {
				t.Fatalf("second write (-want +got):\n%s", diff)
			}
		}
	}
	after := MustDump(t, ctx, s)
	if diff := cmp.Diff(before, after, cmpOpts...); diff != "" {
		t.Fatalf("graph changed on the second write (-before +after):\n%s", diff)
	}
}

func testReplaceClaims(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a1"), byID(fx, "a2"))
	events, n := MustFindEvents(t, ctx, s, entente.EventFilter{})
	if n != 2 {
		t.Fatalf("%d events, want 2 (DECLINED and ATTENDED): %v", n, events)
	}

	// a2 now reports only a new event: its ATTENDED event, which no other
	// article reports, goes; the DECLINED event keeps a1 as its source.
	a2 := byID(Fixtures(), "a2")
	a2.Title = "Leaders gather in Kazan (corrected)"
	a2.Claims = []*entente.Claim{member(entente.Applied, "KAZ", "Kazakhstan", "SCO", entente.Observer, "2024-10", 0)}
	res := MustUpsertArticle(t, ctx, s, a2)
	if diff := cmp.Diff(entente.UpsertResult{ArticleID: "a2", Outcome: entente.Updated, EventsAdded: 1, EventsRemoved: 1}, res); diff != "" {
		t.Fatalf("UpsertResult (-want +got):\n%s", diff)
	}
	want := WantEvents([]*entente.Article{byID(fx, "a1"), a2})
	got, _ := MustFindEvents(t, ctx, s, entente.EventFilter{})
	if diff := cmp.Diff(withoutSources(want), got, cmpOpts...); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	declined := findEvent(t, want, func(e *entente.Event) bool { return e.Type == entente.Declined })
	ev, err := s.FindEventByID(ctx, declined.ID)
	if err != nil {
		t.Fatalf("FindEventByID: %v", err)
	}
	if diff := cmp.Diff(declined.Sources, ev.Sources, cmpOpts...); diff != "" {
		t.Fatalf("DECLINED sources (-want +got):\n%s", diff)
	}
	stored, err := s.FindArticleByID(ctx, "a2")
	if err != nil || stored.Title != a2.Title {
		t.Fatalf("FindArticleByID=%v, %v; want the corrected title", stored, err)
	}

	// A changed date moves the event: the old one goes, a new one comes.
	a1 := byID(Fixtures(), "a1")
	a1.Claims[0].Date = entente.MustParseDate("2024-09-30")
	res = MustUpsertArticle(t, ctx, s, a1)
	if diff := cmp.Diff(entente.UpsertResult{ArticleID: "a1", Outcome: entente.Updated, EventsAdded: 1, EventsRemoved: 1}, res); diff != "" {
		t.Fatalf("UpsertResult after a date change (-want +got):\n%s", diff)
	}
	if _, err := s.FindEventByID(ctx, declined.ID); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Fatalf("the event of the old date is still there (err %v)", err)
	}

	// An article that no longer reports anything removes its events.
	a1.Claims = nil
	res = MustUpsertArticle(t, ctx, s, a1)
	if diff := cmp.Diff(entente.UpsertResult{ArticleID: "a1", Outcome: entente.Updated, EventsRemoved: 1}, res); diff != "" {
		t.Fatalf("UpsertResult without claims (-want +got):\n%s", diff)
	}
	if _, n := MustFindEvents(t, ctx, s, entente.EventFilter{Types: []entente.EventType{entente.Declined}}); n != 0 {
		t.Fatalf("%d DECLINED events left, want 0", n)
	}
}

func testSameArticleTwice(t *testing.T, s entente.Store) {
	ctx := context.Background()
	// A feed may carry one article twice, and a correction after it.
	a1, again, corrected := byID(Fixtures(), "a1"), byID(Fixtures(), "a1"), byID(Fixtures(), "a1")
	corrected.Claims[0].Date = entente.MustParseDate("2024-10-15")
	res := MustUpsertArticles(t, ctx, s, a1, again, corrected)
	want := []entente.UpsertResult{
		{ArticleID: "a1", Outcome: entente.Created, EventsAdded: 1},
		{ArticleID: "a1", Outcome: entente.Unchanged},
		{ArticleID: "a1", Outcome: entente.Updated, EventsAdded: 1, EventsRemoved: 1},
	}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Fatalf("UpsertResults (-want +got):\n%s", diff)
	}
	got := MustDump(t, ctx, s)
	if diff := cmp.Diff(WantEvents([]*entente.Article{corrected}), got.Events, cmpOpts...); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	if len(got.Articles) != 1 {
		t.Fatalf("%d articles, want 1", len(got.Articles))
	}
}

func testReportsMerge(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	r1 := MustUpsertArticle(t, ctx, s, byID(fx, "a1"))
	r2 := MustUpsertArticle(t, ctx, s, byID(fx, "a2"))
	if r1.EventsAdded != 1 || r2.EventsAdded != 1 {
		t.Fatalf("EventsAdded=%d then %d, want 1 then 1 (the second report of DECLINED adds no event)", r1.EventsAdded, r2.EventsAdded)
	}
	events, n := MustFindEvents(t, ctx, s, entente.EventFilter{Types: []entente.EventType{entente.Declined}})
	if n != 1 || len(events) != 1 {
		t.Fatalf("%d DECLINED events, want 1: %v", n, events)
	}
	ev, err := s.FindEventByID(ctx, events[0].ID)
	if err != nil {
		t.Fatalf("FindEventByID: %v", err)
	}
	if got, want := ev.Date, entente.MustParseDate("2024-10-16"); got != want {
		t.Fatalf("Date=%v, want the most precise agreed date %v", got, want)
	}
	var arts []string
	for _, src := range ev.Sources {
		arts = append(arts, src.ArticleID)
	}
	if diff := cmp.Diff([]string{"a1", "a2"}, arts); diff != "" {
		t.Fatalf("sources (-want +got):\n%s", diff)
	}
	if got, want := ev.Sources[1].Date, entente.MustParseDate("2024-10"); got != want {
		t.Fatalf("a2's source Date=%v, want its own less precise %v", got, want)
	}
	if got, want := ev.FirstReported, entente.MustParseDate("2024-10-17"); got != want {
		t.Fatalf("FirstReported=%v, want %v", got, want)
	}
	if got, want := ev.Confidence, 0.97; got != want {
		t.Fatalf("Confidence=%v, want %v (noisy-or of 0.9 and 0.7)", got, want)
	}
}

func testDisagreeingDates(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a3"), byID(fx, "a4"))
	egy := "EGY"
	events, n := MustFindEvents(t, ctx, s, entente.EventFilter{Countries: []string{egy}})
	if n != 2 {
		t.Fatalf("%d events of Egypt, want 2 (2023-08 and 2024-01-01 disagree): %v", n, events)
	}
	if got, want := []string{events[0].Date.String(), events[1].Date.String()}, []string{"2023-08", "2024-01-01"}; !slices.Equal(got, want) {
		t.Fatalf("dates=%v, want %v", got, want)
	}
	if events[0].ID == events[1].ID {
		t.Fatalf("both events have id %s", events[0].ID)
	}
}

func testEventsMatchGroupClaims(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	// In several batches, in an order unlike id order.
	MustUpsertArticles(t, ctx, s, fx[4], fx[1])
	MustUpsertArticles(t, ctx, s, fx[6], fx[0], fx[3])
	MustUpsertArticles(t, ctx, s, fx[2], fx[5])
	got := MustDump(t, ctx, s)
	if diff := cmp.Diff(WantEvents(fx), got.Events, cmpOpts...); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
}

func testFindEventByID(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, fx...)
	for _, want := range WantEvents(fx) {
		got, err := s.FindEventByID(ctx, want.ID)
		if err != nil {
			t.Fatalf("FindEventByID(%s): %v", want.ID, err)
		}
		if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
			t.Fatalf("FindEventByID(%s) (-want +got):\n%s", want.ID, diff)
		}
	}
}

func testEntities(t *testing.T, s entente.Store) {
	ctx := context.Background()
	MustUpsertArticles(t, ctx, s, Fixtures()...)
	for _, tt := range []struct {
		kind entente.EntityKind
		id   string
		want *entente.Entity
	}{
		{entente.KindPerson, "kassym-jomart-tokayev", &entente.Entity{
			Kind: entente.KindPerson, ID: "kassym-jomart-tokayev", Name: "Kassym-Jomart Tokayev",
			Aliases: []string{"Tokayev"},
			Offices: []entente.Office{{
				Title: "President", Country: "KAZ",
				FirstReported: entente.MustParseDate("2024-10-17"), LastReported: entente.MustParseDate("2024-10-18"),
			}},
		}},
		{entente.KindCountry, "ARE", &entente.Entity{
			Kind: entente.KindCountry, ID: "ARE", Name: "United Arab Emirates", Aliases: []string{"Emirates", "UAE"},
		}},
		{entente.KindBloc, "ECOWAS", &entente.Entity{
			Kind: entente.KindBloc, ID: "ECOWAS", Name: "Economic Community of West African States",
			// Claims call it by its id.
			Aliases: []string{"ECOWAS"},
		}},
		{entente.KindPerson, "xi-jinping", &entente.Entity{
			Kind: entente.KindPerson, ID: "xi-jinping", Name: "Xi Jinping",
			Offices: []entente.Office{{
				Title: "President", Country: "CHN",
				FirstReported: entente.MustParseDate("2024-07-03"), LastReported: entente.MustParseDate("2024-07-03"),
			}},
		}},
	} {
		t.Run(tt.id, func(t *testing.T) {
			got, err := s.FindEntity(ctx, tt.kind, tt.id)
			if err != nil {
				t.Fatalf("FindEntity: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
				t.Fatalf("FindEntity (-want +got):\n%s", diff)
			}
		})
	}
}

func testEntitiesFollowArticles(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a1"), byID(fx, "a2"))

	// RUS is only a place in a2's ATTENDED claim and a listed entity of a2;
	// a place alone is enough to make it an entity.
	a2 := byID(Fixtures(), "a2")
	a2.Entities = a2.Entities[:3]
	MustUpsertArticle(t, ctx, s, a2)
	if rus, err := s.FindEntity(ctx, entente.KindCountry, "RUS"); err != nil || rus.Name == "" {
		t.Fatalf("FindEntity(RUS)=%v, %v; want the place's country with a name", rus, err)
	}

	// Tokayev's office is now reported by a1 only.
	a2.Entities = a2.Entities[:2]
	a2.Claims = a2.Claims[:1]
	MustUpsertArticle(t, ctx, s, a2)
	if _, err := s.FindEntity(ctx, entente.KindCountry, "RUS"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Fatalf("RUS is no longer mentioned but FindEntity gives err %v, want not found", err)
	}
	tok, err := s.FindEntity(ctx, entente.KindPerson, "kassym-jomart-tokayev")
	if err != nil {
		t.Fatalf("FindEntity: %v", err)
	}
	want := []entente.Office{{Title: "President", Country: "KAZ",
		FirstReported: entente.MustParseDate("2024-10-17"), LastReported: entente.MustParseDate("2024-10-17")}}
	if diff := cmp.Diff(want, tok.Offices); diff != "" {
		t.Fatalf("offices (-want +got):\n%s", diff)
	}

	// No article mentions Tokayev any more: he is gone.
	a1 := byID(Fixtures(), "a1")
	a1.Entities = a1.Entities[:2]
	MustUpsertArticle(t, ctx, s, a1)
	if _, err := s.FindEntity(ctx, entente.KindPerson, "kassym-jomart-tokayev"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Fatalf("FindEntity after the last mention went: err %v, want not found", err)
	}
	persons := entente.KindPerson
	if _, n, err := s.FindEntities(ctx, entente.EntityFilter{Kind: &persons}); err != nil || n != 0 {
		t.Fatalf("FindEntities(person)=%d, %v; want 0", n, err)
	}
}

// WantEntities returns the entities a store holding articles must return:
// every listed entity, claim subject, bloc and place's country merged with
// MergeMentions.
func WantEntities(articles []*entente.Article) []*entente.Entity {
	byKey := map[string][]entente.Mention{}
	add := func(a *entente.Article, e entente.Entity) {
		byKey[e.Key()] = append(byKey[e.Key()], entente.Mention{Entity: e, ArticleID: a.ID, Published: a.Published})
	}
	for _, a := range articles {
		for _, e := range a.Entities {
			add(a, *e)
		}
		for _, c := range a.Claims {
			add(a, entente.Entity{Kind: c.Subject.Kind, ID: c.Subject.ID, Name: c.Subject.Name})
			if c.Bloc != nil {
				add(a, entente.Entity{Kind: entente.KindBloc, ID: c.Bloc.ID, Name: c.Bloc.Name})
			}
			if c.Place != nil {
				add(a, entente.Entity{Kind: entente.KindCountry, ID: c.Place.Country})
			}
		}
	}
	var out []*entente.Entity
	for k, ms := range byKey {
		kind, id, _ := entente.ParseEntityKey(k)
		out = append(out, entente.MergeMentions(kind, id, ms))
	}
	slices.SortFunc(out, func(a, b *entente.Entity) int { return strings.Compare(a.Key(), b.Key()) })
	return out
}

// Entities come out as MergeMentions makes them from the stored articles
// however these came in: one by one or in batches, with the offices of a
// much reported leader dated differently by each article, and with
// corrections that take names and offices away.
func testEntitiesAcrossBatches(t *testing.T, s entente.Store) {
	ctx := context.Background()
	date := func(i int) entente.Date {
		return entente.Date{Year: 2000 + i%23, Month: 1 + i%12, Day: 1 + i%28}.Truncate(entente.Precision(1 + i%3))
	}
	var arts []*entente.Article
	for i := range 40 {
		o := entente.Office{Title: "President", Country: "KAZ"}
		switch i % 4 {
		case 0:
			o.Since = date(i * 7)
		case 1:
			o.Until, o.LastReported = date(i*5), date(i*3)
		case 2:
			o.FirstReported = date(i * 11)
		}
		tok := person("kassym-jomart-tokayev", []string{"Kassym-Jomart Tokayev", "Tokayev", "K. Tokayev"}[i%3], o)
		if i%5 == 0 {
			tok.Offices = append(tok.Offices, entente.Office{Title: "Chairman", Org: "SCO", Since: date(i)})
		}
		arts = append(arts, &entente.Article{
			ID: fmt.Sprintf("b%02d", i), Published: date(i * 13), ExtractorVersion: "test-1",
			Text:     fmt.Sprintf("Report %d. Kazakhstan joined the SCO.", i),
			Entities: []*entente.Entity{kaz(), tok, bloc("SCO", []string{"SCO", "Shanghai Cooperation Organisation"}[i%2])},
			Claims:   []*entente.Claim{member(entente.Joined, "KAZ", "Kazakhstan", "SCO", entente.Member, "2024", 10)},
		})
		arts[i].Hash = entente.ContentHash(arts[i].Text)
	}
	check := func(stage string, stored []*entente.Article) {
		t.Helper()
		want := WantEntities(stored)
		for _, w := range want {
			got, err := s.FindEntity(ctx, w.Kind, w.ID)
			if err != nil {
				t.Fatalf("%s: FindEntity(%s): %v", stage, w.Key(), err)
			}
			if diff := cmp.Diff(w, got, cmpOpts...); diff != "" {
				t.Fatalf("%s: FindEntity(%s) (-want +got):\n%s", stage, w.Key(), diff)
			}
		}
		if _, n, err := s.FindEntities(ctx, entente.EntityFilter{}); err != nil || n != len(want) {
			t.Fatalf("%s: FindEntities total=%d, %v; want %d", stage, n, err, len(want))
		}
	}
	MustUpsertArticles(t, ctx, s, arts[:1]...)
	check("one article", arts[:1])
	for i := 1; i < len(arts); {
		n := min(1+i%7, len(arts)-i)
		MustUpsertArticles(t, ctx, s, arts[i:i+n]...)
		i += n
	}
	check("in batches", arts)

	// Corrections: some articles lose the leader's offices, one loses him
	// altogether, one names the bloc anew; and a new article in the same batch.
	var batch []*entente.Article
	for _, i := range []int{0, 5, 9, 20} {
		a := *arts[i]
		a.Entities = []*entente.Entity{kaz(), person("kassym-jomart-tokayev", "Tokayev"), bloc("SCO", "SCO")}
		arts[i] = &a
		batch = append(batch, &a)
	}
	a := *arts[13]
	a.Entities = []*entente.Entity{kaz(), bloc("SCO", "The SCO")}
	arts[13] = &a
	batch = append(batch, &a, &entente.Article{
		ID: "b99", Published: date(99), ExtractorVersion: "test-1", Text: "Report 99.", Hash: entente.ContentHash("Report 99."),
		Entities: []*entente.Entity{person("kassym-jomart-tokayev", "Tokayev", entente.Office{Title: "President", Country: "KAZ", Until: date(1)})},
	})
	arts = append(arts, batch[len(batch)-1])
	MustUpsertArticles(t, ctx, s, batch...)
	check("after corrections", arts)
}

func testFindEntityCaseInsensitive(t *testing.T, s entente.Store) {
	ctx := context.Background()
	MustUpsertArticles(t, ctx, s, Fixtures()...)
	for _, tt := range []struct {
		kind   entente.EntityKind
		in, id string
	}{
		{entente.KindBloc, "brics", "BRICS"},
		{entente.KindBloc, "Ecowas", "ECOWAS"},
		{entente.KindCountry, "kaz", "KAZ"},
		{entente.KindPerson, "Xi-Jinping", "xi-jinping"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			e, err := s.FindEntity(ctx, tt.kind, tt.in)
			if err != nil {
				t.Fatalf("FindEntity: %v", err)
			}
			if e.ID != tt.id || e.Kind != tt.kind {
				t.Fatalf("FindEntity=%s, want %s", e.Key(), entente.EntityKey(tt.kind, tt.id))
			}
		})
	}
}

func keys(es []*entente.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Key())
	}
	return out
}

func testFindEntities(t *testing.T, s entente.Store) {
	ctx := context.Background()
	MustUpsertArticles(t, ctx, s, Fixtures()...)
	blocs, persons := entente.KindBloc, entente.KindPerson
	kaz, chn, nope := "KAZ", "chn", "USA"
	for _, tt := range []struct {
		name  string
		f     entente.EntityFilter
		want  []string
		total int
	}{
		{"Blocs", entente.EntityFilter{Kind: &blocs}, []string{"bloc:BRICS", "bloc:ECOWAS", "bloc:NATO", "bloc:SCO"}, 4},
		{"IDs", entente.EntityFilter{IDs: []string{"kaz", "BRICS", "xx"}}, []string{"bloc:BRICS", "country:KAZ"}, 2},
		{"OfficeCountry", entente.EntityFilter{OfficeCountry: &kaz}, []string{"person:kassym-jomart-tokayev"}, 1},
		{"OfficeCountryCase", entente.EntityFilter{Kind: &persons, OfficeCountry: &chn}, []string{"person:xi-jinping"}, 1},
		{"OfficeCountryNone", entente.EntityFilter{OfficeCountry: &nope}, nil, 0},
		{"Page", entente.EntityFilter{Kind: &blocs, Offset: 1, Limit: 2}, []string{"bloc:ECOWAS", "bloc:NATO"}, 4},
		{"Persons", entente.EntityFilter{Kind: &persons}, []string{"person:kassym-jomart-tokayev", "person:xi-jinping"}, 2},
		{"EmptyIDsMatchAll", entente.EntityFilter{Kind: &blocs, IDs: []string{}}, []string{"bloc:BRICS", "bloc:ECOWAS", "bloc:NATO", "bloc:SCO"}, 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, n, err := s.FindEntities(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindEntities: %v", err)
			}
			if diff := cmp.Diff(tt.want, keys(got), cmpOpts...); diff != "" {
				t.Fatalf("entities (-want +got):\n%s", diff)
			}
			if n != tt.total {
				t.Fatalf("total=%d, want %d", n, tt.total)
			}
		})
	}

	// Everything, by kind then id.
	all, n, err := s.FindEntities(ctx, entente.EntityFilter{})
	if err != nil {
		t.Fatalf("FindEntities: %v", err)
	}
	if n != len(all) || n != 21 {
		t.Fatalf("FindEntities returned %d of %d, want 21 of 21: %v", len(all), n, keys(all))
	}
	if !slices.IsSortedFunc(all, func(a, b *entente.Entity) int {
		return strings.Compare(string(a.Kind)+"\x00"+a.ID, string(b.Kind)+"\x00"+b.ID)
	}) {
		t.Fatalf("FindEntities not in kind, id order: %v", keys(all))
	}
}

func testSearchEntities(t *testing.T, s entente.Store) {
	ctx := context.Background()
	MustUpsertArticles(t, ctx, s, Fixtures()...)
	countries := entente.KindCountry
	for _, tt := range []struct {
		name string
		text string
		kind *entente.EntityKind
		want []string
	}{
		// Exact, then prefix, then a word inside the name; ties by kind, id.
		{"Ranked", "guinea", nil, []string{"country:GIN", "country:GNB", "country:GNQ", "country:PNG"}},
		{"CaseInsensitive", "KAZAKHSTAN", nil, []string{"country:KAZ"}},
		{"Prefix", "kazakh", nil, []string{"country:KAZ"}},
		{"Alias", "uae", nil, []string{"country:ARE"}},
		{"AliasWord", "tokayev", nil, []string{"person:kassym-jomart-tokayev"}},
		{"WordAfterHyphen", "jomart", nil, []string{"person:kassym-jomart-tokayev"}},
		{"Word", "west african", nil, []string{"bloc:ECOWAS"}},
		{"ExactBeforePrefix", "niger", nil, []string{"country:NER", "country:NGA"}},
		{"Kind", "brics", &countries, nil},
		{"NoMatch", "atlantis", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text
			got, n, err := s.FindEntities(ctx, entente.EntityFilter{Text: &text, Kind: tt.kind})
			if err != nil {
				t.Fatalf("FindEntities: %v", err)
			}
			if diff := cmp.Diff(tt.want, keys(got), cmpOpts...); diff != "" {
				t.Fatalf("search %q (-want +got):\n%s", tt.text, diff)
			}
			if n != len(tt.want) {
				t.Fatalf("total=%d, want %d", n, len(tt.want))
			}
		})
	}
	text := "guinea"
	got, n, err := s.FindEntities(ctx, entente.EntityFilter{Text: &text, Offset: 1, Limit: 2})
	if err != nil {
		t.Fatalf("FindEntities: %v", err)
	}
	if diff := cmp.Diff([]string{"country:GNB", "country:GNQ"}, keys(got)); diff != "" || n != 4 {
		t.Fatalf("search page (-want +got):\n%s\ntotal=%d, want 4", diff, n)
	}
}

// matchEvent is the meaning of EventFilter, less paging.
func matchEvent(e *entente.Event, f entente.EventFilter) bool {
	in := func(list []string, v string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, v) })
	}
	if len(f.IDs) > 0 && !slices.Contains(f.IDs, e.ID) {
		return false
	}
	if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false
	}
	if len(f.Blocs) > 0 && (e.Bloc == nil || !in(f.Blocs, e.Bloc.ID)) {
		return false
	}
	if len(f.Countries) > 0 {
		subj := e.Subject.Kind == entente.KindCountry && in(f.Countries, e.Subject.ID)
		place := e.Place != nil && in(f.Countries, e.Place.Country)
		if !subj && !place {
			return false
		}
	}
	if len(f.Persons) > 0 && (e.Subject.Kind != entente.KindPerson || !in(f.Persons, e.Subject.ID)) {
		return false
	}
	if len(f.SubjectKinds) > 0 && !slices.Contains(f.SubjectKinds, e.Subject.Kind) {
		return false
	}
	if !f.From.IsZero() && (e.Date.IsZero() || e.Date.Last().Compare(f.From.First()) < 0) {
		return false
	}
	if !f.To.IsZero() && (e.Date.IsZero() || e.Date.First().Compare(f.To.Last()) > 0) {
		return false
	}
	if len(f.Status) > 0 && !slices.Contains(f.Status, e.Status) {
		return false
	}
	return true
}

func testFindEventsFilter(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, fx...)
	all := withoutSources(WantEvents(fx))
	d := entente.MustParseDate
	for _, tt := range []struct {
		name string
		f    entente.EventFilter
		n    int // how many match, to keep the table honest
	}{
		{"All", entente.EventFilter{}, len(all)},
		{"Types", entente.EventFilter{Types: []entente.EventType{entente.Joined, entente.Withdrew}}, 9},
		{"Blocs", entente.EventFilter{Blocs: []string{"brics"}}, 6},
		{"TwoBlocs", entente.EventFilter{Blocs: []string{"NATO", "SCO"}}, 2},
		{"CountrySubjectOrPlace", entente.EventFilter{Countries: []string{"KAZ"}}, 3},
		{"CountryLowerCase", entente.EventFilter{Countries: []string{"rus"}}, 1},
		{"Persons", entente.EventFilter{Persons: []string{"xi-jinping"}}, 2},
		{"SubjectKinds", entente.EventFilter{SubjectKinds: []entente.EntityKind{entente.KindPerson}}, 3},
		{"FromYear", entente.EventFilter{From: d("2024")}, 9},
		{"ToMonth", entente.EventFilter{To: d("2023-08")}, 4},
		{"FromToDay", entente.EventFilter{From: d("2024-10-16"), To: d("2024-10-16")}, 2},
		{"FromMonthCoversDay", entente.EventFilter{From: d("2024-07"), To: d("2024-07")}, 2},
		{"Status", entente.EventFilter{Status: []entente.Status{entente.Planned}}, 2},
		{"Combined", entente.EventFilter{Blocs: []string{"BRICS"}, Types: []entente.EventType{entente.Joined}, From: d("2024")}, 2},
		{"IDs", entente.EventFilter{IDs: []string{all[0].ID, all[3].ID, "ev_unknown"}}, 2},
		{"NoMatch", entente.EventFilter{Blocs: []string{"OPEC"}}, 0},
		{"EmptyListsMatchAll", entente.EventFilter{IDs: []string{}, Types: []entente.EventType{}, Blocs: []string{}, Countries: []string{}, Status: []entente.Status{}}, len(all)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want []*entente.Event
			for _, e := range all {
				if matchEvent(e, tt.f) {
					want = append(want, e)
				}
			}
			if len(want) != tt.n {
				t.Fatalf("the fixtures have %d matching events, the table says %d: fix the table", len(want), tt.n)
			}
			got, n := MustFindEvents(t, ctx, s, tt.f)
			if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
				t.Fatalf("FindEvents (-want +got):\n%s", diff)
			}
			if n != tt.n {
				t.Fatalf("total=%d, want %d", n, tt.n)
			}
		})
	}
}

func testFindEventsOrder(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, fx...)
	got, _ := MustFindEvents(t, ctx, s, entente.EventFilter{})
	if !slices.IsSortedFunc(got, func(a, b *entente.Event) int {
		if c := strings.Compare(a.OrderKey(), b.OrderKey()); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}) {
		t.Fatalf("events not in OrderKey, ID order: %v", got)
	}
	// Less precise first on the same first day; undated last.
	var dates []string
	for _, e := range got {
		dates = append(dates, e.Date.String())
	}
	want := []string{"1975", "2021-09-08", "2023-04", "2023-08", "2024-01", "2024-01-01", "2024-07", "2024-07-02", "2024-10", "2024-10-16", "2025-01-29", "2025-01-29", "2025-01-29", ""}
	if diff := cmp.Diff(want, dates); diff != "" {
		t.Fatalf("dates in order (-want +got):\n%s", diff)
	}
}

func testFindEventsPaging(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, fx...)
	all := eventIDs(WantEvents(fx))
	for _, tt := range []struct {
		offset, limit int
	}{{0, 3}, {3, 3}, {12, 5}, {14, 1}, {20, 2}, {0, 0}} {
		t.Run(fmt.Sprintf("Offset%dLimit%d", tt.offset, tt.limit), func(t *testing.T) {
			got, n := MustFindEvents(t, ctx, s, entente.EventFilter{Offset: tt.offset, Limit: tt.limit})
			end := len(all)
			if tt.limit > 0 {
				end = min(tt.offset+tt.limit, len(all))
			}
			want := all[min(tt.offset, len(all)):end]
			if diff := cmp.Diff(want, eventIDs(got), cmpOpts...); diff != "" {
				t.Fatalf("page (-want +got):\n%s", diff)
			}
			if n != len(all) {
				t.Fatalf("total=%d, want %d", n, len(all))
			}
		})
	}
}

func testFindEventsCursor(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, fx...)
	all := WantEvents(fx)

	for _, f := range []entente.EventFilter{{}, {Blocs: []string{"BRICS"}}} {
		var want []string
		for _, e := range all {
			if matchEvent(e, f) {
				want = append(want, e.ID)
			}
		}
		var got []string
		after := ""
		for pages := 0; ; pages++ {
			if pages > len(all) {
				t.Fatalf("paging does not end: %v", got)
			}
			f.After, f.Limit = after, 4
			page, n := MustFindEvents(t, ctx, s, f)
			if n != len(want) {
				t.Fatalf("total=%d with a cursor, want %d ignoring it", n, len(want))
			}
			if len(page) == 0 {
				break
			}
			got = append(got, eventIDs(page)...)
			after = page[len(page)-1].Cursor()
		}
		if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
			t.Fatalf("pages joined (-want +got):\n%s", diff)
		}
	}

	// The cursor of an event that is gone still places the page.
	gone := &entente.Event{ID: all[5].ID + "0", Date: all[5].Date}
	page, _ := MustFindEvents(t, ctx, s, entente.EventFilter{After: gone.Cursor(), Limit: 2})
	if diff := cmp.Diff(eventIDs(all[6:8]), eventIDs(page)); diff != "" {
		t.Fatalf("page after a vanished event (-want +got):\n%s", diff)
	}
	// The undated sort last.
	undated := &entente.Event{ID: "ev_"}
	page, _ = MustFindEvents(t, ctx, s, entente.EventFilter{After: undated.Cursor()})
	if diff := cmp.Diff(eventIDs(all[len(all)-1:]), eventIDs(page)); diff != "" {
		t.Fatalf("page after undated ev_ (-want +got):\n%s", diff)
	}

	for _, bad := range []string{"not a cursor!", "bm9udWxs", "%%%"} {
		_, _, err := s.FindEvents(ctx, entente.EventFilter{After: bad})
		if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
			t.Fatalf("cursor %q: ErrorCode=%q, want %q", bad, got, want)
		}
	}
}

func testFindSources(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, fx...)
	all := WantEvents(fx)
	ids := []string{all[3].ID, all[9].ID, "ev_unknown", all[len(all)-1].ID}
	got, err := s.FindSources(ctx, ids)
	if err != nil {
		t.Fatalf("FindSources: %v", err)
	}
	want := map[string][]*entente.Source{}
	for _, e := range all {
		if slices.Contains(ids, e.ID) {
			want[e.ID] = e.Sources
		}
	}
	if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
		t.Fatalf("FindSources (-want +got):\n%s", diff)
	}
	if got, err := s.FindSources(ctx, nil); err != nil || len(got) != 0 {
		t.Fatalf("FindSources(nil)=%v, %v; want an empty map", got, err)
	}
}

func testCountEvents(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, fx...)
	for _, f := range []entente.EventFilter{{}, {Blocs: []string{"BRICS"}}, {Types: []entente.EventType{entente.Visited}}, {Blocs: []string{"OPEC"}}} {
		counts := map[entente.EventCount]int{}
		for _, e := range WantEvents(fx) {
			if !matchEvent(e, f) {
				continue
			}
			k := entente.EventCount{Type: e.Type, Year: e.Date.Year}
			if e.Bloc != nil {
				k.Bloc = e.Bloc.ID
			}
			counts[k]++
		}
		var want []entente.EventCount
		for k, n := range counts {
			k.Count = n
			want = append(want, k)
		}
		slices.SortFunc(want, func(a, b entente.EventCount) int {
			if c := strings.Compare(a.Bloc, b.Bloc); c != 0 {
				return c
			}
			if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
				return c
			}
			return a.Year - b.Year
		})
		got, err := s.CountEvents(ctx, f)
		if err != nil {
			t.Fatalf("CountEvents: %v", err)
		}
		if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
			t.Fatalf("CountEvents(%+v) (-want +got):\n%s", f, diff)
		}
	}
}

// testMemberships reads members-as-of the way the API does, with
// entente.FindMemberships.
func testMemberships(t *testing.T, s entente.Store) {
	ctx := context.Background()
	MustUpsertArticles(t, ctx, s, Fixtures()...)
	for _, tt := range []struct {
		bloc, asOf string
		want       []string
	}{
		{"BRICS", "2024-06-01", []string{"country:ARE", "country:EGY", "country:IRN"}},
		{"ECOWAS", "2021-09-07", []string{"country:GIN"}},
		{"ECOWAS", "2021-09", nil},
		{"NATO", "2023-03", nil},
		{"NATO", "2023-04", []string{"country:FIN"}},
	} {
		t.Run(tt.bloc+"@"+tt.asOf, func(t *testing.T) {
			ms, err := entente.FindMemberships(ctx, s, entente.EventFilter{Blocs: []string{tt.bloc}}, entente.MustParseDate(tt.asOf))
			if err != nil {
				t.Fatalf("FindMemberships: %v", err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.Subject.Key())
			}
			if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
				t.Fatalf("members (-want +got):\n%s", diff)
			}
		})
	}
}

func testConcurrentUpserts(t *testing.T, s entente.Store) {
	ctx := context.Background()
	articles := GenerateArticles(60, 7)
	const writers = 4
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every writer writes every article, in its own order and batches.
			mine := GenerateArticles(60, 7)
			for i := range mine {
				j := (i*(w+3) + w) % len(mine)
				mine[i], mine[j] = mine[j], mine[i]
			}
			for len(mine) > 0 {
				n := min(len(mine), 5+w*3)
				if _, err := s.UpsertArticles(ctx, mine[:n]); err != nil {
					errs <- err
					return
				}
				mine = mine[n:]
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent UpsertArticles: %v", err)
	}
	got := MustDump(t, ctx, s)
	if diff := cmp.Diff(WantEvents(articles), got.Events, cmpOpts...); diff != "" {
		t.Fatalf("events after concurrent writes (-want +got):\n%s", diff)
	}
	if got, want := len(got.Articles), len(articles); got != want {
		t.Fatalf("%d articles, want %d", got, want)
	}
	seen := map[string]bool{}
	for _, e := range got.Entities {
		if seen[e.Key()] {
			t.Fatalf("entity %s twice", e.Key())
		}
		seen[e.Key()] = true
	}
	for _, a := range articles {
		for _, c := range a.Claims {
			if !seen[c.Subject.Key()] {
				t.Fatalf("subject %s of %s is not an entity", c.Subject.Key(), a.ID)
			}
		}
	}
}

// testGeneration: every committed write makes the generation grow, whatever
// it writes; reads and writes that fail leave it as it was.
func testGeneration(t *testing.T, s entente.Store) {
	ctx := context.Background()
	gen := func() uint64 {
		t.Helper()
		g, err := s.Generation(ctx)
		if err != nil {
			t.Fatalf("Generation: %v", err)
		}
		return g
	}
	last, lastWhat := gen(), "opening"
	step := func(what string, grows bool) {
		t.Helper()
		g := gen()
		if grows && g <= last {
			t.Fatalf("after %s the generation is %d, after %s it was %d: want it to grow", what, g, lastWhat, last)
		}
		if !grows && g != last {
			t.Fatalf("after %s the generation is %d, after %s it was %d: want it unchanged", what, g, lastWhat, last)
		}
		last, lastWhat = g, what
	}
	fx := Fixtures()
	if _, _, err := s.FindEvents(ctx, entente.EventFilter{}); err != nil {
		t.Fatal(err)
	}
	step("a read", false)
	MustUpsertArticles(t, ctx, s, fx[0], fx[1])
	step("storing two articles", true)
	MustUpsertArticle(t, ctx, s, fx[2])
	step("storing a third", true)
	bad := *fx[3]
	bad.ID = ""
	if _, err := s.UpsertArticles(ctx, []*entente.Article{&bad}); entente.ErrorCode(err) != entente.EINVALID {
		t.Fatalf("UpsertArticles of an invalid article: %v, want EINVALID", err)
	}
	step("a refused upsert", false)
	c := merge("nope", "nobody")
	if _, err := s.Curate(ctx, c); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Fatalf("Curate of unknown persons: %v, want ENOTFOUND", err)
	}
	step("a refused curation", false)
	MustUpsertArticles(t, ctx, s, fx[3:]...)
	step("storing the rest", true)
	ev := declined(t, ctx, s)
	res := mustCurate(t, ctx, s, retraction(t, ev, ev.Sources[0].ArticleID))
	step("a retraction", true)
	if _, err := s.RevokeCuration(ctx, res.Curation.ID, "analyst", "Checked again: it was right."); err != nil {
		t.Fatalf("RevokeCuration: %v", err)
	}
	step("revoking it", true)
}

func testPing(t *testing.T, s entente.Store) {
	if err := s.Ping(context.Background()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}
