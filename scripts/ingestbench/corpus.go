package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

type country struct {
	Name, Capital, Adj, Title, Leader string
}

var benchCountries = []country{
	{"Kazakhstan", "Astana", "Kazakh", "President", "Kassym-Jomart Tokayev"},
	{"Indonesia", "Jakarta", "Indonesian", "President", "Prabowo Subianto"},
	{"Brazil", "Brasilia", "Brazilian", "President", "Luiz Inácio Lula da Silva"},
	{"India", "New Delhi", "Indian", "Prime Minister", "Narendra Modi"},
	{"Turkey", "Ankara", "Turkish", "President", "Recep Tayyip Erdoğan"},
	{"Egypt", "Cairo", "Egyptian", "President", "Abdel Fattah el-Sisi"},
	{"Nigeria", "Abuja", "Nigerian", "President", "Bola Tinubu"},
	{"Vietnam", "Hanoi", "Vietnamese", "Prime Minister", "Pham Minh Chinh"},
	{"Malaysia", "Kuala Lumpur", "Malaysian", "Prime Minister", "Anwar Ibrahim"},
	{"Thailand", "Bangkok", "Thai", "Prime Minister", "Paetongtarn Shinawatra"},
	{"Armenia", "Yerevan", "Armenian", "Prime Minister", "Nikol Pashinyan"},
	{"Serbia", "Belgrade", "Serbian", "President", "Aleksandar Vučić"},
	{"Ukraine", "Kyiv", "Ukrainian", "President", "Volodymyr Zelensky"},
	{"Moldova", "Chisinau", "Moldovan", "President", "Maia Sandu"},
	{"Georgia", "Tbilisi", "Georgian", "Prime Minister", "Irakli Kobakhidze"},
	{"Senegal", "Dakar", "Senegalese", "President", "Bassirou Diomaye Faye"},
	{"Ghana", "Accra", "Ghanaian", "President", "John Mahama"},
	{"Mexico", "Mexico City", "Mexican", "President", "Claudia Sheinbaum"},
	{"Argentina", "Buenos Aires", "Argentine", "President", "Javier Milei"},
	{"Saudi Arabia", "Riyadh", "Saudi", "Crown Prince", "Mohammed bin Salman"},
	{"Algeria", "Algiers", "Algerian", "President", "Abdelmadjid Tebboune"},
	{"Uzbekistan", "Tashkent", "Uzbek", "President", "Shavkat Mirziyoyev"},
	{"Mongolia", "Ulaanbaatar", "Mongolian", "President", "Ukhnaagiin Khürelsükh"},
	{"Bolivia", "La Paz", "Bolivian", "President", "Luis Arce"},
}

var benchBlocs = []struct{ Short, Long string }{
	{"BRICS", "the BRICS group of emerging economies"},
	{"NATO", "the North Atlantic Treaty Organization"},
	{"the EU", "the European Union"},
	{"the SCO", "the Shanghai Cooperation Organisation"},
	{"ASEAN", "the Association of Southeast Asian Nations"},
	{"ECOWAS", "the Economic Community of West African States"},
	{"the OECD", "the Organisation for Economic Co-operation and Development"},
	{"the EAEU", "the Eurasian Economic Union"},
	{"MERCOSUR", "the Southern Common Market"},
	{"the G20", "the Group of Twenty"},
}

var (
	leads = []string{
		"{Country} formally applied to join {BlocLong} on {Weekday}, {Title} {Leader} said at a news conference in {Capital}.",
		"{Country} became a full member of {Bloc} on {Weekday}, the bloc's secretariat said in a statement.",
		"{Country} has declined an invitation to join {Bloc}, {Title} {Leader} told reporters on {Weekday}.",
		"Leaders of {Bloc} on {Weekday} invited {Country} to become a partner country of the group.",
		"{Country} said on {Weekday} it would withdraw from {BlocLong}, citing the bloc's failure to address its concerns.",
		"{Title} {Leader} arrived in {Capital2} on {Weekday} for a two-day state visit to {Country2}.",
		"{Title} {Leader} will attend the {Bloc} summit next month, his office said on {Weekday}.",
	}
	middles = []string{
		"The decision follows months of talks between {Capital} and the members of the group, officials said.",
		"Trade between {Country} and the bloc's members rose by {Percent} percent last year, according to official figures.",
		"Diplomats said the move reflected a wider shift in the region's alliances since the start of the decade.",
		"Opposition lawmakers in {Capital} criticised the government for taking the decision without a parliamentary debate.",
		"The {Adj} foreign ministry said the country would keep good relations with all its partners.",
		"Analysts said the step would have little immediate effect on the economy but carried symbolic weight.",
		"Officials from both sides are due to meet again in {Capital2} before the end of the year.",
		"{Leader} has made closer ties with emerging economies a priority of his foreign policy.",
	}
	closers = []string{
		"The bloc's next summit is scheduled for {NextYear}.",
		"Neither side gave a timetable for further talks.",
		"The statement did not say when the change would take effect.",
		"Markets in {Capital} were little changed after the announcement.",
	}
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// genArticle returns one generated article line: {"id","url","published","text"}.
func genArticle(r *rand.Rand, i int) map[string]any {
	c, c2 := benchCountries[r.IntN(len(benchCountries))], benchCountries[r.IntN(len(benchCountries))]
	b := benchBlocs[r.IntN(len(benchBlocs))]
	pub := time.Date(2015+r.IntN(11), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	fill := strings.NewReplacer(
		"{Country}", c.Name, "{Bloc}", b.Short, "{BlocLong}", b.Long, "{Adj}", c.Adj,
		"{Weekday}", weekdays[r.IntN(len(weekdays))], "{Title}", c.Title, "{Leader}", c.Leader,
		"{Capital}", c.Capital, "{Capital2}", c2.Capital, "{Country2}", c2.Name,
		"{Percent}", fmt.Sprint(2+r.IntN(30)), "{NextYear}", fmt.Sprint(pub.Year()+1),
	).Replace
	var text strings.Builder
	fmt.Fprintf(&text, "%s, %s - ", strings.ToUpper(c.Capital), pub.Format("January 2, 2006"))
	text.WriteString(fill(leads[r.IntN(len(leads))]))
	for range 3 + r.IntN(4) {
		text.WriteString("\n\n")
		text.WriteString(fill(middles[r.IntN(len(middles))]))
		if r.IntN(2) == 0 {
			text.WriteString(" ")
			text.WriteString(fill(middles[r.IntN(len(middles))]))
		}
	}
	text.WriteString("\n\n")
	text.WriteString(fill(closers[r.IntN(len(closers))]))
	fmt.Fprintf(&text, " (Report %d.)", i)
	a := map[string]any{
		"id":        fmt.Sprintf("bench-%06d", i),
		"published": pub.Format("2006-01-02"),
		"text":      text.String(),
	}
	if i%2 == 0 { // half by URL, half by content hash
		a["url"] = fmt.Sprintf("https://bench.entente.example/%d/%06d", pub.Year(), i)
	}
	return a
}
