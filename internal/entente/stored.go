package entente

import (
	"encoding/json"
	"fmt"
)

// The JSON form stores keep an article's entities and claims in when they
// keep them whole: every field, offices' reported dates included, which the
// contract's form of an entity (Entity.MarshalJSON) leaves out.
type (
	storedOffice struct {
		Title         string `json:"title"`
		Country       string `json:"country,omitempty"`
		Org           string `json:"org,omitempty"`
		Since         Date   `json:"since"`
		Until         Date   `json:"until"`
		FirstReported Date   `json:"firstReported"`
		LastReported  Date   `json:"lastReported"`
	}
	storedEntity struct {
		Kind    EntityKind     `json:"kind"`
		ID      string         `json:"id"`
		Name    string         `json:"name"`
		Aliases []string       `json:"aliases,omitempty"`
		Offices []storedOffice `json:"offices,omitempty"`
	}
	storedExtraction struct {
		Entities []storedEntity `json:"entities"`
		Claims   []*Claim       `json:"claims"`
	}
)

func toStored(es []*Entity) []storedEntity {
	out := make([]storedEntity, len(es))
	for i, e := range es {
		out[i] = storedEntity{Kind: e.Kind, ID: e.ID, Name: e.Name, Aliases: e.Aliases}
		for _, o := range e.Offices {
			out[i].Offices = append(out[i].Offices, storedOffice(o))
		}
	}
	return out
}

func fromStored(in []storedEntity) []*Entity {
	out := make([]*Entity, len(in))
	for i, e := range in {
		out[i] = &Entity{Kind: e.Kind, ID: e.ID, Name: e.Name, Aliases: e.Aliases}
		for _, o := range e.Offices {
			out[i].Offices = append(out[i].Offices, Office(o))
		}
	}
	return out
}

// EncodeEntities writes entities in the stored JSON form.
func EncodeEntities(es []*Entity) (string, error) {
	b, err := json.Marshal(toStored(es))
	return string(b), err
}

// DecodeEntities reads what EncodeEntities wrote; "" is no entities.
func DecodeEntities(s string) ([]*Entity, error) {
	if s == "" {
		return nil, nil
	}
	var in []storedEntity
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fmt.Errorf("stored entities: %w", err)
	}
	return fromStored(in), nil
}

// EncodeExtraction writes an article's entities and claims in the stored
// JSON form, for stores that keep the extraction as found beside a curated
// one.
func EncodeExtraction(a *Article) (string, error) {
	b, err := json.Marshal(storedExtraction{Entities: toStored(a.Entities), Claims: a.Claims})
	if err != nil {
		return "", fmt.Errorf("encode the extraction of %s: %w", a.ID, err)
	}
	return string(b), nil
}

// DecodeExtraction sets a's entities and claims from what EncodeExtraction
// wrote, the claims carrying a's id and publication date as stores give
// them.
func DecodeExtraction(a *Article, s string) error {
	var x storedExtraction
	if err := json.Unmarshal([]byte(s), &x); err != nil {
		return fmt.Errorf("stored extraction of %s: %w", a.ID, err)
	}
	a.Entities, a.Claims = fromStored(x.Entities), x.Claims
	for _, c := range a.Claims {
		c.ArticleID, c.Published = a.ID, a.Published
	}
	return nil
}
