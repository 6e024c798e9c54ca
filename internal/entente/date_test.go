package entente_test

import (
	"encoding/json"
	"testing"

	"github.com/entente/entente/internal/entente"
)

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want entente.Date
		code string
	}{
		{"", entente.Date{}, ""},
		{"2024", entente.Date{Year: 2024}, ""},
		{"2024-10", entente.Date{Year: 2024, Month: 10}, ""},
		{"2024-10-16", entente.Date{Year: 2024, Month: 10, Day: 16}, ""},
		{"2024-02-29", entente.Date{Year: 2024, Month: 2, Day: 29}, ""},
		{"2023-02-29", entente.Date{}, entente.EINVALID},
		{"2024-13", entente.Date{}, entente.EINVALID},
		{"2024-00", entente.Date{}, entente.EINVALID},
		{"24", entente.Date{}, entente.EINVALID},
		{"2024/10/16", entente.Date{}, entente.EINVALID},
		{"+024", entente.Date{}, entente.EINVALID},
		{"0000", entente.Date{}, entente.EINVALID},
		{"2024-1-16", entente.Date{}, entente.EINVALID},
		{"October", entente.Date{}, entente.EINVALID},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := entente.ParseDate(tt.in)
			if code := entente.ErrorCode(err); code != tt.code {
				t.Fatalf("ErrorCode=%q, want %q (err %v)", code, tt.code, err)
			}
			if got != tt.want {
				t.Fatalf("ParseDate=%+v, want %+v", got, tt.want)
			}
			if tt.code == "" && got.String() != tt.in {
				t.Fatalf("String=%q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestDateSpans(t *testing.T) {
	for _, tt := range []struct{ in, first, last string }{
		{"2024", "2024-01-01", "2024-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2023-02", "2023-02-01", "2023-02-28"},
		{"2024-10-16", "2024-10-16", "2024-10-16"},
	} {
		d := entente.MustParseDate(tt.in)
		if got := d.First().String(); got != tt.first {
			t.Errorf("%s First=%s, want %s", tt.in, got, tt.first)
		}
		if got := d.Last().String(); got != tt.last {
			t.Errorf("%s Last=%s, want %s", tt.in, got, tt.last)
		}
	}
}

func TestDateCompatibleAndCompare(t *testing.T) {
	for _, tt := range []struct {
		a, b       string
		compatible bool
		cmp        int
	}{
		{"2024", "2024-10-16", true, -1},
		{"2024-10", "2024-10-16", true, -1},
		{"2024-10", "2024-11", false, -1},
		{"2024-10-16", "2024-10-17", false, -1},
		{"2010-12", "2011", false, -1},
		{"", "2024", true, -1},
		{"2024-10-16", "2024-10-16", true, 0},
		{"2025", "2024-12-31", false, 1},
	} {
		a, b := entente.MustParseDate(tt.a), entente.MustParseDate(tt.b)
		if got := a.Compatible(b); got != tt.compatible {
			t.Errorf("%q.Compatible(%q)=%v, want %v", tt.a, tt.b, got, tt.compatible)
		}
		if got := b.Compatible(a); got != tt.compatible {
			t.Errorf("%q.Compatible(%q)=%v, want %v", tt.b, tt.a, got, tt.compatible)
		}
		if got := a.Compare(b); got != tt.cmp {
			t.Errorf("%q.Compare(%q)=%d, want %d", tt.a, tt.b, got, tt.cmp)
		}
		if got := b.Compare(a); got != -tt.cmp {
			t.Errorf("%q.Compare(%q)=%d, want %d", tt.b, tt.a, got, -tt.cmp)
		}
		// SortKey orders like Compare.
		ka, kb := a.SortKey(), b.SortKey()
		if got := cmpString(ka, kb); got != tt.cmp {
			t.Errorf("SortKey(%q)=%q vs SortKey(%q)=%q: %d, want %d", tt.a, ka, tt.b, kb, got, tt.cmp)
		}
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestDateJSON(t *testing.T) {
	type wrap struct {
		D entente.Date `json:"d"`
	}
	for _, tt := range []struct{ json, date string }{
		{`{"d":null}`, ""},
		{`{"d":"2024"}`, "2024"},
		{`{"d":"2024-10-16"}`, "2024-10-16"},
	} {
		var w wrap
		if err := json.Unmarshal([]byte(tt.json), &w); err != nil {
			t.Fatalf("Unmarshal(%s): %v", tt.json, err)
		}
		if got := w.D.String(); got != tt.date {
			t.Fatalf("Unmarshal(%s)=%q, want %q", tt.json, got, tt.date)
		}
		b, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b); got != tt.json {
			t.Fatalf("Marshal=%s, want %s", got, tt.json)
		}
	}
	for _, bad := range []string{`{"d":"2024-13"}`, `{"d":2024}`, `{"d":"yesterday"}`} {
		var w wrap
		if err := json.Unmarshal([]byte(bad), &w); err == nil {
			t.Errorf("Unmarshal(%s): no error", bad)
		}
	}
}
