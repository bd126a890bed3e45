package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/harmlog/harmlog"
)

// unescaped reports hostile text that reached a page unescaped.
func unescaped(body string) []string {
	var bad []string
	for _, h := range []string{hostileScript, hostileAttr, `href="javascript:`, `src="javascript:`, "<b>A</b>"} {
		if strings.Contains(body, h) {
			bad = append(bad, h)
		}
	}
	return bad
}

// scripting lists what in an HTML page could run script or load from
// elsewhere: script elements other than the app's own files under
// /static/, event handler attributes, javascript: URLs, inline styles, and
// absolute URLs in src or in a stylesheet link.
func scripting(t *testing.T, page string) []string {
	t.Helper()
	var bad []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return bad
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" && !slices.ContainsFunc(tok.Attr, func(a html.Attribute) bool {
				return a.Key == "src" && strings.HasPrefix(a.Val, "/static/")
			}) {
				bad = append(bad, "<script>")
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"):
					bad = append(bad, "attribute "+a.Key)
				case a.Key == "style":
					bad = append(bad, "inline style")
				case (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(v, "javascript:"):
					bad = append(bad, a.Key+"="+v)
				case a.Key == "src" && strings.Contains(v, "//"):
					bad = append(bad, "external "+a.Key+"="+v)
				case tok.Data == "link" && a.Key == "href" && strings.Contains(v, "//"):
					bad = append(bad, "external stylesheet "+v)
				}
			}
		}
	}
}

func TestPages(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"dashboard", "/", 200, []string{`<svg class="timeline"`, `<svg class="map"`, fmt.Sprintf(`href="/incidents/%d"`, f.inc), "Bärda / Bərdə", "contested", `name="party"`, `name="place"`, `name="grade"`, `type="date"`}},
		{"dashboard filtered to nothing", "/?party=nobody", 200, []string{"0 incident(s)", "No incident matches."}},
		{"dashboard by place, folded", "/?place=barda&grade=fair&from=2020-10-01&to=2020-10-31", 200, []string{"1 incident(s)", "Bärda"}},
		{"dashboard bad date", "/?from=someday", 200, []string{`role="alert"`}},
		{"documents", "/documents", 200, []string{fmt.Sprintf(`href="/documents/%d"`, f.plain), "Plain"}},
		{"document", fmt.Sprintf("/documents/%d", f.doc), 200, []string{`<mark class="claim`, "claim " + fmt.Sprint(f.claims[0]), "/original", "SHA-256", f.docSHA(t)}},
		{"document missing", "/documents/999", 404, []string{"no document with id 999"}},
		{"document bad id", "/documents/x", 400, []string{"is not an id"}},
		{"incident", fmt.Sprintf("/incidents/%d", f.inc), 200, []string{"2–4", "fair", "contested", "yes", "why it belongs", fmt.Sprintf("/documents/%d#claim-%d", f.doc, f.claims[0])}},
		{"incident missing", "/incidents/999", 404, []string{"no incident with id 999"}},
		{"review", "/review", 200, []string{`method="post"`, fmt.Sprintf(`action="/review/%d"`, f.claims[0]), `accesskey="c"`, `accesskey="r"`, "Officials said 3 civilians"}},
		{"upload", "/upload", 200, []string{`enctype="multipart/form-data"`, `type="file" name="file" multiple`, `<script src="/static/upload.js" defer>`}},
		{"audit", "/audit", 200, []string{`<textarea name="text"`, `type="file" name="file"`}},
		{"tally", "/tally?by=party", 200, []string{"TOTAL", `href="/api/tally?by=party&amp;format=csv"`}},
		{"tally bad by", "/tally?by=faith", 400, []string{"want one of"}},
		{"no such page", "/verdicts", 404, []string{"no such page"}},
		{"no such asset", "/static/app.js", 404, []string{"404"}},
		{"stylesheet", "/static/style.css", 200, []string{"mark.claim"}},
		{"upload script", "/static/upload.js", 200, []string{"/api/documents", "X-CSRF-Token"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(t, "GET", tc.path, "", nil)
			body := readBody(t, res)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d\n%.3000s", res.StatusCode, tc.status, body)
			}
			if got := res.Header.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'self'") {
				t.Errorf("Content-Security-Policy %q, want default-src 'self'", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q:\n%.4000s", w, body)
				}
			}
			if bad := unescaped(body); len(bad) > 0 {
				t.Errorf("hostile text unescaped: %q", bad)
			}
			if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				if bad := scripting(t, body); len(bad) > 0 {
					t.Errorf("the page could run script or load from elsewhere: %q", bad)
				}
			}
		})
	}
}

func (f *fixture) docSHA(t *testing.T) string {
	t.Helper()
	d, err := f.st.Document(t.Context(), f.doc, false)
	if err != nil {
		t.Fatal(err)
	}
	return d.SHA256
}

// TestPagesGolden keeps the pages people read under review: the document
// page (highlighted claims) and the incident page.
func TestPagesGolden(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ name, path string }{
		{"document.html", fmt.Sprintf("/documents/%d", f.doc)},
		{"incident.html", fmt.Sprintf("/incidents/%d", f.inc)},
		{"dashboard.html", "/"},
	} {
		res := f.do(t, "GET", tc.path, "", nil)
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d", tc.path, res.StatusCode)
		}
		golden(t, tc.name, readBody(t, res))
	}
}

func TestPageForms(t *testing.T) {
	f := newFixture(t)
	form := "application/x-www-form-urlencoded"
	statement := "date 2020-10-09 By " + hostileAttr + "\n\n" + hostileScript + " Shelling killed 3 civilians in Barda on 7 October. See " + hostileURL
	tests := []struct {
		name, path, ct, body string
		hdr                  []string
		status               int
		location             string
		want                 []string
		claim                int64
		claimStatus          string
	}{
		{name: "confirm", path: fmt.Sprintf("/review/%d", f.claims[0]), ct: form, body: "action=confirm", status: 303,
			location: fmt.Sprintf("/review?done=claim+%d+confirmed", f.claims[0]), claim: f.claims[0], claimStatus: harmlog.StatusConfirmed},
		{name: "reject", path: fmt.Sprintf("/review/%d", f.claims[1]), ct: form, body: "action=reject", status: 303,
			location: fmt.Sprintf("/review?done=claim+%d+rejected", f.claims[1]), claim: f.claims[1], claimStatus: harmlog.StatusRejected},
		{name: "review bad action", path: fmt.Sprintf("/review/%d", f.claims[2]), ct: form, body: "action=approve", status: 400, want: []string{"want confirm, correct or reject"}, claim: f.claims[2], claimStatus: harmlog.StatusMachine},
		{name: "review missing claim", path: "/review/999", ct: form, body: "action=confirm", status: 404},
		{name: "review from another site", path: fmt.Sprintf("/review/%d", f.claims[2]), ct: form, body: "action=confirm", hdr: []string{"Sec-Fetch-Site", "cross-site"}, status: 403, claim: f.claims[2], claimStatus: harmlog.StatusMachine},
		{name: "audit a pasted statement", path: "/audit", ct: form, body: "text=" + url.QueryEscape(statement), status: 200, want: []string{"Report: statement", "By alleged perpetrator", "m(p) = M(p)"}},
		{name: "audit nothing", path: "/audit", ct: form, body: "text=", status: 400, want: []string{"no statement"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(t, "POST", tc.path, tc.ct, strings.NewReader(tc.body), tc.hdr...)
			body := readBody(t, res)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d\n%.3000s", res.StatusCode, tc.status, body)
			}
			if tc.location != "" && res.Header.Get("Location") != tc.location {
				t.Errorf("Location %q, want %q", res.Header.Get("Location"), tc.location)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q:\n%.4000s", w, body)
				}
			}
			if bad := unescaped(body); len(bad) > 0 {
				t.Errorf("hostile text unescaped: %q", bad)
			}
			if bad := scripting(t, body); len(bad) > 0 {
				t.Errorf("the page could run script: %q", bad)
			}
			if tc.claim != 0 {
				c, err := f.st.Claim(t.Context(), tc.claim)
				if err != nil {
					t.Fatal(err)
				}
				if c.Status != tc.claimStatus {
					t.Errorf("claim %d is %s, want %s", tc.claim, c.Status, tc.claimStatus)
				}
			}
		})
	}
}

func TestUploadPage(t *testing.T) {
	f := newFixture(t)
	ct, body := multipartBody(t, map[string]string{
		hostileScript + ".txt": "date 2020-10-08 By Wire\n\nShells killed 2 civilians in Barda.",
		"empty.txt":            "",
	}, []string{hostileScript + ".txt", "empty.txt"}, "file")
	res := f.do(t, "POST", "/upload", ct, body)
	page := readBody(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d\n%s", res.StatusCode, page)
	}
	for _, w := range []string{"stored as <a href=\"/documents/3\">document 3</a>", "failed:", "empty.txt"} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q:\n%s", w, page)
		}
	}
	if bad := unescaped(page); len(bad) > 0 {
		t.Errorf("hostile text unescaped: %q", bad)
	}
}
