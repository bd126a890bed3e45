package store

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
)

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchDocs is how many documents one BenchmarkIngest iteration ingests.
const benchDocs = 10000

// benchDocument makes the i-th small (~1 KB) text document with 1 or 2
// claims, varied enough that publishers and claimants repeat like a feed's.
func benchDocument(i int) (*harmlog.Document, []harmlog.Claim) {
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d. ", i)
	for b.Len() < 1000 {
		fmt.Fprintf(&b, "Officials in district %d said %d civilians were killed and %d injured when shells hit homes on day %d. ",
			i%97, i%13, i%29, i%31)
	}
	day := fmt.Sprintf("2020-10-%02d", 1+i%30)
	doc := &harmlog.Document{
		Original: []byte(b.String()), MediaType: "text/plain", Title: fmt.Sprintf("Report %d", i),
		Publisher: fmt.Sprintf("Publisher %d", i%20), Published: day, URL: fmt.Sprintf("https://example.org/%d", i),
		Language: "en", Filename: fmt.Sprintf("%d.txt", i), Text: b.String(),
	}
	lat, lon := 40.0+float64(i%97)/100, 46.0+float64(i%89)/100
	claims := []harmlog.Claim{{
		Killed: harmlog.Exact(i % 13), Injured: harmlog.Between(i%29, -1), Victims: harmlog.VictimsCivilian,
		Scope: harmlog.ScopeIncident, Date: &harmlog.DateRange{From: day, To: day},
		Places:  []harmlog.PlaceRef{{Name: fmt.Sprintf("District %d", i%97), ID: fmt.Sprintf("geonames:%d", 100000+i%97), Lat: &lat, Lon: &lon, Country: "AZ"}},
		Weapons: []string{"artillery"}, Perpetrator: fmt.Sprintf("Party %d", i%2), Claimant: fmt.Sprintf("Claimant %d", i%50),
		Start: 0, End: 100,
	}}
	if i%2 == 0 {
		claims = append(claims, harmlog.Claim{Killed: harmlog.Between(i%7, i%7+3), Scope: harmlog.ScopeCumulative,
			Claimant: fmt.Sprintf("Claimant %d", (i+1)%50), Denied: i%10 == 0})
	}
	return doc, claims
}

// BenchmarkIngest measures AddDocument of benchDocs small documents into a
// fresh database, each document in its own transaction, and reports docs/s.
// Run with: go test ./store -run '^$' -bench Ingest -benchtime 1x
// (set HARMLOG_TEST_POSTGRES for the postgres variant).
func BenchmarkIngest(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			var elapsed, cpu time.Duration
			for range b.N {
				b.StopTimer()
				db := be.fresh(b)
				s, err := Open(ctx, db.dsn)
				if err != nil {
					b.Fatal(err)
				}
				docs := make([]*harmlog.Document, benchDocs)
				claims := make([][]harmlog.Claim, benchDocs)
				for i := range docs {
					docs[i], claims[i] = benchDocument(i)
				}
				b.StartTimer()
				start, cpu0 := time.Now(), cpuTime()
				for i := range docs {
					if _, existed, err := s.AddDocument(ctx, docs[i], claims[i], "bench"); err != nil || existed {
						b.Fatalf("document %d: existed %v, %v", i, existed, err)
					}
				}
				elapsed += time.Since(start)
				cpu += cpuTime() - cpu0
				b.StopTimer()
				s.Close()
			}
			b.ReportMetric(float64(benchDocs*b.N)/elapsed.Seconds(), "docs/s")
			// Per second of this process's CPU: the figure to compare when
			// the machine is shared (PostgreSQL's own CPU is not counted).
			b.ReportMetric(float64(benchDocs*b.N)/cpu.Seconds(), "docs/cpu-s")
		})
	}
}
