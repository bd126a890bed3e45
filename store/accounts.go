package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/harmlog/harmlog/account"
)

// Accounts: users, their sessions and API tokens, and failed logins
// (account.Store). User and token writes are recorded in the change log
// (without hashes); sessions and failed logins are not: they are
// bookkeeping, written in single statements without the writers' lock.

// HasUsers reports whether the store has at least one user.
func (s *Store) HasUsers(ctx context.Context) (_ bool, err error) {
	defer wrap(&err, "store.HasUsers")
	var n int
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM users LIMIT 1) u").Scan(&n)
	return n > 0, err
}

// userChange is what the change log records of a user.
func userChange(u *account.User) map[string]any {
	return map[string]any{"name": u.Name, "role": u.Role.String(), "disabled": u.Disabled}
}

// AddUser stores a new user and returns its id. Errors: ECONFLICT when the
// name is taken, EINVALID for an empty name or a role that is not one.
func (s *Store) AddUser(ctx context.Context, u *account.User, actor string) (id int64, err error) {
	defer wrap(&err, "store.AddUser(%q)", u.Name)
	if u.Name == "" || u.Role < account.Viewer || u.Role > account.Admin {
		return 0, errorf(EINVALID, "user %q with role %v: want a name and a role of viewer, analyst or admin", u.Name, u.Role)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO users (name, role, password_hash, created_at, disabled)
			VALUES (?, ?, ?, ?, ?) RETURNING id`), u.Name, u.Role.String(), u.PasswordHash, s.ts(s.stamp()), u.Disabled).Scan(&id)
		if err != nil {
			if classify(err) == ECONFLICT {
				return errorf(ECONFLICT, "a user named %q exists", u.Name)
			}
			return err
		}
		_, err = s.record(ctx, tx, actor, "user.add", "user", id, nil, userChange(u))
		return err
	})
	return id, err
}

const userColumns = "id, name, role, password_hash, created_at, disabled"

func scanUser(sc interface{ Scan(...any) error }) (*account.User, error) {
	var u account.User
	var role string
	if err := sc.Scan(&u.ID, &u.Name, &role, &u.PasswordHash, timeScan{&u.CreatedAt}, &u.Disabled); err != nil {
		return nil, err
	}
	var err error
	if u.Role, err = account.ParseRole(role); err != nil {
		return nil, fmt.Errorf("user %d: %w", u.ID, err)
	}
	return &u, nil
}

// queryUser runs a query for at most one user: nil when there is none.
func (s *Store) queryUser(ctx context.Context, query string, args ...any) (*account.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, s.q(query), args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return u, err
}

// User returns the user with a name, or nil when there is none.
func (s *Store) User(ctx context.Context, name string) (_ *account.User, err error) {
	defer wrap(&err, "store.User(%q)", name)
	return s.queryUser(ctx, "SELECT "+userColumns+" FROM users WHERE name = ?", name)
}

// Users returns every user, by name.
func (s *Store) Users(ctx context.Context) (_ []account.User, err error) {
	defer wrap(&err, "store.Users")
	rows, err := s.db.QueryContext(ctx, "SELECT "+userColumns+" FROM users ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var us []account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		us = append(us, *u)
	}
	return us, rows.Err()
}

// updateUser changes one user in a transaction with its change-log entry.
// Errors: ENOTFOUND when there is no such user.
func (s *Store) updateUser(ctx context.Context, name, action, actor string, change func(tx *sql.Tx, u *account.User) (after any, err error)) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, s.q("SELECT "+userColumns+" FROM users WHERE name = ?"), name))
		if errors.Is(err, sql.ErrNoRows) {
			return errorf(ENOTFOUND, "no user named %q", name)
		}
		if err != nil {
			return err
		}
		before := userChange(u)
		after, err := change(tx, u)
		if err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, action, "user", u.ID, before, after)
		return err
	})
}

// SetUserRole changes a user's role. Errors: ENOTFOUND, EINVALID.
func (s *Store) SetUserRole(ctx context.Context, name string, role account.Role, actor string) (err error) {
	defer wrap(&err, "store.SetUserRole(%q, %v)", name, role)
	if role < account.Viewer || role > account.Admin {
		return errorf(EINVALID, "role %v: want viewer, analyst or admin", role)
	}
	return s.updateUser(ctx, name, "user.role", actor, func(tx *sql.Tx, u *account.User) (any, error) {
		u.Role = role
		_, err := tx.ExecContext(ctx, s.q("UPDATE users SET role = ? WHERE id = ?"), role.String(), u.ID)
		return userChange(u), err
	})
}

// SetUserPassword replaces a user's password hash and ends the user's
// sessions. Errors: ENOTFOUND.
func (s *Store) SetUserPassword(ctx context.Context, name, hash, actor string) (err error) {
	defer wrap(&err, "store.SetUserPassword(%q)", name)
	return s.updateUser(ctx, name, "user.password", actor, func(tx *sql.Tx, u *account.User) (any, error) {
		if _, err := tx.ExecContext(ctx, s.q("UPDATE users SET password_hash = ? WHERE id = ?"), hash, u.ID); err != nil {
			return nil, err
		}
		_, err := tx.ExecContext(ctx, s.q("DELETE FROM sessions WHERE user_id = ?"), u.ID)
		return map[string]any{"name": u.Name, "password": "changed"}, err
	})
}

// RemoveUser deletes a user with its sessions and tokens. Errors:
// ENOTFOUND.
func (s *Store) RemoveUser(ctx context.Context, name, actor string) (err error) {
	defer wrap(&err, "store.RemoveUser(%q)", name)
	return s.updateUser(ctx, name, "user.remove", actor, func(tx *sql.Tx, u *account.User) (any, error) {
		for _, q := range []string{"DELETE FROM sessions WHERE user_id = ?", "DELETE FROM tokens WHERE user_id = ?", "DELETE FROM users WHERE id = ?"} {
			if _, err := tx.ExecContext(ctx, s.q(q), u.ID); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
}

// AddSession stores a session by the hash of its secret, and drops
// sessions that have expired.
func (s *Store) AddSession(ctx context.Context, hash string, userID int64, created, expires time.Time) (err error) {
	defer wrap(&err, "store.AddSession(user %d)", userID)
	now := created.UTC().Truncate(time.Microsecond)
	if _, err := s.wdb.ExecContext(ctx, s.q("DELETE FROM sessions WHERE expires_at < ?"), s.ts(now)); err != nil {
		return err
	}
	_, err = s.wdb.ExecContext(ctx, s.q("INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"),
		hash, userID, s.ts(now), s.ts(expires.UTC().Truncate(time.Microsecond)))
	return err
}

// SessionUser returns the enabled user of a session that has not expired
// at now, or nil.
func (s *Store) SessionUser(ctx context.Context, hash string, now time.Time) (_ *account.User, err error) {
	defer wrap(&err, "store.SessionUser")
	return s.queryUser(ctx, `SELECT u.id, u.name, u.role, u.password_hash, u.created_at, u.disabled
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.hash = ? AND s.expires_at > ? AND NOT u.disabled`, hash, s.ts(now.UTC().Truncate(time.Microsecond)))
}

// RemoveSession deletes a session (nothing when there is none).
func (s *Store) RemoveSession(ctx context.Context, hash string) (err error) {
	defer wrap(&err, "store.RemoveSession")
	_, err = s.wdb.ExecContext(ctx, s.q("DELETE FROM sessions WHERE hash = ?"), hash)
	return err
}

// AddToken stores an API token by its hash and returns its id. Errors:
// EINVALID when the user does not exist.
func (s *Store) AddToken(ctx context.Context, t *account.Token, hash, actor string) (id int64, err error) {
	defer wrap(&err, "store.AddToken(user %d)", t.UserID)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO tokens (user_id, name, hash, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
			t.UserID, t.Name, hash, s.ts(s.stamp())).Scan(&id)
		if err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, "token.create", "token", id, nil, map[string]any{"user_id": t.UserID, "name": t.Name})
		return err
	})
	return id, err
}

// tokenUseStep: a token's last use is written at most this often, so that
// a script's every request is not a write.
const tokenUseStep = time.Minute

// TokenUser returns the enabled user of a token, or nil, and notes the
// token's use (to the minute).
func (s *Store) TokenUser(ctx context.Context, hash string, now time.Time) (_ *account.User, err error) {
	defer wrap(&err, "store.TokenUser")
	u, err := s.queryUser(ctx, `SELECT u.id, u.name, u.role, u.password_hash, u.created_at, u.disabled
		FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND NOT u.disabled`, hash)
	if u == nil || err != nil {
		return u, err
	}
	now = now.UTC().Truncate(time.Microsecond)
	_, err = s.wdb.ExecContext(ctx, s.q("UPDATE tokens SET last_used_at = ? WHERE hash = ? AND (last_used_at IS NULL OR last_used_at < ?)"),
		s.ts(now), hash, s.ts(now.Add(-tokenUseStep)))
	return u, err
}

// Tokens lists API tokens (without their hashes), of one user when user is
// not empty, by id.
func (s *Store) Tokens(ctx context.Context, user string) (_ []account.Token, err error) {
	defer wrap(&err, "store.Tokens(%q)", user)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT t.id, t.user_id, u.name, t.name, t.created_at, t.last_used_at
		FROM tokens t JOIN users u ON u.id = t.user_id WHERE ? = '' OR u.name = ? ORDER BY t.id`), user, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []account.Token
	for rows.Next() {
		var t account.Token
		var used time.Time
		if err := rows.Scan(&t.ID, &t.UserID, &t.User, &t.Name, timeScan{&t.CreatedAt}, timeScan{&used}); err != nil {
			return nil, err
		}
		if !used.IsZero() {
			t.LastUsedAt = &used
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// RevokeToken deletes an API token. Errors: ENOTFOUND.
func (s *Store) RevokeToken(ctx context.Context, id int64, actor string) (err error) {
	defer wrap(&err, "store.RevokeToken(%d)", id)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var userID int64
		var name string
		err := tx.QueryRowContext(ctx, s.q("SELECT user_id, name FROM tokens WHERE id = ?"), id).Scan(&userID, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf(ENOTFOUND, "no token %d", id)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM tokens WHERE id = ?"), id); err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, "token.revoke", "token", id, map[string]any{"user_id": userID, "name": name}, nil)
		return err
	})
}

// loginFailureKeep is how long failed logins are kept at most.
const loginFailureKeep = 24 * time.Hour

// AddLoginFailure records one failed login under each key, and drops
// failures older than a day.
func (s *Store) AddLoginFailure(ctx context.Context, keys []string, at time.Time) (err error) {
	defer wrap(&err, "store.AddLoginFailure")
	at = at.UTC().Truncate(time.Microsecond)
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.q("DELETE FROM login_failures WHERE at < ?"), s.ts(at.Add(-loginFailureKeep))); err != nil {
		return err
	}
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO login_failures (key, at) VALUES (?, ?)"), k, s.ts(at)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// LoginFailures counts the failed logins under key since a time.
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (n int, err error) {
	defer wrap(&err, "store.LoginFailures(%q)", key)
	err = s.db.QueryRowContext(ctx, s.q("SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?"),
		key, s.ts(since.UTC().Truncate(time.Microsecond))).Scan(&n)
	return n, err
}

// ClearLoginFailures forgets the failed logins under key (after a
// successful login).
func (s *Store) ClearLoginFailures(ctx context.Context, key string) (err error) {
	defer wrap(&err, "store.ClearLoginFailures(%q)", key)
	_, err = s.wdb.ExecContext(ctx, s.q("DELETE FROM login_failures WHERE key = ?"), key)
	return err
}

var _ account.Store = (*Store)(nil)
