package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/harmlog/harmlog"
)

// IncidentWriter writes incidents in one format.
type IncidentWriter struct{ s *sink }

// NewIncidentWriter starts writing incidents to w in format f (csv, json,
// geojson or acled). Close must be called to end the output.
func NewIncidentWriter(w io.Writer, f Format) (*IncidentWriter, error) {
	if _, err := ParseFormat("incidents", string(f)); err != nil {
		return nil, err
	}
	s, err := newSink(w, f, header(f, IncidentColumns()))
	if err != nil {
		return nil, err
	}
	return &IncidentWriter{s}, nil
}

func header(f Format, cols []string) []string {
	if f == ACLED {
		return ACLEDColumns()
	}
	return cols
}

// Write writes one incident: a CSV or ACLED row, a JSON object with its
// member links and their claims, or one GeoJSON Point feature per place
// with coordinates (none when no place has them).
func (iw *IncidentWriter) Write(inc *harmlog.Incident) error {
	switch iw.s.f {
	case JSON:
		return iw.s.value(inc)
	case ACLED:
		return iw.s.row(acledIncident(inc))
	}
	rec := incidentRow(inc)
	if iw.s.f == CSV {
		return iw.s.row(rec)
	}
	props := geoProps(IncidentColumns(), rec, numeric)
	for i, p := range inc.Places {
		if p.Lat == nil || p.Lon == nil {
			continue
		}
		pr := props
		if len(inc.Places) > 1 {
			pr = copyProps(props)
		}
		pr["place"] = p.Name
		pr["latitude"], pr["longitude"] = *p.Lat, *p.Lon
		pr["place_id"] = p.ID
		pr["place_index"] = i
		if err := iw.s.value(newFeature(*p.Lat, *p.Lon, pr)); err != nil {
			return err
		}
	}
	return nil
}

// Close ends the output.
func (iw *IncidentWriter) Close() error { return iw.s.close() }

func copyProps(m map[string]any) map[string]any {
	c := make(map[string]any, len(m)+3)
	for k, v := range m {
		c[k] = v
	}
	return c
}

// numeric reports whether a column of incidents or claims holds numbers,
// which GeoJSON properties keep as numbers.
func numeric(col string) bool {
	switch col {
	case "incident_id", "claim_id", "document_id", "index", "latitude", "longitude", "killed_low", "killed_high",
		"injured_low", "injured_high", "sources", "claims", "killed_min", "killed_max", "injured_min",
		"injured_max", "missing_min", "missing_max", "part_of":
		return true
	}
	return false
}

func incidentRow(inc *harmlog.Incident) []string {
	lat, lon := "", ""
	if p, ok := firstCoords(inc.Places); ok {
		lat, lon = coord(p.Lat), coord(p.Lon)
	}
	var ids []string
	for _, m := range inc.Members {
		ids = append(ids, strconv.FormatInt(m.ClaimID, 10))
	}
	return []string{num64(inc.ID), inc.Key, inc.DateFrom, inc.DateTo, placeNames(inc.Places), inc.Country,
		lat, lon, low(inc.Killed), high(inc.Killed), low(inc.Injured), high(inc.Injured), inc.Victims,
		strings.Join(inc.Perpetrators, "; "), strings.Join(inc.Weapons, "; "), num(inc.Sources),
		boolean(inc.CrossParty), boolean(inc.Contested), strings.Join(inc.Denials, "; "), inc.Grade,
		inc.GradeReason, num(len(inc.Members)), strings.Join(ids, " ")}
}

// ClaimWriter writes claims in one format.
type ClaimWriter struct{ s *sink }

// NewClaimWriter starts writing claims to w in format f (csv, json,
// geojson, acled or jsonl). Close must be called to end the output.
func NewClaimWriter(w io.Writer, f Format) (*ClaimWriter, error) {
	if _, err := ParseFormat("claims", string(f)); err != nil {
		return nil, err
	}
	s, err := newSink(w, f, header(f, ClaimColumns()))
	if err != nil {
		return nil, err
	}
	return &ClaimWriter{s}, nil
}

// Write writes one claim with the incident it belongs to (0: none): a CSV
// or ACLED row (the first place), a JSON object, a flat JSONL line, or one
// GeoJSON Point feature per place with coordinates.
func (cw *ClaimWriter) Write(c *harmlog.Claim, incidentID int64) error {
	switch cw.s.f {
	case JSON:
		return cw.s.value(ClaimWithIncident{Claim: *c, IncidentID: incidentID})
	case JSONL:
		return cw.s.claim.Write(*c)
	case ACLED:
		return cw.s.row(acledClaim(c))
	case CSV:
		p := harmlog.PlaceRef{}
		if len(c.Places) > 0 {
			p = c.Places[0]
		}
		return cw.s.row(claimRow(c, incidentID, p, placeNames(c.Places)))
	}
	for _, p := range c.Places {
		if p.Lat == nil || p.Lon == nil {
			continue
		}
		props := geoProps(ClaimColumns(), claimRow(c, incidentID, p, p.Name), numeric)
		if err := cw.s.value(newFeature(*p.Lat, *p.Lon, props)); err != nil {
			return err
		}
	}
	return nil
}

// Close ends the output.
func (cw *ClaimWriter) Close() error { return cw.s.close() }

func claimRow(c *harmlog.Claim, incidentID int64, p harmlog.PlaceRef, place string) []string {
	from, to := "", ""
	if c.Date != nil {
		from, to = c.Date.From, c.Date.To
	}
	r := func(x *harmlog.Range) (string, string) {
		if x == nil {
			return "", ""
		}
		return bound(x.Min), bound(x.Max)
	}
	kmin, kmax := r(c.Killed)
	imin, imax := r(c.Injured)
	mmin, mmax := r(c.Missing)
	partOf := ""
	if c.PartOf != nil {
		partOf = strconv.Itoa(*c.PartOf)
	}
	return []string{num64(c.ID), num64(c.DocumentID), num(c.Index), num64(incidentID), c.Status, c.Scope,
		from, to, place, p.ID, p.Country, p.Admin1, coord(p.Lat), coord(p.Lon),
		kmin, kmax, imin, imax, mmin, mmax, c.Victims, strings.Join(c.Weapons, "; "),
		c.Perpetrator, c.PerpetratorWords, c.Claimant, c.Publisher, c.Published, c.URL,
		boolean(c.Denied), c.DeniedBy, boolean(c.Update), partOf, c.Ref, c.Note}
}

// DocumentWriter writes documents' metadata (and, in JSON, their text).
type DocumentWriter struct{ s *sink }

// NewDocumentWriter starts writing documents to w in format f (csv or
// json). Close must be called to end the output.
func NewDocumentWriter(w io.Writer, f Format) (*DocumentWriter, error) {
	if _, err := ParseFormat("documents", string(f)); err != nil {
		return nil, err
	}
	s, err := newSink(w, f, DocumentColumns())
	if err != nil {
		return nil, err
	}
	return &DocumentWriter{s}, nil
}

// Write writes one document: its metadata as a CSV row, or as a JSON object
// with its text when d.Text is set (the original bytes are never written:
// `harmlog docs show ID --original` gives them).
func (dw *DocumentWriter) Write(d *harmlog.Document) error {
	if dw.s.f == JSON {
		return dw.s.value(d)
	}
	at := ""
	if !d.IngestedAt.IsZero() {
		at = d.IngestedAt.UTC().Format("2006-01-02T15:04:05.000000Z")
	}
	return dw.s.row([]string{num64(d.ID), d.SHA256, strconv.FormatInt(d.Size, 10), d.MediaType, d.Title,
		d.Publisher, d.Published, d.URL, d.Language, d.Filename, at, d.IngestedBy})
}

// Close ends the output.
func (dw *DocumentWriter) Close() error { return dw.s.close() }

// acledRow fills the ACLED columns harmlog knows.
type acledRow struct {
	id, date, timePrec, eventType, actor1, civilian, country, admin1, location string
	lat, lon, geoPrec, source, notes, fatalities                               string
}

func (a acledRow) record() []string {
	year := ""
	if len(a.date) >= 4 {
		year = a.date[:4]
	}
	disorder := ""
	if a.eventType != "" {
		disorder = "Political violence"
	}
	return []string{a.id, a.date, year, a.timePrec, disorder, a.eventType, "", a.actor1, "", "", "", "",
		"", "", a.civilian, "", "", a.country, a.admin1, "", "", a.location, a.lat, a.lon, a.geoPrec,
		a.source, "", a.notes, a.fatalities, "", ""}
}

// timePrecision is ACLED's time precision of a period: 1 a day, 2 up to a
// week, 3 longer.
func timePrecision(from, to string) string {
	switch {
	case from == "":
		return ""
	case to == "" || to == from:
		return "1"
	}
	d0, ok0 := day(from)
	d1, ok1 := day(to)
	if ok0 && ok1 && d1-d0 <= 7 {
		return "2"
	}
	return "3"
}

// day counts days since a fixed date well enough to compare periods.
func day(s string) (int, bool) {
	if len(s) != 10 {
		return 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:])
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, false
	}
	// Days from civil (H. Hinnant's algorithm).
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe, true
}

func civilianTargeting(victims string) string {
	if victims == harmlog.VictimsCivilian {
		return "Civilian targeting"
	}
	return ""
}

// geoPrecision is ACLED's: 1 for a place the gazetteer or the coders
// located, 3 when only a country or area is known.
func geoPrecision(p harmlog.PlaceRef) string {
	switch {
	case p.Lat == nil:
		return ""
	case p.ID != "":
		return "1"
	}
	return "3"
}

// eventType is ACLED's event type for a claim of harm: violence against
// civilians when the victims are civilians, else unknown.
func eventType(victims string) string {
	if victims == harmlog.VictimsCivilian {
		return "Violence against civilians"
	}
	return ""
}

func acledIncident(inc *harmlog.Incident) []string {
	a := acledRow{id: "HL" + inc.Key, date: inc.DateFrom, timePrec: timePrecision(inc.DateFrom, inc.DateTo),
		eventType: eventType(inc.Victims), actor1: strings.Join(inc.Perpetrators, "; "),
		civilian: civilianTargeting(inc.Victims), country: countryName(inc.Country),
		location: placeNames(inc.Places), fatalities: low(inc.Killed)}
	if p, ok := firstCoords(inc.Places); ok {
		a.lat, a.lon, a.geoPrec, a.admin1 = coord(p.Lat), coord(p.Lon), geoPrecision(p), p.Admin1
	}
	var sources, notes []string
	for _, m := range inc.Members {
		if m.Claim == nil {
			continue
		}
		src := m.Claim.Claimant
		if src == "" {
			src = m.Claim.Publisher
		}
		if src != "" && !contains(sources, src) {
			sources = append(sources, src)
		}
	}
	notes = append(notes, fmt.Sprintf("harmlog incident %d, grade %s: killed %s, injured %s, %d independent source(s)",
		inc.ID, inc.Grade, inc.Killed, inc.Injured, inc.Sources))
	a.source, a.notes = strings.Join(sources, "; "), strings.Join(notes, " ")
	return a.record()
}

func acledClaim(c *harmlog.Claim) []string {
	from, to := "", ""
	if c.Date != nil {
		from, to = c.Date.From, c.Date.To
	}
	id := fmt.Sprintf("HLC%d", c.ID)
	if strings.HasPrefix(c.Ref, "ACLED ") {
		id = strings.TrimPrefix(c.Ref, "ACLED ")
	}
	a := acledRow{id: id, date: from, timePrec: timePrecision(from, to), eventType: eventType(c.Victims),
		actor1: orElse(c.PerpetratorWords, c.Perpetrator), civilian: civilianTargeting(c.Victims),
		source: orElse(c.Claimant, c.Publisher), notes: c.Note, fatalities: low(c.Killed)}
	if len(c.Places) > 0 {
		p := c.Places[0]
		a.country, a.admin1, a.location = countryName(p.Country), p.Admin1, p.Name
		a.lat, a.lon, a.geoPrec = coord(p.Lat), coord(p.Lon), geoPrecision(p)
	}
	return a.record()
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
