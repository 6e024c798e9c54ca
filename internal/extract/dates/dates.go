// Package dates finds date expressions in English news text and resolves them
// to partial dates (entente.Date) at the precision the text supports: a year
// for "in 2024", a month for "December 2010", a day only when a day is stated
// or implied ("on Monday", "yesterday"). Relative expressions are resolved
// against the article's publication date.
//
// Forms: "Oct. 16, 2024", "16 October 2024", "the 16th of October",
// "2024-10-16", "16/10/2024"; "December 2010", "May of 2024"; years ("in
// 2024", "the 2023 summit", "mid-2023", "the start of 2024"); ranges, read as
// their first day ("Oct. 23-24", "23-24 October 2024", "October 22–24, 2024",
// "Oct. 30-Nov. 2", "June-August 2024", "2001-2006", "between 2001 and
// 2006"); dates without a year ("Oct. 16", "in January"); and forms relative
// to publication ("today", "yesterday", "on Monday", "last Thursday", "last
// week", "this month", "next year", "earlier this year", "last August", "May
// this year", "two years ago", "over the weekend", "last summer"); and steps
// from the date before ("a year later", "the following day"). Decades ("the
// 1990s"), "recently" and dates relative to an event rather than a date ("a
// year after the invasion") are left out: too vague to date an event.
//
// The scanner is a small hand-written tokenizer plus pattern functions, in
// linear time and without allocation per token, so any input (binary junk,
// invalid UTF-8, 10 MB of text) returns quickly. It imports only the standard
// library and internal/entente.
package dates

import (
	"time"

	"github.com/entente/entente/internal/entente"
)

// Mention is one date expression found in a text.
type Mention struct {
	Start, End int          // byte offsets of the expression in text
	Date       entente.Date // resolved, at the precision the text supports
	Relative   bool         // resolved against the publication date

	// Past and Forward are the two readings of an expression whose direction
	// the text leaves open ("on Monday", "in January", "Oct. 16" without a
	// year): Past is the latest on or before publication, Forward the
	// earliest on or after it. Date is the default reading: Past, except
	// that a day without a year at most two months ahead of publication
	// takes Forward ("an upcoming forum on Oct. 23-24"). A yearless date
	// beside an explicit one in the same sentence takes its year instead
	// ("in July 2023 (at a summit on July 4)"), as does a weekday that fixes
	// the year ("Friday, Jan. 3"). For other expressions both equal Date.
	Past, Forward entente.Date

	// Range is set for "Oct. 23-24", "23-24 October 2024", "between 2001 and
	// 2006": Date is the first end, Until the last.
	Range bool
	Until entente.Date

	// Dateline is set for a wire dateline ("JOHANNESBURG, Aug 24 (Reuters) -"):
	// the date of the report, not of an event in it.
	Dateline bool
}

// Tense is the time a sentence speaks of, as the caller reads it.
type Tense int

// Tenses. TenseUnknown takes a mention's default reading.
const (
	TenseUnknown Tense = iota
	TensePast          // "joined", "was invited": Past
	TenseFuture        // "will join", "plans to visit": Forward
)

// In returns the reading of m for a sentence in tense t: Past for the past,
// Forward for the future, Date otherwise.
func (m Mention) In(t Tense) entente.Date {
	switch t {
	case TensePast:
		return m.Past
	case TenseFuture:
		return m.Forward
	}
	return m.Date
}

// Find returns every date expression in text, in text order, resolved
// against published (the article's publication date; may be zero, in which
// case relative expressions that need it are dropped). Mentions never
// overlap.
func Find(text string, published entente.Date) []Mention {
	p := parser{lx: lexer{text: text, toks: make([]token, 0, min(len(text)/4+16, maxWindow+64))}, text: text, pub: published}
	if published.Precision() == entente.PrecisionDay {
		p.pubT = time.Date(published.Year, time.Month(published.Month), published.Day, 12, 0, 0, 0, time.UTC)
	}
	var out []Mention
	var spans []span // per mention: what a yearless date stated, for anchoring
	for i := 0; ; {
		t, ok := p.lx.at(i)
		if !ok {
			break
		}
		p.yearless, p.offsetSpan = false, span{}
		m, next, ok := p.match(i, t)
		if ok && next > i {
			out = append(out, m)
			sp := p.offsetSpan
			if p.yearless {
				sp = p.ysp
			}
			spans = append(spans, sp)
			p.lastEnd = m.End
			i = next
		} else {
			i++
		}
		p.lx.release(i)
	}
	return anchor(text, out, spans)
}

// anchor gives a date without a year the year of an explicit date next to
// it in the same sentence: "in July 2023 (at a virtual summit on July 4)",
// "In 2023, on July 4". A neighbour qualifies when it names the same month,
// or when only a few bytes separate the two. Yearless dates that neither the
// publication date nor a neighbour can place are dropped.
func anchor(text string, ms []Mention, spans []span) []Mention {
	const near = 15 // bytes: ", on ", " (on "
	qualifies := func(a Mention, asp span, sp span, gap string) bool {
		// Anchors state their year: "July 2023", "2023", "last year"; not
		// "on Sunday", whose year is the publication's guess.
		if asp.m != 0 || a.Range || a.Dateline || a.Date.Year == 0 || a.Relative && a.Date.Month != 0 ||
			len(gap) > 200 || !oneSentence(gap) {
			return false
		}
		return len(gap) <= near || a.Date.Month == sp.m
	}
	for k := range ms {
		m := &ms[k]
		if sp := spans[k]; sp.m != 0 {
			var a *Mention
			switch {
			case k > 0 && qualifies(ms[k-1], spans[k-1], sp, text[ms[k-1].End:m.Start]):
				a = &ms[k-1]
			case k+1 < len(ms) && qualifies(ms[k+1], spans[k+1], sp, text[m.End:ms[k+1].Start]):
				a = &ms[k+1]
			}
			if a != nil && (sp.d == 0 || valid(a.Date.Year, sp.m, sp.d)) {
				y := a.Date.Year
				m.Date = entente.Date{Year: y, Month: sp.m, Day: sp.d}
				m.Past, m.Forward, m.Relative = m.Date, m.Date, a.Relative
				if sp.rng {
					y2 := y
					if sp.m2 < sp.m {
						y2++
					}
					m.Until = entente.Date{Year: y2, Month: sp.m2, Day: sp.d2}
					if !valid(y2, sp.m2, sp.d2) {
						m.Until = m.Until.Truncate(entente.PrecisionMonth)
					}
				}
			}
		}
	}
	// Steps from the date before: "Finland joined in 2023; Sweden a year
	// later", "The summit opened on Aug. 22. The following day, ...".
	const reach = 400 // bytes back to the date stepped from
	for k := range ms {
		sp := spans[k]
		if sp.off == 0 || k == 0 {
			continue
		}
		a := ms[k-1]
		if a.Range || a.Dateline || a.Date.IsZero() || ms[k].Start-a.End > reach {
			continue
		}
		var d entente.Date
		switch prec := a.Date.Precision(); {
		case sp.unit == uYear:
			d = entente.Date{Year: a.Date.Year + sp.off}
		case sp.unit == uMonth && prec >= entente.PrecisionMonth:
			y, mo := addMonths(a.Date.Year, a.Date.Month, sp.off)
			d = entente.Date{Year: y, Month: mo}
		case sp.unit == uWeek && prec == entente.PrecisionDay:
			c := addDays(a.Date, 7*sp.off)
			d = common(addDays(c, -3), addDays(c, 3))
		case sp.unit == uDay && prec == entente.PrecisionDay:
			d = addDays(a.Date, sp.off)
		}
		if d.Year < 1 {
			continue
		}
		ms[k].Date, ms[k].Past, ms[k].Forward, ms[k].Relative = d, d, d, a.Relative
	}
	out := ms[:0]
	for _, m := range ms {
		if !m.Date.IsZero() {
			out = append(out, m)
		}
	}
	return out
}

// oneSentence reports whether text between two dates holds no sentence
// break: no line break and no '.', '!' or '?' before a space.
func oneSentence(gap string) bool {
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case '\n', '\r':
			return false
		case '.', '!', '?':
			if i+1 == len(gap) || gap[i+1] == ' ' {
				return false
			}
		}
	}
	return true
}

type parser struct {
	lx   lexer
	text string
	pub  entente.Date
	pubT time.Time // publication noon UTC; zero unless pub has day precision

	lastEnd int // end of the last mention found

	// yearless is set while matching a date that states no year; ysp is
	// what it states, for anchor.
	yearless bool
	ysp      span

	// offsetSpan is set while matching "a year later" and the like.
	offsetSpan span
}

// tok returns token i, or the zero token (kind 0) outside the text.
func (p *parser) tok(i int) *token {
	t, _ := p.lx.at(i)
	return t
}

func (p *parser) punct(i int, rs ...rune) bool {
	t := p.tok(i)
	if t.kind != kPunct {
		return false
	}
	for _, r := range rs {
		if t.r == r {
			return true
		}
	}
	return false
}

// dash reports whether token i is a hyphen or dash joining a range.
func (p *parser) dash(i int) bool {
	return p.punct(i, '-', '–', '—', '‒', '−')
}

func (p *parser) word(i int) *word {
	t := p.tok(i)
	if t.kind != kWord {
		return nil
	}
	return t.word()
}

func (p *parser) is(i int, s string) bool {
	w := p.word(i)
	return w != nil && w.s == s
}

// month returns the month named by token i when it is written as a month
// name: capitalised, so "may" and "march" as words do not count.
func (p *parser) month(i int) (int, bool) {
	t := p.tok(i)
	if t.kind != kWord || t.word() == nil || t.word().month == 0 || !t.cap {
		return 0, false
	}
	return t.word().month, true
}

// afterMonth skips the period of an abbreviated month ("Oct.").
func (p *parser) afterMonth(i int) int {
	t := p.tok(i)
	if nt := p.tok(i + 1); nt.kind == kPunct && nt.r == '.' && !nt.space && t.word() != nil && t.word().abbr {
		return i + 2
	}
	return i + 1
}

// clean reports whether number token i stands alone: not a price, a
// percentage, a time, a decimal or part of a code.
func (p *parser) clean(i int) bool {
	t := p.tok(i)
	if t.kind != kNum || t.grouped {
		return false
	}
	if !t.space {
		pr := p.tok(i - 1)
		switch pr.kind {
		case kPunct:
			switch pr.r {
			case '$', '€', '£', '¥', '#', '№', '+', '=', '@', '_', '&':
				return false
			case '.', ':', ',', '/':
				if pp := p.tok(i - 2); !pr.space && pp.kind == kNum {
					return false
				}
			}
		case kWord, kNum:
			return false
		}
	}
	nx := p.tok(i + 1)
	if nx.kind == kPunct && !nx.space {
		switch nx.r {
		case '%', '$', '€', '£', '_', '@':
			return false
		case '.', ':', ',', '/':
			if n2 := p.tok(i + 2); n2.kind == kNum && !n2.space {
				return false
			}
		}
	}
	return true
}

// day reads a day of the month at token i: "16" or "16th".
func (p *parser) day(i int) (int, bool) {
	t := p.tok(i)
	if t.kind != kNum || t.nd > 2 || t.n < 1 || t.n > 31 || !p.clean(i) {
		return 0, false
	}
	return t.n, true
}

// year reads a four-digit year in 1900..2100 at token i.
func (p *parser) year(i int) (int, bool) {
	t := p.tok(i)
	if t.kind != kNum || t.nd != 4 || t.ord || t.n < 1900 || t.n > 2100 || !p.clean(i) {
		return 0, false
	}
	return t.n, true
}

func (p *parser) match(i int, t *token) (Mention, int, bool) {
	switch t.kind {
	case kNum:
		return p.number(i)
	case kWord:
		if t.word() == nil {
			return Mention{}, 0, false
		}
		if _, ok := p.month(i); ok {
			if m, next, ok := p.monthFirst(i); ok {
				return m, next, true
			}
		}
		if t.word().wday > 0 && t.cap {
			if m, next, ok := p.weekday(i); ok {
				return m, next, true
			}
		}
		return p.relative(i)
	}
	return Mention{}, 0, false
}

// span is a matched calendar expression before resolution: a year, month
// and day, each 0 when the text does not give it, and an optional range end.
type span struct {
	y, m, d    int
	y2, m2, d2 int
	rng        bool
	rel        bool // the year comes from the publication date ("May this year")

	off  int  // for "a year later": the step from the date before, in units
	unit unit // of off
}

// monthFirst matches "Oct. 16, 2024", "October 22–24, 2024", "Oct. 30 -
// Nov. 2", "December 2010", "June-August 2024", and a bare month after a
// preposition ("in March").
func (p *parser) monthFirst(i int) (Mention, int, bool) {
	sp, next, ok := p.monthFirstSpan(i)
	if !ok {
		return Mention{}, 0, false
	}
	m, ok := p.resolve(sp)
	if !ok {
		return Mention{}, 0, false
	}
	m.Start, m.End = p.tok(i).start, p.tok(next-1).end
	if sp.d != 0 && sp.y == 0 {
		m.Dateline = p.dateline(i, next)
	}
	return m, next, true
}

func (p *parser) monthFirstSpan(i int) (span, int, bool) {
	mon, _ := p.month(i)
	j := p.afterMonth(i)
	if d, ok := p.day(j); ok {
		sp := span{m: mon, d: d}
		k := j + 1
		// Range tail: "-24", " to 24", "–Nov. 2".
		if p.dash(k) || p.word(k).is(fRangeSep) {
			// "June 12 and 14 people died" is no range.
			if d2, ok := p.day(k + 1); ok && d2 > d && !p.word(k+2).is(fQuantity) {
				sp.rng, sp.m2, sp.d2 = true, mon, d2
				k += 2
			} else if m2, ok := p.month(k + 1); ok && m2 != mon {
				if d2, ok := p.day(p.afterMonth(k + 1)); ok {
					sp.rng, sp.m2, sp.d2 = true, m2, d2
					k = p.afterMonth(k+1) + 1
				}
			}
		}
		kk := k
		if p.punct(kk, ',') {
			kk++
		}
		if y, ok := p.year(kk); ok {
			sp.y = y
			if sp.rng {
				sp.y2 = y
				if sp.m2 < sp.m { // "Dec. 30 - Jan. 2, 2025"
					sp.y--
				}
			}
			k = kk + 1
		}
		return sp, k, true
	}
	// "December 2010", "Dec. 2010", "August, 2023", "May of 2024".
	kk := j
	if p.punct(kk, ',') || p.is(kk, "of") {
		kk++
	}
	if y, ok := p.year(kk); ok {
		return span{y: y, m: mon}, kk + 1, true
	}
	// "June-August 2024", "April and May 2024": the first month.
	if p.dash(j) || p.word(j).is(fRangeSep) {
		if m2, ok := p.month(j + 1); ok {
			kk := p.afterMonth(j + 1)
			if p.punct(kk, ',') {
				kk++
			}
			if y, ok := p.year(kk); ok {
				y1 := y
				if m2 < mon {
					y1--
				}
				return span{y: y1, m: mon, y2: y, m2: m2, rng: true}, kk + 1, true
			}
		}
	}
	// "May this year", "in February of last year".
	kk = i + 1
	if p.is(kk, "of") {
		kk++
	}
	pr := i - 1
	if p.dash(pr) && !p.tok(i).space {
		pr--
	}
	ctx := p.word(pr).is(fMonthCtx)
	if dir, ok := p.lastThisNextWord(kk); ok && p.is(kk+1, "year") && p.pub.Year != 0 && (ctx || mon != 5) {
		return span{y: p.pub.Year + dir, m: mon, rel: true}, kk + 2, true
	}
	// A bare month needs a preposition before it ("in March", "mid-May") or
	// a possessive after it ("October's vote"; not "May's", a name).
	conj := p.word(pr).is(fMonthConj) || p.dash(pr)
	if _, prevMonth := p.month(pr - 1); conj && prevMonth && p.tok(pr-1).end == p.lastEnd {
		return span{m: mon}, i + 1, true
	}
	// Not "Mar-a-Lago", and not an abbreviation before a name ("by Jan
	// Kowalski").
	if nt := p.tok(i + 1); nt.kind == kPunct && nt.r == '-' && !nt.space && p.tok(i+2).kind == kWord && !p.tok(i+2).space ||
		p.word(i).abbr && nt.kind == kWord && nt.cap {
		return span{}, 0, false
	}
	if ctx || mon != 5 && p.possessive(i+1) {
		return span{m: mon}, i + 1, true
	}
	return span{}, 0, false
}

// lastThisNextWord reports whether token i is "last", "this" or "next", and
// which way it points.
func (p *parser) lastThisNextWord(i int) (int, bool) {
	w := p.word(i)
	if w == nil {
		return 0, false
	}
	switch w.s {
	case "last":
		return -1, true
	case "this":
		return 0, true
	case "next":
		return 1, true
	}
	return 0, false
}

// possessive reports whether tokens i, i+1 are a glued "'s".
func (p *parser) possessive(i int) bool {
	a, b := p.tok(i), p.tok(i+1)
	return a.kind == kPunct && !a.space && (a.r == '\'' || a.r == '’') &&
		b.kind == kWord && !b.space && b.end-b.start == 1 && p.text[b.start]|0x20 == 's'
}

// dayFirst matches "16 October 2024", "16th of Oct", "23-24 October 2024",
// "30 October – 2 November 2024".
func (p *parser) dayFirst(i int) (Mention, int, bool) {
	sp, next, ok := p.dayFirstSpan(i)
	if !ok {
		return Mention{}, 0, false
	}
	m, ok := p.resolve(sp)
	if !ok {
		return Mention{}, 0, false
	}
	m.Start, m.End = p.tok(i).start, p.tok(next-1).end
	if sp.y == 0 {
		m.Dateline = p.dateline(i, next)
	}
	return m, next, true
}

func (p *parser) dayFirstSpan(i int) (span, int, bool) {
	d, ok := p.day(i)
	if !ok {
		return span{}, 0, false
	}
	sp := span{d: d}
	k := i + 1
	// "23-24 October", "23 to 24 October"
	if p.dash(k) || p.word(k).is(fRangeSep) {
		if d2, ok := p.day(k + 1); ok && d2 > d {
			kk := k + 2
			if p.is(kk, "of") {
				kk++
			}
			if _, ok := p.month(kk); ok {
				sp.rng, sp.d2 = true, d2
				k = k + 2
			}
		}
	}
	if p.is(k, "of") {
		k++
	}
	mon, ok := p.month(k)
	if !ok {
		return span{}, 0, false
	}
	sp.m = mon
	if sp.rng {
		sp.m2 = mon
	}
	k = p.afterMonth(k)
	// "30 October – 2 November"
	if !sp.rng && (p.dash(k) || p.word(k).is(fRangeSep)) {
		if d2, ok := p.day(k + 1); ok {
			if m2, ok := p.month(k + 2); ok && m2 != mon {
				sp.rng, sp.m2, sp.d2 = true, m2, d2
				k = p.afterMonth(k + 2)
			}
		}
	}
	kk := k
	if p.punct(kk, ',') {
		kk++
	}
	if y, ok := p.year(kk); ok {
		sp.y = y
		if sp.rng {
			sp.y2 = y
			if sp.m2 < sp.m {
				sp.y--
			}
		}
		k = kk + 1
	}
	return sp, k, true
}

// number matches expressions that start with a number: ISO and numeric
// dates, day-first dates, year ranges, bare years and "3 days ago".
func (p *parser) number(i int) (Mention, int, bool) {
	t := p.tok(i)
	if m, next, ok := p.numeric(i); ok {
		return m, next, true
	}
	if t.nd <= 2 {
		if m, next, ok := p.dayFirst(i); ok {
			return m, next, true
		}
		if p.clean(i) && !t.ord {
			return p.ago(i, t.n)
		}
		return Mention{}, 0, false
	}
	return p.bareYear(i)
}

// numeric matches "2024-10-16", "2024/10/16", "16/10/2024", "16.10.2024" and
// "10/16/2024" (day and month told apart only when one exceeds 12; otherwise
// only the year is certain).
func (p *parser) numeric(i int) (Mention, int, bool) {
	a := p.tok(i)
	s1, b, s2, c := p.tok(i+1), p.tok(i+2), p.tok(i+3), p.tok(i+4)
	if s1.kind != kPunct || b.kind != kNum || s2.kind != kPunct || s1.space || b.space || s2.space || c.space {
		return Mention{}, 0, false
	}
	if s1.r != s2.r || (s1.r != '-' && s1.r != '/' && s1.r != '.') {
		return Mention{}, 0, false
	}
	if pr := p.tok(i - 1); !a.space && (pr.kind == kNum || pr.kind == kWord || pr.kind == kPunct && (pr.r == '/' || pr.r == '-' || pr.r == '.')) {
		return Mention{}, 0, false
	}
	end := c.end
	var y, mo, d int
	var cn, cnd int
	switch c.kind {
	case kNum:
		cn, cnd = c.n, c.nd
		if c.ord || c.grouped {
			return Mention{}, 0, false
		}
		// Not "1.2.2024.5" or "10/16/2024/7".
		if nx, n2 := p.tok(i+5), p.tok(i+6); !nx.space && nx.kind == kPunct && (nx.r == s1.r || nx.r == '.' || nx.r == ':') && n2.kind == kNum && !n2.space {
			return Mention{}, 0, false
		}
	case kWord:
		// "2024-10-16T10:30:00Z": the lexer glues "16T10" into one word.
		w := p.text[c.start:c.end]
		if len(w) < 3 || !isDigit(w[0]) || !isDigit(w[1]) || w[2] != 'T' || a.nd != 4 || s1.r != '-' {
			return Mention{}, 0, false
		}
		cn, cnd = int(w[0]-'0')*10+int(w[1]-'0'), 2
		end = c.start + 2
	default:
		return Mention{}, 0, false
	}
	switch {
	case a.nd == 4 && b.nd <= 2 && cnd <= 2: // year first
		y, mo, d = a.n, b.n, cn
	case a.nd <= 2 && b.nd <= 2 && cnd == 4 && s1.r != '-':
		y = cn
		switch {
		case s1.r == '.' || a.n > 12 && b.n <= 12: // "16.10.2024" is day-first
			d, mo = a.n, b.n
		case b.n > 12 && a.n <= 12:
			mo, d = a.n, b.n
		case a.n == b.n:
			d, mo = a.n, b.n
		default:
			if y < 1900 || y > 2100 {
				return Mention{}, 0, false
			}
			d := entente.Date{Year: y}
			return Mention{Start: a.start, End: end, Date: d, Past: d, Forward: d}, i + 5, true
		}
	default:
		return Mention{}, 0, false
	}
	if y < 1900 || y > 2100 || !valid(y, mo, d) {
		return Mention{}, 0, false
	}
	dt := entente.Date{Year: y, Month: mo, Day: d}
	return Mention{Start: a.start, End: end, Date: dt, Past: dt, Forward: dt}, i + 5, true
}

// bareYear matches "2024", "2001-2006", "2023-24" and "mid-2023", rejecting
// numbers that read as counts or labels.
func (p *parser) bareYear(i int) (Mention, int, bool) {
	y, ok := p.year(i)
	if !ok {
		return Mention{}, 0, false
	}
	if pr := p.tok(i - 1); pr.kind == kNum || pr.kind == kWord && pr.word().is(fNotYearAfter) {
		return Mention{}, 0, false
	}
	next := i + 1
	m := Mention{Start: p.tok(i).start, End: p.tok(i).end}
	// Ranges: "2001-2006", "2001–06", "2023/24".
	if p.dash(next) || p.punct(next, '/') && !p.tok(next).space {
		b := p.tok(next + 1)
		if b.kind == kNum && !b.grouped && !b.ord && (p.dash(next) || !b.space) {
			y2 := 0
			switch b.nd {
			case 4:
				y2 = b.n
			case 2:
				y2 = y/100*100 + b.n
			}
			if y2 > y && y2 <= y+100 && y2 <= 2100 {
				m.Range, m.Until = true, entente.Date{Year: y2}
				m.End = b.end
				next += 2
			}
		}
	}
	if nx := p.tok(next); nx.kind == kNum && !m.Range || nx.kind == kWord && nx.word().is(fQuantity) {
		return Mention{}, 0, false
	}
	m.Date = entente.Date{Year: y}
	m.Past, m.Forward = m.Date, m.Date
	if q := p.tok(p.qualifierStart(i)).start; q >= p.lastEnd {
		m.Start = q
	}
	return m, next, true
}

// qualifierStart extends a year's span back over "mid-", "early", "late",
// "the start of", "summer": qualifiers that keep the year's precision.
func (p *parser) qualifierStart(i int) int {
	j := i
	if p.dash(j-1) && !p.tok(j).space && p.word(j-2).is(fQualifier) {
		return j - 2
	}
	if p.word(j - 1).is(fQualifier) {
		return j - 1
	}
	if p.word(j - 1).is(fSeason) {
		return j - 1
	}
	if p.is(j-1, "of") && (p.word(j-2).is(fPart) || p.word(j-2).is(fSeason)) {
		j -= 2
		if p.is(j-1, "the") {
			j--
		}
	}
	return j
}

// weekday matches "Monday", "on Monday", and a weekday before a date
// ("Wednesday, June 12"), which can fix the year of a date that omits it.
func (p *parser) weekday(i int) (Mention, int, bool) {
	wd := p.word(i).wday
	if p.word(i-1).is(fNotWeekdayBefore) && p.tok(i-1).cap || p.word(i+1).is(fNotWeekdayAfter) && p.tok(i+1).cap {
		return Mention{}, 0, false
	}
	// "Wednesday, June 12", "Monday 16 October 2024", "Saturday (Sept. 9)",
	// "Mon., Oct. 14".
	j := i + 1
	abbr := p.word(i).abbr
	if abbr && p.punct(j, '.') && !p.tok(j).space {
		j++
	}
	paren := p.punct(j, '(')
	if paren || p.punct(j, ',') {
		j++
	}
	var m Mention
	var next int
	var ok bool
	if _, isMonth := p.month(j); isMonth {
		m, next, ok = p.monthFirst(j)
	} else if p.tok(j).kind == kNum {
		m, next, ok = p.dayFirst(j)
	}
	ok = ok && m.Date.Precision() == entente.PrecisionDay && (!paren || p.punct(next, ')'))
	if ok {
		m.Start = p.tok(i).start
		if paren {
			m.End = p.tok(next).end
			next++
		}
		if m.Past != m.Forward {
			// The weekday picks the reading that falls on it.
			switch wd {
			case weekdayOf(m.Past):
				m.Date, m.Forward = m.Past, m.Past
				p.yearless = false
			case weekdayOf(m.Forward):
				m.Date, m.Past = m.Forward, m.Forward
				p.yearless = false
			}
		}
		return m, next, true
	}
	p.yearless = false // a date tried after the weekday did not hold
	if p.pubT.IsZero() || abbr {
		return Mention{}, 0, false
	}
	pw := weekdayOf(p.pub)
	past := p.addDays(-((pw - wd + 7) % 7))
	fwd := p.addDays((wd - pw + 7) % 7)
	t := p.tok(i)
	return Mention{Start: t.start, End: t.end, Date: past, Past: past, Forward: fwd, Relative: true}, i + 1, true
}

// relative matches expressions resolved against the publication date that
// start with a word: "today", "last month", "earlier this year", "last
// August", "next Monday", "two years ago", "between 2001 and 2006".
func (p *parser) relative(i int) (Mention, int, bool) {
	w := p.word(i)
	t := p.tok(i)
	switch w.s {
	case "today", "tonight", "yesterday", "tomorrow":
		if p.pubT.IsZero() {
			return Mention{}, 0, false
		}
		off := 0
		switch w.s {
		case "yesterday":
			off = -1
		case "tomorrow":
			off = 1
		}
		d := p.addDays(off)
		return Mention{Start: t.start, End: t.end, Date: d, Past: d, Forward: d, Relative: true}, i + 1, true
	case "between", "from":
		return p.yearRange(i)
	case "the":
		return p.theFollowing(i)
	case "last", "this", "next":
		return p.lastThisNext(i, i)
	}
	if w.is(fQualifier) {
		j := i + 1
		if p.dash(j) {
			j++
		}
		if ww := p.word(j); ww != nil && (ww.s == "last" || ww.s == "this" || ww.s == "next") {
			return p.lastThisNext(i, j)
		}
		return Mention{}, 0, false
	}
	if w.num > 0 {
		return p.ago(i, w.num)
	}
	if w.is(fPart) {
		return p.partOfThe(i)
	}
	if w.unit == uWeekend {
		return p.theWeekend(i)
	}
	return Mention{}, 0, false
}

// theWeekend matches "over the weekend", "at the weekend": the latest
// weekend that began on or before publication, to the month when its two
// days share one.
func (p *parser) theWeekend(i int) (Mention, int, bool) {
	if !p.is(i-1, "the") || !(p.is(i-2, "over") || p.is(i-2, "at") || p.is(i-2, "during")) || p.pubT.IsZero() {
		return Mention{}, 0, false
	}
	sat := p.addDays(-((weekdayOf(p.pub) - 6 + 7) % 7))
	d := common(sat, addDays(sat, 1))
	if d.IsZero() {
		return Mention{}, 0, false
	}
	return Mention{Start: p.tok(i - 1).start, End: p.tok(i).end, Date: d, Past: d, Forward: d, Relative: true}, i + 1, true
}

// lastThisNext matches "last week", "this month", "next year", "last
// August", "next Monday", "this morning"; start is where the span begins
// (before a qualifier such as "earlier").
func (p *parser) lastThisNext(start, i int) (Mention, int, bool) {
	dir := 0
	switch p.word(i).s {
	case "last":
		dir = -1
	case "next":
		dir = 1
	}
	// "the next year", "over the last month" name a period relative to
	// something else, or a rolling span: not a calendar date.
	if dir != 0 && (p.is(start-1, "the") || p.is(start-1, "past")) {
		return Mention{}, 0, false
	}
	st := p.tok(start).start
	nw := p.word(i + 1)
	if nw == nil {
		return Mention{}, 0, false
	}
	end := p.tok(i + 1).end
	rel := func(d entente.Date) (Mention, int, bool) {
		if d.IsZero() {
			return Mention{}, 0, false
		}
		return Mention{Start: st, End: end, Date: d, Past: d, Forward: d, Relative: true}, i + 2, true
	}
	switch {
	case nw.unit == uYear && nw.s == "year":
		if p.pub.Year == 0 {
			return Mention{}, 0, false
		}
		return rel(entente.Date{Year: p.pub.Year + dir})
	case nw.unit == uMonth && nw.s == "month":
		if p.pub.Month == 0 {
			return Mention{}, 0, false
		}
		y, m := addMonths(p.pub.Year, p.pub.Month, dir)
		return rel(entente.Date{Year: y, Month: m})
	case nw.unit == uWeek && nw.s == "week", nw.unit == uWeekend:
		if p.pubT.IsZero() {
			return Mention{}, 0, false
		}
		// Calendar weeks run Monday to Sunday; a weekend is its Saturday and
		// Sunday. The day is never stated, so give the month when the whole
		// span lies in one, else the year.
		monday := p.addDays(-(weekdayOf(p.pub) - 1) + 7*dir)
		first, last := monday, addDays(monday, 6)
		if nw.unit == uWeekend {
			first = addDays(monday, 5)
		}
		return rel(common(first, last))
	case nw.month > 0 && p.tok(i+1).cap:
		if p.pub.Month == 0 {
			return Mention{}, 0, false
		}
		var y int
		switch {
		case dir < 0 && nw.month < p.pub.Month, dir == 0, dir > 0 && nw.month > p.pub.Month:
			y = p.pub.Year
		case dir < 0:
			y = p.pub.Year - 1
		default:
			y = p.pub.Year + 1
		}
		return rel(entente.Date{Year: y, Month: nw.month})
	case nw.wday > 0 && p.tok(i+1).cap:
		if p.pubT.IsZero() {
			return Mention{}, 0, false
		}
		pw := weekdayOf(p.pub)
		switch dir {
		case -1:
			back := (pw - nw.wday + 7) % 7
			if back == 0 {
				back = 7
			}
			return rel(p.addDays(-back))
		case 1:
			fwd := (nw.wday - pw + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			return rel(p.addDays(fwd))
		}
		m, next, ok := rel(p.addDays(-((pw - nw.wday + 7) % 7)))
		m.Forward = p.addDays((nw.wday - pw + 7) % 7)
		return m, next, ok
	case nw.is(fSeason) && nw.s != "winter":
		// Northern seasons; winter straddles two years, so it is left out.
		if p.pub.Month == 0 {
			return Mention{}, 0, false
		}
		first := 9 // autumn, fall
		switch nw.s {
		case "spring":
			first = 3
		case "summer":
			first = 6
		}
		y := p.pub.Year
		switch {
		case dir < 0 && p.pub.Month < first+3:
			y--
		case dir > 0 && p.pub.Month >= first:
			y++
		}
		return rel(entente.Date{Year: y})
	case dir == 0 && nw.is(fDayPart):
		if p.pubT.IsZero() {
			return Mention{}, 0, false
		}
		return rel(p.pub)
	}
	return Mention{}, 0, false
}

// ago matches "two years ago", "a month ago", "3 days ago" starting at the
// count (n; "a" counts one).
func (p *parser) ago(i, n int) (Mention, int, bool) {
	u := p.word(i + 1)
	if n == 1 && u != nil && u.s == "few" {
		return p.fewAgo(i)
	}
	if n < 1 || n > 100 || u == nil || u.unit == uNone || u.unit == uWeekend {
		return Mention{}, 0, false
	}
	switch {
	case p.is(i+2, "later"):
		return p.offset(i, i+3, n, u.unit)
	case p.is(i+2, "earlier"):
		return p.offset(i, i+3, -n, u.unit)
	case !p.is(i+2, "ago"):
		return Mention{}, 0, false
	}
	var d entente.Date
	switch u.unit {
	case uYear:
		if p.pub.Year != 0 {
			d = entente.Date{Year: p.pub.Year - n}
		}
	case uMonth:
		if p.pub.Month != 0 {
			y, m := addMonths(p.pub.Year, p.pub.Month, -n)
			d = entente.Date{Year: y, Month: m}
		}
	case uWeek:
		if !p.pubT.IsZero() {
			c := p.addDays(-7 * n)
			d = common(addDays(c, -3), addDays(c, 3))
		}
	case uDay:
		if !p.pubT.IsZero() {
			d = p.addDays(-n)
		}
	}
	if d.IsZero() {
		return Mention{}, 0, false
	}
	return Mention{Start: p.tok(i).start, End: p.tok(i + 2).end, Date: d, Past: d, Forward: d, Relative: true}, i + 3, true
}

// fewAgo matches "a few days ago" and "a few weeks ago" starting at "a":
// two to six units back, as precise as that span allows (the month, else
// the year, else nothing). No day is invented.
func (p *parser) fewAgo(i int) (Mention, int, bool) {
	u := p.word(i + 2)
	if u == nil || p.pubT.IsZero() || !p.is(i+3, "ago") {
		return Mention{}, 0, false
	}
	step := 0
	switch u.unit {
	case uDay:
		step = 1
	case uWeek:
		step = 7
	default:
		return Mention{}, 0, false
	}
	d := common(p.addDays(-6*step), p.addDays(-2*step))
	if d.IsZero() {
		return Mention{}, 0, false
	}
	return Mention{Start: p.tok(i).start, End: p.tok(i + 3).end, Date: d, Past: d, Forward: d, Relative: true}, i + 4, true
}

// theFollowing matches "the following day", "the next day", "the previous
// year": a step from the date before it (see offset).
func (p *parser) theFollowing(i int) (Mention, int, bool) {
	w, u := p.word(i+1), p.word(i+2)
	if w == nil || u == nil || u.unit == uNone || u.unit == uWeekend || u.s != unitWord[u.unit] {
		return Mention{}, 0, false
	}
	switch w.s {
	case "following":
		return p.offset(i, i+3, 1, u.unit)
	case "next":
		// "the next year" is as often a rolling span ("over the next year").
		if u.unit == uDay {
			return p.offset(i, i+3, 1, u.unit)
		}
	case "previous":
		return p.offset(i, i+3, -1, u.unit)
	}
	return Mention{}, 0, false
}

// unitWord is the singular of each unit: "the following days" is no date.
var unitWord = [...]string{uDay: "day", uWeek: "week", uMonth: "month", uYear: "year"}

// offset returns a mention for tokens [i, next) that lies n units from the
// date before it ("a year later", "the following day"). Its Date stays zero
// here: anchor fills it from that date once all years are settled, or drops
// the mention when there is none.
func (p *parser) offset(i, next, n int, u unit) (Mention, int, bool) {
	p.offsetSpan = span{off: n, unit: u}
	return Mention{Start: p.tok(i).start, End: p.tok(next - 1).end}, next, true
}

// yearRange matches "between 2001 and 2006" and "from 2001 to 2006".
func (p *parser) yearRange(i int) (Mention, int, bool) {
	y1, ok := p.year(i + 1)
	if !ok {
		return Mention{}, 0, false
	}
	sep := p.word(i + 2)
	if sep == nil || !(p.is(i, "between") && sep.s == "and" || p.is(i, "from") && (sep.s == "to" || sep.s == "until" || sep.s == "till" || sep.s == "through")) {
		return Mention{}, 0, false
	}
	y2, ok := p.year(i + 3)
	if !ok || y2 <= y1 {
		return Mention{}, 0, false
	}
	if nx := p.word(i + 4); nx.is(fQuantity) {
		return Mention{}, 0, false
	}
	d := entente.Date{Year: y1}
	return Mention{Start: p.tok(i).start, End: p.tok(i + 3).end, Date: d, Past: d, Forward: d, Range: true, Until: entente.Date{Year: y2}}, i + 4, true
}

// partOfThe matches "the end of the year", "the start of the month": the
// current year or month.
func (p *parser) partOfThe(i int) (Mention, int, bool) {
	if !p.is(i+1, "of") || !p.is(i+2, "the") {
		return Mention{}, 0, false
	}
	u := p.word(i + 3)
	if u == nil {
		return Mention{}, 0, false
	}
	var d entente.Date
	switch u.s {
	case "year":
		d = entente.Date{Year: p.pub.Year}
	case "month":
		if p.pub.Month != 0 {
			d = entente.Date{Year: p.pub.Year, Month: p.pub.Month}
		}
	}
	if d.IsZero() {
		return Mention{}, 0, false
	}
	start := i
	if p.is(i-1, "the") {
		start--
	}
	return Mention{Start: p.tok(start).start, End: p.tok(i + 3).end, Date: d, Past: d, Forward: d, Relative: true}, i + 4, true
}

// dateline reports whether the date in tokens [i, next) is a wire dateline:
// "JOHANNESBURG, Aug 24 (Reuters) -", "Brussels, March 11:" at the start of a
// line (or right after another date, as page headers have it).
func (p *parser) dateline(i, next int) bool {
	if p.punct(next, '(') {
		if t := p.tok(next + 1); t.kind == kWord && t.cap && p.punct(next+2, ')') {
			return true
		}
	}
	if !p.punct(i-1, ',') {
		return false
	}
	if t := p.tok(i - 2); t.kind == kWord && t.upper && (p.dash(next) || p.punct(next, '(', ':')) {
		return true
	}
	// Walk back over the place name: capitalised words and a bracketed
	// region ("Zagreb [Croatia]").
	for j, n := i-2, 0; n < 8; j, n = j-1, n+1 {
		t := p.tok(j)
		if t.kind == kWord && t.cap || t.kind == kPunct && (t.r == '[' || t.r == ']' || t.r == '(' || t.r == ')' || t.r == '-') {
			if t.nl || p.tok(j-1).end == p.lastEnd && p.lastEnd > 0 {
				return true
			}
			continue
		}
		return false
	}
	return false
}

// resolve turns a matched span into a Mention, filling a missing year from
// the publication date.
func (p *parser) resolve(sp span) (Mention, bool) {
	m, ok := p.resolveSpan(sp)
	p.yearless = ok && sp.y == 0
	if p.yearless {
		p.ysp = sp
	}
	return m, ok
}

func (p *parser) resolveSpan(sp span) (Mention, bool) {
	if sp.y != 0 {
		var d entente.Date
		switch {
		case sp.d != 0:
			if !valid(sp.y, sp.m, sp.d) {
				return Mention{}, false
			}
			d = entente.Date{Year: sp.y, Month: sp.m, Day: sp.d}
		default:
			d = entente.Date{Year: sp.y, Month: sp.m}
		}
		m := Mention{Date: d, Past: d, Forward: d, Relative: sp.rel}
		if sp.rng {
			m.Range = true
			m.Until = entente.Date{Year: sp.y2, Month: sp.m2, Day: sp.d2}
			if sp.d2 != 0 && !valid(sp.y2, sp.m2, sp.d2) {
				return Mention{}, false
			}
		}
		return m, true
	}
	if sp.d != 0 && !valid(2024, sp.m, sp.d) { // 2024 is a leap year: Feb 29 may exist
		return Mention{}, false
	}
	if sp.rng && sp.d2 != 0 && !valid(2024, sp.m2, sp.d2) {
		return Mention{}, false
	}
	if sp.d != 0 {
		if p.pubT.IsZero() {
			// A neighbouring date may still give the year; see anchor.
			return Mention{Relative: true, Range: sp.rng}, true
		}
		past, fwd := p.pub.Year, p.pub.Year
		for !valid(past, sp.m, sp.d) || (entente.Date{Year: past, Month: sp.m, Day: sp.d}).Compare(p.pub) > 0 {
			past--
		}
		for !valid(fwd, sp.m, sp.d) || (entente.Date{Year: fwd, Month: sp.m, Day: sp.d}).Compare(p.pub) < 0 {
			fwd++
		}
		m := Mention{Relative: true,
			Past:    entente.Date{Year: past, Month: sp.m, Day: sp.d},
			Forward: entente.Date{Year: fwd, Month: sp.m, Day: sp.d},
		}
		m.Date = m.Past
		if daysBetween(p.pub, m.Forward) <= windowDays {
			m.Date = m.Forward
		}
		if sp.rng {
			m.Range = true
			y2 := m.Date.Year
			if sp.m2 < sp.m {
				y2++
			}
			if !valid(y2, sp.m2, sp.d2) {
				return Mention{}, false
			}
			m.Until = entente.Date{Year: y2, Month: sp.m2, Day: sp.d2}
		}
		return m, true
	}
	if p.pub.Month == 0 {
		return Mention{Relative: true, Range: sp.rng}, true
	}
	past, fwd := p.pub.Year, p.pub.Year
	if sp.m > p.pub.Month {
		past--
	}
	if sp.m < p.pub.Month {
		fwd++
	}
	// A month without a year reads backward by default ("In August, BRICS
	// decided"); Forward serves future-tense sentences ("elections in May").
	m := Mention{Relative: true, Past: entente.Date{Year: past, Month: sp.m}, Forward: entente.Date{Year: fwd, Month: sp.m}}
	m.Date = m.Past
	return m, true
}

// A day without a year is read forward when it falls at most this far after
// publication ("an upcoming forum on Oct. 23-24"), else backward ("Feb. 24").
const windowDays = 61

func valid(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func addMonths(y, m, n int) (int, int) {
	k := y*12 + (m - 1) + n
	return k / 12, k%12 + 1
}

func toTime(d entente.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 12, 0, 0, 0, time.UTC)
}

func addDays(d entente.Date, n int) entente.Date {
	return entente.DayOf(toTime(d).AddDate(0, 0, n))
}

func (p *parser) addDays(n int) entente.Date { return entente.DayOf(p.pubT.AddDate(0, 0, n)) }

func daysBetween(a, b entente.Date) int {
	return int(toTime(b).Sub(toTime(a)).Hours() / 24)
}

// weekdayOf returns 1 (Monday) .. 7 (Sunday).
func weekdayOf(d entente.Date) int {
	w := int(toTime(d).Weekday())
	if w == 0 {
		return 7
	}
	return w
}

// common returns the most precise date covering both days: their month if
// they share one, else their year if they share one, else the zero Date.
func common(a, b entente.Date) entente.Date {
	switch {
	case a.Year != b.Year:
		return entente.Date{}
	case a.Month != b.Month:
		return entente.Date{Year: a.Year}
	}
	return entente.Date{Year: a.Year, Month: a.Month}
}
