package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/ingest"
)

func TestHTTPFetcher(t *testing.T) {
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("<title>T</title>", body))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 3 << 10 { // 3 MB, sent chunked: no Content-Length to trust
			w.Write(bytes.Repeat([]byte("<p>a</p>"), 128))
		}
	})
	// 16 KB on the wire, 16 MB unpacked.
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(make([]byte, 16<<20))
	zw.Close()
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb.Bytes())
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusNotFound)
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusBadGateway)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	f := ingest.NewHTTPFetcher()
	f.HostDelay = 0
	f.Timeout = 500 * time.Millisecond
	f.MaxBytes = 1 << 20
	f.MaxRedirects = 3

	tests := []struct {
		path    string
		code    string
		message string // a part of the error message, or of the final URL on success
	}{
		{"/article", "", "/article"},
		{"/moved", "", "/article"},
		{"/loop", entente.EINVALID, "Too many redirects (more than 3)."},
		{"/image", entente.EINVALID, `Not an article or a feed: the content type is "image/png".`},
		{"/huge", entente.EINVALID, "The page is larger than the 1 MB limit."},
		{"/gzip-bomb", entente.EINVALID, "The page is larger than the 1 MB limit."},
		{"/slow", entente.EUNAVAILABLE, "timed out"},
		{"/gone", entente.EINVALID, "The server answered 404 Not Found."},
		{"/down", entente.EUNAVAILABLE, "The server answered 502 Bad Gateway."},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := f.Fetch(context.Background(), srv.URL+tt.path)
			if got, want := entente.ErrorCode(err), tt.code; got != want {
				t.Fatalf("code=%q (%v), want %q", got, err, want)
			}
			if err != nil {
				if msg := entente.ErrorMessage(err); !strings.Contains(msg, tt.message) {
					t.Errorf("message %q does not say %q", msg, tt.message)
				}
				return
			}
			if got, want := resp.URL, srv.URL+tt.message; got != want {
				t.Errorf("URL=%q, want %q", got, want)
			}
		})
	}
	if got, want := gotUA, ingest.DefaultUserAgent; got != want {
		t.Errorf("User-Agent=%q, want %q", got, want)
	}

	t.Run("not http", func(t *testing.T) {
		_, err := f.Fetch(context.Background(), "ftp://example.com/x")
		if got, want := entente.ErrorCode(err), entente.EINVALID; got != want {
			t.Errorf("code=%q, want %q", got, want)
		}
	})
	t.Run("refused", func(t *testing.T) {
		dead := httptest.NewServer(http.NotFoundHandler())
		url := dead.URL
		dead.Close()
		_, err := f.Fetch(context.Background(), url)
		if got, want := entente.ErrorCode(err), entente.EUNAVAILABLE; got != want {
			t.Errorf("code=%q (%v), want %q", got, err, want)
		}
	})
}

func TestHTTPFetcherPoliteness(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()

	const delay = 100 * time.Millisecond
	f := ingest.NewHTTPFetcher()
	f.HostDelay = delay
	begin := time.Now()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if _, err := f.Fetch(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(times) != 4 {
		t.Fatalf("%d requests, want 4", len(times))
	}
	// The slots are begin, begin+delay, ...: the i-th request to arrive
	// cannot come before slot i, however the scheduler delays them.
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for i, at := range times {
		if got, want := at.Sub(begin), time.Duration(i)*delay*95/100; got < want {
			t.Errorf("request %d came %v after the start; want at least %v", i, got, want)
		}
	}
}
