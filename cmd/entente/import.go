package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/entente"
)

// runImport is being built; see the issue tracker.
func runImport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return entente.Errorf(entente.ENOTIMPLEMENTED, "entente import is not built yet.")
}
