package ingest

import (
	"context"

	"github.com/entente/entente/internal/entente"
)

// reprocessPage is how many stored articles one FindArticles call reads.
const reprocessPage = 256

// Reprocess re-runs the extractor over the stored articles that another
// extractor version read (all of them with all) and stores what it finds
// now. OnStored reports each article's UpsertResult, and the Stats count
// the events added and removed: how the graph changed.
func (p *Pipeline) Reprocess(ctx context.Context, all bool) (Stats, error) {
	return p.Run(ctx, &storeSource{store: p.Store, version: p.ExtractorVersion, all: all})
}

// storeSource yields the stored articles in id order, a page at a time.
type storeSource struct {
	store   entente.ArticleStore
	version string
	all     bool
}

func (s *storeSource) Items(ctx context.Context, emit func(*Item) error) error {
	after := ""
	for {
		as, _, err := s.store.FindArticles(ctx, entente.ArticleFilter{After: after, Limit: reprocessPage})
		if err != nil {
			return err
		}
		for _, a := range as {
			it := &Item{
				Name: a.ID, ID: a.ID, URL: a.URL, Title: a.Title, Publisher: a.Publisher,
				Published: a.Published, Text: a.Text, known: true,
				upToDate: !s.all && a.ExtractorVersion == s.version,
			}
			if it.upToDate {
				it.Text = ""
			}
			if err := emit(it); err != nil {
				return err
			}
		}
		if len(as) < reprocessPage {
			return nil
		}
		after = as[len(as)-1].ID
	}
}
