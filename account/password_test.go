package account

import (
	"regexp"
	"strings"
	"testing"
)

var testParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashPassword(t *testing.T) {
	phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	h1, err := HashPassword("correct horse", DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if !phc.MatchString(h1) {
		t.Errorf("hash %q is not the PHC argon2id form", h1)
	}
	h2, err := HashPassword("correct horse", DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if h1 == h2 {
		t.Error("the same password hashed twice gave the same string: salts are not random")
	}
	p, salt, key, err := ParseHash(h1)
	if err != nil || p != DefaultParams() || len(salt) != 16 || len(key) != 32 {
		t.Errorf("ParseHash = %+v, %d-byte salt, %d-byte key, %v", p, len(salt), len(key), err)
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"correct horse", true},
		{"correct horse ", false},
		{"Correct horse", false},
		{"", false},
	} {
		if ok, err := VerifyPassword(h1, tc.pw); err != nil || ok != tc.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tc.pw, ok, err, tc.want)
		}
	}
	if _, err := HashPassword("x", Params{}); err == nil {
		t.Error("HashPassword with zero parameters succeeded")
	}
}

func TestParseHash(t *testing.T) {
	good, err := HashPassword("pw", testParams)
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(good, "$")
	for _, tc := range []struct {
		phc, want string
	}{
		{"", "fields"},
		{"plain", "fields"},
		{"$2a$10$abcdefghijklmnopqrstuv", "fields"},
		{"$argon2i$v=19$m=64,t=1,p=1$" + f[4] + "$" + f[5], `algorithm "argon2i"`},
		{"$argon2id$v=16$m=64,t=1,p=1$" + f[4] + "$" + f[5], "version"},
		{"$argon2id$v=19$m=64,t=1$" + f[4] + "$" + f[5], "want m, t and p"},
		{"$argon2id$v=19$m=64,t=1,p=1,x=2$" + f[4] + "$" + f[5], "unknown parameter"},
		{"$argon2id$v=19$m=64,t=1,p=-1$" + f[4] + "$" + f[5], "NAME=NUMBER"},
		{"$argon2id$v=19$m=+64,t=1,p=1$" + f[4] + "$" + f[5], "NAME=NUMBER"},
		{"$argon2id$v=19$m=4194304,t=1,p=1$" + f[4] + "$" + f[5], "out of bounds"},
		{"$argon2id$v=19$m=64,t=1000,p=1$" + f[4] + "$" + f[5], "out of bounds"},
		{"$argon2id$v=19$m=64,t=1,p=256$" + f[4] + "$" + f[5], "at most 255"},
		{"$argon2id$v=19$m=64,t=1,p=1$!!$" + f[5], "salt"},
		{"$argon2id$v=19$m=64,t=1,p=1$" + f[4] + "$abc", "key"},
		{"$argon2id$v=19$m=64,t=1,p=1$" + f[4] + "=$" + f[5], "salt"},
	} {
		if _, _, _, err := ParseHash(tc.phc); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseHash(%q) = %v, want an error containing %q", tc.phc, err, tc.want)
		}
		if ok, err := VerifyPassword(tc.phc, "pw"); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v; want an error, never a match", tc.phc, ok, err)
		}
	}
}

// FuzzParseHash: stored hashes are read back from the database, which
// someone may have altered; no string may panic the parser or get past
// the bounds.
func FuzzParseHash(f *testing.F) {
	for _, s := range []string{
		"$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U",
		"$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=0,t=0,p=0$$",
		"$argon2id$$$$",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := ParseHash(s)
		if err != nil {
			return
		}
		if p.Memory > maxMemory || p.Time == 0 || p.Time > maxTime || p.Threads == 0 || len(salt) < minSaltLen || len(key) < 16 || len(key) > maxKeyLen {
			t.Fatalf("ParseHash(%q) accepted out-of-bounds %+v, salt %d, key %d", s, p, len(salt), len(key))
		}
	})
}

func TestCSRF(t *testing.T) {
	s1, err := newSecret(SessionPrefix)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := newSecret(SessionPrefix)
	tok := CSRFToken(s1)
	for _, tc := range []struct {
		secret, token string
		want          bool
	}{
		{s1, tok, true},
		{s2, tok, false},
		{s1, tok[:len(tok)-1], false},
		{s1, "", false},
		{"", CSRFToken(""), false},
	} {
		if got := ValidCSRF(tc.secret, tc.token); got != tc.want {
			t.Errorf("ValidCSRF(%.8q…, %.8q…) = %v, want %v", tc.secret, tc.token, got, tc.want)
		}
	}
	if strings.Contains(tok, s1) || tok == CSRFToken(s2) {
		t.Error("CSRF tokens leak their secret or collide")
	}
}

func TestRoles(t *testing.T) {
	for _, tc := range []struct {
		have, need Role
		want       bool
	}{
		{Viewer, Public, true}, {Viewer, Viewer, true}, {Viewer, Analyst, false}, {Viewer, Admin, false},
		{Analyst, Viewer, true}, {Analyst, Analyst, true}, {Analyst, Admin, false},
		{Admin, Admin, true}, {Public, Viewer, false}, {Public, Public, true},
	} {
		if got := tc.have.Allows(tc.need); got != tc.want {
			t.Errorf("%v.Allows(%v) = %v, want %v", tc.have, tc.need, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want Role
		ok   bool
	}{
		{"viewer", Viewer, true}, {" Analyst ", Analyst, true}, {"ADMIN", Admin, true}, {"public", Public, false}, {"root", Public, false},
	} {
		got, err := ParseRole(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseRole(%q) = %v, %v", tc.in, got, err)
		}
	}
	if Viewer.SeesSensitive() || !Analyst.SeesSensitive() || !Admin.SeesSensitive() {
		t.Error("SeesSensitive: want analysts and admins only")
	}
}

// BenchmarkVerifyPassword is the cost of one login with DefaultParams (64
// MiB, t=3, p=4): what a password guess costs the server, and an attacker.
func BenchmarkVerifyPassword(b *testing.B) {
	h, err := HashPassword("correct horse", DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, _ := VerifyPassword(h, "correct horse"); !ok {
			b.Fatal("no match")
		}
	}
}
