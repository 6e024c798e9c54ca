package neo4j_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j"
	"github.com/entente/entente/internal/neo4j/neo4jtest"
	"github.com/entente/entente/internal/storetest"
)

// MustOpenStore opens a store on the test server, which this test binary
// has to itself, and closes it when the test ends; it does not wipe.
func MustOpenStore(tb testing.TB) *neo4j.Store {
	tb.Helper()
	return neo4jtest.Open(tb)
}

// server returns the test server's URI, user and password, or skips.
func server(tb testing.TB) (uri, user, pass string) {
	tb.Helper()
	return neo4jtest.Lock(tb)
}

// wipe empties the test database.
func wipe(tb testing.TB) {
	tb.Helper()
	neo4jtest.Wipe(tb)
}

func TestStore(t *testing.T) {
	server(t)
	storetest.Run(t, func(t *testing.T) entente.Store {
		wipe(t)
		return MustOpenStore(t)
	})
}

// TestOpenDeadServer checks that a server that does not answer fails Open
// quickly with EUNAVAILABLE, and needs no server of its own.
func TestOpenDeadServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	for _, uri := range []string{"bolt://" + addr, "neo4j://" + addr} {
		t.Run(uri, func(t *testing.T) {
			s := neo4j.NewStore(uri)
			s.User, s.Password = "neo4j", "secret"
			start := time.Now()
			err := s.Open(context.Background())
			if got, want := entente.ErrorCode(err), entente.EUNAVAILABLE; got != want {
				t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Fatalf("Open took %v to fail", d)
			}
			if err := s.Ping(context.Background()); entente.ErrorCode(err) != entente.EUNAVAILABLE {
				t.Fatalf("Ping after a failed Open: %v, want EUNAVAILABLE", err)
			}
		})
	}
}

// TestOpenSilentServer checks that a server that accepts connections and
// never answers times out rather than hanging.
func TestOpenSilentServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	s := neo4j.NewStore("bolt://" + l.Addr().String())
	s.ConnectTimeout = time.Second
	start := time.Now()
	err = s.Open(context.Background())
	if got, want := entente.ErrorCode(err), entente.EUNAVAILABLE; got != want {
		t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("Open took %v to fail", d)
	}
}

func TestOpenInvalid(t *testing.T) {
	for _, uri := range []string{"", "http://127.0.0.1:7687", "bolt://[::1"} {
		t.Run(uri, func(t *testing.T) {
			err := neo4j.NewStore(uri).Open(context.Background())
			if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
				t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
			}
		})
	}
}

func TestNotOpen(t *testing.T) {
	s := neo4j.NewStore("bolt://127.0.0.1:1")
	if _, err := s.FindArticleByID(context.Background(), "a1"); entente.ErrorCode(err) != entente.EUNAVAILABLE {
		t.Fatalf("FindArticleByID on a store never opened: %v, want EUNAVAILABLE", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close of a store never opened: %v", err)
	}
}

func TestWrongPassword(t *testing.T) {
	uri, user, _ := server(t)
	s := neo4j.NewStore(uri)
	s.User, s.Password = user, "not-the-password"
	err := s.Open(context.Background())
	if got, want := entente.ErrorCode(err), entente.EUNAUTHORIZED; got != want {
		t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
	}
}

func TestUnknownDatabase(t *testing.T) {
	uri, user, pass := server(t)
	s := neo4j.NewStore(uri)
	s.User, s.Password, s.Database = user, pass, "nosuchdb"
	err := s.Open(context.Background())
	if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
		t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
	}
}

// TestReopen checks that constraints are idempotent and that data
// survives a new Open.
func TestReopen(t *testing.T) {
	wipe(t)
	ctx := context.Background()
	s := MustOpenStore(t)
	storetest.MustUpsertArticles(t, ctx, s, storetest.Fixtures()...)
	before := storetest.MustDump(t, ctx, s)
	for range 2 {
		s2 := MustOpenStore(t)
		after := storetest.MustDump(t, ctx, s2)
		if len(after.Events) != len(before.Events) || len(after.Articles) != len(before.Articles) {
			t.Fatalf("after reopening: %d events, %d articles; want %d, %d",
				len(after.Events), len(after.Articles), len(before.Events), len(before.Articles))
		}
	}
}

// TestRoutingScheme checks the neo4j:// scheme against a single server,
// with the database named explicitly.
func TestRoutingScheme(t *testing.T) {
	uri, user, pass := server(t)
	host, ok := strings.CutPrefix(uri, "bolt://")
	if !ok {
		t.Skipf("needs a bolt:// test URI, have %s", uri)
	}
	wipe(t)
	s := neo4j.NewStore("neo4j://" + host)
	s.User, s.Password, s.Database = user, pass, "neo4j"
	ctx := context.Background()
	if err := s.Open(ctx); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	storetest.MustUpsertArticles(t, ctx, s, storetest.Fixtures()...)
	if _, n, err := s.FindEvents(ctx, entente.EventFilter{}); err != nil || n == 0 {
		t.Fatalf("FindEvents over neo4j://: %d, %v", n, err)
	}
}

// TestBatchSize checks that a call larger than BatchSize is stored whole,
// in several transactions.
func TestBatchSize(t *testing.T) {
	wipe(t)
	ctx := context.Background()
	s := MustOpenStore(t)
	s.BatchSize = 7
	articles := storetest.GenerateArticles(30, 3)
	res := storetest.MustUpsertArticles(t, ctx, s, articles...)
	for i, r := range res {
		if r.ArticleID != articles[i].ID || r.Outcome != entente.Created {
			t.Fatalf("result %d = %+v, want %s created", i, r, articles[i].ID)
		}
	}
	got := storetest.MustDump(t, ctx, s)
	if want := storetest.WantEvents(articles); len(got.Events) != len(want) {
		t.Fatalf("%d events, want %d", len(got.Events), len(want))
	}
}

// TestGraphShape checks the graph other Neo4j tools see: articles claim,
// mention and source, events point at their entities, entities carry
// their kind's label.
func TestGraphShape(t *testing.T) {
	wipe(t)
	ctx := context.Background()
	s := MustOpenStore(t)
	storetest.MustUpsertArticles(t, ctx, s, storetest.Fixtures()...)
	uri, user, pass := server(t)
	d, err := neo4jdrv.NewDriverWithContext(uri, neo4jdrv.BasicAuth(user, pass, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	for _, tt := range []struct {
		query string
		want  int64
	}{
		{`MATCH (:Article {id: 'a2'})-[:CLAIMS]->(c:Claim) RETURN count(c)`, 2},
		{`MATCH (:Article {id: 'a1'})-[:MENTIONS]->(e:Entity) RETURN count(e)`, 3},
		{`MATCH (:Article {id: 'a1'})-[:OFFICES]->(p:Person {id: 'kassym-jomart-tokayev'}) RETURN count(p)`, 1},
		{`MATCH (:Article)-[:SOURCE]->(e:Event {type: 'DECLINED'}) RETURN count(e)`, 2},
		{`MATCH (e:Event {type: 'ATTENDED'})-[:SUBJECT]->(:Person) RETURN count(e)`, 2},
		{`MATCH (e:Event {type: 'ATTENDED'})-[:BLOC]->(:Bloc) RETURN count(e)`, 2},
		{`MATCH (e:Event {type: 'VISITED'})-[:PLACE]->(:Country {id: 'KAZ'}) RETURN count(e)`, 1},
		{`MATCH (b:Bloc) RETURN count(b)`, 4},
		{`MATCH (e:Entity) WHERE NOT (e:Country OR e:Bloc OR e:Person) RETURN count(e)`, 0},
	} {
		res, err := neo4jdrv.ExecuteQuery(ctx, d, tt.query, nil, neo4jdrv.EagerResultTransformer)
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if got := res.Records[0].Values[0].(int64); got != tt.want {
			t.Errorf("%s = %d, want %d", tt.query, got, tt.want)
		}
	}
}
