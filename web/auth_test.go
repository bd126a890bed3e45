package web

import (
	"context"
	"crypto/tls"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/store"
)

// Sensitive values the auth fixture plants; viewers must never see them.
const (
	victimName    = "Zeynab Qasimova-Sensitive"
	sourceContact = "witness Farid phone 994550001122" // nothing html/template escapes, so a leak shows verbatim
)

// testGazetteer loads the embedded gazetteer once for the auth tests.
var testGazetteer = sync.OnceValues(func() (*gazetteer.Gazetteer, error) { return gazetteer.Load() })

// authClock is a settable clock for the accounts of a server.
type authClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *authClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *authClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// authFixture is a store with one document (with a source contact), two
// claims (one naming a victim) in an incident, and, when asked, a user of
// each role; and a server over it.
type authFixture struct {
	st    *store.Store
	srv   *Server
	svc   *account.Service // the server's accounts, for making sessions
	clk   *authClock
	users map[string]*account.User // by role name
	doc   int64
	claim int64 // the claim naming a victim
	other int64 // another claim
	inc   int64
}

const testPassword = "correct horse battery"

func newAuthFixture(t *testing.T, dsn string, withUsers bool) *authFixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &authFixture{st: st, clk: &authClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}, users: map[string]*account.User{}}
	text := "date 2020-10-08 By Test Wire\n\nOfficials said 2 civilians were killed and 1 injured in Barda on Wednesday.\n"
	doc := &harmlog.Document{Title: "Report", MediaType: "text/plain", Filename: "r.txt", Text: text, Original: []byte(text), SourceContact: sourceContact}
	lat, lon := 40.4, 47.1
	barda := harmlog.PlaceRef{Name: "Barda", ID: "geonames:1", Lat: &lat, Lon: &lon, Country: "AZ"}
	claims := []harmlog.Claim{
		{Killed: harmlog.Exact(2), Victims: harmlog.VictimsCivilian, Places: []harmlog.PlaceRef{barda},
			Date: &harmlog.DateRange{From: "2020-10-07", To: "2020-10-07"}, VictimNames: []string{victimName}, Claimant: "Officials", End: len(text)},
		{Injured: harmlog.Exact(1), Places: []harmlog.PlaceRef{barda}, Date: &harmlog.DateRange{From: "2020-10-07", To: "2020-10-07"}, End: len(text)},
	}
	if f.doc, _, err = st.AddDocument(ctx, doc, claims, "test"); err != nil {
		t.Fatal(err)
	}
	f.claim, f.other = claims[0].ID, claims[1].ID
	inc := harmlog.Incident{Key: "k", DateFrom: "2020-10-07", DateTo: "2020-10-07", Places: []harmlog.PlaceRef{barda}, Country: "AZ",
		Killed: harmlog.Exact(2), Sources: 1, Grade: harmlog.GradeWeak,
		Members: []harmlog.Link{{ClaimID: f.claim, Score: 1}, {ClaimID: f.other, Score: 1}}}
	if err := st.SaveIncidents(ctx, []harmlog.Incident{inc}, "test"); err != nil {
		t.Fatal(err)
	}
	incs, err := st.Incidents(ctx, store.IncidentFilter{})
	if err != nil || len(incs) != 1 {
		t.Fatalf("incidents: %v %v", incs, err)
	}
	f.inc = incs[0].ID
	opts := account.Options{Params: account.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32},
		Limits: account.Limits{PerUser: 3, PerAddr: 100, Window: 10 * time.Minute}, SessionTTL: time.Hour, Now: f.clk.now}
	f.svc = account.New(st, opts)
	if withUsers {
		for _, r := range []account.Role{account.Viewer, account.Analyst, account.Admin} {
			u, err := f.svc.AddUser(ctx, "the-"+r.String(), r, testPassword, "test")
			if err != nil {
				t.Fatal(err)
			}
			f.users[r.String()] = u
		}
	}
	gz, err := testGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	f.srv, err = New(Config{Store: st, Gazetteer: gz, Extractor: extract.New(extract.Options{Places: gz}),
		MaxUploadBytes: 1 << 12, MaxUploadFiles: 2, LoopbackOnly: true, AccountOptions: opts,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// session starts a session for the user of a role and returns its secret.
func (f *authFixture) session(t *testing.T, role string) string {
	t.Helper()
	secret, err := f.svc.StartSession(context.Background(), f.users[role])
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// cred is how a test request identifies itself.
type cred struct {
	session string // the session cookie
	token   string // Authorization: Bearer
	csrf    string // X-CSRF-Token
}

func (f *authFixture) do(t *testing.T, method, target, ctype string, body io.Reader, c cred) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	req.Host = "localhost:8080"
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.session != "" {
		req.AddCookie(&http.Cookie{Name: SessionCookie, Value: c.session})
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.csrf != "" {
		req.Header.Set(CSRFHeader, c.csrf)
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec.Result()
}

// routeRequest is a request that exercises a route: its path with real
// ids, and a plausible body.
func (f *authFixture) routeRequest(rt Route) (target, ctype, body string) {
	target = strings.NewReplacer("{$}", "", "{kind}", "incidents").Replace(rt.Pattern)
	switch {
	case strings.HasPrefix(rt.Pattern, "/api/documents/{id}"), strings.HasPrefix(rt.Pattern, "/documents/{id}"):
		target = strings.Replace(target, "{id}", fmt.Sprint(f.doc), 1)
	case strings.HasPrefix(rt.Pattern, "/api/incidents/{id}"), strings.HasPrefix(rt.Pattern, "/incidents/{id}"):
		target = strings.Replace(target, "{id}", fmt.Sprint(f.inc), 1)
	default:
		target = strings.Replace(target, "{id}", fmt.Sprint(f.other), 1)
	}
	switch target {
	case "/static/":
		target = "/static/style.css"
	case "/api/places":
		target += "?q=Barda"
	}
	if rt.Method != http.MethodPost {
		return target, "", ""
	}
	switch rt.Pattern {
	case "/api/claims/{id}":
		return target, "application/json", `{"action":"confirm"}`
	case "/api/incidents/{id}/pin", "/api/incidents/{id}/detach":
		return target, "application/json", fmt.Sprintf(`{"claim_id":%d}`, f.other)
	case "/api/audit":
		return target, "application/json", `{"text":"Officials said 2 civilians were killed in Barda on 7 October 2020."}`
	case "/review/{id}":
		return target, "application/x-www-form-urlencoded", "action=confirm"
	case "/login":
		return target, "application/x-www-form-urlencoded", "name=x&password=y"
	}
	return target, "multipart/form-data; boundary=x", "--x--\r\n"
}

// TestRouteRoles walks the whole route table on a store with users and
// checks what anonymous requests and each role get from every route.
func TestRouteRoles(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		f := newAuthFixture(t, dsn, true)
		roles := []string{"anonymous", "viewer", "analyst", "admin"}
		for _, rt := range f.srv.Routes() {
			for _, who := range roles {
				name := rt.Method + " " + rt.Pattern + " as " + who
				target, ctype, body := f.routeRequest(rt)
				var c cred
				have := account.Public
				if who != "anonymous" {
					c.session = f.session(t, who)
					c.csrf = account.CSRFToken(c.session)
					have, _ = account.ParseRole(who)
				}
				res := f.do(t, rt.Method, target, ctype, strings.NewReader(body), c)
				got := readBody(t, res)
				loc := res.Header.Get("Location")
				api := strings.HasPrefix(rt.Pattern, "/api/")
				switch {
				case rt.Pattern == "/login" && rt.Method == http.MethodPost:
					// No login form cookie: refused whoever asks.
					if res.StatusCode != http.StatusForbidden || !strings.Contains(got, "login form has expired") {
						t.Errorf("%s: %d %.200s; want 403 (no login form cookie)", name, res.StatusCode, got)
					}
				case !have.Allows(rt.Role) && who == "anonymous" && api:
					if res.StatusCode != http.StatusUnauthorized || !strings.Contains(got, `"code": "EAUTH"`) || res.Header.Get("WWW-Authenticate") == "" {
						t.Errorf("%s: %d %.200s; want 401 EAUTH with WWW-Authenticate", name, res.StatusCode, got)
					}
				case !have.Allows(rt.Role) && who == "anonymous":
					if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
						t.Errorf("%s: %d Location %q; want 303 to /login", name, res.StatusCode, loc)
					}
					if rt.Method == http.MethodGet && loc != "/login?next="+url.QueryEscape(target) {
						t.Errorf("%s: Location %q, want /login?next=%s", name, loc, url.QueryEscape(target))
					}
				case !have.Allows(rt.Role):
					if res.StatusCode != http.StatusForbidden || !strings.Contains(got, "needs the "+rt.Role.String()+" role") {
						t.Errorf("%s: %d %.200s; want 403 naming the role", name, res.StatusCode, got)
					}
				default:
					if res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 {
						t.Errorf("%s: %d %.300s; want the route's own answer", name, res.StatusCode, got)
					}
					if strings.HasPrefix(loc, "/login") && rt.Pattern != "/logout" {
						t.Errorf("%s: sent to %s", name, loc)
					}
				}
			}
		}
		// Anything else, such as a missing page, is no more open than a route.
		for _, p := range []string{"/nope", "/api/nope", "/api/../etc/passwd", "/login/x"} {
			res := f.do(t, "GET", p, "", nil, cred{})
			if res.StatusCode != http.StatusUnauthorized && !(res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login")) &&
				res.StatusCode != http.StatusMovedPermanently {
				t.Errorf("anonymous GET %s: %d, want 401 or a redirect to /login", p, res.StatusCode)
			}
		}
	})
}

// TestOpenStore: a store without users keeps the behaviour from before
// accounts: every route open (to loopback Host names), no CSRF tokens, the
// change log's actor from the X-Harmlog-Actor label.
func TestOpenStore(t *testing.T) {
	f := newAuthFixture(t, storetest.SQLite(t), false)
	for _, rt := range f.srv.Routes() {
		target, ctype, body := f.routeRequest(rt)
		res := f.do(t, rt.Method, target, ctype, strings.NewReader(body), cred{})
		got := readBody(t, res)
		if res.StatusCode > http.StatusBadRequest || // 400: the walk's bodies are not all valid
			strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("open store: %s %s: %d %q %.200s", rt.Method, target, res.StatusCode, res.Header.Get("Location"), got)
		}
		if strings.Contains(got, "csrf-token") || strings.Contains(got, "Sign out") {
			t.Errorf("open store: %s %s shows account controls", rt.Method, target)
		}
	}
	// The open store is its owner's: sensitive fields are shown.
	res := f.do(t, "GET", fmt.Sprintf("/api/claims/%d", f.claim), "", nil, cred{})
	if got := readBody(t, res); !strings.Contains(got, victimName) {
		t.Errorf("open store hides victim names from its owner: %s", got)
	}
	req := httptest.NewRequest("POST", fmt.Sprintf("/api/claims/%d", f.claim), strings.NewReader(`{"action":"reject"}`))
	req.Host = "127.0.0.1:8080"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(ActorHeader, "ayla")
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("review on the open store: %d %s", rec.Code, rec.Body)
	}
	if a := lastActor(t, f.st); a != "web:ayla" {
		t.Errorf("actor %q, want web:ayla", a)
	}
	// Foreign Host names are refused while the store is open.
	req = httptest.NewRequest("GET", "/", nil)
	req.Host = "evil.example"
	rec = httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusMisdirectedRequest {
		t.Errorf("open store, Host evil.example: %d, want 421", rec.Code)
	}
	// A server without any account store (a Store that is not one) is open too.
	srv, err := New(Config{Store: struct{ Store }{f.st}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/incidents", nil)) // Host example.com: LoopbackOnly is off
	if rec.Code != 200 {
		t.Errorf("server without accounts: %d", rec.Code)
	}
}

func lastActor(t *testing.T, st *store.Store) string {
	t.Helper()
	cs, err := st.Changes(context.Background(), 0, 1000)
	if err != nil || len(cs) == 0 {
		t.Fatalf("changes: %v %v", cs, err)
	}
	return cs[len(cs)-1].Actor
}

// TestLoginFlow signs in through the login form, uses the session, signs
// out, and checks the cookies' attributes.
func TestLoginFlow(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		f := newAuthFixture(t, dsn, true)
		// A page sends an anonymous visitor to the login page and back.
		res := f.do(t, "GET", "/tally?by=place", "", nil, cred{})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2Ftally%3Fby%3Dplace" {
			t.Fatalf("GET /tally anonymous: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		login := func(name, pw string, secure bool) *http.Response {
			t.Helper()
			get := httptest.NewRequest("GET", "/login?next=%2Ftally%3Fby%3Dplace", nil)
			rec := httptest.NewRecorder()
			f.srv.ServeHTTP(rec, get)
			page := rec.Body.String()
			if rec.Code != 200 || !strings.Contains(page, `name="password"`) {
				t.Fatalf("GET /login: %d %s", rec.Code, page)
			}
			nonce := cookieOf(rec.Result(), loginCookie)
			if nonce == nil || !nonce.HttpOnly || nonce.SameSite != http.SameSiteStrictMode {
				t.Fatalf("login form cookie %+v", nonce)
			}
			m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("login form without a CSRF token: %s", page)
			}
			form := url.Values{"name": {name}, "password": {pw}, "csrf_token": {m[1]}, "next": {"/tally?by=place"}}
			post := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
			post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			post.AddCookie(nonce)
			if secure {
				post.TLS = &tls.ConnectionState{}
			}
			rec = httptest.NewRecorder()
			f.srv.ServeHTTP(rec, post)
			return rec.Result()
		}
		res = login("the-viewer", "wrong password", false)
		if body := readBody(t, res); res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "wrong user name or password") {
			t.Errorf("wrong password: %d %.300s", res.StatusCode, body)
		}
		res = login("the-viewer", testPassword, false)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/tally?by=place" {
			t.Fatalf("login: %d %q %s", res.StatusCode, res.Header.Get("Location"), readBody(t, res))
		}
		sc := cookieOf(res, SessionCookie)
		if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Secure || sc.Path != "/" || sc.MaxAge != 3600 ||
			!strings.HasPrefix(sc.Value, account.SessionPrefix) {
			t.Fatalf("session cookie %+v", sc)
		}
		if c := cookieOf(login("the-viewer", testPassword, true), SessionCookie); c == nil || !c.Secure {
			t.Errorf("session cookie over TLS %+v, want Secure", c)
		}
		// The store keeps only the session's hash.
		if n := rawCount(t, dsn, "SELECT count(*) FROM sessions WHERE hash = '"+account.HashSecret(sc.Value)+"'"); n != 1 {
			t.Errorf("sessions with the secret's hash: %d, want 1", n)
		}
		if n := rawCount(t, dsn, "SELECT count(*) FROM sessions WHERE hash = '"+sc.Value+"'"); n != 0 {
			t.Errorf("sessions keyed by the plain secret: %d, want 0", n)
		}
		c := cred{session: sc.Value}
		res = f.do(t, "GET", "/", "", nil, c)
		page := readBody(t, res)
		if res.StatusCode != 200 || !strings.Contains(page, "the-viewer") || !strings.Contains(page, `action="/logout"`) ||
			!strings.Contains(page, `<meta name="csrf-token" content="`+account.CSRFToken(sc.Value)+`">`) {
			t.Errorf("dashboard signed in: %d %.600s", res.StatusCode, page)
		}
		if strings.Contains(page, `href="/upload"`) {
			t.Error("a viewer's menu offers Upload")
		}
		// Logout needs the CSRF token, ends the session and clears the cookie.
		res = f.do(t, "POST", "/logout", "application/x-www-form-urlencoded", strings.NewReader(""), c)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("logout without CSRF token: %d", res.StatusCode)
		}
		res = f.do(t, "POST", "/logout", "application/x-www-form-urlencoded", strings.NewReader("csrf_token="+account.CSRFToken(sc.Value)), c)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
			t.Errorf("logout: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		if gone := cookieOf(res, SessionCookie); gone == nil || gone.MaxAge >= 0 {
			t.Errorf("logout left the cookie: %+v", gone)
		}
		res = f.do(t, "GET", "/", "", nil, c)
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("the session works after logout: %d", res.StatusCode)
		}
	})
}

// rawCount runs a count query on the database behind the store.
func rawCount(t *testing.T, dsn, query string) int {
	t.Helper()
	driver, name := "sqlite", "file:"+dsn
	if strings.HasPrefix(dsn, "postgres") {
		driver, name = "pgx", dsn
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func cookieOf(res *http.Response, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// TestLoginRateLimit: after three failures for a name, even the right
// password is refused with 429 until the window passes.
func TestLoginRateLimit(t *testing.T) {
	f := newAuthFixture(t, storetest.SQLite(t), true)
	post := func(pw string) *http.Response {
		nonce, _ := account.NewLoginNonce()
		form := url.Values{"name": {"the-admin"}, "password": {pw}, "csrf_token": {account.CSRFToken(nonce)}}
		req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: loginCookie, Value: nonce})
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		return rec.Result()
	}
	for i, tc := range []struct {
		pw      string
		advance time.Duration
		want    int
	}{
		{"bad 1", 0, 401}, {"bad 2", 0, 401}, {"bad 3", 0, 401},
		{testPassword, 0, 429},
		{testPassword, 5 * time.Minute, 429},
		{testPassword, 6 * time.Minute, 303},
	} {
		f.clk.add(tc.advance)
		res := post(tc.pw)
		if res.StatusCode != tc.want {
			t.Fatalf("attempt %d: %d, want %d: %s", i, res.StatusCode, tc.want, readBody(t, res))
		}
		if tc.want == 429 && res.Header.Get("Retry-After") != "600" {
			t.Errorf("attempt %d: Retry-After %q", i, res.Header.Get("Retry-After"))
		}
	}
}

// TestSessionExpiry: a session stops working after its lifetime.
func TestSessionExpiry(t *testing.T) {
	f := newAuthFixture(t, storetest.SQLite(t), true)
	c := cred{session: f.session(t, "analyst")}
	if res := f.do(t, "GET", "/review", "", nil, c); res.StatusCode != 200 {
		t.Fatalf("fresh session: %d", res.StatusCode)
	}
	f.clk.add(59 * time.Minute)
	if res := f.do(t, "GET", "/api/incidents", "", nil, c); res.StatusCode != 200 {
		t.Fatalf("session at 59 minutes: %d", res.StatusCode)
	}
	f.clk.add(time.Minute)
	if res := f.do(t, "GET", "/api/incidents", "", nil, c); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("session at 60 minutes: %d, want 401", res.StatusCode)
	}
	if res := f.do(t, "GET", "/review", "", nil, c); res.StatusCode != http.StatusSeeOther {
		t.Errorf("expired session on a page: %d, want 303 to /login", res.StatusCode)
	}
}

// TestCSRF: state-changing requests made with the session cookie need the
// session's CSRF token; API tokens need none.
func TestCSRF(t *testing.T) {
	f := newAuthFixture(t, storetest.SQLite(t), true)
	sess := f.session(t, "analyst")
	tok := account.CSRFToken(sess)
	other := account.CSRFToken(f.session(t, "admin"))
	review := fmt.Sprintf("/review/%d", f.other)
	api := fmt.Sprintf("/api/claims/%d", f.other)
	upload := func(query string) (string, string, io.Reader) {
		var b strings.Builder
		mw := multipart.NewWriter(&b)
		w, _ := mw.CreateFormFile("file", "r.txt")
		io.WriteString(w, "date 2020-10-09 By Wire\n\nOne civilian was killed in Barda.\n")
		mw.Close()
		return "/upload" + query, mw.FormDataContentType(), strings.NewReader(b.String())
	}
	form := "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		name          string
		method, path  string
		ctype         string
		body          io.Reader
		c             cred
		want          int
		wantSubstring string
	}{
		{"review form without token", "POST", review, form, strings.NewReader("action=confirm"), cred{session: sess}, 403, "CSRF token is missing"},
		{"review form with another session's token", "POST", review, form, strings.NewReader("action=confirm&csrf_token=" + other), cred{session: sess}, 403, "CSRF"},
		{"review form with its token", "POST", review, form, strings.NewReader("action=confirm&csrf_token=" + tok), cred{session: sess}, 303, ""},
		{"API POST with cookie, no header", "POST", api, "application/json", strings.NewReader(`{"action":"confirm"}`), cred{session: sess}, 403, `"code": "ECSRF"`},
		{"API POST with cookie and header", "POST", api, "application/json", strings.NewReader(`{"action":"confirm"}`), cred{session: sess, csrf: tok}, 200, ""},
		{"upload without token", "POST", "", "", nil, cred{session: sess}, 403, "CSRF"},
		{"upload with token in the action URL", "POST", "?csrf_token=" + tok, "", nil, cred{session: sess}, 200, "stored as"},
	} {
		path, ctype, body := tc.path, tc.ctype, tc.body
		if body == nil {
			path, ctype, body = upload(tc.path)
		}
		res := f.do(t, tc.method, path, ctype, body, tc.c)
		got := readBody(t, res)
		if res.StatusCode != tc.want || !strings.Contains(got, tc.wantSubstring) {
			t.Errorf("%s: %d %.300s; want %d containing %q", tc.name, res.StatusCode, got, tc.want, tc.wantSubstring)
		}
	}
	// Forms on the pages carry the token.
	for _, p := range []string{"/review", "/upload", "/audit"} {
		res := f.do(t, "GET", p, "", nil, cred{session: sess})
		if got := readBody(t, res); !strings.Contains(got, tok) {
			t.Errorf("GET %s: the form lacks the CSRF token", p)
		}
	}
	// A cross-site POST is refused before any check of ours.
	req := httptest.NewRequest("POST", review, strings.NewReader("action=confirm&csrf_token="+tok))
	req.Header.Set("Content-Type", form)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: sess})
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", rec.Code)
	}
}

// TestAPITokens: Bearer tokens authenticate scripts, with their user's
// role and name in the change log; bad tokens get 401.
func TestAPITokens(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		f := newAuthFixture(t, dsn, true)
		ctx := context.Background()
		analyst, _, err := f.svc.CreateToken(ctx, "the-analyst", "script", "test")
		if err != nil {
			t.Fatal(err)
		}
		viewer, _, err := f.svc.CreateToken(ctx, "the-viewer", "", "test")
		if err != nil {
			t.Fatal(err)
		}
		review := fmt.Sprintf("/api/claims/%d", f.other)
		for _, tc := range []struct {
			name, method, path, token, body string
			want                            int
			wantSubstring                   string
		}{
			{"viewer reads", "GET", "/api/incidents", viewer, "", 200, `"grade"`},
			{"viewer may not review", "POST", review, viewer, `{"action":"confirm"}`, 403, "needs the analyst role"},
			{"analyst reviews without CSRF token", "POST", review, analyst, `{"action":"confirm"}`, 200, `"status": "confirmed"`},
			{"unknown token", "GET", "/api/incidents", "hlt_" + strings.Repeat("A", 43), "", 401, "not valid"},
			{"malformed token", "GET", "/api/incidents", "nonsense", "", 401, "not valid"},
			{"a session secret is no token", "GET", "/api/incidents", f.session(t, "admin"), "", 401, "not valid"},
		} {
			res := f.do(t, tc.method, tc.path, "application/json", strings.NewReader(tc.body), cred{token: tc.token})
			got := readBody(t, res)
			if res.StatusCode != tc.want || !strings.Contains(got, tc.wantSubstring) {
				t.Errorf("%s: %d %.300s; want %d containing %q", tc.name, res.StatusCode, got, tc.want, tc.wantSubstring)
			}
		}
		if a := lastActor(t, f.st); a != "user:the-analyst" {
			t.Errorf("actor %q, want user:the-analyst", a)
		}
		// The actor label cannot override a signed-in user.
		req := httptest.NewRequest("POST", review, strings.NewReader(`{"action":"reject"}`))
		req.Header.Set("Authorization", "Bearer "+analyst)
		req.Header.Set(ActorHeader, "someone-else")
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		if a := lastActor(t, f.st); rec.Code != 200 || a != "user:the-analyst" {
			t.Errorf("with an actor label: %d, actor %q", rec.Code, a)
		}
		// Other schemes are refused, not ignored.
		req = httptest.NewRequest("GET", "/api/incidents", nil)
		req.SetBasicAuth("the-admin", testPassword)
		rec = httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("Basic auth: %d, want 401", rec.Code)
		}
	})
}

// TestSensitiveFields: viewers never see victims' names or source
// contacts, in any page or API answer; analysts do.
func TestSensitiveFields(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		f := newAuthFixture(t, dsn, true)
		viewer, analyst := cred{session: f.session(t, "viewer")}, cred{session: f.session(t, "analyst")}
		targets := []string{"/api/export/claims?format=json", "/api/export/documents?format=json", "/api/export/incidents?format=json",
			"/api/claims?limit=10", "/api/incidents?limit=10&claims=true", "/api/documents?limit=10"}
		for _, rt := range f.srv.Routes() {
			if rt.Method == "GET" && rt.Role == account.Viewer {
				target, _, _ := f.routeRequest(rt)
				targets = append(targets, target)
			}
		}
		for _, target := range targets {
			// An analyst asks first, so that anything cached from the
			// analyst's answer would show in the viewer's.
			f.do(t, "GET", target, "", nil, analyst)
			res := f.do(t, "GET", target, "", nil, viewer)
			got := readBody(t, res)
			if res.StatusCode != 200 {
				t.Errorf("viewer GET %s: %d %.200s", target, res.StatusCode, got)
			}
			for _, secret := range []string{victimName, sourceContact, "victim_names", "source_contact"} {
				if strings.Contains(got, secret) && (target != "/api/openapi.json" || secret == victimName || secret == sourceContact) {
					t.Errorf("viewer GET %s shows %q", target, secret)
				}
			}
		}
		for _, target := range []string{fmt.Sprintf("/api/claims/%d", f.claim), fmt.Sprintf("/api/documents/%d", f.doc), fmt.Sprintf("/documents/%d", f.doc)} {
			res := f.do(t, "GET", target, "", nil, analyst)
			got := readBody(t, res)
			want := victimName
			if strings.Contains(target, "/api/documents/") {
				want = sourceContact
			}
			if !strings.Contains(got, want) {
				t.Errorf("analyst GET %s lacks %q: %.300s", target, want, got)
			}
		}
		// The viewer's document page offers no original (analysts only).
		if got := readBody(t, f.do(t, "GET", fmt.Sprintf("/documents/%d", f.doc), "", nil, viewer)); strings.Contains(got, "/original") {
			t.Error("a viewer's document page links the original")
		}
		if got := readBody(t, f.do(t, "GET", fmt.Sprintf("/documents/%d", f.doc), "", nil, analyst)); !strings.Contains(got, "/original") || !strings.Contains(got, sourceContact) {
			t.Errorf("an analyst's document page lacks the original's link or the source contact:\n%s", got)
		}
		// A viewer's incident JSON keeps the claims, without the names.
		res := f.do(t, "GET", fmt.Sprintf("/api/incidents/%d", f.inc), "", nil, viewer)
		var inc harmlog.Incident
		if err := json.NewDecoder(res.Body).Decode(&inc); err != nil || len(inc.Members) != 2 {
			t.Fatalf("incident: %+v %v", inc, err)
		}
	})
}

func TestSafeNext(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/tally?by=place", "/tally?by=place"},
		{"", "/"},
		{"https://evil.example/", "/"},
		{"//evil.example/", "/"},
		{`/\evil.example`, "/"},
		{"javascript:alert(1)", "/"},
		{"/x\r\nSet-Cookie: a=b", "/"},
		{"/\t/evil.example", "/"},
		{"/a\\b", "/"},
		{"/\xff", "/"},
		{"/documents/3#claim-2", "/documents/3#claim-2"},
	} {
		if got := safeNext(tc.in); got != tc.want {
			t.Errorf("safeNext(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// BenchmarkIdentify is the cost accounts add to each request on SQLite:
// a session cookie or an API token (one store lookup each), and an open
// store (one query: are there users?).
func BenchmarkIdentify(b *testing.B) {
	ctx := context.Background()
	newServer := func(b *testing.B) (*store.Store, *Server) {
		st, err := store.Open(ctx, storetest.SQLite(b))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		srv, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			b.Fatal(err)
		}
		return st, srv
	}
	st, srv := newServer(b)
	svc := account.New(st, account.Options{Params: account.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}})
	u, err := svc.AddUser(ctx, "ayla", account.Viewer, testPassword, "bench")
	if err != nil {
		b.Fatal(err)
	}
	secret, err := svc.StartSession(ctx, u)
	if err != nil {
		b.Fatal(err)
	}
	token, _, err := svc.CreateToken(ctx, "ayla", "", "bench")
	if err != nil {
		b.Fatal(err)
	}
	withSession := httptest.NewRequest("GET", "/", nil)
	withSession.AddCookie(&http.Cookie{Name: SessionCookie, Value: secret})
	withToken := httptest.NewRequest("GET", "/", nil)
	withToken.Header.Set("Authorization", "Bearer "+token)
	_, open := newServer(b)
	for _, bc := range []struct {
		name string
		srv  *Server
		req  *http.Request
		want account.Role
	}{
		{"session", srv, withSession, account.Viewer},
		{"token", srv, withToken, account.Viewer},
		{"anonymous", srv, httptest.NewRequest("GET", "/", nil), account.Public},
		{"open", open, httptest.NewRequest("GET", "/", nil), account.Admin},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				p, err := bc.srv.identify(bc.req)
				if err != nil || p.role != bc.want {
					b.Fatal(p, err)
				}
			}
		})
	}
}

// TestSharedSessions: two servers over one database (two `harmlog serve`
// on one PostgreSQL) share sessions, logouts and failed-login counts:
// neither keeps any of its own.
func TestSharedSessions(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		a := newAuthFixture(t, dsn, true)
		st2, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st2.Close() })
		b := &authFixture{st: st2}
		if b.srv, err = New(Config{Store: st2, LoopbackOnly: true, AccountOptions: account.Options{Now: a.clk.now,
			Limits: account.Limits{PerUser: 3, PerAddr: 100, Window: 10 * time.Minute}},
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}); err != nil {
			t.Fatal(err)
		}
		c := cred{session: a.session(t, "analyst")}
		c.csrf = account.CSRFToken(c.session)
		if res := b.do(t, "GET", "/api/incidents", "", nil, c); res.StatusCode != 200 {
			t.Fatalf("server B with server A's session: %d", res.StatusCode)
		}
		if res := a.do(t, "POST", "/logout", "application/x-www-form-urlencoded", strings.NewReader(""), c); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout on A: %d", res.StatusCode)
		}
		if res := b.do(t, "GET", "/api/incidents", "", nil, c); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("server B after logout on A: %d, want 401", res.StatusCode)
		}
		// Failures on A count on B.
		for range 3 {
			if _, _, err := a.svc.Login(context.Background(), "the-admin", "wrong", "10.1.1.1"); !errors.Is(err, account.ErrBadLogin) {
				t.Fatal(err)
			}
		}
		nonce, _ := account.NewLoginNonce()
		form := url.Values{"name": {"the-admin"}, "password": {testPassword}, "csrf_token": {account.CSRFToken(nonce)}}
		req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
		req.Host = "localhost"
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: loginCookie, Value: nonce})
		rec := httptest.NewRecorder()
		b.srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusTooManyRequests {
			t.Errorf("login on B after 3 failures on A: %d, want 429", rec.Code)
		}
	})
}

// FuzzSafeNext: whatever the next parameter says, login sends the browser
// to a path on this server.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/tally?by=place", "//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example", "/%2F%2Fevil", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if got == "/" {
			return
		}
		// What a browser makes of it: tabs and newlines dropped, backslashes as slashes.
		seen := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(got)
		if !strings.HasPrefix(seen, "/") || strings.HasPrefix(seen, "//") {
			t.Fatalf("safeNext(%q) = %q, which leaves the server", next, got)
		}
		if u, err := url.Parse(seen); err == nil && (u.Host != "" || u.Scheme != "") {
			t.Fatalf("safeNext(%q) = %q, which names host %q", next, got, u.Host)
		}
	})
}
