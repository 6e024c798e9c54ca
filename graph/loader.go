package graph

import (
	"cmp"
	"context"
	"strings"
	"sync"
	"time"

	"github.com/entente/entente/graph/model"
	"github.com/entente/entente/internal/entente"
	"github.com/vikstrous/dataloadgen"
)

// DefaultLoaderWait is how long a loader collects keys before fetching.
// gqlgen resolves the elements of a list concurrently, so they all ask
// within microseconds; dataloadgen's default 16ms would dominate a query's
// latency.
const DefaultLoaderWait = 500 * time.Microsecond

type entityKey struct {
	Kind entente.EntityKind
	ID   string // lower case: ids are case-insensitive
}

// loaders batch the nested lookups of one request: no N+1 queries.
type loaders struct {
	entity  *dataloadgen.Loader[entityKey, *entente.Entity]
	sources *dataloadgen.Loader[string, []*entente.Source]
	article *dataloadgen.Loader[string, *entente.Article]

	// The entities the request has loaded (nil: the store has none), so
	// that a batch resolver, which knows every key of its list at once,
	// fetches what is missing right away instead of waiting out the
	// loader's batching window.
	mu    sync.Mutex
	known map[entityKey]*entente.Entity
}

// remember records loaded entities and primes the entity loader with them.
func (l *loaders) remember(keys []entityKey, found []*entente.Entity) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.known == nil {
		l.known = make(map[entityKey]*entente.Entity, len(keys))
	}
	for i, k := range keys {
		l.known[k] = found[i]
		l.entity.Prime(k, found[i])
	}
}

// missing returns the keys, once each, of the entities not loaded yet.
func (l *loaders) missing(keys []entityKey) []entityKey {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []entityKey
	seen := map[entityKey]bool{}
	for _, k := range keys {
		if _, ok := l.known[k]; !ok && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

type loadersKey struct{}

func newLoaders(s entente.Store, d time.Duration) *loaders {
	wait := dataloadgen.WithWait(d)
	return &loaders{
		entity:  dataloadgen.NewLoader(fetchEntities(s), wait),
		sources: dataloadgen.NewLoader(fetchSources(s), wait),
		article: dataloadgen.NewLoader(fetchArticles(s), wait),
	}
}

// withLoaders returns ctx carrying fresh loaders for one request.
func withLoaders(ctx context.Context, s entente.Store, wait time.Duration) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(s, wait))
}

// loadersFor returns the request's loaders, or unbatched ones when the
// executable schema runs outside NewHandler.
func (r *Resolver) loadersFor(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.Store, 0)
}

// fetchEntities makes one FindEntities call per kind among the keys;
// missing entities load as nil.
func fetchEntities(s entente.Store) func(context.Context, []entityKey) ([]*entente.Entity, []error) {
	return func(ctx context.Context, keys []entityKey) ([]*entente.Entity, []error) {
		byKind := map[entente.EntityKind][]string{}
		for _, k := range keys {
			byKind[k.Kind] = append(byKind[k.Kind], k.ID)
		}
		found := map[entityKey]*entente.Entity{}
		for kind, ids := range byKind {
			es, _, err := s.FindEntities(ctx, entente.EntityFilter{Kind: &kind, IDs: ids})
			if err != nil {
				return nil, []error{err}
			}
			for _, e := range es {
				found[entityKey{e.Kind, strings.ToLower(e.ID)}] = e
			}
		}
		out := make([]*entente.Entity, len(keys))
		for i, k := range keys {
			out[i] = found[k]
		}
		return out, nil
	}
}

func fetchSources(s entente.Store) func(context.Context, []string) ([][]*entente.Source, []error) {
	return func(ctx context.Context, ids []string) ([][]*entente.Source, []error) {
		m, err := s.FindSources(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		out := make([][]*entente.Source, len(ids))
		for i, id := range ids {
			out[i] = m[id]
		}
		return out, nil
	}
}

func fetchArticles(s entente.Store) func(context.Context, []string) ([]*entente.Article, []error) {
	return func(ctx context.Context, ids []string) ([]*entente.Article, []error) {
		as, _, err := s.FindArticles(ctx, entente.ArticleFilter{IDs: ids})
		if err != nil {
			return nil, []error{err}
		}
		byID := make(map[string]*entente.Article, len(as))
		for _, a := range as {
			byID[a.ID] = a
		}
		out := make([]*entente.Article, len(ids))
		for i, id := range ids {
			out[i] = byID[id]
		}
		return out, nil
	}
}

// entity loads an entity by reference; an entity the store does not know
// (yet) is made from the reference, so an event's subject is never null.
func (r *Resolver) entity(ctx context.Context, ref entente.Ref) (*entente.Entity, error) {
	e, err := r.loadersFor(ctx).entity.Load(ctx, entityKey{ref.Kind, strings.ToLower(ref.ID)})
	if err != nil || e != nil {
		return e, err
	}
	name := ref.Name
	if name == "" {
		name = ref.ID
	}
	return &entente.Entity{Kind: ref.Kind, ID: ref.ID, Name: name}, nil
}

// entities loads many entities by reference in one batch, each made from
// its reference when the store does not know it.
func (r *Resolver) entities(ctx context.Context, refs []entente.Ref) ([]*entente.Entity, error) {
	keys := make([]entityKey, len(refs))
	for i, ref := range refs {
		keys[i] = entityKey{ref.Kind, strings.ToLower(ref.ID)}
	}
	es, err := r.loadEntities(ctx, keys)
	if err != nil {
		return nil, err
	}
	for i, e := range es {
		if e == nil {
			ref := refs[i]
			es[i] = &entente.Entity{Kind: ref.Kind, ID: ref.ID, Name: cmp.Or(ref.Name, ref.ID)}
		}
	}
	return es, nil
}

// loadEntities returns the entities of keys, nil where the store has
// none, fetching those the request has not loaded yet in one call, without
// waiting for more keys: the caller knows them all.
func (r *Resolver) loadEntities(ctx context.Context, keys []entityKey) ([]*entente.Entity, error) {
	l := r.loadersFor(ctx)
	if miss := l.missing(keys); len(miss) > 0 {
		found, errs := fetchEntities(r.Store)(ctx, miss)
		if len(errs) > 0 {
			return nil, errs[0]
		}
		l.remember(miss, found)
	}
	es := make([]*entente.Entity, len(keys))
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, k := range keys {
		es[i] = l.known[k]
	}
	return es, nil
}

// blocsByID loads blocs by id in one batch; an empty id gives nil.
func (r *Resolver) blocsByID(ctx context.Context, ids []string) ([]*model.Bloc, error) {
	var refs []entente.Ref
	for _, id := range ids {
		if id != "" {
			refs = append(refs, entente.Ref{Kind: entente.KindBloc, ID: id})
		}
	}
	es, err := r.entities(ctx, refs)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Bloc, len(ids))
	for i, id := range ids {
		if id != "" {
			out[i], es = &model.Bloc{Entity: es[0]}, es[1:]
		}
	}
	return out, nil
}

func (r *Resolver) country(ctx context.Context, iso3, name string) (*model.Country, error) {
	e, err := r.entity(ctx, entente.Ref{Kind: entente.KindCountry, ID: iso3, Name: name})
	if err != nil {
		return nil, err
	}
	return &model.Country{Entity: e}, nil
}

func (r *Resolver) bloc(ctx context.Context, id, name string) (*model.Bloc, error) {
	e, err := r.entity(ctx, entente.Ref{Kind: entente.KindBloc, ID: id, Name: name})
	if err != nil {
		return nil, err
	}
	return &model.Bloc{Entity: e}, nil
}
