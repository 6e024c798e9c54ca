package graph

import (
	"context"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/entente/entente/internal/entente"
	"github.com/vektah/gqlparser/v2/ast"
)

// A resolver that returns a list of events knows every event at once, so
// it can load what the query selects below them (sources, their articles,
// the subjects, blocs and places) in batched store calls right away and
// prime the loaders: the field resolvers then find it cached instead of
// waiting out the loaders' batching window, level after level.

// needs says what a query selects below a list of events (or memberships).
type needs struct {
	sources, articles    bool
	subject, bloc, place bool
}

func (n needs) any() bool { return n.sources || n.subject || n.bloc || n.place }

// selectedNeeds reads the current field's selection, below path (such as
// "edges", "node"), for a list of typename objects.
func selectedNeeds(ctx context.Context, typename string, path ...string) needs {
	var n needs
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return n
	}
	oc := graphql.GetOperationContext(ctx)
	sel := fc.Field.Selections
	for _, name := range path {
		var next ast.SelectionSet
		for _, f := range graphql.CollectFields(oc, sel, nil) {
			if f.Name == name {
				next = append(next, f.Selections...)
			}
		}
		sel = next
	}
	for _, f := range graphql.CollectFields(oc, sel, []string{typename}) {
		switch f.Name {
		case "sources":
			n.sources = true
			for _, sf := range graphql.CollectFields(oc, f.Selections, []string{"Source"}) {
				if sf.Name == "article" {
					n.articles = true
				}
			}
		case "subject", "country":
			n.subject = true
		case "bloc":
			n.bloc = true
		case "place":
			n.place = true
		}
	}
	return n
}

// selects reports whether the current field's selection asks for field of
// typename.
func selects(ctx context.Context, typename, field string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return true
	}
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), fc.Field.Selections, []string{typename}) {
		if f.Name == field {
			return true
		}
	}
	return false
}

// prefetch loads what n asks for about events into the request's loaders.
func (r *Resolver) prefetch(ctx context.Context, events []*entente.Event, n needs) error {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok || len(events) == 0 || !n.any() {
		return nil
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil {
			first = err
		}
	}
	if n.sources {
		wg.Go(func() {
			if err := r.prefetchSources(ctx, l, events, n.articles); err != nil {
				fail(err)
			}
		})
	}
	keys := map[entityKey]bool{}
	for _, e := range events {
		if n.subject {
			keys[entityKey{e.Subject.Kind, strings.ToLower(e.Subject.ID)}] = true
		}
		if n.bloc && e.Bloc != nil {
			keys[entityKey{entente.KindBloc, strings.ToLower(e.Bloc.ID)}] = true
		}
		if n.place && e.Place != nil && e.Place.Country != "" {
			keys[entityKey{entente.KindCountry, strings.ToLower(e.Place.Country)}] = true
		}
	}
	if len(keys) > 0 {
		wg.Go(func() {
			list := make([]entityKey, 0, len(keys))
			for k := range keys {
				list = append(list, k)
			}
			found, errs := fetchEntities(r.Store)(ctx, list)
			if len(errs) > 0 {
				fail(errs[0])
				return
			}
			l.remember(list, found)
		})
	}
	wg.Wait()
	return first
}

func (r *Resolver) prefetchSources(ctx context.Context, l *loaders, events []*entente.Event, articles bool) error {
	// An event read with its sources (FindEventByID) needs only their
	// articles.
	var ids []string
	m := map[string][]*entente.Source{}
	for _, e := range events {
		if e.Sources != nil {
			m[e.ID] = e.Sources
		} else {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) > 0 {
		found, err := r.Store.FindSources(ctx, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			m[id] = found[id]
			l.sources.Prime(id, found[id])
		}
	}
	seen := map[string]bool{}
	var articleIDs []string
	for _, e := range events {
		for _, s := range m[e.ID] {
			if !seen[s.ArticleID] {
				seen[s.ArticleID] = true
				articleIDs = append(articleIDs, s.ArticleID)
			}
		}
	}
	if !articles || len(articleIDs) == 0 {
		return nil
	}
	found, errs := fetchArticles(r.Store)(ctx, articleIDs)
	if len(errs) > 0 {
		return errs[0]
	}
	for i, id := range articleIDs {
		l.article.Prime(id, found[i])
	}
	return nil
}

// prefetchOffices loads the countries and blocs of a person's offices when
// the query selects them, so that the Office resolvers find them cached
// instead of waiting out the loader's batching window.
func (r *Resolver) prefetchOffices(ctx context.Context, p *entente.Entity) error {
	fc := graphql.GetFieldContext(ctx)
	if len(p.Offices) == 0 || fc == nil || !graphql.HasOperationContext(ctx) {
		return nil
	}
	oc := graphql.GetOperationContext(ctx)
	var country, bloc bool
	for _, f := range graphql.CollectFields(oc, fc.Field.Selections, []string{"Person"}) {
		if f.Name != "offices" {
			continue
		}
		for _, of := range graphql.CollectFields(oc, f.Selections, []string{"Office"}) {
			country = country || of.Name == "country"
			bloc = bloc || of.Name == "bloc"
		}
	}
	var keys []entityKey
	for _, o := range p.Offices {
		if country && o.Country != "" {
			keys = append(keys, entityKey{entente.KindCountry, strings.ToLower(o.Country)})
		}
		if bloc && o.Org != "" {
			keys = append(keys, entityKey{entente.KindBloc, strings.ToLower(o.Org)})
		}
	}
	if len(keys) == 0 {
		return nil
	}
	_, err := r.loadEntities(ctx, keys)
	return err
}
