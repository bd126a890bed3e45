package gazetteer

import (
	"runtime"
	"testing"
	"time"
)

// TestLoadCost loads the embedded gazetteer and reports the time and the
// heap it takes; it fails above 1 s (see below) or 200 MB.
func TestLoadCost(t *testing.T) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start, cpu := time.Now(), cpuTime()
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	g.fuzzy()
	ready, cpu := time.Since(start), cpuTime()-cpu
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	t.Logf("Load: %d places, %d keys, %d deletion entries; returned after %v, fuzzy index after %v wall, %v CPU in all; live heap %.1f MB",
		g.Len(), len(g.keys.keys), len(g.del.entries), took.Round(time.Millisecond), ready.Round(time.Millisecond), cpu.Round(time.Millisecond), heap)
	// Load runs on two cores where it can. On a busy machine (other jobs
	// running) the wall clock says little and CPU time swells with cache
	// misses, so this fails only beyond 1 s of wall time AND 3 s of CPU.
	if took > time.Second && cpu > 3*time.Second {
		t.Errorf("Load took %v (%v CPU), want under 1 s", took, cpu)
	}
	if heap > 200 {
		t.Errorf("Load keeps %.1f MB, want under 200 MB", heap)
	}
	runtime.KeepAlive(g)
}
