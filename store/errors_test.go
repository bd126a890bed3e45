package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
)

func TestErrorCodes(t *testing.T) {
	wrapped := func(err error) error {
		var out error
		func() {
			defer wrap(&out, "store.Op(%d)", 7)
			out = err
		}()
		return out
	}
	tests := []struct {
		name string
		err  error
		code Code
		msg  string
	}{
		{"nil", nil, "", ""},
		{"no rows", wrapped(sql.ErrNoRows), ENOTFOUND, "store.Op(7): sql: no rows in result set"},
		{"coded", wrapped(errorf(EINVALID, "field x: bad")), EINVALID, "store.Op(7): field x: bad"},
		{"plain", wrapped(errors.New("disk on fire")), EINTERNAL, "store.Op(7): disk on fire"},
		{"context", wrapped(fmt.Errorf("reading: %w", context.Canceled)), EINTERNAL, "store.Op(7): reading: context canceled"},
		{"nested keeps inner code", fmt.Errorf("outer: %w", wrapped(errorf(ECONFLICT, "dup"))), ECONFLICT, "outer: store.Op(7): dup"},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("%s: ErrorCode = %q, want %q", tt.name, got, tt.code)
		}
		if tt.err == nil {
			continue
		}
		if tt.err.Error() != tt.msg {
			t.Errorf("%s: message %q, want %q", tt.name, tt.err.Error(), tt.msg)
		}
		if !errors.Is(tt.err, tt.code) {
			t.Errorf("%s: errors.Is(err, %s) = false", tt.name, tt.code)
		}
		for _, other := range []Code{ENOTFOUND, ECONFLICT, EINVALID, EINTERNAL} {
			if other != tt.code && errors.Is(tt.err, other) {
				t.Errorf("%s: errors.Is(err, %s) = true", tt.name, other)
			}
		}
	}
}

func TestRebind(t *testing.T) {
	tests := []struct {
		in, sqlite, postgres string
	}{
		{"SELECT 1", "SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x = '?' AND y = ? AND z = \"q?\"", "x = '?' AND y = ? AND z = \"q?\"", "x = '?' AND y = $1 AND z = \"q?\""},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			d    Dialect
			want string
		}{{SQLite, tt.sqlite}, {Postgres, tt.postgres}} {
			if got := (&Store{dialect: c.d}).q(tt.in); got != c.want {
				t.Errorf("%s q(%q) = %q, want %q", c.d, tt.in, got, c.want)
			}
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		dsn  string
		code Code
	}{
		{"", EINVALID},
		{t.TempDir() + "/missing-dir/x.db", EINTERNAL},
		{"postgres://nobody:secret@127.0.0.1:1/none?connect_timeout=2", EINTERNAL},
	}
	for _, tt := range tests {
		s, err := Open(ctx, tt.dsn)
		if err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", tt.dsn)
			continue
		}
		if !errors.Is(err, tt.code) {
			t.Errorf("Open(%q) = %v, want %s", tt.dsn, err, tt.code)
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("Open error shows the password: %v", err)
		}
	}
}

// FuzzOriginalRoundTrip: whatever bytes come in as evidence, and whatever
// text came with them, are stored and read back byte for byte under their
// SHA-256, or refused as EINVALID (text PostgreSQL cannot hold).
func FuzzOriginalRoundTrip(f *testing.F) {
	f.Add([]byte("plain text"), "title")
	f.Add([]byte{0, 0xff, 0xfe, 0xc3, 0x28}, "bin\x00ary")
	f.Add([]byte("%PDF-1.7\n\x00\x01"), "Şuşa\xff")
	s, err := Open(context.Background(), f.TempDir()+"/fuzz.db")
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, original []byte, title string) {
		ctx := context.Background()
		doc := &harmlog.Document{Original: append([]byte(nil), original...), Title: title}
		id, _, err := s.AddDocument(ctx, doc, nil, "fuzz")
		switch {
		case len(original) == 0 || strings.IndexByte(title, 0) >= 0 || !utf8.ValidString(title):
			if !errors.Is(err, EINVALID) {
				t.Fatalf("AddDocument(%q, %q) = %v, want EINVALID", original, title, err)
			}
			return
		case err != nil:
			t.Fatalf("AddDocument(%q, %q): %v", original, title, err)
		}
		got, err := s.Document(ctx, id, true)
		if err != nil {
			t.Fatal(err)
		}
		if string(got.Original) != string(original) || got.SHA256 != sha(original) {
			t.Fatalf("original %q came back as %q (sha %s)", original, got.Original, got.SHA256)
		}
	})
}
