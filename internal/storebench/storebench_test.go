package storebench

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/link"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/tally"
)

// loaded returns a fresh store holding n synthetic claims, relinked.
func loaded(t testing.TB, dsn string, claims []harmlog.Claim) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := Load(ctx, s, claims); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTallyFromStore checks that tallies read from the store (only the
// incidents and fields they need) equal tallies of every stored incident
// with its claims, computed in memory, for every grouping and filter.
func TestTallyFromStore(t *testing.T) {
	claims := Claims(6000, 7)
	storetest.Backends(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := loaded(t, dsn, claims)
		rt, err := Relink(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if rt.Claims != len(claims) || rt.Incidents == 0 {
			t.Fatalf("relinked %d claims into %d incidents, want %d claims", rt.Claims, rt.Incidents, len(claims))
		}
		all, err := s.IncidentsWithClaims(ctx, store.IncidentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		cum, err := s.Claims(ctx, store.ClaimFilter{Scope: harmlog.ScopeCumulative, Limit: 1 << 30})
		if err != nil {
			t.Fatal(err)
		}
		cases := append(slicesClone(TallyCases),
			tally.Options{By: tally.ByPlace, Country: "XA"},
			tally.Options{By: tally.ByDay, Country: "xb"},
			tally.Options{By: tally.ByParty, Country: "XS"}, // S: no narrowing in SQL past the wildcard
			tally.Options{By: tally.ByParty, Country: "Xé"}, // not plain ASCII: read in full
			tally.Options{By: tally.ByClaimant, From: "2020-06-01"},
			tally.Options{By: tally.ByDay, To: "2020-03-01", Victims: harmlog.VictimsCivilian},
			tally.Options{By: tally.ByWeek, Victims: harmlog.VictimsMixed},
			tally.Options{By: tally.ByWeapon, Grades: []string{harmlog.GradeWeak}},
			tally.Options{By: tally.ByParty, From: "2023-12-31"},
			tally.Options{By: tally.ByWeapon, Country: "xa"},                                      // groups and country in SQL
			tally.Options{By: tally.ByWeapon, Country: "Xé", Grades: []string{harmlog.GradeFair}}, // read in full
			tally.Options{By: tally.ByParty, Country: "XB", Grades: []string{harmlog.GradeWeak}, Victims: harmlog.VictimsCivilian},
			tally.Options{By: tally.ByWeek, Country: "nowhere"},
		)
		for _, o := range cases {
			want, err := tally.Compute(all, cum, o)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tally.FromStore(ctx, s, o)
			if err != nil {
				t.Fatalf("%s: %v", Name(o), err)
			}
			if want.Total.Incidents == 0 && o.From != "2023-12-31" && o.Victims != harmlog.VictimsMixed && o.Country != "Xé" && o.Country != "nowhere" {
				t.Errorf("%s: no incidents counted: the case tests nothing", Name(o))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: from the store\n%+v\nwant (in memory)\n%+v", Name(o), got.Total, want.Total)
			}
		}
	})
}

func slicesClone(xs []tally.Options) []tally.Options { return append([]tally.Options(nil), xs...) }

// TestRelinkFromStore checks that a relink from the store's fast path
// gives the incidents of linking the same claims in memory, and that a
// second relink keeps them (ids and all) and pins.
func TestRelinkFromStore(t *testing.T) {
	claims := Claims(3000, 11)
	storetest.Backends(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := loaded(t, dsn, claims)
		first, err := Relink(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		before, err := s.Incidents(ctx, store.IncidentFilter{Limit: 1 << 30})
		if err != nil {
			t.Fatal(err)
		}
		if len(before) != first.Incidents {
			t.Fatalf("%d incidents stored, linker made %d", len(before), first.Incidents)
		}
		// Pin a claim of the first incident into the second.
		inc, err := s.Incident(ctx, before[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		moved := inc.Members[0].ClaimID
		if err := s.PinClaim(ctx, moved, before[1].ID, "analyst"); err != nil {
			t.Fatal(err)
		}
		if _, err := Relink(ctx, s); err != nil {
			t.Fatal(err)
		}
		after, err := s.Incidents(ctx, store.IncidentFilter{Limit: 1 << 30})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		for _, in := range before {
			ids[in.Key] = in.ID
		}
		for _, in := range after {
			if id, ok := ids[in.Key]; ok && id != in.ID {
				t.Errorf("incident %s: id %d after relink, was %d", in.Key, in.ID, id)
			}
		}
		pinned, err := s.Incident(ctx, before[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range pinned.Members {
			found = found || (m.ClaimID == moved && m.Pinned)
		}
		if !found {
			t.Errorf("pinned claim %d is not in incident %d after relink", moved, before[1].ID)
		}
	})
}

// bench1M is the variable that turns on the million-claim benchmarks.
const bench1M = "HARMLOG_BENCH_1M"

// BenchmarkStore1M loads 1,000,000 synthetic claims into a fresh store per
// backend (not timed; minutes), then measures: a relink read from the store
// and saved (target < 20 s), every tally case (target < 1 s), and
// attaching 200 held-back claims one by one (target < 10 ms each). Skipped
// unless HARMLOG_BENCH_1M=1; HARMLOG_BENCH_N sets another size.
//
//	HARMLOG_BENCH_1M=1 go test ./internal/storebench -run '^$' -bench Store1M -benchtime 1x -timeout 2h
func BenchmarkStore1M(b *testing.B) {
	if os.Getenv(bench1M) != "1" {
		b.Skip(bench1M + "=1 not set: the million-claim store benchmarks load for minutes")
	}
	n := 1_000_000
	if v := os.Getenv("HARMLOG_BENCH_N"); v != "" {
		if _, err := fmt.Sscan(v, &n); err != nil {
			b.Fatalf("HARMLOG_BENCH_N=%q: want a number of claims", v)
		}
	}
	all := Claims(n, 42)
	load, extra := Split(all, 200)
	for _, be := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}} {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			t0 := time.Now()
			s := loaded(b, be.dsn(b), load)
			b.Logf("loaded %d claims in %v", len(load), time.Since(t0).Round(time.Millisecond))
			b.Run("relink", func(b *testing.B) {
				var rt RelinkTimes
				for b.Loop() {
					var err error
					if rt, err = Relink(ctx, s); err != nil {
						b.Fatal(err)
					}
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(rt.Total().Seconds(), "s/relink")
				b.ReportMetric(rt.Read.Seconds(), "s-read")
				b.ReportMetric(rt.Link.Seconds(), "s-link")
				b.ReportMetric(rt.Save.Seconds(), "s-save")
				b.ReportMetric(float64(ms.Sys)/(1<<30), "GiB-sys")
				b.ReportMetric(float64(rt.Incidents), "incidents")
			})
			for _, o := range TallyCases {
				b.Run("tally "+Name(o), func(b *testing.B) {
					for b.Loop() {
						if _, err := tally.FromStore(ctx, s, o); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("attach", func(b *testing.B) {
				var at AttachTimes
				for b.Loop() {
					var err error
					if at, err = Attach(ctx, s, extra); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(at.Mean.Microseconds()), "µs-mean")
				b.ReportMetric(float64(at.P99.Microseconds()), "µs-p99")
				b.ReportMetric(float64(at.Max.Microseconds()), "µs-max")
			})
		})
	}
}

// TestLinkClaimsSameIncidents: linking the claims read by the fast path
// (store.LinkClaims: only the linker's columns) gives exactly the
// incidents of linking the whole stored claims.
func TestLinkClaimsSameIncidents(t *testing.T) {
	claims := Claims(4000, 5)
	storetest.Backends(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := loaded(t, dsn, claims)
		fast, err := s.LinkClaims(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var whole []harmlog.Claim
		if err := s.EachClaim(ctx, store.ClaimFilter{}, func(c *harmlog.Claim) error {
			whole = append(whole, *c)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		got := link.Link(fast, link.Options{}).IncidentsBare()
		want := link.Link(whole, link.Options{}).IncidentsBare()
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%d incidents from the fast path, %d from whole claims", len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("incident %d differs:\nfast  %+v\nwhole %+v", i, got[i], want[i])
			}
		}
	})
}
