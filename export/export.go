// Package export writes incidents, claims and documents as files other
// tools read: CSV with stable columns, JSON with every field, GeoJSON
// (RFC 7946: a FeatureCollection of Points in longitude, latitude order, one
// per place that has coordinates, for QGIS and Leaflet), an ACLED-compatible
// CSV (ACLED's current lower-case column set, filled where harmlog knows the
// value and empty otherwise) and, for claims, the flat JSONL form that
// `harmlog import claims` reads back. Output is deterministic: records come
// in the order given (the store's: incidents by date then id, claims and
// documents by id), fields in a fixed order, and nothing depends on the
// time of the export.
//
// Writers stream: Begin is implicit, each record is written as it comes,
// and Close ends the document (the JSON array, the FeatureCollection).
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/claimsio"
	"github.com/harmlog/harmlog/dataset"
)

// Format is an output format.
type Format string

// The formats.
const (
	CSV     Format = "csv"
	JSON    Format = "json"
	GeoJSON Format = "geojson"
	ACLED   Format = "acled"
	JSONL   Format = "jsonl" // claims only: the flat form of `import claims`
)

// Formats lists the formats each kind of record can be written in.
func Formats(kind string) []Format {
	switch kind {
	case "incidents":
		return []Format{CSV, JSON, GeoJSON, ACLED}
	case "claims":
		return []Format{CSV, JSON, GeoJSON, ACLED, JSONL}
	case "documents":
		return []Format{CSV, JSON}
	}
	return nil
}

// ParseFormat checks that name is a format records of kind (incidents,
// claims, documents) can be written in.
func ParseFormat(kind, name string) (Format, error) {
	var names []string
	for _, f := range Formats(kind) {
		if string(f) == name {
			return f, nil
		}
		names = append(names, string(f))
	}
	if names == nil {
		return "", fmt.Errorf("export: unknown kind %q: want incidents, claims or documents", kind)
	}
	return "", fmt.Errorf("export: %s cannot be written as %q: want %s", kind, name, strings.Join(names, ", "))
}

// ClaimWithIncident is a claim as exported: the claim and the incident it
// is linked to (0 when none).
type ClaimWithIncident struct {
	harmlog.Claim
	IncidentID int64 `json:"incident_id,omitempty"`
}

// IncidentColumns returns the columns of incidents as CSV, in order.
func IncidentColumns() []string {
	return []string{"incident_id", "key", "date_from", "date_to", "places", "country",
		"latitude", "longitude", "killed_low", "killed_high", "injured_low", "injured_high", "victims",
		"perpetrators", "weapons", "sources", "cross_party", "contested", "denials", "grade", "grade_reason",
		"claims", "claim_ids"}
}

// ClaimColumns returns the columns of claims as CSV, in order.
func ClaimColumns() []string {
	return []string{"claim_id", "document_id", "index", "incident_id", "status", "scope",
		"date_from", "date_to", "place", "place_id", "country", "admin1", "latitude", "longitude",
		"killed_min", "killed_max", "injured_min", "injured_max", "missing_min", "missing_max", "victims",
		"weapons", "perpetrator", "perpetrator_words", "claimant", "publisher", "published", "url",
		"denied", "denied_by", "update", "part_of", "ref", "note"}
}

// DocumentColumns returns the columns of documents as CSV, in order.
func DocumentColumns() []string {
	return []string{"document_id", "sha256", "size", "media_type", "title", "publisher",
		"published", "url", "language", "filename", "ingested_at", "ingested_by"}
}

// ACLEDColumns returns the columns of the ACLED-compatible CSV: ACLED's
// current lower-case column set.
func ACLEDColumns() []string {
	return []string{"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
		"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
		"inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
		"admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
		"fatalities", "tags", "timestamp"}
}

// sink writes records of one format: CSV rows, a JSON array, GeoJSON
// features or JSON lines.
type sink struct {
	f     Format
	bw    *bufio.Writer
	csv   *csv.Writer
	n     int // records (JSON) or features (GeoJSON) written
	claim *claimsio.Writer
}

func newSink(w io.Writer, f Format, header []string) (*sink, error) {
	s := &sink{f: f, bw: bufio.NewWriter(w)}
	switch f {
	case CSV, ACLED:
		s.csv = csv.NewWriter(s.bw)
		if err := s.csv.Write(header); err != nil {
			return nil, err
		}
	case JSON:
		s.bw.WriteString("[")
	case GeoJSON:
		s.bw.WriteString(`{"type":"FeatureCollection","features":[`)
	case JSONL:
		s.claim = claimsio.NewWriter(s.bw)
	default:
		return nil, fmt.Errorf("export: unknown format %q", f)
	}
	return s, nil
}

func (s *sink) row(rec []string) error { return s.csv.Write(rec) }

// value writes one JSON array element or GeoJSON feature.
func (s *sink) value(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if s.n > 0 {
		s.bw.WriteString(",")
	}
	s.bw.WriteString("\n")
	s.n++
	_, err = s.bw.Write(b)
	return err
}

func (s *sink) close() error {
	switch s.f {
	case CSV, ACLED:
		s.csv.Flush()
		if err := s.csv.Error(); err != nil {
			return err
		}
	case JSON:
		if s.n > 0 {
			s.bw.WriteString("\n")
		}
		s.bw.WriteString("]\n")
	case GeoJSON:
		if s.n > 0 {
			s.bw.WriteString("\n")
		}
		s.bw.WriteString("]}\n")
	case JSONL:
		if err := s.claim.Flush(); err != nil {
			return err
		}
	}
	return s.bw.Flush()
}

// feature is a GeoJSON Feature with a Point geometry.
type feature struct {
	Type       string         `json:"type"`
	Geometry   point          `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // longitude, latitude (RFC 7946)
}

func newFeature(lat, lon float64, props map[string]any) feature {
	return feature{Type: "Feature", Geometry: point{Type: "Point", Coordinates: [2]float64{lon, lat}}, Properties: props}
}

// geoProps turns a CSV header and row into GeoJSON properties: numbers stay
// numbers, empty values are null.
func geoProps(cols, rec []string, numeric func(string) bool) map[string]any {
	m := make(map[string]any, len(cols))
	for i, c := range cols {
		v := rec[i]
		switch {
		case v == "":
			m[c] = nil
		case c == "cross_party" || c == "contested" || c == "denied" || c == "update":
			m[c] = v == "true"
		case numeric(c):
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				m[c] = f
				continue
			}
			m[c] = v
		default:
			m[c] = v
		}
	}
	return m
}

func num(n int) string { return strconv.Itoa(n) }

func num64(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func coord(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func bound(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// low and high render a range's bounds for people and tables: empty for
// an unknown range.
func low(r *harmlog.Range) string {
	if r == nil {
		return ""
	}
	return strconv.Itoa(r.Low())
}

func high(r *harmlog.Range) string {
	if r == nil {
		return ""
	}
	return strconv.Itoa(r.High())
}

func boolean(b bool) string {
	if b {
		return "true"
	}
	return "false"
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
	return strings.Join(names, "; ")
}

// firstCoords returns the first place with coordinates.
func firstCoords(ps []harmlog.PlaceRef) (harmlog.PlaceRef, bool) {
	for _, p := range ps {
		if p.Lat != nil && p.Lon != nil {
			return p, true
		}
	}
	return harmlog.PlaceRef{}, false
}

// countryName is the country name ACLED would write for a code.
func countryName(code string) string {
	if n := dataset.CountryName(code); n != "" {
		return n
	}
	return code
}
