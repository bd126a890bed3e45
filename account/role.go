// Package account is harmlog's accounts and roles: users with a role
// (viewer < analyst < admin), argon2id password hashes in PHC strings,
// sessions and API tokens as random secrets kept only as SHA-256 hashes,
// session-bound CSRF tokens, and login attempts limited per user name and
// per client address. It keeps nothing itself: every record lives behind
// its Store, so several servers over one database share sessions, tokens
// and failure counts.
package account

import (
	"fmt"
	"strings"
)

// Role is what a user may do. Roles are ordered: each allows what the roles
// below it allow.
type Role int

// The roles, weakest first. Public is no role at all: what anonymous
// requests may reach (the login page, static assets).
const (
	Public  Role = iota // anyone, signed in or not
	Viewer              // reads incidents, documents and tallies; never sensitive fields
	Analyst             // ingests, reviews, edits, audits; sees sensitive fields
	Admin               // manages users, and everything an analyst does
)

// String is the role's name as stored and typed: viewer, analyst, admin
// ("public" for Public).
func (r Role) String() string {
	switch r {
	case Public:
		return "public"
	case Viewer:
		return "viewer"
	case Analyst:
		return "analyst"
	case Admin:
		return "admin"
	}
	return fmt.Sprintf("Role(%d)", int(r))
}

// Allows reports whether a user with role r may do what needs role need.
func (r Role) Allows(need Role) bool { return r >= need }

// SeesSensitive reports whether the role may read sensitive fields (victim
// names, source contacts): analysts and admins.
func (r Role) SeesSensitive() bool { return r >= Analyst }

// ParseRole reads a role name (viewer, analyst or admin; any case).
func ParseRole(s string) (Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "viewer":
		return Viewer, nil
	case "analyst":
		return Analyst, nil
	case "admin":
		return Admin, nil
	}
	return Public, fmt.Errorf("role %q: want admin, analyst or viewer", s)
}
