// Package model holds the GraphQL shapes that are not domain types: the
// Entity interface and its Country, Bloc and Person implementations (thin
// wrappers over *entente.Entity, so the interface can tell them apart), the
// Date scalar's marshalers, and the generated inputs and payloads in
// models_gen.go. It imports only internal/entente and gqlgen.
package model

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/entente/entente/internal/entente"
)

// Entity is a Country, a Bloc or a Person.
type Entity interface {
	IsEntity()
	// Domain returns the domain entity it wraps.
	Domain() *entente.Entity
}

// Country is an entity of kind country.
type Country struct{ *entente.Entity }

// Bloc is an entity of kind bloc.
type Bloc struct{ *entente.Entity }

// Person is an entity of kind person.
type Person struct{ *entente.Entity }

// IsEntity implements Entity.
func (Country) IsEntity() {}

// IsEntity implements Entity.
func (Bloc) IsEntity() {}

// IsEntity implements Entity.
func (Person) IsEntity() {}

// Domain implements Entity.
func (c Country) Domain() *entente.Entity { return c.Entity }

// Domain implements Entity.
func (b Bloc) Domain() *entente.Entity { return b.Entity }

// Domain implements Entity.
func (p Person) Domain() *entente.Entity { return p.Entity }

// ISO3 returns the country's ISO 3166-1 alpha-3 code.
func (c Country) ISO3() string { return c.ID }

// NewEntity wraps e in the type its kind calls for; nil for nil.
func NewEntity(e *entente.Entity) Entity {
	switch {
	case e == nil:
		return nil
	case e.Kind == entente.KindBloc:
		return &Bloc{e}
	case e.Kind == entente.KindPerson:
		return &Person{e}
	}
	return &Country{e}
}

// MarshalDate writes a Date as its string, or null when unknown.
func MarshalDate(d entente.Date) graphql.ContextMarshaler {
	return graphql.ContextWriterFunc(func(_ context.Context, w io.Writer) error {
		if d.IsZero() {
			_, err := io.WriteString(w, "null")
			return err
		}
		_, err := io.WriteString(w, strconv.Quote(d.String()))
		return err
	})
}

// UnmarshalDate reads a Date argument: "2024", "2024-10" or "2024-10-16".
// Its EINVALID error names the argument, such as "filter.from".
func UnmarshalDate(ctx context.Context, v any) (entente.Date, error) {
	s, ok := v.(string)
	var d entente.Date
	var err error
	if ok {
		d, err = entente.ParseDate(s)
	}
	if !ok || err != nil || d.IsZero() {
		if ok {
			v = strconv.Quote(s)
		}
		return entente.Date{}, entente.Errorf(entente.EINVALID,
			"Invalid date %v for argument %s: want YYYY, YYYY-MM or YYYY-MM-DD.", v, argumentName(ctx))
	}
	return d, nil
}

// argumentName returns the argument path being read, such as "asOf" or
// "filter.from".
func argumentName(ctx context.Context) string {
	var parts []string
	for pc := graphql.GetPathContext(ctx); pc != nil; pc = pc.Parent {
		switch {
		case pc.Field != nil:
			parts = append(parts, *pc.Field)
		case pc.Index != nil:
			parts = append(parts, "["+strconv.Itoa(*pc.Index)+"]")
		}
	}
	if len(parts) == 0 {
		return "(unknown)"
	}
	slices.Reverse(parts)
	return strings.ReplaceAll(strings.Join(parts, "."), ".[", "[")
}

// IngestOutcome says what ingesting an article did: an entente.Outcome in
// upper case, or DUPLICATE.
type IngestOutcome string

// Ingest outcomes.
const (
	IngestCreated   IngestOutcome = "CREATED"
	IngestUpdated   IngestOutcome = "UPDATED"
	IngestUnchanged IngestOutcome = "UNCHANGED"
	IngestDuplicate IngestOutcome = "DUPLICATE"
)
