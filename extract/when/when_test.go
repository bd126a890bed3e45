package when

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

// testDateline is Thursday 8 October 2020, the seed article's dateline.
var testDateline = time.Date(2020, 10, 8, 14, 30, 0, 0, time.UTC)

// render writes mentions as "text=from/to/precision".
func render(ms []Mention) string {
	var b []string
	for _, m := range ms {
		b = append(b, fmt.Sprintf("%s=%s/%s/%s", m.Text, m.Range.From, m.Range.To, m.Precision))
	}
	return strings.Join(b, "|")
}

func TestFind(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		// Absolute.
		{"On 17 October 2020 the town was shelled.", "17 October 2020=2020-10-17/2020-10-17/day"},
		{"October 17, 2020, was quiet", "October 17, 2020=2020-10-17/2020-10-17/day"},
		{"on Oct. 3 and on 17 Oct", "Oct. 3=2020-10-03/2020-10-03/day|17 Oct=2020-10-17/2020-10-17/day"},
		{"17th of October", "17th of October=2020-10-17/2020-10-17/day"},
		{"dated 2020-10-07 and 06.10.2020", "2020-10-07=2020-10-07/2020-10-07/day|06.10.2020=2020-10-06/2020-10-06/day"},
		{"on 10/13/2019 and 13/10/2019 and 5/6/2019", "10/13/2019=2019-10-13/2019-10-13/day|13/10/2019=2019-10-13/2019-10-13/day|5/6/2019=2019-06-05/2019-06-05/day"},
		{"on 4 and 5 October", "4 and 5 October=2020-10-04/2020-10-05/range"},
		{"on 4, 5 and 6 October", "4, 5 and 6 October=2020-10-04/2020-10-06/range"},
		{"on October 4 and 5", "October 4 and 5=2020-10-04/2020-10-05/range"},
		{"on 28 December", "28 December=2019-12-28/2019-12-28/day"},
		{"on 10 October", "10 October=2020-10-10/2020-10-10/day"},
		{"Sept. 27 and 27th September and September 27th", "Sept. 27=2020-09-27/2020-09-27/day|27th September=2020-09-27/2020-09-27/day|September 27th=2020-09-27/2020-09-27/day"},
		{"27-28 September", "27-28 September=2020-09-27/2020-09-28/range"},
		{"Sept 27-Oct 1", "Sept 27-Oct 1=2020-09-27/2020-10-01/range"},
		{"on the night of 4 October", "night of 4 October=2020-10-04/2020-10-05/range"},
		{"the night of 4 to 5 October", "night of 4 to 5 October=2020-10-04/2020-10-05/range"},
		{"on Monday, 5 October, and Tuesday October 6", "Monday, 5 October=2020-10-05/2020-10-05/day|Tuesday October 6=2020-10-06/2020-10-06/day"},
		// Periods.
		{"since 27 September, 27 civilians", "since 27 September=2020-09-27/2020-10-08/range"},
		{"since September 27", "since September 27=2020-09-27/2020-10-08/range"},
		{"between 1 and 5 October", "between 1 and 5 October=2020-10-01/2020-10-05/range"},
		{"between 30 September and 5 October", "between 30 September and 5 October=2020-09-30/2020-10-05/range"},
		{"from 27 September to 8 October", "from 27 September to 8 October=2020-09-27/2020-10-08/range"},
		{"from 28 December 2019 to 3 January 2020", "from 28 December 2019 to 3 January 2020=2019-12-28/2020-01-03/range"},
		{"27 September – 8 October", "27 September – 8 October=2020-09-27/2020-10-08/range"},
		{"1-5 October", "1-5 October=2020-10-01/2020-10-05/range"},
		{"in October 2020", "October 2020=2020-10-01/2020-10-31/month"},
		{"in September", "September=2020-09-01/2020-09-30/month"},
		{"in February 2020", "February 2020=2020-02-01/2020-02-29/month"},
		{"in early October", "early October=2020-10-01/2020-10-10/range"},
		{"mid-September", "mid-September=2020-09-11/2020-09-20/range"},
		{"late September", "late September=2020-09-21/2020-09-30/range"},
		{"since 2014", "since 2014=2014-01-01/2020-10-08/range"},
		// Relative.
		{"today", "today=2020-10-08/2020-10-08/day"},
		{"Yesterday, shells fell", "Yesterday=2020-10-07/2020-10-07/day"},
		{"the day before yesterday", "the day before yesterday=2020-10-06/2020-10-06/day"},
		{"last night", "last night=2020-10-07/2020-10-08/range"},
		{"shelling overnight", "overnight=2020-10-07/2020-10-08/range"},
		{"this morning", "this morning=2020-10-08/2020-10-08/day"},
		{"on Sunday", "Sunday=2020-10-04/2020-10-04/day"},
		{"on Thursday", "Thursday=2020-10-08/2020-10-08/day"},
		{"last Thursday", "last Thursday=2020-10-01/2020-10-01/day"},
		{"on Monday night", "Monday night=2020-10-05/2020-10-06/range"},
		{"late on Saturday", "late on Saturday=2020-10-03/2020-10-03/day"},
		{"last week", "last week=2020-09-28/2020-10-04/week"},
		{"earlier this week", "earlier this week=2020-10-05/2020-10-08/week"},
		{"earlier this month", "earlier this month=2020-10-01/2020-10-08/month"},
		{"last month", "last month=2020-09-01/2020-09-30/month"},
		{"two days ago", "two days ago=2020-10-06/2020-10-06/day"},
		{"3 days ago", "3 days ago=2020-10-05/2020-10-05/day"},
		{"in the past 24 hours", "past 24 hours=2020-10-07/2020-10-08/range"},
		{"over the last three days", "last three days=2020-10-05/2020-10-08/range"},
		{"since Sunday", "since Sunday=2020-10-04/2020-10-08/range"},
		// Not dates.
		{"27 Azerbaijani civilians; 141 people; the 1949 Geneva Conventions", ""},
		{"May God help; March on; a Sunday school", "Sunday=2020-10-04/2020-10-04/day"},
		{"31 September", "31 September=//unknown"},
		{"", ""},
	}
	for _, tt := range tests {
		ms := Find(tt.text, testDateline)
		for _, m := range ms {
			if m.Text != tt.text[m.Start:m.End] {
				t.Errorf("Find(%q): Text %q is not text[%d:%d]", tt.text, m.Text, m.Start, m.End)
			}
		}
		if got := render(ms); got != tt.want {
			t.Errorf("Find(%q)\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

// TestFindNoDateline: relative and year-less expressions are reported
// unresolved; dates with a year still resolve.
func TestFindNoDateline(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"yesterday", "yesterday=//unknown"},
		{"on Sunday", "Sunday=//unknown"},
		{"last week", "last week=//unknown"},
		{"17 October", "17 October=//unknown"},
		{"17 October 2020", "17 October 2020=2020-10-17/2020-10-17/day"},
		{"since 27 September 2020", "since 27 September 2020=2020-09-27//range"},
		{"since Sunday", "since Sunday=//unknown"},
	}
	for _, tt := range tests {
		if got := render(Find(tt.text, time.Time{})); got != tt.want {
			t.Errorf("Find(%q, zero)\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

// TestYearInference: a year-less date more than a month after the dateline
// belongs to the year before.
func TestYearInference(t *testing.T) {
	tests := []struct {
		dateline time.Time
		text     string
		want     string
	}{
		{time.Date(2021, 1, 5, 0, 0, 0, 0, time.UTC), "28 December", "2020-12-28"},
		{time.Date(2021, 1, 5, 0, 0, 0, 0, time.UTC), "2 January", "2021-01-02"},
		{time.Date(2021, 1, 5, 0, 0, 0, 0, time.UTC), "20 January", "2021-01-20"},
		{time.Date(2020, 10, 8, 0, 0, 0, 0, time.UTC), "7 November", "2020-11-07"},
		{time.Date(2020, 10, 8, 0, 0, 0, 0, time.UTC), "20 November", "2019-11-20"},
		{time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), "29 February", "2020-02-29"},
	}
	for _, tt := range tests {
		ms := Find(tt.text, tt.dateline)
		if len(ms) != 1 || ms[0].Range.From != tt.want {
			t.Errorf("Find(%q, %s) = %+v, want from %s", tt.text, tt.dateline.Format(time.DateOnly), ms, tt.want)
		}
	}
}

// TestSeed: the seed article has its dateline as its only date.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(sharedtest.Path(t, "seed/000_5666055ee0aafada.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got := render(Find(string(b), testDateline))
	if got != "2020-10-08=2020-10-08/2020-10-08/day" {
		t.Errorf("seed dates: %s", got)
	}
}

func FuzzFind(f *testing.F) {
	f.Add("since 27 September; on Monday night; 2020-10-17", int64(0))
	f.Add("between 1 and 5 October, Oct. 17, 17.10.2020 – last week", int64(1602115200))
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var dl time.Time
		if unix != 0 {
			dl = time.Unix(unix%(1<<34), 0).UTC()
		}
		last := 0
		for _, m := range Find(text, dl) {
			if m.Start < last || m.End <= m.Start || m.End > len(text) || m.Text != text[m.Start:m.End] {
				t.Fatalf("bad mention %+v after %d in %q", m, last, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(m.Text) {
				t.Fatalf("mention %+v splits a rune", m)
			}
			if (m.Precision == Unknown) != m.Range.IsZero() && !(m.Precision == Range && m.Range.To == "") {
				t.Fatalf("mention %+v: precision and range disagree", m)
			}
			last = m.End
		}
	})
}

func BenchmarkFind(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		Find(text, testDateline)
	}
	reportCPU(b, len(text), c0)
}

// reportCPU reports the throughput per CPU second since c0 as cpu-MB/s.
func reportCPU(b *testing.B, size int, c0 time.Duration) {
	if c := cpuTime() - c0; c > 0 && c0 > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/c.Seconds()/1e6, "cpu-MB/s")
	}
}

// TestFirst checks that First returns the first date that resolves, as
// Find would list it.
func TestFirst(t *testing.T) {
	dl := time.Date(2020, 10, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		want string // From..To, or "" for none
	}{
		{"Shelling on 3 October killed two; on 5 October another died.", "2020-10-03..2020-10-03"},
		{"Two were hurt yesterday.", "2020-10-07..2020-10-07"},
		{"No date here at all.", ""},
		{"Between 1 and 4 October the town was shelled.", "2020-10-01..2020-10-04"},
	}
	for _, tt := range tests {
		m, ok := First(tt.text, dl)
		got := ""
		if ok {
			got = m.Range.From + ".." + m.Range.To
		}
		if got != tt.want {
			t.Errorf("First(%q) = %q, want %q", tt.text, got, tt.want)
		}
		if all := Find(tt.text, dl); ok && (len(all) == 0 || all[0].Range != m.Range) {
			t.Errorf("First(%q) = %+v, Find gives %+v", tt.text, m, all)
		}
	}
}
