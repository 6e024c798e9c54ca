package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/entente/entente/internal/entente"
)

// Limits on one page. A page over any of them is rejected with EINVALID
// before the HTML parser or readability sees it, so a hostile page (an
// "HTML bomb": megabytes of nested or repeated tags) costs one linear scan.
const (
	// MaxPageBytes bounds a page or text file read from disk or the network.
	MaxPageBytes = entente.MaxArticleBytes
	// MaxPageElements bounds the number of start tags: real articles have a
	// few thousand; readability's scoring is superlinear in the count.
	MaxPageElements = 100_000
	// MaxPageDepth bounds element nesting: parsers and readability recurse
	// on it.
	MaxPageDepth = 512
	// minArticleWords is how many words of main text make a page an
	// article: fewer means an index, a login wall or an error page.
	minArticleWords = 25
)

// Page is what ParseHTML finds in a web page.
type Page struct {
	Title     string
	Text      string // the main text, paragraphs separated by blank lines
	URL       string // canonical URL: <link rel=canonical>, og:url, else the page's own URL
	Publisher string // og:site_name, JSON-LD publisher, else the host name
	Published entente.Date
	// DateFound reports whether a publication date was found; DateSource
	// says where: "json-ld", "meta", "time" or "dateline". When it is
	// false, Published is zero: no date is ever guessed.
	DateFound  bool
	DateSource string
}

// ParseHTML reads an HTML page and returns its main text and metadata.
// pageURL is where the page came from ("" for a local file); it resolves a
// relative canonical link. A page larger than MaxPageBytes, deeper than
// MaxPageDepth, with more than MaxPageElements elements, or without article
// text is EINVALID.
func ParseHTML(r io.Reader, pageURL string) (*Page, error) {
	b, err := readCapped(r, MaxPageBytes)
	if err != nil {
		return nil, err
	}
	return parseHTMLBytes(b, pageURL, "")
}

// readCapped reads all of r, or returns EINVALID when r holds more than max
// bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, entente.Errorf(entente.EINVALID, "Input is larger than the %d MB limit.", max>>20)
	}
	return b, nil
}

// parseHTMLBytes is ParseHTML on bytes already read; contentType is the
// HTTP Content-Type, which may name the charset.
func parseHTMLBytes(b []byte, pageURL, contentType string) (*Page, error) {
	if err := checkShape(b); err != nil {
		return nil, err
	}
	b, err := decode(b, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, entente.Errorf(entente.EINVALID, "Cannot parse HTML: %v.", err)
	}

	var base *url.URL
	if pageURL != "" {
		if base, err = url.Parse(pageURL); err != nil {
			return nil, entente.Errorf(entente.EINVALID, "Invalid page URL %q.", pageURL)
		}
	}
	// Metadata first: readability mutates the document.
	m := scanMeta(doc, base)

	p := readability.NewParser()
	p.MaxElemsToParse = MaxPageElements
	art, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return nil, entente.Errorf(entente.EINVALID, "Cannot find the article in the page: %v.", err)
	}
	var text string
	if art.Node != nil {
		text = cleanText(render.InnerText(art.Node))
	}
	if len(strings.Fields(text)) < minArticleWords {
		return nil, entente.Errorf(entente.EINVALID, "No article text found in the page.")
	}

	pg := &Page{
		Title:     firstNonEmpty(m.title, art.Title()),
		Text:      text,
		URL:       firstNonEmpty(m.canonical, m.ogURL, pageURL),
		Publisher: firstNonEmpty(art.SiteName(), m.publisher),
	}
	if pg.Publisher == "" && base != nil {
		pg.Publisher = strings.TrimPrefix(base.Hostname(), "www.")
	}
	pg.Title = collapseSpace(pg.Title)
	switch {
	case !m.published.IsZero():
		pg.Published, pg.DateSource = m.published, m.dateSource
	default:
		if d, ok := findDateline(m.dateline); ok {
			pg.Published, pg.DateSource = d, "dateline"
		} else if d, ok := findDateline(headOf(text, 400)); ok {
			pg.Published, pg.DateSource = d, "dateline"
		}
	}
	pg.DateFound = !pg.Published.IsZero()
	return pg, nil
}

// voidOrOptional are elements that never nest or whose end tag may be left
// out ("<p>a<p>b"): counting them as depth would reject honest old pages.
var voidOrOptional = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true, atom.P: true, atom.Li: true,
	atom.Dt: true, atom.Dd: true, atom.Option: true, atom.Optgroup: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Rb: true, atom.Rt: true, atom.Rp: true, atom.Colgroup: true, atom.Caption: true,
	atom.Html: true, atom.Head: true, atom.Body: true,
}

// checkShape tokenizes b once and rejects a page with too many elements or
// too deep a nesting.
func checkShape(b []byte) error {
	z := html.NewTokenizer(bytes.NewReader(b))
	z.SetMaxBuf(0)
	elems, depth := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return nil
			}
			return entente.Errorf(entente.EINVALID, "Cannot read HTML: %v.", z.Err())
		case html.StartTagToken:
			elems++
			if elems > MaxPageElements {
				return entente.Errorf(entente.EINVALID, "Page has more than %d HTML elements.", MaxPageElements)
			}
			name, _ := z.TagName()
			if !voidOrOptional[atom.Lookup(name)] {
				depth++
				if depth > MaxPageDepth {
					return entente.Errorf(entente.EINVALID, "Page nests HTML elements more than %d deep.", MaxPageDepth)
				}
			}
		case html.SelfClosingTagToken:
			elems++
			if elems > MaxPageElements {
				return entente.Errorf(entente.EINVALID, "Page has more than %d HTML elements.", MaxPageElements)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !voidOrOptional[atom.Lookup(name)] && depth > 0 {
				depth--
			}
		}
	}
}

// decode converts b to UTF-8. A byte-order mark, the Content-Type's charset
// or a <meta charset> decides; without any, valid UTF-8 stays UTF-8 and
// anything else is read as Windows-1252, as browsers do. (DetermineEncoding
// alone would judge by the first kilobyte only.)
func decode(b []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(b, contentType)
	if !certain && !declaresCharset(b) {
		if utf8.Valid(b) {
			return b, nil
		}
		enc, name = charmap.Windows1252, "windows-1252"
	}
	if name == "utf-8" || enc == nil {
		return b, nil // invalid sequences become U+FFFD in cleanText
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		return nil, entente.Errorf(entente.EINVALID, "Cannot decode the page from %s: %v.", name, err)
	}
	return out, nil
}

// declaresCharset reports whether the first kilobyte of b, which
// DetermineEncoding prescans for <meta charset>, names a charset.
func declaresCharset(b []byte) bool {
	return bytes.Contains(bytes.ToLower(b[:min(len(b), 1024)]), []byte("charset"))
}

// meta is what scanMeta finds outside the main text.
type meta struct {
	title, canonical, ogURL, publisher string
	published                          entente.Date
	dateSource                         string
	dateline                           string // text of elements that look like a dateline
}

// Meta names that carry a publication date, best first.
var dateMetaNames = []string{
	"article:published_time", "og:article:published_time", "article:published",
	"datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "dcterms.date",
	"sailthru.date", "parsely-pub-date", "date",
}

// scanMeta walks doc once for the metadata readability does not give:
// canonical URL, JSON-LD datePublished, date meta tags, <time> elements and
// dateline-like elements.
func scanMeta(doc *html.Node, base *url.URL) meta {
	var m meta
	metas := map[string]string{}
	var jsonLD []string
	var timeDate, articleTimeDate string
	var dateline strings.Builder

	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				if v := strings.TrimSpace(attr(n, "content")); key != "" && v != "" {
					if _, ok := metas[key]; !ok {
						metas[key] = v
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = resolve(base, attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					jsonLD = append(jsonLD, n.FirstChild.Data)
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Article:
				inArticle = true
			case atom.Time:
				dt := strings.TrimSpace(attr(n, "datetime"))
				if dt == "" {
					dt = strings.TrimSpace(textOf(n))
				}
				switch {
				case hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datepublished"):
					if timeDate == "" {
						timeDate = dt
					}
				case inArticle && articleTimeDate == "":
					articleTimeDate = dt
				}
			}
			if looksLikeDateline(n) && dateline.Len() < 2000 {
				dateline.WriteString(textOf(n))
				dateline.WriteString("\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)

	m.title = firstNonEmpty(metas["og:title"], metas["twitter:title"])
	m.ogURL = resolve(base, metas["og:url"])
	m.publisher = metas["og:site_name"]
	m.dateline = dateline.String()

	for _, src := range jsonLD {
		d, pub := jsonLDDate(src)
		if m.publisher == "" {
			m.publisher = pub
		}
		if !d.IsZero() && m.published.IsZero() {
			m.published, m.dateSource = d, "json-ld"
		}
	}
	if m.published.IsZero() {
		for _, k := range dateMetaNames {
			if d, ok := parseDateValue(metas[k]); ok {
				m.published, m.dateSource = d, "meta"
				break
			}
		}
	}
	if m.published.IsZero() {
		for _, v := range []string{timeDate, articleTimeDate} {
			if d, ok := parseDateValue(v); ok {
				m.published, m.dateSource = d, "time"
				break
			}
		}
	}
	return m
}

// jsonLDDate returns the first datePublished (else dateCreated) and the
// publisher name found anywhere in a JSON-LD script.
func jsonLDDate(src string) (entente.Date, string) {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<![CDATA[")
	src = strings.TrimSuffix(src, "]]>")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return entente.Date{}, ""
	}
	var published, created entente.Date
	var publisher string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 32 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && published.IsZero() {
				published, _ = parseDateValue(s)
			}
			if s, ok := x["dateCreated"].(string); ok && created.IsZero() {
				created, _ = parseDateValue(s)
			}
			if p, ok := x["publisher"].(map[string]any); ok && publisher == "" {
				publisher, _ = p["name"].(string)
			}
			for _, e := range x {
				walk(e, depth+1)
			}
		}
	}
	walk(v, 0)
	if published.IsZero() {
		published = created
	}
	return published, strings.TrimSpace(publisher)
}

// looksLikeDateline reports whether an element's class or id marks it as a
// dateline or publication date.
func looksLikeDateline(n *html.Node) bool {
	s := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range []string{"dateline", "pubdate", "publish", "posted", "timestamp", "article-date", "post-date", "entry-date"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// textOf returns the text inside n, at most a few hundred bytes of it.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if b.Len() > 500 {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapseSpace(b.String())
}

// resolve makes ref absolute against base; "" stays "".
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !u.IsAbs() {
		return ""
	}
	return u.String()
}

// cleanText normalizes extracted text: NFC, valid UTF-8, no trailing spaces,
// at most one blank line between paragraphs.
func cleanText(s string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00a0")
		if strings.TrimSpace(l) == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// headOf returns at most the first n bytes of s, cut at a rune boundary.
func headOf(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
