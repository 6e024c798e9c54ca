package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/internal/entente"
)

var updateExtract = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateExtract {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

// TestExtractGolden guards the contract's article object: its field names
// and shapes, for a text file and for an HTML page.
func TestExtractGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"extract-article.golden.json", []string{"extract", "--published", "2024-10-16", "--id", "seed", "testdata/extract-article.txt"}},
		{"extract-page.golden.json", []string{"extract", "testdata/extract-page.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, err := runCLI(t, "", tc.args...)
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, stderr)
			}
			checkGolden(t, tc.name, stdout)
		})
	}
}

func TestExtractContractShape(t *testing.T) {
	stdout, _, err := runCLI(t, "", "extract", "--published", "2024-10-16", "testdata/extract-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(stdout), &obj); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "entities", "events"} {
		if _, ok := obj[k]; !ok {
			t.Fatalf("article object lacks %q", k)
		}
	}
	events := obj["events"].([]any)
	if len(events) == 0 {
		t.Fatal("no events")
	}
	for _, e := range events {
		ev := e.(map[string]any)
		for _, k := range []string{"type", "subject", "bloc", "place", "role", "date", "status", "confidence", "evidence"} {
			if _, ok := ev[k]; !ok {
				t.Fatalf("event lacks %q: %v", k, ev)
			}
		}
		evi := ev["evidence"].(map[string]any)
		for _, k := range []string{"sentence", "start", "end"} {
			if _, ok := evi[k]; !ok {
				t.Fatalf("evidence lacks %q", k)
			}
		}
	}
}

func TestExtractJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "a", "url": null, "published": "2024-03-11", "text": "Sweden formally joined NATO last Thursday."}`,
		`{"id": "b", "text": "Its neighbour Finland joined NATO in 2023."}`,
		`not json`,
		`{"id": "c", "published": "2024-13-01", "text": "Sweden joined NATO."}`,
		`{"id": "d", "published": "2024-03-11", "text": ""}`,
		``,
		`{"id": "e", "published": "2024-03-11"}`,
		`{"id": "f", "published": "2024-03-11", "text": "Nothing happened today."}`,
	}, "\n")
	stdout, stderr, err := runCLI(t, in, "extract", "--jsonl")
	if got, want := exitCode(err, &strings.Builder{}), 1; got != want {
		t.Fatalf("exit status %d, want %d (err %v)", got, want, err)
	}
	if !strings.Contains(stderr, "could not be extracted") {
		t.Errorf("stderr %q does not report the failures", stderr)
	}
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	type line struct {
		ID     *string          `json:"id"`
		Error  string           `json:"error"`
		Events []*entente.Claim `json:"events"`
	}
	var got []string
	for _, l := range lines {
		var v line
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("output line %q: %v", l, err)
		}
		id := "null"
		if v.ID != nil {
			id = *v.ID
		}
		switch {
		case v.Error != "":
			got = append(got, id+" error")
		default:
			s := id
			for _, e := range v.Events {
				s += " " + string(e.Type) + ":" + e.Subject.ID + ":" + e.Date.String()
			}
			got = append(got, s)
		}
	}
	want := []string{
		"a JOINED:SWE:2024-03-07",
		"b JOINED:FIN:2023",
		"null error",
		"c error",
		"d error",
		"e error",
		"f",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestExtractUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"two files", []string{"extract", "a", "b"}, 2},
		{"jsonl and a file", []string{"extract", "--jsonl", "a"}, 2},
		{"bad published", []string{"extract", "--published", "yesterday", "testdata/extract-article.txt"}, 2},
		{"month published", []string{"extract", "--published", "2024-10", "testdata/extract-article.txt"}, 2},
		{"missing file", []string{"extract", "testdata/nope.txt"}, 1},
		{"unknown flag", []string{"extract", "--nope"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCLI(t, "", tc.args...)
			if got := exitCode(err, &strings.Builder{}); got != tc.code {
				t.Fatalf("exit status %d, want %d (err %v)", got, tc.code, err)
			}
		})
	}
}

func TestExtractStdinEmpty(t *testing.T) {
	_, _, err := runCLI(t, "", "extract")
	if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
		t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
	}
}
