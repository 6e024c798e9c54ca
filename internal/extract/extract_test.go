package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/internal/entente"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// testArticle is a testdata input: the --jsonl line shape.
type testArticle struct {
	ID        string       `json:"id"`
	URL       string       `json:"url"`
	Published entente.Date `json:"published"`
	Text      string       `json:"text"`
}

// TestGolden extracts every testdata/NAME.json and compares the result with
// testdata/NAME.golden.json; -update rewrites the goldens.
func TestGolden(t *testing.T) {
	x := mustExtractor(t)
	files, err := filepath.Glob("testdata/*.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range files {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		n++
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var a testArticle
			if err := json.Unmarshal(b, &a); err != nil {
				t.Fatal(err)
			}
			ex, err := x.Extract(context.Background(), Input{ID: a.ID, URL: a.URL, Published: a.Published, Text: a.Text})
			if err != nil {
				t.Fatal(err)
			}
			checkExtraction(t, a.Text, ex)
			got, err := json.MarshalIndent(ex, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from the golden (-want +got):\n%s", name, diff)
			}
		})
	}
	if n == 0 {
		t.Fatal("no testdata articles")
	}
}

// checkExtraction checks what every extraction must satisfy: valid claims,
// evidence offsets in code points that quote the text.
func checkExtraction(t *testing.T, text string, ex *entente.Extraction) {
	t.Helper()
	runes := []rune(text)
	for _, e := range ex.Entities {
		if err := e.Validate(); err != nil {
			t.Errorf("entity %s: %v", e.Key(), err)
		}
	}
	for _, c := range ex.Events {
		if err := c.Validate(); err != nil {
			t.Errorf("event %s: %v", compact(c), err)
		}
		ev := c.Evidence
		if ev.End > len(runes) {
			t.Errorf("event %s: evidence end %d beyond the text's %d code points", compact(c), ev.End, len(runes))
			continue
		}
		if got := string(runes[ev.Start:ev.End]); got != ev.Sentence {
			t.Errorf("event %s: evidence %q does not match text[%d:%d] %q", compact(c), ev.Sentence, ev.Start, ev.End, got)
		}
	}
}

func TestExtractBadInput(t *testing.T) {
	x := mustExtractor(t)
	for _, tc := range []struct {
		name string
		text string
		code string // "" for an empty result
	}{
		{"empty", "", entente.EINVALID},
		{"blank", " \n\t ", entente.EINVALID},
		{"invalid utf-8", "Sweden joined NATO \xff\xfe", entente.EINVALID},
		{"binary", strings.Repeat("\x00\x01\x02PK\x03", 200), entente.EINVALID},
		{"too large", strings.Repeat("a", entente.MaxArticleBytes+1), entente.EINVALID},
		{"not english", "Schweden ist am Donnerstag der Nato beigetreten, teilte die Regierung mit.", ""},
		{"only punctuation", strings.Repeat("!?.,;:-", 1000), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := x.Extract(context.Background(), Input{ID: "x", Published: entente.MustParseDate("2024-01-01"), Text: tc.text})
			if got, want := entente.ErrorCode(err), tc.code; got != want {
				t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
			}
			if err != nil {
				if entente.ErrorMessage(err) == "" {
					t.Fatal("error without a message")
				}
				return
			}
			if len(ex.Events) != 0 {
				t.Fatalf("events %v, want none", ex.Events)
			}
		})
	}
}

func TestExtractLargeArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	x := mustExtractor(t)
	fact := "Sweden formally joined NATO on Thursday, and Finland joined last year.\n"
	filler := "The ministers discussed trade, energy and the weather at length in the capital.\n"
	var b strings.Builder
	b.WriteString(fact)
	for b.Len()+len(filler)+len(fact) < entente.MaxArticleBytes {
		b.WriteString(filler)
	}
	b.WriteString(fact)
	ex, err := x.Extract(context.Background(), Input{ID: "big", Published: entente.MustParseDate("2024-03-11"), Text: b.String()})
	if err != nil {
		t.Fatal(err)
	}
	// A fact stated twice is one event.
	if got, want := len(ex.Events), 2; got != want {
		for _, e := range ex.Events {
			t.Log(compact(e))
		}
		t.Fatalf("len(Events)=%d, want %d", got, want)
	}
}

func TestExtractCanceled(t *testing.T) {
	x := mustExtractor(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := x.Extract(ctx, Input{ID: "c", Text: "Sweden joined NATO."})
	if err == nil {
		t.Fatal("want an error from a canceled context")
	}
}

func TestExtractConcurrent(t *testing.T) {
	x := mustExtractor(t)
	text := "Kazakh President Kassym-Jomart Tokayev plans to visit an upcoming BRICS forum on Oct. 23-24 in Russia's Kazan. Egypt and Iran joined BRICS at the start of 2024."
	in := Input{ID: "c", Published: entente.MustParseDate("2024-10-16"), Text: text}
	want, err := x.Extract(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	done := make(chan []byte)
	for range 8 {
		go func() {
			got, err := x.Extract(context.Background(), in)
			if err != nil {
				done <- []byte(err.Error())
				return
			}
			b, _ := json.Marshal(got)
			done <- b
		}()
	}
	for range 8 {
		if got := <-done; !bytes.Equal(got, wantJSON) {
			t.Fatalf("concurrent result differs:\n%s\nwant\n%s", got, wantJSON)
		}
	}
}

func TestEntities(t *testing.T) {
	x := mustExtractor(t)
	text := "Kazakh President Kassym-Jomart Tokayev met German Chancellor Olaf Scholz in Astana. Tokayev said the UAE, Türkiye and South Korea are partners. Jakarta's bid and the Shanghai Cooperation Organisation came up, as did the euro area."
	ex, err := x.Extract(context.Background(), Input{ID: "e", Published: entente.MustParseDate("2024-10-16"), Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range ex.Entities {
		got[e.Key()] = e.Name
		for _, o := range e.Offices {
			got[e.Key()+"/"+o.Title] = o.Country + o.Org
		}
	}
	want := map[string]string{
		"person:kassym-jomart-tokayev":           "Kassym-Jomart Tokayev",
		"person:kassym-jomart-tokayev/President": "KAZ",
		"person:olaf-scholz":                     "Olaf Scholz",
		"person:olaf-scholz/Chancellor":          "DEU",
		"country:KAZ":                            "Kazakhstan",
		"country:DEU":                            "Germany",
		"country:ARE":                            "United Arab Emirates",
		"country:TUR":                            "Türkiye",
		"country:KOR":                            "South Korea",
		"country:IDN":                            "Indonesia",
		"bloc:SCO":                               "Shanghai Cooperation Organisation",
		"bloc:EUROZONE":                          "Eurozone",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
}

func TestTokenizeOffsets(t *testing.T) {
	text := "Côte d'Ivoire’s U.S. envoy—Timor-Leste, 10,000 “members”.\nNext"
	for _, tok := range tokenize(text) {
		if got := text[tok.start:tok.end]; got != tok.text {
			t.Fatalf("token %q at %d:%d reads %q", tok.text, tok.start, tok.end, got)
		}
		if !utf8.ValidString(tok.text) {
			t.Fatalf("token %q is not valid UTF-8", tok.text)
		}
	}
	var got []string
	for _, tok := range tokenize(text) {
		got = append(got, tok.lower)
	}
	want := []string{"côte", "d'ivoire", "'s", "u.s.", "envoy", "-", "timor-leste", ",", "10,000", `"`, "members", `"`, ".", "next"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

func TestSplitSentences(t *testing.T) {
	text := "Mr. Modi arrived on Oct. 16, 2024 in the U.S. capital. He met Biden! Then \"they left.\" Headline without stop\nNext line."
	toks := tokenize(text)
	var got []string
	for _, s := range splitSentences(text, toks) {
		got = append(got, text[s.start:s.end])
	}
	want := []string{
		"Mr. Modi arrived on Oct. 16, 2024 in the U.S. capital.",
		"He met Biden!",
		"Then \"they left.\"",
		"Headline without stop",
		"Next line.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}
