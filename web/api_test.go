package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
)

// apiErr decodes an API error body.
func apiErr(t *testing.T, body string) (code, msg string) {
	t.Helper()
	var e apiError
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("error body is not the JSON error form: %v\n%s", err, body)
	}
	return e.Error.Code, e.Error.Message
}

func TestAPI(t *testing.T) {
	f := newFixture(t)
	jsonCT := "application/json"
	statementCT, statement := multipartBody(t, map[string]string{"statement.html": "<html><head><title>Statement</title></head><body><article><p>Shelling killed 3 civilians in Barda on 7 October 2020, the ministry said.</p></article></body></html>"}, []string{"statement.html"}, "file")
	tests := []struct {
		name, method, path, ct, body string
		status                       int
		code                         string // error code, for errors
		want                         []string
	}{
		{name: "openapi", method: "GET", path: "/api/openapi.json", status: 200, want: []string{`"openapi": "3.0.3"`}},
		{name: "documents", method: "GET", path: "/api/documents", status: 200, want: []string{`"sha256"`, `"Plain"`}},
		{name: "documents paged", method: "GET", path: "/api/documents?limit=1&offset=1", status: 200, want: []string{`"Plain"`}},
		{name: "documents past the end", method: "GET", path: "/api/documents?offset=50", status: 200, want: []string{"[]"}},
		{name: "documents bad limit", method: "GET", path: "/api/documents?limit=-1", status: 400, code: "EINVALID"},
		{name: "documents bad date", method: "GET", path: "/api/documents?from=yesterday", status: 400, code: "EINVALID"},
		{name: "document", method: "GET", path: fmt.Sprintf("/api/documents/%d", f.doc), status: 200, want: []string{`"claims"`, `"text"`, "Officials said"}},
		{name: "document missing", method: "GET", path: "/api/documents/999", status: 404, code: "ENOTFOUND"},
		{name: "document bad id", method: "GET", path: "/api/documents/abc", status: 400, code: "EINVALID"},
		{name: "original missing", method: "GET", path: "/api/documents/999/original", status: 404, code: "ENOTFOUND"},
		{name: "original bad id", method: "GET", path: "/api/documents/0/original", status: 400, code: "EINVALID"},
		{name: "claims", method: "GET", path: "/api/claims?status=machine&limit=2", status: 200, want: []string{`"claim_id"`}},
		{name: "claims of a document", method: "GET", path: fmt.Sprintf("/api/claims?document_id=%d", f.plain), status: 200, want: []string{"[]"}},
		{name: "claims bad status", method: "GET", path: "/api/claims?status=true", status: 400, code: "EINVALID"},
		{name: "claim", method: "GET", path: fmt.Sprintf("/api/claims/%d", f.claims[0]), status: 200, want: []string{`"killed"`}},
		{name: "claim missing", method: "GET", path: "/api/claims/999", status: 404, code: "ENOTFOUND"},
		{name: "claim bad id", method: "GET", path: "/api/claims/-3", status: 400, code: "EINVALID"},
		{name: "review missing claim", method: "POST", path: "/api/claims/999", ct: jsonCT, body: `{"action":"confirm"}`, status: 404, code: "ENOTFOUND"},
		{name: "review bad action", method: "POST", path: fmt.Sprintf("/api/claims/%d", f.claims[0]), ct: jsonCT, body: `{"action":"approve"}`, status: 400, code: "EINVALID"},
		{name: "review not JSON", method: "POST", path: fmt.Sprintf("/api/claims/%d", f.claims[0]), ct: jsonCT, body: `action=confirm`, status: 400, code: "EINVALID"},
		{name: "review unknown field", method: "POST", path: fmt.Sprintf("/api/claims/%d", f.claims[0]), ct: jsonCT, body: `{"action":"confirm","verdict":"true"}`, status: 400, code: "EINVALID"},
		{name: "correct without fields", method: "POST", path: fmt.Sprintf("/api/claims/%d", f.claims[0]), ct: jsonCT, body: `{"action":"correct"}`, status: 400, code: "EINVALID"},
		{name: "correct bad status value", method: "POST", path: fmt.Sprintf("/api/claims/%d", f.claims[0]), ct: jsonCT, body: `{"action":"correct","claim":{"killed":"many"}}`, status: 400, code: "EINVALID"},
		{name: "incidents", method: "GET", path: "/api/incidents?from=2020-10-01&to=2020-10-31&country=az&grade=fair,confirmed", status: 200, want: []string{`"2020-10-07/barda"`}},
		{name: "incidents none", method: "GET", path: "/api/incidents?grade=confirmed", status: 200, want: []string{"[]"}},
		{name: "incidents bad grade", method: "GET", path: "/api/incidents?grade=verified", status: 400, code: "EINVALID"},
		{name: "incidents bad date", method: "GET", path: "/api/incidents?to=2020-13-01", status: 400, code: "EINVALID"},
		{name: "incident", method: "GET", path: fmt.Sprintf("/api/incidents/%d", f.inc), status: 200, want: []string{`"claims"`, `"evidence"`}},
		{name: "incident missing", method: "GET", path: "/api/incidents/999", status: 404, code: "ENOTFOUND"},
		{name: "incident bad id", method: "GET", path: "/api/incidents/1e3", status: 400, code: "EINVALID"},
		{name: "review bad id", method: "POST", path: "/api/claims/x", ct: jsonCT, body: `{"action":"confirm"}`, status: 400, code: "EINVALID"},
		{name: "pin missing incident", method: "POST", path: "/api/incidents/999/pin", ct: jsonCT, body: fmt.Sprintf(`{"claim_id":%d}`, f.loose), status: 404, code: "ENOTFOUND"},
		{name: "pin missing claim", method: "POST", path: fmt.Sprintf("/api/incidents/%d/pin", f.inc), ct: jsonCT, body: `{"claim_id":999}`, status: 404, code: "ENOTFOUND"},
		{name: "pin no claim", method: "POST", path: fmt.Sprintf("/api/incidents/%d/pin", f.inc), ct: jsonCT, body: `{}`, status: 400, code: "EINVALID"},
		{name: "detach not a member", method: "POST", path: fmt.Sprintf("/api/incidents/%d/detach", f.inc), ct: jsonCT, body: fmt.Sprintf(`{"claim_id":%d}`, f.loose), status: 404, code: "ENOTFOUND"},
		{name: "detach bad body", method: "POST", path: fmt.Sprintf("/api/incidents/%d/detach", f.inc), ct: jsonCT, body: `[1]`, status: 400, code: "EINVALID"},
		{name: "tally", method: "GET", path: "/api/tally?by=party", status: 200, want: []string{`"by": "party"`, `"Party \u003cb\u003eA\u003c/b\u003e"`, `"killed_high": 4`}},
		{name: "tally csv", method: "GET", path: "/api/tally?by=place&format=csv", status: 200, want: []string{"barda (geonames:1)"}},
		{name: "tally bad by", method: "GET", path: "/api/tally?by=religion", status: 400, code: "EINVALID"},
		{name: "tally bad format", method: "GET", path: "/api/tally?format=xml", status: 400, code: "EINVALID"},
		{name: "export incidents csv", method: "GET", path: "/api/export/incidents?format=csv&country=az", status: 200, want: []string{"2020-10-07/barda"}},
		{name: "export claims geojson", method: "GET", path: "/api/export/claims?format=geojson", status: 200, want: []string{`"FeatureCollection"`}},
		{name: "export documents json", method: "GET", path: "/api/export/documents?format=json", status: 200, want: []string{`"sha256"`}},
		{name: "export bad kind", method: "GET", path: "/api/export/people?format=csv", status: 400, code: "EINVALID"},
		{name: "export geojson of documents", method: "GET", path: "/api/export/documents?format=geojson", status: 400, code: "EINVALID"},
		{name: "audit text", method: "POST", path: "/api/audit", ct: "text/plain", body: "date 2020-10-09 By Ministry\n\nShelling killed 3 civilians in Barda on 7 October.", status: 200, want: []string{`"parties"`, `"measure"`}},
		{name: "audit an uploaded file", method: "POST", path: "/api/audit?grade=fair,confirmed", ct: statementCT, body: statement.String(), status: 200, want: []string{`"name": "statement.html"`, `"parties"`}},
		{name: "audit empty", method: "POST", path: "/api/audit", ct: "text/plain", body: "  \n", status: 400, code: "EINVALID"},
		{name: "audit bad date", method: "POST", path: "/api/audit?from=soon", ct: "text/plain", body: "text", status: 400, code: "EINVALID"},
		{name: "places", method: "GET", path: "/api/places?q=Ganja&limit=3", status: 200, want: []string{`"geonames:`}},
		{name: "places nothing", method: "GET", path: "/api/places?q=Xqzqzqzqzqzq", status: 200, want: []string{"[]"}},
		{name: "places no query", method: "GET", path: "/api/places", status: 400, code: "EINVALID"},
		{name: "no such endpoint", method: "GET", path: "/api/verdicts", status: 404, code: "ENOTFOUND"},
		{name: "wrong method", method: "DELETE", path: "/api/documents/1", status: 405, code: "EMETHOD"},
		{name: "wrong method on a list", method: "PUT", path: "/api/documents", status: 405, code: "EMETHOD"},
		{name: "upload not multipart", method: "POST", path: "/api/documents", ct: "text/plain", body: "x", status: 400, code: "EINVALID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(t, tc.method, tc.path, tc.ct, strings.NewReader(tc.body))
			body := readBody(t, res)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d\n%s", res.StatusCode, tc.status, body)
			}
			if res.Header.Get("Content-Security-Policy") == "" {
				t.Error("no Content-Security-Policy header")
			}
			if tc.code != "" {
				if code, msg := apiErr(t, body); code != tc.code || msg == "" {
					t.Errorf("error %q %q, want code %s and a message", code, msg, tc.code)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%.2000s", w, body)
				}
			}
		})
	}
}

func TestOriginal(t *testing.T) {
	f := newFixture(t)
	res := f.do(t, "GET", fmt.Sprintf("/api/documents/%d/original", f.doc), "", nil)
	body := readBody(t, res)
	if res.StatusCode != 200 || body != fixtureText {
		t.Fatalf("status %d, bytes %q: want 200 and the original exactly", res.StatusCode, body)
	}
	sum := sha256.Sum256([]byte(fixtureText))
	for h, want := range map[string]string{
		"Content-Type":     "application/octet-stream",
		"X-Content-SHA256": hex.EncodeToString(sum[:]),
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	disp, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" {
		t.Fatalf("Content-Disposition %q: %v", res.Header.Get("Content-Disposition"), err)
	}
	if name := params["filename"]; name != "script_.txt" {
		t.Errorf("filename %q, want the stored name made safe", name)
	}
}

func TestSafeFilename(t *testing.T) {
	tests := []struct {
		in   string
		id   int64
		want string
	}{
		{"report.pdf", 1, "report.pdf"},
		{"../../etc/passwd", 2, "passwd"},
		{`C:\reports\wire.html`, 3, "wire.html"},
		{".hidden", 4, "hidden"},
		{"a\"b;c\r\nd.txt", 5, "a_b_c__d.txt"},
		{"Bərdə report.txt", 6, "B_rd__report.txt"},
		{"", 7, "document-7"},
		{"...", 8, "document-8"},
		{"плохо", 9, "document-9"},
		{strings.Repeat("x", 300) + ".txt", 10, strings.Repeat("x", 100)},
	}
	for _, tc := range tests {
		if got := SafeFilename(tc.in, tc.id); got != tc.want {
			t.Errorf("SafeFilename(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// multipartBody builds a multipart body with the given file fields.
func multipartBody(t *testing.T, files map[string]string, order []string, field string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, name := range order {
		w, err := mw.CreateFormFile(field, name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[name]))
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func TestUpload(t *testing.T) {
	f := newFixture(t)
	report := "date 2020-10-08 By Test Wire\n\nOfficials said 3 civilians were killed when shells hit Barda.\n"
	tests := []struct {
		name   string
		files  map[string]string
		order  []string
		field  string
		status int
		want   []UploadResult // Name, Existed and whether Error is set
	}{
		{
			name:  "several files, one empty, one too large, one already stored",
			files: map[string]string{"a.txt": report, "empty.txt": "", "again.txt": fixtureText},
			order: []string{"a.txt", "empty.txt", "again.txt"}, field: "file", status: 200,
			want: []UploadResult{{Name: "a.txt"}, {Name: "empty.txt", Error: "x"}, {Name: "again.txt", Existed: true}},
		},
		{
			name:  "over the size limit",
			files: map[string]string{"big.txt": strings.Repeat("word ", 400)},
			order: []string{"big.txt"}, field: "file", status: 200,
			want: []UploadResult{{Name: "big.txt", Error: "x"}},
		},
		{name: "no file field", files: map[string]string{"a.txt": report}, order: []string{"a.txt"}, field: "upload", status: 400},
		{
			name: "more files than allowed", files: map[string]string{"1": "one", "2": "two", "3": "three", "4": "four"}, order: []string{"1", "2", "3", "4"}, field: "file", status: 200,
			want: []UploadResult{{Name: "1"}, {Name: "2"}, {Name: "3"}, {Name: "4", Error: "x"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ct, body := multipartBody(t, tc.files, tc.order, tc.field)
			res := f.do(t, "POST", "/api/documents", ct, body, ActorHeader, "alice")
			text := readBody(t, res)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d\n%s", res.StatusCode, tc.status, text)
			}
			if tc.status != 200 {
				apiErr(t, text)
				return
			}
			var got []UploadResult
			if err := json.Unmarshal([]byte(text), &got); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d results, want %d: %s", len(got), len(tc.want), text)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Name != w.Name || g.Existed != w.Existed || (g.Error != "") != (w.Error != "") {
					t.Errorf("result %d = %+v, want name %q existed %v failed %v", i, g, w.Name, w.Existed, w.Error != "")
				}
				if g.Error == "" && (g.ID == 0 || len(g.SHA256) != 64) {
					t.Errorf("result %d = %+v: a stored file needs its id and SHA-256", i, g)
				}
			}
		})
	}
	docs, err := f.st.Documents(context.Background(), storeAll())
	if err != nil || len(docs) != 6 {
		t.Errorf("store has %d documents (%v), want the 2 of the fixture, a.txt, 1, 2 and 3", len(docs), err)
	}
}

func TestReviewAndAnalystActions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	post := func(path, body string) (int, string) {
		res := f.do(t, "POST", path, "application/json", strings.NewReader(body), ActorHeader, "alice")
		return res.StatusCode, readBody(t, res)
	}
	steps := []struct {
		name, path, body string
		wantStatus       string // the claim's status afterwards
		check            func(c *harmlog.Claim) error
		action           string
	}{
		{name: "confirm", path: fmt.Sprintf("/api/claims/%d", f.claims[0]), body: `{"action":"confirm"}`, wantStatus: harmlog.StatusConfirmed, action: "claim.confirm"},
		{name: "reject", path: fmt.Sprintf("/api/claims/%d", f.claims[2]), body: `{"action":"reject"}`, wantStatus: harmlog.StatusRejected, action: "claim.reject"},
		{
			name: "correct", path: fmt.Sprintf("/api/claims/%d", f.claims[1]),
			body:       `{"action":"correct","claim":{"killed":{"min":3,"max":3},"claim_id":999,"note":"read the source again"}}`,
			wantStatus: harmlog.StatusCorrected, action: "claim.correct",
			check: func(c *harmlog.Claim) error {
				if c.Killed.String() != "3" || c.Note != "read the source again" || c.Claimant != hostileScript {
					return fmt.Errorf("killed %s, note %q, claimant %q: want the corrected fields and the rest kept", c.Killed, c.Note, c.Claimant)
				}
				return nil
			},
		},
	}
	for _, st := range steps {
		code, body := post(st.path, st.body)
		if code != 200 {
			t.Fatalf("%s: status %d: %s", st.name, code, body)
		}
		var c harmlog.Claim
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			t.Fatal(err)
		}
		if c.Status != st.wantStatus {
			t.Errorf("%s: status %q, want %q", st.name, c.Status, st.wantStatus)
		}
		if st.check != nil {
			if err := st.check(&c); err != nil {
				t.Errorf("%s: %v", st.name, err)
			}
		}
	}
	// Pin the loose claim, then detach it again.
	if code, body := post(fmt.Sprintf("/api/incidents/%d/pin", f.inc), fmt.Sprintf(`{"claim_id":%d}`, f.loose)); code != 200 || !strings.Contains(body, `"pinned": true`) {
		t.Errorf("pin: %d %s", code, body)
	}
	if code, body := post(fmt.Sprintf("/api/incidents/%d/detach", f.inc), fmt.Sprintf(`{"claim_id":%d}`, f.loose)); code != 200 {
		t.Errorf("detach: %d %s", code, body)
	}
	changes, err := f.st.Changes(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, c := range changes {
		seen[c.Action] = c.Actor
	}
	for _, a := range []string{"claim.confirm", "claim.reject", "claim.correct", "incident.pin", "incident.detach"} {
		if seen[a] != "web:alice" {
			t.Errorf("change log: %s by %q, want by web:alice", a, seen[a])
		}
	}
}

func TestSecurityGuards(t *testing.T) {
	f := newFixture(t)
	loop, err := New(Config{Store: f.st, LoopbackOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		srv     http.Handler
		method  string
		host    string
		headers []string
		status  int
	}{
		{"loopback host", loop, "GET", "127.0.0.1:8080", nil, 200},
		{"localhost", loop, "GET", "localhost:8080", nil, 200},
		{"ipv6 loopback", loop, "GET", "[::1]:8080", nil, 200},
		{"foreign host (DNS rebinding)", loop, "GET", "evil.example:8080", nil, http.StatusMisdirectedRequest},
		{"any host when remote is allowed", f.srv, "GET", "evil.example", nil, 200},
		{"cross-site POST", f.srv, "POST", "127.0.0.1:8080", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"cross-origin POST", f.srv, "POST", "127.0.0.1:8080", []string{"Origin", "http://evil.example"}, http.StatusForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := "/api/documents"
			body := ""
			if tc.method == "POST" {
				path, body = fmt.Sprintf("/api/claims/%d", f.claims[0]), `{"action":"confirm"}`
			}
			req := httptestRequest(tc.method, "http://"+tc.host+path, body)
			for i := 0; i+1 < len(tc.headers); i += 2 {
				req.Header.Set(tc.headers[i], tc.headers[i+1])
			}
			rec := newRecorder()
			tc.srv.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Errorf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if rec.Header().Get("Content-Security-Policy") != CSP {
				t.Error("CSP header missing")
			}
		})
	}
}

func TestIsLoopbackAddr(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"127.9.9.9:80", true},
		{"localhost:8080", true},
		{"[::1]:8080", true},
		{":8080", false},
		{"0.0.0.0:8080", false},
		{"[::]:8080", false},
		{"192.168.1.5:8080", false},
		{"example.org:80", false},
		{"127.0.0.1", false}, // no port: not an address net.Listen takes
	}
	for _, tc := range tests {
		if got := IsLoopbackAddr(tc.addr); got != tc.want {
			t.Errorf("IsLoopbackAddr(%q) = %v, want %v", tc.addr, got, tc.want)
		}
	}
}
