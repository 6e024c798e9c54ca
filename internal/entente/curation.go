package entente

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// CurationKind is what a person corrected.
type CurationKind string

// Curation kinds.
const (
	// Retraction withdraws what one article states about one event: the
	// article stays stored, but its claim no longer counts as a source.
	Retraction CurationKind = "retraction"
	// Merge says that two person ids name one person: every mention of
	// From is read as a mention of Into.
	Merge CurationKind = "merge"
)

// Valid reports whether k is a known kind.
func (k CurationKind) Valid() bool { return k == Retraction || k == Merge }

// MaxReasonBytes bounds a curation's reason.
const MaxReasonBytes = 2000

// Curation is one correction of the graph by a person. Curations are
// recorded and never deleted: revoking one keeps it, marked revoked, and
// stores apply the ones in force to every article they store, now and
// later (a re-ingested or reprocessed article stays corrected). What
// extraction found stays stored as it was found.
type Curation struct {
	ID        string       `json:"id"`
	Kind      CurationKind `json:"kind"`
	Reason    string       `json:"reason"`
	Actor     string       `json:"actor,omitempty"` // who made it: the name of the API key used
	CreatedAt time.Time    `json:"createdAt"`

	// A retraction: the claims of ArticleID about the events of EventKey
	// whose evidence starts at one of Starts. EventID is the event the
	// curator retracted the claim from, for the record.
	ArticleID string `json:"articleId,omitempty"`
	EventKey  string `json:"eventKey,omitempty"`
	EventID   string `json:"eventId,omitempty"`
	Starts    []int  `json:"starts,omitempty"`
	Quote     string `json:"quote,omitempty"` // the sentence retracted, for the record

	// A merge: bare person ids, and the name of the person merged into,
	// which the merged person's mentions take (their own name becomes an
	// alias).
	From     string `json:"from,omitempty"`
	Into     string `json:"into,omitempty"`
	IntoName string `json:"intoName,omitempty"`

	// Set when the curation is revoked.
	RevokedAt    *time.Time `json:"revokedAt,omitempty"`
	RevokedBy    string     `json:"revokedBy,omitempty"`
	RevokeReason string     `json:"revokeReason,omitempty"`
}

// Active reports whether c is in force.
func (c *Curation) Active() bool { return c.RevokedAt == nil }

// Validate returns EINVALID for a curation that cannot be recorded.
func (c *Curation) Validate() error {
	switch {
	case !c.Kind.Valid():
		return Errorf(EINVALID, "Invalid curation kind %q.", c.Kind)
	case strings.TrimSpace(c.Reason) == "":
		return Errorf(EINVALID, "A curation needs a reason: say why, for the record.")
	case len(c.Reason) > MaxReasonBytes || len(c.RevokeReason) > MaxReasonBytes:
		return Errorf(EINVALID, "A curation's reason is limited to %d bytes.", MaxReasonBytes)
	case !utf8.ValidString(c.Reason) || !utf8.ValidString(c.RevokeReason) || !utf8.ValidString(c.Actor):
		return Errorf(EINVALID, "A curation's reason must be valid UTF-8 text.")
	}
	switch c.Kind {
	case Retraction:
		if c.ArticleID == "" || c.EventKey == "" || len(c.Starts) == 0 {
			return Errorf(EINVALID, "A retraction needs an article, an event key and the claims' offsets.")
		}
	case Merge:
		switch {
		case c.From == "" || c.Into == "":
			return Errorf(EINVALID, "A merge needs two person ids.")
		case strings.EqualFold(c.From, c.Into):
			return Errorf(EINVALID, "Cannot merge person %q into itself.", c.From)
		}
	}
	return nil
}

// Prepared returns c as a store records it, or Validate's error: the
// reason trimmed, a revocation's fields only when it is revoked, in UTC,
// and a retraction's offsets sorted, once each.
func (c Curation) Prepared() (Curation, error) {
	c.Reason = strings.TrimSpace(c.Reason)
	if c.RevokedAt == nil {
		c.RevokedBy, c.RevokeReason = "", ""
	} else {
		t := c.RevokedAt.UTC()
		c.RevokedAt = &t
	}
	if c.Kind == Retraction {
		c.Starts = slices.Compact(slices.Sorted(slices.Values(c.Starts)))
	} else {
		c.Starts = nil
	}
	return c, c.Validate()
}

// RevocationReason checks the reason given for revoking a curation, and
// who gives it, and returns the reason trimmed.
func RevocationReason(reason, actor string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return "", Errorf(EINVALID, "Revoking a curation needs a reason: say why, for the record.")
	case len(reason) > MaxReasonBytes:
		return "", Errorf(EINVALID, "A curation's reason is limited to %d bytes.", MaxReasonBytes)
	case !utf8.ValidString(reason) || !utf8.ValidString(actor):
		return "", Errorf(EINVALID, "A curation's reason must be valid UTF-8 text.")
	}
	return reason, nil
}

// CurationID returns a new curation's id, from what it is about and when
// it was made.
func CurationID(c *Curation) string {
	s := fmt.Sprint(c.Kind, "|", c.ArticleID, "|", c.EventKey, "|", c.Starts, "|", c.From, "|", c.Into, "|",
		c.CreatedAt.UnixNano())
	sum := sha256.Sum256([]byte(s))
	return "cur_" + hex.EncodeToString(sum[:10])
}

// NewRetraction returns the retraction of what article articleID states
// about event e (which must carry its Sources). It is EINVALID when the
// article is not a source of the event.
func NewRetraction(e *Event, articleID, reason, actor string) (*Curation, error) {
	c := &Curation{Kind: Retraction, Reason: strings.TrimSpace(reason), Actor: actor, ArticleID: articleID,
		EventKey: e.Key().String(), EventID: e.ID}
	var quotes []string
	for _, s := range e.Sources {
		if s.ArticleID == articleID {
			c.Starts = append(c.Starts, s.Start)
			quotes = append(quotes, s.Quote)
		}
	}
	if len(c.Starts) == 0 {
		return nil, Errorf(EINVALID, "Article %q is not a source of event %q.", articleID, e.ID)
	}
	slices.Sort(c.Starts)
	c.Starts = slices.Compact(c.Starts)
	c.Quote = strings.Join(quotes, " … ")
	return c, c.Validate()
}

// CurationFilter selects curations. Nil and empty fields match everything.
type CurationFilter struct {
	IDs       []string
	Kinds     []CurationKind
	Active    *bool   // only curations in force (true) or revoked (false)
	ArticleID *string // retractions of this article's claims
	Person    *string // merges from or into this person id, case-insensitive
	Offset    int
	Limit     int // 0: no limit
}

// CurationResult says what recording or revoking a curation changed.
type CurationResult struct {
	Curation *Curation
	// Articles counts the stored articles the change was applied to.
	Articles int
	// EventsAdded and EventsRemoved count events that exist after the
	// change and did not before, and the reverse.
	EventsAdded, EventsRemoved int
}

// AddRewrites counts articles a curation rewrote, with what each changed.
func (r *CurationResult) AddRewrites(results []UpsertResult) {
	for _, u := range results {
		r.Articles++
		r.EventsAdded += u.EventsAdded
		r.EventsRemoved += u.EventsRemoved
	}
}

// CurationStore records corrections and applies them to the graph.
type CurationStore interface {
	// Curate records c and applies it to every stored article it concerns,
	// in one transaction. The result holds the curation as recorded, with
	// its ID and CreatedAt set when c had none; c itself is not modified. A merge into a person that has itself been merged goes to the
	// end of the chain. Returns EINVALID for a curation that fails
	// Validate, ENOTFOUND for a missing article or person, and ECONFLICT
	// for a merge that would make a cycle or of a person merged already.
	// Recording a curation that is in force already (the same claims
	// retracted, the same persons merged), or one whose ID is recorded
	// already, changes nothing and returns the stored one. A curation given
	// with RevokedAt set (an import) is recorded as it is, revoked, and
	// changes nothing else.
	Curate(ctx context.Context, c *Curation) (*CurationResult, error)

	// RevokeCuration revokes a curation and applies the graph without it.
	// Revoking a revoked curation changes nothing. Returns ENOTFOUND, and
	// EINVALID without a reason.
	RevokeCuration(ctx context.Context, id, actor, reason string) (*CurationResult, error)

	// FindCurations returns the curations matching f, newest first, and how
	// many match in all.
	FindCurations(ctx context.Context, f CurationFilter) ([]*Curation, int, error)
}

// Curations is a set of curations in force, ready to apply to articles.
type Curations struct {
	retractions map[string][]*Curation // by article id
	merges      map[string]Ref         // lower-case person id → the person it is merged into, resolved
}

// NewCurations indexes the curations in force among cs. Merges are
// resolved through chains (a into b, b into c: a into c); a cycle, which
// Curate refuses to record, is broken by ignoring the later merge.
func NewCurations(cs []*Curation) *Curations {
	s := &Curations{retractions: map[string][]*Curation{}, merges: map[string]Ref{}}
	var merges []*Curation
	for _, c := range cs {
		if !c.Active() {
			continue
		}
		switch c.Kind {
		case Retraction:
			s.retractions[c.ArticleID] = append(s.retractions[c.ArticleID], c)
		case Merge:
			merges = append(merges, c)
		}
	}
	slices.SortStableFunc(merges, func(a, b *Curation) int { return a.CreatedAt.Compare(b.CreatedAt) })
	direct := map[string]string{}
	names := map[string]string{} // lower-case id → its name, from the merges into it
	for _, m := range merges {
		from := strings.ToLower(m.From)
		if _, ok := direct[from]; ok {
			continue
		}
		// Refuse a cycle: Into must not lead back to From.
		cycle := false
		for id, n := strings.ToLower(m.Into), 0; n <= len(direct); n++ {
			if id == from {
				cycle = true
				break
			}
			next, ok := direct[id]
			if !ok {
				break
			}
			id = strings.ToLower(next)
		}
		if !cycle {
			direct[from] = m.Into
			if m.IntoName != "" {
				names[strings.ToLower(m.Into)] = m.IntoName
			}
		}
	}
	for from := range direct {
		to := resolve(direct, from)
		s.merges[from] = Ref{Kind: KindPerson, ID: to, Name: names[strings.ToLower(to)]}
	}
	return s
}

func resolve(direct map[string]string, id string) string {
	out := id
	for n := 0; n <= len(direct); n++ {
		next, ok := direct[strings.ToLower(out)]
		if !ok {
			break
		}
		out = next
	}
	return out
}

// Empty reports whether the set changes nothing.
func (s *Curations) Empty() bool {
	return s == nil || (len(s.retractions) == 0 && len(s.merges) == 0)
}

// Person returns the id a person id stands for: the end of its merges, or
// the id itself.
func (s *Curations) Person(id string) string { return s.person(id, "").ID }

// person returns the person a person id and name stand for.
func (s *Curations) person(id, name string) Ref {
	if s != nil {
		if to, ok := s.merges[strings.ToLower(id)]; ok {
			if to.Name == "" {
				to.Name = name
			}
			return to
		}
	}
	return Ref{Kind: KindPerson, ID: id, Name: name}
}

// Apply returns the article as the curations in force read it: merged
// persons renamed in its entities and claims (a merged person's name
// becomes an alias of the person it is merged into), and retracted claims
// left out. It returns a itself, unchanged, when no curation concerns it;
// else a copy, and a is not modified.
func (s *Curations) Apply(a *Article) *Article {
	if s.Empty() {
		return a
	}
	retractions := s.retractions[a.ID]
	concerned := len(retractions) > 0
	if !concerned && len(s.merges) > 0 {
		for _, e := range a.Entities {
			if e.Kind == KindPerson && s.Person(e.ID) != e.ID {
				concerned = true
				break
			}
		}
		for _, c := range a.Claims {
			if c.Subject.Kind == KindPerson && s.Person(c.Subject.ID) != c.Subject.ID {
				concerned = true
				break
			}
		}
	}
	if !concerned {
		return a
	}

	out := *a
	out.Entities = nil
	byKey := map[string]*Entity{}
	for _, e := range a.Entities {
		id := e.ID
		if e.Kind == KindPerson {
			id = s.Person(e.ID)
		}
		k := EntityKey(e.Kind, id)
		if id == e.ID && byKey[k] == nil {
			ec := *e
			ec.Aliases = slices.Clone(e.Aliases)
			ec.Offices = slices.Clone(e.Offices)
			byKey[k] = &ec
			out.Entities = append(out.Entities, &ec)
			continue
		}
		// A merged person, or a second entry for one: fold it into the
		// entry of the person it stands for, its name an alias.
		into := byKey[k]
		if into == nil {
			into = &Entity{Kind: e.Kind, ID: id, Name: s.person(e.ID, e.Name).Name}
			byKey[k] = into
			out.Entities = append(out.Entities, into)
		}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			if !strings.EqualFold(name, into.Name) && !slices.Contains(into.Aliases, name) {
				into.Aliases = append(into.Aliases, name)
			}
		}
		for _, o := range e.Offices {
			if !slices.Contains(into.Offices, o) {
				into.Offices = append(into.Offices, o)
			}
		}
	}

	out.Claims = nil
	for _, c := range a.Claims {
		cc := c
		if c.Subject.Kind == KindPerson {
			if p := s.person(c.Subject.ID, c.Subject.Name); p.ID != c.Subject.ID {
				x := *c
				x.Subject = p
				cc = &x
			}
		}
		if retracted(retractions, cc) {
			continue
		}
		out.Claims = append(out.Claims, cc)
	}
	return &out
}

// Retracted reports whether a curation in force retracts claim c of
// article articleID (as Apply reads it).
func (s *Curations) Retracted(articleID string, c *Claim) bool {
	if s == nil {
		return false
	}
	return retracted(s.retractions[articleID], c)
}

func retracted(rs []*Curation, c *Claim) bool {
	if len(rs) == 0 {
		return false
	}
	key := c.Key().String()
	for _, r := range rs {
		if r.EventKey == key && slices.Contains(r.Starts, c.Evidence.Start) {
			return true
		}
	}
	return false
}

// ApplyAll applies the set to each article (see Apply), and returns with the
// results the article as extracted behind each result that differs.
func (s *Curations) ApplyAll(articles []*Article) ([]*Article, map[*Article]*Article) {
	raw := map[*Article]*Article{}
	if s.Empty() {
		return articles, raw
	}
	out := make([]*Article, len(articles))
	for i, a := range articles {
		if out[i] = s.Apply(a); out[i] != a {
			raw[out[i]] = a
		}
	}
	return out, raw
}

// Repeats returns the curation among active (the curations in force) that
// c repeats: the same claims retracted, or the same persons merged. A merge
// has its Into resolved to the end of its chain first. It returns ECONFLICT
// for a merge of a person merged elsewhere already, or one that would make
// a cycle. Stores call it before recording c.
func Repeats(active []*Curation, c *Curation) (*Curation, error) {
	switch c.Kind {
	case Retraction:
		slices.Sort(c.Starts)
		c.Starts = slices.Compact(c.Starts)
		for _, a := range active {
			if a.Kind == Retraction && a.ArticleID == c.ArticleID && a.EventKey == c.EventKey && slices.Equal(a.Starts, c.Starts) {
				return a, nil
			}
		}
	case Merge:
		cs := NewCurations(active)
		c.Into = cs.Person(c.Into)
		for _, a := range active {
			if a.Kind == Merge && strings.EqualFold(a.From, c.From) {
				if strings.EqualFold(cs.Person(a.Into), c.Into) {
					return a, nil
				}
				return nil, Errorf(ECONFLICT, "Person %q is merged into %q already (curation %s): revoke that merge first.",
					a.From, a.Into, a.ID)
			}
		}
		if strings.EqualFold(c.Into, c.From) {
			return nil, Errorf(ECONFLICT, "Person %q is merged into %q already: merging back would make a cycle.",
				c.Into, c.From)
		}
	}
	return nil, nil
}

// Retracts reports whether the retraction c withdraws a claim of a, as
// stored; it returns EINVALID when it withdraws none.
func (c *Curation) Retracts(a *Article) error {
	one := NewCurations([]*Curation{c})
	if !slices.ContainsFunc(a.Claims, func(cl *Claim) bool { return one.Retracted(a.ID, cl) }) {
		return Errorf(EINVALID, "Article %q states no claim of event %q at offsets %v.", a.ID, c.EventKey, c.Starts)
	}
	return nil
}
