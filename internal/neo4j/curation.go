package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/entente"
)

// Curations are (:Curation {id, kind, …}) nodes, recorded and never
// deleted; revoking one sets revokedAt. The graph is derived from each
// article as the curations in force read it (entente.Curations.Apply): the
// claims, listed entities and mentions of an article are its curated
// extraction, and its rawExtraction property keeps the extraction as found
// when curations changed it.
//
// Every write transaction that stores articles or curations first locks
// (:Lock {key: "curations"}) and then reads the curations in force: so an
// upsert never writes an article as curations that a concurrent Curate is
// changing read it, and a Curate sees every article stored before it. The
// lock comes before every other lock, which keeps the lock order acyclic.

// curationsLock is the key of the lock every writer takes first.
const curationsLock = "curations"

// lockCurations takes the curations lock and reads the curations in force,
// in one round trip: the lock is taken (SET) before the match runs. Taking
// it counts the transaction in the store's generation (Store.Generation),
// which starts from the clock when the lock node is made or first counts
// (one written before generations were counted has none), so a wiped and
// refilled database does not repeat the numbers of the one before.
func (w *writer) lockCurations(ctx context.Context) (*entente.Curations, error) {
	list, err := w.lockActiveCurations(ctx)
	if err != nil {
		return nil, err
	}
	return entente.NewCurations(list), nil
}

func (w *writer) lockActiveCurations(ctx context.Context) ([]*entente.Curation, error) {
	rows, err := run(ctx, w.tx, `
		MERGE (l:Lock {key: $lock})
		SET l.at = $now, l.generation = coalesce(l.generation, timestamp() * 1000) + 1
		WITH l
		OPTIONAL MATCH (c:Curation) WHERE c.revokedAt IS NULL
		RETURN c {.*} AS c
		ORDER BY c.createdAt, c.id`, map[string]any{"lock": curationsLock, "now": w.now.Format(time.RFC3339Nano)})
	if err != nil {
		return nil, fmt.Errorf("read curations: %w", err)
	}
	return decodeCurationRows(rows)
}

// timeFormat writes times at a fixed width, so that they sort as strings.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func curationProps(c *entente.Curation) map[string]any {
	p := map[string]any{
		"id": c.ID, "kind": string(c.Kind), "reason": c.Reason, "actor": c.Actor,
		"createdAt": c.CreatedAt.UTC().Format(timeFormat),
	}
	if c.RevokedAt != nil {
		p["revokedAt"], p["revokedBy"], p["revokeReason"] = c.RevokedAt.UTC().Format(timeFormat), c.RevokedBy, c.RevokeReason
	}
	switch c.Kind {
	case entente.Retraction:
		starts := make([]int64, len(c.Starts))
		for i, s := range c.Starts {
			starts[i] = int64(s)
		}
		p["articleId"], p["eventKey"], p["eventId"], p["starts"], p["quote"] = c.ArticleID, c.EventKey, c.EventID, starts, c.Quote
	case entente.Merge:
		p["from"], p["fromLC"], p["into"], p["intoLC"], p["intoName"] = c.From, strings.ToLower(c.From), c.Into, strings.ToLower(c.Into), c.IntoName
	}
	return p
}

func decodeCurationRows(rows []map[string]any) ([]*entente.Curation, error) {
	var out []*entente.Curation
	for _, r := range rows {
		m, ok := r["c"].(map[string]any)
		if !ok {
			continue // OPTIONAL MATCH found none
		}
		c := &entente.Curation{
			ID: str(m, "id"), Kind: entente.CurationKind(str(m, "kind")), Reason: str(m, "reason"), Actor: str(m, "actor"),
			ArticleID: str(m, "articleId"), EventKey: str(m, "eventKey"), EventID: str(m, "eventId"), Quote: str(m, "quote"),
			From: str(m, "from"), Into: str(m, "into"), IntoName: str(m, "intoName"),
			RevokedBy: str(m, "revokedBy"), RevokeReason: str(m, "revokeReason"),
		}
		if starts, ok := m["starts"].([]any); ok {
			for _, s := range starts {
				n, _ := s.(int64)
				c.Starts = append(c.Starts, int(n))
			}
		}
		var err error
		if c.CreatedAt, err = parseTime(str(m, "createdAt")); err != nil {
			return nil, err
		}
		if t := str(m, "revokedAt"); t != "" {
			rt, err := parseTime(t)
			if err != nil {
				return nil, err
			}
			c.RevokedAt = &rt
		}
		out = append(out, c)
	}
	return out, nil
}

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// Curate implements entente.CurationStore.
func (s *Store) Curate(ctx context.Context, c *entente.Curation) (*entente.CurationResult, error) {
	if c == nil {
		return nil, entente.Errorf(entente.EINVALID, "Curation required.")
	}
	cc, err := c.Prepared()
	if err != nil {
		return nil, err
	}
	// Set before the transaction, which the driver may run again.
	now := s.Now().UTC()
	if cc.CreatedAt.IsZero() {
		cc.CreatedAt = now
	}
	cc.CreatedAt = cc.CreatedAt.UTC()
	res, err := write(ctx, s, func(tx neo4jdrv.ManagedTransaction) (*entente.CurationResult, error) {
		x := cc
		x.Starts = slices.Clone(cc.Starts)
		return s.curate(ctx, tx, &x, now)
	})
	if err != nil {
		return nil, fmt.Errorf("curate: %w", err)
	}
	return res, nil
}

func (s *Store) curate(ctx context.Context, tx neo4jdrv.ManagedTransaction, c *entente.Curation, now time.Time) (*entente.CurationResult, error) {
	active, err := newWriter(tx, now).lockActiveCurations(ctx)
	if err != nil {
		return nil, err
	}
	if c.ID != "" {
		found, err := findCuration(ctx, tx, c.ID)
		if err != nil {
			return nil, err
		}
		if found != nil {
			return &entente.CurationResult{Curation: found}, nil
		}
	}
	if c.RevokedAt != nil {
		// A revoked curation, imported: on record, in force nowhere.
		if c.ID == "" {
			c.ID = entente.CurationID(c)
		}
		if err := createCuration(ctx, tx, c); err != nil {
			return nil, err
		}
		return &entente.CurationResult{Curation: c}, nil
	}
	if repeated, err := entente.Repeats(active, c); err != nil || repeated != nil {
		return &entente.CurationResult{Curation: repeated}, err
	}
	var affected []string
	switch c.Kind {
	case entente.Retraction:
		// The claims it retracts must be stored, as the graph reads them.
		arts, err := loadExtraction(ctx, tx, []string{c.ArticleID}, false)
		if err != nil {
			return nil, err
		}
		if len(arts) == 0 {
			return nil, entente.Errorf(entente.ENOTFOUND, "Article %q not found.", c.ArticleID)
		}
		if err := c.Retracts(arts[0]); err != nil {
			return nil, err
		}
		affected = []string{c.ArticleID}

	case entente.Merge:
		if c.From, _, err = findPerson(ctx, tx, c.From); err != nil {
			return nil, err
		}
		if c.Into, c.IntoName, err = findPerson(ctx, tx, c.Into); err != nil {
			return nil, err
		}
		if affected, err = personArticles(ctx, tx, c.From, false); err != nil {
			return nil, err
		}
	}
	if c.ID == "" {
		c.ID = entente.CurationID(c)
	}
	if err := createCuration(ctx, tx, c); err != nil {
		return nil, err
	}
	res, err := reapply(ctx, tx, now, affected, entente.NewCurations(append(active, c)))
	if err != nil {
		return nil, err
	}
	res.Curation = c
	return res, nil
}

func createCuration(ctx context.Context, tx neo4jdrv.ManagedTransaction, c *entente.Curation) error {
	return exec(ctx, tx, `CREATE (c:Curation) SET c = $props`, map[string]any{"props": curationProps(c)})
}

// findCuration returns the curation id, or nil.
func findCuration(ctx context.Context, tx neo4jdrv.ManagedTransaction, id string) (*entente.Curation, error) {
	rows, err := run(ctx, tx, `MATCH (c:Curation {id: $id}) RETURN c {.*} AS c`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	found, err := decodeCurationRows(rows)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	return found[0], nil
}

// findPerson returns the stored id and the name of a person, by id
// (case-insensitive, the exact spelling first), or ENOTFOUND.
func findPerson(ctx context.Context, tx neo4jdrv.ManagedTransaction, id string) (string, string, error) {
	rows, err := run(ctx, tx, `
		MATCH (e:Entity) WHERE e.kind = 'person' AND e.idLC = $idLC
		RETURN e.id AS id, e.name AS name
		ORDER BY CASE WHEN e.id = $id THEN 0 ELSE 1 END, e.id LIMIT 1`,
		map[string]any{"idLC": strings.ToLower(id), "id": id})
	if err != nil {
		return "", "", err
	}
	if len(rows) == 0 {
		return "", "", entente.Errorf(entente.ENOTFOUND, "Person %q not found.", id)
	}
	return str(rows[0], "id"), str(rows[0], "name"), nil
}

// personArticles returns the ids of the stored articles that mention a
// person as the graph reads them (in their entities or as the subject of a
// claim: both are MENTIONS). With curated, only those whose stored
// extraction curations changed.
func personArticles(ctx context.Context, tx neo4jdrv.ManagedTransaction, id string, curated bool) ([]string, error) {
	rows, err := run(ctx, tx, `
		MATCH (a:Article)-[:MENTIONS]->(e:Entity) WHERE e.kind = 'person' AND e.idLC = $idLC
			AND (NOT $curated OR a.rawExtraction IS NOT NULL)
		RETURN DISTINCT a.id AS id ORDER BY id`, map[string]any{"idLC": strings.ToLower(id), "curated": curated})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = str(r, "id")
	}
	return ids, nil
}

// reapplyBatch bounds the articles one writer rewrites at once.
const reapplyBatch = 200

// reapply rewrites the stored articles ids as the curations cs read them,
// through the writer, whatever their fingerprint.
func reapply(ctx context.Context, tx neo4jdrv.ManagedTransaction, now time.Time, ids []string, cs *entente.Curations) (*entente.CurationResult, error) {
	res := &entente.CurationResult{}
	for i := 0; i < len(ids); i += reapplyBatch {
		part := ids[i:min(i+reapplyBatch, len(ids))]
		found, err := findArticles(ctx, tx, entente.ArticleFilter{IDs: part, WithExtraction: true})
		if err != nil {
			return nil, err
		}
		// The stored fingerprints: the articles as extracted are unchanged.
		rows, err := run(ctx, tx, `MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id, a.fingerprint AS fp`,
			map[string]any{"ids": part})
		if err != nil {
			return nil, err
		}
		fps := map[string]string{}
		for _, r := range rows {
			fps[str(r, "id")] = str(r, "fp")
		}
		prints := make([]string, len(found.items))
		for i, a := range found.items {
			prints[i] = fps[a.ID]
		}
		w := newWriter(tx, now)
		w.force = true
		results, err := w.upsert(ctx, w.curate(found.items, cs), prints)
		if err != nil {
			return nil, err
		}
		res.AddRewrites(results)
	}
	return res, nil
}

// RevokeCuration implements entente.CurationStore.
func (s *Store) RevokeCuration(ctx context.Context, id, actor, reason string) (*entente.CurationResult, error) {
	reason, err := entente.RevocationReason(reason, actor)
	if err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	res, err := write(ctx, s, func(tx neo4jdrv.ManagedTransaction) (*entente.CurationResult, error) {
		return s.revoke(ctx, tx, id, actor, reason, now)
	})
	if err != nil {
		return nil, fmt.Errorf("revoke curation: %w", err)
	}
	return res, nil
}

func (s *Store) revoke(ctx context.Context, tx neo4jdrv.ManagedTransaction, id, actor, reason string, now time.Time) (*entente.CurationResult, error) {
	active, err := newWriter(tx, now).lockActiveCurations(ctx)
	if err != nil {
		return nil, err
	}
	c, err := findCuration(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, entente.Errorf(entente.ENOTFOUND, "Curation %q not found.", id)
	}
	if !c.Active() {
		return &entente.CurationResult{Curation: c}, nil
	}
	c.RevokedAt, c.RevokedBy, c.RevokeReason = &now, actor, reason
	if err := exec(ctx, tx, `
		MATCH (c:Curation {id: $id})
		SET c.revokedAt = $at, c.revokedBy = $by, c.revokeReason = $reason`,
		map[string]any{"id": c.ID, "at": now.Format(timeFormat), "by": actor, "reason": reason}); err != nil {
		return nil, err
	}
	var affected []string
	switch c.Kind {
	case entente.Retraction:
		affected = []string{c.ArticleID}
	case entente.Merge:
		// The merged person's articles now name the end of its chain.
		if affected, err = personArticles(ctx, tx, entente.NewCurations(active).Person(c.From), true); err != nil {
			return nil, err
		}
	}
	remaining := slices.DeleteFunc(slices.Clone(active), func(a *entente.Curation) bool { return a.ID == c.ID })
	res, err := reapply(ctx, tx, now, affected, entente.NewCurations(remaining))
	if err != nil {
		return nil, err
	}
	res.Curation = c
	return res, nil
}

// FindCurations implements entente.CurationStore.
func (s *Store) FindCurations(ctx context.Context, f entente.CurationFilter) ([]*entente.Curation, int, error) {
	where, p := []string{"true"}, map[string]any{}
	if len(f.IDs) > 0 {
		where, p["ids"] = append(where, "c.id IN $ids"), f.IDs
	}
	if len(f.Kinds) > 0 {
		where, p["kinds"] = append(where, "c.kind IN $kinds"), plain(f.Kinds)
	}
	if f.Active != nil {
		if *f.Active {
			where = append(where, "c.revokedAt IS NULL")
		} else {
			where = append(where, "c.revokedAt IS NOT NULL")
		}
	}
	if f.ArticleID != nil {
		where, p["article"] = append(where, "c.articleId = $article"), *f.ArticleID
	}
	if f.Person != nil {
		where, p["person"] = append(where, "(c.fromLC = $person OR c.intoLC = $person)"), strings.ToLower(*f.Person)
	}
	cond := strings.Join(where, " AND ")
	paging := page(p, f.Offset, f.Limit)
	res, err := read(ctx, s, func(tx neo4jdrv.ManagedTransaction) (counted[*entente.Curation], error) {
		var out counted[*entente.Curation]
		rows, err := run(ctx, tx, `MATCH (c:Curation) WHERE `+cond+` RETURN count(c) AS n`, p)
		if err != nil {
			return out, err
		}
		out.n = num(rows[0], "n")
		rows, err = run(ctx, tx, `
			MATCH (c:Curation) WHERE `+cond+`
			RETURN c {.*} AS c
			ORDER BY c.createdAt DESC, c.id DESC`+paging, p)
		if err != nil {
			return out, err
		}
		out.items, err = decodeCurationRows(rows)
		return out, err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find curations: %w", err)
	}
	return res.items, res.n, nil
}
