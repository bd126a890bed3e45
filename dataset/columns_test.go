package dataset

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

const fullLower = "event_id_cnty,event_date,time_precision,event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\r\n" +
	"SOM1,2016-07-02,2,Remote violence,Al Shabaab,Civilians (Somalia),Somalia,Bay,Baidoa,3.11718,43.6469,1,Agence France Presse ; AFP,\"Two killed.\",2\r\n"

const fullUCDP = "id,relid,type_of_violence,side_a,side_b,source_office,source_headline,source_original,where_prec,where_coordinates,adm_1,latitude,longitude,country,iso3,date_prec,date_start,date_end,deaths_civilians,best,high,low\n" +
	",,,#group+name+first,,,#description,,,#loc+name,,#geo+lat,#geo+lon,#country+name,#country+code,,#date+start,,,#affected+killed,,\n" +
	"7,UKR-1,3,DPR,Civilians,Reuters;AFP;Reuters,Shelling,Local officials,2,Horlivka town,Donetsk oblast,48.3,38.05,Russia (Soviet Union),UKR,4,2014-08-01 00:00:00.000,2014-08-31 00:00:00.000,4,4,6,3\n" +
	"8,UKR-2,1,A,B,X,Y,,1,P,,48.3,38.05,Ukraine,UKR,1,2014-08-01 00:00:00.000,2014-08-01 00:00:00.000,-1,0,0,0\n"

// TestOptionalColumns reads the columns the import keeps, the raw bytes of
// each record and the malformed optional values.
func TestOptionalColumns(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		rows   []Row
		raws   []string
		header string
		bad    []string
	}{
		{"acled lower, current columns without data_id", fullLower,
			[]Row{{Line: 2, ID: "SOM1", EventID: "SOM1", Date: "2016-07-02", DateEnd: "2016-07-02", DatePrecision: 2,
				EventType: "Remote violence", Actor1: "Al Shabaab", Actor2: "Civilians (Somalia)", Country: "Somalia",
				CountryCode: "SO", Admin1: "Bay", Location: "Baidoa", Lat: 3.11718, Lon: 43.6469, GeoPrecision: 1,
				Source: "Agence France Presse; AFP", Text: "Two killed.", Fatalities: 2, Low: 2, High: 2}},
			[]string{"SOM1,2016-07-02,2,Remote violence,Al Shabaab,Civilians (Somalia),Somalia,Bay,Baidoa,3.11718,43.6469,1,Agence France Presse ; AFP,\"Two killed.\",2\r\n"},
			fullLower[:strings.Index(fullLower, "\n")+1], nil},
		{"ucdp", fullUCDP,
			[]Row{{Line: 3, ID: "7", EventID: "UKR-1", Date: "2014-08-01", DateEnd: "2014-08-31", DatePrecision: 4,
				EventType: "one-sided violence", Actor1: "DPR", Actor2: "Civilians", Country: "Russia (Soviet Union)",
				CountryCode: "UA", Admin1: "Donetsk oblast", Location: "Horlivka town", Lat: 48.3, Lon: 38.05, GeoPrecision: 2,
				Source: "Reuters; AFP", SourceOriginal: "Local officials", Text: "Shelling", Fatalities: 4, Low: 3, High: 6,
				CivilianDeaths: 4}},
			[]string{strings.SplitAfter(fullUCDP, "\n")[2], strings.SplitAfter(fullUCDP, "\n")[3]},
			strings.Join(strings.SplitAfter(fullUCDP, "\n")[:2], ""),
			[]string{`line 4: civilian deaths "-1" is not a number of zero or more`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var rows []Row
			var raws, bad []string
			for {
				row, err := r.Next()
				if err == io.EOF {
					break
				}
				raws = append(raws, string(r.Raw()))
				var re *RowError
				if errors.As(err, &re) {
					bad = append(bad, re.Error())
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				rows = append(rows, row)
			}
			if len(rows) != len(tt.rows) {
				t.Fatalf("rows %+v, want %+v", rows, tt.rows)
			}
			for i := range rows {
				if rows[i] != tt.rows[i] {
					t.Errorf("row %d:\n got %+v\nwant %+v", i, rows[i], tt.rows[i])
				}
			}
			if string(r.Header()) != tt.header {
				t.Errorf("header %q, want %q", r.Header(), tt.header)
			}
			if strings.Join(raws, "|") != strings.Join(tt.raws, "|") {
				t.Errorf("raw records %q, want %q", raws, tt.raws)
			}
			if strings.Join(bad, "|") != strings.Join(tt.bad, "|") {
				t.Errorf("malformed %q, want %q", bad, tt.bad)
			}
		})
	}
}

func TestCountryCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bangladesh", "BD"}, {"democratic republic of congo", "CD"}, {"Republic of Congo", "CG"},
		{"Ivory Coast", "CI"}, {"Russia (Soviet Union)", "RU"}, {"Myanmar (Burma)", "MM"}, {"UKR", "UA"},
		{"ua", "UA"}, {"  Sri   Lanka ", "LK"}, {"Yemen (North Yemen)", "YE"}, {"Narnia", ""}, {"", ""}, {"XX", ""},
	}
	for _, tt := range tests {
		if got := CountryCode(tt.in); got != tt.want {
			t.Errorf("CountryCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, code := range []string{"BD", "CD", "UA", "AZ", "PS"} {
		if n := CountryName(code); n == "" || CountryCode(n) != code {
			t.Errorf("CountryName(%q) = %q does not map back", code, n)
		}
	}
}

// FuzzRaw checks that the raw records are the input: the header and every
// record's bytes, in order, add up to what was read.
func FuzzRaw(f *testing.F) {
	f.Add([]byte(fullLower))
	f.Add([]byte(fullUCDP))
	f.Add([]byte(lowerCSV))
	f.Add([]byte(upperCSV + "\"unterminated,1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		var got []byte
		for i := 0; i < 1<<16; i++ {
			_, err := r.Next()
			got = append(got, r.Raw()...)
			if err == io.EOF {
				got = append(append([]byte(nil), r.Header()...), got...)
				if !bytes.Equal(got, b) {
					t.Fatalf("header and raw records give %q, input was %q", got, b)
				}
				return
			}
			var re *RowError
			if err != nil && !errors.As(err, &re) {
				return
			}
		}
		t.Fatal("reader did not end")
	})
}
