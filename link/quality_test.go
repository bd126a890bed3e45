package link

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/claimsio"
	"github.com/harmlog/harmlog/internal/sharedtest"
)

// pairCounts compares a grouping with the truth, pair by pair: true
// positives, false positives, false negatives.
func pairCounts(got, want []int) (tp, fp, fn int) {
	for i := range got {
		for j := i + 1; j < len(got); j++ {
			g, w := got[i] == got[j], want[i] == want[j]
			switch {
			case g && w:
				tp++
			case g:
				fp++
			case w:
				fn++
			}
		}
	}
	return tp, fp, fn
}

// readNK returns the shared NK 2020 claims, read by claimsio (which ignores
// incident_key), and the human grouping read separately for scoring.
func readNK(t testing.TB) ([]harmlog.Claim, []string) {
	p := sharedtest.Path(t, "facts/nk2020-claims.jsonl")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	claims, bad, err := claimsio.ReadAll(f)
	if err != nil || len(bad) > 0 {
		t.Fatalf("read %s: %v %v", p, err, bad)
	}
	f2, _ := os.Open(p)
	defer f2.Close()
	var keys []string
	sc := bufio.NewScanner(f2)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v struct {
			Key string `json:"incident_key"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, v.Key)
	}
	if len(keys) != len(claims) {
		t.Fatalf("%d keys for %d claims", len(keys), len(claims))
	}
	return claims, keys
}

// TestNKQuality links the 95 NK 2020 claims and compares the incidents with
// the human grouping: pairwise precision and recall must both be ≥ 0.95.
func TestNKQuality(t *testing.T) {
	claims, keys := readNK(t)
	l := Link(claims, Options{})
	got := make([]int, len(claims))
	want := make([]int, len(claims))
	incIdx, keyIdx := map[string]int{}, map[string]int{}
	for i, c := range claims {
		k, ok := l.IncidentOf(ClaimKey(c))
		if !ok {
			t.Fatalf("claim %d not linked", i)
		}
		if _, ok := incIdx[k]; !ok {
			incIdx[k] = len(incIdx)
		}
		if _, ok := keyIdx[keys[i]]; !ok {
			keyIdx[keys[i]] = len(keyIdx)
		}
		got[i], want[i] = incIdx[k], keyIdx[keys[i]]
	}
	tp, fp, fn := pairCounts(got, want)
	prec := float64(tp) / float64(tp+fp)
	rec := float64(tp) / float64(tp+fn)
	t.Logf("NK 2020: %d claims, %d incidents (human: %d); pairs tp=%d fp=%d fn=%d; precision %.3f recall %.3f",
		len(claims), len(incIdx), len(keyIdx), tp, fp, fn, prec, rec)
	if testing.Verbose() {
		for i := range claims {
			for j := i + 1; j < len(claims); j++ {
				g, w := got[i] == got[j], want[i] == want[j]
				if g != w {
					t.Logf("pair %d/%d (%s | %s): linked=%v human=%v", i, j, keys[i], keys[j], g, w)
				}
			}
		}
	}
	if prec < 0.95 || rec < 0.95 {
		t.Errorf("precision %.3f, recall %.3f: want both ≥ 0.95", prec, rec)
	}
}
