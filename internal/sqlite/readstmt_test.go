package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// More query shapes than the cache keeps still run, each correctly, and
// the cache stops growing at its bound. With one reader, whose connection
// the transaction holds, a new shape must not wait for a connection.
func TestReadStmtsBeyondCache(t *testing.T) {
	for _, dsn := range []string{":memory:", filepath.Join(t.TempDir(), "entente.db")} {
		t.Run(dsn, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			s := NewStore(dsn)
			s.MaxReaders = 1
			if err := s.Open(ctx); err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for round := 0; round < 2; round++ {
				for i := range maxReadStmts + 20 {
					tx, err := s.readTx(ctx)
					if err != nil {
						t.Fatal(err)
					}
					var got int
					err = s.queryRow(ctx, tx, fmt.Sprintf("SELECT ? + %d", i), []any{round}, &got)
					tx.Rollback()
					if err != nil {
						t.Fatalf("query %d: %v", i, err)
					}
					if got != round+i {
						t.Fatalf("query %d: got %d, want %d", i, got, round+i)
					}
				}
			}
			var n int
			for {
				s.reads.mu.Lock()
				var busy int
				n, busy = len(s.reads.m), len(s.reads.preparing)
				s.reads.mu.Unlock()
				if busy == 0 {
					break
				}
				if ctx.Err() != nil {
					t.Fatalf("%d statements still being prepared", busy)
				}
				time.Sleep(time.Millisecond)
			}
			want := maxReadStmts
			if dsn == ":memory:" {
				want = 0
			}
			if n != want {
				t.Errorf("cached %d statements, want %d", n, want)
			}
		})
	}
}

func TestJSONIn(t *testing.T) {
	ctx := context.Background()
	s := NewStore(filepath.Join(t.TempDir(), "entente.db"))
	if err := s.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tt := range []struct {
		name   string
		values []string
		want   int
	}{
		{"none", []string{}, 0},
		{"quotes and unicode", []string{`a"b`, "ü", `\`}, 3},
		{"many", make([]string, 5000), 1}, // all "": one distinct value
	} {
		t.Run(tt.name, func(t *testing.T) {
			tx, err := s.readTx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			cond, arg := jsonIn("v", tt.values)
			var got int
			q := `WITH t(v) AS (SELECT 'a"b' UNION ALL SELECT 'ü' UNION ALL SELECT '\' UNION ALL SELECT '' UNION ALL SELECT 'x')
				SELECT count(*) FROM t WHERE ` + cond
			if err := s.queryRow(ctx, tx, q, []any{arg}, &got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("matched %d rows, want %d", got, tt.want)
			}
		})
	}
}
