package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/extract"
	"github.com/entente/entente/internal/ingest"
	"github.com/entente/entente/internal/neo4j"
	"github.com/entente/entente/internal/neo4j/neo4jtest"
	"github.com/entente/entente/internal/sqlite"
	"github.com/entente/entente/internal/storetest"
)

func init() {
	// One extractor for every command a test runs: its model takes seconds
	// to load (tens under the race detector), and it is safe to share.
	var once sync.Once
	var x *extract.Extractor
	var err error
	loadExtractor = func() (*extract.Extractor, error) {
		once.Do(func() { x, err = extract.New() })
		return x, err
	}
}

// ingestCLI runs the command line under ctx with stdin and returns stdout,
// stderr and the error.
func ingestCLI(ctx context.Context, stdin io.Reader, args ...string) (string, string, error) {
	var stdout, stderr bytes.Buffer
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	err := Run(ctx, args, stdin, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

// summary pulls the counts out of an ingest summary line.
var summaryRE = regexp.MustCompile(`read (\d+), stored (\d+), skipped (\d+) as duplicates, failed (\d+), events added (\d+)`)

type summary struct{ Read, Stored, Duplicates, Failed, EventsAdded int }

func parseSummary(t *testing.T, stdout string) summary {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no summary line in stdout:\n%s", stdout)
	}
	var s summary
	fmt.Sscan(strings.Join(m[1:], " "), &s.Read, &s.Stored, &s.Duplicates, &s.Failed, &s.EventsAdded)
	return s
}

// withoutTimes drops what differs between two stores holding the same
// graph: when the articles were written.
var withoutTimes = cmpopts.IgnoreFields(entente.Article{}, "IngestedAt")

func TestIngestSamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "entente.db")
	store := "sqlite:" + db
	stdout, stderr, err := ingestCLI(context.Background(), nil, "ingest", "--store", store, "../../samples")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	first := parseSummary(t, stdout)
	if first.Read < 10 || first.Stored != first.Read || first.Failed != 0 || first.EventsAdded == 0 {
		t.Errorf("first run: %+v, want every sample stored with events", first)
	}
	before := dumpStore(t, db)
	for _, a := range before.Articles {
		if a.Published.IsZero() {
			t.Errorf("sample %s (%s) has no publication date", a.ID, a.Title)
		}
		if a.ExtractorVersion == "" {
			t.Errorf("sample %s has no extractor version", a.ID)
		}
	}

	// Again: nothing changes.
	stdout, stderr, err = ingestCLI(context.Background(), nil, "ingest", "--store", store, "../../samples")
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, stderr)
	}
	if got, want := parseSummary(t, stdout), (summary{Read: first.Read, Duplicates: first.Read}); got != want {
		t.Errorf("second run: %+v, want %+v", got, want)
	}
	if diff := cmp.Diff(before, dumpStore(t, db), withoutTimes); diff != "" {
		t.Errorf("second run changed the graph (-before +after):\n%s", diff)
	}
}

func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := "HELSINKI, April 4, 2023 - Finland joined NATO on Tuesday, becoming the 31st member of the alliance."
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write("a-good.txt", good)
	write("b-lines.jsonl", `{"id":"j1","text":"Sweden joined NATO on 7 March 2024."}`+"\n"+`{"id":"j2", "text": oops}`+"\n"+`{"id":"j3","published":"2024-01-01","text":"Egypt joined BRICS on Monday."}`+"\n")
	write("c-bomb.html", "<html><body>"+strings.Repeat("<div>", 100_000)+"</body></html>")
	big := write("d-big.txt", "")
	if err := os.Truncate(big, 50<<20); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "e-unreadable.txt")); err != nil {
		t.Fatal(err)
	}
	write("f-binary.txt", "\x00\x01\x02\x03binary")
	db := filepath.Join(t.TempDir(), "entente.db")

	stdout, stderr, err := ingestCLI(context.Background(), nil, "ingest", "--store", "sqlite:"+db, dir, filepath.Join(dir, "missing.txt"))
	var exit errExit
	if !errors.As(err, &exit) || exit != 1 {
		t.Fatalf("err=%v, want exit status 1", err)
	}
	if got, want := parseSummary(t, stdout), (summary{Read: 9, Stored: 3, Failed: 6, EventsAdded: 3}); got.Read != want.Read || got.Stored != want.Stored || got.Failed != want.Failed {
		t.Errorf("summary %+v, want %+v", got, want)
	}
	// One line per bad item, naming it, in any order (workers run at once).
	wantLines := []string{
		"entente: " + filepath.Join(dir, "b-lines.jsonl") + ":2 (id j2): Not a JSON object: 'o' looking for beginning of value at byte 21.",
		"entente: " + filepath.Join(dir, "c-bomb.html") + ": Page nests HTML elements more than 512 deep.",
		"entente: " + big + ": File is 50 MB; the limit is 10 MB.",
		"entente: " + filepath.Join(dir, "e-unreadable.txt") + ": No such file or folder.",
		"entente: " + filepath.Join(dir, "f-binary.txt") + ": Not a text or HTML article (the content looks like application/octet-stream).",
		"entente: " + filepath.Join(dir, "missing.txt") + ": No such file or folder.",
	}
	gotLines := strings.Split(strings.TrimSpace(stderr), "\n")
	if diff := cmp.Diff(wantLines, gotLines, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	g := dumpStore(t, db)
	var ids []string
	for _, a := range g.Articles {
		ids = append(ids, a.ID)
	}
	if diff := cmp.Diff([]string{"j1", "j3", entente.ArticleID("", good)}, ids, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("stored articles (-want +got):\n%s", diff)
	}
}

func TestIngestStdin(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  summary
	}{
		{"text", []string{"-"}, "Published: 2024-03-07\n\nSweden joined NATO on Thursday.", summary{Read: 1, Stored: 1}},
		{"html", []string{"-"}, `<html><head><meta property="article:published_time" content="2024-03-07"></head><body><article><p>` +
			strings.Repeat("Sweden joined NATO on Thursday, the alliance said in Brussels. ", 5) + `</p></article></body></html>`, summary{Read: 1, Stored: 1}},
		{"jsonl", []string{"--jsonl", "-"}, `{"id":"s1","published":"2024-03-07","text":"Sweden joined NATO on Thursday."}` + "\n" +
			`{"id":"s2","url":"https://n.example/2","text":"Finland joined NATO on 4 April 2023."}` + "\n", summary{Read: 2, Stored: 2}},
		{"empty", []string{"-"}, "", summary{Read: 1, Failed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "entente.db")
			args := append([]string{"ingest", "--store", "sqlite:" + db}, tt.args...)
			stdout, stderr, err := ingestCLI(context.Background(), strings.NewReader(tt.stdin), args...)
			if tt.want.Failed == 0 && err != nil {
				t.Fatalf("ingest: %v\n%s", err, stderr)
			}
			got := parseSummary(t, stdout)
			got.EventsAdded = 0
			if got != tt.want {
				t.Errorf("summary %+v, want %+v\n%s", got, tt.want, stderr)
			}
			if tt.want.Failed > 0 && !strings.Contains(stderr, "entente: stdin: ") {
				t.Errorf("stderr does not name stdin:\n%s", stderr)
			}
		})
	}
}

func TestIngestURLsAndFeeds(t *testing.T) {
	mux := http.NewServeMux()
	var srv *httptest.Server
	article := func(title, date, text string) string {
		return `<!DOCTYPE html><html><head><title>` + title + `</title>` +
			`<meta property="article:published_time" content="` + date + `"></head><body><article><h1>` + title + `</h1><p>` +
			strings.Repeat(text+" ", 4) + `</p></article></body></html>`
	}
	mux.HandleFunc("/news/sweden", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, article("Sweden joins", "2024-03-07", "Sweden joined NATO on Thursday, the alliance said."))
	})
	mux.HandleFunc("/news/finland", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, article("Finland joins", "2023-04-04", "Finland joined NATO on Tuesday, the alliance said."))
	})
	mux.HandleFunc("/photo.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte{0xff, 0xd8, 0xff})
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Sweden</title><link>%[1]s/news/sweden</link><guid>1</guid></item>
<item><title>Finland</title><link>%[1]s/news/finland</link><guid>2</guid></item>
<item><title>Gone</title><link>%[1]s/news/gone</link><guid>3</guid></item>
</channel></rss>`, srv.URL)
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "entente.db")
	args := []string{"ingest", "--store", "sqlite:" + db, "--host-delay", "1ms", srv.URL + "/news/sweden", srv.URL + "/feed.xml", srv.URL + "/photo.jpg"}
	stdout, stderr, err := ingestCLI(context.Background(), nil, args...)
	var exit errExit
	if !errors.As(err, &exit) || exit != 1 {
		t.Fatalf("err=%v, want exit status 1\n%s", err, stderr)
	}
	// The article named directly and again in the feed is stored once.
	if got, want := parseSummary(t, stdout), (summary{Read: 5, Stored: 2, Duplicates: 1, Failed: 2}); got.Read != want.Read || got.Stored != want.Stored || got.Duplicates != want.Duplicates || got.Failed != want.Failed {
		t.Errorf("summary %+v, want %+v\n%s", got, want, stderr)
	}
	for _, want := range []string{
		"entente: " + srv.URL + "/news/gone: The server answered 404 Not Found.",
		"entente: " + srv.URL + `/photo.jpg: Not an article or a feed: the content type is "image/jpeg".`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	g := dumpStore(t, db)
	got := map[string]string{}
	for _, a := range g.Articles {
		got[a.URL] = a.Published.String()
	}
	want := map[string]string{srv.URL + "/news/sweden": "2024-03-07", srv.URL + "/news/finland": "2023-04-04"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored articles by URL (-want +got):\n%s", diff)
	}

	// Again: the feed's stored entries are not even fetched.
	stdout, _, _ = ingestCLI(context.Background(), nil, args...)
	if got := parseSummary(t, stdout); got.Stored != 0 || got.Duplicates != 3 {
		t.Errorf("second run: %+v, want 3 duplicates and nothing stored", got)
	}
}

func TestIngestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"ingest"},
		{"ingest", "--progress", "loud", "x"},
		{"ingest", "--no-such-flag", "x"},
		{"reprocess", "extra"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, _, err := ingestCLI(context.Background(), nil, args...)
			var u errUsage
			if !errors.As(err, &u) {
				t.Errorf("err=%v, want a usage error", err)
			}
		})
	}
}

// corpus returns n JSON lines of generated news articles: every other one
// with a URL, the rest recognised by their text.
func corpus(n int) []string {
	countries := []string{"Finland", "Sweden", "Albania", "Croatia", "Montenegro", "Estonia", "Latvia", "Lithuania", "Poland", "Hungary"}
	blocs := []string{"NATO", "the European Union", "the OECD", "the Council of Europe"}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	lines := make([]string, n)
	for i := range lines {
		c, b := countries[i%len(countries)], blocs[i/len(countries)%len(blocs)]
		day, month, year := 1+i%28, months[i/28%12], 1995+i%30
		text := fmt.Sprintf("BRUSSELS, %s %d, %d - %s joined %s on %s %d, %d, officials said in report %d. "+
			"The decision followed years of talks, and the government welcomed it.", month, day, year, c, b, month, day, year, i)
		l := map[string]any{"id": fmt.Sprintf("c-%05d", i), "text": text, "published": fmt.Sprintf("%04d-%02d-%02d", year, i/28%12+1, day)}
		if i%2 == 0 {
			l["url"] = fmt.Sprintf("https://corpus.example/%d", i)
		}
		b2, _ := json.Marshal(l)
		lines[i] = string(b2)
	}
	return lines
}

// interruptingReader serves lines one Read at a time. Before line wait it
// waits until ready reports true (some articles are stored); before line
// cancelAt it cancels the run, with the lines in between still in flight.
type interruptingReader struct {
	lines          []string
	wait, cancelAt int
	ready          func() bool
	cancel         func()
	n              int
}

func (r *interruptingReader) Read(p []byte) (int, error) {
	if r.n >= len(r.lines) {
		return 0, io.EOF
	}
	switch r.n {
	case r.wait:
		deadline := time.Now().Add(2 * time.Minute)
		for !r.ready() && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
	case r.cancelAt:
		r.cancel()
	}
	line := r.lines[r.n] + "\n"
	if len(p) < len(line) {
		return 0, io.ErrShortBuffer
	}
	r.n++
	return copy(p, line), nil
}

// storedCount returns how many articles the SQLite store at path holds.
func storedCount(path string) int {
	s := sqlite.NewStore(path)
	if err := s.Open(context.Background()); err != nil {
		return 0
	}
	defer s.Close()
	_, n, err := s.FindArticles(context.Background(), entente.ArticleFilter{Limit: 1})
	if err != nil {
		return 0
	}
	return n
}

// ingestBackend is a store the interruption tests run against.
type ingestBackend struct {
	store string // the --store value
	count func() int
	dump  func(t *testing.T) *storetest.Graph
}

// eachIngestBackend runs fn on an empty SQLite store, and on the Neo4j test
// database (wiped, under the lock other test binaries take) when
// ENTENTE_TEST_NEO4J_URI is set.
func eachIngestBackend(t *testing.T, fn func(t *testing.T, b ingestBackend)) {
	t.Run("sqlite", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "entente.db")
		fn(t, ingestBackend{
			store: "sqlite:" + db,
			count: func() int { return storedCount(db) },
			dump:  func(t *testing.T) *storetest.Graph { return dumpStore(t, db) },
		})
	})
	t.Run("neo4j", func(t *testing.T) {
		uri := os.Getenv("ENTENTE_TEST_NEO4J_URI")
		if uri == "" {
			t.Skip("ENTENTE_TEST_NEO4J_URI is not set: start a Neo4j with scripts/neo4j.sh start && eval \"$(scripts/neo4j.sh env)\"")
		}
		user, pass := os.Getenv("ENTENTE_TEST_NEO4J_USER"), os.Getenv("ENTENTE_TEST_NEO4J_PASS")
		// The commands, and the child process, read these.
		t.Setenv("ENTENTE_NEO4J_USER", user)
		t.Setenv("ENTENTE_NEO4J_PASSWORD", pass)
		neo4jtest.Wipe(t) // waits for other test binaries on the same server
		s := neo4j.NewStore(uri)
		s.User, s.Password = user, pass
		if err := s.Open(context.Background()); err != nil {
			t.Fatalf("open neo4j: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		fn(t, ingestBackend{
			store: uri,
			count: func() int {
				_, n, err := s.FindArticles(context.Background(), entente.ArticleFilter{Limit: 1})
				if err != nil {
					return 0
				}
				return n
			},
			dump: func(t *testing.T) *storetest.Graph { return storetest.MustDump(t, context.Background(), s) },
		})
	})
}

// wholeRun returns the graph of one uninterrupted ingest of input into
// SQLite: what an interrupted run and its re-run must end with, on any
// store.
func wholeRun(t *testing.T, input string) *storetest.Graph {
	t.Helper()
	db := filepath.Join(t.TempDir(), "whole.db")
	args := []string{"ingest", "--store", "sqlite:" + db, "--jsonl", "-"}
	if _, stderr, err := ingestCLI(context.Background(), strings.NewReader(input), args...); err != nil {
		t.Fatalf("whole run: %v\n%s", err, stderr)
	}
	return dumpStore(t, db)
}

// sameGraph compares the graph of an interrupted and re-run ingest with
// the one of a whole run.
var sameGraph = []cmp.Option{withoutTimes, cmpopts.EquateEmpty()}

func TestIngestInterruptAndRerun(t *testing.T) {
	const n, at = 120, 80
	lines := corpus(n)
	input := strings.Join(lines, "\n") + "\n"
	want := wholeRun(t, input)
	eachIngestBackend(t, func(t *testing.T, b ingestBackend) {
		args := []string{"ingest", "--store", b.store, "--batch", "16", "--jsonl", "-"}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := &interruptingReader{lines: lines, wait: at, cancelAt: at + 8, cancel: cancel, ready: func() bool { return b.count() >= 32 }}
		stdout, stderr, err := ingestCLI(ctx, r, args...)
		var exit errExit
		if !errors.As(err, &exit) || exit != 1 || !strings.Contains(stderr, "ingest interrupted; run the same command again to finish") {
			t.Fatalf("interrupted run: err=%v, want exit status 1 and a note\n%s", err, stderr)
		}
		first := parseSummary(t, stdout)
		t.Logf("interrupted run: %+v", first)
		if first.Stored < 32 || first.Stored >= n || first.Failed != 0 {
			t.Fatalf("interrupted run: %+v, want part of %d stored and nothing failed", first, n)
		}
		if got := b.count(); got != first.Stored {
			t.Errorf("store holds %d articles, the summary says %d", got, first.Stored)
		}

		stdout, stderr, err = ingestCLI(context.Background(), strings.NewReader(input), args...)
		if err != nil {
			t.Fatalf("rerun: %v\n%s", err, stderr)
		}
		if got := parseSummary(t, stdout); got.Read != n || got.Stored != n-first.Stored || got.Duplicates != first.Stored || got.Failed != 0 {
			t.Errorf("rerun: %+v, want %d stored and %d skipped", got, n-first.Stored, first.Stored)
		}
		// Nothing missing, nothing twice: the graph of one whole run.
		got := b.dump(t)
		if len(got.Articles) != n {
			t.Errorf("%d articles stored, want %d", len(got.Articles), n)
		}
		if diff := cmp.Diff(want, got, sameGraph...); diff != "" {
			t.Errorf("interrupted and rerun graph differs from one run (-whole +rerun):\n%s", diff)
		}
	})
}

func TestIngestProgressLog(t *testing.T) {
	var stderr syncBuffer
	cfg := defaultIngestConfig()
	cfg.ProgressEvery = 0
	p := newProgress(cfg, "ingest", &stderr)
	p.update(ingest.Stats{Read: 3, Stored: 2, Failed: 1, Elapsed: time.Second})
	p.fail("a.txt", entente.Errorf(entente.EINVALID, "No article text."))
	p.finish()
	want := "ingest: read 3, stored 2, skipped 0 as duplicates, failed 1, events added 0 in 1s, 3.0 articles/s\nentente: a.txt: No article text.\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr=%q, want %q", got, want)
	}
}

// TestIngestHelperProcess is not a test: TestIngestKillAndRerun runs the
// test binary as `entente` through it, so that it can kill a real process.
func TestIngestHelperProcess(t *testing.T) {
	if os.Getenv("ENTENTE_INGEST_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	err := Run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

func TestIngestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	const n, sent = 120, 80
	lines := corpus(n)
	input := strings.Join(lines, "\n") + "\n"
	want := wholeRun(t, input)
	eachIngestBackend(t, func(t *testing.T, b ingestBackend) {
		args := []string{"ingest", "--store", b.store, "--batch", "16", "--jsonl", "-"}
		// Feed the first lines through a pipe, wait for some batches to be
		// stored while the rest are in flight, and kill the process.
		cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestIngestHelperProcess$", "--"}, args...)...)
		cmd.Env = append(os.Environ(), "ENTENTE_INGEST_HELPER=1")
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		io.WriteString(stdin, strings.Join(lines[:sent], "\n")+"\n")
		deadline := time.Now().Add(2 * time.Minute)
		for b.count() < 32 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		stdin.Close()
		killed := b.count()
		t.Logf("killed with %d of %d articles stored", killed, n)
		if killed < 32 || killed >= n {
			t.Fatalf("killed run stored %d articles, want a part of %d\n%s", killed, n, out.String())
		}

		stdout, stderr, err := ingestCLI(context.Background(), strings.NewReader(input), args...)
		if err != nil {
			t.Fatalf("rerun: %v\n%s", err, stderr)
		}
		if got := parseSummary(t, stdout); got.Stored != n-killed || got.Duplicates != killed || got.Failed != 0 {
			t.Errorf("rerun: %+v, want %d stored and %d skipped", got, n-killed, killed)
		}
		if diff := cmp.Diff(want, b.dump(t), sameGraph...); diff != "" {
			t.Errorf("killed and rerun graph differs from one run (-whole +rerun):\n%s", diff)
		}
	})
}

func TestIngestFollow(t *testing.T) {
	var mu sync.Mutex
	entries := []string{"sweden"}
	polls := 0
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/news/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><meta property="article:published_time" content="2024-03-07"></head><body><article><p>%s</p></article></body></html>`,
			strings.Repeat("Report on "+name+": the alliance met in Brussels to discuss enlargement and defence spending. ", 4))
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		polls++
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`)
		for _, e := range entries {
			fmt.Fprintf(w, `<item><title>%[2]s</title><link>%[1]s/news/%[2]s</link><guid>%[2]s</guid></item>`, srv.URL, e)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "entente.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		stdout, stderr string
		err            error
	}
	done := make(chan result, 1)
	go func() {
		stdout, stderr, err := ingestCLI(ctx, nil, "ingest", "--store", "sqlite:"+db, "--follow", "--interval", "20ms", "--host-delay", "1ms", srv.URL+"/feed.xml")
		done <- result{stdout, stderr, err}
	}()
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for !ok() {
			if time.Now().After(deadline) {
				cancel()
				r := <-done
				t.Fatalf("timed out waiting for %s; the ingest ended with %v and said:\n%s", what, r.err, r.stderr)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("the first entry", func() bool { return storedCount(db) == 1 })
	mu.Lock()
	entries = []string{"sweden", "finland", "norway"}
	mu.Unlock()
	waitFor("the new entries", func() bool { return storedCount(db) == 3 })
	mu.Lock()
	seenPolls := polls
	mu.Unlock()
	waitFor("another poll", func() bool { mu.Lock(); defer mu.Unlock(); return polls > seenPolls+1 })
	cancel() // Ctrl-C ends following

	r := <-done
	if r.err != nil {
		t.Fatalf("ingest --follow ended with %v, want success\n%s", r.err, r.stderr)
	}
	// Only new entries are fetched: three articles, read once each.
	if got, want := parseSummary(t, r.stdout), (summary{Read: 3, Stored: 3}); got.Read != want.Read || got.Stored != want.Stored || got.Failed != 0 {
		t.Errorf("summary %+v, want %+v", got, want)
	}
}
