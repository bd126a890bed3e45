package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/store"
)

func TestTokensCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	if code, out, errs := run(t, "", "--db", db, "users", "add", "--role", "analyst", "bot", "--password", "correct horse"); code != ExitOK {
		t.Fatalf("users add: %d %s %s", code, out, errs)
	}
	code, out, errs := run(t, "", "--db", db, "tokens", "create", "--user", "bot", "--name", "nightly")
	if code != ExitOK {
		t.Fatalf("tokens create: %d %s %s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]
	if !strings.HasPrefix(token, account.TokenPrefix) || len(token) != 47 {
		t.Fatalf("the last line is not a token: %q", out)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	svc := account.New(st, account.Options{})
	u, err := svc.TokenUser(context.Background(), token)
	st.Close()
	if err != nil || u == nil || u.Name != "bot" {
		t.Fatalf("the printed token does not authenticate: %+v %v", u, err)
	}
	for _, s := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"tokens", "create", "--user", "nobody"}, ExitFailed, "", `no user named "nobody"`},
		{[]string{"tokens", "create"}, ExitUsage, "", `"user" not set`},
		{[]string{"tokens", "list"}, ExitOK, "bot   nightly", ""},
		{[]string{"tokens", "revoke", "x"}, ExitUsage, "", "not a token id"},
		{[]string{"tokens", "revoke", "99"}, ExitFailed, "", "no token 99"},
		{[]string{"tokens", "revoke", "1"}, ExitOK, "revoked token 1", ""},
		{[]string{"tokens", "list", "--user", "bot"}, ExitOK, "ID", ""},
	} {
		code, out, errs := run(t, "", append([]string{"--db", db}, s.args...)...)
		if code != s.code || !strings.Contains(out, s.out) || !strings.Contains(errs, s.err) {
			t.Errorf("harmlog %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(s.args, " "), code, s.code, out, errs)
		}
		if strings.Contains(out, token) {
			t.Errorf("harmlog %s prints the token again", strings.Join(s.args, " "))
		}
	}
	st, err = store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if u, err := account.New(st, account.Options{}).TokenUser(context.Background(), token); u != nil || err != nil {
		t.Errorf("a revoked token still authenticates: %+v %v", u, err)
	}
}
