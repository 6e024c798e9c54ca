package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/entente/entente/graph/model"
	"github.com/entente/entente/internal/entente"
)

// This file shapes store results into the schema's types: pages, matrices,
// office holders. It holds no queries.

// connection makes a Relay page of at most n events from events, which
// holds one more when a next page exists.
func connection(events []*entente.Event, n, total int, after bool) *model.EventConnection {
	c := &model.EventConnection{
		Edges:      []*model.EventEdge{},
		PageInfo:   &model.PageInfo{HasNextPage: len(events) > n, HasPreviousPage: after},
		TotalCount: total,
	}
	if len(events) > n {
		events = events[:n]
	}
	for _, e := range events {
		c.Edges = append(c.Edges, &model.EventEdge{Cursor: e.Cursor(), Node: e})
	}
	if len(c.Edges) > 0 {
		c.PageInfo.StartCursor = &c.Edges[0].Cursor
		c.PageInfo.EndCursor = &c.Edges[len(c.Edges)-1].Cursor
	}
	return c
}

// filterRoles keeps the memberships of the given roles; all when none.
func filterRoles(ms []*entente.Membership, roles []entente.Role) []*entente.Membership {
	if len(roles) == 0 {
		return ms
	}
	out := []*entente.Membership{}
	for _, m := range ms {
		if slices.Contains(roles, m.Role) {
			out = append(out, m)
		}
	}
	return out
}

// ofSubject keeps the memberships of one entity.
func ofSubject(ms []*entente.Membership, e *entente.Entity) []*entente.Membership {
	out := []*entente.Membership{}
	for _, m := range ms {
		if m.Subject.Kind == e.Kind && strings.EqualFold(m.Subject.ID, e.ID) {
			out = append(out, m)
		}
	}
	return out
}

// officeHolders pairs each person with their offices of a country.
func officeHolders(persons []*entente.Entity, iso3 string) []*model.OfficeHolder {
	out := []*model.OfficeHolder{}
	for _, p := range persons {
		for i := range p.Offices {
			if strings.EqualFold(p.Offices[i].Country, iso3) {
				out = append(out, &model.OfficeHolder{Person: &model.Person{Entity: p}, Office: &p.Offices[i]})
			}
		}
	}
	return out
}

// matrix lays memberships out as rows of countries; the columns are the
// blocs asked for, or those with a membership.
func (r *Resolver) matrix(ctx context.Context, asOf entente.Date, blocs []string, ms []*entente.Membership) (*model.MembershipMatrix, error) {
	mm := &model.MembershipMatrix{AsOf: asOf, Blocs: []*model.Bloc{}, Rows: []*model.MembershipMatrixRow{}}
	rows := map[string]*model.MembershipMatrixRow{}
	var countries, cols []entityKey
	for _, m := range ms {
		cols = append(cols, entityKey{entente.KindBloc, strings.ToLower(m.Bloc.ID)})
		row := rows[m.Subject.ID]
		if row == nil {
			row = &model.MembershipMatrixRow{Country: &model.Country{Entity: &entente.Entity{Kind: entente.KindCountry, ID: m.Subject.ID, Name: m.Subject.Name}}}
			rows[m.Subject.ID] = row
			mm.Rows = append(mm.Rows, row)
			countries = append(countries, entityKey{entente.KindCountry, strings.ToLower(m.Subject.ID)})
		}
		row.Memberships = append(row.Memberships, m)
	}
	if len(blocs) > 0 {
		cols = cols[:0]
		for _, id := range blocs {
			cols = append(cols, entityKey{entente.KindBloc, strings.ToLower(id)})
		}
	}
	slices.SortFunc(cols, func(a, b entityKey) int { return strings.Compare(a.ID, b.ID) })
	cols = slices.Compact(cols)
	found, err := r.loadEntities(ctx, append(countries, cols...))
	if err != nil {
		return nil, err
	}
	for i, row := range mm.Rows {
		if e := found[i]; e != nil {
			row.Country.Entity = e
		}
	}
	for _, e := range found[len(countries):] {
		if e != nil {
			mm.Blocs = append(mm.Blocs, &model.Bloc{Entity: e})
		}
	}
	slices.SortFunc(mm.Rows, func(a, b *model.MembershipMatrixRow) int { return strings.Compare(a.Country.ID, b.Country.ID) })
	return mm, nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// eventCounts shapes counts for the API, with their blocs loaded in one
// batch when withBloc.
func (r *Resolver) eventCounts(ctx context.Context, counts []entente.EventCount, withBloc bool) ([]*model.EventCount, error) {
	out := make([]*model.EventCount, len(counts))
	ids := make([]string, len(counts))
	for i, c := range counts {
		out[i] = &model.EventCount{Type: c.Type, Count: c.Count}
		if c.Year != 0 {
			out[i].Year = &counts[i].Year
		}
		ids[i] = c.Bloc
	}
	if !withBloc {
		return out, nil
	}
	blocs, err := r.blocsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, b := range blocs {
		out[i].Bloc = b
	}
	return out, nil
}
