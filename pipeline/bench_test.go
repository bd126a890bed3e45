package pipeline

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/store"
)

// BenchmarkIngest10k ingests 10,000 small text reports end to end (parse,
// extract with the gazetteer, store each in its own transaction) into a
// fresh store per iteration: SQLite, and PostgreSQL when
// HARMLOG_TEST_POSTGRES is set. It reports documents per second.
//
//	go test ./pipeline -run '^$' -bench Ingest10k -benchtime 1x
func BenchmarkIngest10k(b *testing.B) {
	gz, err := gazetteer.Load()
	if err != nil {
		b.Fatal(err)
	}
	ex := extract.New(extract.Options{Places: gz})
	const n = 10_000
	docs := make([]string, n)
	places := []string{"Ganja", "Barda", "Tartar", "Stepanakert", "Martuni", "Shushi", "Goranboy", "Naftalan"}
	for i := range docs {
		docs[i] = fmt.Sprintf("date 2020-10-%02d By Bench Wire\n\nReport %d. Officials said %d civilians were killed and %d injured when shells hit %s on Sunday, according to the local administration. The ministry denied the claim.\n",
			1+i%28, i, i%9+1, i%13, places[i%len(places)])
	}
	inputs := func(yield func(ingest.Input) bool) {
		for i, d := range docs {
			if !yield(ingest.Input{Name: fmt.Sprintf("r%05d.txt", i), Size: int64(len(d)), Open: func() (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(d)), nil
			}}) {
				return
			}
		}
	}
	run := func(b *testing.B, dsn func(b *testing.B, i int) string) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s, err := store.Open(context.Background(), dsn(b, i))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			sum := New(s, ex, Options{Actor: "bench"}).Run(context.Background(), inputs, nil)
			el := time.Since(start)
			b.StopTimer()
			if sum.Ingested != n {
				b.Fatalf("ingested %d of %d: %v", sum.Ingested, n, sum.Failures)
			}
			b.ReportMetric(float64(n)/el.Seconds(), "docs/s")
			s.Close()
			b.StartTimer()
		}
	}
	b.Run("sqlite", func(b *testing.B) {
		run(b, func(b *testing.B, i int) string { return storetest.SQLite(b) })
	})
	b.Run("postgres", func(b *testing.B) {
		run(b, func(b *testing.B, i int) string { return storetest.Postgres(b) })
	})
}
