package web

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/internal/webbench"
	"github.com/harmlog/harmlog/store"
)

// cachedPaths are requests of the cached endpoints, and a few that must
// share an entry with the first of them.
var cachedPaths = []string{
	"/api/incidents?limit=50",
	"/api/incidents?from=2020-03-01&to=2020-06-30&grade=fair,weak&country=XA&limit=20",
	"/api/incidents?country=xb&grade=confirmed&offset=5&limit=10",
	"/api/tally?by=party",
	"/api/tally?by=place&country=XB&from=2020-02-01&to=2020-08-31",
	"/api/tally?by=day&grade=confirmed,fair&victims=civilian",
	"/api/tally?by=party&format=csv",
	"/api/tally?by=claimant&country=XA",
	"/api/tally?by=week&from=2020-06-01",
	"/api/tally?by=weapon&grade=weak",
}

// got is one answer, as the tests compare them.
type got struct {
	status            int
	ctype, etag, disp string
	body              string
	noCache           bool // Cache-Control: no-cache
}

func fetch(t *testing.T, h http.Handler, path string, hdr ...string) got {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return got{res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("ETag"),
		res.Header.Get("Content-Disposition"), string(b), res.Header.Get("Cache-Control") == "no-cache"}
}

// benchStore is a store filled with n synthetic incidents' claims, linked.
func benchStore(tb testing.TB, dsn string, n int) *store.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if _, err := webbench.Fill(ctx, st, webbench.Config{Seed: 3, Incidents: n}); err != nil {
		tb.Fatal(err)
	}
	return st
}

func newServer(tb testing.TB, st Store, cacheBytes int64) *Server {
	tb.Helper()
	srv, err := New(Config{Store: st, CacheBytes: cacheBytes, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatal(err)
	}
	return srv
}

// TestCacheMatchesAndRefreshes checks, on both backends, that cached
// answers are byte for byte those of a server without a cache, that a
// repeat is a hit, and that a write, by this process or by another sharing
// the database, makes the next answer fresh.
func TestCacheMatchesAndRefreshes(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := benchStore(t, dsn, 300)
		other, err := store.Open(ctx, dsn) // a second process on the same database
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		cached, plain := newServer(t, st, 0), newServer(t, st, -1)
		same := func(stage string) map[string]got {
			out := map[string]got{}
			for _, p := range cachedPaths {
				a, b := fetch(t, cached, p), fetch(t, plain, p)
				if a.status != 200 || a != b {
					t.Errorf("%s: %s: cached and uncached answers differ or failed:\ncached %d %q %.200s\nplain  %d %q %.200s", stage, p, a.status, a.etag, a.body, b.status, b.etag, b.body)
				}
				if !a.noCache || a.etag == "" {
					t.Errorf("%s: %s: want an ETag and Cache-Control: no-cache", stage, p)
				}
				out[p] = a
			}
			return out
		}
		before := same("first")
		hits := cached.cache.Stats().Hits
		same("again")
		if h := cached.cache.Stats().Hits - hits; h != int64(len(cachedPaths)) {
			t.Errorf("repeating %d requests gave %d hits", len(cachedPaths), h)
		}
		if a, b := fetch(t, cached, "/api/incidents?limit=50&country="), fetch(t, cached, "/api/incidents?country=&limit=50"); a != b {
			t.Error("the same query with its parameters reordered answered differently")
		}

		// A write through this process: move an incident's figures.
		incs, err := st.Incidents(ctx, store.IncidentFilter{Country: "XA", Grades: []string{harmlog.GradeFair, harmlog.GradeWeak}, From: "2020-03-01", To: "2020-06-30", Limit: 1})
		if err != nil || len(incs) == 0 {
			t.Fatalf("no incident to change: %v", err)
		}
		inc := incs[0]
		inc.Killed = harmlog.Between(9000, 9001)
		if err := st.SaveIncident(ctx, &inc, "tester"); err != nil {
			t.Fatal(err)
		}
		after := same("after a write")
		for _, p := range []string{cachedPaths[0], cachedPaths[1], cachedPaths[3]} {
			if after[p].body == before[p].body {
				t.Errorf("%s: unchanged after the incident's figures changed", p)
			}
		}

		// A write through the other process: a new incident taking one of
		// that incident's claims.
		full, err := st.Incident(ctx, inc.ID)
		if err != nil || len(full.Members) == 0 {
			t.Fatalf("incident %d has no members: %v", inc.ID, err)
		}
		extra := harmlog.Incident{Key: "cache-test/extra", DateFrom: "2020-01-01", DateTo: "2020-01-01", Country: "XA",
			Perpetrators: []string{"Nobody"}, Victims: harmlog.VictimsCivilian, Killed: harmlog.Exact(1), Grade: harmlog.GradeWeak,
			Members: []harmlog.Link{{ClaimID: full.Members[0].ClaimID, Score: 1, Pinned: true}}}
		if err := other.SaveIncident(ctx, &extra, "other"); err != nil {
			t.Fatal(err)
		}
		last := same("after another process's write")
		if !strings.Contains(last[cachedPaths[3]].body, `"Nobody"`) {
			t.Errorf("the tally does not show the other process's incident:\n%.300s", last[cachedPaths[3]].body)
		}
	})
}

func TestETag(t *testing.T) {
	st := benchStore(t, storetest.SQLite(t), 50)
	srv := newServer(t, st, 0)
	for _, path := range []string{"/api/incidents?limit=5", "/api/tally?by=day"} {
		first := fetch(t, srv, path)
		tests := []struct {
			name, inm string
			status    int
		}{
			{"none", "", 200},
			{"its etag", first.etag, 304},
			{"weak form", "W/" + first.etag, 304},
			{"in a list", `"other", ` + first.etag, 304},
			{"any", "*", 304},
			{"another", `"other"`, 200},
		}
		for _, tc := range tests {
			g := fetch(t, srv, path, "If-None-Match", tc.inm)
			if g.status != tc.status || g.etag != first.etag {
				t.Errorf("%s, If-None-Match %s: %d %s, want %d %s", path, tc.name, g.status, g.etag, tc.status, first.etag)
			}
			if tc.status == 304 && g.body != "" {
				t.Errorf("%s, If-None-Match %s: 304 with a body", path, tc.name)
			}
			if tc.status == 200 && g.body != first.body {
				t.Errorf("%s, If-None-Match %s: the body differs", path, tc.name)
			}
		}
	}
	// Errors are not cached and carry no ETag.
	if g := fetch(t, srv, "/api/tally?by=colour"); g.status != 400 || g.etag != "" {
		t.Errorf("bad tally: %d, ETag %q; want 400 and none", g.status, g.etag)
	}
}

func jsonResp(body string) *response {
	return &response{status: 200, contentType: "application/json", body: []byte(body)}
}

func TestCacheBounds(t *testing.T) {
	ctx := context.Background()
	const key = 4 // bytes of each key as kept: the generation digit, NUL, "k" and a digit
	tests := []struct {
		name       string
		entries    int
		bytes      int64
		gens       []int64 // generation of each request, keys k0, k1, … in turn
		wantKept   []int   // request indexes still cached at the end
		wantMisses int64
	}{
		{"count bound evicts the least recent", 2, 1 << 20, []int64{1, 1, 1}, []int{1, 2}, 3},
		{"byte bound", 10, 3 * (100 + key), []int64{1, 1, 1, 1}, []int{1, 2, 3}, 4},
		{"a newer generation empties it", 10, 1 << 20, []int64{1, 1, 2}, []int{2}, 3},
		{"an older generation is not kept", 10, 1 << 20, []int64{2, 1}, []int{0}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newRespCache(tc.entries, tc.bytes)
			body := strings.Repeat("x", 100)
			for i, g := range tc.gens {
				if _, err := c.get(ctx, g, "k"+string(rune('0'+i)), func(context.Context) (*response, error) { return jsonResp(body), nil }); err != nil {
					t.Fatal(err)
				}
			}
			st := c.Stats()
			if st.Entries != len(tc.wantKept) || st.Misses != tc.wantMisses || st.Bytes > tc.bytes {
				t.Errorf("stats %+v, want %d entries, %d misses, at most %d bytes", st, len(tc.wantKept), tc.wantMisses, tc.bytes)
			}
			for _, i := range tc.wantKept {
				computed := false
				if _, err := c.get(ctx, tc.gens[i], "k"+string(rune('0'+i)), func(context.Context) (*response, error) {
					computed = true
					return jsonResp(body), nil
				}); err != nil {
					t.Fatal(err)
				}
				if computed {
					t.Errorf("request %d was not kept", i)
				}
			}
		})
	}
}

func TestCacheSingleflightAndErrors(t *testing.T) {
	ctx := context.Background()
	c := newRespCache(10, 1<<20)
	var computes, arrived atomic.Int64
	const n = 8
	release := make(chan struct{})
	var wg sync.WaitGroup
	bodies := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			arrived.Add(1)
			r, err := c.get(ctx, 1, "same", func(context.Context) (*response, error) {
				computes.Add(1)
				<-release
				return jsonResp("shared"), nil
			})
			if err != nil {
				t.Error(err)
				return
			}
			bodies[i] = string(r.body)
		}()
	}
	for arrived.Load() < n {
		// Late goroutines either join the computation or hit the entry it
		// leaves: either way it runs once.
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if computes.Load() != 1 {
		t.Errorf("%d concurrent misses computed %d times, want once", n, computes.Load())
	}
	for i, b := range bodies {
		if b != "shared" {
			t.Errorf("caller %d got %q", i, b)
		}
	}

	boom := errors.New("boom")
	if _, err := c.get(ctx, 1, "failing", func(context.Context) (*response, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("error: %v, want boom", err)
	}
	r, err := c.get(ctx, 1, "failing", func(context.Context) (*response, error) { return jsonResp("ok"), nil })
	if err != nil || string(r.body) != "ok" {
		t.Errorf("after an error: %v %v, want a fresh computation (errors are not kept)", r, err)
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br, zstd", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"gzip;q=nonsense", false},
		{"deflate", false},
		{"*", true},
		{"x-gzip", true},
		{"identity", false},
	}
	for _, tc := range tests {
		if got := acceptsGzip(tc.header); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

// TestGzip checks that a large answer comes gzipped to clients that accept
// it, equal to the plain one once decompressed, with an ETag of its own.
func TestGzip(t *testing.T) {
	st := benchStore(t, storetest.SQLite(t), 50)
	srv := newServer(t, st, 0)
	const path = "/api/incidents?limit=20"
	plain := fetch(t, srv, path)
	gz := fetch(t, srv, path, "Accept-Encoding", "gzip")
	if len(plain.body) < minGzip || gz.status != 200 || gz.etag == plain.etag {
		t.Fatalf("plain %d bytes, gzipped %d %s vs %s: want a large body and two ETags", len(plain.body), gz.status, gz.etag, plain.etag)
	}
	zr, err := gzip.NewReader(strings.NewReader(gz.body))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil || string(b) != plain.body {
		t.Errorf("the gzipped body does not decompress to the plain one (%v)", err)
	}
	if len(gz.body) >= len(plain.body) {
		t.Errorf("gzipped %d bytes, plain %d", len(gz.body), len(plain.body))
	}
	for _, tc := range []struct {
		accept, inm string
		status      int
	}{
		{"gzip", gz.etag, 304},
		{"gzip", plain.etag, 200},
		{"", gz.etag, 200},
		{"", plain.etag, 304},
	} {
		if g := fetch(t, srv, path, "Accept-Encoding", tc.accept, "If-None-Match", tc.inm); g.status != tc.status {
			t.Errorf("Accept-Encoding %q, If-None-Match %s: %d, want %d", tc.accept, tc.inm, g.status, tc.status)
		}
	}
}
