package tally

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// WriteText writes the tally as aligned text tables for people.
func WriteText(w io.Writer, r Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tincidents\tkilled\tinjured\t\n", r.By)
	row := func(g Group) {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t\n", g.Group, g.Incidents,
			span(g.KilledLow, g.KilledHigh, g.KilledUnknown), span(g.InjuredLow, g.InjuredHigh, g.InjuredUnknown))
	}
	for _, g := range r.Groups {
		row(g)
	}
	row(r.Total)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "Rows may overlap (an incident counts in every group it belongs to); TOTAL counts each incident once.")
	if len(r.Reconcile) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Cumulative tolls beside recorded incidents (killed):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "claimant\tside\tvictims\tperiod\tclaimed\tincidents\trecorded\tgap\t\n")
	for _, x := range r.Reconcile {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s–%s\t%s\t%d\t%s\t%s\t\n", x.Claimant, x.Side, x.Victims,
			orElse(x.PeriodFrom, "…"), orElse(x.PeriodTo, "…"), span(x.ClaimedLow, x.ClaimedHigh, 0),
			x.Incidents, span(x.RecordedLow, x.RecordedHigh, 0), span(x.GapLow, x.GapHigh, 0))
	}
	return tw.Flush()
}

// span renders a low–high pair, with the number of incidents lacking the
// figure.
func span(lo, hi, unknown int) string {
	s := strconv.Itoa(lo)
	if hi != lo {
		s += "–" + strconv.Itoa(hi)
	}
	if unknown > 0 {
		s += fmt.Sprintf(" (+%d ?)", unknown)
	}
	return s
}

// WriteJSON writes the Result as indented JSON.
func WriteJSON(w io.Writer, r Result) error {
	if r.Groups == nil {
		r.Groups = []Group{}
	}
	if r.Reconcile == nil {
		r.Reconcile = []Reconciliation{}
	}
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(r)
}

// GroupColumns returns the CSV columns of WriteCSV.
func GroupColumns() []string {
	return []string{"by", "group", "incidents", "killed_low", "killed_high", "killed_unknown", "injured_low", "injured_high", "injured_unknown"}
}

// ReconciliationColumns returns the CSV columns of WriteReconciliationCSV.
func ReconciliationColumns() []string {
	return []string{"claimant", "side", "victims", "period_from", "period_to", "published", "claimed_low", "claimed_high", "incidents", "recorded_low", "recorded_high", "gap_low", "gap_high"}
}

// WriteCSV writes the groups and the TOTAL row as CSV with the columns of
// the package doc.
func WriteCSV(w io.Writer, r Result) error {
	cw := csv.NewWriter(w)
	cw.Write(GroupColumns())
	it := strconv.Itoa
	for _, g := range append(append([]Group(nil), r.Groups...), r.Total) {
		cw.Write([]string{r.By, g.Group, it(g.Incidents), it(g.KilledLow), it(g.KilledHigh), it(g.KilledUnknown),
			it(g.InjuredLow), it(g.InjuredHigh), it(g.InjuredUnknown)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteReconciliationCSV writes the reconciliation as CSV with the columns
// of the package doc.
func WriteReconciliationCSV(w io.Writer, r Result) error {
	cw := csv.NewWriter(w)
	cw.Write(ReconciliationColumns())
	it := strconv.Itoa
	for _, x := range r.Reconcile {
		cw.Write([]string{x.Claimant, x.Side, x.Victims, x.PeriodFrom, x.PeriodTo, x.Published,
			it(x.ClaimedLow), it(x.ClaimedHigh), it(x.Incidents), it(x.RecordedLow), it(x.RecordedHigh),
			it(x.GapLow), it(x.GapHigh)})
	}
	cw.Flush()
	return cw.Error()
}
