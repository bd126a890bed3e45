// Package harmlog holds the domain types that every part of harmlog shares:
// documents (evidence), claims extracted from them, places, parties, sources,
// incidents and the change log. The packages below it (ingest, extract,
// gazetteer, link, tally, store, ...) each own one step of the flow
// bytes → document → claims → incidents → tallies and pages, and speak to each
// other only through these types.
package harmlog

import (
	"encoding/json"
	"fmt"
	"time"
)

// Range is a count of people or objects harmed, as GUIDELINES.md defines it:
// Min and Max are inclusive bounds, and nil means "not bounded on that side"
// ("at least 13" is {13, nil}; "up to 30" is {nil, 30}).
type Range struct {
	Min *int `json:"min"`
	Max *int `json:"max"`
}

// Exact returns the range {n, n}.
func Exact(n int) *Range { return &Range{Min: &n, Max: &n} }

// Between returns the range {lo, hi}; a negative bound means unbounded.
func Between(lo, hi int) *Range {
	r := &Range{}
	if lo >= 0 {
		r.Min = &lo
	}
	if hi >= 0 {
		r.Max = &hi
	}
	return r
}

// Low is the lowest figure the range admits: Min, else Max, else 0.
func (r *Range) Low() int {
	switch {
	case r == nil:
		return 0
	case r.Min != nil:
		return *r.Min
	case r.Max != nil:
		return *r.Max
	}
	return 0
}

// High is the highest figure the range admits: Max, else Min, else 0.
func (r *Range) High() int {
	switch {
	case r == nil:
		return 0
	case r.Max != nil:
		return *r.Max
	case r.Min != nil:
		return *r.Min
	}
	return 0
}

// String renders the range for people: "13", "13+", "≤30", "5–7".
func (r *Range) String() string {
	switch {
	case r == nil:
		return "–"
	case r.Min != nil && r.Max != nil && *r.Min == *r.Max:
		return fmt.Sprint(*r.Min)
	case r.Min != nil && r.Max != nil:
		return fmt.Sprintf("%d–%d", *r.Min, *r.Max)
	case r.Min != nil:
		return fmt.Sprintf("%d+", *r.Min)
	case r.Max != nil:
		return fmt.Sprintf("≤%d", *r.Max)
	}
	return "?"
}

// Damage is a figure of objects damaged or destroyed.
type Damage struct {
	Range
	Object string `json:"object"` // "residential buildings", "homes", "hospital"
	State  string `json:"state"`  // "destroyed" or "damaged"
}

// Victim categories (GUIDELINES.md).
const (
	VictimsCivilian = "civilian"
	VictimsMilitary = "military"
	VictimsMixed    = "mixed"
	VictimsUnknown  = "unknown"
)

// Claim scopes.
const (
	ScopeIncident   = "incident"
	ScopeCumulative = "cumulative"
)

// Claim review statuses.
const (
	StatusMachine   = "machine"   // extracted by harmlog, not reviewed
	StatusConfirmed = "confirmed" // an analyst agreed with the machine
	StatusCorrected = "corrected" // an analyst changed it
	StatusRejected  = "rejected"  // an analyst found it is not a claim
	StatusImported  = "imported"  // came from structured data (JSONL, ACLED, UCDP)
)

// DateRange is the period a claim speaks of, as YYYY-MM-DD strings; an empty
// string means unknown on that side.
type DateRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// MarshalJSON writes empty sides as null, as the extraction contract wants.
func (d DateRange) MarshalJSON() ([]byte, error) {
	type side = *string
	var f, t side
	if d.From != "" {
		f = &d.From
	}
	if d.To != "" {
		t = &d.To
	}
	return json.Marshal(struct {
		From side `json:"from"`
		To   side `json:"to"`
	}{f, t})
}

// UnmarshalJSON reads null sides as empty strings.
func (d *DateRange) UnmarshalJSON(b []byte) error {
	var v struct {
		From *string `json:"from"`
		To   *string `json:"to"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	d.From, d.To = "", ""
	if v.From != nil {
		d.From = *v.From
	}
	if v.To != nil {
		d.To = *v.To
	}
	return nil
}

// IsZero reports whether neither side is known.
func (d DateRange) IsZero() bool { return d.From == "" && d.To == "" }

// PlaceRef is a place named by a claim or mentioned in a text, resolved
// through the gazetteer where possible. ID is "geonames:NNN" or "user:NNN";
// an unresolved name has an empty ID and nil coordinates.
type PlaceRef struct {
	Name    string   `json:"name"`
	ID      string   `json:"id"`
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
	Country string   `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Admin1  string   `json:"admin1,omitempty"`
	// Alt is another name the claim gives for the same place, such as the
	// other side's toponym ("Gandzak" for Ganja); empty when none.
	Alt string `json:"alt,omitempty"`
	// Start and End are byte offsets of a mention in a document's text; both
	// zero when the place did not come from a text span.
	Start int `json:"start,omitempty"`
	End   int `json:"end,omitempty"`
}

// Claim is one claim of harm: who says what happened where and when, with the
// exact span of text that supports it. Field names and JSON tags follow the
// contract of `harmlog extract --jsonl` (GUIDELINES.md); fields after Start/End
// are harmlog's additions.
type Claim struct {
	Killed      *Range     `json:"killed"`
	Injured     *Range     `json:"injured"`
	Missing     *Range     `json:"missing"`
	Damaged     []Damage   `json:"damaged"`
	Victims     string     `json:"victims"`
	Scope       string     `json:"scope"`
	PartOf      *int       `json:"part_of"` // index in the document's claims
	Date        *DateRange `json:"date"`
	Places      []PlaceRef `json:"places"`
	Weapons     []string   `json:"weapons"` // normalised vocabulary (extract.Weapons)
	Perpetrator string     `json:"perpetrator"`
	Claimant    string     `json:"claimant"`
	Start       int        `json:"start"`
	End         int        `json:"end"`

	// Words as the text has them, kept beside the normalised values.
	WeaponWords      []string `json:"weapon_words,omitempty"`
	PerpetratorWords string   `json:"perpetrator_words,omitempty"`
	// Denied is set when the claim is a denial or counter-claim; DeniedBy
	// names who denies it where the text or data says.
	Denied   bool   `json:"denied,omitempty"`
	DeniedBy string `json:"denied_by,omitempty"`
	// Supersedes: the claimant reports this figure as an update ("the death
	// toll rose to 13") replacing its earlier one.
	Update bool `json:"update,omitempty"`

	// Stored claims only.
	ID         int64  `json:"claim_id,omitempty"`
	DocumentID int64  `json:"document_id,omitempty"`
	Index      int    `json:"index,omitempty"` // position in the document's claims
	Status     string `json:"status,omitempty"`
	Publisher  string `json:"publisher,omitempty"`
	Published  string `json:"published,omitempty"`
	URL        string `json:"url,omitempty"`
	Ref        string `json:"ref,omitempty"`  // an importer's own reference
	Note       string `json:"note,omitempty"` // free text from import or review

	// Sensitive (see Redact): the names of victims, as a source gives them.
	VictimNames []string `json:"victim_names,omitempty"`
}

// Source kinds.
const (
	KindNewsAgency = "news_agency"
	KindNGO        = "ngo"
	KindGovernment = "government"
	KindIntl       = "international_organisation"
	KindDataset    = "dataset"
	KindOther      = "other"
)

// Source is a publisher or a claimant: who speaks. Party is the party it is
// aligned with, empty when independent or unknown.
type Source struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Party string `json:"party"`
}

// Party is a side in a conflict that harm may be attributed to, with the
// words that name it ("Armenian army", "Azerbaijani Armed Forces").
type Party struct {
	ID      int64    `json:"id"`
	Name    string   `json:"name"`
	Country string   `json:"country,omitempty"`
	Aliases []string `json:"aliases"`
}

// Document is a piece of evidence: the original bytes exactly as ingested,
// their SHA-256, and the text and metadata harmlog read from them.
type Document struct {
	ID         int64     `json:"id"`
	SHA256     string    `json:"sha256"`
	Size       int64     `json:"size"`
	MediaType  string    `json:"media_type"`
	Title      string    `json:"title"`
	Publisher  string    `json:"publisher"`
	Published  string    `json:"published"` // YYYY-MM-DD or ""
	URL        string    `json:"url"`
	Language   string    `json:"language"`
	Filename   string    `json:"filename"`
	Text       string    `json:"text,omitempty"`
	IngestedAt time.Time `json:"ingested_at"`
	IngestedBy string    `json:"ingested_by"`
	// Original is the evidence itself; loaded only when asked for.
	Original []byte `json:"-"`
	// Sensitive (see Redact): how to reach the source or witness behind
	// the document (name, phone, address), kept for analysts.
	SourceContact string `json:"source_contact,omitempty"`
}

// Change is one entry of the append-only change log: who did what to which
// record, with the record before and after as JSON.
type Change struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`
	Action   string          `json:"action"` // "ingest", "claim.correct", "incident.merge", ...
	Entity   string          `json:"entity"` // "document", "claim", "incident", ...
	EntityID int64           `json:"entity_id"`
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// Incident grades (link package documents the rules).
const (
	GradeConfirmed  = "confirmed"
	GradeFair       = "fair"
	GradeWeak       = "weak"
	GradeContested  = "contested"
	GradeDiscounted = "discounted"
)

// Incident is one event of harm as reported by one or more claims, with the
// figures derived from them and the evidence for each link.
type Incident struct {
	ID           int64      `json:"id"`
	Key          string     `json:"key"` // deterministic identity from the linker
	DateFrom     string     `json:"date_from"`
	DateTo       string     `json:"date_to"`
	Places       []PlaceRef `json:"places"`
	Country      string     `json:"country,omitempty"`
	Weapons      []string   `json:"weapons"`
	Perpetrators []string   `json:"perpetrators"`
	Victims      string     `json:"victims"`
	Killed       *Range     `json:"killed"`
	Injured      *Range     `json:"injured"`
	Sources      int        `json:"sources"`     // independent sources
	CrossParty   bool       `json:"cross_party"` // corroborated across sides
	Contested    bool       `json:"contested"`
	// Denials lists who denies the incident's claims, as the claims say.
	Denials     []string `json:"denials,omitempty"`
	Grade       string   `json:"grade"`
	GradeReason string   `json:"grade_reason,omitempty"`
	Members     []Link   `json:"claims,omitempty"`
}

// Link ties a claim to an incident, with the linker's score and evidence, or
// an analyst's decision (Pinned).
type Link struct {
	ClaimID    int64   `json:"claim_id"`
	IncidentID int64   `json:"incident_id"`
	Score      float64 `json:"score"`
	Evidence   string  `json:"evidence"`
	Pinned     bool    `json:"pinned"`
	Claim      *Claim  `json:"claim,omitempty"`
}

// Redact removes the sensitive fields (victims' names, source contacts) in
// place from v: a *Claim, *Document or *Incident (the claims of its
// links); anything else is left alone. It is the one place that says which
// fields are sensitive: the web app applies it for roles that may not see
// them, and exports and infographics unless asked to include them.
func Redact(v any) {
	switch v := v.(type) {
	case *Claim:
		if v != nil {
			v.VictimNames = nil
		}
	case *Document:
		if v != nil {
			v.SourceContact = ""
		}
	case *Incident:
		if v != nil {
			for i := range v.Members {
				Redact(v.Members[i].Claim)
			}
		}
	}
}
