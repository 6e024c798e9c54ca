package ingest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/internal/ingest"
)

// FuzzParse feeds arbitrary bytes to the article parsers and the JSON lines
// reader: they must return an article or an error, never panic or hang.
func FuzzParse(f *testing.F) {
	f.Add(page(`<meta property="article:published_time" content="2024-10-16">`, body), "a.html")
	f.Add("Title: T\nPublished: 2024-10-16\n\n"+natoText, "a.txt")
	f.Add(`{"id":"x","published":"2024-10-16","text":"`+natoText+`"}`+"\n{bad", "a.jsonl")
	f.Add("<div><div><p>unclosed <b><i>nested", "b.html")
	f.Add("\xef\xbb\xbfBRUSSELS, Oct. 16, 2024 - \xe9t\xe9", "c.txt")
	f.Fuzz(func(t *testing.T, in, name string) {
		start := time.Now()
		defer func() {
			// Inputs are small: anything slow is a pathological case.
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("%d bytes took %v", len(in), d)
			}
		}()
		if p, err := ingest.Parse(strings.NewReader(in), name, ""); err == nil && strings.TrimSpace(p.Text) == "" {
			t.Errorf("Parse(%q) gave an empty article and no error", in)
		}
		src := ingest.NewSource("-", ingest.SourceOptions{JSONL: true, Stdin: strings.NewReader(in)})
		src.Items(context.Background(), func(it *ingest.Item) error {
			if it.Err == nil && strings.TrimSpace(it.Text) == "" {
				t.Errorf("JSON line %s gave no text and no error", it.Name)
			}
			return nil
		})
	})
}
