package extract

import "testing"

// TestExtract6Rules covers the rules added for extract/6, each found on
// testdata/heldout4's odd half: each case is the rule in its own words and
// fails without it.
func TestExtract6Rules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "denied media reports that is no application", pub: "2024-08-30",
			in:   "The president on Friday denied media reports that Serbia had submitted an application to join BRICS.",
			want: nil},
		{name: "have not confirmed reports that is no application", pub: "2024-09-03",
			in:   "Turkish officials have not confirmed media reports that Turkey had asked to join BRICS.",
			want: nil},
		{name: "a plural possessive before a bloc noun refers to the bloc", pub: "2023-08-31",
			in:   "Gabon joined OPEC in 1975. It left the oil producers' group in 1995.",
			want: []string{"JOINED GAB OPEC member 1975 occurred", "WITHDREW GAB OPEC member 1995 occurred"}},
		{name: "leaving it takes the bloc named before in the sentence", pub: "2023-08-31",
			in:   "Gabon rejoined OPEC in 2016 after leaving it in 1995.",
			want: []string{"JOINED GAB OPEC member 2016 occurred", "WITHDREW GAB OPEC member 1995 occurred"}},
		{name: "a bare join as a partner country takes the bloc before", pub: "2025-06-14",
			in:   "Indonesia joined BRICS in January, and Nigeria joined as a partner country in January.",
			want: []string{"JOINED IDN BRICS member 2025-01 occurred", "JOINED NGA BRICS partner 2025-01 occurred"}},
		{name: "the same month keeps the month of the date before", pub: "2025-06-14",
			in:   "Indonesia joined BRICS on January 6. Nigeria joined BRICS as a partner the same month.",
			want: []string{"JOINED IDN BRICS member 2025-01-06 occurred", "JOINED NGA BRICS partner 2025-01 occurred"}},
		{name: "a list of persons after with is no subject of a later visit", pub: "2023-02-09",
			in:   "Ukrainian President Volodymyr Zelenskiy spoke in Brussels on Thursday. On Wednesday he dined with French President Emmanuel Macron and German Chancellor Olaf Scholz after a visit to London.",
			want: []string{"VISITED volodymyr-zelenskiy @GBR 2023-02-08 occurred"}},
		{name: "denies with no that is a denial", pub: "2024-08-30",
			in:   "Vucic denies Serbia has applied to join BRICS",
			want: nil},
		{name: "a summit in a when-clause takes the date before its comma", pub: "2024-07-09",
			in:   "Bolivia became a full member of Mercosur on Monday, when President Luis Arce signed the protocol at a summit in the Paraguayan capital. Uruguay's Luis Lacalle Pou attended the meeting.",
			want: []string{"ATTENDED luis-arce MERCOSUR 2024-07-08 occurred", "ATTENDED luis-lacalle-pou MERCOSUR 2024-07-08 occurred", "JOINED BOL MERCOSUR member 2024-07-08 occurred"}},
		{name: "two weekdays before a visit date it from the first", pub: "2024-08-23",
			in:   "Indian Prime Minister Narendra Modi spent Wednesday and Thursday in Warsaw, his first trip to Poland.",
			want: []string{"VISITED narendra-modi @POL 2024-08-21 occurred"}},
		{name: "n months after dates the event by the months before", pub: "2023-02-09",
			in:   "Ukraine was granted EU candidate status last June, four months after it applied to join the bloc.",
			want: []string{"APPLIED UKR EU member 2022-02 occurred", "JOINED UKR EU candidate 2022-06 occurred"}},
		{name: "n years after dates the event by the years before", pub: "2024-07-03",
			in:   "Belarus became a full member of the SCO on Thursday, two years after leaders agreed to start the procedure of admitting it.",
			want: []string{"INVITED BLR SCO member 2022 occurred", "JOINED BLR SCO member 2024-06-27 occurred"}},
		{name: "more than n years after is no count", pub: "2020-02-02",
			in:   "The Maldives rejoined the Commonwealth on Saturday, more than three years after the archipelago quit the group.",
			want: []string{"JOINED MDV COMMONWEALTH member 2020-02-01 occurred", "WITHDREW MDV COMMONWEALTH member - occurred"}},
	})
}
