package when

import (
	"encoding/csv"
	"io"
	"os"
	"testing"
	"time"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

// TestACLEDNotes reads the ACLED development notes with each event's date
// as the dateline: where Find resolves any date in a note, one of them
// should cover the coded event date. The notes copy wire text, so this
// measures the relative expressions ("on Thursday night", "yesterday")
// and the absolute ones together.
func TestACLEDNotes(t *testing.T) {
	f, err := os.Open(sharedtest.Path(t, "eval/dev/acled-asia-2015.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	notes, dated, covered := 0, 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		d, err := time.Parse("02-January-2006", rec[col["EVENT_DATE"]])
		if err != nil {
			continue
		}
		notes++
		day := d.Format(time.DateOnly)
		resolved, hit := false, false
		for _, m := range Find(rec[col["NOTES"]], d) {
			if m.Precision == Unknown {
				continue
			}
			resolved = true
			if m.Range.From <= day && (day <= m.Range.To || m.Range.To == "") {
				hit = true
			}
		}
		if resolved {
			dated++
		}
		if hit {
			covered++
		}
	}
	if notes < 1000 {
		t.Fatalf("read only %d notes", notes)
	}
	share := float64(covered) / float64(dated)
	t.Logf("%d notes, %d with a resolved date, %d (%.1f%%) covering the event date", notes, dated, covered, 100*share)
	if share < 0.85 {
		t.Errorf("only %.1f%% of dated notes cover the event date; want at least 85%%", 100*share)
	}
}
