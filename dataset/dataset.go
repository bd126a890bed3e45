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
	"slices"
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

	// The fields below are read where the file has the column (the import
	// of coded data keeps them); each is zero where it has not.

	EventID        string // ACLED event_id_cnty, UCDP relid; else ID
	EventType      string // ACLED event_type; UCDP type_of_violence in words
	Actor1, Actor2 string // ACLED actor1, actor2; UCDP side_a, side_b
	Admin1         string // the first administrative division, as spelt
	CountryCode    string // ISO 3166-1 alpha-2 (from UCDP iso3, else the country name)
	Source         string // ACLED source; UCDP source_office, each office once, "; "-joined
	SourceOriginal string // UCDP source_original: who the figures come from
	DateEnd        string // UCDP date_end, YYYY-MM-DD; else Date
	DatePrecision  int    // ACLED time_precision, UCDP date_prec (1 = the day)
	Low, High      int    // UCDP low and high estimates as coded (not always around best); else Fatalities
	CivilianDeaths int    // UCDP deaths_civilians
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
	// idAlt is read as the id when the id column is absent (ACLED exports
	// since 2019 have event_id_cnty but no data_id).
	idAlt string
	// optional columns, by optional field.
	opt [numOptional]string
}

// Optional fields, in the order of columns.opt.
const (
	optEventID = iota
	optEventType
	optActor1
	optActor2
	optAdmin1
	optISO3
	optSource
	optSourceOriginal
	optDateEnd
	optDatePrec
	optLow
	optHigh
	optCivilians
	numOptional
)

// formatColumns returns the column set of f.
func formatColumns(f Format) columns {
	switch f {
	case ACLED:
		return columns{"data_id", "event_date", "notes", "fatalities", "location", "country",
			"latitude", "longitude", "geo_precision", []string{"2006-01-02", "02-January-2006", "2 January 2006"},
			"event_id_cnty", [numOptional]string{"event_id_cnty", "event_type", "actor1", "actor2", "admin1", "",
				"source", "", "", "time_precision", "", "", ""}}
	case ACLEDUpper:
		return columns{"EVENT_ID_CNTY", "EVENT_DATE", "NOTES", "FATALITIES", "LOCATION", "COUNTRY",
			"LATITUDE", "LONGITUDE", "GEO_PRECISION", []string{"02-January-2006", "2006-01-02", "2 January 2006"},
			"", [numOptional]string{"EVENT_ID_CNTY", "EVENT_TYPE", "ACTOR1", "ACTOR2", "ADMIN1", "",
				"SOURCE", "", "", "TIME_PRECISION", "", "", ""}}
	case UCDP:
		return columns{"id", "date_start", "source_headline", "best", "where_coordinates", "country",
			"latitude", "longitude", "where_prec", []string{"2006-01-02 15:04:05.000", "2006-01-02"},
			"", [numOptional]string{"relid", "type_of_violence", "side_a", "side_b", "adm_1", "iso3",
				"source_office", "source_original", "date_end", "date_prec", "low", "high", "deaths_civilians"}}
	}
	return columns{}
}

// Reader streams the rows of one data set file.
type Reader struct {
	csv    *csv.Reader
	format Format
	cols   columns
	idx    [9]int           // column positions of id, date, text, fatalities, location, country, lat, lon, prec
	opt    [numOptional]int // positions of the optional columns, -1 when absent
	width  int
	first  bool // the next record is the first after the header

	in        *rawTee // the input as read, for Raw and Header
	header    []byte
	raw       []byte
	lastOff   int64
	countries map[string]string // country names already looked up
}

// NewReader reads the header line of r and detects its format. It returns an
// error when the header is unreadable or matches no known column set.
func NewReader(r io.Reader) (*Reader, error) {
	in := &rawTee{r: r}
	c := csv.NewReader(in)
	c.FieldsPerRecord = -1
	c.LazyQuotes = true
	head, err := c.Read()
	if err != nil {
		return nil, fmt.Errorf("dataset: reading header: %w", err)
	}
	header := in.take(c.InputOffset())
	pos := make(map[string]int, len(head))
	for i, h := range head {
		pos[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, f := range []Format{ACLED, ACLEDUpper, UCDP} {
		cols := formatColumns(f)
		names := [9]string{cols.id, cols.date, cols.text, cols.fatalities, cols.location,
			cols.country, cols.lat, cols.lon, cols.prec}
		if _, found := pos[cols.id]; !found && cols.idAlt != "" {
			names[0] = cols.idAlt
		}
		rd := &Reader{csv: c, format: f, cols: cols, width: len(head), first: true,
			in: in, header: header, lastOff: c.InputOffset(), countries: map[string]string{}}
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
			for i, n := range cols.opt {
				rd.opt[i] = -1
				if p, found := pos[n]; found && n != "" {
					rd.opt[i] = p
				}
			}
			return rd, nil
		}
	}
	return nil, errors.New("dataset: header matches neither ACLED nor UCDP GED columns")
}

// Format reports the column set detected from the header.
func (r *Reader) Format() Format { return r.format }

// Header returns the header line exactly as the input has it, line end
// included, and after the first call of Next the HXL tag row that follows
// it, if any. The caller must not modify it.
func (r *Reader) Header() []byte { return r.header }

// Raw returns the bytes of the record Next last read (well formed or not)
// exactly as the input has them, line end included; it is valid until the
// next call of Next. Header and Raw together are a row's evidence.
func (r *Reader) Raw() []byte { return r.raw }

// rawTee keeps what a csv.Reader has read of its input but not yet handed
// out as a record, so that each record's bytes can be taken as they were.
// It holds at most one record plus the csv.Reader's read-ahead.
type rawTee struct {
	r    io.Reader
	buf  []byte
	base int64 // input offset of buf[0]
}

func (t *rawTee) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// take returns a copy of the input from the last take up to offset off and
// forgets it.
func (t *rawTee) take(off int64) []byte {
	n := int(off - t.base)
	if n < 0 || n > len(t.buf) {
		return nil
	}
	out := append([]byte(nil), t.buf[:n]...)
	rest := copy(t.buf, t.buf[n:])
	t.buf = t.buf[:rest]
	t.base = off
	return out
}

// Next returns the next row. At the end it returns io.EOF. A malformed row
// yields a *RowError naming its line, and the following call goes on with the
// next row; any other error is final.
func (r *Reader) Next() (Row, error) {
	for {
		rec, err := r.csv.Read()
		r.raw = r.in.take(r.csv.InputOffset())
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
				r.header = append(r.header[:len(r.header):len(r.header)], r.raw...)
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
	row.Date = r.date(get(1))
	if err := r.optional(rec, &row); err != nil {
		return Row{}, err
	}
	return row, nil
}

// date reads a date in one of the format's layouts as YYYY-MM-DD, or "".
func (r *Reader) date(d string) string {
	for _, layout := range r.cols.dateLayouts {
		if t, err := time.Parse(layout, d); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// optional fills the fields of the columns the file may lack.
func (r *Reader) optional(rec []string, row *Row) error {
	get := func(i int) string {
		if r.opt[i] < 0 {
			return ""
		}
		return strings.Join(strings.Fields(rec[r.opt[i]]), " ")
	}
	num := func(i int, name string, dst *int) error {
		v := get(i)
		if v == "" {
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return &RowError{Line: row.Line, Reason: fmt.Sprintf("%s %q is not a number of zero or more", name, v)}
		}
		*dst = n
		return nil
	}
	row.EventID = first(get(optEventID), row.ID)
	row.EventType = get(optEventType)
	if r.format == UCDP {
		row.EventType = violenceType(row.EventType)
	}
	row.Actor1, row.Actor2 = get(optActor1), get(optActor2)
	row.Admin1 = get(optAdmin1)
	row.Source = uniqueJoin(get(optSource))
	row.SourceOriginal = get(optSourceOriginal)
	row.DateEnd = row.Date
	if d := get(optDateEnd); d != "" {
		end := r.date(d)
		if end == "" || (row.Date != "" && end < row.Date) {
			return &RowError{Line: row.Line, Reason: fmt.Sprintf("end date %q is not a date on or after the start", d)}
		}
		row.DateEnd = end
	}
	row.Low, row.High = row.Fatalities, row.Fatalities
	for _, n := range []struct {
		i    int
		name string
		dst  *int
	}{{optDatePrec, "date precision", &row.DatePrecision}, {optLow, "low", &row.Low},
		{optHigh, "high", &row.High}, {optCivilians, "civilian deaths", &row.CivilianDeaths}} {
		if err := num(n.i, n.name, n.dst); err != nil {
			return err
		}
	}
	if code := CountryCode(get(optISO3)); code != "" {
		row.CountryCode = code
	} else {
		code, ok := r.countries[row.Country]
		if !ok {
			code = CountryCode(row.Country)
			r.countries[row.Country] = code
		}
		row.CountryCode = code
	}
	return nil
}

// violenceType names UCDP's type_of_violence codes.
func violenceType(code string) string {
	switch code {
	case "1":
		return "state-based conflict"
	case "2":
		return "non-state conflict"
	case "3":
		return "one-sided violence"
	}
	return code
}

// uniqueJoin keeps each ";"-separated name of s once, in order.
func uniqueJoin(s string) string {
	if !strings.Contains(s, ";") {
		return s
	}
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
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
