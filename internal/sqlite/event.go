package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/entente/entente/internal/entente"
)

// FindEventByID implements entente.EventStore.
func (s *Store) FindEventByID(ctx context.Context, id string) (*entente.Event, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("find event: %w", err)
	}
	defer tx.Rollback()
	events, _, err := s.findEvents(ctx, tx, entente.EventFilter{IDs: []string{id}})
	if err != nil {
		return nil, fmt.Errorf("find event: %w", formatError(err))
	}
	if len(events) == 0 {
		return nil, entente.Errorf(entente.ENOTFOUND, "Event %q not found.", id)
	}
	sources, err := s.findSources(ctx, tx, []string{id})
	if err != nil {
		return nil, fmt.Errorf("find event: %w", formatError(err))
	}
	events[0].Sources = sources[id]
	return events[0], nil
}

// FindEvents implements entente.EventStore.
func (s *Store) FindEvents(ctx context.Context, f entente.EventFilter) ([]*entente.Event, int, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("find events: %w", err)
	}
	defer tx.Rollback()
	events, n, err := s.findEvents(ctx, tx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("find events: %w", formatError(err))
	}
	return events, n, nil
}

// membershipTypes is the condition of the index events_membership
// (migration 0002), word for word.
const membershipTypes = `type IN ('JOINED', 'WITHDREW', 'SUSPENDED')`

// isMembershipTypes reports whether types are JOINED, WITHDREW and
// SUSPENDED, in any order, each once or more.
func isMembershipTypes(types []entente.EventType) bool {
	var joined, withdrew, suspended bool
	for _, t := range types {
		switch t {
		case entente.Joined:
			joined = true
		case entente.Withdrew:
			withdrew = true
		case entente.Suspended:
			suspended = true
		default:
			return false
		}
	}
	return joined && withdrew && suspended
}

// eventWhere returns the condition and arguments of f, less its cursor and
// paging.
func eventWhere(f entente.EventFilter) (string, []any) {
	where, args := []string{"1 = 1"}, []any{}
	add := func(cond string, vs ...any) {
		where = append(where, cond)
		args = append(args, vs...)
	}
	if len(f.IDs) > 0 {
		cond, arg := jsonIn("id", f.IDs)
		add(cond, arg)
	}
	switch {
	case isMembershipTypes(f.Types) && (len(f.Blocs) > 0 || len(f.IDs)+len(f.Countries)+len(f.Persons) == 0):
		// Written as in events_membership's condition, so that the
		// planner may use that index.
		add(membershipTypes)
	case len(f.Types) > 0:
		// Eight types divide the events far less than a bloc, a country or a
		// person does: with one of those, "+" keeps the planner off the type
		// index, whose date order would otherwise tempt it.
		col := "type"
		if len(f.IDs)+len(f.Blocs)+len(f.Countries)+len(f.Persons) > 0 {
			col = "+type"
		}
		add(col+" IN ("+placeholders(len(f.Types))+")", anys(f.Types)...)
	}
	if len(f.Blocs) > 0 {
		add("bloc_id COLLATE NOCASE IN ("+placeholders(len(f.Blocs))+")", anys(f.Blocs)...)
	}
	// The date bounds as a range of order_key, which every event index
	// holds right after the column it is looked up by: the bounds below
	// are implied by those on first_day and last_day, and let a lookup
	// read only the events of the range.
	keyRange, keyArgs := orderKeyRange(f.From, f.To)
	if len(f.Countries) > 0 {
		in := placeholders(len(f.Countries))
		// As an OR, the planner scans every event in date order; as a
		// union it takes two index lookups and sorts what they find. For
		// memberships, both lookups name the three types as the indexes
		// events_subject_membership and events_place_membership do.
		// Other types are checked in the lookups too (events_subject
		// and events_place carry the type), before any row is read.
		cond, condArgs := keyRange, keyArgs
		switch {
		case isMembershipTypes(f.Types):
			cond += " AND " + membershipTypes
		case len(f.Types) > 0:
			cond += " AND type IN (" + placeholders(len(f.Types)) + ")"
			condArgs = append(slices.Clip(keyArgs), anys(f.Types)...)
		}
		args := append(anys(f.Countries), condArgs...)
		add(`rowid IN (SELECT rowid FROM events WHERE subject_kind = 'country' AND subject_id COLLATE NOCASE IN (`+in+`)`+cond+`
			UNION ALL SELECT rowid FROM events WHERE place_country COLLATE NOCASE IN (`+in+`)`+cond+`)`,
			append(args, args...)...)
	}
	if len(f.Persons) > 0 {
		add("subject_kind = 'person' AND subject_id COLLATE NOCASE IN ("+placeholders(len(f.Persons))+")", anys(f.Persons)...)
	}
	if len(f.SubjectKinds) > 0 {
		// Three kinds divide the events even less than types do: with any
		// other filter, "+" keeps the planner off events_subject, where a
		// count would otherwise walk every event of the kind.
		col := "subject_kind"
		if len(f.IDs)+len(f.Types)+len(f.Blocs)+len(f.Countries)+len(f.Persons) > 0 {
			col = "+subject_kind"
		}
		add(col+" IN ("+placeholders(len(f.SubjectKinds))+")", anys(f.SubjectKinds)...)
	}
	// Spans are kept as first and last days, which compare as text; an
	// undated event has neither and fails both bounds.
	if keyRange != "" {
		add("1 = 1"+keyRange, keyArgs...)
	}
	if !f.From.IsZero() {
		add("last_day >= ?", f.From.First().String())
	}
	if !f.To.IsZero() {
		add("first_day <= ?", f.To.Last().String())
	}
	if len(f.Status) > 0 {
		add("status IN ("+placeholders(len(f.Status))+")", anys(f.Status)...)
	}
	return strings.Join(where, " AND "), args
}

// orderKeyRange returns a condition on order_key, " AND ..." or "", that
// every event passing the bounds from and to on its span passes too.
// order_key is the first day of an event's date, then "/" and its
// precision ("~" when undated). A span that ends on or after from.First()
// begins in that year or later: a date covers a year at most. A span that
// begins on or before to.Last() has a key below that day followed by "0",
// which sorts right after "/".
func orderKeyRange(from, to entente.Date) (string, []any) {
	var cond string
	var args []any
	if !from.IsZero() {
		cond += " AND order_key >= ?"
		args = append(args, fmt.Sprintf("%04d", from.First().Year))
	}
	if !to.IsZero() {
		cond += " AND order_key < ?"
		args = append(args, to.Last().String()+"0")
	}
	return cond, args
}

const eventColumns = `id, type, subject_kind, subject_id, subject_name, bloc_kind, bloc_id, bloc_name,
	place_country, place_name, role, date, status, confidence, first_reported`

// eventsFrom returns the table clause for f: with several blocs, the
// planner (which has no statistics) would rather walk every membership
// event by type than look up each bloc in events_membership, so the
// membership question of several blocs names the index.
func eventsFrom(f entente.EventFilter) string {
	if len(f.Blocs) > 1 && len(f.IDs)+len(f.Countries)+len(f.Persons) == 0 && isMembershipTypes(f.Types) {
		return "events INDEXED BY events_membership"
	}
	return "events"
}

func (s *Store) findEvents(ctx context.Context, tx *sql.Tx, f entente.EventFilter) ([]*entente.Event, int, error) {
	cond, args := eventWhere(f)
	from := eventsFrom(f)
	countCond, countArgs := cond, args
	if f.After != "" {
		key, id, err := entente.DecodeCursor(f.After)
		if err != nil {
			return nil, 0, err
		}
		cond += " AND (order_key, id) > (?, ?)"
		args = append(args, key, id)
	}
	limit, offset := limitOffset(f.Limit, f.Offset)
	rows, err := s.query(ctx, tx, `SELECT `+eventColumns+` FROM `+from+` WHERE `+cond+`
		ORDER BY order_key, id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var events []*entente.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, 0, err
		}
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	// From the first row, a page shorter than its limit holds every match:
	// the count needs no second query.
	if f.After == "" && offset == 0 && (limit < 0 || len(events) < limit) {
		return events, len(events), nil
	}
	var n int
	if err := s.queryRow(ctx, tx, `SELECT count(*) FROM `+from+` WHERE `+countCond, countArgs, &n); err != nil {
		return nil, 0, err
	}
	return events, n, nil
}

func scanEvent(rows *sql.Rows) (*entente.Event, error) {
	e := &entente.Event{}
	var blocKind, blocID, blocName, placeCountry, placeName sql.NullString
	var date, firstReported string
	if err := rows.Scan(&e.ID, &e.Type, &e.Subject.Kind, &e.Subject.ID, &e.Subject.Name, &blocKind, &blocID, &blocName,
		&placeCountry, &placeName, &e.Role, &date, &e.Status, &e.Confidence, &firstReported); err != nil {
		return nil, err
	}
	if blocID.Valid {
		e.Bloc = &entente.Ref{Kind: entente.EntityKind(blocKind.String), ID: blocID.String, Name: blocName.String}
	}
	if placeCountry.Valid {
		e.Place = &entente.Place{Country: placeCountry.String, Name: placeName.String}
	}
	var err error
	if e.Date, err = parseDate(date); err != nil {
		return nil, err
	}
	if e.FirstReported, err = parseDate(firstReported); err != nil {
		return nil, err
	}
	return e, nil
}

// FindSources implements entente.EventStore.
func (s *Store) FindSources(ctx context.Context, eventIDs []string) (map[string][]*entente.Source, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	defer tx.Rollback()
	m, err := s.findSources(ctx, tx, eventIDs)
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", formatError(err))
	}
	return m, nil
}

func (s *Store) findSources(ctx context.Context, tx *sql.Tx, ids []string) (map[string][]*entente.Source, error) {
	out := map[string][]*entente.Source{}
	if len(ids) == 0 {
		return out, nil
	}
	{
		in, arg := jsonIn("event_id", ids)
		rows, err := s.query(ctx, tx, `
			SELECT event_id, article_id, published, quote, pos_start, pos_end, date, status, confidence
			FROM sources WHERE `+in+` ORDER BY event_id, published, article_id, pos_start, seq`, arg)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			src := &entente.Source{}
			var published, date string
			if err := rows.Scan(&src.EventID, &src.ArticleID, &published, &src.Quote, &src.Start, &src.End, &date, &src.Status, &src.Confidence); err != nil {
				rows.Close()
				return nil, err
			}
			if src.Published, err = parseDate(published); err == nil {
				src.Date, err = parseDate(date)
			}
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[src.EventID] = append(out[src.EventID], src)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CountEvents implements entente.EventStore.
func (s *Store) CountEvents(ctx context.Context, f entente.EventFilter) ([]entente.EventCount, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("count events: %w", err)
	}
	defer tx.Rollback()
	cond, args := eventWhere(f)
	// Grouped by the columns themselves, not coalesce(bloc_id, ''), so that
	// events_counts gives the groups in order; NULL sorts first, as ''
	// would.
	rows, err := s.query(ctx, tx, `
		SELECT bloc_id, type, year, count(*) FROM `+eventsFrom(f)+` WHERE `+cond+`
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, args...)
	if err != nil {
		return nil, fmt.Errorf("count events: %w", formatError(err))
	}
	defer rows.Close()
	var out []entente.EventCount
	for rows.Next() {
		var c entente.EventCount
		var bloc sql.NullString
		if err := rows.Scan(&bloc, &c.Type, &c.Year, &c.Count); err != nil {
			return nil, fmt.Errorf("count events: %w", err)
		}
		c.Bloc = bloc.String
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count events: %w", formatError(err))
	}
	return out, nil
}
