package entente

import "context"

// Outcome says what storing an article changed.
type Outcome string

// Outcomes of UpsertArticles.
const (
	Created   Outcome = "created"   // the article was new
	Updated   Outcome = "updated"   // the article was stored before; its content or extraction changed
	Unchanged Outcome = "unchanged" // the same article, text and extraction were already stored
)

// UpsertResult reports what storing one article changed.
type UpsertResult struct {
	ArticleID string
	Outcome   Outcome
	// EventsAdded and EventsRemoved count events (not claims) that exist
	// after the write and did not before, and the reverse.
	EventsAdded   int
	EventsRemoved int
}

// ArticleFilter selects articles. Nil and empty fields match everything.
type ArticleFilter struct {
	IDs    []string
	URL    *string  // exact canonical URL
	Hash   *string  // exact content hash
	URLs   []string // any of these canonical URLs: checks a batch for stored articles in one query
	Hashes []string // any of these content hashes
	After  string   // only ids greater than this, for streaming in id order
	Offset int
	Limit  int // 0: no limit

	// WithExtraction also loads Entities and Claims (export, reprocess).
	WithExtraction bool
}

// ArticleStore keeps articles with what extraction found in them.
type ArticleStore interface {
	// UpsertArticles stores articles in one batch, with their entities and
	// claims. An article stored before under the same ID has its fields,
	// entities and claims replaced; storing identical content again changes
	// nothing and reports Unchanged. The events of every key the batch
	// touches are regrouped with GroupClaims. Entities (with aliases and
	// offices) are kept per article that mentions them, and so are the
	// subjects, blocs and places of its claims: an entity that no stored
	// article mentions any more is gone. Results are in input order.
	// Returns EINVALID (nothing stored) when any article fails Validate.
	UpsertArticles(ctx context.Context, articles []*Article) ([]UpsertResult, error)

	// FindArticleByID returns an article, or ENOTFOUND.
	FindArticleByID(ctx context.Context, id string) (*Article, error)

	// FindArticles returns the articles matching f in id order, and how many
	// match in all (ignoring Offset and Limit).
	FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
}

// EntityFilter selects entities. Nil and empty fields match everything.
type EntityFilter struct {
	Kind *EntityKind
	IDs  []string // bare ids, case-insensitive
	// Text matches names and aliases, case-insensitive: exact matches
	// first, then prefixes, then words inside the name.
	Text *string
	// OfficeCountry keeps persons holding an office of that country (ISO3).
	OfficeCountry *string
	Offset        int
	Limit         int // 0: no limit
}

// EntityStore finds countries, blocs and persons.
type EntityStore interface {
	// FindEntity returns one entity by kind and bare id (case-insensitive),
	// with its aliases and, for a person, offices. Returns ENOTFOUND.
	FindEntity(ctx context.Context, kind EntityKind, id string) (*Entity, error)

	// FindEntities returns the entities matching f, ordered by kind then id
	// (by relevance when Text is set), and the total that match.
	FindEntities(ctx context.Context, f EntityFilter) ([]*Entity, int, error)
}

// EventFilter selects events. Nil and empty fields match everything; the
// lists match any of their values.
type EventFilter struct {
	IDs          []string
	Types        []EventType
	Blocs        []string     // bloc ids, case-insensitive
	Countries    []string     // ISO3: the subject or the place is one of them
	Persons      []string     // person ids: the subject is one of them
	SubjectKinds []EntityKind // only subjects of these kinds
	// From and To keep dated events whose span overlaps From.First() ..
	// To.Last(); undated events fail either bound.
	From, To Date
	Status   []Status
	After    string // a cursor from Event.Cursor: only events after it
	Offset   int
	Limit    int // 0: no limit
}

// EventCount is one cell of CountEvents.
type EventCount struct {
	Bloc  string // "" for events without a bloc
	Type  EventType
	Year  int // 0 for undated events
	Count int
}

// EventStore finds events and the sources behind them.
type EventStore interface {
	// FindEventByID returns an event with its sources, or ENOTFOUND.
	FindEventByID(ctx context.Context, id string) (*Event, error)

	// FindEvents returns the events matching f in date order (OrderKey, then
	// ID) without their Sources, and how many match in all (ignoring After,
	// Offset and Limit). A malformed cursor is EINVALID.
	FindEvents(ctx context.Context, f EventFilter) ([]*Event, int, error)

	// FindSources returns the sources of each event id, in publication order;
	// ids without sources are absent from the map.
	FindSources(ctx context.Context, eventIDs []string) (map[string][]*Source, error)

	// CountEvents counts the events matching f by bloc, type and year, sorted
	// by bloc, type and year.
	CountEvents(ctx context.Context, f EventFilter) ([]EventCount, error)
}

// Store is everything Entente keeps. Both backends, SQLite and Neo4j,
// implement it and pass internal/storetest.
type Store interface {
	ArticleStore
	EntityStore
	EventStore
	CurationStore

	// Generation returns a number that grows with every committed write
	// transaction, made in this process or in another: two reads that
	// return the same number saw the same data. Read caches
	// (internal/readcache) key what they keep on it.
	Generation(ctx context.Context) (uint64, error)

	// Ping returns EUNAVAILABLE when the store cannot be reached.
	Ping(ctx context.Context) error
	Close() error
}
