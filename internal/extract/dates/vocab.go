package dates

import (
	"sort"
	"strings"
)

type unit uint8

const (
	uNone unit = iota
	uDay
	uWeek
	uWeekend
	uMonth
	uYear
)

type flag uint16

const (
	// fMonthCtx words make a following bare month name a date: "in March",
	// "since May". Without one, "March" and "May" are too often a verb.
	fMonthCtx flag = 1 << iota
	// fMonthConj words join two month names: "April and May", "June to July".
	fMonthConj
	// fNotYearAfter words make a following number a count or a label, not a
	// year: "about 2000", "Resolution 2231".
	fNotYearAfter
	// fQuantity words make a preceding number a count: "2000 troops".
	fQuantity
	// fQualifier words narrow a period without changing its precision:
	// "early 2024", "later this year".
	fQualifier
	// fPart words name a part of a period: "the start of 2024".
	fPart
	// fRangeSep words join the two ends of a range: "23 to 24 October".
	fRangeSep
	// fNotWeekdayBefore words make a following weekday a name: "Good Friday".
	fNotWeekdayBefore
	// fNotWeekdayAfter words make a preceding weekday a name: "Sunday Times".
	fNotWeekdayAfter
	// fSeason words name a season: "summer 2024".
	fSeason
	// fDayPart words name a part of the publication day: "this morning".
	fDayPart
)

type word struct {
	s     string
	month int  // 1..12
	abbr  bool // a month or weekday abbreviation ("Oct", "Mon")
	wday  int  // 1 (Monday) .. 7 (Sunday)
	num   int  // a number word ("two")
	unit  unit
	flags flag
}

func (w *word) is(f flag) bool { return w != nil && w.flags&f != 0 }

const maxVocabLen = 16

// The vocabulary: vocabList holds the words (index 0 is unused, so tokens
// hold a pointer-free index, 0 for unknown words) and vocabTable indexes them
// by hash (see find).
var (
	vocabList  []word
	vocabTable [vocabTableSize]uint16
)

const vocabTableSize = 1024 // a power of two, several times the vocabulary

func init() {
	v := buildVocab()
	keys := make([]string, 0, len(v))
	for s := range v {
		keys = append(keys, s)
	}
	sort.Strings(keys)
	if len(keys) > vocabTableSize/2 {
		panic("dates: vocabulary outgrew vocabTable")
	}
	vocabList = make([]word, 1, len(v)+1)
	for _, s := range keys {
		e := uint16(len(vocabList))
		vocabList = append(vocabList, *v[s])
		h := uint32(fnvOffset)
		for i := 0; i < len(s); i++ {
			h = (h ^ uint32(s[i])) * fnvPrime
		}
		slot := h & (vocabTableSize - 1)
		for vocabTable[slot] != 0 {
			slot = (slot + 1) & (vocabTableSize - 1)
		}
		vocabTable[slot] = e
	}
}

func buildVocab() map[string]*word {
	v := map[string]*word{}
	get := func(s string) *word {
		w := v[s]
		if w == nil {
			w = &word{s: s}
			v[s] = w
		}
		return w
	}
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, m := range months {
		get(m).month = i + 1
		if len(m) > 3 {
			w := get(m[:3])
			w.month, w.abbr = i+1, true
		}
	}
	sept := get("sept")
	sept.month, sept.abbr = 9, true
	for i, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		get(d).wday = i + 1
	}
	// Weekday abbreviations count only before a date ("Mon., Oct. 14"):
	// alone, "Sun", "Sat" and "Wed" are other words.
	for _, a := range []struct {
		s string
		d int
	}{{"mon", 1}, {"tue", 2}, {"tues", 2}, {"wed", 3}, {"thu", 4}, {"thur", 4}, {"thurs", 4}, {"fri", 5}, {"sat", 6}, {"sun", 7}} {
		w := get(a.s)
		w.wday, w.abbr = a.d, true
	}
	for i, n := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"} {
		get(n).num = i + 1
	}
	get("a").num = 1
	get("an").num = 1
	for _, u := range []struct {
		s string
		u unit
	}{{"day", uDay}, {"days", uDay}, {"week", uWeek}, {"weeks", uWeek}, {"weekend", uWeekend}, {"month", uMonth}, {"months", uMonth}, {"year", uYear}, {"years", uYear}} {
		get(u.s).unit = u.u
	}
	set := func(f flag, words string) {
		for _, s := range strings.Fields(words) {
			get(s).flags |= f
		}
	}
	for _, s := range strings.Fields("the past ago today tonight yesterday tomorrow at following previous few") {
		get(s)
	}
	set(fMonthCtx, "in on since by until till from of during before after through throughout "+
		"between early mid late end start beginning middle around starting until ending last next this "+
		"since")
	set(fMonthConj, "and or to through")
	set(fNotYearAfter, "resolution resolutions no nos number numbers article articles chapter section sections "+
		"page pages p pp flight route room vol volume item code model version iso about around approximately "+
		"roughly nearly almost some over than least only just exactly total totalling totaling population "+
		"score top rank ranked index bus highway interstate gate platform paragraph clause tally all "+
		"these those additional another extra hotline")
	set(fQuantity, "people persons troops soldiers members countries nations delegates participants companies "+
		"firms tons tonnes barrels km kilometres kilometers miles metres meters dollars euros yuan rubles "+
		"roubles rupees usd eur units votes jobs homes houses cases deaths students workers refugees "+
		"migrants civilians words years days hours minutes seconds mw gw kw mb gb kg lb pounds points "+
		"hectares acres feet employees staff officers police vehicles tanks aircraft planes ships "+
		"journalists visitors tourists passengers pupils children women men residents inhabitants "+
		"villages cities schools hospitals beds doses")
	set(fQualifier, "early earlier late later mid")
	set(fPart, "start beginning end middle turn half")
	set(fRangeSep, "to and through until till")
	set(fNotWeekdayBefore, "good black super cyber ash holy bloody maundy")
	set(fNotWeekdayAfter, "times telegraph express post mail mirror star herald tribune independent")
	set(fSeason, "spring summer autumn fall winter")
	set(fDayPart, "morning afternoon evening")
	return v
}
