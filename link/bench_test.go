package link

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/sharedtest"
)

// readRecords converts a linkage benchmark file
// (id,place,country,date,killed,injured,weapon,perpetrator,source) to claims,
// the id kept in Ref; any other column is ignored.
func readRecords(tb testing.TB, path string) []harmlog.Claim {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	var out []harmlog.Claim
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("%s:%d: %v", path, line, err)
		}
		num := func(name string) int {
			n, err := strconv.Atoi(rec[col[name]])
			if err != nil {
				tb.Fatalf("%s:%d: %s: want a whole number, got %q", path, line, name, rec[col[name]])
			}
			return n
		}
		d := rec[col["date"]]
		out = append(out, harmlog.Claim{
			Scope:            harmlog.ScopeIncident,
			Status:           harmlog.StatusImported,
			Date:             &harmlog.DateRange{From: d, To: d},
			Places:           []harmlog.PlaceRef{{Name: rec[col["place"]], Country: rec[col["country"]]}},
			Killed:           harmlog.Exact(num("killed")),
			Injured:          harmlog.Exact(num("injured")),
			WeaponWords:      []string{rec[col["weapon"]]},
			PerpetratorWords: rec[col["perpetrator"]],
			Claimant:         rec[col["source"]],
			Ref:              rec[col["id"]],
		})
	}
	return out
}

// readTruth reads the true duplicate pairs (id1,id2).
func readTruth(tb testing.TB, path string) [][2]string {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	out := make([][2]string, 0, len(rows))
	for _, r := range rows[1:] {
		out = append(out, [2]string{r[0], r[1]})
	}
	return out
}

// pairScores returns pairwise precision, recall and F1 of the linker's
// incidents against the true pairs, claims named by Ref.
func pairScores(l *Linker, truth [][2]string) (p, r, f1 float64) {
	incOf := make(map[string]int32, len(l.claims))
	for i, c := range l.claims {
		incOf[c.Ref] = l.incOf[i]
	}
	pred := 0
	for _, in := range l.incs {
		n := len(in.members)
		pred += n * (n - 1) / 2
	}
	tp := 0
	for _, t := range truth {
		if a, ok := incOf[t[0]]; ok && a >= 0 && a == incOf[t[1]] {
			tp++
		}
	}
	p = float64(tp) / float64(max(pred, 1))
	r = float64(tp) / float64(max(len(truth), 1))
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// TestLinkage32k links the 32k benchmark records: pairwise F1 must be ≥ 0.95.
func TestLinkage32k(t *testing.T) {
	recs := sharedtest.Path(t, "bench/linkage/records-32k.csv")
	truth := readTruth(t, sharedtest.Path(t, "bench/linkage/truth-32k.csv"))
	claims := readRecords(t, recs)
	start := time.Now()
	l := Link(claims, Options{})
	el := time.Since(start)
	p, r, f1 := pairScores(l, truth)
	t.Logf("32k: %d claims → %d incidents in %v; precision %.4f recall %.4f F1 %.4f", len(claims), len(l.incs), el, p, r, f1)
	if f1 < 0.95 {
		t.Errorf("F1 %.4f < 0.95", f1)
	}
}

// BenchmarkLink160k links the 160k benchmark records and reports seconds,
// precision, recall and F1 (reading the CSV is not timed).
func BenchmarkLink160k(b *testing.B) {
	recs := sharedtest.Path(b, "bench/linkage/records-160k.csv")
	truth := readTruth(b, sharedtest.Path(b, "bench/linkage/truth-160k.csv"))
	claims := readRecords(b, recs)
	b.ResetTimer()
	var l *Linker
	start, cpu0 := time.Now(), cpuTime()
	for b.Loop() {
		l = Link(claims, Options{})
	}
	secs := time.Since(start).Seconds() / float64(b.N)
	cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
	b.StopTimer()
	b.ReportMetric(cpu, "cpu-s/link")
	p, r, f1 := pairScores(l, truth)
	b.ReportMetric(secs, "s/link")
	b.ReportMetric(p, "precision")
	b.ReportMetric(r, "recall")
	b.ReportMetric(f1, "F1")
	fmt.Fprintf(os.Stderr, "160k: %d claims → %d incidents; %.2f s (%.2f s of CPU, all threads); precision %.4f recall %.4f F1 %.4f\n", len(claims), len(l.incs), secs, cpu, p, r, f1)
}

// cpuTime returns the user and system CPU time of the process so far, so
// that benchmarks can be read on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
