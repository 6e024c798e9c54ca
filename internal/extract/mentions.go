package extract

import (
	"strings"

	"github.com/entente/entente/internal/extract/dates"

	"github.com/entente/entente/internal/entente"
)

// rawPerson is a person found by a title pattern, before names are merged.
type rawPerson struct {
	lo, hi       int // the whole mention, title words included
	nameLo, nmHi int
	offices      []entente.Office
}

// findPersons finds persons by title patterns:
//
//	[Kazakh|Pakistan|Russia's|NATO] TITLE [and ... TITLE] [of COUNTRY][,] NAME
//	Mr|Dr NAME
//	NAME, [the] [DEMONYM] TITLE [of COUNTRY]   (adds an office to NAME)
func (d *doc) findPersons(gaz []*mention, gazAt []int) []*mention {
	toks := d.toks
	gazTaken := make([]bool, len(toks))
	for _, m := range gaz {
		markTaken(gazTaken, m.lo, m.hi)
	}
	var raws []rawPerson
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if honorifics[t.lower] && t.cap {
			j := i + 1
			if j < len(toks) && toks[j].lower == "." {
				j++
			}
			if e := nameAt(toks, j, gazTaken); e > j {
				raws = append(raws, rawPerson{lo: i, hi: e, nameLo: j, nmHi: e})
				i = e - 1
			}
			continue
		}
		if t.lower == "counterpart" {
			// "his Brazilian counterpart Luiz Inacio Lula da Silva": a
			// person, though "counterpart" is no office.
			if e := nameAt(toks, i+1, gazTaken); e > i+1 && !toks[i+1].nl {
				raws = append(raws, rawPerson{lo: i + 1, hi: e, nameLo: i + 1, nmHi: e})
				i = e - 1
			}
			continue
		}
		title, e := titleAt(toks, i)
		if title == "" {
			continue
		}
		start := i
		var offs []entente.Office
		pre := func(at int) (string, string, int) {
			// The country or bloc before a title: "Kazakh", "Pakistan",
			// "Russia's", "NATO".
			if at-1 >= 0 && toks[at-1].lower == "'s" {
				at--
			}
			if at-1 < 0 || gazAt[at-1] < 0 {
				return "", "", at
			}
			m := gaz[gazAt[at-1]]
			switch m.kind {
			case mkCountry, mkDemonym, mkCapital:
				return m.id, "", m.lo
			case mkBloc:
				return "", m.id, m.lo
			}
			return "", "", at
		}
		ctry, org, s := pre(i)
		hasPre := ctry != "" || org != ""
		start = s
		offs = append(offs, entente.Office{Title: title, Country: ctry, Org: org})
		// "Comoros President and African Union Chairman Azali Assoumani"
		for e+1 < len(toks) && toks[e].lower == "and" {
			k := e + 1
			c2, o2 := "", ""
			if gazAt[k] >= 0 {
				m := gaz[gazAt[k]]
				if m.lo == k {
					if m.kind == mkBloc {
						o2 = m.id
					} else {
						c2 = m.id
					}
					k = m.hi
				}
			}
			t2, e2 := titleAt(toks, k)
			if t2 == "" || !toks[k].cap {
				break
			}
			offs = append(offs, entente.Office{Title: t2, Country: c2, Org: o2})
			e = e2
		}
		ofCountry := false
		if e+1 < len(toks) && toks[e].lower == "of" {
			k := e + 1
			if toks[k].lower == "the" && k+1 < len(toks) {
				k++
			}
			if gazAt[k] >= 0 && gaz[gazAt[k]].lo == k && gaz[gazAt[k]].kind == mkCountry {
				m := gaz[gazAt[k]]
				offs[len(offs)-1].Country = m.id
				e = m.hi
				ofCountry = true
			}
		}
		if !toks[i].cap && !hasPre && !ofCountry {
			continue
		}
		n := e
		if n < len(toks) && toks[n].lower == "," && (ofCountry || hasPre) {
			n++ // "the president of Argentina, Javier Milei", "the Russian president, Vladimir Putin"
		}
		if n < len(toks) && toks[n].lower == "(" {
			continue
		}
		ne := nameAt(toks, n, gazTaken)
		if ne == n {
			continue
		}
		raws = append(raws, rawPerson{lo: start, hi: ne, nameLo: n, nmHi: ne, offices: offs})
		i = ne - 1
	}
	// "Azali Assoumani, the President of the Comoros": an office after a name,
	// unless that title opens the next person ("Lula, Indian Prime Minister
	// Narendra Modi").
	starts := map[int]bool{}
	for _, r := range raws {
		starts[r.lo] = true
	}
	for ri := range raws {
		r := &raws[ri]
		k := r.hi
		if starts[k+1] || starts[k+2] {
			continue
		}
		if k+2 >= len(toks) || toks[k].lower != "," {
			continue
		}
		k++
		if toks[k].lower == "the" {
			k++
		}
		ctry := ""
		if k < len(toks) && gazAt[k] >= 0 && gaz[gazAt[k]].lo == k && gaz[gazAt[k]].kind != mkBloc {
			ctry = gaz[gazAt[k]].id
			k = gaz[gazAt[k]].hi
		}
		title, e := titleAt(toks, k)
		if title == "" {
			continue
		}
		if e+1 < len(toks) && toks[e].lower == "of" {
			j := e + 1
			if toks[j].lower == "the" && j+1 < len(toks) {
				j++
			}
			if gazAt[j] >= 0 && gaz[gazAt[j]].lo == j && gaz[gazAt[j]].kind == mkCountry {
				ctry = gaz[gazAt[j]].id
			}
		}
		r.offices = append(r.offices, entente.Office{Title: title, Country: ctry})
	}
	var out []*mention
	for _, r := range raws {
		p := d.addPerson(d.joinTokens(r.nameLo, r.nmHi), r.offices)
		out = append(out, &mention{lo: r.lo, hi: r.hi, kind: mkPerson, id: p.id, person: p})
	}
	d.mergeSurnames()
	for _, m := range out {
		m.person = d.canonical(m.person)
		m.id = m.person.id
	}
	return out
}

// addPerson registers a name with its offices and returns its person.
func (d *doc) addPerson(name string, offices []entente.Office) *person {
	id := slug(name)
	p := d.persons[id]
	if p == nil {
		p = &person{id: id, name: name, parts: strings.Fields(strings.ReplaceAll(name, "-", " "))}
		d.persons[id] = p
		d.porder = append(d.porder, p)
	}
	for _, o := range offices {
		if o.Title != "" {
			p.addOffice(o)
		}
	}
	return p
}

// mergeSurnames folds a one-word person ("Tokayev") into the full name that
// ends in, or contains, that word, when exactly one does; failing that, it
// looks for the full name written anywhere in the text ("PHOTO - Abdelmadjid
// Tebboune").
func (d *doc) mergeSurnames() {
	for _, p := range d.porder {
		if len(p.parts) != 1 || p.merged != nil {
			continue
		}
		var full *person
		n := 0
		for _, q := range d.porder {
			if q != p && len(q.parts) > 1 && q.merged == nil && containsFold(q.parts, p.parts[0]) {
				full = q
				n++
			}
		}
		if n == 0 {
			if name := d.fullNameInText(p.parts[0]); name != "" {
				full = d.addPerson(name, nil)
				n = 1
			}
		}
		if n != 1 {
			continue
		}
		for _, o := range p.offices {
			full.addOffice(o)
		}
		p.merged = full
	}
}

func containsFold(parts []string, w string) bool {
	for _, p := range parts {
		if strings.EqualFold(p, w) {
			return true
		}
	}
	return false
}

// fullNameInText finds a capitalised name of two to four words ending in
// surname on one line of the text.
func (d *doc) fullNameInText(surname string) string {
	toks := d.toks
	none := make([]bool, len(toks))
	for i, t := range toks {
		if t.text != surname || i == 0 {
			continue
		}
		for lo := max(0, i-3); lo < i; lo++ {
			if !isNameToken(toks, lo) {
				continue
			}
			if e := nameAt(toks, lo, none); e == i+1 {
				return d.joinTokens(lo, e)
			}
		}
	}
	return ""
}

func (d *doc) canonical(p *person) *person {
	for p.merged != nil {
		p = p.merged
	}
	return p
}

// findSurnames marks later mentions of a known person by one of their names
// ("Tokayev", "Lula"), when that word names only one person.
func (d *doc) findSurnames(taken []bool) []*mention {
	index := map[string]*person{}
	amb := map[string]bool{}
	for _, p := range d.porder {
		if p.merged != nil {
			continue
		}
		for i, part := range p.parts {
			// Two-letter names count as a family name written first: "Xi"
			// of "Xi Jinping", "Li" of "Li Qiang".
			if (len(part) < 3 && !(i == 0 && len(p.parts) > 1 && len(part) == 2)) || nameParticles[strings.ToLower(part)] {
				continue
			}
			if q, ok := index[part]; ok && q != p {
				amb[part] = true
			}
			index[part] = p
		}
	}
	var out []*mention
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if taken[i] || !t.cap || t.kind != tokWord {
			continue
		}
		p := index[t.text]
		if p == nil || amb[t.text] {
			continue
		}
		lo, hi := i, i+1
		// A run of the person's own names: "Xi Jinping", "Lula da Silva".
		for hi < len(d.toks) && !taken[hi] && (containsFold(p.parts, d.toks[hi].text)) {
			hi++
		}
		if hi < len(d.toks) && !taken[hi] && isNameToken(d.toks, hi) && !containsFold(p.parts, d.toks[hi].text) {
			i = hi
			continue // another name follows: a different person
		}
		markTaken(taken, lo, hi)
		out = append(out, &mention{lo: lo, hi: hi, kind: mkPerson, id: p.id, person: p})
		i = hi - 1
	}
	return out
}

// learnCities learns where the article places cities: "Kazan [Russia]",
// "Brussels, Belgium", "in Russia's Kazan".
func (d *doc) learnCities(gaz []*mention, taken []bool) {
	toks := d.toks
	cityBefore := func(end int) (int, bool) {
		lo := end
		for lo > 0 && end-lo < 3 && !taken[lo-1] && toks[lo-1].cap && toks[lo-1].kind == tokWord && !notNames[toks[lo-1].lower] && titles[toks[lo-1].lower] == "" {
			lo--
			if toks[lo].nl {
				break
			}
		}
		return lo, lo < end
	}
	for _, m := range gaz {
		if m.kind != mkCountry {
			continue
		}
		// CITY [Country] / CITY (Country) / CITY, Country
		if m.lo >= 2 {
			open := toks[m.lo-1].lower
			closeOK := m.hi < len(toks) && (toks[m.hi].lower == "]" || toks[m.hi].lower == ")")
			switch {
			case (open == "[" || open == "(") && closeOK:
				if lo, ok := cityBefore(m.lo - 1); ok {
					d.cities[strings.ToLower(d.joinTokens(lo, m.lo-1))] = m.id
				}
			case open == "," && (m.hi == len(toks) || toks[m.hi].lower != "'s") && (m.hi == len(toks) || toks[m.hi].kind == tokPunct || toks[m.hi].nl):
				if lo, ok := cityBefore(m.lo - 1); ok && (lo == 0 || toks[lo].nl || toks[lo-1].kind == tokPunct || cityPreps[toks[lo-1].lower]) {
					d.cities[strings.ToLower(d.joinTokens(lo, m.lo-1))] = m.id
				}
			}
		}
		// in Russia's Kazan
		if m.lo >= 1 && m.hi+1 < len(toks) && toks[m.hi].lower == "'s" {
			switch toks[m.lo-1].lower {
			case "in", "to", "at", "from", "into", "near":
			default:
				continue
			}
			k := m.hi + 1
			if toks[k].lower == "capital" || toks[k].lower == "city" {
				k++
			}
			e := k
			for e < len(toks) && e-k < 3 && !taken[e] && toks[e].cap && toks[e].kind == tokWord && !notNames[toks[e].lower] && !toks[e].nl {
				e++
			}
			if e > k {
				d.cities[strings.ToLower(d.joinTokens(k, e))] = m.id
			}
		}
	}
}

// cityPreps place the "CITY, Country" after them: "in Santa Cruz, Bolivia",
// "travel to Santa Cruz, Bolivia".
var cityPreps = map[string]bool{"in": true, "at": true, "to": true, "from": true, "into": true, "near": true}

// findCities marks every mention of a learned city.
func (d *doc) findCities(taken []bool) []*mention {
	if len(d.cities) == 0 {
		return nil
	}
	var out []*mention
	for i := 0; i < len(d.toks); i++ {
		if taken[i] || !d.toks[i].cap {
			continue
		}
		for n := 3; n >= 1; n-- {
			if i+n > len(d.toks) || anyTaken(taken, i, i+n) {
				continue
			}
			name := d.joinTokens(i, i+n)
			if id, ok := d.cities[strings.ToLower(name)]; ok {
				out = append(out, &mention{lo: i, hi: i + n, kind: mkCity, id: id, name: name})
				markTaken(taken, i, i+n)
				i += n - 1
				break
			}
		}
	}
	return out
}

// blocHeads are nouns that refer back to the bloc named last.
var blocHeads = map[string]bool{
	"bloc": true, "block": true, "group": true, "grouping": true, "alliance": true, "organization": true,
	"organisation": true, "union": true, "club": true, "association": true,
	"body": true, "coalition": true, "family": true, "forum": false,
}

var blocDeterminers = map[string]bool{"the": true, "this": true, "that": true, "its": true, "our": true, "their": true}

// findBlocRefs marks "the bloc", "the 27-nation bloc", "this organisation",
// "the West African bloc": up to three modifiers between a determiner and
// a bloc noun. A bloc name right after the noun is named, not referred to.
func (d *doc) findBlocRefs(taken []bool, blocStart map[int]bool) []*mention {
	toks := d.toks
	var out []*mention
	for i := 0; i < len(toks); i++ {
		if taken[i] || !blocDeterminers[toks[i].lower] {
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			if k > i+1 && pluralPossessive(toks, k-1) && !toks[k].nl {
				continue // the apostrophe of "the oil producers' group"
			}
			if taken[k] || toks[k].kind == tokPunct || toks[k].nl {
				break
			}
			if blocHeads[toks[k].lower] {
				if k+1 < len(toks) && (blocStart[k+1] || (toks[k+1].lower == "of" && k+2 < len(toks) && toks[k+2].cap)) {
					break
				}
				// "the group's": keep the possessive outside.
				out = append(out, &mention{lo: i, hi: k + 1, kind: mkBlocRef})
				markTaken(taken, i, k+1)
				i = k
				break
			}
			// Modifiers: "27-nation", "Russian-led", "international",
			// "West African"; anything else ends the phrase.
			if !blocModifier(toks[k]) && !pluralPossessive(toks, k) {
				break
			}
		}
	}
	return out
}

// blocAdjectives may stand between a determiner and a bloc noun.
var blocAdjectives = map[string]bool{
	"international": true, "regional": true, "economic": true, "military": true, "political": true,
	"western": true, "eastern": true, "african": true, "asian": true, "european": true, "american": true,
	"west": true, "east": true, "south": true, "north": true, "central": true, "atlantic": true,
	"eurasian": true, "arab": true, "new": true, "expanded": true, "enlarged": true, "whole": true,
	"entire": true, "same": true, "security": true, "trade": true, "defence": true, "defense": true,
	"oil": true, "intergovernmental": true, "continental": true, "pan-african": true, "gulf": true,
	"nordic": true, "baltic": true, "pacific": true, "latin": true, "southeast": true, "emerging": true,
	"transatlantic": true, "defensive": true, "powerful": true, "influential": true, "global": true,
	"geopolitical": true, "informal": true,
}

// pluralPossessive reports whether toks[k] is a plural noun with a bare
// apostrophe after it: "producers'" in "the oil producers' group".
func pluralPossessive(toks []token, k int) bool {
	return k+1 < len(toks) && toks[k].kind == tokWord && strings.HasSuffix(toks[k].lower, "s") &&
		toks[k+1].kind == tokPunct && toks[k+1].lower == "'" && !toks[k+1].nl
}

func blocModifier(t token) bool {
	return blocAdjectives[t.lower] || t.kind == tokNumber || strings.Contains(t.lower, "-")
}

// findDates maps the dates package's mentions onto tokens.
func (d *doc) findDates(taken []bool) []*mention {
	if d.x.findDates == nil {
		return nil
	}
	var out []*mention
	for _, dm := range d.x.findDates(d.text, d.in.Published) {
		lo, hi := d.tokenSpan(dm.start, dm.end)
		if lo >= hi || anyTaken(taken, lo, hi) {
			continue
		}
		markTaken(taken, lo, hi)
		if dm.dateline || d.stampAt(dm.start) {
			// The date of the report, not of an event in it. It stays a
			// mention so its words do not read as text: the "May" of
			// "VIENNA, May 25 (Reuters) -" is no modal verb.
			out = append(out, &mention{lo: lo, hi: hi, kind: mkStamp})
			continue
		}
		out = append(out, &mention{lo: lo, hi: hi, kind: mkDate, date: dm.date, past: dm.past, forward: dm.forward, relative: dm.relative})
	}
	return out
}

// stampAt reports a date stamp starting at byte off: "date 2024-10-16",
// "Published: …", "Updated …" at the head of a line is the page's, not an
// event's.
func (d *doc) stampAt(off int) bool {
	i := searchTok(d.toks, off)
	if i >= len(d.toks) {
		return false
	}
	if i == 0 || d.toks[i].nl {
		return i+1 < len(d.toks) && d.toks[i].kind == tokNumber && len(d.toks[i].text) == 4 && d.toks[i+1].text == "-"
	}
	k := i - 1
	if d.toks[k].lower == ":" && k > 0 {
		k--
	}
	switch d.toks[k].lower {
	case "date", "published", "updated", "posted", "modified":
		return k == 0 || d.toks[k].nl
	}
	return false
}

// tokenSpan returns the tokens within byte range [start, end).
func (d *doc) tokenSpan(start, end int) (int, int) {
	lo := searchTok(d.toks, start)
	hi := lo
	for hi < len(d.toks) && d.toks[hi].end <= end {
		hi++
	}
	return lo, hi
}

func searchTok(toks []token, off int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// dateSpan is one date expression found in the text, by byte offsets.
type dateSpan struct {
	start, end    int
	date          entente.Date
	past, forward entente.Date // the readings of "on Monday": before or after publication
	relative      bool
	dateline      bool
}

// findDates finds the date expressions of a text with package dates.
func findDates(text string, published entente.Date) []dateSpan {
	ms := dates.Find(text, published)
	out := make([]dateSpan, 0, len(ms))
	for _, m := range ms {
		out = append(out, dateSpan{start: m.Start, end: m.End, date: m.Date, past: m.Past, forward: m.Forward, relative: m.Relative, dateline: m.Dateline})
	}
	return out
}
