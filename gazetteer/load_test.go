package gazetteer

import (
	"runtime"
	"testing"
	"time"
)

// loadCost loads the embedded gazetteer and returns the wall and CPU time
// Load takes, the live heap it keeps, and the same for the deletion index
// that the first fuzzy Search builds.
func loadCost(tb testing.TB) (g *Gazetteer, wall, cpu time.Duration, heap float64, fuzzyWall, fuzzyCPU time.Duration, fuzzyHeap float64) {
	tb.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start, c0 := time.Now(), cpuTime()
	g, err := Load()
	if err != nil {
		tb.Fatal(err)
	}
	wall, cpu = time.Since(start), cpuTime()-c0
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
	start, c0 = time.Now(), cpuTime()
	g.fuzzy()
	fuzzyWall, fuzzyCPU = time.Since(start), cpuTime()-c0
	runtime.GC()
	runtime.ReadMemStats(&before)
	fuzzyHeap = float64(int64(before.HeapAlloc)-int64(after.HeapAlloc)) / (1 << 20)
	return
}

// TestLoadCost loads the embedded gazetteer and reports the time and the
// heap it takes; it fails above 1 s (see below) or 200 MB, the deletion
// index included.
func TestLoadCost(t *testing.T) {
	g, wall, cpu, heap, fwall, fcpu, fheap := loadCost(t)
	t.Logf("Load: %d places, %d keys; %v wall, %v CPU, live heap %.1f MB; deletion index (%d entries, first fuzzy Search): %v wall, %v CPU, %.1f MB",
		g.Len(), g.ix.NumKeys(), wall.Round(time.Millisecond), cpu.Round(time.Millisecond), heap,
		len(g.del.entries), fwall.Round(time.Millisecond), fcpu.Round(time.Millisecond), fheap)
	// On a busy machine (other jobs running) the wall clock says little,
	// so this fails only beyond 1 s of wall time AND 1 s of CPU.
	if wall > time.Second && cpu > time.Second {
		t.Errorf("Load took %v (%v CPU), want under 1 s", wall, cpu)
	}
	if heap+fheap > 200 {
		t.Errorf("Load and the deletion index keep %.1f MB, want under 200 MB", heap+fheap)
	}
	runtime.KeepAlive(g)
}

// BenchmarkLoad reports the wall and CPU milliseconds and the live heap
// (MB) of Load, and the same for the deletion index fuzzy Search builds.
func BenchmarkLoad(b *testing.B) {
	var wall, cpu, fwall, fcpu time.Duration
	var heap, fheap float64
	n := 0
	for b.Loop() {
		_, w, c, h, fw, fc, fh := loadCost(b)
		wall, cpu, heap, fwall, fcpu, fheap = wall+w, cpu+c, heap+h, fwall+fw, fcpu+fc, fheap+fh
		n++
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 / float64(n) }
	b.ReportMetric(ms(wall), "load-ms")
	b.ReportMetric(ms(cpu), "load-cpu-ms")
	b.ReportMetric(heap/float64(n), "load-MB")
	b.ReportMetric(ms(fwall), "fuzzy-ms")
	b.ReportMetric(ms(fcpu), "fuzzy-cpu-ms")
	b.ReportMetric(fheap/float64(n), "fuzzy-MB")
}
