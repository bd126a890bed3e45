package claimsio

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"

	"github.com/harmlog/harmlog"
)

// flat is one line of the flat form, in the order the fields are written.
type flat struct {
	Date        *string `json:"date"`
	Place       *string `json:"place"`
	PlaceAlt    *string `json:"place_alt"`
	Region      *string `json:"country_or_region"`
	KilledMin   *int    `json:"killed_min"`
	KilledMax   *int    `json:"killed_max"`
	InjuredMin  *int    `json:"injured_min"`
	InjuredMax  *int    `json:"injured_max"`
	Victims     *string `json:"victims"`
	Damage      *string `json:"damage"`
	Weapon      *string `json:"weapon"`
	Perpetrator *string `json:"alleged_perpetrator"`
	Claimant    *string `json:"claimant"`
	Publisher   *string `json:"publisher"`
	Published   *string `json:"published"`
	URL         *string `json:"url"`
	DeniedBy    *string `json:"denied_by"`
	Ref         string  `json:"ref,omitempty"`
	Scope       string  `json:"scope,omitempty"`
	// Sensitive: written only when the claim carries them (exports leave
	// them out unless asked).
	VictimNames []string `json:"victim_names,omitempty"`
}

// Writer writes claims in the flat JSONL form, one a line.
type Writer struct {
	bw *bufio.Writer
}

// NewWriter returns a Writer writing to w; call Flush when done.
func NewWriter(w io.Writer) *Writer { return &Writer{bw: bufio.NewWriter(w)} }

// Write writes one claim. Several places are joined with "; ", as are
// several weapons; the words of the claim are preferred to normalised
// values. Scope is written only when it is not "incident".
func (w *Writer) Write(c harmlog.Claim) error {
	f := flat{
		Weapon:      opt(strings.Join(firstNonEmpty(c.WeaponWords, c.Weapons), "; ")),
		Perpetrator: opt(orElse(c.PerpetratorWords, c.Perpetrator)),
		Claimant:    opt(c.Claimant),
		Publisher:   opt(c.Publisher),
		Published:   opt(c.Published),
		URL:         opt(c.URL),
		DeniedBy:    opt(c.DeniedBy),
		Ref:         c.Ref,
		VictimNames: c.VictimNames,
	}
	if c.Scope != "" && c.Scope != harmlog.ScopeIncident {
		f.Scope = c.Scope
	}
	if c.Date != nil && !c.Date.IsZero() {
		d := c.Date.From
		if c.Date.To != c.Date.From {
			d = c.Date.From + "/" + c.Date.To
		}
		f.Date = &d
	}
	if len(c.Places) > 0 {
		var names, alts []string
		for _, p := range c.Places {
			names = append(names, p.Name)
			if p.Alt != "" {
				alts = append(alts, p.Alt)
			}
		}
		f.Place = opt(strings.Join(names, "; "))
		f.PlaceAlt = opt(strings.Join(alts, "; "))
		p := c.Places[0]
		if p.Country != "" {
			f.Region = opt(countryName(p.Country))
		} else {
			f.Region = opt(p.Admin1)
		}
	}
	if c.Killed != nil {
		f.KilledMin, f.KilledMax = c.Killed.Min, c.Killed.Max
	}
	if c.Injured != nil {
		f.InjuredMin, f.InjuredMax = c.Injured.Min, c.Injured.Max
	}
	switch {
	case c.Note != "":
		f.Victims = opt(c.Note)
	case c.Victims != "" && c.Victims != harmlog.VictimsUnknown:
		f.Victims = opt(c.Victims)
	}
	if len(c.Damaged) > 0 {
		var ds []string
		for _, d := range c.Damaged {
			ds = append(ds, d.Object)
		}
		f.Damage = opt(strings.Join(ds, "; "))
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.bw.Write(b)
	return err
}

// Flush writes any buffered data to the underlying writer.
func (w *Writer) Flush() error { return w.bw.Flush() }

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func firstNonEmpty(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}
