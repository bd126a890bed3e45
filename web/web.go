// Package web is harmlog's web app: a JSON API under /api/ (described by an
// embedded OpenAPI 3 document at /api/openapi.json) and server-rendered HTML
// pages (dashboard, documents with their claims highlighted, incidents,
// review, upload, audit, tally), served from one http.Handler. Every asset is
// embedded; nothing is fetched from elsewhere, so it works offline.
//
// The server holds no state of its own beyond what it is given at start
// (the gazetteer and the extractor, which are caches of embedded data and
// the store's places): every record is read from and written to the store.
package web

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
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
	EachClaim(ctx context.Context, f store.ClaimFilter, fn func(*harmlog.Claim) error) error
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
	// address (a guard against DNS rebinding while there are no accounts).
	LoopbackOnly bool
	Logger       *slog.Logger // nil: slog.Default()
}

// ActorHeader names who acts, for the change log; "web" when absent.
const ActorHeader = "X-Harmlog-Actor"

// CSP is the Content-Security-Policy of every response: assets only from
// this server, no inline scripts or styles, no framing.
const CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Route is one entry of the server's route table.
type Route struct {
	Method  string // GET or POST
	Pattern string // a net/http pattern path, such as /api/documents/{id}
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
	s := &Server{cfg: cfg}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if s.static, err = fs.Sub(assets, "static"); err != nil {
		return nil, err
	}
	s.routes = []Route{
		{"GET", "/api/openapi.json", s.apiOpenAPI},
		{"GET", "/api/documents", s.apiDocuments},
		{"POST", "/api/documents", s.apiUpload},
		{"GET", "/api/documents/{id}", s.apiDocument},
		{"GET", "/api/documents/{id}/original", s.apiOriginal},
		{"GET", "/api/claims", s.apiClaims},
		{"GET", "/api/claims/{id}", s.apiClaim},
		{"POST", "/api/claims/{id}", s.apiReview},
		{"GET", "/api/incidents", s.apiIncidents},
		{"GET", "/api/incidents/{id}", s.apiIncident},
		{"POST", "/api/incidents/{id}/pin", s.apiPin},
		{"POST", "/api/incidents/{id}/detach", s.apiDetach},
		{"GET", "/api/tally", s.apiTally},
		{"GET", "/api/export/{kind}", s.apiExport},
		{"POST", "/api/audit", s.apiAudit},
		{"GET", "/api/places", s.apiPlaces},

		{"GET", "/{$}", s.pageDashboard},
		{"GET", "/documents", s.pageDocuments},
		{"GET", "/documents/{id}", s.pageDocument},
		{"GET", "/incidents/{id}", s.pageIncident},
		{"GET", "/review", s.pageReview},
		{"POST", "/review/{id}", s.postReview},
		{"GET", "/upload", s.pageUpload},
		{"POST", "/upload", s.postUpload},
		{"GET", "/audit", s.pageAudit},
		{"POST", "/audit", s.postAudit},
		{"GET", "/tally", s.pageTally},
		{"GET", "/static/", http.StripPrefix("/static", http.FileServerFS(s.static)).ServeHTTP},
	}
	mux := http.NewServeMux()
	s.probe, s.methods = http.NewServeMux(), map[string][]string{}
	for _, r := range s.routes {
		mux.HandleFunc(r.Method+" "+r.Pattern, r.handler)
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

// ServeHTTP sets the security headers of every response, refuses foreign
// Host names when LoopbackOnly, and dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if s.cfg.LoopbackOnly && !loopbackHost(r.Host) {
		s.fail(w, r, http.StatusMisdirectedRequest, "EHOST", "this server answers only to localhost, 127.0.0.1 or [::1]")
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

// actor is who the change log records for a request: "web:NAME" when the
// ActorHeader gives a NAME (printable UTF-8, at most 100 bytes), else "web".
// The header is a label, not an authentication: accounts come later.
func actor(r *http.Request) string {
	a := strings.TrimSpace(r.Header.Get(ActorHeader))
	if a == "" || len(a) > 100 || !utf8.ValidString(a) || strings.IndexFunc(a, func(c rune) bool { return !unicode.IsPrint(c) }) >= 0 {
		return "web"
	}
	return "web:" + a
}

// placeResolver adapts the gazetteer to audit.Places.
type placeResolver struct{ gz *gazetteer.Gazetteer }

func (p placeResolver) Resolve(name string, countries ...string) (harmlog.PlaceRef, bool) {
	pl, ok := p.gz.Resolve(name, countries...)
	if !ok {
		return harmlog.PlaceRef{}, false
	}
	return pl.Ref(), true
}
