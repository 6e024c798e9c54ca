package ingest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/entente/entente/internal/entente"
)

// Extractor finds entities and events in an article: the consumer's view of
// internal/extract. It must be safe for concurrent use.
type Extractor interface {
	Extract(ctx context.Context, a *entente.Article) (*entente.Extraction, error)
}

// Pipeline reads sources, extracts each article on all cores and stores
// the results in batches. Articles already stored (same canonical URL, or
// the same text when there is no URL) are skipped, so running it again is
// harmless and finishes an interrupted run.
type Pipeline struct {
	Store            entente.ArticleStore
	Extractor        Extractor
	ExtractorVersion string // recorded on every stored article
	Logger           *slog.Logger

	Workers       int           // extraction workers; default runtime.NumCPU()
	Loaders       int           // workers that read, fetch and look up articles; default max(4, Workers)
	BatchSize     int           // articles per UpsertArticles call; default 64
	Writers       int           // batches written at once; default 1 (SQLite has one writer, and Neo4j writes take turns on the curations lock)
	FlushInterval time.Duration // a partial batch waits at most this long; default 1s

	// OnFailure is called for each article that could not be stored, with
	// the item's name; by default the Logger reports it.
	OnFailure func(name string, err error)
	// OnStored is called with each article's UpsertResult.
	OnStored func(name string, r entente.UpsertResult)
	// OnProgress is called after each article is done with the running
	// totals.
	OnProgress func(Stats)
}

// Stats counts what a run did.
type Stats struct {
	Read          int // items read from the sources
	Stored        int // articles written, new or changed
	Unchanged     int // written again with nothing changed
	Duplicates    int // already stored: skipped
	UpToDate      int // reprocess: already read by the current extractor
	Failed        int
	Undated       int // stored without a publication date
	Events        int // events extracted from the articles written
	EventsAdded   int
	EventsRemoved int
	Elapsed       time.Duration
}

// Done is how many items are finished, one way or another.
func (s Stats) Done() int {
	return s.Stored + s.Unchanged + s.Duplicates + s.UpToDate + s.Failed
}

// String returns the one-line ingest summary.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d, stored %d, skipped %d as duplicates, failed %d, events added %d", s.Read, s.Stored, s.Duplicates, s.Failed, s.EventsAdded)
	if s.Undated > 0 {
		fmt.Fprintf(&b, " (%d articles without a publication date)", s.Undated)
	}
	fmt.Fprintf(&b, " in %s", s.Elapsed.Round(time.Millisecond))
	if secs := s.Elapsed.Seconds(); secs > 0 && s.Done() > 0 {
		fmt.Fprintf(&b, ", %.1f articles/s", float64(s.Done())/secs)
	}
	return b.String()
}

// flushGrace is how long the batches in hand may take to be written once
// the run is interrupted.
const flushGrace = 30 * time.Second

// outcome is what happened to one item, sent to the writer.
type outcome struct {
	item    *Item
	article *entente.Article // extracted, to store
	dup     bool
	current bool // reprocess: up to date
	err     error
}

func (p *Pipeline) defaults() {
	if p.Workers <= 0 {
		p.Workers = runtime.NumCPU()
	}
	if p.Loaders <= 0 {
		p.Loaders = max(4, p.Workers)
	}
	if p.BatchSize <= 0 {
		p.BatchSize = 64
	}
	if p.Writers <= 0 {
		p.Writers = 1
	}
	if p.FlushInterval <= 0 {
		p.FlushInterval = time.Second
	}
	if p.Logger == nil {
		p.Logger = slog.New(slog.DiscardHandler)
	}
}

// Run ingests everything src yields and returns the totals. Bad items are
// reported through OnFailure and counted; Run itself fails only when the
// store cannot be written at all, or when ctx is done (what was extracted
// by then is still stored).
func (p *Pipeline) Run(ctx context.Context, src Source) (Stats, error) {
	p.defaults()
	start := time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var read int
	var readMu sync.Mutex
	items := make(chan *Item, p.Loaders)
	prepared := make(chan *Item, p.Workers)
	results := make(chan outcome, p.BatchSize)

	go func() {
		defer close(items)
		err := src.Items(ctx, func(it *Item) error {
			readMu.Lock()
			read++
			readMu.Unlock()
			select {
			case items <- it:
				return nil
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		})
		if err != nil && ctx.Err() == nil {
			cancel(err)
		}
	}()

	seen := newSeenSet()
	loaded := make(chan *Item, checkGroup)
	var loaders sync.WaitGroup
	for range p.Loaders {
		loaders.Go(func() {
			for it := range items {
				if o, ok := p.prepare(ctx, it, seen); ok {
					send(ctx, loaded, it)
				} else if o != nil {
					send(ctx, results, *o)
				}
			}
		})
	}
	go func() { loaders.Wait(); close(loaded) }()
	go func() {
		defer close(prepared)
		p.check(ctx, loaded, prepared, results, seen)
	}()

	var workers sync.WaitGroup
	for range p.Workers {
		workers.Go(func() {
			for it := range prepared {
				if o := p.extract(ctx, it); o != nil {
					send(ctx, results, *o)
				}
			}
		})
	}
	go func() { workers.Wait(); close(results) }()

	st, werr := p.write(ctx, results, seen, func() int {
		readMu.Lock()
		defer readMu.Unlock()
		return read
	}, start)
	if werr != nil {
		cancel(werr)
		for range results { // let the stages drain and stop
		}
	}
	st.Read = read
	st.Elapsed = time.Since(start)
	if werr != nil {
		return st, werr
	}
	if err := context.Cause(ctx); err != nil {
		return st, err
	}
	return st, nil
}

// send puts v on ch unless ctx ends first. Stages keep draining their
// input after ctx ends, so nothing blocks.
func send[T any](ctx context.Context, ch chan<- T, v T) {
	select {
	case ch <- v:
	case <-ctx.Done():
	}
}

// checkGroup bounds how many loaded items one look-up checks against the
// store: one query per group rather than per article (a round trip each on
// Neo4j).
const checkGroup = 64

// prepare loads an item and marks it in flight. It returns ok to pass the
// item on to the duplicate check, or the outcome to report (nil:
// interrupted, say nothing).
func (p *Pipeline) prepare(ctx context.Context, it *Item, seen *seenSet) (*outcome, bool) {
	if ctx.Err() != nil {
		return nil, false
	}
	if it.Err != nil {
		return &outcome{item: it, err: it.Err}, false
	}
	if it.upToDate {
		return &outcome{item: it, current: true}, false
	}
	if it.known {
		return nil, true
	}
	if it.load != nil {
		// A feed entry's link is often its canonical URL: when that is
		// stored, skip the fetch.
		if it.URL != "" {
			if dup, err := p.stored(ctx, it.URL); err != nil || dup {
				return p.dupOrErr(ctx, it, dup, err)
			}
		}
		if it.Load(ctx); it.Err != nil {
			if ctx.Err() != nil {
				return nil, false
			}
			return &outcome{item: it, err: it.Err}, false
		}
	}
	if strings.TrimSpace(it.Text) == "" {
		return &outcome{item: it, err: entente.Errorf(entente.EINVALID, "No article text.")}, false
	}
	it.hash = entente.ContentHash(it.Text)
	if !seen.add(it) {
		return &outcome{item: it, dup: true}, false
	}
	return nil, true
}

func (p *Pipeline) dupOrErr(ctx context.Context, it *Item, dup bool, err error) (*outcome, bool) {
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, false
	case err != nil:
		return &outcome{item: it, err: fmt.Errorf("look up stored article: %w", err)}, false
	}
	return &outcome{item: it, dup: true}, false
}

// stored reports whether an article with this canonical URL is in the
// store.
func (p *Pipeline) stored(ctx context.Context, url string) (bool, error) {
	as, n, err := p.Store.FindArticles(ctx, entente.ArticleFilter{URL: &url, Limit: 1})
	return n > 0 || len(as) > 0, err
}

// check passes on to extraction the loaded items that are not stored yet.
// It looks up whatever has queued up, up to checkGroup items, in one go, so
// a fast source is checked a group at a time and a slow one item by item,
// without waiting.
func (p *Pipeline) check(ctx context.Context, loaded <-chan *Item, prepared chan<- *Item, results chan<- outcome, seen *seenSet) {
	group := make([]*Item, 0, checkGroup)
	for it := range loaded {
		group = append(group[:0], it)
	more:
		for len(group) < checkGroup {
			select {
			case it, ok := <-loaded:
				if !ok {
					break more
				}
				group = append(group, it)
			default:
				break more
			}
		}
		if ctx.Err() != nil {
			continue // drain: interrupted, say nothing
		}
		urls, hashes, err := p.storedOf(ctx, group)
		for _, it := range group {
			switch {
			case it.known:
				send(ctx, prepared, it)
			case err != nil:
				seen.done(it)
				if o, _ := p.dupOrErr(ctx, it, false, err); o != nil {
					send(ctx, results, *o)
				}
			case it.URL != "" && urls[it.URL], it.URL == "" && hashes[it.hash]:
				seen.done(it)
				send(ctx, results, outcome{item: it, dup: true})
			default:
				send(ctx, prepared, it)
			}
		}
	}
}

// storedOf returns which of the items' canonical URLs, and which content
// hashes of those without one, are in the store: an article is the same
// article by its URL when it has one, else by its text.
func (p *Pipeline) storedOf(ctx context.Context, items []*Item) (urls, hashes map[string]bool, err error) {
	var fu, fh []string
	for _, it := range items {
		switch {
		case it.known:
		case it.URL != "":
			fu = append(fu, it.URL)
		default:
			fh = append(fh, it.hash)
		}
	}
	urls, hashes = map[string]bool{}, map[string]bool{}
	if len(fu) > 0 {
		as, _, err := p.Store.FindArticles(ctx, entente.ArticleFilter{URLs: fu})
		if err != nil {
			return nil, nil, err
		}
		for _, a := range as {
			urls[a.URL] = true
		}
	}
	if len(fh) > 0 {
		as, _, err := p.Store.FindArticles(ctx, entente.ArticleFilter{Hashes: fh})
		if err != nil {
			return nil, nil, err
		}
		for _, a := range as {
			hashes[a.Hash] = true
		}
	}
	return urls, hashes, nil
}

// extract turns a prepared item into an article with its extraction.
func (p *Pipeline) extract(ctx context.Context, it *Item) *outcome {
	if ctx.Err() != nil {
		return nil
	}
	a := &entente.Article{
		ID:               it.ID,
		URL:              it.URL,
		Title:            it.Title,
		Publisher:        it.Publisher,
		Published:        it.Published,
		Text:             it.Text,
		Hash:             it.hash,
		ExtractorVersion: p.ExtractorVersion,
	}
	if a.Hash == "" { // reprocess: not through the duplicate check
		a.Hash = entente.ContentHash(a.Text)
	}
	if a.ID == "" {
		a.ID = entente.ArticleID(a.URL, a.Text)
	}
	if err := a.Validate(); err != nil {
		return &outcome{item: it, err: err}
	}
	x, err := p.Extractor.Extract(ctx, a)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return &outcome{item: it, err: fmt.Errorf("extract: %w", err)}
	}
	a.Entities, a.Claims = x.Entities, x.Events
	if err := a.Validate(); err != nil {
		return &outcome{item: it, err: fmt.Errorf("extraction is invalid: %w", err)}
	}
	return &outcome{item: it, article: a}
}

// write is the one goroutine that owns the totals: it counts outcomes,
// reports failures, gathers articles into batches and hands them to the
// store writers, going on with the next batch while they write. It returns
// an error only when the store is unavailable, after reporting the
// articles it could not store.
func (p *Pipeline) write(ctx context.Context, results <-chan outcome, seen *seenSet, read func() int, start time.Time) (Stats, error) {
	var st Stats
	var batch []outcome
	// Writes finish even when ctx ends — a batch extracted is a batch kept —
	// but a store that hangs gets flushGrace, not forever.
	wctx, wcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer wcancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(flushGrace, wcancel) })
	defer stop()
	tick := time.NewTicker(p.FlushInterval)
	defer tick.Stop()

	batches := make(chan []outcome) // unbuffered: a busy store holds the batch back
	done := make(chan written, p.Writers)
	var writers sync.WaitGroup
	for range p.Writers {
		writers.Go(func() {
			for b := range batches {
				done <- p.store(wctx, b)
			}
		})
	}
	inFlight := 0
	var fatal error

	progress := func() {
		if p.OnProgress != nil {
			st.Read = read()
			st.Elapsed = time.Since(start)
			p.OnProgress(st)
		}
	}
	fail := func(o outcome, err error) {
		st.Failed++
		if p.OnFailure != nil {
			p.OnFailure(o.item.Name, err)
		} else {
			p.Logger.Error("ingest failed", "item", o.item.Name, "err", err)
		}
	}
	handle := func(w written) {
		inFlight--
		for i, o := range w.batch {
			if w.errs[i] != nil {
				fail(o, w.errs[i])
			} else {
				p.count(o, w.results[i], &st)
			}
			seen.done(o.item)
		}
		if w.fatal != nil && fatal == nil {
			fatal = w.fatal
		}
		progress()
	}
	flush := func() {
		if len(batch) == 0 || fatal != nil {
			return
		}
		b := batch
		batch = nil
		for {
			select {
			case batches <- b:
				inFlight++
				return
			case w := <-done:
				handle(w)
			}
		}
	}

loop:
	for fatal == nil {
		select {
		case o, ok := <-results:
			if !ok {
				flush()
				break loop
			}
			switch {
			case o.err != nil:
				fail(o, o.err)
				seen.done(o.item)
			case o.dup:
				st.Duplicates++
			case o.current:
				st.UpToDate++
			default:
				batch = append(batch, o)
				if len(batch) >= p.BatchSize {
					flush()
				}
				continue
			}
			progress()
		case <-tick.C:
			flush()
		case w := <-done:
			handle(w)
		}
	}
	close(batches)
	for inFlight > 0 {
		handle(<-done)
	}
	writers.Wait()
	if fatal != nil {
		for _, o := range batch {
			fail(o, entente.Errorf(entente.EUNAVAILABLE, "Not stored: the store is unavailable."))
		}
		progress()
	}
	return st, fatal
}

// written is what storing one batch did: for each article its result or
// its error, and fatal when the store is unavailable.
type written struct {
	batch   []outcome
	results []entente.UpsertResult
	errs    []error
	fatal   error
}

// store writes a batch. When the batch fails, its articles are stored one
// by one so that one bad article costs only itself; when the store is
// unavailable, the rest of the batch is not tried.
func (p *Pipeline) store(ctx context.Context, batch []outcome) written {
	w := written{batch: batch, results: make([]entente.UpsertResult, len(batch)), errs: make([]error, len(batch))}
	articles := make([]*entente.Article, len(batch))
	for i, o := range batch {
		articles[i] = o.article
	}
	rs, err := p.Store.UpsertArticles(ctx, articles)
	if err == nil && len(rs) == len(batch) {
		copy(w.results, rs)
		return w
	}
	if err == nil {
		err = fmt.Errorf("store returned %d results for %d articles", len(rs), len(batch))
	}
	if len(batch) == 1 {
		w.errs[0] = fmt.Errorf("store: %w", err)
		if entente.ErrorCode(err) == entente.EUNAVAILABLE {
			w.fatal = err
		}
		return w
	}
	p.Logger.Warn("batch failed; storing its articles one by one", "articles", len(batch), "err", err)
	for i := range batch {
		one := p.store(ctx, batch[i:i+1])
		w.results[i], w.errs[i] = one.results[0], one.errs[0]
		if one.fatal != nil {
			w.fatal = one.fatal
			for j := i + 1; j < len(batch); j++ {
				w.errs[j] = entente.Errorf(entente.EUNAVAILABLE, "Not stored: the store is unavailable.")
			}
			break
		}
	}
	return w
}

func (p *Pipeline) count(o outcome, r entente.UpsertResult, st *Stats) {
	switch r.Outcome {
	case entente.Unchanged:
		if o.item.known {
			st.Unchanged++
		} else {
			st.Duplicates++ // the same article twice in one batch
		}
	default:
		st.Stored++
		st.Events += len(o.article.Claims)
		if o.article.Published.IsZero() {
			st.Undated++
		}
	}
	st.EventsAdded += r.EventsAdded
	st.EventsRemoved += r.EventsRemoved
	if p.OnStored != nil {
		p.OnStored(o.item.Name, r)
	}
}

// seenSet holds the articles in flight: taken by a loader and not yet
// stored or failed. It stops one input naming an article twice from
// storing it twice while the first copy is on its way; once an article is
// stored, the store itself answers. So it stays as small as the pipeline's
// buffers, however long the run.
type seenSet struct {
	mu sync.Mutex
	m  map[[16]byte]struct{}
}

func newSeenSet() *seenSet { return &seenSet{m: map[[16]byte]struct{}{}} }

// add reports whether the article is not in flight already, and marks it:
// keyed by URL, or by content hash when there is none.
func (s *seenSet) add(it *Item) bool {
	key := "h:" + it.hash
	if it.URL != "" {
		key = "u:" + it.URL
	}
	sum := sha256.Sum256([]byte(key))
	copy(it.seenKey[:], sum[:16])
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[it.seenKey]; ok {
		return false
	}
	s.m[it.seenKey] = struct{}{}
	it.inFlight = true
	return true
}

// done forgets an article marked by add: it is stored, or failed.
func (s *seenSet) done(it *Item) {
	if !it.inFlight {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, it.seenKey)
	it.inFlight = false
}
