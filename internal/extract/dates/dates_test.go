package dates

import (
	"fmt"
	"strings"
	"testing"

	"github.com/entente/entente/internal/entente"
	"github.com/google/go-cmp/cmp"
)

// describe renders a mention as `text=date`, plus " rel" when resolved
// against publication, " fwd=D" when the forward reading differs, " past=D"
// when the past reading differs, " until=D" for ranges and " dateline".
func describe(text string, m Mention) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s=%s", text[m.Start:m.End], m.Date)
	if m.Relative {
		b.WriteString(" rel")
	}
	if m.Past != m.Date {
		fmt.Fprintf(&b, " past=%s", m.Past)
	}
	if m.Forward != m.Date {
		fmt.Fprintf(&b, " fwd=%s", m.Forward)
	}
	if m.Range {
		fmt.Fprintf(&b, " until=%s", m.Until)
	}
	if m.Dateline {
		b.WriteString(" dateline")
	}
	return b.String()
}

func findAll(text, published string) []string {
	var pub entente.Date
	if published != "none" {
		pub = entente.MustParseDate(published)
	}
	var out []string
	for _, m := range Find(text, pub) {
		out = append(out, describe(text, m))
	}
	return out
}

type findTest struct {
	name string
	in   string
	pub  string // default 2024-10-16, a Wednesday
	want []string
}

func runFind(t *testing.T, tests []findTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pub := tt.pub
			if pub == "" {
				pub = "2024-10-16"
			}
			got := findAll(tt.in, pub)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q, %s) mismatch (-want +got):\n%s", tt.in, pub, diff)
			}
		})
	}
}

func TestFindAbsolute(t *testing.T) {
	runFind(t, []findTest{
		{name: "abbreviated month day year", in: "It applied on Oct. 16, 2024, officials said.", want: []string{"Oct. 16, 2024=2024-10-16"}},
		{name: "full month day year", in: "on October 16, 2024.", want: []string{"October 16, 2024=2024-10-16"}},
		{name: "day month year", in: "on 16 October 2024 the bloc", want: []string{"16 October 2024=2024-10-16"}},
		{name: "day abbreviated month year", in: "16 Oct 2024", want: []string{"16 Oct 2024=2024-10-16"}},
		{name: "ordinal day", in: "on the 16th of October, 2024 and on January 1st, 2023", want: []string{"16th of October, 2024=2024-10-16", "January 1st, 2023=2023-01-01"}},
		{name: "sept abbreviation", in: "Sept. 9, 2023", want: []string{"Sept. 9, 2023=2023-09-09"}},
		{name: "month year", in: "December 2010, when South Africa became a member", want: []string{"December 2010=2010-12"}},
		{name: "abbreviated month year", in: "in Dec. 2010 it joined", want: []string{"Dec. 2010=2010-12"}},
		{name: "month comma year", in: "in August, 2023, the group", want: []string{"August, 2023=2023-08"}},
		{name: "month of year", in: "in May of 2024", want: []string{"May of 2024=2024-05"}},
		{name: "iso", in: "published 2024-10-16 at noon", want: []string{"2024-10-16=2024-10-16"}},
		{name: "iso timestamp", in: "2024-10-16T10:30:00Z", want: []string{"2024-10-16=2024-10-16"}},
		{name: "iso slashes", in: "2024/10/16", want: []string{"2024/10/16=2024-10-16"}},
		{name: "numeric day first", in: "on 16/10/2024 and 16.10.2024", want: []string{"16/10/2024=2024-10-16", "16.10.2024=2024-10-16"}},
		{name: "numeric at sentence end", in: "in force on 01.05.2004. Then 16/10/2024.", want: []string{"01.05.2004=2004-05-01", "16/10/2024=2024-10-16"}},
		{name: "numeric parts of a longer code", in: "1.2.2024.5 and 10/16/2024/7 and v1.05.2004", want: nil},
		{name: "numeric month first", in: "on 10/16/2024", want: []string{"10/16/2024=2024-10-16"}},
		{name: "numeric ambiguous gives the year", in: "on 05/06/2024", want: []string{"05/06/2024=2024"}},
		{name: "invalid day keeps the year", in: "February 30, 2024 and 2024-02-30", want: []string{"2024=2024", "2024=2024"}},
		{name: "leap day", in: "February 29, 2024", want: []string{"February 29, 2024=2024-02-29"}},
		{name: "weekday before date", in: "on Monday, Dec. 2, 2024", want: []string{"Monday, Dec. 2, 2024=2024-12-02"}},
		{name: "nbsp", in: "Oct.\u00a016,\u00a02024", want: []string{"Oct.\u00a016,\u00a02024=2024-10-16"}},
		{name: "invalid utf-8 around", in: "\xff\xfeOct. 16, 2024\xc3", want: []string{"Oct. 16, 2024=2024-10-16"}},
		{name: "non-latin text", in: "Казахстан 16 октября 2024 года", want: []string{"2024=2024"}},
		{name: "all caps", in: "OCTOBER 16, 2024", want: []string{"OCTOBER 16, 2024=2024-10-16"}},
	})
}

func TestFindYears(t *testing.T) {
	runFind(t, []findTest{
		{name: "in year", in: "added South Africa in 2010.", want: []string{"2010=2010"}},
		{name: "since year", in: "a member since 2006", want: []string{"2006=2006"}},
		{name: "year as modifier", in: "the 2023 summit", want: []string{"2023=2023"}},
		{name: "year possessive", in: "2023's summit", want: []string{"2023=2023"}},
		{name: "start of year", in: "at the start of 2024", want: []string{"the start of 2024=2024"}},
		{name: "early year", in: "early 2024", want: []string{"early 2024=2024"}},
		{name: "mid year", in: "by mid-2023", want: []string{"mid-2023=2023"}},
		{name: "late year", in: "late 2024", want: []string{"late 2024=2024"}},
		{name: "season", in: "in the summer of 2024 and in spring 2025", want: []string{"the summer of 2024=2024", "spring 2025=2025"}},
		{name: "qualifier inside the previous mention", in: "last summer of 2024", want: []string{"last summer=2024 rel", "2024=2024"}},
		{name: "between years", in: "between 2001 and 2006", want: []string{"between 2001 and 2006=2001 until=2006"}},
		{name: "from to years", in: "from 2001 to 2006", want: []string{"from 2001 to 2006=2001 until=2006"}},
		{name: "hyphen range", in: "the 2001-2006 period", want: []string{"2001-2006=2001 until=2006"}},
		{name: "en dash range", in: "2001–06", want: []string{"2001–06=2001 until=2006"}},
		{name: "season range", in: "the 2023-24 season", want: []string{"2023-24=2023 until=2024"}},
		{name: "bounds", in: "in 1899, in 1900, in 2100, in 2101", want: []string{"1900=1900", "2100=2100"}},
		{name: "grouped number", in: "1,000 people and 2,024 votes", want: nil},
		{name: "currency", in: "$2024 and €2024 and 2024$", want: nil},
		{name: "percent", in: "2024% growth", want: nil},
		{name: "g20", in: "the G20 summit and BRICS+ members", want: nil},
		{name: "event label", in: "at BRICS+ 2024 in Kazan", want: []string{"2024=2024"}},
		{name: "time", in: "at 10:30 and 20:15", want: nil},
		{name: "quantities", in: "2500 troops, 2000 people, in 120 countries", want: nil},
		{name: "count words", in: "about 2000 delegates, some 1950 in all, more than 2001", want: nil},
		{name: "labels", in: "Resolution 2231 and flight 2024", want: nil},
		{name: "decimal", in: "3.2024 and 2024.5", want: nil},
		{name: "decade skipped", in: "in the 1990s", want: nil},
		{name: "phone like", in: "call 495 2024 1234", want: nil},
		{name: "too many digits", in: "20245 and 02024", want: nil},
	})
}

func TestFindNoYear(t *testing.T) {
	runFind(t, []findTest{
		{name: "recent past day", in: "on Oct 10", want: []string{"Oct 10=2024-10-10 rel fwd=2025-10-10"}},
		{name: "day within two months ahead", in: "forum on Oct. 23-24 in Kazan", want: []string{"Oct. 23-24=2024-10-23 rel past=2023-10-23 until=2024-10-24"}},
		{name: "day more than two months ahead", in: "on Feb. 24, Russia invaded", pub: "2022-06-23", want: []string{"Feb. 24=2022-02-24 rel fwd=2023-02-24"}},
		{name: "day first", in: "on 16 October", want: []string{"16 October=2024-10-16 rel"}},
		{name: "since january 1", in: "partners since January 1.", pub: "2025-01-08", want: []string{"January 1=2025-01-01 rel fwd=2026-01-01"}},
		{name: "january 1 ahead at year end", in: "will join on January 1.", pub: "2024-12-20", want: []string{"January 1=2025-01-01 rel past=2024-01-01"}},
		{name: "weekday and date pick the year", in: "said on Wednesday, June 12, without", pub: "2024-06-13", want: []string{"Wednesday, June 12=2024-06-12 rel"}},
		{name: "weekday picks the forward year", in: "on Friday, Jan. 3", pub: "2024-12-20", want: []string{"Friday, Jan. 3=2025-01-03 rel"}},
		{name: "weekday picks the past year", in: "on Saturday, Jan. 6", pub: "2024-12-20", want: []string{"Saturday, Jan. 6=2024-01-06 rel"}},
		{name: "weekday abbreviation", in: "Mon., Oct. 14 and Thu 17 Oct", want: []string{"Mon., Oct. 14=2024-10-14 rel", "Thu 17 Oct=2024-10-17 rel"}},
		{name: "weekday abbreviation alone", in: "the Sun reported on Sat", want: nil},
		{name: "weekday in parentheses", in: "on Saturday (Sept. 9) in New Delhi", pub: "2023-09-10", want: []string{"Saturday (Sept. 9)=2023-09-09 rel"}},
		{name: "day range across months", in: "Oct. 30-Nov. 2", want: []string{"Oct. 30-Nov. 2=2024-10-30 rel past=2023-10-30 until=2024-11-02"}},
		{name: "and with a count is no range", in: "on June 12 and 14 people died", pub: "2024-06-20", want: []string{"June 12=2024-06-12 rel fwd=2025-06-12"}},
		{name: "day first range", in: "on 23-24 October", want: []string{"23-24 October=2024-10-23 rel past=2023-10-23 until=2024-10-24"}},
		{name: "in month past", in: "In August, BRICS decided", pub: "2023-11-23", want: []string{"August=2023-08 rel fwd=2024-08"}},
		{name: "in month ahead reads past by default", in: "elections in December", want: []string{"December=2023-12 rel fwd=2024-12"}},
		{name: "month this year", in: "in May this year and in February of last year", pub: "2020-12-11", want: []string{"May this year=2020-05 rel", "February of last year=2019-02 rel"}},
		{name: "months joined", in: "in April and May, and then Theresa May and March", want: []string{"April=2024-04 rel fwd=2025-04", "May=2024-05 rel fwd=2025-05"}},
		{name: "name before this year", in: "Theresa May this year said", want: []string{"this year=2024 rel"}},
		{name: "weekday before a yearless month stays a weekday", in: "In 2023, on Monday, October's vote", want: []string{"2023=2023", "Monday=2024-10-14 rel fwd=2024-10-21", "October=2024-10 rel"}},
		{name: "month possessive", in: "October's vote and May's government", want: []string{"October=2024-10 rel"}},
		{name: "in month far ahead reads past", in: "joined in January", want: []string{"January=2024-01 rel fwd=2025-01"}},
		{name: "current month", in: "in October", want: []string{"October=2024-10 rel"}},
		{name: "mid month", in: "by mid-March", want: []string{"March=2024-03 rel fwd=2025-03"}},
		{name: "may and march as words", in: "Kazakhstan May join. March organisers said it may", want: nil},
		{name: "not a month", in: "in Mar-a-Lago and by Jan Kowalski", want: nil},
		{name: "bare month without preposition", in: "August was hot", want: nil},
		{name: "dateline at line start", in: "Brussels, March 11: Sweden's flag", pub: "2024-03-11", want: []string{"March 11=2024-03-11 rel dateline"}},
		{name: "dateline with bracket", in: "Zagreb [Croatia], January 1 (ANI): Croatia", pub: "2023-01-01", want: []string{"January 1=2023-01-01 rel dateline"}},
		{name: "dateline after header", in: "date 2025-10-26 Kuala Lumpur, Oct 26 Timor-Leste became", pub: "2025-10-26", want: []string{"2025-10-26=2025-10-26", "Oct 26=2025-10-26 dateline"}},
		{name: "not a dateline", in: "It said that in Paris, Oct 26 was chosen.", pub: "2025-10-26", want: []string{"Oct 26=2025-10-26 rel"}},
		{name: "dateline", in: "JOHANNESBURG, Aug 24 (Reuters) - Iran was invited", pub: "2023-08-24", want: []string{"Aug 24=2023-08-24 rel dateline"}},
		{name: "no publication date", in: "on Oct 10, in August, on Monday, last year", pub: "none", want: nil},
	})
}

func TestFindAnchored(t *testing.T) {
	runFind(t, []findTest{
		{name: "same month before", in: "Iran joined the SCO in July 2023 (at a virtual summit on July 4).", want: []string{"July 2023=2023-07", "July 4=2023-07-04"}},
		{name: "year just before", in: "In 2023, on July 4, Iran joined.", want: []string{"2023=2023", "July 4=2023-07-04"}},
		{name: "same month after", in: "It joined on Jan. 6, two days after approval on Jan 4th 2025.", want: []string{"Jan. 6=2025-01-06", "Jan 4th 2025=2025-01-04"}},
		{name: "range", in: "In 2019, on Oct. 23-24, it met.", want: []string{"2019=2019", "Oct. 23-24=2019-10-23 until=2019-10-24"}},
		{name: "month", in: "Finland joined in 2023, in April.", want: []string{"2023=2023", "April=2023-04"}},
		{name: "relative year", in: "Last year, in March, Finland joined.", want: []string{"Last year=2023 rel", "March=2023-03 rel"}},
		{name: "weekday does not anchor", in: "January 1 (ANI): Croatia on Sunday", pub: "2023-01-01", want: []string{"January 1=2023-01-01 rel dateline", "Sunday=2023-01-01 rel"}},
		{name: "far year in the sentence does not anchor", in: "Founded in 2009, the bloc that India chairs will meet on Oct. 22.", want: []string{"2009=2009", "Oct. 22=2024-10-22 rel past=2023-10-22"}},
		{name: "other sentence does not anchor", in: "It was in July 2023. On July 4 it met.", want: []string{"July 2023=2023-07", "July 4=2024-07-04 rel fwd=2025-07-04"}},
		{name: "anchors without publication date", in: "in July 2023 (on July 4) and in May", pub: "none", want: []string{"July 2023=2023-07", "July 4=2023-07-04"}},
		{name: "weekday year wins", in: "In 2023, on Friday, Jan. 3, it met.", pub: "2024-12-20", want: []string{"2023=2023", "Friday, Jan. 3=2025-01-03 rel"}},
	})
}

func TestFindSteps(t *testing.T) {
	runFind(t, []findTest{
		{name: "a year later", in: "Finland joined in 2023; Sweden followed a year later.", want: []string{"2023=2023", "a year later=2024"}},
		{name: "the following day", in: "The summit opened on Aug. 22, 2023. The following day, six countries were invited.", want: []string{"Aug. 22, 2023=2023-08-22", "The following day=2023-08-23"}},
		{name: "the next day", in: "It met on Monday and voted the next day.", want: []string{"Monday=2024-10-14 rel fwd=2024-10-21", "the next day=2024-10-15 rel"}},
		{name: "days earlier", in: "on 10 June 2024, two days earlier", want: []string{"10 June 2024=2024-06-10", "two days earlier=2024-06-08"}},
		{name: "months later", in: "It applied in March 2023 and joined three months later.", want: []string{"March 2023=2023-03", "three months later=2023-06"}},
		{name: "the previous year", in: "since 2010, and the previous year", want: []string{"2010=2010", "the previous year=2009"}},
		{name: "chained", in: "in 2001, a year later and two years later", want: []string{"2001=2001", "a year later=2002", "two years later=2004"}},
		{name: "a day later needs a day", in: "in 2023, a day later", want: []string{"2023=2023"}},
		{name: "nothing to step from", in: "A year later, it joined.", want: nil},
		{name: "too far to step from", in: "in 2001." + strings.Repeat(" Words go here.", 40) + " A year later it joined.", want: []string{"2001=2001"}},
		{name: "rolling next year", in: "over the next year and the following days", want: nil},
		{name: "step from a range is unclear", in: "between 2001 and 2006 and a year later", want: []string{"between 2001 and 2006=2001 until=2006"}},
	})
}

func TestFindRelative(t *testing.T) {
	runFind(t, []findTest{
		{name: "today", in: "Today, we will participate", want: []string{"Today=2024-10-16 rel"}},
		{name: "yesterday tomorrow", in: "yesterday and tomorrow", want: []string{"yesterday=2024-10-15 rel", "tomorrow=2024-10-17 rel"}},
		{name: "this morning", in: "this morning", want: []string{"this morning=2024-10-16 rel"}},
		{name: "on weekday", in: "said on Monday", want: []string{"Monday=2024-10-14 rel fwd=2024-10-21"}},
		{name: "weekday is publication day", in: "on Sunday", pub: "2025-10-26", want: []string{"Sunday=2025-10-26 rel"}},
		{name: "bare weekday", in: "invited Thursday to join", pub: "2023-08-25", want: []string{"Thursday=2023-08-24 rel fwd=2023-08-31"}},
		{name: "weekday possessive", in: "Monday's decision", want: []string{"Monday=2024-10-14 rel fwd=2024-10-21"}},
		{name: "last weekday", in: "formally joined NATO last Thursday", pub: "2024-03-11", want: []string{"last Thursday=2024-03-07 rel"}},
		{name: "last weekday same day", in: "last Wednesday", want: []string{"last Wednesday=2024-10-09 rel"}},
		{name: "next weekday", in: "next Monday", want: []string{"next Monday=2024-10-21 rel"}},
		{name: "this weekday", in: "this Friday", want: []string{"this Friday=2024-10-11 rel fwd=2024-10-18"}},
		{name: "weekday names", in: "Good Friday and the Sunday Times", want: nil},
		{name: "last week in one month", in: "last week", want: []string{"last week=2024-10 rel"}},
		{name: "last week at month end", in: "last week", pub: "2024-10-02", want: []string{"last week=2024-09 rel"}},
		{name: "last week across months", in: "last week", pub: "2024-10-09", want: []string{"last week=2024 rel"}},
		{name: "last week across years", in: "last week", pub: "2025-01-08", want: nil},
		{name: "next week", in: "next week", want: []string{"next week=2024-10 rel"}},
		{name: "last weekend", in: "last weekend", pub: "2024-10-01", want: []string{"last weekend=2024-09 rel"}},
		{name: "over the weekend", in: "over the weekend", pub: "2024-10-14", want: []string{"the weekend=2024-10 rel"}},
		{name: "weekend across months", in: "at the weekend", pub: "2024-12-02", want: []string{"the weekend=2024 rel"}},
		{name: "weekend on saturday", in: "during the weekend", pub: "2024-10-19", want: []string{"the weekend=2024-10 rel"}},
		{name: "months", in: "last month, this month and next month", want: []string{"last month=2024-09 rel", "this month=2024-10 rel", "next month=2024-11 rel"}},
		{name: "month across year", in: "next month", pub: "2018-12-03", want: []string{"next month=2019-01 rel"}},
		{name: "years", in: "last year, this year, next year", want: []string{"last year=2023 rel", "this year=2024 rel", "next year=2025 rel"}},
		{name: "earlier this year", in: "earlier this year", want: []string{"earlier this year=2024 rel"}},
		{name: "later this month", in: "later this month", want: []string{"later this month=2024-10 rel"}},
		{name: "later this year", in: "Later this year and early next year", want: []string{"Later this year=2024 rel", "early next year=2025 rel"}},
		{name: "late last year", in: "late last year", want: []string{"late last year=2023 rel"}},
		{name: "last month name", in: "Last August, the BRICS", pub: "2023-12-29", want: []string{"Last August=2023-08 rel"}},
		{name: "last month name same month", in: "last October", want: []string{"last October=2023-10 rel"}},
		{name: "next month name", in: "next March", want: []string{"next March=2025-03 rel"}},
		{name: "seasons", in: "last summer, this spring, next autumn, last winter", want: []string{"last summer=2024 rel", "this spring=2024 rel", "next autumn=2025 rel"}},
		{name: "last summer early in the year", in: "last summer and next summer", pub: "2024-03-01", want: []string{"last summer=2023 rel", "next summer=2024 rel"}},
		{name: "rolling periods", in: "over the last year, the next month, the past week", want: nil},
		{name: "ago", in: "a year ago, two years ago, 3 months ago, five days ago", want: []string{"a year ago=2023 rel", "two years ago=2022 rel", "3 months ago=2024-07 rel", "five days ago=2024-10-11 rel"}},
		{name: "weeks ago", in: "two weeks ago", pub: "2024-10-25", want: []string{"two weeks ago=2024-10 rel"}},
		{name: "a few days ago within a month", in: "a few days ago", pub: "2024-10-25", want: []string{"a few days ago=2024-10 rel"}},
		{name: "a few days ago across months", in: "a few days ago", pub: "2024-10-03", want: []string{"a few days ago=2024 rel"}},
		{name: "a few weeks ago", in: "a few weeks ago", pub: "2024-10-25", want: []string{"a few weeks ago=2024 rel"}},
		{name: "a few months ago is no date", in: "a few months ago", pub: "2024-10-25", want: nil},
		{name: "weeks ago across months", in: "two weeks ago", want: []string{"two weeks ago=2024 rel"}},
		{name: "end of the year", in: "by the end of the year", want: []string{"the end of the year=2024 rel"}},
		{name: "start of the month", in: "at the start of the month", want: []string{"the start of the month=2024-10 rel"}},
		{name: "no day for day expressions", in: "today, on Monday, last week", pub: "2024-10", want: nil},
		{name: "month known", in: "last month, last year", pub: "2024-10", want: []string{"last month=2024-09 rel", "last year=2023 rel"}},
	})
}

func TestFindArticle(t *testing.T) {
	text := "ASTANA – Kazakhstan will refrain from submitting an application to BRICS, Kazakh presidential spokesperson said on Oct. 15. " +
		"Four new members joined at the start of 2024. The group added South Africa in December 2010. " +
		"Tokayev plans to visit an upcoming BRICS forum on Oct. 23-24 in Russia's Kazan."
	want := []string{
		"Oct. 15=2024-10-15 rel fwd=2025-10-15",
		"the start of 2024=2024",
		"December 2010=2010-12",
		"Oct. 23-24=2024-10-23 rel past=2023-10-23 until=2024-10-24",
	}
	if diff := cmp.Diff(want, findAll(text, "2024-10-16")); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestMentionIn(t *testing.T) {
	text := "on Monday"
	ms := Find(text, entente.MustParseDate("2024-10-16"))
	if got, want := len(ms), 1; got != want {
		t.Fatalf("len(Find(%q))=%d, want %d", text, got, want)
	}
	m := ms[0]
	tests := []struct {
		name  string
		tense Tense
		want  string
	}{
		{"unknown", TenseUnknown, "2024-10-14"},
		{"past", TensePast, "2024-10-14"},
		{"future", TenseFuture, "2024-10-21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.In(tt.tense).String(); got != tt.want {
				t.Fatalf("In(%v)=%s, want %s", tt.tense, got, tt.want)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	for e, w := range vocabList[1:] {
		if len(w.s) > maxVocabLen {
			t.Errorf("vocabulary word %q is longer than maxVocabLen=%d", w.s, maxVocabLen)
		}
		if got, want := lookup(strings.ToUpper(w.s)), uint16(e+1); got != want {
			t.Errorf("lookup(%q)=%d, want %d", strings.ToUpper(w.s), got, want)
		}
	}
	for _, s := range []string{"", "octobers", "Tokayev", "mondayy", "x", "Ünion", strings.Repeat("a", 40)} {
		if got := lookup(s); got != 0 {
			t.Errorf("lookup(%q)=%d (%q), want 0", s, got, vocabList[got].s)
		}
	}
}
