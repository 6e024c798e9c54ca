package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/entente"
)

// Queries are assembled only from the constant clauses below, chosen by
// which filter fields are set; the values always travel as $parameters.

// FindArticleByID implements entente.ArticleStore.
func (s *Store) FindArticleByID(ctx context.Context, id string) (*entente.Article, error) {
	arts, _, err := s.FindArticles(ctx, entente.ArticleFilter{IDs: []string{id}})
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, entente.Errorf(entente.ENOTFOUND, "Article %q not found.", id)
	}
	return arts[0], nil
}

type counted[T any] struct {
	items []T
	n     int
}

// count returns how many records match in all, by running query (which
// returns n) only when the page does not tell: a page read from the first
// record that is shorter than its limit holds every match.
func count(ctx context.Context, tx neo4jdrv.ManagedTransaction, query string, p map[string]any, offset, limit, got int, cursor bool) (int, error) {
	if !cursor && offset <= 0 && (limit <= 0 || got < limit) {
		return got, nil
	}
	rows, err := run(ctx, tx, query, p)
	if err != nil {
		return 0, err
	}
	return num(rows[0], "n"), nil
}

// FindArticles implements entente.ArticleStore.
func (s *Store) FindArticles(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	res, err := read(ctx, s, func(tx neo4jdrv.ManagedTransaction) (counted[*entente.Article], error) {
		return findArticles(ctx, tx, f)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find articles: %w", err)
	}
	return res.items, res.n, nil
}

// findArticles returns the articles matching f, their extraction as found
// when f asks for it.
func findArticles(ctx context.Context, tx neo4jdrv.ManagedTransaction, f entente.ArticleFilter) (counted[*entente.Article], error) {
	where, p := []string{"true"}, map[string]any{}
	if len(f.IDs) > 0 {
		where, p["ids"] = append(where, "a.id IN $ids"), f.IDs
	}
	if f.URL != nil {
		where, p["url"] = append(where, "a.url = $url"), *f.URL
	}
	if f.Hash != nil {
		where, p["hash"] = append(where, "a.hash = $hash"), *f.Hash
	}
	if len(f.URLs) > 0 {
		where, p["urls"] = append(where, "a.url IN $urls AND a.url <> ''"), f.URLs
	}
	if len(f.Hashes) > 0 {
		where, p["hashes"] = append(where, "a.hash IN $hashes"), f.Hashes
	}
	if f.After != "" {
		where, p["after"] = append(where, "a.id > $after"), f.After
	}
	cond := strings.Join(where, " AND ")
	paging := page(p, f.Offset, f.Limit)
	var out counted[*entente.Article]
	rows, err := run(ctx, tx, `
		MATCH (a:Article) WHERE `+cond+`
		RETURN a {.id, .url, .title, .publisher, .published, .text, .hash, .extractorVersion, .ingestedAt} AS a
		ORDER BY a.id`+paging, p)
	if err != nil {
		return out, err
	}
	if out.n, err = count(ctx, tx, `MATCH (a:Article) WHERE `+cond+` RETURN count(a) AS n`, p, f.Offset, f.Limit, len(rows), f.After != ""); err != nil {
		return out, err
	}
	var ids []string
	for _, r := range rows {
		a, err := decodeArticle(r["a"].(map[string]any))
		if err != nil {
			return out, err
		}
		out.items = append(out.items, a)
		ids = append(ids, a.ID)
	}
	if !f.WithExtraction || len(ids) == 0 {
		return out, nil
	}
	ext, err := loadExtraction(ctx, tx, ids, true)
	if err != nil {
		return out, err
	}
	byID := map[string]*entente.Article{}
	for _, a := range ext {
		byID[a.ID] = a
	}
	for _, a := range out.items {
		if x := byID[a.ID]; x != nil {
			a.Entities, a.Claims = x.Entities, x.Claims
		}
	}
	return out, nil
}

func decodeArticle(m map[string]any) (*entente.Article, error) {
	a := &entente.Article{
		ID: str(m, "id"), URL: str(m, "url"), Title: str(m, "title"), Publisher: str(m, "publisher"),
		Text: str(m, "text"), Hash: str(m, "hash"), ExtractorVersion: str(m, "extractorVersion"),
	}
	var err error
	if a.Published, err = date(m, "published"); err != nil {
		return nil, err
	}
	if t := str(m, "ingestedAt"); t != "" {
		if a.IngestedAt, err = time.Parse(time.RFC3339Nano, t); err != nil {
			return nil, fmt.Errorf("stored time %q: %w", t, err)
		}
	}
	return a, nil
}

// loadExtraction reads the publication date, entities and claims of the
// articles with the given ids; claims come stamped with their article.
// They are the stored extraction, as curations read it, which the graph is
// derived from; with raw, the extraction as found.
func loadExtraction(ctx context.Context, tx neo4jdrv.ManagedTransaction, ids []string, raw bool) ([]*entente.Article, error) {
	rows, err := run(ctx, tx, `
		MATCH (a:Article) WHERE a.id IN $ids
		OPTIONAL MATCH (a)-[:CLAIMS]->(c:Claim)
		WITH a, c ORDER BY c.seq
		RETURN a.id AS id, a.published AS published, a.entities AS entities,
			CASE WHEN $raw THEN a.rawExtraction END AS raw, collect(c {.*}) AS claims`,
		map[string]any{"ids": ids, "raw": raw})
	if err != nil {
		return nil, err
	}
	var out []*entente.Article
	for _, r := range rows {
		a := &entente.Article{ID: str(r, "id")}
		if a.Published, err = date(r, "published"); err != nil {
			return nil, err
		}
		if x := str(r, "raw"); x != "" {
			if err := entente.DecodeExtraction(a, x); err != nil {
				return nil, err
			}
			out = append(out, a)
			continue
		}
		if a.Entities, err = entente.DecodeEntities(str(r, "entities")); err != nil {
			return nil, err
		}
		cs, _ := r["claims"].([]any)
		for _, x := range cs {
			c, err := decodeClaim(x.(map[string]any))
			if err != nil {
				return nil, err
			}
			c.ArticleID, c.Published = a.ID, a.Published
			a.Claims = append(a.Claims, c)
		}
		out = append(out, a)
	}
	return out, nil
}

// FindEntity implements entente.EntityStore.
func (s *Store) FindEntity(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
	es, err := read(ctx, s, func(tx neo4jdrv.ManagedTransaction) ([]*entente.Entity, error) {
		// The exact spelling first, should two ids differ only in case.
		rows, err := run(ctx, tx, `
			MATCH (e:Entity) WHERE e.kind = $kind AND e.idLC = $idLC
			RETURN e {.*} AS e
			ORDER BY CASE WHEN e.id = $id THEN 0 ELSE 1 END, e.id LIMIT 1`,
			map[string]any{"kind": string(kind), "idLC": strings.ToLower(id), "id": id})
		if err != nil {
			return nil, err
		}
		return decodeEntityRows(rows)
	})
	if err != nil {
		return nil, fmt.Errorf("find entity: %w", err)
	}
	if len(es) == 0 {
		return nil, entente.Errorf(entente.ENOTFOUND, "%s %q not found.", kind.Noun(), id)
	}
	return es[0], nil
}

func decodeEntityRows(rows []map[string]any) ([]*entente.Entity, error) {
	var out []*entente.Entity
	for _, r := range rows {
		m := r["e"].(map[string]any)
		e := &entente.Entity{
			Kind: entente.EntityKind(str(m, "kind")), ID: str(m, "id"), Name: str(m, "name"),
			Aliases: strs(m, "aliases"),
		}
		if len(e.Aliases) == 0 {
			e.Aliases = nil
		}
		if o := str(m, "offices"); o != "" {
			var os []officeJSON
			if err := json.Unmarshal([]byte(o), &os); err != nil {
				return nil, fmt.Errorf("stored offices of %s: %w", e.Key(), err)
			}
			for _, o := range os {
				e.Offices = append(e.Offices, entente.Office(o))
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// FindEntities implements entente.EntityStore.
func (s *Store) FindEntities(ctx context.Context, f entente.EntityFilter) ([]*entente.Entity, int, error) {
	// Entities exist once derived: a node MERGEd by a write in progress has
	// no kind yet.
	where, p := []string{"e.kind IS NOT NULL"}, map[string]any{}
	rank, order := "0", "e.kind, e.id"
	if f.Text != nil {
		t := normalize(*f.Text)
		if t == "" {
			return nil, 0, nil
		}
		// Each entity ranks by its best name: 0 exact, 1 prefix, 2 a word
		// inside the name.
		p["text"], p["word"] = t, " "+t
		where = append(where, "any(n IN e.names WHERE n STARTS WITH $text OR n CONTAINS $word)")
		rank = "CASE WHEN $text IN e.names THEN 0 WHEN any(n IN e.names WHERE n STARTS WITH $text) THEN 1 ELSE 2 END"
		order = "rank, e.kind, e.id"
	}
	if f.Kind != nil {
		where, p["kind"] = append(where, "e.kind = $kind"), string(*f.Kind)
	}
	if len(f.IDs) > 0 {
		where, p["ids"] = append(where, "e.idLC IN $ids"), lower(f.IDs)
	}
	if f.OfficeCountry != nil {
		where, p["office"] = append(where, "$office IN e.officeCountries"), strings.ToLower(*f.OfficeCountry)
	}
	cond := strings.Join(where, " AND ")
	paging := page(p, f.Offset, f.Limit)
	res, err := read(ctx, s, func(tx neo4jdrv.ManagedTransaction) (counted[*entente.Entity], error) {
		var out counted[*entente.Entity]
		rows, err := run(ctx, tx, `
			MATCH (e:Entity) WHERE `+cond+`
			WITH e, `+rank+` AS rank
			RETURN e {.*} AS e ORDER BY `+order+paging, p)
		if err != nil {
			return out, err
		}
		if out.n, err = count(ctx, tx, `MATCH (e:Entity) WHERE `+cond+` RETURN count(e) AS n`, p, f.Offset, f.Limit, len(rows), false); err != nil {
			return out, err
		}
		out.items, err = decodeEntityRows(rows)
		return out, err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find entities: %w", err)
	}
	return res.items, res.n, nil
}

// FindEventByID implements entente.EventStore.
func (s *Store) FindEventByID(ctx context.Context, id string) (*entente.Event, error) {
	events, _, err := s.FindEvents(ctx, entente.EventFilter{IDs: []string{id}})
	if err != nil {
		return nil, fmt.Errorf("find event: %w", err)
	}
	if len(events) == 0 {
		return nil, entente.Errorf(entente.ENOTFOUND, "Event %q not found.", id)
	}
	sources, err := s.FindSources(ctx, []string{id})
	if err != nil {
		return nil, fmt.Errorf("find event: %w", err)
	}
	events[0].Sources = sources[id]
	return events[0], nil
}

// eventWhere returns the condition of f, less its cursor and paging, and
// puts its values in p.
func eventWhere(f entente.EventFilter, p map[string]any) string {
	where := []string{"true"}
	if len(f.IDs) > 0 {
		where, p["ids"] = append(where, "e.id IN $ids"), f.IDs
	}
	if len(f.Types) > 0 {
		where, p["types"] = append(where, "e.type IN $types"), plain(f.Types)
	}
	if len(f.Blocs) > 0 {
		where, p["blocs"] = append(where, "e.blocLC IN $blocs"), lower(f.Blocs)
	}
	if len(f.Countries) > 0 {
		// eventMatch finds these events with a union of two index seeks.
		p["countries"] = lower(f.Countries)
	}
	if len(f.Persons) > 0 {
		where, p["persons"] = append(where, "(e.subjectKind = 'person' AND e.subjectLC IN $persons)"), lower(f.Persons)
	}
	if len(f.SubjectKinds) > 0 {
		where, p["kinds"] = append(where, "e.subjectKind IN $kinds"), plain(f.SubjectKinds)
	}
	// Spans are kept as first and last days, which compare as strings; an
	// undated event has neither and fails both bounds. The bounds imply
	// bounds on orderKey (keyRange), which the composite indexes seek.
	if kr := keyRange(f, p); kr != "" {
		where = append(where, kr)
	}
	if !f.From.IsZero() {
		where, p["from"] = append(where, "e.lastDay >= $from"), f.From.First().String()
	}
	if !f.To.IsZero() {
		where, p["to"] = append(where, "e.firstDay <= $to"), f.To.Last().String()
	}
	if len(f.Status) > 0 {
		where, p["status"] = append(where, "e.status IN $status"), plain(f.Status)
	}
	return strings.Join(where, " AND ")
}

// keyRange returns a condition on e.orderKey implied by the date bounds of
// f ("" without bounds), with its values put in p. orderKey is the first
// day of an event's date, then "/" and its precision ("~" when undated). A
// span that ends on or after From.First() begins in that year or later (a
// date covers a year at most); one that begins on or before To.Last() has
// a key below that day followed by "0", which sorts right after "/".
func keyRange(f entente.EventFilter, p map[string]any) string {
	var conds []string
	if !f.From.IsZero() {
		conds, p["okFrom"] = append(conds, "e.orderKey >= $okFrom"), fmt.Sprintf("%04d", f.From.First().Year)
	}
	if !f.To.IsZero() {
		conds, p["okTo"] = append(conds, "e.orderKey < $okTo"), f.To.Last().String()+"0"
	}
	return strings.Join(conds, " AND ")
}

// eventMatch returns the clause that binds e to each event matching f and
// cond (the condition eventWhere made of f, with more at will). The
// events of countries, as subject or place, are a union of two index
// seeks: as an OR in the WHERE, the planner scans every event.
func eventMatch(f entente.EventFilter, cond string) string {
	if len(f.Countries) == 0 {
		return `MATCH (e:Event) WHERE ` + cond
	}
	kr := keyRange(f, map[string]any{}) // the values are in p already
	if kr != "" {
		kr = " AND " + kr
	}
	return `CALL {
			MATCH (e:Event) WHERE e.subjectLC IN $countries AND e.subjectKind = 'country'` + kr + ` RETURN e
			UNION
			MATCH (e:Event) WHERE e.placeLC IN $countries` + kr + ` RETURN e
		}
		WITH e WHERE ` + cond
}

// FindEvents implements entente.EventStore.
func (s *Store) FindEvents(ctx context.Context, f entente.EventFilter) ([]*entente.Event, int, error) {
	p := map[string]any{}
	cond := eventWhere(f, p)
	pageCond := cond
	if f.After != "" {
		key, id, err := entente.DecodeCursor(f.After)
		if err != nil {
			return nil, 0, err
		}
		p["ck"], p["cid"] = key, id
		pageCond += " AND (e.orderKey > $ck OR (e.orderKey = $ck AND e.id > $cid))"
	}
	paging := page(p, f.Offset, f.Limit)
	res, err := read(ctx, s, func(tx neo4jdrv.ManagedTransaction) (counted[*entente.Event], error) {
		var out counted[*entente.Event]
		rows, err := run(ctx, tx, eventMatch(f, pageCond)+`
			WITH e ORDER BY e.orderKey, e.id`+paging+`
			RETURN `+eventFields+` AS e`, p)
		if err != nil {
			return out, err
		}
		if out.n, err = count(ctx, tx, eventMatch(f, cond)+` RETURN count(e) AS n`, p, f.Offset, f.Limit, len(rows), f.After != ""); err != nil {
			return out, err
		}
		for _, r := range rows {
			e, err := decodeEvent(r["e"].(map[string]any))
			if err != nil {
				return out, err
			}
			out.items = append(out.items, e)
		}
		return out, nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find events: %w", err)
	}
	return res.items, res.n, nil
}

// eventFields are the properties an entente.Event needs, less the ones
// kept for queries.
const eventFields = `e {.id, .type, .subjectKind, .subjectId, .subjectName, .blocKind, .blocId, .blocName,
	.placeCountry, .placeName, .role, .date, .status, .confidence, .firstReported}`

func decodeEvent(m map[string]any) (*entente.Event, error) {
	e := &entente.Event{
		ID:         str(m, "id"),
		Type:       entente.EventType(str(m, "type")),
		Subject:    entente.Ref{Kind: entente.EntityKind(str(m, "subjectKind")), ID: str(m, "subjectId"), Name: str(m, "subjectName")},
		Role:       entente.Role(str(m, "role")),
		Status:     entente.Status(str(m, "status")),
		Confidence: float(m, "confidence"),
	}
	if m["blocId"] != nil {
		e.Bloc = &entente.Ref{Kind: entente.EntityKind(str(m, "blocKind")), ID: str(m, "blocId"), Name: str(m, "blocName")}
	}
	if m["placeCountry"] != nil {
		e.Place = &entente.Place{Country: str(m, "placeCountry"), Name: str(m, "placeName")}
	}
	var err error
	if e.Date, err = date(m, "date"); err != nil {
		return nil, err
	}
	if e.FirstReported, err = date(m, "firstReported"); err != nil {
		return nil, err
	}
	return e, nil
}

// FindSources implements entente.EventStore.
func (s *Store) FindSources(ctx context.Context, eventIDs []string) (map[string][]*entente.Source, error) {
	out := map[string][]*entente.Source{}
	if len(eventIDs) == 0 {
		return out, nil
	}
	rows, err := read(ctx, s, func(tx neo4jdrv.ManagedTransaction) ([]map[string]any, error) {
		return run(ctx, tx, `
			MATCH (a:Article)-[r:SOURCE]->(e:Event) WHERE e.id IN $ids
			RETURN e.id AS event, a.id AS article, r {.*} AS r
			ORDER BY e.id, r.published, a.id, r.start, r.seq`, map[string]any{"ids": eventIDs})
	})
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	for _, row := range rows {
		r := row["r"].(map[string]any)
		src := &entente.Source{
			EventID: str(row, "event"), ArticleID: str(row, "article"), Quote: str(r, "quote"),
			Start: num(r, "start"), End: num(r, "end"), Status: entente.Status(str(r, "status")),
			Confidence: float(r, "confidence"),
		}
		if src.Published, err = date(r, "published"); err != nil {
			return nil, fmt.Errorf("find sources: %w", err)
		}
		if src.Date, err = date(r, "date"); err != nil {
			return nil, fmt.Errorf("find sources: %w", err)
		}
		out[src.EventID] = append(out[src.EventID], src)
	}
	return out, nil
}

// CountEvents implements entente.EventStore.
func (s *Store) CountEvents(ctx context.Context, f entente.EventFilter) ([]entente.EventCount, error) {
	p := map[string]any{}
	cond := eventWhere(f, p)
	rows, err := read(ctx, s, func(tx neo4jdrv.ManagedTransaction) ([]map[string]any, error) {
		return run(ctx, tx, eventMatch(f, cond)+`
			RETURN coalesce(e.blocId, '') AS bloc, e.type AS type, e.year AS year, count(*) AS n
			ORDER BY bloc, type, year`, p)
	})
	if err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	var out []entente.EventCount
	for _, r := range rows {
		out = append(out, entente.EventCount{
			Bloc: str(r, "bloc"), Type: entente.EventType(str(r, "type")), Year: num(r, "year"), Count: num(r, "n"),
		})
	}
	return out, nil
}
