package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"time"

	"github.com/entente/entente/internal/entente"
)

// The statements of the write path, prepared once at Open and reused by
// every transaction on the one writer connection.
const (
	qArticleUpsert = `
		INSERT INTO articles (id, url, title, publisher, published, text, hash, extractor_version, ingested_at, fingerprint, raw_extraction)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, publisher = excluded.publisher,
			published = excluded.published, text = excluded.text, hash = excluded.hash,
			extractor_version = excluded.extractor_version, fingerprint = excluded.fingerprint,
			raw_extraction = excluded.raw_extraction`
	qArticleEntitiesDelete = `DELETE FROM article_entities WHERE article_id = ?`
	qClaimsDelete          = `DELETE FROM claims WHERE article_id = ?`
	qOfficeMentionsDelete  = `DELETE FROM office_mentions WHERE article_id = ?`
	qArticleEntityInsert   = `INSERT INTO article_entities (article_id, seq, kind, id, name, aliases, offices) VALUES (?, ?, ?, ?, ?, ?, ?)`
	qClaimInsert           = `
		INSERT INTO claims (article_id, seq, event_key, type, subject_kind, subject_id, subject_name,
			bloc_kind, bloc_id, bloc_name, place_country, place_name, role, date, status, confidence,
			sentence, pos_start, pos_end)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	qOfficeMentionInsert = `
		INSERT INTO office_mentions (article_id, kind, id, title, country, org, since, until, first_reported, last_reported, published)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	qEventInsert = `
		INSERT INTO events (id, event_key, type, subject_kind, subject_id, subject_name, bloc_kind, bloc_id, bloc_name,
			place_country, place_name, role, date, year, first_day, last_day, order_key, status, confidence, first_reported)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	qEventDelete = `DELETE FROM events WHERE id = ?`
	qEventUpdate = `
		UPDATE events SET subject_name = ?, bloc_kind = ?, bloc_name = ?, place_name = ?, status = ?, confidence = ?,
			first_reported = ?
		WHERE id = ?`
	qSourcesDelete = `DELETE FROM sources WHERE event_id = ? AND article_id = ?`
	qSourceInsert  = `
		INSERT INTO sources (event_id, article_id, seq, published, quote, pos_start, pos_end, date, status, confidence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	qTermAdd = `
		INSERT INTO entity_terms (kind, id, term, alias, articles) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (kind, id, term, alias) DO UPDATE SET articles = articles + excluded.articles`
	qTermsPrune  = `DELETE FROM entity_terms WHERE kind = ? AND id = ? AND articles <= 0`
	qTermsSelect = `SELECT term, alias, articles FROM entity_terms WHERE kind = ? AND id = ?`
	// Partial dates as text sort like entente.Date.Compare, so min and max
	// find the earliest and latest.
	qOfficesAggregate = `
		SELECT title, country, org, min(nullif(since, '')), max(nullif(until, '')),
			min(nullif(first_reported, '')), max(nullif(last_reported, '')),
			min(nullif(published, '')), max(nullif(published, ''))
		FROM office_mentions WHERE kind = ? AND id = ? GROUP BY title, country, org`
	qOfficesSelect = `
		SELECT title, country, org, since, until, first_reported, last_reported FROM offices WHERE kind = ? AND id = ?`
	qEntityDigest = `SELECT digest FROM entities WHERE kind = ? AND id = ?`
	qEntityDelete = `DELETE FROM entities WHERE kind = ? AND id = ?`
	qEntityInsert = `INSERT INTO entities (kind, id, name, aliases, digest) VALUES (?, ?, ?, ?, ?)`
	qNameInsert   = `INSERT OR IGNORE INTO entity_names (kind, id, norm) VALUES (?, ?, ?)`
	qOfficeInsert = `
		INSERT INTO offices (kind, id, seq, title, country, org, since, until, first_reported, last_reported)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

var writeQueries = []string{
	qArticleUpsert, qArticleEntitiesDelete, qClaimsDelete, qOfficeMentionsDelete, qArticleEntityInsert,
	qClaimInsert, qOfficeMentionInsert, qEventDelete, qEventInsert, qEventUpdate, qSourcesDelete, qSourceInsert, qTermAdd, qTermsPrune,
	qTermsSelect, qOfficesAggregate, qOfficesSelect, qEntityDigest, qEntityDelete, qEntityInsert, qNameInsert, qOfficeInsert,
}

// prepare prepares the write statements on the writer connection.
func (s *Store) prepare(ctx context.Context) error {
	s.prepared = map[string]*sql.Stmt{}
	for _, q := range writeQueries {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", q, err)
		}
		s.prepared[q] = st
	}
	return nil
}

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
		fp, err := a.Fingerprint()
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
	cs, err := activeCurations(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("upsert articles: %w", formatError(err))
	}
	w := s.newWriter(tx)
	results, err := w.upsert(ctx, w.curate(articles, cs), prints)
	if err != nil {
		return nil, fmt.Errorf("upsert articles: %w", formatError(err))
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("upsert articles: %w", formatError(err))
	}
	return results, nil
}

func (s *Store) newWriter(tx *sql.Tx) *writer {
	return &writer{
		s: s, tx: tx, now: s.Now(), stmts: map[string]*sql.Stmt{},
		stored: map[string]*storedArticle{}, claims: map[string][]*entente.Claim{},
		groups: map[string][]*entente.Event{}, ids: map[string][]string{}, orig: map[string][]*entente.Event{},
		dirty: map[string]bool{},
		terms: map[termKey]int{}, touched: map[entityKey]bool{},
		officesAdded: map[entityKey][]entente.Mention{}, officesRemoved: map[entityKey]bool{},
		raw: map[*entente.Article]*entente.Article{},
	}
}

// curate returns the articles as the curations in force read them, and
// remembers the original of each one they change.
func (w *writer) curate(articles []*entente.Article, cs *entente.Curations) []*entente.Article {
	out, raw := cs.ApplyAll(articles)
	maps.Copy(w.raw, raw)
	return out
}

// entityKey names an entity.
type entityKey struct {
	kind entente.EntityKind
	id   string
}

// termKey is one row of entity_terms.
type termKey struct {
	entityKey
	term  string
	alias bool
}

// storedArticle is an article as stored before the write, or as an earlier
// article of the same batch left it.
type storedArticle struct {
	fingerprint string
	article     *entente.Article // with its extraction
}

// writer is one UpsertArticles transaction. It keeps the claims of every
// event key the batch touches in memory, regroups them there article by
// article to count what each changes, and writes each key's events and each
// entity once, at the end.
type writer struct {
	s     *Store
	tx    *sql.Tx
	now   time.Time
	stmts map[string]*sql.Stmt

	stored  map[string]*storedArticle   // article id → as stored; absent when new
	claims  map[string][]*entente.Claim // event key → its claims as they now stand
	groups  map[string][]*entente.Event // event key → GroupClaims of claims[key], memoised
	ids     map[string][]string         // event key → the ids of group(key), memoised
	orig    map[string][]*entente.Event // event key → its events as stored before the batch
	dirty   map[string]bool             // event keys whose events must be rewritten
	terms   map[termKey]int             // changes to entity_terms
	touched map[entityKey]bool          // entities to derive again

	// raw maps a curated article to the article as extracted, when
	// curations changed it.
	raw map[*entente.Article]*entente.Article
	// force rewrites every article, stored the same or not: curations
	// changed how it reads.
	force bool

	// The office mentions the batch adds, and the entities it takes some
	// from: see deriveEntity.
	officesAdded   map[entityKey][]entente.Mention
	officesRemoved map[entityKey]bool
}

// stmt returns the transaction's statement for query.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	var err error
	if p, ok := w.s.prepared[query]; ok {
		st = w.tx.StmtContext(ctx, p)
	} else if st, err = w.tx.PrepareContext(ctx, query); err != nil {
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

func (w *writer) upsert(ctx context.Context, articles []*entente.Article, prints []string) ([]entente.UpsertResult, error) {
	if err := w.loadStored(ctx, articles, prints); err != nil {
		return nil, err
	}
	// The event keys the changed articles had and have.
	var keys []string
	for i, a := range articles {
		st := w.stored[a.ID]
		if st != nil && st.fingerprint == prints[i] && !w.force {
			continue
		}
		for _, c := range a.Claims {
			keys = append(keys, c.Key().String())
		}
		if st != nil {
			for _, c := range st.article.Claims {
				keys = append(keys, c.Key().String())
			}
		}
	}
	if err := w.loadClaims(ctx, keys); err != nil {
		return nil, err
	}

	results := make([]entente.UpsertResult, len(articles))
	for i, a := range articles {
		var err error
		if results[i], err = w.upsertArticle(ctx, a, prints[i]); err != nil {
			return nil, fmt.Errorf("article %s: %w", a.ID, err)
		}
	}
	for k := range w.dirty {
		if err := w.writeEvents(ctx, k); err != nil {
			return nil, fmt.Errorf("events of %s: %w", k, err)
		}
	}
	prune := map[entityKey]bool{}
	for t, n := range w.terms {
		if n == 0 {
			continue
		}
		if err := w.exec(ctx, qTermAdd, t.kind, t.id, t.term, t.alias, n); err != nil {
			return nil, err
		}
		w.touched[t.entityKey] = true
		if n < 0 {
			prune[t.entityKey] = true
		}
	}
	for k := range w.touched {
		// Only a count that went down can have reached zero.
		if prune[k] {
			if err := w.exec(ctx, qTermsPrune, k.kind, k.id); err != nil {
				return nil, err
			}
		}
		if err := w.deriveEntity(ctx, k); err != nil {
			return nil, fmt.Errorf("entity %s: %w", entente.EntityKey(k.kind, k.id), err)
		}
	}
	return results, nil
}

// loadStored reads the fingerprints of the batch's articles already stored,
// and the extraction of those the batch changes.
func (w *writer) loadStored(ctx context.Context, articles []*entente.Article, prints []string) error {
	ids := make([]string, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	fps := map[string]string{}
	for _, part := range chunks(ids, 500) {
		rows, err := w.tx.QueryContext(ctx, `SELECT id, fingerprint FROM articles WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, fp string
			if err := rows.Scan(&id, &fp); err != nil {
				rows.Close()
				return err
			}
			fps[id] = fp
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	var changed []*entente.Article
	byID := map[string]*entente.Article{}
	for i, a := range articles {
		fp, ok := fps[a.ID]
		if !ok || byID[a.ID] != nil {
			continue
		}
		old := &entente.Article{ID: a.ID}
		w.stored[a.ID] = &storedArticle{fingerprint: fp, article: old}
		if fp != prints[i] || w.force {
			changed = append(changed, old)
			byID[a.ID] = old
		}
	}
	if len(changed) == 0 {
		return nil
	}
	return loadExtraction(ctx, w.tx, changed, byID)
}

// loadClaims reads the stored claims of event keys not yet in memory.
func (w *writer) loadClaims(ctx context.Context, keys []string) error {
	var missing []string
	for _, k := range keys {
		if _, ok := w.claims[k]; !ok {
			w.claims[k] = nil
			missing = append(missing, k)
		}
	}
	for _, part := range chunks(missing, 500) {
		rows, err := w.tx.QueryContext(ctx, `
			SELECT c.event_key, `+claimColumns+`, a.published FROM claims c JOIN articles a ON a.id = c.article_id
			WHERE c.event_key IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var key string
			c, err := scanClaim(rows, &key)
			if err != nil {
				rows.Close()
				return err
			}
			w.claims[key] = append(w.claims[key], c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// group returns the events of key as its claims now stand.
func (w *writer) group(key string) []*entente.Event {
	g, ok := w.groups[key]
	if !ok {
		g = entente.GroupClaims(w.claims[key])
		w.groups[key] = g
	}
	return g
}

// eventIDs returns the ids of the events of key as its claims now stand,
// without merging them, which costs what the key's reports add up to. An
// event's id depends only on its key and the date of its cluster's head, and
// GroupClaims clusters claims by their dates alone (undated ones only join a
// cluster, or make the one undated event), so grouping one claim per
// distinct date gives the same ids.
func (w *writer) eventIDs(key string) []string {
	if ids, ok := w.ids[key]; ok {
		return ids
	}
	var ids []string
	if g, ok := w.groups[key]; ok {
		for _, e := range g {
			ids = append(ids, e.ID)
		}
	} else {
		seen := map[entente.Date]bool{}
		var dates []*entente.Claim
		for _, c := range w.claims[key] {
			if !seen[c.Date] {
				seen[c.Date] = true
				dates = append(dates, c)
			}
		}
		for _, e := range entente.GroupClaims(dates) {
			ids = append(ids, e.ID)
		}
	}
	w.ids[key] = ids
	return ids
}

func (w *writer) upsertArticle(ctx context.Context, a *entente.Article, fp string) (entente.UpsertResult, error) {
	res := entente.UpsertResult{ArticleID: a.ID, Outcome: entente.Created}
	old := w.stored[a.ID]
	if old != nil {
		if old.fingerprint == fp && !w.force {
			res.Outcome = entente.Unchanged
			return res, nil
		}
		res.Outcome = entente.Updated
	}

	keys := map[string]bool{}
	if old != nil {
		for _, c := range old.article.Claims {
			keys[c.Key().String()] = true
		}
	}
	for _, c := range a.Claims {
		keys[c.Key().String()] = true
	}
	before := map[string]bool{}
	for k := range keys {
		for _, id := range w.eventIDs(k) {
			before[id] = true
		}
		if _, ok := w.orig[k]; !ok {
			w.orig[k] = w.group(k)
		}
		// The article's claims are replaced: drop the old ones.
		kept := w.claims[k][:0:0]
		for _, c := range w.claims[k] {
			if c.ArticleID != a.ID {
				kept = append(kept, c)
			}
		}
		w.claims[k] = kept
		delete(w.groups, k)
		delete(w.ids, k)
		w.dirty[k] = true
	}
	for _, c := range a.Claims {
		cc := *c
		cc.ArticleID, cc.Published = a.ID, a.Published
		k := c.Key().String()
		w.claims[k] = append(w.claims[k], &cc)
	}
	after := map[string]bool{}
	for k := range keys {
		for _, id := range w.eventIDs(k) {
			after[id] = true
			if !before[id] {
				res.EventsAdded++
			}
		}
	}
	for id := range before {
		if !after[id] {
			res.EventsRemoved++
		}
	}

	ingested := a.IngestedAt
	if ingested.IsZero() {
		ingested = w.now
	}
	var raw any
	if orig := w.raw[a]; orig != nil {
		b, err := entente.EncodeExtraction(orig)
		if err != nil {
			return res, err
		}
		raw = b
	}
	if err := w.exec(ctx, qArticleUpsert, a.ID, a.URL, a.Title, a.Publisher, a.Published.String(), a.Text, a.Hash,
		a.ExtractorVersion, ingested.UTC().Format(time.RFC3339Nano), fp, raw); err != nil {
		return res, err
	}
	if old != nil {
		for _, q := range []string{qArticleEntitiesDelete, qClaimsDelete, qOfficeMentionsDelete} {
			if err := w.exec(ctx, q, a.ID); err != nil {
				return res, err
			}
		}
		w.mentions(old.article, -1)
	}
	w.mentions(a, +1)
	for i, e := range a.Entities {
		aliases, offices, err := encodeEntityLists(e)
		if err != nil {
			return res, err
		}
		if err := w.exec(ctx, qArticleEntityInsert, a.ID, i, e.Kind, e.ID, e.Name, aliases, offices); err != nil {
			return res, err
		}
		for _, o := range e.Offices {
			if err := w.exec(ctx, qOfficeMentionInsert, a.ID, e.Kind, e.ID, o.Title, o.Country, o.Org, o.Since.String(),
				o.Until.String(), o.FirstReported.String(), o.LastReported.String(), a.Published.String()); err != nil {
				return res, err
			}
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
		if err := w.exec(ctx, qClaimInsert, a.ID, i, c.Key().String(), c.Type, c.Subject.Kind, c.Subject.ID, c.Subject.Name,
			blocKind, blocID, blocName, placeCountry, placeName, c.Role, c.Date.String(), c.Status, c.Confidence,
			c.Evidence.Sentence, c.Evidence.Start, c.Evidence.End); err != nil {
			return res, err
		}
	}
	w.stored[a.ID] = &storedArticle{fingerprint: fp, article: a}
	return res, nil
}

// mentions adds sign to the entity terms of what article a says: each
// entity it lists, with its name and aliases, and the subjects, blocs and
// places of its claims. A place names a city, so it only counts as a
// mention of its country. Each term counts once per article.
func (w *writer) mentions(a *entente.Article, sign int) {
	seen := map[termKey]bool{}
	add := func(kind entente.EntityKind, id, term string, alias bool) {
		k := entityKey{kind, id}
		for _, t := range []termKey{{k, "", false}, {k, term, alias}} {
			if (t.term != "" || !t.alias) && !seen[t] {
				seen[t] = true
				w.terms[t] += sign
			}
		}
	}
	for _, e := range a.Entities {
		add(e.Kind, e.ID, e.Name, false)
		for _, al := range e.Aliases {
			add(e.Kind, e.ID, al, true)
		}
		if len(e.Offices) > 0 {
			k := entityKey{e.Kind, e.ID}
			w.touched[k] = true
			if sign < 0 {
				w.officesRemoved[k] = true
			} else {
				w.officesAdded[k] = append(w.officesAdded[k], entente.Mention{Published: a.Published, Entity: entente.Entity{Offices: e.Offices}})
			}
		}
	}
	for _, c := range a.Claims {
		add(c.Subject.Kind, c.Subject.ID, c.Subject.Name, false)
		if c.Bloc != nil {
			add(entente.KindBloc, c.Bloc.ID, c.Bloc.Name, false)
		}
		if c.Place != nil {
			add(entente.KindCountry, c.Place.Country, "", false)
		}
	}
}

// writeEvents brings the stored events of key from their grouping before the
// batch to the one after it, touching only what changed: most writes add a
// source to an event or add a new event.
func (w *writer) writeEvents(ctx context.Context, key string) error {
	orig := map[string]*entente.Event{}
	for _, e := range w.orig[key] {
		orig[e.ID] = e
	}
	for _, e := range w.group(key) {
		o := orig[e.ID]
		delete(orig, e.ID)
		if o == nil {
			if err := w.insertEvent(ctx, key, e); err != nil {
				return err
			}
			for _, srcs := range byArticle(e.Sources) {
				if err := w.insertSources(ctx, e.ID, srcs); err != nil {
					return err
				}
			}
			continue
		}
		if !sameEvent(o, e) {
			// The id fixes the key and the date; the rest may change.
			var blocKind, blocName, placeName any
			if e.Bloc != nil {
				blocKind, blocName = string(e.Bloc.Kind), e.Bloc.Name
			}
			if e.Place != nil {
				placeName = e.Place.Name
			}
			if err := w.exec(ctx, qEventUpdate, e.Subject.Name, blocKind, blocName, placeName, e.Status, e.Confidence,
				e.FirstReported.String(), e.ID); err != nil {
				return err
			}
		}
		if !reflect.DeepEqual(o.Sources, e.Sources) {
			// Only the articles whose sources changed.
			was, is := byArticle(o.Sources), byArticle(e.Sources)
			for id, srcs := range was {
				if _, ok := is[id]; !ok {
					if err := w.exec(ctx, qSourcesDelete, e.ID, id); err != nil {
						return err
					}
				} else if reflect.DeepEqual(srcs, is[id]) {
					delete(is, id)
				}
			}
			for id, srcs := range is {
				if _, ok := was[id]; ok {
					if err := w.exec(ctx, qSourcesDelete, e.ID, id); err != nil {
						return err
					}
				}
				if err := w.insertSources(ctx, e.ID, srcs); err != nil {
					return err
				}
			}
		}
	}
	for id := range orig {
		if err := w.exec(ctx, qEventDelete, id); err != nil {
			return err
		}
	}
	return nil
}

// sameEvent reports whether two events of one id have the same fields,
// sources aside.
func sameEvent(a, b *entente.Event) bool {
	x, y := *a, *b
	x.Sources, y.Sources = nil, nil
	return reflect.DeepEqual(x, y)
}

func (w *writer) insertEvent(ctx context.Context, key string, e *entente.Event) error {
	var blocKind, blocID, blocName, placeCountry, placeName, firstDay, lastDay any
	if e.Bloc != nil {
		blocKind, blocID, blocName = string(e.Bloc.Kind), e.Bloc.ID, e.Bloc.Name
	}
	if e.Place != nil {
		placeCountry, placeName = e.Place.Country, e.Place.Name
	}
	if !e.Date.IsZero() {
		firstDay, lastDay = e.Date.First().String(), e.Date.Last().String()
	}
	return w.exec(ctx, qEventInsert, e.ID, key, e.Type, e.Subject.Kind, e.Subject.ID, e.Subject.Name,
		blocKind, blocID, blocName, placeCountry, placeName, e.Role, e.Date.String(), e.Date.Year, firstDay, lastDay,
		e.OrderKey(), e.Status, e.Confidence, e.FirstReported.String())
}

// insertSources stores one article's sources of an event.
func (w *writer) insertSources(ctx context.Context, eventID string, srcs []*entente.Source) error {
	for i, src := range srcs {
		if err := w.exec(ctx, qSourceInsert, eventID, src.ArticleID, i, src.Published.String(), src.Quote, src.Start,
			src.End, src.Date.String(), src.Status, src.Confidence); err != nil {
			return err
		}
	}
	return nil
}

// byArticle splits an event's sources by article, keeping their order.
func byArticle(srcs []*entente.Source) map[string][]*entente.Source {
	m := map[string][]*entente.Source{}
	for _, src := range srcs {
		m[src.ArticleID] = append(m[src.ArticleID], src)
	}
	return m
}

// deriveEntity derives one entity again from its terms and office mentions
// with entente.MergeMentions, and rewrites it when it changed. An entity no
// article mentions any more is deleted.
func (w *writer) deriveEntity(ctx context.Context, k entityKey) error {
	var mentions []entente.Mention
	rows, err := w.query(ctx, qTermsSelect, k.kind, k.id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var term string
		var alias bool
		var n int
		if err := rows.Scan(&term, &alias, &n); err != nil {
			rows.Close()
			return err
		}
		switch {
		case term == "":
			mentions = append(mentions, entente.Mention{})
		case alias:
			mentions = append(mentions, entente.Mention{Entity: entente.Entity{Aliases: []string{term}}})
		default:
			mentions = append(mentions, entente.Mention{Entity: entente.Entity{Name: term}, Votes: n})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(mentions) == 0 {
		return w.exec(ctx, qEntityDelete, k.kind, k.id)
	}

	offices, err := w.offices(ctx, k)
	if err != nil {
		return err
	}
	mentions = append(mentions, offices...)

	e := entente.MergeMentions(k.kind, k.id, mentions)
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	digest := hex.EncodeToString(sum[:16])
	st, err := w.stmt(ctx, qEntityDigest)
	if err != nil {
		return err
	}
	var old string
	switch err := st.QueryRowContext(ctx, k.kind, k.id).Scan(&old); {
	case err == sql.ErrNoRows:
	case err != nil:
		return err
	case old == digest:
		return nil
	}
	if err := w.exec(ctx, qEntityDelete, k.kind, k.id); err != nil {
		return err
	}
	aliases, _, err := encodeEntityLists(e)
	if err != nil {
		return err
	}
	if err := w.exec(ctx, qEntityInsert, e.Kind, e.ID, e.Name, aliases, digest); err != nil {
		return err
	}
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		if norm := normalize(name); norm != "" {
			if err := w.exec(ctx, qNameInsert, e.Kind, e.ID, norm); err != nil {
				return err
			}
		}
	}
	for i, o := range e.Offices {
		if err := w.exec(ctx, qOfficeInsert, e.Kind, e.ID, i, o.Title, o.Country, o.Org, o.Since.String(),
			o.Until.String(), o.FirstReported.String(), o.LastReported.String()); err != nil {
			return err
		}
	}
	return nil
}

// offices returns the office mentions that derive entity k's offices. The
// merge keeps the earliest and latest of each date, which folds: when the
// batch only adds mentions, the offices as last derived (each a mention with
// its own dates) and the batch's new mentions give the same offices as every
// stored mention would, at a cost that does not grow with the number of
// articles naming a leader. When the batch takes mentions away, it
// aggregates them all again.
func (w *writer) offices(ctx context.Context, k entityKey) ([]entente.Mention, error) {
	if !w.officesRemoved[k] {
		mentions := w.officesAdded[k]
		rows, err := w.query(ctx, qOfficesSelect, k.kind, k.id)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var o entente.Office
			var dates [4]string
			if err := rows.Scan(&o.Title, &o.Country, &o.Org, &dates[0], &dates[1], &dates[2], &dates[3]); err != nil {
				return nil, err
			}
			for i, d := range []*entente.Date{&o.Since, &o.Until, &o.FirstReported, &o.LastReported} {
				if *d, err = parseDate(dates[i]); err != nil {
					return nil, err
				}
			}
			mentions = append(mentions, entente.Mention{Entity: entente.Entity{Offices: []entente.Office{o}}})
		}
		return mentions, rows.Err()
	}

	var mentions []entente.Mention
	rows, err := w.query(ctx, qOfficesAggregate, k.kind, k.id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o entente.Office
		var dates [6]sql.NullString
		if err := rows.Scan(&o.Title, &o.Country, &o.Org, &dates[0], &dates[1], &dates[2], &dates[3], &dates[4], &dates[5]); err != nil {
			return nil, err
		}
		var ds [6]entente.Date
		for i, d := range dates {
			if ds[i], err = parseDate(d.String); err != nil {
				return nil, err
			}
		}
		o.Since, o.Until, o.FirstReported, o.LastReported = ds[0], ds[1], ds[2], ds[3]
		// The earliest and latest articles giving the office stand for all.
		for _, pub := range ds[4:] {
			mentions = append(mentions, entente.Mention{Published: pub, Entity: entente.Entity{Offices: []entente.Office{o}}})
		}
	}
	return mentions, rows.Err()
}

// chunks splits s into parts of at most n.
func chunks[T any](s []T, n int) [][]T {
	var out [][]T
	for len(s) > 0 {
		part := s[:min(n, len(s))]
		out = append(out, part)
		s = s[len(part):]
	}
	return out
}
