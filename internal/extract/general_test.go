package extract

import "testing"

// TestImpliedAndCoordinated covers subjects and blocs the sentence leaves to
// its context: relative clauses, group anaphora, "followed", the article's
// bloc for a bare withdrawal, suspension, application or refusal.
func TestImpliedAndCoordinated(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "relative clause subject, bloc from context", pub: "2024-06-01",
			in: "Gabon joined OPEC in 1975. The group has lost members before: Indonesia, which left in 2016, and Qatar, which quit at the start of 2019.",
			want: []string{"JOINED GAB OPEC member 1975 occurred", "WITHDREW IDN OPEC member 2016 occurred", "WITHDREW QAT OPEC member 2019 occurred"}},
		{name: "bare left needs a date or clause end", pub: "2024-06-01",
			in:   "OPEC met in Vienna. Angola's minister left the room early.",
			want: nil},
		{name: "coordination across a relative clause", pub: "2023-06-01",
			in:   "NATO grew. Norway, which borders Russia in the Arctic, and neighbouring Denmark applied to join the alliance in May 2022.",
			want: []string{"APPLIED DNK NATO member 2022-05 occurred", "APPLIED NOR NATO member 2022-05 occurred"}},
		{name: "X and Y followed", pub: "2022-07-01",
			in:   "The EU is growing. Albania applied for membership on April 28, 2009, and Serbia and Montenegro followed on December 15, 2009.",
			want: []string{"APPLIED ALB EU member 2009-04-28 occurred", "APPLIED MNE EU member 2009-12-15 occurred", "APPLIED SRB EU member 2009-12-15 occurred"}},
		{name: "followed as a plain verb states nothing", pub: "2022-07-01",
			in:   "Hungary joined NATO in 1999. Poland followed the debate closely.",
			want: []string{"JOINED HUN NATO member 1999 occurred"}},
		{name: "group word for the countries just listed", pub: "2025-03-01",
			in: "Guinea, Chad and Sudan left the African Union on Monday. The military governments announced their exit in May 2024, blaming the AU.",
			want: []string{"WITHDREW GIN AU member 2024-05 occurred", "WITHDREW GIN AU member 2025-02-24 occurred",
				"WITHDREW SDN AU member 2024-05 occurred", "WITHDREW SDN AU member 2025-02-24 occurred",
				"WITHDREW TCD AU member 2024-05 occurred", "WITHDREW TCD AU member 2025-02-24 occurred"}},
		{name: "suspended from its rights, bloc from context", pub: "2022-04-01",
			in:   "The Council of Europe meets in Strasbourg. Belarus had been suspended from its voting rights on March 2.",
			want: []string{"SUSPENDED BLR COE member 2022-03-02 occurred"}},
		{name: "one of N countries invited", pub: "2024-02-01",
			in:   "Egypt was one of six nations invited in August to join BRICS.",
			want: []string{"INVITED EGY BRICS member 2023-08 occurred"}},
		{name: "bare refusal takes the bloc of the sentence before", pub: "2024-02-01",
			in:   "BRICS grew on Monday. Mexico's government said last week it would not join.",
			want: []string{"DECLINED MEX BRICS member 2024-01 occurred"}},
	})
}
