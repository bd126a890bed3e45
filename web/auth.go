package web

// Accounts in the web app. Every request is first identified (ServeHTTP):
// by an API token (Authorization: Bearer), else by the session cookie,
// else it is anonymous; a store without users is open, its every request
// the owner's. Once the store has a user, anonymous requests reach only the
// login page and /static/: pages redirect to /login, the API answers 401.
// Each route names the least role it needs (Route.Role), checked by guard,
// which also checks the CSRF token of every POST made with a session
// cookie. Nothing is kept in the server: sessions, tokens and failed-login
// counts are in the store, so servers sharing a database share them.

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/store"
)

// Names of the cookies, the CSRF header and the CSRF form field.
const (
	SessionCookie = "harmlog_session"
	loginCookie   = "harmlog_login" // binds the login form's CSRF token before there is a session
	CSRFHeader    = "X-CSRF-Token"
	CSRFField     = "csrf_token"
)

// Error codes of the API's authentication answers.
const (
	EAUTH      = "EAUTH"      // 401: sign in, or the token is not valid
	EFORBIDDEN = "EFORBIDDEN" // 403: the role does not allow it
	ECSRF      = "ECSRF"      // 403: a cookie-authenticated POST without its CSRF token
	ELOCKED    = "ELOCKED"    // 429: too many failed logins
)

// principal is who makes a request.
type principal struct {
	user   *account.User // nil: anonymous, or the owner of an open store
	role   account.Role
	open   bool   // the store has no users: one user, the owner, with every right
	secret string // the session cookie's secret (the CSRF key); "" without a session
}

type principalKey struct{}

// who is the principal of a request's context: anonymous when there is
// none, so that anything reached without identification sees the least.
func who(ctx context.Context) *principal {
	if p, _ := ctx.Value(principalKey{}).(*principal); p != nil {
		return p
	}
	return &principal{role: account.Public}
}

// authError is a request's failed authentication (401).
type authError struct{ msg string }

func (e authError) Error() string { return e.msg }

// identify works out who makes r.
func (s *Server) identify(r *http.Request) (*principal, error) {
	if s.acct == nil {
		return &principal{role: account.Admin, open: true}, nil
	}
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return nil, authError{"Authorization: want Bearer TOKEN (a token from `harmlog tokens create`)"}
		}
		u, err := s.acct.TokenUser(ctx, strings.TrimSpace(tok))
		if err != nil {
			return nil, err
		}
		if u == nil {
			return nil, authError{"the API token is not valid: unknown, revoked, or its user is disabled"}
		}
		return &principal{user: u, role: u.Role}, nil
	}
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		u, err := s.acct.Session(ctx, c.Value)
		if err != nil {
			return nil, err
		}
		if u != nil {
			return &principal{user: u, role: u.Role, secret: c.Value}, nil
		}
	}
	has, err := s.accounts.HasUsers(ctx)
	if err != nil {
		return nil, err
	}
	if !has {
		return &principal{role: account.Admin, open: true}, nil
	}
	return &principal{role: account.Public}, nil
}

// publicPath reports whether anonymous requests may reach path.
func publicPath(path string) bool {
	return path == "/login" || strings.HasPrefix(path, "/static/")
}

// needLogin answers a request that needs a signed-in user: 401 under
// /api/, else a redirect to the login page (back here afterwards for GET).
func (s *Server) needLogin(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="harmlog"`)
		s.fail(w, r, http.StatusUnauthorized, EAUTH, "sign in first: send Authorization: Bearer TOKEN (see `harmlog tokens create`), or the session cookie of /login")
		return
	}
	target := "/login"
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// guard wraps a route's handler with its checks: the role, and the CSRF
// token of a POST made with a session cookie (token-authenticated and open
// requests carry none; http.CrossOriginProtection still screens them).
func (s *Server) guard(rt Route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := who(r.Context())
		if !p.role.Allows(rt.Role) {
			if p.role == account.Public {
				s.needLogin(w, r)
				return
			}
			s.fail(w, r, http.StatusForbidden, EFORBIDDEN, fmt.Sprintf("%s %s needs the %s role; %s is a %s", r.Method, r.URL.Path, rt.Role, p.user.Name, p.role))
			return
		}
		if rt.Method == http.MethodPost && p.secret != "" && !s.csrfOK(w, r, p.secret) {
			msg := "this form's CSRF token is missing or not that of your session (the page may be older than your login): reload the page and submit again"
			if strings.HasPrefix(r.URL.Path, "/api/") {
				msg = "a POST signed in with the session cookie needs the " + CSRFHeader + " header (the token is in the pages' <meta name=\"csrf-token\">); scripts should send an API token instead (Authorization: Bearer)"
			}
			s.fail(w, r, http.StatusForbidden, ECSRF, msg)
			return
		}
		rt.handler(w, r)
	}
}

// csrfOK reports whether r carries the CSRF token of secret: in the
// X-CSRF-Token header, in the csrf_token field of a URL-encoded form, or,
// for multipart forms (whose bodies the upload and audit handlers stream
// under their own limits, so they cannot be read here first), in the
// csrf_token parameter of the form's action URL.
func (s *Server) csrfOK(w http.ResponseWriter, r *http.Request, secret string) bool {
	tok := r.Header.Get(CSRFHeader)
	if tok == "" {
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch mt {
		case "application/x-www-form-urlencoded":
			r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
			tok = r.PostFormValue(CSRFField)
		case "multipart/form-data":
			tok = r.URL.Query().Get(CSRFField)
		}
	}
	return account.ValidCSRF(secret, tok)
}

// csrfToken is the CSRF token forms of r's session carry ("" without a
// session: open stores and token requests need none).
func csrfToken(r *http.Request) string {
	if p := who(r.Context()); p.secret != "" {
		return account.CSRFToken(p.secret)
	}
	return ""
}

// cookieSecure reports whether cookies set in answer to r are marked
// Secure: on TLS connections, and always with Config.SecureCookies (for a
// TLS-terminating proxy in front).
func (s *Server) cookieSecure(r *http.Request) bool { return r.TLS != nil || s.cfg.SecureCookies }

// clientAddr is the address failed logins are counted under: the peer's
// IP. X-Forwarded-For is not trusted (anyone can send it); behind a proxy
// every client shares the proxy's address and its limit.
func clientAddr(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return r.RemoteAddr
}

// safeNext is where to go after login: a path on this server, else /.
// Backslashes and control characters are refused outright: browsers read
// "/\\host" and "/<tab>/host" as another host.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') ||
		!utf8.ValidString(next) || strings.IndexFunc(next, unicode.IsControl) >= 0 {
		return "/"
	}
	return next
}

// loginPage is the data of the login page.
type loginPage struct {
	Next  string
	CSRF  string
	Name  string
	Error string
}

// loginNonce returns the browser's login cookie, setting a new one when it
// has none.
func (s *Server) loginNonce(w http.ResponseWriter, r *http.Request) (string, error) {
	if c, err := r.Cookie(loginCookie); err == nil && strings.HasPrefix(c.Value, "hln_") && len(c.Value) == 47 {
		return c.Value, nil
	}
	n, err := account.NewLoginNonce()
	if err != nil {
		return "", err
	}
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: n, Path: "/login", MaxAge: 3600,
		HttpOnly: true, Secure: s.cookieSecure(r), SameSite: http.SameSiteStrictMode})
	return n, nil
}

// renderLogin shows the login form with a status and an error.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, code int, lp loginPage) {
	n, err := s.loginNonce(w, r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	lp.CSRF = account.CSRFToken(n)
	s.render(w, r, code, "login", page{Title: "Sign in", Nav: "login", Data: lp})
}

func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if p := who(r.Context()); p.open || p.user != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, loginPage{Next: next})
}

func (s *Server) postLogin(w http.ResponseWriter, r *http.Request) {
	if who(r.Context()).open {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	lp := loginPage{Next: safeNext(r.PostFormValue("next")), Name: r.PostFormValue("name")}
	var nonce string
	if c, err := r.Cookie(loginCookie); err == nil {
		nonce = c.Value
	}
	if !account.ValidCSRF(nonce, r.PostFormValue(CSRFField)) {
		lp.Error = "the login form has expired or was not sent from this site: try again"
		s.renderLogin(w, r, http.StatusForbidden, lp)
		return
	}
	_, secret, err := s.acct.Login(r.Context(), lp.Name, r.PostFormValue("password"), clientAddr(r))
	switch {
	case errors.Is(err, account.ErrLocked):
		w.Header().Set("Retry-After", strconv.Itoa(int(s.acct.Limits().Window.Seconds())))
		lp.Error = fmt.Sprintf("too many failed logins for this name or from this address: try again in %v", s.acct.Limits().Window)
		s.renderLogin(w, r, http.StatusTooManyRequests, lp)
		return
	case errors.Is(err, account.ErrBadLogin):
		lp.Error = "wrong user name or password"
		s.renderLogin(w, r, http.StatusUnauthorized, lp)
		return
	case err != nil:
		s.pageFail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: "", Path: "/login", MaxAge: -1, HttpOnly: true, Secure: s.cookieSecure(r), SameSite: http.SameSiteStrictMode})
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", MaxAge: int(s.acct.SessionTTL().Seconds()),
		HttpOnly: true, Secure: s.cookieSecure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, lp.Next, http.StatusSeeOther)
}

func (s *Server) postLogout(w http.ResponseWriter, r *http.Request) {
	p := who(r.Context())
	if p.open {
		http.Redirect(w, r, "/", http.StatusSeeOther) // no accounts: nothing to sign out of
		return
	}
	if p.secret != "" {
		if err := s.acct.Logout(r.Context(), p.secret); err != nil {
			s.pageFail(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.cookieSecure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// usersPage is the data of the admin's users page.
type usersPage struct {
	Users  []account.User
	Tokens []account.Token
}

func (s *Server) pageUsers(w http.ResponseWriter, r *http.Request) {
	var d usersPage
	var err error
	if s.accounts != nil {
		if d.Users, err = s.accounts.Users(r.Context()); err == nil {
			d.Tokens, err = s.accounts.Tokens(r.Context(), "")
		}
	}
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", page{Title: "Users", Nav: "users", Data: d})
}

// redacting is the Store as handlers see it: claims, documents and
// incidents read for a request whose role may not see sensitive fields
// (viewers, and anything without a principal) come back without them
// (harmlog.Redact), so no page, API answer or export can show them.
type redacting struct{ Store }

func hide(ctx context.Context) bool { return !who(ctx).role.SeesSensitive() }

func (rs redacting) Documents(ctx context.Context, f store.DocumentFilter) ([]harmlog.Document, error) {
	ds, err := rs.Store.Documents(ctx, f)
	if hide(ctx) {
		for i := range ds {
			harmlog.Redact(&ds[i])
		}
	}
	return ds, err
}

func (rs redacting) Document(ctx context.Context, id int64, withOriginal bool) (*harmlog.Document, error) {
	d, err := rs.Store.Document(ctx, id, withOriginal)
	if d != nil && hide(ctx) {
		harmlog.Redact(d)
	}
	return d, err
}

func (rs redacting) Claims(ctx context.Context, f store.ClaimFilter) ([]harmlog.Claim, error) {
	cs, err := rs.Store.Claims(ctx, f)
	if hide(ctx) {
		for i := range cs {
			harmlog.Redact(&cs[i])
		}
	}
	return cs, err
}

func (rs redacting) Claim(ctx context.Context, id int64) (*harmlog.Claim, error) {
	c, err := rs.Store.Claim(ctx, id)
	if c != nil && hide(ctx) {
		harmlog.Redact(c)
	}
	return c, err
}

func (rs redacting) EachClaim(ctx context.Context, f store.ClaimFilter, fn func(*harmlog.Claim) error) error {
	if !hide(ctx) {
		return rs.Store.EachClaim(ctx, f, fn)
	}
	return rs.Store.EachClaim(ctx, f, func(c *harmlog.Claim) error {
		harmlog.Redact(c)
		return fn(c)
	})
}

func (rs redacting) Incidents(ctx context.Context, f store.IncidentFilter) ([]harmlog.Incident, error) {
	is, err := rs.Store.Incidents(ctx, f)
	if hide(ctx) {
		for i := range is {
			harmlog.Redact(&is[i])
		}
	}
	return is, err
}

func (rs redacting) IncidentsWithClaims(ctx context.Context, f store.IncidentFilter) ([]harmlog.Incident, error) {
	is, err := rs.Store.IncidentsWithClaims(ctx, f)
	if hide(ctx) {
		for i := range is {
			harmlog.Redact(&is[i])
		}
	}
	return is, err
}

func (rs redacting) Incident(ctx context.Context, id int64) (*harmlog.Incident, error) {
	in, err := rs.Store.Incident(ctx, id)
	if in != nil && hide(ctx) {
		harmlog.Redact(in)
	}
	return in, err
}
