package entente

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
)

// EventType is what happened.
type EventType string

// Event types; their meanings are in shared/eval/GUIDE.md.
const (
	Applied   EventType = "APPLIED"
	Invited   EventType = "INVITED"
	Joined    EventType = "JOINED"
	Declined  EventType = "DECLINED"
	Withdrew  EventType = "WITHDREW"
	Suspended EventType = "SUSPENDED"
	Attended  EventType = "ATTENDED"
	Visited   EventType = "VISITED"
)

// EventTypes lists every event type.
var EventTypes = []EventType{Applied, Invited, Joined, Declined, Withdrew, Suspended, Attended, Visited}

// Valid reports whether t is a known event type.
func (t EventType) Valid() bool {
	for _, v := range EventTypes {
		if t == v {
			return true
		}
	}
	return false
}

// Membership reports whether t is one of the membership lifecycle types,
// the ones that carry a bloc and a role.
func (t EventType) Membership() bool {
	switch t {
	case Applied, Invited, Joined, Declined, Withdrew, Suspended:
		return true
	}
	return false
}

// Role is the status a membership event is about. The empty Role is none,
// written as null in JSON.
type Role string

// Roles.
const (
	Member    Role = "member"
	Partner   Role = "partner"
	Observer  Role = "observer"
	Candidate Role = "candidate"
)

// Roles lists every role.
var Roles = []Role{Member, Partner, Observer, Candidate}

// Valid reports whether r is a known role or none.
func (r Role) Valid() bool {
	return r == "" || r == Member || r == Partner || r == Observer || r == Candidate
}

// MarshalJSON writes the role, or null for none.
func (r Role) MarshalJSON() ([]byte, error) {
	if r == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(r))
}

// Status says whether an event has happened or is announced.
type Status string

// Statuses.
const (
	Occurred Status = "occurred"
	Planned  Status = "planned"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Occurred || s == Planned }

// Evidence is the sentence that states a claim, with its offsets in Unicode
// code points in the article text.
type Evidence struct {
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Claim is what one article states about one event: an "event" object of
// shared/contract/extract.md. ArticleID and Published are set by stores,
// not by extraction.
type Claim struct {
	Type       EventType `json:"type"`
	Subject    Ref       `json:"subject"`
	Bloc       *Ref      `json:"bloc"`
	Place      *Place    `json:"place"`
	Role       Role      `json:"role"`
	Date       Date      `json:"date"`
	Status     Status    `json:"status"`
	Confidence float64   `json:"confidence"`
	Evidence   Evidence  `json:"evidence"`

	ArticleID string `json:"-"`
	Published Date   `json:"-"` // the article's publication date
}

// Validate returns EINVALID for a claim that breaks the contract.
func (c *Claim) Validate() error {
	switch {
	case !c.Type.Valid():
		return Errorf(EINVALID, "Invalid event type %q.", c.Type)
	case !c.Subject.Kind.Valid() || c.Subject.ID == "":
		return Errorf(EINVALID, "%s event has an invalid subject %q.", c.Type, c.Subject.Key())
	case !c.Role.Valid():
		return Errorf(EINVALID, "%s event has an invalid role %q.", c.Type, c.Role)
	case !c.Status.Valid():
		return Errorf(EINVALID, "%s event has an invalid status %q.", c.Type, c.Status)
	case c.Confidence < 0 || c.Confidence > 1 || math.IsNaN(c.Confidence):
		return Errorf(EINVALID, "%s event has confidence %v outside 0..1.", c.Type, c.Confidence)
	case c.Type == Visited && (c.Place == nil || c.Place.Country == ""):
		return Errorf(EINVALID, "VISITED event of %q has no place.", c.Subject.Key())
	case c.Type.Membership() && (c.Bloc == nil || c.Bloc.ID == ""):
		return Errorf(EINVALID, "%s event of %q has no bloc.", c.Type, c.Subject.Key())
	case c.Evidence.Start < 0 || c.Evidence.End < c.Evidence.Start:
		return Errorf(EINVALID, "%s event has invalid evidence offsets %d..%d.", c.Type, c.Evidence.Start, c.Evidence.End)
	}
	return nil
}

// Key returns the identity of the event the claim is about, less its date.
func (c *Claim) Key() EventKey {
	k := EventKey{Type: c.Type, Subject: c.Subject.Key(), Role: c.Role}
	if c.Bloc != nil {
		k.Bloc = c.Bloc.ID
	}
	if c.Place != nil {
		k.Place = c.Place.Country
	}
	return k
}

// EventKey is what makes two claims about the same event, apart from the
// date: the type, the subject, the bloc, the place's country and the role.
type EventKey struct {
	Type    EventType
	Subject string // entity key, "country:KAZ"
	Bloc    string
	Place   string
	Role    Role
}

// String returns the key as one string, "JOINED|country:EGY|BRICS||member";
// stores index it.
func (k EventKey) String() string {
	return strings.Join([]string{string(k.Type), k.Subject, k.Bloc, k.Place, string(k.Role)}, "|")
}

// Event is one event as the graph knows it: the claims of every article that
// reports it, merged. Date is the most precise date its sources agree on.
type Event struct {
	ID         string
	Type       EventType
	Subject    Ref
	Bloc       *Ref
	Place      *Place
	Role       Role
	Date       Date
	Status     Status // occurred when any source says it occurred
	Confidence float64

	// FirstReported is the earliest publication date of its sources: an
	// undated event is known to have happened by then.
	FirstReported Date
	Sources       []*Source
}

// Key returns the event's identity less its date.
func (e *Event) Key() EventKey {
	k := EventKey{Type: e.Type, Subject: e.Subject.Key(), Role: e.Role}
	if e.Bloc != nil {
		k.Bloc = e.Bloc.ID
	}
	if e.Place != nil {
		k.Place = e.Place.Country
	}
	return k
}

// OrderKey returns the string events are ordered by in timelines and pages:
// dated events by their first day (less precise first), undated ones last.
func (e *Event) OrderKey() string {
	if e.Date.IsZero() {
		return "~"
	}
	return e.Date.SortKey()
}

// Cursor returns the opaque pagination cursor of the event.
func (e *Event) Cursor() string {
	return base64.RawURLEncoding.EncodeToString([]byte(e.OrderKey() + "\x00" + e.ID))
}

// DecodeCursor returns the order key and id a cursor was made from, or
// EINVALID.
func DecodeCursor(s string) (orderKey, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", "", Errorf(EINVALID, "Invalid cursor %q.", s)
	}
	orderKey, id, ok := strings.Cut(string(b), "\x00")
	if !ok || id == "" {
		return "", "", Errorf(EINVALID, "Invalid cursor %q.", s)
	}
	return orderKey, id, nil
}

// Source is one article's report of an event: the claim as it stands in that
// article.
type Source struct {
	EventID    string
	ArticleID  string
	Published  Date
	Quote      string
	Start, End int
	Date       Date // the date this article gives, which may be less precise than the event's
	Status     Status
	Confidence float64
}

// EventID returns the id of the event with the given key and date:
// deterministic, so every store and every re-run names it alike.
func EventID(k EventKey, d Date) string {
	sum := sha256.Sum256([]byte(k.String() + "|" + d.String()))
	return "ev_" + hex.EncodeToString(sum[:10])
}

// GroupClaims merges claims into events. Claims with the same key whose
// dates are compatible (equal, one refining the other, or unknown) become
// one event dated by the most precise of them; a claim whose date disagrees
// starts an event of its own. An undated claim joins the best-attested dated
// event of its key. The result depends only on the set of claims, not on
// their order, and is sorted by OrderKey then ID.
func GroupClaims(claims []*Claim) []*Event {
	byKey := map[EventKey][]*Claim{}
	var keys []EventKey
	for _, c := range claims {
		k := c.Key()
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], c)
	}
	var events []*Event
	for _, k := range keys {
		events = append(events, groupKey(byKey[k])...)
	}
	SortEvents(events)
	return events
}

// SortEvents sorts events by OrderKey, then ID.
func SortEvents(events []*Event) {
	sort.Slice(events, func(i, j int) bool {
		a, b := events[i].OrderKey(), events[j].OrderKey()
		if a != b {
			return a < b
		}
		return events[i].ID < events[j].ID
	})
}

func groupKey(cs []*Claim) []*Event {
	cs = append([]*Claim(nil), cs...)
	// Most precise first, so a cluster's first claim is its most precise and
	// checking a claim against it checks it against the whole cluster.
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if pa, pb := a.Date.Precision(), b.Date.Precision(); pa != pb {
			return pa > pb
		}
		if c := a.Date.Compare(b.Date); c != 0 {
			return c < 0
		}
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		return a.Evidence.Start < b.Evidence.Start
	})
	var clusters [][]*Claim
	var undated []*Claim
	for _, c := range cs {
		if c.Date.IsZero() {
			undated = append(undated, c)
			continue
		}
		placed := false
		for i, cl := range clusters {
			if cl[0].Date.Compatible(c.Date) {
				clusters[i] = append(cl, c)
				placed = true
				break
			}
		}
		if !placed {
			clusters = append(clusters, []*Claim{c})
		}
	}
	if len(undated) > 0 {
		if len(clusters) == 0 {
			clusters = append(clusters, undated)
		} else {
			best := 0
			for i, cl := range clusters {
				if articles(cl) > articles(clusters[best]) ||
					(articles(cl) == articles(clusters[best]) && cl[0].Date.Compare(clusters[best][0].Date) < 0) {
					best = i
				}
			}
			clusters[best] = append(clusters[best], undated...)
		}
	}
	events := make([]*Event, 0, len(clusters))
	for _, cl := range clusters {
		events = append(events, newEvent(cl))
	}
	return events
}

func articles(cs []*Claim) int {
	seen := map[string]bool{}
	for _, c := range cs {
		seen[c.ArticleID] = true
	}
	return len(seen)
}

// newEvent merges one cluster, whose first claim is its most precise.
func newEvent(cs []*Claim) *Event {
	head := cs[0]
	e := &Event{
		Type:    head.Type,
		Subject: head.Subject,
		Role:    head.Role,
		Date:    head.Date,
		Status:  Planned,
	}
	if head.Bloc != nil {
		b := *head.Bloc
		e.Bloc = &b
	}
	if head.Place != nil {
		p := *head.Place
		e.Place = &p
	}
	e.ID = EventID(e.Key(), e.Date)
	best := map[string]float64{} // per article, its most confident claim
	for _, c := range cs {
		if c.Status == Occurred {
			e.Status = Occurred
		}
		// The longest name wins: "Kassym-Jomart Tokayev" over "Tokayev".
		if len(c.Subject.Name) > len(e.Subject.Name) {
			e.Subject.Name = c.Subject.Name
		}
		if e.Place != nil && c.Place != nil && e.Place.Name == "" {
			e.Place.Name = c.Place.Name
		}
		if !c.Published.IsZero() && (e.FirstReported.IsZero() || c.Published.Compare(e.FirstReported) < 0) {
			e.FirstReported = c.Published
		}
		best[c.ArticleID] = max(best[c.ArticleID], c.Confidence)
		e.Sources = append(e.Sources, &Source{
			EventID:    e.ID,
			ArticleID:  c.ArticleID,
			Published:  c.Published,
			Quote:      c.Evidence.Sentence,
			Start:      c.Evidence.Start,
			End:        c.Evidence.End,
			Date:       c.Date,
			Status:     c.Status,
			Confidence: c.Confidence,
		})
	}
	// Independent reports corroborate each other: noisy-or over articles.
	miss := 1.0
	for _, p := range best {
		miss *= 1 - p
	}
	e.Confidence = math.Round((1-miss)*1000) / 1000
	sort.Slice(e.Sources, func(i, j int) bool {
		a, b := e.Sources[i], e.Sources[j]
		if c := a.Published.Compare(b.Published); c != 0 {
			return c < 0
		}
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		return a.Start < b.Start
	})
	return e
}

// String returns a short description for logs and test failures.
func (e *Event) String() string {
	s := fmt.Sprintf("%s %s", e.Type, e.Subject.Key())
	if e.Bloc != nil {
		s += " " + e.Bloc.ID
	}
	if e.Place != nil {
		s += " @" + e.Place.Country
	}
	if e.Role != "" {
		s += " (" + string(e.Role) + ")"
	}
	if !e.Date.IsZero() {
		s += " " + e.Date.String()
	}
	return s
}

// RoleOrNil returns the event's role, or nil when it has none: the API's
// null.
func (e *Event) RoleOrNil() *Role {
	if e.Role == "" {
		return nil
	}
	return &e.Role
}

// CityOrNil returns the name of the event's place, or nil when unknown.
func (e *Event) CityOrNil() *string {
	if e.Place == nil || e.Place.Name == "" {
		return nil
	}
	return &e.Place.Name
}
