package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/storetest"
)

// question is one of the six questions, asked two ways: as a
// GraphQL query and as the store calls its resolvers make.
type question struct {
	name   string
	query  string
	vars   func(*rand.Rand) map[string]any
	direct func(ctx context.Context, s entente.Store, vars map[string]any) error
}

// gen is the shape of the generated graph; the random parameters below
// draw from its pools.
var gen = storetest.SmallGraph

func randCountry(r *rand.Rand) string { return storetest.CountryID(r.IntN(gen.Countries)) }
func randBloc(r *rand.Rand) string    { return storetest.BlocID(r.IntN(gen.Blocs)) }
func randPerson(r *rand.Rand) string  { return storetest.PersonID(r.IntN(gen.Persons)) }

// randYear is a year of the graph's events: from two years before the first
// publication year to one after the last.
func randYear(r *rand.Rand) string { return fmt.Sprint(gen.FirstYear - 2 + r.IntN(gen.Years+3)) }

var membershipChanges = []entente.EventType{entente.Applied, entente.Invited, entente.Joined, entente.Declined, entente.Withdrew, entente.Suspended}

var questions = []question{
	{
		name: "q1-bloc-changes",
		query: `query Q1($bloc: ID!, $year: Date) { bloc(id: $bloc) { name
			timeline(filter: {types: [APPLIED, INVITED, JOINED, DECLINED, WITHDREW, SUSPENDED], from: $year, to: $year}) {
				type date role subject { name ... on Country { iso3 } }
				sources { quote article { url title published } } } } }`,
		vars: func(r *rand.Rand) map[string]any { return map[string]any{"bloc": randBloc(r), "year": randYear(r)} },
		direct: func(ctx context.Context, s entente.Store, v map[string]any) error {
			year := entente.MustParseDate(v["year"].(string))
			if _, err := s.FindEntity(ctx, entente.KindBloc, v["bloc"].(string)); err != nil {
				return err
			}
			events, _, err := s.FindEvents(ctx, entente.EventFilter{Blocs: []string{v["bloc"].(string)}, Types: membershipChanges, From: year, To: year, Limit: 10000})
			if err != nil {
				return err
			}
			return withSources(ctx, s, events)
		},
	},
	{
		name: "q2-members-asof",
		query: `query Q2($bloc: ID!, $asOf: Date) { bloc(id: $bloc) { name
			members(asOf: $asOf) { country { iso3 name } role since until sources { quote article { url } } } } }`,
		vars: func(r *rand.Rand) map[string]any { return map[string]any{"bloc": randBloc(r), "asOf": randYear(r)} },
		direct: func(ctx context.Context, s entente.Store, v map[string]any) error {
			if _, err := s.FindEntity(ctx, entente.KindBloc, v["bloc"].(string)); err != nil {
				return err
			}
			ms, err := memberships(ctx, s, entente.EventFilter{Blocs: []string{v["bloc"].(string)}}, v["asOf"].(string))
			if err != nil {
				return err
			}
			var events []*entente.Event
			for _, m := range ms {
				events = append(events, m.Events...)
			}
			return withSources(ctx, s, events)
		},
	},
	{
		name: "q3-country",
		query: `query Q3($iso3: String!, $year: Date) { country(iso3: $iso3) { name
			memberships { bloc { id } role since }
			officeHolders { person { name } office { title } }
			timeline(filter: {from: $year, to: $year}) {
				type date subject { name } bloc { id } place { iso3 } sources { quote article { url } } } } }`,
		vars: func(r *rand.Rand) map[string]any { return map[string]any{"iso3": randCountry(r), "year": randYear(r)} },
		direct: func(ctx context.Context, s entente.Store, v map[string]any) error {
			iso3 := v["iso3"].(string)
			year := entente.MustParseDate(v["year"].(string))
			if _, err := s.FindEntity(ctx, entente.KindCountry, iso3); err != nil {
				return err
			}
			if _, err := memberships(ctx, s, entente.EventFilter{Countries: []string{iso3}}, ""); err != nil {
				return err
			}
			kind := entente.KindPerson
			if _, _, err := s.FindEntities(ctx, entente.EntityFilter{Kind: &kind, OfficeCountry: &iso3}); err != nil {
				return err
			}
			events, _, err := s.FindEvents(ctx, entente.EventFilter{Countries: []string{iso3}, From: year, To: year, Limit: 10000})
			if err != nil {
				return err
			}
			return withSources(ctx, s, events)
		},
	},
	{
		name: "q3-person",
		query: `query Q3P($id: ID!) { person(id: $id) { name offices { title country { iso3 } }
			timeline { type date bloc { id } place { iso3 } sources { quote article { url } } } } }`,
		vars: func(r *rand.Rand) map[string]any { return map[string]any{"id": randPerson(r)} },
		direct: func(ctx context.Context, s entente.Store, v map[string]any) error {
			if _, err := s.FindEntity(ctx, entente.KindPerson, v["id"].(string)); err != nil {
				return err
			}
			events, _, err := s.FindEvents(ctx, entente.EventFilter{Persons: []string{v["id"].(string)}, Limit: 10000})
			if err != nil {
				return err
			}
			return withSources(ctx, s, events)
		},
	},
	{
		name: "q4-events-page",
		query: `query Q4($types: [EventType!], $iso3: ID!, $from: Date) {
			events(filter: {types: $types, countries: [$iso3], from: $from}, first: 50) {
				totalCount pageInfo { hasNextPage endCursor }
				edges { cursor node { type date subject { name } bloc { id } place { iso3 } sources { quote article { url title } } } } } }`,
		vars: func(r *rand.Rand) map[string]any {
			t1, t2 := entente.EventTypes[r.IntN(8)], entente.EventTypes[r.IntN(8)]
			return map[string]any{"types": []string{string(t1), string(t2)}, "iso3": randCountry(r), "from": randYear(r)}
		},
		direct: func(ctx context.Context, s entente.Store, v map[string]any) error {
			var types []entente.EventType
			for _, t := range v["types"].([]string) {
				types = append(types, entente.EventType(t))
			}
			events, _, err := s.FindEvents(ctx, entente.EventFilter{Types: types, Countries: []string{v["iso3"].(string)},
				From: entente.MustParseDate(v["from"].(string)), Limit: 51})
			if err != nil {
				return err
			}
			return withSources(ctx, s, events)
		},
	},
	{
		name:  "q5-search",
		query: `query Q5($text: String!) { search(text: $text, first: 10) { __typename id name aliases } }`,
		vars: func(r *rand.Rand) map[string]any {
			if r.IntN(2) == 0 {
				return map[string]any{"text": fmt.Sprintf("Leader %d", r.IntN(gen.Persons/10))}
			}
			// The start of a country's name, "Country AAB" for XAB.
			return map[string]any{"text": "Country A" + randCountry(r)[1:]}
		},
		direct: func(ctx context.Context, s entente.Store, v map[string]any) error {
			text := v["text"].(string)
			_, _, err := s.FindEntities(ctx, entente.EntityFilter{Text: &text, Limit: 10})
			return err
		},
	},
	{
		// Every bloc: the whole matrix, and the counts of the ten years to
		// asOf (every year's are more than eventCounts gives at once on
		// the large graph: 132,656).
		name: "q6-dashboard-all",
		query: `query Q6($asOf: Date, $from: Date) {
			membershipMatrix(asOf: $asOf) { blocs { id } rows { country { iso3 } memberships { bloc { id } role } } }
			eventCounts(filter: {from: $from, to: $asOf}) { bloc { id } type year count } }`,
		vars: func(r *rand.Rand) map[string]any {
			year := gen.FirstYear - 2 + r.IntN(gen.Years+3)
			return map[string]any{"asOf": fmt.Sprint(year), "from": fmt.Sprint(year - 9)}
		},
		direct: func(ctx context.Context, s entente.Store, v map[string]any) error {
			ms, err := memberships(ctx, s, entente.EventFilter{}, v["asOf"].(string))
			if err != nil {
				return err
			}
			ids := map[entente.EntityKind][]string{}
			for _, m := range ms {
				ids[entente.KindCountry] = append(ids[entente.KindCountry], m.Subject.ID)
				ids[entente.KindBloc] = append(ids[entente.KindBloc], m.Bloc.ID)
			}
			if err := entities(ctx, s, ids); err != nil {
				return err
			}
			return counts(ctx, s, entente.EventFilter{
				From: entente.MustParseDate(v["from"].(string)), To: entente.MustParseDate(v["asOf"].(string))})
		},
	},
	{
		// A dashboard that follows a few blocs, as most do: the whole-graph
		// form above reads every membership event and returns a decade of
		// every bloc's counts.
		name: "q6-dashboard-5",
		query: `query Q6B($asOf: Date, $blocs: [ID!]) {
			membershipMatrix(asOf: $asOf, blocs: $blocs) { blocs { id } rows { country { iso3 } memberships { bloc { id } role } } }
			eventCounts(filter: {blocs: $blocs}) { bloc { id } type year count } }`,
		vars: func(r *rand.Rand) map[string]any {
			blocs := make([]string, 5)
			for i := range blocs {
				blocs[i] = randBloc(r)
			}
			return map[string]any{"asOf": randYear(r), "blocs": blocs}
		},
		direct: func(ctx context.Context, s entente.Store, v map[string]any) error {
			blocList := v["blocs"].([]string)
			ms, err := memberships(ctx, s, entente.EventFilter{Blocs: blocList}, v["asOf"].(string))
			if err != nil {
				return err
			}
			ids := map[entente.EntityKind][]string{entente.KindBloc: slices.Clone(blocList)}
			for _, m := range ms {
				ids[entente.KindCountry] = append(ids[entente.KindCountry], m.Subject.ID)
			}
			if err := entities(ctx, s, ids); err != nil {
				return err
			}
			return counts(ctx, s, entente.EventFilter{Blocs: blocList})
		},
	},
}

// memberships derives memberships as the resolvers do.
func memberships(ctx context.Context, s entente.Store, f entente.EventFilter, asOf string) ([]*entente.Membership, error) {
	day := entente.DayOf(time.Now())
	if asOf != "" {
		day = entente.MustParseDate(asOf).First()
	}
	return entente.FindMemberships(ctx, s, f, day)
}

// withSources loads what the GraphQL answer shows of events: their
// sources, the sources' articles, and the entities they name, each in one
// batched call as the dataloaders make them.
func withSources(ctx context.Context, s entente.Store, events []*entente.Event) error {
	if len(events) == 0 {
		return nil
	}
	ids := make([]string, len(events))
	refs := map[entente.EntityKind][]string{}
	for i, e := range events {
		ids[i] = e.ID
		refs[e.Subject.Kind] = append(refs[e.Subject.Kind], e.Subject.ID)
		if e.Bloc != nil {
			refs[entente.KindBloc] = append(refs[entente.KindBloc], e.Bloc.ID)
		}
		if e.Place != nil {
			refs[entente.KindCountry] = append(refs[entente.KindCountry], e.Place.Country)
		}
	}
	sources, err := s.FindSources(ctx, ids)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	var articles []string
	for _, list := range sources {
		for _, src := range list {
			if !seen[src.ArticleID] {
				seen[src.ArticleID] = true
				articles = append(articles, src.ArticleID)
			}
		}
	}
	if _, _, err := s.FindArticles(ctx, entente.ArticleFilter{IDs: articles}); err != nil {
		return err
	}
	return entities(ctx, s, refs)
}

// entities loads entities by kind, one call per kind.
func entities(ctx context.Context, s entente.Store, ids map[entente.EntityKind][]string) error {
	for kind, list := range ids {
		slices.Sort(list)
		list = slices.Compact(list)
		if _, _, err := s.FindEntities(ctx, entente.EntityFilter{Kind: &kind, IDs: list}); err != nil {
			return err
		}
	}
	return nil
}

// counts makes eventCounts' store calls: the counts of f, then their blocs.
func counts(ctx context.Context, s entente.Store, f entente.EventFilter) error {
	cs, err := s.CountEvents(ctx, f)
	if err != nil {
		return err
	}
	blocs := map[entente.EntityKind][]string{}
	for _, c := range cs {
		if c.Bloc != "" {
			blocs[entente.KindBloc] = append(blocs[entente.KindBloc], c.Bloc)
		}
	}
	return entities(ctx, s, blocs)
}
