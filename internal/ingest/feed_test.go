package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/internal/ingest"
)

// newsSite serves articles at /a/N, an RSS feed at /rss and an Atom feed at
// /atom listing the articles in entries (changeable while it runs).
type newsSite struct {
	*httptest.Server
	mu      sync.Mutex
	entries []string // article paths in the feeds
	polls   int
}

func newNewsSite(t *testing.T, entries ...string) *newsSite {
	s := &newsSite{entries: entries}
	mux := http.NewServeMux()
	mux.HandleFunc("/a/{n}", func(w http.ResponseWriter, r *http.Request) {
		n := r.PathValue("n")
		if n == "missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(`<title>Story `+n+`</title><link rel="canonical" href="/a/`+n+`">`,
			"<p>Story "+n+": "+strings.TrimPrefix(body, "<p>")))
	})
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.polls++
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire Service</title><link>`+s.URL+`</link>`)
		for _, e := range s.entries {
			fmt.Fprintf(w, `<item><title>Feed title %s</title><link>%s%s</link><guid>%s</guid><pubDate>Wed, 16 Oct 2024 23:30:00 -0500</pubDate></item>`, e, s.URL, e, e)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/atom", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		w.Header().Set("Content-Type", "application/xml") // sniffed as a feed
		fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>`)
		for _, e := range s.entries {
			fmt.Fprintf(w, `<entry><title>Atom %s</title><link href="%s%s"/><id>%s</id><published>2024-10-17T08:00:00Z</published></entry>`, e, s.URL, e, e)
		}
		fmt.Fprint(w, `</feed>`)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) set(entries ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = entries
}

func fastFetcher() *ingest.HTTPFetcher {
	f := ingest.NewHTTPFetcher()
	f.HostDelay = time.Millisecond
	return f
}

func TestURLSource(t *testing.T) {
	site := newNewsSite(t, "/a/1", "/a/missing", "/a/2")
	tests := []struct {
		name string
		url  string
		want []collected
	}{
		{"article", site.URL + "/a/7?ref=home", []collected{
			{Name: site.URL + "/a/7?ref=home", URL: site.URL + "/a/7", Title: "Story 7", Text: "Story 7: Kazakhstan"},
		}},
		{"rss", site.URL + "/rss", []collected{
			// The page's title wins; the feed's date fills in the page's missing one.
			{Name: site.URL + "/a/1", URL: site.URL + "/a/1", Title: "Story 1", Published: "2024-10-16", Text: "Story 1: Kazakhstan"},
			{Name: site.URL + "/a/missing", URL: site.URL + "/a/missing", Title: "Feed title /a/missing", Published: "2024-10-16", Err: "The server answered 404 Not Found."},
			{Name: site.URL + "/a/2", URL: site.URL + "/a/2", Title: "Story 2", Published: "2024-10-16", Text: "Story 2: Kazakhstan"},
		}},
		{"atom", site.URL + "/atom", []collected{
			{Name: site.URL + "/a/1", URL: site.URL + "/a/1", Title: "Story 1", Published: "2024-10-17", Text: "Story 1: Kazakhstan"},
			{Name: site.URL + "/a/missing", URL: site.URL + "/a/missing", Title: "Atom /a/missing", Published: "2024-10-17", Err: "The server answered 404 Not Found."},
			{Name: site.URL + "/a/2", URL: site.URL + "/a/2", Title: "Story 2", Published: "2024-10-17", Text: "Story 2: Kazakhstan"},
		}},
		{"not found", site.URL + "/nothing", []collected{
			{Name: site.URL + "/nothing", Err: "The server answered 404 Not Found."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ingest.NewSource(tt.url, ingest.SourceOptions{Fetcher: fastFetcher()})
			got := collect(t, src)
			for i := range got {
				got[i].Text = got[i].Text[:min(len(got[i].Text), 19)]
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestURLSourceFollow(t *testing.T) {
	site := newNewsSite(t, "/a/1", "/a/2")
	src := &ingest.URLSource{URL: site.URL + "/rss", Fetcher: fastFetcher(), Follow: true, Interval: 20 * time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	var names []string
	err := src.Items(ctx, func(it *ingest.Item) error {
		names = append(names, strings.TrimPrefix(it.Name, site.URL))
		switch len(names) {
		case 2: // the first poll is done: the feed moves on
			site.set("/a/2", "/a/3", "/a/4")
		case 4:
			site.set("/a/4", "/a/5")
		case 5:
			cancel()
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Items: %v", err)
	}
	if diff := cmp.Diff([]string{"/a/1", "/a/2", "/a/3", "/a/4", "/a/5"}, names); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if site.polls < 3 {
		t.Errorf("%d polls, want at least 3", site.polls)
	}
}
