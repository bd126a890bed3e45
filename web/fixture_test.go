package web

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestMain lets this test binary serve as the PDF worker process that
// ingest starts, as the harmlog binary does.
func TestMain(m *testing.M) {
	ingest.RunPDFWorkerIfRequested()
	os.Exit(m.Run())
}

// Hostile strings the fixture plants in documents, claims and statements.
const (
	hostileScript = "<script>alert(1)</script>"
	hostileAttr   = `" onmouseover="x`
	hostileURL    = "javascript:alert(1)"
)

// fixtureText is the first document's text: hostile markup, a multibyte
// place name, and two claims whose spans overlap.
const fixtureText = "date 2020-10-08 By Test Wire\n\n" + hostileScript +
	" Officials said 3 civilians were killed and 5 injured when shells hit Bärda (Bərdə) on Wednesday." +
	" A spokesman " + hostileAttr + " denied it.\n"

// fixture is a store with two documents, three claims and one incident,
// and a server over it.
type fixture struct {
	st     *store.Store
	srv    *Server
	doc    int64 // the hostile document
	plain  int64 // a plain document with no claims
	claims []int64
	inc    int64
	loose  int64 // a claim in no incident
}

func clock() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"), store.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st}
	lat, lon := 40.4, 47.1
	barda := harmlog.PlaceRef{Name: "Bärda", ID: "geonames:1", Lat: &lat, Lon: &lon, Country: "AZ", Alt: "Bərdə"}
	at := strings.Index(fixtureText, "Officials")
	end := strings.Index(fixtureText, " on Wednesday") + len(" on Wednesday.")
	mid := strings.Index(fixtureText, "Bärda") + 2 // inside the two-byte ä
	denial := strings.Index(fixtureText, "A spokesman")
	doc := &harmlog.Document{
		Title: hostileScript, Publisher: "Test Wire " + hostileAttr, Published: "2020-10-08", URL: hostileURL,
		MediaType: "text/plain", Filename: "../../etc/" + hostileScript + ".txt", Text: fixtureText,
		Original: []byte(fixtureText), IngestedAt: clock(), IngestedBy: "test",
	}
	claims := []harmlog.Claim{
		{Killed: harmlog.Exact(3), Injured: harmlog.Exact(5), Victims: harmlog.VictimsCivilian, Scope: harmlog.ScopeIncident,
			Date: &harmlog.DateRange{From: "2020-10-07", To: "2020-10-07"}, Places: []harmlog.PlaceRef{barda},
			Weapons: []string{"shelling"}, Perpetrator: "Party <b>A</b>", Claimant: "Officials " + hostileAttr, Start: at, End: end},
		{Killed: harmlog.Between(2, 4), Scope: harmlog.ScopeIncident, Date: &harmlog.DateRange{From: "2020-10-07", To: "2020-10-07"},
			Places: []harmlog.PlaceRef{barda}, Claimant: hostileScript, Start: mid, End: len(fixtureText)},
		{Killed: harmlog.Exact(0), Scope: harmlog.ScopeIncident, Denied: true, DeniedBy: "spokesman", Claimant: "spokesman", Start: denial, End: len(fixtureText) - 1},
	}
	if f.doc, _, err = st.AddDocument(ctx, doc, claims, "test"); err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		f.claims = append(f.claims, c.ID)
	}
	f.loose = claims[2].ID
	plain := &harmlog.Document{Title: "Plain", MediaType: "text/plain", Filename: "plain.txt", Text: "Nothing here.", Original: []byte("Nothing here.\n"), IngestedAt: clock()}
	if f.plain, _, err = st.AddDocument(ctx, plain, nil, "test"); err != nil {
		t.Fatal(err)
	}
	inc := &harmlog.Incident{
		Key: "2020-10-07/barda", DateFrom: "2020-10-07", DateTo: "2020-10-07", Places: []harmlog.PlaceRef{barda}, Country: "AZ",
		Weapons: []string{"shelling"}, Perpetrators: []string{"Party <b>A</b>"}, Victims: harmlog.VictimsCivilian,
		Killed: harmlog.Between(2, 4), Injured: harmlog.Exact(5), Sources: 2, Contested: true, Grade: harmlog.GradeFair,
		GradeReason: "two sources " + hostileAttr,
		Members: []harmlog.Link{
			{ClaimID: claims[0].ID, Score: 0.9, Evidence: "same place " + hostileScript},
			{ClaimID: claims[1].ID, Score: 0.8, Evidence: "same day"},
		},
	}
	if err := st.SaveIncidents(ctx, []harmlog.Incident{*inc}, "test"); err != nil {
		t.Fatal(err)
	}
	incs, err := st.Incidents(ctx, store.IncidentFilter{})
	if err != nil || len(incs) != 1 {
		t.Fatalf("incidents: %v %v", incs, err)
	}
	f.inc = incs[0].ID
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	f.srv, err = New(Config{
		Store: st, Gazetteer: gz, Extractor: extract.New(extract.Options{Places: gz}),
		MaxUploadBytes: 1 << 10, MaxUploadFiles: 3,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// do serves one request and returns the response.
func (f *fixture) do(t *testing.T, method, target, contentType string, body io.Reader, hdr ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t *testing.T, r *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./web -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run go test ./web -update and review the diff)\ngot:\n%s", name, got)
	}
}

func storeAll() store.DocumentFilter { return store.DocumentFilter{Limit: 1000} }

func httptestRequest(method, target, body string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	return r
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
