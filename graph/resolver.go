// Package graph is Entente's GraphQL API: the gqlgen executable schema built
// from schema/*.graphqls, thin resolvers over entente.Store, per-request
// dataloaders, and the HTTP handler with its limits, error presenter and
// metrics. It imports internal/entente, gqlgen, dataloadgen and prometheus;
// never a store backend, the extractor or the ingest pipeline.
package graph

//go:generate go tool gqlgen generate

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/entente/entente/graph/model"
	"github.com/entente/entente/internal/entente"
)

// Limits the resolvers enforce, each with a clear GraphQL error.
const (
	// MaxPageSize bounds `first` on events and search.
	MaxPageSize = 500
	// MaxTimeline bounds a timeline: a longer one is an error that points
	// at the paginated Query.events.
	MaxTimeline = 10000
	// MaxEventCounts bounds eventCounts: every bloc's counts by type and
	// year over decades make an answer of megabytes that takes seconds to
	// write, and a few at once hold gigabytes.
	MaxEventCounts = 50000
)

// Resolver is the root resolver and the API's dependency injection point.
type Resolver struct {
	Store entente.Store
	// Ingester serves the ingestArticle and reprocess mutations; they fail
	// with NOT_IMPLEMENTED when it is nil.
	Ingester Ingester
	// Now is the clock for "today" (asOf absent); time.Now when nil.
	Now func() time.Time

	// Set by NewHandler.
	metrics      *Metrics
	logger       *slog.Logger
	pollInterval time.Duration
}

func (r *Resolver) today() entente.Date {
	if r.Now == nil {
		return entente.DayOf(time.Now())
	}
	return entente.DayOf(r.Now())
}

// findEntity returns one entity, or nil when there is none.
func (r *Resolver) findEntity(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
	e, err := r.Store.FindEntity(ctx, kind, id)
	if entente.ErrorCode(err) == entente.ENOTFOUND {
		return nil, nil
	}
	return e, err
}

// mergedPerson returns the person a merge in force sends id to, or nil.
func (r *Resolver) mergedPerson(ctx context.Context, id string) (*entente.Entity, error) {
	active, kinds := true, []entente.CurationKind{entente.Merge}
	cs, _, err := r.Store.FindCurations(ctx, entente.CurationFilter{Kinds: kinds, Active: &active, Person: &id})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if strings.EqualFold(c.From, id) {
			return r.findEntity(ctx, entente.KindPerson, c.Into)
		}
	}
	return nil, nil
}

// findEntities returns every entity of a kind.
func (r *Resolver) findEntities(ctx context.Context, kind entente.EntityKind) ([]*entente.Entity, error) {
	es, _, err := r.Store.FindEntities(ctx, entente.EntityFilter{Kind: &kind})
	return es, err
}

// timeline returns the events matching f, at most MaxTimeline of them,
// with what the query selects below them prefetched.
func (r *Resolver) timeline(ctx context.Context, of string, f entente.EventFilter) ([]*entente.Event, error) {
	f.Limit = MaxTimeline
	events, n, err := r.Store.FindEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	if n > MaxTimeline {
		return nil, entente.Errorf(entente.EINVALID,
			"The timeline of %s has %d events, more than %d: narrow the filter or page through Query.events.", of, n, MaxTimeline)
	}
	return events, r.prefetch(ctx, events, selectedNeeds(ctx, "Event"))
}

// memberships derives the memberships in force on asOf from the membership
// events matching f.
func (r *Resolver) memberships(ctx context.Context, f entente.EventFilter, asOf *entente.Date) ([]*entente.Membership, error) {
	day := r.today()
	if asOf != nil {
		day = asOf.First()
	}
	ms, err := entente.FindMemberships(ctx, r.Store, f, day)
	if err != nil {
		return nil, err
	}
	return ms, r.prefetchMemberships(ctx, ms)
}

// prefetchMemberships loads what the query selects below a list of
// memberships: their countries, blocs and sources.
func (r *Resolver) prefetchMemberships(ctx context.Context, ms []*entente.Membership) error {
	n := selectedNeeds(ctx, "Membership")
	if len(ms) == 0 || !n.any() {
		return nil
	}
	var events []*entente.Event
	for _, m := range ms {
		if n.sources {
			events = append(events, m.Events...)
		} else if len(m.Events) > 0 {
			events = append(events, m.Events[0]) // its subject and bloc are the membership's
		}
	}
	return r.prefetch(ctx, events, n)
}

// eventFilter converts the GraphQL filter; nil gives the empty filter.
func eventFilter(in *model.EventFilter) entente.EventFilter {
	if in == nil {
		return entente.EventFilter{}
	}
	f := entente.EventFilter{
		Types:        in.Types,
		Blocs:        in.Blocs,
		Countries:    in.Countries,
		Persons:      in.Persons,
		SubjectKinds: in.SubjectKinds,
		Status:       in.Status,
	}
	if in.From != nil {
		f.From = *in.From
	}
	if in.To != nil {
		f.To = *in.To
	}
	return f
}

// narrow sets *field to just id, or reports false when the caller's list
// excludes id, so the intersection is empty.
func narrow(field *[]string, id string) bool {
	if len(*field) > 0 && !containsFold(*field, id) {
		return false
	}
	*field = []string{id}
	return true
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// involves reports whether a country (ISO3) is an event's subject or place.
func involves(e *entente.Event, iso3 []string) bool {
	if e.Subject.Kind == entente.KindCountry && containsFold(iso3, e.Subject.ID) {
		return true
	}
	return e.Place != nil && containsFold(iso3, e.Place.Country)
}

// pageSize checks a `first` argument against MaxPageSize.
func pageSize(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > MaxPageSize {
		return 0, entente.Errorf(entente.EINVALID, "Argument first is %d: want 0 to %d.", *first, MaxPageSize)
	}
	return *first, nil
}
