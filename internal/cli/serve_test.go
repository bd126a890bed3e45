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
)

func TestServeRefusesNonLoopback(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	tests := []struct {
		name string
		args []string
	}{
		{"all interfaces", []string{"--db", db, "serve", "--addr", ":8080"}},
		{"unspecified IPv4", []string{"--db", db, "serve", "--addr", "0.0.0.0:8080"}},
		{"a LAN address", []string{"--db", db, "serve", "--addr", "192.168.1.10:8080"}},
		{"a host name", []string{"--db", db, "serve", "--addr", "example.org:8080"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, "", tc.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			for _, w := range []string{"not a loopback address", "--allow-remote"} {
				if !strings.Contains(errs, w) {
					t.Errorf("message lacks %q:\n%s", w, errs)
				}
			}
		})
	}
}

// TestServe starts the server on a free loopback port, asks it for a page
// and the API, then stops it by cancelling its context.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := Main(ctx, []string{"--db", db, "serve", "--addr", "127.0.0.1:0"}, IO{
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
	url := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if url == "" {
		t.Fatalf("start line names no URL: %q", line)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, tc := range []struct {
		path, want string
		status     int
	}{
		{"", "harmlog", 200},
		{"api/documents", "[]", 200},
		{"api/incidents/1", `"ENOTFOUND"`, 404},
	} {
		res, err := client.Get(url + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.status || !strings.Contains(string(body), tc.want) {
			t.Errorf("GET /%s: %d %.200s, want %d and %q", tc.path, res.StatusCode, body, tc.status, tc.want)
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
