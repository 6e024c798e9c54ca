package neo4j_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/storetest"
)

// personArticle returns an article that lists one person, with a claim
// that the person attended a BRICS summit.
func personArticle(articleID, personID, name string) *entente.Article {
	text := name + " attended the BRICS summit in Kazan on 23 October 2024."
	return &entente.Article{
		ID: articleID, Title: "Kazan", Published: entente.MustParseDate("2024-10-24"), Text: text,
		Hash: entente.ContentHash(text), ExtractorVersion: "test-1",
		Entities: []*entente.Entity{{Kind: entente.KindPerson, ID: personID, Name: name}},
		Claims: []*entente.Claim{{
			Type: entente.Attended, Subject: entente.Ref{Kind: entente.KindPerson, ID: personID, Name: name},
			Bloc: &entente.Ref{ID: "BRICS", Name: "BRICS"}, Date: entente.MustParseDate("2024-10-23"),
			Status: entente.Occurred, Confidence: 0.8, Evidence: entente.Evidence{Sentence: text, Start: 0, End: len(text)},
		}},
	}
}

func driver(tb testing.TB) neo4jdrv.DriverWithContext {
	tb.Helper()
	uri, user, pass := server(tb)
	d, err := neo4jdrv.NewDriverWithContext(uri, neo4jdrv.BasicAuth(user, pass, ""))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close(context.Background()) })
	return d
}

func count(tb testing.TB, d neo4jdrv.DriverWithContext, query string) int64 {
	tb.Helper()
	res, err := neo4jdrv.ExecuteQuery(context.Background(), d, query, nil, neo4jdrv.EagerResultTransformer)
	if err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return res.Records[0].Values[0].(int64)
}

// TestUpsertWaitsForCuration checks the curations lock: an upsert that
// starts while a curation is being recorded waits for it, and then stores
// its article as the new curation reads it. Without the lock, the upsert
// would read the curations in force before the curation commits, and
// store the merged person's mention as it was found.
func TestUpsertWaitsForCuration(t *testing.T) {
	wipe(t)
	ctx := context.Background()
	s := MustOpenStore(t)
	storetest.MustUpsertArticle(t, ctx, s, personArticle("p1", "kassym-jomart-tokayev", "Kassym-Jomart Tokayev"))

	// A curation in progress, as Curate records it: the lock first, then
	// the curation.
	sess := driver(t).NewSession(ctx, neo4jdrv.SessionConfig{AccessMode: neo4jdrv.AccessModeWrite})
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close(ctx)
	for _, q := range []string{
		`MERGE (l:Lock {key: 'curations'}) SET l.at = 'test'`,
		`CREATE (:Curation {id: 'cur_test', kind: 'merge', reason: 'test', actor: 'test',
			createdAt: '2026-01-01T00:00:00.000000000Z', from: 'k-tokayev', fromLC: 'k-tokayev',
			into: 'kassym-jomart-tokayev', intoLC: 'kassym-jomart-tokayev', intoName: 'Kassym-Jomart Tokayev'})`,
	} {
		res, err := tx.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}

	done := make(chan error, 1)
	go func() {
		_, err := s.UpsertArticles(ctx, []*entente.Article{personArticle("p3", "k-tokayev", "K. Tokayev")})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("UpsertArticles returned (%v) while a curation held the lock", err)
	case <-time.After(500 * time.Millisecond):
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("commit the curation: %v", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("UpsertArticles: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("UpsertArticles still waits after the curation committed")
	}
	events, _, err := s.FindEvents(ctx, entente.EventFilter{Persons: []string{"k-tokayev"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 0 {
		t.Fatalf("events of the merged person %v: the upsert did not read the curation committed before it", events)
	}
	events, _, err = s.FindEvents(ctx, entente.EventFilter{Persons: []string{"kassym-jomart-tokayev"}})
	if err != nil || len(events) != 1 {
		t.Fatalf("events of the person merged into: %v, %v; want one", events, err)
	}
	e, err := s.FindEventByID(ctx, events[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(e.Sources); got != 2 {
		t.Fatalf("%d sources of the merged event, want p1's and p3's", got)
	}
}

// TestRawExtraction checks where the extraction as found is kept: on the
// articles curations change, and only while they do.
func TestRawExtraction(t *testing.T) {
	wipe(t)
	ctx := context.Background()
	s := MustOpenStore(t)
	d := driver(t)
	storetest.MustUpsertArticles(t, ctx, s, personArticle("p1", "kassym-jomart-tokayev", "Kassym-Jomart Tokayev"),
		personArticle("p2", "k-tokayev", "K. Tokayev"))
	const raw = `MATCH (a:Article) WHERE a.rawExtraction IS NOT NULL RETURN count(a)`
	if got := count(t, d, raw); got != 0 {
		t.Fatalf("%d articles with a raw extraction before any curation, want 0", got)
	}
	res, err := s.Curate(ctx, &entente.Curation{Kind: entente.Merge, From: "k-tokayev", Into: "kassym-jomart-tokayev", Reason: "same"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query string
		want  int64
	}{
		{raw, 1},
		{`MATCH (a:Article {id: 'p2'}) WHERE a.rawExtraction CONTAINS 'k-tokayev' RETURN count(a)`, 1},
		{`MATCH (:Article {id: 'p2'})-[:CLAIMS]->(c:Claim {subjectId: 'kassym-jomart-tokayev'}) RETURN count(c)`, 1},
		{`MATCH (:Article {id: 'p2'})-[:MENTIONS]->(e:Entity) RETURN count(e)`, 2}, // the person, BRICS
		{`MATCH (e:Entity {key: 'person:k-tokayev'}) RETURN count(e)`, 0},
		{`MATCH (c:Curation {id: '` + res.Curation.ID + `'}) RETURN count(c)`, 1},
	} {
		if got := count(t, d, tt.query); got != tt.want {
			t.Errorf("after the merge, %s = %d, want %d", tt.query, got, tt.want)
		}
	}
	if _, err := s.RevokeCuration(ctx, res.Curation.ID, "editor", "not the same"); err != nil {
		t.Fatal(err)
	}
	if got := count(t, d, raw); got != 0 {
		t.Fatalf("%d articles with a raw extraction after revoking the only curation, want 0", got)
	}
	if got := count(t, d, `MATCH (c:Curation) WHERE c.revokedAt IS NOT NULL RETURN count(c)`); got != 1 {
		t.Fatalf("%d revoked curations, want the one, kept", got)
	}
}

// TestConcurrentCurations records and revokes merges while several writers
// store articles. Every write comes either before a curation, which then
// rewrites its article, or after it, and reads it: so at the end the graph
// is the articles as the merge left in force reads them, whatever the
// interleaving, and no writer or curation fails (a deadlock would). It
// cannot force a bad interleaving: TestUpsertWaitsForCuration shows the
// lock that rules them out.
func TestConcurrentCurations(t *testing.T) {
	wipe(t)
	ctx := context.Background()
	s := MustOpenStore(t)
	articles := storetest.GenerateArticles(120, 7)

	// Ten persons the articles name as subjects, listed by a roster stored
	// first so that they can be merged before any article arrives.
	roster := &entente.Article{ID: "roster", Text: "roster", Hash: entente.ContentHash("roster"), ExtractorVersion: "gen-1"}
	var persons []string
	for _, a := range articles {
		for _, c := range a.Claims {
			if c.Subject.Kind == entente.KindPerson && len(persons) < 10 && !slices.Contains(persons, c.Subject.ID) {
				persons = append(persons, c.Subject.ID)
				roster.Entities = append(roster.Entities, &entente.Entity{Kind: entente.KindPerson, ID: c.Subject.ID, Name: c.Subject.Name})
			}
		}
	}
	storetest.MustUpsertArticle(t, ctx, s, roster)

	const writers = 3
	var wg sync.WaitGroup
	errs := make(chan error, writers+1)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []*entente.Article
			for i := w; i < len(articles); i += writers {
				mine = append(mine, articles[i])
			}
			for i := 0; i < len(mine); i += 5 {
				if _, err := s.UpsertArticles(ctx, mine[i:min(i+5, len(mine))]); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	written := make(chan struct{})
	go func() { wg.Wait(); close(written) }()

	merge := func(i int) (*entente.Curation, error) {
		res, err := s.Curate(ctx, &entente.Curation{Kind: entente.Merge, From: persons[2*i], Into: persons[2*i+1], Reason: "test"})
		if err != nil {
			return nil, err
		}
		return res.Curation, nil
	}
	// Each round merges five pairs and revokes all but the first, which
	// stays in force until the next round revokes it.
	var sticky *entente.Curation
	rounds := 0
	for done := false; !done; rounds++ {
		select {
		case <-written:
			done = true
		default:
		}
		if sticky != nil {
			if _, err := s.RevokeCuration(ctx, sticky.ID, "test", "next round"); err != nil {
				t.Fatalf("RevokeCuration: %v", err)
			}
		}
		var ms []*entente.Curation
		for i := range 5 {
			m, err := merge(i)
			if err != nil {
				t.Fatalf("Curate: %v", err)
			}
			ms = append(ms, m)
		}
		sticky = ms[0]
		for _, m := range ms[1:] {
			if _, err := s.RevokeCuration(ctx, m.ID, "test", "undo"); err != nil {
				t.Fatalf("RevokeCuration: %v", err)
			}
		}
	}
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent UpsertArticles: %v", err)
	}
	t.Logf("%d rounds of curations", rounds)

	cs := entente.NewCurations([]*entente.Curation{sticky})
	var curated []*entente.Article
	for _, a := range articles {
		curated = append(curated, cs.Apply(a))
	}
	got := storetest.MustDump(t, ctx, s)
	if diff := cmp.Diff(storetest.WantEvents(curated), got.Events, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("events after concurrent writes and curations (-want +got):\n%s", diff)
	}
	if got, want := len(got.Articles), len(articles)+1; got != want {
		t.Fatalf("%d articles, want %d", got, want)
	}
}

// TestGenerationOfAnOlderDatabase: a database written before generations
// were counted has a lock node without one. The first write gives it one,
// and the generation grows from there: a read cache keyed on it would
// otherwise never see a write.
func TestGenerationOfAnOlderDatabase(t *testing.T) {
	wipe(t)
	ctx := context.Background()
	d := driver(t)
	if _, err := neo4jdrv.ExecuteQuery(ctx, d, `CREATE (:Lock {key: "curations", at: "2026-01-01T00:00:00Z"})`, nil, neo4jdrv.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	s := MustOpenStore(t)
	before, err := s.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fx := storetest.Fixtures()
	var last uint64
	for i, a := range fx[:3] {
		storetest.MustUpsertArticle(t, ctx, s, a)
		g, err := s.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if g <= before || (i > 0 && g <= last) {
			t.Fatalf("write %d: generation %d, before it %d (at first %d): want it to grow", i+1, g, last, before)
		}
		last = g
	}
	if n := count(t, d, `MATCH (l:Lock {key: "curations"}) RETURN count(l)`); n != 1 {
		t.Fatalf("%d curations lock nodes, want 1", n)
	}
}
