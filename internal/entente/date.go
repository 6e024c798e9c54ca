package entente

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a Date is known.
type Precision int

// Precisions, from none to a day.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// Date is a partial calendar date: a year, a year and month, or a full day.
// The zero Date is unknown. Month and Day are 0 when not known; Day is never
// set without Month.
type Date struct {
	Year  int
	Month int
	Day   int
}

// ParseDate parses "2024", "2024-10" or "2024-10-16". The empty string gives
// the zero Date. Anything else, or a date that does not exist, is EINVALID.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	d, ok := parseDate(s)
	if !ok {
		return Date{}, Errorf(EINVALID, "Invalid date %q: want YYYY, YYYY-MM or YYYY-MM-DD.", s)
	}
	return d, nil
}

// parseDate is ParseDate without the cost of building an error.
func parseDate(s string) (Date, bool) {
	var d Date
	var err error
	switch len(s) {
	case 4, 7, 10:
	default:
		return Date{}, false
	}
	if d.Year, err = digits(s[0:4]); err != nil || d.Year < 1 {
		return Date{}, false
	}
	if len(s) >= 7 {
		if s[4] != '-' {
			return Date{}, false
		}
		if d.Month, err = digits(s[5:7]); err != nil || d.Month < 1 || d.Month > 12 {
			return Date{}, false
		}
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return Date{}, false
		}
		if d.Day, err = digits(s[8:10]); err != nil || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			return Date{}, false
		}
	}
	return d, true
}

func digits(s string) (int, error) {
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("not a digit: %q", r)
		}
	}
	return strconv.Atoi(s)
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MustParseDate is ParseDate for constants in code and tests; it panics on a
// malformed date.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DayOf returns the Date of t's calendar day in UTC.
func DayOf(t time.Time) Date {
	t = t.UTC()
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision returns how much of the date is known.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return PrecisionNone
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	default:
		return PrecisionDay
	}
}

// String returns "2024", "2024-10", "2024-10-16", or "" for the zero Date.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// First returns the first day the date covers ("2024" → 2024-01-01). The
// zero Date gives the zero Date.
func (d Date) First() Date {
	switch d.Precision() {
	case PrecisionYear:
		return Date{d.Year, 1, 1}
	case PrecisionMonth:
		return Date{d.Year, d.Month, 1}
	}
	return d
}

// Last returns the last day the date covers ("2024-02" → 2024-02-29).
func (d Date) Last() Date {
	switch d.Precision() {
	case PrecisionYear:
		return Date{d.Year, 12, 31}
	case PrecisionMonth:
		return Date{d.Year, d.Month, daysIn(d.Year, d.Month)}
	}
	return d
}

// Truncate returns the date cut to at most precision p.
func (d Date) Truncate(p Precision) Date {
	switch {
	case p <= PrecisionNone:
		return Date{}
	case p == PrecisionYear:
		return Date{Year: d.Year}
	case p == PrecisionMonth:
		return Date{Year: d.Year, Month: d.Month}
	}
	return d
}

// Compatible reports whether two dates can describe the same day: one of
// them is unknown, or one refines the other ("2024" and "2024-10-16" are
// compatible; "2024-10" and "2024-11" are not).
func (d Date) Compatible(o Date) bool {
	if d.IsZero() || o.IsZero() {
		return true
	}
	p := min(d.Precision(), o.Precision())
	return d.Truncate(p) == o.Truncate(p)
}

// Compare orders dates by their first day, then by precision (less precise
// first); the zero Date sorts before every known date. It returns -1, 0 or 1.
func (d Date) Compare(o Date) int {
	a, b := d.First(), o.First()
	switch {
	case a.Year != b.Year:
		return cmpInt(a.Year, b.Year)
	case a.Month != b.Month:
		return cmpInt(a.Month, b.Month)
	case a.Day != b.Day:
		return cmpInt(a.Day, b.Day)
	}
	return cmpInt(int(d.Precision()), int(o.Precision()))
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SortKey returns a string that sorts like Compare: "2024-10-00-2" style keys
// let stores order partial dates with a plain string index. The zero Date
// gives "".
func (d Date) SortKey() string {
	if d.IsZero() {
		return ""
	}
	f := d.First()
	return fmt.Sprintf("%04d-%02d-%02d/%d", f.Year, f.Month, f.Day, d.Precision())
}

// MarshalJSON writes the date as a string, or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a date string or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "Invalid date %s: want a string.", b)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
