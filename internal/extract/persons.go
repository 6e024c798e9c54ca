package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/entente/entente/internal/entente"
)

// person is one person an article names.
type person struct {
	id      string // slug of the full name
	name    string // the fullest name the article gives
	parts   []string
	offices []entente.Office
	merged  *person // set when this is a short form of another person
}

func (p *person) addOffice(o entente.Office) {
	for i, x := range p.offices {
		if x.Title == o.Title && (x.Country == o.Country || x.Country == "" || o.Country == "") && x.Org == o.Org {
			if x.Country == "" {
				p.offices[i].Country = o.Country
			}
			return
		}
	}
	p.offices = append(p.offices, o)
}

// country returns the country of the person's first office with one.
func (p *person) country() string {
	for _, o := range p.offices {
		if o.Country != "" {
			return o.Country
		}
	}
	return ""
}

// titles maps the lower-case words of an office to its written form. The
// longest title at a position wins ("deputy foreign minister" over
// "minister").
var titles = map[string]string{}

func init() {
	for _, t := range []string{
		"President", "Vice President", "Vice-President", "Prime Minister", "Premier", "Chancellor",
		"Foreign Minister", "Foreign Secretary", "Secretary of State", "Minister of Foreign Affairs",
		"Defence Minister", "Defense Minister", "Finance Minister", "Energy Minister", "Trade Minister",
		"Economy Minister", "Interior Minister", "Oil Minister", "Deputy Foreign Minister",
		"Deputy Prime Minister", "First Deputy Prime Minister", "Minister", "King", "Queen",
		"Crown Prince", "Prince", "Emir", "Amir", "Sultan", "Sheikh", "Secretary-General",
		"Secretary General", "Spokesperson", "Spokesman", "Spokeswoman", "Presidential Spokesperson",
		"Ambassador", "Envoy", "Chairman", "Chairperson", "Chair", "Leader", "Supreme Leader",
		"General", "Colonel", "Captain", "Lieutenant", "Commission President", "High Representative",
		"Governor", "Senator", "Director-General", "Director General", "Ruler", "Monarch", "Pope",
		"Speaker", "Transitional President", "Interim President", "President-elect",
	} {
		titles[phraseKey(t)] = t
	}
	titles["pm"] = "Prime Minister"
}

var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "sir": true, "dame": true, "madam": true}

// nameParticles may sit inside a name in lower case.
var nameParticles = map[string]bool{
	"da": true, "de": true, "do": true, "dos": true, "das": true, "del": true, "della": true,
	"di": true, "van": true, "von": true, "der": true, "den": true, "bin": true, "ibn": true,
	"al": true, "el": true, "le": true, "la": true, "ben": true, "bint": true, "abu": true,
}

// notNames are capitalised words that start sentences or headings, never
// names.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true, "we": true,
	"i": true, "in": true, "on": true, "at": true, "of": true, "and": true, "but": true, "as": true,
	"this": true, "that": true, "his": true, "her": true, "their": true, "our": true, "its": true,
	"said": true, "says": true, "told": true, "also": true, "who": true, "which": true, "after": true,
	"summit": true, "forum": true, "photo": true, "file": true, "getty": true, "images": true,
	"reuters": true, "ap": true, "afp": true, "news": true, "read": true, "more": true, "by": true,
	"for": true, "with": true, "from": true, "to": true, "during": true, "while": true, "when": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true, "april": true,
	"may": true, "june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "jan": true, "feb": true, "aug": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "today": true, "yesterday": true, "tomorrow": true,
	"ministry": true, "government": true, "office": true, "council": true, "parliament": true,
	"state": true, "states": true, "republic": true, "union": true, "organization": true,
	"organisation": true, "bank": true, "palace": true, "house": true, "agency": true,
	"committee": true, "commission": true, "party": true, "army": true, "forces": true, "junta": true,
	"national": true, "international": true, "federal": true, "central": true, "presidential": true,
	"however": true, "meanwhile": true, "earlier": true, "later": true, "last": true, "next": true,
	"official": true, "officials": true, "sources": true, "leaders": true, "both": true, "all": true,
}

// slug turns a name into a stable id: lower case ASCII words joined by "-".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

// isNameToken reports whether toks[i] can be part of a person's name.
func isNameToken(toks []token, i int) bool {
	t := toks[i]
	if t.kind != tokWord || !t.cap || notNames[t.lower] || titles[t.lower] != "" || honorifics[t.lower] {
		return false
	}
	// All-caps words longer than a few letters are headings or acronyms.
	if len(t.text) > 3 && strings.ToUpper(t.text) == t.text {
		return false
	}
	return true
}

// nameAt returns the end of the person's name starting at token i: up to
// five capitalised words, with particles inside ("Lula da Silva",
// "al-Kaabi"). It returns i when there is no name.
func nameAt(toks []token, i int, taken []bool) int {
	j := i
	for j < len(toks) && j-i < 6 {
		if taken[j] || (j > i && toks[j].nl) {
			break
		}
		t := toks[j]
		switch {
		case isNameToken(toks, j):
			j++
			continue
		case j > i && t.kind == tokWord && (nameParticles[t.lower] || strings.HasPrefix(t.lower, "al-") || strings.HasPrefix(t.lower, "el-")):
			// A particle needs a name after it, unless it carries one ("al-Kaabi").
			if strings.Contains(t.lower, "-") {
				j++
				continue
			}
			if j+1 < len(toks) && !taken[j+1] && isNameToken(toks, j+1) {
				j++
				continue
			}
			// Two particles: "Ursula von der Leyen", "Luis de la Fuente".
			if j+2 < len(toks) && !taken[j+1] && !taken[j+2] && toks[j+1].kind == tokWord && nameParticles[toks[j+1].lower] && isNameToken(toks, j+2) {
				j += 2
				continue
			}
		}
		break
	}
	return j
}

// titleAt returns the longest title starting at token i and its end.
func titleAt(toks []token, i int) (string, int) {
	var sb strings.Builder
	best, end := "", i
	for n := 1; n <= 5 && i+n <= len(toks); n++ {
		if n > 1 {
			sb.WriteByte(' ')
		}
		sb.WriteString(toks[i+n-1].lower)
		if t, ok := titles[sb.String()]; ok {
			best, end = t, i+n
		}
	}
	return best, end
}
