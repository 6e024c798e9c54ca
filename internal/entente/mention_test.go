package entente_test

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente/internal/entente"
)

func TestMergeMentions(t *testing.T) {
	d := entente.MustParseDate
	named := func(article, name string, aliases ...string) entente.Mention {
		return entente.Mention{ArticleID: article, Entity: entente.Entity{Name: name, Aliases: aliases}}
	}
	for _, tt := range []struct {
		name     string
		mentions []entente.Mention
		want     *entente.Entity
	}{
		{"None", nil, nil},
		{"MostArticlesWin", []entente.Mention{
			named("a", "Tokayev"), named("b", "Tokayev"), named("c", "Kassym-Jomart Tokayev"),
			named("c", "Kassym-Jomart Tokayev"), // a second mention in one article is one vote
		}, &entente.Entity{Name: "Tokayev", Aliases: []string{"Kassym-Jomart Tokayev"}}},
		{"Votes", []entente.Mention{
			named("a", "Tokayev"), named("b", "Tokayev"), {Votes: 3, Entity: entente.Entity{Name: "Kassym-Jomart Tokayev"}},
		}, &entente.Entity{Name: "Kassym-Jomart Tokayev", Aliases: []string{"Tokayev"}}},
		{"TieGoesToLonger", []entente.Mention{named("a", "UAE"), named("b", "United Arab Emirates")},
			&entente.Entity{Name: "United Arab Emirates", Aliases: []string{"UAE"}}},
		{"TieOfLengthGoesToSmaller", []entente.Mention{named("a", "Bbb"), named("b", "Aaa")},
			&entente.Entity{Name: "Aaa", Aliases: []string{"Bbb"}}},
		{"NoNameGivesID", []entente.Mention{{ArticleID: "a"}}, &entente.Entity{Name: "X"}},
		{"AliasesDeduplicatedSorted", []entente.Mention{
			named("a", "Russia", "russian federation", "RF"), named("b", "Russia", "Russian Federation", "russia"),
		}, &entente.Entity{Name: "Russia", Aliases: []string{"RF", "Russian Federation"}}},
		{"Offices", []entente.Mention{
			{ArticleID: "a", Published: d("2024-10-17"), Entity: entente.Entity{Name: "P", Offices: []entente.Office{
				{Title: "President", Country: "KAZ", Since: d("2019-06")},
				{Title: "Chair", Org: "CIS"},
			}}},
			{ArticleID: "b", Published: d("2023-01-05"), Entity: entente.Entity{Name: "P", Offices: []entente.Office{
				{Title: "President", Country: "KAZ", Since: d("2019-03-20"), Until: d("2029")},
			}}},
			{ArticleID: "c", Entity: entente.Entity{Name: "P", Offices: []entente.Office{ // undated article
				{Title: "President", Country: "KAZ"},
			}}},
		}, &entente.Entity{Name: "P", Offices: []entente.Office{
			{Title: "Chair", Org: "CIS", FirstReported: d("2024-10-17"), LastReported: d("2024-10-17")},
			{Title: "President", Country: "KAZ", Since: d("2019-03-20"), Until: d("2029"),
				FirstReported: d("2023-01-05"), LastReported: d("2024-10-17")},
		}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want != nil {
				tt.want.Kind, tt.want.ID = entente.KindPerson, "X"
			}
			got := entente.MergeMentions(entente.KindPerson, "X", tt.mentions)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("MergeMentions (-want +got):\n%s", diff)
			}
			// The order of mentions does not matter.
			for i := range 5 {
				shuffled := append([]entente.Mention(nil), tt.mentions...)
				rand.New(rand.NewPCG(uint64(i), 1)).Shuffle(len(shuffled), func(i, j int) {
					shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
				})
				if diff := cmp.Diff(got, entente.MergeMentions(entente.KindPerson, "X", shuffled), cmpopts.EquateEmpty()); diff != "" {
					t.Fatalf("MergeMentions depends on order (-first +shuffled):\n%s", diff)
				}
			}
		})
	}
}
