package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/entente/entente/internal/entente"
)

// Item is one article on its way into the store.
type Item struct {
	Name      string // names the item in reports: a path, "path:line", a URL
	ID        string // the given id; "" derives one with entente.ArticleID
	URL       string // canonical URL, "" when unknown
	Title     string
	Publisher string
	Published entente.Date
	Text      string
	// Err is why the item could not be read. The pipeline reports it,
	// counts it as failed and goes on.
	Err error

	// load reads or fetches the article in a pipeline worker rather than in
	// the source: files and feed entries.
	load func(ctx context.Context) error
	// known marks an article read back from the store (reprocess): it
	// skips the duplicate check. upToDate marks one that the current
	// extractor has read already: it is only counted.
	known, upToDate bool
	// hash is ContentHash(Text), once loaded.
	hash string
	// seenKey marks the item in the pipeline's set of articles in flight.
	seenKey  [16]byte
	inFlight bool
}

// Load reads or fetches an item whose source deferred it (files, feed
// entries); a failure sets Err. A loaded item loads no more.
func (it *Item) Load(ctx context.Context) {
	if it.load == nil || it.Err != nil {
		return
	}
	load := it.load
	it.load = nil
	if err := load(ctx); err != nil {
		it.Err = err
	}
}

// setPage fills the item from a parsed page; values the item already has
// (from a feed entry or a header) win only where the page has none.
func (it *Item) setPage(p *Page) {
	it.Text = p.Text
	it.URL = firstNonEmpty(p.URL, it.URL)
	it.Title = firstNonEmpty(p.Title, it.Title)
	it.Publisher = firstNonEmpty(p.Publisher, it.Publisher)
	if p.DateFound {
		it.Published = p.Published
	}
}

// Source yields the items of one input.
type Source interface {
	// Items calls emit for each item, in order, until the input ends or ctx
	// is done. An item that cannot be read is emitted with Err set; Items
	// itself fails only when it cannot go on at all, or when emit fails.
	Items(ctx context.Context, emit func(*Item) error) error
}

// SourceOptions configure the sources NewSource builds.
type SourceOptions struct {
	JSONL    bool      // files and stdin hold JSON lines, as for `entente extract --jsonl`
	Stdin    io.Reader // read for "-"
	Fetcher  Fetcher   // fetches URLs and feed entries
	Follow   bool      // keep polling feeds for new entries
	Interval time.Duration
}

// NewSource returns the source for one command-line argument: "-" for
// standard input, an http(s) URL of an article or a feed, or a path to a
// file or a folder.
func NewSource(arg string, o SourceOptions) Source {
	switch {
	case arg == "-":
		return &readerSource{name: "stdin", r: o.Stdin, jsonl: o.JSONL}
	case strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://"):
		return &URLSource{URL: arg, Fetcher: o.Fetcher, Follow: o.Follow, Interval: o.Interval}
	}
	return &PathSource{Path: arg, JSONL: o.JSONL}
}

// Sources joins sources: in order, or all at once when concurrent (feeds
// followed forever must not wait for each other).
func Sources(concurrent bool, srcs ...Source) Source {
	return multiSource{srcs: srcs, concurrent: concurrent}
}

type multiSource struct {
	srcs       []Source
	concurrent bool
}

func (m multiSource) Items(ctx context.Context, emit func(*Item) error) error {
	if !m.concurrent {
		for _, s := range m.srcs {
			if err := s.Items(ctx, emit); err != nil {
				return err
			}
		}
		return nil
	}
	var mu sync.Mutex // emit is called from one goroutine at a time
	safe := func(it *Item) error {
		mu.Lock()
		defer mu.Unlock()
		return emit(it)
	}
	errs := make(chan error, len(m.srcs))
	for _, s := range m.srcs {
		go func() { errs <- s.Items(ctx, safe) }()
	}
	var first error
	for range m.srcs {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Folder walks take files with these extensions, and leave the rest (a
// README, images) alone; a file named on the command line is read whatever
// its name.
var (
	articleExts = map[string]bool{".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true}
	jsonlExts   = map[string]bool{".jsonl": true, ".ndjson": true}
)

// PathSource reads a file, or every article file under a folder in lexical
// order. Article files are text or HTML, told apart by their content; with
// JSONL, or a .jsonl/.ndjson name, a file holds JSON lines.
type PathSource struct {
	Path  string
	JSONL bool
}

// Items implements Source.
func (s *PathSource) Items(ctx context.Context, emit func(*Item) error) error {
	fi, err := os.Stat(s.Path)
	if err != nil {
		return emit(&Item{Name: s.Path, Err: fileError(err)})
	}
	if !fi.IsDir() {
		if s.JSONL || jsonlExts[strings.ToLower(filepath.Ext(s.Path))] {
			return readJSONLFile(ctx, s.Path, emit)
		}
		return emit(fileItem(s.Path))
	}
	return filepath.WalkDir(s.Path, func(path string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if e := emit(&Item{Name: path, Err: fileError(err)}); e != nil {
				return e
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if path != s.Path && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(name))
		switch {
		case jsonlExts[ext]:
			return readJSONLFile(ctx, path, emit)
		case articleExts[ext]:
			return emit(fileItem(path))
		}
		return nil
	})
}

// fileItem returns an item that reads and parses path when a worker loads
// it.
func fileItem(path string) *Item {
	it := &Item{Name: path}
	it.load = func(ctx context.Context) error {
		f, err := os.Open(path)
		if err != nil {
			return fileError(err)
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return fileError(err)
		}
		if fi.IsDir() {
			return entente.Errorf(entente.EINVALID, "Is a folder, not an article file.")
		}
		if fi.Size() > MaxPageBytes {
			return entente.Errorf(entente.EINVALID, "File is %d MB; the limit is %d MB.", fi.Size()>>20, MaxPageBytes>>20)
		}
		p, err := Parse(f, path, "")
		if err != nil {
			var e *entente.Error
			if !errors.As(err, &e) {
				return fileError(err)
			}
			return err
		}
		it.setPage(p)
		return nil
	}
	return it
}

// fileError turns an os error into a sentence that names no path: the
// report names the item.
func fileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return entente.Errorf(entente.EINVALID, "No such file or folder.")
	case errors.Is(err, fs.ErrPermission):
		return entente.Errorf(entente.EINVALID, "Permission denied.")
	}
	return entente.Errorf(entente.EINVALID, "Cannot read: %v.", err)
}

// readerSource reads one article, or JSON lines, from a reader (stdin).
type readerSource struct {
	name  string
	r     io.Reader
	jsonl bool
}

func (s *readerSource) Items(ctx context.Context, emit func(*Item) error) error {
	if s.r == nil {
		return emit(&Item{Name: s.name, Err: entente.Errorf(entente.EINVALID, "No input.")})
	}
	if s.jsonl {
		return readJSONL(ctx, s.name, s.r, emit)
	}
	it := &Item{Name: s.name}
	p, err := Parse(s.r, "", "")
	if err != nil {
		it.Err = err
	} else {
		it.setPage(p)
	}
	return emit(it)
}

// JSONLine is one input line of `ingest --jsonl` and `extract --jsonl`.
type JSONLine struct {
	ID        *string `json:"id"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
	Text      *string `json:"text"`
	Title     *string `json:"title"`
	Publisher *string `json:"publisher"`
}

func readJSONLFile(ctx context.Context, path string, emit func(*Item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return emit(&Item{Name: path, Err: fileError(err)})
	}
	defer f.Close()
	return readJSONL(ctx, path, f, emit)
}

// maxLineBytes bounds one JSON line: the largest article, escaped, with
// room for the other fields.
const maxLineBytes = 2*MaxPageBytes + 64<<10

// readJSONL emits one item per non-blank line of r. A line that is not
// valid JSON, or too long, is an item with Err; the next line goes on.
func readJSONL(ctx context.Context, name string, r io.Reader, emit func(*Item) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, maxLineBytes)
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			it := &Item{Name: fmt.Sprintf("%s:%d", name, n)}
			if tooLong {
				it.Err = entente.Errorf(entente.EINVALID, "Line is longer than %d MB.", maxLineBytes>>20)
			} else {
				parseLine(it, line)
			}
			if e := emit(it); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		} else if err != nil {
			return emit(&Item{Name: fmt.Sprintf("%s:%d", name, n), Err: entente.Errorf(entente.EINVALID, "Cannot read: %v.", err)})
		}
	}
}

// readLine reads up to and without the next '\n'. A line over max bytes is
// skipped to its end and reported as tooLong, without being held in memory.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), tooLong, err
	}
}

// lineID finds a plain id in a line that is not valid JSON.
var lineID = regexp.MustCompile(`^\s*\{\s*"id"\s*:\s*"([^"\\]{1,200})"`)

// parseLine fills it from one JSON line, or sets it.Err.
func parseLine(it *Item, line []byte) {
	var l JSONLine
	if err := json.Unmarshal(line, &l); err != nil {
		// Name the line by its id when the id at least can be read.
		if m := lineID.FindSubmatch(line); m != nil {
			it.Name += " (id " + string(m[1]) + ")"
		}
		it.Err = entente.Errorf(entente.EINVALID, "Not a JSON object: %v.", jsonError(err))
		return
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	it.ID, it.URL, it.Title, it.Publisher = strings.TrimSpace(str(l.ID)), strings.TrimSpace(str(l.URL)), str(l.Title), str(l.Publisher)
	if it.ID != "" {
		it.Name += " (id " + it.ID + ")"
	}
	if pub := strings.TrimSpace(str(l.Published)); pub != "" {
		d, err := entente.ParseDate(pub)
		if err != nil {
			var ok bool
			if d, ok = parseDateValue(pub); !ok {
				it.Err = entente.Errorf(entente.EINVALID, "Invalid published date %q: want YYYY-MM-DD.", pub)
				return
			}
		}
		it.Published = d
	}
	if l.Text == nil || strings.TrimSpace(*l.Text) == "" {
		it.Err = entente.Errorf(entente.EINVALID, `No "text".`)
		return
	}
	it.Text = *l.Text
}

func jsonError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("%s at byte %d", strings.TrimPrefix(se.Error(), "invalid character "), se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q should be a %s, not a %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// URLSource reads the article or the feed at URL. A feed's entries are
// fetched one by one; with Follow, the feed is polled every Interval and
// only entries not seen in the previous poll are emitted, until ctx is
// done.
type URLSource struct {
	URL      string
	Fetcher  Fetcher
	Follow   bool
	Interval time.Duration // default 5 minutes
}

// Items implements Source.
func (s *URLSource) Items(ctx context.Context, emit func(*Item) error) error {
	var seen map[string]bool
	for {
		next, err := s.poll(ctx, seen, emit)
		switch {
		case err != nil:
			return err
		case !s.Follow || next == nil: // not a feed, or not following
			return nil
		}
		seen = next
		interval := s.Interval
		if interval <= 0 {
			interval = 5 * time.Minute
		}
		t := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil // following ends when the user stops it
		case <-t.C:
		}
	}
}

// poll fetches the URL once. For a feed it emits the entries not in seen
// and returns the keys of all the feed's entries; for an article page it
// emits it and returns nil.
func (s *URLSource) poll(ctx context.Context, seen map[string]bool, emit func(*Item) error) (map[string]bool, error) {
	if s.Fetcher == nil {
		return nil, emit(&Item{Name: s.URL, Err: entente.Errorf(entente.EINVALID, "No fetcher for URLs.")})
	}
	resp, err := s.Fetcher.Fetch(ctx, s.URL)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil
		}
		if s.Follow && seen != nil {
			// A feed that fails one poll is tried again at the next.
			return seen, emit(&Item{Name: s.URL, Err: err})
		}
		return nil, emit(&Item{Name: s.URL, Err: err})
	}
	if !isFeed(resp) {
		it := &Item{Name: s.URL}
		p, err := parseBytes(resp.Body, resp.URL, resp.ContentType)
		if err != nil {
			it.Err = err
		} else {
			it.setPage(p)
		}
		return nil, emit(it)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		return seen, emit(&Item{Name: s.URL, Err: entente.Errorf(entente.EINVALID, "Cannot read the feed: %v.", err)})
	}
	keys := make(map[string]bool, len(feed.Items))
	for _, fi := range feed.Items {
		key := firstNonEmpty(fi.GUID, fi.Link)
		if key == "" {
			continue
		}
		keys[key] = true
		if seen[key] {
			continue
		}
		if err := emit(s.feedItem(feed, fi)); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// isFeed reports whether a fetched resource is an RSS, Atom or JSON feed.
func isFeed(r *Response) bool {
	ct := strings.ToLower(r.ContentType)
	if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") || strings.Contains(ct, "feed+json") {
		return true
	}
	if strings.Contains(ct, "html") {
		return false
	}
	return gofeed.DetectFeedType(bytes.NewReader(r.Body)) != gofeed.FeedTypeUnknown
}

// feedItem returns an item that fetches the entry's link when loaded. The
// entry's title, date and the feed's name fill in what the page lacks.
func (s *URLSource) feedItem(feed *gofeed.Feed, fi *gofeed.Item) *Item {
	link := strings.TrimSpace(fi.Link)
	name := link
	if name == "" {
		name = s.URL + " entry " + strings.TrimSpace(fi.Title)
	}
	it := &Item{Name: name, URL: link, Title: strings.TrimSpace(fi.Title), Publisher: strings.TrimSpace(feed.Title)}
	if d, ok := parseDateValue(fi.Published); ok {
		it.Published = d
	} else if fi.PublishedParsed != nil {
		it.Published = entente.DayOf(*fi.PublishedParsed)
	}
	if link == "" {
		it.Err = entente.Errorf(entente.EINVALID, "Feed entry has no link.")
		return it
	}
	it.load = func(ctx context.Context) error {
		resp, err := s.Fetcher.Fetch(ctx, link)
		if err != nil {
			return err
		}
		p, err := parseBytes(resp.Body, resp.URL, resp.ContentType)
		if err != nil {
			return err
		}
		it.setPage(p)
		return nil
	}
	return it
}
