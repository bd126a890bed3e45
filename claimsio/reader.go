package claimsio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
)

// MaxLineBytes is the longest line the reader accepts; a longer line is
// reported and skipped.
const MaxLineBytes = 1 << 20

// Reader reads claims one line at a time.
type Reader struct {
	br   *bufio.Reader
	line int
	// Normalize, when set, is called on every claim read, to fill Weapons
	// and Perpetrator from WeaponWords and PerpetratorWords (or anything
	// else the caller wants to derive).
	Normalize func(c *harmlog.Claim)
}

// NewReader returns a Reader reading the flat JSONL form from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, 64<<10)}
}

// Line returns the number of the line last read.
func (r *Reader) Line() int { return r.line }

// Next returns the next claim. At the end of input it returns io.EOF. A
// malformed line returns a *LineError; the next call goes on with the line
// after it. Blank lines are skipped. Any other error is from the underlying
// reader and ends reading.
func (r *Reader) Next() (harmlog.Claim, error) {
	for {
		b, err := r.readLine()
		if err != nil {
			return harmlog.Claim{}, err
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		c, lerr := parseLine(r.line, b)
		if lerr != nil {
			return harmlog.Claim{}, lerr
		}
		if r.Normalize != nil {
			r.Normalize(&c)
		}
		return c, nil
	}
}

// readLine returns the next line without its newline; a line over
// MaxLineBytes is consumed and reported as a *LineError.
func (r *Reader) readLine() ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		frag, err := r.br.ReadSlice('\n')
		if len(buf)+len(frag) > MaxLineBytes {
			tooLong = true
		} else {
			buf = append(buf, frag...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) == 0 && !tooLong {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		r.line++
		if tooLong {
			return nil, &LineError{Line: r.line, Err: fmt.Errorf("line longer than %d bytes", MaxLineBytes)}
		}
		return buf, nil
	}
}

// All returns an iterator over the claims and line errors of the input; it
// stops at the end of input or at an error of the underlying reader (which
// it yields last).
func (r *Reader) All() iter.Seq2[harmlog.Claim, error] {
	return func(yield func(harmlog.Claim, error) bool) {
		for {
			c, err := r.Next()
			if err == io.EOF {
				return
			}
			var le *LineError
			if err != nil && !errors.As(err, &le) {
				yield(harmlog.Claim{}, err)
				return
			}
			if !yield(c, err) {
				return
			}
		}
	}
}

// ReadAll reads every claim of r. It returns the claims of the good lines,
// the errors of the malformed ones, and an error only when r itself fails.
func ReadAll(r io.Reader) (claims []harmlog.Claim, bad []error, err error) {
	rd := NewReader(r)
	for c, e := range rd.All() {
		var le *LineError
		switch {
		case e == nil:
			claims = append(claims, c)
		case errors.As(e, &le):
			bad = append(bad, e)
		default:
			return claims, bad, e
		}
	}
	return claims, bad, nil
}

// parseLine maps one JSON object to a claim.
func parseLine(line int, b []byte) (harmlog.Claim, *LineError) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return harmlog.Claim{}, &LineError{Line: line, Err: fmt.Errorf("not a JSON object: %v", err)}
	}
	p := fieldParser{line: line, m: m}
	c := harmlog.Claim{Scope: harmlog.ScopeIncident, Status: harmlog.StatusImported}

	if d := p.str("date"); d != "" {
		dr, err := ParseDate(d)
		if err != nil {
			return c, &LineError{Line: line, Field: "date", Err: err}
		}
		c.Date = &dr
	}
	place, alt, region := p.str("place"), p.str("place_alt"), p.str("country_or_region")
	if place != "" || alt != "" || region != "" {
		pr := harmlog.PlaceRef{Name: place, Alt: alt}
		if cc := countryCode(region); cc != "" {
			pr.Country = cc
		} else {
			pr.Admin1 = region
		}
		c.Places = []harmlog.PlaceRef{pr}
	}
	c.Killed = p.rng("killed_min", "killed_max")
	c.Injured = p.rng("injured_min", "injured_max")
	if v := p.str("victims"); v != "" {
		c.Note = v
		c.Victims = VictimCategory(v)
	} else {
		c.Victims = harmlog.VictimsUnknown
	}
	if d := p.str("damage"); d != "" {
		st := "damaged"
		if strings.Contains(strings.ToLower(d), "destroy") {
			st = "destroyed"
		}
		c.Damaged = []harmlog.Damage{{Object: d, State: st}}
	}
	if w := p.str("weapon"); w != "" {
		c.WeaponWords = []string{w}
	}
	c.PerpetratorWords = p.str("alleged_perpetrator")
	c.Claimant = p.str("claimant")
	c.Publisher = p.str("publisher")
	if pub := p.str("published"); pub != "" {
		if _, err := time.Parse(time.DateOnly, pub); err != nil && p.err == nil {
			p.err = &LineError{Line: line, Field: "published", Err: fmt.Errorf("want a date YYYY-MM-DD, got %q", pub)}
		}
		c.Published = pub
	}
	c.URL = p.str("url")
	c.DeniedBy = p.str("denied_by")
	c.Ref = p.str("ref")
	c.VictimNames = p.strs("victim_names")
	switch s := p.str("scope"); s {
	case "", harmlog.ScopeIncident:
	case harmlog.ScopeCumulative:
		c.Scope = s
	default:
		if p.err == nil {
			p.err = &LineError{Line: line, Field: "scope", Err: fmt.Errorf("want %q or %q, got %q", harmlog.ScopeIncident, harmlog.ScopeCumulative, s)}
		}
	}
	if p.err != nil {
		return harmlog.Claim{}, p.err
	}
	return c, nil
}

// fieldParser reads typed fields from a decoded line, keeping the first
// error.
type fieldParser struct {
	line int
	m    map[string]json.RawMessage
	err  *LineError
}

func (p *fieldParser) fail(field, format string, args ...any) {
	if p.err == nil {
		p.err = &LineError{Line: p.line, Field: field, Err: fmt.Errorf(format, args...)}
	}
}

// str returns a string field, "" for absent or null.
func (p *fieldParser) str(field string) string {
	raw, ok := p.m[field]
	if !ok || string(raw) == "null" {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		p.fail(field, "want a string, got %s", clip(raw))
		return ""
	}
	return strings.TrimSpace(s)
}

// strs returns a list of strings: a JSON array of strings, or one string
// whose items are separated by ";"; empty items are dropped, nil for
// absent or null.
func (p *fieldParser) strs(field string) []string {
	raw, ok := p.m[field]
	if !ok || string(raw) == "null" {
		return nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			p.fail(field, "want an array of strings or a string, got %s", clip(raw))
			return nil
		}
		list = strings.Split(s, ";")
	}
	var out []string
	for _, v := range list {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// num returns a whole-number field, nil for absent or null. A string of
// digits is accepted.
func (p *fieldParser) num(field string) *int {
	raw, ok := p.m[field]
	if !ok || string(raw) == "null" {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		raw = []byte(strings.TrimSpace(s))
	}
	n, err := strconv.Atoi(string(raw))
	if err != nil {
		if s != "" {
			p.fail(field, "want a whole number, got %q", s)
		} else {
			p.fail(field, "want a whole number, got %s", clip(raw))
		}
		return nil
	}
	if n < 0 {
		p.fail(field, "want a whole number of zero or more, got %d", n)
		return nil
	}
	return &n
}

// rng reads a pair of bounds into a range, nil when both are null.
func (p *fieldParser) rng(minField, maxField string) *harmlog.Range {
	lo, hi := p.num(minField), p.num(maxField)
	if lo == nil && hi == nil {
		return nil
	}
	if lo != nil && hi != nil && *lo > *hi {
		p.fail(maxField, "%d is less than %s %d", *hi, minField, *lo)
		return nil
	}
	return &harmlog.Range{Min: lo, Max: hi}
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

// ParseDate reads a claim date: "2020-10-27", a month "2020-10", a year
// "2020", or a period "2020-10-27/2020-10-29" of any of these.
func ParseDate(s string) (harmlog.DateRange, error) {
	if a, b, ok := strings.Cut(s, "/"); ok {
		ra, err := ParseDate(strings.TrimSpace(a))
		if err != nil {
			return harmlog.DateRange{}, err
		}
		rb, err := ParseDate(strings.TrimSpace(b))
		if err != nil {
			return harmlog.DateRange{}, err
		}
		if rb.To < ra.From {
			return harmlog.DateRange{}, fmt.Errorf("period %q ends before it starts", s)
		}
		return harmlog.DateRange{From: ra.From, To: rb.To}, nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		end := t
		switch layout {
		case "2006-01":
			end = t.AddDate(0, 1, -1)
		case "2006":
			end = t.AddDate(1, 0, -1)
		}
		return harmlog.DateRange{From: t.Format(time.DateOnly), To: end.Format(time.DateOnly)}, nil
	}
	return harmlog.DateRange{}, fmt.Errorf("want a date YYYY-MM-DD, YYYY-MM, YYYY or a period A/B, got %q", s)
}
