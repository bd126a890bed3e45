package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/account"
)

func TestUsers(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t, WithClock(fixedClock()))
		if has, err := s.HasUsers(ctx); err != nil || has {
			t.Fatalf("HasUsers on a new store = %v, %v; want false", has, err)
		}
		adds := []struct {
			user account.User
			code Code
		}{
			{account.User{Name: "ayla", Role: account.Admin, PasswordHash: "$argon2id$x"}, ""},
			{account.User{Name: "bo", Role: account.Viewer}, ""},
			{account.User{Name: "ayla", Role: account.Analyst}, ECONFLICT},
			{account.User{Name: "", Role: account.Analyst}, EINVALID},
			{account.User{Name: "cy", Role: account.Public}, EINVALID},
		}
		for _, tc := range adds {
			id, err := s.AddUser(ctx, &tc.user, "test")
			if got := ErrorCode(err); got != tc.code {
				t.Errorf("AddUser(%q, %v) = %d, %v; want code %q", tc.user.Name, tc.user.Role, id, err, tc.code)
			}
			if tc.code == "" && id <= 0 {
				t.Errorf("AddUser(%q) id = %d", tc.user.Name, id)
			}
		}
		if has, err := s.HasUsers(ctx); err != nil || !has {
			t.Fatalf("HasUsers = %v, %v; want true", has, err)
		}
		u, err := s.User(ctx, "ayla")
		if err != nil || u == nil || u.Role != account.Admin || u.PasswordHash != "$argon2id$x" || u.CreatedAt.IsZero() {
			t.Fatalf("User(ayla) = %+v, %v", u, err)
		}
		if u, err := s.User(ctx, "nobody"); u != nil || err != nil {
			t.Errorf("User(nobody) = %+v, %v; want nil, nil", u, err)
		}
		if err := s.SetUserRole(ctx, "bo", account.Analyst, "test"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetUserRole(ctx, "nobody", account.Analyst, "test"); !errors.Is(err, ENOTFOUND) {
			t.Errorf("SetUserRole(nobody) = %v, want ENOTFOUND", err)
		}
		if err := s.SetUserPassword(ctx, "bo", "$argon2id$y", "test"); err != nil {
			t.Fatal(err)
		}
		us, err := s.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range us {
			got = append(got, u.Name+":"+u.Role.String()+":"+u.PasswordHash)
		}
		if want := "ayla:admin:$argon2id$x bo:analyst:$argon2id$y"; strings.Join(got, " ") != want {
			t.Errorf("Users = %q, want %q", got, want)
		}
		if err := s.RemoveUser(ctx, "bo", "test"); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveUser(ctx, "bo", "test"); !errors.Is(err, ENOTFOUND) {
			t.Errorf("RemoveUser twice = %v, want ENOTFOUND", err)
		}
		// Every user write is in the change log, without password hashes,
		// and the chain still verifies.
		cs, err := s.Changes(ctx, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, c := range cs {
			actions = append(actions, c.Action)
			if strings.Contains(string(c.Before)+string(c.After), "argon2id") {
				t.Errorf("change %d (%s) records a password hash: %s %s", c.ID, c.Action, c.Before, c.After)
			}
		}
		if want := "user.add user.add user.role user.password user.remove"; strings.Join(actions, " ") != want {
			t.Errorf("change log actions = %q, want %q", actions, want)
		}
		if probs, err := s.Verify(ctx); err != nil || len(probs) > 0 {
			t.Errorf("Verify after account changes = %+v, %v", probs, err)
		}
	})
}

func TestSessionsAndTokens(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		uid, err := s.AddUser(ctx, &account.User{Name: "ayla", Role: account.Analyst}, "test")
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		if err := s.AddSession(ctx, "h1", uid, t0, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			hash string
			at   time.Time
			want bool
		}{
			{"h1", t0.Add(time.Minute), true},
			{"h1", t0.Add(time.Hour), false}, // expired at expiry
			{"h2", t0, false},                // unknown
		} {
			u, err := s.SessionUser(ctx, tc.hash, tc.at)
			if err != nil || (u != nil) != tc.want || (u != nil && u.Name != "ayla") {
				t.Errorf("SessionUser(%s, %v) = %+v, %v; want found %v", tc.hash, tc.at, u, err, tc.want)
			}
		}
		// A new session sweeps expired ones.
		if err := s.AddSession(ctx, "h2", uid, t0.Add(2*time.Hour), t0.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sessions").Scan(&n); err != nil || n != 1 {
			t.Errorf("sessions after the sweep = %d, %v; want 1", n, err)
		}
		if err := s.RemoveSession(ctx, "h2"); err != nil {
			t.Fatal(err)
		}
		if u, err := s.SessionUser(ctx, "h2", t0.Add(2*time.Hour)); u != nil || err != nil {
			t.Errorf("SessionUser after RemoveSession = %+v, %v", u, err)
		}

		id, err := s.AddToken(ctx, &account.Token{UserID: uid, Name: "ci"}, "th", "test")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddToken(ctx, &account.Token{UserID: uid + 99}, "th2", "test"); !errors.Is(err, EINVALID) {
			t.Errorf("AddToken for a missing user = %v, want EINVALID", err)
		}
		u, err := s.TokenUser(ctx, "th", t0)
		if err != nil || u == nil || u.Name != "ayla" {
			t.Fatalf("TokenUser = %+v, %v", u, err)
		}
		ts, err := s.Tokens(ctx, "ayla")
		if err != nil || len(ts) != 1 || ts[0].ID != id || ts[0].Name != "ci" || ts[0].User != "ayla" || ts[0].LastUsedAt == nil || !ts[0].LastUsedAt.Equal(t0) {
			t.Fatalf("Tokens = %+v, %v", ts, err)
		}
		if ts, err := s.Tokens(ctx, "nobody"); err != nil || len(ts) != 0 {
			t.Errorf("Tokens(nobody) = %+v, %v", ts, err)
		}
		if err := s.RevokeToken(ctx, id, "test"); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, id, "test"); !errors.Is(err, ENOTFOUND) {
			t.Errorf("RevokeToken twice = %v, want ENOTFOUND", err)
		}
		if u, err := s.TokenUser(ctx, "th", t0); u != nil || err != nil {
			t.Errorf("TokenUser after revoke = %+v, %v", u, err)
		}
		// Removing a user ends its sessions and tokens.
		if err := s.AddSession(ctx, "h3", uid, t0, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddToken(ctx, &account.Token{UserID: uid}, "th3", "test"); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveUser(ctx, "ayla", "test"); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.SessionUser(ctx, "h3", t0); u != nil {
			t.Error("a removed user's session still works")
		}
		if u, _ := s.TokenUser(ctx, "th3", t0); u != nil {
			t.Error("a removed user's token still works")
		}
	})
}

func TestLoginFailures(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		for i := range 3 {
			if err := s.AddLoginFailure(ctx, []string{"user:a", "addr:1"}, t0.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			key   string
			since time.Time
			want  int
		}{
			{"user:a", t0, 3},
			{"addr:1", t0.Add(time.Minute), 2},
			{"user:a", t0.Add(time.Hour), 0},
			{"user:b", t0, 0},
		} {
			if n, err := s.LoginFailures(ctx, tc.key, tc.since); err != nil || n != tc.want {
				t.Errorf("LoginFailures(%s, %v) = %d, %v; want %d", tc.key, tc.since, n, err, tc.want)
			}
		}
		if err := s.ClearLoginFailures(ctx, "user:a"); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.LoginFailures(ctx, "user:a", t0); n != 0 {
			t.Errorf("after Clear: %d failures", n)
		}
		if n, _ := s.LoginFailures(ctx, "addr:1", t0); n != 3 {
			t.Errorf("Clear of user:a touched addr:1: %d failures", n)
		}
		// Failures older than a day are dropped on the next insert.
		if err := s.AddLoginFailure(ctx, []string{"user:c"}, t0.Add(25*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.LoginFailures(ctx, "addr:1", t0); n != 0 {
			t.Errorf("day-old failures kept: %d", n)
		}
	})
}

// TestSensitiveFields: victims' names and a source contact are stored and
// read back as written (withholding them is the readers' job: harmlog.Redact).
func TestSensitiveFields(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		text := "Officials said 2 civilians, Ayla Q. and Bo R., were killed in Barda."
		doc := &harmlog.Document{Title: "t", MediaType: "text/plain", Filename: "a.txt", Text: text, Original: []byte(text),
			SourceContact: "witness W., +994 00 000 00 00"}
		claims := []harmlog.Claim{
			{Killed: harmlog.Exact(2), VictimNames: []string{"Ayla Q.", "Bo R."}, End: len(text)},
			{Injured: harmlog.Exact(1), End: len(text)},
		}
		id, _, err := s.AddDocument(ctx, doc, claims, "test")
		if err != nil {
			t.Fatal(err)
		}
		d, err := s.Document(ctx, id, false)
		if err != nil || d.SourceContact != doc.SourceContact {
			t.Errorf("Document().SourceContact = %q, %v; want %q", d.SourceContact, err, doc.SourceContact)
		}
		ds, err := s.Documents(ctx, DocumentFilter{})
		if err != nil || len(ds) != 1 || ds[0].SourceContact != doc.SourceContact {
			t.Errorf("Documents() = %+v, %v", ds, err)
		}
		got, err := s.Claims(ctx, ClaimFilter{DocumentID: id})
		if err != nil || len(got) != 2 {
			t.Fatalf("Claims = %+v, %v", got, err)
		}
		if strings.Join(got[0].VictimNames, "|") != "Ayla Q.|Bo R." || got[1].VictimNames != nil {
			t.Errorf("VictimNames read back %q and %q", got[0].VictimNames, got[1].VictimNames)
		}
		c := got[1]
		c.VictimNames = []string{"Cem S."}
		if err := s.UpdateClaim(ctx, &c, "test", "claim.correct"); err != nil {
			t.Fatal(err)
		}
		if back, err := s.Claim(ctx, c.ID); err != nil || strings.Join(back.VictimNames, "|") != "Cem S." {
			t.Errorf("after UpdateClaim: %+v, %v", back, err)
		}
	})
}
