package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/extract"
	"github.com/entente/entente/internal/ingest"
)

// extractConfig is the configuration of `entente extract`.
type extractConfig struct {
	Published string // YYYY-MM-DD, or "" for the page's own date
	URL       string
	ID        string
	File      string // "" or "-" for stdin
	JSONL     bool
	Workers   int
}

func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("extract", "[--published YYYY-MM-DD] [--url URL] [FILE] | --jsonl", stderr)
	var cfg extractConfig
	fs.StringVar(&cfg.Published, "published", "", "publication date YYYY-MM-DD: resolves relative dates")
	fs.StringVar(&cfg.URL, "url", "", "the article's URL")
	fs.StringVar(&cfg.ID, "id", "", "the article's id (default: derived from the URL or the text)")
	fs.BoolVar(&cfg.JSONL, "jsonl", false, `read JSON lines {"id","url","published","text"} on stdin, write one article object per line`)
	fs.IntVar(&cfg.Workers, "workers", runtime.GOMAXPROCS(0), "articles extracted at once with --jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 1:
		return errUsage{"extract reads one FILE; use --jsonl for many articles"}
	case cfg.JSONL && fs.NArg() > 0:
		return errUsage{"--jsonl reads standard input, not a FILE"}
	case cfg.Workers < 1:
		return errUsage{"--workers must be at least 1"}
	}
	cfg.File = fs.Arg(0)
	x, err := extract.New()
	if err != nil {
		return err
	}
	if cfg.JSONL {
		return extractJSONL(ctx, x, cfg, stdin, stdout, stderr)
	}
	return extractOne(ctx, x, cfg, stdin, stdout)
}

// extractOne reads one article, text or HTML, and prints its object.
func extractOne(ctx context.Context, x *extract.Extractor, cfg extractConfig, stdin io.Reader, stdout io.Writer) error {
	r := stdin
	if cfg.File != "" && cfg.File != "-" {
		f, err := os.Open(cfg.File)
		if err != nil {
			return entente.Errorf(entente.EINVALID, "Cannot open %s: %v.", cfg.File, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, entente.MaxArticleBytes+1))
	if err != nil {
		return fmt.Errorf("read article: %w", err)
	}
	if len(b) > entente.MaxArticleBytes {
		return entente.Errorf(entente.EINVALID, "The article is larger than %d bytes.", entente.MaxArticleBytes)
	}
	pub, err := entente.ParseDate(cfg.Published)
	if err != nil {
		return errUsage{fmt.Sprintf("--published: %s", entente.ErrorMessage(err))}
	}
	if cfg.Published != "" && pub.Precision() != entente.PrecisionDay {
		return errUsage{"--published wants a day, YYYY-MM-DD"}
	}
	in, err := articleInput(cfg.ID, cfg.URL, pub, string(b))
	if err != nil {
		return err
	}
	ex, err := x.Extract(ctx, in)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ex)
}

// articleInput builds an extraction input, reading HTML down to its main
// text first: the page's canonical URL and date fill what the caller left
// empty.
func articleInput(id, url string, pub entente.Date, text string) (extract.Input, error) {
	if looksHTML(text) {
		page, err := ingest.ParseHTML(strings.NewReader(text), url)
		if err != nil {
			return extract.Input{}, err
		}
		text = page.Text
		if url == "" {
			url = page.URL
		}
		if pub.IsZero() {
			pub = page.Published
		}
	}
	if id == "" {
		id = entente.ArticleID(url, text)
	}
	return extract.Input{ID: id, URL: url, Published: pub, Text: text}, nil
}

// looksHTML reports whether text is an HTML page rather than plain text.
func looksHTML(text string) bool {
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 2048)]))
	if !strings.HasPrefix(head, "<") {
		return false
	}
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ", "<meta", "<title"} {
		if strings.Contains(head, tag) {
			return true
		}
	}
	return false
}

// jsonlInput is one input line of --jsonl. Pointers tell a missing field
// from an empty one.
type jsonlInput struct {
	ID        *string `json:"id"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
	Text      *string `json:"text"`
}

// jsonlError is the output line of an article that failed.
type jsonlError struct {
	ID    *string `json:"id"`
	Error string  `json:"error"`
}

// maxLineBytes bounds one input line: the largest article, JSON-escaped.
const maxLineBytes = 2*entente.MaxArticleBytes + 4096

// extractJSONL extracts many articles at once, writing results in input
// order. A bad line gives an error line and the run goes on; the exit
// status is then 1.
func extractJSONL(ctx context.Context, x *extract.Extractor, cfg extractConfig, stdin io.Reader, stdout, stderr io.Writer) error {
	type job struct {
		line []byte
		err  error // a line too long to read
		out  chan lineResult
	}
	jobs := make(chan *job, cfg.Workers)
	order := make(chan *job, 4*cfg.Workers)
	var wg sync.WaitGroup
	for range cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- extractLine(ctx, x, j.line, j.err)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		br := bufio.NewReaderSize(stdin, 1<<20)
		for {
			line, tooLong, err := readJSONLLine(br)
			if len(bytes.TrimSpace(line)) > 0 || tooLong {
				j := &job{line: line, out: make(chan lineResult, 1)}
				if tooLong {
					j.err = entente.Errorf(entente.EINVALID, "Input line is longer than %d bytes.", maxLineBytes)
				}
				select {
				case order <- j:
				case <-ctx.Done():
					readErr <- ctx.Err()
					return
				}
				jobs <- j
			}
			if err == io.EOF {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- fmt.Errorf("read input: %w", err)
				return
			}
		}
	}()
	w := bufio.NewWriter(stdout)
	failed := false
	var werr error
	for j := range order {
		res := <-j.out
		b := res.b
		failed = failed || res.failed
		if werr == nil {
			_, werr = w.Write(b)
			if werr == nil {
				werr = w.WriteByte('\n')
			}
		}
	}
	wg.Wait()
	if err := w.Flush(); werr == nil {
		werr = err
	}
	if werr != nil {
		return fmt.Errorf("write output: %w", werr)
	}
	if err := <-readErr; err != nil {
		return err
	}
	if failed {
		fmt.Fprintln(stderr, "entente: some articles could not be extracted; see their error lines")
		return errExit(1)
	}
	return nil
}

// readJSONLLine reads one line of at most maxLineBytes; a longer line is
// skipped to its end and reported as too long.
func readJSONLLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, err := br.ReadLine()
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > maxLineBytes {
				line, tooLong = nil, true
			}
		}
		if err != nil || !isPrefix {
			return line, tooLong, err
		}
	}
}

// lineResult is one output line; failed marks an error line.
type lineResult struct {
	b      []byte
	failed bool
}

// extractLine extracts one input line and returns its output line.
func extractLine(ctx context.Context, x *extract.Extractor, line []byte, lineErr error) lineResult {
	var in jsonlInput
	fail := func(err error) lineResult {
		b, _ := json.Marshal(jsonlError{ID: in.ID, Error: entente.ErrorMessage(err)})
		return lineResult{b: b, failed: true}
	}
	if lineErr != nil {
		return fail(lineErr)
	}
	if err := json.Unmarshal(line, &in); err != nil {
		in = jsonlInput{}
		// Keep the id when the rest of the line is what is wrong.
		var idOnly struct {
			ID *string `json:"id"`
		}
		if json.Unmarshal(line, &idOnly) == nil {
			in.ID = idOnly.ID
		}
		return fail(entente.Errorf(entente.EINVALID, "Invalid input line: %v.", err))
	}
	if in.Text == nil {
		return fail(entente.Errorf(entente.EINVALID, "Input line has no text."))
	}
	var pub entente.Date
	if in.Published != nil {
		p, err := entente.ParseDate(*in.Published)
		if err != nil {
			return fail(err)
		}
		pub = p
	}
	id, url := "", ""
	if in.ID != nil {
		id = *in.ID
	}
	if in.URL != nil {
		url = *in.URL
	}
	ai, err := articleInput(id, url, pub, *in.Text)
	if err != nil {
		return fail(err)
	}
	if in.ID == nil {
		in.ID = &ai.ID
	}
	ex, err := x.Extract(ctx, ai)
	if err != nil {
		return fail(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ex); err != nil {
		return fail(err)
	}
	return lineResult{b: bytes.TrimRight(buf.Bytes(), "\n")}
}
