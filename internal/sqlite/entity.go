package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"github.com/entente/entente/internal/entente"
)

// normalize returns a name as search compares it: lower case, with words
// separated by single spaces ("Kassym-Jomart" → "kassym jomart").
func normalize(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// searchRanks ranks each entity that a name matches the search text ?1 by
// its best name: 0 exact, 1 prefix, 2 a word inside the name. Both are
// prefix ranges over an index (migration 0003): of the names, and of the
// rests of the names from each inner word. U+10FFFF sorts after every
// character, so [t, t+U+10FFFF) holds the strings that begin with t.
const searchRanks = `
	SELECT kind, id, min(rank) AS rank FROM (
		SELECT kind, id, CASE WHEN norm = ?1 THEN 0 ELSE 1 END AS rank
		FROM entity_names WHERE norm >= ?1 AND norm < ?1 || char(1114111)
		UNION ALL
		SELECT kind, id, 2 FROM entity_words WHERE rest >= ?1 AND rest < ?1 || char(1114111)
	)
	GROUP BY kind, id`

// FindEntity implements entente.EntityStore.
func (s *Store) FindEntity(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("find entity: %w", err)
	}
	defer tx.Rollback()
	// The exact spelling first, should two ids differ only in case.
	rows, err := s.query(ctx, tx, `
		SELECT kind, id, name, aliases, NULL FROM entities WHERE kind = ? AND id = ? COLLATE NOCASE
		ORDER BY id = ? DESC, id LIMIT 1`, kind, id, id)
	if err != nil {
		return nil, fmt.Errorf("find entity: %w", formatError(err))
	}
	es, _, err := s.scanEntities(ctx, tx, rows)
	if err != nil {
		return nil, fmt.Errorf("find entity: %w", formatError(err))
	}
	if len(es) == 0 {
		return nil, entente.Errorf(entente.ENOTFOUND, "%s %q not found.", kind.Noun(), id)
	}
	return es[0], nil
}

// FindEntities implements entente.EntityStore.
func (s *Store) FindEntities(ctx context.Context, f entente.EntityFilter) ([]*entente.Entity, int, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("find entities: %w", err)
	}
	defer tx.Rollback()
	es, n, err := s.findEntities(ctx, tx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("find entities: %w", formatError(err))
	}
	return es, n, nil
}

func (s *Store) findEntities(ctx context.Context, tx *sql.Tx, f entente.EntityFilter) ([]*entente.Entity, int, error) {
	from, where, args := "entities e", []string{"1 = 1"}, []any{}
	order := "e.kind, e.id"
	if f.Text != nil {
		t := normalize(*f.Text)
		if t == "" {
			return nil, 0, nil
		}
		from = `entities e JOIN (` + searchRanks + `) r ON r.kind = e.kind AND r.id = e.id`
		args = append(args, t)
		order = "r.rank, e.kind, e.id"
	}
	if f.Kind != nil {
		where = append(where, "e.kind = ?")
		args = append(args, *f.Kind)
	}
	if len(f.IDs) > 0 {
		cond, arg := jsonIn("e.id COLLATE NOCASE", f.IDs)
		where = append(where, cond)
		args = append(args, arg)
		if f.Text == nil {
			// Sorting what the ids find beats walking a whole kind in
			// order, as the planner would: "+" keeps it on
			// entities_id_nocase (and leaves the order as it is).
			order = "+e.kind, +e.id"
		}
	}
	if f.OfficeCountry != nil {
		// From offices_country, rather than a probe of every entity.
		where = append(where, "(e.kind, e.id) IN (SELECT o.kind, o.id FROM offices o WHERE o.country = ? COLLATE NOCASE)")
		args = append(args, *f.OfficeCountry)
	}
	cond := strings.Join(where, " AND ")
	limit, offset := limitOffset(f.Limit, f.Offset)
	// A search ranks every match before it pages, so the same pass counts
	// them (a window is computed before LIMIT); other reads count apart,
	// and only when a page is full.
	total := "NULL"
	if f.Text != nil {
		total = "count(*) OVER ()"
	}
	rows, err := s.query(ctx, tx, `SELECT e.kind, e.id, e.name, e.aliases, `+total+` FROM `+from+` WHERE `+cond+`
		ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args[:len(args):len(args)], limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	es, counted, err := s.scanEntities(ctx, tx, rows)
	if err != nil {
		return nil, 0, err
	}
	if counted.Valid {
		return es, int(counted.Int64), nil
	}
	// From the first row, a page shorter than its limit holds every match.
	if offset == 0 && (limit < 0 || len(es) < limit) {
		return es, len(es), nil
	}
	var n int
	if err := s.queryRow(ctx, tx, `SELECT count(*) FROM `+from+` WHERE `+cond, args, &n); err != nil {
		return nil, 0, err
	}
	return es, n, nil
}

// scanEntities reads entity rows (kind, id, name, aliases and a total,
// which may be NULL), closes them and loads the offices of the persons among
// them. It returns the total of the first row.
func (s *Store) scanEntities(ctx context.Context, tx *sql.Tx, rows *sql.Rows) ([]*entente.Entity, sql.NullInt64, error) {
	var es []*entente.Entity
	var total sql.NullInt64
	persons := map[string]*entente.Entity{}
	for rows.Next() {
		e := &entente.Entity{}
		var aliases string
		if err := rows.Scan(&e.Kind, &e.ID, &e.Name, &aliases, &total); err != nil {
			rows.Close()
			return nil, total, err
		}
		if err := decodeEntityLists(e, aliases, "[]"); err != nil {
			rows.Close()
			return nil, total, err
		}
		es = append(es, e)
		if e.Kind == entente.KindPerson {
			persons[e.ID] = e
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, total, err
	}
	if len(persons) == 0 {
		return es, total, nil
	}
	var ids []string
	for id := range persons {
		ids = append(ids, id)
	}
	in, arg := jsonIn("id", ids)
	orows, err := s.query(ctx, tx, `
		SELECT id, title, country, org, since, until, first_reported, last_reported FROM offices
		WHERE kind = 'person' AND `+in+` ORDER BY id, seq`, arg)
	if err != nil {
		return nil, total, err
	}
	defer orows.Close()
	for orows.Next() {
		var id string
		var o entente.Office
		var since, until, first, last string
		if err := orows.Scan(&id, &o.Title, &o.Country, &o.Org, &since, &until, &first, &last); err != nil {
			return nil, total, err
		}
		for _, p := range []struct {
			s string
			d *entente.Date
		}{{since, &o.Since}, {until, &o.Until}, {first, &o.FirstReported}, {last, &o.LastReported}} {
			if *p.d, err = parseDate(p.s); err != nil {
				return nil, total, err
			}
		}
		persons[id].Offices = append(persons[id].Offices, o)
	}
	return es, total, orows.Err()
}
