package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/store"
)

func TestUsersCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	steps := []struct {
		stdin    string
		args     []string
		code     int
		out, err string // substrings
	}{
		{"", []string{"users", "list"}, ExitOK, "users: none", ""},
		{"", []string{"users", "add", "--role", "admin", "ayla", "--password", "correct horse"}, ExitOK, "users: added ayla (admin)", ""},
		{"battery staple\n", []string{"users", "add", "--role", "viewer", "bo"}, ExitOK, "users: added bo (viewer)", ""},
		{"", []string{"users", "add", "--role", "viewer", "cy"}, ExitUsage, "", "no password"},
		{"short\n", []string{"users", "add", "--role", "viewer", "cy"}, ExitUsage, "", "password: too short"},
		{"", []string{"users", "add", "--role", "root", "cy", "--password", "correct horse"}, ExitUsage, "", `role "root"`},
		{"", []string{"users", "add", "cy", "--password", "correct horse"}, ExitUsage, "", `"role" not set`},
		{"", []string{"users", "add", "--role", "viewer", "c y", "--password", "correct horse"}, ExitUsage, "", "is not allowed"},
		{"", []string{"users", "add", "--role", "analyst", "ayla", "--password", "correct horse"}, ExitFailed, "", `a user named "ayla" exists`},
		{"", []string{"users", "set-role", "bo", "analyst"}, ExitOK, "bo is now analyst", ""},
		{"", []string{"users", "set-role", "nobody", "analyst"}, ExitFailed, "", `no user named "nobody"`},
		{"new passphrase\n", []string{"users", "passwd", "bo"}, ExitOK, "password of bo changed", ""},
		{"", []string{"users", "list"}, ExitOK, "bo    analyst", ""},
		{"", []string{"users", "remove", "ayla"}, ExitOK, "removed ayla", ""},
		{"", []string{"users", "remove", "ayla"}, ExitFailed, "", `no user named "ayla"`},
	}
	for i, s := range steps {
		code, out, errs := run(t, s.stdin, append([]string{"--db", db}, s.args...)...)
		if code != s.code || !strings.Contains(out, s.out) || !strings.Contains(errs, s.err) {
			t.Errorf("step %d: harmlog %s: exit %d, want %d\nstdout: %s\nstderr: %s\nwant stdout ∋ %q, stderr ∋ %q",
				i, strings.Join(s.args, " "), code, s.code, out, errs, s.out, s.err)
		}
	}
	// The password read from standard input is the one that logs in.
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := account.New(st, account.Options{})
	if _, _, err := svc.Login(context.Background(), "bo", "new passphrase", "127.0.0.1"); err != nil {
		t.Errorf("login with the password set by users passwd: %v", err)
	}
	u, err := st.User(context.Background(), "bo")
	if err != nil || u == nil || !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=65536,t=3,p=4$") {
		t.Errorf("stored hash of bo: %+v %v", u, err)
	}
}

// TestServeWithUsers: a store with users may be served on any address;
// anonymous API requests get 401 and an API token is let in.
func TestServeWithUsers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	if code, out, errs := run(t, "", "--db", db, "users", "add", "--role", "viewer", "vi", "--password", "correct horse"); code != ExitOK {
		t.Fatalf("users add: %d %s %s", code, out, errs)
	}
	_, out, _ := run(t, "", "--db", db, "tokens", "create", "--user", "vi")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := Main(ctx, []string{"--db", db, "serve", "--addr", "0.0.0.0:0"}, IO{
			In: strings.NewReader(""), Out: pw, Err: io.Discard, Getenv: func(string) string { return "" },
		})
		pw.Close()
		done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	port := regexp.MustCompile(`:(\d+)/`).FindStringSubmatch(line)
	if port == nil {
		t.Fatalf("start line names no port: %q", line)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, tc := range []struct {
		token  string
		status int
	}{{"", 401}, {token, 200}} {
		req, _ := http.NewRequest("GET", "http://127.0.0.1:"+port[1]+"/api/incidents", nil)
		if tc.token != "" {
			req.Header.Set("Authorization", "Bearer "+tc.token)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.status {
			t.Errorf("GET /api/incidents with token %v: %d, want %d", tc.token != "", res.StatusCode, tc.status)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("exit %d after stopping, want 0", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}
