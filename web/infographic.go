package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/infographic"
	"github.com/harmlog/harmlog/store"
)

// infographicCSP lets an infographic's own styles (fonts and fills, which
// the SVG writer sets inline, and its embedded fonts as data URLs) apply
// when the SVG is opened directly; it carries no script and loads nothing
// from elsewhere.
const infographicCSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src 'self' data:; frame-ancestors 'none'"

// summarize reads the incidents with their claims from st and summarises
// the civilian harm opts selects.
func summarize(ctx context.Context, st Store, opts infographic.Options) (*infographic.Summary, error) {
	incs, err := st.IncidentsWithClaims(ctx, store.IncidentFilter{})
	if err != nil {
		return nil, err
	}
	return infographic.Summarize(incs, opts)
}

// infographicOptions reads from, to, country and by from a request.
func infographicOptions(r *http.Request) (infographic.Options, error) {
	q := &query{r: r}
	opts := infographic.Options{
		From:      q.date("from"),
		To:        q.date("to"),
		Country:   strings.ToUpper(q.str("country")),
		By:        q.oneOf("by", infographic.ByParty, infographic.ByPlace),
		Generated: time.Now().UTC().Truncate(time.Minute),
	}
	if q.err != nil {
		return opts, q.err
	}
	if opts.From != "" && opts.To != "" && opts.From > opts.To {
		return opts, invalid("from=%s is after to=%s", opts.From, opts.To)
	}
	return opts, nil
}

// apiInfographic serves the infographic as SVG or PNG (by the route's
// extension), downloadable under a name that says what it covers.
func (s *Server) apiInfographic(w http.ResponseWriter, r *http.Request) {
	format := "svg"
	if strings.HasSuffix(r.URL.Path, ".png") {
		format = "png"
	}
	opts, err := infographicOptions(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	sum, err := summarize(r.Context(), s.cfg.Store, opts)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, err := infographic.Draw(sum, s.cfg.Basemap)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var buf bytes.Buffer
	ctype := "image/svg+xml"
	if format == "png" {
		ctype = "image/png"
		err = c.WritePNG(&buf)
	} else {
		err = c.WriteSVG(&buf, true)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", infographicCSP)
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s.%s"`, FileStem(opts), format))
	_, _ = w.Write(buf.Bytes())
}

// FileStem names an infographic or report after what it covers:
// "harmlog-AZ-2020-10-01-2020-10-31".
func FileStem(o infographic.Options) string {
	parts := []string{"harmlog"}
	for _, p := range []string{o.Country, o.From, o.To} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	stem := strings.Join(parts, "-")
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, stem)
}

// report is what report.html renders.
type report struct {
	*infographic.Summary
	Standalone  bool
	CSS         template.CSS  // the print style, inline (Standalone)
	Image       template.HTML // the infographic's SVG, inline (Standalone)
	SVG, PNG    string        // the infographic's URLs (served)
	FigureRules string
	GradeRules  string
}

// reportTemplate parses report.html; the page stands alone (no menu), to
// be printed or saved.
func reportTemplate() (*template.Template, error) {
	t, err := template.New("report.html").Funcs(funcs()).Funcs(template.FuncMap{
		"figure": func(r *harmlog.Range) string { return r.String() },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"claimRange": func(c *harmlog.Claim) string {
			if c == nil || c.Date == nil {
				return "date unknown"
			}
			return dateSpan(c.Date.From, c.Date.To)
		},
		"stamp": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
		"safeURL": func(u string) string {
			if p, err := url.Parse(u); err == nil && (p.Scheme == "http" || p.Scheme == "https") {
				return u
			}
			return ""
		},
	}).ParseFS(assets, "templates/report.html")
	if err != nil {
		return nil, fmt.Errorf("web: template report: %w", err)
	}
	return t, nil
}

// WriteReport writes the printable report of a summary as one standalone
// HTML file: the print style and the infographic (svg, as Sheet.WriteSVG
// made it) inline, the tallies, and every incident with its claims and their
// source URLs. Analysts' notes, document text and who ingested what are
// never shown.
func WriteReport(w io.Writer, sum *infographic.Summary, svg []byte) error {
	t, err := reportTemplate()
	if err != nil {
		return err
	}
	css, err := assets.ReadFile("static/report.css")
	if err != nil {
		return err
	}
	// The SVG is harmlog's own rendering: its text is XML-escaped by the
	// writer, so it is safe to inline.
	data := newReport(sum)
	data.Standalone, data.CSS, data.Image = true, template.CSS(css), template.HTML(svg)
	return t.Execute(w, data)
}

func newReport(sum *infographic.Summary) report {
	return report{Summary: sum, FigureRules: infographic.FigureRules, GradeRules: infographic.GradeRules}
}

// pageReport serves the printable report of what the query selects, the
// infographic drawn by its own URL.
func (s *Server) pageReport(w http.ResponseWriter, r *http.Request) {
	opts, err := infographicOptions(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	sum, err := summarize(r.Context(), s.cfg.Store, opts)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	t, err := reportTemplate()
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	data := newReport(sum)
	qv := url.Values{}
	for k, v := range map[string]string{"from": opts.From, "to": opts.To, "country": opts.Country, "by": opts.By} {
		if v != "" {
			qv.Set(k, v)
		}
	}
	qs := ""
	if len(qv) > 0 {
		qs = "?" + qv.Encode()
	}
	data.SVG, data.PNG = "/api/infographic.svg"+qs, "/api/infographic.png"+qs
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		s.cfg.Logger.Error("render", "page", "report", "err", err)
		http.Error(w, "internal error: the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}
