package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/ingest"
)

// collected is what a source emitted, loaded as a pipeline would.
type collected struct {
	Name, ID, URL, Title, Published, Text, Err string
}

func collect(t *testing.T, src ingest.Source) []collected {
	t.Helper()
	var out []collected
	err := src.Items(context.Background(), func(it *ingest.Item) error {
		it.Load(context.Background())
		c := collected{Name: it.Name, ID: it.ID, URL: it.URL, Title: it.Title, Published: it.Published.String(), Text: it.Text}
		if it.Err != nil {
			c.Err = entente.ErrorMessage(it.Err)
			c.Text = ""
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		t.Fatalf("Items: %v", err)
	}
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const natoText = "Finland joined NATO on 4 April 2023, ending decades of military non-alignment after Russia's invasion of Ukraine."

func TestPathSourceFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b", "2.txt"), "Title: Sweden joins\nPublished: 2024-03-07\n\nSweden joined NATO on Thursday.")
	writeFile(t, filepath.Join(dir, "a.txt"), "HELSINKI, April 4, 2023 - "+natoText)
	writeFile(t, filepath.Join(dir, "c.html"), page(`<title>Accession</title><meta property="article:published_time" content="2023-04-04">`, body))
	writeFile(t, filepath.Join(dir, "d.jsonl"), `{"id":"x1","text":"Albania joined NATO in 2009."}`+"\n\n"+`{"id":"x2","url":"https://e.example/2","published":"2009-04-01","text":"Croatia joined NATO in 2009."}`+"\n")
	writeFile(t, filepath.Join(dir, "README.md"), "not an article")
	writeFile(t, filepath.Join(dir, ".hidden", "e.txt"), "hidden")
	writeFile(t, filepath.Join(dir, "image.png"), "\x89PNG")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "broken.txt")); err != nil {
		t.Fatal(err)
	}

	got := collect(t, &ingest.PathSource{Path: dir})
	for i := range got {
		got[i].Name = strings.TrimPrefix(got[i].Name, dir+string(filepath.Separator))
		if len(got[i].Text) > 30 {
			got[i].Text = got[i].Text[:30]
		}
	}
	want := []collected{
		{Name: "a.txt", Published: "2023-04-04", Text: "HELSINKI, April 4, 2023 - Finl"},
		{Name: filepath.Join("b", "2.txt"), Title: "Sweden joins", Published: "2024-03-07", Text: "Sweden joined NATO on Thursday"},
		{Name: "broken.txt", Err: "No such file or folder."},
		{Name: "c.html", Title: "Accession", Published: "2023-04-04", Text: "Kazakhstan has declined an off"},
		{Name: "d.jsonl:1 (id x1)", ID: "x1", Text: "Albania joined NATO in 2009."},
		{Name: "d.jsonl:3 (id x2)", ID: "x2", URL: "https://e.example/2", Published: "2009-04-01", Text: "Croatia joined NATO in 2009."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestPathSourceBadFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: 50 MB without writing them
		t.Fatal(err)
	}
	f.Close()
	bomb := filepath.Join(dir, "bomb.html")
	writeFile(t, bomb, "<html><body>"+strings.Repeat("<div>", 200_000)+"</body></html>")
	binary := filepath.Join(dir, "photo.txt")
	writeFile(t, binary, "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	empty := filepath.Join(dir, "empty.txt")
	writeFile(t, empty, "\n\n")
	badHeader := filepath.Join(dir, "header.txt")
	writeFile(t, badHeader, "Title: T\nPublished: last Tuesday\n\nText.")

	tests := []struct {
		path string
		want string
	}{
		{big, "File is 50 MB; the limit is 10 MB."},
		{bomb, "Page nests HTML elements more than 512 deep."},
		{binary, "Not a text or HTML article (the content looks like image/png)."},
		{empty, "No article text."},
		{badHeader, `Invalid Published header "last Tuesday": want a date such as 2024-10-16.`},
		{filepath.Join(dir, "missing.txt"), "No such file or folder."},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			got := collect(t, &ingest.PathSource{Path: tt.path})
			if len(got) != 1 {
				t.Fatalf("got %d items, want 1", len(got))
			}
			if got, want := got[0].Err, tt.want; got != want {
				t.Errorf("Err=%q, want %q", got, want)
			}
			if got, want := got[0].Name, tt.path; got != want {
				t.Errorf("Name=%q, want %q", got, want)
			}
		})
	}
}

func TestJSONLSource(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("x", 2*ingest.MaxPageBytes+100<<10) + `"}`
	in := strings.Join([]string{
		`{"id":"a-1","url":"https://n.example/1","published":"2024-10-16","text":"` + natoText + `"}`,
		`{"id":"a-2", "text": broken`,
		`{"id":"a-3","published":"16/10/2024","text":"x"}`,
		`{"id":"a-4","url":null,"published":null,"text":""}`,
		long,
		`["not", "an", "object"]`,
		`{"id":"a-7","published":"2024-10-16T08:00:00Z","text":"Sweden joined NATO."}`,
	}, "\n")
	src := ingest.NewSource("-", ingest.SourceOptions{JSONL: true, Stdin: strings.NewReader(in)})
	got := collect(t, src)
	for i := range got {
		got[i].Text = ""
	}
	want := []collected{
		{Name: "stdin:1 (id a-1)", ID: "a-1", URL: "https://n.example/1", Published: "2024-10-16"},
		{Name: "stdin:2 (id a-2)", Err: "Not a JSON object: 'b' looking for beginning of value at byte 22."},
		{Name: "stdin:3 (id a-3)", ID: "a-3", Err: `Invalid published date "16/10/2024": want YYYY-MM-DD.`},
		{Name: "stdin:4 (id a-4)", ID: "a-4", Err: `No "text".`},
		{Name: "stdin:5", Err: "Line is longer than 20 MB."},
		{Name: "stdin:6", Err: "Not a JSON object: field \"\" should be a ingest.JSONLine, not a array."},
		{Name: "stdin:7 (id a-7)", ID: "a-7", Published: "2024-10-16"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestStdinArticle(t *testing.T) {
	tests := []struct {
		name, in string
		want     collected
	}{
		{"text", "Published: 2023-04-04\n\n" + natoText, collected{Name: "stdin", Published: "2023-04-04", Text: natoText}},
		{"html", page(`<title>Finland</title>`, "<p>"+natoText+" "+natoText+"</p>"), collected{Name: "stdin", Title: "Finland", Text: natoText + " " + natoText}},
		{"no header: a colon in the first line is text", "Breaking: " + natoText, collected{Name: "stdin", Text: "Breaking: " + natoText}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, ingest.NewSource("-", ingest.SourceOptions{Stdin: strings.NewReader(tt.in)}))
			if diff := cmp.Diff([]collected{tt.want}, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}
