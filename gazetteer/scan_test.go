package gazetteer

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

// readCorpus returns the lines of shared/bench/extract/corpus.txt and the
// true place names of each line.
func readCorpus(tb testing.TB) (lines []string, places [][]string) {
	tb.Helper()
	text, err := os.ReadFile(sharedtest.Path(tb, "bench/extract/corpus.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	f, err := os.Open(sharedtest.Path(tb, "bench/extract/corpus_places.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		places = append(places, strings.Split(sc.Text(), "\t"))
	}
	lines = strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	if len(lines) != len(places) {
		tb.Fatalf("corpus has %d lines, places %d", len(lines), len(places))
	}
	return lines, places
}

// TestScanCorpus measures recall (true places found as a mention) and the
// share of mentions that are true places on the benchmark corpus.
func TestScanCorpus(t *testing.T) {
	lines, places := readCorpus(t)
	g := testGazetteer(t)
	found, total, mentions, right := 0, 0, 0, 0
	falsePos := map[string]int{}
	missed := map[string]int{}
	for i, line := range lines {
		ms := g.Scan(line)
		seen := map[string]bool{}
		for _, m := range ms {
			seen[m.Text] = true
		}
		truth := map[string]bool{}
		for _, p := range places[i] {
			truth[p] = true
			total++
			if seen[p] {
				found++
			} else {
				missed[p]++
			}
		}
		for _, m := range ms {
			mentions++
			if truth[m.Text] {
				right++
			} else {
				falsePos[m.Text]++
			}
		}
	}
	recall := float64(found) / float64(total)
	precision := float64(right) / float64(mentions)
	t.Logf("recall %.4f (%d/%d), precision %.4f (%d/%d)", recall, found, total, precision, right, mentions)
	t.Logf("false positives: %v", top(falsePos, 20))
	t.Logf("missed: %v", top(missed, 20))
	if recall < 0.97 {
		t.Errorf("recall %.4f, want ≥ 0.97", recall)
	}
}

// top returns the n most frequent keys of m with their counts.
func top(m map[string]int, n int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var out []string
	for i := 0; i < len(keys) && i < n; i++ {
		out = append(out, fmt.Sprintf("%s×%d", keys[i], m[keys[i]]))
	}
	return out
}

// BenchmarkScan scans the benchmark corpus (1 MB of news-like text) and
// reports MB/s.
func BenchmarkScan(b *testing.B) {
	text, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	g := testGazetteer(b)
	s := string(text)
	b.SetBytes(int64(len(s)))
	n, iters := 0, 0
	cpu := cpuTime()
	for b.Loop() {
		n += len(g.Scan(s))
		iters++
	}
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(len(s)*iters)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
	b.ReportMetric(float64(n)/float64(iters), "mentions/op")
}
