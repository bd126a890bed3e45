package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// User is an account. PasswordHash is a PHC argon2id string (empty: the
// user cannot log in with a password, only with API tokens).
type User struct {
	ID           int64
	Name         string
	Role         Role
	PasswordHash string
	CreatedAt    time.Time
	Disabled     bool
}

// Token describes an API token; the token itself is shown once, when
// created, and only its hash is kept.
type Token struct {
	ID         int64
	UserID     int64
	User       string // the user's name
	Name       string // a label: what the token is for
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// Store is what accounts need of a database; *store.Store has it all.
// Lookups return nil and no error when there is no such record; user and
// token writes are recorded in the change log under actor.
type Store interface {
	HasUsers(ctx context.Context) (bool, error)
	AddUser(ctx context.Context, u *User, actor string) (int64, error)
	User(ctx context.Context, name string) (*User, error)
	Users(ctx context.Context) ([]User, error)
	SetUserRole(ctx context.Context, name string, role Role, actor string) error
	SetUserPassword(ctx context.Context, name, hash, actor string) error
	RemoveUser(ctx context.Context, name, actor string) error

	AddSession(ctx context.Context, hash string, userID int64, created, expires time.Time) error
	// SessionUser is the enabled user of an unexpired session.
	SessionUser(ctx context.Context, hash string, now time.Time) (*User, error)
	RemoveSession(ctx context.Context, hash string) error

	AddToken(ctx context.Context, t *Token, hash, actor string) (int64, error)
	// TokenUser is the enabled user of a token, whose last use it records.
	TokenUser(ctx context.Context, hash string, now time.Time) (*User, error)
	Tokens(ctx context.Context, user string) ([]Token, error)
	RevokeToken(ctx context.Context, id int64, actor string) error

	// Failed logins: one row per key per failure; counted over a window.
	AddLoginFailure(ctx context.Context, keys []string, at time.Time) error
	LoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	ClearLoginFailures(ctx context.Context, key string) error
}

// Limits bound failed logins: at most PerUser failures for one user name
// and PerAddr for one client address within Window; beyond that logins
// from them are refused (ErrLocked) until failures age out of the window.
// The counts live in the store, so they hold across restarts and are shared
// by every server on it.
type Limits struct {
	PerUser int
	PerAddr int
	Window  time.Duration
}

// DefaultLimits: 5 failures per user name, 50 per address, in 15 minutes.
func DefaultLimits() Limits { return Limits{PerUser: 5, PerAddr: 50, Window: 15 * time.Minute} }

// DefaultSessionTTL is how long a session lasts after login.
const DefaultSessionTTL = 12 * time.Hour

// Options configure a Service; zero values take the defaults.
type Options struct {
	Params     Params        // DefaultParams()
	Limits     Limits        // DefaultLimits()
	SessionTTL time.Duration // DefaultSessionTTL
	Now        func() time.Time
}

// Service does what accounts do over a Store. It holds no records of its
// own and is safe for concurrent use.
type Service struct {
	st Store
	o  Options
	// dummy is a hash to verify against when the user does not exist,
	// made on first need.
	dummyOnce sync.Once
	dummy     string
	dummyErr  error
}

// Errors of Login.
var (
	ErrBadLogin = errors.New("wrong user name or password")
	ErrLocked   = errors.New("too many failed logins: try again later")
)

// New returns a Service over st.
func New(st Store, o Options) *Service {
	if o.Params == (Params{}) {
		o.Params = DefaultParams()
	}
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits()
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = DefaultSessionTTL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{st: st, o: o}
}

// Limits returns the service's login limits.
func (s *Service) Limits() Limits { return s.o.Limits }

// SessionTTL returns how long sessions last.
func (s *Service) SessionTTL() time.Duration { return s.o.SessionTTL }

// CheckName says what is wrong with a user name, or nil: 1 to 64
// characters, letters, digits and . _ - @ only.
func CheckName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > 64 || !utf8.ValidString(name) {
		return fmt.Errorf("user name %q: want 1 to 64 characters", name)
	}
	for _, c := range name {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("._-@", c) {
			return fmt.Errorf("user name %q: %q is not allowed (letters, digits and . _ - @ only)", name, c)
		}
	}
	return nil
}

// AddUser creates a user with a hashed password.
func (s *Service) AddUser(ctx context.Context, name string, role Role, password, actor string) (*User, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	if role < Viewer || role > Admin {
		return nil, fmt.Errorf("role %v: want admin, analyst or viewer", role)
	}
	if err := CheckPassword(password); err != nil {
		return nil, err
	}
	h, err := HashPassword(password, s.o.Params)
	if err != nil {
		return nil, err
	}
	u := &User{Name: name, Role: role, PasswordHash: h, CreatedAt: s.o.Now()}
	if u.ID, err = s.st.AddUser(ctx, u, actor); err != nil {
		return nil, err
	}
	return u, nil
}

// SetPassword replaces a user's password.
func (s *Service) SetPassword(ctx context.Context, name, password, actor string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	h, err := HashPassword(password, s.o.Params)
	if err != nil {
		return err
	}
	return s.st.SetUserPassword(ctx, name, h, actor)
}

// failureKeys are the rate-limit keys of a login attempt. A name longer
// than any user's is cut, so that junk cannot fill the store.
func failureKeys(name, addr string) (user, address string) {
	name = strings.ToLower(name)
	if len(name) > 256 {
		name = strings.ToValidUTF8(name[:256], "")
	}
	return "user:" + name, "addr:" + addr
}

// Login checks a user name and password from a client address and, when
// they match an enabled user, starts a session: it returns the user and the
// session secret (for the cookie). Failures: ErrLocked when the name or the
// address has failed too often lately (the password is then not even
// checked), ErrBadLogin for a wrong name or password (the same error
// either way, and about the same time: a missing user is verified against
// a dummy hash).
func (s *Service) Login(ctx context.Context, name, password, addr string) (*User, string, error) {
	now := s.o.Now()
	ukey, akey := failureKeys(name, addr)
	since := now.Add(-s.o.Limits.Window)
	for _, k := range []struct {
		key string
		max int
	}{{ukey, s.o.Limits.PerUser}, {akey, s.o.Limits.PerAddr}} {
		n, err := s.st.LoginFailures(ctx, k.key, since)
		if err != nil {
			return nil, "", err
		}
		if n >= k.max {
			return nil, "", ErrLocked
		}
	}
	u, err := s.st.User(ctx, name)
	if err != nil {
		return nil, "", err
	}
	ok := false
	if u != nil && !u.Disabled && u.PasswordHash != "" && len(password) <= MaxPassword {
		if ok, err = VerifyPassword(u.PasswordHash, password); err != nil {
			return nil, "", fmt.Errorf("user %q: %w", name, err)
		}
	} else if err := s.burn(password); err != nil {
		return nil, "", err
	}
	if !ok {
		if err := s.st.AddLoginFailure(ctx, []string{ukey, akey}, now); err != nil {
			return nil, "", err
		}
		return nil, "", ErrBadLogin
	}
	if err := s.st.ClearLoginFailures(ctx, ukey); err != nil {
		return nil, "", err
	}
	secret, err := s.StartSession(ctx, u)
	if err != nil {
		return nil, "", err
	}
	return u, secret, nil
}

// burn spends the time of one verification, so that a missing user takes
// as long to refuse as a wrong password.
func (s *Service) burn(password string) error {
	s.dummyOnce.Do(func() { s.dummy, s.dummyErr = HashPassword("harmlog dummy password", s.o.Params) })
	if s.dummyErr != nil {
		return s.dummyErr
	}
	if len(password) > MaxPassword {
		password = password[:MaxPassword]
	}
	_, err := VerifyPassword(s.dummy, password)
	return err
}

// StartSession starts a session for u and returns its secret.
func (s *Service) StartSession(ctx context.Context, u *User) (string, error) {
	secret, err := newSecret(SessionPrefix)
	if err != nil {
		return "", err
	}
	now := s.o.Now()
	if err := s.st.AddSession(ctx, HashSecret(secret), u.ID, now, now.Add(s.o.SessionTTL)); err != nil {
		return "", err
	}
	return secret, nil
}

// Session returns the user of a session secret, or nil when the secret is
// malformed, unknown or expired, or its user is disabled.
func (s *Service) Session(ctx context.Context, secret string) (*User, error) {
	if !wellFormed(secret, SessionPrefix) {
		return nil, nil
	}
	return s.st.SessionUser(ctx, HashSecret(secret), s.o.Now())
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, secret string) error {
	return s.st.RemoveSession(ctx, HashSecret(secret))
}

// CreateToken makes an API token for a user and returns the token (shown
// once; the store keeps its hash) with its record.
func (s *Service) CreateToken(ctx context.Context, user, label, actor string) (string, *Token, error) {
	u, err := s.st.User(ctx, user)
	if err != nil {
		return "", nil, err
	}
	if u == nil {
		return "", nil, fmt.Errorf("no user named %q", user)
	}
	if len(label) > 200 || !utf8.ValidString(label) {
		return "", nil, fmt.Errorf("token name: want at most 200 bytes of UTF-8")
	}
	secret, err := newSecret(TokenPrefix)
	if err != nil {
		return "", nil, err
	}
	t := &Token{UserID: u.ID, User: u.Name, Name: label, CreatedAt: s.o.Now()}
	if t.ID, err = s.st.AddToken(ctx, t, HashSecret(secret), actor); err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// TokenUser returns the user of an API token, or nil when the token is
// malformed, unknown or revoked, or its user is disabled.
func (s *Service) TokenUser(ctx context.Context, secret string) (*User, error) {
	if !wellFormed(secret, TokenPrefix) {
		return nil, nil
	}
	return s.st.TokenUser(ctx, HashSecret(secret), s.o.Now())
}
