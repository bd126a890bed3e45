package imports

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/dataset"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
)

// The fixtures: small files in each column set, with malformed rows.
const (
	acledLower = "event_id_cnty,event_date,year,time_precision,event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n" +
		"SOM1,2016-07-02,2016,1,Remote violence,Al Shabaab,Civilians (Somalia),Somalia,Bay,Baidoa,3.11718,43.6469,1,Agence France Presse ,\"Two people were killed\nin a mortar attack on Baidoa.\",2\n" +
		"SOM2,2016-07-03,2016,1,Battles,Military Forces of Somalia,Al Shabaab,Somalia,Bay,Baidoa,3.1,43.6,1,Shabelle,Clashes.,two\n" +
		"SOM3,2016-07-04,2016,2,Riots,Rioters (Somalia),,Somalia,Banadir,Mogadishu,2.03711,45.34375,1,Garowe Online,Riots over prices.,0\n"
	acledUpper = "EVENT_ID_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ACTOR2,COUNTRY,ADMIN1,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES\n" +
		"1BNG,01-January-2015,2015,1,Riots/Protests,Rioters (Bangladesh),,Bangladesh,Khulna,Bagachra,22.95,88.96,1,United News of\u00a0Bangladesh,One person was injured.,0\n" +
		"2BNG,02-January-2015,2015,1,Violence against civilians,Unidentified Armed Group (Bangladesh),Civilians (Bangladesh),Bangladesh,Dhaka,Dhaka,123.42,90.22,3,New Age,Out of range.,1\n" +
		"3BNG,03-January-2015,2015,1,Battle-No change of territory,Police Forces of Bangladesh,Rioters (Bangladesh),Bangladesh\n"
	ucdpHXL = "id,relid,type_of_violence,side_a,side_b,source_office,source_headline,source_original,where_prec,where_coordinates,adm_1,latitude,longitude,country,iso3,date_prec,date_start,date_end,deaths_civilians,best,high,low\n" +
		",,,#group+name+first,#group+name+second,,#description,,,#loc+name,#adm1+name,#geo+lat,#geo+lon,#country+name,#country+code,,#date+start,#date+end,,#affected+killed,,\n" +
		"7,UKR-2014-1-1,1,Government of Ukraine,DPR,Agence France Presse;Agence France Presse,Two shot dead in Donetsk,Local officials,1,Donetsk city,Donetsk oblast,48.023,37.80224,Ukraine,UKR,1,2014-07-22 00:00:00.000,2014-07-22 00:00:00.000,2,2,3,1\n" +
		"8,UKR-2014-3-2,3,DPR,Civilians,Reuters,Shelling of a market,,2,Horlivka town,Donetsk oblast,48.3,38.05,Ukraine,UKR,2,2014-08-01 00:00:00.000,2014-07-30 00:00:00.000,4,4,4,4\n" +
		"9,UKR-2014-3-3,3,DPR,Civilians,Reuters,Shelling of a school,,2,Horlivka town,Donetsk oblast,48.3,38.05,Ukraine,UKR,2,2014-08-01 00:00:00.000,2014-08-03 00:00:00.000,4,4,5,3\n"
)

// stubExtractor finds one undated claim in any text that says "killed"; it
// keeps these tests independent of the real extractor's rules.
type stubExtractor struct{}

func (stubExtractor) Extract(text, published string) extract.Result {
	if !strings.Contains(text, "killed") {
		return extract.Result{}
	}
	return extract.Result{Claims: []harmlog.Claim{{Scope: harmlog.ScopeIncident, Killed: harmlog.Exact(2),
		Places: []harmlog.PlaceRef{{Name: "Baidoa"}},
		Start:  0, End: len(text)}}}
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestDataset(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		accept   []dataset.Format
		format   dataset.Format
		stored   int
		claims   int
		failures []string // each failure's message, in order
		coded    []harmlog.Claim
		texts    []string
	}{
		{
			name: "acled lower", in: acledLower, format: dataset.ACLED, stored: 2, claims: 3,
			failures: []string{`in.csv: line 4: fatalities "two" is not a number`},
			coded: []harmlog.Claim{
				{Killed: harmlog.Exact(2), Victims: harmlog.VictimsCivilian, Date: &harmlog.DateRange{From: "2016-07-02", To: "2016-07-02"},
					Places:           []harmlog.PlaceRef{{Name: "Baidoa", ID: "coded:3.1172,43.6469", Lat: fp(3.11718), Lon: fp(43.6469), Country: "SO", Admin1: "Bay"}},
					PerpetratorWords: "Al Shabaab", Perpetrator: "Al-Shabaab", Claimant: "Agence France Presse",
					Ref: "ACLED SOM1", Note: "event type: Remote violence; admin1: Bay; actors: Al Shabaab / Civilians (Somalia); geo precision: 1; date precision: 1"},
				{Killed: harmlog.Exact(0), Victims: harmlog.VictimsUnknown, Date: &harmlog.DateRange{From: "2016-07-04", To: "2016-07-04"},
					Places:   []harmlog.PlaceRef{{Name: "Mogadishu", ID: "coded:2.0371,45.3438", Lat: fp(2.03711), Lon: fp(45.34375), Country: "SO", Admin1: "Banadir"}},
					Claimant: "Garowe Online", Ref: "ACLED SOM3", Note: "event type: Riots; admin1: Banadir; actors: Rioters (Somalia); geo precision: 1; date precision: 2"},
			},
			texts: []string{"Two people were killed\nin a mortar attack on Baidoa.", "Riots over prices."},
		},
		{
			name: "acled upper", in: acledUpper, accept: []dataset.Format{dataset.ACLED, dataset.ACLEDUpper},
			format: dataset.ACLEDUpper, stored: 1, claims: 1,
			failures: []string{`in.csv: line 3: latitude "123.42" is not valid`, `in.csv: line 4: 8 fields, header has 16`},
			coded: []harmlog.Claim{
				{Killed: harmlog.Exact(0), Victims: harmlog.VictimsUnknown, Date: &harmlog.DateRange{From: "2015-01-01", To: "2015-01-01"},
					Places:   []harmlog.PlaceRef{{Name: "Bagachra", ID: "coded:22.9500,88.9600", Lat: fp(22.95), Lon: fp(88.96), Country: "BD", Admin1: "Khulna"}},
					Claimant: "United News of Bangladesh", Ref: "ACLED 1BNG",
					Note: "event type: Riots/Protests; admin1: Khulna; actors: Rioters (Bangladesh); geo precision: 1; date precision: 1"},
			},
			texts: []string{"One person was injured."},
		},
		{
			name: "ucdp with HXL row", in: ucdpHXL, accept: []dataset.Format{dataset.UCDP}, format: dataset.UCDP, stored: 2, claims: 2,
			failures: []string{`in.csv: line 4: end date "2014-07-30 00:00:00.000" is not a date on or after the start`},
			coded: []harmlog.Claim{
				{Killed: harmlog.Between(1, 3), Victims: harmlog.VictimsMixed, Date: &harmlog.DateRange{From: "2014-07-22", To: "2014-07-22"},
					Places:   []harmlog.PlaceRef{{Name: "Donetsk city", ID: "coded:48.0230,37.8022", Lat: fp(48.023), Lon: fp(37.80224), Country: "UA", Admin1: "Donetsk oblast"}},
					Claimant: "Local officials", Ref: "UCDP GED UKR-2014-1-1",
					Note: "event type: state-based conflict; admin1: Donetsk oblast; actors: Government of Ukraine / DPR; best: 2; low: 1; high: 3; civilian deaths: 2; source original: Local officials; geo precision: 1; date precision: 1"},
				{Killed: harmlog.Between(3, 5), Victims: harmlog.VictimsCivilian, Date: &harmlog.DateRange{From: "2014-08-01", To: "2014-08-03"},
					Places:           []harmlog.PlaceRef{{Name: "Horlivka town", ID: "coded:48.3000,38.0500", Lat: fp(48.3), Lon: fp(38.05), Country: "UA", Admin1: "Donetsk oblast"}},
					PerpetratorWords: "DPR", Perpetrator: "DPR", Claimant: "Reuters", Ref: "UCDP GED UKR-2014-3-3",
					Note: "event type: one-sided violence; admin1: Donetsk oblast; actors: DPR / Civilians; best: 4; low: 3; high: 5; civilian deaths: 4; geo precision: 2; date precision: 2"},
			},
			texts: []string{"Two shot dead in Donetsk", "Shelling of a school"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := openStore(t)
			opt := DatasetOptions{Accept: tt.accept, Norm: Normalizer{Parties: party.Default()}, Extractor: stubExtractor{},
				Actor: "test", Workers: 3, Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }}
			var lines []int
			res, err := Dataset(ctx, s, "data/in.csv", strings.NewReader(tt.in), opt, func(o RowOutcome) { lines = append(lines, o.Line) })
			if err != nil {
				t.Fatal(err)
			}
			if res.Format != tt.format || res.Stored != tt.stored || res.Claims != tt.claims || res.Existing != 0 {
				t.Errorf("result %+v, want format %s, %d stored, %d claims", res, tt.format, tt.stored, tt.claims)
			}
			var fails []string
			for _, f := range res.Failures {
				fails = append(fails, f.Err.Error())
			}
			if strings.Join(fails, "\n") != strings.Join(tt.failures, "\n") {
				t.Errorf("failures:\n%s\nwant:\n%s", strings.Join(fails, "\n"), strings.Join(tt.failures, "\n"))
			}
			for i := 1; i < len(lines); i++ {
				if lines[i] <= lines[i-1] {
					t.Errorf("outcomes reported out of input order: lines %v", lines)
				}
			}
			coded, err := s.Claims(ctx, store.ClaimFilter{Status: harmlog.StatusImported})
			if err != nil {
				t.Fatal(err)
			}
			if len(coded) != len(tt.coded) {
				t.Fatalf("%d coded claims, want %d", len(coded), len(tt.coded))
			}
			for i, want := range tt.coded {
				got := coded[i]
				doc, err := s.Document(ctx, got.DocumentID, true)
				if err != nil {
					t.Fatal(err)
				}
				if doc.Text != tt.texts[i] {
					t.Errorf("document text %q, want %q", doc.Text, tt.texts[i])
				}
				header := strings.SplitAfter(tt.in, "\n")[0]
				if tt.format == dataset.UCDP { // with its HXL tag row
					header += strings.SplitAfter(tt.in, "\n")[1]
				}
				if !strings.HasPrefix(string(doc.Original), header) || !strings.Contains(tt.in, string(doc.Original[len(header):])) {
					t.Errorf("original %q is not the header and a record of the file", doc.Original)
				}
				if doc.Publisher != Publisher(tt.format) || doc.MediaType != MediaTypeRow {
					t.Errorf("document publisher %q, media type %q", doc.Publisher, doc.MediaType)
				}
				if got.Start != 0 || got.End != len(doc.Text) || got.Scope != harmlog.ScopeIncident || got.Publisher != Publisher(tt.format) {
					t.Errorf("claim span %d–%d, scope %q, publisher %q", got.Start, got.End, got.Scope, got.Publisher)
				}
				compareCoded(t, got, want)
			}
			machine, err := s.Claims(ctx, store.ClaimFilter{Status: harmlog.StatusMachine})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range machine {
				if c.Claimant == "" || c.Index != 1 {
					t.Errorf("machine claim %+v: want the row's source as claimant, index 1 after the coded claim", c)
				}
				if c.Date == nil || c.Date.From != coded[0].Date.From {
					t.Errorf("machine claim dated %+v, want the row's date %+v", c.Date, coded[0].Date)
				}
			}

			// The same file again adds nothing.
			res2, err := Dataset(ctx, s, "elsewhere/copy.csv", strings.NewReader(tt.in), opt, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res2.Stored != 0 || res2.Existing != tt.stored || res2.Claims != 0 || res2.Failed != len(tt.failures) {
				t.Errorf("re-import: %+v, want %d already present and nothing stored", res2, tt.stored)
			}
			docs, err := s.Documents(ctx, store.DocumentFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != tt.stored {
				t.Errorf("%d documents after re-import, want %d", len(docs), tt.stored)
			}
		})
	}
}

func fp(f float64) *float64 { return &f }

func compareCoded(t *testing.T, got, want harmlog.Claim) {
	t.Helper()
	if got.Killed.String() != want.Killed.String() || got.Victims != want.Victims || *got.Date != *want.Date ||
		got.Perpetrator != want.Perpetrator || got.PerpetratorWords != want.PerpetratorWords ||
		got.Claimant != want.Claimant || got.Ref != want.Ref || got.Note != want.Note || got.Status != harmlog.StatusImported {
		t.Errorf("coded claim:\n got killed %s victims %s date %+v perp %q/%q claimant %q ref %q\n note %q\nwant killed %s victims %s date %+v perp %q/%q claimant %q ref %q\n note %q",
			got.Killed, got.Victims, *got.Date, got.Perpetrator, got.PerpetratorWords, got.Claimant, got.Ref, got.Note,
			want.Killed, want.Victims, *want.Date, want.Perpetrator, want.PerpetratorWords, want.Claimant, want.Ref, want.Note)
	}
	if len(got.Places) != 1 {
		t.Fatalf("places %+v", got.Places)
	}
	g, w := got.Places[0], want.Places[0]
	if g.Name != w.Name || g.ID != w.ID || *g.Lat != *w.Lat || *g.Lon != *w.Lon || g.Country != w.Country || g.Admin1 != w.Admin1 {
		t.Errorf("place %+v (%v, %v), want %+v (%v, %v)", g, *g.Lat, *g.Lon, w, *w.Lat, *w.Lon)
	}
}

func TestDatasetRejectsOtherFormat(t *testing.T) {
	s := openStore(t)
	_, err := Dataset(context.Background(), s, "ucdp.csv", strings.NewReader(ucdpHXL),
		DatasetOptions{Accept: []dataset.Format{dataset.ACLED, dataset.ACLEDUpper}}, nil)
	if err == nil || !strings.Contains(err.Error(), "not acled or acled-upper") {
		t.Errorf("error %v, want one saying the header is not ACLED", err)
	}
}
