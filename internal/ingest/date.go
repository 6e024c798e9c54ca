package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente/internal/entente"
)

// Layouts of machine-written publication dates (meta tags, feeds, JSON-LD)
// that are not ISO 8601. The date is read in the writer's own time zone, as
// the page shows it, and never shifted to UTC.
var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC850, time.RFC822Z, time.RFC822, time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006", "2 Jan 2006",
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ]|\b)`)
	isoMonth  = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	compact   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:$|T)`)
	monthName = `(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`
	// "October 16, 2024", "Oct. 16 2024", "16 October 2024", "16th Oct, 2024", "2024-10-16".
	mdy       = regexp.MustCompile(`(?i)\b` + monthName + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmy       = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthName + `\.?,?\s+(\d{4})\b`)
	isoInText = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// parseDateValue reads a machine-written publication date: ISO 8601
// ("2024-10-16", "2024-10-16T09:30:00+03:00", "2024-10"), RFC 1123 and
// friends, or a written-out date ("16 October 2024").
func parseDateValue(s string) (entente.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return entente.Date{}, false
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := compact.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := isoMonth.FindStringSubmatch(s); m != nil {
		d, err := entente.ParseDate(s)
		return d, err == nil && plausibleYear(d.Year)
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil && plausibleYear(t.Year()) {
			return entente.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
		}
	}
	return findDate(s)
}

// findDateline finds a publication date in a dateline at the top of a text
// or in a dateline element: "BRUSSELS, Oct. 16, 2024 (Reuters) -", "date
// 2024-10-16 MOSCOW --", "Published 16 October 2024". Only a date at the
// start of the first line, after a place in capitals or after a label such
// as "Published", counts: "Finland joined NATO on 4 April 2023" is a date
// the story is about, not the day it was published.
func findDateline(s string) (entente.Date, bool) {
	for _, line := range strings.SplitN(strings.TrimSpace(s), "\n", 4) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		idx, d, ok := firstDate(line)
		if !ok || idx > 60 || !datelinePrefix.MatchString(line[:idx]) {
			return entente.Date{}, false
		}
		return d, true
	}
	return entente.Date{}, false
}

// datelinePrefix is what may come before a dateline's date: nothing, a
// place in capitals ("NEW DELHI,", "JOHANNESBURG --"), or a label.
var datelinePrefix = regexp.MustCompile(`^(?:[\p{Lu}\s,.'’()/-]*|(?i:[\p{L} ]{0,16}\b(?:published|posted|date|dated|filed)(?: on)?)\s*[:\-–—]?\s*)$`)

// findDate returns the first written-out or ISO date anywhere in s.
func findDate(s string) (entente.Date, bool) {
	_, d, ok := firstDate(s)
	return d, ok
}

// firstDate returns the earliest date in s and its byte offset.
func firstDate(s string) (int, entente.Date, bool) {
	best, bestDate := -1, entente.Date{}
	try := func(loc []int, y, m, d string) {
		if best >= 0 && loc[0] >= best {
			return
		}
		if date, ok := ymd(y, m, d); ok {
			best, bestDate = loc[0], date
		}
	}
	if m := mdy.FindStringSubmatchIndex(s); m != nil {
		try(m, s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]])
	}
	if m := dmy.FindStringSubmatchIndex(s); m != nil {
		try(m, s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
	}
	if m := isoInText.FindStringSubmatchIndex(s); m != nil {
		try(m, s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	return best, bestDate, best >= 0
}

// ymd builds a day from a year, a month (number or English name) and a day,
// or reports false when they are not a real, plausible date.
func ymd(year, month, day string) (entente.Date, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	m, err3 := strconv.Atoi(month)
	if err3 != nil {
		m = monthNumber(month)
	}
	if err1 != nil || err2 != nil || m == 0 || !plausibleYear(y) {
		return entente.Date{}, false
	}
	date, err := entente.ParseDate(entente.Date{Year: y, Month: m, Day: d}.String())
	if err != nil || d < 1 {
		return entente.Date{}, false
	}
	return date, true
}

func monthNumber(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	i := strings.Index("janfebmaraprmayjunjulaugsepoctnovdec", s[:3])
	if i < 0 || i%3 != 0 {
		return 0
	}
	return i/3 + 1
}

// plausibleYear keeps dates a news archive can hold.
func plausibleYear(y int) bool { return y >= 1900 && y <= 2200 }
