package storetest

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"strings"

	"github.com/entente/entente/internal/entente"
)

// GenConfig shapes a generated graph: the pools its claims draw from and how
// many claims an article carries.
type GenConfig struct {
	Countries int // at most 676 (ids XAA..XZZ)
	Blocs     int
	Persons   int
	// MaxClaims: each article carries 1..MaxClaims claims.
	MaxClaims int
	// FirstYear and Years: articles are published in FirstYear ..
	// FirstYear+Years-1.
	FirstYear, Years int
	// ReReport: one claim in ReReport re-reports an earlier one.
	ReReport int
	// Window: re-reports pick among the last Window (up to 2×Window) claims,
	// as news re-reports recent events; 0 is every earlier claim.
	Window int
}

// SmallGraph is the graph of GenerateArticles: 180 countries, 24 blocs,
// 600 persons, 2.4 events per article.
var SmallGraph = GenConfig{Countries: 180, Blocs: 24, Persons: 600, MaxClaims: 6, FirstYear: 2000, Years: 26, ReReport: 3}

// LargeGraph spreads about 10 events per article over many more entities and
// years, so that a million events (100,000 articles) are not a million
// sources of a few events: 600 countries, 300 blocs, 20,000 persons, 60
// years. A bloc then has about 2,000 membership events, a country about
// 1,700 events, a person about 25.
var LargeGraph = GenConfig{Countries: 600, Blocs: 300, Persons: 20000, MaxClaims: 22, FirstYear: 1966, Years: 60, ReReport: 8, Window: 100000}

// CountryID names the i-th country of a generated graph.
func CountryID(i int) string {
	return string([]byte{'X', 'A' + byte(i/26%26), 'A' + byte(i%26)})
}

// BlocID names the i-th bloc of a generated graph.
func BlocID(i int) string { return fmt.Sprintf("B%02d", i) }

// ArticleID names the i-th generated article.
func ArticleID(i int) string { return fmt.Sprintf("gen-%06d", i) }

// PersonID names the i-th person of a generated graph.
func PersonID(i int) string { return fmt.Sprintf("person-%03d", i) }

// GenerateArticles returns n articles with their extraction, the same for the
// same n and seed, for benchmarks and concurrency tests. Articles carry one
// to six claims (3.5 on average); about a third of the claims re-report an
// earlier event, at the same or a coarser date, so that about 0.7 events
// come out per claim, or 2.4 per article: 42,000 articles make about
// 100,000 events.
func GenerateArticles(n int, seed uint64) []*entente.Article {
	articles := make([]*entente.Article, 0, n)
	for a := range Generate(n, seed, SmallGraph) {
		articles = append(articles, a)
	}
	return articles
}

// Generate yields n articles of a graph shaped by cfg, the same for the same
// n, seed and cfg, without holding them all in memory.
func Generate(n int, seed uint64, cfg GenConfig) iter.Seq[*entente.Article] {
	return func(yield func(*entente.Article) bool) {
		generate(n, seed, cfg, yield)
	}
}

func generate(n int, seed uint64, cfg GenConfig, yield func(*entente.Article) bool) {
	r := rand.New(rand.NewPCG(seed, 0x656e74656e7465))
	countries := make([]entente.Ref, cfg.Countries)
	for i := range countries {
		id := string([]byte{'A' + byte(i/26/26%26), 'A' + byte(i/26%26), 'A' + byte(i%26)})
		countries[i] = entente.Ref{Kind: entente.KindCountry, ID: "X" + id[1:], Name: "Country " + id}
	}
	blocs := make([]entente.Ref, cfg.Blocs)
	for i := range blocs {
		id := BlocID(i)
		blocs[i] = entente.Ref{Kind: entente.KindBloc, ID: id, Name: "Bloc " + id}
	}
	persons := make([]entente.Ref, cfg.Persons)
	office := make([]int, cfg.Persons) // index into countries
	for i := range persons {
		id := PersonID(i)
		persons[i] = entente.Ref{Kind: entente.KindPerson, ID: id, Name: fmt.Sprintf("Leader %03d Person", i)}
		office[i] = i % cfg.Countries
	}

	var reported []*entente.Claim // earlier claims, for re-reports
	for i := range n {
		pub := entente.Date{Year: cfg.FirstYear + r.IntN(cfg.Years), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
		a := &entente.Article{
			ID:               ArticleID(i),
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
		for range 1 + r.IntN(cfg.MaxClaims) {
			var c *entente.Claim
			if len(reported) > 0 && r.IntN(cfg.ReReport) == 0 {
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
			if cfg.Window > 0 && len(reported) >= 2*cfg.Window {
				reported = append(reported[:0], reported[len(reported)-cfg.Window:]...)
			}
		}
		a.Text = strings.TrimSpace(text.String())
		a.Hash = entente.ContentHash(a.Text)
		if !yield(a) {
			return
		}
	}
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
