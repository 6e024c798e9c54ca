package extract

import (
	"regexp"
	"strings"

	"github.com/entente/entente/internal/entente"
)

// voice says where a rule finds its subject.
type voice uint8

const (
	vLeft        voice = iota // the nearest subject before the trigger: "Sweden joined"
	vRight                    // the first countries after it: "invited Argentina, Egypt…"
	vGroup                    // capture group 1: "Iran's accession", "admitted Egypt"
	vInvite                   // after it when a country follows, else before: "invited X" / "X was invited"
	vGrant                    // before it when passive or "received", else after
	vPersonLeft               // the nearest person before it: "Xi Jinping arrived"
	vPersonRight              // every person after it: "joined by Xi, Putin and …"
)

// family groups rules whose triggers may not overlap: one phrase states one
// membership event, but "plans to visit the BRICS forum in Kazan" is both an
// attendance and a visit.
type family uint8

const (
	famMembership family = iota
	famAttend
	famVisit
)

// rule is one construction that states an event.
type rule struct {
	name  string
	typ   entente.EventType
	fam   family
	voice voice
	re    *regexp.Regexp
	// blocAfter, when set, requires a bloc within that many items after
	// the trigger.
	blocAfter int
	// bloc fixes the bloc ("adopted the euro" is the euro area).
	bloc string
	// gov requires a completion word just before a possessive nominal
	// ("welcomed Iran's entry"), since "proposals on Kazakhstan's
	// accession" states nothing.
	gov bool
	// ownNeg: the rule states a refusal, so its negation is not a reason
	// to drop it.
	ownNeg bool
	// object: the bloc is the actor and the subject its object (invite,
	// admit, grant): "decided to invite" is the invitation itself.
	object bool
	conf   float64
	// need: words one of which the pattern cannot match without; a
	// sentence with none of them skips the pattern (speed only).
	need []string
}

// Shadow-text notation: each sentence is rewritten as its lower-case words
// with mentions replaced by "#c" (country or capital), "#d" (demonym), "#b"
// (bloc or a reference to one), "#p" (person), "#l" (city), "#t" (date).
// Rules match that text, so one pattern covers every country and bloc.
const (
	possessor = `((?:#c|#p|his country|her country|the country|the nation) 's|its|their)`
	beAux     = `(?:has been |have been |had been |was |were |been |be |is |are |being )`
	advs      = `(?:(?:officially|formally|finally|also|now|just|already|eventually|recently|effectively|fully|successfully) )*`
)

func r(s string) *regexp.Regexp { return regexp.MustCompile(s) }

var rules = []rule{
	// DECLINED: refusals carry their own negation.
	{name: "will-not-join", typ: entente.Declined, voice: vLeft, ownNeg: true, blocAfter: 10, conf: 0.85,
		re: r(` (?:will not|won't|wo n't|would not|shall not|not to|never|does not|doesn't|do not|don't|is not going to|are not going to|not be|decided not to|refuses to|refused to|declined to|declines to|will refrain from|would refrain from|refrain from|refrained from|refrains from)(?: \S+){0,3}? (?:join|joining|seek|seeking|apply|applying|submit|submitting|become|becoming|pursue|pursuing) `)},
	{name: "declined-invitation", typ: entente.Declined, voice: vLeft, ownNeg: true, conf: 0.85,
		re: r(` (?:declined|declines|rejected|rejects|refused|refuses|turned down|turns down|rebuffed|spurned|snubbed)(?: \S+){0,3}? (?:invitation|offer|membership) `)},
	{name: "no-longer-interested", typ: entente.Declined, voice: vLeft, ownNeg: true, blocAfter: 6, conf: 0.75,
		re: r(` (?:no longer|not) interested in (?:joining )?`)},
	{name: "no-plans-to-join", typ: entente.Declined, voice: vLeft, ownNeg: true, conf: 0.8,
		re: r(` (?:no plans to join|no intention of joining|no intention to join|not intend to join|not planning to join|not seeking membership) `)},

	// WITHDREW
	{name: "possessive-withdrawal", typ: entente.Withdrew, voice: vGroup, blocAfter: 4, conf: 0.8,
		need: []string{"withdrawal", "exit", "departure", "split", "pullout", "pull-out", "secession"},
		re:   r(` ` + possessor + ` (?:\S+ ){0,2}?(?:withdrawal|exit|departure|split|pullout|pull-out|secession) (?:(?:from|of) )?`)},
	{name: "withdrawal-of", typ: entente.Withdrew, voice: vGroup, blocAfter: 4, conf: 0.8,
		need: []string{"withdrawal", "exit", "departure"},
		re:   r(` (?:withdrawal|exit|departure) of (#c(?: , #c| and #c| , and #c)*) from `)},
	{name: "leave", typ: entente.Withdrew, voice: vLeft, blocAfter: 4, conf: 0.85,
		re: r(` (?:has |have |had )?` + advs + `(?:left|leave|leaves|leaving|quit|quits|quitting|exit|exits|exited|exiting|withdrew|withdraw|withdraws|withdrawing|withdrawn|pulled out of|pull out of|pulls out of|pulling out of|pulled out from|walked out of|walk out of|renounced|renounces) (?:(?:its|their) membership (?:in|of|from) )?(?:from )?`)},

	{name: "ended-membership", typ: entente.Withdrew, voice: vLeft, blocAfter: 5, conf: 0.8,
		need: []string{"membership"},
		re:   r(` (?:ended|ends|terminated|terminates|revoked|revokes|renounced|renounces|gave up|gives up|relinquished|relinquishes) (?:its|their) membership (?:in|of) `)},

	// SUSPENDED
	{name: "was-suspended", typ: entente.Suspended, voice: vLeft, blocAfter: 4, conf: 0.85,
		re: r(` ` + beAux + `(?:\S+ )?(?:suspended|expelled|kicked out|barred|ousted) (?:from|of|by|since) `)},
	// "after Paraguay had been suspended over the impeachment of …": a
	// cause after it, the bloc the article is about.
	{name: "was-suspended-over", typ: entente.Suspended, voice: vLeft, conf: 0.75,
		need: []string{"suspended", "expelled"},
		re:   r(` (?:had been|has been|have been|was|were) (?:suspended|expelled) (?:over|after|following|for) `)},
	{name: "suspension-of", typ: entente.Suspended, voice: vGroup, blocAfter: 4, conf: 0.8,
		need: []string{"suspension", "expulsion", "freez"},
		re:   r(` (?:suspension|expulsion|freezing|freeze) of ` + possessor + ` (?:membership|participation) `)},
	{name: "possessive-suspension", typ: entente.Suspended, voice: vGroup, blocAfter: 4, conf: 0.75,
		need: []string{"suspension", "expulsion"},
		re:   r(` ` + possessor + ` (?:\S+ )?(?:suspension|expulsion) (?:from|of|in) `)},
	{name: "membership-suspended", typ: entente.Suspended, voice: vGroup, conf: 0.8,
		need: []string{"membership"},
		re:   r(` ` + possessor + ` membership (?:(?:in|of) (?:the )?#b )?(?:was|has been|had been|were|is|is being) (?:\S+ )?(?:suspended|frozen) `)},
	{name: "froze-membership", typ: entente.Suspended, voice: vLeft, blocAfter: 3, conf: 0.8,
		need: []string{"membership", "participation"},
		re:   r(` (?:froze|freezes|freeze|frozen|freezing|suspended|suspends|suspend) (?:its|their) (?:membership|participation) (?:in|of) `)},
	{name: "suspended-x", typ: entente.Suspended, voice: vGroup, object: true, conf: 0.75,
		re: r(` (?:suspended|suspends|suspend|suspending|expelled|expels|expel|expelling) (#c) `)},

	// INVITED
	{name: "decided-to-include", typ: entente.Invited, voice: vRight, object: true, conf: 0.85,
		re: r(` (?:agreed|decided|voted|resolved|agreeing|deciding|moved)(?: in principle| unanimously| on #t| #t)? to (?:include|admit|accept|invite|add|welcome|induct) `)},
	// "agreed to start the procedure of admitting Belarus", "decided to open
	// accession discussions with Indonesia": the bloc starts admitting the
	// country; it has not joined yet.
	{name: "decided-to-start-admission", typ: entente.Invited, voice: vRight, object: true, conf: 0.8,
		need: []string{"procedure", "process", "discussions", "talks", "negotiations"},
		re:   r(` (?:agreed|decided|voted|resolved|agreeing|deciding)(?: in principle| unanimously| on #t| #t)? to (?:(?:start|begin|launch|initiate|open|commence) (?:the )?(?:procedure|process) (?:of|for) (?:admitting|admission of|accession of|including)|(?:start|begin|launch|initiate|open|commence) (?:the )?(?:formal )?(?:accession|membership) (?:discussions|talks|negotiations|process) (?:with|for)) `)},
	{name: "approved-candidacy", typ: entente.Invited, voice: vGroup, object: true, conf: 0.8,
		need: []string{"approv", "endors", "backed"},
		re:   r(` (?:approved|approves|approve|approving|endorsed|endorses|backed) ` + possessor + ` (?:\S+ ){0,2}?(?:candidacy|application|bid|membership) `)},
	// "approved the accession packages of Comoros and Timor-Leste".
	{name: "approved-accession-of", typ: entente.Invited, voice: vRight, object: true, conf: 0.8,
		need: []string{"approv", "endors", "adopted"},
		re:   r(` (?:approved|approves|approve|approving|endorsed|endorses|adopted|adopts) the (?:\S+ )?(?:accession|membership) (?:packages?|protocols?|terms|applications?|bids?|requests?) (?:of|for) `)},
	{name: "received-invitation", typ: entente.Invited, voice: vLeft, conf: 0.8,
		re: r(` (?:received|receives|receive|accepted|accepts|accept|got|has received) (?:an |the |a )?(?:formal |official )?invitations? `)},
	{name: "extended-invitation", typ: entente.Invited, voice: vRight, object: true, conf: 0.8,
		re: r(` (?:extended|extends|sent|sends|issued|issues) (?:an |the |formal |official )*invitations? (?:to join \S+ )?to `)},
	{name: "candidacy-approved", typ: entente.Invited, voice: vGroup, object: true, conf: 0.75,
		need: []string{"candidacy", "application", "bid"},
		re:   r(` ` + possessor + ` (?:\S+ ){0,2}?(?:candidacy|application|bid) (?:to join (?:the )?#b )?(?:was|has been|had been|were|have been) ` + advs + `(?:approved|accepted|endorsed|granted) `)},
	{name: "invite", typ: entente.Invited, voice: vInvite, object: true, conf: 0.85,
		re: r(` (?:invite|invites|invited|inviting|re-invited) `)},

	// APPLIED
	{name: "possessive-application", typ: entente.Applied, voice: vGroup, conf: 0.75,
		need: []string{"application", "bid", "candidacy", "request"},
		re:   r(` ` + possessor + ` (?:\S+ ){0,3}?(?:application|bid|candidacy|request) (?:for|to) `)},
	// "Somalia's 2012 application", "Ukraine's June 2022 bid": a dated
	// application is one that was made.
	{name: "dated-possessive-application", typ: entente.Applied, voice: vGroup, conf: 0.75,
		need: []string{"application", "bid", "request"},
		re:   r(` ` + possessor + ` #t (?:membership |accession )?(?:application|bid|request)s? `)},
	{name: "applied-for", typ: entente.Applied, voice: vLeft, blocAfter: 10, conf: 0.9,
		re: r(` (?:has |have |had )?` + advs + `(?:applied|applies|apply|applying|reapplied) (?:for|to) `)},
	{name: "submitted-application", typ: entente.Applied, voice: vLeft, blocAfter: 10, conf: 0.85,
		re: r(` (?:has |have |had )?` + advs + `(?:submitted|submits|submit|submitting|filed|files|file|filing|lodged|lodges|lodge|handed in|presented|made|makes|sent|signed|signs) (?:a |an |its |their |the |his |her )?(?:\S+ ){0,2}?(?:application|bid|request)s?(?: for| to)? `)},
	// "submitted a letter of intent to join BRICS", "sent a letter to
	// Russia expressing its wish to join": a formally communicated intent.
	{name: "letter-to-join", typ: entente.Applied, voice: vLeft, blocAfter: 12, conf: 0.75,
		need: []string{"letter"},
		re:   r(` (?:has |have |had )?` + advs + `(?:submitted|submits|sent|sends|handed|hands|delivered|delivers|wrote|writes) (?:a |an |its |their |the )?(?:formal |official )?letter (?:of intent )?(?:\S+ ){0,5}?(?:to join|seeking to join|seeking membership|expressing (?:its |their )?(?:wish|desire|intention|interest) to join) `)},
	// "Ukraine's membership bid was formally submitted on Feb. 28, 2022".
	{name: "bid-was-submitted", typ: entente.Applied, voice: vGroup, conf: 0.75,
		need: []string{"submitted", "filed", "lodged", "handed", "signed"},
		re:   r(` ` + possessor + ` (?:\S+ ){0,2}?(?:application|bid|request)s? (?:to join (?:the )?#b |for (?:\S+ )?membership (?:of |in )?(?:the )?(?:#b )?)?(?:was|were|has been|had been|have been) ` + advs + `(?:submitted|filed|lodged|handed in|handed over|signed|sent|delivered) `)},
	{name: "applied-bare", typ: entente.Applied, voice: vLeft, conf: 0.7,
		re: r(` (?:has |have |had )?` + advs + `(?:applied|reapplied) (?:alongside|together with|along with|in #t|on #t|#t|last|earlier|,|\.) `)},
	{name: "asked-to-join", typ: entente.Applied, voice: vLeft, blocAfter: 10, conf: 0.85,
		re: r(` (?:has |have |had )?` + advs + `(?:requested|requests|request|requesting|asked|asks|ask|asking|petitioned|petitions|applied|filed) ` + advs + `(?:to (?:join|rejoin|become)|for membership) `)},

	// JOINED
	{name: "adopted-euro", typ: entente.Joined, voice: vLeft, bloc: "EUROZONE", conf: 0.85,
		need: []string{"euro"},
		re:   r(` (?:adopt|adopts|adopted|adopting|switch to|switches to|switched to|switching to|introduce|introduced|introduces) the euro(?: currency)? `)},
	{name: "possessive-accession", typ: entente.Joined, voice: vGroup, gov: true, conf: 0.75,
		need: []string{"accession", "admission", "entry", "entrance", "induction"},
		re:   r(` ` + possessor + ` (?:\S+ ){0,2}?(?:accession|admission|entry|entrance|induction) (?:to|into|in|as) `)},
	{name: "membership-effective", typ: entente.Joined, voice: vGroup, conf: 0.75,
		need: []string{"membership", "accession"},
		re:   r(` ` + possessor + ` (?:full |formal )?(?:membership|accession) (?:(?:in|of|to) (?:the )?#b )?(?:became|becomes|become|took|takes|take|has taken|comes|came) (?:effect|effective|into force|official|formal|final) `)},
	{name: "accession-of", typ: entente.Joined, voice: vGroup, conf: 0.75,
		need: []string{" of #c "},
		re:   r(` (?:accession|admission|entry|induction) of (#c) (?:to|into|in|as) `)},
	{name: "expanded-to-include", typ: entente.Joined, voice: vRight, object: true, conf: 0.75,
		need: []string{" to "},
		re:   r(` (?:expanded|expands|expanding|enlarged|enlarges|grew|grown|widened)(?: \S+){0,2}? to (?:include|admit|take in|embrace) `)},
	{name: "formed-by", typ: entente.Joined, voice: vRight, conf: 0.8,
		re: r(` (?:was |were |been )?(?:formed|founded|created|established|set up|launched)(?: in #t| on #t| #t)? by `)},
	{name: "formed-bloc", typ: entente.Joined, voice: vLeft, conf: 0.8,
		re: r(` (?:formed|founded|created|established|launched|set up|co-founded|cofounded|forming|founding|creating|establishing|launching|setting up) (?:the |an? )?(?:\S+ ){0,2}?#b `)},
	{name: "founding-member", typ: entente.Joined, voice: vLeft, conf: 0.8,
		need: []string{"founding", "founder", "original"},
		re:   r(` (?:was|were|is|are|became) (?:one of |among )(?:the )?(?:\S+ )?(?:founding|founder|original) (?:members?|states?|nations?|countries|signatories) `)},
	{name: "became-member", typ: entente.Joined, voice: vLeft, conf: 0.9,
		re: r(` (?:has |have |had )?` + advs + `(?:became|become|becomes|becoming)(?: (?:a|an|the|its|#b|'s|\S+th|\S+st|\S+nd|\S+rd|full|fully|full-fledged|fully-fledged|official|officially|new|newest|permanent|first|latest|formal|associate|fellow|dialogue|dialog))* (?:members?|observers?|partners?|candidates?)(?: states?| countr(?:y|ies)| nations?)? `)},
	// "agreed to make Ukraine and Moldova official candidates", "were made
	// EU candidates": the role is the noun.
	{name: "make-status", typ: entente.Joined, voice: vGroup, object: true, conf: 0.8,
		need: []string{"make", "made", "making"},
		re:   r(` (?:make|makes|made|making) (#c(?: , #c| and #c| , and #c)*) (?:an? |the )?(?:#b )?(?:official |formal |full |new |\S+th |\S+st |\S+nd |\S+rd )*(?:candidates?|members?|partners?|observers?) `)},
	{name: "was-made-status", typ: entente.Joined, voice: vLeft, conf: 0.8,
		need: []string{"made"},
		re:   r(` ` + beAux + advs + `made (?:an? |the )?(?:#b )?(?:official |formal |full |new )*(?:candidates?|members?|partners?|observers?) `)},
	{name: "was-admitted", typ: entente.Joined, voice: vLeft, conf: 0.85,
		re: r(` ` + beAux + advs + `(?:(?:on|in) #t )?(?:admitted|accepted|inducted|welcomed) (?:as|to|into|in) `)},
	{name: "admitted-x", typ: entente.Joined, voice: vGroup, object: true, conf: 0.8,
		re: r(` (?:admit|admits|admitted|admitting|induct|inducts|inducted|inducting|readmit|readmits|readmitted|readmitting|reinstated|reinstates|reinstate) (?:the )?(#c|#b) `)},
	{name: "welcome-as-member", typ: entente.Joined, voice: vGroup, object: true, conf: 0.8,
		re: r(` (?:welcome|welcomes|welcomed|welcoming|accept|accepts|accepted|accepting) (#c) as (?:\S+ ){0,3}?(?:members?|member states?) `)},
	{name: "welcomed-into", typ: entente.Joined, voice: vGroup, object: true, conf: 0.8,
		re: r(` (?:welcome|welcomes|welcomed|welcoming) (#c) (?:into|to) (?:the ranks of )?(?:the )?#b `)},
	{name: "added-x", typ: entente.Joined, voice: vGroup, object: true, conf: 0.7,
		re: r(` added (#c) `)},
	{name: "granted-status", typ: entente.Joined, voice: vGrant, object: true, conf: 0.85,
		re: r(` ` + beAux + `?(?:granted|given|awarded|accorded|received|receives|obtained|gained|got|attained|grant|grants|granting|give|gives|gave|giving|award|awards|awarding|offered|offers|offer|offering) `)},
	// "Bolivia … has been a partner since January": a status held since a
	// date was obtained on it.
	{name: "status-since", typ: entente.Joined, voice: vLeft, conf: 0.75,
		need: []string{"since"},
		re:   r(` (?:has|have) been (?:a |an )?(?:full |formal )?(?:members?|partners?|observers?|candidates?)(?: states?| countr(?:y|ies)| nations?)?(?: of (?:the )?#b)? since #t `)},
	// "secured full membership of BRICS", "won full membership of the SCO".
	{name: "won-membership", typ: entente.Joined, voice: vLeft, conf: 0.8,
		need: []string{"membership", "member status"},
		re:   r(` (?:has |have |had )?` + advs + `(?:secured|secures|won|wins|gained|gains|obtained|obtains|attained|attains|achieved|achieves) (?:its |their )?(?:full |formal |permanent )*(?:membership|member status) (?:of|in) `)},
	// "reactivated its membership in January": back in the bloc.
	{name: "reactivated-membership", typ: entente.Joined, voice: vLeft, conf: 0.8,
		need: []string{"membership"},
		re:   r(` (?:has |have |had )?` + advs + `(?:reactivated|reactivates|reactivate|reactivating|resumed|resumes|resume|restored|restores|regained|regains|renewed|renews) (?:its|their) (?:full )?membership (?:(?:in|of) )?`)},
	{name: "enter-bloc", typ: entente.Joined, voice: vLeft, conf: 0.8,
		re: r(` (?:enter|enters|entered|entering) (?:\S+ ){0,4}?#b `)},
	{name: "since-joining", typ: entente.Joined, voice: vLeft, conf: 0.7,
		re: r(` (?:since|after|before|upon|following) ` + advs + `joining (?:the )?#b `)},
	{name: "join", typ: entente.Joined, voice: vLeft, conf: 0.85,
		re: r(` (?:has |have |had )?` + advs + `(?:join|joins|joined|rejoin|rejoins|rejoined|re-joined|acceded to|accedes to|accede to|acceding to) (?:forces (?:in|with) |the ranks of )?`)},

	// "Moldova and Georgia followed on March 3": the membership event just
	// reported, by other countries; typ is the placeholder, apply copies it.
	// It comes after the other membership rules, so that the event it
	// follows may be in the same sentence ("Finland joined …, and Sweden
	// followed in March").
	{name: "followed-suit", typ: entente.Applied, voice: vLeft, conf: 0.7,
		re: r(` (?:followed suit|followed|follows|did the same|did likewise|did so) `)},
	// "Costa Rica became the 38th member in May 2021, following Colombia
	// the year before": the same event, by the country after "following".
	{name: "following-x", typ: entente.Applied, voice: vGroup, conf: 0.65,
		need: []string{"following", "after"},
		re:   r(` , (?:following|after) (#c(?: and #c)?) (?:the year before|the previous year|a year earlier|in #t|#t|\.|$)`)},

	// ATTENDED
	{name: "summit-joined-by", typ: entente.Attended, fam: famAttend, voice: vPersonRight, conf: 0.85,
		re: r(` (?:summit|summits|forum|meeting|session|conference)(?: \S+){0,6}? (?:is |was |were |are |being |been |has been |had been )?(?:joined|attended|hosted|chaired) by `)},
	// Stand-ins: "sending Foreign Minister X instead", "X is representing
	// Moscow", "X is leading the Chinese delegation".
	{name: "sent-instead", typ: entente.Attended, fam: famAttend, voice: vGroup, ownNeg: true, conf: 0.75,
		need: []string{"send", "sent", "dispatch"},
		re:   r(` (?:sending|sent|sends|send|dispatched|dispatching|dispatches) (?:\S+ ){0,3}?(?:, )?(#p) (?:, )?(?:instead|in (?:his|her) place|to represent)`)},
	{name: "represent-country", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.7,
		re: r(` (?:is |was |will be )?(?:representing|represented|leading|led|heading|headed) (?:#c|his country|her country|the (?:#d |#c 's )?delegation|(?:the )?#d delegation|#c 's delegation)(?: \.| ,| ;| at|$)`)},
	// "The G20 summit in Rio brought together leaders including X and Y".
	{name: "summit-brought-together", typ: entente.Attended, fam: famAttend, voice: vPersonRight, conf: 0.75,
		need: []string{"including", "such as", "among them"},
		re:   r(` (?:summit|summits|forum|meeting|gathering)(?: \S+){0,6}? (?:brought together|brings together|bringing together|gathered|gathers|drew|draws|attracted|attracts) (?:\S+ ){0,4}?(?:including|such as|among them) `)},
	{name: "summit-involving", typ: entente.Attended, fam: famAttend, voice: vPersonRight, conf: 0.75,
		need: []string{"involving", "participation", "featuring"},
		re:   r(` (?:summit|summits|forum|talks|meeting)(?: \S+){0,4}? (?:involving|with the participation of|featuring) `)},
	{name: "welcomed-to-summit", typ: entente.Attended, fam: famAttend, voice: vGroup, conf: 0.8,
		re: r(` (?:welcome|welcomes|welcomed|welcoming|greeted|greets|greet|received|receives) (#p) (?:\S+ ){0,3}?to (?:the |a |an )?(?:\S+ ){0,4}?(?:summit|forum|meeting) `)},
	{name: "joined-by-video", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.75,
		re: r(` (?:joined|joins|join|participated|participates|participate|attended|attends|attend|took part|takes part|take part|spoke|speaks|speak|addressed|addresses|address)(?: the (?:summit|meeting|talks|discussions|gathering))? (?:by video(?: link)?|via video(?: link)?|virtually|remotely|online) `)},
	// "Xi met Putin at the BRICS summit": both attend; the rule reads both.
	{name: "met-at-summit", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.75,
		re: r(` (?:met|meets|held talks|holds talks|talked|spoke|signed)(?: with)?(?: \S+){0,4}? (?:at|on the sidelines of|on the margins of|on the sidelines at) (?:the |a |this )?(?:\S+ ){0,4}?(?:summit|summits|forum) `)},
	{name: "person-at-summit", typ: entente.Attended, fam: famAttend, voice: vGroup, conf: 0.7,
		re: r(` (#p) (?:\( \S+ \) )?at (?:the |a |an )?(?:(?:\S+ ){0,4}?(?:summit|summits|forum)|(?:\S+ )?#b (?:\S+ ){0,2}?(?:meeting|session|gathering)) `)},
	{name: "addressing-summit", typ: entente.Attended, fam: famAttend, voice: vGroup, conf: 0.75,
		re: r(`^ (?:addressing|attending|opening|chairing|speaking at|speaking to|arriving at|arriving for) (?:the |a |an |this |today 's )?(?:\S+ ){0,4}?(?:summit|forum|meeting|session|gathering)(?: \S+){0,6}? , (#p) `)},
	{name: "during-summit", typ: entente.Attended, fam: famAttend, voice: vGroup, conf: 0.7,
		re: r(`^ (?:during|at|on the sidelines of) (?:the |this |today 's |a )?(?:\S+ ){0,3}?(?:summit|meeting|forum|session)(?: \S+){0,4}? , (#p|\S+) `)},
	{name: "welcomed-leaders", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.75,
		re: r(` (?:welcomed|welcomes|welcoming|greeted|greets|received|receives) (?:the |other |world |fellow |foreign |visiting )*(?:leaders|heads of state|heads of government|guests|delegates|delegations) (?:\S+ ){0,3}?to (?:the |a |an )?(?:\S+ ){0,4}?(?:summit|summits|forum) `)},
	{name: "among-leaders-at", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.8,
		need: []string{"among"},
		re:   r(` (?:were|was|are|is) (?:also )?among (?:the )?(?:\S+ ){0,2}?(?:leaders|heads of state|heads of government|participants|attendees|guests|delegates|speakers) (?:at|attending|of) (?:the |a |this )?(?:\S+ ){0,4}?(?:summit|summits|forum|meeting|gathering) `)},
	{name: "came-for-summit", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.85,
		re: r(` (?:arrived|arrives|arriving|travelled|traveled|travels|flew|flies|headed|heads|went|came|landed|gathered|gather|convened|assembled|met|is in|was in|are in|were in|will be in)(?: \S+){0,6}? (?:for|to attend) (?:the |a |an )?(?:\S+ ){0,4}?(?:summit|summits|forum) `)},
	{name: "attend", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.85,
		re: r(` (?:attended in person|attend in person|attends in person|attending in person|attend|attends|attended|attending|participate in|participates in|participated in|participating in|(?:participate|participates|participated|participating|took part|takes part|take part|attended|attends|attend|joined) (?:virtually |remotely |online |personally |in person |by video link )?in|take part in|takes part in|took part in|taking part in|joined|joins|join|addressed|addresses|address|addressing|chaired|chairs|chairing|host|hosted|hosts|hosting|opened|opens|kick-started|kicked off|spoke at|speaking at|speaks at|said at|announced at|told|tells|representing|represents|arrived for|arrives for|visit|visits|visited|visiting) `)},

	// "…attended in person, as did Indonesia's Prabowo Subianto": the
	// attendance just stated, by one more person.
	{name: "as-did", typ: entente.Attended, fam: famAttend, voice: vGroup, conf: 0.7,
		need: []string{" as "},
		re:   r(` , as (?:did|does|do|had|has) (?:also )?(?:#c 's |#d )?(#p(?: and (?:#c 's |#d )?#p)*) `)},
	// "Foreign Minister Sugiono formally submitted the country's bid at the
	// BRICS Plus meeting", "Orbán … left the room at the Brussels summit":
	// whoever acts at a summit is there.
	{name: "acted-at-summit", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.65,
		need: []string{" at "},
		re:   r(` at (?:the |a |an |this |last week 's |today 's )?(?:(?:\S+ ){0,3}?(?:summit|summits|forum)|(?:\S+ )?#b (?:\S+ ){0,2}?(?:meeting|session|gathering)) `)},
	// "Sisi and Abiy Ahmed were also present", "was among those in
	// attendance": at the summit just written about.
	{name: "present-at", typ: entente.Attended, fam: famAttend, voice: vPersonLeft, conf: 0.7,
		need: []string{"present", "attendance"},
		re:   r(` (?:was|were|is|are|will be) (?:also )?(?:present|in attendance|among those present|among those in attendance)(?: at (?:the |a )?(?:\S+ ){0,3}?(?:summit|meeting|forum|talks))?(?: \.| ,| ;|$)`)},
	{name: "in-attendance-were", typ: entente.Attended, fam: famAttend, voice: vPersonRight, conf: 0.7,
		need: []string{"present", "attendance"},
		re:   r(`^ (?:also )?(?:in attendance|present) (?:at (?:the )?(?:\S+ ){0,3}?(?:summit|meeting) )?(?:were|was|are|is) `)},
	// "confirmed his participation in the summit".
	{name: "possessive-participation", typ: entente.Attended, fam: famAttend, voice: vGroup, conf: 0.75,
		need: []string{"participation", "attendance", "presence"},
		re:   r(` (#p 's|his|her) (?:\S+ )?(?:participation|attendance|presence) (?:in|at) (?:the |a |this )?(?:\S+ ){0,4}?(?:summit|summits|forum|meeting) `)},

	// VISITED
	{name: "possessive-visit", typ: entente.Visited, fam: famVisit, voice: vGroup, conf: 0.8,
		need: []string{"visit", "trip", "tour", "travels"},
		re:   r(` (#p 's|my|his|her) (?:\S+ ){0,2}?(?:visit|visits|trip|tour|travels) (?:to|of) `)},
	// "Putin hosted Modi in Moscow": the guest visits.
	{name: "hosted-guest", typ: entente.Visited, fam: famVisit, voice: vGroup, conf: 0.75,
		re: r(` (?:hosted|hosts|hosting|received|receives|receiving|welcomed|welcomes|welcoming) (?:visiting )?(#p) (?:in|at|to) `)},
	{name: "visit", typ: entente.Visited, fam: famVisit, voice: vPersonLeft, conf: 0.85,
		re: r(` (?:visit|visits|visited|visiting|arrived in|arrives in|arrive in|arriving in|landed in|lands in|land in|trip to|travel to|travels to|travelled to|traveled to|traveling to|travelling to|tour of|toured|tours|heads to|headed to|head to|flew to|flies to|fly to|flying to|visit to|arrived at|arrives at|flew into|flies into|flying into|touched down in|touches down in|touching down in|jetted to|jetted off to|jets off to|jetting off to|set off for|sets off for|departed for|departs for|left for|leaves for|stopover in|stop-over in|stopped in|stops in|stopping in|stopped over in|stops over in) `)},
}

// Cue words read in the few words before a trigger.
var (
	negCues = map[string]bool{"not": true, "never": true, "no": true, "neither": true, "nor": true, "without": true,
		"cancelled": true, "canceled": true, "cancels": true, "cancel": true, "postponed": true, "postpones": true,
		"skipped": true, "skip": true, "skips": true, "skipping": true, "refused": true, "declined": true,
		"failed": true, "unable": true, "barred": true, "denied": true,
		"refrain": true, "refrains": true, "refrained": true, "against": true}
	// specCues make a statement speculation, a wish, a plan or a proposal:
	// "could join", "is considering applying", "proposals on its accession".
	specCues = map[string]bool{
		"could": true, "might": true, "may": true, "would": true, "should": true, "can": true,
		"cannot": true, "considering": true, "consider": true, "considers": true, "considered": true,
		"mulling": true, "weighing": true, "hope": true, "hopes": true, "hoped": true, "hoping": true,
		"want": true, "wants": true, "wanted": true, "wish": true, "wishes": true, "wished": true,
		"aim": true, "aims": true, "aiming": true, "seek": true, "seeks": true, "sought": true,
		"seeking": true, "intend": true, "intends": true, "intention": true, "desire": true,
		"desires": true, "eager": true, "keen": true, "ready": true, "willing": true, "interested": true,
		"if": true, "whether": true, "unless": true, "possible": true, "possibility": true,
		"possibly": true, "potential": true, "potentially": true, "prospect": true, "prospects": true,
		"proposal": true, "proposals": true, "propose": true, "proposed": true, "proposes": true,
		"proposing": true, "support": true, "supports": true, "supported": true, "supporting": true,
		"pave": true, "path": true, "road": true, "roadmap": true, "push": true, "pushing": true,
		"pushed": true, "urged": true, "urge": true, "urges": true, "pressed": true, "pressing": true, "talks": true, "negotiations": true,
		"process": true, "criteria": true, "threaten": true, "threatened": true, "threatening": true,
		"threatens": true, "likely": true, "discuss": true, "discussed": true, "discussing": true,
		"efforts": true, "effort": true, "aspire": true, "aspires": true, "aspiration": true,
		"aspirations": true, "lobbying": true, "lobbied": true, "calls": true, "called": true,
		"call": true, "ambition": true, "ambitions": true, "dream": true, "goal": true, "bid": true,
		"attempt": true, "attempts": true, "try": true, "tries": true, "trying": true, "request": false,
		"plan": true, "plans": true, "planned": true, "planning": true, "reportedly": false,
		"rumoured": true, "rumored": true, "speculation": true, "expect": true, "expects": true,
		// "is expected to join", "expected to attend": an expectation, not
		// an announcement (GUIDE: speculation), unlike "is set to join".
		"expected":  true,
		"decisions": true, "decision": true, "prepare": true, "prepares": true, "preparing": true,
	}
	futureCues = map[string]bool{
		"will": true, "'ll": true, "shall": true, "upcoming": true, "tomorrow": true, "next": true,
		"scheduled": true, "due": true, "going": true, "set": true, "poised": true,
		"soon": true,
	}
	// personSpec are the speculation cues that hold for attendances and
	// visits: "talks at a summit" is no speculation.
	personSpec = map[string]bool{"could": true, "might": true, "may": true, "would": true, "should": true, "if": true, "whether": true, "unless": true, "possible": true, "potential": true, "likely": true, "hope": true, "hopes": true, "want": true, "wants": true, "wish": true, "considering": true, "consider": true, "invited": true, "invitation": true, "expected": true}
	// refusalSpec make a refusal someone else's wish: "urged Ukraine not to
	// join"; "most likely … will refrain" is still a refusal.
	refusalSpec = map[string]bool{"urged": true, "pressed": true, "warned": true, "urge": true, "urges": true, "called": true, "calls": true, "call": true, "could": true, "might": true, "may": true, "if": true, "whether": true, "unless": true, "hope": true, "hopes": true, "want": true, "wants": true, "expect": true, "expects": true, "should": true}
	// Person events may be planned; a plan to visit is an announced visit.
	personPlanCues = map[string]bool{"plan": true, "plans": true, "planned": true, "planning": true, "intends": true, "intend": true}
	// completion words govern a possessive nominal that states a fact.
	govCues = map[string]bool{
		"welcomed": true, "welcome": true, "welcomes": true, "welcoming": true, "congratulations": true,
		"congratulated": true, "congratulate": true, "over": true, "ratified": true, "ratifies": true,
		"ratify": true, "approved": true, "approves": true, "completed": true, "completes": true,
		"celebrated": true, "celebrates": true, "marks": true, "marked": true, "marking": true,
		"after": true, "following": true, "since": true, "announced": true, "confirmed": true,
		"finalised": true, "finalized": true, "formalised": true, "formalized": true, "hailed": true,
		"greeted": true, "sealed": true, "completing": true,
	}
	reportCues = map[string]bool{"said": true, "says": true, "announced": true, "stated": true, "confirmed": true, "told": true, "declared": true}
	// speechCues attribute a quote to its speaker.
	speechCues = map[string]bool{"said": true, "says": true, "told": true, "added": true, "adds": true, "affirmed": true, "stressed": true, "noted": true, "stated": true, "remarked": true, "declared": true, "wrote": true, "tweeted": true, "insisted": true, "explained": true, "emphasised": true, "emphasized": true, "underlined": true, "recalled": true}
	// clauseCues end the clause a cue may reach over.
	clauseCues = map[string]bool{";": true, "but": true, "while": true, "although": true, "whereas": true, "because": true, ":": true, "said": true, "says": true, "that": true, `"`: true}
)

var statusWords = map[string]entente.Role{
	"member": entente.Member, "members": entente.Member, "membership": entente.Member,
	"observer": entente.Observer, "observers": entente.Observer, "observership": entente.Observer,
	"partner": entente.Partner, "partners": entente.Partner, "partnership": "",
	"candidate": entente.Candidate, "candidates": entente.Candidate, "candidacy": "",
}

// notMembership follow a bloc's name when a phrase is about something of
// the bloc, not the bloc: "left the EU summit", "joined the NATO mission".
var notMembership = map[string]bool{
	"summit": true, "summits": true, "meeting": true, "meetings": true, "talks": true, "session": true,
	"headquarters": true, "forum": true, "leaders": true, "ministers": true, "mission": true,
	"missions": true, "exercises": true, "drills": true, "sanctions": true, "market": true,
	"markets": true, "conference": true, "delegation": true, "negotiations": true, "declaration": true,
	"statement": true, "'s": true, "chairmanship": true, "presidency": true, "secretariat": true,
	"officials": true, "envoy": true, "ambassador": true, "office": true, "offices": true, "debate": true,
	"vote": true, "budget": true, "funds": true, "funding": true, "aid": true, "troops": true,
	"security": true, "council": true, "commission": true, "parliament": true, "court": true,
	"bank": true, "agency": true, "observers": true, "force": true, "forces": true, "operation": true,
}

// summitNouns name the meetings leaders attend.
var summitNouns = map[string]bool{"summit": true, "summits": true, "forum": true, "meeting": true, "meetings": true, "session": true, "discussions": true, "conference": true, "gathering": true}

// contextSummit: without a bloc in the sentence, only these take the bloc
// named last ("talks at a summit in Johannesburg").
var contextSummit = map[string]bool{"summit": true, "summits": true, "forum": true, "discussions": true}

func hasWord(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(" "+s+" ", " "+w+" ") {
			return true
		}
	}
	return false
}
