package ingest_test

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/entente/entente/internal/entente"
)

// fakeStore is an ArticleStore test double, for what a real store cannot
// show (an outage, a failing batch) and for the pipeline's tests before a
// store is wired; cmd/entente's tests run the pipeline on SQLite.
type fakeStore struct {
	mu       sync.Mutex
	articles map[string]*entente.Article
	batches  int
	lookups  int

	// upsert, when set, runs before each UpsertArticles and may fail it.
	upsert func(batch []*entente.Article) error
	// lookupDelay, when set, is how long each FindArticles takes.
	lookupDelay time.Duration
}

func newFakeStore() *fakeStore { return &fakeStore{articles: map[string]*entente.Article{}} }

func (s *fakeStore) UpsertArticles(ctx context.Context, as []*entente.Article) ([]entente.UpsertResult, error) {
	if s.upsert != nil {
		if err := s.upsert(as); err != nil {
			return nil, err
		}
	}
	for _, a := range as {
		if err := a.Validate(); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches++
	rs := make([]entente.UpsertResult, len(as))
	for i, a := range as {
		r := entente.UpsertResult{ArticleID: a.ID, Outcome: entente.Created}
		old, ok := s.articles[a.ID]
		switch {
		case ok && old.Hash == a.Hash && old.ExtractorVersion == a.ExtractorVersion && len(old.Claims) == len(a.Claims):
			r.Outcome = entente.Unchanged
		case ok:
			r.Outcome = entente.Updated
			r.EventsRemoved = len(old.Claims)
			r.EventsAdded = len(a.Claims)
		default:
			r.EventsAdded = len(a.Claims)
		}
		if r.Outcome != entente.Unchanged {
			c := *a
			s.articles[a.ID] = &c
		}
		rs[i] = r
	}
	return rs, nil
}

func (s *fakeStore) FindArticleByID(ctx context.Context, id string) (*entente.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.articles[id]; ok {
		c := *a
		return &c, nil
	}
	return nil, entente.Errorf(entente.ENOTFOUND, "Article not found.")
}

func (s *fakeStore) FindArticles(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	time.Sleep(s.lookupDelay)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lookups++
	var out []*entente.Article
	for _, a := range s.articles {
		switch {
		case len(f.IDs) > 0 && !slices.Contains(f.IDs, a.ID),
			f.URL != nil && a.URL != *f.URL,
			f.Hash != nil && a.Hash != *f.Hash,
			len(f.URLs) > 0 && (a.URL == "" || !slices.Contains(f.URLs, a.URL)),
			len(f.Hashes) > 0 && !slices.Contains(f.Hashes, a.Hash),
			f.After != "" && a.ID <= f.After:
			continue
		}
		c := *a
		out = append(out, &c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	n := len(out)
	out = out[min(f.Offset, len(out)):]
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, n, nil
}

func (s *fakeStore) ids() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for id := range s.articles {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// fakeExtractor finds one JOINED claim per sentence naming "joined NATO".
type fakeExtractor struct {
	// block, when set, is waited on before each extraction (or ctx).
	block chan struct{}
	calls int
	mu    sync.Mutex
}

func (x *fakeExtractor) Extract(ctx context.Context, a *entente.Article) (*entente.Extraction, error) {
	x.mu.Lock()
	x.calls++
	x.mu.Unlock()
	if x.block != nil {
		select {
		case <-x.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	out := &entente.Extraction{ID: a.ID}
	nato := entente.Ref{Kind: entente.KindBloc, ID: "NATO", Name: "NATO"}
	for _, s := range strings.Split(a.Text, ".") {
		if i := strings.Index(s, " joined NATO"); i > 0 {
			name := strings.TrimSpace(s[:i])
			out.Events = append(out.Events, &entente.Claim{
				Type: entente.Joined, Subject: entente.Ref{Kind: entente.KindCountry, ID: strings.ToUpper(name[:3]), Name: name},
				Bloc: &nato, Role: entente.Member, Status: entente.Occurred, Confidence: 0.9,
				Evidence: entente.Evidence{Sentence: strings.TrimSpace(s), Start: 0, End: len([]rune(s))},
			})
		}
	}
	return out, nil
}

func (x *fakeExtractor) count() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.calls
}
