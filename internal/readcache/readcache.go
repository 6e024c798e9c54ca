// Package readcache keeps what a store's read methods return in memory for
// as long as the store's generation (entente.Store.Generation) stays the
// same. The graph changes only when articles or curations are written, and
// a dashboard asks the same questions again and again: a bloc's members, a
// country's timeline, the entities and sources behind them. Those answers
// are derived from many rows (a bloc's members from every membership event
// of the bloc), so keeping them saves far more than the one query that
// checks the generation.
//
// Every cached call first reads the generation. An answer is kept with the
// generation read before the store was asked, and is given out only while
// the store still reports that generation: a write by this process or any
// other, once committed, makes every answer kept before it unreachable, and
// the first call that sees the new generation drops them all. An answer
// read while a write commits may be newer than its generation, never older.
//
// Callers get their own copies of the events, entities, articles and
// sources, so changing what a call returns cannot change what the next one
// gets.
package readcache

import (
	"context"
	"encoding/json"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2/simplelru"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/singleflight"

	"github.com/entente/entente/internal/entente"
)

// DefaultMaxBytes is the default bound of a cache's contents.
const DefaultMaxBytes = 256 << 20

// Store is an entente.Store whose reads are cached. Writes, the curation
// log, Ping and Close go to the store it wraps.
type Store struct {
	entente.Store

	maxBytes int64
	mu       sync.Mutex
	gen      uint64 // the generation the entries were read at
	entries  *lru.LRU[string, *entry]
	bytes    int64 // the sum of the entries' sizes
	flight   singleflight.Group

	hits, misses *prometheus.CounterVec
	drops        prometheus.Counter
	size         prometheus.GaugeFunc
}

var (
	_ entente.Store                   = (*Store)(nil)
	_ entente.MembershipHistoryFinder = (*Store)(nil)
	_ prometheus.Collector            = (*Store)(nil)
)

type entry struct {
	value any
	size  int64
}

// New returns s with its reads cached in at most maxBytes (roughly: what
// the values' strings and structs take); maxBytes <= 0 gives
// DefaultMaxBytes.
func New(s entente.Store, maxBytes int64) *Store {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	c := &Store{Store: s, maxBytes: maxBytes}
	// The LRU's own bound is never reached: sizes bound it (see put).
	c.entries, _ = lru.NewLRU[string, *entry](1<<62, func(_ string, e *entry) { c.bytes -= e.size })
	c.hits = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "entente_read_cache_hits_total",
		Help: "Store reads answered from the read cache, by method.",
	}, []string{"method"})
	c.misses = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "entente_read_cache_misses_total",
		Help: "Store reads the read cache passed to the store, by method.",
	}, []string{"method"})
	c.drops = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "entente_read_cache_invalidations_total",
		Help: "Times the read cache dropped everything because the store's generation changed (a write committed).",
	})
	c.size = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "entente_read_cache_bytes",
		Help: "Approximate size of what the read cache holds.",
	}, func() float64 {
		c.mu.Lock()
		defer c.mu.Unlock()
		return float64(c.bytes)
	})
	return c
}

// Describe implements prometheus.Collector.
func (c *Store) Describe(ch chan<- *prometheus.Desc) {
	c.hits.Describe(ch)
	c.misses.Describe(ch)
	c.drops.Describe(ch)
	c.size.Describe(ch)
}

// Collect implements prometheus.Collector.
func (c *Store) Collect(ch chan<- prometheus.Metric) {
	c.hits.Collect(ch)
	c.misses.Collect(ch)
	c.drops.Collect(ch)
	c.size.Collect(ch)
}

type requestKey struct{}

// request holds the generation a request read first.
type request struct {
	mu   sync.Mutex
	gen  uint64
	read bool
}

// WithRequest returns ctx for one read-only request (a GraphQL query):
// the cache reads the store's generation once, at the request's first
// call, and the request's later calls go by it. A request that asks five
// questions of Neo4j then makes one round trip for the generation, not
// five. A write committed during the request shows from the next one.
// Do not use it around writes: what a request reads after its own write
// would be what it read before.
func WithRequest(ctx context.Context) context.Context {
	return context.WithValue(ctx, requestKey{}, &request{})
}

// generation reads the store's generation (once per WithRequest context)
// and drops every entry read at another one. ok is false when the
// generation cannot be read: the caller then asks the store, which reports
// the trouble itself.
func (c *Store) generation(ctx context.Context) (gen uint64, ok bool) {
	r, _ := ctx.Value(requestKey{}).(*request)
	if r != nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.read {
			return c.use(r.gen), true
		}
	}
	gen, err := c.Store.Generation(ctx)
	if err != nil {
		return 0, false
	}
	if r != nil {
		r.gen, r.read = gen, true
	}
	return c.use(gen), true
}

// use makes gen the cache's generation if it is newer, dropping every
// entry, and returns gen.
func (c *Store) use(gen uint64) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Generations only grow (both stores count up). A request still on an
	// older one than the cache's gets nothing from it and adds nothing.
	if gen > c.gen {
		if c.entries.Len() > 0 {
			c.drops.Inc()
		}
		c.entries.Purge()
		c.gen = gen
	}
	return gen
}

// get returns the entry under key if it was read at gen.
func (c *Store) get(gen uint64, key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return nil, false
	}
	e, ok := c.entries.Get(key)
	if !ok {
		return nil, false
	}
	return e.value, true
}

// getAll looks up keys under one lock: values[i] is the entry of keys[i]
// when found[i].
func (c *Store) getAll(gen uint64, keys []string) (values []any, found []bool) {
	values, found = make([]any, len(keys)), make([]bool, len(keys))
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return values, found
	}
	for i, k := range keys {
		if e, ok := c.entries.Get(k); ok {
			values[i], found[i] = e.value, true
		}
	}
	return values, found
}

// put keeps value under key if gen is still the cache's generation, then
// drops the least recently used entries until the cache fits its bound.
// A value larger than half of the bound is not kept: one whole-graph
// answer would otherwise push out everything else.
func (c *Store) put(gen uint64, key string, value any, size int64) {
	size += int64(len(key)) + 64
	if size > c.maxBytes/2 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	c.entries.Add(key, &entry{value: value, size: size})
	c.bytes += size
	for c.bytes > c.maxBytes {
		c.entries.RemoveOldest()
	}
}

// filterKey is a map key for a filter: its JSON form, whose field order is
// fixed.
func filterKey(prefix string, f any) string {
	b, err := json.Marshal(f)
	if err != nil {
		return ""
	}
	return prefix + string(b)
}

// answer returns what is kept under key at the store's generation, or
// asks for it (once for every caller that wants it at the same time) and
// keeps it. ask returns the answer and its size. Without a generation,
// or a key, it just asks.
func answer[T any](c *Store, ctx context.Context, method, key string, ask func() (T, int64, error)) (T, error) {
	gen, ok := c.generation(ctx)
	if !ok || key == "" {
		v, _, err := ask()
		return v, err
	}
	if v, ok := c.get(gen, key); ok {
		c.hits.WithLabelValues(method).Inc()
		return v.(T), nil
	}
	c.misses.WithLabelValues(method).Inc()
	v, err, _ := c.flight.Do(flightKey(gen, key), func() (any, error) {
		v, size, err := ask()
		if err != nil {
			return nil, err
		}
		c.put(gen, key, v, size)
		return v, nil
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// page is a kept answer of a Find method: what it found and the total.
type page[T any] struct {
	items []T
	total int
}

// findPage is answer for a Find method, whose answer's size is the sum of
// its items'.
func findPage[T any](c *Store, ctx context.Context, method, key string, find func() ([]T, int, error), size func(T) int64) (*page[T], error) {
	return answer(c, ctx, method, key, func() (*page[T], int64, error) {
		items, total, err := find()
		var n int64
		for _, it := range items {
			n += size(it)
		}
		return &page[T]{items, total}, n, err
	})
}

// FindEvents implements entente.EventStore.
func (c *Store) FindEvents(ctx context.Context, f entente.EventFilter) ([]*entente.Event, int, error) {
	p, err := findPage(c, ctx, "FindEvents", filterKey("events", f),
		func() ([]*entente.Event, int, error) { return c.Store.FindEvents(ctx, f) }, eventSize)
	if err != nil {
		return nil, 0, err
	}
	return copyEvents(p.items), p.total, nil
}

// FindMembershipHistory implements entente.MembershipHistoryFinder: the
// membership events of f, grouped and ordered once per generation, so
// that the members of a bloc as of any day are read off it without asking
// the store or sorting again. The history is shared: it never changes,
// and its At copies the events it returns.
func (c *Store) FindMembershipHistory(ctx context.Context, f entente.EventFilter) (*entente.MembershipHistory, error) {
	if blocs := distinctFold(f.Blocs); len(blocs) > 1 {
		// A dashboard's few blocs, in any combination: kept per bloc.
		hs, err := perBloc(f, blocs, func(one entente.EventFilter) (*entente.MembershipHistory, error) {
			return c.FindMembershipHistory(ctx, one)
		})
		if err != nil {
			return nil, err
		}
		return entente.MergeMembershipHistories(hs...), nil
	}
	return answer(c, ctx, "FindMembershipHistory", filterKey("history", f), func() (*entente.MembershipHistory, int64, error) {
		events, _, err := c.Store.FindEvents(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		var size int64
		for _, e := range events {
			size += eventSize(e) + 40 // and its place in the history
		}
		return entente.NewMembershipHistory(events), size, nil
	})
}

// CountEvents implements entente.EventStore.
func (c *Store) CountEvents(ctx context.Context, f entente.EventFilter) ([]entente.EventCount, error) {
	if blocs := distinctFold(f.Blocs); len(blocs) > 1 {
		// Counted per bloc and kept so, as FindMembershipHistory does.
		lists, err := perBloc(f, blocs, func(one entente.EventFilter) ([]entente.EventCount, error) {
			return c.CountEvents(ctx, one)
		})
		if err != nil {
			return nil, err
		}
		out := slices.Concat(lists...)
		slices.SortStableFunc(out, func(a, b entente.EventCount) int {
			if c := strings.Compare(a.Bloc, b.Bloc); c != 0 {
				return c
			}
			if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
				return c
			}
			return a.Year - b.Year
		})
		return out, nil
	}
	counts, err := answer(c, ctx, "CountEvents", filterKey("counts", f), func() ([]entente.EventCount, int64, error) {
		counts, err := c.Store.CountEvents(ctx, f)
		size := int64(len(counts)) * 48
		for _, n := range counts {
			size += int64(len(n.Bloc))
		}
		return counts, size, err
	})
	return slices.Clone(counts), err
}

// FindEventByID implements entente.EventStore.
func (c *Store) FindEventByID(ctx context.Context, id string) (*entente.Event, error) {
	gen, ok := c.generation(ctx)
	if !ok {
		return c.Store.FindEventByID(ctx, id)
	}
	key := "event\x00" + id
	if v, ok := c.get(gen, key); ok {
		c.hits.WithLabelValues("FindEventByID").Inc()
		return copyEvent(v.(*entente.Event)), nil
	}
	c.misses.WithLabelValues("FindEventByID").Inc()
	e, err := c.Store.FindEventByID(ctx, id)
	if err != nil {
		return nil, err // not found is not kept: it is cheap to ask again
	}
	size := eventSize(e)
	for _, s := range e.Sources {
		size += sourceSize(s)
	}
	c.put(gen, key, e, size)
	return copyEvent(e), nil
}

// FindSources implements entente.EventStore. Sources are kept per event,
// so that the sources of one event serve every later call that asks for
// it, whatever else that call asks.
func (c *Store) FindSources(ctx context.Context, eventIDs []string) (map[string][]*entente.Source, error) {
	gen, ok := c.generation(ctx)
	if !ok {
		return c.Store.FindSources(ctx, eventIDs)
	}
	out := make(map[string][]*entente.Source, len(eventIDs))
	keys := make([]string, len(eventIDs))
	for i, id := range eventIDs {
		keys[i] = "sources\x00" + id
	}
	values, found := c.getAll(gen, keys)
	var missing []string
	for i, id := range eventIDs {
		if found[i] {
			if list := values[i].([]*entente.Source); len(list) > 0 {
				out[id] = copySources(list)
			}
		} else if !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	c.count("FindSources", len(eventIDs)-len(missing), len(missing))
	if len(missing) == 0 {
		return out, nil
	}
	fetched, err := c.Store.FindSources(ctx, missing)
	if err != nil {
		return nil, err
	}
	for _, id := range missing {
		list := fetched[id] // nil: the event has no sources, which is kept too
		var size int64
		for _, s := range list {
			size += sourceSize(s)
		}
		c.put(gen, "sources\x00"+id, list, size)
		if len(list) > 0 {
			out[id] = copySources(list)
		}
	}
	return out, nil
}

// FindEntity implements entente.EntityStore.
func (c *Store) FindEntity(ctx context.Context, kind entente.EntityKind, id string) (*entente.Entity, error) {
	gen, ok := c.generation(ctx)
	if !ok {
		return c.Store.FindEntity(ctx, kind, id)
	}
	key := "entity1" + entityKey(kind, id) // FindEntity prefers the id of the same case
	if v, ok := c.get(gen, key); ok {
		c.hits.WithLabelValues("FindEntity").Inc()
		return copyEntity(v.(*entente.Entity)), nil
	}
	c.misses.WithLabelValues("FindEntity").Inc()
	e, err := c.Store.FindEntity(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	c.put(gen, key, e, entitySize(e))
	return copyEntity(e), nil
}

// FindEntities implements entente.EntityStore. Entities asked for by kind
// and ids alone (what the API's loaders ask) are kept one by one, unknown
// ids too; any other filter is kept as a whole answer.
func (c *Store) FindEntities(ctx context.Context, f entente.EntityFilter) ([]*entente.Entity, int, error) {
	if f.Kind != nil && len(f.IDs) > 0 && f.Text == nil && f.OfficeCountry == nil && f.Offset == 0 && f.Limit == 0 {
		gen, ok := c.generation(ctx)
		if !ok {
			return c.Store.FindEntities(ctx, f)
		}
		return c.entitiesByID(ctx, gen, *f.Kind, f.IDs)
	}
	p, err := findPage(c, ctx, "FindEntities", filterKey("entities", f),
		func() ([]*entente.Entity, int, error) { return c.Store.FindEntities(ctx, f) }, entitySize)
	if err != nil {
		return nil, 0, err
	}
	return copyEntities(p.items), p.total, nil
}

// entitiesByID answers FindEntities{Kind, IDs} from entries per id: ids
// compare without case, and the answer is in id order, as the stores give.
func (c *Store) entitiesByID(ctx context.Context, gen uint64, kind entente.EntityKind, ids []string) ([]*entente.Entity, int, error) {
	out, err := byIDs(c, ctx, gen, ids, perID[entente.Entity]{
		method: "FindEntities",
		norm:   strings.ToLower,
		key:    func(id string) string { return entityKey(kind, id) },
		fetch: func(missing []string) ([]*entente.Entity, error) {
			es, _, err := c.Store.FindEntities(ctx, entente.EntityFilter{Kind: &kind, IDs: missing})
			return es, err
		},
		id:   func(e *entente.Entity) string { return e.ID },
		size: entitySize,
		copy: copyEntity,
	})
	return out, len(out), err
}

// FindArticles implements entente.ArticleStore. Articles asked for by ids
// alone (the API's loaders) are kept one by one; any other filter (the
// checks for stored articles during ingest, export) goes to the store.
func (c *Store) FindArticles(ctx context.Context, f entente.ArticleFilter) ([]*entente.Article, int, error) {
	if len(f.IDs) == 0 || f.URL != nil || f.Hash != nil || len(f.URLs) > 0 || len(f.Hashes) > 0 ||
		f.After != "" || f.Offset != 0 || f.Limit != 0 || f.WithExtraction {
		return c.Store.FindArticles(ctx, f)
	}
	gen, ok := c.generation(ctx)
	if !ok {
		return c.Store.FindArticles(ctx, f)
	}
	out, err := byIDs(c, ctx, gen, f.IDs, perID[entente.Article]{
		method: "FindArticles",
		norm:   func(id string) string { return id },
		key:    func(id string) string { return "article\x00" + id },
		fetch: func(missing []string) ([]*entente.Article, error) {
			as, _, err := c.Store.FindArticles(ctx, entente.ArticleFilter{IDs: missing})
			return as, err
		},
		id:   func(a *entente.Article) string { return a.ID },
		size: articleSize,
		copy: func(a *entente.Article) *entente.Article { cp := *a; return &cp },
	})
	if err != nil {
		return nil, 0, err
	}
	return out, len(out), nil
}

// perID says how byIDs keeps and finds one kind of item.
type perID[T any] struct {
	method string
	norm   func(id string) string // how ids compare
	key    func(id string) string // the entry of an id
	fetch  func(missing []string) ([]*T, error)
	id     func(*T) string
	size   func(*T) int64
	copy   func(*T) *T
}

// byIDs returns copies of the items of ids, once each and in id order,
// from the entries kept per id, fetching those not kept in one call and
// keeping them, unknown ids too.
func byIDs[T any](c *Store, ctx context.Context, gen uint64, ids []string, p perID[T]) ([]*T, error) {
	var once, keys, missing []string
	seen := map[string]bool{}
	for _, id := range ids {
		if n := p.norm(id); !seen[n] {
			seen[n] = true
			once = append(once, id)
			keys = append(keys, p.key(id))
		}
	}
	var out []*T
	values, found := c.getAll(gen, keys)
	for i, id := range once {
		switch {
		case !found[i]:
			missing = append(missing, id)
		case values[i] != nil:
			out = append(out, p.copy(values[i].(*T)))
		}
	}
	c.count(p.method, len(once)-len(missing), len(missing))
	if len(missing) > 0 {
		fetched, err := p.fetch(missing)
		if err != nil {
			return nil, err
		}
		byID := make(map[string]*T, len(fetched))
		for _, v := range fetched {
			byID[p.norm(p.id(v))] = v
			out = append(out, p.copy(v))
		}
		for _, id := range missing {
			if v := byID[p.norm(id)]; v != nil {
				c.put(gen, p.key(id), v, p.size(v))
			} else {
				c.put(gen, p.key(id), nil, 0) // unknown: kept as such
			}
		}
	}
	slices.SortFunc(out, func(a, b *T) int { return strings.Compare(p.id(a), p.id(b)) })
	return out, nil
}

func (c *Store) count(method string, hits, misses int) {
	if hits > 0 {
		c.hits.WithLabelValues(method).Add(float64(hits))
	}
	if misses > 0 {
		c.misses.WithLabelValues(method).Add(float64(misses))
	}
}

// perBloc asks ask once for each of blocs, with f narrowed to it. An event
// has one bloc, so the answers are of different events.
func perBloc[T any](f entente.EventFilter, blocs []string, ask func(entente.EventFilter) (T, error)) ([]T, error) {
	out := make([]T, len(blocs))
	for i, b := range blocs {
		one := f
		one.Blocs = []string{b}
		v, err := ask(one)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// distinctFold returns ids without repeats, ignoring case (bloc ids).
func distinctFold(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, id) }) {
			out = append(out, id)
		}
	}
	return out
}

func flightKey(gen uint64, key string) string {
	return strconv.FormatUint(gen, 10) + "\x00" + key
}

func entityKey(kind entente.EntityKind, id string) string {
	return "entity\x00" + string(kind) + "\x00" + strings.ToLower(id)
}

// Copies: the structs are copied, what they point to is shared and never
// changed by the stores or the API.

func copyEvent(e *entente.Event) *entente.Event {
	cp := *e
	cp.Sources = copySources(e.Sources)
	return &cp
}

func copyEvents(events []*entente.Event) []*entente.Event { return copyAll(events) }

func copySources(list []*entente.Source) []*entente.Source {
	if list == nil {
		return nil
	}
	return copyAll(list)
}

// copyAll copies the structs of a list into one block.
func copyAll[T any](list []*T) []*T {
	out := make([]*T, len(list))
	all := make([]T, len(list))
	for i, v := range list {
		all[i] = *v
		out[i] = &all[i]
	}
	return out
}

func copyEntity(e *entente.Entity) *entente.Entity {
	cp := *e
	cp.Aliases = slices.Clone(e.Aliases)
	cp.Offices = slices.Clone(e.Offices)
	return &cp
}

func copyEntities(es []*entente.Entity) []*entente.Entity {
	out := make([]*entente.Entity, len(es))
	for i, e := range es {
		out[i] = copyEntity(e)
	}
	return out
}

// Sizes: the structs plus the strings they hold, roughly.

func eventSize(e *entente.Event) int64 {
	n := int64(200 + len(e.ID) + len(e.Subject.ID) + len(e.Subject.Name))
	if e.Bloc != nil {
		n += int64(48 + len(e.Bloc.ID) + len(e.Bloc.Name))
	}
	if e.Place != nil {
		n += int64(64 + len(e.Place.Country) + len(e.Place.Name))
	}
	return n
}

func sourceSize(s *entente.Source) int64 {
	return int64(160 + len(s.EventID) + len(s.ArticleID) + len(s.Quote))
}

func entitySize(e *entente.Entity) int64 {
	n := int64(120 + len(e.ID) + len(e.Name))
	for _, a := range e.Aliases {
		n += int64(16 + len(a))
	}
	for _, o := range e.Offices {
		n += int64(96 + len(o.Title) + len(o.Country) + len(o.Org))
	}
	return n
}

func articleSize(a *entente.Article) int64 {
	return int64(240 + len(a.ID) + len(a.URL) + len(a.Title) + len(a.Publisher) + len(a.Text) + len(a.Hash) + len(a.ExtractorVersion))
}

// TuneGC sets the garbage collector for a process whose heap is mostly a
// read cache of maxBytes, unless the operator set GOGC or GOMEMLIMIT: Go's
// default (a cycle each time the heap doubles) marks the whole cache over
// and over under load. A cycle when the heap has grown five times (GOGC
// 400), with a soft limit of four times the cache or 1 GiB, whichever is
// more, halves the collector's share of the CPU on the load benchmark
// (scripts/loadbench) while keeping the heap bounded.
func TuneGC(maxBytes int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(max(1<<30, 4*maxBytes))
	}
}
