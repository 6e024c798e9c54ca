package extract

import (
	"sort"
	"time"

	"github.com/entente/entente/internal/entente"
)

// pickDate chooses the date of an event from the dates of its sentence: the
// nearest after the trigger, else the nearest before it. An invitation or an
// application is not dated by the date of the joining it is about: "invited
// to join on Jan. 1, 2024" dates the joining, not the invitation.
func (d *doc) pickDate(st *sent, typ entente.EventType, lo, hi int, status entente.Status) (entente.Date, bool) {
	d.saidDate = false
	// zone: the infinitive an invitation, application or refusal is
	// about ("invited to enter BRICS on Jan. 1, 2024"), up to the next
	// finite verb. A date there dates the joining: it is skipped when it
	// lies after publication, or always for a refusal.
	zlo, zhi := -1, -1
	if typ == entente.Invited || typ == entente.Applied || typ == entente.Declined {
		for k := hi - 1; k+1 < len(st.items) && k < hi+4; k++ {
			if st.form(k) == "to" {
				switch st.form(k + 1) {
				case "join", "enter", "become", "be", "participate":
					zlo = k
				}
			}
			if zlo >= 0 {
				break
			}
		}
		if zlo < 0 && (st.form(hi-1) == "join" || st.form(hi-1) == "become" || st.form(hi-1) == "joining") {
			zlo = hi - 1
		}
		if zlo >= 0 {
			zhi = len(st.items)
			for k := zlo + 1; k < len(st.items); k++ {
				switch st.form(k) {
				case "was", "were", "is", "are", "has", "have", "had", "said", "says", ";", "and", "but":
					zhi = k
				}
				if zhi == k {
					break
				}
			}
		}
	}
	skip := func(k int) bool {
		if k < zlo || k >= zhi {
			return false
		}
		if typ == entente.Declined && zlo == hi-1 {
			return true // "will not join BRICS this year" dates no refusal
		}
		dt := d.dateOf(st.items[k].m, status)
		return d.in.Published.IsZero() || dt.First().Compare(d.in.Published) > 0
	}
	for k := hi; k < len(st.items) && k < hi+15; k++ {
		f := st.form(k)
		if f == ";" {
			break
		}
		if f == "since" && (typ == entente.Attended || typ == entente.Visited) {
			// "at his first summit since Indonesia joined in January":
			// the date is the joining's.
			break
		}
		if typ == entente.Applied && outcomeVerbs[f] {
			// "Turkey's bid to join was rejected in August": the date is
			// the outcome's, not the application's.
			return entente.Date{}, false
		}
		if f == "#t" && st.relativeAfter(k, hi) {
			continue // "the government of Brazil, which chairs the group in 2025, said"
		}
		if f == "#t" && st.items[k].m.said && status == entente.Planned && (typ == entente.Attended || typ == entente.Visited) {
			continue // "will attend the summit, the ministry said on Monday"
		}
		if f == "#t" && !skip(k) {
			return d.dateOf(st.items[k].m, status), true
		}
		if f == "#t" && (st.has(zlo, k, "after", "following") && st.has(zlo, k, "days", "weeks", "shortly", "soon", "hours", "immediately")) {
			// "applied to join … just days after … on Feb. 24": to the month.
			return d.dateOf(st.items[k].m, status).Truncate(entente.PrecisionMonth), true
		}
	}
	// "suspended from ECOWAS following a decision adopted at a meeting of
	// the bloc's leaders in Abuja on Thursday": one long clause, no comma.
	for k := hi; k < len(st.items) && k < hi+25; k++ {
		f := st.form(k)
		if f == "," && hasWord(st.form(k+1), "following", "after") && hasWord(st.form(k+2), "a", "the") {
			// "…, following a decision adopted at a meeting … on
			// Thursday": the decision that made it so dates it.
			continue
		}
		if f == "," || f == ";" || f == "." || f == "and" || f == "but" || f == "while" || f == "#p" || f == "said" {
			break
		}
		if f == "#t" && k >= hi+15 && st.form(k-1) == "on" && !skip(k) {
			return d.dateOf(st.items[k].m, status), true
		}
	}
	// "…, a spokesman said on Tuesday": the report dates the news.
	for k := hi + 15; k < len(st.items); k++ {
		if st.form(k) == "#t" && st.items[k].m.said {
			return d.dateOf(st.items[k].m, status), true
		}
	}
	// A date inside the trigger ("the summit on Oct. 23 is joined by",
	// "applied in May").
	for k := lo; k < hi; k++ {
		if st.form(k) == "#t" {
			return d.dateOf(st.items[k].m, status), true
		}
	}
	for k := lo - 1; k >= 0 && k >= lo-30; k-- {
		if st.form(k) == "#t" && st.form(k-1) == "and" && st.form(k-2) == "#t" && (typ == entente.Visited || typ == entente.Attended) {
			k -= 2 // "spent Wednesday and Thursday in Warsaw": from the first day
		}
		if st.form(k) == "#t" && !st.inRelative(k, lo) {
			if status == entente.Occurred && st.futureClauseAt(k) && st.has(k, lo, ",", ";") {
				// "arrived on Wednesday and will attend … on Thursday, his
				// first visit": a plan's date dates no past event.
				continue
			}
			dt := d.dateOf(st.items[k].m, status)
			if status == entente.Planned && st.form(k-1) == "on" && st.has(k-5, k-1, "left", "departed", "arrived", "flew", "landed", "set") {
				// "left for Kazan on Tuesday to attend the summit": the day
				// of a departure already made.
				dt = d.dateOf(st.items[k].m, entente.Occurred)
			}
			if rel, ok := st.offsetClause(k, lo); ok {
				// "the flag was raised on Monday, four days after the
				// country joined": the date is the main clause's.
				return rel(dt)
			}
			return dt, true
		}
	}
	d.saidDate = false
	return entente.Date{}, false
}

// outcomeVerbs report what became of an application; a date after them
// dates that outcome.
var outcomeVerbs = map[string]bool{
	"rejected": true, "vetoed": true, "blocked": true, "refused": true, "denied": true,
	"shelved": true, "frozen": true, "withdrawn": true, "dropped": true, "stalled": true,
	"declined": true, "accepted": true, "approved": true, "endorsed": true, "welcomed": true,
	"turned": true, "put": true, "suspended": true, "revived": true, "renewed": true,
}

// offsetClause reports whether the trigger at lo sits in a clause that
// places it relative to the date at k ("…on Monday, four days after X
// joined", "…in May, weeks before X applied"), and returns how to read the
// event's date from that date: N days after → N days earlier, exactly;
// "days", "a week" or "shortly" → the month at most; anything vaguer, or
// "before", which a date cannot be read back from, → unknown.
func (st *sent) offsetClause(k, lo int) (func(entente.Date) (entente.Date, bool), bool) {
	at := -1
	for j := k + 1; j < lo; j++ {
		if f := st.form(j); f == "after" || f == "before" {
			at = j
		}
	}
	if at < 0 {
		return nil, false
	}
	unit, n := "", 0
	for j := max(k+1, at-3); j < at; j++ {
		switch f := st.form(j); f {
		case "day", "days", "week", "weeks", "month", "months", "year", "years", "shortly", "soon", "hours":
			unit = f
		default:
			if v, ok := smallNumbers[f]; ok {
				n = v
			}
		}
	}
	unknown := func(entente.Date) (entente.Date, bool) { return entente.Date{}, false }
	if unit == "" {
		if !st.has(at+1, lo, ",", ";") && st.has(at+1, lo, "#c", "#p", "#b", "it", "he", "she", "they") {
			// "joined in 2012, after Paraguay had been suspended": the
			// event of the after clause came before the date, by how much
			// the text does not say. ("after a state visit to Kazakhstan
			// earlier that day" has no subject: no clause.)
			return unknown, true
		}
		return nil, false // "On Monday, after weeks of talks, Sweden joined"
	}
	if st.form(at) == "before" {
		return unknown, true
	}
	switch unit {
	case "day", "days":
		if n > 0 {
			return func(d entente.Date) (entente.Date, bool) {
				if d.Precision() != entente.PrecisionDay {
					return d.Truncate(entente.PrecisionMonth), true
				}
				t := time.Date(d.Year, time.Month(d.Month), d.Day-n, 0, 0, 0, 0, time.UTC)
				return entente.DayOf(t), true
			}, true
		}
		fallthrough
	case "week", "weeks", "shortly", "soon", "hours":
		return func(d entente.Date) (entente.Date, bool) { return d.Truncate(entente.PrecisionMonth), true }, true
	case "month", "months":
		// "granted candidate status last June, four months after it
		// applied": the month that many months before; "more than three
		// years after" is no count.
		if st.has(max(k+1, at-5), at, "more", "than", "nearly", "almost", "over", "about", "some", "around", "roughly", "least") {
			break
		}
		if n > 0 {
			return func(d entente.Date) (entente.Date, bool) {
				if d.Precision() < entente.PrecisionMonth {
					return entente.Date{}, false
				}
				t := time.Date(d.Year, time.Month(d.Month)-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
				return entente.Date{Year: t.Year(), Month: int(t.Month())}, true
			}, true
		}
	case "year", "years":
		// "two years after leaders agreed to admit it": that year. "A year
		// after" is left loose, as before: it often rounds.
		if st.has(max(k+1, at-5), at, "more", "than", "nearly", "almost", "over", "about", "some", "around", "roughly", "least") {
			break
		}
		if n > 1 {
			return func(d entente.Date) (entente.Date, bool) {
				if d.IsZero() {
					return entente.Date{}, false
				}
				return entente.Date{Year: d.Year - n}, true
			}, true
		}
	}
	return unknown, true
}

// smallNumbers are the counts an offset clause writes out.
var smallNumbers = map[string]int{
	"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10,
}

// dateOf reads a date mention the way the event's tense reads it: "on
// Monday" of a plan is the next Monday, of a fact the last.
func (d *doc) dateOf(m *mention, status entente.Status) entente.Date {
	d.saidDate = m.said
	if m.said {
		status = entente.Occurred // "said on Thursday it would leave"
	}
	switch {
	case status == entente.Planned && !m.forward.IsZero():
		return m.forward
	case status == entente.Occurred && !m.past.IsZero():
		return m.past
	}
	return m.date
}

// presentCues mark an announcement: what "has joined" or "becomes" a member
// did so on the day of the news.
var presentCues = map[string]bool{
	"has": true, "have": true, "is": true, "are": true, "am": true, "becomes": true, "joins": true,
	"applies": true, "leaves": true, "quits": true, "exits": true, "withdraws": true, "asks": true,
	"requests": true, "says": true, "today": true, "won't": true, "will": true, "now": true,
	"receives": true, "enters": true, "suspends": true, "invites": true, "admits": true,
	"declines": true, "rejects": true, "refuses": true, "gets": true, "wins": true,
}

// defaultDate dates an event whose sentence gives no date: an announcement
// in the present or present perfect takes the publication date; an event in
// the past takes the date of the same kind of event just before ("were also
// invited"); else it is unknown.
func (d *doc) defaultDate(st *sent, typ entente.EventType, lo, hi int, status entente.Status) entente.Date {
	if typ == entente.Declined || (typ == entente.Withdrew && (status == entente.Planned || st.has(lo-8, lo, "said", "says", "announced", "announces", "declared"))) {
		// A refusal, or a withdrawal announced without its date, is dated
		// by its announcement: the news.
		return d.in.Published
	}
	// "have been suspended following coups": a perfect that gives its
	// cause reports a state of affairs, not today's news.
	background := false
	for k := hi; k < len(st.items) && k < hi+6; k++ {
		if f := st.form(k); f == "," || f == "." || f == ";" {
			break
		}
		if hasWord(st.form(k), "following", "since", "after") {
			background = true
		}
	}
	if background && st.relativeAt(lo) {
		// "Mali and Sudan, which were suspended following coups": a
		// relative clause giving a cause is background, not the event
		// just reported, so it takes none of its date.
		return entente.Date{}
	}
	for k := max(0, lo-3); k < hi && !st.has(lo-3, hi, "since") && !background; k++ { // "has since expanded": not today
		if presentCues[st.form(k)] {
			if status == entente.Planned && typ != entente.Declined {
				return entente.Date{}
			}
			return d.in.Published
		}
	}
	for i := len(d.claims) - 1; i >= 0; i-- {
		c := d.claims[i]
		if c.sent < st.idx-2 {
			break
		}
		if c.c.Type == typ && c.explicit {
			return c.c.Date
		}
	}
	return entente.Date{}
}

func (d *doc) addClaim(c *entente.Claim, explicit bool, sent int) {
	d.claims = append(d.claims, &claim{c: c, explicit: explicit, sent: sent, order: len(d.claims), said: d.saidDate})
}

// merge folds claims that state one event: same key, and dates that agree
// (one refines the other, or both fall in one month), or one of them not
// given by the text. The text's own date wins over a default, the more
// precise over the less.
func (d *doc) merge() []*entente.Claim {
	type group struct {
		key  entente.EventKey
		kept []*claim
	}
	var groups []*group
	byKey := map[entente.EventKey]*group{}
	for _, c := range d.claims {
		k := c.c.Key()
		g := byKey[k]
		if g == nil {
			g = &group{key: k}
			byKey[k] = g
			groups = append(groups, g)
		}
		merged := false
		for _, kc := range g.kept {
			if !agree(kc, c) {
				continue
			}
			if better(c, kc) {
				kc.c.Date = c.c.Date
				kc.explicit = c.explicit
			}
			if c.c.Status == entente.Occurred && c.explicit == kc.explicit {
				kc.c.Status = entente.Occurred
			}
			kc.c.Confidence = max(kc.c.Confidence, c.c.Confidence)
			merged = true
			break
		}
		if !merged {
			g.kept = append(g.kept, c)
		}
	}
	var out []*claim
	for _, g := range groups {
		out = append(out, g.kept...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].order < out[j].order })
	claims := make([]*entente.Claim, 0, len(out))
	for _, c := range out {
		if c.c.Status == entente.Planned && !c.c.Date.IsZero() && !d.in.Published.IsZero() && c.c.Date.Last().Compare(d.in.Published) < 0 && c.explicit && !c.said {
			// A plan dated in the past happened, as far as the text knows.
			c.c.Status = entente.Occurred
		}
		claims = append(claims, c.c)
	}
	return claims
}

func agree(a, b *claim) bool {
	if !a.explicit || !b.explicit || a.c.Date.IsZero() || b.c.Date.IsZero() {
		return true
	}
	switch a.c.Type {
	case entente.Withdrew, entente.Suspended, entente.Attended, entente.Visited:
		// A withdrawal is announced, then takes effect; a suspension of
		// rights precedes an expulsion; leaders attend and visit again:
		// differently dated reports may be different events.
	default:
		// A country joins, applies to or is invited into a bloc once, as
		// far as one article goes: the lead's date stands.
		return true
	}
	if a.c.Date.Compatible(b.c.Date) {
		return true
	}
	return a.c.Date.Year == b.c.Date.Year && a.c.Date.Month == b.c.Date.Month
}

// better reports whether b's date should replace a's.
func better(b, a *claim) bool {
	switch {
	case b.c.Date.IsZero():
		return false
	case a.c.Date.IsZero():
		return true
	case b.explicit != a.explicit:
		return b.explicit
	case b.c.Date.Compatible(a.c.Date):
		return b.c.Date.Precision() > a.c.Date.Precision()
	}
	return false // the earlier report's date stands
}

// result builds the contract's article object.
func (d *doc) result(id string) *entente.Extraction {
	x := &entente.Extraction{ID: id, Entities: []*entente.Entity{}, Events: d.merge()}
	if x.Events == nil {
		x.Events = []*entente.Claim{}
	}
	seen := map[string]bool{}
	add := func(e *entente.Entity) {
		if !seen[e.Key()] {
			seen[e.Key()] = true
			x.Entities = append(x.Entities, e)
		}
	}
	for _, m := range d.ments {
		switch m.kind {
		case mkCountry, mkCapital, mkDemonym, mkCity:
			r := d.countryRef(m.id)
			add(&entente.Entity{Kind: entente.KindCountry, ID: r.ID, Name: r.Name})
		case mkBloc, mkBlocRef:
			if m.id != "" {
				r := d.blocRef(m.id)
				add(&entente.Entity{Kind: entente.KindBloc, ID: r.ID, Name: r.Name})
			}
		case mkPerson:
			p := d.canonical(m.person)
			for _, o := range p.offices {
				if o.Country != "" {
					r := d.countryRef(o.Country)
					add(&entente.Entity{Kind: entente.KindCountry, ID: r.ID, Name: r.Name})
				}
				if o.Org != "" {
					r := d.blocRef(o.Org)
					add(&entente.Entity{Kind: entente.KindBloc, ID: r.ID, Name: r.Name})
				}
			}
			if !seen[entente.EntityKey(entente.KindPerson, p.id)] {
				e := &entente.Entity{Kind: entente.KindPerson, ID: p.id, Name: p.name, Offices: append([]entente.Office(nil), p.offices...)}
				for _, q := range d.porder {
					if q != p && d.canonical(q) == p && q.name != p.name {
						e.Aliases = append(e.Aliases, q.name)
					}
				}
				add(e)
			}
		}
	}
	for _, c := range x.Events {
		if c.Subject.Kind == entente.KindPerson {
			if p := d.persons[c.Subject.ID]; p != nil {
				add(&entente.Entity{Kind: entente.KindPerson, ID: p.id, Name: p.name, Offices: append([]entente.Office(nil), p.offices...)})
			}
		}
		if c.Place != nil {
			r := d.countryRef(c.Place.Country)
			add(&entente.Entity{Kind: entente.KindCountry, ID: r.ID, Name: r.Name})
		}
	}
	return x
}

// inRelative reports whether item k sits in a relative clause that closes
// before item lo: "The expansion, which takes effect on Jan. 1, was
// announced …" does not date the announcement.
// relativeAfter reports a date at item k inside a relative clause opened
// after the trigger's end hi: ", which chairs the group in 2025".
func (st *sent) relativeAfter(k, hi int) bool {
	for j := k - 1; j >= hi && j >= k-10; j-- {
		switch st.form(j) {
		case ",", ";", `"`:
			return false
		case "which", "who", "whose":
			// A present-tense clause states a standing fact; "…, which
			// was created in 2002" may well date the event.
			return st.form(j-1) == "," && presentRel[st.form(j+1)]
		}
	}
	return false
}

var presentRel = map[string]bool{"is": true, "are": true, "has": true, "have": true, "holds": true, "chairs": true, "leads": true, "hosts": true, "heads": true, "currently": true, "now": true, "remains": true, "includes": true, "groups": true, "comprises": true}

func (st *sent) inRelative(k, lo int) bool {
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		switch st.form(j) {
		case ",", ";", `"`:
			return false
		case "which", "who", "whose":
			return st.has(k+1, lo, ",")
		}
	}
	return false
}

// relativeAt reports whether the trigger at item lo opens a relative
// clause: ", which were …", ", who has …".
func (st *sent) relativeAt(lo int) bool {
	for k := lo - 1; k >= 0 && k >= lo-3; k-- {
		switch st.form(k) {
		case "which", "who", "that":
			return st.form(k-1) == ","
		case "has", "have", "had", "also", "all", "both", "now", "were", "was":
			continue
		}
		return false
	}
	return false
}

// futureClauseAt reports whether the date at item k sits in a clause of its
// own whose verb is future: "… and will attend the session on Thursday".
func (st *sent) futureClauseAt(k int) bool {
	for j := k - 1; j >= 0; j-- {
		switch f := st.form(j); f {
		case "will", "'ll", "shall":
			return true
		case ",", ";", "and", "but", "while":
			return false
		}
	}
	return false
}
