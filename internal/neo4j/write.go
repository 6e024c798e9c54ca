package neo4j

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	neo4jdrv "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/entente/entente/internal/entente"
)

// UpsertArticles implements entente.ArticleStore. Every article is
// validated before anything is written; then each BatchSize articles are
// one transaction, so that when a later transaction fails the earlier ones
// stay stored (writing them again is harmless).
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
	size := s.BatchSize
	if size <= 0 {
		size = 500
	}
	results := make([]entente.UpsertResult, 0, len(articles))
	for i := 0; i < len(articles); i += size {
		j := min(i+size, len(articles))
		now := s.Now().UTC()
		res, err := write(ctx, s, func(tx neo4jdrv.ManagedTransaction) ([]entente.UpsertResult, error) {
			w := newWriter(tx, now)
			cs, err := w.lockCurations(ctx)
			if err != nil {
				return nil, err
			}
			return w.upsert(ctx, w.curate(articles[i:j], cs), prints[i:j])
		})
		if err != nil {
			return nil, fmt.Errorf("upsert articles: %w", err)
		}
		results = append(results, res...)
	}
	return results, nil
}

// termKey is one EntityTerm: how many articles give an entity a name or an
// alias; the term "" counts the articles that mention it at all.
type termKey struct {
	entity string // "country:KAZ"
	term   string
	alias  bool
}

func (t termKey) tid() string {
	a := "n"
	if t.alias {
		a = "a"
	}
	return t.entity + "\x00" + a + "\x00" + t.term
}

// storedArticle is an article as stored before the write, or as an earlier
// article of the same batch left it.
type storedArticle struct {
	fingerprint string
	article     *entente.Article // with its extraction when it is to change
}

// writer is one write transaction. Like the SQLite store, it loads the
// claims of every event key the batch touches, regroups them in memory
// article by article to count what each changes, and writes each key's
// events and each entity once, at the end.
//
// It writes articles as the curations in force read them (see curate):
// claims, listed entities, mentions and everything derived from them are
// the curated extraction, and rawExtraction keeps the extraction as found
// when curations changed it.
type writer struct {
	tx  neo4jdrv.ManagedTransaction
	now time.Time

	stored  map[string]*storedArticle
	claims  map[string][]*entente.Claim // event key → its claims as they now stand
	groups  map[string][]*entente.Event // memoised GroupClaims of claims[key]
	dirty   map[string]bool             // event keys to rewrite
	orig    map[string][]*entente.Event // event key → its events as stored before the batch
	terms   map[termKey]int             // changes to EntityTerm counters
	touched map[string]bool             // entity keys to derive again
	final   map[string]*entente.Article // articles to write, as the batch leaves them
	existed map[string]bool             // articles stored before the batch

	// raw maps a curated article to the article as extracted, when
	// curations changed it.
	raw map[*entente.Article]*entente.Article
	// force rewrites every article, stored the same or not: curations
	// changed how it reads.
	force bool
}

func newWriter(tx neo4jdrv.ManagedTransaction, now time.Time) *writer {
	return &writer{tx: tx, now: now, stored: map[string]*storedArticle{}, claims: map[string][]*entente.Claim{},
		groups: map[string][]*entente.Event{}, dirty: map[string]bool{}, orig: map[string][]*entente.Event{},
		terms: map[termKey]int{}, touched: map[string]bool{}, final: map[string]*entente.Article{}, raw: map[*entente.Article]*entente.Article{}}
}

// curate returns the articles as the curations in force read them, and
// remembers the original of each one they change.
func (w *writer) curate(articles []*entente.Article, cs *entente.Curations) []*entente.Article {
	out, raw := cs.ApplyAll(articles)
	maps.Copy(w.raw, raw)
	return out
}

func (w *writer) upsert(ctx context.Context, articles []*entente.Article, prints []string) ([]entente.UpsertResult, error) {
	// The caller holds the curations lock (lockCurations). Lock the
	// articles next, in order, then what they touch, in order: every writer
	// takes its locks in one global order, so none waits in a cycle, and
	// whatever a writer reads after taking its locks is what the previous
	// holder committed.
	var ids []string
	for _, a := range articles {
		ids = append(ids, "article|"+a.ID)
	}
	if err := w.lock(ctx, ids); err != nil {
		return nil, err
	}
	if err := w.loadStored(ctx, articles, prints); err != nil {
		return nil, err
	}
	keys, entities := map[string]bool{}, map[string]bool{}
	for i, a := range articles {
		arts := []*entente.Article{a}
		if st := w.stored[a.ID]; st != nil && (st.fingerprint != prints[i] || w.force) {
			arts = append(arts, st.article)
		}
		for _, x := range arts {
			for _, c := range x.Claims {
				keys[c.Key().String()] = true
			}
			for t := range articleTerms(x) {
				entities[t.entity] = true
			}
		}
	}
	var locks []string
	for k := range keys {
		locks = append(locks, "key|"+k)
	}
	for e := range entities {
		locks = append(locks, "entity|"+e)
	}
	if err := w.lock(ctx, locks); err != nil {
		return nil, err
	}
	if err := w.loadClaims(ctx, sortedKeys(keys)); err != nil {
		return nil, err
	}

	results := make([]entente.UpsertResult, len(articles))
	for i, a := range articles {
		results[i] = w.upsertArticle(a, prints[i])
	}
	if err := w.writeArticles(ctx); err != nil {
		return nil, fmt.Errorf("write articles: %w", err)
	}
	if err := w.writeEntities(ctx); err != nil {
		return nil, fmt.Errorf("write entities: %w", err)
	}
	if err := w.writeEvents(ctx); err != nil {
		return nil, fmt.Errorf("write events: %w", err)
	}
	return results, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// lock takes the write locks of keys, in sorted order, until the
// transaction ends.
func (w *writer) lock(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	keys = slices.Clone(keys)
	sort.Strings(keys)
	keys = slices.Compact(keys)
	return exec(ctx, w.tx, `
		UNWIND $keys AS k
		MERGE (l:Lock {key: k})
		SET l.at = $now`, map[string]any{"keys": keys, "now": w.now.Format(time.RFC3339Nano)})
}

// loadStored reads the fingerprints of the batch's articles already stored,
// and the extraction of those the batch changes.
func (w *writer) loadStored(ctx context.Context, articles []*entente.Article, prints []string) error {
	ids := make([]string, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	rows, err := run(ctx, w.tx, `
		MATCH (a:Article) WHERE a.id IN $ids
		RETURN a.id AS id, a.fingerprint AS fp`, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	fps := map[string]string{}
	for _, r := range rows {
		fps[str(r, "id")] = str(r, "fp")
	}
	w.existed = map[string]bool{}
	var changed []string
	byID := map[string]*entente.Article{}
	for i, a := range articles {
		fp, ok := fps[a.ID]
		if !ok || byID[a.ID] != nil {
			continue
		}
		w.existed[a.ID] = true
		old := &entente.Article{ID: a.ID}
		w.stored[a.ID] = &storedArticle{fingerprint: fp, article: old}
		if fp != prints[i] || w.force {
			changed = append(changed, a.ID)
			byID[a.ID] = old
		}
	}
	if len(changed) == 0 {
		return nil
	}
	arts, err := loadExtraction(ctx, w.tx, changed, false)
	if err != nil {
		return err
	}
	for _, a := range arts {
		if old := byID[a.ID]; old != nil {
			old.Published, old.Entities, old.Claims = a.Published, a.Entities, a.Claims
		}
	}
	return nil
}

// loadClaims reads the stored claims of event keys.
func (w *writer) loadClaims(ctx context.Context, keys []string) error {
	for _, k := range keys {
		w.claims[k] = nil
	}
	if len(keys) == 0 {
		return nil
	}
	rows, err := run(ctx, w.tx, `
		MATCH (a:Article)-[:CLAIMS]->(c:Claim) WHERE c.key IN $keys
		RETURN a.id AS article, a.published AS published, c {.*} AS c`, map[string]any{"keys": keys})
	if err != nil {
		return err
	}
	for _, r := range rows {
		c, err := decodeClaim(r["c"].(map[string]any))
		if err != nil {
			return err
		}
		c.ArticleID = str(r, "article")
		if c.Published, err = date(r, "published"); err != nil {
			return err
		}
		k := c.Key().String()
		w.claims[k] = append(w.claims[k], c)
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

// upsertArticle applies one article to the in-memory state and says what it
// changes.
func (w *writer) upsertArticle(a *entente.Article, fp string) entente.UpsertResult {
	res := entente.UpsertResult{ArticleID: a.ID, Outcome: entente.Created}
	old := w.stored[a.ID]
	if old != nil {
		if old.fingerprint == fp && !w.force {
			res.Outcome = entente.Unchanged
			return res
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
		for _, e := range w.group(k) {
			before[e.ID] = true
		}
		if _, ok := w.orig[k]; !ok {
			w.orig[k] = w.group(k)
		}
		kept := w.claims[k][:0:0]
		for _, c := range w.claims[k] {
			if c.ArticleID != a.ID {
				kept = append(kept, c)
			}
		}
		w.claims[k] = kept
		delete(w.groups, k)
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
		for _, e := range w.group(k) {
			after[e.ID] = true
			if !before[e.ID] {
				res.EventsAdded++
			}
		}
	}
	for id := range before {
		if !after[id] {
			res.EventsRemoved++
		}
	}
	if old != nil {
		for t := range articleTerms(old.article) {
			w.terms[t]--
			w.touched[t.entity] = true
		}
	}
	for t := range articleTerms(a) {
		w.terms[t]++
		w.touched[t.entity] = true
	}
	w.final[a.ID] = a
	w.stored[a.ID] = &storedArticle{fingerprint: fp, article: a}
	return res
}

// articleTerms returns the terms an article gives its entities: each entity
// it lists, with its name and aliases, and the subjects, blocs and places of
// its claims. A place names a city, so it only counts as a mention of its
// country. Each term counts once per article.
func articleTerms(a *entente.Article) map[termKey]bool {
	out := map[termKey]bool{}
	add := func(key, term string, alias bool) {
		out[termKey{entity: key}] = true
		if term != "" {
			out[termKey{key, term, alias}] = true
		}
	}
	for _, e := range a.Entities {
		add(e.Key(), e.Name, false)
		for _, al := range e.Aliases {
			add(e.Key(), al, true)
		}
	}
	for _, c := range a.Claims {
		add(c.Subject.Key(), c.Subject.Name, false)
		if c.Bloc != nil {
			add(entente.EntityKey(entente.KindBloc, c.Bloc.ID), c.Bloc.Name, false)
		}
		if c.Place != nil {
			add(entente.EntityKey(entente.KindCountry, c.Place.Country), "", false)
		}
	}
	return out
}

// writeArticles replaces the changed articles, their claims and mentions.
func (w *writer) writeArticles(ctx context.Context) error {
	if len(w.final) == 0 {
		return nil
	}
	var replaced []string
	var arts, claims, mentions []any
	for _, id := range sortedKeys(boolSet(w.final)) {
		a := w.final[id]
		if w.existed[id] {
			replaced = append(replaced, id)
		}
		ents, err := entente.EncodeEntities(a.Entities)
		if err != nil {
			return err
		}
		// A null rawExtraction removes the property: the stored claims
		// and entities are the extraction as found.
		var raw any
		if orig := w.raw[a]; orig != nil {
			if raw, err = entente.EncodeExtraction(orig); err != nil {
				return err
			}
		}
		ingested := a.IngestedAt
		if ingested.IsZero() {
			ingested = w.now
		}
		arts = append(arts, map[string]any{
			"id": a.ID, "ingestedAt": ingested.UTC().Format(time.RFC3339Nano),
			"props": map[string]any{
				"url": a.URL, "title": a.Title, "publisher": a.Publisher, "published": a.Published.String(),
				"text": a.Text, "hash": a.Hash, "extractorVersion": a.ExtractorVersion,
				"fingerprint": w.stored[id].fingerprint, "entities": ents, "rawExtraction": raw,
			},
		})
		for i, c := range a.Claims {
			claims = append(claims, map[string]any{"article": a.ID, "props": claimProps(c, i)})
		}
		// One MENTIONS per entity the article names, and one OFFICES with
		// the offices it gives an entity, if any: deriving an entity reads
		// only the latter, which a bloc named by every article lacks.
		offices := map[string][]officeJSON{}
		for _, e := range a.Entities {
			for _, o := range e.Offices {
				offices[e.Key()] = append(offices[e.Key()], officeJSON(o))
			}
		}
		seen := map[string]bool{}
		for t := range articleTerms(a) {
			if seen[t.entity] {
				continue
			}
			seen[t.entity] = true
			m := map[string]any{"article": a.ID, "key": t.entity}
			if os := offices[t.entity]; len(os) > 0 {
				b, err := json.Marshal(os)
				if err != nil {
					return err
				}
				m["offices"] = string(b)
			}
			mentions = append(mentions, m)
		}
	}
	if len(replaced) > 0 {
		if err := exec(ctx, w.tx, `
			MATCH (a:Article)-[:CLAIMS]->(c:Claim) WHERE a.id IN $ids
			DETACH DELETE c`, map[string]any{"ids": replaced}); err != nil {
			return err
		}
		if err := exec(ctx, w.tx, `
			MATCH (a:Article)-[m:MENTIONS|OFFICES]->() WHERE a.id IN $ids
			DELETE m`, map[string]any{"ids": replaced}); err != nil {
			return err
		}
	}
	if err := exec(ctx, w.tx, `
		UNWIND $arts AS x
		MERGE (a:Article {id: x.id})
		ON CREATE SET a.ingestedAt = x.ingestedAt
		SET a += x.props`, map[string]any{"arts": arts}); err != nil {
		return err
	}
	if len(claims) > 0 {
		if err := exec(ctx, w.tx, `
			UNWIND $claims AS x
			MATCH (a:Article {id: x.article})
			CREATE (a)-[:CLAIMS]->(c:Claim)
			SET c = x.props`, map[string]any{"claims": claims}); err != nil {
			return err
		}
	}
	if len(mentions) > 0 {
		// Entities are created here when first mentioned and given their
		// properties by writeEntities.
		if err := exec(ctx, w.tx, `
			UNWIND $mentions AS x
			MATCH (a:Article {id: x.article})
			MERGE (e:Entity {key: x.key})
			CREATE (a)-[:MENTIONS]->(e)
			FOREACH (_ IN CASE WHEN x.offices IS NULL THEN [] ELSE [1] END |
				CREATE (a)-[:OFFICES {offices: x.offices}]->(e))`, map[string]any{"mentions": mentions}); err != nil {
			return err
		}
	}
	return nil
}

func boolSet[T any](m map[string]T) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// writeEntities applies the term counts and derives every touched entity
// again with entente.MergeMentions; an entity no article mentions any more
// is deleted.
func (w *writer) writeEntities(ctx context.Context) error {
	var terms []any
	for t, n := range w.terms {
		if n != 0 {
			terms = append(terms, map[string]any{"tid": t.tid(), "entity": t.entity, "term": t.term, "alias": t.alias, "n": n})
		}
	}
	if len(terms) > 0 {
		if err := exec(ctx, w.tx, `
			UNWIND $terms AS t
			MERGE (x:EntityTerm {tid: t.tid})
			ON CREATE SET x.entity = t.entity, x.term = t.term, x.alias = t.alias, x.articles = 0
			SET x.articles = x.articles + t.n`, map[string]any{"terms": terms}); err != nil {
			return err
		}
	}
	keys := sortedKeys(w.touched)
	if len(keys) == 0 {
		return nil
	}
	p := map[string]any{"keys": keys}
	if err := exec(ctx, w.tx, `
		MATCH (x:EntityTerm) WHERE x.entity IN $keys AND x.articles <= 0
		DELETE x`, p); err != nil {
		return err
	}
	rows, err := run(ctx, w.tx, `
		MATCH (x:EntityTerm) WHERE x.entity IN $keys
		RETURN x.entity AS entity, x.term AS term, x.alias AS alias, x.articles AS n`, p)
	if err != nil {
		return err
	}
	mentions := map[string][]entente.Mention{}
	for _, r := range rows {
		k := str(r, "entity")
		alias, _ := r["alias"].(bool)
		switch term := str(r, "term"); {
		case term == "":
			mentions[k] = append(mentions[k], entente.Mention{})
		case alias:
			mentions[k] = append(mentions[k], entente.Mention{Entity: entente.Entity{Aliases: []string{term}}})
		default:
			mentions[k] = append(mentions[k], entente.Mention{Entity: entente.Entity{Name: term}, Votes: num(r, "n")})
		}
	}
	rows, err = run(ctx, w.tx, `
		MATCH (a:Article)-[m:OFFICES]->(e:Entity) WHERE e.key IN $keys
		RETURN e.key AS key, a.published AS published, m.offices AS offices`, p)
	if err != nil {
		return err
	}
	for _, r := range rows {
		k := str(r, "key")
		if len(mentions[k]) == 0 {
			continue
		}
		pub, err := date(r, "published")
		if err != nil {
			return err
		}
		var os []officeJSON
		if err := json.Unmarshal([]byte(str(r, "offices")), &os); err != nil {
			return fmt.Errorf("stored offices of %s: %w", k, err)
		}
		for _, o := range os {
			mentions[k] = append(mentions[k], entente.Mention{Published: pub, Entity: entente.Entity{Offices: []entente.Office{entente.Office(o)}}})
		}
	}
	rows, err = run(ctx, w.tx, `
		MATCH (e:Entity) WHERE e.key IN $keys
		RETURN e.key AS key, e.digest AS digest`, p)
	if err != nil {
		return err
	}
	digests := map[string]string{}
	for _, r := range rows {
		digests[str(r, "key")] = str(r, "digest")
	}
	var gone []string
	var ents []any
	for _, k := range keys {
		kind, id, err := entente.ParseEntityKey(k)
		if err != nil {
			return err
		}
		e := entente.MergeMentions(kind, id, mentions[k])
		if e == nil {
			gone = append(gone, k)
			continue
		}
		props, digest, err := entityProps(e)
		if err != nil {
			return err
		}
		if digests[k] == digest {
			continue
		}
		ents = append(ents, map[string]any{"key": k, "kind": string(kind), "props": props})
	}
	if len(gone) > 0 {
		if err := exec(ctx, w.tx, `
			MATCH (e:Entity) WHERE e.key IN $keys
			DETACH DELETE e`, map[string]any{"keys": gone}); err != nil {
			return err
		}
	}
	if len(ents) > 0 {
		// Labels cannot be parameters: one static SET per kind.
		if err := exec(ctx, w.tx, `
			UNWIND $ents AS x
			MERGE (e:Entity {key: x.key})
			SET e = x.props, e.key = x.key
			FOREACH (_ IN CASE WHEN x.kind = 'country' THEN [1] ELSE [] END | SET e:Country)
			FOREACH (_ IN CASE WHEN x.kind = 'bloc' THEN [1] ELSE [] END | SET e:Bloc)
			FOREACH (_ IN CASE WHEN x.kind = 'person' THEN [1] ELSE [] END | SET e:Person)`,
			map[string]any{"ents": ents}); err != nil {
			return err
		}
	}
	return nil
}

// entityProps returns the stored properties of an entity and their digest.
func entityProps(e *entente.Entity) (map[string]any, string, error) {
	names := map[string]bool{}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if n := normalize(n); n != "" {
			names[n] = true
		}
	}
	var officeCountries []string
	os := make([]officeJSON, len(e.Offices))
	for i, o := range e.Offices {
		os[i] = officeJSON(o)
		if o.Country != "" {
			officeCountries = append(officeCountries, strings.ToLower(o.Country))
		}
	}
	ob, err := json.Marshal(os)
	if err != nil {
		return nil, "", err
	}
	props := map[string]any{
		"kind": string(e.Kind), "id": e.ID, "idLC": strings.ToLower(e.ID), "name": e.Name,
		"aliases": nonEmpty(e.Aliases), "names": nonEmpty(sortedKeys(names)),
		"offices": string(ob), "officeCountries": nonEmpty(officeCountries),
	}
	b, err := json.Marshal(props)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(b)
	props["digest"] = hex.EncodeToString(sum[:16])
	return props, props["digest"].(string), nil
}

// nonEmpty returns nil for an empty list: Neo4j keeps no empty lists of
// unknown type, and a missing property reads as empty.
func nonEmpty(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

// writeEvents replaces the events of every dirty key with its grouping, and
// links them to their sources and entities.
// writeEvents brings the stored events of the dirty keys from their
// grouping before the batch to the one after it, touching only what
// changed: most writes add a source to an event or add a new event, and a
// much reported event keeps the sources of the articles the batch leaves
// alone.
func (w *writer) writeEvents(ctx context.Context) error {
	keys := sortedKeys(w.dirty)
	if len(keys) == 0 {
		return nil
	}
	var gone, updated, created, sources, dropped []any
	addSources := func(eventID string, srcs []*entente.Source) {
		for i, src := range srcs {
			sources = append(sources, map[string]any{"event": eventID, "article": src.ArticleID, "props": map[string]any{
				"seq": i, "published": src.Published.String(), "quote": src.Quote, "start": src.Start, "end": src.End,
				"date": src.Date.String(), "status": string(src.Status), "confidence": src.Confidence,
			}})
		}
	}
	for _, k := range keys {
		orig := map[string]*entente.Event{}
		for _, e := range w.orig[k] {
			orig[e.ID] = e
		}
		for _, e := range w.group(k) {
			o := orig[e.ID]
			delete(orig, e.ID)
			if o == nil {
				ev := map[string]any{"props": eventProps(e, k), "subject": e.Subject.Key()}
				if e.Bloc != nil {
					ev["bloc"] = entente.EntityKey(entente.KindBloc, e.Bloc.ID)
				}
				if e.Place != nil {
					ev["place"] = entente.EntityKey(entente.KindCountry, e.Place.Country)
				}
				created = append(created, ev)
				for _, srcs := range byArticle(e.Sources) {
					addSources(e.ID, srcs)
				}
				continue
			}
			if !sameEvent(o, e) {
				// The id fixes the key and the date, so the subject, bloc
				// and place stay the same entities.
				updated = append(updated, map[string]any{"id": e.ID, "props": eventProps(e, k)})
			}
			if reflect.DeepEqual(o.Sources, e.Sources) {
				continue
			}
			was, is := byArticle(o.Sources), byArticle(e.Sources)
			for id, srcs := range was {
				if now, ok := is[id]; ok && reflect.DeepEqual(srcs, now) {
					delete(is, id)
					continue
				}
				dropped = append(dropped, map[string]any{"event": e.ID, "article": id})
			}
			for _, srcs := range is {
				addSources(e.ID, srcs)
			}
		}
		for id := range orig {
			gone = append(gone, id)
		}
	}
	if len(gone) > 0 {
		if err := exec(ctx, w.tx, `
			MATCH (e:Event) WHERE e.id IN $ids
			DETACH DELETE e`, map[string]any{"ids": gone}); err != nil {
			return err
		}
	}
	if len(updated) > 0 {
		if err := exec(ctx, w.tx, `
			UNWIND $events AS x
			MATCH (e:Event {id: x.id})
			SET e = x.props`, map[string]any{"events": updated}); err != nil {
			return err
		}
	}
	if len(dropped) > 0 {
		if err := exec(ctx, w.tx, `
			UNWIND $dropped AS x
			MATCH (a:Article {id: x.article})-[r:SOURCE]->(e:Event {id: x.event})
			DELETE r`, map[string]any{"dropped": dropped}); err != nil {
			return err
		}
	}
	if len(created) > 0 {
		if err := exec(ctx, w.tx, `
			UNWIND $events AS x
			CREATE (e:Event)
			SET e = x.props
			WITH e, x
			OPTIONAL MATCH (s:Entity {key: x.subject})
			FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | CREATE (e)-[:SUBJECT]->(s))
			WITH e, x
			OPTIONAL MATCH (b:Entity {key: x.bloc})
			FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END | CREATE (e)-[:BLOC]->(b))
			WITH e, x
			OPTIONAL MATCH (p:Entity {key: x.place})
			FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (e)-[:PLACE]->(p))`,
			map[string]any{"events": created}); err != nil {
			return err
		}
	}
	if len(sources) == 0 {
		return nil
	}
	return exec(ctx, w.tx, `
		UNWIND $sources AS x
		MATCH (a:Article {id: x.article}), (e:Event {id: x.event})
		CREATE (a)-[r:SOURCE]->(e)
		SET r = x.props`, map[string]any{"sources": sources})
}

// sameEvent reports whether two events of one id have the same fields,
// sources aside.
func sameEvent(a, b *entente.Event) bool {
	x, y := *a, *b
	x.Sources, y.Sources = nil, nil
	return reflect.DeepEqual(x, y)
}

// byArticle splits an event's sources by article, keeping their order.
func byArticle(srcs []*entente.Source) map[string][]*entente.Source {
	m := map[string][]*entente.Source{}
	for _, src := range srcs {
		m[src.ArticleID] = append(m[src.ArticleID], src)
	}
	return m
}

func eventProps(e *entente.Event, key string) map[string]any {
	p := map[string]any{
		"id": e.ID, "key": key, "type": string(e.Type),
		"subjectKind": string(e.Subject.Kind), "subjectId": e.Subject.ID, "subjectName": e.Subject.Name,
		"subjectLC": strings.ToLower(e.Subject.ID),
		"role":      string(e.Role), "date": e.Date.String(), "year": e.Date.Year, "orderKey": e.OrderKey(),
		"status": string(e.Status), "confidence": e.Confidence, "firstReported": e.FirstReported.String(),
	}
	if e.Bloc != nil {
		p["blocKind"], p["blocId"], p["blocName"], p["blocLC"] = string(e.Bloc.Kind), e.Bloc.ID, e.Bloc.Name, strings.ToLower(e.Bloc.ID)
	}
	if e.Place != nil {
		p["placeCountry"], p["placeName"], p["placeLC"] = e.Place.Country, e.Place.Name, strings.ToLower(e.Place.Country)
	}
	if !e.Date.IsZero() {
		p["firstDay"], p["lastDay"] = e.Date.First().String(), e.Date.Last().String()
	}
	return p
}

func claimProps(c *entente.Claim, seq int) map[string]any {
	p := map[string]any{
		"key": c.Key().String(), "seq": seq, "type": string(c.Type),
		"subjectKind": string(c.Subject.Kind), "subjectId": c.Subject.ID, "subjectName": c.Subject.Name,
		"role": string(c.Role), "date": c.Date.String(), "status": string(c.Status), "confidence": c.Confidence,
		"sentence": c.Evidence.Sentence, "start": c.Evidence.Start, "end": c.Evidence.End,
	}
	if c.Bloc != nil {
		p["blocKind"], p["blocId"], p["blocName"] = string(c.Bloc.Kind), c.Bloc.ID, c.Bloc.Name
	}
	if c.Place != nil {
		p["placeCountry"], p["placeName"] = c.Place.Country, c.Place.Name
	}
	return p
}

func decodeClaim(m map[string]any) (*entente.Claim, error) {
	c := &entente.Claim{
		Type:       entente.EventType(str(m, "type")),
		Subject:    entente.Ref{Kind: entente.EntityKind(str(m, "subjectKind")), ID: str(m, "subjectId"), Name: str(m, "subjectName")},
		Role:       entente.Role(str(m, "role")),
		Status:     entente.Status(str(m, "status")),
		Confidence: float(m, "confidence"),
		Evidence:   entente.Evidence{Sentence: str(m, "sentence"), Start: num(m, "start"), End: num(m, "end")},
	}
	if m["blocId"] != nil {
		c.Bloc = &entente.Ref{Kind: entente.EntityKind(str(m, "blocKind")), ID: str(m, "blocId"), Name: str(m, "blocName")}
	}
	if m["placeCountry"] != nil {
		c.Place = &entente.Place{Country: str(m, "placeCountry"), Name: str(m, "placeName")}
	}
	var err error
	c.Date, err = date(m, "date")
	return c, err
}

// officeJSON is how offices are kept as JSON in properties.
type officeJSON struct {
	Title         string       `json:"title"`
	Country       string       `json:"country,omitempty"`
	Org           string       `json:"org,omitempty"`
	Since         entente.Date `json:"since"`
	Until         entente.Date `json:"until"`
	FirstReported entente.Date `json:"firstReported"`
	LastReported  entente.Date `json:"lastReported"`
}

// normalize returns a name as search compares it: lower case, with words
// separated by single spaces ("Kassym-Jomart" → "kassym jomart"), as the
// SQLite store does.
func normalize(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
