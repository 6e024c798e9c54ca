package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/neo4j"
	"github.com/entente/entente/internal/neo4j/neo4jtest"
	"github.com/entente/entente/internal/sqlite"
	"github.com/entente/entente/internal/storetest"
)

// exportTestStore returns a SQLite store in dir holding articles, closed.
func exportTestStore(t *testing.T, dir string, articles []*entente.Article) string {
	t.Helper()
	path := filepath.Join(dir, "entente.db")
	s := sqlite.NewStore(path)
	if err := s.Open(context.Background()); err != nil {
		t.Fatalf("Open: %v", err)
	}
	if len(articles) > 0 {
		storetest.MustUpsertArticles(t, context.Background(), s, articles...)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return path
}

// dumpStore reads the whole graph of the SQLite store at path.
func dumpStore(t *testing.T, path string) *storetest.Graph {
	t.Helper()
	s := sqlite.NewStore(path)
	if err := s.Open(context.Background()); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	return storetest.MustDump(t, context.Background(), s)
}

// runCLI runs the command line and returns its stdout, stderr and error.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func TestExportImportRoundTrip(t *testing.T) {
	articles := append(storetest.Fixtures(), storetest.GenerateArticles(300, 1)...)
	src := exportTestStore(t, t.TempDir(), articles)
	file := filepath.Join(t.TempDir(), "graph.jsonl")
	if _, stderr, err := runCLI(t, "", "export", "--store", "sqlite:"+src, file); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}

	dst := filepath.Join(t.TempDir(), "copy.db")
	_, stderr, err := runCLI(t, "", "import", "--store", "sqlite:"+dst, "--batch", "64", file)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	if want := "imported 307 articles from " + file + ": 307 created, 0 updated, 0 unchanged\n"; !strings.HasSuffix(stderr, want) {
		t.Fatalf("import summary %q, want suffix %q", stderr, want)
	}

	want, got := dumpStore(t, src), dumpStore(t, dst)
	if len(want.Events) < 300 {
		t.Fatalf("only %d events in the source store: the test proves little", len(want.Events))
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("graph after export and import (-exported +imported):\n%s", diff)
	}

	// Importing again changes nothing.
	_, stderr, err = runCLI(t, "", "import", "--store", "sqlite:"+dst, file)
	if err != nil {
		t.Fatalf("second import: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "0 created, 0 updated, 307 unchanged") {
		t.Fatalf("second import: %q, want everything unchanged", stderr)
	}
	if diff := cmp.Diff(want, dumpStore(t, dst), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("graph after a second import (-want +got):\n%s", diff)
	}
}

// curations returns the curation log of the SQLite store at path.
func curations(t *testing.T, path string) []*entente.Curation {
	t.Helper()
	s := sqlite.NewStore(path)
	if err := s.Open(context.Background()); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	cs, _, err := s.FindCurations(context.Background(), entente.CurationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// addCurations records, in the SQLite store at path holding the fixtures,
// a retraction in force and a merge revoked.
func addCurations(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	s := sqlite.NewStore(path)
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	events, _ := storetest.MustFindEvents(t, ctx, s, entente.EventFilter{Types: []entente.EventType{entente.Declined},
		Countries: []string{"KAZ"}, Blocs: []string{"BRICS"}})
	ev, err := s.FindEventByID(ctx, events[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	r, err := entente.NewRetraction(ev, "a2", "A rumour.", "analyst")
	if err != nil {
		t.Fatal(err)
	}
	m := &entente.Curation{Kind: entente.Merge, From: "xi-jinping", Into: "kassym-jomart-tokayev", Reason: "A test.", Actor: "analyst"}
	var merged string
	for _, c := range []*entente.Curation{r, m} {
		res, err := s.Curate(ctx, c)
		if err != nil {
			t.Fatalf("Curate: %v", err)
		}
		merged = res.Curation.ID
	}
	if _, err := s.RevokeCuration(ctx, merged, "editor", "Wrong."); err != nil {
		t.Fatal(err)
	}
}

func TestExportImportCurations(t *testing.T) {
	src := exportTestStore(t, t.TempDir(), storetest.Fixtures())
	addCurations(t, src)

	file := filepath.Join(t.TempDir(), "graph.jsonl")
	if _, stderr, err := runCLI(t, "", "export", "--store", "sqlite:"+src, file); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), `{"curation":`); n != 2 {
		t.Fatalf("%d curation lines in the export, want 2", n)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	for range 2 { // twice: importing again changes nothing
		_, stderr, err := runCLI(t, "", "import", "--store", "sqlite:"+dst, file)
		if err != nil {
			t.Fatalf("import: %v\n%s", err, stderr)
		}
		if !strings.HasSuffix(stderr, "; 2 curations\n") {
			t.Fatalf("import summary %q, want 2 curations", stderr)
		}
		if diff := cmp.Diff(dumpStore(t, src), dumpStore(t, dst), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("graph after export and import (-exported +imported):\n%s", diff)
		}
		if diff := cmp.Diff(curations(t, src), curations(t, dst)); diff != "" {
			t.Fatalf("curations after export and import (-exported +imported):\n%s", diff)
		}
	}
}

func TestExportStdout(t *testing.T) {
	src := exportTestStore(t, t.TempDir(), storetest.Fixtures())
	stdout, _, err := runCLI(t, "", "export", "--store", "sqlite:"+src)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if got, want := len(lines), 1+len(storetest.Fixtures()); got != want {
		t.Fatalf("%d lines, want %d (a header and one per article)", got, want)
	}
	if !strings.HasPrefix(lines[0], `{"format":"entente-export","version":2,`) {
		t.Fatalf("header %s", lines[0])
	}
	if !strings.Contains(lines[1], `"id":"a1"`) || !strings.Contains(lines[1], `"type":"DECLINED"`) || !strings.Contains(lines[1], `"id":"country:KAZ"`) {
		t.Fatalf("article line lacks its id, claims or entities: %s", lines[1])
	}

	// Stdin works for import, and an empty store exports just a header.
	dst := filepath.Join(t.TempDir(), "copy.db")
	if _, stderr, err := runCLI(t, stdout, "import", "--store", "sqlite:"+dst, "-"); err != nil {
		t.Fatalf("import from stdin: %v\n%s", err, stderr)
	}
	empty := exportTestStore(t, t.TempDir(), nil)
	stdout, _, err = runCLI(t, "", "export", "--store", "sqlite:"+empty)
	if err != nil || strings.Count(stdout, "\n") != 1 {
		t.Fatalf("export of an empty store: %q, %v; want one header line", stdout, err)
	}
}

func TestImportBadInput(t *testing.T) {
	header := `{"format":"entente-export","version":1}` + "\n"
	good := func(id string) string {
		return `{"id":"` + id + `","text":"Finland joined NATO.","published":"2023-04-05","entities":[],"events":[{"type":"JOINED","subject":{"kind":"country","id":"FIN","name":"Finland"},"bloc":{"id":"NATO","name":"NATO"},"role":"member","date":"2023-04-04","status":"occurred","confidence":0.9,"evidence":{"sentence":"Finland joined NATO.","start":0,"end":20}}]}` + "\n"
	}
	for _, tt := range []struct {
		name    string
		in      string
		stored  int    // articles stored in the end
		code    string // entente code of the error, "" for errExit(1) or nil
		exit1   bool   // the run ends with exit status 1 after reporting lines
		message string // in stderr or the error's message
	}{
		{"Good", header + good("x1") + "\n" + good("x2"), 2, "", false, "2 created"},
		{"Empty", "", 0, entente.EINVALID, false, "is empty"},
		{"NoHeader", good("x1"), 0, entente.EINVALID, false, "not an entente export"},
		{"NewerVersion", `{"format":"entente-export","version":3}` + "\n" + good("x1"), 0, entente.EINVALID, false, "version 3"},
		{"BadJSONLine", header + good("x1") + "{not json\n" + good("x2"), 2, "", true, "line 3: invalid article"},
		{"BadDate", header + strings.Replace(good("x1"), "2023-04-04", "2023-13-04", 1) + good("x2"), 1, "", true, `Invalid date "2023-13-04"`},
		{"BadEventType", header + strings.Replace(good("x1"), "JOINED", "MERGED", 1), 0, "", true, `Invalid event type "MERGED"`},
		{"NoID", header + strings.Replace(good("x1"), `"id":"x1",`, "", 1), 0, "", true, "Article id required"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "e.db")
			_, stderr, err := runCLI(t, tt.in, "import", "--store", "sqlite:"+dst)
			var x errExit
			switch {
			case tt.code != "":
				if got := entente.ErrorCode(err); got != tt.code {
					t.Fatalf("ErrorCode=%q, want %q (err %v)", got, tt.code, err)
				}
				if !strings.Contains(entente.ErrorMessage(err), tt.message) {
					t.Fatalf("message %q lacks %q", entente.ErrorMessage(err), tt.message)
				}
			case tt.exit1:
				if !errors.As(err, &x) || x != 1 {
					t.Fatalf("err=%v, want exit status 1", err)
				}
				if !strings.Contains(stderr, tt.message) {
					t.Fatalf("stderr %q lacks %q", stderr, tt.message)
				}
			default:
				if err != nil {
					t.Fatalf("import: %v\n%s", err, stderr)
				}
				if !strings.Contains(stderr, tt.message) {
					t.Fatalf("stderr %q lacks %q", stderr, tt.message)
				}
			}
			if got := len(dumpStore(t, dst).Articles); got != tt.stored {
				t.Fatalf("%d articles stored, want %d", got, tt.stored)
			}
		})
	}

	t.Run("MissingFile", func(t *testing.T) {
		_, _, err := runCLI(t, "", "import", "--store", "sqlite:"+filepath.Join(t.TempDir(), "e.db"), "/nonexistent/export.jsonl")
		if got := entente.ErrorCode(err); got != entente.EINVALID {
			t.Fatalf("ErrorCode=%q, want invalid (err %v)", got, err)
		}
	})
	t.Run("TwoFiles", func(t *testing.T) {
		_, _, err := runCLI(t, "", "import", "a", "b")
		if got := exitCode(err, &bytes.Buffer{}); got != 2 {
			t.Fatalf("exit status %d, want 2", got)
		}
	})
}

func TestExportUnwritable(t *testing.T) {
	src := exportTestStore(t, t.TempDir(), storetest.Fixtures())
	_, _, err := runCLI(t, "", "export", "--store", "sqlite:"+src, "/nonexistent/dir/graph.jsonl")
	if got := entente.ErrorCode(err); got != entente.EINVALID {
		t.Fatalf("ErrorCode=%q, want invalid (err %v)", got, err)
	}
}

// TestExportImportNeo4j moves a graph from SQLite to Neo4j and back through
// export and import, the way a team moves off the embedded store: all three
// stores must then hold the same graph. It runs when ENTENTE_TEST_NEO4J_URI
// is set, on the test database (wiped, under the lock other test binaries
// take).
func TestExportImportNeo4j(t *testing.T) {
	uri := os.Getenv("ENTENTE_TEST_NEO4J_URI")
	if uri == "" {
		t.Skip("ENTENTE_TEST_NEO4J_URI is not set: start a Neo4j with scripts/neo4j.sh start && eval \"$(scripts/neo4j.sh env)\"")
	}
	user, pass := os.Getenv("ENTENTE_TEST_NEO4J_USER"), os.Getenv("ENTENTE_TEST_NEO4J_PASS")
	t.Setenv("ENTENTE_NEO4J_USER", user)
	t.Setenv("ENTENTE_NEO4J_PASSWORD", pass)
	neo4jtest.Wipe(t) // waits for other test binaries on the same server

	src := exportTestStore(t, t.TempDir(), append(storetest.Fixtures(), storetest.GenerateArticles(150, 4)...))
	addCurations(t, src)
	dir := t.TempDir()
	fromSQLite, fromNeo4j := filepath.Join(dir, "sqlite.jsonl"), filepath.Join(dir, "neo4j.jsonl")
	for _, args := range [][]string{
		{"export", "--store", "sqlite:" + src, fromSQLite},
		{"import", "--store", uri, "--batch", "50", fromSQLite},
		{"export", "--store", uri, fromNeo4j},
		{"import", "--store", "sqlite:" + filepath.Join(dir, "back.db"), fromNeo4j},
	} {
		if _, stderr, err := runCLI(t, "", args...); err != nil {
			t.Fatalf("entente %v: %v\n%s", args, err, stderr)
		}
	}

	want := dumpStore(t, src)
	s := neo4j.NewStore(uri)
	s.User, s.Password = user, pass
	if err := s.Open(context.Background()); err != nil {
		t.Fatalf("open neo4j: %v", err)
	}
	defer s.Close()
	if diff := cmp.Diff(want, storetest.MustDump(t, context.Background(), s), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("Neo4j after importing the SQLite export (-sqlite +neo4j):\n%s", diff)
	}
	if diff := cmp.Diff(want, dumpStore(t, filepath.Join(dir, "back.db")), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("SQLite after importing the Neo4j export (-before +after):\n%s", diff)
	}
	cs, _, err := s.FindCurations(context.Background(), entente.CurationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(curations(t, src), cs); diff != "" || len(cs) != 2 {
		t.Fatalf("Neo4j's curations after importing the SQLite export (-sqlite +neo4j):\n%s", diff)
	}
	if diff := cmp.Diff(curations(t, src), curations(t, filepath.Join(dir, "back.db"))); diff != "" {
		t.Fatalf("curations after the round trip (-before +after):\n%s", diff)
	}
}
