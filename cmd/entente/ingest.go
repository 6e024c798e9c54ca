package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/entente"
)

// runIngest is being built; see the issue tracker.
func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return entente.Errorf(entente.ENOTIMPLEMENTED, "entente ingest is not built yet.")
}
