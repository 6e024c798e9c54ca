package extract

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/internal/entente"
)

var (
	testXOnce sync.Once
	testX     *Extractor
	testXErr  error
)

// mustExtractor returns one extractor shared by the tests.
func mustExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	testXOnce.Do(func() { testX, testXErr = New() })
	if testXErr != nil {
		tb.Fatal(testXErr)
	}
	return testX
}

// events extracts text published on pub and returns its events in a compact
// form: "JOINED SWE NATO member 2024-03-07 occurred", sorted.
func events(t *testing.T, pub, text string) []string {
	t.Helper()
	x := mustExtractor(t)
	ex, err := x.Extract(context.Background(), Input{ID: "t", Published: entente.MustParseDate(pub), Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ex.Events {
		out = append(out, compact(e))
	}
	sort.Strings(out)
	return out
}

func compact(e *entente.Claim) string {
	parts := []string{string(e.Type), e.Subject.ID}
	switch {
	case e.Place != nil:
		parts = append(parts, "@"+e.Place.Country)
	case e.Bloc != nil:
		parts = append(parts, e.Bloc.ID)
	}
	if e.Role != "" {
		parts = append(parts, string(e.Role))
	}
	d := e.Date.String()
	if d == "" {
		d = "-"
	}
	parts = append(parts, d, string(e.Status))
	return strings.Join(parts, " ")
}

type ruleCase struct {
	name string
	pub  string
	in   string
	want []string
}

func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pub := tc.pub
			if pub == "" {
				pub = "2024-10-16"
			}
			got := events(t, pub, tc.in)
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []string) bool { return fmt.Sprint(a) == fmt.Sprint(b) })); diff != "" {
				t.Errorf("events mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
