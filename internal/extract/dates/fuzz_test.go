package dates

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entente/entente/internal/entente"
)

// newsText is about 5 KB of wire-style prose dense in dates and in numbers
// that are not dates.
var newsText = strings.Repeat("JOHANNESBURG, Aug 24 (Reuters) - Iran and Saudi Arabia were among six countries invited Thursday "+
	"to join the BRICS bloc, which will admit them on Jan. 1, 2024, leaders said at a summit that drew 2,500 delegates. "+
	"The bloc was formed in 2009 and added South Africa in December 2010; Kazakhstan said last month it would refrain "+
	"from applying. Tokayev plans to visit an upcoming forum on Oct. 23-24 in Kazan, where more than 30 countries and "+
	"about $1.5 trillion in trade were at stake. Earlier this year, at 10:30 local time, the G20 met for two days. ", 9)

func TestNewsTextSize(t *testing.T) {
	if n := len(newsText); n < 4500 || n > 6000 {
		t.Fatalf("len(newsText)=%d, want about 5 KB", n)
	}
}

func BenchmarkFind(b *testing.B) {
	pub := entente.MustParseDate("2023-08-25")
	b.SetBytes(int64(len(newsText)))
	b.ReportAllocs()
	for b.Loop() {
		Find(newsText, pub)
	}
}

// BenchmarkFindLarge runs Find on about 1 MB: its MB/s against
// BenchmarkFind's shows the scan stays linear.
func BenchmarkFindLarge(b *testing.B) {
	text := strings.Repeat(newsText, 200)
	pub := entente.MustParseDate("2023-08-25")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text, pub)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		newsText,
		"Oct. 16, 2024", "16-17 October 2024", "2024-10-16T10:30", "between 2001 and 2006", "last Thursday",
		"two years ago", "mid-2023", "Wednesday, June 12", "1,000,000", "\xff\xfe2024", "Oct.\u00a016",
		"last summer of 2024", "at the start of the year", "over the weekend", "in May this year", "Mon., Oct. 14",
		"In 2023, on July 4", "Saturday (Sept. 9)", "Brussels, March 11:", "early next month", "16/10/2024",
	} {
		f.Add(s, 2024, 10, 16)
	}
	f.Fuzz(func(t *testing.T, text string, y, m, d int) {
		pub := entente.Date{Year: y%3000 + 1, Month: (m%13 + 13) % 13}
		if pub.Month > 0 {
			pub.Day = (d%29 + 29) % 29
		}
		if pub.Year < 1 {
			pub = entente.Date{}
		}
		got := Find(text, pub)
		if again := Find(text, pub); !reflect.DeepEqual(got, again) {
			t.Fatalf("Find is not deterministic: %+v then %+v", got, again)
		}
		last := 0
		for _, m := range got {
			if m.Start < last || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("bad span [%d,%d) after %d in %d bytes", m.Start, m.End, last, len(text))
			}
			last = m.End
			for _, d := range []entente.Date{m.Date, m.Past, m.Forward, m.Until} {
				if d.IsZero() {
					continue
				}
				if _, err := entente.ParseDate(d.String()); err != nil {
					t.Fatalf("invalid date %+v for %q: %v", d, text[m.Start:m.End], err)
				}
			}
			if m.Date.IsZero() || m.Past.IsZero() || m.Forward.IsZero() {
				t.Fatalf("zero date in %+v", m)
			}
			if m.Range != !m.Until.IsZero() {
				t.Fatalf("Range=%v with Until=%v", m.Range, m.Until)
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[m.Start:m.End]) {
				t.Fatalf("span splits a rune: %q", text[m.Start:m.End])
			}
		}
	})
}

func TestFindLargeInput(t *testing.T) {
	// A 10 MB article (1 MB with -short or -race) and megabytes of junk
	// must return and find every repeated date; the scanner keeps only a
	// window of tokens, so memory does not grow with the text.
	size := 10 << 20
	if testing.Short() || raceEnabled {
		size = 1 << 20
	}
	pub := entente.MustParseDate("2023-08-25")
	reps := size / len(newsText)
	got := Find(strings.Repeat(newsText, reps), pub)
	if want := len(Find(newsText, pub)) * reps; len(got) != want {
		t.Fatalf("len(Find(%d bytes))=%d, want %d", size, len(got), want)
	}
	junk := make([]byte, 1<<20)
	for i := range junk {
		junk[i] = byte(i*7919 + i>>8)
	}
	for _, s := range []string{
		string(junk),
		strings.Repeat("2024-", 1<<16),
		strings.Repeat("Oct. ", 1<<16),
		strings.Repeat("16 ", 1<<16),
		strings.Repeat("last ", 1<<16),
		strings.Repeat("Monday, ", 1<<16),
		strings.Repeat("\xff", 1<<18),
		strings.Repeat("1,", 1<<17),
	} {
		Find(s, pub)
	}
}
