package extract

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/entente/entente/internal/entente"
)

// benchArticles loads the evaluation's dev articles (../shared/eval/dev
// beside the repository), or this package's testdata when they are absent.
func benchArticles(b *testing.B) []Input {
	b.Helper()
	var files []string
	for _, pattern := range []string{"../../../shared/eval/dev/*.json", "testdata/*.json"} {
		fs, _ := filepath.Glob(pattern)
		for _, f := range fs {
			if filepath.Ext(f) == ".json" && !isGolden(f) {
				files = append(files, f)
			}
		}
		if len(files) > 0 {
			break
		}
	}
	var ins []Input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var a testArticle
		if err := json.Unmarshal(data, &a); err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		ins = append(ins, Input{ID: a.ID, URL: a.URL, Published: a.Published, Text: a.Text})
	}
	if len(ins) == 0 {
		b.Skip("no articles")
	}
	return ins
}

func isGolden(f string) bool { return len(f) > 12 && f[len(f)-12:] == ".golden.json" }

func reportArticles(b *testing.B, n int) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtract is the throughput of `entente extract --jsonl`: every
// core extracting articles with one shared Extractor, as its worker pool
// does. Compare articles/s with BenchmarkProseBaseline.
func BenchmarkExtract(b *testing.B) {
	ins := benchArticles(b)
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	x.proseModel() // loaded once per process, outside the timing
	var next atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			in := ins[int(next.Add(1))%len(ins)]
			if _, err := x.Extract(context.Background(), in); err != nil && entente.ErrorCode(err) != entente.EINVALID {
				b.Error(err)
			}
		}
	})
	reportArticles(b, b.N)
}

// BenchmarkProseBaseline is one plain prose v2 pass per article on one
// core: tokenize, tag, segment and NER, with the model loaded once.
func BenchmarkProseBaseline(b *testing.B) {
	ins := benchArticles(b)
	model := prose.ModelFromData("en")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := prose.NewDocument(ins[i%len(ins)].Text, prose.UsingModel(model)); err != nil {
			b.Fatal(err)
		}
	}
	reportArticles(b, b.N)
}
