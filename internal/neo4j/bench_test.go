package neo4j_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j"
	"github.com/entente/entente/internal/storetest"
)

// BenchmarkUpsertArticles writes the extractions of b.N generated articles
// to an empty database, in batches, and reports articles per second.
func BenchmarkUpsertArticles(b *testing.B) {
	for _, batch := range []int{50, 100, 500} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			ctx := context.Background()
			wipe(b)
			s := MustOpenStore(b)
			articles := storetest.GenerateArticles(b.N, 1)
			b.ResetTimer()
			for i := 0; i < len(articles); i += batch {
				if _, err := s.UpsertArticles(ctx, articles[i:min(i+batch, len(articles))]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkUpsertArticlesConcurrent writes the extractions of b.N
// generated articles to an empty database in batches of 64, as the ingest
// pipeline's writers do, from several writers at once, and reports
// articles per second.
func BenchmarkUpsertArticlesConcurrent(b *testing.B) {
	const batch = 64
	for _, writers := range []int{1, 4} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			ctx := context.Background()
			wipe(b)
			s := MustOpenStore(b)
			articles := storetest.GenerateArticles(b.N, 1)
			batches := make(chan []*entente.Article, len(articles)/batch+1)
			for i := 0; i < len(articles); i += batch {
				batches <- articles[i:min(i+batch, len(articles))]
			}
			close(batches)
			b.ResetTimer()
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for part := range batches {
						if _, err := s.UpsertArticles(ctx, part); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// The graph of about 100,000 events the read benchmarks share. It is
// built once and marked, so that later runs reuse it until a test wipes
// the database.
const graphArticles = 42000

var (
	graphOnce sync.Once
	graphErr  error
)

func benchGraph(b *testing.B) *neo4j.Store {
	b.Helper()
	s := MustOpenStore(b)
	graphOnce.Do(func() {
		ctx := context.Background()
		uri, user, pass := server(b)
		d, err := neo4jdrv.NewDriverWithContext(uri, neo4jdrv.BasicAuth(user, pass, ""))
		if err != nil {
			graphErr = err
			return
		}
		defer d.Close(ctx)
		marker := fmt.Sprintf("articles=%d seed=2", graphArticles)
		res, err := neo4jdrv.ExecuteQuery(ctx, d, `MATCH (m:BenchGraph {graph: $graph}) RETURN count(m) AS n`,
			map[string]any{"graph": marker}, neo4jdrv.EagerResultTransformer)
		if err != nil {
			graphErr = err
			return
		}
		if n, _ := res.Records[0].Get("n"); n.(int64) > 0 {
			return
		}
		wipe(b)
		start := time.Now()
		articles := storetest.GenerateArticles(graphArticles, 2)
		for i := 0; i < len(articles) && graphErr == nil; i += 100 {
			_, graphErr = s.UpsertArticles(ctx, articles[i:min(i+100, len(articles))])
			if (i+100)%5000 == 0 {
				b.Logf("%d articles in %v", i+100, time.Since(start).Round(time.Second))
			}
		}
		if graphErr != nil {
			return
		}
		_, n, _ := s.FindEvents(ctx, entente.EventFilter{Limit: 1})
		b.Logf("built a graph of %d articles and %d events in %v", len(articles), n, time.Since(start).Round(time.Millisecond))
		_, graphErr = neo4jdrv.ExecuteQuery(ctx, d, `CREATE (:BenchGraph {graph: $graph})`,
			map[string]any{"graph": marker}, neo4jdrv.EagerResultTransformer)
	})
	if graphErr != nil {
		b.Fatalf("build graph: %v", graphErr)
	}
	return s
}

// BenchmarkBlocTimeline reads a bloc's whole timeline, and its first page.
func BenchmarkBlocTimeline(b *testing.B) {
	s := benchGraph(b)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		f    entente.EventFilter
	}{
		{"all", entente.EventFilter{Blocs: []string{"b05"}}},
		{"first50", entente.EventFilter{Blocs: []string{"b05"}, Limit: 50}},
		{"joined2010s", entente.EventFilter{Blocs: []string{"B05"}, Types: []entente.EventType{entente.Joined}, From: entente.Date{Year: 2010}, To: entente.Date{Year: 2019}}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				events, _, err := s.FindEvents(ctx, tt.f)
				if err != nil {
					b.Fatal(err)
				}
				n = len(events)
			}
			b.ReportMetric(float64(n), "events/op")
		})
	}
}

// BenchmarkMembersAsOf derives a bloc's members on a date the way the API
// does, with entente.FindMemberships.
func BenchmarkMembersAsOf(b *testing.B) {
	s := benchGraph(b)
	ctx := context.Background()
	asOf := entente.MustParseDate("2015-06-30")
	var n int
	for b.Loop() {
		ms, err := entente.FindMemberships(ctx, s, entente.EventFilter{Blocs: []string{"B05"}}, asOf)
		if err != nil {
			b.Fatal(err)
		}
		n = len(ms)
	}
	b.ReportMetric(float64(n), "members")
}

// curatedStore returns a store on an empty database in which 100 merges
// of generated persons are in force: person-000 into person-001, person-002
// into person-003 … person-198 into person-199, a sixth of the persons
// generated articles mention.
func curatedStore(b *testing.B) *neo4j.Store {
	b.Helper()
	ctx := context.Background()
	wipe(b)
	s := MustOpenStore(b)
	roster := &entente.Article{ID: "roster", Text: "roster", Hash: entente.ContentHash("roster"), ExtractorVersion: "gen-1"}
	for i := range 200 {
		roster.Entities = append(roster.Entities, &entente.Entity{Kind: entente.KindPerson, ID: fmt.Sprintf("person-%03d", i),
			Name: fmt.Sprintf("Leader %03d Person", i)})
	}
	storetest.MustUpsertArticle(b, ctx, s, roster)
	for i := 0; i < 200; i += 2 {
		c := &entente.Curation{Kind: entente.Merge, From: fmt.Sprintf("person-%03d", i), Into: fmt.Sprintf("person-%03d", i+1),
			Reason: "bench", Actor: "bench"}
		if _, err := s.Curate(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkUpsertArticlesCurated is BenchmarkUpsertArticles/batch=100 with
// 100 merges in force, which every write reads and applies.
func BenchmarkUpsertArticlesCurated(b *testing.B) {
	ctx := context.Background()
	s := curatedStore(b)
	articles := storetest.GenerateArticles(b.N, 1)
	b.ResetTimer()
	for i := 0; i < len(articles); i += 100 {
		if _, err := s.UpsertArticles(ctx, articles[i:min(i+100, len(articles))]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkCurate merges a person that 2,000 generated articles mention
// into another and revokes the merge, with 100 other merges in force, and
// reports the articles each step rewrites.
func BenchmarkCurate(b *testing.B) {
	ctx := context.Background()
	s := curatedStore(b)
	storetest.MustUpsertArticles(b, ctx, s, storetest.GenerateArticles(2000, 1)...)
	var rewritten int
	for b.Loop() {
		res, err := s.Curate(ctx, &entente.Curation{Kind: entente.Merge, From: "person-300", Into: "person-301",
			Reason: "bench", Actor: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.RevokeCuration(ctx, res.Curation.ID, "bench", "bench"); err != nil {
			b.Fatal(err)
		}
		rewritten = res.Articles
	}
	b.ReportMetric(float64(rewritten), "articles/op")
}
