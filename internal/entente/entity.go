package entente

import (
	"encoding/json"
	"strings"
)

// EntityKind is what an entity is.
type EntityKind string

// Entity kinds.
const (
	KindCountry EntityKind = "country"
	KindBloc    EntityKind = "bloc"
	KindPerson  EntityKind = "person"
)

// Valid reports whether k is a known kind.
func (k EntityKind) Valid() bool {
	return k == KindCountry || k == KindBloc || k == KindPerson
}

// Noun returns the kind as a capitalised noun for messages: "Country",
// "Bloc", "Person", or "Entity" for an unknown kind.
func (k EntityKind) Noun() string {
	switch k {
	case KindCountry:
		return "Country"
	case KindBloc:
		return "Bloc"
	case KindPerson:
		return "Person"
	}
	return "Entity"
}

// Entity is a country, a bloc or a person. ID is the bare id: ISO3 for a
// country ("KAZ"), the acronym for a bloc ("BRICS"), a slug for a person.
//
// Its JSON form is the one of shared/contract/extract.md: "id" carries the
// kind prefix ("country:KAZ") and a person's offices are "roles" whose "of"
// is a country key.
type Entity struct {
	Kind    EntityKind
	ID      string
	Name    string
	Aliases []string // other names seen for it, such as "Tokayev" or "UAE"
	Offices []Office // persons only
}

// Key returns the prefixed id of extraction output, "country:KAZ".
func (e *Entity) Key() string { return EntityKey(e.Kind, e.ID) }

// Ref returns a reference to the entity.
func (e *Entity) Ref() Ref { return Ref{Kind: e.Kind, ID: e.ID, Name: e.Name} }

// Validate returns EINVALID when the entity lacks a kind, an id or a name.
func (e *Entity) Validate() error {
	switch {
	case !e.Kind.Valid():
		return Errorf(EINVALID, "Entity %q has an invalid kind %q.", e.ID, e.Kind)
	case e.ID == "":
		return Errorf(EINVALID, "Entity id required.")
	case e.Name == "":
		return Errorf(EINVALID, "Entity %q has no name.", e.Key())
	}
	for i := range e.Offices {
		if e.Offices[i].Title == "" {
			return Errorf(EINVALID, "Entity %q has an office without a title.", e.Key())
		}
	}
	return nil
}

// EntityKey joins a kind and a bare id: ("country", "KAZ") → "country:KAZ".
func EntityKey(kind EntityKind, id string) string { return string(kind) + ":" + id }

// ParseEntityKey splits "country:KAZ" into its kind and bare id. It returns
// EINVALID for a key without a known kind.
func ParseEntityKey(key string) (EntityKind, string, error) {
	kind, id, ok := strings.Cut(key, ":")
	if !ok || !EntityKind(kind).Valid() || id == "" {
		return "", "", Errorf(EINVALID, "Invalid entity id %q: want kind:id, such as country:KAZ.", key)
	}
	return EntityKind(kind), id, nil
}

// Office is a title a person holds, such as President of Kazakhstan. Since
// and Until are set only where a source states them; FirstReported and
// LastReported are the publication dates of the earliest and latest articles
// that give the person this title.
type Office struct {
	Title         string
	Country       string // ISO3, "" when the office is not a country's (Secretary-General of NATO)
	Org           string // bloc id for an office of a bloc, "" otherwise
	Since         Date
	Until         Date
	FirstReported Date
	LastReported  Date
}

type officeJSON struct {
	Title         string `json:"title"`
	Of            string `json:"of,omitempty"`
	Since         Date   `json:"since,omitzero"`
	Until         Date   `json:"until,omitzero"`
	FirstReported Date   `json:"firstReported,omitzero"`
	LastReported  Date   `json:"lastReported,omitzero"`
}

type entityJSON struct {
	ID      string       `json:"id"`
	Kind    EntityKind   `json:"kind"`
	Name    string       `json:"name"`
	Aliases []string     `json:"aliases,omitempty"`
	Roles   []officeJSON `json:"roles,omitempty"`
}

// MarshalJSON writes the entity in the extraction contract's shape.
func (e Entity) MarshalJSON() ([]byte, error) {
	v := entityJSON{ID: e.Key(), Kind: e.Kind, Name: e.Name, Aliases: e.Aliases}
	for _, o := range e.Offices {
		oj := officeJSON{Title: o.Title, Since: o.Since, Until: o.Until, FirstReported: o.FirstReported, LastReported: o.LastReported}
		switch {
		case o.Country != "":
			oj.Of = EntityKey(KindCountry, o.Country)
		case o.Org != "":
			oj.Of = EntityKey(KindBloc, o.Org)
		}
		v.Roles = append(v.Roles, oj)
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads the entity from the extraction contract's shape.
func (e *Entity) UnmarshalJSON(b []byte) error {
	var v entityJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	kind, id, err := ParseEntityKey(v.ID)
	if err != nil {
		return err
	}
	if v.Kind != "" && v.Kind != kind {
		return Errorf(EINVALID, "Entity %q has kind %q.", v.ID, v.Kind)
	}
	*e = Entity{Kind: kind, ID: id, Name: v.Name, Aliases: v.Aliases}
	for _, r := range v.Roles {
		o := Office{Title: r.Title, Since: r.Since, Until: r.Until, FirstReported: r.FirstReported, LastReported: r.LastReported}
		if r.Of != "" {
			k, oid, err := ParseEntityKey(r.Of)
			if err != nil {
				return err
			}
			if k == KindCountry {
				o.Country = oid
			} else {
				o.Org = oid
			}
		}
		e.Offices = append(e.Offices, o)
	}
	return nil
}

// Ref points at an entity from an event: {"kind", "id", "name"} with the
// bare id.
type Ref struct {
	Kind EntityKind `json:"kind,omitempty"`
	ID   string     `json:"id"`
	Name string     `json:"name"`
}

// Key returns the prefixed id, "country:KAZ".
func (r Ref) Key() string { return EntityKey(r.Kind, r.ID) }

// Place is where an event happened: a country and, where known, the city.
type Place struct {
	Country string `json:"country"` // ISO3
	Name    string `json:"name"`
}
