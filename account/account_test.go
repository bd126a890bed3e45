package account_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/store"
)

// cheap are argon2id parameters small enough for tests.
var cheap = account.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is a settable clock for a Service.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// service is a Service over a fresh store of each backend.
func forEachService(t *testing.T, fn func(t *testing.T, svc *account.Service, st *store.Store, clk *clock)) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		clk := &clock{time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
		svc := account.New(st, account.Options{Params: cheap, Now: clk.now,
			Limits: account.Limits{PerUser: 3, PerAddr: 5, Window: 10 * time.Minute}, SessionTTL: time.Hour})
		fn(t, svc, st, clk)
	})
}

func TestLogin(t *testing.T) {
	forEachService(t, func(t *testing.T, svc *account.Service, st *store.Store, clk *clock) {
		ctx := context.Background()
		if _, err := svc.AddUser(ctx, "ayla", account.Analyst, "correct horse", "test"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AddUser(ctx, "bo", account.Viewer, "battery staple", "test"); err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			name, pw, addr string
			advance        time.Duration
			want           error
		}{
			{"ayla", "correct horse", "10.0.0.1", 0, nil},
			{"ayla", "wrong", "10.0.0.1", 0, account.ErrBadLogin},
			{"nobody", "correct horse", "10.0.0.1", 0, account.ErrBadLogin},
			{"ayla", "wrong again", "10.0.0.2", 0, account.ErrBadLogin},
			{"ayla", "and again", "10.0.0.3", 0, account.ErrBadLogin},    // 3rd failure for ayla
			{"ayla", "correct horse", "10.0.0.4", 0, account.ErrLocked},  // locked, even with the right password
			{"AYLA", "correct horse", "10.0.0.4", 0, account.ErrLocked},  // names are counted case-blind
			{"bo", "battery staple", "10.0.0.1", 0, nil},                 // another user is not locked
			{"ayla", "correct horse", "10.0.0.4", 11 * time.Minute, nil}, // failures aged out of the window
			{"ayla", "wrong", "10.0.0.4", 0, account.ErrBadLogin},        // success cleared the count
			// address 10.0.0.9 fails for several names: locked after PerAddr (5)
			{"x1", "p", "10.0.0.9", 0, account.ErrBadLogin},
			{"x2", "p", "10.0.0.9", 0, account.ErrBadLogin},
			{"x3", "p", "10.0.0.9", 0, account.ErrBadLogin},
			{"x4", "p", "10.0.0.9", 0, account.ErrBadLogin},
			{"x5", "p", "10.0.0.9", 0, account.ErrBadLogin},
			{"bo", "battery staple", "10.0.0.9", 0, account.ErrLocked},
			{"bo", "battery staple", "10.0.0.8", 0, nil},
		}
		for i, s := range steps {
			clk.t = clk.t.Add(s.advance)
			u, secret, err := svc.Login(ctx, s.name, s.pw, s.addr)
			if !errors.Is(err, s.want) || (err == nil) != (s.want == nil) {
				t.Fatalf("step %d: Login(%q, %q, %s) = %v, want %v", i, s.name, s.pw, s.addr, err, s.want)
			}
			if err != nil {
				continue
			}
			if u == nil || !strings.EqualFold(u.Name, s.name) || !strings.HasPrefix(secret, account.SessionPrefix) {
				t.Fatalf("step %d: Login = %+v, %q", i, u, secret)
			}
			got, err := svc.Session(ctx, secret)
			if err != nil || got == nil || got.ID != u.ID {
				t.Fatalf("step %d: Session(new secret) = %+v, %v", i, got, err)
			}
		}
	})
}

func TestSessionLifetime(t *testing.T) {
	forEachService(t, func(t *testing.T, svc *account.Service, st *store.Store, clk *clock) {
		ctx := context.Background()
		if _, err := svc.AddUser(ctx, "ayla", account.Admin, "correct horse", "test"); err != nil {
			t.Fatal(err)
		}
		_, s1, err := svc.Login(ctx, "ayla", "correct horse", "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		_, s2, err := svc.Login(ctx, "ayla", "correct horse", "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if s1 == s2 {
			t.Fatal("two logins got the same session secret")
		}
		alive := func(secret string) bool {
			u, err := svc.Session(ctx, secret)
			if err != nil {
				t.Fatal(err)
			}
			return u != nil
		}
		for _, tc := range []struct {
			secret string
			want   bool
		}{
			{s1, true},
			{s1[:len(s1)-1] + "A", false}, // altered
			{"hls_short", false},
			{"", false},
			{strings.Replace(s1, account.SessionPrefix, account.TokenPrefix, 1), false}, // a session is not a token
		} {
			if got := alive(tc.secret); got != tc.want {
				t.Errorf("Session(%q) alive = %v, want %v", tc.secret, got, tc.want)
			}
		}
		if err := svc.Logout(ctx, s1); err != nil {
			t.Fatal(err)
		}
		if alive(s1) || !alive(s2) {
			t.Errorf("after logout of s1: s1 alive %v (want false), s2 alive %v (want true)", alive(s1), alive(s2))
		}
		clk.t = clk.t.Add(time.Hour) // the TTL
		if alive(s2) {
			t.Error("a session outlived its TTL")
		}
		// A new password ends every session.
		_, s3, err := svc.Login(ctx, "ayla", "correct horse", "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.SetPassword(ctx, "ayla", "a new passphrase", "test"); err != nil {
			t.Fatal(err)
		}
		if alive(s3) {
			t.Error("a session survived a password change")
		}
		if _, _, err := svc.Login(ctx, "ayla", "a new passphrase", "127.0.0.1"); err != nil {
			t.Errorf("login with the new password: %v", err)
		}
	})
}

func TestTokens(t *testing.T) {
	forEachService(t, func(t *testing.T, svc *account.Service, st *store.Store, clk *clock) {
		ctx := context.Background()
		if _, err := svc.AddUser(ctx, "bot", account.Analyst, "correct horse", "test"); err != nil {
			t.Fatal(err)
		}
		secret, tok, err := svc.CreateToken(ctx, "bot", "nightly import", "test")
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^hlt_[A-Za-z0-9_-]{43}$`).MatchString(secret) || tok.ID <= 0 || tok.User != "bot" {
			t.Fatalf("CreateToken = %q, %+v", secret, tok)
		}
		if _, _, err := svc.CreateToken(ctx, "nobody", "", "test"); err == nil {
			t.Error("CreateToken for a missing user succeeded")
		}
		u, err := svc.TokenUser(ctx, secret)
		if err != nil || u == nil || u.Name != "bot" || u.Role != account.Analyst {
			t.Fatalf("TokenUser = %+v, %v", u, err)
		}
		for _, bad := range []string{"", "hlt_", secret + "x", strings.ToUpper(secret)} {
			if u, err := svc.TokenUser(ctx, bad); u != nil || err != nil {
				t.Errorf("TokenUser(%q) = %+v, %v; want nil, nil", bad, u, err)
			}
		}
		// The store keeps the hash, never the token.
		ts, err := st.Tokens(ctx, "bot")
		if err != nil || len(ts) != 1 {
			t.Fatalf("Tokens = %+v, %v", ts, err)
		}
		if err := st.RevokeToken(ctx, tok.ID, "test"); err != nil {
			t.Fatal(err)
		}
		if u, err := svc.TokenUser(ctx, secret); u != nil || err != nil {
			t.Errorf("TokenUser after revoke = %+v, %v", u, err)
		}
	})
}

func TestAddUserRefuses(t *testing.T) {
	forEachService(t, func(t *testing.T, svc *account.Service, st *store.Store, clk *clock) {
		ctx := context.Background()
		for _, tc := range []struct {
			name string
			role account.Role
			pw   string
			want string
		}{
			{"", account.Admin, "correct horse", "want 1 to 64"},
			{"with space", account.Admin, "correct horse", "' ' is not allowed"},
			{strings.Repeat("a", 65), account.Admin, "correct horse", "want 1 to 64"},
			{"ok", account.Public, "correct horse", "want admin, analyst or viewer"},
			{"ok", account.Admin, "short", "too short"},
			{"ok", account.Admin, strings.Repeat("x", account.MaxPassword+1), "too long"},
		} {
			_, err := svc.AddUser(ctx, tc.name, tc.role, tc.pw, "test")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("AddUser(%.20q, %v, %.10q) = %v, want an error containing %q", tc.name, tc.role, tc.pw, err, tc.want)
			}
		}
		if _, err := svc.AddUser(ctx, "Ayşə.M-1@x", account.Viewer, "correct horse", "test"); err != nil {
			t.Errorf("a name of letters, digits and ._-@: %v", err)
		}
		if _, err := svc.AddUser(ctx, "Ayşə.M-1@x", account.Viewer, "correct horse", "test"); !errors.Is(err, store.ECONFLICT) {
			t.Errorf("a taken name: %v, want ECONFLICT", err)
		}
		if has, err := st.HasUsers(ctx); err != nil || !has {
			t.Errorf("HasUsers = %v, %v", has, err)
		}
	})
}
