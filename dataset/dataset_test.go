package dataset

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

const lowerCSV = `data_id,event_date,notes,fatalities,location,country,latitude,longitude,geo_precision
1,2016-07-02,"Two people were killed
in a raid.",2,Baidoa,Somalia,3.11718,43.6469,1
2,2016-07-03,bad fatalities,two,Baidoa,Somalia,3.1,43.6,1
3,2016-07-04,short row,0
4,2016-07-05,Clashes.,0,Kismayo,Somalia,-0.35,42.54,2
`

const upperCSV = `EVENT_ID_CNTY,EVENT_DATE,NOTES,FATALITIES,LOCATION,COUNTRY,LATITUDE,LONGITUDE,GEO_PRECISION
1BNG,01-January-2015,One person was injured.,0,Bagachra,Bangladesh,22.95,88.96,1
2BNG,02-January-2015,Out of range.,1,Bagachra,Bangladesh,122.95,88.96,1
`

const ucdpCSV = `id,date_start,source_headline,best,where_coordinates,country,latitude,longitude,where_prec
,#date+start,#description,#affected+killed,#loc+name,#country+name,#geo+lat,#geo+lon,
7,2014-01-22 00:00:00.000,Two shot dead in Kiev,2,Kiev city,Ukraine,50.45,30.52333,1
`

func TestReader(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		format Format
		rows   []Row
		bad    []int // lines of malformed rows
	}{
		{"acled lower", lowerCSV, ACLED, []Row{
			{Line: 2, ID: "1", Date: "2016-07-02", Text: "Two people were killed\nin a raid.", Fatalities: 2,
				Location: "Baidoa", Country: "Somalia", Lat: 3.11718, Lon: 43.6469, GeoPrecision: 1,
				EventID: "1", CountryCode: "SO", DateEnd: "2016-07-02", Low: 2, High: 2},
			{Line: 6, ID: "4", Date: "2016-07-05", Text: "Clashes.", Location: "Kismayo", Country: "Somalia",
				Lat: -0.35, Lon: 42.54, GeoPrecision: 2,
				EventID: "4", CountryCode: "SO", DateEnd: "2016-07-05"},
		}, []int{4, 5}},
		{"acled upper", upperCSV, ACLEDUpper, []Row{
			{Line: 2, ID: "1BNG", Date: "2015-01-01", Text: "One person was injured.", Location: "Bagachra",
				Country: "Bangladesh", Lat: 22.95, Lon: 88.96, GeoPrecision: 1,
				EventID: "1BNG", CountryCode: "BD", DateEnd: "2015-01-01"},
		}, []int{3}},
		{"ucdp with tag row", ucdpCSV, UCDP, []Row{
			{Line: 3, ID: "7", Date: "2014-01-22", Text: "Two shot dead in Kiev", Fatalities: 2,
				Location: "Kiev city", Country: "Ukraine", Lat: 50.45, Lon: 30.52333, GeoPrecision: 1,
				EventID: "7", CountryCode: "UA", DateEnd: "2014-01-22", Low: 2, High: 2},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if r.Format() != tt.format {
				t.Errorf("format = %s, want %s", r.Format(), tt.format)
			}
			var rows []Row
			var bad []int
			err = Each(r, func(row Row) error { rows = append(rows, row); return nil },
				func(e *RowError) { bad = append(bad, e.Line) })
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(tt.rows) {
				t.Fatalf("got %d rows %+v, want %d", len(rows), rows, len(tt.rows))
			}
			for i := range rows {
				if rows[i] != tt.rows[i] {
					t.Errorf("row %d = %+v, want %+v", i, rows[i], tt.rows[i])
				}
			}
			if len(bad) != len(tt.bad) {
				t.Fatalf("bad lines %v, want %v", bad, tt.bad)
			}
			for i := range bad {
				if bad[i] != tt.bad[i] {
					t.Errorf("bad lines %v, want %v", bad, tt.bad)
				}
			}
		})
	}
}

func TestNewReaderUnknownHeader(t *testing.T) {
	if _, err := NewReader(strings.NewReader("a,b,c\n1,2,3\n")); err == nil {
		t.Error("NewReader accepted an unknown header")
	}
}

// TestDevFiles reads the shared development files whole: every row must be
// well formed and the counts must be those GUIDELINES.md states.
func TestDevFiles(t *testing.T) {
	tests := []struct {
		file   string
		format Format
		rows   int
	}{
		{"eval/dev/acled-asia-2015.csv", ACLEDUpper, 10194},
		{"eval/dev/acled-africa-2016.csv", ACLED, 500},
		{"eval/dev/ucdp-ged-ukraine-2014-2021.csv", UCDP, 2989},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(sharedtest.Path(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			r, err := NewReader(f)
			if err != nil {
				t.Fatal(err)
			}
			if r.Format() != tt.format {
				t.Errorf("format = %s, want %s", r.Format(), tt.format)
			}
			n, last := 0, 0
			err = Each(r, func(row Row) error {
				n++
				if row.Line <= last {
					t.Errorf("line %d after %d", row.Line, last)
				}
				last = row.Line
				if row.Date == "" {
					t.Errorf("line %d: no date", row.Line)
				}
				return nil
			}, func(e *RowError) { t.Errorf("malformed: %v", e) })
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.rows {
				t.Errorf("%d rows, want %d", n, tt.rows)
			}
		})
	}
}

// FuzzReader feeds arbitrary bytes after a valid header: the reader must not
// panic, must end, and every row error must name a positive line.
func FuzzReader(f *testing.F) {
	f.Add([]byte(lowerCSV))
	f.Add([]byte(upperCSV))
	f.Add([]byte(ucdpCSV))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewReader(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		for i := 0; i < 1<<16; i++ {
			_, err := r.Next()
			if err == io.EOF {
				return
			}
			var re *RowError
			if errors.As(err, &re) {
				if re.Line < 1 {
					t.Fatalf("row error with line %d", re.Line)
				}
				continue
			}
			if err != nil {
				return
			}
		}
		t.Fatal("reader did not end")
	})
}

func BenchmarkReader(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "eval/dev/acled-asia-2015.csv"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		r, err := NewReader(strings.NewReader(string(data)))
		if err != nil {
			b.Fatal(err)
		}
		if err := Each(r, func(Row) error { return nil }, nil); err != nil {
			b.Fatal(err)
		}
	}
}
