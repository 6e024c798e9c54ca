package entente

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func merge(from, into, name string, at int) *Curation {
	return &Curation{Kind: Merge, From: from, Into: into, IntoName: name, Reason: "r",
		CreatedAt: time.Date(2026, 1, 1, 0, 0, at, 0, time.UTC)}
}

func TestCurationsPerson(t *testing.T) {
	revoked := merge("d", "a", "A", 0)
	now := time.Now()
	revoked.RevokedAt = &now
	cs := NewCurations([]*Curation{
		merge("b", "a", "A", 2),
		merge("c", "B", "B", 1), // c → b → a: a chain, case-insensitive
		merge("a", "c", "C", 3), // would make a cycle: ignored
		revoked,
	})
	for id, want := range map[string]string{"a": "a", "b": "a", "C": "a", "d": "d", "x": "x"} {
		if got := cs.Person(id); got != want {
			t.Errorf("Person(%q) = %q, want %q", id, got, want)
		}
	}
	if !(*Curations)(nil).Empty() || cs.Empty() || (*Curations)(nil).Person("b") != "b" {
		t.Errorf("a nil set must be empty and change nothing")
	}
}

func TestCurationsApply(t *testing.T) {
	claim := func(subject string, start int) *Claim {
		return &Claim{Type: Attended, Subject: Ref{Kind: KindPerson, ID: subject, Name: subject + " name"},
			Bloc: &Ref{ID: "SCO", Name: "SCO"}, Status: Occurred, Confidence: 0.5, Evidence: Evidence{Start: start}}
	}
	a := &Article{ID: "x",
		Entities: []*Entity{
			{Kind: KindPerson, ID: "k-tokayev", Name: "K. Tokayev", Aliases: []string{"KT"},
				Offices: []Office{{Title: "President", Country: "KAZ"}}},
			{Kind: KindCountry, ID: "KAZ", Name: "Kazakhstan"},
			{Kind: KindPerson, ID: "tokayev", Name: "Tokayev"},
		},
		Claims: []*Claim{claim("k-tokayev", 0), claim("tokayev", 40), claim("xi", 80)},
	}
	if got := NewCurations(nil).Apply(a); got != a {
		t.Fatalf("no curations: Apply must return the article itself")
	}
	untouched := &Article{ID: "y", Claims: []*Claim{claim("xi", 0)}}
	cs := NewCurations([]*Curation{merge("k-tokayev", "tokayev", "Kassym-Jomart Tokayev", 0)})
	if got := cs.Apply(untouched); got != untouched {
		t.Fatalf("an article no curation concerns must come back as it is")
	}

	got := cs.Apply(a)
	want := []*Entity{
		{Kind: KindPerson, ID: "tokayev", Name: "Kassym-Jomart Tokayev", Aliases: []string{"K. Tokayev", "KT", "Tokayev"},
			Offices: []Office{{Title: "President", Country: "KAZ"}}},
		{Kind: KindCountry, ID: "KAZ", Name: "Kazakhstan"},
	}
	if diff := cmp.Diff(want, got.Entities); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	if got.Claims[0].Subject != (Ref{Kind: KindPerson, ID: "tokayev", Name: "Kassym-Jomart Tokayev"}) {
		t.Errorf("merged claim's subject %+v", got.Claims[0].Subject)
	}
	if a.Claims[0].Subject.ID != "k-tokayev" || a.Entities[0].ID != "k-tokayev" || len(a.Entities) != 3 {
		t.Errorf("Apply modified its argument")
	}

	// A retraction matches the curated key and the claim's offset.
	cur := cs.Apply(a)
	r := &Curation{Kind: Retraction, ArticleID: "x", EventKey: cur.Claims[0].Key().String(), Starts: []int{0}, Reason: "r"}
	both := NewCurations([]*Curation{merge("k-tokayev", "tokayev", "Kassym-Jomart Tokayev", 0), r})
	if got := both.Apply(a).Claims; len(got) != 2 || got[0].Evidence.Start != 40 || got[1].Evidence.Start != 80 {
		t.Errorf("claims after the retraction: %v", got)
	}
	if err := r.Retracts(cur); err != nil {
		t.Errorf("Retracts(curated article): %v", err)
	}
	if err := r.Retracts(a); ErrorCode(err) != EINVALID {
		t.Errorf("Retracts(article as extracted): %v, want EINVALID (its key names the merged id)", err)
	}
	curated, raw := both.ApplyAll([]*Article{a, untouched})
	if curated[1] != untouched || raw[curated[0]] != a || len(raw) != 1 {
		t.Errorf("ApplyAll: %v, %v", curated, raw)
	}
}

func TestRepeats(t *testing.T) {
	active := []*Curation{
		merge("b", "a", "A", 0),
		{ID: "r1", Kind: Retraction, ArticleID: "x", EventKey: "k", Starts: []int{3, 7}, Reason: "r"},
	}
	cases := []struct {
		name string
		c    *Curation
		want *Curation
		code string
		into string
	}{
		{"same retraction, offsets unsorted", &Curation{Kind: Retraction, ArticleID: "x", EventKey: "k", Starts: []int{7, 3, 7}}, active[1], "", ""},
		{"other retraction", &Curation{Kind: Retraction, ArticleID: "x", EventKey: "k", Starts: []int{3}}, nil, "", ""},
		{"same merge", &Curation{Kind: Merge, From: "B", Into: "a"}, active[0], "", "a"},
		{"into a merged person", &Curation{Kind: Merge, From: "c", Into: "b"}, nil, "", "a"},
		{"merged elsewhere", &Curation{Kind: Merge, From: "b", Into: "c"}, nil, ECONFLICT, "c"},
		{"cycle", &Curation{Kind: Merge, From: "a", Into: "b"}, nil, ECONFLICT, "a"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Repeats(active, tc.c)
			if ErrorCode(err) != tc.code || got != tc.want {
				t.Fatalf("Repeats = %v, %v; want %v, code %q", got, err, tc.want, tc.code)
			}
			if tc.c.Kind == Merge && tc.c.Into != tc.into {
				t.Fatalf("Into resolved to %q, want %q", tc.c.Into, tc.into)
			}
		})
	}
}

func TestCurationValidate(t *testing.T) {
	ok := &Curation{Kind: Retraction, ArticleID: "x", EventKey: "k", Starts: []int{1}, Reason: "why"}
	if err := ok.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	for name, c := range map[string]*Curation{
		"no reason":      {Kind: Merge, From: "a", Into: "b", Reason: " "},
		"long reason":    {Kind: Merge, From: "a", Into: "b", Reason: string(make([]byte, MaxReasonBytes+1))},
		"no kind":        {From: "a", Into: "b", Reason: "r"},
		"no offsets":     {Kind: Retraction, ArticleID: "x", EventKey: "k", Reason: "r"},
		"self merge":     {Kind: Merge, From: "a", Into: "A", Reason: "r"},
		"invalid UTF-8":  {Kind: Merge, From: "a", Into: "b", Reason: "\xff"},
		"merge one side": {Kind: Merge, From: "a", Reason: "r"},
	} {
		if err := c.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: Validate = %v, want EINVALID", name, err)
		}
	}
}
