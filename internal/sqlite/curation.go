package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entente/entente/internal/entente"
)

// decodeExtraction sets a's entities and claims from raw_extraction, in the
// form loadExtraction gives them.
func decodeExtraction(a *entente.Article, raw string) error {
	if err := entente.DecodeExtraction(a, raw); err != nil {
		return err
	}
	for _, e := range a.Entities {
		if e.Aliases == nil {
			e.Aliases = []string{}
		}
	}
	return nil
}

const curationColumns = `id, kind, reason, actor, created_at, article_id, event_key, event_id, starts, quote,
	from_id, into_id, into_name, revoked_at, revoked_by, revoke_reason`

func scanCuration(rows *sql.Rows) (*entente.Curation, error) {
	c := &entente.Curation{}
	var created, starts string
	var revoked sql.NullString
	if err := rows.Scan(&c.ID, &c.Kind, &c.Reason, &c.Actor, &created, &c.ArticleID, &c.EventKey, &c.EventID, &starts,
		&c.Quote, &c.From, &c.Into, &c.IntoName, &revoked, &c.RevokedBy, &c.RevokeReason); err != nil {
		return nil, err
	}
	var err error
	if c.CreatedAt, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return nil, fmt.Errorf("stored time %q: %w", created, err)
	}
	if revoked.Valid {
		t, err := time.Parse(time.RFC3339Nano, revoked.String)
		if err != nil {
			return nil, fmt.Errorf("stored time %q: %w", revoked.String, err)
		}
		c.RevokedAt = &t
	}
	if starts != "[]" {
		if err := json.Unmarshal([]byte(starts), &c.Starts); err != nil {
			return nil, fmt.Errorf("stored offsets of curation %s: %w", c.ID, err)
		}
	}
	return c, nil
}

func queryCurations(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]*entente.Curation, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+curationColumns+` FROM curations WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*entente.Curation
	for rows.Next() {
		c, err := scanCuration(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// activeCurations reads the curations in force: few, as people make them.
func activeCurations(ctx context.Context, tx *sql.Tx) (*entente.Curations, error) {
	list, err := queryCurations(ctx, tx, `revoked_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("read curations: %w", err)
	}
	return entente.NewCurations(list), nil
}

// formatTime writes a time at a fixed width, so that times sort as text.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z07:00") }

// Curate implements entente.CurationStore.
func (s *Store) Curate(ctx context.Context, c *entente.Curation) (*entente.CurationResult, error) {
	if c == nil {
		return nil, entente.Errorf(entente.EINVALID, "Curation required.")
	}
	cc, err := c.Prepared()
	if err != nil {
		return nil, err
	}
	tx, err := s.writeTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("curate: %w", err)
	}
	defer tx.Rollback()
	res, err := s.curate(ctx, tx, &cc)
	if err != nil {
		return nil, fmt.Errorf("curate: %w", formatError(err))
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("curate: %w", formatError(err))
	}
	return res, nil
}

func (s *Store) curate(ctx context.Context, tx *sql.Tx, c *entente.Curation) (*entente.CurationResult, error) {
	if c.ID != "" {
		found, err := queryCurations(ctx, tx, `id = ?`, c.ID)
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			return &entente.CurationResult{Curation: found[0]}, nil
		}
	}
	if c.RevokedAt != nil {
		// A revoked curation, imported: on record, in force nowhere.
		if err := insertCuration(ctx, tx, c, s.Now()); err != nil {
			return nil, err
		}
		return &entente.CurationResult{Curation: c}, nil
	}
	active, err := queryCurations(ctx, tx, `revoked_at IS NULL ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	if repeated, err := entente.Repeats(active, c); err != nil || repeated != nil {
		return &entente.CurationResult{Curation: repeated}, err
	}
	var affected []string
	switch c.Kind {
	case entente.Retraction:
		// The claims it retracts must be stored, as the graph reads them.
		arts := []*entente.Article{{ID: c.ArticleID}}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ?`, c.ArticleID).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, entente.Errorf(entente.ENOTFOUND, "Article %q not found.", c.ArticleID)
		}
		if err := loadExtraction(ctx, tx, arts, map[string]*entente.Article{c.ArticleID: arts[0]}); err != nil {
			return nil, err
		}
		if err := c.Retracts(arts[0]); err != nil {
			return nil, err
		}
		affected = []string{c.ArticleID}

	case entente.Merge:
		var fromName string
		if err := tx.QueryRowContext(ctx, `SELECT id, name FROM entities WHERE kind = 'person' AND id = ? COLLATE NOCASE`,
			c.From).Scan(&c.From, &fromName); err == sql.ErrNoRows {
			return nil, entente.Errorf(entente.ENOTFOUND, "Person %q not found.", c.From)
		} else if err != nil {
			return nil, err
		}
		if err := tx.QueryRowContext(ctx, `SELECT id, name FROM entities WHERE kind = 'person' AND id = ? COLLATE NOCASE`,
			c.Into).Scan(&c.Into, &c.IntoName); err == sql.ErrNoRows {
			return nil, entente.Errorf(entente.ENOTFOUND, "Person %q not found.", c.Into)
		} else if err != nil {
			return nil, err
		}
		if affected, err = personArticles(ctx, tx, c.From, false); err != nil {
			return nil, err
		}
	}

	if err := insertCuration(ctx, tx, c, s.Now()); err != nil {
		return nil, err
	}
	res, err := s.reapply(ctx, tx, affected, entente.NewCurations(append(active, c)))
	if err != nil {
		return nil, err
	}
	res.Curation = c
	return res, nil
}

// insertCuration records c, setting its ID and CreatedAt when empty.
func insertCuration(ctx context.Context, tx *sql.Tx, c *entente.Curation, now time.Time) error {
	if c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	c.CreatedAt = c.CreatedAt.UTC()
	if c.ID == "" {
		c.ID = entente.CurationID(c)
	}
	starts := []byte("[]")
	if c.Starts != nil {
		var err error
		if starts, err = json.Marshal(c.Starts); err != nil {
			return err
		}
	}
	var revoked any
	if c.RevokedAt != nil {
		t := c.RevokedAt.UTC()
		c.RevokedAt, revoked = &t, formatTime(t)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO curations (`+curationColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Kind, c.Reason, c.Actor, formatTime(c.CreatedAt), c.ArticleID, c.EventKey, c.EventID, string(starts), c.Quote,
		c.From, c.Into, c.IntoName, revoked, c.RevokedBy, c.RevokeReason)
	return err
}

// personArticles returns the ids of the stored articles that mention a
// person as the graph reads them: in their entities or as the subject of a
// claim. With curated, only those whose stored extraction curations
// changed.
func personArticles(ctx context.Context, tx *sql.Tx, id string, curated bool) ([]string, error) {
	q := `
		SELECT article_id FROM article_entities WHERE kind = 'person' AND id = ? COLLATE NOCASE
		UNION
		SELECT s.article_id FROM events e JOIN sources s ON s.event_id = e.id
		WHERE e.subject_kind = 'person' AND e.subject_id = ? COLLATE NOCASE`
	if curated {
		q = `SELECT id FROM articles WHERE raw_extraction IS NOT NULL AND id IN (` + q + `)`
	}
	rows, err := tx.QueryContext(ctx, q, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		ids = append(ids, a)
	}
	slices.Sort(ids)
	return ids, rows.Err()
}

// reapply rewrites the stored articles ids as the curations cs read them.
func (s *Store) reapply(ctx context.Context, tx *sql.Tx, ids []string, cs *entente.Curations) (*entente.CurationResult, error) {
	res := &entente.CurationResult{}
	for _, part := range chunks(ids, 200) {
		arts, err := rawArticles(ctx, tx, part)
		if err != nil {
			return nil, err
		}
		prints := make([]string, len(arts))
		for i, a := range arts {
			if prints[i], err = a.Fingerprint(); err != nil {
				return nil, err
			}
		}
		w := s.newWriter(tx)
		w.force = true
		results, err := w.upsert(ctx, w.curate(arts, cs), prints)
		if err != nil {
			return nil, err
		}
		res.AddRewrites(results)
	}
	return res, nil
}

// rawArticles reads stored articles with their extraction as found, in the
// write transaction (findArticles uses the readers' statements).
func rawArticles(ctx context.Context, tx *sql.Tx, ids []string) ([]*entente.Article, error) {
	cond, arg := jsonIn("id", ids)
	rows, err := tx.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE `+cond+` ORDER BY id`, arg)
	if err != nil {
		return nil, err
	}
	arts, byID, raws, err := scanArticles(rows)
	if err != nil {
		return nil, err
	}
	if err := loadRawExtraction(ctx, tx, arts, byID, raws); err != nil {
		return nil, err
	}
	return arts, nil
}

// RevokeCuration implements entente.CurationStore.
func (s *Store) RevokeCuration(ctx context.Context, id, actor, reason string) (*entente.CurationResult, error) {
	reason, err := entente.RevocationReason(reason, actor)
	if err != nil {
		return nil, err
	}
	tx, err := s.writeTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("revoke curation: %w", err)
	}
	defer tx.Rollback()
	res, err := s.revoke(ctx, tx, id, actor, reason)
	if err != nil {
		return nil, fmt.Errorf("revoke curation: %w", formatError(err))
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("revoke curation: %w", formatError(err))
	}
	return res, nil
}

func (s *Store) revoke(ctx context.Context, tx *sql.Tx, id, actor, reason string) (*entente.CurationResult, error) {
	found, err := queryCurations(ctx, tx, `id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, entente.Errorf(entente.ENOTFOUND, "Curation %q not found.", id)
	}
	c := found[0]
	if !c.Active() {
		return &entente.CurationResult{Curation: c}, nil
	}
	before, err := activeCurations(ctx, tx)
	if err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	c.RevokedAt, c.RevokedBy, c.RevokeReason = &now, actor, reason
	if _, err := tx.ExecContext(ctx, `UPDATE curations SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ?`,
		formatTime(now), actor, reason, c.ID); err != nil {
		return nil, err
	}
	var affected []string
	switch c.Kind {
	case entente.Retraction:
		affected = []string{c.ArticleID}
	case entente.Merge:
		// The merged person's articles now name the end of its chain.
		if affected, err = personArticles(ctx, tx, before.Person(c.From), true); err != nil {
			return nil, err
		}
	}
	after, err := activeCurations(ctx, tx)
	if err != nil {
		return nil, err
	}
	res, err := s.reapply(ctx, tx, affected, after)
	if err != nil {
		return nil, err
	}
	res.Curation = c
	return res, nil
}

// FindCurations implements entente.CurationStore.
func (s *Store) FindCurations(ctx context.Context, f entente.CurationFilter) ([]*entente.Curation, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if len(f.IDs) > 0 {
		cond, arg := jsonIn("id", f.IDs)
		where, args = append(where, cond), append(args, arg)
	}
	if len(f.Kinds) > 0 {
		cond, arg := jsonIn("kind", f.Kinds)
		where, args = append(where, cond), append(args, arg)
	}
	if f.Active != nil {
		if *f.Active {
			where = append(where, "revoked_at IS NULL")
		} else {
			where = append(where, "revoked_at IS NOT NULL")
		}
	}
	if f.ArticleID != nil {
		where, args = append(where, "article_id = ?"), append(args, *f.ArticleID)
	}
	if f.Person != nil {
		where = append(where, "(from_id = ? COLLATE NOCASE OR into_id = ? COLLATE NOCASE)")
		args = append(args, *f.Person, *f.Person)
	}
	cond := strings.Join(where, " AND ")
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("find curations: %w", err)
	}
	defer tx.Rollback()
	limit, offset := limitOffset(f.Limit, f.Offset)
	list, err := queryCurations(ctx, tx, cond+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args[:len(args):len(args)], limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("find curations: %w", formatError(err))
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM curations WHERE `+cond, args...).Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("find curations: %w", formatError(err))
	}
	return list, n, nil
}
