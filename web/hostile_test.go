package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/internal/htmlcheck"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
)

// hostileStore is a store in which every field that reaches a page holds
// payload p, tagged with the field's name: a document's title, publisher,
// URL, file name and text; a claim's claimant, perpetrator, places, note,
// weapons words, denial and reference; an incident's places, perpetrators,
// weapons, grade reason and link evidence; and a party of that name.
type hostileStore struct {
	st          *store.Store
	srv         *Server
	doc, inc    int64
	partyName   string
	placeName   string
	claimant    string
	perpetrator string
}

func newHostileStore(t *testing.T, gz *gazetteer.Gazetteer, p string) *hostileStore {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"), store.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tag := func(field string) string { return field + " " + p }
	h := &hostileStore{st: st, partyName: tag("party"), placeName: tag("place"), claimant: tag("claimant"), perpetrator: tag("perpetrator")}
	text := "date 2020-10-08 By " + tag("text-publisher") + "\n\n" + tag("text") +
		" Officials said 3 civilians were killed when shells hit Barda. " + p + "\n"
	lat, lon := 40.4, 47.1
	place := harmlog.PlaceRef{Name: h.placeName, ID: tag("place-id"), Lat: &lat, Lon: &lon, Country: "AZ", Alt: tag("place-alt")}
	doc := &harmlog.Document{
		Title: tag("title"), Publisher: tag("publisher"), Published: "2020-10-08", URL: p,
		MediaType: "text/html", Filename: "../../" + tag("filename") + ".html", Language: tag("language"),
		Text: text, Original: []byte(text), IngestedAt: clock(), IngestedBy: tag("ingested-by"),
	}
	claim := harmlog.Claim{
		Killed: harmlog.Exact(3), Victims: harmlog.VictimsCivilian, Scope: harmlog.ScopeIncident,
		Date: &harmlog.DateRange{From: "2020-10-07", To: "2020-10-07"}, Places: []harmlog.PlaceRef{place},
		Weapons: []string{"shelling"}, WeaponWords: []string{tag("weapon-words")}, Perpetrator: h.perpetrator,
		PerpetratorWords: tag("perpetrator-words"), Claimant: h.claimant, Note: tag("note"), Ref: tag("ref"),
		Start: 0, End: len(text) / 2,
	}
	denial := harmlog.Claim{Killed: harmlog.Exact(0), Scope: harmlog.ScopeIncident, Denied: true, DeniedBy: tag("denied-by"),
		Claimant: tag("denier"), Perpetrator: h.partyName, Places: []harmlog.PlaceRef{place}, Start: len(text) / 2, End: len(text) - 1}
	claims := []harmlog.Claim{claim, denial}
	if h.doc, _, err = st.AddDocument(ctx, doc, claims, "test"); err != nil {
		t.Fatal(err)
	}
	inc := harmlog.Incident{
		Key: "2020-10-07/hostile", DateFrom: "2020-10-07", DateTo: "2020-10-07", Places: []harmlog.PlaceRef{place}, Country: "AZ",
		Weapons: []string{tag("weapon")}, Perpetrators: []string{h.perpetrator, h.partyName}, Victims: harmlog.VictimsCivilian,
		Killed: harmlog.Exact(3), Sources: 1, Grade: harmlog.GradeFair, GradeReason: tag("grade-reason"),
		Members: []harmlog.Link{{ClaimID: claims[0].ID, Score: 0.9, Evidence: tag("evidence")}, {ClaimID: claims[1].ID, Score: 0.5, Evidence: tag("evidence-2")}},
	}
	if err := st.SaveIncidents(ctx, []harmlog.Incident{inc}, "test"); err != nil {
		t.Fatal(err)
	}
	incs, err := st.Incidents(ctx, store.IncidentFilter{})
	if err != nil || len(incs) != 1 {
		t.Fatalf("incidents: %v %v", incs, err)
	}
	h.inc = incs[0].ID
	parties := party.Default().Add(harmlog.Party{Name: h.partyName, Aliases: []string{tag("party-alias")}})
	h.srv, err = New(Config{
		Store: st, Gazetteer: gz, Extractor: extract.New(extract.Options{Places: gz, Parties: parties}), Parties: parties,
		MaxUploadBytes: 1 << 20, MaxUploadFiles: 3, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// serve sends one request to the server.
func (h *hostileStore) serve(method, target, contentType string, body io.Reader) *http.Response {
	req := httptest.NewRequest(method, target, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	return rec.Result()
}

// multipartBody builds a multipart body with one file field.
func hostileMultipart(t *testing.T, field, filename string, data []byte) (string, *bytes.Buffer) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), &b
}

// hostileHTMLReport is an uploaded or audited HTML file whose metadata
// (title, author, canonical URL) and text carry p.
func hostileHTMLReport(p string) []byte {
	e := html.EscapeString
	return []byte(`<!doctype html><html><head><title>` + e("title "+p) + `</title>
<meta name="author" content="` + e("author "+p) + `">
<meta property="og:site_name" content="` + e("site "+p) + `">
<meta property="article:published_time" content="2020-10-09">
<link rel="canonical" href="` + e(p) + `">
<style>body{background:url(javascript:alert(1))}</style><script>alert("in the original")</script></head>
<body><article><h1>` + e("heading "+p) + `</h1>
<p>BAKU, Oct. 9 (Wire) - ` + e(p) + ` Officials said 4 civilians were killed when shells hit Barda,
and Party ` + e(p) + ` denied it. <a href="javascript:alert(1)" onclick="alert(1)">more</a>
<svg onload="alert(1)"><script>alert(1)</script></svg></p></article></body></html>`)
}

// TestHostileFieldsNeverExecute plants each payload in every field that
// reaches a page and in the uploads, statements and query strings a
// visitor can send, then parses every page and checks that nothing in it
// could run script or restyle it.
func TestHostileFieldsNeverExecute(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: renders every page for each payload")
	}
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, pl := range htmlcheck.Payloads() {
		t.Run(pl.Name, func(t *testing.T) {
			h := newHostileStore(t, gz, pl.Text)
			report := hostileHTMLReport(pl.Text)
			// shows names the fields each page must display (escaped): a
			// page that left them out would pass for the wrong reason.
			pages := []struct {
				name, method, target string
				body                 func() (string, io.Reader)
				shows                []string
			}{
				{"dashboard", "GET", "/", nil, []string{"place", "perpetrator", "party"}},
				{"dashboard filtered by the hostile party", "GET", "/?party=" + url.QueryEscape(h.partyName) + "&place=" + url.QueryEscape(h.placeName), nil, nil},
				{"dashboard with a hostile bad date", "GET", "/?from=" + url.QueryEscape(pl.Text), nil, nil},
				{"documents", "GET", "/documents", nil, []string{"title", "publisher"}},
				{"documents by the hostile publisher", "GET", "/documents?publisher=" + url.QueryEscape("publisher "+pl.Text), nil, nil},
				{"document", "GET", fmt.Sprintf("/documents/%d", h.doc), nil, []string{"title", "publisher", "ingested-by", "place", "perpetrator", "claimant", "denied-by"}},
				{"incident", "GET", fmt.Sprintf("/incidents/%d", h.inc), nil, []string{"place", "grade-reason", "perpetrator", "party", "weapon", "claimant", "ref", "evidence"}},
				{"review", "GET", "/review", nil, []string{"title", "claimant", "perpetrator", "place"}},
				{"review by the hostile claimant", "GET", "/review?claimant=" + url.QueryEscape(h.claimant), nil, nil},
				{"tally by party", "GET", "/tally?by=party", nil, []string{"party"}},
				{"tally by place", "GET", "/tally?by=place", nil, nil},
				{"tally by claimant", "GET", "/tally?by=claimant", nil, nil},
				{"tally by weapon", "GET", "/tally?by=weapon", nil, []string{"weapon"}},
				{"tally, hostile grouping", "GET", "/tally?by=" + url.QueryEscape(pl.Text), nil, nil},
				{"no such page", "GET", "/" + url.PathEscape(pl.Text), nil, nil},
				{"report", "GET", "/report", nil, nil},
				{"upload of a hostile file", "POST", "/upload", func() (string, io.Reader) {
					return hostileMultipart(t, "file", "../"+pl.Text+".html", report)
				}, nil},
				{"upload refused, hostile name", "POST", "/upload", func() (string, io.Reader) {
					return hostileMultipart(t, "file", pl.Text+"\x00.png", []byte("\x89PNG\r\n\x1a\n"+pl.Text))
				}, nil},
				{"audit of a hostile HTML statement", "POST", "/audit", func() (string, io.Reader) {
					return hostileMultipart(t, "file", pl.Text+".html", report)
				}, []string{"title", "party", "place"}},
				{"audit of hostile pasted text", "POST", "/audit", func() (string, io.Reader) {
					form := url.Values{"text": {"Officials said 5 civilians were killed in Barda on 7 October 2020 by " + h.partyName + ". " + pl.Text}}
					return "application/x-www-form-urlencoded", strings.NewReader(form.Encode())
				}, []string{"party", "place"}},
				{"audit refused, hostile query", "POST", "/audit?from=" + url.QueryEscape(pl.Text), func() (string, io.Reader) {
					return "application/x-www-form-urlencoded", strings.NewReader("text=x")
				}, nil},
			}
			for _, pg := range pages {
				t.Run(pg.name, func(t *testing.T) {
					var ct string
					var body io.Reader
					if pg.body != nil {
						ct, body = pg.body()
					}
					res := h.serve(pg.method, pg.target, ct, body)
					page, err := io.ReadAll(res.Body)
					if err != nil {
						t.Fatal(err)
					}
					if res.StatusCode >= 500 {
						t.Fatalf("status %d:\n%.2000s", res.StatusCode, page)
					}
					if mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type")); mt != "text/html" {
						t.Fatalf("Content-Type %q, want text/html", res.Header.Get("Content-Type"))
					}
					if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
						t.Errorf("Content-Security-Policy %q lacks default-src 'self'", csp)
					}
					bad, err := htmlcheck.Executable(page)
					if err != nil {
						t.Fatal(err)
					}
					for _, b := range bad {
						t.Errorf("%s %s: %s", pg.method, pg.target, b)
					}
					if raw := htmlcheck.Raw(page, pl.Text); raw != "" {
						t.Errorf("the payload appears unescaped: …%s…", raw)
					}
					for _, field := range pg.shows {
						if ok, err := htmlcheck.Displays(page, field+" "+pl.Text); err != nil || !ok {
							t.Errorf("the page does not display the %s field (%q)", field, field+" "+pl.Text)
						}
					}
				})
			}
			// The infographic is an SVG a browser may open on its own.
			res := h.serve("GET", "/api/infographic.svg", "", nil)
			svg, _ := io.ReadAll(res.Body)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" {
				t.Errorf("infographic: status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
			}
			// A picture of its own carries its own styles (one stylesheet
			// with the embedded font, style attributes); anything else, or
			// a second stylesheet, would be an injection.
			bad, err := htmlcheck.Executable(svg)
			if err != nil {
				t.Fatal(err)
			}
			styles := 0
			for _, b := range bad {
				switch {
				case strings.HasPrefix(b, "<style> element"):
					styles++
				case strings.HasPrefix(b, "style attribute"):
				default:
					t.Errorf("the infographic could run script: %s", b)
				}
			}
			if styles > 1 {
				t.Errorf("the infographic has %d stylesheets, want at most its own", styles)
			}
			if raw := htmlcheck.Raw(svg, pl.Text); raw != "" {
				t.Errorf("the payload appears unescaped in the infographic: …%s…", raw)
			}
			// The original is only ever a download, under a safe name.
			res = h.serve("GET", fmt.Sprintf("/api/documents/%d/original", h.doc), "", nil)
			if got := res.Header.Get("Content-Type"); got != "application/octet-stream" {
				t.Errorf("original served as %q, want application/octet-stream", got)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q, want nosniff", got)
			}
			disp, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
			if err != nil || disp != "attachment" || !safeName(params["filename"]) {
				t.Errorf("Content-Disposition %q: want an attachment with a safe file name", res.Header.Get("Content-Disposition"))
			}
		})
	}
}

// safeName reports whether a download name is safe on every system: no
// path separators, no leading dot, only letters, digits, '.', '-', '_'.
func safeName(s string) bool {
	if s == "" || s[0] == '.' || len(s) > 100 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// TestSafeFilenameTraversal checks that no name a document may carry
// becomes a download name that climbs out of a folder or hides itself.
func TestSafeFilenameTraversal(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"../../etc/passwd", "passwd"},
		{`..\..\windows\system32\cmd.exe`, "cmd.exe"},
		{"/abs/path/report.pdf", "report.pdf"},
		{"..", "document-7"},
		{"...", "document-7"},
		{".hidden", "hidden"},
		{"a/..", "document-7"},
		{"report\x00.pdf", "report_.pdf"},
		{"r\u202eftp.exe", "r_ftp.exe"}, // right-to-left override
		{"<script>alert(1)</script>.html", "script_.html"},
		{"CON", "CON"},
		{"", "document-7"},
		{strings.Repeat("a", 300) + ".pdf", strings.Repeat("a", 100)},
		{"ü/..%2f..%2fx", "2f.._2fx"},
	}
	for _, tt := range tests {
		got := SafeFilename(tt.in, 7)
		if got != tt.want {
			t.Errorf("SafeFilename(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !safeName(got) {
			t.Errorf("SafeFilename(%q) = %q is not a safe name", tt.in, got)
		}
	}
}

// FuzzSafeFilename checks that whatever name a document carries, the
// download name is a safe one.
func FuzzSafeFilename(f *testing.F) {
	for _, s := range []string{"report.pdf", "../../etc/passwd", `..\x`, ".", "", "\x00", "日本語.txt", "a/b\\c", strings.Repeat("x", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := SafeFilename(name, 42)
		if !safeName(got) {
			t.Fatalf("SafeFilename(%q) = %q is not a safe name", name, got)
		}
	})
}

// TestUploadLimitsAndNames checks the upload endpoint against hostile
// requests: bodies over the request limit, malformed multipart bodies,
// and file names that try to climb out of a folder.
func TestUploadLimitsAndNames(t *testing.T) {
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	h := newHostileStore(t, gz, "x") // limits: 1 MiB a file, 3 files a request
	report := func(i int) []byte {
		return []byte(fmt.Sprintf("date 2020-10-08 By Test Wire\n\nReport %d. Officials said 3 civilians were killed when shells hit Barda.\n", i))
	}
	t.Run("request body over the limit", func(t *testing.T) {
		// Form fields that are not files are skipped, but still count
		// against the request's limit of 3 × (1 MiB + 64 KiB).
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for range 5 {
			fw, _ := mw.CreateFormField("padding")
			fw.Write(bytes.Repeat([]byte("p"), 1<<20))
		}
		fw, _ := mw.CreateFormFile("file", "late.txt")
		fw.Write(report(0))
		mw.Close()
		res := h.serve("POST", "/api/documents", mw.FormDataContentType(), &b)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusRequestEntityTooLarge || !bytes.Contains(body, []byte(ETOOLARGE)) {
			t.Errorf("status %d %s, want 413 %s", res.StatusCode, body, ETOOLARGE)
		}
	})
	t.Run("file over the limit", func(t *testing.T) {
		ct, body := hostileMultipart(t, "file", "big.txt", bytes.Repeat([]byte("word "), (1<<20)/5+1))
		res := h.serve("POST", "/api/documents", ct, body)
		got, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || !bytes.Contains(got, []byte(`big.txt: larger than the limit of 1048576 bytes`)) {
			t.Errorf("status %d %s, want 200 with the file refused by name", res.StatusCode, got)
		}
	})
	malformed := []struct{ name, ct, body string }{
		{"NUL in a part header", "multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\x00.txt\"\r\n\r\nx\r\n--B--\r\n"},
		{"unterminated part", "multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nx"},
		{"no boundary", "multipart/form-data", "x"},
		{"not multipart", "application/json", `{"file":"x"}`},
	}
	for _, m := range malformed {
		t.Run("malformed: "+m.name, func(t *testing.T) {
			res := h.serve("POST", "/api/documents", m.ct, strings.NewReader(m.body))
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte(store.EINVALID)) {
				t.Errorf("status %d %s, want 400 %s: a malformed body is the client's error", res.StatusCode, body, store.EINVALID)
			}
		})
	}
	names := []string{"../../etc/cron.d/evil.txt", `..\..\windows\evil.txt`, "/abs/evil.txt", "sub/../../evil.txt", ".hidden.txt"}
	for i, name := range names {
		t.Run("name "+name, func(t *testing.T) {
			ct, body := hostileMultipart(t, "file", name, report(i+1))
			res := h.serve("POST", "/api/documents", ct, body)
			got, _ := io.ReadAll(res.Body)
			var results []UploadResult
			if err := json.Unmarshal(got, &results); err != nil || len(results) != 1 || results[0].ID == 0 {
				t.Fatalf("upload: %d %s", res.StatusCode, got)
			}
			d, err := h.st.Document(t.Context(), results[0].ID, false)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(d.Filename, "/") {
				t.Errorf("stored file name %q keeps a path", d.Filename)
			}
			res = h.serve("GET", fmt.Sprintf("/api/documents/%d/original", d.ID), "", nil)
			_, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
			if err != nil || !safeName(params["filename"]) {
				t.Errorf("download name %q (%v) is not safe", params["filename"], err)
			}
		})
	}
}

// FuzzHighlight checks that highlighted text, whatever the text, spans and
// titles, is only the text itself inside <mark> and <span> elements with
// the highlighter's own attributes.
func FuzzHighlight(f *testing.F) {
	f.Add("Officials said 3 civilians were killed.", 0, 10, 5, 20, `" onmouseover="x`)
	f.Add("<script>alert(1)</script> text", 0, 8, 8, 30, "<b>t</b>")
	f.Add("Bärda (Bərdə)", 1, 3, 2, 12, "</mark><svg onload=alert(1)>")
	f.Add("", 0, 0, -5, 99, "")
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int, title string) {
		out := string(Highlight(text, []Span{{Start: s1, End: e1, ID: 1, Title: title}, {Start: s2, End: e2, ID: 2, Title: title}}))
		body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
		nodes, err := html.ParseFragment(strings.NewReader(out), body)
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		for _, top := range nodes {
			checkHighlightNode(t, top, &got)
			for n := range top.Descendants() {
				checkHighlightNode(t, n, &got)
			}
		}
		// The parser turns NUL and CR into other characters, and invalid
		// UTF-8 into U+FFFD; compare only where it keeps the text as is.
		if utf8.ValidString(text) && !strings.ContainsAny(text, "\x00\r\f") && got.String() != text {
			t.Errorf("text %q came out as %q", text, got.String())
		}
	})
}

// checkHighlightNode fails on any element or attribute Highlight does not
// write, and collects text.
func checkHighlightNode(t *testing.T, n *html.Node, text *strings.Builder) {
	switch n.Type {
	case html.TextNode:
		text.WriteString(n.Data)
	case html.ElementNode:
		if n.Data != "mark" && n.Data != "span" {
			t.Fatalf("element <%s> in highlighted text", n.Data)
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "id", "class", "data-claims", "title":
			default:
				t.Fatalf("attribute %s=%q on <%s> in highlighted text", a.Key, a.Val, n.Data)
			}
		}
	}
}
