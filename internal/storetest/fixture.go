package storetest

import (
	"github.com/entente/entente/internal/entente"
)

// Entities of the fixtures.
func kaz() *entente.Entity {
	return &entente.Entity{Kind: entente.KindCountry, ID: "KAZ", Name: "Kazakhstan"}
}

func brics() *entente.Entity {
	return &entente.Entity{Kind: entente.KindBloc, ID: "BRICS", Name: "BRICS"}
}

func tokayev() *entente.Entity {
	return &entente.Entity{
		Kind: entente.KindPerson, ID: "kassym-jomart-tokayev", Name: "Kassym-Jomart Tokayev",
		Aliases: []string{"Tokayev"},
		Offices: []entente.Office{{Title: "President", Country: "KAZ"}},
	}
}

func country(iso3, name string, aliases ...string) *entente.Entity {
	return &entente.Entity{Kind: entente.KindCountry, ID: iso3, Name: name, Aliases: aliases}
}

func bloc(id, name string) *entente.Entity {
	return &entente.Entity{Kind: entente.KindBloc, ID: id, Name: name}
}

func person(id, name string, offices ...entente.Office) *entente.Entity {
	return &entente.Entity{Kind: entente.KindPerson, ID: id, Name: name, Offices: offices}
}

// member returns a membership claim of a country.
func member(t entente.EventType, iso3, name, blocID string, role entente.Role, date string, start int) *entente.Claim {
	return &entente.Claim{
		Type:       t,
		Subject:    entente.Ref{Kind: entente.KindCountry, ID: iso3, Name: name},
		Bloc:       &entente.Ref{ID: blocID, Name: blocID},
		Role:       role,
		Date:       entente.MustParseDate(date),
		Status:     entente.Occurred,
		Confidence: 0.8,
		Evidence:   entente.Evidence{Sentence: name + " " + string(t) + " " + blocID + ".", Start: start, End: start + 20},
	}
}

// Fixtures returns a small graph as articles, fresh on every call so tests
// may change them: reports of one event from several articles, disagreeing
// dates, undated and planned events, persons with offices and aliases.
func Fixtures() []*entente.Article {
	a1 := &entente.Article{
		ID: "a1", URL: "https://news.example/kaz-brics", Title: "Kazakhstan declines BRICS partnership",
		Publisher: "Example News", Published: entente.MustParseDate("2024-10-17"),
		Text:             "Kazakhstan declined the invitation to become a BRICS partner country, Tokayev's spokesman said on Wednesday.",
		ExtractorVersion: "test-1",
		Entities:         []*entente.Entity{kaz(), brics(), tokayev()},
		Claims: []*entente.Claim{{
			Type:       entente.Declined,
			Subject:    entente.Ref{Kind: entente.KindCountry, ID: "KAZ", Name: "Kazakhstan"},
			Bloc:       &entente.Ref{ID: "BRICS", Name: "BRICS"},
			Role:       entente.Partner,
			Date:       entente.MustParseDate("2024-10-16"),
			Status:     entente.Occurred,
			Confidence: 0.9,
			Evidence:   entente.Evidence{Sentence: "Kazakhstan declined the invitation to become a BRICS partner country, Tokayev's spokesman said on Wednesday.", Start: 0, End: 107},
		}},
	}
	a2 := &entente.Article{
		ID: "a2", URL: "https://wire.example/kazan", Title: "Leaders gather in Kazan",
		Publisher: "Example Wire", Published: entente.MustParseDate("2024-10-18"),
		Text:             "Kazakhstan turned down BRICS partner status in October. Tokayev will attend the Kazan summit later this month.",
		ExtractorVersion: "test-1",
		Entities:         []*entente.Entity{kaz(), brics(), tokayev(), country("RUS", "Russia")},
		Claims: []*entente.Claim{
			{
				Type:       entente.Declined,
				Subject:    entente.Ref{Kind: entente.KindCountry, ID: "KAZ", Name: "Kazakhstan"},
				Bloc:       &entente.Ref{ID: "BRICS", Name: "BRICS"},
				Role:       entente.Partner,
				Date:       entente.MustParseDate("2024-10"),
				Status:     entente.Occurred,
				Confidence: 0.7,
				Evidence:   entente.Evidence{Sentence: "Kazakhstan turned down BRICS partner status in October.", Start: 0, End: 55},
			},
			{
				Type:       entente.Attended,
				Subject:    entente.Ref{Kind: entente.KindPerson, ID: "kassym-jomart-tokayev", Name: "Tokayev"},
				Bloc:       &entente.Ref{ID: "BRICS", Name: "BRICS"},
				Place:      &entente.Place{Country: "RUS", Name: "Kazan"},
				Date:       entente.MustParseDate("2024-10"),
				Status:     entente.Planned,
				Confidence: 0.6,
				Evidence:   entente.Evidence{Sentence: "Tokayev will attend the Kazan summit later this month.", Start: 56, End: 110},
			},
		},
	}
	a3 := &entente.Article{
		ID: "a3", URL: "https://news.example/brics-expands", Title: "BRICS expands",
		Publisher: "Example News", Published: entente.MustParseDate("2024-01-02"),
		Text:             "Egypt joined BRICS on 1 January 2024. The UAE also joined in January.",
		ExtractorVersion: "test-1",
		Entities: []*entente.Entity{
			country("EGY", "Egypt"), country("ARE", "United Arab Emirates", "UAE", "Emirates"), brics(),
		},
		Claims: []*entente.Claim{
			member(entente.Joined, "EGY", "Egypt", "BRICS", entente.Member, "2024-01-01", 0),
			member(entente.Joined, "ARE", "United Arab Emirates", "BRICS", entente.Member, "2024-01", 38),
		},
	}
	a4 := &entente.Article{
		ID: "a4", Title: "Egypt's BRICS entry", Publisher: "Example Daily",
		Published:        entente.MustParseDate("2023-08-25"),
		Text:             "Egypt joined BRICS in August 2023, officials said. Iran joined BRICS too.",
		ExtractorVersion: "test-1",
		Entities:         []*entente.Entity{country("EGY", "Egypt"), country("IRN", "Iran"), brics()},
		Claims: []*entente.Claim{
			// Disagrees with a3's 2024-01-01: a separate event.
			member(entente.Joined, "EGY", "Egypt", "BRICS", entente.Member, "2023-08", 0),
			// Undated: joins the best-attested event of its key.
			member(entente.Joined, "IRN", "Iran", "BRICS", entente.Member, "", 52),
		},
	}
	a5 := &entente.Article{
		ID: "a5", URL: "https://news.example/xi-astana", Title: "Xi in Astana",
		Publisher: "Example News", Published: entente.MustParseDate("2024-07-03"),
		Text:             "Chinese President Xi Jinping arrived in Astana on 2 July for the SCO summit.",
		ExtractorVersion: "test-1",
		Entities: []*entente.Entity{
			person("xi-jinping", "Xi Jinping", entente.Office{Title: "President", Country: "CHN"}),
			country("CHN", "China"), country("KAZ", "Kazakhstan"), bloc("SCO", "Shanghai Cooperation Organisation"),
		},
		Claims: []*entente.Claim{
			{
				Type:       entente.Visited,
				Subject:    entente.Ref{Kind: entente.KindPerson, ID: "xi-jinping", Name: "Xi Jinping"},
				Place:      &entente.Place{Country: "KAZ", Name: "Astana"},
				Date:       entente.MustParseDate("2024-07-02"),
				Status:     entente.Occurred,
				Confidence: 0.85,
				Evidence:   entente.Evidence{Sentence: "Chinese President Xi Jinping arrived in Astana on 2 July for the SCO summit.", Start: 0, End: 76},
			},
			{
				Type:       entente.Attended,
				Subject:    entente.Ref{Kind: entente.KindPerson, ID: "xi-jinping", Name: "Xi Jinping"},
				Bloc:       &entente.Ref{ID: "SCO", Name: "SCO"},
				Place:      &entente.Place{Country: "KAZ", Name: "Astana"},
				Date:       entente.MustParseDate("2024-07"),
				Status:     entente.Planned,
				Confidence: 0.7,
				Evidence:   entente.Evidence{Sentence: "Chinese President Xi Jinping arrived in Astana on 2 July for the SCO summit.", Start: 0, End: 76},
			},
		},
	}
	a6 := &entente.Article{
		ID: "a6", URL: "https://sahel.example/ecowas", Title: "Sahel states leave ECOWAS",
		Publisher: "Sahel Wire", Published: entente.MustParseDate("2025-01-30"),
		Text:             "Burkina Faso, Mali and Niger left ECOWAS on 29 January 2025. Finland joined NATO in April 2023.",
		ExtractorVersion: "test-1",
		Entities: []*entente.Entity{
			country("BFA", "Burkina Faso"), country("MLI", "Mali"), country("NER", "Niger"),
			bloc("ECOWAS", "Economic Community of West African States"), country("FIN", "Finland"), bloc("NATO", "NATO"),
		},
		Claims: []*entente.Claim{
			member(entente.Withdrew, "BFA", "Burkina Faso", "ECOWAS", entente.Member, "2025-01-29", 0),
			member(entente.Withdrew, "MLI", "Mali", "ECOWAS", entente.Member, "2025-01-29", 0),
			member(entente.Withdrew, "NER", "Niger", "ECOWAS", entente.Member, "2025-01-29", 0),
			member(entente.Joined, "FIN", "Finland", "NATO", entente.Member, "2023-04", 62),
		},
	}
	a7 := &entente.Article{
		ID: "a7", Title: "Guinea and its neighbours", Publisher: "Example Daily",
		Published:        entente.MustParseDate("2021-09-11"),
		Text:             "ECOWAS suspended Guinea after the coup. Nigeria and Guinea-Bissau called for calm; Equatorial Guinea and Papua New Guinea were not involved.",
		ExtractorVersion: "test-1",
		Entities: []*entente.Entity{
			country("GIN", "Guinea"), country("NGA", "Nigeria"), country("GNB", "Guinea-Bissau"),
			country("GNQ", "Equatorial Guinea"), country("PNG", "Papua New Guinea"),
			bloc("ECOWAS", "Economic Community of West African States"),
		},
		Claims: []*entente.Claim{
			member(entente.Suspended, "GIN", "Guinea", "ECOWAS", "", "2021-09-08", 0),
			member(entente.Joined, "GIN", "Guinea", "ECOWAS", entente.Member, "1975", 0),
		},
	}
	articles := []*entente.Article{a1, a2, a3, a4, a5, a6, a7}
	for _, a := range articles {
		a.Hash = entente.ContentHash(a.Text)
	}
	return articles
}

// byID returns the fixture with the given id.
func byID(articles []*entente.Article, id string) *entente.Article {
	for _, a := range articles {
		if a.ID == id {
			return a
		}
	}
	panic("storetest: no fixture " + id)
}
