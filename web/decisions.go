package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/link"
)

// Analysts' decisions on incidents: merge, split and discount, from the
// API (apiMerge, apiSplit, apiDiscount) and the incident page's forms
// (postMerge, postSplit, postDiscount). The store records each as pins or
// a kept discount (store.MergeIncidents, SplitIncident, DiscountIncident,
// shared with `harmlog incident merge|split`), so relinks keep them; the
// incidents touched are then derived again from their claims here, so the
// page shows their new figures and grade without a full relink.

// Merge is the body of POST /api/incidents/{id}/merge.
type Merge struct {
	From []int64 `json:"from"` // incidents whose claims move into {id}
}

// Split is the body of POST /api/incidents/{id}/split.
type Split struct {
	ClaimIDs []int64 `json:"claim_ids"` // claims of {id} that become an incident of their own
}

// SplitResult is the answer of POST /api/incidents/{id}/split.
type SplitResult struct {
	Incident *harmlog.Incident `json:"incident"` // {id}, with the claims left
	New      *harmlog.Incident `json:"new"`      // the incident of the claims split out
}

// Discount is the body of POST /api/incidents/{id}/discount; an empty
// reason withdraws the decision.
type Discount struct {
	Reason string `json:"reason"`
}

// maxDecisionIDs bounds the ids of one merge or split.
const maxDecisionIDs = 1000

func checkIDs(field string, ids []int64) error {
	if len(ids) == 0 {
		return invalid("%s: give at least one id", field)
	}
	if len(ids) > maxDecisionIDs {
		return invalid("%s: %d ids, at most %d", field, len(ids), maxDecisionIDs)
	}
	for i, id := range ids {
		if id <= 0 {
			return invalid("%s[%d]: %d is not an id (a positive whole number)", field, i, id)
		}
	}
	return nil
}

// merge merges incidents from into id and derives id again.
func (s *Server) merge(ctx context.Context, id int64, from []int64, actor string) (*harmlog.Incident, error) {
	if err := checkIDs("from", from); err != nil {
		return nil, err
	}
	if _, err := s.cfg.Store.MergeIncidents(ctx, id, from, actor); err != nil {
		return nil, err
	}
	if err := s.rederive(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.cfg.Store.Incident(ctx, id)
}

// split splits claims out of incident id and derives both again.
func (s *Server) split(ctx context.Context, id int64, claims []int64, actor string) (*SplitResult, error) {
	if err := checkIDs("claim_ids", claims); err != nil {
		return nil, err
	}
	nid, err := s.cfg.Store.SplitIncident(ctx, id, claims, actor)
	if err != nil {
		return nil, err
	}
	if err := s.rederive(ctx, actor, id, nid); err != nil {
		return nil, err
	}
	var res SplitResult
	if res.Incident, err = s.cfg.Store.Incident(ctx, id); err != nil {
		return nil, err
	}
	if res.New, err = s.cfg.Store.Incident(ctx, nid); err != nil {
		return nil, err
	}
	return &res, nil
}

// discount records (or, with an empty reason, withdraws) a discount.
func (s *Server) discount(ctx context.Context, id int64, reason, actor string) (*harmlog.Incident, error) {
	if err := s.cfg.Store.DiscountIncident(ctx, id, reason, actor); err != nil {
		return nil, err
	}
	return s.cfg.Store.Incident(ctx, id)
}

// rederive derives the incidents ids again from their member claims, as
// the linker would (ranges, places, perpetrators, sources, grade), and
// saves their fields; their links stay as they are. The store keeps an
// analyst's discount over the derived grade.
func (s *Server) rederive(ctx context.Context, actor string, ids ...int64) error {
	var opts link.Options
	if s.cfg.Gazetteer != nil {
		opts.Places = gazetteer.Refs{Gazetteer: s.cfg.Gazetteer}
	}
	for _, id := range ids {
		inc, err := s.cfg.Store.Incident(ctx, id)
		if err != nil {
			return err
		}
		members := make([]harmlog.Claim, 0, len(inc.Members))
		pinned := make([]bool, 0, len(inc.Members))
		for _, m := range inc.Members {
			if m.Claim != nil {
				members = append(members, *m.Claim)
				pinned = append(pinned, m.Pinned)
			}
		}
		l := link.New(opts)
		l.Seed(inc.Key, members, pinned)
		d, ok := l.Incident(inc.Key)
		if !ok {
			continue
		}
		d.ID, d.Members = inc.ID, nil
		if err := s.cfg.Store.SaveIncident(ctx, &d, actor); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) apiMerge(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var body Merge
	if err == nil {
		err = readJSON(r, &body)
	}
	var inc *harmlog.Incident
	if err == nil {
		inc, err = s.merge(r.Context(), id, body.From, actor(r))
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, inc)
}

func (s *Server) apiSplit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var body Split
	if err == nil {
		err = readJSON(r, &body)
	}
	var res *SplitResult
	if err == nil {
		res, err = s.split(r.Context(), id, body.ClaimIDs, actor(r))
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiDiscount(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var body Discount
	if err == nil {
		err = readJSON(r, &body)
	}
	var inc *harmlog.Incident
	if err == nil {
		inc, err = s.discount(r.Context(), id, body.Reason, actor(r))
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, inc)
}

// decide runs a form's decision on incident {id} and redirects back to
// the incident page with its outcome; errors
// of the request go back as a message, others to the error page.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, fn func(id int64) (done string, err error)) {
	id, err := pathID(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	if err := r.ParseForm(); err != nil {
		s.pageFail(w, r, invalid("form: %v", err))
		return
	}
	done, err := fn(id)
	back := fmt.Sprintf("/incidents/%d", id)
	if code, _ := status(err); err != nil && code == http.StatusBadRequest {
		backTo(w, r, back, "", err.Error(), "decisions")
		return
	} else if err != nil {
		s.pageFail(w, r, err)
		return
	}
	backTo(w, r, back, done, "", "")
}

// formIDs reads ids from a form: every value of name, each split at
// commas and spaces.
func formIDs(r *http.Request, name string) ([]int64, error) {
	var out []int64
	for _, v := range r.PostForm[name] {
		for _, f := range strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' }) {
			id, err := strconv.ParseInt(strings.TrimPrefix(f, "#"), 10, 64)
			if err != nil || id <= 0 {
				return nil, invalid("%s: %q is not an id (a positive whole number)", name, f)
			}
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out, nil
}

func (s *Server) postMerge(w http.ResponseWriter, r *http.Request) {
	s.decide(w, r, func(id int64) (string, error) {
		from, err := formIDs(r, "from")
		if err != nil {
			return "", err
		}
		inc, err := s.merge(r.Context(), id, from, actor(r))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("incidents %s merged into incident %d, which now has %d claims", joinIDs(from), id, len(inc.Members)), nil
	})
}

func (s *Server) postSplit(w http.ResponseWriter, r *http.Request) {
	s.decide(w, r, func(id int64) (string, error) {
		claims, err := formIDs(r, "claim_id")
		if err != nil {
			return "", err
		}
		res, err := s.split(r.Context(), id, claims, actor(r))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("claims %s split out into incident %d", joinIDs(claims), res.New.ID), nil
	})
}

func (s *Server) postDiscount(w http.ResponseWriter, r *http.Request) {
	s.decide(w, r, func(id int64) (string, error) {
		reason := r.PostFormValue("reason")
		withdraw := r.PostFormValue("action") == "withdraw"
		if withdraw {
			reason = ""
		} else if strings.TrimSpace(reason) == "" {
			return "", invalid("reason: give the reason for discounting incident %d", id)
		}
		inc, err := s.discount(r.Context(), id, reason, actor(r))
		if err != nil {
			return "", err
		}
		if withdraw {
			return fmt.Sprintf("incident %d is no longer discounted; grade %s", id, inc.Grade), nil
		}
		return fmt.Sprintf("incident %d discounted", id), nil
	})
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ", ")
}
