package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/audit"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/tally"
)

// pageNames are the templates/NAME.html files, each rendered inside
// templates/base.html.
func pageNames() []string {
	return []string{"dashboard", "documents", "document", "incident", "review", "upload", "audit", "tally", "error", "login", "users"}
}

// funcs are the helpers templates use; all return text that html/template
// escapes, except highlight, timeline and map, which escape their own.
func funcs() template.FuncMap {
	return template.FuncMap{
		"dateSpan": dateSpan,
		"places":   placeNames,
		"join":     strings.Join,
		"orDash":   orDash,
		"summary":  claimSummary,
		"claimDate": func(c *harmlog.Claim) string {
			if c == nil || c.Date == nil {
				return "date unknown"
			}
			return dateSpan(c.Date.From, c.Date.To)
		},
		"pct": func(v *float64) string {
			if v == nil {
				return "–"
			}
			return fmt.Sprintf("%.0f%%", *v*100)
		},
		"lowHigh": lowHigh,
		"bounds":  func(b audit.Bounds) string { return lowHigh(b.Low, b.High) },
		"first":   func(i int) bool { return i == 0 },
	}
}

func parsePages() (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, name := range pageNames() {
		t, err := template.New("base.html").Funcs(funcs()).ParseFS(assets, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// page is what base.html renders: the title, the active menu entry and
// the page's own data; render adds who is signed in (User, empty on an
// open store), what the role may reach, and the session's CSRF token.
type page struct {
	Title          string
	Nav            string
	Data           any
	User, CSRF     string
	Analyst, Admin bool
}

// render executes a page into a buffer first, so that a failing template
// never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, p page) {
	var buf bytes.Buffer
	asker := who(r.Context())
	if asker.user != nil {
		p.User = asker.user.Name
	}
	p.CSRF = csrfToken(r)
	p.Analyst, p.Admin = asker.role.Allows(account.Analyst), asker.role.Allows(account.Admin)
	if err := s.pages[name].Execute(&buf, p); err != nil {
		s.cfg.Logger.Error("render", "page", name, "err", err)
		http.Error(w, "internal error: the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// renderError shows an error as a page.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, code int, msg string) {
	s.render(w, r, code, "error", page{Title: http.StatusText(code), Data: struct {
		Code    int
		Message string
	}{code, msg}})
}

// pageFail shows err as an error page with the status the API would use.
func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	code, _ := status(err)
	msg := err.Error()
	if code == http.StatusInternalServerError {
		s.cfg.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "internal error (see the server's log)"
	}
	s.renderError(w, r, code, msg)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func placeNames(ps []harmlog.PlaceRef) string {
	var names []string
	for _, p := range ps {
		n := p.Name
		if p.Alt != "" {
			n += " / " + p.Alt
		}
		names = append(names, n)
	}
	return orDash(strings.Join(names, "; "))
}

// claimSummary explains a claim in one line: its figures, victims, place,
// date, weapons, perpetrator and who claims it.
func claimSummary(c *harmlog.Claim) string {
	if c == nil {
		return "claim missing"
	}
	var parts []string
	if c.Killed != nil {
		parts = append(parts, "killed "+c.Killed.String())
	}
	if c.Injured != nil {
		parts = append(parts, "injured "+c.Injured.String())
	}
	if c.Missing != nil {
		parts = append(parts, "missing "+c.Missing.String())
	}
	for _, d := range c.Damaged {
		parts = append(parts, fmt.Sprintf("%s %s %s", d.Range.String(), d.Object, d.State))
	}
	if c.Victims != "" {
		parts = append(parts, "victims "+c.Victims)
	}
	if len(c.VictimNames) > 0 {
		parts = append(parts, "named "+strings.Join(c.VictimNames, ", "))
	}
	if c.Scope != "" {
		parts = append(parts, c.Scope)
	}
	if len(c.Places) > 0 {
		parts = append(parts, "at "+placeNames(c.Places))
	}
	if c.Date != nil && !c.Date.IsZero() {
		parts = append(parts, "on "+dateSpan(c.Date.From, c.Date.To))
	}
	if len(c.Weapons) > 0 {
		parts = append(parts, "weapons "+strings.Join(c.Weapons, ", "))
	}
	if c.Perpetrator != "" {
		parts = append(parts, "alleged perpetrator "+c.Perpetrator)
	}
	if c.Denied {
		d := "a denial"
		if c.DeniedBy != "" {
			d += " by " + c.DeniedBy
		}
		parts = append(parts, d)
	}
	parts = append(parts, "claimed by "+orDash(c.Claimant))
	if c.Status != "" {
		parts = append(parts, "status "+c.Status)
	}
	return strings.Join(parts, "; ")
}

// dashboard is the data of the dashboard page.
type dashboard struct {
	From, To, Party, Place, Grade string
	Weapon, Claimant, Victims     string
	Grades, VictimKinds           []string
	Parties, Weapons              []string // those of the incidents in the period and grade
	Incidents                     []harmlog.Incident
	Shown                         int
	Timeline, Map                 template.HTML
	Error                         string
	BBox                          string // the bbox filter a map cluster links to
	// Unshared: filters are set that the Share links' infographic and
	// report, which take the period only, do not apply.
	Unshared bool
}

// maxDashboard caps the incidents the dashboard lists (the timeline and
// the map draw them all).
const maxDashboard = 500

func (s *Server) pageDashboard(w http.ResponseWriter, r *http.Request) {
	q := &query{r: r}
	d := dashboard{From: q.date("from"), To: q.date("to"), Party: q.str("party"), Place: q.str("place"), Grades: gradeNames(),
		Weapon: q.str("weapon"), Claimant: q.str("claimant"), Victims: q.oneOf("victims", victimNames()...), VictimKinds: victimNames()}
	gs := q.list("grade", gradeNames()...)
	if len(gs) == 1 {
		d.Grade = gs[0]
	}
	var bbox *[4]float64
	if v := q.str("bbox"); v != "" {
		if bb, err := ParseBBox(v); err != nil {
			q.setErr(invalid("%v", err))
		} else {
			d.BBox, bbox = v, &bb
		}
	}
	if q.err != nil {
		d.Error = q.err.Error()
	}
	f := store.IncidentFilter{From: d.From, To: d.To, Grades: gs, Limit: 1 << 30}
	all, err := s.cfg.Store.Incidents(r.Context(), f)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	d.Parties, d.Weapons = facet(all, func(in *harmlog.Incident) []string { return in.Perpetrators }),
		facet(all, func(in *harmlog.Incident) []string { return in.Weapons })
	// The store applies the party, weapon, victims and claimant filters as
	// /api/incidents does; place and bbox are matched here.
	f.Party, f.Weapon, f.Victims, f.Claimant = d.Party, d.Weapon, d.Victims, d.Claimant
	if f.Party != "" || f.Weapon != "" || f.Victims != "" || f.Claimant != "" {
		if all, err = s.cfg.Store.Incidents(r.Context(), f); err != nil {
			s.pageFail(w, r, err)
			return
		}
	}
	place := gazetteer.Fold(d.Place)
	for _, in := range all {
		if place != "" && !strings.Contains(gazetteer.Fold(placeNames(in.Places)), place) {
			continue
		}
		if bbox != nil && !InBBox(&in, *bbox) {
			continue
		}
		d.Incidents = append(d.Incidents, in)
	}
	d.Unshared = d.Party != "" || d.Place != "" || len(gs) > 0 || d.Weapon != "" || d.Claimant != "" || d.Victims != "" || d.BBox != ""
	d.Timeline = Timeline(Days(d.Incidents))
	d.Map = Map(d.Incidents, MapOptions{Basemap: s.basemap, Parties: s.partyOrder(), Query: r.URL.Query(), Legend: true})
	d.Shown = len(d.Incidents)
	if len(d.Incidents) > maxDashboard {
		d.Incidents = d.Incidents[:maxDashboard]
	}
	s.render(w, r, http.StatusOK, "dashboard", page{Title: "Incidents", Nav: "dashboard", Data: d})
}

// facet lists, sorted and once each, the values that of returns for incs.
func facet(incs []harmlog.Incident, of func(*harmlog.Incident) []string) []string {
	seen := map[string]bool{}
	var out []string
	for i := range incs {
		for _, v := range of(&incs[i]) {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	slices.Sort(out)
	return out
}

func (s *Server) pageDocuments(w http.ResponseWriter, r *http.Request) {
	q := &query{r: r}
	limit, offset := q.int("limit", defaultLimit, maxLimit), q.int("offset", 0, maxOffset)
	if q.err != nil {
		s.pageFail(w, r, q.err)
		return
	}
	docs, err := s.cfg.Store.Documents(r.Context(), store.DocumentFilter{Limit: limit, Offset: offset})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	data := struct {
		Documents    []harmlog.Document
		Next, Prev   int
		More, Paging bool
	}{docs, offset + limit, max(offset-limit, 0), len(docs) == limit, offset > 0}
	s.render(w, r, http.StatusOK, "documents", page{Title: "Documents", Nav: "documents", Data: data})
}

// documentPage is the data of a document's page.
type documentPage struct {
	Doc       *harmlog.Document
	Claims    []harmlog.Claim
	Text      template.HTML
	Originals bool // the role may download originals (analysts)
}

func (s *Server) pageDocument(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	d, err := s.cfg.Store.Document(r.Context(), id, false)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	claims, err := s.cfg.Store.Claims(r.Context(), store.ClaimFilter{DocumentID: id, Limit: 1 << 30})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	spans := make([]Span, 0, len(claims))
	for i := range claims {
		c := &claims[i]
		spans = append(spans, Span{Start: c.Start, End: c.End, ID: c.ID, Title: fmt.Sprintf("claim %d: %s", c.ID, claimSummary(c))})
	}
	p := documentPage{Doc: d, Claims: claims, Text: Highlight(d.Text, spans), Originals: who(r.Context()).role.Allows(account.Analyst)}
	s.render(w, r, http.StatusOK, "document", page{Title: "Document " + fmt.Sprint(id) + ": " + orDash(d.Title), Nav: "documents", Data: p})
}

func (s *Server) pageIncident(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	inc, err := s.cfg.Store.Incident(r.Context(), id)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	q := &query{r: r}
	data := struct {
		*harmlog.Incident
		Map template.HTML
		// The decision forms (analysts): their CSRF token and outcome.
		Analyst     bool
		CSRF        string
		Done, Error string
	}{inc, Map([]harmlog.Incident{*inc}, MapOptions{Basemap: s.basemap, Width: 480, MinSpan: 3, Parties: s.partyOrder(), Legend: true}),
		who(r.Context()).role.Allows(account.Analyst), csrfToken(r), q.str("done"), q.str("error")}
	s.render(w, r, http.StatusOK, "incident", page{Title: fmt.Sprintf("Incident %d", id), Nav: "dashboard", Data: data})
}

func (s *Server) pageUpload(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "upload", page{Title: "Upload", Nav: "upload", Data: struct {
		Results []UploadResult
		Error   string
		Max     int64
		CSRF    string
	}{Max: s.cfg.MaxUploadBytes, CSRF: csrfToken(r)}})
}

func (s *Server) postUpload(w http.ResponseWriter, r *http.Request) {
	res, err := s.upload(r)
	data := struct {
		Results []UploadResult
		Error   string
		Max     int64
		CSRF    string
	}{Results: res, Max: s.cfg.MaxUploadBytes, CSRF: csrfToken(r)}
	code := http.StatusOK
	if err != nil {
		code, _ = status(err)
		data.Error = err.Error()
	}
	s.render(w, r, code, "upload", page{Title: "Upload", Nav: "upload", Data: data})
}

func (s *Server) pageAudit(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "audit", page{Title: "Audit a statement", Nav: "audit", Data: struct {
		Report *audit.Report
		Error  string
		CSRF   string
	}{CSRF: csrfToken(r)}})
}

func (s *Server) postAudit(w http.ResponseWriter, r *http.Request) {
	rep, err := s.audit(r)
	data := struct {
		Report *audit.Report
		Error  string
		CSRF   string
	}{Report: rep, CSRF: csrfToken(r)}
	code := http.StatusOK
	if err != nil {
		code, _ = status(err)
		if code == http.StatusInternalServerError {
			s.pageFail(w, r, err)
			return
		}
		data.Error = err.Error()
	}
	s.render(w, r, code, "audit", page{Title: "Audit a statement", Nav: "audit", Data: data})
}

func (s *Server) pageTally(w http.ResponseWriter, r *http.Request) {
	res, err := s.tally(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	qs := r.URL.Query()
	qs.Set("format", "csv")
	data := struct {
		Result tally.Result
		CSV    string
		Bys    []string
	}{res, "/api/tally?" + qs.Encode(), []string{tally.ByParty, tally.ByPlace, tally.ByDay, tally.ByWeek, tally.ByWeapon, tally.ByClaimant}}
	s.render(w, r, http.StatusOK, "tally", page{Title: "Tally by " + res.By, Nav: "tally", Data: data})
}
