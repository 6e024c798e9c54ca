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
	return NewMembershipHistory(events).At(asOf)
}

// MembershipHistory holds membership events grouped by subject, bloc and
// role and put in order once, so that the memberships in force on any day
// are read off it (At) without grouping and sorting again. A history does
// not change after NewMembershipHistory: many may read it at once.
type MembershipHistory struct {
	groups []*historyGroup // by bloc, subject and role
	events int
}

type historyGroup struct {
	subject, bloc Ref
	role          Role
	items         []historyItem // by effective day; events that cannot count are left out
}

type historyItem struct {
	event *Event
	day   Date // effective(event)
}

// NewMembershipHistory groups and orders events (see DeriveMemberships).
func NewMembershipHistory(events []*Event) *MembershipHistory {
	// Struct keys: a history is built from thousands of events, and keys
	// built as strings were most of its allocations.
	type subjectBloc struct {
		kind          EntityKind
		subject, bloc string
	}
	type groupKey struct {
		subjectBloc
		role Role
	}
	groups := map[groupKey]*historyGroup{}             // by subject, bloc and role
	bySubjectBloc := map[subjectBloc][]*historyGroup{} // the same groups by subject and bloc
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
				g = &historyGroup{subject: e.Subject, bloc: *e.Bloc, role: e.Role}
				groups[k] = g
				bySubjectBloc[sb] = append(bySubjectBloc[sb], g)
			}
			g.items = append(g.items, historyItem{e, effective(e)})
		case Withdrew, Suspended:
			ends = append(ends, e)
		}
	}
	for _, end := range ends {
		for _, g := range bySubjectBloc[subjectBloc{end.Subject.Kind, end.Subject.ID, end.Bloc.ID}] {
			if end.Role == "" || end.Role == g.role {
				g.items = append(g.items, historyItem{end, effective(end)})
			}
		}
	}
	h := &MembershipHistory{groups: make([]*historyGroup, 0, len(groups))}
	for _, g := range groups {
		sort.SliceStable(g.items, func(i, j int) bool {
			a, b := g.items[i], g.items[j]
			if c := a.day.Compare(b.day); c != 0 {
				return c < 0
			}
			// On the same day a membership that ends is read as ending last.
			return a.event.Type == Joined && b.event.Type != Joined
		})
		kept := g.items[:0]
		for _, it := range g.items {
			if !it.day.IsZero() {
				kept = append(kept, it)
			}
		}
		g.items = kept
		h.groups = append(h.groups, g)
		h.events += len(kept)
	}
	sort.Slice(h.groups, func(i, j int) bool {
		a, b := h.groups[i], h.groups[j]
		if a.bloc.ID != b.bloc.ID {
			return a.bloc.ID < b.bloc.ID
		}
		// As by Subject.Key(), without building it: no kind is a prefix
		// of another.
		if a.subject.Kind != b.subject.Kind {
			return a.subject.Kind < b.subject.Kind
		}
		if a.subject.ID != b.subject.ID {
			return a.subject.ID < b.subject.ID
		}
		return a.role < b.role
	})
	return h
}

// MergeMembershipHistories returns one history of the events of hs, which
// must be of different blocs (no subject, bloc and role in two of them).
func MergeMembershipHistories(hs ...*MembershipHistory) *MembershipHistory {
	out := &MembershipHistory{}
	for _, h := range hs {
		out.groups = append(out.groups, h.groups...)
		out.events += h.events
	}
	// Each is in order already, and blocs do not interleave.
	sort.SliceStable(out.groups, func(i, j int) bool { return out.groups[i].bloc.ID < out.groups[j].bloc.ID })
	return out
}

// Events returns how many events the history holds.
func (h *MembershipHistory) Events() int { return h.events }

// At returns the memberships in force on asOf (see DeriveMemberships),
// sorted by bloc, subject and role. Their events are copies: changing them
// does not change the history.
func (h *MembershipHistory) At(asOf Date) []*Membership {
	asOfDay := asOf.Last()
	var out []*Membership
	n := 0
	for _, g := range h.groups {
		var m *Membership
		for _, it := range g.items {
			e := it.event
			if it.day.Compare(asOfDay) > 0 {
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
			n += len(m.Events)
		}
	}
	// The events a caller gets are copies, made in one block.
	copies := make([]Event, 0, n)
	for _, m := range out {
		for i, e := range m.Events {
			copies = append(copies, *e)
			m.Events[i] = &copies[len(copies)-1]
		}
	}
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
	h, err := FindMembershipHistory(ctx, s, f)
	if err != nil {
		return nil, err
	}
	return h.At(asOf), nil
}

// MembershipHistoryFinder is a store that keeps membership histories, as
// the read cache does (internal/readcache): FindMembershipHistory then asks
// it rather than deriving the history again.
type MembershipHistoryFinder interface {
	FindMembershipHistory(ctx context.Context, f EventFilter) (*MembershipHistory, error)
}

// FindMembershipHistory returns the history of the membership events of
// countries matching f (its Types and SubjectKinds are replaced).
func FindMembershipHistory(ctx context.Context, s EventStore, f EventFilter) (*MembershipHistory, error) {
	f.Types = MembershipEventTypes
	f.SubjectKinds = []EntityKind{KindCountry}
	if hf, ok := s.(MembershipHistoryFinder); ok {
		return hf.FindMembershipHistory(ctx, f)
	}
	events, _, err := s.FindEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	return NewMembershipHistory(events), nil
}
