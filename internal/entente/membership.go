package entente

import (
	"context"
	"sort"
)

// Membership is a subject's status in a bloc over a span of time, derived
// from its JOINED, WITHDREW and SUSPENDED events.
type Membership struct {
	Subject Ref // a country, or a bloc in a bloc (the AU in the G20)
	Bloc    Ref
	Role    Role
	Since   Date // date of the JOINED event that began it; zero when undated
	Until   Date // date of the WITHDREW or SUSPENDED event that ends it, if known
	Events  []*Event
}

// DeriveMemberships returns the memberships in force on asOf: for each
// subject, bloc and role, those whose latest membership event on or before
// asOf is JOINED. Until is the date of the next known WITHDREW or SUSPENDED
// event after asOf, if any. asOf must be known: pass today for "now".
//
// An event counts from the first day of its date; an undated event counts
// from the earliest publication of its sources, since it had happened by
// then. A planned event counts only when dated. A WITHDREW or SUSPENDED
// event without a role ends every role. The result is sorted by bloc,
// subject and role.
func DeriveMemberships(events []*Event, asOf Date) []*Membership {
	type group struct {
		subject, bloc Ref
		role          Role
		events        []*Event
	}
	// Struct keys: a request derives from thousands of events, and keys
	// built as strings were most of its allocations.
	type subjectBloc struct {
		kind          EntityKind
		subject, bloc string
	}
	type groupKey struct {
		subjectBloc
		role Role
	}
	asOfDay := asOf.Last()
	groups := map[groupKey]*group{}             // by subject, bloc and role
	bySubjectBloc := map[subjectBloc][]*group{} // the same groups by subject and bloc
	var ends []*Event
	for _, e := range events {
		if e.Bloc == nil {
			continue
		}
		switch e.Type {
		case Joined:
			sb := subjectBloc{e.Subject.Kind, e.Subject.ID, e.Bloc.ID}
			k := groupKey{sb, e.Role}
			g := groups[k]
			if g == nil {
				g = &group{subject: e.Subject, bloc: *e.Bloc, role: e.Role}
				groups[k] = g
				bySubjectBloc[sb] = append(bySubjectBloc[sb], g)
			}
			g.events = append(g.events, e)
		case Withdrew, Suspended:
			ends = append(ends, e)
		}
	}
	for _, end := range ends {
		for _, g := range bySubjectBloc[subjectBloc{end.Subject.Kind, end.Subject.ID, end.Bloc.ID}] {
			if end.Role == "" || end.Role == g.role {
				g.events = append(g.events, end)
			}
		}
	}
	var out []*Membership
	for _, g := range groups {
		sort.SliceStable(g.events, func(i, j int) bool {
			a, b := effective(g.events[i]), effective(g.events[j])
			if c := a.Compare(b); c != 0 {
				return c < 0
			}
			// On the same day a membership that ends is read as ending last.
			return g.events[i].Type == Joined && g.events[j].Type != Joined
		})
		var m *Membership
		for _, e := range g.events {
			d := effective(e)
			if d.IsZero() {
				continue
			}
			if d.First().Compare(asOfDay) > 0 {
				if m != nil && e.Type != Joined && m.Until.IsZero() {
					m.Until = e.Date
					m.Events = append(m.Events, e)
				}
				continue
			}
			if e.Type == Joined {
				if m == nil {
					m = &Membership{Subject: g.subject, Bloc: g.bloc, Role: g.role, Since: e.Date}
				}
				m.Events = append(m.Events, e)
			} else {
				m = nil
			}
		}
		if m != nil {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Bloc.ID != b.Bloc.ID {
			return a.Bloc.ID < b.Bloc.ID
		}
		// As by Subject.Key(), without building it: no kind is a prefix
		// of another.
		if a.Subject.Kind != b.Subject.Kind {
			return a.Subject.Kind < b.Subject.Kind
		}
		if a.Subject.ID != b.Subject.ID {
			return a.Subject.ID < b.Subject.ID
		}
		return a.Role < b.Role
	})
	return out
}

// effective returns the day from which an event counts, or the zero Date
// when it cannot count at all.
func effective(e *Event) Date {
	switch {
	case !e.Date.IsZero():
		return e.Date.First()
	case e.Status == Planned:
		return Date{}
	}
	return e.FirstReported.First()
}

// MembershipEventTypes are the event types memberships derive from.
var MembershipEventTypes = []EventType{Joined, Withdrew, Suspended}

// FindMemberships reads the membership events of countries matching f
// (its Types and SubjectKinds are replaced) and derives the memberships in
// force on the day asOf. It returns what s.FindEvents returns as errors.
func FindMemberships(ctx context.Context, s EventStore, f EventFilter, asOf Date) ([]*Membership, error) {
	f.Types = MembershipEventTypes
	f.SubjectKinds = []EntityKind{KindCountry}
	events, _, err := s.FindEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	return DeriveMemberships(events, asOf), nil
}
