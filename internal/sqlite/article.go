package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/entente/entente/internal/entente"
)

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
	// Most lists are empty: no need to run the JSON decoder for them.
	if aliases == "[]" && offices == "[]" {
		e.Aliases = []string{} // as the decoder leaves it
		return nil
	}
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
	arts, n, err := s.findArticles(ctx, tx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("find articles: %w", formatError(err))
	}
	return arts, n, nil
}

func (s *Store) findArticles(ctx context.Context, tx *sql.Tx, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if len(f.IDs) > 0 {
		cond, arg := jsonIn("id", f.IDs)
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.URL != nil {
		// "url != ''" lets the planner use the partial index articles_url.
		where = append(where, "url = ? AND url != ''")
		args = append(args, *f.URL)
	}
	if f.Hash != nil {
		where = append(where, "hash = ?")
		args = append(args, *f.Hash)
	}
	if len(f.URLs) > 0 {
		cond, arg := jsonIn("url", f.URLs)
		where = append(where, cond+" AND url != ''")
		args = append(args, arg)
	}
	if len(f.Hashes) > 0 {
		cond, arg := jsonIn("hash", f.Hashes)
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.After != "" {
		where = append(where, "id > ?")
		args = append(args, f.After)
	}
	cond := strings.Join(where, " AND ")
	limit, offset := limitOffset(f.Limit, f.Offset)
	rows, err := s.query(ctx, tx, `
		SELECT `+articleColumns+` FROM articles WHERE `+cond+` ORDER BY id LIMIT ? OFFSET ?`, append(args[:len(args):len(args)], limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	arts, byID, raws, err := scanArticles(rows)
	if err != nil {
		return nil, 0, err
	}
	// From the first row, a page shorter than its limit holds every match.
	n := len(arts)
	if offset > 0 || (limit >= 0 && len(arts) >= limit) {
		if err := s.queryRow(ctx, tx, `SELECT count(*) FROM articles WHERE `+cond, args, &n); err != nil {
			return nil, 0, err
		}
	}
	if f.WithExtraction && len(arts) > 0 {
		if err := loadRawExtraction(ctx, tx, arts, byID, raws); err != nil {
			return nil, 0, err
		}
	}
	return arts, n, nil
}

// articleColumns are the columns scanArticle reads.
const articleColumns = `id, url, title, publisher, published, text, hash, extractor_version, ingested_at, raw_extraction`

// scanArticle reads an article, and its extraction as found when curations
// changed what is stored.
func scanArticle(rows *sql.Rows) (*entente.Article, sql.NullString, error) {
	a := &entente.Article{}
	var published, ingested string
	var raw sql.NullString
	if err := rows.Scan(&a.ID, &a.URL, &a.Title, &a.Publisher, &published, &a.Text, &a.Hash, &a.ExtractorVersion, &ingested, &raw); err != nil {
		return nil, raw, err
	}
	var err error
	if a.Published, err = parseDate(published); err != nil {
		return nil, raw, err
	}
	if a.IngestedAt, err = time.Parse(time.RFC3339Nano, ingested); err != nil {
		return nil, raw, fmt.Errorf("stored time %q: %w", ingested, err)
	}
	return a, raw, nil
}

// scanArticles reads the articles of rows and closes them: in order, by
// id, and the extraction as found of those that have one (raw_extraction).
func scanArticles(rows *sql.Rows) ([]*entente.Article, map[string]*entente.Article, map[*entente.Article]string, error) {
	defer rows.Close()
	var arts []*entente.Article
	byID := map[string]*entente.Article{}
	raws := map[*entente.Article]string{}
	for rows.Next() {
		a, raw, err := scanArticle(rows)
		if err != nil {
			return nil, nil, nil, err
		}
		arts = append(arts, a)
		byID[a.ID] = a
		if raw.Valid {
			raws[a] = raw.String
		}
	}
	return arts, byID, raws, rows.Err()
}

// loadRawExtraction fills the entities and claims of articles as
// extraction found them: the stored ones, or raws where curations changed
// what is stored.
func loadRawExtraction(ctx context.Context, tx *sql.Tx, arts []*entente.Article, byID map[string]*entente.Article, raws map[*entente.Article]string) error {
	if err := loadExtraction(ctx, tx, arts, byID); err != nil {
		return err
	}
	for a, raw := range raws {
		if err := decodeExtraction(a, raw); err != nil {
			return err
		}
	}
	return nil
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
