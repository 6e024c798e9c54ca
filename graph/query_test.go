package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/entente/entente/graph"
	"github.com/entente/entente/internal/entente"
	"github.com/google/go-cmp/cmp"
)

type source struct {
	Quote   string
	Article struct {
		ID, URL, Title, Published *string
	}
}

type event struct {
	ID      string
	Type    string
	Date    *string
	Role    *string
	Status  string
	Subject struct {
		Typename string `json:"__typename"`
		ID       string
		Name     string
	}
	Bloc    *struct{ ID string }
	Place   *struct{ ISO3 string }
	City    *string
	Sources []source
}

const eventFields = `id type date role status
	subject { __typename id name }
	bloc { id } place { iso3 } city
	sources { quote article { id url title published } }`

// The seed question: which countries joined BRICS, and when; who declined.
func TestSeedQuestion(t *testing.T) {
	eachStore(t, func(t *testing.T, s entente.Store) {
		c, _ := MustNewClient(t, s, graph.Options{})
		var resp struct {
			Bloc struct {
				ID       string
				Timeline []event
			}
		}
		mustDo(t, c, `{ bloc(id: "brics") { id timeline(filter: {types: [JOINED, DECLINED]}) { `+eventFields+` } } }`, &resp)
		if got, want := resp.Bloc.ID, "BRICS"; got != want {
			t.Fatalf("bloc id=%q, want %q", got, want)
		}
		var got []string
		for _, e := range resp.Bloc.Timeline {
			got = append(got, fmt.Sprintf("%s %s %s %d", e.Type, e.Subject.ID, deref(e.Date), len(e.Sources)))
			if e.Subject.Typename != "Country" {
				t.Errorf("subject %s is a %s, want Country", e.Subject.ID, e.Subject.Typename)
			}
			for _, s := range e.Sources {
				if s.Quote == "" || s.Article.ID == nil || s.Article.Published == nil {
					t.Errorf("%s %s: source without quote, article or date: %+v", e.Type, e.Subject.ID, s)
				}
			}
		}
		want := []string{
			"JOINED ZAF 2010-12 1",
			"JOINED ARE 2024-01-01 1",
			"JOINED EGY 2024-01-01 2", // two articles, one event, the most precise date
			"JOINED ETH 2024-01-01 1",
			"JOINED IRN 2024-01-01 1",
			"DECLINED KAZ 2024-10-16 1",
		}
		if diff := cmp.Diff(want, sortedWithin(got)); diff != "" {
			t.Fatalf("timeline (-want +got):\n%s", diff)
		}
		kaz := resp.Bloc.Timeline[len(resp.Bloc.Timeline)-1]
		if got, want := kaz.Sources[0].Quote, "Kazakhstan will not seek to join BRICS in the foreseeable future, a spokesman said on 16 October 2024."; got != want {
			t.Errorf("KAZ quote=%q, want %q", got, want)
		}
		if got, want := deref(kaz.Sources[0].Article.URL), "https://news.example/kazakhstan"; got != want {
			t.Errorf("KAZ source url=%q, want %q", got, want)
		}
		zaf := resp.Bloc.Timeline[0]
		if zaf.Sources[0].Article.URL != nil || zaf.Sources[0].Article.Title != nil {
			t.Errorf("article without url or title: got url %v title %v, want null", zaf.Sources[0].Article.URL, zaf.Sources[0].Article.Title)
		}
	})
}

// sortedWithin keeps date order but sorts events of the same date, whose
// order is by id.
func sortedWithin(lines []string) []string {
	out := append([]string(nil), lines...)
	date := func(s string) string { return strings.Fields(s)[2] }
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && date(out[j]) == date(out[j-1]) && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestMembersAsOf(t *testing.T) {
	eachStore(t, func(t *testing.T, s entente.Store) {
		c, _ := MustNewClient(t, s, graph.Options{})
		for _, tt := range []struct {
			name, query string
			want        []string
		}{
			{"today by default", `bloc(id: "BRICS") { members { country { iso3 } role since until } }`,
				[]string{"ARE member 2024-01-01 <nil>", "EGY member 2024-01-01 <nil>", "ETH member 2024-01-01 <nil>", "IRN member 2024-01-01 <nil>", "ZAF member 2010-12 <nil>"}},
			{"before the expansion", `bloc(id: "BRICS") { members(asOf: "2023") { country { iso3 } role since until } }`,
				[]string{"ZAF member 2010-12 <nil>"}},
			{"a partial date means its first day", `bloc(id: "BRICS") { members(asOf: "2010-12") { country { iso3 } role since until } }`,
				[]string{"ZAF member 2010-12 <nil>"}},
			{"before any member", `bloc(id: "BRICS") { members(asOf: "2010-11-30") { country { iso3 } role since until } }`,
				nil},
			{"a membership that ends later shows until", `bloc(id: "ECOWAS") { members(asOf: "2024-06") { country { iso3 } role since until } }`,
				[]string{"BFA member 1975 2025-01-29"}},
			{"after withdrawal", `bloc(id: "ecowas") { members(asOf: "2025-02") { country { iso3 } role since until } }`,
				nil},
			{"roles narrow", `bloc(id: "BRICS") { members(roles: [PARTNER]) { country { iso3 } role since until } }`,
				nil},
		} {
			t.Run(tt.name, func(t *testing.T) {
				var resp struct {
					Bloc struct {
						Members []struct {
							Country      struct{ ISO3 string }
							Role         string
							Since, Until *string
						}
					}
				}
				mustDo(t, c, "{ "+tt.query+" }", &resp)
				var got []string
				for _, m := range resp.Bloc.Members {
					got = append(got, fmt.Sprintf("%s %s %s %s", m.Country.ISO3, strings.ToLower(m.Role), deref(m.Since), deref(m.Until)))
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Fatalf("members (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestLookups(t *testing.T) {
	eachStore(t, func(t *testing.T, s entente.Store) {
		c, _ := MustNewClient(t, s, graph.Options{})
		for _, tt := range []struct {
			name, query, want string
		}{
			{"bloc case-insensitive", `{ bloc(id: "brics") { id name } }`, `{"bloc":{"id":"BRICS","name":"BRICS"}}`},
			{"unknown bloc is null", `{ bloc(id: "NOPE") { id } }`, `{"bloc":null}`},
			{"country case-insensitive", `{ country(iso3: "kaz") { id iso3 name } }`, `{"country":{"id":"KAZ","iso3":"KAZ","name":"Kazakhstan"}}`},
			{"unknown country is null", `{ country(iso3: "XXX") { id } }`, `{"country":null}`},
			{"unknown person is null", `{ person(id: "nobody") { id } }`, `{"person":null}`},
			{"unknown event is null", `{ event(id: "ev_0") { id } }`, `{"event":null}`},
			{"unknown article is null", `{ article(id: "nope") { id } }`, `{"article":null}`},
			{"article", `{ article(id: "a-kaz") { id url title publisher published } }`,
				`{"article":{"id":"a-kaz","url":"https://news.example/kazakhstan","title":"Kazakhstan won't seek BRICS membership","publisher":"Test Wire","published":"2024-10-16"}}`},
			{"blocs", `{ blocs { id } }`, `{"blocs":[{"id":"BRICS"},{"id":"ECOWAS"},{"id":"SCO"}]}`},
			{"countries", `{ countries { iso3 } }`,
				`{"countries":[{"iso3":"ARE"},{"iso3":"BFA"},{"iso3":"EGY"},{"iso3":"ETH"},{"iso3":"IRN"},{"iso3":"KAZ"},{"iso3":"ZAF"}]}`},
			{"search by alias", `{ search(text: "uae") { __typename id name } }`,
				`{"search":[{"__typename":"Country","id":"ARE","name":"United Arab Emirates"}]}`},
			{"search by part of a name, one kind", `{ search(text: "tokayev", kind: PERSON) { __typename id } }`,
				`{"search":[{"__typename":"Person","id":"kassym-jomart-tokayev"}]}`},
			{"person offices and timeline", `{ person(id: "Kassym-Jomart-Tokayev") { name aliases offices { title country { iso3 } bloc { id } } timeline { type bloc { id } place { iso3 } city date } } }`,
				`{"person":{"name":"Kassym-Jomart Tokayev","aliases":["Tokayev"],"offices":[{"title":"President","country":{"iso3":"KAZ"},"bloc":null}],"timeline":[{"type":"ATTENDED","bloc":{"id":"SCO"},"place":{"iso3":"KAZ"},"city":"Astana","date":"2024-07-04"}]}}`},
			{"office holders of a country", `{ country(iso3: "KAZ") { officeHolders { person { id } office { title } } } }`,
				`{"country":{"officeHolders":[{"person":{"id":"kassym-jomart-tokayev"},"office":{"title":"President"}}]}}`},
			{"country timeline: subject or place", `{ country(iso3: "KAZ") { timeline { type subject { id } } } }`,
				`{"country":{"timeline":[{"type":"ATTENDED","subject":{"id":"kassym-jomart-tokayev"}},{"type":"DECLINED","subject":{"id":"KAZ"}}]}}`},
			{"country timeline narrowed by date", `{ country(iso3: "KAZ") { timeline(filter: {from: "2024-10"}) { type } } }`,
				`{"country":{"timeline":[{"type":"DECLINED"}]}}`},
			{"bloc timeline with another bloc is empty", `{ bloc(id: "BRICS") { timeline(filter: {blocs: ["SCO"]}) { type } } }`,
				`{"bloc":{"timeline":[]}}`},
			{"country memberships", `{ country(iso3: "BFA") { memberships(asOf: "2000") { bloc { id } since until } } }`,
				`{"country":{"memberships":[{"bloc":{"id":"ECOWAS"},"since":"1975","until":"2025-01-29"}]}}`},
			{"event role null for non-membership events", `{ events(filter: {types: [ATTENDED]}) { edges { node { role status } } } }`,
				`{"events":{"edges":[{"node":{"role":null,"status":"OCCURRED"}}]}}`},
			{"membership matrix", `{ membershipMatrix(asOf: "2024-06") { asOf blocs { id } rows { country { iso3 } memberships { bloc { id } role } } } }`,
				`{"membershipMatrix":{"asOf":"2024-06","blocs":[{"id":"BRICS"},{"id":"ECOWAS"}],"rows":[` +
					`{"country":{"iso3":"ARE"},"memberships":[{"bloc":{"id":"BRICS"},"role":"MEMBER"}]},` +
					`{"country":{"iso3":"BFA"},"memberships":[{"bloc":{"id":"ECOWAS"},"role":"MEMBER"}]},` +
					`{"country":{"iso3":"EGY"},"memberships":[{"bloc":{"id":"BRICS"},"role":"MEMBER"}]},` +
					`{"country":{"iso3":"ETH"},"memberships":[{"bloc":{"id":"BRICS"},"role":"MEMBER"}]},` +
					`{"country":{"iso3":"IRN"},"memberships":[{"bloc":{"id":"BRICS"},"role":"MEMBER"}]},` +
					`{"country":{"iso3":"ZAF"},"memberships":[{"bloc":{"id":"BRICS"},"role":"MEMBER"}]}]}}`},
			{"membership matrix of chosen blocs", `{ membershipMatrix(asOf: "2025-06", blocs: ["ecowas", "SCO"]) { blocs { id } rows { country { iso3 } } } }`,
				`{"membershipMatrix":{"blocs":[{"id":"ECOWAS"},{"id":"SCO"}],"rows":[]}}`},
			{"event counts", `{ eventCounts(filter: {blocs: ["BRICS"]}) { bloc { id } type year count } }`,
				`{"eventCounts":[{"bloc":{"id":"BRICS"},"type":"DECLINED","year":2024,"count":1},{"bloc":{"id":"BRICS"},"type":"JOINED","year":2010,"count":1},{"bloc":{"id":"BRICS"},"type":"JOINED","year":2024,"count":4}]}`},
		} {
			t.Run(tt.name, func(t *testing.T) {
				var got map[string]any
				mustDo(t, c, tt.query, &got)
				var want map[string]any
				if err := jsonUnmarshal(tt.want, &want); err != nil {
					t.Fatalf("bad want: %v", err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("%s (-want +got):\n%s", tt.query, diff)
				}
			})
		}
	})
}

func TestEventByIDAndMembershipSources(t *testing.T) {
	eachStore(t, func(t *testing.T, s entente.Store) {
		c, _ := MustNewClient(t, s, graph.Options{})
		var page struct {
			Events struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		mustDo(t, c, `{ events(filter: {types: [JOINED], countries: ["EGY"]}) { edges { node { id } } } }`, &page)
		if len(page.Events.Edges) != 1 {
			t.Fatalf("%d EGY JOINED events, want 1", len(page.Events.Edges))
		}
		id := page.Events.Edges[0].Node.ID
		var resp struct {
			Event *event
		}
		mustDo(t, c, fmt.Sprintf(`{ event(id: %q) { %s } }`, id, eventFields), &resp)
		if resp.Event == nil || resp.Event.ID != id || len(resp.Event.Sources) != 2 {
			t.Fatalf("event(%q)=%+v, want it with 2 sources", id, resp.Event)
		}
		var m struct {
			Country struct {
				Memberships []struct {
					Sources []source
				}
			}
		}
		mustDo(t, c, `{ country(iso3: "EGY") { memberships { sources { quote article { id } } } } }`, &m)
		if len(m.Country.Memberships) != 1 || len(m.Country.Memberships[0].Sources) != 2 {
			t.Fatalf("EGY memberships=%+v, want one with 2 sources", m.Country.Memberships)
		}
	})
}

func TestEventsPagination(t *testing.T) {
	eachStore(t, func(t *testing.T, s entente.Store) {
		c, _ := MustNewClient(t, s, graph.Options{})
		type page struct {
			Events struct {
				TotalCount int
				Edges      []struct {
					Cursor string
					Node   struct{ ID string }
				}
				PageInfo struct {
					HasNextPage, HasPreviousPage bool
					StartCursor, EndCursor       *string
				}
			}
		}
		const q = `query($after: String, $first: Int) { events(first: $first, after: $after) {
			totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
		var all page
		mustDo(t, c, q, &all, client.Var("first", 500))
		if all.Events.TotalCount != len(all.Events.Edges) || all.Events.PageInfo.HasNextPage {
			t.Fatalf("one big page: total %d, %d edges, hasNextPage %v", all.Events.TotalCount, len(all.Events.Edges), all.Events.PageInfo.HasNextPage)
		}
		var want, got []string
		for _, e := range all.Events.Edges {
			want = append(want, e.Node.ID)
		}
		var after *string
		for pages := 0; ; pages++ {
			if pages > len(want) {
				t.Fatal("pagination does not end")
			}
			var p page
			mustDo(t, c, q, &p, client.Var("first", 2), client.Var("after", after))
			if p.Events.TotalCount != len(want) {
				t.Fatalf("totalCount=%d on page %d, want %d", p.Events.TotalCount, pages, len(want))
			}
			if got, want := p.Events.PageInfo.HasPreviousPage, after != nil; got != want {
				t.Fatalf("hasPreviousPage=%v on page %d, want %v", got, pages, want)
			}
			for _, e := range p.Events.Edges {
				got = append(got, e.Node.ID)
			}
			if !p.Events.PageInfo.HasNextPage {
				break
			}
			after = p.Events.PageInfo.EndCursor
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("paged ids (-want +got):\n%s", diff)
		}

		var empty page
		mustDo(t, c, q, &empty, client.Var("first", 0))
		if len(empty.Events.Edges) != 0 || empty.Events.TotalCount != len(want) || !empty.Events.PageInfo.HasNextPage || empty.Events.PageInfo.EndCursor != nil {
			t.Fatalf("first: 0 gave %+v, want no edges, the total and hasNextPage", empty.Events)
		}
		mustFail(t, c, `{ events(after: "not a cursor") { totalCount } }`, "INVALID")
	})
}

func TestArgumentErrors(t *testing.T) {
	eachStore(t, func(t *testing.T, s entente.Store) {
		c, _ := MustNewClient(t, s, graph.Options{})
		for _, tt := range []struct {
			name, query, code, mention string
			opts                       []client.Option
		}{
			{"malformed asOf", `{ bloc(id: "BRICS") { members(asOf: "2024-13") { role } } }`, "INVALID", "asOf", nil},
			{"malformed filter.from", `{ events(filter: {from: "yesterday"}) { totalCount } }`, "INVALID", "filter.from", nil},
			{"malformed date in a variable", `query($d: Date) { membershipMatrix(asOf: $d) { asOf } }`, "INVALID", "asOf",
				[]client.Option{client.Var("d", "2024-02-30")}},
			{"date of the wrong type", `{ bloc(id: "BRICS") { members(asOf: 2024) { role } } }`, "INVALID", "asOf", nil},
			{"first over the cap", `{ events(first: 501) { totalCount } }`, "INVALID", "first", nil},
			{"negative first", `{ search(text: "a", first: -1) { id } }`, "INVALID", "first", nil},
			{"empty search", `{ search(text: "  ") { id } }`, "INVALID", "text", nil},
			{"unknown enum", `{ events(filter: {types: [JOINDE]}) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED", "JOINDE", nil},
		} {
			t.Run(tt.name, func(t *testing.T) {
				e := mustFail(t, c, tt.query, tt.code, tt.opts...)
				if !strings.Contains(e.Message, tt.mention) {
					t.Fatalf("message %q does not mention %q", e.Message, tt.mention)
				}
			})
		}
	})
}
