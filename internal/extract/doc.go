package extract

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/entente/entente/internal/entente"
)

// mkind is what a mention is.
type mkind uint8

const (
	mkCountry mkind = iota // a country's name or alias
	mkDemonym              // a country's demonym: a modifier
	mkCapital              // a capital: metonym and place
	mkCity                 // a city the article places in a country
	mkBloc                 // a bloc's name
	mkBlocRef              // "the bloc", "the group": the bloc named last
	mkPerson               // a person, with title words when present
	mkDate                 // a date expression
	mkStamp                // the date of a dateline or page stamp: no event's
)

// mention is an entity or a date over tokens [lo, hi).
type mention struct {
	lo, hi   int
	kind     mkind
	id       string // ISO3, bloc id or person id
	name     string // a city's name
	person   *person
	date     entente.Date
	past     entente.Date
	forward  entente.Date
	relative bool
	said     bool // dates a report: "said on Thursday"
}

// doc is one article being read.
type doc struct {
	x     *Extractor
	in    Input
	text  string
	toks  []token
	ments []*mention // sorted by lo, non-overlapping
	owner []int      // token → index in ments, or -1
	sents []sentence

	persons  map[string]*person
	porder   []*person
	cities   map[string]string // lower-case city → ISO3
	claims   []*claim
	lastBloc string // while reading sentences in order: the bloc named last
	// blocsSeen: every bloc named so far, in order ("the alliance" looks
	// back for one it can name).
	blocsSeen []string
	// lastSummit is the bloc whose summit was named last ("the G20
	// summit"): "the summit" later means its summit.
	lastSummit string
	// summitDate dates the summit of the bloc summitDateBloc, from the
	// sentence that named it with a date ("on 29 March at a summit").
	summitDate     entente.Date
	summitDateBloc string
	// negDrop: mood dropped the trigger for a negation; denied: the
	// subjects the sentence says have not joined.
	negDrop bool
	denied  []string
	// summitNow: the last sentence read named a summit; summitSeen: the
	// one before it did. While a sentence is read, they cover the two
	// sentences before it.
	summitSeen, summitNow bool
	lastCtry              []string
	lastSubj              []string // subjects of the last membership event
	lastList              []string // the last list of two or more countries named
	// lists: the lists and plural subjects named so far, for "all three".
	lists    [][]string
	lastPers *person
	// pairPers: the two persons the last sentence naming persons named,
	// for "the two leaders"; curPers collects them while a sentence is read.
	pairPers, curPers []*person
	// lastSpeaker is who spoke last: quotes in the first person are theirs.
	lastSpeaker *person

	cpByte, cpRunes int  // the last offset codepoints converted
	saidDate        bool // the date pickDate chose dates a report
}

// maxSentenceTokens bounds a sentence: text without stops (menus, tables,
// binary-ish junk) is cut into pieces so every rule stays linear.
const maxSentenceTokens = 160

func newDoc(x *Extractor, in Input) *doc {
	return &doc{x: x, in: in, text: in.Text, persons: map[string]*person{}, cities: map[string]string{}}
}

func (d *doc) run(ctx context.Context) error {
	d.toks = tokenize(d.text)
	d.sents = capSentences(splitSentences(d.text, d.toks), d.toks)
	taken := make([]bool, len(d.toks))
	gm := d.x.gaz.match(d.toks)
	gaz := make([]*mention, 0, len(gm))
	for _, m := range gm {
		k := mkCountry
		switch m.kind {
		case mDemonym:
			k = mkDemonym
		case mCapital:
			k = mkCapital
		case mCity:
			k = mkCity
		case mBloc:
			k = mkBloc
		}
		gaz = append(gaz, &mention{lo: m.lo, hi: m.hi, kind: k, id: m.id})
	}
	gaz = d.dropNameCapitals(gaz)
	gaz = d.dropDatelineCities(gaz)
	gaz = mergeParenAcronyms(d.toks, gaz)
	gazAt := make([]int, len(d.toks))
	for i := range gazAt {
		gazAt[i] = -1
	}
	for i, m := range gaz {
		for j := m.lo; j < m.hi; j++ {
			gazAt[j] = i
		}
	}
	// Persons first: a title pattern swallows the demonym or country in it
	// ("Kazakh President Kassym-Jomart Tokayev").
	ments := d.findPersons(gaz, gazAt)
	for _, m := range ments {
		markTaken(taken, m.lo, m.hi)
	}
	for _, m := range gaz {
		if !anyTaken(taken, m.lo, m.hi) {
			ments = append(ments, m)
			markTaken(taken, m.lo, m.hi)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	ments = append(ments, d.findDates(taken)...)
	d.learnCities(gaz, taken)
	ments = append(ments, d.findCities(taken)...)
	ments = append(ments, d.runNER(ctx, taken)...)
	d.mergeSurnames()
	ments = append(ments, d.findSurnames(taken)...)
	blocStart := map[int]bool{}
	for _, m := range gaz {
		if m.kind == mkBloc {
			blocStart[m.lo] = true
		}
	}
	ments = append(ments, d.findBlocRefs(taken, blocStart)...)
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, m := range ments {
		if m.kind == mkPerson {
			m.person = d.canonical(m.person)
			m.id = m.person.id
		}
	}
	sort.Slice(ments, func(i, j int) bool { return ments[i].lo < ments[j].lo })
	d.ments = ments
	d.owner = make([]int, len(d.toks))
	for i := range d.owner {
		d.owner[i] = -1
	}
	for i, m := range ments {
		for j := m.lo; j < m.hi; j++ {
			d.owner[j] = i
		}
	}
	for i := range d.sents {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		d.readSentence(i)
	}
	return nil
}

func anyTaken(taken []bool, lo, hi int) bool {
	for j := lo; j < hi; j++ {
		if taken[j] {
			return true
		}
	}
	return false
}

func markTaken(taken []bool, lo, hi int) {
	for j := lo; j < hi; j++ {
		taken[j] = true
	}
}

// capSentences cuts sentences longer than maxSentenceTokens.
func capSentences(ss []sentence, toks []token) []sentence {
	var out []sentence
	for _, s := range ss {
		for lo := s.lo; lo < s.hi; lo += maxSentenceTokens {
			hi := min(lo+maxSentenceTokens, s.hi)
			out = append(out, sentence{lo: lo, hi: hi, start: toks[lo].start, end: toks[hi-1].end})
		}
	}
	return out
}

// dropNameCapitals drops a capital or a single-word country name that is
// part of a longer capitalised name: "Victoria Nuland", "Jordan Bardella",
// "Santiago Peña" are people, not places.
func (d *doc) dropNameCapitals(gaz []*mention) []*mention {
	out := gaz[:0]
	for _, m := range gaz {
		if (m.kind == mkCapital || m.kind == mkCity || nameLike[d.toks[m.lo].lower]) && m.hi-m.lo == 1 {
			next := m.hi
			if next < len(d.toks) && !d.toks[next].nl && isNameToken(d.toks, next) && d.toks[next].start == d.toks[m.lo].end+1 {
				if !startsEntity(gaz, next) {
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// dropDatelineCities drops the city of a dateline ("BRUSSELS -",
// "ASTANA, Oct 16 (Reuters) -"): it says where the story was filed, not who
// acts, so it must not become a subject or the country "the country" means.
// A dateline city opens a line, is written in capitals and is followed by a
// dash or a comma.
func (d *doc) dropDatelineCities(gaz []*mention) []*mention {
	out := gaz[:0]
	for _, m := range gaz {
		if (m.kind == mkCapital || m.kind == mkCity) && d.datelineAt(m.lo, m.hi) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// datelineAt also reads a dateline of several cities joined by slashes:
// "HANOI/BRASILIA —", "JAKARTA/PARIS, Feb 21".
func (d *doc) datelineAt(lo, hi int) bool {
	upper := func(i int) bool {
		t := d.toks[i].text
		return strings.ToUpper(t) == t && strings.ToLower(t) != t
	}
	for i := lo; i < hi; i++ {
		if !upper(i) {
			return false
		}
	}
	// Back over "CITY/" to the line's start.
	for lo > 0 && !d.toks[lo].nl {
		if d.toks[lo-1].text != "/" {
			for lo > 0 && !d.toks[lo].nl && upper(lo-1) {
				lo--
			}
			if lo > 0 && !d.toks[lo].nl && d.toks[lo-1].text == "/" {
				continue
			}
			break
		}
		if lo < 2 || !upper(lo-2) {
			return false
		}
		lo -= 2
	}
	if lo > 0 && !d.toks[lo].nl {
		return false
	}
	// On over "/CITY" to the separator.
	for hi < len(d.toks) && (d.toks[hi].text == "/" || upper(hi)) {
		hi++
	}
	if hi >= len(d.toks) {
		return false
	}
	switch d.toks[hi].text {
	case "-", "–", "—", ",", "(":
		return true
	}
	return false
}

// nameLike are country names that are also given names.
var nameLike = map[string]bool{"jordan": true, "chad": true, "georgia": true, "israel": true, "kenya": true, "india": true}

func startsEntity(gaz []*mention, i int) bool {
	for _, m := range gaz {
		if m.lo == i {
			return true
		}
	}
	return false
}

// mergeParenAcronyms folds "Eurasian Economic Union (EAEU)" into one mention.
func mergeParenAcronyms(toks []token, gaz []*mention) []*mention {
	out := gaz[:0]
	for i := 0; i < len(gaz); i++ {
		m := gaz[i]
		if i+1 < len(gaz) {
			n := gaz[i+1]
			if n.id == m.id && n.kind == m.kind && n.lo == m.hi+1 && toks[m.hi].lower == "(" && n.hi < len(toks) && toks[n.hi].lower == ")" {
				m.hi = n.hi + 1
				i++
			}
		}
		out = append(out, m)
	}
	return out
}

// at returns the mention covering token i, or nil.
func (d *doc) at(i int) *mention {
	if i < 0 || i >= len(d.owner) || d.owner[i] < 0 {
		return nil
	}
	return d.ments[d.owner[i]]
}

// codepoints converts a byte offset into a code point offset. Sentences are
// read in order, so it counts on from the last offset asked for.
func (d *doc) codepoints(b int) int {
	if b < d.cpByte {
		d.cpRunes -= utf8.RuneCountInString(d.text[b:d.cpByte])
	} else {
		d.cpRunes += utf8.RuneCountInString(d.text[d.cpByte:b])
	}
	d.cpByte = b
	return d.cpRunes
}

// sentenceText returns a sentence's text and its code point offsets.
func (d *doc) evidence(s sentence) entente.Evidence {
	return entente.Evidence{Sentence: d.text[s.start:s.end], Start: d.codepoints(s.start), End: d.codepoints(s.end)}
}

// joinTokens returns the text of tokens [lo, hi) as written.
func (d *doc) joinTokens(lo, hi int) string {
	if lo >= hi {
		return ""
	}
	return strings.Join(strings.Fields(d.text[d.toks[lo].start:d.toks[hi-1].end]), " ")
}
