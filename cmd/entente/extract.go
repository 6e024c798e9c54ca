package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/entente"
)

// runExtract is being built; see the issue tracker.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return entente.Errorf(entente.ENOTIMPLEMENTED, "entente extract is not built yet.")
}
