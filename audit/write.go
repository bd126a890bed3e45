package audit

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/harmlog/harmlog"
)

// WriteJSON writes the report as indented JSON: the statement, its claims
// and mentions, the scope, a top-level "parties" list ({"party",
// "recorded", "mentioned", "omitted", "shares", ...}) and the measure.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// pct renders a share as a percentage, "–" when undefined.
func pct(v *float64) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", *v*100)
}

// pctRange renders a low/high share.
func pctRange(s *Share) string {
	if s == nil {
		return "–"
	}
	lo, hi := pct(s.Low), pct(s.High)
	if lo == hi {
		return lo
	}
	return lo + " / " + hi
}

// num renders a ratio with two decimals, "–" when undefined.
func num(v *float64) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", *v)
}

func bounds(b Bounds, unknown int) string {
	s := fmt.Sprint(b.Low)
	if b.High != b.Low {
		s = fmt.Sprintf("%d–%d", b.Low, b.High)
	}
	if unknown > 0 {
		s += fmt.Sprintf(" (+%d unknown)", unknown)
	}
	return s
}

func dateSpan(from, to string) string {
	switch {
	case from == "" && to == "":
		return "date unknown"
	case to == "" || to == from:
		return from
	}
	return orDash(from) + "…" + to
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func periodText(sc Scope) string {
	if sc.From == "" && sc.To == "" {
		return "open"
	}
	return orDash(sc.From) + " to " + orDash(sc.To)
}

func countriesText(sc Scope) string {
	if len(sc.Countries) == 0 {
		return "any"
	}
	return strings.Join(sc.Countries, ", ")
}

func gradesText(sc Scope) string {
	s := strings.Join(sc.Grades, ", ")
	if !sc.Weak {
		s += " (single-source weak incidents not counted; --grade to include them)"
	}
	return s
}

func mentionLine(m Mention) string {
	var b strings.Builder
	b.WriteString(m.Place.Name)
	if m.Place.ID != "" {
		fmt.Fprintf(&b, " (%s", m.Place.ID)
		if m.Place.Country != "" {
			b.WriteString(", " + m.Place.Country)
		}
		b.WriteString(")")
	}
	if m.Party != "" {
		fmt.Fprintf(&b, "; attributed to %s (from the %s)", m.Party, m.PartyFrom)
	} else {
		b.WriteString("; no party attributed")
	}
	if len(m.Dates) > 0 {
		var ds []string
		for _, d := range m.Dates {
			ds = append(ds, dateSpan(d.From, d.To))
		}
		b.WriteString("; dates " + strings.Join(ds, ", "))
	} else {
		b.WriteString("; undated")
	}
	if len(m.Weapons) > 0 {
		b.WriteString("; weapons " + strings.Join(m.Weapons, ", "))
	}
	if m.Denied {
		b.WriteString("; a denial")
	}
	fmt.Fprintf(&b, "; claim %d (%s)", m.Claim, m.Scope)
	return b.String()
}

func claimLine(i int, c harmlog.Claim) string {
	var parts []string
	if c.Killed != nil {
		parts = append(parts, "killed "+c.Killed.String())
	}
	if c.Injured != nil {
		parts = append(parts, "injured "+c.Injured.String())
	}
	if c.Victims != "" {
		parts = append(parts, "victims "+c.Victims)
	}
	parts = append(parts, orDash(c.Scope))
	if c.Date != nil && !c.Date.IsZero() {
		parts = append(parts, "date "+dateSpan(c.Date.From, c.Date.To))
	}
	var names []string
	for _, p := range c.Places {
		names = append(names, p.Name)
	}
	if len(names) > 0 {
		parts = append(parts, "at "+strings.Join(names, ", "))
	}
	if len(c.Weapons) > 0 {
		parts = append(parts, "weapons "+strings.Join(c.Weapons, ", "))
	}
	if c.Perpetrator != "" {
		parts = append(parts, "alleged perpetrator "+c.Perpetrator)
	}
	if c.Denied {
		parts = append(parts, "denial")
	}
	parts = append(parts, "claimant "+orDash(c.Claimant))
	return fmt.Sprintf("[%d] %s", i, strings.Join(parts, "; "))
}

func incidentLine(r IncidentRef) string {
	return fmt.Sprintf("#%d %s %s: killed %s, injured %s; alleged %s; %s, %d source(s)", r.ID,
		dateSpan(r.DateFrom, r.DateTo), strings.Join(r.Places, "; "), r.Killed, r.Injured,
		orDash(strings.Join(r.Perpetrators, " / ")), r.Grade, r.Sources)
}

// WriteText writes the report for people. It states counts, shares and
// sources; it passes no judgement on the statement.
func WriteText(w io.Writer, r *Report) error {
	st := r.Statement
	fmt.Fprintf(w, "Audit of %s\n", orDash(st.Name))
	if st.Title != "" {
		fmt.Fprintf(w, "  title: %s\n", oneLine(st.Title))
	}
	fmt.Fprintf(w, "  published %s by %s\n", orDash(st.Published), orDash(oneLine(st.Publisher)))
	fmt.Fprintf(w, "\nThe statement's claims (%d):\n", len(r.Claims))
	for i, c := range r.Claims {
		fmt.Fprintf(w, "  %s\n", oneLine(claimLine(i, c)))
		if q := quote(st.Text, c.Start, c.End); q != "" {
			fmt.Fprintf(w, "      %q\n", q)
		}
	}
	fmt.Fprintf(w, "\nPlaces its claims name (%d mentions):\n", len(r.Mentions))
	for _, m := range r.Mentions {
		fmt.Fprintf(w, "  %s\n", oneLine(mentionLine(m)))
	}
	if len(r.OtherPlaces) > 0 {
		fmt.Fprintf(w, "  named outside any claim (not counted): %s\n", oneLine(strings.Join(r.OtherPlaces, ", ")))
	}
	sc := r.Scope
	fmt.Fprintf(w, "\nScope:\n  period: %s (from the %s)\n  region: %s (from the %s)\n  grades: %s\n  recorded incidents in scope: %d\n",
		periodText(sc), sc.PeriodFrom, countriesText(sc), sc.CountriesFrom, gradesText(sc), sc.Incidents)

	fmt.Fprintln(w, "\nBy alleged perpetrator (recorded incidents in scope; an incident alleging two parties counts for each):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "party\trecorded\tmentioned\tomitted\tkilled recorded\tkilled mentioned\tinjured recorded\tinjured mentioned\tmention share\trecorded share\tcasualty share (low / high)\tindex\t")
	for _, p := range r.Parties {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", oneLine(p.Party), p.Recorded.Incidents,
			p.Mentioned.Incidents, len(p.Omitted),
			bounds(p.Recorded.Killed, p.Recorded.KilledUnknown), bounds(p.Mentioned.Killed, p.Mentioned.KilledUnknown),
			bounds(p.Recorded.Injured, p.Recorded.InjuredUnknown), bounds(p.Mentioned.Injured, p.Mentioned.InjuredUnknown),
			pct(p.Shares.Mentions), pct(p.Shares.RecordedIncidents), pctRange(p.Shares.RecordedCasualties), num(p.Shares.Index))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	m := r.Measure
	fmt.Fprintf(w, "\nMeasure: %s\n", m.Formula)
	fmt.Fprintf(w, "  M = recorded incidents the statement mentions, R = recorded incidents, C = their killed + injured (low and high bounds)\n")
	fmt.Fprintf(w, "  ΣM = %d, ΣR = %d; gap by incidents %s, by casualties %s (low bounds) / %s (high bounds)\n",
		m.Mentioned, m.Recorded, num(m.GapIncidents), num(m.GapCasualties.Low), num(m.GapCasualties.High))
	for _, p := range r.Parties {
		fmt.Fprintf(w, "\n%s: %d recorded, %d mentioned, %d omitted; %d of the statement's mentions attribute harm to it\n",
			oneLine(p.Party), p.Recorded.Incidents, p.Mentioned.Incidents, len(p.Omitted), p.Attributed)
		if len(p.Mentioned.List) > 0 {
			fmt.Fprintln(w, "  mentioned:")
			for _, in := range p.Mentioned.List {
				fmt.Fprintf(w, "    %s\n", oneLine(incidentLine(in)))
				for _, why := range in.MatchedBy {
					fmt.Fprintf(w, "      matched by %s\n", oneLine(why))
				}
			}
		}
		if len(p.Omitted) > 0 {
			fmt.Fprintln(w, "  omitted, largest first:")
			for _, in := range p.Omitted {
				fmt.Fprintf(w, "    %s\n", oneLine(incidentLine(in)))
				for _, c := range in.Claims {
					fmt.Fprintf(w, "      claim %d: %s (published by %s, %s): killed %s, injured %s%s\n", c.ID,
						oneLine(orDash(c.Claimant)), oneLine(orDash(c.Publisher)), orDash(c.Published), c.Killed, c.Injured, denial(c))
					if c.URL != "" {
						fmt.Fprintf(w, "        %s\n", oneLine(c.URL))
					}
				}
				if extra := len(in.URLs) - countURLs(in.Claims); extra > 0 {
					fmt.Fprintf(w, "      %d more source URL(s): harmlog incident show %d\n", extra, in.ID)
				}
			}
		}
	}
	if len(r.Unmatched) > 0 {
		fmt.Fprintln(w, "\nMentions no recorded incident in scope matches:")
		for _, m := range r.Unmatched {
			fmt.Fprintf(w, "  %s\n", oneLine(mentionLine(m)))
		}
	}
	return nil
}

func denial(c ClaimRef) string {
	if c.Denied {
		return "; a denial"
	}
	return ""
}

func countURLs(cs []ClaimRef) int {
	seen := map[string]bool{}
	for _, c := range cs {
		if c.URL != "" {
			seen[c.URL] = true
		}
	}
	return len(seen)
}

// oneLine flattens white space, so that text from the statement cannot
// break the report's layout.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// WriteHTML writes the report as one self-contained HTML page: inline
// styles, no scripts, no external resources. Everything is escaped by
// html/template; links are only the claims' URLs, sanitised likewise.
func WriteHTML(w io.Writer, r *Report) error {
	t, err := template.New("audit").Funcs(template.FuncMap{
		"pct": pct, "pctRange": pctRange, "num": num, "bounds": bounds, "dateSpan": dateSpan,
		"orDash": orDash, "period": periodText, "countries": countriesText, "grades": gradesText,
		"mention": mentionLine, "claim": claimLine, "join": strings.Join,
		"quote":        func(r *Report, c harmlog.Claim) string { return quote(r.Statement.Text, c.Start, c.End) },
		"omittedCount": func(p PartyReport) int { return len(p.Omitted) },
	}).Parse(pageHTML)
	if err != nil {
		return err
	}
	return t.Execute(w, r)
}

// pageHTML is the template of WriteHTML.
const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>harmlog audit: {{orDash .Statement.Name}}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:72em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
td.n{text-align:right}code,.q{font-family:ui-monospace,monospace;font-size:90%}.q{color:#555}
h2{margin-top:1.6em}.muted{color:#666}
</style></head><body>
<h1>Coverage audit</h1>
<p><b>{{orDash .Statement.Name}}</b>{{with .Statement.Title}}: {{.}}{{end}}<br>
published {{orDash .Statement.Published}} by {{orDash .Statement.Publisher}}{{with .Statement.URL}} · <a href="{{.}}" rel="noreferrer nofollow">{{.}}</a>{{end}}</p>
<p class="muted">Counts, shares and sources only: harmlog records claims with their attribution, never verdicts.</p>

<h2>The statement's claims ({{len .Claims}})</h2>
<ol start="0">{{range $i, $c := .Claims}}<li>{{claim $i $c}}<br><span class="q">“{{quote $ $c}}”</span></li>{{end}}</ol>

<h2>Places its claims name ({{len .Mentions}})</h2>
<ul>{{range .Mentions}}<li>{{mention .}}</li>{{end}}</ul>
{{with .OtherPlaces}}<p class="muted">Named outside any claim (not counted): {{join . ", "}}</p>{{end}}

<h2>Scope</h2>
<table>
<tr><th>period</th><td>{{period .Scope}} (from the {{.Scope.PeriodFrom}})</td></tr>
<tr><th>region</th><td>{{countries .Scope}} (from the {{.Scope.CountriesFrom}})</td></tr>
<tr><th>grades</th><td>{{grades .Scope}}</td></tr>
<tr><th>recorded incidents in scope</th><td>{{.Scope.Incidents}}</td></tr>
</table>

<h2>By alleged perpetrator</h2>
<table>
<tr><th>party</th><th>recorded</th><th>mentioned</th><th>omitted</th><th>killed recorded</th><th>killed mentioned</th><th>injured recorded</th><th>injured mentioned</th><th>mention share m</th><th>recorded share r</th><th>casualty share c (low / high bounds)</th><th>index m/r</th></tr>
{{range .Parties}}<tr><td>{{.Party}}</td><td class="n">{{.Recorded.Incidents}}</td><td class="n">{{.Mentioned.Incidents}}</td><td class="n">{{omittedCount .}}</td>
<td class="n">{{bounds .Recorded.Killed .Recorded.KilledUnknown}}</td><td class="n">{{bounds .Mentioned.Killed .Mentioned.KilledUnknown}}</td>
<td class="n">{{bounds .Recorded.Injured .Recorded.InjuredUnknown}}</td><td class="n">{{bounds .Mentioned.Injured .Mentioned.InjuredUnknown}}</td>
<td class="n">{{pct .Shares.Mentions}}</td><td class="n">{{pct .Shares.RecordedIncidents}}</td><td class="n">{{pctRange .Shares.RecordedCasualties}}</td><td class="n">{{num .Shares.Index}}</td></tr>
{{end}}</table>
<p><code>{{.Measure.Formula}}</code><br>
ΣM = {{.Measure.Mentioned}}, ΣR = {{.Measure.Recorded}}; gap by incidents {{num .Measure.GapIncidents}}, by casualties {{num .Measure.GapCasualties.Low}} (low bounds) / {{num .Measure.GapCasualties.High}} (high bounds).</p>

{{range .Parties}}<h2>{{.Party}}</h2>
<p>{{.Recorded.Incidents}} recorded, {{.Mentioned.Incidents}} mentioned, {{omittedCount .}} omitted; {{.Attributed}} of the statement's mentions attribute harm to this party.</p>
{{with .Mentioned.List}}<h3>Mentioned</h3><ul>{{range .}}<li>#{{.ID}} {{dateSpan .DateFrom .DateTo}} {{join .Places "; "}}: killed {{.Killed}}, injured {{.Injured}}; {{.Grade}}, {{.Sources}} source(s)
<ul>{{range .MatchedBy}}<li class="muted">matched by {{.}}</li>{{end}}</ul></li>{{end}}</ul>{{end}}
{{with .Omitted}}<h3>Omitted, largest first</h3><ul>{{range .}}<li>#{{.ID}} {{dateSpan .DateFrom .DateTo}} {{join .Places "; "}}: killed {{.Killed}}, injured {{.Injured}}; alleged {{join .Perpetrators " / "}}; {{.Grade}}, {{.Sources}} source(s)
<ul>{{range .Claims}}<li>claim {{.ID}}: {{orDash .Claimant}} (published by {{orDash .Publisher}}, {{orDash .Published}}): killed {{.Killed}}, injured {{.Injured}}{{if .Denied}}; a denial{{end}}{{with .URL}} · <a href="{{.}}" rel="noreferrer nofollow">{{.}}</a>{{end}}</li>{{end}}</ul></li>{{end}}</ul>{{end}}
{{end}}
{{with .Unmatched}}<h2>Mentions no recorded incident in scope matches</h2><ul>{{range .}}<li>{{mention .}}</li>{{end}}</ul>{{end}}
</body></html>
`
