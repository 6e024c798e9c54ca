package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed countries.json
var countriesJSON []byte

// country is one entry of countries.json, written by scripts/gen-countries.sh
// from the npm package world-countries.
type country struct {
	CCA3        string   `json:"cca3"`
	Name        string   `json:"name"`
	Official    string   `json:"official"`
	Independent bool     `json:"independent"`
	UNMember    bool     `json:"unMember"`
	Alt         []string `json:"alt"`
	Demonyms    []string `json:"demonyms"`
	Capitals    []string `json:"capitals"`
	Languages   []string `json:"languages"`
	Cities      []string `json:"cities"`
}

// nonMembers are states or near-states that world-countries does not mark
// independent but that news treats as parties to blocs.
var nonMembers = map[string]bool{"PSE": true, "UNK": true, "TWN": true, "ESH": true}

// overlay holds news-style names the data package lacks. Keep it small: the
// data package is the source; this is what news writes beyond it.
var overlay = struct {
	names, demonyms, capitals, cities map[string][]string
	display                           map[string]string
}{
	names: map[string][]string{
		"USA": {"US", "U.S.", "U.S.A.", "America", "United States"},
		"GBR": {"UK", "U.K.", "Britain"},
		"TUR": {"Turkey", "Republic of Türkiye"},
		"CZE": {"Czech Republic"},
		"MKD": {"Macedonia"},
		"SWZ": {"Swaziland"},
		"MMR": {"Burma"},
		"TLS": {"East Timor"},
		"NLD": {"Holland", "The Netherlands"},
		"CPV": {"Cape Verde", "Cabo Verde"},
		"VAT": {"Vatican", "Holy See"},
		"COM": {"the Comoros"},
		"COD": {"Democratic Republic of the Congo"},
		"COG": {"Republic of Congo", "Congo Republic"},
		"LCA": {"St Lucia", "St. Lucia"},
		"KNA": {"St Kitts and Nevis", "St. Kitts and Nevis", "Saint Kitts"},
		"VCT": {"St Vincent and the Grenadines", "St. Vincent and the Grenadines"},
		"IRN": {"Islamic Republic of Iran"},
		"PSE": {"State of Palestine"},
		"RUS": {"Kremlin"},
		// Short forms news writes for two-part names.
		"BIH": {"Bosnia", "Bosnia-Herzegovina"},
		"TTO": {"Trinidad"},
		"STP": {"Sao Tome", "Sao Tome and Principe", "São Tomé"},
	},
	demonyms: map[string][]string{
		"SAU": {"Saudi"},
		"BIH": {"Bosnian"},
		"TKM": {"Turkmen"},
		"GBR": {"UK"},
		"USA": {"US", "U.S."},
		"PHL": {"Philippine"},
		"ARE": {"UAE"},
	},
	capitals: map[string][]string{
		"USA": {"Washington"},
		"KAZ": {"Nur-Sultan"},
		"MNG": {"Ulaanbaatar"},
		"UKR": {"Kiev"},
	},
	cities: map[string][]string{
		"USA": {"New York"},
		"IND": {"Goa"},
		// Summit and state-visit hosts the data's short city lists miss.
		"CHN": {"Tianjin", "Xiamen", "Hangzhou", "Qingdao", "Shenzhen", "Guangzhou"},
		"RUS": {"St Petersburg", "St. Petersburg", "Sochi"},
		"BRA": {"São Paulo", "Belém"},
		"JPN": {"Hiroshima"},
		"IDN": {"Bali", "Nusa Dua"},
		"CHE": {"Davos", "Zurich"},
		"TUR": {"Antalya"},
		"EGY": {"Sharm el-Sheikh"},
		"KOR": {"Gyeongju"},
		"CAN": {"Kananaskis", "Montreal"},
		"COD": {"Goma"},
	},
	display: map[string]string{"TUR": "Türkiye"},
}

// notEntities are phrases that would otherwise match a shorter entry: a
// region's adjective is not a country's demonym.
var notEntities = []string{
	"Latin American", "South American", "North American", "Central American",
	"Central Asian", "South Asian", "Southeast Asian", "East Asian",
	"West African", "East African", "North African", "Central African",
	"Middle East", "Gulf state", "Gulf states",
	"American Samoa", "Washington Post", "Washington Times",
}

// matchKind says what a gazetteer phrase names.
type matchKind uint8

const (
	mNone    matchKind = iota
	mCountry           // a name, an official name or an alias
	mDemonym           // "Kazakh", "Emirati": a modifier, not a subject
	mCapital           // "Astana": a metonym and a place
	mCity              // "Kazan": a place
	mBloc              // "NATO", "the euro area"
)

// entry is what a gazetteer phrase resolves to.
type entry struct {
	kind matchKind
	id   string // ISO3 or bloc id
	// exact: the phrase matches only as written (acronyms: "US" but not
	// "us", "AU" but not "Au").
	exact   string
	lowerOK bool // matches in lower case too ("eurozone")
}

// gazetteer resolves token sequences to countries and blocs.
type gazetteer struct {
	phrases   map[string][]entry // key: lower-case tokens joined by " "
	maxLen    int
	countries map[string]*country // by ISO3
	blocs     map[string]*bloc
}

func newGazetteer() (*gazetteer, error) {
	var data struct {
		Countries []*country `json:"countries"`
	}
	if err := json.Unmarshal(countriesJSON, &data); err != nil {
		return nil, fmt.Errorf("read countries.json: %w", err)
	}
	g := &gazetteer{phrases: map[string][]entry{}, countries: map[string]*country{}, blocs: map[string]*bloc{}}
	type named struct {
		phrase string
		e      entry
	}
	var all []named
	add := func(phrase string, kind matchKind, id string) {
		phrase = strings.TrimSpace(phrase)
		if phrase == "" {
			return
		}
		e := entry{kind: kind, id: id}
		if isAcronym(phrase) {
			e.exact = phrase
		}
		all = append(all, named{phrase, e})
		// News often drops diacritics: "Brasília" is written "Brasilia".
		if f := stripMarks(phrase); f != phrase && !isAcronym(f) {
			all = append(all, named{f, entry{kind: kind, id: id}})
		}
	}
	for _, c := range data.Countries {
		if !c.Independent && !nonMembers[c.CCA3] {
			continue
		}
		if d, ok := overlay.display[c.CCA3]; ok {
			c.Name = d
		}
		g.countries[c.CCA3] = c
		add(c.Name, mCountry, c.CCA3)
		add(c.Official, mCountry, c.CCA3)
		for _, a := range c.Alt {
			add(a, mCountry, c.CCA3)
		}
		for _, a := range overlay.names[c.CCA3] {
			add(a, mCountry, c.CCA3)
		}
		for _, d := range c.Demonyms {
			add(d, mDemonym, c.CCA3)
		}
		for _, d := range overlay.demonyms[c.CCA3] {
			add(d, mDemonym, c.CCA3)
		}
		// A language named like the state is its demonym too: Kazakh,
		// Uzbek, Tajik, Kyrgyz (the data's demonyms are "Kazakhstani"...).
		for _, l := range c.Languages {
			if len(l) >= 4 && l != c.Name && strings.HasPrefix(c.Name, l) {
				add(l, mDemonym, c.CCA3)
			}
		}
		for _, cap := range append(append([]string(nil), c.Capitals...), overlay.capitals[c.CCA3]...) {
			add(cap, mCapital, c.CCA3)
		}
		for _, city := range append(append([]string(nil), c.Cities...), overlay.cities[c.CCA3]...) {
			add(city, mCity, c.CCA3)
		}
	}
	for i := range blocs {
		b := &blocs[i]
		g.blocs[b.ID] = b
		add(b.ID, mBloc, b.ID)
		add(b.Name, mBloc, b.ID)
		for _, a := range b.Aliases {
			add(a, mBloc, b.ID)
		}
		for _, a := range b.Lower {
			add(a, mBloc, b.ID)
			all[len(all)-1].e.lowerOK = true
		}
	}
	// A phrase naming two different things (Congolese, Dominican) names
	// neither. A country name beats a capital or demonym of the same spelling.
	byKey := map[string][]entry{}
	for _, n := range all {
		k := phraseKey(n.phrase)
		if k == "" {
			continue
		}
		byKey[k] = append(byKey[k], n.e)
	}
	for k, es := range byKey {
		best := es[0]
		ambiguous := false
		for _, e := range es[1:] {
			switch {
			case e.id == best.id && e.kind == best.kind:
				if best.exact != "" && e.exact == "" {
					best.exact = ""
				}
				best.lowerOK = best.lowerOK || e.lowerOK
			case e.kind < best.kind && e.kind != mNone:
				best = e
			case e.kind == best.kind && e.id != best.id:
				ambiguous = true
			}
		}
		if ambiguous {
			continue
		}
		g.phrases[k] = append(g.phrases[k], best)
	}
	for _, p := range notEntities {
		g.phrases[phraseKey(p)] = []entry{{kind: mNone}}
	}
	for k := range g.phrases {
		if n := strings.Count(k, " ") + 1; n > g.maxLen {
			g.maxLen = n
		}
	}
	return g, nil
}

// isAcronym reports whether s is written in capitals ("UAE", "U.S.", "G20"),
// so that it must match case-sensitively.
func isAcronym(s string) bool {
	up := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			up++
		}
	}
	return up >= 1 && utf8.RuneCountInString(s) <= 6
}

// phraseKey tokenizes a phrase the way article text is tokenized and joins
// the lower-case tokens, dropping a leading "the".
func phraseKey(p string) string {
	toks := tokenize(p)
	parts := make([]string, 0, len(toks))
	for i, t := range toks {
		if i == 0 && t.lower == "the" && len(toks) > 1 {
			continue
		}
		parts = append(parts, t.lower)
	}
	return strings.Join(parts, " ")
}

// gazMatch is one gazetteer hit over tokens [lo, hi).
type gazMatch struct {
	lo, hi int
	entry
}

// match finds the longest gazetteer phrase at each token, left to right.
// A phrase must start with a capital letter, or be an acronym written as
// listed, or be a bloc alias such as "eurozone".
func (g *gazetteer) match(toks []token) []gazMatch {
	var out []gazMatch
	var sb strings.Builder
	for i := 0; i < len(toks); {
		best, bestHi := entry{}, 0
		sb.Reset()
		for n := 1; n <= g.maxLen && i+n <= len(toks); n++ {
			t := toks[i+n-1]
			if n > 1 {
				if t.nl {
					break
				}
				sb.WriteByte(' ')
			}
			sb.WriteString(t.lower)
			es, ok := g.phrases[sb.String()]
			if !ok {
				continue
			}
			for _, e := range es {
				if !g.accept(e, toks[i:i+n]) {
					continue
				}
				best, bestHi = e, i+n
			}
		}
		if bestHi == 0 {
			i++
			continue
		}
		if best.kind != mNone {
			out = append(out, gazMatch{lo: i, hi: bestHi, entry: best})
		}
		i = bestHi
	}
	return out
}

func (g *gazetteer) accept(e entry, toks []token) bool {
	if e.kind == mNone {
		return toks[0].cap
	}
	if e.exact != "" {
		var sb strings.Builder
		for i, t := range toks {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(t.text)
		}
		return sb.String() == e.exact
	}
	if toks[0].cap || toks[0].kind == tokNumber {
		return true
	}
	return e.lowerOK
}

// stripMarks drops the combining marks of a phrase: "São Paulo" → "Sao Paulo".
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
