package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/store"
)

// The review queue: an analyst confirms, corrects or rejects a machine
// claim, from the page (postReview) or the API (apiReview); both go
// through review, which checks a correction whole before anything is
// stored and records it in the change log with who made it.

// Review is the body of POST /api/claims/{id}: an analyst's decision on a
// claim. Claim holds the corrected fields for "correct" (fields left out
// keep their stored values). Places, for "correct", replaces the claim's
// places by names: a name the claim already has keeps its place, any other
// is resolved through the gazetteer (an unknown name is an error). A
// corrected perpetrator is normalised through the party registry (the
// words given are kept as perpetrator_words) and kept as given when it
// names no single party.
type Review struct {
	Action string          `json:"action"` // confirm, reject or correct
	Claim  json.RawMessage `json:"claim,omitempty"`
	Places []string        `json:"places,omitempty"`
}

// maxPlaces bounds the places of a correction.
const maxPlaces = 20

// review applies an analyst's decision and returns the claim as stored.
// A correction that fails a check is refused whole (EINVALID naming the
// field); nothing is stored then.
func (s *Server) review(r *http.Request, id int64, rv Review) (*harmlog.Claim, error) {
	c, err := s.cfg.Store.Claim(r.Context(), id)
	if err != nil {
		return nil, err
	}
	switch rv.Action {
	case "confirm":
		c.Status = harmlog.StatusConfirmed
	case "reject":
		c.Status = harmlog.StatusRejected
	case "correct":
		if (len(rv.Claim) == 0 || string(rv.Claim) == "null") && rv.Places == nil {
			return nil, invalid("correct: give the corrected fields in \"claim\" or \"places\"")
		}
		if err := s.correct(c, rv); err != nil {
			return nil, err
		}
		c.ID = id
		c.Status = harmlog.StatusCorrected
	default:
		return nil, invalid("action %q: want confirm, reject or correct", rv.Action)
	}
	if err := s.cfg.Store.UpdateClaim(r.Context(), c, actor(r), "claim."+rv.Action); err != nil {
		return nil, err
	}
	return s.cfg.Store.Claim(r.Context(), id)
}

// correct applies a correction to c (the stored claim) and checks the
// result.
func (s *Server) correct(c *harmlog.Claim, rv Review) error {
	old := *c
	if len(rv.Claim) > 0 && string(rv.Claim) != "null" {
		dec := json.NewDecoder(bytes.NewReader(rv.Claim))
		dec.DisallowUnknownFields() // a misspelt field is an error, not ignored
		if err := dec.Decode(c); err != nil {
			return invalid("claim: %v", err)
		}
	}
	if rv.Places != nil {
		ps, err := s.resolvePlaces(old.Places, rv.Places)
		if err != nil {
			return err
		}
		c.Places = ps
	}
	c.Claimant = strings.TrimSpace(c.Claimant)
	if p := strings.TrimSpace(c.Perpetrator); p != old.Perpetrator {
		c.Perpetrator, c.PerpetratorWords = p, ""
		if canon, ok := s.cfg.Parties.Normalize(p); ok && p != "" {
			c.Perpetrator = canon
			if canon != p {
				c.PerpetratorWords = p
			}
		}
	}
	return checkCorrection(c)
}

// resolvePlaces turns the names of a correction into places: a name the
// claim has keeps its place; others are resolved through the gazetteer.
func (s *Server) resolvePlaces(have []harmlog.PlaceRef, names []string) ([]harmlog.PlaceRef, error) {
	if len(names) > maxPlaces {
		return nil, invalid("places: %d names, at most %d", len(names), maxPlaces)
	}
	out := []harmlog.PlaceRef{}
	var countries []string
	for _, p := range have {
		if p.Country != "" {
			countries = append(countries, p.Country)
		}
	}
next:
	for i, n := range names {
		n = strings.TrimSpace(n)
		switch {
		case n == "":
			continue
		case len(n) > 200:
			return nil, invalid("places[%d]: %d bytes, at most 200", i, len(n))
		}
		for _, p := range have {
			if gazetteer.Fold(p.Name) == gazetteer.Fold(n) || (p.Alt != "" && gazetteer.Fold(p.Alt) == gazetteer.Fold(n)) {
				out = append(out, p)
				continue next
			}
		}
		if s.cfg.Gazetteer == nil {
			return nil, invalid("places[%d]: %q cannot be resolved: the server has no gazetteer", i, n)
		}
		pl, ok := s.cfg.Gazetteer.Resolve(n, countries...)
		if !ok {
			return nil, invalid("places[%d]: %q is not in the gazetteer (search /api/places?q=… for its spelling there)", i, n)
		}
		ref := pl.Ref()
		if gazetteer.Fold(pl.Name) != gazetteer.Fold(n) {
			ref.Alt = n // the analyst's spelling, beside the gazetteer's
		}
		out = append(out, ref)
	}
	return out, nil
}

// checkCorrection checks what an analyst may correct: figures are
// non-negative with min ≤ max, dates are YYYY-MM-DD with from ≤ to, and
// victims is a known category. The error names the field.
func checkCorrection(c *harmlog.Claim) error {
	for _, f := range []struct {
		name string
		r    *harmlog.Range
	}{{"killed", c.Killed}, {"injured", c.Injured}, {"missing", c.Missing}} {
		if f.r == nil {
			continue
		}
		if f.r.Min != nil && *f.r.Min < 0 {
			return invalid("%s.min: %d is negative", f.name, *f.r.Min)
		}
		if f.r.Max != nil && *f.r.Max < 0 {
			return invalid("%s.max: %d is negative", f.name, *f.r.Max)
		}
		if f.r.Min != nil && f.r.Max != nil && *f.r.Min > *f.r.Max {
			return invalid("%s: min %d is more than max %d", f.name, *f.r.Min, *f.r.Max)
		}
	}
	if d := c.Date; d != nil {
		for _, side := range []struct{ name, v string }{{"date.from", d.From}, {"date.to", d.To}} {
			if side.v == "" {
				continue
			}
			if _, err := time.Parse(time.DateOnly, side.v); err != nil {
				return invalid("%s: %q is not a date (want YYYY-MM-DD)", side.name, side.v)
			}
		}
		if d.From != "" && d.To != "" && d.From > d.To {
			return invalid("date: from %s is after to %s", d.From, d.To)
		}
		if d.From == "" && d.To == "" {
			c.Date = nil
		}
	}
	switch c.Victims {
	case "", harmlog.VictimsCivilian, harmlog.VictimsMilitary, harmlog.VictimsMixed, harmlog.VictimsUnknown:
	default:
		return invalid("victims: %q: want civilian, military, mixed or unknown", c.Victims)
	}
	return nil
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var rv Review
	if err := readJSON(r, &rv); err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, err := s.review(r, id, rv)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// reviewItem is a claim waiting for review with the text it rests on, its
// places as the gazetteer resolves them, and its fields as the
// correction form shows them.
type reviewItem struct {
	Claim  harmlog.Claim
	Quote  string
	Doc    string
	Places []placeView
	Form   correctionValues
}

// placeView is a claim's place and the gazetteer's candidate for it.
type placeView struct {
	Name     string
	Resolved string // the candidate, described; "" when none
	Stored   bool   // the claim carries the candidate's id
}

// correctionValues are a claim's fields as form values.
type correctionValues struct {
	KilledMin, KilledMax, InjuredMin, InjuredMax, MissingMin, MissingMax string
	DateFrom, DateTo, Places, Perpetrator, Claimant, Victims             string
}

func formValues(c *harmlog.Claim) correctionValues {
	bound := func(r *harmlog.Range, max bool) string {
		switch {
		case r == nil:
			return ""
		case max && r.Max != nil:
			return strconv.Itoa(*r.Max)
		case !max && r.Min != nil:
			return strconv.Itoa(*r.Min)
		}
		return ""
	}
	v := correctionValues{
		KilledMin: bound(c.Killed, false), KilledMax: bound(c.Killed, true),
		InjuredMin: bound(c.Injured, false), InjuredMax: bound(c.Injured, true),
		MissingMin: bound(c.Missing, false), MissingMax: bound(c.Missing, true),
		Perpetrator: c.Perpetrator, Claimant: c.Claimant, Victims: c.Victims,
	}
	if c.Date != nil {
		v.DateFrom, v.DateTo = c.Date.From, c.Date.To
	}
	var names []string
	for _, p := range c.Places {
		names = append(names, p.Name)
	}
	v.Places = strings.Join(names, "\n")
	return v
}

// placeViews describes the gazetteer's candidate for each place.
func (s *Server) placeViews(ps []harmlog.PlaceRef) []placeView {
	out := make([]placeView, 0, len(ps))
	for _, p := range ps {
		v := placeView{Name: p.Name}
		if s.cfg.Gazetteer != nil {
			pl, ok := s.cfg.Gazetteer.ByID(p.ID)
			v.Stored = ok
			if !ok {
				pl, ok = s.cfg.Gazetteer.Resolve(p.Name, p.Country)
			}
			if ok {
				v.Resolved = describePlace(pl)
			}
		}
		out = append(out, v)
	}
	return out
}

func describePlace(p gazetteer.Place) string {
	where := p.Country
	if p.Admin1 != "" {
		where = p.Admin1 + ", " + where
	}
	return fmt.Sprintf("%s (%s; %s; %.3f, %.3f)", p.Name, where, p.ID, p.Lat, p.Lon)
}

func (s *Server) pageReview(w http.ResponseWriter, r *http.Request) {
	q := &query{r: r}
	limit, offset := q.int("limit", 50, maxLimit), q.int("offset", 0, maxOffset)
	if q.err != nil {
		s.pageFail(w, r, q.err)
		return
	}
	claims, err := s.cfg.Store.Claims(r.Context(), store.ClaimFilter{Status: harmlog.StatusMachine, Limit: limit, Offset: offset})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	docs := map[int64]*harmlog.Document{}
	items := make([]reviewItem, 0, len(claims))
	for i := range claims {
		c := &claims[i]
		d := docs[c.DocumentID]
		if d == nil {
			if d, err = s.cfg.Store.Document(r.Context(), c.DocumentID, false); err != nil {
				s.pageFail(w, r, err)
				return
			}
			docs[c.DocumentID] = d
		}
		items = append(items, reviewItem{Claim: *c, Quote: quote(d.Text, c.Start, c.End), Doc: orDash(d.Title),
			Places: s.placeViews(c.Places), Form: formValues(c)})
	}
	var parties []string
	for _, p := range s.cfg.Parties.Parties() {
		parties = append(parties, p.Name)
	}
	data := struct {
		Items       []reviewItem
		Done, Error string
		Open        int64 // the claim whose correction failed: its form stays open
		CSRF        string
		Parties     []string
		Victims     []string
	}{items, q.str("done"), q.str("error"), q.id64("open"), csrfToken(r), parties,
		[]string{harmlog.VictimsCivilian, harmlog.VictimsMilitary, harmlog.VictimsMixed, harmlog.VictimsUnknown}}
	s.render(w, r, http.StatusOK, "review", page{Title: "Review", Nav: "review", Data: data})
}

// quote is the text of a span, clamped to the text and to rune boundaries.
func quote(text string, start, end int) string {
	start = runeStart(text, clamp(start, 0, len(text)))
	end = runeStart(text, clamp(end, 0, len(text)))
	if end <= start {
		return ""
	}
	return strings.Join(strings.Fields(text[start:end]), " ")
}

// postReview applies a review form (action confirm, correct or reject) and
// goes back to the review page with what was done, or the error.
func (s *Server) postReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	action := r.PostFormValue("action")
	rv := Review{Action: action}
	switch action {
	case "confirm", "reject":
	case "correct":
		if rv, err = correctionForm(r); err != nil {
			backTo(w, r, fmt.Sprintf("/review?open=%d", id), "", fmt.Sprintf("claim %d not corrected: %v", id, err), fmt.Sprintf("claim-%d", id))
			return
		}
	default:
		s.pageFail(w, r, invalid("action %q: want confirm, correct or reject", action))
		return
	}
	c, err := s.review(r, id, rv)
	if code, _ := status(err); err != nil && code != http.StatusBadRequest {
		s.pageFail(w, r, err)
		return
	} else if err != nil {
		backTo(w, r, fmt.Sprintf("/review?open=%d", id), "", fmt.Sprintf("claim %d not %s: %v", id, pastTense(action), err), fmt.Sprintf("claim-%d", id))
		return
	}
	done := fmt.Sprintf("claim %d %s", id, pastTense(action))
	if action == "correct" && len(c.Places) > 0 {
		var names []string
		for _, p := range c.Places {
			n := p.Name
			if p.Country != "" {
				n += ", " + p.Country
			}
			names = append(names, n)
		}
		done += "; places: " + strings.Join(names, "; ")
	}
	backTo(w, r, "/review", done, "", "")
}

func pastTense(action string) string {
	if action == "correct" {
		return "corrected"
	}
	return strings.TrimSuffix(action, "e") + "ed"
}

// backTo answers a form's POST with a redirect (303) to path (which may
// carry a query) with a status message (done) or an error, and a fragment.
func backTo(w http.ResponseWriter, r *http.Request, path, done, errMsg, fragment string) {
	path, query, _ := strings.Cut(path, "?")
	q, _ := url.ParseQuery(query)
	if done != "" {
		q.Set("done", done)
	}
	if errMsg != "" {
		q.Set("error", errMsg)
	}
	u := path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	if fragment != "" {
		u += "#" + fragment
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// correctionForm reads the correction fields of a review form into a
// Review: each field present replaces the claim's value (an empty figure
// or date is unknown); places are one name a line.
func correctionForm(r *http.Request) (Review, error) {
	fields := map[string]any{}
	for _, fig := range []string{"killed", "injured", "missing"} {
		lo, hasLo := formField(r, fig+"_min")
		hi, hasHi := formField(r, fig+"_max")
		if !hasLo && !hasHi {
			continue
		}
		var rg harmlog.Range
		for _, b := range []struct {
			name, v string
			to      **int
		}{{fig + "_min", lo, &rg.Min}, {fig + "_max", hi, &rg.Max}} {
			if b.v == "" {
				continue
			}
			n, err := strconv.Atoi(b.v)
			if err != nil {
				return Review{}, invalid("%s: %q is not a whole number", strings.Replace(b.name, "_", ".", 1), b.v)
			}
			*b.to = &n
		}
		if rg.Min == nil && rg.Max == nil {
			fields[fig] = nil
		} else {
			fields[fig] = rg
		}
	}
	from, hasFrom := formField(r, "date_from")
	to, hasTo := formField(r, "date_to")
	if hasFrom || hasTo {
		if from == "" && to == "" {
			fields["date"] = nil
		} else {
			fields["date"] = harmlog.DateRange{From: from, To: to}
		}
	}
	for _, f := range []string{"perpetrator", "claimant", "victims"} {
		if v, ok := formField(r, f); ok {
			fields[f] = v
		}
	}
	rv := Review{Action: "correct"}
	if v, ok := formField(r, "places"); ok {
		rv.Places = []string{}
		for _, line := range strings.Split(v, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				rv.Places = append(rv.Places, line)
			}
		}
	}
	raw, err := json.Marshal(fields)
	if err != nil {
		return Review{}, err
	}
	rv.Claim = raw
	return rv, nil
}

// formField is a posted form value, trimmed, and whether it was posted.
func formField(r *http.Request, name string) (string, bool) {
	vs, ok := r.PostForm[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return strings.TrimSpace(vs[0]), true
}
