package sqlite_test

import (
	"context"
	"testing"

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
