package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/internal/entente"
)

func TestOpenStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, tt := range []struct {
		name  string
		url   string
		code  string // "" when the store opens
		usage bool   // a usage error: exit status 2
		msg   string
	}{
		{"SQLite", "sqlite:" + filepath.Join(dir, "a.db"), "", false, ""},
		{"SQLiteURL", "sqlite://" + filepath.Join(dir, "b.db"), "", false, ""},
		{"SQLiteMemory", "sqlite::memory:", "", false, ""},
		{"SQLiteNoPath", "sqlite:", entente.EINVALID, true, "names no file"},
		{"SQLiteMissingDir", "sqlite:" + filepath.Join(dir, "no", "such", "dir", "e.db"), entente.EINVALID, false, "Cannot open the SQLite database"},
		{"Unknown", "postgres://localhost/entente", entente.EINVALID, true, "sqlite:PATH"},
		{"BarePath", "entente.db", entente.EINVALID, true, "neo4j://"},
		{"Empty", "", entente.EINVALID, true, "Unknown store"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := openStore(ctx, tt.url)
			if got := entente.ErrorCode(err); got != tt.code {
				t.Fatalf("ErrorCode=%q, want %q (err %v)", got, tt.code, err)
			}
			if err == nil {
				defer s.Close()
				if err := s.Ping(ctx); err != nil {
					t.Fatalf("Ping: %v", err)
				}
				return
			}
			if !strings.Contains(entente.ErrorMessage(err), tt.msg) {
				t.Fatalf("message %q lacks %q", entente.ErrorMessage(err), tt.msg)
			}
			want := 1
			if tt.usage {
				want = 2
			}
			if got := exitCode(err, &bytes.Buffer{}); got != want {
				t.Fatalf("exit status %d, want %d", got, want)
			}
		})
	}
}
