package graph

import (
	"cmp"
	"context"
	"strings"
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
	es, err := r.loadersFor(ctx).entity.LoadAll(ctx, keys)
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

// sources loads the sources of events, in the order of ids.
func (r *Resolver) sources(ctx context.Context, ids ...string) ([]*entente.Source, error) {
	lists, err := r.loadersFor(ctx).sources.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []*entente.Source
	for _, l := range lists {
		out = append(out, l...)
	}
	return out, nil
}
