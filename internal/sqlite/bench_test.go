package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/sqlite"
	"github.com/entente/entente/internal/storetest"
)

// benchDir holds the databases benchmarks build; TestMain removes it.
var benchDir string

// ENTENTE_BENCH_DIR, when set, keeps the generated graph there between runs
// instead.
func TestMain(m *testing.M) {
	benchDir = os.Getenv("ENTENTE_BENCH_DIR")
	if benchDir != "" {
		os.Exit(m.Run())
	}
	var err error
	if benchDir, err = os.MkdirTemp("", "entente-sqlite-bench-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(benchDir)
	os.Exit(code)
}

// BenchmarkUpsertArticles writes the extractions of b.N generated articles
// to a new database file, in batches, and reports articles per second.
func BenchmarkUpsertArticles(b *testing.B) {
	for _, batch := range []int{1, 50, 500} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			ctx := context.Background()
			articles := storetest.GenerateArticles(b.N, 1)
			s := MustOpenStore(b, filepath.Join(b.TempDir(), "bench.db"))
			b.ResetTimer()
			cpu := cpuTime()
			for i := 0; i < len(articles); i += batch {
				if _, err := s.UpsertArticles(ctx, articles[i:min(i+batch, len(articles))]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			if cpu := cpuTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
			}
		})
	}
}

// The graph of about 100,000 events the read benchmarks share, built once
// per run.
const graphArticles = 45000

var (
	graphOnce sync.Once
	graphPath string
	graphErr  error
)

func benchGraph(b *testing.B) *sqlite.Store {
	b.Helper()
	graphOnce.Do(func() {
		ctx := context.Background()
		graphPath = filepath.Join(benchDir, fmt.Sprintf("graph-%d.db", graphArticles))
		if _, err := os.Stat(graphPath); err == nil {
			b.Logf("reusing the graph in %s", graphPath)
			return
		}
		start, cpu := time.Now(), cpuTime()
		articles := storetest.GenerateArticles(graphArticles, 2)
		// Built under another name, so that an interrupted build is not
		// reused.
		building := graphPath + ".building"
		os.Remove(building)
		s := sqlite.NewStore(building)
		if graphErr = s.Open(ctx); graphErr != nil {
			return
		}
		for i := 0; i < len(articles) && graphErr == nil; i += 500 {
			_, graphErr = s.UpsertArticles(ctx, articles[i:min(i+500, len(articles))])
		}
		_, n, _ := s.FindEvents(ctx, entente.EventFilter{Limit: 1})
		if err := s.Close(); graphErr == nil {
			graphErr = err
		}
		if graphErr == nil {
			graphErr = os.Rename(building, graphPath)
		}
		b.Logf("built a graph of %d articles and %d events in %v (%v of CPU)", len(articles), n,
			time.Since(start).Round(time.Millisecond), (cpuTime() - cpu).Round(time.Millisecond))
	})
	if graphErr != nil {
		b.Fatalf("build graph: %v", graphErr)
	}
	return MustOpenStore(b, graphPath)
}

// BenchmarkBlocTimeline reads a bloc's whole timeline, its first page and a
// filtered part, then a country's and a person's timelines.
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
		// Not a bloc's, but the other timelines the API serves.
		{"country", entente.EventFilter{Countries: []string{"XAF"}}},
		{"person", entente.EventFilter{Persons: []string{"person-042"}}},
		// The first page of all events, with the total the API reports.
		{"everything50", entente.EventFilter{Limit: 50}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			var n int
			cpu := cpuTime()
			for b.Loop() {
				events, _, err := s.FindEvents(ctx, tt.f)
				if err != nil {
					b.Fatal(err)
				}
				n = len(events)
			}
			b.ReportMetric(float64(n), "events/op")
			reportCPU(b, cpu)
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
	cpu := cpuTime()
	for b.Loop() {
		ms, err := entente.FindMemberships(ctx, s, entente.EventFilter{Blocs: []string{"B05"}}, asOf)
		if err != nil {
			b.Fatal(err)
		}
		n = len(ms)
	}
	b.ReportMetric(float64(n), "members")
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	if cpu := cpuTime() - start; cpu > 0 && b.N > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkUpsertHotEvent writes articles that all report one event already
// reported by 2,000 articles, as a news burst does, in batches of 50: a write
// must cost what it adds, not what the event has accumulated.
func BenchmarkUpsertHotEvent(b *testing.B) {
	ctx := context.Background()
	report := func(i int) *entente.Article {
		text := fmt.Sprintf("Report %d: Egypt joined BRICS on 1 January 2024.", i)
		return &entente.Article{
			ID: fmt.Sprintf("hot-%06d", i), Text: text, Hash: entente.ContentHash(text),
			Published: entente.Date{Year: 2024, Month: 1 + i%12, Day: 1 + i%28},
			Claims: []*entente.Claim{{
				Type: entente.Joined, Subject: entente.Ref{Kind: entente.KindCountry, ID: "EGY", Name: "Egypt"},
				Bloc: &entente.Ref{ID: "BRICS", Name: "BRICS"}, Role: entente.Member,
				Date: entente.MustParseDate("2024-01-01"), Status: entente.Occurred, Confidence: 0.8,
				Evidence: entente.Evidence{Sentence: text, Start: 0, End: len(text)},
			}},
		}
	}
	s := MustOpenStore(b, filepath.Join(b.TempDir(), "hot.db"))
	var articles []*entente.Article
	for i := range 2000 + b.N {
		articles = append(articles, report(i))
	}
	for i := 0; i < 2000; i += 500 {
		if _, err := s.UpsertArticles(ctx, articles[i:i+500]); err != nil {
			b.Fatal(err)
		}
	}
	articles = articles[2000:]
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < len(articles); i += 50 {
		if _, err := s.UpsertArticles(ctx, articles[i:min(i+50, len(articles))]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
}
