package ingest_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/ingest"
)

// body is a paragraph long enough to count as an article.
const body = `<p>Kazakhstan has declined an offer to become a partner country of the BRICS group,
presidential spokesman Berik Uali said on Wednesday, adding that the country would keep
supporting the bloc's work through the United Nations and other multilateral forums.</p>
<p>The decision was taken after consultations with the government, Uali told reporters in
Astana, and does not rule out closer cooperation with individual members of the group.</p>`

func page(head, article string) string {
	return "<!DOCTYPE html><html><head>" + head + "</head><body><nav><a href=/>Home</a></nav><article>" +
		article + "</article><footer>Copyright</footer></body></html>"
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name                        string
		html, url                   string
		title, canonical, publisher string
		published, source           string
	}{
		{
			name: "meta tags",
			html: page(`<title>Kazakhstan declines BRICS - Example News</title>
<meta property="og:title" content="Kazakhstan declines BRICS partnership">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-10-16T23:30:00-05:00">
<link rel="canonical" href="/world/kazakhstan-brics">`, "<h1>Kazakhstan declines BRICS partnership</h1>"+body),
			url:       "https://news.example.com/world/kazakhstan-brics?utm_source=feed",
			title:     "Kazakhstan declines BRICS partnership",
			canonical: "https://news.example.com/world/kazakhstan-brics",
			publisher: "Example News",
			published: "2024-10-16", // the publisher's own day, not shifted to UTC
			source:    "meta",
		},
		{
			name: "json-ld in a graph",
			html: page(`<title>BRICS</title><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Daily Wire"},
 {"@type":"NewsArticle","headline":"BRICS","datePublished":"2024-10-17","publisher":{"@type":"Organization","name":"Daily Wire Service"}}]}
</script><meta property="article:published_time" content="2024-10-18T10:00:00Z">`, body),
			url:       "https://wire.example.org/a/1",
			title:     "BRICS",
			canonical: "https://wire.example.org/a/1",
			publisher: "Daily Wire Service",
			published: "2024-10-17", // JSON-LD wins over meta
			source:    "json-ld",
		},
		{
			name:      "time element",
			html:      page(`<title>T</title>`, `<time datetime="2023-08-24T12:00:00+02:00" pubdate>24 August</time>`+body),
			url:       "https://www.example.net/x",
			title:     "T",
			canonical: "https://www.example.net/x",
			publisher: "example.net",
			published: "2023-08-24",
			source:    "time",
		},
		{
			name:      "visible dateline",
			html:      page(`<title>T</title>`, `<p>ASTANA, Oct. 16, 2024 (Example) - `+strings.TrimPrefix(body, "<p>")),
			title:     "T",
			published: "2024-10-16",
			source:    "dateline",
		},
		{
			name:      "dateline element",
			html:      page(`<title>T</title>`, `<div class="article-dateline">Published 3 July 2024, 10:04 GMT</div>`+body),
			title:     "T",
			published: "2024-07-03",
			source:    "dateline",
		},
		{
			name:  "no date: said, not guessed",
			html:  page(`<title>T</title>`, body+`<p>Kazakhstan joined the Eurasian Economic Union on 1 January 2015, years before the offer.</p>`),
			title: "T",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ingest.ParseHTML(strings.NewReader(tt.html), tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := p.Title, tt.title; got != want {
				t.Errorf("Title=%q, want %q", got, want)
			}
			if got, want := p.URL, tt.canonical; got != want {
				t.Errorf("URL=%q, want %q", got, want)
			}
			if got, want := p.Publisher, tt.publisher; got != want {
				t.Errorf("Publisher=%q, want %q", got, want)
			}
			if got, want := p.Published.String(), tt.published; got != want {
				t.Errorf("Published=%q, want %q", got, want)
			}
			if got, want := p.DateFound, tt.published != ""; got != want {
				t.Errorf("DateFound=%v, want %v", got, want)
			}
			if got, want := p.DateSource, tt.source; got != want {
				t.Errorf("DateSource=%q, want %q", got, want)
			}
			if !strings.Contains(p.Text, "Kazakhstan has declined an offer") {
				t.Errorf("Text misses the article: %q", p.Text)
			}
			for _, junk := range []string{"Home", "Copyright"} {
				if strings.Contains(p.Text, junk) {
					t.Errorf("Text keeps page chrome %q: %q", junk, p.Text)
				}
			}
		})
	}
}

func TestParseHTMLText(t *testing.T) {
	p, err := ingest.ParseHTML(strings.NewReader(page("<title>T</title>", body)), "")
	if err != nil {
		t.Fatal(err)
	}
	// Paragraphs are separated by one blank line; lines inside a paragraph
	// are joined.
	paras := strings.Split(p.Text, "\n\n")
	if got, want := len(paras), 2; got != want {
		t.Fatalf("%d paragraphs, want %d: %q", got, want, p.Text)
	}
	if strings.Contains(paras[0], "\n") {
		t.Errorf("paragraph keeps a line break: %q", paras[0])
	}
}

func TestParseHTMLCharset(t *testing.T) {
	// "Saint-Pétersbourg" in Latin-1, declared in a meta tag.
	latin1 := page(`<meta charset="iso-8859-1"><title>T</title>`, body+"<p>Le sommet de Saint-P\xe9tersbourg.</p>")
	p, err := ingest.ParseHTML(strings.NewReader(latin1), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "Saint-Pétersbourg") {
		t.Errorf("Text=%q, want it decoded from Latin-1", p.Text)
	}
}

func TestParseHTMLRejects(t *testing.T) {
	tests := []struct {
		name string
		html string
		want string // in the message
	}{
		{"too large", page("", body+"<p>"+strings.Repeat("a", ingest.MaxPageBytes)+"</p>"), "larger than"},
		{"nesting bomb", strings.Repeat("<div>", 100_000), "nests HTML elements"},
		{"element bomb", strings.Repeat("<span>x</span>", ingest.MaxPageElements+1), "more than"},
		{"no article", page("<title>Index</title>", "<ul><li><a href=/a>One</a><li><a href=/b>Two</a></ul>"), "No article text"},
		{"empty", "", "No article text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := ingest.ParseHTML(strings.NewReader(tt.html), "")
			if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
				t.Fatalf("code=%q (%v), want %q", got, err, want)
			}
			if msg := entente.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not say %q", msg, tt.want)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v to reject", d)
			}
		})
	}
}

func TestParseHTMLManyParagraphs(t *testing.T) {
	// A long honest page of old-style unclosed <p> tags is not a bomb.
	var b bytes.Buffer
	b.WriteString("<html><body><article>")
	for i := range 2000 {
		fmt.Fprintf(&b, "<p>Paragraph %d says that NATO foreign ministers met in Brussels to discuss enlargement.", i)
	}
	b.WriteString("</article></body></html>")
	p, err := ingest.ParseHTML(&b, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "Paragraph 1999 says") {
		t.Errorf("Text lost the end of the article")
	}
}
