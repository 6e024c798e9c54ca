// Command entente extracts geopolitical events from news articles, keeps them
// in a knowledge graph and serves them over GraphQL.
//
// Usage:
//
//	entente extract [--published D] [--url U] [FILE] | --jsonl
//	entente ingest  [--store S] [--jsonl] [PATH|URL|-]...
//	entente serve   [--store S] [--addr HOST:PORT]
//	entente export  [--store S] [FILE]
//	entente import  [--store S] [FILE|-]
//	entente reprocess [--store S]
//
// This is the only package that imports the stores, the ingester and the
// GraphQL layer; it wires them by hand.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/entente/entente/internal/entente"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

const usage = `entente: geopolitical events from news, as a knowledge graph.

Usage:
  entente extract [--published D] [--url U] [FILE] | --jsonl   extract events; touches no store
  entente ingest  [--store S] [--jsonl] [PATH|URL|-]...        extract and store articles
  entente serve   [--store S] [--addr HOST:PORT] [--read-cache MIB]  serve GraphQL at /graphql
  entente export  [--store S] [FILE]                           write the graph as JSON lines
  entente import  [--store S] [FILE|-]                         read an export into a store
  entente reprocess [--store S]                                re-extract stored articles

The store is --store or ENTENTE_STORE: sqlite:PATH (default sqlite:entente.db)
or a Neo4j URI (neo4j://, neo4j+s://, bolt://, bolt+s://).
Run 'entente COMMAND -h' for a command's flags.
`

// errUsage marks a usage error: exit status 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

// errExit carries an exit status with nothing more to print: the command has
// already reported what went wrong.
type errExit int

func (e errExit) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// Run runs the entente command line with args (without the program name).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "extract":
		return runExtract(ctx, rest, stdin, stdout, stderr)
	case "ingest":
		return runIngest(ctx, rest, stdin, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdin, stdout, stderr)
	case "export":
		return runExport(ctx, rest, stdin, stdout, stderr)
	case "import":
		return runImport(ctx, rest, stdin, stdout, stderr)
	case "reprocess":
		return runReprocess(ctx, rest, stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return errUsage{fmt.Sprintf("unknown command %q", cmd)}
}

// exitCode reports err on w and returns the process exit status: 0 on
// success, 2 on usage errors, 1 otherwise.
func exitCode(err error, w io.Writer) int {
	var u errUsage
	var x errExit
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &x):
		return int(x)
	case errors.As(err, &u):
		fmt.Fprintf(w, "entente: %s\n", u.msg)
		return 2
	case entente.ErrorCode(err) == entente.EINTERNAL:
		fmt.Fprintf(w, "entente: %v\n", err)
	default:
		fmt.Fprintf(w, "entente: %s\n", entente.ErrorMessage(err))
	}
	return 1
}

// newFlagSet returns a flag set that reports errors instead of exiting, and
// prints its usage to stderr.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: entente %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning a flag error into a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage{err.Error()}
	}
	return nil
}

// storeFlag adds --store with its ENTENTE_STORE fallback.
func storeFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("ENTENTE_STORE")
	if def == "" {
		def = "sqlite:entente.db"
	}
	return fs.String("store", def, "store: sqlite:PATH or a Neo4j URI (env ENTENTE_STORE)")
}
