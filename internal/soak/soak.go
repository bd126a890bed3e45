// Package soak drives `harmlog serve` processes with concurrent uploads,
// reviews and queries for a bounded time while killing them with SIGKILL
// and restarting them, then checks that the store verifies and that every
// upload and review the server acknowledged is still there.
package soak

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Config is one soak run.
type Config struct {
	Bin      string        // the harmlog binary (see Build)
	DB       string        // the store: a SQLite file or a postgres:// URL
	Servers  int           // serve processes on DB (1 by default); several need PostgreSQL
	Duration time.Duration // how long the clients run (60 s by default)
	Clients  int           // concurrent clients (8 by default)
	Kills    int           // SIGKILLs during the run (3 by default)
	// NoRestart leaves a killed server down for the rest of the run (only
	// with several servers: the others keep serving). The first kill is
	// then the only one.
	NoRestart bool
	Token     string // sent as "Authorization: Bearer" when the store has accounts
	Seed      uint64 // for the clients' choices and the kill times
	Dir       string // where the servers' log goes (a temporary folder by default)
	Progress  io.Writer
}

// Count is what became of one kind of request.
type Count struct {
	Sent int `json:"sent"`
	OK   int `json:"ok"`
	// Refused: nothing was listening (the server was down). Cut: the
	// connection broke while the server was killed. Both are expected.
	Refused int `json:"refused"`
	Cut     int `json:"cut"`
	// Failed: an error answer (HTTP 4xx/5xx, or an upload whose file was
	// refused) or a transport error while the server was up.
	Failed int `json:"failed"`
}

// Report is what a run held.
type Report struct {
	DB       string            `json:"db"`
	Servers  int               `json:"servers"`
	Clients  int               `json:"clients"`
	Elapsed  time.Duration     `json:"elapsed_ns"`
	Requests map[string]*Count `json:"requests"`
	Kills    int               `json:"kills"`
	Restarts int               `json:"restarts"`
	// ServedWhilePeerDown counts answers from one server while another was
	// down (several servers only).
	ServedWhilePeerDown int      `json:"served_while_peer_down"`
	AckedUploads        int      `json:"acked_uploads"`
	AckedReviews        int      `json:"acked_reviews"`
	StoredDocuments     int      `json:"stored_documents"`
	Losses              []string `json:"losses"`
	Failures            []string `json:"failures"` // a sample of unexpected failures
	Verify              string   `json:"verify"`
	VerifyOK            bool     `json:"verify_ok"`
}

// OK reports whether the run lost nothing, the store verifies, and no
// request failed while its server was up.
func (r *Report) OK() bool { return len(r.Losses) == 0 && r.VerifyOK && r.Total().Failed == 0 }

// Total sums the counts of every kind.
func (r *Report) Total() Count {
	var t Count
	for _, c := range r.Requests {
		t.Sent += c.Sent
		t.OK += c.OK
		t.Refused += c.Refused
		t.Cut += c.Cut
		t.Failed += c.Failed
	}
	return t
}

// Write prints the report for people.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "soak: %d server(s) on %s, %d clients, %v\n", r.Servers, redact(r.DB), r.Clients, r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "%-10s %7s %7s %8s %5s %7s\n", "request", "sent", "ok", "refused", "cut", "failed")
	kinds := make([]string, 0, len(r.Requests))
	for k := range r.Requests {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		c := r.Requests[k]
		fmt.Fprintf(w, "%-10s %7d %7d %8d %5d %7d\n", k, c.Sent, c.OK, c.Refused, c.Cut, c.Failed)
	}
	t := r.Total()
	fmt.Fprintf(w, "%-10s %7d %7d %8d %5d %7d\n", "total", t.Sent, t.OK, t.Refused, t.Cut, t.Failed)
	fmt.Fprintf(w, "kills %d, restarts %d", r.Kills, r.Restarts)
	if r.Servers > 1 {
		fmt.Fprintf(w, ", answers while a peer was down %d", r.ServedWhilePeerDown)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "acknowledged uploads %d (documents stored %d), acknowledged reviews %d\n", r.AckedUploads, r.StoredDocuments, r.AckedReviews)
	for _, f := range r.Failures {
		fmt.Fprintf(w, "failure: %s\n", f)
	}
	for _, l := range r.Losses {
		fmt.Fprintf(w, "LOST: %s\n", l)
	}
	fmt.Fprintf(w, "losses %d\n", len(r.Losses))
	fmt.Fprintln(w, strings.TrimSpace(r.Verify))
}

// redact hides a password in a postgres:// URL.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.LastIndex(dsn, "@"); at > i {
			if c := strings.Index(dsn[i+3:at], ":"); c >= 0 {
				return dsn[:i+3+c+1] + "***" + dsn[at:]
			}
		}
	}
	return dsn
}

// Build compiles cmd/harmlog into dir and returns the binary's path. It
// runs `go build` inside the module, so it works from any folder of it.
func Build(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "harmlog")
	out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/harmlog/harmlog/cmd/harmlog").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// upload is an upload the server acknowledged.
type upload struct {
	name, sha string
	id        int64
}

// review is what a client knows of the reviews of one of its claims:
// the status of the last acknowledged one, and those sent since whose
// answer never came (any of which may have been applied).
type review struct {
	last  string
	maybe []string
}

// run is the state shared by the clients of one run.
type run struct {
	cfg     Config
	servers []*server
	client  *http.Client

	mu       sync.Mutex
	counts   map[string]*Count
	uploads  []upload
	reviews  map[int64]*review // claim id → its reviews; each claim is one client's
	acked    int
	failures []string
	peerDown int
}

func (r *run) progress(format string, args ...any) {
	if r.cfg.Progress != nil {
		fmt.Fprintf(r.cfg.Progress, "soak: "+format+"\n", args...)
	}
}

// Run performs one soak and returns its report. An error means the run
// itself could not be carried out (the binary would not start, say); a
// loss or a failed verify is in the report (see Report.OK).
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Servers <= 0 {
		cfg.Servers = 1
	}
	if cfg.Duration <= 0 {
		cfg.Duration = 60 * time.Second
	}
	if cfg.Clients <= 0 {
		cfg.Clients = 8
	}
	if cfg.Kills < 0 {
		cfg.Kills = 0
	}
	if cfg.Servers > 1 && !isPostgres(cfg.DB) {
		return nil, fmt.Errorf("soak: %d servers need a PostgreSQL store (--db postgres://...); SQLite is one machine's file", cfg.Servers)
	}
	if cfg.NoRestart && cfg.Servers < 2 {
		return nil, errors.New("soak: leaving the only server down would leave nobody serving; use several servers with no-restart")
	}
	if cfg.Bin == "" {
		return nil, errors.New("soak: no harmlog binary (Config.Bin)")
	}
	if cfg.Dir == "" {
		d, err := os.MkdirTemp("", "harmlog-soak-")
		if err != nil {
			return nil, err
		}
		cfg.Dir = d
	}
	logPath := filepath.Join(cfg.Dir, "serve.log")
	logf, err := openLog(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	r := &run{
		cfg:     cfg,
		client:  &http.Client{Timeout: 60 * time.Second},
		counts:  map[string]*Count{},
		reviews: map[int64]*review{},
	}
	for i := range cfg.Servers {
		addr, err := freeAddr()
		if err != nil {
			return nil, err
		}
		r.servers = append(r.servers, &server{
			name: fmt.Sprintf("server %d", i+1), addr: addr, base: "http://" + addr,
			bin: cfg.Bin, db: cfg.DB, token: cfg.Token, log: logf,
		})
	}
	defer func() {
		for _, s := range r.servers {
			s.kill()
		}
	}()
	// One at a time: the first applies the store's migrations.
	for _, s := range r.servers {
		if err := s.start(ctx, 2*time.Minute); err != nil {
			return nil, fmt.Errorf("%w (log: %s)", err, logPath)
		}
		r.progress("%s up at %s", s.name, s.base)
	}
	if err := r.preflight(ctx); err != nil {
		return nil, err
	}
	rep := &Report{DB: cfg.DB, Servers: cfg.Servers, Clients: cfg.Clients}
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	lctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()

	var wg sync.WaitGroup
	for i := range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.client1(lctx, i, rand.New(rand.NewPCG(cfg.Seed, uint64(i)+1)))
		}()
	}
	chaosErr := r.chaos(lctx, rep, rand.New(rand.NewPCG(cfg.Seed, 0)), start)
	wg.Wait()
	rep.Elapsed = time.Since(start)
	if chaosErr != nil && ctx.Err() == nil {
		return nil, fmt.Errorf("%w (log: %s)", chaosErr, logPath)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	for _, s := range r.servers {
		if err := s.stop(); err != nil {
			r.fail("%v", err)
		}
	}
	rep.Requests = r.counts
	rep.AckedUploads = len(r.uploads)
	rep.AckedReviews = r.acked
	rep.ServedWhilePeerDown = r.peerDown
	rep.Failures = r.failures
	if err := r.check(ctx, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// preflight checks that the first server lets the clients write: a store
// with accounts answers 401 or 403 without a token of an analyst.
func (r *run) preflight(ctx context.Context) error {
	s := r.servers[0]
	req, err := http.NewRequestWithContext(ctx, "POST", s.base+"/api/claims/0", strings.NewReader(`{"action":"confirm"}`))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if r.cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.cfg.Token)
	}
	res, err := r.client.Do(req)
	if err != nil {
		return fmt.Errorf("soak: %s: %w", s.name, err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden {
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		_ = json.Unmarshal(body, &e)
		return fmt.Errorf("soak: the server refuses the clients (HTTP %d: %s): the store has accounts, so give --token (or HARMLOG_TOKEN), an API token of an analyst from `harmlog tokens create --user NAME`",
			res.StatusCode, e.Error.Message)
	}
	return nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// chaos kills the first server at random moments, Kills times spread over
// the run, restarting it each time unless NoRestart.
func (r *run) chaos(ctx context.Context, rep *Report, rng *rand.Rand, start time.Time) error {
	kills := r.cfg.Kills
	if r.cfg.NoRestart && kills > 1 {
		kills = 1
	}
	slot := r.cfg.Duration / time.Duration(kills+1)
	victim := r.servers[0]
	for i := range kills {
		// Somewhere in the middle half of slot i+1's start, so kills
		// neither bunch up nor fall on the run's edges.
		at := start.Add(slot*time.Duration(i+1) + time.Duration(rng.Int64N(int64(slot)/2+1)) - slot/4)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Until(at)):
		}
		victim.kill()
		rep.Kills++
		r.progress("killed %s at %v", victim.name, time.Since(start).Round(time.Millisecond))
		if r.cfg.NoRestart {
			return nil
		}
		// Down for a moment, as a supervisor's restart delay would leave it.
		time.Sleep(time.Duration(rng.Int64N(int64(300 * time.Millisecond))))
		if err := victim.start(context.WithoutCancel(ctx), 2*time.Minute); err != nil {
			return err
		}
		rep.Restarts++
		r.progress("restarted %s at %v", victim.name, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// fail records an unexpected failure, keeping a sample of 20.
func (r *run) fail(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.failures) < 20 {
		r.failures = append(r.failures, fmt.Sprintf(format, args...))
	}
}

func (r *run) count(kind string) *Count {
	c := r.counts[kind]
	if c == nil {
		c = &Count{}
		r.counts[kind] = c
	}
	return c
}

// outcome is what became of one request.
type outcome int

const (
	answered outcome = iota // the server answered (any status)
	refused                 // nothing listening
	cut                     // the server was killed under the request
	broken                  // a transport error while the server stayed up
)

// do sends one request to s and reads the whole answer. body may be nil.
func (r *run) do(ctx context.Context, s *server, kind, method, path, contentType string, body []byte) (int, []byte, outcome) {
	_, gen := s.state()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.base+path, rd)
	if err != nil {
		panic(err) // the paths are ours
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if r.cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.cfg.Token)
	}
	res, err := r.client.Do(req)
	var data []byte
	if err == nil {
		data, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	up, gen2 := s.state()
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.count(kind)
	if ctx.Err() != nil && err != nil {
		return 0, nil, cut // the run ended under the request; not counted
	}
	c.Sent++
	switch {
	case err == nil:
		if res.StatusCode < 300 && len(r.servers) > 1 {
			for _, o := range r.servers {
				if o != s {
					if oup, _ := o.state(); !oup {
						r.peerDown++
						break
					}
				}
			}
		}
		return res.StatusCode, data, answered
	case isRefused(err):
		c.Refused++
		return 0, nil, refused
	case gen2 != gen || !up:
		c.Cut++
		return 0, nil, cut
	}
	c.Failed++
	if len(r.failures) < 20 {
		r.failures = append(r.failures, fmt.Sprintf("%s %s on %s (up): %v", method, path, s.name, err))
	}
	return 0, nil, broken
}

// answer counts an answered request as OK or failed.
func (r *run) answer(kind, what string, status int, body []byte) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.count(kind)
	if status >= 200 && status < 300 {
		c.OK++
		return true
	}
	c.Failed++
	if len(r.failures) < 20 {
		r.failures = append(r.failures, fmt.Sprintf("%s: HTTP %d %.300s", what, status, bytes.TrimSpace(body)))
	}
	return false
}

// client1 is one client: until ctx ends it uploads reports of its own,
// reviews the claims extracted from them, and queries lists and tallies,
// each request to a server picked at random.
func (r *run) client1(ctx context.Context, id int, rng *rand.Rand) {
	var claims []int64
	for n := 0; ctx.Err() == nil; n++ {
		s := r.servers[rng.IntN(len(r.servers))]
		var o outcome
		switch p := rng.IntN(100); {
		case p < 35:
			var got []int64
			got, o = r.upload1(ctx, s, rng, id, n)
			claims = append(claims, got...)
		case p < 60 && len(claims) > 0:
			o = r.review1(ctx, s, rng, claims[rng.IntN(len(claims))])
		default:
			paths := []struct{ kind, path string }{
				{"incidents", "/api/incidents?limit=50"},
				{"tally", "/api/tally?by=" + []string{"party", "place", "day", "weapon"}[rng.IntN(4)]},
				{"documents", fmt.Sprintf("/api/documents?limit=50&offset=%d", rng.IntN(200))},
			}
			q := paths[rng.IntN(len(paths))]
			status, body, oc := r.do(ctx, s, q.kind, "GET", q.path, "", nil)
			if o = oc; oc == answered {
				r.answer(q.kind, "GET "+q.path, status, body)
			}
		}
		if o != answered && ctx.Err() == nil {
			// Back off a little from a server that is down.
			time.Sleep(time.Duration(20+rng.IntN(60)) * time.Millisecond)
		}
	}
}

// upload1 uploads one report of its own and, once acknowledged, fetches
// the ids of the claims extracted from it.
func (r *run) upload1(ctx context.Context, s *server, rng *rand.Rand, client, n int) ([]int64, outcome) {
	name := fmt.Sprintf("soak-%d-c%02d-%05d.txt", r.cfg.Seed, client, n)
	text := fmt.Sprintf("date 2020-10-%02d By Soak Wire\n\nReport %s. Officials said %d civilians were killed and %d injured when shells hit Barda overnight. %s\n",
		1+rng.IntN(28), name, 1+rng.IntN(9), rng.IntN(12), strings.Repeat("Witnesses described the damage. ", rng.IntN(20)))
	sum := sha256.Sum256([]byte(text))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write([]byte(text))
	_ = mw.Close()
	status, data, o := r.do(ctx, s, "upload", "POST", "/api/documents", mw.FormDataContentType(), body.Bytes())
	if o != answered || !r.answer("upload", "upload "+name, status, data) {
		return nil, o
	}
	var res []struct {
		ID      int64  `json:"id"`
		SHA256  string `json:"sha256"`
		Existed bool   `json:"existed"`
		Error   string `json:"error"`
	}
	if err := json.Unmarshal(data, &res); err != nil || len(res) != 1 {
		r.fail("upload %s: answer %.300s: %v", name, data, err)
		return nil, o
	}
	u := res[0]
	if u.Error != "" || u.ID <= 0 {
		r.mu.Lock()
		r.count("upload").OK--
		r.count("upload").Failed++
		r.mu.Unlock()
		r.fail("upload %s refused: %s", name, u.Error)
		return nil, o
	}
	if want := hex.EncodeToString(sum[:]); u.SHA256 != want {
		r.fail("upload %s: the answer's SHA-256 %s is not the file's %s", name, u.SHA256, want)
	}
	r.mu.Lock()
	r.uploads = append(r.uploads, upload{name: name, sha: u.SHA256, id: u.ID})
	r.mu.Unlock()
	// The claims, from either server.
	s = r.servers[rng.IntN(len(r.servers))]
	status, data, oc := r.do(ctx, s, "claims", "GET", fmt.Sprintf("/api/claims?document_id=%d", u.ID), "", nil)
	if oc != answered || !r.answer("claims", "claims of "+name, status, data) {
		return nil, o
	}
	var cs []struct {
		ID int64 `json:"claim_id"`
	}
	if err := json.Unmarshal(data, &cs); err != nil {
		r.fail("claims of %s: %v", name, err)
		return nil, o
	}
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids, o
}

// review1 sends one review of a claim of this client's.
func (r *run) review1(ctx context.Context, s *server, rng *rand.Rand, claim int64) outcome {
	actions := []struct{ action, status, body string }{
		{"confirm", "confirmed", `{"action":"confirm"}`},
		{"reject", "rejected", `{"action":"reject"}`},
		{"correct", "corrected", `{"action":"correct","claim":{"note":"corrected in a soak"}}`},
	}
	a := actions[rng.IntN(len(actions))]
	path := fmt.Sprintf("/api/claims/%d", claim)
	status, data, o := r.do(ctx, s, "review", "POST", path, "application/json", []byte(a.body))
	r.mu.Lock()
	rv := r.reviews[claim]
	if rv == nil {
		rv = &review{}
		r.reviews[claim] = rv
	}
	r.mu.Unlock()
	if o != answered {
		r.mu.Lock()
		rv.maybe = append(rv.maybe, a.status)
		r.mu.Unlock()
		return o
	}
	if !r.answer("review", a.action+" "+path, status, data) {
		r.mu.Lock()
		if status >= 500 {
			rv.maybe = append(rv.maybe, a.status)
		}
		r.mu.Unlock()
		return o
	}
	r.mu.Lock()
	rv.last, rv.maybe = a.status, nil
	r.acked++
	r.mu.Unlock()
	return o
}

// check runs verify and compares the store with what was acknowledged.
func (r *run) check(ctx context.Context, rep *Report) error {
	out, err := exec.CommandContext(ctx, r.cfg.Bin, "--db", r.cfg.DB, "verify").CombinedOutput()
	rep.Verify = string(out)
	var ee *exec.ExitError
	switch {
	case err == nil:
		rep.VerifyOK = true
	case errors.As(err, &ee):
		rep.VerifyOK = false
	default:
		return fmt.Errorf("harmlog verify: %w", err)
	}
	var docs []struct {
		ID     int64  `json:"id"`
		SHA256 string `json:"sha256"`
	}
	if err := r.cliJSON(ctx, &docs, "docs", "list", "--json"); err != nil {
		return err
	}
	rep.StoredDocuments = len(docs)
	byID := make(map[int64]string, len(docs))
	for _, d := range docs {
		byID[d.ID] = d.SHA256
	}
	for _, u := range r.uploads {
		switch sha, ok := byID[u.id]; {
		case !ok:
			rep.Losses = append(rep.Losses, fmt.Sprintf("upload %s acknowledged as document %d is not in the store", u.name, u.id))
		case sha != u.sha:
			rep.Losses = append(rep.Losses, fmt.Sprintf("upload %s acknowledged as document %d with SHA-256 %s; the store has %s", u.name, u.id, u.sha, sha))
		}
	}
	var claims []struct {
		ID     int64  `json:"claim_id"`
		Status string `json:"status"`
	}
	if err := r.cliJSON(ctx, &claims, "export", "claims", "--format", "json"); err != nil {
		return err
	}
	status := make(map[int64]string, len(claims))
	for _, c := range claims {
		status[c.ID] = c.Status
	}
	ids := make([]int64, 0, len(r.reviews))
	for id := range r.reviews {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		rv := r.reviews[id]
		if rv.last == "" {
			continue // never acknowledged
		}
		got, ok := status[id]
		switch {
		case !ok:
			rep.Losses = append(rep.Losses, fmt.Sprintf("claim %d, reviewed (%s), is not in the store", id, rv.last))
		case got != rv.last && !slices.Contains(rv.maybe, got):
			rep.Losses = append(rep.Losses, fmt.Sprintf("claim %d: the last acknowledged review made it %s, the store has %s", id, rv.last, got))
		}
	}
	return nil
}

// cliJSON runs a harmlog command on the store and decodes its JSON output.
func (r *run) cliJSON(ctx context.Context, v any, args ...string) error {
	cmd := exec.CommandContext(ctx, r.cfg.Bin, append([]string{"--db", r.cfg.DB}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("harmlog %s: %v: %s", strings.Join(args, " "), err, stderr.Bytes())
	}
	if err := json.Unmarshal(out, v); err != nil {
		return fmt.Errorf("harmlog %s: reading its JSON: %w", strings.Join(args, " "), err)
	}
	return nil
}
