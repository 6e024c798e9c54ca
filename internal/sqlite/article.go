package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/entente/entente/internal/entente"
)

// UpsertArticles implements entente.ArticleStore.
func (s *Store) UpsertArticles(ctx context.Context, articles []*entente.Article) ([]entente.UpsertResult, error) {
	if len(articles) == 0 {
		return nil, nil
	}
	prints := make([]string, len(articles))
	for i, a := range articles {
		if a == nil {
			return nil, entente.Errorf(entente.EINVALID, "Article %d of the batch is missing.", i+1)
		}
		if err := a.Validate(); err != nil {
			return nil, err
		}
		fp, err := fingerprint(a)
		if err != nil {
			return nil, err
		}
		prints[i] = fp
	}

	tx, err := s.writeTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("upsert articles: %w", err)
	}
	defer tx.Rollback()
	w := &writer{tx: tx, stmts: map[string]*sql.Stmt{}, entities: map[entityKey]bool{}}
	defer w.close()

	results := make([]entente.UpsertResult, len(articles))
	for i, a := range articles {
		if results[i], err = s.upsertArticle(ctx, w, a, prints[i]); err != nil {
			return nil, fmt.Errorf("upsert article %s: %w", a.ID, formatError(err))
		}
	}
	for k := range w.entities {
		if err := w.rebuildEntity(ctx, k); err != nil {
			return nil, fmt.Errorf("derive entity %s: %w", entente.EntityKey(k.kind, k.id), formatError(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("upsert articles: %w", formatError(err))
	}
	return results, nil
}

// fingerprint hashes everything stored for an article but the time it was
// ingested, so that an identical write can be told apart cheaply.
func fingerprint(a *entente.Article) (string, error) {
	v := struct {
		ID, URL, Title, Publisher string
		Published                 entente.Date
		Hash, Text, Extractor     string
		Entities                  []*entente.Entity
		Claims                    []*entente.Claim
	}{a.ID, a.URL, a.Title, a.Publisher, a.Published, a.Hash, a.Text, a.ExtractorVersion, a.Entities, a.Claims}
	b, err := json.Marshal(v)
	if err != nil {
		return "", entente.Errorf(entente.EINVALID, "Article %q cannot be encoded: %v", a.ID, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// entityKey names an entity whose mentions a write changed.
type entityKey struct {
	kind entente.EntityKind
	id   string
}

// writer holds one write transaction's prepared statements and what it must
// derive again before committing.
type writer struct {
	tx       *sql.Tx
	stmts    map[string]*sql.Stmt
	entities map[entityKey]bool
}

// stmt returns the transaction's prepared statement for query.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writer) exec(ctx context.Context, query string, args ...any) error {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (w *writer) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// strings runs a query of one text column.
func (w *writer) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := w.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// mentionedBy adds the entities an article mentions to those to derive.
func (w *writer) mentionedBy(ctx context.Context, articleID string) error {
	rows, err := w.query(ctx, `
		SELECT kind, id FROM article_entities WHERE article_id = ?1
		UNION SELECT subject_kind, subject_id FROM claims WHERE article_id = ?1
		UNION SELECT 'bloc', bloc_id FROM claims WHERE article_id = ?1 AND bloc_id IS NOT NULL
		UNION SELECT 'country', place_country FROM claims WHERE article_id = ?1 AND place_country IS NOT NULL`, articleID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k entityKey
		if err := rows.Scan(&k.kind, &k.id); err != nil {
			return err
		}
		w.entities[k] = true
	}
	return rows.Err()
}

func (s *Store) upsertArticle(ctx context.Context, w *writer, a *entente.Article, fp string) (entente.UpsertResult, error) {
	res := entente.UpsertResult{ArticleID: a.ID, Outcome: entente.Created}
	var oldPrint string
	err := w.tx.QueryRowContext(ctx, `SELECT fingerprint FROM articles WHERE id = ?`, a.ID).Scan(&oldPrint)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return res, err
	case oldPrint == fp:
		res.Outcome = entente.Unchanged
		return res, nil
	default:
		res.Outcome = entente.Updated
	}

	// The keys whose events this write may change: the old claims' and the
	// new ones'.
	keys := map[string]bool{}
	oldKeys, err := w.strings(ctx, `SELECT DISTINCT event_key FROM claims WHERE article_id = ?`, a.ID)
	if err != nil {
		return res, err
	}
	for _, k := range oldKeys {
		keys[k] = true
	}
	for _, c := range a.Claims {
		keys[c.Key().String()] = true
	}
	before := map[string]bool{}
	for k := range keys {
		ids, err := w.strings(ctx, `SELECT id FROM events WHERE event_key = ?`, k)
		if err != nil {
			return res, err
		}
		for _, id := range ids {
			before[id] = true
		}
	}
	if err := w.mentionedBy(ctx, a.ID); err != nil {
		return res, err
	}

	ingested := a.IngestedAt
	if ingested.IsZero() {
		ingested = s.Now()
	}
	if err := w.exec(ctx, `
		INSERT INTO articles (id, url, title, publisher, published, text, hash, extractor_version, ingested_at, fingerprint)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, publisher = excluded.publisher,
			published = excluded.published, text = excluded.text, hash = excluded.hash,
			extractor_version = excluded.extractor_version, fingerprint = excluded.fingerprint`,
		a.ID, a.URL, a.Title, a.Publisher, a.Published.String(), a.Text, a.Hash, a.ExtractorVersion,
		ingested.UTC().Format(time.RFC3339Nano), fp); err != nil {
		return res, err
	}
	if err := w.exec(ctx, `DELETE FROM article_entities WHERE article_id = ?`, a.ID); err != nil {
		return res, err
	}
	if err := w.exec(ctx, `DELETE FROM claims WHERE article_id = ?`, a.ID); err != nil {
		return res, err
	}
	for i, e := range a.Entities {
		aliases, offices, err := encodeEntityLists(e)
		if err != nil {
			return res, err
		}
		if err := w.exec(ctx, `INSERT INTO article_entities (article_id, seq, kind, id, name, aliases, offices) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			a.ID, i, e.Kind, e.ID, e.Name, aliases, offices); err != nil {
			return res, err
		}
	}
	for i, c := range a.Claims {
		var blocKind, blocID, blocName, placeCountry, placeName any
		if c.Bloc != nil {
			blocKind, blocID, blocName = string(c.Bloc.Kind), c.Bloc.ID, c.Bloc.Name
		}
		if c.Place != nil {
			placeCountry, placeName = c.Place.Country, c.Place.Name
		}
		if err := w.exec(ctx, `
			INSERT INTO claims (article_id, seq, event_key, type, subject_kind, subject_id, subject_name,
				bloc_kind, bloc_id, bloc_name, place_country, place_name, role, date, status, confidence,
				sentence, pos_start, pos_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, i, c.Key().String(), c.Type, c.Subject.Kind, c.Subject.ID, c.Subject.Name,
			blocKind, blocID, blocName, placeCountry, placeName, c.Role, c.Date.String(), c.Status, c.Confidence,
			c.Evidence.Sentence, c.Evidence.Start, c.Evidence.End); err != nil {
			return res, err
		}
	}
	if err := w.mentionedBy(ctx, a.ID); err != nil {
		return res, err
	}

	after := map[string]bool{}
	for k := range keys {
		ids, err := w.regroup(ctx, k)
		if err != nil {
			return res, err
		}
		for _, id := range ids {
			after[id] = true
		}
	}
	for id := range after {
		if !before[id] {
			res.EventsAdded++
		}
	}
	for id := range before {
		if !after[id] {
			res.EventsRemoved++
		}
	}
	return res, nil
}

// officeJSON is how offices are kept in a JSON column.
type officeJSON struct {
	Title         string       `json:"title"`
	Country       string       `json:"country,omitempty"`
	Org           string       `json:"org,omitempty"`
	Since         entente.Date `json:"since"`
	Until         entente.Date `json:"until"`
	FirstReported entente.Date `json:"firstReported"`
	LastReported  entente.Date `json:"lastReported"`
}

func encodeEntityLists(e *entente.Entity) (aliases, offices string, err error) {
	al := e.Aliases
	if al == nil {
		al = []string{}
	}
	os := make([]officeJSON, len(e.Offices))
	for i, o := range e.Offices {
		os[i] = officeJSON(o)
	}
	ab, err := json.Marshal(al)
	if err != nil {
		return "", "", err
	}
	ob, err := json.Marshal(os)
	if err != nil {
		return "", "", err
	}
	return string(ab), string(ob), nil
}

func decodeEntityLists(e *entente.Entity, aliases, offices string) error {
	if err := json.Unmarshal([]byte(aliases), &e.Aliases); err != nil {
		return fmt.Errorf("stored aliases of %s: %w", e.Key(), err)
	}
	var os []officeJSON
	if err := json.Unmarshal([]byte(offices), &os); err != nil {
		return fmt.Errorf("stored offices of %s: %w", e.Key(), err)
	}
	for _, o := range os {
		e.Offices = append(e.Offices, entente.Office(o))
	}
	return nil
}

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

// FindArticles implements entente.ArticleStore.
func (s *Store) FindArticles(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("find articles: %w", err)
	}
	defer tx.Rollback()
	arts, n, err := findArticles(ctx, tx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("find articles: %w", formatError(err))
	}
	return arts, n, nil
}

func findArticles(ctx context.Context, tx *sql.Tx, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.IDs != nil {
		where = append(where, "id IN ("+placeholders(len(f.IDs))+")")
		args = append(args, anys(f.IDs)...)
	}
	if f.URL != nil {
		where = append(where, "url = ?")
		args = append(args, *f.URL)
	}
	if f.Hash != nil {
		where = append(where, "hash = ?")
		args = append(args, *f.Hash)
	}
	if f.After != "" {
		where = append(where, "id > ?")
		args = append(args, f.After)
	}
	cond := strings.Join(where, " AND ")
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE `+cond, args...).Scan(&n); err != nil {
		return nil, 0, err
	}
	limit, offset := limitOffset(f.Limit, f.Offset)
	rows, err := tx.QueryContext(ctx, `
		SELECT id, url, title, publisher, published, text, hash, extractor_version, ingested_at
		FROM articles WHERE `+cond+` ORDER BY id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var arts []*entente.Article
	byID := map[string]*entente.Article{}
	for rows.Next() {
		a := &entente.Article{}
		var published, ingested string
		if err := rows.Scan(&a.ID, &a.URL, &a.Title, &a.Publisher, &published, &a.Text, &a.Hash, &a.ExtractorVersion, &ingested); err != nil {
			return nil, 0, err
		}
		if a.Published, err = parseDate(published); err != nil {
			return nil, 0, err
		}
		if a.IngestedAt, err = time.Parse(time.RFC3339Nano, ingested); err != nil {
			return nil, 0, fmt.Errorf("stored time %q: %w", ingested, err)
		}
		arts = append(arts, a)
		byID[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if f.WithExtraction && len(arts) > 0 {
		if err := loadExtraction(ctx, tx, arts, byID); err != nil {
			return nil, 0, err
		}
	}
	return arts, n, nil
}

// loadExtraction fills the entities and claims of articles, in chunks that
// keep queries within SQLite's limit on parameters.
func loadExtraction(ctx context.Context, tx *sql.Tx, arts []*entente.Article, byID map[string]*entente.Article) error {
	const chunk = 500
	for len(arts) > 0 {
		part := arts[:min(chunk, len(arts))]
		arts = arts[len(part):]
		ids := make([]any, len(part))
		for i, a := range part {
			ids[i] = a.ID
		}
		in := placeholders(len(ids))
		rows, err := tx.QueryContext(ctx, `
			SELECT article_id, kind, id, name, aliases, offices FROM article_entities
			WHERE article_id IN (`+in+`) ORDER BY article_id, seq`, ids...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var articleID, aliases, offices string
			e := &entente.Entity{}
			if err := rows.Scan(&articleID, &e.Kind, &e.ID, &e.Name, &aliases, &offices); err != nil {
				rows.Close()
				return err
			}
			if err := decodeEntityLists(e, aliases, offices); err != nil {
				rows.Close()
				return err
			}
			a := byID[articleID]
			a.Entities = append(a.Entities, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}

		rows, err = tx.QueryContext(ctx, `
			SELECT c.article_id, `+claimColumns+`, a.published FROM claims c JOIN articles a ON a.id = c.article_id
			WHERE c.article_id IN (`+in+`) ORDER BY c.article_id, c.seq`, ids...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var articleID string
			c, err := scanClaim(rows, &articleID)
			if err != nil {
				rows.Close()
				return err
			}
			a := byID[articleID]
			a.Claims = append(a.Claims, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// claimColumns are the columns scanClaim reads, after a leading one of the
// caller's and before the article's publication date.
const claimColumns = `c.article_id, c.type, c.subject_kind, c.subject_id, c.subject_name, c.bloc_kind, c.bloc_id, c.bloc_name,
	c.place_country, c.place_name, c.role, c.date, c.status, c.confidence, c.sentence, c.pos_start, c.pos_end`

func scanClaim(rows *sql.Rows, lead *string) (*entente.Claim, error) {
	c := &entente.Claim{}
	var blocKind, blocID, blocName, placeCountry, placeName sql.NullString
	var date, published string
	if err := rows.Scan(lead, &c.ArticleID, &c.Type, &c.Subject.Kind, &c.Subject.ID, &c.Subject.Name,
		&blocKind, &blocID, &blocName, &placeCountry, &placeName, &c.Role, &date, &c.Status, &c.Confidence,
		&c.Evidence.Sentence, &c.Evidence.Start, &c.Evidence.End, &published); err != nil {
		return nil, err
	}
	if blocID.Valid {
		c.Bloc = &entente.Ref{Kind: entente.EntityKind(blocKind.String), ID: blocID.String, Name: blocName.String}
	}
	if placeCountry.Valid {
		c.Place = &entente.Place{Country: placeCountry.String, Name: placeName.String}
	}
	var err error
	if c.Date, err = parseDate(date); err != nil {
		return nil, err
	}
	if c.Published, err = parseDate(published); err != nil {
		return nil, err
	}
	return c, nil
}
