package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/internal/entente"
)

func collect(n int, seed uint64, cfg GenConfig) []*entente.Article {
	var out []*entente.Article
	for a := range Generate(n, seed, cfg) {
		out = append(out, a)
	}
	return out
}

// A run of n articles is the start of any longer run (loadbench resumes a
// fill on that), and GenerateArticles is Generate on SmallGraph.
func TestGenerate(t *testing.T) {
	for _, tt := range []struct {
		name string
		cfg  GenConfig
	}{
		{"small", SmallGraph},
		{"large", LargeGraph},
	} {
		t.Run(tt.name, func(t *testing.T) {
			long := collect(300, 5, tt.cfg)
			if got, want := len(long), 300; got != want {
				t.Fatalf("len=%d, want %d", got, want)
			}
			if diff := cmp.Diff(long[:120], collect(120, 5, tt.cfg)); diff != "" {
				t.Fatalf("a shorter run is not the start of a longer one (-long +short):\n%s", diff)
			}
			for i, a := range long {
				if got, want := a.ID, ArticleID(i); got != want {
					t.Fatalf("article %d: ID=%q, want %q", i, got, want)
				}
				if err := a.Validate(); err != nil {
					t.Fatalf("article %s: %v", a.ID, err)
				}
			}
		})
	}
	if diff := cmp.Diff(GenerateArticles(200, 3), collect(200, 3, SmallGraph)); diff != "" {
		t.Fatalf("GenerateArticles differs from Generate on SmallGraph:\n%s", diff)
	}
}

// LargeGraph spreads its claims over many events: about ten per article.
func TestLargeGraphEvents(t *testing.T) {
	var claims []*entente.Claim
	const n = 2000
	for a := range Generate(n, 1, LargeGraph) {
		claims = append(claims, a.Claims...)
	}
	events := entente.GroupClaims(claims)
	if per := float64(len(events)) / n; per < 8 || per > 12 {
		t.Fatalf("%.1f events per article, want about 10", per)
	}
	// Spread over the pools, not piled on a few entities.
	blocs, persons := map[string]bool{}, map[string]bool{}
	for _, e := range events {
		if e.Bloc != nil {
			blocs[e.Bloc.ID] = true
		}
		if e.Subject.Kind == entente.KindPerson {
			persons[e.Subject.ID] = true
		}
	}
	if len(blocs) < LargeGraph.Blocs*9/10 || len(persons) < 2000 {
		t.Fatalf("events name %d blocs and %d persons, want most of %d blocs and over 2,000 persons", len(blocs), len(persons), LargeGraph.Blocs)
	}
}
