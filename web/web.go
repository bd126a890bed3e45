// Package web is harmlog's web app: a JSON API under /api/ (described by an
// embedded OpenAPI 3 document at /api/openapi.json) and server-rendered HTML
// pages (dashboard, documents with their claims highlighted, incidents,
// review, upload, audit, tally), served from one http.Handler. Every asset is
// embedded; nothing is fetched from elsewhere, so it works offline.
//
// The server holds no state of its own beyond what it is given at start
// (the gazetteer and the extractor, which are caches of embedded data and
// the store's places): every record is read from and written to the store.
// That includes accounts (auth.go): sessions, API tokens and failed-login
// counts are in the store, so servers sharing a database share them. A
// store without users is open to its owner (on loopback); once it has
// users every route checks the role it needs and every cookie POST its
// CSRF token, and viewers never receive sensitive fields.
package web

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/basemap"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/infographic"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/tally"
)

//go:embed static templates openapi.json
var assets embed.FS

// Store is what the web app needs of a store; *store.Store has it all.
type Store interface {
	Documents(ctx context.Context, f store.DocumentFilter) ([]harmlog.Document, error)
	Document(ctx context.Context, id int64, withOriginal bool) (*harmlog.Document, error)
	AddDocument(ctx context.Context, doc *harmlog.Document, claims []harmlog.Claim, actor string) (int64, bool, error)
	Claims(ctx context.Context, f store.ClaimFilter) ([]harmlog.Claim, error)
	Claim(ctx context.Context, id int64) (*harmlog.Claim, error)
	UpdateClaim(ctx context.Context, c *harmlog.Claim, actor, action string) error
	Incidents(ctx context.Context, f store.IncidentFilter) ([]harmlog.Incident, error)
	IncidentsWithClaims(ctx context.Context, f store.IncidentFilter) ([]harmlog.Incident, error)
	Incident(ctx context.Context, id int64) (*harmlog.Incident, error)
	PinClaim(ctx context.Context, claimID, incidentID int64, actor string) error
	DetachClaim(ctx context.Context, claimID int64, actor string) error
	// IncidentCandidates feeds the linker that attaches uploaded claims
	// to stored incidents (attach.go; with SaveIncident it is link.Store).
	IncidentCandidates(ctx context.Context, from, to, country string) ([]harmlog.Incident, error)
	// Analysts' decisions on incidents (decisions.go).
	SaveIncident(ctx context.Context, inc *harmlog.Incident, actor string) error
	MergeIncidents(ctx context.Context, into int64, from []int64, actor string) (int, error)
	SplitIncident(ctx context.Context, id int64, claimIDs []int64, actor string) (int64, error)
	DiscountIncident(ctx context.Context, id int64, reason, actor string) error
	EachClaim(ctx context.Context, f store.ClaimFilter, fn func(*harmlog.Claim) error) error
	Generation(ctx context.Context) (int64, error) // changes with every write (see cache.go)
	// tally.Store: tallies computed in the database (tally.FromStore).
	tally.Store
}

// Config is what New needs.
type Config struct {
	Store     Store
	Gazetteer *gazetteer.Gazetteer // place search, and places for audits
	Extractor *extract.Extractor   // claims of uploads and audited statements
	Parties   *party.Registry      // nil: party.Default()
	// MaxUploadBytes caps one uploaded file (ingest.DefaultMaxBytes when
	// 0); a request may carry at most MaxUploadFiles files.
	MaxUploadBytes int64
	MaxUploadFiles int // 20 when 0
	// LoopbackOnly refuses requests whose Host is not a loopback name or
	// address while the store has no users (a guard against DNS rebinding
	// while the store is open); once it has users, accounts guard it.
	LoopbackOnly bool
	// Accounts keeps users, sessions, tokens and failed logins: nil means
	// the Store when it implements account.Store (*store.Store does), else
	// no accounts at all (every request is the owner's, as on a store
	// without users). AccountOptions tunes hashing, limits and sessions.
	Accounts       account.Store
	AccountOptions account.Options
	// SecureCookies marks the session cookie Secure on plain-HTTP
	// requests too (behind a TLS-terminating proxy); on TLS connections it
	// is always Secure.
	SecureCookies bool
	Logger        *slog.Logger // nil: slog.Default()
	// Basemap gives the country outlines under the infographic's map; nil: none.
	Basemap infographic.Basemap
	// CacheBytes bounds the cache of encoded incident lists and tallies
	// (cache.go): DefaultCacheBytes when 0, no cache when negative.
	CacheBytes int64
}

// ActorHeader names who acts, for the change log; "web" when absent.
const ActorHeader = "X-Harmlog-Actor"

// CSP is the Content-Security-Policy of every response: assets only from
// this server, no inline scripts or styles, no framing.
const CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Route is one entry of the server's route table.
type Route struct {
	Method  string       // GET or POST
	Pattern string       // a net/http pattern path, such as /api/documents/{id}
	Role    account.Role // the least role that may use it (account.Public: anyone)
	handler http.HandlerFunc
}

// Server is the web app; it is an http.Handler.
type Server struct {
	cfg     Config
	routes  []Route
	handler http.Handler
	pages   map[string]*template.Template
	static  fs.FS
	// probe matches a path against the routes' patterns whatever the
	// method; methods lists each pattern's methods (for 405 answers).
	probe   *http.ServeMux
	methods map[string][]string
	cache   *respCache   // nil: none
	basemap *basemap.Map // the country outlines under the maps
	// accounts is the store of users (nil: none); acct works over it.
	accounts account.Store
	acct     *account.Service
}

// New builds the server: routes, parsed templates, embedded assets.
func New(cfg Config) (*Server, error) {
	if cfg.Parties == nil {
		cfg.Parties = party.Default()
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = ingest.DefaultMaxBytes
	}
	if cfg.MaxUploadFiles <= 0 {
		cfg.MaxUploadFiles = 20
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Accounts == nil {
		cfg.Accounts, _ = cfg.Store.(account.Store)
	}
	if cfg.Store != nil {
		cfg.Store = redacting{cfg.Store}
	}
	s := &Server{cfg: cfg, cache: newServerCache(cfg)}
	if cfg.Accounts != nil {
		s.accounts, s.acct = cfg.Accounts, account.New(cfg.Accounts, cfg.AccountOptions)
	}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if s.basemap, err = basemap.Load(); err != nil {
		return nil, err
	}
	if s.static, err = fs.Sub(assets, "static"); err != nil {
		return nil, err
	}
	s.routes = []Route{
		{"GET", "/api/openapi.json", account.Viewer, s.apiOpenAPI},
		{"GET", "/api/documents", account.Viewer, s.apiDocuments},
		{"POST", "/api/documents", account.Analyst, s.apiUpload},
		{"GET", "/api/documents/{id}", account.Viewer, s.apiDocument},
		{"GET", "/api/documents/{id}/original", account.Analyst, s.apiOriginal},
		{"GET", "/api/claims", account.Viewer, s.apiClaims},
		{"GET", "/api/claims/{id}", account.Viewer, s.apiClaim},
		{"POST", "/api/claims/{id}", account.Analyst, s.apiReview},
		{"GET", "/api/incidents", account.Viewer, s.apiIncidents},
		{"GET", "/api/incidents/{id}", account.Viewer, s.apiIncident},
		{"POST", "/api/incidents/{id}/pin", account.Analyst, s.apiPin},
		{"POST", "/api/incidents/{id}/detach", account.Analyst, s.apiDetach},
		{"POST", "/api/incidents/{id}/merge", account.Analyst, s.apiMerge},
		{"POST", "/api/incidents/{id}/split", account.Analyst, s.apiSplit},
		{"POST", "/api/incidents/{id}/discount", account.Analyst, s.apiDiscount},
		{"GET", "/api/tally", account.Viewer, s.apiTally},
		{"GET", "/api/export/{kind}", account.Viewer, s.apiExport},
		{"POST", "/api/audit", account.Analyst, s.apiAudit},
		{"GET", "/api/places", account.Viewer, s.apiPlaces},

		{"GET", "/{$}", account.Viewer, s.pageDashboard},
		{"GET", "/documents", account.Viewer, s.pageDocuments},
		{"GET", "/documents/{id}", account.Viewer, s.pageDocument},
		{"GET", "/incidents/{id}", account.Viewer, s.pageIncident},
		{"POST", "/incidents/{id}/merge", account.Analyst, s.postMerge},
		{"POST", "/incidents/{id}/split", account.Analyst, s.postSplit},
		{"POST", "/incidents/{id}/discount", account.Analyst, s.postDiscount},
		{"GET", "/review", account.Analyst, s.pageReview},
		{"POST", "/review/{id}", account.Analyst, s.postReview},
		{"GET", "/upload", account.Analyst, s.pageUpload},
		{"POST", "/upload", account.Analyst, s.postUpload},
		{"GET", "/audit", account.Analyst, s.pageAudit},
		{"POST", "/audit", account.Analyst, s.postAudit},
		{"GET", "/tally", account.Viewer, s.pageTally},
		{"GET", "/report", account.Viewer, s.pageReport},
		{"GET", "/api/infographic.svg", account.Viewer, s.apiInfographic}, {"GET", "/api/infographic.png", account.Viewer, s.apiInfographic},
		{"GET", "/login", account.Public, s.pageLogin},
		{"POST", "/login", account.Public, s.postLogin},
		{"POST", "/logout", account.Viewer, s.postLogout},
		{"GET", "/admin/users", account.Admin, s.pageUsers},
		{"GET", "/static/", account.Public, http.StripPrefix("/static", http.FileServerFS(s.static)).ServeHTTP},
	}
	mux := http.NewServeMux()
	s.probe, s.methods = http.NewServeMux(), map[string][]string{}
	for _, r := range s.routes {
		mux.HandleFunc(r.Method+" "+r.Pattern, s.guard(r))
		if s.methods[r.Pattern] == nil {
			s.probe.HandleFunc(r.Pattern, http.NotFound)
		}
		s.methods[r.Pattern] = append(s.methods[r.Pattern], r.Method)
	}
	// Anything else: JSON under /api/, a page elsewhere.
	mux.HandleFunc("/", s.notFound)
	s.handler = http.NewCrossOriginProtection().Handler(mux)
	return s, nil
}

// Routes returns the route table (method and pattern of each route).
func (s *Server) Routes() []Route { return append([]Route(nil), s.routes...) }

// ServeHTTP sets the security headers of every response, identifies who
// asks (auth.go), refuses foreign Host names to an open store when
// LoopbackOnly, sends anonymous requests to a store with users to the login
// page, and dispatches (each route checking its role: guard).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	p, err := s.identify(r)
	var ae authError
	switch {
	case errors.As(err, &ae):
		h.Set("WWW-Authenticate", `Bearer realm="harmlog", error="invalid_token"`)
		s.fail(w, r, http.StatusUnauthorized, EAUTH, ae.msg)
		return
	case err != nil:
		s.apiFail(w, r, err)
		return
	}
	if p.open && s.cfg.LoopbackOnly && !loopbackHost(r.Host) {
		s.fail(w, r, http.StatusMisdirectedRequest, "EHOST", "this server answers only to localhost, 127.0.0.1 or [::1]")
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), principalKey{}, p))
	if p.role == account.Public && !publicPath(r.URL.Path) {
		s.needLogin(w, r)
		return
	}
	s.handler.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopbackAddr reports whether a listen address (host:port) binds only
// loopback interfaces: localhost or a loopback IP. An empty host binds
// every interface and is not loopback.
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	return loopbackHost(host)
}

// actor is who the change log records for a request: "user:NAME" for a
// signed-in user (session or API token); on an open store (no users)
// "web:NAME" when the ActorHeader gives a NAME (printable UTF-8, at most
// 100 bytes), else "web". The header is a label, not an authentication,
// and is ignored for signed-in users.
func actor(r *http.Request) string {
	if p := who(r.Context()); p.user != nil {
		return "user:" + p.user.Name
	}
	a := strings.TrimSpace(r.Header.Get(ActorHeader))
	if a == "" || len(a) > 100 || !utf8.ValidString(a) || strings.IndexFunc(a, func(c rune) bool { return !unicode.IsPrint(c) }) >= 0 {
		return "web"
	}
	return "web:" + a
}
