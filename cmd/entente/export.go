package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/entente/entente/internal/entente"
)

// The export format: JSON lines. The first line is a header,
//
//	{"format":"entente-export","version":1,"exportedAt":"2026-11-27T11:00:00Z"}
//
// then each line is one article with its extraction as found, the entities
// and "events" (claims) in the shape of shared/contract/extract.md, and last
// each curation, oldest first, as {"curation":{...}}. Articles, their claims
// and the curations are the whole graph: events, sources, entities and
// memberships are derived from them, the same way by every store. Version 1
// had no curations; import reads both.
const (
	exportFormat  = "entente-export"
	exportVersion = 2
)

type exportHeader struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exportedAt,omitzero"`
}

type exportArticle struct {
	ID               string            `json:"id"`
	URL              string            `json:"url,omitempty"`
	Title            string            `json:"title,omitempty"`
	Publisher        string            `json:"publisher,omitempty"`
	Published        entente.Date      `json:"published"`
	Hash             string            `json:"hash,omitempty"`
	ExtractorVersion string            `json:"extractorVersion,omitempty"`
	IngestedAt       time.Time         `json:"ingestedAt,omitzero"`
	Text             string            `json:"text"`
	Entities         []*entente.Entity `json:"entities"`
	Events           []*entente.Claim  `json:"events"`
}

// curationLine is one curation's line.
type curationLine struct {
	Curation *entente.Curation `json:"curation"`
}

func toExport(a *entente.Article) exportArticle {
	return exportArticle{
		ID: a.ID, URL: a.URL, Title: a.Title, Publisher: a.Publisher, Published: a.Published,
		Hash: a.Hash, ExtractorVersion: a.ExtractorVersion, IngestedAt: a.IngestedAt, Text: a.Text,
		Entities: a.Entities, Events: a.Claims,
	}
}

func (x exportArticle) article() *entente.Article {
	return &entente.Article{
		ID: x.ID, URL: x.URL, Title: x.Title, Publisher: x.Publisher, Published: x.Published,
		Hash: x.Hash, ExtractorVersion: x.ExtractorVersion, IngestedAt: x.IngestedAt, Text: x.Text,
		Entities: x.Entities, Claims: x.Events,
	}
}

// exportPage is how many articles export reads at a time.
const exportPage = 200

// runExport writes the whole graph as JSON lines to FILE, or to stdout.
func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "[--store S] [FILE]", stderr)
	store := storeFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return errUsage{fmt.Sprintf("export takes at most one FILE, got %d arguments", fs.NArg())}
	}
	path := fs.Arg(0)
	s, err := openStore(ctx, *store)
	if err != nil {
		return err
	}
	defer s.Close()

	if path == "" || path == "-" {
		n, err := export(ctx, s, stdout)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "entente: exported %d articles\n", n)
		return nil
	}
	// Write beside the target and rename, so that an interrupted export
	// never leaves a truncated backup under the real name.
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return entente.Errorf(entente.EINVALID, "Cannot write %s: %v", path, err)
	}
	defer os.Remove(f.Name())
	n, err := export(ctx, s, f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write %s: %w", path, cerr)
	}
	if err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(stderr, "entente: exported %d articles to %s\n", n, path)
	return nil
}

// export writes the header and every article of s, in id order, and returns
// how many articles it wrote.
func export(ctx context.Context, s entente.Store, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(exportHeader{Format: exportFormat, Version: exportVersion, ExportedAt: time.Now().UTC()}); err != nil {
		return 0, fmt.Errorf("write export: %w", err)
	}
	n, after := 0, ""
	for {
		arts, _, err := s.FindArticles(ctx, entente.ArticleFilter{After: after, Limit: exportPage, WithExtraction: true})
		if err != nil {
			return n, err
		}
		for _, a := range arts {
			if err := enc.Encode(toExport(a)); err != nil {
				return n, fmt.Errorf("write export: %w", err)
			}
			n++
		}
		if len(arts) < exportPage {
			return n, exportCurations(ctx, s, enc)
		}
		after = arts[len(arts)-1].ID
	}
}

// exportCurations writes every curation, oldest first.
func exportCurations(ctx context.Context, s entente.Store, enc *json.Encoder) error {
	var all []*entente.Curation
	for {
		cs, _, err := s.FindCurations(ctx, entente.CurationFilter{Offset: len(all), Limit: exportPage})
		if err != nil {
			return err
		}
		all = append(all, cs...)
		if len(cs) < exportPage {
			break
		}
	}
	for i := len(all) - 1; i >= 0; i-- {
		if err := enc.Encode(curationLine{all[i]}); err != nil {
			return fmt.Errorf("write export: %w", err)
		}
	}
	return nil
}
