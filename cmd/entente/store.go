package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/sqlite"
)

// storeForms names the accepted --store values, for errors.
const storeForms = "sqlite:PATH (such as sqlite:entente.db) or a Neo4j URI (neo4j://, neo4j+s://, bolt://, bolt+s://)"

// openStore opens the store that url names: "sqlite:PATH" for the embedded
// store, or a Neo4j URI. The optional logger receives the store's logs. An
// unknown form is a usage error (exit status 2) with code EINVALID.
func openStore(ctx context.Context, url string, loggers ...*slog.Logger) (entente.Store, error) {
	logger := slog.New(slog.DiscardHandler)
	if len(loggers) > 0 && loggers[0] != nil {
		logger = loggers[0]
	}
	scheme, rest, _ := strings.Cut(url, ":")
	switch strings.ToLower(scheme) {
	case "sqlite":
		// sqlite:///abs/path is accepted too, as a URL.
		path := strings.TrimPrefix(rest, "//")
		if path == "" {
			return nil, storeUsage("--store %q names no file: want sqlite:PATH, such as sqlite:entente.db.", url)
		}
		s := sqlite.NewStore(path)
		s.Logger = logger
		if err := s.Open(ctx); err != nil {
			return nil, err
		}
		return s, nil

	case "neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc":
		s, err := newNeo4jStore(url, nil)
		if err != nil {
			return nil, err
		}
		s.Logger = logger
		if err := s.Open(ctx); err != nil {
			return nil, err
		}
		return s, nil
	}
	return nil, storeUsage("Unknown store %q: want %s.", url, storeForms)
}

// storeUsage returns an EINVALID error that the command line also reports as
// a usage error.
func storeUsage(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return errors.Join(errUsage{msg}, entente.Errorf(entente.EINVALID, "%s", msg))
}
