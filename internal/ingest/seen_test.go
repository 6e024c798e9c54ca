package ingest

import "testing"

func TestSeenSet(t *testing.T) {
	s := newSeenSet()
	a := &Item{URL: "https://n.example/1"}
	a2 := &Item{URL: "https://n.example/1"}
	b := &Item{hash: "h1"} // no URL: keyed by hash
	b2 := &Item{hash: "h1"}

	if !s.add(a) || !s.add(b) {
		t.Fatal("first copies are not new")
	}
	if s.add(a2) {
		t.Error("second copy of a URL in flight is new")
	}
	if s.add(b2) {
		t.Error("second copy of a text in flight is new")
	}
	s.done(a2) // a copy that add refused forgets nothing
	if s.add(&Item{URL: a.URL}) {
		t.Error("done on a refused copy forgot the first")
	}
	s.done(a)
	s.done(b)
	if got := len(s.m); got != 0 {
		t.Errorf("%d articles in flight after all are done, want 0", got)
	}
	if !s.add(a2) {
		t.Error("after the first copy is stored, the store answers: the set must not")
	}
}
