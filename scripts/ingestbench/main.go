// Command ingestbench measures `entente ingest` against extraction alone on
// a generated corpus of news articles: articles per second and peak memory.
//
//	go run ./scripts/ingestbench                 # 1k and 10k articles, extract-only vs SQLite
//	go run ./scripts/ingestbench -n 10000 -modes extract,sqlite
//	go run ./scripts/ingestbench -neo4j bolt://127.0.0.1:7687   # adds Neo4j: a scratch database, wiped first
//	                                                            # (user and password from ENTENTE_NEO4J_USER/_PASSWORD)
//
// Each measurement runs in a fresh child process, so its peak resident
// memory (getrusage maxrss) is its own. Extract-only runs the same stages
// as ingest — read the JSON lines, extract on runtime.NumCPU() workers —
// and stores nothing; ingest runs internal/ingest's Pipeline into an empty
// store, exactly as `entente ingest --jsonl FILE` does. The clock covers
// the pass over the corpus; loading the extractor and opening (for Neo4j,
// wiping) the store come before it. The Neo4j mode takes the Neo4j test
// server's lock (see internal/neo4j/neo4jtest) while it runs.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/entente/entente/internal/entente"
	"github.com/entente/entente/internal/extract"
	"github.com/entente/entente/internal/ingest"
	"github.com/entente/entente/internal/sqlite"
)

// Pipeline settings, from flags.
var batchSize, writers int

// result is one measurement, printed by a child as JSON.
type result struct {
	Mode     string  `json:"mode"`
	Articles int     `json:"articles"`
	Events   int     `json:"events"`
	Seconds  float64 `json:"seconds"`
	Rate     float64 `json:"rate"`
	MaxRSSMB float64 `json:"maxRSSMB"`
	PeakHeap float64 `json:"peakHeapMB"` // Go heap in use, sampled
	// CPUms is user+system CPU per article: steadier than the rate on a
	// machine shared with other work.
	CPUms float64 `json:"cpuMsPerArticle"`
}

func main() {
	ns := flag.String("n", "1000,10000", "corpus sizes, comma-separated")
	modes := flag.String("modes", "extract,sqlite", "what to measure: extract, sqlite, neo4j")
	neo4jURI := flag.String("neo4j", "", "Neo4j URI; adds the neo4j mode")
	dir := flag.String("dir", "", "working folder (default a temporary one)")
	child := flag.String("child", "", "run one measurement in this process: MODE:CORPUS")
	cpuprofile := flag.String("cpuprofile", "", "with -child, write a CPU profile here")
	flag.IntVar(&batchSize, "batch", 0, "articles per store write (default as entente ingest: 256 for SQLite, 1024 for Neo4j)")
	flag.IntVar(&writers, "writers", 0, "concurrent store writers (default as entente ingest: 1)")
	flag.Parse()
	log.SetFlags(0)

	if *child != "" {
		mode, corpus, _ := strings.Cut(*child, ":")
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				log.Fatal(err)
			}
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		r, err := measure(mode, corpus, *dir, *neo4jURI)
		if err != nil {
			log.Fatal(err)
		}
		json.NewEncoder(os.Stdout).Encode(r)
		return
	}

	work := *dir
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "ingestbench"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(work)
	}
	ms := strings.Split(*modes, ",")
	if *neo4jURI != "" && !strings.Contains(*modes, "neo4j") {
		ms = append(ms, "neo4j")
	}
	fmt.Printf("%-8s %-8s %9s %9s %10s %10s %11s %12s\n", "articles", "mode", "events", "seconds", "articles/s", "CPU ms/art", "maxRSS MB", "peak heap MB")
	for _, s := range strings.Split(*ns, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			log.Fatalf("bad -n %q", s)
		}
		corpus := filepath.Join(work, fmt.Sprintf("corpus-%d.jsonl", n))
		if err := writeCorpus(corpus, n); err != nil {
			log.Fatal(err)
		}
		var base float64
		for _, m := range ms {
			r, err := runChild(m, corpus, work, *neo4jURI)
			if err != nil {
				log.Fatalf("%s on %d: %v", m, n, err)
			}
			rel := ""
			if m == "extract" {
				base = r.Rate
			} else if base > 0 {
				rel = fmt.Sprintf("  (%.0f%% of extract-only rate)", 100*r.Rate/base)
			}
			fmt.Printf("%-8d %-8s %9d %9.2f %10.1f %10.2f %11.1f %12.1f%s\n", r.Articles, r.Mode, r.Events, r.Seconds, r.Rate, r.CPUms, r.MaxRSSMB, r.PeakHeap, rel)
		}
	}
}

func runChild(mode, corpus, dir, neo4jURI string) (result, error) {
	exe, err := os.Executable()
	if err != nil {
		return result{}, err
	}
	cmd := exec.Command(exe, "-child", mode+":"+corpus, "-dir", dir, "-neo4j", neo4jURI,
		"-batch", strconv.Itoa(batchSize), "-writers", strconv.Itoa(writers))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return result{}, err
	}
	var r result
	return r, json.Unmarshal(out, &r)
}

// measure runs one mode over the corpus in this process.
func measure(mode, corpus, dir, neo4jURI string) (result, error) {
	ctx := context.Background()
	x, err := extract.New()
	if err != nil {
		return result{}, err
	}
	stop := sampleHeap()
	// The clock runs over the corpus only: loading the extractor, opening
	// the store and wiping Neo4j (seconds after a large graph) are setup.
	var s entente.Store
	switch mode {
	case "extract":
	case "sqlite":
		if batchSize == 0 {
			batchSize = 256
		}
		path := filepath.Join(dir, fmt.Sprintf("bench-%d.db", time.Now().UnixNano()))
		defer os.Remove(path)
		defer os.Remove(path + "-wal")
		defer os.Remove(path + "-shm")
		ss := sqlite.NewStore(path)
		if err = ss.Open(ctx); err != nil {
			return result{}, err
		}
		s = ss
	case "neo4j":
		if batchSize == 0 {
			batchSize = 1024
		}
		if s, err = openNeo4j(ctx, neo4jURI); err != nil {
			return result{}, err
		}
	default:
		return result{}, fmt.Errorf("unknown mode %q", mode)
	}
	if s != nil {
		defer s.Close()
	}
	start := time.Now()
	r := result{Mode: mode}
	if mode == "extract" {
		r.Articles, r.Events, err = extractOnly(ctx, x, corpus)
	} else {
		r.Articles, r.Events, err = ingestInto(ctx, s, x, corpus)
	}
	if err != nil {
		return r, err
	}
	r.Seconds = time.Since(start).Seconds()
	r.Rate = float64(r.Articles) / r.Seconds
	r.PeakHeap = stop() / (1 << 20)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	r.MaxRSSMB = float64(ru.Maxrss) / 1024 // KB on Linux
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	r.CPUms = float64(cpu.Milliseconds()) / float64(max(r.Articles, 1))
	return r, nil
}

// extractOnly reads the corpus and extracts every article on NumCPU
// workers, storing nothing.
func extractOnly(ctx context.Context, x *extract.Extractor, corpus string) (articles, events int, err error) {
	f, err := os.Open(corpus)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	lines := make(chan []byte, runtime.NumCPU())
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for b := range lines {
				var l struct {
					ID, URL, Published, Text string
				}
				if json.Unmarshal(b, &l) != nil {
					continue
				}
				d, _ := entente.ParseDate(l.Published)
				out, err := x.Extract(ctx, extract.Input{ID: l.ID, URL: l.URL, Published: d, Text: l.Text})
				mu.Lock()
				articles++
				if err == nil {
					events += len(out.Events)
				}
				mu.Unlock()
			}
		})
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 32<<20)
	for sc.Scan() {
		lines <- append([]byte(nil), sc.Bytes()...)
	}
	close(lines)
	wg.Wait()
	return articles, events, sc.Err()
}

// extractor adapts *extract.Extractor to ingest.Extractor, as cmd/entente
// does.
type extractor struct{ x *extract.Extractor }

func (e extractor) Extract(ctx context.Context, a *entente.Article) (*entente.Extraction, error) {
	return e.x.Extract(ctx, extract.Input{ID: a.ID, URL: a.URL, Published: a.Published, Text: a.Text})
}

func ingestInto(ctx context.Context, s entente.ArticleStore, x *extract.Extractor, corpus string) (articles, events int, err error) {
	p := &ingest.Pipeline{Store: s, Extractor: extractor{x}, ExtractorVersion: extract.Version, BatchSize: batchSize, Writers: writers}
	var failed []string
	p.OnFailure = func(name string, err error) { failed = append(failed, name+": "+entente.ErrorMessage(err)) }
	st, err := p.Run(ctx, &ingest.PathSource{Path: corpus, JSONL: true})
	if err != nil {
		return 0, 0, err
	}
	if len(failed) > 0 {
		return 0, 0, fmt.Errorf("%d articles failed, first %s", len(failed), failed[0])
	}
	return st.Stored + st.Duplicates, st.Events, nil
}

// sampleHeap samples the Go heap in use every 20ms until the returned func
// is called, which returns the peak in bytes.
func sampleHeap() func() float64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak)
	}
}

// writeCorpus writes n generated articles as JSON lines, the same for the
// same n.
func writeCorpus(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	r := rand.New(rand.NewPCG(uint64(n), 42))
	for i := range n {
		if err := enc.Encode(genArticle(r, i)); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
