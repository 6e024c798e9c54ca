package sqlite_test

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/sqlite"
	"github.com/entente/entente/internal/storetest"
)

// MustOpenStore opens a store at dsn and closes it when the test ends.
func MustOpenStore(tb testing.TB, dsn string) *sqlite.Store {
	tb.Helper()
	s := sqlite.NewStore(dsn)
	if err := s.Open(context.Background()); err != nil {
		tb.Fatalf("Open(%s): %v", dsn, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestStore(t *testing.T) {
	t.Run("Memory", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) entente.Store { return MustOpenStore(t, ":memory:") })
	})
	t.Run("File", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) entente.Store { return MustOpenStore(t, t.TempDir()+"/entente.db") })
	})
}

func TestReopenKeepsDataAndMigratesOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "entente.db")
	s := sqlite.NewStore(path)
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	storetest.MustUpsertArticles(t, ctx, s, storetest.Fixtures()...)
	want := storetest.MustDump(t, ctx, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		s := MustOpenStore(t, path)
		if diff := cmp.Diff(want, storetest.MustDump(t, ctx, s), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("graph after reopening (-before +after):\n%s", diff)
		}
		s.Close()
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, distinct int
	if err := db.QueryRow(`SELECT count(*), count(DISTINCT name) FROM migrations`).Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if n == 0 || n != distinct {
		t.Fatalf("migrations table has %d rows, %d distinct: want each migration once", n, distinct)
	}
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode=%q, %v; want wal", mode, err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("These are my notes, not a database.\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, dsn, msg string
	}{
		{"NotADatabase", notDB, "is not an SQLite database"},
		{"MissingDirectory", filepath.Join(dir, "no", "such", "dir", "e.db"), "Cannot open the SQLite database"},
		{"Directory", dir, "Cannot open the SQLite database"},
		{"Empty", "", "path required"},
		{"QueryInPath", filepath.Join(dir, "e.db?mode=ro"), "must not contain"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := sqlite.NewStore(tt.dsn)
			err := s.Open(context.Background())
			if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
				t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
			}
			if !strings.Contains(entente.ErrorMessage(err), tt.msg) {
				t.Fatalf("message %q lacks %q", entente.ErrorMessage(err), tt.msg)
			}
		})
	}
	// The file that is not a database is left as it was.
	if b, _ := os.ReadFile(notDB); !strings.HasPrefix(string(b), "These are my notes") {
		t.Fatalf("Open changed a file that is not a database")
	}
}

func TestReadOnlyFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write to read-only files; run as another user to test this")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "entente.db")
	s := MustOpenStore(t, path)
	s.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	err := sqlite.NewStore(path).Open(ctx)
	if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
		t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
	}
}

// TestLockedByAnotherWriter holds the write lock from another connection,
// as a second process would, and expects a clear error once BusyTimeout
// has passed, with nothing stored.
func TestLockedByAnotherWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "entente.db")
	s := sqlite.NewStore(path)
	s.BusyTimeout = 200 * time.Millisecond
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.UpsertArticles(ctx, storetest.Fixtures())
	if got, want := entente.ErrorCode(err), entente.EUNAVAILABLE; got != want {
		t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
	}
	if !strings.Contains(entente.ErrorMessage(err), "locked") {
		t.Fatalf("message %q does not say the database is locked", entente.ErrorMessage(err))
	}
	if waited := time.Since(start); waited < 150*time.Millisecond {
		t.Fatalf("gave up after %v, before the busy timeout", waited)
	}
	// Reads go on while another process writes.
	if _, _, err := s.FindEvents(ctx, entente.EventFilter{}); err != nil {
		t.Fatalf("FindEvents while locked: %v", err)
	}
	if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	storetest.MustUpsertArticles(t, ctx, s, storetest.Fixtures()...)
}

// TestTwoStoresOneFile runs writers in two stores on one file, as two
// ingesters in two processes would: BEGIN IMMEDIATE and the busy timeout
// serialise them, and the graph is the same as from one writer.
func TestTwoStoresOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "entente.db")
	stores := []*sqlite.Store{MustOpenStore(t, path), MustOpenStore(t, path)}
	articles := storetest.GenerateArticles(120, 3)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := storetest.GenerateArticles(120, 3)
			if i%2 == 1 {
				slices.Reverse(mine)
			}
			for len(mine) > 0 {
				n := min(len(mine), 7+i)
				if _, err := stores[i%2].UpsertArticles(ctx, mine[:n]); err != nil {
					errs <- err
					return
				}
				mine = mine[n:]
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("UpsertArticles: %v", err)
	}
	got := storetest.MustDump(t, ctx, stores[0])
	if diff := cmp.Diff(storetest.WantEvents(articles), got.Events, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
}

func TestIngestedAt(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewStore(":memory:")
	first := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.Now = func() time.Time { return first }
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := storetest.Fixtures()[0]
	storetest.MustUpsertArticle(t, ctx, s, a)
	s.Now = func() time.Time { return first.Add(time.Hour) }
	a.Title = "Changed"
	if res := storetest.MustUpsertArticle(t, ctx, s, a); res.Outcome != entente.Updated {
		t.Fatalf("Outcome=%v, want updated", res.Outcome)
	}
	got, err := s.FindArticleByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.IngestedAt.Equal(first) {
		t.Fatalf("IngestedAt=%v, want the first write's %v", got.IngestedAt, first)
	}
	// An article that says when it was ingested (an import) keeps it.
	b := storetest.Fixtures()[1]
	b.IngestedAt = time.Date(2020, 5, 6, 7, 8, 9, 10, time.UTC)
	storetest.MustUpsertArticle(t, ctx, s, b)
	if got, err := s.FindArticleByID(ctx, b.ID); err != nil || !got.IngestedAt.Equal(b.IngestedAt) {
		t.Fatalf("IngestedAt=%v, %v; want %v", got.IngestedAt, err, b.IngestedAt)
	}
}

func TestPingAfterClose(t *testing.T) {
	s := sqlite.NewStore(":memory:")
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got, want := entente.ErrorCode(s.Ping(context.Background())), entente.EUNAVAILABLE; got != want {
		t.Fatalf("Ping after Close: ErrorCode=%q, want %q", got, want)
	}
}

// TestUpsertCounts checks EventsAdded and EventsRemoved against the events
// the store holds before and after each write, over generated articles and
// random corrections of them (dates made coarser or changed, claims dropped).
func TestUpsertCounts(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t, ":memory:")
	ids := func() map[string]bool {
		events, _, err := s.FindEvents(ctx, entente.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, e := range events {
			m[e.ID] = true
		}
		return m
	}
	articles := storetest.GenerateArticles(80, 9)
	r := rand.New(rand.NewPCG(9, 9))
	for step := range 160 {
		a := articles[r.IntN(len(articles))]
		if step >= 80 {
			a = articles[step%80]
			for _, c := range a.Claims {
				switch r.IntN(4) {
				case 0:
					c.Date = c.Date.Truncate(entente.Precision(r.IntN(3)))
				case 1:
					c.Date = entente.Date{Year: 2001 + r.IntN(3), Month: 1 + r.IntN(2)}
				}
			}
			if len(a.Claims) > 1 && r.IntN(3) == 0 {
				a.Claims = a.Claims[1:]
			}
		}
		before := ids()
		res := storetest.MustUpsertArticle(t, ctx, s, a)
		after := ids()
		var added, removed int
		for id := range after {
			if !before[id] {
				added++
			}
		}
		for id := range before {
			if !after[id] {
				removed++
			}
		}
		if res.EventsAdded != added || res.EventsRemoved != removed {
			t.Fatalf("step %d, %s (%s): EventsAdded=%d EventsRemoved=%d, want %d and %d",
				step, a.ID, res.Outcome, res.EventsAdded, res.EventsRemoved, added, removed)
		}
	}
	if diff := cmp.Diff(storetest.WantEvents(articles), storetest.MustDump(t, ctx, s).Events, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
}
