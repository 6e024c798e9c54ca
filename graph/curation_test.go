package graph_test

import (
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/entente/entente/graph"
	"github.com/entente/entente/internal/entente"
)

// curationPayload is what the tests select of a CurationPayload.
type curationPayload struct {
	Curation struct {
		ID, Kind, Reason, Actor, CreatedAt string
		Active                             bool
		RevokedBy, RevokeReason            *string
		Article                            *struct{ ID string }
		EventID, Quote, MergedID           *string
		Into                               *struct{ ID, Name string }
	}
	ArticlesRewritten, EventsAdded, EventsRemoved int
}

const curationFields = `curation { id kind reason actor createdAt active revokedBy revokeReason article { id } eventId quote mergedId into { id name } }
	articlesRewritten eventsAdded eventsRemoved`

func TestRetractClaim(t *testing.T) { eachStore(t, testRetractClaim) }

func testRetractClaim(t *testing.T, s entente.Store) {
	h := graph.NewHandler(&graph.Resolver{Store: s}, graph.Options{APIKeys: []string{"analyst:tok-1", "bare-token"}})
	c := client.New(h, client.Path("/graphql"))
	key := client.AddHeader("Authorization", "Bearer tok-1")

	joined := func() (id string, sources []string) {
		var resp struct {
			Bloc struct {
				Timeline []struct {
					ID      string
					Subject struct{ ID string }
					Sources []struct{ Article struct{ ID string } }
				}
			}
		}
		mustDo(t, c, `{ bloc(id: "BRICS") { timeline(filter: {types: [JOINED]}) { id subject { id } sources { article { id } } } } }`, &resp)
		for _, e := range resp.Bloc.Timeline {
			if e.Subject.ID == "EGY" {
				for _, s := range e.Sources {
					sources = append(sources, s.Article.ID)
				}
				return e.ID, sources
			}
		}
		return "", nil
	}
	ev, sources := joined()
	if len(sources) != 2 {
		t.Fatalf("Egypt's JOINED has sources %v, want a-join and a-egypt", sources)
	}
	retract := fmt.Sprintf(`mutation { retractClaim(input: {eventId: %q, articleId: "a-egypt", reason: "Not about membership."}) { %s } }`, ev, curationFields)

	mustFail(t, c, retract, "UNAUTHORIZED")
	var resp struct{ RetractClaim curationPayload }
	mustDo(t, c, retract, &resp, key)
	p := resp.RetractClaim
	if p.Curation.Kind != "RETRACTION" || p.Curation.Actor != "analyst" || !p.Curation.Active || p.Curation.Article == nil ||
		p.Curation.Article.ID != "a-egypt" || p.Curation.EventID == nil || *p.Curation.EventID != ev ||
		p.Curation.Quote == nil || *p.Curation.Quote != "Cairo celebrated as Egypt joined BRICS this year." ||
		p.Curation.MergedID != nil || p.Curation.Into != nil || p.Curation.RevokedBy != nil || p.ArticlesRewritten != 1 {
		t.Fatalf("retractClaim payload %+v", p)
	}
	if _, got := joined(); len(got) != 1 || got[0] != "a-join" {
		t.Fatalf("sources after the retraction %v, want a-join only", got)
	}

	// Bad input names what is wrong.
	for _, tt := range []struct{ name, input, code string }{
		{"unknown event", `{eventId: "ev_nope", articleId: "a-egypt", reason: "r"}`, "NOT_FOUND"},
		{"article not a source", fmt.Sprintf(`{eventId: %q, articleId: "a-kaz", reason: "r"}`, ev), "INVALID"},
		{"empty reason", fmt.Sprintf(`{eventId: %q, articleId: "a-join", reason: "  "}`, ev), "INVALID"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mustFail(t, c, `mutation { retractClaim(input: `+tt.input+`) { articlesRewritten } }`, tt.code, key)
		})
	}

	var log struct {
		Curations struct {
			TotalCount int
			Nodes      []struct{ ID, Actor string }
		}
	}
	mustDo(t, c, `{ curations(filter: {kinds: [RETRACTION], active: true}) { totalCount nodes { id actor } } }`, &log)
	if log.Curations.TotalCount != 1 || log.Curations.Nodes[0].ID != p.Curation.ID {
		t.Fatalf("curation log %+v, want the retraction", log)
	}

	var rev struct{ RevokeCuration curationPayload }
	mustDo(t, c, fmt.Sprintf(`mutation { revokeCuration(input: {id: %q, reason: "It is about membership."}) { %s } }`,
		p.Curation.ID, curationFields), &rev, client.AddHeader("Authorization", "Bearer bare-token"))
	r := rev.RevokeCuration
	if r.Curation.Active || r.Curation.RevokedBy == nil || *r.Curation.RevokedBy != graph.ParseAPIKey("bare-token").Name ||
		r.Curation.RevokeReason == nil || *r.Curation.RevokeReason != "It is about membership." || r.ArticlesRewritten != 1 {
		t.Fatalf("revokeCuration payload %+v", r)
	}
	if _, got := joined(); len(got) != 2 {
		t.Fatalf("sources after revoking %v, want both again", got)
	}
	mustFail(t, c, `mutation { revokeCuration(input: {id: "cur_nope", reason: "r"}) { articlesRewritten } }`, "NOT_FOUND", key)
	mustFail(t, c, `{ curations(first: 501) { totalCount } }`, "INVALID")
	mustFail(t, c, `{ curations(offset: -1) { totalCount } }`, "INVALID")
}

func TestMergePersons(t *testing.T) { eachStore(t, testMergePersons) }

func testMergePersons(t *testing.T, s entente.Store) {
	h := graph.NewHandler(&graph.Resolver{Store: s}, graph.Options{APIKeys: []string{"editor:k"}})
	c := client.New(h, client.Path("/graphql"))
	key := client.AddHeader("Authorization", "Bearer k")

	// Store a second spelling of Tokayev through the store, as an
	// extraction could.
	a := Fixtures()[5]
	a.ID, a.URL = "a-sco-2", "https://news.example/sco-2"
	for _, e := range a.Entities {
		if e.ID == "kassym-jomart-tokayev" {
			e.ID, e.Name, e.Aliases = "k-j-tokayev", "K.-J. Tokayev", nil
		}
	}
	a.Claims[0].Subject.ID, a.Claims[0].Subject.Name = "k-j-tokayev", "K.-J. Tokayev"
	MustUpsertArticles(t, s, a)

	var resp struct{ MergePersons curationPayload }
	mustDo(t, c, `mutation { mergePersons(input: {from: "K-J-Tokayev", into: "kassym-jomart-tokayev", reason: "One man."}) { `+curationFields+` } }`,
		&resp, key)
	p := resp.MergePersons
	if p.Curation.Kind != "MERGE" || p.Curation.MergedID == nil || *p.Curation.MergedID != "k-j-tokayev" || p.Curation.Into == nil ||
		p.Curation.Into.ID != "kassym-jomart-tokayev" || p.Curation.Article != nil || p.ArticlesRewritten != 1 ||
		p.EventsRemoved != 1 || p.EventsAdded != 0 {
		t.Fatalf("mergePersons payload %+v", p)
	}

	// The merged id answers as the person merged into, with one timeline.
	var person struct {
		Person struct {
			ID       string
			Aliases  []string
			Timeline []struct {
				Sources []struct{ Article struct{ ID string } }
			}
		}
	}
	mustDo(t, c, `{ person(id: "k-j-tokayev") { id aliases timeline(filter: {types: [ATTENDED]}) { sources { article { id } } } } }`, &person)
	if person.Person.ID != "kassym-jomart-tokayev" || len(person.Person.Timeline) != 1 || len(person.Person.Timeline[0].Sources) != 2 {
		t.Fatalf("person after the merge %+v, want Tokayev with one ATTENDED event of two sources", person)
	}

	mustFail(t, c, `mutation { mergePersons(input: {from: "k-j-tokayev", into: "nobody", reason: "r"}) { articlesRewritten } }`, "CONFLICT", key)
	mustFail(t, c, `mutation { mergePersons(input: {from: "nobody", into: "kassym-jomart-tokayev", reason: "r"}) { articlesRewritten } }`, "NOT_FOUND", key)
	mustFail(t, c, `mutation { mergePersons(input: {from: "kassym-jomart-tokayev", into: "KASSYM-jomart-tokayev", reason: "r"}) { articlesRewritten } }`, "INVALID", key)

	var log struct {
		Curations struct {
			TotalCount int
			Nodes      []struct {
				MergedID string
				Into     struct{ Name string }
			}
		}
	}
	mustDo(t, c, `{ curations(filter: {person: "kassym-jomart-tokayev"}) { totalCount nodes { mergedId into { name } } } }`, &log)
	if log.Curations.TotalCount != 1 || log.Curations.Nodes[0].MergedID != "k-j-tokayev" || log.Curations.Nodes[0].Into.Name != "Kassym-Jomart Tokayev" {
		t.Fatalf("curation log %+v", log)
	}
}
