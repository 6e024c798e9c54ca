package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/entente"
)

// runExport is being built; see the issue tracker.
func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return entente.Errorf(entente.ENOTIMPLEMENTED, "entente export is not built yet.")
}
