package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente/internal/entente"
)

// curationTests are the curation behaviours of the contract suite.
var curationTests = []struct {
	name string
	fn   func(t *testing.T, s entente.Store)
}{
	{"RetractClaim", testRetractClaim},
	{"RetractLastSourceRemovesEvent", testRetractLastSource},
	{"RetractionOutlivesRewrites", testRetractionOutlivesRewrites},
	{"RevokeRetraction", testRevokeRetraction},
	{"CurateInvalid", testCurateInvalid},
	{"MergePersons", testMergePersons},
	{"MergeAppliesToLaterArticles", testMergeLaterArticles},
	{"MergeChainAndRevoke", testMergeChain},
	{"MergeConflicts", testMergeConflicts},
	{"FindCurations", testFindCurations},
	{"CurateImported", testCurateImported},
}

// asStored compares claims as extracted with claims as stored, which also
// carry their article's id and date.
var asStored = cmpopts.IgnoreFields(entente.Claim{}, "ArticleID", "Published")

// kjt is a second id extraction gave Kassym-Jomart Tokayev, in an article
// that reports the Kazan summit a2 announces.
func kjtArticle() *entente.Article {
	text := "K. Tokayev attended the BRICS summit in Kazan on 23 October 2024."
	return &entente.Article{
		ID: "m1", URL: "https://wire.example/kazan-tokayev", Title: "Tokayev in Kazan", Publisher: "Example Wire",
		Published: entente.MustParseDate("2024-10-24"), Text: text, Hash: entente.ContentHash(text),
		ExtractorVersion: "test-1",
		Entities: []*entente.Entity{
			{Kind: entente.KindPerson, ID: "k-tokayev", Name: "K. Tokayev", Aliases: []string{"KJT"},
				Offices: []entente.Office{{Title: "Head of State", Country: "KAZ"}}},
			brics(), country("RUS", "Russia"),
		},
		Claims: []*entente.Claim{{
			Type:       entente.Attended,
			Subject:    entente.Ref{Kind: entente.KindPerson, ID: "k-tokayev", Name: "K. Tokayev"},
			Bloc:       &entente.Ref{ID: "BRICS", Name: "BRICS"},
			Place:      &entente.Place{Country: "RUS", Name: "Kazan"},
			Date:       entente.MustParseDate("2024-10-23"),
			Status:     entente.Occurred,
			Confidence: 0.8,
			Evidence:   entente.Evidence{Sentence: text, Start: 0, End: 65},
		}},
	}
}

// mustCurate records a curation or fails the test.
func mustCurate(tb testing.TB, ctx context.Context, s entente.Store, c *entente.Curation) *entente.CurationResult {
	tb.Helper()
	res, err := s.Curate(ctx, c)
	if err != nil {
		tb.Fatalf("Curate(%s): %v", c.Kind, err)
	}
	if res.Curation == nil || res.Curation.ID == "" || res.Curation.CreatedAt.IsZero() {
		tb.Fatalf("Curate returned %+v, want the recorded curation with an id and a time", res.Curation)
	}
	return res
}

// declined returns the one DECLINED event of the fixtures, with sources.
func declined(tb testing.TB, ctx context.Context, s entente.Store) *entente.Event {
	tb.Helper()
	events, _ := MustFindEvents(tb, ctx, s, entente.EventFilter{Types: []entente.EventType{entente.Declined}})
	if len(events) != 1 {
		tb.Fatalf("%d DECLINED events, want 1", len(events))
	}
	ev, err := s.FindEventByID(ctx, events[0].ID)
	if err != nil {
		tb.Fatalf("FindEventByID: %v", err)
	}
	return ev
}

func sourceArticles(e *entente.Event) []string {
	var out []string
	for _, src := range e.Sources {
		out = append(out, src.ArticleID)
	}
	return out
}

func retraction(tb testing.TB, e *entente.Event, articleID string) *entente.Curation {
	tb.Helper()
	c, err := entente.NewRetraction(e, articleID, "Misread: the article quotes a rumour.", "analyst")
	if err != nil {
		tb.Fatalf("NewRetraction: %v", err)
	}
	return c
}

func testRetractClaim(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a1"), byID(fx, "a2"))
	ev := declined(t, ctx, s)

	res := mustCurate(t, ctx, s, retraction(t, ev, "a2"))
	if res.Articles != 1 || res.EventsAdded != 0 || res.EventsRemoved != 0 {
		t.Fatalf("result %+v, want 1 article and no event added or removed", res)
	}
	after := declined(t, ctx, s)
	if after.ID != ev.ID {
		t.Fatalf("event id %s, want %s unchanged", after.ID, ev.ID)
	}
	if diff := cmp.Diff([]string{"a1"}, sourceArticles(after)); diff != "" {
		t.Fatalf("sources after the retraction (-want +got):\n%s", diff)
	}
	if got, want := after.Confidence, 0.9; got != want {
		t.Fatalf("Confidence=%v, want %v, a1's alone", got, want)
	}

	// What extraction found stays stored as it was found.
	arts, _, err := s.FindArticles(ctx, entente.ArticleFilter{IDs: []string{"a2"}, WithExtraction: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(byID(Fixtures(), "a2").Claims, arts[0].Claims, asStored); diff != "" {
		t.Fatalf("a2's stored extraction changed (-want +got):\n%s", diff)
	}
	// The rest of a2 still counts: its ATTENDED event is there.
	if _, n := MustFindEvents(t, ctx, s, entente.EventFilter{Types: []entente.EventType{entente.Attended}}); n != 1 {
		t.Fatalf("%d ATTENDED events, want a2's one", n)
	}

	cs, n, err := s.FindCurations(ctx, entente.CurationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || len(cs) != 1 {
		t.Fatalf("%d curations, want 1", n)
	}
	c := cs[0]
	if c.ID != res.Curation.ID || c.Kind != entente.Retraction || c.ArticleID != "a2" || c.EventID != ev.ID ||
		c.Reason != "Misread: the article quotes a rumour." || c.Actor != "analyst" || !c.Active() ||
		c.Quote != "Kazakhstan turned down BRICS partner status in October." {
		t.Fatalf("stored curation %+v does not match what was recorded", c)
	}

	// Recording it again changes nothing and returns the one in force.
	again := mustCurate(t, ctx, s, retraction(t, ev, "a2"))
	if again.Curation.ID != c.ID || again.Articles != 0 {
		t.Fatalf("recording the retraction again gave %+v, want the one in force (%s), nothing applied", again, c.ID)
	}
	if _, n, _ := s.FindCurations(ctx, entente.CurationFilter{}); n != 1 {
		t.Fatalf("%d curations after recording one twice, want 1", n)
	}
}

func testRetractLastSource(t *testing.T, s entente.Store) {
	ctx := context.Background()
	MustUpsertArticle(t, ctx, s, byID(Fixtures(), "a1"))
	ev := declined(t, ctx, s)
	res := mustCurate(t, ctx, s, retraction(t, ev, "a1"))
	if res.EventsRemoved != 1 || res.EventsAdded != 0 {
		t.Fatalf("result %+v, want one event removed", res)
	}
	if _, err := s.FindEventByID(ctx, ev.ID); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Fatalf("FindEventByID of the retracted event: %v, want ENOTFOUND", err)
	}
	if _, n := MustFindEvents(t, ctx, s, entente.EventFilter{}); n != 0 {
		t.Fatalf("%d events, want none", n)
	}
	// The article still mentions Kazakhstan.
	if _, err := s.FindEntity(ctx, entente.KindCountry, "KAZ"); err != nil {
		t.Fatalf("FindEntity(KAZ): %v", err)
	}
	if got := MustDump(t, ctx, s).Articles; len(got) != 1 || len(got[0].Claims) != 1 {
		t.Fatalf("articles %v, want a1 with its one claim as extracted", got)
	}
}

func testRetractionOutlivesRewrites(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a1"), byID(fx, "a2"))
	ev := declined(t, ctx, s)
	mustCurate(t, ctx, s, retraction(t, ev, "a2"))

	// The same article again: nothing to do.
	if r := MustUpsertArticle(t, ctx, s, byID(Fixtures(), "a2")); r.Outcome != entente.Unchanged {
		t.Fatalf("storing a2 again: %s, want unchanged", r.Outcome)
	}
	// A new extraction of it (a reprocess, a corrected title): the claim
	// is found again, and stays retracted.
	a2 := byID(Fixtures(), "a2")
	a2.Title, a2.ExtractorVersion = "Leaders gather in Kazan (updated)", "test-2"
	a2.Claims[0].Confidence = 0.75
	if r := MustUpsertArticle(t, ctx, s, a2); r.Outcome != entente.Updated {
		t.Fatalf("storing a2 re-extracted: %s, want updated", r.Outcome)
	}
	if diff := cmp.Diff([]string{"a1"}, sourceArticles(declined(t, ctx, s))); diff != "" {
		t.Fatalf("sources after re-extraction (-want +got):\n%s", diff)
	}
	got, err := s.FindArticleByID(ctx, "a2")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != a2.Title {
		t.Fatalf("title %q, want %q", got.Title, a2.Title)
	}
	arts, _, err := s.FindArticles(ctx, entente.ArticleFilter{IDs: []string{"a2"}, WithExtraction: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := arts[0].Claims[0].Confidence; got != 0.75 {
		t.Fatalf("stored extraction has confidence %v, want the new 0.75", got)
	}
}

func testRevokeRetraction(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a1"), byID(fx, "a2"))
	before := MustDump(t, ctx, s)
	ev := declined(t, ctx, s)
	c := mustCurate(t, ctx, s, retraction(t, ev, "a1")).Curation

	if _, err := s.RevokeCuration(ctx, c.ID, "editor", " "); entente.ErrorCode(err) != entente.EINVALID {
		t.Fatalf("revoking without a reason: %v, want EINVALID", err)
	}
	if _, err := s.RevokeCuration(ctx, "cur_missing", "editor", "why"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Fatalf("revoking a missing curation: %v, want ENOTFOUND", err)
	}
	res, err := s.RevokeCuration(ctx, c.ID, "editor", "The quote is accurate after all.")
	if err != nil {
		t.Fatalf("RevokeCuration: %v", err)
	}
	if res.Articles != 1 || res.Curation.Active() || res.Curation.RevokedBy != "editor" ||
		res.Curation.RevokeReason != "The quote is accurate after all." {
		t.Fatalf("revocation result %+v, curation %+v", res, res.Curation)
	}
	if diff := cmp.Diff(before, MustDump(t, ctx, s)); diff != "" {
		t.Fatalf("the graph after retracting and revoking differs from before (-want +got):\n%s", diff)
	}
	// Revoking again changes nothing.
	again, err := s.RevokeCuration(ctx, c.ID, "someone", "again")
	if err != nil {
		t.Fatalf("revoking twice: %v", err)
	}
	if again.Articles != 0 || again.Curation.RevokedBy != "editor" {
		t.Fatalf("revoking twice gave %+v (%+v), want the first revocation kept", again, again.Curation)
	}
	cs, _, err := s.FindCurations(ctx, entente.CurationFilter{IDs: []string{c.ID}})
	if err != nil || len(cs) != 1 {
		t.Fatalf("FindCurations: %v, %v", cs, err)
	}
	if cs[0].Active() || cs[0].RevokedAt.Before(cs[0].CreatedAt) {
		t.Fatalf("stored curation %+v, want revoked after it was made", cs[0])
	}
}

func testCurateInvalid(t *testing.T, s entente.Store) {
	ctx := context.Background()
	MustUpsertArticle(t, ctx, s, byID(Fixtures(), "a1"))
	ev := declined(t, ctx, s)
	ok := retraction(t, ev, "a1")
	cases := []struct {
		name string
		c    func() *entente.Curation
		code string
	}{
		{"no reason", func() *entente.Curation { c := *ok; c.Reason = "  "; return &c }, entente.EINVALID},
		{"no kind", func() *entente.Curation { c := *ok; c.Kind = ""; return &c }, entente.EINVALID},
		{"missing article", func() *entente.Curation { c := *ok; c.ArticleID = "nope"; return &c }, entente.ENOTFOUND},
		{"no matching claim", func() *entente.Curation { c := *ok; c.Starts = []int{999}; return &c }, entente.EINVALID},
		{"self merge", func() *entente.Curation {
			return &entente.Curation{Kind: entente.Merge, From: "xi-jinping", Into: "Xi-Jinping", Reason: "r"}
		}, entente.EINVALID},
		{"missing person", func() *entente.Curation {
			return &entente.Curation{Kind: entente.Merge, From: "nobody", Into: "kassym-jomart-tokayev", Reason: "r"}
		}, entente.ENOTFOUND},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Curate(ctx, tc.c())
			if got := entente.ErrorCode(err); got != tc.code {
				t.Fatalf("Curate: %v (code %q), want %s", err, got, tc.code)
			}
		})
	}
	if _, n, _ := s.FindCurations(ctx, entente.CurationFilter{}); n != 0 {
		t.Fatalf("%d curations recorded by invalid calls, want 0", n)
	}
	if diff := cmp.Diff([]string{"a1"}, sourceArticles(declined(t, ctx, s))); diff != "" {
		t.Fatalf("sources after invalid curations (-want +got):\n%s", diff)
	}
}

func attended(tb testing.TB, ctx context.Context, s entente.Store) []*entente.Event {
	tb.Helper()
	events, _ := MustFindEvents(tb, ctx, s, entente.EventFilter{Types: []entente.EventType{entente.Attended}})
	for _, e := range events {
		ev, err := s.FindEventByID(ctx, e.ID)
		if err != nil {
			tb.Fatalf("FindEventByID: %v", err)
		}
		*e = *ev
	}
	return events
}

func merge(from, into string) *entente.Curation {
	return &entente.Curation{Kind: entente.Merge, From: from, Into: into, Reason: "Same person, two spellings.", Actor: "analyst"}
}

func testMergePersons(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a1"), byID(fx, "a2"), kjtArticle())
	before := MustDump(t, ctx, s)
	if got := attended(t, ctx, s); len(got) != 2 {
		t.Fatalf("%d ATTENDED events before the merge, want 2 (two person ids)", len(got))
	}

	// Ids are case-insensitive, and the merge goes by the stored ids.
	res := mustCurate(t, ctx, s, merge("K-Tokayev", "kassym-jomart-tokayev"))
	if res.Articles != 1 || res.EventsRemoved != 2 || res.EventsAdded != 1 {
		t.Fatalf("result %+v, want m1 rewritten: two events became one", res)
	}
	if res.Curation.IntoName != "Kassym-Jomart Tokayev" || res.Curation.From != "k-tokayev" {
		t.Fatalf("curation %+v, want the stored ids and the name of the person merged into", res.Curation)
	}
	if _, err := s.FindEntity(ctx, entente.KindPerson, "k-tokayev"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Fatalf("FindEntity of the merged person: %v, want ENOTFOUND", err)
	}
	p, err := s.FindEntity(ctx, entente.KindPerson, "kassym-jomart-tokayev")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Kassym-Jomart Tokayev" {
		t.Fatalf("name %q, want the person merged into's", p.Name)
	}
	for _, al := range []string{"Tokayev", "K. Tokayev", "KJT"} {
		if !slices.Contains(p.Aliases, al) {
			t.Fatalf("aliases %q lack %q", p.Aliases, al)
		}
	}
	var titles []string
	for _, o := range p.Offices {
		titles = append(titles, o.Title)
	}
	slices.Sort(titles)
	if diff := cmp.Diff([]string{"Head of State", "President"}, titles); diff != "" {
		t.Fatalf("offices (-want +got):\n%s", diff)
	}
	found, _, err := s.FindEntities(ctx, entente.EntityFilter{Text: ptr("k. tokayev")})
	if err != nil || len(found) == 0 || found[0].ID != "kassym-jomart-tokayev" {
		t.Fatalf("search for the merged name: %v, %v, want the person merged into first", keys(found), err)
	}

	events := attended(t, ctx, s)
	if len(events) != 1 {
		t.Fatalf("%d ATTENDED events after the merge, want 1", len(events))
	}
	e := events[0]
	if e.Subject.ID != "kassym-jomart-tokayev" || e.Date != entente.MustParseDate("2024-10-23") || e.Status != entente.Occurred {
		t.Fatalf("merged event %v, want Tokayev's, dated 2024-10-23, occurred", e)
	}
	if diff := cmp.Diff([]string{"a2", "m1"}, sourceArticles(e)); diff != "" {
		t.Fatalf("sources (-want +got):\n%s", diff)
	}
	if _, n := MustFindEvents(t, ctx, s, entente.EventFilter{Persons: []string{"k-tokayev"}}); n != 0 {
		t.Fatalf("%d events of the merged id, want 0", n)
	}
	// Extraction stays as found.
	arts, _, err := s.FindArticles(ctx, entente.ArticleFilter{IDs: []string{"m1"}, WithExtraction: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(kjtArticle().Claims, arts[0].Claims, asStored); diff != "" {
		t.Fatalf("m1's stored claims (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(kjtArticle().Entities, arts[0].Entities, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("m1's stored entities (-want +got):\n%s", diff)
	}

	if _, err := s.RevokeCuration(ctx, res.Curation.ID, "editor", "Two different people after all."); err != nil {
		t.Fatalf("RevokeCuration: %v", err)
	}
	if diff := cmp.Diff(before, MustDump(t, ctx, s)); diff != "" {
		t.Fatalf("the graph after merging and revoking differs from before (-want +got):\n%s", diff)
	}
}

func testMergeLaterArticles(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a2"))
	// A person stored by one article, merged before the other arrives.
	m1 := kjtArticle()
	m1.ID, m1.URL = "m0", ""
	m1.Claims = nil
	MustUpsertArticle(t, ctx, s, m1)
	mustCurate(t, ctx, s, merge("k-tokayev", "kassym-jomart-tokayev"))

	if r := MustUpsertArticle(t, ctx, s, kjtArticle()); r.Outcome != entente.Created || r.EventsAdded != 1 || r.EventsRemoved != 1 {
		t.Fatalf("storing m1 after the merge: %+v, want created, a2's event made more precise (one added, one removed)", r)
	}
	events := attended(t, ctx, s)
	if len(events) != 1 || events[0].Subject.ID != "kassym-jomart-tokayev" {
		t.Fatalf("ATTENDED events %v, want one of kassym-jomart-tokayev", events)
	}
	if _, err := s.FindEntity(ctx, entente.KindPerson, "k-tokayev"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Fatalf("FindEntity of the merged person: %v, want ENOTFOUND", err)
	}
}

func testMergeChain(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	third := kjtArticle()
	third.ID, third.URL, third.Claims = "m2", "", nil
	third.Entities = []*entente.Entity{{Kind: entente.KindPerson, ID: "tokayev-kj", Name: "Tokayev K.-J."}}
	MustUpsertArticles(t, ctx, s, byID(fx, "a2"), kjtArticle(), third)
	before := MustDump(t, ctx, s)

	first := mustCurate(t, ctx, s, merge("tokayev-kj", "k-tokayev")).Curation
	second := mustCurate(t, ctx, s, merge("k-tokayev", "kassym-jomart-tokayev")).Curation
	for _, id := range []string{"tokayev-kj", "k-tokayev"} {
		if _, err := s.FindEntity(ctx, entente.KindPerson, id); entente.ErrorCode(err) != entente.ENOTFOUND {
			t.Fatalf("FindEntity(%s) after the chain: %v, want ENOTFOUND", id, err)
		}
	}
	p, err := s.FindEntity(ctx, entente.KindPerson, "kassym-jomart-tokayev")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(p.Aliases, "Tokayev K.-J.") || !slices.Contains(p.Aliases, "K. Tokayev") {
		t.Fatalf("aliases %q, want both merged names", p.Aliases)
	}
	// Into a person merged already: to the end of the chain.
	fourth := kjtArticle()
	fourth.ID, fourth.URL, fourth.Claims = "m3", "", nil
	fourth.Entities = []*entente.Entity{{Kind: entente.KindPerson, ID: "kj-tokayev", Name: "KJ Tokayev"}}
	MustUpsertArticle(t, ctx, s, fourth)
	r := mustCurate(t, ctx, s, merge("kj-tokayev", "tokayev-kj"))
	if r.Curation.Into != "kassym-jomart-tokayev" {
		t.Fatalf("merge into a merged person went into %q, want the end of the chain", r.Curation.Into)
	}
	if _, err := s.RevokeCuration(ctx, r.Curation.ID, "editor", "undo"); err != nil {
		t.Fatal(err)
	}

	// Revoking the second merge brings k-tokayev back, with what was merged into it.
	if _, err := s.RevokeCuration(ctx, second.ID, "editor", "undo"); err != nil {
		t.Fatal(err)
	}
	k, err := s.FindEntity(ctx, entente.KindPerson, "k-tokayev")
	if err != nil {
		t.Fatalf("FindEntity(k-tokayev) after revoking: %v", err)
	}
	if !slices.Contains(k.Aliases, "Tokayev K.-J.") {
		t.Fatalf("k-tokayev's aliases %q, want the first merge's name", k.Aliases)
	}
	if _, err := s.RevokeCuration(ctx, first.ID, "editor", "undo"); err != nil {
		t.Fatal(err)
	}
	got := MustDump(t, ctx, s)
	got.Articles = slices.DeleteFunc(got.Articles, func(a *entente.Article) bool { return a.ID == "m3" })
	got.Entities = slices.DeleteFunc(got.Entities, func(e *entente.Entity) bool { return e.ID == "kj-tokayev" })
	if diff := cmp.Diff(before, got); diff != "" {
		t.Fatalf("the graph after revoking every merge differs from before (-want +got):\n%s", diff)
	}
}

func testMergeConflicts(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a2"), byID(fx, "a5"), kjtArticle())
	m := mustCurate(t, ctx, s, merge("k-tokayev", "kassym-jomart-tokayev")).Curation

	// The same merge again is the one in force.
	again := mustCurate(t, ctx, s, merge("k-tokayev", "kassym-jomart-tokayev"))
	if again.Curation.ID != m.ID || again.Articles != 0 {
		t.Fatalf("merging again gave %+v, want the merge in force", again)
	}
	// A merged person cannot be merged elsewhere, nor merged back into.
	for _, c := range []*entente.Curation{merge("k-tokayev", "xi-jinping"), merge("kassym-jomart-tokayev", "k-tokayev")} {
		if _, err := s.Curate(ctx, c); entente.ErrorCode(err) != entente.ECONFLICT {
			t.Fatalf("Curate(%s into %s): %v, want ECONFLICT", c.From, c.Into, err)
		}
	}
	if _, n, _ := s.FindCurations(ctx, entente.CurationFilter{}); n != 1 {
		t.Fatalf("%d curations, want 1", n)
	}
}

func testFindCurations(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a1"), byID(fx, "a2"), byID(fx, "a5"), kjtArticle())
	ev := declined(t, ctx, s)
	r1 := mustCurate(t, ctx, s, retraction(t, ev, "a1")).Curation
	time.Sleep(2 * time.Millisecond) // distinct creation times order the log
	r2 := mustCurate(t, ctx, s, merge("k-tokayev", "kassym-jomart-tokayev")).Curation
	time.Sleep(2 * time.Millisecond)
	r3 := mustCurate(t, ctx, s, retraction(t, declined(t, ctx, s), "a2")).Curation
	if _, err := s.RevokeCuration(ctx, r1.ID, "editor", "undo"); err != nil {
		t.Fatal(err)
	}

	ids := func(cs []*entente.Curation) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	yes, no := true, false
	cases := []struct {
		name  string
		f     entente.CurationFilter
		want  []string
		total int
	}{
		{"all, newest first", entente.CurationFilter{}, []string{r3.ID, r2.ID, r1.ID}, 3},
		{"active", entente.CurationFilter{Active: &yes}, []string{r3.ID, r2.ID}, 2},
		{"revoked", entente.CurationFilter{Active: &no}, []string{r1.ID}, 1},
		{"merges", entente.CurationFilter{Kinds: []entente.CurationKind{entente.Merge}}, []string{r2.ID}, 1},
		{"by article", entente.CurationFilter{ArticleID: ptr("a2")}, []string{r3.ID}, 1},
		{"by person", entente.CurationFilter{Person: ptr("KASSYM-jomart-tokayev")}, []string{r2.ID}, 1},
		{"by id", entente.CurationFilter{IDs: []string{r1.ID, "cur_none"}}, []string{r1.ID}, 1},
		{"page", entente.CurationFilter{Offset: 1, Limit: 1}, []string{r2.ID}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, n, err := s.FindCurations(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, ids(got)); diff != "" || n != tc.total {
				t.Fatalf("total %d (want %d), ids (-want +got):\n%s", n, tc.total, diff)
			}
		})
	}
	got, _, err := s.FindCurations(ctx, entente.CurationFilter{IDs: []string{r2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r2, got[0]); diff != "" {
		t.Fatalf("stored merge (-recorded +found):\n%s", diff)
	}
}

// testCurateImported records curations as an import gives them: with
// their ids and times, revoked ones included.
func testCurateImported(t *testing.T, s entente.Store) {
	ctx := context.Background()
	fx := Fixtures()
	MustUpsertArticles(t, ctx, s, byID(fx, "a1"), byID(fx, "a2"))
	ev := declined(t, ctx, s)
	created := time.Date(2025, 1, 2, 3, 4, 5, 600, time.UTC)
	revoked := created.Add(time.Hour)

	old := retraction(t, ev, "a2")
	old.ID, old.CreatedAt, old.RevokedAt, old.RevokedBy, old.RevokeReason = "cur_imported1", created, &revoked, "editor", "undone"
	if res := mustCurate(t, ctx, s, old); res.Articles != 0 {
		t.Fatalf("recording a revoked curation rewrote %d articles, want 0", res.Articles)
	}
	if diff := cmp.Diff([]string{"a1", "a2"}, sourceArticles(declined(t, ctx, s))); diff != "" {
		t.Fatalf("sources after recording a revoked retraction (-want +got):\n%s", diff)
	}
	cur := retraction(t, ev, "a1")
	cur.ID, cur.CreatedAt = "cur_imported2", created.Add(2*time.Hour)
	if res := mustCurate(t, ctx, s, cur); res.Articles != 1 {
		t.Fatalf("recording an imported retraction in force rewrote %d articles, want 1", res.Articles)
	}
	if diff := cmp.Diff([]string{"a2"}, sourceArticles(declined(t, ctx, s))); diff != "" {
		t.Fatalf("sources after an imported retraction (-want +got):\n%s", diff)
	}
	// Importing again changes nothing.
	for _, c := range []*entente.Curation{old, cur} {
		if res := mustCurate(t, ctx, s, c); res.Articles != 0 || res.Curation.ID != c.ID {
			t.Fatalf("recording %s again: %+v, want the stored one, nothing applied", c.ID, res)
		}
	}
	got, n, err := s.FindCurations(ctx, entente.CurationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*entente.Curation{cur, old}, got); diff != "" || n != 2 {
		t.Fatalf("%d curations (want 2), (-imported +stored):\n%s", n, diff)
	}
}

func ptr[T any](v T) *T { return &v }
