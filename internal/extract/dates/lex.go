package dates

import (
	"unicode"
	"unicode/utf8"
)

type kind uint8

const (
	kWord kind = iota + 1
	kNum
	kPunct
)

// token is one word, number or punctuation mark. Tokens hold no pointers, so
// shifting the lexer's window costs a plain copy and the collector never
// scans them.
type token struct {
	start, end int
	wi         uint16 // index of a word in vocabList; 0 when unknown
	n          int    // a number's value, capped at 1e6
	nd         int    // a number's digit count
	r          rune   // a punctuation mark
	kind       kind
	space      bool // whitespace (or the start of text) precedes the token
	nl         bool // a line break (or the start of text) precedes the token
	cap        bool // a word's first letter is upper case
	upper      bool // a word of two letters or more is all upper case
	ord        bool // "16th"
	grouped    bool // "1,000": digit groups, never a day or a year
}

// lexer tokenizes text lazily. It keeps a window of tokens so that a 10 MB
// text needs no 10 MB token slice: tokens before a released index are dropped.
type lexer struct {
	text string
	pos  int
	toks []token
	base int // index of toks[0]
	done bool
}

const maxWindow = 128

// noToken stands for tokens outside the text; it is never written.
var noToken token

// at returns token i, lexing forward as needed; ok is false past the end of
// the text or before the kept window. The pointer stays valid until the next
// release: appends that grow the window leave the old array untouched.
func (l *lexer) at(i int) (*token, bool) {
	if i < l.base {
		return &noToken, false
	}
	for i-l.base >= len(l.toks) {
		if !l.lex() {
			return &noToken, false
		}
	}
	return &l.toks[i-l.base], true
}

// release lets the lexer drop tokens well before i; matchers look back at
// most a few tokens.
func (l *lexer) release(i int) {
	const keep = 16
	if i-l.base < maxWindow {
		return
	}
	drop := i - keep - l.base
	n := copy(l.toks, l.toks[drop:])
	l.toks = l.toks[:n]
	l.base += drop
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r) || r == '\u200b'
}

// lex appends the next token; it returns false at the end of the text.
func (l *lexer) lex() bool {
	if l.done {
		return false
	}
	s := l.text
	space := l.pos == 0
	nl := space
	for l.pos < len(s) {
		r, size := rune(s[l.pos]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[l.pos:])
		}
		if !isSpaceRune(r) {
			break
		}
		space = true
		nl = nl || r == '\n' || r == '\r'
		l.pos += size
	}
	if l.pos >= len(s) {
		l.done = true
		return false
	}
	t := token{start: l.pos, space: space, nl: nl}
	c := s[l.pos]
	switch {
	case isDigit(c):
		l.lexNumber(&t)
	default:
		r, size := rune(c), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[l.pos:])
		}
		if isLetterRune(r) {
			l.lexWord(&t)
		} else {
			t.kind = kPunct
			t.r = r
			l.pos += size
			t.end = l.pos
		}
	}
	l.toks = append(l.toks, t)
	return true
}

func (l *lexer) lexNumber(t *token) {
	s := l.text
	i := l.pos
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	t.kind = kNum
	t.nd = i - l.pos
	t.n = atoiCapped(s[l.pos:i])
	// Digit groups: "1,000", "2,500,000". Each group has exactly three digits.
	if t.nd <= 3 {
		j := i
		for j+3 < len(s)+0 && s[j] == ',' && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) && (j+4 >= len(s) || !isDigit(s[j+4])) {
			j += 4
		}
		if j > i {
			t.grouped = true
			i = j
		}
	}
	// Trailing letters: an ordinal suffix, or an alphanumeric word ("1990s", "5G").
	k := i
	for k < len(s) {
		r, size := rune(s[k]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[k:])
		}
		if !isLetterRune(r) && !(r < utf8.RuneSelf && isDigit(byte(r))) {
			break
		}
		k += size
	}
	if k > i && !t.grouped {
		suf := s[i:k]
		if len(suf) == 2 && isOrdinalSuffix(suf) {
			t.ord = true
		} else {
			t.kind = kWord
			t.n, t.nd = 0, 0
		}
		i = k
	}
	l.pos = i
	t.end = i
}

func isOrdinalSuffix(s string) bool {
	a, b := s[0]|0x20, s[1]|0x20
	return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'
}

func atoiCapped(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
		if n > 1e6 {
			return 1e6 + 1
		}
	}
	return n
}

func (l *lexer) lexWord(t *token) {
	s := l.text
	i := l.pos
	letters, uppers := 0, 0
	h, ascii := uint32(fnvOffset), true // hash of the lower-cased word, for lookup
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z':
				letters++
			case c >= 'A' && c <= 'Z':
				letters++
				uppers++
				if i == l.pos {
					t.cap = true
				}
				c += 'a' - 'A'
			case isDigit(c):
			default:
				goto done
			}
			h = (h ^ uint32(c)) * fnvPrime
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isLetterRune(r) {
			break
		}
		ascii = false
		letters++
		if unicode.IsUpper(r) {
			uppers++
			if i == l.pos {
				t.cap = true
			}
		}
		i += size
	}
done:
	t.kind = kWord
	t.upper = letters >= 2 && uppers == letters
	if ascii && i-l.pos <= maxVocabLen {
		t.wi = find(h, s[l.pos:i])
	}
	l.pos = i
	t.end = i
}

// word returns the token's vocabulary entry, or nil.
func (t *token) word() *word {
	if t.wi == 0 {
		return nil
	}
	return &vocabList[t.wi]
}

// FNV-1a, over lower-cased bytes.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// lookup finds a word in the vocabulary, case-insensitively, without
// allocating; it returns 0 when the word is unknown.
func lookup(s string) uint16 {
	if len(s) > maxVocabLen {
		return 0
	}
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return 0
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint32(c)) * fnvPrime
	}
	return find(h, s)
}

// find looks s, whose lower-cased FNV-1a hash is h, up in vocabTable: open
// addressing with linear probing, cheaper than a map for this hot path.
func find(h uint32, s string) uint16 {
	for slot := h & (vocabTableSize - 1); ; slot = (slot + 1) & (vocabTableSize - 1) {
		e := vocabTable[slot]
		if e == 0 {
			return 0
		}
		if k := vocabList[e].s; len(k) == len(s) && equalLower(k, s) {
			return e
		}
	}
}

// equalLower reports whether ASCII s equals the lower-case key k, ignoring
// the case of s.
func equalLower(k, s string) bool {
	for i := 0; i < len(k); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != k[i] {
			return false
		}
	}
	return true
}
