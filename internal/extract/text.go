package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind says what a token is.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokNumber
	tokPunct
)

// token is one word, number or punctuation mark, with its byte offsets in
// the article text.
type token struct {
	start, end int
	text       string
	lower      string
	kind       tokKind
	cap        bool // starts with an upper-case letter
	nl         bool // a line break comes before it
}

// tokenize splits text into tokens. Words keep inner hyphens and
// apostrophes ("Timor-Leste", "d'Ivoire"); a possessive "'s" is a token of
// its own, written "'s" whatever the apostrophe; dotted initialisms ("U.S.")
// are one word.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	nl := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			nl = true
			i += size
			continue
		case unicode.IsSpace(r) || r == utf8.RuneError && size <= 1 || unicode.IsControl(r):
			i += size
			continue
		}
		start := i
		var t token
		switch {
		case isApos(r) && possessiveAt(text, i+size):
			i += size + 1
			t = token{text: text[start:i], lower: "'s", kind: tokWord}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			i = wordEnd(text, i)
			t = token{text: text[start:i], kind: tokWord}
			if unicode.IsDigit(r) {
				t.kind = tokNumber
			}
			t.lower = normWord(t.text)
			t.cap = unicode.IsUpper(r)
		default:
			i += size
			t = token{text: text[start:i], lower: normPunct(r), kind: tokPunct}
		}
		t.start, t.end, t.nl = start, i, nl
		nl = false
		toks = append(toks, t)
	}
	return toks
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// possessiveAt reports whether text[i:] is the "s" of a possessive "'s".
func possessiveAt(text string, i int) bool {
	if i >= len(text) || (text[i] != 's' && text[i] != 'S') {
		return false
	}
	if i+1 == len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i+1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// wordEnd returns the end of the word starting at i.
func wordEnd(text string, i int) int {
	// Dotted initialisms: U.S., U.K., E.U.
	if j := initialismEnd(text, i); j > i {
		return j
	}
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			i += size
		case (r == '-' || r == '‐' || r == '‑' || r == '.' || r == ',' || isApos(r)) && i+size < len(text):
			// Inner punctuation: "Timor-Leste", "1.5", "10,000", "d'Ivoire",
			// but not a possessive "'s" nor a trailing mark.
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			switch {
			case isApos(r) && possessiveAt(text, i+size):
				return i
			case (r == '.' || r == ',') && !(unicode.IsDigit(prev) && unicode.IsDigit(next)):
				return i
			case !unicode.IsLetter(next) && !unicode.IsDigit(next):
				return i
			}
			i += size
		default:
			return i
		}
	}
	return i
}

// initialismEnd returns the end of a dotted initialism such as "U.S." at i,
// or i when there is none.
func initialismEnd(text string, i int) int {
	j, n := i, 0
	for j+1 < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsUpper(r) || j+size >= len(text) || text[j+size] != '.' {
			break
		}
		j += size + 1
		n++
	}
	if n < 2 {
		return i
	}
	if j < len(text) {
		r, _ := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r) {
			return i
		}
	}
	return j
}

var foldApos = strings.NewReplacer("’", "'", "ʼ", "'", "‐", "-", "‑", "-")

func normWord(s string) string {
	return strings.ToLower(foldApos.Replace(s))
}

func normPunct(r rune) string {
	switch r {
	case '“', '”', '«', '»', '„':
		return `"`
	case '‘', '’':
		return "'"
	case '–', '—', '―':
		return "-"
	}
	return string(r)
}

// sentence is a span of tokens [lo, hi) and its byte range in the text.
type sentence struct {
	lo, hi     int
	start, end int
}

// abbrevs end with a period that does not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "col": true, "lt": true,
	"sen": true, "rep": true, "gov": true, "prof": true, "jr": true, "sr": true, "no": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "inc": true, "co": true,
	"corp": true, "ltd": true, "mt": true, "pres": true, "amb": true, "capt": true, "maj": true,
}

// splitSentences cuts tokens into sentences: at a line break, and after
// ".", "!" or "?" (and any closing quote or bracket) when the next token
// starts a new sentence.
func splitSentences(text string, toks []token) []sentence {
	var out []sentence
	lo := 0
	emit := func(hi int) {
		if hi > lo {
			out = append(out, sentence{lo: lo, hi: hi, start: toks[lo].start, end: toks[hi-1].end})
		}
		lo = hi
	}
	for i := range toks {
		if i > lo && toks[i].nl {
			emit(i)
		}
		t := toks[i]
		if t.kind != tokPunct || (t.text != "." && t.text != "!" && t.text != "?" && t.text != "…") {
			continue
		}
		if t.text == "." && i > 0 {
			p := toks[i-1]
			if p.end == t.start && (abbrevs[p.lower] || (p.kind == tokWord && utf8.RuneCountInString(p.text) == 1 && p.cap)) {
				continue
			}
		}
		j := i + 1
		for j < len(toks) && toks[j].kind == tokPunct && strings.Contains(`"')]`, toks[j].lower) && !toks[j].nl {
			j++
		}
		if j == len(toks) {
			continue
		}
		if n := toks[j]; n.nl || n.cap || n.kind == tokNumber || n.lower == `"` || n.lower == "'" {
			emit(j)
		}
	}
	emit(len(toks))
	return out
}
