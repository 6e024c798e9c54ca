package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/entente"
)

// runServe is being built; see the issue tracker.
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return entente.Errorf(entente.ENOTIMPLEMENTED, "entente serve is not built yet.")
}
