package entente

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
	"unicode/utf8"
)

// MaxArticleBytes bounds an article's text: larger input is EINVALID.
const MaxArticleBytes = 10 << 20

// Article is one news article and what extraction found in it.
type Article struct {
	ID        string // given by the caller, or derived by ArticleID
	URL       string // canonical URL, "" when unknown
	Title     string
	Publisher string
	Published Date // "" when no date was found
	Text      string
	Hash      string // ContentHash(Text)

	// ExtractorVersion names the extractor that produced Entities and
	// Claims, so reprocessing knows what is stale.
	ExtractorVersion string
	IngestedAt       time.Time // set by the store on first write

	Entities []*Entity
	Claims   []*Claim
}

// Validate returns EINVALID for an article that cannot be stored.
func (a *Article) Validate() error {
	switch {
	case a.ID == "":
		return Errorf(EINVALID, "Article id required.")
	case len(a.Text) > MaxArticleBytes:
		return Errorf(EINVALID, "Article %q is %d bytes; the limit is %d.", a.ID, len(a.Text), MaxArticleBytes)
	case !utf8.ValidString(a.Text):
		return Errorf(EINVALID, "Article %q is not valid UTF-8 text.", a.ID)
	}
	for _, e := range a.Entities {
		if err := e.Validate(); err != nil {
			return err
		}
	}
	for _, c := range a.Claims {
		if err := c.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// ContentHash returns the hex SHA-256 of an article's text.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// ArticleID derives an article id when the caller gives none: from the
// canonical URL when there is one, else from the text.
func ArticleID(url, text string) string {
	if url != "" {
		sum := sha256.Sum256([]byte(url))
		return "url-" + hex.EncodeToString(sum[:8])
	}
	sum := sha256.Sum256([]byte(text))
	return "txt-" + hex.EncodeToString(sum[:8])
}

// Extraction is what extraction found in one article: the article object of
// shared/contract/extract.md.
type Extraction struct {
	ID       string    `json:"id"`
	Entities []*Entity `json:"entities"`
	Events   []*Claim  `json:"events"`
}

// Fingerprint hashes everything stored for an article but the time it was
// ingested, so that stores can tell an identical write (Unchanged) cheaply.
func (a *Article) Fingerprint() (string, error) {
	v := struct {
		ID, URL, Title, Publisher string
		Published                 Date
		Hash, Text, Extractor     string
		Entities                  []*Entity
		Claims                    []*Claim
	}{a.ID, a.URL, a.Title, a.Publisher, a.Published, a.Hash, a.Text, a.ExtractorVersion, a.Entities, a.Claims}
	b, err := json.Marshal(v)
	if err != nil {
		return "", Errorf(EINVALID, "Article %q cannot be encoded: %v", a.ID, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// URLOrNil returns the article's URL, or nil when unknown: the API's null.
func (a *Article) URLOrNil() *string { return orNil(a.URL) }

// TitleOrNil returns the article's title, or nil when unknown.
func (a *Article) TitleOrNil() *string { return orNil(a.Title) }

// PublisherOrNil returns the article's publisher, or nil when unknown.
func (a *Article) PublisherOrNil() *string { return orNil(a.Publisher) }

func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
