// Package extract turns a news article into the countries, blocs and persons
// it names and the dated bloc events it states (shared/contract/extract.md).
//
// It is pure: no I/O, no store. It imports the domain package, its own dates
// package and prose (for named-entity recognition); nothing else of Entente.
package extract

import (
	"context"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"github.com/entente/entente/internal/entente"
)

// Version names the extraction rules. Bump it whenever a rule changes: it is
// stored with every article so reprocessing knows what is stale.
const Version = "extract/6"

// Input is one article to extract from. Text is plain text.
type Input struct {
	ID        string
	URL       string
	Published entente.Date
	Text      string
}

// Extractor holds the gazetteers and the prose model, loaded once per
// process. It is safe for concurrent use by many goroutines.
type Extractor struct {
	gaz *gazetteer
	// findDates finds the date expressions of a text.
	findDates func(text string, published entente.Date) []dateSpan

	// prose's model is loaded lazily, once, the first time an article needs
	// NER: many articles never do.
	modelOnce sync.Once
	model     *prose.Model
}

// New loads the gazetteers.
func New() (*Extractor, error) {
	g, err := newGazetteer()
	if err != nil {
		return nil, err
	}
	return &Extractor{gaz: g, findDates: findDates}, nil
}

func (x *Extractor) proseModel() *prose.Model {
	x.modelOnce.Do(func() { x.model = prose.ModelFromData("en") })
	return x.model
}

// Extract returns the entities and events of one article. Text that is
// empty, too large or not text is EINVALID; text with nothing to find gives
// an empty result.
func (x *Extractor) Extract(ctx context.Context, in Input) (*entente.Extraction, error) {
	if err := checkText(in.Text); err != nil {
		return nil, err
	}
	d := newDoc(x, in)
	if err := d.run(ctx); err != nil {
		return nil, err
	}
	return d.result(in.ID), nil
}

func checkText(text string) error {
	switch {
	case len(text) > entente.MaxArticleBytes:
		return entente.Errorf(entente.EINVALID, "Article text is %d bytes; the limit is %d.", len(text), entente.MaxArticleBytes)
	case !utf8.ValidString(text):
		return entente.Errorf(entente.EINVALID, "Article text is not valid UTF-8: binary data?")
	case strings.TrimSpace(text) == "":
		return entente.Errorf(entente.EINVALID, "Article text is empty.")
	}
	// Valid UTF-8 can still be binary: NULs and other control characters
	// are rare in text and common in binary files.
	ctl := 0
	for _, r := range text {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' {
			ctl++
		}
	}
	if ctl > 0 && ctl*100 > utf8.RuneCountInString(text) {
		return entente.Errorf(entente.EINVALID, "Article text has %d control characters: binary data?", ctl)
	}
	return nil
}
