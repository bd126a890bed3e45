package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/web"
)

// The analyst of the signed-in scenario.
const (
	analystName     = "ayla"
	analystPassword = "correct horse battery"
)

// cheapHashing keeps password checks fast in tests; the argon2id code is
// the same, and account's own tests cover the real parameters.
func cheapHashing() account.Options {
	return account.Options{Params: account.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}}
}

// withUser gives the store a user, so that the app asks for a sign-in.
func withUser(name string, role account.Role, password string) appOption {
	return func(t *testing.T, st *store.Store, cfg *web.Config) {
		cfg.AccountOptions = cheapHashing()
		if _, err := account.New(st, cfg.AccountOptions).AddUser(context.Background(), name, role, password, "e2e"); err != nil {
			t.Fatalf("add user %s: %v", name, err)
		}
	}
}

// testSignedIn uses the app as a signed-in analyst on a store with
// accounts: the sign-in page, then the forms that carry the session's
// CSRF token (review, upload, audit), a script's POST with and without
// the token's header, and signing out.
func testSignedIn(t *testing.T, a *app, ctx context.Context) {
	// Anonymous: the review queue sends to the sign-in page.
	a.visit(t, ctx, "/review")
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/login") {
		t.Fatalf("an anonymous visit to /review shows %s, not the sign-in page", loc)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`main form input[name=name]`), analystName),
		chromedp.SetValue(chromedp.CSS(`main form input[name=password]`), analystPassword),
	); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/review") {
		t.Fatalf("after signing in the tab shows %s, want the review queue it asked for", loc)
	}

	// A review form: confirm the first claim.
	first := eval[int64](t, ctx, `Number((document.querySelector('main form[action^="/review/"]') || {getAttribute: () => '0'}).getAttribute('action').slice(8))`)
	if first == 0 {
		t.Fatal("the review queue is empty")
	}
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(fmt.Sprintf(`form[action="/review/%d"] button[value=confirm]`, first))))
	if got := eval[string](t, ctx, `(document.querySelector('[role=status]') || {textContent: ''}).textContent`); got != fmt.Sprintf("claim %d confirmed.", first) {
		t.Errorf("status after confirming as %s: %q", analystName, got)
	}

	// A script's POST with the session cookie: accepted with the CSRF
	// header the pages offer, refused without it (sent from Go with the
	// browser's cookie, so that the refusal is not a console error).
	next := eval[int64](t, ctx, `Number((document.querySelector('main form[action^="/review/"]') || {getAttribute: () => '0'}).getAttribute('action').slice(8))`)
	const confirmJSON = `{"action": "confirm"}`
	cookies, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{a.url}})
	if err != nil || len(cookies.Cookies) == 0 {
		t.Fatalf("the browser's cookies after signing in: %v, %v", cookies, err)
	}
	for _, c := range cookies.Cookies {
		if !c.HTTPOnly || c.SameSite == "" || c.SameSite == network.CookieSameSiteNone {
			t.Errorf("cookie %s: HttpOnly %v, SameSite %q; want HttpOnly and SameSite Lax or Strict", c.Name, c.HTTPOnly, c.SameSite)
		}
	}
	if js := eval[string](t, ctx, `document.cookie`); js != "" {
		t.Errorf("the page's script reads cookies: %q", js)
	}
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/claims/%d", a.url, next), strings.NewReader(confirmJSON))
	req.Header.Set("Content-Type", "application/json")
	for _, c := range cookies.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := a.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a POST with the session cookie and no %s header: %s, want 403", web.CSRFHeader, res.Status)
	}
	code := eval[int](t, ctx, fmt.Sprintf(`fetch('/api/claims/%d', {
		method: 'POST',
		headers: {'Content-Type': 'application/json', %q: document.querySelector('meta[name=csrf-token]').content},
		body: %q,
	}).then(r => r.status)`, next, web.CSRFHeader, confirmJSON))
	if code != http.StatusOK {
		t.Errorf("a POST from the page with the session cookie and its %s header: HTTP %d, want 200", web.CSRFHeader, code)
	}

	// The upload and audit forms; the upload page's script sends the
	// session's CSRF token in its header.
	a.visit(t, ctx, "/upload")
	if up := uploadWithScript(t, ctx, []string{uploadFile(t, "hadrut-2020-09-27.txt")}); len(up.Rows) != 1 || len(up.Rows[0]) < 2 || !strings.HasPrefix(up.Rows[0][1], "stored as document ") {
		t.Errorf("upload as %s: result %q", analystName, up.Rows)
	}
	stmt, err := os.ReadFile(filepath.Join("testdata", "statement.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a.visit(t, ctx, "/audit")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`textarea[name=text]`), string(stmt))); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if rows := eval[int](t, ctx, `document.querySelectorAll('#parties tbody tr').length`); rows == 0 {
		t.Errorf("audit as %s: no report", analystName)
	}

	// The change log names the analyst.
	changes, err := a.st.Changes(context.Background(), 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{first, next} {
		if !slices.ContainsFunc(changes, func(c harmlog.Change) bool {
			return c.Entity == "claim" && c.EntityID == id && c.Action == "claim.confirm" && strings.Contains(c.Actor, analystName)
		}) {
			t.Errorf("no claim.confirm of claim %d by %s in the change log", id, analystName)
		}
	}

	// Signing out ends the session: the queue asks for a sign-in again.
	a.visit(t, ctx, "/")
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type=submit]`)))
	a.visit(t, ctx, "/review")
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/login") {
		t.Errorf("after signing out, /review shows %s, not the sign-in page", loc)
	}
}
