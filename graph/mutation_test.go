package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/entente/entente/graph"
	"github.com/entente/entente/graph/model"
	"github.com/entente/entente/internal/entente"
)

// fakeIngester stores a fixed extraction of whatever it is given.
type fakeIngester struct {
	store entente.Store
	got   []model.IngestArticleInput
}

func (f *fakeIngester) IngestArticle(ctx context.Context, in model.IngestArticleInput) (*model.IngestArticlePayload, error) {
	f.got = append(f.got, in)
	a := Fixtures()[3] // Kazakhstan declines
	rs, err := f.store.UpsertArticles(ctx, []*entente.Article{a})
	if err != nil {
		return nil, err
	}
	return &model.IngestArticlePayload{Outcome: model.IngestOutcome(strings.ToUpper(string(rs[0].Outcome))),
		Article: a, Claims: a.Claims, EventsAdded: rs[0].EventsAdded}, nil
}

func (f *fakeIngester) Reprocess(ctx context.Context, all bool) (*model.ReprocessPayload, error) {
	return &model.ReprocessPayload{Read: 1, UpToDate: 1}, nil
}

func TestMutationsNeedAKey(t *testing.T) {
	s := MustOpenStore(t)
	ing := &fakeIngester{store: s}
	h := graph.NewHandler(&graph.Resolver{Store: s, Ingester: ing}, graph.Options{APIKeys: []string{"k1", "k2"}})
	c := client.New(h, client.Path("/graphql"))
	const q = `mutation { ingestArticle(input: {text: "Kazakhstan will not seek to join BRICS."}) {
		outcome eventsAdded article { id } claims { type subject { id } bloc { id } quote } } }`
	for _, tt := range []struct {
		name, header, code string
	}{
		{"no key", "", "UNAUTHORIZED"},
		{"a wrong key", "Bearer nope", "UNAUTHORIZED"},
		{"not a bearer token", "Basic azE6", "UNAUTHORIZED"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var opts []client.Option
			if tt.header != "" {
				opts = append(opts, client.AddHeader("Authorization", tt.header))
			}
			mustFail(t, c, q, tt.code, opts...)
			if len(ing.got) != 0 {
				t.Fatalf("the ingester ran without a key")
			}
		})
	}
	t.Run("a valid key", func(t *testing.T) {
		var resp struct {
			IngestArticle struct {
				Outcome string
				Claims  []struct {
					Type    string
					Subject struct{ ID string }
					Quote   string
				}
			}
		}
		mustDo(t, c, q, &resp, client.AddHeader("Authorization", "Bearer k2"))
		if got, want := resp.IngestArticle.Outcome, "UNCHANGED"; got != want {
			t.Errorf("outcome=%q, want %q (the fixture is stored already)", got, want)
		}
		if len(resp.IngestArticle.Claims) != 1 || resp.IngestArticle.Claims[0].Subject.ID != "KAZ" || resp.IngestArticle.Claims[0].Quote == "" {
			t.Errorf("claims=%+v, want KAZ's with its quote", resp.IngestArticle.Claims)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		for _, in := range []string{`{}`, `{text: "a", html: "<p>a</p>"}`, `{url: "ftp://x"}`} {
			mustFail(t, c, `mutation { ingestArticle(input: `+in+`) { outcome } }`, "INVALID", client.AddHeader("Authorization", "Bearer k1"))
		}
	})
	t.Run("reads need no key", func(t *testing.T) {
		mustDo(t, c, `{ blocs { id } }`, nil)
	})
	t.Run("no keys configured refuses every mutation", func(t *testing.T) {
		c, _ := MustNewClient(t, s, graph.Options{})
		mustFail(t, c, `mutation { reprocess { read } }`, "UNAUTHORIZED", client.AddHeader("Authorization", "Bearer "))
	})
}

func TestEventAddedSubscription(t *testing.T) {
	s := MustOpenStore(t)
	c, _ := MustNewClient(t, s, graph.Options{PollInterval: 20 * time.Millisecond})
	sub := c.Websocket(`subscription { eventAdded(filter: {blocs: ["NATO"]}) { type date subject { id } bloc { id } sources { quote } } }`)
	defer sub.Close()

	type msg struct {
		EventAdded struct {
			Type    string
			Date    string
			Subject struct{ ID string }
			Bloc    struct{ ID string }
			Sources []struct{ Quote string }
		}
	}
	got := make(chan msg, 4)
	errc := make(chan error, 1)
	go func() {
		for {
			var m msg
			if err := sub.Next(&m); err != nil {
				errc <- err
				return
			}
			got <- m
		}
	}()
	time.Sleep(100 * time.Millisecond) // the subscription has taken its snapshot

	// An event of another bloc is not sent; NATO's is.
	text := "Finland joined NATO on 4 April 2023. Sweden joined BRICS? No."
	fin := &entente.Entity{Kind: entente.KindCountry, ID: "FIN", Name: "Finland"}
	nato := &entente.Entity{Kind: entente.KindBloc, ID: "NATO", Name: "NATO"}
	ref := nato.Ref()
	MustUpsertArticles(t, s, &entente.Article{ID: "a-fin", Text: text, Hash: entente.ContentHash(text), Published: entente.MustParseDate("2023-04-04"),
		Entities: []*entente.Entity{fin, nato},
		Claims: []*entente.Claim{{Type: entente.Joined, Subject: fin.Ref(), Bloc: &ref, Role: entente.Member, Date: entente.MustParseDate("2023-04-04"),
			Status: entente.Occurred, Confidence: 0.9, Evidence: entente.Evidence{Sentence: "Finland joined NATO on 4 April 2023.", Start: 0, End: 36}}}})

	select {
	case m := <-got:
		e := m.EventAdded
		if e.Type != "JOINED" || e.Subject.ID != "FIN" || e.Bloc.ID != "NATO" || e.Date != "2023-04-04" || len(e.Sources) != 1 {
			t.Fatalf("eventAdded=%+v, want Finland joining NATO with its source", e)
		}
	case err := <-errc:
		t.Fatalf("subscription: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	select {
	case m := <-got:
		t.Fatalf("a second event %+v, want none", m)
	case <-time.After(100 * time.Millisecond):
	}
}
