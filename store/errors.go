package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Code classifies a store error so callers (the web layer above all) can map
// it to a response without reading messages. A Code is itself an error, so
// errors.Is(err, store.ENOTFOUND) asks "did this fail because something was
// not found?".
type Code string

// Error codes returned by the store.
const (
	ENOTFOUND Code = "ENOTFOUND" // the record asked for does not exist
	ECONFLICT Code = "ECONFLICT" // the write clashes with a stored record (unique key)
	EINVALID  Code = "EINVALID"  // the input breaks a rule of the schema
	EINTERNAL Code = "EINTERNAL" // anything else: I/O, driver, corrupt data
)

// Error implements error so a Code can be the target of errors.Is.
func (c Code) Error() string { return string(c) }

// Error is the error every exported method of *Store returns: the operation
// with its arguments, a Code, and the underlying cause.
type Error struct {
	Op   string // "store.Claim(42)"
	Code Code
	Err  error
}

// Error renders "op: cause".
func (e *Error) Error() string {
	switch {
	case e.Op != "" && e.Err != nil:
		return e.Op + ": " + e.Err.Error()
	case e.Err != nil:
		return e.Err.Error()
	case e.Op != "":
		return e.Op + ": " + string(e.Code)
	}
	return string(e.Code)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is this error's Code.
func (e *Error) Is(target error) bool {
	c, ok := target.(Code)
	return ok && c == e.Code
}

// ErrorCode returns the Code of err: "" for nil, the code of the outermost
// *Error in its chain, EINTERNAL for anything else.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// errorf builds an *Error with a code and a message; wrap adds the operation.
func errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// wrap is deferred by every exported method, in the style of pkgsite's
// derrors.Wrap: it names the operation and its arguments and classifies
// driver errors into codes.
func wrap(errp *error, format string, args ...any) {
	if *errp == nil {
		return
	}
	op := fmt.Sprintf(format, args...)
	var e *Error
	if errors.As(*errp, &e) && e.Op == "" && e == *errp {
		e.Op = op
		return
	}
	*errp = &Error{Op: op, Code: classify(*errp), Err: *errp}
}

// classify maps driver and database/sql errors to codes.
func classify(err error) Code {
	var e *Error
	var se *sqlite.Error
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &e):
		return e.Code
	case errors.Is(err, sql.ErrNoRows):
		return ENOTFOUND
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return EINTERNAL
	case errors.As(err, &se):
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return ECONFLICT
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY,
			sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT:
			return EINVALID
		}
	case errors.As(err, &pe):
		switch pe.Code {
		case "23505":
			return ECONFLICT
		case "23514", "23503", "23502", "22P02", "22003":
			return EINVALID
		}
	}
	return EINTERNAL
}
