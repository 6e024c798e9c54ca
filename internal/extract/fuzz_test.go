package extract

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/entente/entente/internal/entente"
)

// FuzzExtract feeds the pipeline's entry point arbitrary text: it must
// return an error with a code or a valid extraction, never panic or hang.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Sweden formally joined NATO last Thursday. Its neighbour Finland joined last year.",
		"Kazakh President Kassym-Jomart Tokayev plans to visit an upcoming BRICS forum on Oct. 23-24 in Russia's Kazan.",
		"Four new members – Egypt, Ethiopia, Iran, and the United Arab Emirates – joined the international organization at the start of 2024.",
		"Niger, Mali and Burkina Faso said on Sunday they are leaving ECOWAS. All three were suspended from ECOWAS.",
		"Kazan [Russia]: Xi Jinping arrived in Kazan on Tuesday to attend the 16th BRICS Summit.",
		"the the the 's 's 's , , , ( ) ( ) — –",
		"Mr. Mr. Mr. President President of of the the",
		"\x00\x01\x02",
		"",
	} {
		f.Add(s, "2024-10-16")
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, pub string) {
		published, err := entente.ParseDate(pub)
		if err != nil {
			published = entente.Date{}
		}
		ex, err := x.Extract(context.Background(), Input{ID: "fuzz", Published: published, Text: text})
		if err != nil {
			if entente.ErrorCode(err) != entente.EINVALID {
				t.Fatalf("error %v: want EINVALID", err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatal("invalid UTF-8 accepted")
		}
		checkExtraction(t, text, ex)
	})
}
