package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
)

func TestMigrateIdempotent(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		want, err := migrations(db.dialect)
		if err != nil || len(want) == 0 {
			t.Fatalf("embedded migrations of %s: %v, %d files", db.dialect, err, len(want))
		}
		for i := range 2 {
			applied, err := s.Migrate(ctx)
			if err != nil {
				t.Fatalf("Migrate #%d: %v", i+2, err)
			}
			if len(applied) != 0 {
				t.Errorf("Migrate #%d applied %v again", i+2, applied)
			}
		}
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != len(want) {
			t.Errorf("schema_migrations has %d rows, want %d", n, len(want))
		}
		// A store opened without migrating on a migrated database finds nothing to do.
		s2 := db.open(t, WithoutMigrate())
		if applied, err := s2.Migrate(ctx); err != nil || len(applied) != 0 {
			t.Errorf("Migrate on second store = %v, %v; want nothing applied", applied, err)
		}
		if s.Dialect() != db.dialect {
			t.Errorf("Dialect() = %q, want %q", s.Dialect(), db.dialect)
		}
	})
}

func TestMigrateFresh(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		s := db.open(t, WithoutMigrate())
		applied, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) == 0 || applied[0] != "0001_init" {
			t.Errorf("Migrate on an empty database applied %v, want 0001_init first", applied)
		}
	})
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestAddDocumentRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		doc  harmlog.Document
	}{
		{"text", harmlog.Document{Original: []byte("Shelling hit the town overnight, officials said.\n"), MediaType: "text/plain",
			Title: "Overnight shelling", Publisher: "Wire Agency", Published: "2020-10-08", URL: "https://example.org/a", Language: "en", Filename: "a.txt",
			Text: "Shelling hit the town overnight, officials said."}},
		{"binary with NUL and invalid UTF-8", harmlog.Document{Original: []byte{0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x00},
			MediaType: "application/pdf", Filename: "report.pdf", Text: "extracted"}},
		{"unicode metadata", harmlog.Document{Original: []byte("Şuşa / Շուշի"), Title: "Şuşa — Շուշի", Publisher: "Ağentlik", Language: "az", Filename: "ş.txt"}},
		{"no publisher", harmlog.Document{Original: []byte{0}, Filename: "nul.bin"}},
	}
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t, WithClock(fixedClock()))
		for _, tt := range tests {
			doc := tt.doc
			doc.Original = bytes.Clone(tt.doc.Original)
			id, existed, err := s.AddDocument(ctx, &doc, nil, "tester")
			if err != nil || existed || id == 0 || doc.ID != id {
				t.Fatalf("%s: AddDocument = %d, %v, %v (doc.ID %d)", tt.name, id, existed, err, doc.ID)
			}
			got, err := s.Document(ctx, id, true)
			if err != nil {
				t.Fatalf("%s: Document: %v", tt.name, err)
			}
			if !bytes.Equal(got.Original, tt.doc.Original) {
				t.Errorf("%s: original came back as %x, want %x", tt.name, got.Original, tt.doc.Original)
			}
			want := doc
			want.SHA256, want.Size, want.IngestedBy = sha(tt.doc.Original), int64(len(tt.doc.Original)), "tester"
			if got.SHA256 != want.SHA256 || got.Size != want.Size || got.Title != want.Title || got.Publisher != want.Publisher ||
				got.Published != want.Published || got.URL != want.URL || got.Language != want.Language || got.Filename != want.Filename ||
				got.Text != want.Text || got.MediaType != want.MediaType || got.IngestedBy != want.IngestedBy || !got.IngestedAt.Equal(doc.IngestedAt) {
				t.Errorf("%s: Document =\n%+v\nwant\n%+v", tt.name, *got, want)
			}
			noOrig, err := s.Document(ctx, id, false)
			if err != nil || noOrig.Original != nil || noOrig.Text != want.Text {
				t.Errorf("%s: Document(withOriginal=false) = original %q text %q, %v", tt.name, noOrig.Original, noOrig.Text, err)
			}
			bySHA, err := s.DocumentBySHA(ctx, want.SHA256)
			if err != nil || bySHA.ID != id {
				t.Errorf("%s: DocumentBySHA = %v, %v; want id %d", tt.name, bySHA, err, id)
			}

			// The same bytes again: the stored id, nothing written.
			before, _ := s.Changes(ctx, 0, 1000)
			again := harmlog.Document{Original: bytes.Clone(tt.doc.Original), Title: "another title"}
			id2, existed, err := s.AddDocument(ctx, &again, []harmlog.Claim{{Claimant: "Someone"}}, "tester")
			if err != nil || !existed || id2 != id || again.ID != id {
				t.Errorf("%s: second AddDocument = %d, %v, %v; want %d, true", tt.name, id2, existed, err, id)
			}
			after, _ := s.Changes(ctx, 0, 1000)
			if len(after) != len(before) {
				t.Errorf("%s: dedup wrote %d changes", tt.name, len(after)-len(before))
			}
		}
		docs, err := s.Documents(ctx, DocumentFilter{})
		if err != nil || len(docs) != len(tests) {
			t.Fatalf("Documents = %d docs, %v; want %d", len(docs), err, len(tests))
		}
		for _, d := range docs {
			if d.Text != "" || d.Original != nil {
				t.Errorf("Documents returned text or original for %d", d.ID)
			}
		}
		claims, _ := s.Claims(ctx, ClaimFilter{})
		if len(claims) != 0 {
			t.Errorf("dedup stored %d claims", len(claims))
		}
	})
}

func TestDocumentsFilter(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		for i, d := range []harmlog.Document{
			{Original: []byte("1"), Publisher: "A", Published: "2020-09-27"},
			{Original: []byte("2"), Publisher: "B", Published: "2020-10-04"},
			{Original: []byte("3"), Publisher: "A", Published: "2020-10-08"},
			{Original: []byte("4"), Publisher: "A"},
		} {
			if _, _, err := s.AddDocument(ctx, &d, nil, "t"); err != nil {
				t.Fatalf("doc %d: %v", i, err)
			}
		}
		tests := []struct {
			f    DocumentFilter
			want []string // Original of each, in order
		}{
			{DocumentFilter{}, []string{"1", "2", "3", "4"}},
			{DocumentFilter{Publisher: "A"}, []string{"1", "3", "4"}},
			{DocumentFilter{From: "2020-10-01"}, []string{"2", "3"}},
			{DocumentFilter{To: "2020-10-04"}, []string{"1", "2"}},
			{DocumentFilter{Limit: 2, Offset: 1}, []string{"2", "3"}},
		}
		for _, tt := range tests {
			docs, err := s.Documents(ctx, tt.f)
			if err != nil {
				t.Fatalf("%+v: %v", tt.f, err)
			}
			var got []string
			for _, d := range docs {
				full, _ := s.Document(ctx, d.ID, true)
				got = append(got, string(full.Original))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Documents(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		}
	})
}

func TestDocumentErrors(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		tests := []struct {
			name string
			run  func() error
			code Code
		}{
			{"no bytes", func() error {
				_, _, err := s.AddDocument(ctx, &harmlog.Document{Filename: "empty.txt"}, nil, "t")
				return err
			}, EINVALID},
			{"wrong sha", func() error {
				_, _, err := s.AddDocument(ctx, &harmlog.Document{Original: []byte("x"), SHA256: sha([]byte("y"))}, nil, "t")
				return err
			}, EINVALID},
			{"no actor", func() error {
				_, _, err := s.AddDocument(ctx, &harmlog.Document{Original: []byte("x")}, nil, "")
				return err
			}, EINVALID},
			{"NUL in title", func() error {
				_, _, err := s.AddDocument(ctx, &harmlog.Document{Original: []byte("x"), Title: "a\x00b"}, nil, "t")
				return err
			}, EINVALID},
			{"invalid UTF-8 in text", func() error {
				_, _, err := s.AddDocument(ctx, &harmlog.Document{Original: []byte("x"), Text: "ok \xff"}, nil, "t")
				return err
			}, EINVALID},
			{"NUL in claim place", func() error {
				_, _, err := s.AddDocument(ctx, &harmlog.Document{Original: []byte("x")},
					[]harmlog.Claim{{Places: []harmlog.PlaceRef{{Name: "\x00"}}}}, "t")
				return err
			}, EINVALID},
			{"missing id", func() error { _, err := s.Document(ctx, 999, false); return err }, ENOTFOUND},
			{"missing sha", func() error { _, err := s.DocumentBySHA(ctx, sha([]byte("none"))); return err }, ENOTFOUND},
		}
		for _, tt := range tests {
			err := tt.run()
			if !errors.Is(err, tt.code) {
				t.Errorf("%s: err = %v (code %s), want %s", tt.name, err, ErrorCode(err), tt.code)
			}
			var e *Error
			if !errors.As(err, &e) || !strings.HasPrefix(e.Error(), "store.") {
				t.Errorf("%s: error %q does not name the operation", tt.name, err)
			}
		}
	})
}
