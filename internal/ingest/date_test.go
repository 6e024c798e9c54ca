package ingest

import "testing"

func TestParseDateValue(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2024-10-16", "2024-10-16"},
		{"2024-10-16T23:30:00-05:00", "2024-10-16"}, // the writer's day, not UTC's
		{"2024-10-16 08:00", "2024-10-16"},
		{"2024/10/16", "2024-10-16"},
		{"20241016T083000Z", "2024-10-16"},
		{"2024-10", "2024-10"},
		{"Wed, 16 Oct 2024 23:30:00 -0500", "2024-10-16"},
		{"Wed, 16 Oct 2024 09:00:00 GMT", "2024-10-16"},
		{"16 October 2024", "2024-10-16"},
		{"October 16th, 2024", "2024-10-16"},
		{"Sept. 3, 2024", "2024-09-03"},
		{"2024-02-30", ""},
		{"1066-10-14", ""},
		{"last Tuesday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := parseDateValue(tt.in)
			if got, want := d.String(), tt.want; got != want {
				t.Errorf("parseDateValue(%q)=%q, want %q", tt.in, got, want)
			}
			if got, want := ok, tt.want != ""; got != want {
				t.Errorf("ok=%v, want %v", got, want)
			}
		})
	}
}

func TestFindDateline(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"BRUSSELS, Oct. 16, 2024 (Reuters) - NATO allies agreed...", "2024-10-16"},
		{" date 2023-08-25 JOHANNESBURG -- Iran and Saudi Arabia were invited", "2023-08-25"},
		{"NEW DELHI, 3 July 2024 — India will host", "2024-07-03"},
		{"Published: 16 October 2024, 10:04 GMT\nThe summit...", "2024-10-16"},
		{"First published on March 7, 2024", "2024-03-07"},
		{"\n\nASTANA, 16 October 2024\nKazakhstan declined", "2024-10-16"},
		{"Finland joined NATO on 4 April 2023.", ""},             // the event's date, not the article's
		{"Breaking: Sweden became a member on 7 March 2024", ""}, // the same
		{"ASTANA (Reuters) - Kazakhstan said on Oct 16 it would not join", ""},
		{"The bloc met in Kazan.\nOctober 22, 2024", ""}, // only the first line counts
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := findDateline(tt.in)
			if got, want := d.String(), tt.want; got != want {
				t.Errorf("findDateline(%q)=%q, want %q", tt.in, got, want)
			}
			if got, want := ok, tt.want != ""; got != want {
				t.Errorf("ok=%v, want %v", got, want)
			}
		})
	}
}
