package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
)

// errExisted ends AddDocument's transaction without writing when the
// document is already stored; it never leaves the package.
const errExisted Code = "document already stored"

// docSummary is what the change log keeps of an ingested document: its
// metadata and claim count, not its text or bytes (those are in documents,
// protected by sha256).
type docSummary struct {
	SHA256     string `json:"sha256"`
	Size       int64  `json:"size"`
	MediaType  string `json:"media_type"`
	Title      string `json:"title"`
	Publisher  string `json:"publisher"`
	Published  string `json:"published"`
	URL        string `json:"url"`
	Filename   string `json:"filename"`
	IngestedBy string `json:"ingested_by"`
	Claims     int    `json:"claims"`
}

// AddDocument stores a document and the claims extracted from it in one
// transaction: sources for the publisher and each claimant, the document,
// its claims and their places, and a "document.ingest" change. If a document
// with the same SHA-256 is already stored it returns that id with
// existed=true and writes nothing. It sets doc.ID, doc.SHA256, doc.Size,
// doc.IngestedAt (when zero) and each claim's ID, DocumentID, Index and
// Status (machine when empty). Errors: EINVALID (no bytes, SHA-256 not
// matching the bytes, a claim breaking a schema rule), EINTERNAL.
func (s *Store) AddDocument(ctx context.Context, doc *harmlog.Document, claims []harmlog.Claim, actor string) (id int64, existed bool, err error) {
	defer wrap(&err, "store.AddDocument(%q)", doc.Filename)
	if len(doc.Original) == 0 {
		return 0, false, errorf(EINVALID, "document %q has no original bytes", doc.Filename)
	}
	sum := sha256.Sum256(doc.Original)
	sha := hex.EncodeToString(sum[:])
	if doc.SHA256 != "" && !strings.EqualFold(doc.SHA256, sha) {
		return 0, false, errorf(EINVALID, "document %q: sha256 field %s does not match its bytes (%s)", doc.Filename, doc.SHA256, sha)
	}
	doc.SHA256, doc.Size = sha, int64(len(doc.Original))
	if doc.IngestedAt.IsZero() {
		doc.IngestedAt = s.stamp()
	} else {
		doc.IngestedAt = doc.IngestedAt.UTC().Truncate(time.Microsecond)
	}
	if doc.IngestedBy == "" {
		doc.IngestedBy = actor
	}
	if err := checkDocumentText(doc); err != nil {
		return 0, false, err
	}
	si := &sourceIDs{s: s}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		si.tx = tx
		pub, err := si.id(ctx, doc.Publisher)
		if err != nil {
			return err
		}
		ins, err := s.stmt(ctx, tx, docInsert)
		if err != nil {
			return err
		}
		err = ins.QueryRowContext(ctx, doc.SHA256, doc.Size, doc.MediaType, doc.Title, pub, doc.Publisher, doc.Published, doc.URL,
			doc.Language, doc.Filename, s.ts(doc.IngestedAt), doc.IngestedBy, doc.Text, doc.Original, doc.SourceContact).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) { // ON CONFLICT (sha256) DO NOTHING: stored already
			if err := tx.QueryRowContext(ctx, s.q("SELECT id FROM documents WHERE sha256 = ?"), sha).Scan(&id); err != nil {
				return fmt.Errorf("finding stored document %s: %w", sha, err)
			}
			return errExisted
		}
		if err != nil {
			return err
		}
		doc.ID = id
		if err := s.insertClaims(ctx, tx, si, doc, claims, 0, harmlog.StatusMachine); err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, "document.ingest", "document", id, nil, docSummary{
			doc.SHA256, doc.Size, doc.MediaType, doc.Title, doc.Publisher, doc.Published, doc.URL,
			doc.Filename, doc.IngestedBy, len(claims)})
		return err
	})
	if errors.Is(err, errExisted) {
		doc.ID = id
		return id, true, nil
	}
	if err != nil {
		doc.ID = 0
		for i := range claims {
			claims[i].ID = 0
		}
		return 0, false, err
	}
	si.remember()
	return id, false, nil
}

const docInsert = `INSERT INTO documents (sha256, size, media_type, title, publisher_id, publisher,
	published, url, language, filename, ingested_at, ingested_by, content_text, original, source_contact)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`

// DocumentFilter selects documents for Documents. Zero fields do not filter.
type DocumentFilter struct {
	Publisher string // exact publisher name
	From, To  string // published date bounds, YYYY-MM-DD, inclusive
	Limit     int    // at most this many (0: 100)
	Offset    int
}

const docCols = "id, sha256, size, media_type, title, publisher, published, url, language, filename, ingested_at, ingested_by, source_contact"

func scanDocument(sc interface{ Scan(...any) error }, extra ...any) (*harmlog.Document, error) {
	var d harmlog.Document
	dst := append([]any{&d.ID, &d.SHA256, &d.Size, &d.MediaType, &d.Title, &d.Publisher, &d.Published, &d.URL,
		&d.Language, &d.Filename, timeScan{&d.IngestedAt}, &d.IngestedBy, &d.SourceContact}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return nil, err
	}
	return &d, nil
}

// Documents lists documents in the order they were ingested, without their
// text or original bytes. Errors: EINTERNAL.
func (s *Store) Documents(ctx context.Context, f DocumentFilter) (_ []harmlog.Document, err error) {
	defer wrap(&err, "store.Documents(%+v)", f)
	var where []string
	var args []any
	if f.Publisher != "" {
		where, args = append(where, "publisher = ?"), append(args, f.Publisher)
	}
	if f.From != "" {
		where, args = append(where, "published >= ?"), append(args, f.From)
	}
	if f.To != "" {
		where, args = append(where, "published <> '' AND published <= ?"), append(args, f.To)
	}
	query := "SELECT " + docCols + " FROM documents" + whereClause(where) + " ORDER BY id LIMIT ? OFFSET ?"
	args = append(args, limit(f.Limit), max(f.Offset, 0))
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []harmlog.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, rows.Err()
}

// Document returns one document with its text, and with its original bytes
// when withOriginal is set. Errors: ENOTFOUND, EINTERNAL.
func (s *Store) Document(ctx context.Context, id int64, withOriginal bool) (_ *harmlog.Document, err error) {
	defer wrap(&err, "store.Document(%d)", id)
	var text string
	var orig []byte
	extra := []any{&text}
	cols := docCols + ", content_text"
	if withOriginal {
		cols += ", original"
		extra = append(extra, &orig)
	}
	d, err := scanDocument(s.db.QueryRowContext(ctx, s.q("SELECT "+cols+" FROM documents WHERE id = ?"), id), extra...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errorf(ENOTFOUND, "no document with id %d", id)
	}
	if err != nil {
		return nil, err
	}
	d.Text = text
	if withOriginal {
		d.Original = orig
		if d.Original == nil {
			d.Original = []byte{}
		}
	}
	return d, nil
}

// DocumentBySHA returns the document whose original has this SHA-256 (hex),
// with its text but not its bytes. Errors: ENOTFOUND, EINTERNAL.
func (s *Store) DocumentBySHA(ctx context.Context, sha string) (_ *harmlog.Document, err error) {
	defer wrap(&err, "store.DocumentBySHA(%q)", sha)
	var text string
	d, err := scanDocument(s.db.QueryRowContext(ctx, s.q("SELECT "+docCols+", content_text FROM documents WHERE sha256 = ?"),
		strings.ToLower(sha)), &text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errorf(ENOTFOUND, "no document with sha256 %s", sha)
	}
	if err != nil {
		return nil, err
	}
	d.Text = text
	return d, nil
}

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// limit turns a caller's limit into the one used: 100 when unset.
func limit(n int) int {
	if n <= 0 {
		return 100
	}
	return n
}
