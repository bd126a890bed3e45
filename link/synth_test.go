package link

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/link/synth"
)

// synthConfig is the shape of the synthetic benchmarks: 20 conflicts of
// 3,000 places each over four years, a third of places resolved.
func synthConfig(claims int) synth.Config {
	return synth.Config{Seed: 42, Incidents: claims * 10 / 35, Places: 3000, Countries: 20, Days: 1460, Resolved: 0.35}
}

func synthClaims(n int) ([]harmlog.Claim, []int) {
	gen := synth.Generate(synthConfig(n))
	claims := make([]harmlog.Claim, len(gen))
	truth := make([]int, len(gen))
	for i, g := range gen {
		claims[i], truth[i] = g.Claim, g.Incident
	}
	return claims, truth
}

// synthScores returns pairwise precision and recall of the linker's
// incidents against the generator's.
func synthScores(l *Linker, claims []harmlog.Claim, truth []int) (p, r float64) {
	incOf := map[string]int32{}
	for i := range l.claims {
		incOf[l.claims[i].Ref] = l.incOf[i]
	}
	type pair struct {
		got  int32
		want int
	}
	cells := map[pair]int{}
	got, want := map[int32]int{}, map[int]int{}
	for i, c := range claims {
		g := incOf[c.Ref]
		cells[pair{g, truth[i]}]++
		got[g]++
		want[truth[i]]++
	}
	c2 := func(n int) int { return n * (n - 1) / 2 }
	tp, pg, pw := 0, 0, 0
	for _, n := range cells {
		tp += c2(n)
	}
	for _, n := range got {
		pg += c2(n)
	}
	for _, n := range want {
		pw += c2(n)
	}
	return float64(tp) / float64(max(pg, 1)), float64(tp) / float64(max(pw, 1))
}

// TestSynthQuality links 20,000 synthetic claims and checks pairwise
// precision and recall against the generator's incidents.
func TestSynthQuality(t *testing.T) {
	claims, truth := synthClaims(20000)
	l := Link(claims, Options{})
	p, r := synthScores(l, claims, truth)
	t.Logf("synthetic: %d claims → %d incidents; precision %.4f recall %.4f", len(claims), len(l.incs), p, r)
	if p < 0.9 || r < 0.9 {
		t.Errorf("precision %.4f recall %.4f: want both ≥ 0.9", p, r)
	}
}

// BenchmarkLink1M links 1,000,000 synthetic claims, reporting seconds, heap
// in use after linking, precision and recall.
func BenchmarkLink1M(b *testing.B) {
	if testing.Short() {
		b.Skip("skipped in -short mode: needs ~2 GB and a minute")
	}
	benchSynth(b, 1_000_000)
}

// BenchmarkLink200k is BenchmarkLink1M at a fifth of the size.
func BenchmarkLink200k(b *testing.B) { benchSynth(b, 200_000) }

func benchSynth(b *testing.B, n int) {
	claims, truth := synthClaims(n)
	b.ResetTimer()
	var l *Linker
	start, cpu0 := time.Now(), cpuTime()
	for b.Loop() {
		l = nil
		runtime.GC()
		l = Link(claims, Options{})
	}
	secs := time.Since(start).Seconds() / float64(b.N)
	cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p, r := synthScores(l, claims, truth)
	b.ReportMetric(secs, "s/link")
	b.ReportMetric(cpu, "cpu-s/link")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
	b.ReportMetric(p, "precision")
	b.ReportMetric(r, "recall")
	fmt.Fprintf(os.Stderr, "synthetic: %d claims → %d incidents in %.2f s (%.2f s CPU); heap in use %d MiB (claims included), sys %d MiB; precision %.4f recall %.4f\n",
		len(claims), len(l.incs), secs, cpu, ms.HeapAlloc>>20, ms.Sys>>20, p, r)
}

// BenchmarkAttach attaches new claims, 1,000 per iteration, to a linker
// holding 1,000,000, reporting the mean and the worst time of one Attach.
func BenchmarkAttach(b *testing.B) {
	if testing.Short() {
		b.Skip("skipped in -short mode: needs ~2 GB")
	}
	claims, _ := synthClaims(1_000_000)
	extra := synth.Generate(synth.Config{Seed: 43, Incidents: 20000, Places: 3000, Countries: 20, Days: 1460, Resolved: 0.35})
	l := Link(claims, Options{})
	// Collect now, so that the attaches measured are not charged with the
	// collection of the bulk link's garbage.
	runtime.GC()
	b.ResetTimer()
	i := 0
	var total time.Duration
	var each []time.Duration
	for b.Loop() {
		for range 1000 {
			t0 := time.Now()
			l.Attach(extra[i%len(extra)].Claim)
			d := time.Since(t0)
			total += d
			each = append(each, d)
			i++
		}
	}
	slices.Sort(each)
	p99, worst := each[len(each)*99/100], each[len(each)-1]
	b.ReportMetric(float64(total.Microseconds())/float64(i), "µs/attach")
	b.ReportMetric(float64(p99.Microseconds()), "p99-µs")
	b.ReportMetric(float64(worst.Microseconds()), "worst-µs")
	fmt.Fprintf(os.Stderr, "Attach to 1M: %d attaches, mean %.1f µs, p99 %d µs, worst %d µs (wall clock on a shared machine)\n",
		i, float64(total.Microseconds())/float64(i), p99.Microseconds(), worst.Microseconds())
}
