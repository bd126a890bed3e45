package web

import (
	"bytes"
	"encoding/json"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/infographic"
)

func TestInfographicRoutes(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		target, ctype string
		code          int
		check         func(t *testing.T, body []byte)
	}{
		{"/api/infographic.svg?from=2020-10-01&to=2020-10-31&country=az", "image/svg+xml", http.StatusOK, func(t *testing.T, b []byte) {
			for _, want := range []string{"<svg", "AZ · 1 Oct 2020 – 31 Oct 2020", "Data cut-off", "Grades (the"} {
				if !bytes.Contains(b, []byte(want)) {
					t.Errorf("the SVG lacks %q", want)
				}
			}
			if bytes.Contains(b, []byte("<script")) {
				t.Error("the SVG carries a script")
			}
		}},
		{"/api/infographic.png?by=place", "image/png", http.StatusOK, func(t *testing.T, b []byte) {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("the PNG does not decode: %v", err)
			}
			if img.Bounds().Dx() != infographic.Width || img.Bounds().Dy() < 1500 {
				t.Errorf("PNG %v, want %d wide and a portrait page", img.Bounds(), infographic.Width)
			}
		}},
		{"/api/infographic.svg?from=yesterday", "application/json", http.StatusBadRequest, func(t *testing.T, b []byte) {
			var e struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(b, &e); err != nil || e.Error.Code != "EINVALID" || !strings.Contains(e.Error.Message, "from") {
				t.Errorf("error %s (%v), want one naming from", b, err)
			}
		}},
		{"/api/infographic.png?by=weapon", "application/json", http.StatusBadRequest, nil},
		{"/api/infographic.svg?from=2020-10-09&to=2020-10-01", "application/json", http.StatusBadRequest, nil},
		{"/report?from=2020-10-01&to=2020-10-31", "text/html", http.StatusOK, func(t *testing.T, b []byte) {
			s := string(b)
			for _, want := range []string{
				`<img src="/api/infographic.svg?from=2020-10-01&amp;to=2020-10-31"`,
				`href="/static/report.css"`, "Bärda", "contested", "By alleged party", "Incidents (1)", "2–4",
			} {
				if !strings.Contains(s, want) {
					t.Errorf("the report lacks %q", want)
				}
			}
			// Hostile strings stay text; a javascript: URL is never a link.
			for _, bad := range []string{hostileScript, `href="javascript:`, "<style>"} {
				if strings.Contains(s, bad) {
					t.Errorf("the report contains %q", bad)
				}
			}
		}},
		{"/?from=2020-10-01", "text/html", http.StatusOK, func(t *testing.T, b []byte) {
			for _, want := range []string{`href="/api/infographic.png?from=2020-10-01&amp;to="`, `href="/report?from=2020-10-01&amp;to="`} {
				if !strings.Contains(string(b), want) {
					t.Errorf("the dashboard lacks the link %s", want)
				}
			}
		}},
		{"/tally", "text/html", http.StatusOK, func(t *testing.T, b []byte) {
			if !strings.Contains(string(b), `href="/api/infographic.png"`) || !strings.Contains(string(b), `href="/report"`) {
				t.Error("the tally page lacks the infographic and report links")
			}
		}},
		{"/report?country=ZZ", "text/html", http.StatusOK, func(t *testing.T, b []byte) {
			if !strings.Contains(string(b), "No incidents match.") {
				t.Error("an empty report does not say so")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			resp := f.do(t, "GET", tt.target, "", nil)
			body := readBody(t, resp)
			if resp.StatusCode != tt.code || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) {
				t.Fatalf("status %d, type %q; want %d, %s\n%.300s", resp.StatusCode, resp.Header.Get("Content-Type"), tt.code, tt.ctype, body)
			}
			if strings.HasPrefix(tt.ctype, "image/") && resp.Header.Get("Content-Security-Policy") != infographicCSP {
				t.Errorf("CSP %q, want the infographic's own", resp.Header.Get("Content-Security-Policy"))
			}
			if tt.check != nil {
				tt.check(t, []byte(body))
			}
		})
	}
}

func TestWriteReportStandalone(t *testing.T) {
	f := newFixture(t)
	sum, err := summarize(t.Context(), f.st, infographic.Options{Generated: clock()})
	if err != nil {
		t.Fatal(err)
	}
	c, err := infographic.Draw(sum, nil)
	if err != nil {
		t.Fatal(err)
	}
	var svg, out bytes.Buffer
	if err := c.WriteSVG(&svg, true); err != nil {
		t.Fatal(err)
	}
	if err := WriteReport(&out, sum, svg.Bytes()); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"<style>", "@media print", "<svg version", "Generated 2026-01-02 03:04 UTC", "Bärda", "Incidents (1)"} {
		if !strings.Contains(s, want) {
			t.Errorf("the standalone report lacks %q", want)
		}
	}
	for _, bad := range []string{hostileScript, `href="javascript:`, "/static/report.css"} {
		if strings.Contains(s, bad) {
			t.Errorf("the standalone report contains %q", bad)
		}
	}
}

func TestFileStem(t *testing.T) {
	for _, tt := range []struct {
		o    infographic.Options
		want string
	}{
		{infographic.Options{}, "harmlog"},
		{infographic.Options{Country: "AZ", From: "2020-10-01", To: "2020-10-31"}, "harmlog-AZ-2020-10-01-2020-10-31"},
		{infographic.Options{Country: `a"b/c`}, "harmlog-a_b_c"},
	} {
		if got := FileStem(tt.o); got != tt.want {
			t.Errorf("FileStem(%+v) = %q, want %q", tt.o, got, tt.want)
		}
	}
}
