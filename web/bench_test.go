package web

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/store"
)

var (
	benchIncidents = flag.Int("bench-incidents", 3000, "synthetic incidents in the store of the handler benchmarks")
	benchDB        = flag.String("bench-db", "", "run the handler benchmarks on this store (e.g. one filled by scripts/bench-web.sh) instead of a new one")
)

// benchPaths are the requests of the load bench (scripts/bench-web.sh).
var benchPaths = []struct{ name, path string }{
	{"incidents", "/api/incidents?from=2020-06-01&to=2020-09-30&grade=fair&country=XA&limit=50"},
	{"tally-party", "/api/tally?by=party"},
	{"tally-place", "/api/tally?by=place&country=XB&from=2020-10-01&to=2020-10-31"},
	{"tally-day", "/api/tally?by=day&country=XA&from=2020-01-01&to=2020-12-31&grade=confirmed,fair"},
}

// benchmarkStore opens -bench-db, or fills a new store with
// -bench-incidents synthetic incidents.
func benchmarkStore(b *testing.B) *store.Store {
	b.Helper()
	if *benchDB == "" {
		return benchStore(b, storetest.SQLite(b), *benchIncidents)
	}
	st, err := store.Open(context.Background(), *benchDB)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkAPI serves the load bench's requests through the handler, with
// the response cache (hits: one request fills it before the timer starts)
// and without it (every request reads the store and encodes). Run on a large store with
// -bench-incidents 100000 or -bench-db FILE.
func BenchmarkAPI(b *testing.B) {
	st := benchmarkStore(b)
	for _, mode := range []struct {
		name  string
		bytes int64
	}{{"cached", 0}, {"uncached", -1}} {
		srv := newServer(b, st, mode.bytes)
		for _, p := range benchPaths {
			b.Run(mode.name+"/"+p.name, func(b *testing.B) {
				req := httptest.NewRequest("GET", p.path, nil)
				srv.ServeHTTP(httptest.NewRecorder(), req) // fills the cache: what follows are hits
				for b.Loop() {
					rec := httptest.NewRecorder()
					srv.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", p.path, rec.Code, rec.Body)
					}
					b.SetBytes(int64(rec.Body.Len()))
				}
			})
		}
	}
}

// BenchmarkGeneration is the price every cached request pays: one read of
// the change log's head.
func BenchmarkGeneration(b *testing.B) {
	st := benchmarkStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := st.Generation(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
