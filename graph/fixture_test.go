package graph_test

import (
	"strings"

	"github.com/entente/entente/internal/entente"
)

// Fixtures is a small graph in the shape of the seed question: who joined
// BRICS and when, who declined; ECOWAS for membership that ends; a head of
// state for offices and attendance.
func Fixtures() []*entente.Article {
	d := entente.MustParseDate
	country := func(iso3, name string, aliases ...string) *entente.Entity {
		return &entente.Entity{Kind: entente.KindCountry, ID: iso3, Name: name, Aliases: aliases}
	}
	bloc := func(id, name string) *entente.Entity {
		return &entente.Entity{Kind: entente.KindBloc, ID: id, Name: name}
	}
	brics, ecowas, sco := bloc("BRICS", "BRICS"), bloc("ECOWAS", "Economic Community of West African States"), bloc("SCO", "Shanghai Cooperation Organisation")
	egy, eth, irn, are := country("EGY", "Egypt"), country("ETH", "Ethiopia"), country("IRN", "Iran"), country("ARE", "United Arab Emirates", "UAE")
	zaf, kaz, bfa := country("ZAF", "South Africa"), country("KAZ", "Kazakhstan"), country("BFA", "Burkina Faso")
	tokayev := &entente.Entity{Kind: entente.KindPerson, ID: "kassym-jomart-tokayev", Name: "Kassym-Jomart Tokayev",
		Aliases: []string{"Tokayev"}, Offices: []entente.Office{{Title: "President", Country: "KAZ"}}}

	// claim makes a claim whose quote is found in text.
	claim := func(text string, t entente.EventType, subject *entente.Entity, b *entente.Entity, role entente.Role, date, quote string) *entente.Claim {
		start := strings.Index(text, quote)
		if start < 0 {
			panic("quote not in text: " + quote)
		}
		c := &entente.Claim{Type: t, Subject: subject.Ref(), Role: role, Date: d(date), Status: entente.Occurred, Confidence: 0.9,
			Evidence: entente.Evidence{Sentence: quote, Start: len([]rune(text[:start])), End: len([]rune(text[:start])) + len([]rune(quote))}}
		if b != nil {
			r := b.Ref()
			c.Bloc = &r
		}
		return c
	}
	article := func(id, url, title, published, text string, entities []*entente.Entity, claims ...func(string) *entente.Claim) *entente.Article {
		a := &entente.Article{ID: id, URL: url, Title: title, Publisher: "Test Wire", Published: d(published), Text: text,
			Hash: entente.ContentHash(text), ExtractorVersion: "test", Entities: entities}
		for _, c := range claims {
			a.Claims = append(a.Claims, c(text))
		}
		return a
	}
	on := func(t entente.EventType, subject, b *entente.Entity, role entente.Role, date, quote string) func(string) *entente.Claim {
		return func(text string) *entente.Claim { return claim(text, t, subject, b, role, date, quote) }
	}

	const joinText = "Egypt, Ethiopia, Iran and the United Arab Emirates became full members of BRICS on 1 January 2024. The bloc doubled in size."
	const joinQuote = "Egypt, Ethiopia, Iran and the United Arab Emirates became full members of BRICS on 1 January 2024."
	const egyText = "Cairo celebrated as Egypt joined BRICS this year."
	const zafText = "South Africa was invited to join BRIC in December 2010, making it BRICS."
	const kazText = "Kazakhstan will not seek to join BRICS in the foreseeable future, a spokesman said on 16 October 2024. President Kassym-Jomart Tokayev had considered the offer."
	const bfaText = "Burkina Faso, a member of ECOWAS since 1975, left the bloc on 29 January 2025."
	const scoText = "President Tokayev attended the SCO summit in Astana on 4 July 2024."

	return []*entente.Article{
		article("a-join", "https://news.example/brics-expansion", "BRICS doubles in size", "2024-01-02", joinText,
			[]*entente.Entity{brics, egy, eth, irn, are},
			on(entente.Joined, egy, brics, entente.Member, "2024-01-01", joinQuote),
			on(entente.Joined, eth, brics, entente.Member, "2024-01-01", joinQuote),
			on(entente.Joined, irn, brics, entente.Member, "2024-01-01", joinQuote),
			on(entente.Joined, are, brics, entente.Member, "2024-01-01", joinQuote)),
		article("a-egypt", "https://news.example/egypt", "Egypt in BRICS", "2024-03-05", egyText,
			[]*entente.Entity{brics, egy},
			on(entente.Joined, egy, brics, entente.Member, "2024", "Cairo celebrated as Egypt joined BRICS this year.")),
		article("a-zaf", "", "", "2010-12-24", zafText,
			[]*entente.Entity{brics, zaf},
			on(entente.Joined, zaf, brics, entente.Member, "2010-12", zafText)),
		article("a-kaz", "https://news.example/kazakhstan", "Kazakhstan won't seek BRICS membership", "2024-10-16", kazText,
			[]*entente.Entity{brics, kaz, tokayev},
			on(entente.Declined, kaz, brics, "", "2024-10-16", "Kazakhstan will not seek to join BRICS in the foreseeable future, a spokesman said on 16 October 2024.")),
		article("a-bfa", "https://news.example/bfa", "Burkina Faso leaves ECOWAS", "2025-01-30", bfaText,
			[]*entente.Entity{ecowas, bfa},
			on(entente.Joined, bfa, ecowas, entente.Member, "1975", bfaText),
			on(entente.Withdrew, bfa, ecowas, entente.Member, "2025-01-29", bfaText)),
		func() *entente.Article {
			a := article("a-sco", "https://news.example/sco", "SCO summit in Astana", "2024-07-04", scoText,
				[]*entente.Entity{sco, kaz, tokayev})
			c := claim(scoText, entente.Attended, tokayev, sco, "", "2024-07-04", scoText)
			c.Place = &entente.Place{Country: "KAZ", Name: "Astana"}
			a.Claims = append(a.Claims, c)
			return a
		}(),
	}
}
