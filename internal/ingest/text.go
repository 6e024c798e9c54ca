package ingest

import (
	"bytes"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/entente/entente/internal/entente"
)

// ParseText reads a plain-text article. It may open with a header: lines
// "Title:", "URL:", "Published:" (or "Date:") and "Publisher:" (or
// "Source:"), in any order and case, ended by a blank line; a first line
// that is not one of those keys means there is no header. Without a
// Published header the date is taken from a dateline at the top of the text
// ("BRUSSELS, 16 October 2024 -"), or left unknown.
func ParseText(r io.Reader) (*Page, error) {
	b, err := readCapped(r, MaxPageBytes)
	if err != nil {
		return nil, err
	}
	return parseTextBytes(b)
}

func parseTextBytes(b []byte) (*Page, error) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if !utf8.Valid(b) {
		// Not UTF-8: read it as Windows-1252, as for HTML without a charset.
		var err error
		if b, err = decode(b, "text/plain; charset=windows-1252"); err != nil {
			return nil, err
		}
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	p := &Page{}
	if head, rest, ok := strings.Cut(s, "\n\n"); ok {
		if hdr, ok := parseHeader(head); ok {
			s = rest
			p.Title, p.URL, p.Publisher = hdr["title"], hdr["url"], hdr["publisher"]
			if v := hdr["published"]; v != "" {
				d, ok := parseDateValue(v)
				if !ok {
					return nil, entente.Errorf(entente.EINVALID, "Invalid Published header %q: want a date such as 2024-10-16.", v)
				}
				p.Published, p.DateSource = d, "header"
			}
		}
	}
	p.Text = cleanText(s)
	if strings.TrimSpace(p.Text) == "" {
		return nil, entente.Errorf(entente.EINVALID, "No article text.")
	}
	if p.Published.IsZero() {
		if d, ok := findDateline(headOf(p.Text, 400)); ok {
			p.Published, p.DateSource = d, "dateline"
		}
	}
	p.DateFound = !p.Published.IsZero()
	return p, nil
}

// headerKeys maps the keys a text header may use to Page fields.
var headerKeys = map[string]string{
	"title": "title", "headline": "title",
	"url": "url", "link": "url",
	"published": "published", "date": "published",
	"publisher": "publisher", "source": "publisher",
}

// parseHeader reads "Key: value" lines; ok is false unless every line is
// one of headerKeys.
func parseHeader(head string) (map[string]string, bool) {
	hdr := map[string]string{}
	for _, line := range strings.Split(head, "\n") {
		k, v, ok := strings.Cut(line, ":")
		key, known := headerKeys[strings.ToLower(strings.TrimSpace(k))]
		if !ok || !known {
			return nil, false
		}
		hdr[key] = strings.TrimSpace(v)
	}
	return hdr, len(hdr) > 0
}

// Parse reads an article in text or HTML and parses it with ParseText or
// ParseHTML. name (a file name or URL, may be "") and contentType (may be
// "") hint at the kind; otherwise the content decides. Binary content is
// EINVALID.
func Parse(r io.Reader, name, contentType string) (*Page, error) {
	b, err := readCapped(r, MaxPageBytes)
	if err != nil {
		return nil, err
	}
	return parseBytes(b, name, contentType)
}

func parseBytes(b []byte, name, contentType string) (*Page, error) {
	switch kind := sniff(b, name, contentType); kind {
	case "html":
		url := ""
		if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
			url = name
		}
		return parseHTMLBytes(b, url, contentType)
	case "text":
		return parseTextBytes(b)
	default:
		return nil, entente.Errorf(entente.EINVALID, "Not a text or HTML article (the content looks like %s).", kind)
	}
}

// sniff says whether b is "html", "text", or else the MIME type it looks
// like.
func sniff(b []byte, name, contentType string) string {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"):
		return "html"
	case strings.HasPrefix(ct, "text/plain"):
		return "text"
	}
	detected := http.DetectContentType(b)
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case strings.HasPrefix(detected, "text/html"):
		return "html"
	case (ext == ".html" || ext == ".htm" || ext == ".xhtml") && strings.HasPrefix(detected, "text/"):
		return "html"
	case strings.HasPrefix(detected, "text/plain"):
		if looksLikeHTML(b) {
			return "html"
		}
		return "text"
	}
	if t, _, _ := strings.Cut(detected, ";"); t != "" {
		return t
	}
	return detected
}

// looksLikeHTML catches HTML that does not start with a tag
// DetectContentType knows, such as "<article>" after a text header.
func looksLikeHTML(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 4096)])
	for _, tag := range []string{"<html", "<body", "<article", "<p>", "<div", "<!doctype html"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	return false
}
