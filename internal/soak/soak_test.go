package soak

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog/internal/storetest"
)

// TestSoak runs short soaks of real `harmlog serve` processes killed with
// SIGKILL under load: one server on SQLite (with and without accounts),
// and two servers on one PostgreSQL schema with one of them killed
// (restarted, then left down).
// Each must lose nothing acknowledged and leave a store that verifies.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds harmlog and soaks it for some seconds per case")
	}
	bin, err := Build(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		pg        bool
		servers   int
		kills     int
		noRestart bool
	}{
		{"sqlite, one server killed and restarted", false, 1, 2, false},
		{"postgres, two servers, one killed and restarted", true, 2, 2, false},
		{"postgres, two servers, one killed and left down", true, 2, 1, true},
	}
	t.Run("sqlite with accounts, an analyst's token", func(t *testing.T) { soakWithAccounts(t, bin) })
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := storetest.SQLite(t)
			if tc.pg {
				db = storetest.Postgres(t)
			}
			var progress bytes.Buffer
			rep, err := Run(t.Context(), Config{
				Bin: bin, DB: db, Servers: tc.servers, Duration: 8 * time.Second, Clients: 4,
				Kills: tc.kills, NoRestart: tc.noRestart, Seed: 7, Dir: t.TempDir(), Progress: &progress,
			})
			if err != nil {
				t.Fatalf("%v\n%s", err, progress.String())
			}
			var out strings.Builder
			rep.Write(&out)
			t.Logf("\n%s", out.String())
			if !rep.VerifyOK {
				t.Errorf("verify failed: %s", rep.Verify)
			}
			if len(rep.Losses) > 0 {
				t.Errorf("%d acknowledged writes lost: %q", len(rep.Losses), rep.Losses)
			}
			if rep.Kills != tc.kills {
				t.Errorf("kills %d, want %d", rep.Kills, tc.kills)
			}
			if want := tc.kills; tc.noRestart {
				if rep.Restarts != 0 {
					t.Errorf("restarts %d, want none", rep.Restarts)
				}
			} else if rep.Restarts != want {
				t.Errorf("restarts %d, want %d", rep.Restarts, want)
			}
			if rep.AckedUploads == 0 || rep.AckedReviews == 0 {
				t.Errorf("acknowledged %d uploads and %d reviews: the soak did too little to check", rep.AckedUploads, rep.AckedReviews)
			}
			if rep.StoredDocuments < rep.AckedUploads {
				t.Errorf("%d documents stored, fewer than the %d acknowledged", rep.StoredDocuments, rep.AckedUploads)
			}
			if tc.servers > 1 && rep.ServedWhilePeerDown == 0 {
				t.Errorf("no answer while the killed server was down: the other did not keep serving")
			}
			if tot := rep.Total(); tot.Failed > 0 {
				t.Errorf("%d requests failed while their server was up: %q", tot.Failed, rep.Failures)
			}
		})
	}
}

// soakWithAccounts soaks a store that has accounts: without a token the
// run is refused up front, with an analyst's API token it runs.
func soakWithAccounts(t *testing.T, bin string) {
	db := storetest.SQLite(t)
	harmlog := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"--db", db}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("harmlog %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	harmlog("users", "add", "--role", "analyst", "soak", "--password", "a long enough soak password 1")
	lines := strings.Split(strings.TrimSpace(harmlog("tokens", "create", "--user", "soak")), "\n")
	token := strings.TrimSpace(lines[len(lines)-1])
	cfg := Config{Bin: bin, DB: db, Duration: 4 * time.Second, Clients: 2, Kills: 1, Seed: 3, Dir: t.TempDir()}
	if _, err := Run(t.Context(), cfg); err == nil || !strings.Contains(err.Error(), "give --token") {
		t.Fatalf("without a token: err %v, want one asking for --token", err)
	}
	cfg.Token = token
	rep, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	rep.Write(&out)
	t.Logf("\n%s", out.String())
	if !rep.OK() || rep.AckedUploads == 0 || rep.Kills != 1 {
		t.Errorf("with a token: OK %v, %d uploads acknowledged, %d kills; want OK, some, 1", rep.OK(), rep.AckedUploads, rep.Kills)
	}
}

// TestRunRefusesBadConfigs checks the configurations Run cannot honour.
func TestRunRefusesBadConfigs(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"two servers on SQLite", Config{Bin: "harmlog", DB: "x.db", Servers: 2}, "need a PostgreSQL store"},
		{"no restart with one server", Config{Bin: "harmlog", DB: "x.db", NoRestart: true}, "nobody serving"},
		{"no binary", Config{DB: "x.db"}, "no harmlog binary"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(t.Context(), tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db?sslmode=disable": "postgres://u:***@h:5432/db?sslmode=disable",
		"postgres://u@h/db":                             "postgres://u@h/db",
		"/tmp/x.db":                                     "/tmp/x.db",
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}
