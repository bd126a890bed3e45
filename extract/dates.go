package extract

import (
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract/when"
)

// dateMention is a date or period of the text, resolved against the dateline.
type dateMention struct {
	Start, End int
	Range      harmlog.DateRange
}

// findDates returns the dates of text, resolved by extract/when.
func findDates(text string, dateline time.Time) []dateMention {
	ms := when.Find(text, dateline)
	out := make([]dateMention, 0, len(ms))
	for _, m := range ms {
		out = append(out, dateMention{Start: m.Start, End: m.End, Range: m.Range})
	}
	return out
}
