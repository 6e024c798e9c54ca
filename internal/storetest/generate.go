package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/entente/entente/internal/entente"
)

// Generated graphs draw from these pools.
const (
	genCountries = 180
	genBlocs     = 24
	genPersons   = 600
)

// GenerateArticles returns n articles with their extraction, the same for the
// same n and seed, for benchmarks and concurrency tests. Articles carry one
// to six claims (3.5 on average); about a third of the claims re-report an
// earlier event, at the same or a coarser date, so that about 0.7 events
// come out per claim, or 2.4 per article: 42,000 articles make about
// 100,000 events.
func GenerateArticles(n int, seed uint64) []*entente.Article {
	r := rand.New(rand.NewPCG(seed, 0x656e74656e7465))
	countries := make([]entente.Ref, genCountries)
	for i := range countries {
		id := string([]byte{'A' + byte(i/26/26%26), 'A' + byte(i/26%26), 'A' + byte(i%26)})
		countries[i] = entente.Ref{Kind: entente.KindCountry, ID: "X" + id[1:], Name: "Country " + id}
	}
	blocs := make([]entente.Ref, genBlocs)
	for i := range blocs {
		id := fmt.Sprintf("B%02d", i)
		blocs[i] = entente.Ref{Kind: entente.KindBloc, ID: id, Name: "Bloc " + id}
	}
	persons := make([]entente.Ref, genPersons)
	office := make([]int, genPersons) // index into countries
	for i := range persons {
		id := fmt.Sprintf("person-%03d", i)
		persons[i] = entente.Ref{Kind: entente.KindPerson, ID: id, Name: fmt.Sprintf("Leader %03d Person", i)}
		office[i] = i % genCountries
	}

	var reported []*entente.Claim // earlier claims, for re-reports
	articles := make([]*entente.Article, n)
	for i := range articles {
		pub := entente.Date{Year: 2000 + r.IntN(26), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
		a := &entente.Article{
			ID:               fmt.Sprintf("gen-%06d", i),
			URL:              fmt.Sprintf("https://gen.example/%d/%06d", seed, i),
			Title:            fmt.Sprintf("Generated article %d", i),
			Publisher:        fmt.Sprintf("Publisher %d", r.IntN(20)),
			Published:        pub,
			ExtractorVersion: "gen-1",
		}
		var text strings.Builder
		ents := map[string]*entente.Entity{}
		mention := func(ref entente.Ref) {
			if _, ok := ents[ref.Key()]; ok {
				return
			}
			e := &entente.Entity{Kind: ref.Kind, ID: ref.ID, Name: ref.Name}
			if ref.Kind == entente.KindPerson {
				var p int
				fmt.Sscanf(ref.ID, "person-%d", &p)
				e.Offices = []entente.Office{{Title: "President", Country: countries[office[p]].ID}}
			}
			ents[ref.Key()] = e
			a.Entities = append(a.Entities, e)
		}
		for range 1 + r.IntN(6) {
			var c *entente.Claim
			if len(reported) > 0 && r.IntN(3) == 0 {
				old := reported[r.IntN(len(reported))]
				c = &entente.Claim{}
				*c = *old
				// The same event, as precisely or less.
				c.Date = old.Date.Truncate(entente.Precision(r.IntN(int(old.Date.Precision()) + 1)))
				if r.IntN(4) == 0 {
					c.Date = old.Date
				}
			} else {
				c = genClaim(r, countries, blocs, persons, pub)
			}
			c.Confidence = float64(50+r.IntN(50)) / 100
			sentence := fmt.Sprintf("%s %s %s on %s.", c.Subject.Name, strings.ToLower(string(c.Type)), claimObject(c), c.Date)
			start := text.Len()
			text.WriteString(sentence + " ")
			c.Evidence = entente.Evidence{Sentence: sentence, Start: start, End: start + len(sentence)}
			a.Claims = append(a.Claims, c)
			mention(c.Subject)
			if c.Bloc != nil {
				mention(entente.Ref{Kind: entente.KindBloc, ID: c.Bloc.ID, Name: c.Bloc.Name})
			}
			if c.Place != nil {
				mention(countries[placeIndex(c.Place.Country)])
			}
			reported = append(reported, c)
		}
		a.Text = strings.TrimSpace(text.String())
		a.Hash = entente.ContentHash(a.Text)
		articles[i] = a
	}
	return articles
}

func claimObject(c *entente.Claim) string {
	switch {
	case c.Bloc != nil:
		return c.Bloc.Name
	case c.Place != nil:
		return c.Place.Name
	}
	return ""
}

// placeIndex inverts the country ids of GenerateArticles.
func placeIndex(id string) int {
	return int(id[1]-'A')*26 + int(id[2]-'A')
}

// genClaim returns a claim about a new event.
func genClaim(r *rand.Rand, countries, blocs, persons []entente.Ref, pub entente.Date) *entente.Claim {
	c := &entente.Claim{Status: entente.Occurred}
	t := entente.EventTypes[r.IntN(len(entente.EventTypes))]
	c.Type = t
	b := blocs[r.IntN(len(blocs))]
	switch {
	case t.Membership():
		c.Subject = countries[r.IntN(len(countries))]
		c.Bloc = &entente.Ref{ID: b.ID, Name: b.Name}
		c.Role = entente.Roles[r.IntN(len(entente.Roles))]
	case t == entente.Attended:
		c.Subject = persons[r.IntN(len(persons))]
		c.Bloc = &entente.Ref{ID: b.ID, Name: b.Name}
		p := countries[r.IntN(len(countries))]
		c.Place = &entente.Place{Country: p.ID, Name: "City of " + p.ID}
	default: // Visited
		c.Subject = persons[r.IntN(len(persons))]
		p := countries[r.IntN(len(countries))]
		c.Place = &entente.Place{Country: p.ID, Name: "City of " + p.ID}
	}
	// Mostly before publication, as precise as a report allows; some undated
	// or planned.
	switch r.IntN(10) {
	case 0:
		c.Date = entente.Date{}
	case 1:
		c.Date = entente.Date{Year: pub.Year + 1, Month: 1 + r.IntN(12)}
		c.Status = entente.Planned
	default:
		c.Date = entente.Date{Year: pub.Year - r.IntN(3), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
		c.Date = c.Date.Truncate(entente.Precision(1 + r.IntN(3)))
	}
	return c
}
