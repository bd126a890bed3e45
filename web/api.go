package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/audit"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/pipeline"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/tally"
)

// Error codes of the API beyond the store's.
const (
	ETOOLARGE = "ETOOLARGE" // the request body is over the limit
	EMETHOD   = "EMETHOD"   // no such method on this path
)

// apiError is the body of every API error.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// badRequest is an error in the request itself (400, EINVALID).
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func invalid(format string, args ...any) error { return badRequest{fmt.Sprintf(format, args...)} }

// status maps an error to an HTTP status and an error code: the store's
// codes ENOTFOUND 404, EINVALID 400, ECONFLICT 409, anything else 500.
func status(err error) (int, string) {
	var br badRequest
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &br):
		return http.StatusBadRequest, string(store.EINVALID)
	case errors.As(err, &mb):
		return http.StatusRequestEntityTooLarge, ETOOLARGE
	}
	switch c := store.ErrorCode(err); c {
	case store.ENOTFOUND:
		return http.StatusNotFound, string(c)
	case store.EINVALID:
		return http.StatusBadRequest, string(c)
	case store.ECONFLICT:
		return http.StatusConflict, string(c)
	}
	return http.StatusInternalServerError, string(store.EINTERNAL)
}

// writeJSON writes v as indented JSON with a status.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"EINTERNAL","message":"encoding the response failed"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// apiFail writes err as a JSON error. Internal errors are logged and
// reported without their details.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	code, ecode := status(err)
	msg := err.Error()
	if code == http.StatusInternalServerError {
		s.cfg.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "internal error (see the server's log)"
	}
	s.fail(w, r, code, ecode, msg)
}

// fail writes an error as JSON under /api/ and as a page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, ecode, msg string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		var e apiError
		e.Error.Code, e.Error.Message = ecode, msg
		writeJSON(w, code, e)
		return
	}
	s.renderError(w, r, code, msg)
}

// notFound answers requests no route takes: 405 with an Allow header when
// the path exists with other methods, else 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.probe.Handler(r); pattern != "" && !slices.Contains(s.methods[pattern], r.Method) {
		allow := slices.Clone(s.methods[pattern])
		if slices.Contains(allow, "GET") {
			allow = append(allow, "HEAD")
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.fail(w, r, http.StatusMethodNotAllowed, EMETHOD, fmt.Sprintf("%s %s: allowed methods are %s", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	s.fail(w, r, http.StatusNotFound, string(store.ENOTFOUND), "no such page: "+r.URL.Path)
}

// pathID reads the {id} of a path as a positive integer.
func pathID(r *http.Request) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalid("%q is not an id (a positive whole number)", v)
	}
	return id, nil
}

// query reads the common query parameters with checks.
type query struct {
	r   *http.Request
	err error
}

func (q *query) str(name string) string { return strings.TrimSpace(q.r.URL.Query().Get(name)) }

// int reads a non-negative integer at most max; def when absent.
func (q *query) int(name string, def, max int) int {
	v := q.str(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		q.setErr(invalid("%s=%q: want a whole number from 0 to %d", name, v, max))
		return def
	}
	return n
}

// date reads a YYYY-MM-DD date.
func (q *query) date(name string) string {
	v := q.str(name)
	if v == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		q.setErr(invalid("%s=%q: want a date YYYY-MM-DD", name, v))
		return ""
	}
	return v
}

// id64 reads a positive id; 0 when absent.
func (q *query) id64(name string) int64 {
	v := q.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		q.setErr(invalid("%s=%q: want an id (a positive whole number)", name, v))
	}
	return n
}

// oneOf reads a value that must be one of allowed (or empty).
func (q *query) oneOf(name string, allowed ...string) string {
	v := q.str(name)
	if v == "" {
		return ""
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	q.setErr(invalid("%s=%q: want one of %s", name, v, strings.Join(allowed, ", ")))
	return ""
}

// list reads a comma-separated list whose items must be in allowed.
func (q *query) list(name string, allowed ...string) []string {
	var out []string
	for _, p := range strings.Split(q.str(name), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		ok := false
		for _, a := range allowed {
			ok = ok || p == a
		}
		if !ok {
			q.setErr(invalid("%s: %q is not one of %s", name, p, strings.Join(allowed, ", ")))
			continue
		}
		out = append(out, p)
	}
	return out
}

func (q *query) setErr(err error) {
	if q.err == nil {
		q.err = err
	}
}

// Limits of list endpoints.
const (
	defaultLimit = 100
	maxLimit     = 1000
	maxOffset    = 1 << 30
)

// gradeNames are the incident grades, best first.
func gradeNames() []string {
	return []string{harmlog.GradeConfirmed, harmlog.GradeFair, harmlog.GradeWeak, harmlog.GradeContested, harmlog.GradeDiscounted}
}

// statusNames are the claim review statuses.
func statusNames() []string {
	return []string{harmlog.StatusMachine, harmlog.StatusConfirmed, harmlog.StatusCorrected, harmlog.StatusRejected, harmlog.StatusImported}
}

// nonNil returns an empty slice for nil, so lists are [] in JSON.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(b)
}

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	q := &query{r: r}
	f := store.DocumentFilter{
		Publisher: q.str("publisher"), From: q.date("from"), To: q.date("to"),
		Limit: q.int("limit", defaultLimit, maxLimit), Offset: q.int("offset", 0, maxOffset),
	}
	if q.err != nil {
		s.apiFail(w, r, q.err)
		return
	}
	docs, err := s.cfg.Store.Documents(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, nonNil(docs))
}

// documentView is a document with its claims, as GET /api/documents/{id}
// answers.
type documentView struct {
	*harmlog.Document
	Claims []harmlog.Claim `json:"claims"`
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	d, err := s.cfg.Store.Document(r.Context(), id, false)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	claims, err := s.cfg.Store.Claims(r.Context(), store.ClaimFilter{DocumentID: id, Limit: 1 << 30})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, documentView{d, nonNil(claims)})
}

func (s *Server) apiOriginal(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	d, err := s.cfg.Store.Document(r.Context(), id, true)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": SafeFilename(d.Filename, d.ID)}))
	h.Set("X-Content-SHA256", d.SHA256)
	h.Set("Content-Length", strconv.Itoa(len(d.Original)))
	_, _ = w.Write(d.Original)
}

// SafeFilename turns a stored file name into one safe for a download: the
// last path element, letters, digits, '.', '-' and '_' only (others become
// '_'), no leading dot, at most 100 bytes; "document-ID" when nothing is
// left.
func SafeFilename(name string, id int64) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == '_':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 100 {
			break
		}
	}
	out := strings.TrimLeft(b.String(), "._")
	if len(out) > 100 {
		out = out[:100]
	}
	if strings.Trim(out, "_.") == "" {
		return fmt.Sprintf("document-%d", id)
	}
	return out
}

// UploadResult is what became of one uploaded file.
type UploadResult struct {
	Name    string `json:"name"`
	ID      int64  `json:"id,omitempty"`
	SHA256  string `json:"sha256,omitempty"`
	Existed bool   `json:"existed"`
	Claims  int    `json:"claims"`
	Error   string `json:"error,omitempty"`
}

// upload ingests every file of a multipart request's "file" fields, one by
// one, streaming each part with its own size limit.
func (s *Server) upload(r *http.Request) ([]UploadResult, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, int64(s.cfg.MaxUploadFiles)*(s.cfg.MaxUploadBytes+64<<10))
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, invalid("want a multipart/form-data body with one or more \"file\" fields: %v", err)
	}
	var ex pipeline.Extractor
	if s.cfg.Extractor != nil {
		ex = s.cfg.Extractor
	}
	p := pipeline.New(s.cfg.Store, ex, pipeline.Options{
		Actor: actor(r), Parse: ingest.Options{MaxBytes: s.cfg.MaxUploadBytes}, Workers: 1,
		Attacher: s.attacher(),
	})
	var out []UploadResult
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return nil, err
			}
			return nil, invalid("reading the upload: %v", err) // a malformed body is the client's error
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		if len(out) >= s.cfg.MaxUploadFiles {
			out = append(out, UploadResult{Name: part.FileName(), Error: fmt.Sprintf("not read: at most %d files per upload", s.cfg.MaxUploadFiles)})
			part.Close()
			continue
		}
		out = append(out, s.ingestPart(r, p, part))
	}
	if len(out) == 0 {
		return nil, invalid("no file: send one or more \"file\" fields")
	}
	return out, nil
}

func (s *Server) ingestPart(r *http.Request, p *pipeline.Pipeline, part *multipart.Part) UploadResult {
	defer part.Close()
	name := part.FileName()
	if name == "" {
		name = "upload"
	}
	res := UploadResult{Name: name}
	data, err := io.ReadAll(io.LimitReader(part, s.cfg.MaxUploadBytes+1))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			res.Error = "the upload is over its size limit"
		} else {
			res.Error = err.Error()
		}
		return res
	}
	if int64(len(data)) > s.cfg.MaxUploadBytes {
		res.Error = fmt.Sprintf("%s: larger than the limit of %d bytes", name, s.cfg.MaxUploadBytes)
		return res
	}
	o := p.One(r.Context(), name, data)
	res.ID, res.SHA256, res.Existed, res.Claims = o.ID, o.SHA256, o.Existed, o.Claims
	if o.Err != nil {
		res.Error = o.Err.Error()
	} else if o.LinkErr != nil {
		res.Error = o.LinkErr.Error()
	}
	return res
}

func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) {
	res, err := s.upload(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request) {
	q := &query{r: r}
	f := store.ClaimFilter{
		Status:     q.oneOf("status", statusNames()...),
		Scope:      q.oneOf("scope", harmlog.ScopeIncident, harmlog.ScopeCumulative),
		DocumentID: q.id64("document_id"),
		IncidentID: q.id64("incident_id"),
		Claimant:   q.str("claimant"),
		From:       q.date("from"),
		To:         q.date("to"),
		Limit:      q.int("limit", defaultLimit, maxLimit),
		Offset:     q.int("offset", 0, maxOffset),
	}
	if q.err != nil {
		s.apiFail(w, r, q.err)
		return
	}
	claims, err := s.cfg.Store.Claims(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, nonNil(claims))
}

func (s *Server) apiClaim(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, err := s.cfg.Store.Claim(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// readJSON decodes a small JSON body (at most 1 MiB, no unknown fields).
func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return invalid("body: want JSON: %v", err)
	}
	return nil
}

// incidentFilter reads the filters of incident lists.
func incidentFilter(q *query) store.IncidentFilter {
	return store.IncidentFilter{
		From: q.date("from"), To: q.date("to"), Country: strings.ToUpper(q.str("country")),
		Grades: q.list("grade", gradeNames()...),
		Party:  q.str("party"), Weapon: q.str("weapon"), Claimant: q.str("claimant"),
		Victims: q.oneOf("victims", victimNames()...),
		Limit:   q.int("limit", defaultLimit, maxLimit), Offset: q.int("offset", 0, maxOffset),
	}
}

// victimNames are the incidents' victim categories.
func victimNames() []string {
	return []string{harmlog.VictimsCivilian, harmlog.VictimsMilitary, harmlog.VictimsMixed, harmlog.VictimsUnknown}
}

func (s *Server) apiIncidents(w http.ResponseWriter, r *http.Request) {
	q := &query{r: r}
	f := incidentFilter(q)
	if q.err != nil {
		s.apiFail(w, r, q.err)
		return
	}
	s.serveCached(w, r, "incidents", f, func(ctx context.Context) (*response, error) {
		incs, err := s.cfg.Store.Incidents(ctx, f)
		if err != nil {
			return nil, err
		}
		return newJSONResponse(nonNil(incs))
	})
}

func (s *Server) apiIncident(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	inc, err := s.cfg.Store.Incident(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, inc)
}

// ClaimRef is the body of the pin and detach endpoints.
type ClaimRef struct {
	ClaimID int64 `json:"claim_id"`
}

func (s *Server) claimRef(r *http.Request) (incID, claimID int64, err error) {
	if incID, err = pathID(r); err != nil {
		return 0, 0, err
	}
	var ref ClaimRef
	if err := readJSON(r, &ref); err != nil {
		return 0, 0, err
	}
	if ref.ClaimID <= 0 {
		return 0, 0, invalid("claim_id: want a positive id")
	}
	return incID, ref.ClaimID, nil
}

func (s *Server) apiPin(w http.ResponseWriter, r *http.Request) {
	iid, cid, err := s.claimRef(r)
	if err == nil {
		err = s.cfg.Store.PinClaim(r.Context(), cid, iid, actor(r))
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.apiIncident(w, r)
}

func (s *Server) apiDetach(w http.ResponseWriter, r *http.Request) {
	iid, cid, err := s.claimRef(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	inc, err := s.cfg.Store.Incident(r.Context(), iid)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	member := false
	for _, m := range inc.Members {
		member = member || m.ClaimID == cid
	}
	if !member {
		s.apiFail(w, r, &store.Error{Code: store.ENOTFOUND, Err: fmt.Errorf("claim %d is not in incident %d", cid, iid)})
		return
	}
	if err := s.cfg.Store.DetachClaim(r.Context(), cid, actor(r)); err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"claim_id": cid, "incident_id": iid, "detached": true})
}

// tally computes the tally the query asks for.
func (s *Server) tally(r *http.Request) (tally.Result, error) {
	opt, err := tallyOptions(r)
	if err != nil {
		return tally.Result{}, err
	}
	return s.computeTally(r.Context(), opt)
}

// tallyOptions reads the query of a tally request.
func tallyOptions(r *http.Request) (tally.Options, error) {
	q := &query{r: r}
	opt := tally.Options{
		By:      q.oneOf("by", tally.ByParty, tally.ByPlace, tally.ByDay, tally.ByWeek, tally.ByWeapon, tally.ByClaimant),
		From:    q.date("from"),
		To:      q.date("to"),
		Country: q.str("country"),
		Victims: q.oneOf("victims", harmlog.VictimsCivilian, harmlog.VictimsMilitary, harmlog.VictimsMixed, harmlog.VictimsUnknown),
		Grades:  q.list("grade", gradeNames()...),
	}
	q.oneOf("format", "json", "csv")
	return opt, q.err
}

// computeTally computes a tally over the whole store, in the database as
// far as it can (tally.FromStore).
func (s *Server) computeTally(ctx context.Context, opt tally.Options) (tally.Result, error) {
	if err := opt.Validate(); err != nil {
		return tally.Result{}, invalid("%v", err)
	}
	return tally.FromStore(ctx, s.cfg.Store, opt)
}

func (s *Server) apiTally(w http.ResponseWriter, r *http.Request) {
	opt, err := tallyOptions(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	csv := r.URL.Query().Get("format") == "csv"
	key := struct {
		Opt tally.Options
		CSV bool
	}{opt, csv}
	s.serveCached(w, r, "tally", key, func(ctx context.Context) (*response, error) {
		res, err := s.computeTally(ctx, opt)
		if err != nil {
			return nil, err
		}
		if !csv {
			return newJSONResponse(res)
		}
		var buf bytes.Buffer
		if err := tally.WriteCSV(&buf, res); err != nil {
			return nil, err
		}
		return &response{status: http.StatusOK, contentType: "text/csv; charset=utf-8", body: buf.Bytes(),
			disposition: mime.FormatMediaType("attachment", map[string]string{"filename": "harmlog-tally-" + res.By + ".csv"})}, nil
	})
}

// maxStatementBytes caps an audited statement.
const maxStatementBytes = 10 << 20

// statement reads the statement of an audit request: a multipart "file"
// (or "text" field), else the body itself.
func (s *Server) statement(r *http.Request) (name string, data []byte, err error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxStatementBytes+1<<20)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data", "application/x-www-form-urlencoded":
		if err := r.ParseMultipartForm(maxStatementBytes); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return "", nil, err
			}
			return "", nil, invalid("reading the form: %v", err)
		}
		if f, h, ferr := r.FormFile("file"); ferr == nil {
			defer f.Close()
			data, err = io.ReadAll(io.LimitReader(f, maxStatementBytes+1))
			name = h.Filename
		} else {
			name, data = "statement", []byte(r.FormValue("text"))
		}
	default:
		name = "statement"
		data, err = io.ReadAll(r.Body)
	}
	if err != nil {
		return "", nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", nil, invalid("no statement: paste its text or upload a file")
	}
	if len(data) > maxStatementBytes {
		return "", nil, invalid("the statement is larger than %d bytes", maxStatementBytes)
	}
	return name, data, nil
}

// audit audits the statement of a request against the stored incidents.
func (s *Server) audit(r *http.Request) (*audit.Report, error) {
	q := &query{r: r}
	opt := audit.Options{From: q.date("from"), To: q.date("to"), Grades: q.list("grade", gradeNames()...)}
	for _, c := range strings.Split(q.str("country"), ",") {
		if c = strings.TrimSpace(c); c != "" {
			opt.Countries = append(opt.Countries, c)
		}
	}
	if q.err != nil {
		return nil, q.err
	}
	name, data, err := s.statement(r)
	if err != nil {
		return nil, err
	}
	p, err := ingest.ParseContext(r.Context(), name, data, ingest.Options{MaxBytes: maxStatementBytes})
	if err != nil {
		return nil, invalid("%v", err)
	}
	incs, err := s.cfg.Store.IncidentsWithClaims(r.Context(), store.IncidentFilter{})
	if err != nil {
		return nil, err
	}
	st := audit.Statement{Name: name, Title: p.Title, Publisher: p.Publisher, Published: p.Published, URL: p.URL, Text: p.Text}
	if s.cfg.Extractor == nil {
		return nil, errors.New("audit: no extractor loaded")
	}
	cfg := audit.Config{Extractor: s.cfg.Extractor, Parties: s.cfg.Parties}
	if s.cfg.Gazetteer != nil {
		cfg.Places = gazetteer.Refs{Gazetteer: s.cfg.Gazetteer}
	}
	rep, err := audit.Audit(st, incs, cfg, opt)
	if err != nil {
		return nil, invalid("%v", err)
	}
	return rep, nil
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	rep, err := s.audit(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// Place is one answer of GET /api/places.
type Place struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Matched    string   `json:"matched"`
	Country    string   `json:"country"`
	Admin1     string   `json:"admin1"`
	Lat        float64  `json:"lat"`
	Lon        float64  `json:"lon"`
	Population int      `json:"population"`
	Score      float64  `json:"score"`
	Names      []string `json:"names,omitempty"`
}

func (s *Server) apiPlaces(w http.ResponseWriter, r *http.Request) {
	q := &query{r: r}
	name := q.str("q")
	limit := q.int("limit", 10, 100)
	if name == "" {
		q.setErr(invalid("q: give a place name"))
	} else if len(name) > 200 {
		q.setErr(invalid("q: at most 200 bytes"))
	}
	if q.err != nil {
		s.apiFail(w, r, q.err)
		return
	}
	if s.cfg.Gazetteer == nil {
		s.apiFail(w, r, errors.New("no gazetteer loaded"))
		return
	}
	var countries []string
	for _, c := range strings.Split(q.str("country"), ",") {
		if c = strings.TrimSpace(c); c != "" {
			countries = append(countries, strings.ToUpper(c))
		}
	}
	out := []Place{}
	for _, c := range s.cfg.Gazetteer.Search(name, gazetteer.SearchOptions{Countries: countries, Limit: limit}) {
		out = append(out, Place{c.ID, c.Name, c.Matched, c.Country, c.Admin1, c.Lat, c.Lon, c.Population, c.Score, c.Names})
	}
	writeJSON(w, http.StatusOK, out)
}
