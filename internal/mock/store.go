// Package mock holds function-field mocks of the entente interfaces, for
// what a real store cannot show, such as an outage. A call to a method
// whose function is nil panics, naming the method, so a test sees at once
// which call it did not expect.
package mock

import (
	"context"

	"github.com/entente/entente/internal/entente"
)

var _ entente.Store = (*Store)(nil)

// Store is an entente.Store whose methods call its fields.
type Store struct {
	UpsertArticlesFn  func(ctx context.Context, articles []*entente.Article) ([]entente.UpsertResult, error)
	FindArticleByIDFn func(ctx context.Context, id string) (*entente.Article, error)
	FindArticlesFn    func(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error)
	FindEntityFn      func(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error)
	FindEntitiesFn    func(ctx context.Context, f entente.EntityFilter) ([]*entente.Entity, int, error)
	FindEventByIDFn   func(ctx context.Context, id string) (*entente.Event, error)
	FindEventsFn      func(ctx context.Context, f entente.EventFilter) ([]*entente.Event, int, error)
	FindSourcesFn     func(ctx context.Context, eventIDs []string) (map[string][]*entente.Source, error)
	CountEventsFn     func(ctx context.Context, f entente.EventFilter) ([]entente.EventCount, error)
	CurateFn          func(ctx context.Context, c *entente.Curation) (*entente.CurationResult, error)
	RevokeCurationFn  func(ctx context.Context, id, actor, reason string) (*entente.CurationResult, error)
	FindCurationsFn   func(ctx context.Context, f entente.CurationFilter) ([]*entente.Curation, int, error)
	GenerationFn      func(ctx context.Context) (uint64, error)
	PingFn            func(ctx context.Context) error
	CloseFn           func() error
}

// Down returns a Store every method of which fails with err, as a store
// that cannot be reached does.
func Down(err error) *Store {
	return &Store{
		UpsertArticlesFn:  func(context.Context, []*entente.Article) ([]entente.UpsertResult, error) { return nil, err },
		FindArticleByIDFn: func(context.Context, string) (*entente.Article, error) { return nil, err },
		FindArticlesFn:    func(context.Context, entente.ArticleFilter) ([]*entente.Article, int, error) { return nil, 0, err },
		FindEntityFn:      func(context.Context, entente.EntityKind, string) (*entente.Entity, error) { return nil, err },
		FindEntitiesFn:    func(context.Context, entente.EntityFilter) ([]*entente.Entity, int, error) { return nil, 0, err },
		FindEventByIDFn:   func(context.Context, string) (*entente.Event, error) { return nil, err },
		FindEventsFn:      func(context.Context, entente.EventFilter) ([]*entente.Event, int, error) { return nil, 0, err },
		FindSourcesFn:     func(context.Context, []string) (map[string][]*entente.Source, error) { return nil, err },
		CountEventsFn:     func(context.Context, entente.EventFilter) ([]entente.EventCount, error) { return nil, err },
		CurateFn:          func(context.Context, *entente.Curation) (*entente.CurationResult, error) { return nil, err },
		RevokeCurationFn:  func(context.Context, string, string, string) (*entente.CurationResult, error) { return nil, err },
		FindCurationsFn:   func(context.Context, entente.CurationFilter) ([]*entente.Curation, int, error) { return nil, 0, err },
		GenerationFn:      func(context.Context) (uint64, error) { return 0, err },
		PingFn:            func(context.Context) error { return err },
		CloseFn:           func() error { return nil },
	}
}

// UpsertArticles implements entente.ArticleStore.
func (s *Store) UpsertArticles(ctx context.Context, articles []*entente.Article) ([]entente.UpsertResult, error) {
	must(s.UpsertArticlesFn != nil, "UpsertArticles")
	return s.UpsertArticlesFn(ctx, articles)
}

// FindArticleByID implements entente.ArticleStore.
func (s *Store) FindArticleByID(ctx context.Context, id string) (*entente.Article, error) {
	must(s.FindArticleByIDFn != nil, "FindArticleByID")
	return s.FindArticleByIDFn(ctx, id)
}

// FindArticles implements entente.ArticleStore.
func (s *Store) FindArticles(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	must(s.FindArticlesFn != nil, "FindArticles")
	return s.FindArticlesFn(ctx, f)
}

// Curate implements entente.CurationStore.
func (s *Store) Curate(ctx context.Context, c *entente.Curation) (*entente.CurationResult, error) {
	must(s.CurateFn != nil, "Curate")
	return s.CurateFn(ctx, c)
}

// RevokeCuration implements entente.CurationStore.
func (s *Store) RevokeCuration(ctx context.Context, id, actor, reason string) (*entente.CurationResult, error) {
	must(s.RevokeCurationFn != nil, "RevokeCuration")
	return s.RevokeCurationFn(ctx, id, actor, reason)
}

// FindCurations implements entente.CurationStore.
func (s *Store) FindCurations(ctx context.Context, f entente.CurationFilter) ([]*entente.Curation, int, error) {
	must(s.FindCurationsFn != nil, "FindCurations")
	return s.FindCurationsFn(ctx, f)
}

// FindEntity implements entente.EntityStore.
func (s *Store) FindEntity(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
	must(s.FindEntityFn != nil, "FindEntity")
	return s.FindEntityFn(ctx, kind, id)
}

// FindEntities implements entente.EntityStore.
func (s *Store) FindEntities(ctx context.Context, f entente.EntityFilter) ([]*entente.Entity, int, error) {
	must(s.FindEntitiesFn != nil, "FindEntities")
	return s.FindEntitiesFn(ctx, f)
}

// FindEventByID implements entente.EventStore.
func (s *Store) FindEventByID(ctx context.Context, id string) (*entente.Event, error) {
	must(s.FindEventByIDFn != nil, "FindEventByID")
	return s.FindEventByIDFn(ctx, id)
}

// FindEvents implements entente.EventStore.
func (s *Store) FindEvents(ctx context.Context, f entente.EventFilter) ([]*entente.Event, int, error) {
	must(s.FindEventsFn != nil, "FindEvents")
	return s.FindEventsFn(ctx, f)
}

// FindSources implements entente.EventStore.
func (s *Store) FindSources(ctx context.Context, eventIDs []string) (map[string][]*entente.Source, error) {
	must(s.FindSourcesFn != nil, "FindSources")
	return s.FindSourcesFn(ctx, eventIDs)
}

// CountEvents implements entente.EventStore.
func (s *Store) CountEvents(ctx context.Context, f entente.EventFilter) ([]entente.EventCount, error) {
	must(s.CountEventsFn != nil, "CountEvents")
	return s.CountEventsFn(ctx, f)
}

// Ping implements entente.Store.
func (s *Store) Ping(ctx context.Context) error {
	must(s.PingFn != nil, "Ping")
	return s.PingFn(ctx)
}

// Close implements entente.Store.
func (s *Store) Close() error {
	if s.CloseFn == nil {
		return nil
	}
	return s.CloseFn()
}

func must(ok bool, method string) {
	if !ok {
		panic("mock.Store: unexpected call to " + method)
	}
}

// Generation implements entente.Store.
func (s *Store) Generation(ctx context.Context) (uint64, error) {
	must(s.GenerationFn != nil, "Generation")
	return s.GenerationFn(ctx)
}
