package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/internal/entente"
)

// The read paths the API leans on use the indexes meant for them.
func TestEventPlans(t *testing.T) {
	ctx := context.Background()
	s := NewStore(filepath.Join(t.TempDir(), "entente.db"))
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	membership := []entente.EventType{entente.Suspended, entente.Joined, entente.Withdrew}
	for _, tt := range []struct {
		name  string
		f     entente.EventFilter
		index string
	}{
		{"members of a bloc", entente.EventFilter{Blocs: []string{"BRICS"}, Types: membership, SubjectKinds: []entente.EntityKind{entente.KindCountry}}, "COVERING INDEX events_membership"},
		{"members of blocs", entente.EventFilter{Blocs: []string{"BRICS", "EU", "NATO", "SCO", "ECOWAS"}, Types: membership, SubjectKinds: []entente.EntityKind{entente.KindCountry}}, "COVERING INDEX events_membership"},
		{"bloc timeline", entente.EventFilter{Blocs: []string{"BRICS"}, Types: []entente.EventType{entente.Joined}}, "events_bloc"},
		{"bloc timeline of a year", entente.EventFilter{Blocs: []string{"BRICS"}, Types: []entente.EventType{entente.Joined}, From: entente.MustParseDate("2024"), To: entente.MustParseDate("2024")}, "events_bloc (bloc_id=? AND order_key>? AND order_key<?)"},
		{"country timeline of a year", entente.EventFilter{Countries: []string{"EGY"}, From: entente.MustParseDate("2024"), To: entente.MustParseDate("2024")}, "events_subject (subject_kind=? AND subject_id=? AND order_key>? AND order_key<?)"},
		{"country events from a year", entente.EventFilter{Countries: []string{"EGY"}, From: entente.MustParseDate("2024")}, "events_place (place_country=? AND order_key>?)"},
		{"country events of two types", entente.EventFilter{Countries: []string{"EGY"}, Types: []entente.EventType{entente.Visited, entente.Applied}, From: entente.MustParseDate("2024")}, "COVERING INDEX events_subject (subject_kind=? AND subject_id=? AND order_key>?)"},
		{"country events of two types by place", entente.EventFilter{Countries: []string{"EGY"}, Types: []entente.EventType{entente.Visited, entente.Applied}, From: entente.MustParseDate("2024")}, "COVERING INDEX events_place (place_country=? AND order_key>?)"},
		{"country memberships", entente.EventFilter{Countries: []string{"EGY"}, Types: membership, SubjectKinds: []entente.EntityKind{entente.KindCountry}}, "COVERING INDEX events_subject_membership"},
		{"country memberships by place", entente.EventFilter{Countries: []string{"EGY"}, Types: membership, SubjectKinds: []entente.EntityKind{entente.KindCountry}}, "COVERING INDEX events_place"}, // _membership, or the full one, which carries the type too
	} {
		t.Run(tt.name, func(t *testing.T) {
			cond, args := eventWhere(tt.f)
			from := eventsFrom(tt.f)
			for _, q := range []string{`SELECT ` + eventColumns + ` FROM ` + from + ` WHERE ` + cond + ` ORDER BY order_key, id`, `SELECT count(*) FROM ` + from + ` WHERE ` + cond} {
				rows, err := s.rdb.QueryContext(ctx, `EXPLAIN QUERY PLAN `+q, args...)
				if err != nil {
					t.Fatal(err)
				}
				var plan []string
				for rows.Next() {
					var id, parent, unused int
					var detail string
					if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
						t.Fatal(err)
					}
					plan = append(plan, detail)
				}
				rows.Close()
				if got := strings.Join(plan, "; "); !strings.Contains(got, tt.index) {
					t.Errorf("plan of %q is %q: want %s", q, got, tt.index)
				}
			}
		})
	}
}

// Counting every event walks events_counts in group order.
func TestCountPlan(t *testing.T) {
	ctx := context.Background()
	s := NewStore(filepath.Join(t.TempDir(), "entente.db"))
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CountEvents(ctx, entente.EventFilter{}); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := s.rdb.QueryRowContext(ctx, `EXPLAIN QUERY PLAN SELECT bloc_id, type, year, count(*) FROM events GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`).Scan(new(int), new(int), new(int), &got); err != nil {
		t.Fatal(err)
	}
	if want := "SCAN events USING COVERING INDEX events_counts"; got != want {
		t.Errorf("plan is %q, want %q", got, want)
	}
}

// Search reads index ranges, not every name.
func TestSearchPlan(t *testing.T) {
	ctx := context.Background()
	s := NewStore(filepath.Join(t.TempDir(), "entente.db"))
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.rdb.QueryContext(ctx, `EXPLAIN QUERY PLAN `+searchRanks, "jomart")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	got := strings.Join(plan, "; ")
	for _, want := range []string{"SEARCH entity_names USING COVERING INDEX entity_names_search (norm>? AND norm<?)", "SEARCH entity_words USING PRIMARY KEY (rest>? AND rest<?)"} {
		if !strings.Contains(got, want) {
			t.Errorf("plan is %q: want %s", got, want)
		}
	}
}

func TestIsMembershipTypes(t *testing.T) {
	for _, tt := range []struct {
		types []entente.EventType
		want  bool
	}{
		{[]entente.EventType{entente.Joined, entente.Withdrew, entente.Suspended}, true},
		{[]entente.EventType{entente.Suspended, entente.Joined, entente.Withdrew, entente.Joined}, true},
		{[]entente.EventType{entente.Joined, entente.Withdrew}, false},
		{[]entente.EventType{entente.Joined, entente.Withdrew, entente.Suspended, entente.Applied}, false},
		{nil, false},
	} {
		t.Run(fmt.Sprint(tt.types), func(t *testing.T) {
			if got := isMembershipTypes(tt.types); got != tt.want {
				t.Errorf("isMembershipTypes(%v) = %v, want %v", tt.types, got, tt.want)
			}
		})
	}
}
