package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/entente/entente/internal/entente"
)

// maxImportLine bounds one line of an export: an article of the largest
// allowed text, escaped, with its extraction.
const maxImportLine = 8*entente.MaxArticleBytes + 16<<20

// runImport reads an export (see export.go) into a store. Articles already
// there with the same content are left unchanged, so importing twice is
// harmless. A bad line is reported and skipped, the others are stored, and
// the exit status is then 1.
func runImport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", "[--store S] [FILE|-]", stderr)
	store := storeFlag(fs)
	batch := fs.Int("batch", 200, "articles per write transaction")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return errUsage{fmt.Sprintf("import takes at most one FILE, got %d arguments", fs.NArg())}
	}
	if *batch < 1 {
		return errUsage{fmt.Sprintf("--batch must be at least 1, got %d", *batch)}
	}
	name, in := "stdin", stdin
	if p := fs.Arg(0); p != "" && p != "-" {
		f, err := os.Open(p)
		if err != nil {
			return entente.Errorf(entente.EINVALID, "Cannot read %s: %v", p, err)
		}
		defer f.Close()
		name, in = p, f
	}
	s, err := openStore(ctx, *store)
	if err != nil {
		return err
	}
	defer s.Close()

	sum, err := importArticles(ctx, s, in, name, *batch, stderr)
	fmt.Fprintf(stderr, "entente: imported %d articles from %s: %d created, %d updated, %d unchanged",
		sum.stored(), name, sum.outcomes[entente.Created], sum.outcomes[entente.Updated], sum.outcomes[entente.Unchanged])
	if sum.curations > 0 {
		fmt.Fprintf(stderr, "; %d curations", sum.curations)
	}
	if sum.failed > 0 {
		fmt.Fprintf(stderr, "; %d lines failed", sum.failed)
	}
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	if sum.failed > 0 {
		return errExit(1)
	}
	return nil
}

type importSummary struct {
	outcomes  map[entente.Outcome]int
	curations int // recorded, or found recorded already
	failed    int
}

func (s importSummary) stored() int {
	n := 0
	for _, v := range s.outcomes {
		n += v
	}
	return n
}

// importArticles reads the export in r into s in batches, then records its
// curations, once every article they concern is stored. Lines that are not
// valid articles or curations are reported on stderr and counted; an error
// that is not the input's (the store failing) stops the import.
func importArticles(ctx context.Context, s entente.Store, r io.Reader, name string, batchSize int, stderr io.Writer) (importSummary, error) {
	sum := importSummary{outcomes: map[entente.Outcome]int{}}
	br := bufio.NewReaderSize(r, 1<<20)
	var batch []*entente.Article
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := s.UpsertArticles(ctx, batch)
		if err != nil {
			return fmt.Errorf("import %s: %w", name, err)
		}
		for _, r := range res {
			sum.outcomes[r.Outcome]++
		}
		batch = batch[:0]
		return nil
	}
	type numbered struct {
		line int
		c    *entente.Curation
	}
	var curations []numbered
	header := false
	for line := 1; ; line++ {
		b, err := readLine(br)
		if err == io.EOF {
			break
		}
		if err != nil {
			return sum, entente.Errorf(entente.EINVALID, "%s line %d: %v", name, line, err)
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		if !header {
			if err := checkHeader(b); err != nil {
				return sum, entente.Errorf(entente.EINVALID, "%s line %d: %s", name, line, entente.ErrorMessage(err))
			}
			header = true
			continue
		}
		if bytes.HasPrefix(b, []byte(`{"curation"`)) {
			c, err := decodeCuration(b)
			if err != nil {
				fmt.Fprintf(stderr, "entente: %s line %d: %s\n", name, line, entente.ErrorMessage(err))
				sum.failed++
				continue
			}
			curations = append(curations, numbered{line, c})
			continue
		}
		a, err := decodeArticle(b)
		if err != nil {
			fmt.Fprintf(stderr, "entente: %s line %d: %s\n", name, line, entente.ErrorMessage(err))
			sum.failed++
			continue
		}
		batch = append(batch, a)
		if len(batch) >= batchSize {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	if !header {
		return sum, entente.Errorf(entente.EINVALID, "%s is empty: want an entente export.", name)
	}
	if err := flush(); err != nil {
		return sum, err
	}
	for _, n := range curations {
		switch _, err := s.Curate(ctx, n.c); entente.ErrorCode(err) {
		case "":
			sum.curations++
		case entente.EINVALID, entente.ENOTFOUND, entente.ECONFLICT:
			// The curation does not fit the graph imported (its article is missing, say).
			fmt.Fprintf(stderr, "entente: %s line %d: %s\n", name, n.line, entente.ErrorMessage(err))
			sum.failed++
		default:
			return sum, fmt.Errorf("import %s: %w", name, err)
		}
	}
	return sum, nil
}

func decodeCuration(b []byte) (*entente.Curation, error) {
	var x curationLine
	if err := json.Unmarshal(b, &x); err != nil {
		return nil, entente.Errorf(entente.EINVALID, "invalid curation: %v", err)
	}
	if x.Curation == nil {
		return nil, entente.Errorf(entente.EINVALID, "invalid curation: the line has no curation object.")
	}
	c := x.Curation
	if c.ID == "" || c.CreatedAt.IsZero() {
		return nil, entente.Errorf(entente.EINVALID, "invalid curation: an exported curation has an id and a time.")
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its newline, at most
// maxImportLine bytes long.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxImportLine {
			return nil, fmt.Errorf("%w (over %d bytes)", errLineTooLong, maxImportLine)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(line) > 0:
			return line, nil
		case err != nil:
			return nil, err
		}
		return line, nil
	}
}

func checkHeader(b []byte) error {
	var h exportHeader
	if err := json.Unmarshal(b, &h); err != nil || h.Format != exportFormat {
		return entente.Errorf(entente.EINVALID, "not an entente export: the first line must be its header {\"format\":%q,...}.", exportFormat)
	}
	if h.Version < 1 || h.Version > exportVersion {
		return entente.Errorf(entente.EINVALID, "export format version %d; this entente reads versions 1 to %d.", h.Version, exportVersion)
	}
	return nil
}

func decodeArticle(b []byte) (*entente.Article, error) {
	var x exportArticle
	if err := json.Unmarshal(b, &x); err != nil {
		if entente.ErrorCode(err) == entente.EINVALID {
			return nil, err
		}
		return nil, entente.Errorf(entente.EINVALID, "invalid article: %v", err)
	}
	a := x.article()
	if a.Hash == "" {
		a.Hash = entente.ContentHash(a.Text)
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return a, nil
}
