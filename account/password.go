package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters. A hash carries the parameters it
// was made with, so raising them later leaves old hashes verifiable.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams are RFC 9106's second recommended option (64 MiB, three
// passes, four lanes) with a 16-byte salt and a 32-byte key.
func DefaultParams() Params {
	return Params{Memory: 64 * 1024, Time: 3, Threads: 4, SaltLen: 16, KeyLen: 32}
}

// Bounds on parameters read back from a stored hash, so that a corrupted
// or planted row cannot make a login allocate gigabytes or spin for
// minutes.
const (
	maxMemory  = 1 << 20 // KiB: 1 GiB
	maxTime    = 64
	maxKeyLen  = 256
	minSaltLen = 8
	maxSaltLen = 256
)

// Password length limits, in bytes of UTF-8.
const (
	MinPassword = 8
	MaxPassword = 1024
)

// CheckPassword says what is wrong with a new password, or nil.
func CheckPassword(pw string) error {
	switch {
	case !utf8.ValidString(pw):
		return errors.New("password: not valid UTF-8")
	case utf8.RuneCountInString(pw) < MinPassword:
		return fmt.Errorf("password: too short (%d characters; at least %d)", utf8.RuneCountInString(pw), MinPassword)
	case len(pw) > MaxPassword:
		return fmt.Errorf("password: too long (%d bytes; at most %d)", len(pw), MaxPassword)
	}
	return nil
}

var b64 = base64.RawStdEncoding

// HashPassword hashes pw with argon2id, a fresh random salt and p, and
// returns the PHC string form:
//
//	$argon2id$v=19$m=65536,t=3,p=4$SALT$KEY
//
// with SALT and KEY in unpadded standard base64.
func HashPassword(pw string, p Params) (string, error) {
	if p.Threads == 0 || p.Time == 0 || p.Memory < 8*uint32(p.Threads) || p.SaltLen < minSaltLen || p.KeyLen < 16 {
		return "", fmt.Errorf("argon2id parameters %+v: want threads ≥ 1, time ≥ 1, memory ≥ 8×threads KiB, salt ≥ %d bytes, key ≥ 16 bytes", p, minSaltLen)
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ParseHash reads a PHC argon2id string into its parameters, salt and key.
// It refuses other algorithms, versions and out-of-bounds parameters.
func ParseHash(phc string) (p Params, salt, key []byte, err error) {
	fail := func(format string, args ...any) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("password hash: "+format, args...)
	}
	f := strings.Split(phc, "$")
	if len(f) != 6 || f[0] != "" {
		return fail("want $argon2id$v=19$m=…,t=…,p=…$salt$key, got %d fields", len(f)-1)
	}
	if f[1] != "argon2id" {
		return fail("algorithm %q: want argon2id", f[1])
	}
	if f[2] != "v="+strconv.Itoa(argon2.Version) {
		return fail("version %q: want v=%d", f[2], argon2.Version)
	}
	var seen [3]bool
	for _, kv := range strings.Split(f[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		n, perr := strconv.ParseUint(v, 10, 32)
		if !ok || perr != nil || v == "" || v[0] == '+' {
			return fail("parameter %q: want NAME=NUMBER", kv)
		}
		switch k {
		case "m":
			p.Memory, seen[0] = uint32(n), true
		case "t":
			p.Time, seen[1] = uint32(n), true
		case "p":
			if n > 255 {
				return fail("p=%d: at most 255", n)
			}
			p.Threads, seen[2] = uint8(n), true
		default:
			return fail("unknown parameter %q", k)
		}
	}
	if !seen[0] || !seen[1] || !seen[2] {
		return fail("parameters %q: want m, t and p", f[3])
	}
	if p.Threads == 0 || p.Time == 0 || p.Time > maxTime || p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory {
		return fail("parameters m=%d,t=%d,p=%d out of bounds (m ≤ %d KiB, 1 ≤ t ≤ %d)", p.Memory, p.Time, p.Threads, maxMemory, maxTime)
	}
	if salt, err = b64.Strict().DecodeString(f[4]); err != nil || len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return fail("salt: want %d to %d bytes of unpadded base64", minSaltLen, maxSaltLen)
	}
	if key, err = b64.Strict().DecodeString(f[5]); err != nil || len(key) < 16 || len(key) > maxKeyLen {
		return fail("key: want 16 to %d bytes of unpadded base64", maxKeyLen)
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// VerifyPassword reports whether pw matches the PHC hash, comparing in
// constant time. An unreadable hash is an error, never a match.
func VerifyPassword(phc, pw string) (bool, error) {
	p, salt, key, err := ParseHash(phc)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}
