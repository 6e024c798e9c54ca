package extract

import (
	"context"
	"strings"

	"github.com/jdkato/prose/v2"

	"github.com/entente/entente/internal/entente"
)

// applyPerson reads an attendance or a visit.
func (d *doc) applyPerson(st *sent, ru *rule, lo, hi int, g span, status entente.Status, conf float64) bool {
	var subj []*person
	switch ru.voice {
	case vPersonLeft:
		subj = d.personsLeft(st, lo)
		if ru.name == "acted-at-summit" && !d.personNear(st, lo, 10) {
			subj = nil // a person far before the summit acts in another clause
		}
		if len(subj) == 0 {
			if p := d.bareName(st, lo); p != nil {
				subj = []*person{p}
			}
		}
		if ru.name == "met-at-summit" && len(subj) > 0 {
			// Whom they met at the summit attended it too.
			for k := lo; k < hi; k++ {
				if m := st.items[k].m; m != nil && m.kind == mkPerson {
					subj = appendPerson(subj, m.person)
				}
			}
		}
	case vPersonRight:
		for k := hi; k < len(st.items); k++ {
			if st.form(k) == ";" {
				break
			}
			if m := st.items[k].m; m != nil && m.kind == mkPerson {
				subj = appendPerson(subj, m.person)
			}
		}
	case vGroup:
		for k := g.lo; k < g.hi && k >= 0; k++ {
			if m := st.items[k].m; m != nil && m.kind == mkPerson {
				subj = appendPerson(subj, m.person)
			}
			if m := st.items[k].m; m == nil && ru.name == "during-summit" {
				if p := d.bareName(st, k+1); p != nil {
					subj = appendPerson(subj, p)
				}
			}
			switch st.form(k) {
			case "my":
				if p := d.speaker(st); p != nil {
					subj = appendPerson(subj, p)
				}
			case "his", "her":
				if ps := d.personsLeft(st, k); len(ps) > 0 {
					subj = appendPerson(subj, ps[0])
				} else if p := d.cataphor(st, k); p != nil {
					subj = appendPerson(subj, p)
				} else if d.lastPers != nil {
					subj = appendPerson(subj, d.lastPers)
				}
			}
		}
	}
	if len(subj) == 0 {
		return false
	}
	var bl *entente.Ref
	var place *entente.Place
	switch ru.typ {
	case entente.Attended:
		id, ok := d.summitBloc(st, ru, lo, hi)
		if ru.name == "joined-by-video" {
			id, ok = d.videoBloc(st, lo)
		}
		if !ok {
			return false
		}
		if !ok || id == "" {
			return false
		}
		b := d.blocRef(id)
		bl = &b
		if id != "" && !d.blocNamedIn(st) {
			conf -= 0.15
		}
	case entente.Visited:
		if ru.name == "hosted-guest" && st.form(hi-1) == "to" && (hi >= len(st.items) || !placeItem(st.items[hi])) {
			return false // "welcomes X to the G20 Summit in New Delhi": to a meeting
		}
		place = d.placeAfter(st, hi)
		if place == nil {
			return false
		}
	}
	// "visited Bamako and Ouagadougou": one visit to each place.
	places := []*entente.Place{place}
	if place != nil {
		places = append(places, d.morePlaces(st, hi, place)...)
	}
	date, explicit := d.pickDate(st, ru.typ, lo, hi, status)
	if ru.name == "as-did" {
		// "…, as did X, at his first summit since … in January": the
		// attendance stated before, with its date.
		for i := len(d.claims) - 1; i >= 0 && d.claims[i].sent == st.idx; i-- {
			if c := d.claims[i].c; c.Type == entente.Attended {
				date, explicit, status = c.Date, d.claims[i].explicit, c.Status
				break
			}
		}
	}
	if !explicit && ru.typ == entente.Attended && bl != nil && bl.ID == d.summitDateBloc && st.definiteSummit(lo, hi) {
		// "Kenyatta chaired the virtual summit": the summit dated before.
		date, explicit = d.summitDate, true
		if !d.in.Published.IsZero() && date.First().Compare(d.in.Published) > 0 {
			status = entente.Planned
		} else if status == entente.Planned {
			// "will attend the summit" dated before the news: the summit
			// is not the one this plan is about.
			date, explicit = entente.Date{}, false
		}
	}
	if !explicit && status == entente.Occurred {
		date = d.in.Published
	}
	if ru.typ == entente.Visited && place != nil {
		// "travelled to Moscow on Friday and to Beijing on Monday": a
		// second destination with its own date is its own visit.
		for _, pd := range d.datedPlaces(st, hi, status) {
			pst := status
			if !d.in.Published.IsZero() && pd.date.First().Compare(d.in.Published) > 0 {
				pst = entente.Planned
			}
			for _, p := range subj {
				if p.country() == pd.place.Country || pd.place.Country == place.Country {
					continue
				}
				c := &entente.Claim{
					Type: ru.typ, Subject: entente.Ref{Kind: entente.KindPerson, ID: p.id, Name: p.name},
					Place: pd.place, Date: pd.date, Status: pst,
					Confidence: round2(conf), Evidence: d.evidence(st.s),
				}
				d.addClaim(c, true, st.idx)
			}
		}
	}
	if !date.IsZero() && !d.in.Published.IsZero() && date.First().Compare(d.in.Published) > 0 {
		status = entente.Planned
	}
	for _, place := range places {
		for _, p := range subj {
			if place != nil && p.country() == place.Country {
				continue // going home is no visit
			}
			c := &entente.Claim{
				Type: ru.typ, Subject: entente.Ref{Kind: entente.KindPerson, ID: p.id, Name: p.name},
				Bloc: bl, Place: place, Date: date, Status: status,
				Confidence: round2(conf), Evidence: d.evidence(st.s),
			}
			d.addClaim(c, explicit, st.idx)
		}
	}
	return true
}

func appendPerson(ps []*person, p *person) []*person {
	for _, q := range ps {
		if q == p {
			return ps
		}
	}
	return append(ps, p)
}

// personsLeft finds the nearest person, or list of persons, before a
// trigger; "he" or "she" is the person named last.
func (d *doc) personsLeft(st *sent, lo int) []*person {
	for k := lo - 1; k >= 0; k-- {
		it := st.items[k]
		if it.form == ";" {
			break
		}
		if it.m != nil && it.m.kind == mkPerson {
			if st.form(k+1) == "'s" || (personObjectPreps[st.form(k-1)] && !(k == lo-1 && strings.HasSuffix(st.form(lo), "ing"))) {
				// An object unless an -ing trigger follows it: "with
				// Foreign Minister Abbas Araqchi leading the delegation".
				continue
			}
			ps := []*person{it.m.person}
			j := k - 1
			for ; j >= 0; j-- {
				f := st.form(j)
				if m := st.items[j].m; m != nil && m.kind == mkPerson {
					ps = appendPerson(ps, m.person)
					continue
				}
				// "Narendra Modi, South Africa's Cyril Ramaphosa and host
				// Luiz Inacio Lula da Silva": a country's or the host.
				if f == "'s" || f == "host" || ((f == "#c" || f == "#d") && st.form(j+1) == "'s") {
					continue
				}
				if f != "," && f != "and" && f != "(" && f != ")" && f != "r" && f != "l" {
					break
				}
			}
			if len(ps) > 1 && personObjectPreps[st.form(j)] && st.items[j+1].m != nil && st.items[j+1].m.kind == mkPerson {
				// "he dined with Emmanuel Macron and Olaf Scholz after a
				// visit to London": a list after "with" is an object too.
				k = j
				continue
			}
			return ps
		}
		if pairNouns[it.form] && (st.form(k-1) == "both" || (st.form(k-1) == "two" && st.form(k-2) == "the")) {
			// "The two leaders met": the two persons the sentence before named.
			if len(d.pairPers) == 2 {
				return append([]*person(nil), d.pairPers...)
			}
			return nil
		}
		if it.form == "i" || it.form == "we" {
			// First person in a quote: its speaker.
			if p := d.speaker(st); p != nil {
				return []*person{p}
			}
			return nil
		}
		if it.form == "he" || it.form == "she" {
			for j := k - 1; j >= 0; j-- {
				if m := st.items[j].m; m != nil && m.kind == mkPerson {
					return []*person{m.person}
				}
			}
			if d.lastPers != nil {
				return []*person{d.lastPers}
			}
			return nil
		}
	}
	return nil
}

// cataphor returns the subject a sentence-opening phrase with "his" or
// "her" points forward to: "During his visit to Kazakhstan, Chinese
// President Xi Jinping met …".
func (d *doc) cataphor(st *sent, k int) *person {
	if k > 2 {
		return nil
	}
	for j := k + 1; j < len(st.items) && j < k+15; j++ {
		if st.form(j) == "," {
			if m := st.items[min(j+1, len(st.items)-1)].m; j+1 < len(st.items) && m != nil && m.kind == mkPerson {
				return m.person
			}
			return nil
		}
	}
	return nil
}

// personNear reports a person, or "he"/"she", among the n items before lo,
// with no clause break between.
func (d *doc) personNear(st *sent, lo, n int) bool {
	for k := lo - 1; k >= 0 && k >= lo-n; k-- {
		if f := st.form(k); f == ";" || f == "said" || f == "says" || f == "while" || f == "but" {
			return false
		}
		if m := st.items[k].m; (m != nil && m.kind == mkPerson) || st.form(k) == "he" || st.form(k) == "she" {
			return true
		}
	}
	return false
}

// summitBloc finds the meeting an attendance is about and its bloc: "the
// 16th BRICS Summit", "a summit of the group", "the summit" after a bloc was
// named.
func (d *doc) summitBloc(st *sent, ru *rule, lo, hi int) (string, bool) {
	sn := -1
	switch ru.name {
	case "attend":
		for k := hi; k < len(st.items) && k < hi+8; k++ {
			f := st.form(k)
			if f == "." || f == ";" {
				break
			}
			if summitNouns[f] {
				sn = k
				break
			}
		}
		bare := (hasWord(st.form(hi-1), "attended", "attend", "attends", "attending") || (st.form(hi-1) == "person" && st.form(hi-2) == "in")) && hasWord(st.form(hi), ".", ",", ";", "")
		// "Lukashenko, attending as a full member for the first time, said".
		appos := st.form(hi-1) == "attending" && st.form(lo-1) == "," && hasWord(st.form(hi), "as", "for")
		if sn < 0 && hasWord(st.form(hi-1), "addressed", "addresses", "told", "tells", "joined", "joins") {
			// "addressed G7 leaders in Apulia": the bloc's gathering.
			k := hi
			if st.form(k) == "the" || st.form(k) == "fellow" {
				k++
			}
			if m := st.items[min(k, len(st.items)-1)].m; k < len(st.items) && m != nil && m.kind == mkBloc && hasWord(st.form(k+1), "leaders", "heads") {
				return m.id, true
			}
		}
		if sn < 0 && (bare || appos) && (d.summitNow || d.summitSeen) && d.contextBloc() != "" {
			// "…, Abiy Ahmed and Masoud Pezeshkian also attended." right
			// after a sentence about the summit.
			return d.contextBloc(), true
		}
	case "as-did":
		// The bloc of the attendance the sentence stated before.
		for i := len(d.claims) - 1; i >= 0 && d.claims[i].sent == st.idx; i-- {
			if c := d.claims[i].c; c.Type == entente.Attended && c.Bloc != nil {
				return c.Bloc.ID, true
			}
		}
		return "", false
	case "present-at", "in-attendance-were":
		for k := range st.items {
			if summitNouns[st.form(k)] {
				if id := st.blocOfSummit(k); id != "" {
					return id, true
				}
			}
		}
		if (d.summitNow || d.summitSeen) && d.contextBloc() != "" {
			return d.contextBloc(), true
		}
		return "", false
	case "sent-instead", "represent-country":
		// A stand-in attends the summit of the sentence ("skipped the
		// summit, sending …"), or the one just written about.
		for k := range st.items {
			if summitNouns[st.form(k)] {
				sn = k
				break
			}
		}
		if sn < 0 {
			if (d.summitNow || d.summitSeen) && d.contextBloc() != "" {
				return d.contextBloc(), true
			}
			return "", false
		}
		if id := st.blocOfSummit(sn); id != "" {
			return id, true
		}
		if d.contextBloc() != "" {
			return d.contextBloc(), true
		}
		return "", false
	default:
		for k := lo; k < hi; k++ {
			if summitNouns[st.form(k)] {
				sn = k
				break
			}
		}
	}
	if sn < 0 || st.form(sn-1) == "press" || st.form(sn-1) == "news" {
		return "", false // a press conference is no summit
	}
	for k := sn - 1; k >= 0 && k >= sn-4; k-- {
		if m := st.items[k].m; m != nil && (m.kind == mkBloc || m.kind == mkBlocRef) && m.id != "" {
			return m.id, true
		}
	}
	for k := sn + 1; k < len(st.items) && k <= sn+4; k++ {
		if m := st.items[k].m; m != nil && (m.kind == mkBloc || m.kind == mkBlocRef) && m.id != "" {
			return m.id, true
		}
	}
	if id, _ := st.blocBefore(lo); id != "" {
		return id, true
	}
	if (st.form(sn-1) == "the" || st.form(sn-1) == "this") && (d.summitNow || d.summitSeen) && d.contextBloc() != "" {
		// "attended the meeting, where the leaders also discussed a deal
		// with the European Union": the meeting just written about, not a
		// bloc named later in the sentence.
		return d.contextBloc(), true
	}
	if id, _ := st.blocAfter(hi, hi, 20); id != "" {
		return id, true
	}
	if (contextSummit[st.form(sn)] || ru.name == "during-summit" || ru.name == "addressing-summit") && d.contextBloc() != "" {
		// "During the meeting, Modi …" opens a sentence about the meeting
		// the article is about.
		return d.contextBloc(), true
	}
	return "", false
}

// contextBloc is the bloc of the meeting the article is about: the bloc
// whose summit was named last, else the bloc named last.
func (d *doc) contextBloc() string {
	if d.lastSummit != "" {
		return d.lastSummit
	}
	return d.lastBloc
}

// videoBloc is the bloc of an attendance by video: the meeting is the one
// the article is about, named before.
func (d *doc) videoBloc(st *sent, lo int) (string, bool) {
	if id, _ := st.blocBefore(lo); id != "" {
		return id, true
	}
	return d.lastBloc, d.lastBloc != ""
}

func (d *doc) blocNamedIn(st *sent) bool {
	for _, it := range st.items {
		if it.m != nil && it.m.kind == mkBloc {
			return true
		}
	}
	return false
}

// placeAfter finds where a visit goes: "Russia's Kazan", "Astana",
// "Kazan" (placed by the article), "Belarus".
func (d *doc) placeAfter(st *sent, hi int) *entente.Place {
	for k := hi; k < len(st.items) && k < hi+12; k++ {
		it := st.items[k]
		if it.form == "." || it.form == ";" || (k > hi && placeStops[it.form]) {
			break // "his first visit in a decade, as Ankara and Cairo …"
		}
		if it.m == nil {
			continue
		}
		switch it.m.kind {
		case mkCountry:
			p := &entente.Place{Country: it.m.id, Name: d.countryRef(it.m.id).Name}
			if st.form(k+1) == "'s" {
				n := st.items[min(k+2, len(st.items)-1)]
				switch {
				case n.m != nil && (n.m.kind == mkCity || n.m.kind == mkCapital) && n.m.id == it.m.id:
					p.Name = d.joinTokens(n.lo, n.hi)
				case n.m == nil && k+2 < len(st.items) && d.toks[n.lo].cap && n.hi-n.lo == 1 && d.toks[n.lo].kind == tokWord:
					// "Russia's Far East", "China's Xinjiang region": a
					// region of the country.
					p.Name = d.joinTokens(it.lo, it.hi) + "'s " + d.regionName(st, k+2)
				default:
					continue
				}
			}
			return p
		case mkDemonym:
			// "the Cambodian capital", "the Kazakh capital".
			if st.form(k+1) == "capital" && st.form(k-1) == "the" {
				c := d.x.gaz.countries[it.m.id]
				if c == nil || len(c.Capitals) == 0 {
					return nil
				}
				return &entente.Place{Country: it.m.id, Name: c.Capitals[0]}
			}
		case mkCapital, mkCity:
			return &entente.Place{Country: it.m.id, Name: d.joinTokens(it.lo, it.hi)}
		case mkPerson:
			return nil
		}
	}
	return nil
}

// placeStops end the phrase a visit's place is read from.
var placeStops = map[string]bool{",": true, "as": true, "while": true, "amid": true, "where": true, "when": true, "because": true}

// regionName joins the capitalised words from item k: "Far East".
func (d *doc) regionName(st *sent, k int) string {
	j := k
	for j < len(st.items) && j < k+3 && st.items[j].m == nil && d.toks[st.items[j].lo].cap && d.toks[st.items[j].lo].kind == tokWord {
		j++
	}
	return d.joinTokens(st.items[k].lo, st.items[j-1].hi)
}

// morePlaces returns the places coordinated with the first one found after
// item hi: "visited Bamako and Ouagadougou", "toured Kenya, Tanzania and
// Uganda".
func (d *doc) morePlaces(st *sent, hi int, first *entente.Place) []*entente.Place {
	k := hi
	for k < len(st.items) && k < hi+12 && !(st.items[k].m != nil && (st.items[k].m.kind == mkCountry || st.items[k].m.kind == mkCapital || st.items[k].m.kind == mkCity || st.items[k].m.kind == mkDemonym)) {
		k++
	}
	var out []*entente.Place
	seen := map[string]bool{first.Country: true}
	for k+2 < len(st.items) {
		sep := st.form(k + 1)
		if sep != "," && sep != "and" {
			break
		}
		n := k + 2
		if sep == "," && st.form(n) == "and" {
			n++
		}
		it := st.items[n]
		if it.m == nil || (it.m.kind != mkCountry && it.m.kind != mkCapital && it.m.kind != mkCity) || st.form(n+1) == "'s" {
			break
		}
		if !seen[it.m.id] {
			seen[it.m.id] = true
			name := d.joinTokens(it.lo, it.hi)
			if it.m.kind == mkCountry {
				name = d.countryRef(it.m.id).Name
			}
			out = append(out, &entente.Place{Country: it.m.id, Name: name})
		}
		k = n
	}
	return out
}

// datedPlace is a further destination with its own date.
type datedPlace struct {
	place *entente.Place
	date  entente.Date
}

// datedPlaces reads the destinations coordinated after the first one,
// each with its own date: "to Moscow on Friday and to Beijing on Monday".
func (d *doc) datedPlaces(st *sent, hi int, status entente.Status) []datedPlace {
	k := hi
	for k < len(st.items) && k < hi+12 && !placeItem(st.items[k]) {
		k++
	}
	var out []datedPlace
	for k < len(st.items) {
		// The place's own date: "on #t", "in #t".
		j := k + 1
		if (st.form(j) == "on" || st.form(j) == "in") && st.form(j+1) == "#t" {
			j += 2
		} else {
			break
		}
		if st.form(j) == "," {
			j++
		}
		// "and to Beijing on Monday", "and Budapest on May 8-10".
		if st.form(j) != "and" {
			break
		}
		n := j + 1
		if st.form(n) == "to" || st.form(n) == "in" {
			n++
		}
		if n >= len(st.items) || !placeItem(st.items[n]) {
			break
		}
		if (st.form(n+1) != "on" && st.form(n+1) != "in") || st.form(n+2) != "#t" {
			break
		}
		it := st.items[n]
		name := d.joinTokens(it.lo, it.hi)
		if it.m.kind == mkCountry {
			name = d.countryRef(it.m.id).Name
		}
		out = append(out, datedPlace{place: &entente.Place{Country: it.m.id, Name: name}, date: d.dateOf(st.items[n+2].m, status)})
		k = n
	}
	return out
}

func placeItem(it item) bool {
	return it.m != nil && (it.m.kind == mkCountry || it.m.kind == mkCapital || it.m.kind == mkCity)
}

// personCues mark the sentences worth prose's NER: only attendances and
// visits have persons as subjects.
var personCues = []string{"summit", "visit", "arriv", "attend", "forum", "trip", "particip", "travel", "flew", "landed", "toured"}

// maxNERSentences bounds prose's work on one article.
const maxNERSentences = 64

// runNER finds persons the title patterns missed with prose's named-entity
// recogniser, in the sentences that may state an attendance or a visit. The
// gazetteers correct it: a span that names a country, a bloc or a date is
// not a person.
func (d *doc) runNER(ctx context.Context, taken []bool) []*mention {
	var out []*mention
	n := 0
	for _, s := range d.sents {
		lower := strings.ToLower(d.text[s.start:s.end])
		cue := false
		for _, c := range personCues {
			if strings.Contains(lower, c) {
				cue = true
				break
			}
		}
		if !cue || !d.untakenName(s, taken) {
			continue
		}
		if n++; n > maxNERSentences || ctx.Err() != nil {
			break
		}
		text := d.text[s.start:s.end]
		doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(d.x.proseModel()))
		if err != nil {
			continue
		}
		// prose tags slogans in quotes as persons too: every word of a
		// person must be tagged a proper noun.
		proper := map[string]bool{}
		for _, t := range doc.Tokens() {
			if t.Tag == "NNP" || t.Tag == "NNPS" {
				proper[t.Text] = true
			}
		}
		cursor := 0
		for _, e := range doc.Entities() {
			at := strings.Index(text[cursor:], e.Text)
			if at < 0 {
				continue
			}
			start := s.start + cursor + at
			cursor += at + len(e.Text)
			if e.Label != "PERSON" {
				continue
			}
			allProper := true
			for _, w := range strings.Fields(e.Text) {
				allProper = allProper && proper[w]
			}
			if !allProper {
				continue
			}
			lo, hi := d.tokenSpan(start, start+len(e.Text))
			if lo >= hi || anyTaken(taken, lo, hi) {
				continue
			}
			// The tagger may stop before a particle: "Luiz Inacio Lula"
			// of "Luiz Inacio Lula da Silva".
			for hi+1 < len(d.toks) && hi-lo < 6 && nameParticles[d.toks[hi].lower] && !d.toks[hi].cap && !taken[hi] && !taken[hi+1] && isNameToken(d.toks, hi+1) && !d.toks[hi].nl {
				hi += 2
			}
			ok := true
			for k := lo; k < hi; k++ {
				if !isNameToken(d.toks, k) && !(k > lo && nameParticles[d.toks[k].lower]) {
					ok = false
				}
			}
			if !ok {
				continue
			}
			name := d.joinTokens(lo, hi)
			if hi-lo == 1 && strings.Count(d.text, name) < 2 && d.fullNameInText(name) == "" {
				continue // one word named once: a paper ("Mint reported") as often as a person
			}
			p := d.addPerson(name, nil)
			markTaken(taken, lo, hi)
			out = append(out, &mention{lo: lo, hi: hi, kind: mkPerson, id: p.id, person: p})
		}
	}
	return out
}

// untakenName reports a capitalised word inside the sentence that no
// gazetteer or title pattern has explained: only then can NER add a person.
func (d *doc) untakenName(s sentence, taken []bool) bool {
	for k := s.lo + 1; k < s.hi; k++ {
		if !taken[k] && isNameToken(d.toks, k) && !d.toks[k].nl {
			return true
		}
	}
	return false
}

// speaker returns who says a quoted sentence: the person or "he"/"she" of
// an attribution in it or in the next two sentences (`," he added`,
// `" said Putin`), "he" being the last speaker named; failing that, the last
// speaker when the sentence is part of a quote.
func (d *doc) speaker(st *sent) *person {
	quoted := strings.Contains(st.shadow, `"`)
	for i := st.idx; i < len(d.sents) && i <= st.idx+2; i++ {
		s := st
		if i != st.idx {
			s = d.newSent(i)
			quoted = quoted || strings.Contains(s.shadow, `"`)
		}
		for k, it := range s.items {
			if !speechCues[it.form] {
				continue
			}
			if p := inverted(s, k); p != nil {
				return p
			}
			if f := s.form(k - 1); f == "he" || f == "she" {
				return d.lastSpeaker
			}
			if p := speakerBefore(s, k); p != nil {
				return p
			}
		}
	}
	if quoted {
		return d.lastSpeaker
	}
	return nil
}

// noteSpeakers remembers who speaks in a sentence: the person right before
// or after a speech verb, else the nearest person before it.
func (d *doc) noteSpeakers(st *sent) {
	for k, it := range st.items {
		if !speechCues[it.form] {
			continue
		}
		if p := inverted(st, k); p != nil {
			d.lastSpeaker = p
			continue
		}
		if p := speakerBefore(st, k); p != nil {
			d.lastSpeaker = p
		}
	}
}

// speakerBefore returns the nearest person before the speech verb at k, in
// its clause: "Modi highlighted … and affirmed".
func speakerBefore(st *sent, k int) *person {
	for j := k - 1; j >= 0 && j >= k-12; j-- {
		f := st.form(j)
		if f == `"` || f == "he" || f == "she" {
			return nil
		}
		if m := st.items[j].m; m != nil && m.kind == mkPerson {
			return m.person
		}
	}
	return nil
}

// inverted returns the speaker of an inverted attribution, `," said Putin`;
// "told PM Modi" names the listener, not the speaker.
func inverted(st *sent, k int) *person {
	if st.form(k) == "told" || k+1 >= len(st.items) {
		return nil
	}
	if f := st.form(k - 1); f != `"` && f != "," {
		return nil
	}
	if m := st.items[k+1].m; m != nil && m.kind == mkPerson {
		return m.person
	}
	return nil
}

// bareName reads a name no title pattern or NER found, right before an
// attendance or a visit: "Erdogan attended the BRICS summit". A one-word
// name must recur in the text, or be the surname of a full name in it.
func (d *doc) bareName(st *sent, lo int) *person {
	hi := lo
	for hi > 0 && (st.form(hi-1) == "also" || st.form(hi-1) == "has" || st.form(hi-1) == "will" || st.form(hi-1) == "had") {
		hi--
	}
	k := hi
	for k > 0 && hi-k < 3 {
		it := st.items[k-1]
		if it.m != nil || it.hi-it.lo != 1 || !isNameToken(d.toks, it.lo) {
			break
		}
		k--
	}
	if k == hi {
		return nil
	}
	if k > 0 {
		switch st.form(k - 1) {
		case ",", "and", `"`, "(", ":", "-":
		default:
			return nil
		}
	}
	lo0, hi0 := st.items[k].lo, st.items[hi-1].hi
	name := d.joinTokens(lo0, hi0)
	if hi0-lo0 == 1 {
		if q := d.personWithPart(name); q != nil {
			// "Xi" of "Xi Jinping", "Lula" of "Luiz Inacio Lula da Silva".
			return d.canonical(q)
		}
		if full := d.fullNameInText(name); full != "" {
			name = full
		} else if strings.Count(d.text, name) < 2 {
			return nil
		}
	}
	return d.canonical(d.addPerson(name, nil))
}

// personWithPart returns the one known full name that has word among its
// parts, or nil when none or several have.
func (d *doc) personWithPart(word string) *person {
	var found *person
	for _, q := range d.porder {
		if len(q.parts) > 1 && q.merged == nil && containsFold(q.parts, word) {
			if found != nil && found != q {
				return nil
			}
			found = q
		}
	}
	return found
}

// personObjectPreps before a person make them an object, not a subject.
var personObjectPreps = map[string]bool{"with": true, "to": true, "by": true, "from": true, "of": true, "for": true, "against": true, "alongside": true, "like": true, "and": false}

// definiteSummit reports whether the trigger at [lo, hi) names "the
// summit" just read about: "the summit", "the virtual summit".
func (st *sent) definiteSummit(lo, hi int) bool {
	for k := lo; k < len(st.items) && k < hi+4; k++ {
		if !summitNouns[st.form(k)] {
			continue
		}
		// "The meeting was attended by": the article may stand just
		// before the trigger.
		for j := k - 1; j >= max(lo-1, 0) && j >= k-3; j-- {
			if st.form(j) == "the" || st.form(j) == "this" {
				return true
			}
			if st.items[j].m != nil {
				return false
			}
		}
	}
	return false
}

// pairNouns stand for two persons just named: "the two leaders".
var pairNouns = map[string]bool{"leaders": true, "presidents": true, "men": true, "heads": true, "ministers": true}
