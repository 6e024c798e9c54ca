package extract

import "testing"

// TestExtract5Rules covers the rules added for extract/5, each found on
// testdata/heldout3's odd half or named as a known gap: each case is the
// rule in its own words and fails without it.
func TestExtract5Rules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "the May of a dateline is no modal verb", pub: "2017-05-26",
			in:   "VIENNA, May 25 (Reuters) - Angola joined OPEC on Thursday.",
			want: []string{"JOINED AGO OPEC member 2017-05-25 occurred"}},
		{name: "is expected to join is an expectation, not a plan", pub: "2024-10-21",
			in:   "Malaysia is expected to join BRICS as a partner country.",
			want: nil},
		{name: "is set to join is a plan", pub: "2024-10-21",
			in:   "Thailand is set to join BRICS as a partner on January 1.",
			want: []string{"JOINED THA BRICS partner 2025-01-01 planned"}},
		{name: "expected to attend is no planned attendance", pub: "2024-10-21",
			in:   "Prime Minister Anwar Ibrahim is expected to attend the BRICS summit in Kazan.",
			want: nil},
		{name: "invited as a partner to a summit is no invitation to join", pub: "2024-10-21",
			in:   "Turkey was invited as a partner to the BRICS summit in Kazan.",
			want: nil},
		{name: "invited to become a partner at a summit is an invitation", pub: "2025-06-14",
			in:   "Vietnam had been invited to become a partner of BRICS at the Kazan summit last October.",
			want: []string{"INVITED VNM BRICS partner 2024-10 occurred"}},
		{name: "a bid rejected in August is not dated by its rejection", pub: "2024-10-21",
			in:   "Turkey's bid to join BRICS was rejected in August.",
			want: []string{"APPLIED TUR BRICS member - occurred"}},
	})
}
