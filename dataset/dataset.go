// Package dataset reads coded conflict-event data sets (ACLED CSV in its
// current lower-case and older upper-case column sets, and UCDP GED CSV) as a
// stream of rows, each with the line it starts on, so that extraction can be
// measured against the figures and places the coders gave.
package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Format names a column set the Reader understands.
type Format string

// The formats a Reader detects from the header line.
const (
	ACLED      Format = "acled"       // lower-case columns: notes, fatalities, latitude, ...
	ACLEDUpper Format = "acled-upper" // older upper-case columns: NOTES, FATALITIES, ...
	UCDP       Format = "ucdp-ged"    // UCDP GED: source_headline, best, where_prec, ...
)

// Row is one coded event: the text to extract from, and the coders' figures
// and place to compare with.
type Row struct {
	Line         int     // line of the input the row starts on (1-based)
	ID           string  // the data set's own event id
	Date         string  // event date, YYYY-MM-DD ("" when unreadable)
	Text         string  // ACLED notes; UCDP source_headline
	Fatalities   int     // ACLED fatalities; UCDP best
	Location     string  // the coded place name
	Country      string  // country name as the data set spells it
	Lat, Lon     float64 // coded coordinates
	GeoPrecision int     // 1 = town; larger is coarser
}

// RowError reports a malformed row; the Reader goes on with the next one.
type RowError struct {
	Line   int
	Reason string
}

// Error says which line is malformed and why.
func (e *RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// columns maps each Row field to its column name in one format.
type columns struct {
	id, date, text, fatalities, location, country, lat, lon, prec string
	dateLayouts                                                   []string
}

var formats = map[Format]columns{
	ACLED: {"data_id", "event_date", "notes", "fatalities", "location", "country",
		"latitude", "longitude", "geo_precision", []string{"2006-01-02", "02-January-2006", "2 January 2006"}},
	ACLEDUpper: {"EVENT_ID_CNTY", "EVENT_DATE", "NOTES", "FATALITIES", "LOCATION", "COUNTRY",
		"LATITUDE", "LONGITUDE", "GEO_PRECISION", []string{"02-January-2006", "2006-01-02", "2 January 2006"}},
	UCDP: {"id", "date_start", "source_headline", "best", "where_coordinates", "country",
		"latitude", "longitude", "where_prec", []string{"2006-01-02 15:04:05.000", "2006-01-02"}},
}

// Reader streams the rows of one data set file.
type Reader struct {
	csv    *csv.Reader
	format Format
	cols   columns
	idx    [9]int // column positions of id, date, text, fatalities, location, country, lat, lon, prec
	width  int
	first  bool // the next record is the first after the header
}

// NewReader reads the header line of r and detects its format. It returns an
// error when the header is unreadable or matches no known column set.
func NewReader(r io.Reader) (*Reader, error) {
	c := csv.NewReader(r)
	c.FieldsPerRecord = -1
	c.LazyQuotes = true
	head, err := c.Read()
	if err != nil {
		return nil, fmt.Errorf("dataset: reading header: %w", err)
	}
	pos := make(map[string]int, len(head))
	for i, h := range head {
		pos[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, f := range []Format{ACLED, ACLEDUpper, UCDP} {
		cols := formats[f]
		names := [9]string{cols.id, cols.date, cols.text, cols.fatalities, cols.location,
			cols.country, cols.lat, cols.lon, cols.prec}
		rd := &Reader{csv: c, format: f, cols: cols, width: len(head), first: true}
		ok := true
		for i, n := range names {
			p, found := pos[n]
			if !found {
				ok = false
				break
			}
			rd.idx[i] = p
		}
		if ok {
			return rd, nil
		}
	}
	return nil, errors.New("dataset: header matches neither ACLED nor UCDP GED columns")
}

// Format reports the column set detected from the header.
func (r *Reader) Format() Format { return r.format }

// Next returns the next row. At the end it returns io.EOF. A malformed row
// yields a *RowError naming its line, and the following call goes on with the
// next row; any other error is final.
func (r *Reader) Next() (Row, error) {
	for {
		rec, err := r.csv.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Row{}, &RowError{Line: pe.StartLine, Reason: pe.Err.Error()}
			}
			return Row{}, err
		}
		if r.first {
			r.first = false
			if isTagRow(rec) {
				continue
			}
		}
		line, _ := r.csv.FieldPos(0)
		return r.row(rec, line)
	}
}

// isTagRow reports whether rec is an HXL hashtag row: every non-empty field
// starts with '#', and at least one does.
func isTagRow(rec []string) bool {
	n := 0
	for _, f := range rec {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if f[0] != '#' {
			return false
		}
		n++
	}
	return n > 0
}

func (r *Reader) row(rec []string, line int) (Row, error) {
	if len(rec) != r.width {
		return Row{}, &RowError{Line: line, Reason: fmt.Sprintf("%d fields, header has %d", len(rec), r.width)}
	}
	get := func(i int) string { return strings.TrimSpace(rec[r.idx[i]]) }
	row := Row{Line: line, ID: get(0), Text: rec[r.idx[2]], Location: get(4), Country: get(5)}
	var err error
	if row.Fatalities, err = strconv.Atoi(get(3)); err != nil {
		return Row{}, &RowError{Line: line, Reason: fmt.Sprintf("fatalities %q is not a number", get(3))}
	}
	if row.Fatalities < 0 {
		return Row{}, &RowError{Line: line, Reason: fmt.Sprintf("fatalities %d is negative", row.Fatalities)}
	}
	if row.Lat, err = strconv.ParseFloat(get(6), 64); err != nil || row.Lat < -90 || row.Lat > 90 {
		return Row{}, &RowError{Line: line, Reason: fmt.Sprintf("latitude %q is not valid", get(6))}
	}
	if row.Lon, err = strconv.ParseFloat(get(7), 64); err != nil || row.Lon < -180 || row.Lon > 180 {
		return Row{}, &RowError{Line: line, Reason: fmt.Sprintf("longitude %q is not valid", get(7))}
	}
	if p := get(8); p != "" {
		if row.GeoPrecision, err = strconv.Atoi(p); err != nil {
			return Row{}, &RowError{Line: line, Reason: fmt.Sprintf("geo precision %q is not a number", p)}
		}
	}
	d := get(1)
	for _, layout := range r.cols.dateLayouts {
		if t, err := time.Parse(layout, d); err == nil {
			row.Date = t.Format("2006-01-02")
			break
		}
	}
	return row, nil
}

// Each calls fn for every well-formed row of r, and bad for every malformed
// one (bad may be nil). It stops at the end of input, at a final read error,
// or when fn returns an error, which it returns.
func Each(r *Reader, fn func(Row) error, bad func(*RowError)) error {
	for {
		row, err := r.Next()
		if err == io.EOF {
			return nil
		}
		var re *RowError
		if errors.As(err, &re) {
			if bad != nil {
				bad(re)
			}
			continue
		}
		if err != nil {
			return err
		}
		if err := fn(row); err != nil {
			return err
		}
	}
}
