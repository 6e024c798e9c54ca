package entente_test

import (
	"testing"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/storetest"
	"github.com/google/go-cmp/cmp"
)

func TestDeriveMemberships(t *testing.T) {
	ev := func(typ entente.EventType, subject, date string, status entente.Status) *entente.Event {
		c := claim(typ, subject, "ECOWAS", date, "a")
		c.Status = status
		c.Published = entente.MustParseDate("2024-02-01")
		return entente.GroupClaims([]*entente.Claim{c})[0]
	}
	events := []*entente.Event{
		ev(entente.Joined, "NER", "1975-05", entente.Occurred),
		ev(entente.Suspended, "NER", "2023-07-30", entente.Occurred),
		ev(entente.Withdrew, "NER", "2025-01-29", entente.Planned),
		ev(entente.Joined, "GHA", "1975", entente.Occurred),
		ev(entente.Joined, "SEN", "", entente.Occurred),        // counts from its first report, 2024-02-01
		ev(entente.Joined, "MRT", "", entente.Planned),         // undated plan: never counts
		ev(entente.Joined, "MAR", "2026-06", entente.Planned),  // dated plan: counts once its date comes
		ev(entente.Withdrew, "GHA", "2000", entente.Occurred),  // left …
		ev(entente.Joined, "GHA", "2001-03", entente.Occurred), // … and came back
	}
	type row struct {
		Subject, Since, Until string
	}
	rows := func(ms []*entente.Membership) []row {
		var out []row
		for _, m := range ms {
			out = append(out, row{m.Subject.ID, m.Since.String(), m.Until.String()})
		}
		return out
	}
	for _, tt := range []struct {
		asOf string
		want []row
	}{
		{"1970", nil},
		{"1975-06", []row{{"GHA", "1975", "2000"}, {"NER", "1975-05", "2023-07-30"}}},
		{"2000-06", []row{{"NER", "1975-05", "2023-07-30"}}},
		{"2023-07-29", []row{{"GHA", "2001-03", ""}, {"NER", "1975-05", "2023-07-30"}}},
		{"2023-07-30", []row{{"GHA", "2001-03", ""}}},
		{"2024-02", []row{{"GHA", "2001-03", ""}, {"SEN", "", ""}}},
		{"2026-06-15", []row{{"GHA", "2001-03", ""}, {"MAR", "2026-06", ""}, {"SEN", "", ""}}},
	} {
		t.Run(tt.asOf, func(t *testing.T) {
			got := rows(entente.DeriveMemberships(events, entente.MustParseDate(tt.asOf)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("DeriveMemberships(asOf %s) (-want +got):\n%s", tt.asOf, diff)
			}
		})
	}
}

// BenchmarkMembershipHistoryAt reads the members of the bloc of
// BenchmarkDeriveMemberships off a history built once, as a read cache
// does.
func BenchmarkMembershipHistoryAt(b *testing.B) {
	h := entente.NewMembershipHistory(largeBlocEvents())
	asOf := entente.MustParseDate("2000")
	b.ReportAllocs()
	for b.Loop() {
		h.At(asOf)
	}
}

// BenchmarkDeriveMemberships derives the members of one bloc of the large
// generated graph (as Bloc.members does) from its membership events.
func BenchmarkDeriveMemberships(b *testing.B) {
	events := largeBlocEvents()
	asOf := entente.MustParseDate("2000")
	b.ReportAllocs()
	for b.Loop() {
		entente.DeriveMemberships(events, asOf)
	}
	b.ReportMetric(float64(len(events)), "events")
}

// largeBlocEvents returns the membership events of one bloc of 20,000
// articles of the large generated graph.
func largeBlocEvents() []*entente.Event {
	var claims []*entente.Claim
	for a := range storetest.Generate(20000, 1, storetest.LargeGraph) {
		for _, c := range a.Claims {
			if c.Bloc != nil && c.Bloc.ID == storetest.BlocID(7) && c.Subject.Kind == entente.KindCountry {
				claims = append(claims, c)
			}
		}
	}
	var events []*entente.Event
	for _, e := range entente.GroupClaims(claims) {
		if e.Type == entente.Joined || e.Type == entente.Withdrew || e.Type == entente.Suspended {
			events = append(events, e)
		}
	}
	return events
}
