package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/entente"
)

// runReprocess is being built; see the issue tracker.
func runReprocess(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return entente.Errorf(entente.ENOTIMPLEMENTED, "entente reprocess is not built yet.")
}
