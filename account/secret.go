package account

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Prefixes of the two kinds of secret, so that a leaked string says what it
// is (and secret scanners can find it).
const (
	SessionPrefix = "hls_"
	TokenPrefix   = "hlt_"
)

// newSecret is prefix followed by 256 random bits in unpadded URL-safe
// base64.
func newSecret(prefix string) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// HashSecret is what the store keeps of a session or API token: SHA-256 in
// hex. The secrets are 256 random bits, so a fast hash suffices: there is
// nothing to guess from the hash.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// wellFormed reports whether s looks like a secret of the kind prefix
// (cheap refusal of junk before a store lookup).
func wellFormed(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

// csrfLabel separates CSRF tokens from any other MAC made with the same key.
const csrfLabel = "harmlog csrf v1"

// CSRFToken is the anti-forgery token of the browser holding secret (its
// session cookie, or before login its login cookie): HMAC-SHA256 keyed with
// the secret, in unpadded URL-safe base64. It needs no storage, cannot be
// computed without the cookie, and reveals nothing of it.
func CSRFToken(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(csrfLabel))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// ValidCSRF reports, in constant time, whether token is secret's CSRF
// token. An empty secret has no valid token.
func ValidCSRF(secret, token string) bool {
	if secret == "" || token == "" {
		return false
	}
	return hmac.Equal([]byte(CSRFToken(secret)), []byte(token))
}

// NewLoginNonce is a random value for the cookie that binds the login
// form's CSRF token before there is a session.
func NewLoginNonce() (string, error) { return newSecret("hln_") }
