package entente_test

import (
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/entente/entente/internal/entente"
	"github.com/google/go-cmp/cmp"
)

// claim builds a JOINED-style claim of subject (ISO3) in bloc for article.
func claim(typ entente.EventType, subject, bloc, date, article string) *entente.Claim {
	c := &entente.Claim{
		Type:       typ,
		Subject:    entente.Ref{Kind: entente.KindCountry, ID: subject, Name: subject},
		Date:       entente.MustParseDate(date),
		Status:     entente.Occurred,
		Confidence: 0.8,
		Evidence:   entente.Evidence{Sentence: subject + " " + string(typ) + " " + bloc, Start: 0, End: 10},
		ArticleID:  article,
		Published:  entente.MustParseDate("2025-01-01"),
	}
	if bloc != "" {
		c.Bloc = &entente.Ref{Kind: entente.KindBloc, ID: bloc, Name: bloc}
		c.Role = entente.Member
	}
	return c
}

// summary is what tests compare of an event: its description and how many
// sources it has.
type summary struct {
	Event   string
	Sources int
}

func summarize(events []*entente.Event) []summary {
	var out []summary
	for _, e := range events {
		out = append(out, summary{e.String(), len(e.Sources)})
	}
	return out
}

func TestGroupClaims(t *testing.T) {
	for _, tt := range []struct {
		name   string
		claims []*entente.Claim
		want   []summary
	}{
		{
			name: "same event, dates refine",
			claims: []*entente.Claim{
				claim(entente.Joined, "EGY", "BRICS", "2024", "a"),
				claim(entente.Joined, "EGY", "BRICS", "2024-01-01", "b"),
				claim(entente.Joined, "EGY", "BRICS", "2024-01", "c"),
			},
			want: []summary{{"JOINED country:EGY BRICS (member) 2024-01-01", 3}},
		},
		{
			name: "disagreeing dates stay apart",
			claims: []*entente.Claim{
				claim(entente.Joined, "ZAF", "BRICS", "2010-12", "a"),
				claim(entente.Joined, "ZAF", "BRICS", "2011", "b"),
			},
			want: []summary{
				{"JOINED country:ZAF BRICS (member) 2010-12", 1},
				{"JOINED country:ZAF BRICS (member) 2011", 1},
			},
		},
		{
			name: "undated joins the best-attested",
			claims: []*entente.Claim{
				claim(entente.Joined, "ZAF", "BRICS", "2010-12", "a"),
				claim(entente.Joined, "ZAF", "BRICS", "2010", "b"),
				claim(entente.Joined, "ZAF", "BRICS", "2011", "c"),
				claim(entente.Joined, "ZAF", "BRICS", "", "d"),
			},
			want: []summary{
				{"JOINED country:ZAF BRICS (member) 2010-12", 3},
				{"JOINED country:ZAF BRICS (member) 2011", 1},
			},
		},
		{
			name: "only undated",
			claims: []*entente.Claim{
				claim(entente.Declined, "KAZ", "BRICS", "", "a"),
				claim(entente.Declined, "KAZ", "BRICS", "", "b"),
			},
			want: []summary{{"DECLINED country:KAZ BRICS (member)", 2}},
		},
		{
			name: "different keys",
			claims: []*entente.Claim{
				claim(entente.Joined, "EGY", "BRICS", "2024", "a"),
				claim(entente.Invited, "EGY", "BRICS", "2023-08", "a"),
				claim(entente.Joined, "IRN", "BRICS", "2024", "a"),
			},
			// Same date: ordered by id, which is a hash but a stable one.
			want: []summary{
				{"INVITED country:EGY BRICS (member) 2023-08", 1},
				{"JOINED country:IRN BRICS (member) 2024", 1},
				{"JOINED country:EGY BRICS (member) 2024", 1},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(entente.GroupClaims(tt.claims))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("GroupClaims (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGroupClaimsOrderFree checks that the result does not depend on the
// order claims arrive in, so every store and every re-run agree.
func TestGroupClaimsOrderFree(t *testing.T) {
	claims := []*entente.Claim{
		claim(entente.Joined, "ZAF", "BRICS", "2010-12", "a"),
		claim(entente.Joined, "ZAF", "BRICS", "2010", "b"),
		claim(entente.Joined, "ZAF", "BRICS", "2011", "c"),
		claim(entente.Joined, "ZAF", "BRICS", "", "d"),
		claim(entente.Joined, "ZAF", "BRICS", "2010-12-24", "e"),
		claim(entente.Joined, "ZAF", "BRICS", "2010-12-23", "f"),
		claim(entente.Withdrew, "ZAF", "BRICS", "2030", "g"),
	}
	want := entente.GroupClaims(claims)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 50; i++ {
		shuffled := append([]*entente.Claim(nil), claims...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if diff := cmp.Diff(want, entente.GroupClaims(shuffled)); diff != "" {
			t.Fatalf("order changed the result (-want +got):\n%s", diff)
		}
	}
}

func TestGroupClaimsMerges(t *testing.T) {
	a := claim(entente.Joined, "EGY", "BRICS", "2024", "a")
	a.Status = entente.Planned
	a.Confidence = 0.5
	a.Published = entente.MustParseDate("2023-08-24")
	b := claim(entente.Joined, "EGY", "BRICS", "2024-01-01", "b")
	b.Confidence = 0.5
	b.Subject.Name = "Arab Republic of Egypt"
	events := entente.GroupClaims([]*entente.Claim{a, b})
	if got, want := len(events), 1; got != want {
		t.Fatalf("len=%d, want %d", got, want)
	}
	e := events[0]
	if got, want := e.Status, entente.Occurred; got != want {
		t.Errorf("Status=%v, want %v", got, want)
	}
	if got, want := e.Confidence, 0.75; got != want {
		t.Errorf("Confidence=%v, want %v", got, want)
	}
	if got, want := e.FirstReported.String(), "2023-08-24"; got != want {
		t.Errorf("FirstReported=%v, want %v", got, want)
	}
	if got, want := e.Subject.Name, "Arab Republic of Egypt"; got != want {
		t.Errorf("Subject.Name=%v, want %v", got, want)
	}
	if got, want := e.Sources[0].ArticleID, "a"; got != want {
		t.Errorf("first source=%v, want %v (publication order)", got, want)
	}
	if got, want := e.Sources[0].Date.String(), "2024"; got != want {
		t.Errorf("source date=%v, want %v (each source keeps its own date)", got, want)
	}
	if e.ID != entente.EventID(e.Key(), e.Date) {
		t.Errorf("ID=%v, want EventID of key and date", e.ID)
	}
}

func TestCursor(t *testing.T) {
	e := &entente.Event{ID: "ev_1", Date: entente.MustParseDate("2024-10")}
	key, id, err := entente.DecodeCursor(e.Cursor())
	if err != nil {
		t.Fatal(err)
	}
	if key != e.OrderKey() || id != e.ID {
		t.Fatalf("DecodeCursor=%q,%q, want %q,%q", key, id, e.OrderKey(), e.ID)
	}
	for _, bad := range []string{"", "!!!", "YWJj"} {
		if _, _, err := entente.DecodeCursor(bad); entente.ErrorCode(err) != entente.EINVALID {
			t.Errorf("DecodeCursor(%q) err=%v, want EINVALID", bad, err)
		}
	}
	undated := &entente.Event{ID: "ev_2"}
	if !(e.OrderKey() < undated.OrderKey()) {
		t.Errorf("undated events must sort last: %q vs %q", e.OrderKey(), undated.OrderKey())
	}
}

func TestClaimJSON(t *testing.T) {
	in := `{"type":"DECLINED","subject":{"kind":"country","id":"KAZ","name":"Kazakhstan"},"bloc":{"id":"BRICS","name":"BRICS"},"place":null,"role":"member","date":"2024-10-16","status":"occurred","confidence":0.9,"evidence":{"sentence":"Kazakhstan declined.","start":812,"end":832}}`
	var c entente.Claim
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	out, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Fatalf("round trip:\n got %s\nwant %s", out, in)
	}
	c.Role = ""
	c.Date = entente.Date{}
	out, _ = json.Marshal(&c)
	var m map[string]any
	json.Unmarshal(out, &m)
	if m["role"] != nil || m["date"] != nil {
		t.Fatalf("empty role and date must be null: %s", out)
	}
}

func TestClaimValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(c *entente.Claim)
	}{
		{"type", func(c *entente.Claim) { c.Type = "MERGED" }},
		{"subject", func(c *entente.Claim) { c.Subject.ID = "" }},
		{"role", func(c *entente.Claim) { c.Role = "king" }},
		{"status", func(c *entente.Claim) { c.Status = "" }},
		{"confidence", func(c *entente.Claim) { c.Confidence = 1.5 }},
		{"bloc", func(c *entente.Claim) { c.Bloc = nil }},
		{"visit place", func(c *entente.Claim) { c.Type = entente.Visited; c.Bloc = nil }},
		{"offsets", func(c *entente.Claim) { c.Evidence.Start, c.Evidence.End = 5, 2 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := claim(entente.Joined, "EGY", "BRICS", "2024", "a")
			tt.edit(c)
			if got := entente.ErrorCode(c.Validate()); got != entente.EINVALID {
				t.Fatalf("ErrorCode=%q, want %q", got, entente.EINVALID)
			}
		})
	}
}

func TestEntityJSON(t *testing.T) {
	in := `{"id":"person:kassym-jomart-tokayev","kind":"person","name":"Kassym-Jomart Tokayev","roles":[{"title":"President","of":"country:KAZ"}]}`
	var e entente.Entity
	if err := json.Unmarshal([]byte(in), &e); err != nil {
		t.Fatal(err)
	}
	want := entente.Entity{Kind: entente.KindPerson, ID: "kassym-jomart-tokayev", Name: "Kassym-Jomart Tokayev",
		Offices: []entente.Office{{Title: "President", Country: "KAZ"}}}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Fatalf("Unmarshal (-want +got):\n%s", diff)
	}
	out, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Fatalf("round trip:\n got %s\nwant %s", out, in)
	}
	for _, bad := range []string{`{"id":"KAZ","kind":"country","name":"K"}`, `{"id":"planet:MARS","name":"Mars"}`, `{"id":"country:KAZ","kind":"bloc","name":"K"}`} {
		if err := json.Unmarshal([]byte(bad), &e); err == nil {
			t.Errorf("Unmarshal(%s): no error", bad)
		}
	}
}
