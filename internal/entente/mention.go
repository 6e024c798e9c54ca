package entente

import (
	"sort"
	"strings"
)

// Mention is one article's mention of an entity: the entity as the article
// lists it, or as one of its claims refers to it (a subject, a bloc, or a
// place's country, which carries no name). Stores keep mentions per article
// and derive each entity from all of its mentions with MergeMentions.
type Mention struct {
	Entity    Entity
	ArticleID string
	Published Date // the article's publication date

	// Votes, when above zero, says that Entity.Name stands for that many
	// articles giving it, for a store that keeps counts instead of every
	// mention; ArticleID is then ignored.
	Votes int
}

// MergeMentions derives one entity from every stored mention of it, so that
// each store names an entity alike whatever order articles came in:
//
//   - Name is the name given by the most articles; ties go to the longer
//     name, then to the smaller one. With no name at all it is the id.
//   - Aliases are every other name and alias, deduplicated
//     case-insensitively and sorted.
//   - Offices are merged by title, country and organisation: Since is the
//     earliest stated start, Until the latest stated end, FirstReported and
//     LastReported the earliest and latest publication dates of the articles
//     that give the office. They are sorted by title, country and organisation.
//
// It returns nil when there are no mentions.
func MergeMentions(kind EntityKind, id string, mentions []Mention) *Entity {
	if len(mentions) == 0 {
		return nil
	}
	e := &Entity{Kind: kind, ID: id}
	articles := map[string]map[string]bool{} // name → articles giving it
	votes := map[string]int{}
	for _, m := range mentions {
		name := m.Entity.Name
		switch {
		case name == "":
		case m.Votes > 0:
			votes[name] += m.Votes
		case !articles[name][m.ArticleID]:
			if articles[name] == nil {
				articles[name] = map[string]bool{}
			}
			articles[name][m.ArticleID] = true
			votes[name]++
		}
	}
	for name, n := range votes {
		best := votes[e.Name]
		switch {
		case e.Name == "",
			n > best,
			n == best && len(name) > len(e.Name),
			n == best && len(name) == len(e.Name) && name < e.Name:
			e.Name = name
		}
	}
	if e.Name == "" {
		e.Name = id
	}

	seen := map[string]bool{strings.ToLower(e.Name): true}
	var aliases []string
	addAlias := func(a string) {
		if a == "" || seen[strings.ToLower(a)] {
			return
		}
		seen[strings.ToLower(a)] = true
		aliases = append(aliases, a)
	}
	// Sorted input makes the spelling kept for case-insensitive duplicates
	// independent of mention order.
	var all []string
	for _, m := range mentions {
		all = append(all, m.Entity.Name)
		all = append(all, m.Entity.Aliases...)
	}
	sort.Strings(all)
	for _, a := range all {
		addAlias(a)
	}
	e.Aliases = aliases

	type officeKey struct{ title, country, org string }
	offices := map[officeKey]*Office{}
	for _, m := range mentions {
		for _, o := range m.Entity.Offices {
			k := officeKey{o.Title, o.Country, o.Org}
			cur := offices[k]
			if cur == nil {
				cur = &Office{Title: o.Title, Country: o.Country, Org: o.Org}
				offices[k] = cur
			}
			cur.Since = earliest(cur.Since, o.Since)
			cur.Until = latest(cur.Until, o.Until)
			for _, d := range []Date{m.Published, o.FirstReported} {
				cur.FirstReported = earliest(cur.FirstReported, d)
			}
			for _, d := range []Date{m.Published, o.LastReported} {
				cur.LastReported = latest(cur.LastReported, d)
			}
		}
	}
	for _, o := range offices {
		e.Offices = append(e.Offices, *o)
	}
	sort.Slice(e.Offices, func(i, j int) bool {
		a, b := e.Offices[i], e.Offices[j]
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		return a.Org < b.Org
	})
	return e
}

// earliest returns the earlier known date of a and b.
func earliest(a, b Date) Date {
	if a.IsZero() || (!b.IsZero() && b.Compare(a) < 0) {
		return b
	}
	return a
}

// latest returns the later known date of a and b.
func latest(a, b Date) Date {
	if a.IsZero() || (!b.IsZero() && b.Compare(a) > 0) {
		return b
	}
	return a
}
