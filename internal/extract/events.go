package extract

import (
	"sort"
	"strings"
	"time"

	"github.com/entente/entente/internal/entente"
)

// item is one token or one mention of a sentence.
type item struct {
	lo, hi int // tokens
	m      *mention
	form   string
}

// sent is a sentence being read: its items and its shadow text.
type sent struct {
	idx    int
	s      sentence
	items  []item
	shadow string
	pos    []int // offset of each item's form in shadow
}

// claim is an event found in one sentence, before deduplication.
type claim struct {
	c        *entente.Claim
	explicit bool // dated by a date in the text, not by a default
	said     bool // dated by the report of a plan: "said on Thursday it would"
	sent     int
	order    int
}

func formOf(m *mention) string {
	switch m.kind {
	case mkCountry, mkCapital:
		return "#c"
	case mkDemonym:
		return "#d"
	case mkCity:
		return "#l"
	case mkBloc, mkBlocRef:
		return "#b"
	case mkPerson:
		return "#p"
	case mkDate:
		return "#t"
	case mkStamp:
		return "#s"
	}
	return "#?"
}

func (d *doc) newSent(i int) *sent {
	s := d.sents[i]
	st := &sent{idx: i, s: s}
	var sb strings.Builder
	sb.WriteByte(' ')
	for t := s.lo; t < s.hi; {
		it := item{lo: t, hi: t + 1}
		if m := d.at(t); m != nil {
			it.lo, it.hi, it.m = t, min(m.hi, s.hi), m
			it.form = formOf(m)
		} else {
			it.form = d.toks[t].lower
		}
		st.pos = append(st.pos, sb.Len())
		st.items = append(st.items, it)
		sb.WriteString(it.form)
		sb.WriteByte(' ')
		t = it.hi
	}
	st.shadow = sb.String()
	return st
}

// itemAt returns the index of the first item whose form starts at or after
// shadow offset off.
func (st *sent) itemAt(off int) int {
	return sort.SearchInts(st.pos, off)
}

func (st *sent) form(i int) string {
	if i < 0 || i >= len(st.items) {
		return ""
	}
	return st.items[i].form
}

// readSentence resolves bloc references, finds the sentence's events and
// updates what later sentences refer back to.
func (d *doc) readSentence(i int) {
	st := d.newSent(i)
	for k, it := range st.items {
		if it.m != nil && it.m.kind == mkDate {
			// "said on Thursday", "on Thursday announced", "decided on
			// Thursday to leave": the date of a report or a decision.
			it.m.said = reportCues[st.form(k-1)] || (st.form(k-1) == "on" && (reportCues[st.form(k-2)] || decisionVerbs[st.form(k-2)])) ||
				(st.form(k-1) == "on" && reportCues[st.form(k+1)])
		}
	}
	cur := d.lastBloc
	for k := range st.items {
		m := st.items[k].m
		switch {
		case m == nil:
		case m.kind == mkBloc:
			cur = m.id
		case m.kind == mkBlocRef && m.id == "":
			m.id = d.compatibleBloc(cur, d.toks[m.hi-1].lower)
		}
	}
	// Every event names, or refers back to, a country, bloc or person:
	// a sentence without any mention states none.
	if strings.Contains(st.shadow, "#") || d.capitalised(st.s) {
		d.findEvents(st)
	}
	d.noteSpeakers(st)
	d.dateDecision(st)
	d.summitSeen, d.summitNow = d.summitNow, false
	d.curPers = d.curPers[:0]
	defer func() {
		if len(d.curPers) > 0 {
			d.pairPers = append(d.pairPers[:0], d.curPers...)
		}
	}()
	for k, it := range st.items {
		if summitNouns[it.form] {
			d.summitNow = true
			if id := st.blocOfSummit(k); id != "" {
				d.lastSummit = id
			} else if st.form(k-1) == "a" || st.form(k-1) == "its" {
				// "Bolivia became a member of Mercosur …, at a summit in
				// the Paraguayan capital": the summit of the sentence's bloc.
				for j := k - 1; j >= 0; j-- {
					if m := st.items[j].m; m != nil && (m.kind == mkBloc || m.kind == mkBlocRef) && m.id != "" {
						d.lastSummit = m.id
						break
					}
				}
			}
			if dt, ok := d.summitDateNear(st, k); ok {
				id := st.blocOfSummit(k)
				if id == "" {
					id = d.lastBloc // "… the East African Community on 29 March at a summit"
				}
				d.summitDate, d.summitDateBloc = dt, id
			}
		}
		if it.m == nil {
			continue
		}
		switch it.m.kind {
		case mkBloc:
			d.lastBloc = it.m.id
			d.blocsSeen = append(d.blocsSeen, it.m.id)
		case mkCountry, mkCapital:
			d.lastCtry = []string{it.m.id}
			if glo, _, ids := st.group(k); glo == k && len(ids) > 1 {
				d.lastList = ids
				d.lists = append(d.lists, ids)
			}
		case mkPerson:
			d.curPers = appendPerson(d.curPers, it.m.person)
			// "he" is the last person named as a subject, not the one
			// met: "… held talks with President Putin. He then …".
			if !d.personObject(st, k) {
				d.lastPers = it.m.person
			}
		}
	}
}

// personObject reports whether the person at item k is the object of a
// preposition: "talks with President Putin", "joined by European Commission
// President Ursula von der Leyen" (a bloc or country may modify the title).
func (d *doc) personObject(st *sent, k int) bool {
	j := k - 1
	if f := st.form(j); f == "#b" || f == "#c" || f == "#d" {
		j--
	} else if f == "'s" {
		j -= 2
	}
	// Capitalised words of an office the title list lacks: "sending
	// External Affairs Minister S Jaishankar".
	for n := 0; n < 3 && j >= 0 && st.items[j].m == nil && d.toks[st.items[j].lo].cap && st.items[j].hi-st.items[j].lo == 1; n++ {
		j--
	}
	return personObjectPreps[st.form(j)] || personObjectVerbs[st.form(j)] || (st.form(j) == "and" && personObjectPreps[st.form(j-1)])
}

// personObjectVerbs before a person make them the object: "sending
// Foreign Minister X", "received PM Modi".
var personObjectVerbs = map[string]bool{"sending": true, "sent": true, "send": true, "sends": true, "received": true, "receives": true, "welcomed": true, "welcomes": true, "greeted": true, "greets": true, "hosted": true, "hosts": true, "met": true, "meets": true, "thanked": true, "called": true, "invited": true}

// blocOfSummit returns the bloc a summit noun at item k names: "the G20
// Summit", "the BRICS leaders' summit", "a summit of the SCO".
func (st *sent) blocOfSummit(k int) string {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if m := st.items[j].m; m != nil && m.kind == mkBloc {
			return m.id
		}
	}
	if st.form(k+1) == "of" {
		for j := k + 2; j < len(st.items) && j <= k+3; j++ {
			if m := st.items[j].m; m != nil && m.kind == mkBloc {
				return m.id
			}
		}
	}
	return ""
}

// blockedWords say a nominal accession has not happened.
var blockedWords = map[string]bool{"blocked": true, "vetoed": true, "delayed": true, "stalled": true, "held": true, "opposed": true, "frozen": true, "rejected": true, "postponed": true, "remains": true, "remained": true, "depends": true, "hinges": true, "requires": true}

// decisionVerbs date the decision they report when a date follows them:
// "decided on Thursday to leave".
var decisionVerbs = map[string]bool{"decided": true, "voted": true, "agreed": true, "resolved": true}

// decisionNouns refer back to a refusal, withdrawal or application just
// reported: "Milei notified of his decision in letters sent on December 22".
var decisionNouns = map[string]bool{"decision": true, "letter": true, "letters": true, "announcement": true, "notification": true, "statement": true}

// dateDecision dates the last refusal, withdrawal or application of the two
// sentences before when this one dates the decision and they gave no date.
func (d *doc) dateDecision(st *sent) {
	k := -1
	for i, it := range st.items {
		if decisionNouns[it.form] && (st.form(i-1) == "his" || st.form(i-1) == "her" || st.form(i-1) == "its" || st.form(i-1) == "their" || st.form(i-1) == "the" || st.form(i-1) == "in") {
			k = i
			break
		}
	}
	if k < 0 {
		return
	}
	var date *mention
	for j := k + 1; j < len(st.items) && j <= k+8; j++ {
		if st.form(j) == "#t" {
			date = st.items[j].m
			break
		}
	}
	if date == nil {
		return
	}
	for i := len(d.claims) - 1; i >= 0; i-- {
		c := d.claims[i]
		if c.sent < st.idx-2 || c.sent == st.idx {
			break
		}
		switch c.c.Type {
		case entente.Declined, entente.Withdrew, entente.Applied:
		case entente.Joined, entente.Invited, entente.Suspended:
			// "… agreed to make Ukraine a candidate. The decision was
			// taken on Thursday": only right after the decision's report.
			if c.sent != st.idx-1 {
				continue
			}
		default:
			continue
		}
		if c.explicit {
			return
		}
		dt := d.dateOf(date, entente.Occurred)
		if !d.in.Published.IsZero() && dt.First().Compare(d.in.Published) > 0 {
			return
		}
		for j := i; j >= 0 && d.claims[j].sent == c.sent && d.claims[j].c.Type == c.c.Type; j-- {
			d.claims[j].c.Date, d.claims[j].explicit = dt, true
		}
		return
	}
}

// capitalised reports a capitalised word past the first of a sentence: a
// name the gazetteers do not know ("During the meeting, Modi said").
func (d *doc) capitalised(s sentence) bool {
	for k := s.lo + 1; k < s.hi; k++ {
		if d.toks[k].cap && d.toks[k].kind == tokWord {
			return true
		}
	}
	return false
}

type span struct{ lo, hi int }

func (d *doc) findEvents(st *sent) {
	d.denied = d.denied[:0]
	first := len(d.claims)
	defer func() { d.dropDenied(st, first) }()
	used := map[family][]span{}
	for ri := range rules {
		ru := &rules[ri]
		if len(ru.need) > 0 && !containsAny(st.shadow, ru.need) {
			continue
		}
		for _, loc := range ru.re.FindAllStringSubmatchIndex(st.shadow, -1) {
			lo, hi := st.itemAt(loc[0]), st.itemAt(loc[1])
			if lo >= hi {
				continue
			}
			overlap := false
			for _, u := range used[ru.fam] {
				if lo < u.hi && u.lo < hi {
					overlap = true
					break
				}
			}
			if overlap {
				continue
			}
			g := span{-1, -1}
			if len(loc) >= 4 && loc[2] >= 0 {
				g = span{st.itemAt(loc[2]), st.itemAt(loc[3])}
			}
			if d.apply(st, ru, lo, hi, g) {
				used[ru.fam] = append(used[ru.fam], span{lo, hi})
			}
		}
	}
}

// apply reads one trigger match [lo, hi) (g: its capture group) and emits
// its claims. It reports whether the match stated an event.
func (d *doc) apply(st *sent, ru *rule, lo, hi int, g span) bool {
	typ := ru.typ
	status := entente.Occurred
	conf := ru.conf
	d.negDrop = false
	mood := d.mood(st, ru, lo)
	switch mood {
	case moodDrop:
		if d.negDrop && ru.typ == entente.Joined && ru.voice == vLeft {
			// "X has not joined …, after TV reported that the kingdom had
			// become a member": the denial outweighs the report.
			for _, s := range d.subjectLeft(st, lo, -1) {
				d.denied = append(d.denied, s.ID)
			}
		}
		return false
	case moodPlanned:
		status = entente.Planned
	}
	if strings.HasSuffix(strings.TrimSpace(st.shadow), "?") {
		return false
	}
	if ru.gov && !d.governed(st, lo) {
		return false
	}
	switch typ {
	case entente.Attended, entente.Visited:
		return d.applyPerson(st, ru, lo, hi, g, status, conf)
	}

	// The bloc: named right after the trigger, else before it in the
	// sentence, else the bloc named last.
	blocID, bi := "", -1
	var prev *claim
	if ru.name == "followed-suit" || ru.name == "following-x" {
		if prev = d.followed(st); prev == nil || (ru.name == "followed-suit" && !(st.bareAfter(hi) || hasWord(st.form(hi), "shortly", "soon", "later") || st.laterOffset(hi) != 0)) {
			return false
		}
		typ, blocID = prev.c.Type, prev.c.Bloc.ID
	} else if ru.bloc != "" {
		blocID = ru.bloc
	} else {
		blocID, bi = st.blocAfter(lo, hi, ru.blocAfter)
		if ru.voice == vGroup && bi >= g.lo && bi < g.hi {
			// "The G20 admitted the African Union": the bloc in the
			// subject group is the one admitted, not the one admitting.
			blocID, bi = st.blocAfter(g.hi, g.hi, ru.blocAfter)
		}
		if ru.blocAfter > 0 && blocID == "" && ru.voice == vLeft && st.form(hi) == "it" && st.bareAfter(hi+1) {
			// "rejoined OPEC in 2016 after leaving it in 1995": "it" is
			// the bloc named before in the sentence.
			blocID, bi = st.blocBefore(lo)
		}
		if ru.blocAfter > 0 && blocID == "" && !(typ == entente.Joined) {
			// "Qatar, which left at the start of 2019", "Ukraine applied
			// for membership on February 28": a bare trigger takes the
			// bloc the article is about.
			if d.lastBloc == "" || !st.bareAfter(hi) {
				return false
			}
		}
		if blocID == "" {
			blocID, bi = st.blocBefore(lo)
		}
		if blocID == "" {
			blocID = d.lastBloc
			conf -= 0.15
		}
	}
	if blocID == "" {
		return false
	}
	if ru.name == "welcomed-into" && notMembership[st.form(hi)] {
		return false // "welcomed Finland to NATO headquarters"
	}
	if bi >= hi && bi <= hi+2 && ru.voice == vLeft && notMembership[st.form(bi+1)] && !(typ == entente.Applied && hasWord(st.form(hi), "at", "during")) {
		return false // "left the EU summit", "joined the NATO mission"
	}
	if ru.voice == vGroup && ru.object && st.form(g.hi) == "'s" && !hasWord(st.form(g.hi+1), "membership", "participation", "candidacy", "application", "bid") {
		return false // "suspended Niger's aid"
	}
	switch ru.name {
	case "invite":
		// An invitation to join, not to talks or a visit.
		if !st.has(hi, hi+10, "join", "joining", "become", "enter", "member", "members", "membership", "partner", "partners", "observer", "accede", "#b") {
			return false
		}
		// "invited as a partner to the BRICS summit": to a meeting, unless
		// joining is named first ("invited to join at the summit").
		for k := hi; k < len(st.items) && k < hi+10; k++ {
			f := st.form(k)
			if hasWord(f, "join", "joining", "become", "enter", "accede", "membership") {
				break
			}
			if hasWord(f, "summit", "summits", "meeting", "forum", "talks", "attend", "ceremony", "dinner", "conference", "gathering", "celebrations", "parade") {
				return false
			}
		}
	case "decided-to-start-admission":
		// The EU opens accession talks only with its candidates: opening
		// them offers no new status ("agreed to open accession negotiations
		// with Ukraine and Moldova").
		if blocID == "EU" && st.has(lo, hi, "discussions", "talks", "negotiations") {
			return false
		}
	case "approved-candidacy", "approved-accession-of":
		// "Hungary became the last ally to approve Sweden's membership": a
		// member state's ratification, not the bloc's invitation.
		if st.countryWithin(max(0, lo-8), lo) && !st.has(max(0, lo-8), lo, "#b") {
			return false
		}
	case "accession-of", "possessive-accession":
		// "Hungary's parliament ratified Sweden's NATO accession": a member
		// state's ratification, not the joining.
		if st.has(lo-3, lo+1, "ratified", "ratifies", "ratify", "ratifying", "approved", "approves", "approve", "endorsed") && (st.countryWithin(max(0, lo-8), lo-1) || st.has(lo-8, lo, "parliament", "lawmakers", "senate", "legislature")) {
			return false
		}
		// "Sweden's accession to NATO was blocked by Turkey": an accession
		// that did not happen.
		for k := hi; k < len(st.items) && k < hi+8; k++ {
			if f := st.form(k); f == "," || f == ";" || f == "." {
				break
			} else if blockedWords[f] {
				return false
			}
		}
		// "The admission of Timor-Leste … was approved in principle": the
		// bloc agreed to admit it; it has not joined.
		if st.approvedAfter(hi) {
			typ = entente.Invited
		}
	case "received-invitation", "extended-invitation":
		// "accepted an invitation to attend the summit": to a meeting or a
		// visit, not to join.
		if st.has(hi, hi+3, "attend", "visit", "summit", "meeting", "talks", "forum", "ceremony", "celebrations", "parade") {
			return false
		}
	case "added-x":
		// "The bloc … added South Africa": the bloc adds.
		if id, _ := st.blocBefore(lo); id == "" || st.countryWithin(lo-2, lo) || hasWord(st.form(g.hi), "to", "on", "onto", "into") {
			return false
		}
	}

	// The role.
	role := entente.Member
	switch ru.name {
	case "followed-suit", "following-x":
		role = prev.c.Role
	case "make-status", "was-made-status":
		role = statusWords[st.form(hi-1)]
	case "granted-status":
		r, ok := st.statusAfter(hi, 8)
		if !ok {
			return false
		}
		role = r
		if st.form(lo+1) == "offer" || strings.HasPrefix(st.form(hi-1), "offer") {
			typ = entente.Invited
		}
	default:
		if r, ok := st.roleNear(lo, hi, 8); ok {
			role = r
		}
	}
	if ru.name == "join" && hasWord(st.form(hi), "other", "fellow", "several", "many", "most") {
		// "Sweden joined other EU countries in calling for a ceasefire":
		// it joins their company, not a bloc.
		return false
	}
	if ru.name == "join" || ru.name == "since-joining" {
		// "joined by" is an attendance; "joined" needs a bloc right after it,
		// or nothing after it ("Finland joined last year") to take the last.
		if st.form(hi) == "by" || (ru.name == "join" && isCountryItem(st.items[min(hi, len(st.items)-1)]) && hi < len(st.items)) {
			// "Niger now joins Mali and Sudan, which were suspended": it
			// joins their company, not a bloc.
			return false
		}
		if bi < hi {
			// Nothing after "joined" but a date: "Finland joined last year".
			switch f := st.form(hi); {
			case f == "#t" || f == "last" || f == "this" || f == "earlier" || f == "." || f == "":
			case (f == "in" || f == "on" || f == "back" || f == "early" || f == ",") && st.form(hi+1) == "#t":
			case f == "," && st.form(hi+1) != "":
			case f == "as" && st.bareAfter(st.afterRoleNoun(hi+1)):
				// "and Nigeria joined as a partner country in January".
			default:
				return false
			}
		}
	}
	if ru.name == "leave" && (st.form(hi) == "joining" || (st.form(hi) == "plans" && st.form(hi+1) == "to" && st.form(hi+2) == "join")) {
		// "pulled out of joining BRICS": a refusal, not a withdrawal.
		typ = entente.Declined
	}
	if ru.name == "enter-bloc" && hasWord(st.joinForms(lo, hi), "talks", "negotiations", "dialogue", "agreement", "deal", "force", "market", "markets", "territory", "war") {
		return false
	}

	// The subject.
	var subj []entente.Ref
	switch ru.voice {
	case vLeft:
		subj = d.subjectLeft(st, lo, bi)
		if len(subj) > 0 && subj[0].Kind == entente.KindCountry {
			subj = append(subj, d.companions(st, subj)...)
		}
	case vRight:
		subj = d.subjectRight(st, hi, bi)
	case vGroup:
		subj = d.subjectGroup(st, g)
	case vInvite:
		if subj = d.subjectRight(st, hi, bi); len(subj) == 0 || st.passiveBefore(lo) {
			// "X were invited", "six countries invited": the invited stand
			// right before; "the newly invited group" names no one.
			subj = nil
			if st.passiveBefore(lo) || st.countryWithin(lo-5, lo) || (groupNouns[st.form(lo-1)] && st.has(lo-4, lo, "of", "among") && st.countryWithin(lo-8, lo)) {
				subj = d.subjectLeft(st, lo, bi)
			}
		}
	case vGrant:
		if st.has(lo, hi, "been", "was", "were", "is", "are", "be", "being") || hasWord(st.form(lo), "received", "receives", "obtained", "gained", "got", "attained") || hasWord(st.form(lo+1), "received", "receives", "obtained", "gained", "got", "attained") || beAuxForm(st.form(lo)) {
			subj = d.subjectLeft(st, lo, bi)
		} else if subj = d.subjectRight(st, hi, bi); len(subj) == 0 && st.countryWithin(lo-5, lo) {
			// "13 countries offered partner status": the receivers stand
			// right before a reduced passive.
			subj = d.subjectLeft(st, lo, bi)
		}
	}
	if len(subj) == 0 && ru.voice == vLeft && st.has(lo, hi, "country", "nation") && st.has(lo, hi, "'s") {
		// "Foreign Minister Sugiono submitted the country's bid": the
		// country the article is about.
		if ids := d.pronounCountry(st, lo); len(ids) == 1 {
			subj = d.countryRefs(ids)
		}
	}
	if len(subj) == 0 && (ru.voice == vLeft || ru.voice == vGrant) && st.has(lo-3, lo, "countries", "nations", "states") {
		// "Thirteen countries were offered partner status at the Kazan
		// summit, including Algeria, Belarus and Bolivia".
		for k := hi; k < len(st.items) && k < hi+15; k++ {
			if st.form(k) == ";" || st.form(k) == "." {
				break
			}
			if st.form(k) == "including" && isCountryItem(st.items[min(k+1, len(st.items)-1)]) {
				_, _, ids := st.group(k + 1)
				subj = d.countryRefs(ids)
				break
			}
		}
	}
	if len(subj) == 0 && ru.name == "since-joining" {
		// "Since joining the EU in 2004, Poland …": the subject follows.
		for k := hi; k < len(st.items); k++ {
			if st.form(k) == "," {
				if isCountryItem(st.items[min(k+1, len(st.items)-1)]) {
					_, _, ids := st.group(k + 1)
					subj = d.countryRefs(ids)
				}
				break
			}
		}
	}
	if len(subj) == 0 {
		return false
	}
	date, explicit := d.pickDate(st, typ, lo, hi, status)
	if sd, ok := d.sameDate(st, hi); ok {
		date, explicit = sd, true
	}
	if !explicit {
		date = d.defaultDate(st, typ, lo, hi, status)
	}
	if prev != nil {
		// "followed a year later", "following Colombia the year before":
		// the event followed dated by its offset, to the year.
		if n := st.laterOffset(hi); n != 0 && prev.c.Date.Year != 0 {
			date, explicit = entente.Date{Year: prev.c.Date.Year + n}, true
		} else if ru.name == "following-x" && st.has(g.hi, g.hi+3, "before", "previous", "earlier") && prev.c.Date.Year != 0 {
			date, explicit = entente.Date{Year: prev.c.Date.Year - 1}, true
		} else if ru.name == "following-x" && !st.has(g.hi, g.hi+2, "#t") {
			date, explicit = entente.Date{}, false
		}
	}
	if !date.IsZero() && date.First().Compare(d.in.Published) > 0 && !d.in.Published.IsZero() {
		status = entente.Planned
	}
	bl := d.blocRef(blocID)
	for _, s := range subj {
		if s.Kind == entente.KindBloc && s.ID == blocID {
			continue
		}
		c := &entente.Claim{
			Type: typ, Subject: s, Bloc: &bl, Role: role, Date: date, Status: status,
			Confidence: round2(conf), Evidence: d.evidence(st.s),
		}
		d.addClaim(c, explicit, st.idx)
	}
	if ru.name == "expanded-to-include" {
		subj = append(subj, d.datedContinuation(st, hi, typ, bl, role, status, conf)...)
	}
	if ru.voice == vLeft && explicit {
		subj = append(subj, d.gapped(st, hi, typ, bl, role, status, conf)...)
	}
	d.lastSubj = nil
	for _, s := range subj {
		if s.Kind == entente.KindCountry {
			d.lastSubj = append(d.lastSubj, s.ID)
		}
	}
	if len(d.lastSubj) > 1 {
		d.lists = append(d.lists, d.lastSubj)
	}
	return true
}

// datedContinuation emits the further dated groups of a list: "expanded
// to include India and Pakistan in 2017 and Iran last year" gives Iran with
// its own date. It returns their subjects.
func (d *doc) datedContinuation(st *sent, hi int, typ entente.EventType, bl entente.Ref, role entente.Role, status entente.Status, conf float64) []entente.Ref {
	k := hi
	for k < len(st.items) && k < hi+10 && !isCountryItem(st.items[k]) {
		k++
	}
	if k >= len(st.items) || !isCountryItem(st.items[k]) {
		return nil
	}
	_, ghi, _ := st.group(k)
	var out []entente.Ref
	for {
		j := ghi
		if st.form(j) == "in" || st.form(j) == "on" {
			j++
		}
		if st.form(j) != "#t" {
			return out
		}
		j++
		if st.form(j) == "," {
			j++
		}
		if st.form(j) != "and" || j+1 >= len(st.items) || !isCountryItem(st.items[j+1]) {
			return out
		}
		var ids []string
		_, ghi, ids = st.group(j + 1)
		n := ghi
		if st.form(n) == "in" || st.form(n) == "on" {
			n++
		}
		if st.form(n) != "#t" {
			return out
		}
		date := d.dateOf(st.items[n].m, status)
		for _, s := range d.countryRefs(ids) {
			c := &entente.Claim{
				Type: typ, Subject: s, Bloc: &bl, Role: role, Date: date, Status: status,
				Confidence: round2(conf), Evidence: d.evidence(st.s),
			}
			d.addClaim(c, true, st.idx)
			out = append(out, s)
		}
	}
}

// dropDenied drops the joinings of this sentence (claims from first on)
// whose subject the sentence also says has not joined.
func (d *doc) dropDenied(st *sent, first int) {
	if len(d.denied) == 0 {
		return
	}
	out := d.claims[:first]
	for _, c := range d.claims[first:] {
		deny := false
		for _, id := range d.denied {
			if c.c.Type == entente.Joined && c.c.Subject.ID == id {
				deny = true
			}
		}
		if !deny {
			out = append(out, c)
		}
	}
	d.claims = out
}

// companions returns the countries "together with" adds to a subject:
// "Sweden, together with neighbouring Finland, applied".
func (d *doc) companions(st *sent, subj []entente.Ref) []entente.Ref {
	var out []entente.Ref
	for k := 1; k+1 < len(st.items); k++ {
		if st.form(k) != "with" || st.form(k-1) != "together" {
			continue
		}
		j := k + 1
		for j < len(st.items) && (st.form(j) == "the" || st.form(j) == "neighbouring" || st.form(j) == "neighboring") {
			j++
		}
		if j >= len(st.items) || !isCountryItem(st.items[j]) {
			continue
		}
		_, _, ids := st.group(j)
	next:
		for _, id := range ids {
			for _, s := range subj {
				if s.ID == id {
					continue next
				}
			}
			out = append(out, d.countryRef(id))
		}
	}
	return out
}

// gapped emits the countries of a gapped coordination: "Finland joined
// NATO last year and Sweden in March" gives Sweden's joining in March.
func (d *doc) gapped(st *sent, hi int, typ entente.EventType, bl entente.Ref, role entente.Role, status entente.Status, conf float64) []entente.Ref {
	k := hi
	if st.form(k) == "the" {
		k++
	}
	if st.form(k) == "#b" {
		k++
	}
	if st.form(k) == "in" || st.form(k) == "on" {
		k++
	}
	if st.form(k) != "#t" {
		return nil
	}
	k++
	if st.form(k) == "," {
		k++
	}
	if st.form(k) != "and" || k+1 >= len(st.items) || !isCountryItem(st.items[k+1]) {
		return nil
	}
	_, ghi, ids := st.group(k + 1)
	n := ghi
	if st.form(n) == "in" || st.form(n) == "on" {
		n++
	}
	if st.form(n) != "#t" || !hasWord(st.form(n+1), ".", ",", ";", "") {
		return nil
	}
	date := d.dateOf(st.items[n].m, status)
	out := d.countryRefs(ids)
	for _, s := range out {
		c := &entente.Claim{
			Type: typ, Subject: s, Bloc: &bl, Role: role, Date: date, Status: status,
			Confidence: round2(conf - 0.1), Evidence: d.evidence(st.s),
		}
		d.addClaim(c, true, st.idx)
	}
	return out
}

// followed returns the membership claim "X followed" repeats: the last one
// of this sentence or the one before, when it was no refusal.
func (d *doc) followed(st *sent) *claim {
	for i := len(d.claims) - 1; i >= 0; i-- {
		c := d.claims[i]
		if c.sent < st.idx-1 {
			return nil
		}
		switch c.c.Type {
		case entente.Applied, entente.Joined, entente.Withdrew, entente.Suspended, entente.Invited:
			if c.c.Bloc != nil && c.c.Status == entente.Occurred {
				return c
			}
		case entente.Declined:
			return nil
		}
	}
	return nil
}

// sameAt reads "the same year", "the same month", "the same day" at item
// k: the precision it keeps of a date given before, or PrecisionNone.
func (st *sent) sameAt(k int) entente.Precision {
	if st.form(k) != "the" || st.form(k+1) != "same" {
		return entente.PrecisionNone
	}
	switch st.form(k + 2) {
	case "year":
		return entente.PrecisionYear
	case "month":
		return entente.PrecisionMonth
	case "day":
		return entente.PrecisionDay
	}
	return entente.PrecisionNone
}

// sameDate dates "and Nigeria joined as a partner the same month" by the
// last explicitly dated claim of this sentence or the one before, cut to
// the precision the phrase keeps.
func (d *doc) sameDate(st *sent, hi int) (entente.Date, bool) {
	p := entente.PrecisionNone
	for k := hi; k < len(st.items) && k < hi+8 && p == entente.PrecisionNone; k++ {
		if f := st.form(k); f == "." || f == ";" || f == "#c" || f == "#p" {
			break
		}
		p = st.sameAt(k)
	}
	if p == entente.PrecisionNone {
		return entente.Date{}, false
	}
	for i := len(d.claims) - 1; i >= 0; i-- {
		c := d.claims[i]
		if c.sent < st.idx-1 {
			break
		}
		if c.explicit && !c.c.Date.IsZero() {
			return c.c.Date.Truncate(p), true
		}
	}
	return entente.Date{}, false
}

// bareAfter reports that a trigger has no object of its own: only a date,
// the end of the clause, "membership" or "its rights" follow it.
func (st *sent) bareAfter(hi int) bool {
	k := hi
	for k < len(st.items) && (st.form(k) == "formally" || st.form(k) == "officially" || st.form(k) == "also") {
		k++
	}
	switch f := st.form(k); f {
	case "", ".", ",", ";", "#t", "last", "earlier", "this", "over", "after", "following", "amid", "and", "but", "membership":
		return true
	case "in", "on", "at":
		return st.form(k+1) == "#t" || (st.form(k+1) == "the" && st.form(k+2) == "#t")
	case "for":
		return st.form(k+1) == "membership"
	case "the":
		return st.sameAt(k) != entente.PrecisionNone
	case "its", "their":
		return hasWord(st.form(k+1), "rights", "membership", "seat", "voting")
	}
	return false
}

// relativeSubject returns the countries a relative clause right before
// item lo hangs on: "Qatar, which left …", "Ecuador, which quit …". A
// plural verb takes the whole list before the comma: "Mali, Guinea and
// Sudan, which were suspended …", "…, which have all left".
func (st *sent) relativeSubject(lo int) ([]string, bool) {
	k := lo - 1
	for k >= 0 && (st.form(k) == "formally" || st.form(k) == "officially" || st.form(k) == "also" || st.form(k) == "has" || st.form(k) == "had" || st.form(k) == "have") {
		k--
	}
	if k < 2 || (st.form(k) != "which" && st.form(k) != "that") || st.form(k-1) != "," || !isCountryItem(st.items[k-2]) {
		return nil, false
	}
	if pluralAfterRelative[st.form(k+1)] {
		if _, _, ids := st.group(k - 2); len(ids) > 1 {
			return ids, true
		}
	}
	return []string{st.items[k-2].m.id}, true
}

// pluralAfterRelative open a relative clause whose antecedent is plural.
var pluralAfterRelative = map[string]bool{"were": true, "are": true, "have": true, "all": true, "both": true}

// plural group words stand for the countries just listed: "the juntas",
// "the three countries", "all three".
var groupNouns = map[string]bool{"juntas": true, "countries": true, "nations": true, "states": true, "governments": true, "regimes": true, "neighbours": true, "neighbors": true}

var groupDet = map[string]bool{"the": true, "these": true, "all": true, "both": true}

var numberValue = map[string]int{"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// groupAntecedent returns the countries a group word refers back to: the
// subjects of the last membership event, else the last list of countries
// named; with a number ("the three countries"), the one of that size.
func (d *doc) groupAntecedent(word string) []string {
	n := numberValue[word]
	for _, ids := range [][]string{d.lastSubj, d.lastList} {
		if len(ids) > 1 && (n == 0 || len(ids) == n) {
			return ids
		}
	}
	// "All three countries": the last group of three named, though a pair
	// was named since ("signed with the heads of state of Burkina Faso and
	// Niger").
	for i := len(d.lists) - 1; n > 0 && i >= 0 && i >= len(d.lists)-6; i-- {
		if len(d.lists[i]) == n {
			return d.lists[i]
		}
	}
	return nil
}

func round2(f float64) float64 {
	if f < 0.05 {
		f = 0.05
	}
	return float64(int(f*100+0.5)) / 100
}

func beAuxForm(f string) bool {
	switch f {
	case "is", "are", "was", "were", "be", "been", "being":
		return true
	}
	return false
}

// passiveBefore reports a "be" auxiliary right before item i ("were
// invited", "has been granted", "were also invited").
func (st *sent) passiveBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		f := st.form(k)
		if beAuxForm(f) {
			return true
		}
		if f != "also" && f != "officially" && f != "formally" && f != "already" && f != "now" && f != "all" {
			return false
		}
	}
	return false
}

// countryWithin reports a country among items [lo, hi).
func (st *sent) countryWithin(lo, hi int) bool {
	for k := max(lo, 0); k < hi && k < len(st.items); k++ {
		if isCountryItem(st.items[k]) {
			return true
		}
	}
	return false
}

func (st *sent) joinForms(lo, hi int) string {
	var parts []string
	for k := max(lo, 0); k < hi && k < len(st.items); k++ {
		parts = append(parts, st.items[k].form)
	}
	return strings.Join(parts, " ")
}

// blocAfter returns the first bloc within n items after the trigger (12
// when n is 0), not past the end of the clause.
func (st *sent) blocAfter(lo, hi, n int) (string, int) {
	if n == 0 {
		n = 12
	}
	// A bloc inside the trigger ("enter … Schengen zone") counts.
	for k := lo; k < hi; k++ {
		if m := st.items[k].m; m != nil && (m.kind == mkBloc || m.kind == mkBlocRef) && m.id != "" {
			return m.id, k
		}
	}
	for k := hi; k < len(st.items) && k < hi+n; k++ {
		it := st.items[k]
		if it.form == ";" || it.form == "." {
			break
		}
		if it.m != nil && (it.m.kind == mkBloc || it.m.kind == mkBlocRef) && it.m.id != "" {
			return it.m.id, k
		}
	}
	return "", -1
}

// blocBefore returns the nearest bloc before the trigger in the sentence.
func (st *sent) blocBefore(lo int) (string, int) {
	for k := lo - 1; k >= 0; k-- {
		if m := st.items[k].m; m != nil && (m.kind == mkBloc || m.kind == mkBlocRef) && m.id != "" {
			return m.id, k
		}
	}
	return "", -1
}

// afterRoleNoun returns the item after a role phrase at k, "a partner
// country", "a full member", "an observer state", or k when there is none.
func (st *sent) afterRoleNoun(k int) int {
	j := k
	if !hasWord(st.form(j), "a", "an") {
		return k
	}
	j++
	for hasWord(st.form(j), "full", "formal", "official", "new") {
		j++
	}
	if !hasWord(st.form(j), "partner", "observer", "member", "candidate") {
		return k
	}
	j++
	if hasWord(st.form(j), "country", "state", "nation") {
		j++
	}
	return j
}

// roleNear reads the role a trigger states: "became an observer state",
// "as a partner country", "candidate status".
func (st *sent) roleNear(lo, hi, n int) (entente.Role, bool) {
	relative := st.relativeAt(lo)
	for k := lo; k < len(st.items) && k < hi+n; k++ {
		f := st.items[k].form
		if f == "." || f == ";" {
			break
		}
		if k >= hi && (f == "#c" || f == "#p") && k > hi+2 {
			break
		}
		if k >= hi && f == "," && relative {
			// "Bolivia, which applied in June, has been a partner since":
			// the relative clause ends at its comma.
			break
		}
		switch f {
		case "observer", "observers", "observership":
			return entente.Observer, true
		case "partner", "partners":
			if st.form(k-1) != "trading" && st.form(k-1) != "strategic" {
				return entente.Partner, true
			}
		case "candidate":
			if nf := st.form(k + 1); nf == "status" || nf == "country" || nf == "state" || st.form(k-1) == "a" || st.form(k-1) == "as" || (st.form(k-1) == "#b" && (st.form(k-2) == "an" || st.form(k-2) == "a")) {
				return entente.Candidate, true
			}
		}
	}
	return "", false
}

// statusAfter finds the status a grant confers: "granted EU candidate
// status", "received the status of BRICS partners", "given full membership".
func (st *sent) statusAfter(hi, n int) (entente.Role, bool) {
	found := false
	role := entente.Member
	for k := hi; k < len(st.items) && k < hi+n; k++ {
		f := st.items[k].form
		if f == "." || f == ";" {
			break
		}
		switch f {
		case "status", "membership", "seat":
			found = true
		}
		if r, ok := statusWords[f]; ok && r != "" {
			if f == "member" || f == "members" || f == "membership" {
				if role == entente.Member {
					role = r
				}
			} else {
				role = r
			}
			if f != "membership" && f != "members" {
				found = found || st.form(k+1) == "status" || st.form(k-1) == "of"
			}
		}
	}
	if role == entente.Partner && !found {
		found = true
	}
	return role, found
}

// moods of a trigger.
type mood uint8

const (
	moodFact mood = iota
	moodPlanned
	moodDrop
)

// mood reads the words before a trigger, back to the start of its clause:
// negation and speculation drop it, future makes it planned.
func (d *doc) mood(st *sent, ru *rule, lo int) mood {
	from := max(0, lo-7)
	for k := lo - 1; k >= from; k-- {
		// "Xi skipped the summit and Premier Li is leading …": a new
		// subject after "and" opens a new clause.
		if clauseCues[st.form(k)] || (st.form(k) == "and" && k+1 < lo && (st.form(k+1) == "#p" || st.form(k+1) == "#c")) {
			from = k + 1
			break
		}
	}
	person := ru.typ == entente.Attended || ru.typ == entente.Visited
	m := moodFact
	// A coordinated verb shares the future of the first: "will hold talks
	// … and then travel to Austria".
	if st.has(lo-2, lo, "and", "then") {
		for k := lo - 1; k >= 0 && k >= lo-14; k-- {
			if f := st.form(k); f == "will" || f == "'ll" || f == "shall" {
				m = moodPlanned
				break
			}
		}
	}
	// "did not travel to Johannesburg and joined the summit by video": a
	// negation does not reach over "and" into a second verb.
	andAt := -1
	if st.form(lo-1) == "and" {
		andAt = lo - 1
	} else if st.form(lo-2) == "and" && (advWords[st.form(lo-1)] || hasWord(st.form(lo-1), "will", "would", "'ll")) {
		andAt = lo - 2 // "cancelled his trip … and will join by video"
	}
	// The trigger's own first words ("will not join") count for refusals
	// only; other rules look before the trigger.
	for k := from; k < lo; k++ {
		f := st.form(k)
		switch {
		case k < andAt && (negCues[f] || strings.HasSuffix(f, "n't")):
		case !ru.ownNeg && (negCues[f] || strings.HasSuffix(f, "n't")):
			d.negDrop = true
			return moodDrop
		case person && personPlanCues[f]:
			m = moodPlanned
		case f == "would" && ((from > 0 && (reportCues[st.form(from-1)] || (st.form(from-1) == "that" && st.has(from-5, from-1, "said", "says", "announced", "stated", "confirmed", "told", "declared")))) || reportCues[st.form(k-2)] || reportCues[st.form(k-3)]):
			// "announced on Thursday that it would leave" too.
			// "said it would leave": reported future.
			m = moodPlanned
		case specCues[f] && (!person || personSpec[f]) && (!ru.ownNeg || refusalSpec[f]):
			if ru.object && (f == "decision" || f == "decisions") {
				continue
			}
			if ru.typ == entente.Withdrew && (f == "plans" || f == "plan" || f == "planned" || f == "planning" || f == "decision") {
				// "announced its decision to leave": an announced withdrawal.
				m = moodPlanned
				continue
			}
			if f == "bid" && ru.typ == entente.Applied {
				continue
			}
			return moodDrop
		case futureCues[f]:
			m = moodPlanned
		case f == "looking" && st.form(k+1) == "forward":
			m = moodPlanned
		}
	}
	// "would be granted candidate status only once it …": a condition;
	// "was expected to join but did not": a denial.
	for k := lo; k < len(st.items) && k < lo+14; k++ {
		f := st.form(k)
		if f == "." || f == ";" {
			break
		}
		if f == "only" && hasWord(st.form(k+1), "once", "if", "when", "after") {
			return moodDrop
		}
		if f == "but" && hasWord(st.form(k+1), "did", "does", "has", "have", "had", "was", "were", "is") && hasWord(st.form(k+2), "not", "never") && hasWord(st.form(k+3), ".", ",", ";", "") {
			// "was expected to join but did not": an ellipsis denies it.
			return moodDrop
		}
		if m == moodPlanned && k > lo && (f == "if" || f == "unless" || f == "provided" || (f == "when" && st.form(k+1) == "conditions")) {
			return moodDrop // "will join NATO when conditions are met"
		}
	}
	// "Vucic denies Serbia has applied": a denial without "that".
	for k := from; k < lo-1; k++ {
		if hasWord(st.form(k), "denied", "denies", "deny", "denying") && hasWord(st.form(k+1), "#c", "#p") && !ru.ownNeg {
			return moodDrop
		}
	}
	// "officials denied that Saudi Arabia had joined".
	if from >= 2 && st.form(from-1) == "that" {
		h := from - 2
		if hasWord(st.form(h), "reports", "claims", "rumours", "rumors", "suggestions") {
			h--
			// "denied media reports that": a noun or two before the reports.
			for n := 0; n < 2 && hasWord(st.form(h), "media", "press", "news", "newspaper", "the", "recent", "earlier", "unconfirmed"); n++ {
				h--
			}
		}
		if hasWord(st.form(h), "denied", "denies", "deny", "denying", "dismissed", "dismisses", "rejected", "rejects", "refuted", "refutes") {
			return moodDrop
		}
		// "have not confirmed reports that", "declined to confirm that".
		if hasWord(st.form(h), "confirmed", "confirm", "confirms") && (negCues[st.form(h-1)] || strings.HasSuffix(st.form(h-1), "n't") || (st.form(h-1) == "to" && hasWord(st.form(h-2), "declined", "refused", "declines", "refuses"))) {
			return moodDrop
		}
	}
	// "to join": an infinitive is a fact only after a few heads.
	if st.form(lo) == "to" || (st.form(lo-1) == "to" && !ru.ownNeg) {
		k := lo - 2
		if st.form(lo) == "to" {
			k = lo - 1
		}
		for k >= 0 && (st.form(k) == "also" || st.form(k) == "formally" || st.form(k) == "officially" || st.form(k) == "#t" || st.form(k) == "on" || st.form(k) == "unanimously" || st.form(k) == "finally") {
			k--
		}
		head := st.form(k)
		switch {
		case head == "is" || head == "are" || head == "set" || head == "due" || head == "going" || head == "scheduled" || head == "expected" || head == "poised" || head == "was" || head == "were":
			m = moodPlanned
		case head == "decided" || head == "decides" || head == "agreed" || head == "voted" || head == "resolved" || head == "announced":
			if !ru.object {
				m = moodPlanned
			}
		case (head == "decision" || head == "decisions") && ru.object:
		case (head == "decision" || head == "intention") && ru.typ == entente.Withdrew && st.has(k-3, k, "announced", "announces", "confirmed", "confirms", "notified", "declared", "communicated"):
			// "announced its decision to leave OPEC": an announced withdrawal.
			m = moodPlanned
		case person && (personPlanCues[head] || head == "forward"):
			m = moodPlanned
		case person && st.has(0, lo, "arrived", "arrives", "arrive", "travelled", "traveled", "flew", "landed", "came", "went"):
		case person && st.has(k-3, k+1, "first", "last", "only") && st.has(0, k, "became", "was", "is", "becomes"):
			// "became the first pontiff to attend a G7 summit": done.
		case person:
			m = moodPlanned
		case ru.typ == entente.Invited || ru.typ == entente.Applied || ru.typ == entente.Declined:
		default:
			return moodDrop
		}
	}
	return m
}

// laterOffset reads "a year later", "two years later" at item k: the
// number of years, or 0.
func (st *sent) laterOffset(k int) int {
	n, ok := smallNumbers[st.form(k)]
	if st.form(k) == "a" {
		n, ok = 1, true
	}
	if !ok || !hasWord(st.form(k+1), "year", "years") || st.form(k+2) != "later" {
		return 0
	}
	return n
}

// advWords may stand between "and" and a coordinated verb.
var advWords = map[string]bool{"instead": true, "then": true, "later": true, "also": true, "formally": true, "officially": true}

func (st *sent) has(lo, hi int, words ...string) bool {
	for k := max(lo, 0); k < hi && k < len(st.items); k++ {
		for _, w := range words {
			if st.items[k].form == w {
				return true
			}
		}
	}
	return false
}

// governed reports a completion word in the few words before a possessive
// nominal: "welcomed Iran's entry", "congratulations to Iran over its
// accession".
func (d *doc) governed(st *sent, lo int) bool {
	for k := lo - 1; k >= 0 && k >= lo-4; k-- {
		if govCues[st.form(k)] {
			return true
		}
	}
	return lo == 0 || st.form(lo-1) == "," || st.form(lo-1) == ":"
}

// prepositions before a country make it no subject: "between Romania and
// Ukraine", "the president of Argentina", "along with Uzbekistan".
var prepositions = map[string]bool{
	"between": true, "with": true, "without": true, "against": true, "from": true, "to": true, "in": true,
	"on": true, "at": true, "by": true, "over": true, "of": true, "for": true, "into": true, "towards": true,
	"toward": true, "across": true, "like": true, "near": true, "than": true, "about": true, "under": true,
	"beyond": true, "among": true, "amid": true, "alongside": true, "unlike": true, "via": true,
	"through": true, "throughout": true, "within": true, "outside": true, "inside": true, "upon": true,
	"behind": true, "after": true, "before": true, "since": true, "during": true, "including": false,
}

// connectors may sit inside a list of countries.
var connectors = map[string]bool{
	",": true, "and": true, "or": true, "&": true, "(": true, ")": true, "including": true, "such": true,
	"as": true, "well": true, "namely": true, "-": true, "both": true, "other": true, "several": true,
	"countries": true, "nations": true, "states": true, "the": true, "new": true, "members": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true,
	"nine": true, "ten": true, "all": true, "also": true, "its": false, "neighbours": true,
}

func isCountryItem(it item) bool {
	return it.m != nil && (it.m.kind == mkCountry || it.m.kind == mkCapital)
}

// group returns the list of countries around item k: "Egypt, Ethiopia,
// Iran, and the United Arab Emirates", "Indonesia and several other
// countries (including Belarus, Kazakhstan, and Uzbekistan)".
func (st *sent) group(k int) (lo, hi int, ids []string) {
	lo, hi = k, k+1
	for j := k - 1; j >= 0; j-- {
		it := st.items[j]
		if isCountryItem(it) {
			lo = j
			continue
		}
		if it.m != nil || !connectors[it.form] {
			break
		}
	}
	for j := k + 1; j < len(st.items); j++ {
		it := st.items[j]
		if isCountryItem(it) {
			hi = j + 1
			continue
		}
		if it.m != nil || !connectors[it.form] {
			break
		}
	}
	seen := map[string]bool{}
	for j := lo; j < hi; j++ {
		if isCountryItem(st.items[j]) && !seen[st.items[j].m.id] {
			seen[st.items[j].m.id] = true
			ids = append(ids, st.items[j].m.id)
		}
	}
	return lo, hi, ids
}

// headFree reports whether a group starting at item lo is no prepositional
// object: "between Romania and Ukraine" is not a subject.
func (st *sent) headFree(lo int) bool {
	k := lo - 1
	for k >= 0 && (st.form(k) == "the" || st.form(k) == "neighbour" || st.form(k) == "neighbor" || st.form(k) == "neighbouring" || st.form(k) == "neighboring" || st.form(k) == "its" || st.form(k) == "capital") {
		k--
	}
	return !prepositions[st.form(k)]
}

// leadersOf reports "the (military) leaders of Mali, Niger and Burkina
// Faso" before the group at glo: the leaders act for their countries.
func (st *sent) leadersOf(glo int) bool {
	if st.form(glo-1) != "of" {
		return false
	}
	k := glo - 2
	if st.form(k) == "state" || st.form(k) == "government" {
		k -= 2 // "heads of state of"
	}
	if !hasWord(st.form(k), "leaders", "heads", "presidents", "rulers", "governments", "juntas") {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if st.form(j) == "the" {
			return true
		}
	}
	return false
}

// subordinators open a clause when a subject and its verb follow: "since
// Indonesia joined the bloc" (but "since Monday", "after Russia" are
// prepositional).
var subordinators = map[string]bool{"since": true, "after": true, "before": true, "until": true, "till": true}

// clauseSubject reports whether the group [glo, ghi) after a subordinator
// is the subject of the trigger at lo: only auxiliaries and adverbs stand
// between them.
func (st *sent) clauseSubject(glo, ghi, lo int) bool {
	k := glo - 1
	if st.form(k) == "the" {
		k--
	}
	if !subordinators[st.form(k)] || ghi > lo {
		return false
	}
	for j := ghi; j < lo; j++ {
		switch st.form(j) {
		case "has", "have", "had", "was", "were", "formally", "officially", "finally", "also", "first", "eventually":
		default:
			return false
		}
	}
	return true
}

func (d *doc) countryRefs(ids []string) []entente.Ref {
	var out []entente.Ref
	for _, id := range ids {
		out = append(out, d.countryRef(id))
	}
	return out
}

func (d *doc) countryRef(id string) entente.Ref {
	name := id
	if c := d.x.gaz.countries[id]; c != nil {
		name = c.Name
	}
	return entente.Ref{Kind: entente.KindCountry, ID: id, Name: name}
}

func (d *doc) blocRef(id string) entente.Ref {
	name := id
	if b := d.x.gaz.blocs[id]; b != nil {
		name = b.Name
	}
	return entente.Ref{Kind: entente.KindBloc, ID: id, Name: name}
}

var numberWords = map[string]bool{"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true}

var nationNouns = map[string]bool{"nation": true, "country": true, "state": true, "republic": true, "kingdom": true, "government": true}

var proxyHeads = map[string]bool{"president": true, "government": true, "leader": true, "leaders": true, "authorities": true, "officials": true, "ministry": true, "administration": true, "cabinet": true, "parliament": true, "prime": true, "foreign": true, "junta": true, "regime": true}

// subjectLeft finds the subject before the trigger: the nearest list of
// countries that is no prepositional object nor a possessive modifier; a
// pronoun or "the Balkan nation" standing for a country; "the Algerian
// president" or a person with a country office; a bloc other than the
// event's own ("the African Union has been granted …").
func (d *doc) subjectLeft(st *sent, lo, blocIdx int) []entente.Ref {
	if ids, ok := st.relativeSubject(lo); ok {
		return d.countryRefs(ids)
	}
	for k := lo - 1; k >= 0; k-- {
		it := st.items[k]
		switch {
		case it.form == "while" || it.form == "whereas" || it.form == "although" || it.form == "but" || it.form == ";":
			// The subject of a trigger is in its own clause.
			return nil
		case isCountryItem(it):
			glo, ghi, ids := st.group(k)
			if st.form(ghi) == "'s" {
				// "Argentina's new government declined": a country's
				// government, leader or parliament acts for it.
				if ghi-glo == 1 && (proxyHeads[st.form(ghi+1)] || proxyHeads[st.form(ghi+2)]) {
					return d.countryRefs(ids)
				}
				k = glo
				continue
			}
			if !st.headFree(glo) && !st.clauseSubject(glo, ghi, lo) && !st.leadersOf(glo) {
				// "Along with Uzbekistan, Cuba has …": a comma, not "and",
				// ends the prepositional object.
				if k > glo && st.headFree(k) && !st.has(glo, k, "and", "or") && st.form(k-1) == "," {
					return d.countryRefs([]string{it.m.id})
				}
				k = glo
				continue
			}
			return d.countryRefs(st.relativeCoordinated(glo, ids))
		case it.m != nil && it.m.kind == mkDemonym:
			if proxyHeads[st.form(k+1)] && (st.form(k-1) == "the" || st.form(k-1) == "") {
				return d.countryRefs([]string{it.m.id})
			}
		case it.m != nil && it.m.kind == mkPerson:
			if c := it.m.person.country(); c != "" && st.form(k+1) != "'s" && st.headFree(k) {
				return d.countryRefs([]string{c})
			}
			if st.form(k+1) == "'s" && hasWord(st.form(k+2), "government", "administration", "cabinet") && k+3 >= lo && st.headFree(k) {
				// "President Ibrahim Mohamed Solih's government applied":
				// the leader's country, else the country the article is
				// about.
				if c := it.m.person.country(); c != "" {
					return d.countryRefs([]string{c})
				}
				if ids := d.pronounCountry(st, k); len(ids) == 1 {
					return d.countryRefs(ids)
				}
			}
		case (it.form == "predecessor" || it.form == "successor") && st.form(k-1) == "'s" && k >= 2 && k+6 >= lo:
			// "Milei's predecessor, Alberto Fernandez, had applied": the
			// office holder before or after acts for the same country.
			if m := st.items[k-2].m; m != nil && m.kind == mkPerson && m.person.country() != "" {
				return d.countryRefs([]string{m.person.country()})
			}
		case it.m != nil && it.m.kind == mkBloc && k != blocIdx && st.form(k+1) != "'s" && k >= lo-6 && (k == 0 || (st.form(k-1) == "the" && (k == 1 || st.form(k-2) == "," || st.form(k-2) == ":"))):
			if blocIdx >= 0 && st.items[blocIdx].m.id == it.m.id {
				continue
			}
			return []entente.Ref{d.blocRef(it.m.id)}
		case it.form == "it":
			if ids := d.pronounCountry(st, k); len(ids) > 0 {
				return d.countryRefs(ids)
			}
		case groupNouns[it.form] && k+4 >= lo && (groupDet[st.form(k-1)] || (groupDet[st.form(k-2)] && st.items[k-1].m == nil && !prepositions[st.form(k-1)])):
			if ids := d.groupAntecedent(st.form(k - 1)); len(ids) > 1 {
				return d.countryRefs(ids)
			}
		case numberWords[it.form] && groupDet[st.form(k-1)] && len(d.groupAntecedent(it.form)) > 1:
			// "All three have been suspended".
			return d.countryRefs(d.groupAntecedent(it.form))
		case it.form == "they" || (numberWords[it.form] && (st.form(k-1) == "all" || st.form(k-1) == "the" || st.form(k-1) == "these")) ||
			(numberWords[st.form(k-1)] && (it.form == "countries" || it.form == "nations" || it.form == "states") && (st.form(k-2) == "the" || st.form(k-2) == "these" || st.form(k-2) == "all")) ||
			(it.form == "both" && k+1 == lo):
			if len(d.lastSubj) > 0 {
				return d.countryRefs(d.lastSubj)
			}
			if ids := d.pronounCountry(st, k); len(ids) > 0 {
				return d.countryRefs(ids)
			}
		case nationNouns[it.form] && k >= 1:
			// "the Balkan nation", "the former Soviet republic", "his country".
			j := k - 1
			for j >= 0 && j >= k-3 && st.items[j].m == nil && st.form(j) != "the" && st.form(j) != "his" && st.form(j) != "her" && st.form(j) != "this" {
				j--
			}
			if j >= 0 && (st.form(j) == "the" || st.form(j) == "his" || st.form(j) == "her" || st.form(j) == "this") && !(it.form == "state" && st.form(k+1) == "of") {
				if ids := d.pronounCountry(st, j); len(ids) > 0 {
					return d.countryRefs(ids)
				}
			}
		case it.form == "he" || it.form == "she":
			if c := d.personCountryBefore(st, k); c != "" {
				return d.countryRefs([]string{c})
			}
		}
	}
	return nil
}

// relativeCoordinated adds the country a relative clause separates from a
// subject list starting at item glo: "Finland, which shares a border with
// Russia, and neighbouring Sweden applied".
func (st *sent) relativeCoordinated(glo int, ids []string) []string {
	k := glo - 1
	for k >= 0 && (st.form(k) == "neighbouring" || st.form(k) == "neighboring" || st.form(k) == "the") {
		k--
	}
	if st.form(k) != "and" || st.form(k-1) != "," {
		return ids
	}
	for j := k - 2; j >= 2 && j >= k-16; j-- {
		f := st.form(j)
		if f == ";" || f == "." || f == "and" {
			return ids
		}
		if (f == "which" || f == "who") && st.form(j-1) == "," && isCountryItem(st.items[j-2]) {
			gl, _, first := st.group(j - 2)
			if !st.headFree(gl) {
				return ids
			}
			return append(first, ids...)
		}
	}
	return ids
}

// pronounCountry resolves "it", "they", "the country" at item k: the
// nearest countries before it in the sentence, else the last named.
func (d *doc) pronounCountry(st *sent, k int) []string {
	if f := st.form(k); (f == "their" || f == "they" || f == "them") && len(d.lastSubj) > 1 && !st.countryWithin(0, k) {
		return d.lastSubj
	}
	for j := k - 1; j >= 0; j-- {
		if isCountryItem(st.items[j]) {
			_, _, ids := st.group(j)
			return ids
		}
	}
	if len(d.lastSubj) == 1 {
		return d.lastSubj
	}
	return d.lastCtry
}

func (d *doc) personCountryBefore(st *sent, k int) string {
	for j := k - 1; j >= 0; j-- {
		it := st.items[j]
		if it.m != nil && it.m.kind == mkPerson {
			return it.m.person.country()
		}
		if it.m != nil && it.m.kind == mkDemonym && proxyHeads[st.form(j+1)] {
			return it.m.id
		}
	}
	if d.lastPers != nil {
		return d.lastPers.country()
	}
	return ""
}

// subjectRight finds the object of an active trigger: the first list of
// countries after it, or "it"/"them".
func (d *doc) subjectRight(st *sent, hi, blocIdx int) []entente.Ref {
	for k := hi; k < len(st.items) && k < hi+10; k++ {
		it := st.items[k]
		if it.form == ";" || it.form == "." {
			break
		}
		switch {
		case isCountryItem(it):
			_, ghi, ids := st.group(k)
			if st.form(ghi) == "'s" && ghi-k == 1 {
				return nil
			}
			return d.countryRefs(ids)
		case it.form == "it" || it.form == "them":
			if ids := d.pronounCountry(st, k); len(ids) > 0 {
				return d.countryRefs(ids)
			}
		case it.m != nil && it.m.kind == mkBloc && k != blocIdx && (blocIdx < 0 || st.items[blocIdx].m.id != it.m.id):
			if k == hi || (k == hi+1 && st.form(hi) == "the") {
				return []entente.Ref{d.blocRef(it.m.id)}
			}
		}
	}
	return nil
}

// subjectGroup reads the subject from the rule's capture group: a country
// list, a person, or a possessive pronoun.
func (d *doc) subjectGroup(st *sent, g span) []entente.Ref {
	if g.lo < 0 {
		return nil
	}
	for k := g.lo; k < g.hi; k++ {
		it := st.items[k]
		switch {
		case isCountryItem(it):
			_, _, ids := st.group(k)
			return d.countryRefs(ids)
		case it.m != nil && it.m.kind == mkBloc:
			return []entente.Ref{d.blocRef(it.m.id)}
		case it.m != nil && it.m.kind == mkPerson:
			if c := it.m.person.country(); c != "" {
				return d.countryRefs([]string{c})
			}
			return nil
		case it.form == "its" || it.form == "their":
			if ids := d.pronounCountry(st, k); len(ids) > 0 {
				return d.countryRefs(ids)
			}
		case it.form == "his" || it.form == "her":
			if c := d.personCountryBefore(st, k); c != "" {
				return d.countryRefs([]string{c})
			}
			if len(d.lastCtry) > 0 {
				return d.countryRefs(d.lastCtry)
			}
		case it.form == "the":
			if ids := d.pronounCountry(st, k); len(ids) > 0 {
				return d.countryRefs(ids)
			}
		}
	}
	return nil
}

// summitDateNear returns the date a summit noun at item k is given in its
// clause: "on 29 March at a virtual summit", "the summit on Oct. 22".
func (d *doc) summitDateNear(st *sent, k int) (entente.Date, bool) {
	status := entente.Occurred
	if st.has(0, len(st.items), "will", "upcoming", "next", "scheduled") {
		status = entente.Planned // "will host the summit from October 22"
	}
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if f := st.form(j); f == "," || f == ";" {
			break
		}
		if st.form(j) == "#t" {
			return d.summitDateOf(st.items[j].m, status), true
		}
	}
	// "became a member on Monday, when its president … at a summit in the
	// capital": a when-clause is dated by the date before its comma.
	for j := k - 1; j >= 1 && j >= k-25; j-- {
		if f := st.form(j); f == ";" || f == "." {
			break
		}
		if st.form(j) == "," && st.form(j+1) == "when" && st.form(j-1) == "#t" {
			return d.summitDateOf(st.items[j-1].m, status), true
		}
	}
	// "a meeting of the Supreme Eurasian Economic Council in Saint
	// Petersburg on Thursday": the clause may name the body and the city.
	for j := k + 1; j < len(st.items) && j <= k+10; j++ {
		if f := st.form(j); f == "," || f == ";" || f == "." {
			break
		}
		if st.form(j) == "#t" {
			return d.summitDateOf(st.items[j].m, status), true
		}
	}
	return entente.Date{}, false
}

// summitDateOf reads a summit's date: a date without its year ("opens on
// October 22") is the one nearer the news, since news of a summit is
// written around it; a future verb or a past one settles it otherwise.
func (d *doc) summitDateOf(m *mention, status entente.Status) entente.Date {
	if m.past.IsZero() || m.forward.IsZero() || d.in.Published.IsZero() || status == entente.Planned {
		return d.dateOf(m, status)
	}
	pub := dayTime(d.in.Published)
	if dayTime(m.forward.First()).Sub(pub) < pub.Sub(dayTime(m.past.First())) {
		return m.forward
	}
	return m.past
}

func dayTime(dt entente.Date) time.Time {
	return time.Date(dt.Year, time.Month(max(dt.Month, 1)), max(dt.Day, 1), 0, 0, 0, 0, time.UTC)
}

// refKinds restrict what a reference noun can stand for: "the alliance" is
// a military alliance, "the union" a union, whatever bloc was named last.
var refKinds = map[string]map[string]bool{
	"alliance": {"NATO": true, "CSTO": true, "AES": true, "AUKUS": true, "QUAD": true},
	"union":    {"EU": true, "AU": true, "EAEU": true},
}

// compatibleBloc returns the bloc a reference noun stands for: the bloc
// named last, unless the noun cannot name it ("joined the EU … the
// alliance's 30th member") and an earlier bloc fits.
func (d *doc) compatibleBloc(cur, noun string) string {
	kinds, ok := refKinds[noun]
	if !ok || cur == "" || kinds[cur] {
		return cur
	}
	for i := len(d.blocsSeen) - 1; i >= 0; i-- {
		if kinds[d.blocsSeen[i]] {
			return d.blocsSeen[i]
		}
	}
	return cur
}

// approvedAfter reports whether the nominal ending at item hi is the
// subject of an approval: "… was approved (in principle)", "… has been
// endorsed".
func (st *sent) approvedAfter(hi int) bool {
	for k := hi; k < len(st.items) && k < hi+10; k++ {
		switch st.form(k) {
		case ",", ";", ".":
			return false
		case "was", "were", "has", "had", "is":
			n := k + 1
			if st.form(n) == "been" {
				n++
			}
			switch st.form(n) {
			case "approved", "endorsed", "agreed":
				return true
			}
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, w := range subs {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
