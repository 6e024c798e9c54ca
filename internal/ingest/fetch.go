package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/entente/entente/internal/entente"
)

// Fetcher gets a web resource: an article page or a news feed.
type Fetcher interface {
	// Fetch returns the body of url after redirects. A URL that cannot be
	// fetched, answers with an error status, is too large or is not text is
	// EINVALID; a network failure or a server error (5xx) is EUNAVAILABLE.
	Fetch(ctx context.Context, url string) (*Response, error)
}

// Response is a fetched resource.
type Response struct {
	URL         string // the final URL, after redirects
	ContentType string
	Body        []byte
}

// DefaultUserAgent names Entente to the sites it reads.
const DefaultUserAgent = "Entente/1 (+https://github.com/entente/entente; news ingestion for a knowledge graph)"

// HTTPFetcher is a polite Fetcher over HTTP(S): a timeout per request, a
// size cap, a bound on redirects, a clear User-Agent, and at most one
// request per HostDelay to any one host. It is safe for concurrent use.
type HTTPFetcher struct {
	Client       *http.Client  // nil: a client built from the fields below
	UserAgent    string        // default DefaultUserAgent
	Timeout      time.Duration // whole request, body included; default 30s
	MaxBytes     int64         // body cap, after decompression; default MaxPageBytes
	MaxRedirects int           // default 5
	HostDelay    time.Duration // politeness: the gap between requests to one host; default 1s

	once   sync.Once
	client *http.Client
	mu     sync.Mutex
	next   map[string]time.Time // host → earliest start of its next request
}

// NewHTTPFetcher returns an HTTPFetcher with the defaults.
func NewHTTPFetcher() *HTTPFetcher {
	return &HTTPFetcher{
		UserAgent:    DefaultUserAgent,
		Timeout:      30 * time.Second,
		MaxBytes:     MaxPageBytes,
		MaxRedirects: 5,
		HostDelay:    time.Second,
	}
}

var _ Fetcher = (*HTTPFetcher)(nil)

func (f *HTTPFetcher) init() {
	f.once.Do(func() {
		if f.UserAgent == "" {
			f.UserAgent = DefaultUserAgent
		}
		if f.Timeout <= 0 {
			f.Timeout = 30 * time.Second
		}
		if f.MaxBytes <= 0 {
			f.MaxBytes = MaxPageBytes
		}
		if f.MaxRedirects <= 0 {
			f.MaxRedirects = 5
		}
		f.next = map[string]time.Time{}
		c := f.Client
		if c == nil {
			c = &http.Client{Transport: &http.Transport{
				Proxy:                 http.ProxyFromEnvironment,
				DialContext:           (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
				TLSHandshakeTimeout:   10 * time.Second,
				ResponseHeaderTimeout: 20 * time.Second,
				MaxIdleConnsPerHost:   2,
				IdleConnTimeout:       90 * time.Second,
			}}
		}
		cc := *c
		max := f.MaxRedirects
		cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if len(via) > max {
				return entente.Errorf(entente.EINVALID, "Too many redirects (more than %d).", max)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return entente.Errorf(entente.EINVALID, "Redirect to a non-HTTP URL %q.", req.URL)
			}
			// Each hop waits its turn at its host too.
			return f.wait(req.Context(), req.URL.Host)
		}
		f.client = &cc
	})
}

// wait blocks until host may be asked again, and books the next slot.
func (f *HTTPFetcher) wait(ctx context.Context, host string) error {
	if f.HostDelay <= 0 {
		return nil
	}
	f.mu.Lock()
	now := time.Now()
	start := f.next[host]
	if start.Before(now) {
		start = now
	}
	f.next[host] = start.Add(f.HostDelay)
	f.mu.Unlock()
	if d := time.Until(start); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// Fetch implements Fetcher.
func (f *HTTPFetcher) Fetch(ctx context.Context, rawURL string) (*Response, error) {
	f.init()
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, entente.Errorf(entente.EINVALID, "Not an http(s) URL: %q.", rawURL)
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, entente.Errorf(entente.EINVALID, "Not a valid URL: %q.", rawURL)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fetchError(ctx, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return nil, entente.Errorf(entente.EUNAVAILABLE, "The server answered %s.", resp.Status)
	case resp.StatusCode >= 300:
		return nil, entente.Errorf(entente.EINVALID, "The server answered %s.", resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	if !textual(ct) {
		return nil, entente.Errorf(entente.EINVALID, "Not an article or a feed: the content type is %q.", ct)
	}
	if resp.ContentLength > f.MaxBytes {
		return nil, entente.Errorf(entente.EINVALID, "The page is %d MB; the limit is %d MB.", resp.ContentLength>>20, f.MaxBytes>>20)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxBytes+1))
	if err != nil {
		return nil, fetchError(ctx, err)
	}
	if int64(len(body)) > f.MaxBytes {
		return nil, entente.Errorf(entente.EINVALID, "The page is larger than the %d MB limit.", f.MaxBytes>>20)
	}
	return &Response{URL: resp.Request.URL.String(), ContentType: ct, Body: body}, nil
}

// textual reports whether a Content-Type can hold an article or a feed;
// a missing one is let through to content sniffing.
func textual(ct string) bool {
	ct = strings.ToLower(strings.TrimSpace(ct))
	if ct == "" {
		return true
	}
	for _, ok := range []string{"text/", "html", "xml", "rss", "atom", "json"} {
		if strings.Contains(ct, ok) {
			return true
		}
	}
	return false
}

// fetchError turns a transport error into a coded error with a sentence a
// user can read.
func fetchError(ctx context.Context, err error) error {
	var e *entente.Error
	switch {
	case errors.As(err, &e):
		return e
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
		return entente.Errorf(entente.EUNAVAILABLE, "The request timed out.")
	case errors.Is(err, context.Canceled):
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return entente.Errorf(entente.EUNAVAILABLE, "Cannot fetch: %v.", trimErr(err))
}

func trimErr(err error) string {
	return strings.TrimSuffix(fmt.Sprint(err), ".")
}
