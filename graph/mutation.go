package graph

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/entente/entente/graph/model"
	"github.com/entente/entente/internal/entente"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Ingester extracts and stores articles for the mutations. cmd/entente
// adapts internal/ingest to it; graph never imports the pipeline.
type Ingester interface {
	// IngestArticle reads one article (text, HTML or a URL to fetch),
	// extracts its events and stores them. in has exactly one of Text,
	// HTML and URL, or URL with Text or HTML as its canonical URL. Returns
	// EINVALID for content that cannot be read or extracted, and the
	// store's errors.
	IngestArticle(ctx context.Context, in model.IngestArticleInput) (*model.IngestArticlePayload, error)
	// Reprocess re-extracts the stored articles an older extractor read
	// (all of them with all) and stores what changed.
	Reprocess(ctx context.Context, all bool) (*model.ReprocessPayload, error)
}

// checkIngestInput returns EINVALID unless in has content to read.
func checkIngestInput(in model.IngestArticleInput) error {
	has := func(p *string) bool { return p != nil && strings.TrimSpace(*p) != "" }
	switch {
	case has(in.Text) && has(in.HTML):
		return entente.Errorf(entente.EINVALID, "Give the article as text or as html, not both.")
	case !has(in.Text) && !has(in.HTML) && !has(in.URL):
		return entente.Errorf(entente.EINVALID, "Give the article's text, html or url.")
	case has(in.URL) && !strings.HasPrefix(*in.URL, "http://") && !strings.HasPrefix(*in.URL, "https://"):
		return entente.Errorf(entente.EINVALID, "Invalid url %q: want http:// or https://.", *in.URL)
	}
	return nil
}

type authKey struct{}

// APIKey is one bearer token that may run mutations, and the name
// curations record as their actor.
type APIKey struct {
	Name  string
	Token string
}

// ParseAPIKey reads one ENTENTE_API_KEYS entry: "NAME:TOKEN", or a bare
// TOKEN, which is named "key-" and the first 8 hex digits of its SHA-256
// (so the log never holds the token).
func ParseAPIKey(s string) APIKey {
	s = strings.TrimSpace(s)
	if name, token, ok := strings.Cut(s, ":"); ok && name != "" && token != "" {
		return APIKey{Name: strings.TrimSpace(name), Token: strings.TrimSpace(token)}
	}
	sum := sha256.Sum256([]byte(s))
	return APIKey{Name: "key-" + hex.EncodeToString(sum[:4]), Token: s}
}

// authorize marks requests that carry one of keys as a bearer token with
// the key's name.
func authorize(keys []APIKey, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		token = strings.TrimSpace(token)
		name := ""
		for _, k := range keys {
			if ok && token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(k.Token)) == 1 {
				name = k.Name
			}
		}
		if name != "" {
			r = r.WithContext(context.WithValue(r.Context(), authKey{}, name))
		}
		next.ServeHTTP(w, r)
	})
}

// actor returns the name of the request's API key.
func actor(ctx context.Context) string {
	name, _ := ctx.Value(authKey{}).(string)
	return name
}

// curationPayload reports what a curation did.
func curationPayload(res *entente.CurationResult, err error) (*model.CurationPayload, error) {
	if err != nil {
		return nil, err
	}
	return &model.CurationPayload{Curation: res.Curation, ArticlesRewritten: res.Articles,
		EventsAdded: res.EventsAdded, EventsRemoved: res.EventsRemoved}, nil
}

// requireKey refuses mutations from requests without a valid API key.
func requireKey(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
		if actor(ctx) == "" {
			err := gqlerror.Errorf("Mutations need an API key: send Authorization: Bearer KEY with a key from the server's ENTENTE_API_KEYS.")
			err.Extensions = map[string]any{"code": "UNAUTHORIZED"}
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
		}
	}
	return next(ctx)
}

// watch polls the store for events matching f that were not there when it
// started, and sends them on ch in date order until ctx ends. A failed poll
// is logged and retried at the next tick.
func watch(ctx context.Context, s entente.Store, f entente.EventFilter, every time.Duration, logger *slog.Logger) (<-chan *entente.Event, error) {
	snapshot := func() (map[string]bool, []*entente.Event, error) {
		events, _, err := s.FindEvents(ctx, f)
		if err != nil {
			return nil, nil, err
		}
		ids := make(map[string]bool, len(events))
		for _, e := range events {
			ids[e.ID] = true
		}
		return ids, events, nil
	}
	known, _, err := snapshot()
	if err != nil {
		return nil, err
	}
	ch := make(chan *entente.Event, 16)
	go func() {
		defer close(ch)
		t := time.NewTicker(every)
		defer t.Stop()
		total := len(known)
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			// A cheap count first; the whole list only when it changed.
			probe := f
			probe.Limit = 1
			_, n, err := s.FindEvents(ctx, probe)
			if err == nil && n == total {
				continue
			}
			ids, events, err := snapshot()
			if err != nil {
				if ctx.Err() == nil {
					logger.WarnContext(ctx, "eventAdded: poll failed", "err", err)
				}
				continue
			}
			for _, e := range events {
				if known[e.ID] {
					continue
				}
				select {
				case ch <- e:
				case <-ctx.Done():
					return
				}
			}
			known, total = ids, len(ids)
		}
	}()
	return ch, nil
}
