package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
)

// Problem is one thing Verify found wrong.
type Problem struct {
	Entity string `json:"entity"` // "document", "change", "claim", "claim_place", "link", "database"
	ID     int64  `json:"id"`     // of a link: its claim id
	What   string `json:"what"`
}

// String renders "entity id: what".
func (p Problem) String() string { return fmt.Sprintf("%s %d: %s", p.Entity, p.ID, p.What) }

// Verify checks the store's integrity without changing it: every original
// re-hashed against its SHA-256 and size (one document in memory at a time),
// the change log's hash chain link by link, and that claims, places and
// incident links point at records that exist; on SQLite also PRAGMA
// integrity_check. It returns the problems found (none
// for a sound store); err is only for failing to check. Errors: EINTERNAL.
func (s *Store) Verify(ctx context.Context) (problems []Problem, err error) {
	defer wrap(&err, "store.Verify")
	for _, check := range []func(context.Context) ([]Problem, error){
		s.verifyDatabase, s.verifyOriginals, s.verifyChain, s.verifyReferences,
	} {
		ps, err := check(ctx)
		if err != nil {
			return problems, err
		}
		problems = append(problems, ps...)
	}
	return problems, nil
}

func (s *Store) verifyDatabase(ctx context.Context) ([]Problem, error) {
	if s.dialect != SQLite {
		return nil, nil
	}
	var ps []Problem
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return nil, err
		}
		if msg != "ok" {
			ps = append(ps, Problem{"database", 0, "integrity_check: " + msg})
		}
	}
	return ps, rows.Err()
}

// verifyOriginals re-hashes the originals, reading ids in batches and each
// original on its own.
func (s *Store) verifyOriginals(ctx context.Context) ([]Problem, error) {
	var ps []Problem
	type meta struct {
		id   int64
		sha  string
		size int64
	}
	var after int64
	for {
		rows, err := s.db.QueryContext(ctx, s.q("SELECT id, sha256, size FROM documents WHERE id > ? ORDER BY id LIMIT 1000"), after)
		if err != nil {
			return nil, err
		}
		var batch []meta
		for rows.Next() {
			var m meta
			if err := rows.Scan(&m.id, &m.sha, &m.size); err != nil {
				rows.Close()
				return nil, err
			}
			batch = append(batch, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, m := range batch {
			var orig []byte
			if err := s.db.QueryRowContext(ctx, s.q("SELECT original FROM documents WHERE id = ?"), m.id).Scan(&orig); err != nil {
				return nil, fmt.Errorf("reading original of document %d: %w", m.id, err)
			}
			sum := sha256.Sum256(orig)
			if got := hex.EncodeToString(sum[:]); got != m.sha {
				ps = append(ps, Problem{"document", m.id, fmt.Sprintf("original hashes to %s, stored sha256 is %s", got, m.sha)})
			}
			if int64(len(orig)) != m.size {
				ps = append(ps, Problem{"document", m.id, fmt.Sprintf("original is %d bytes, stored size is %d", len(orig), m.size)})
			}
		}
		if len(batch) < 1000 {
			return ps, nil
		}
		after = batch[len(batch)-1].id
	}
}

// verifyChain walks the change log: ids without gaps from 1, each prev_hash
// the hash of the row before, each hash recomputed from the row.
func (s *Store) verifyChain(ctx context.Context) ([]Problem, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+changeCols+" FROM changes ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []Problem
	prevID, prevHash := int64(0), genesis
	for rows.Next() {
		c, err := scanChange(rows)
		if err != nil {
			return nil, err
		}
		switch {
		case c.ID == prevID+2:
			ps = append(ps, Problem{"change", c.ID, fmt.Sprintf("follows change %d: change %d is missing", prevID, prevID+1)})
		case c.ID != prevID+1:
			ps = append(ps, Problem{"change", c.ID, fmt.Sprintf("follows change %d: changes %d to %d are missing", prevID, prevID+1, c.ID-1)})
		}
		if c.PrevHash != prevHash {
			ps = append(ps, Problem{"change", c.ID, fmt.Sprintf("prev_hash %.12s… does not match the hash %.12s… of change %d", c.PrevHash, prevHash, prevID)})
		}
		if h := chainHash(c); h != c.Hash {
			ps = append(ps, Problem{"change", c.ID, fmt.Sprintf("content hashes to %.12s…, stored hash is %.12s…: the row was altered", h, c.Hash)})
		}
		prevID, prevHash = c.ID, c.Hash
	}
	return ps, rows.Err()
}

// verifyReferences finds rows pointing at records that do not exist, which
// foreign keys prevent unless they were bypassed.
func (s *Store) verifyReferences(ctx context.Context) ([]Problem, error) {
	checks := []struct{ entity, query, what string }{
		{"claim", "SELECT c.id, c.document_id FROM claims c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.document_id) ORDER BY c.id",
			"points at document %d, which does not exist"},
		{"claim", "SELECT c.id, c.claimant_id FROM claims c WHERE c.claimant_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = c.claimant_id) ORDER BY c.id",
			"claimant points at source %d, which does not exist"},
		{"document", "SELECT d.id, d.publisher_id FROM documents d WHERE d.publisher_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = d.publisher_id) ORDER BY d.id",
			"publisher points at source %d, which does not exist"},
		{"claim_place", "SELECT p.claim_id, p.ord FROM claim_places p WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = p.claim_id) ORDER BY p.claim_id",
			"place %d belongs to a claim that does not exist"},
		{"link", "SELECT l.claim_id, l.incident_id FROM incident_claims l WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = l.claim_id) ORDER BY l.claim_id",
			"links a claim that does not exist to incident %d"},
		{"link", "SELECT l.claim_id, l.incident_id FROM incident_claims l WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = l.incident_id) ORDER BY l.claim_id",
			"links the claim to incident %d, which does not exist"},
	}
	var ps []Problem
	for _, c := range checks {
		rows, err := s.db.QueryContext(ctx, c.query)
		if err != nil {
			return nil, fmt.Errorf("checking %s references: %w", c.entity, err)
		}
		for rows.Next() {
			var id, ref int64
			if err := rows.Scan(&id, &ref); err != nil {
				rows.Close()
				return nil, err
			}
			ps = append(ps, Problem{c.entity, id, fmt.Sprintf(c.what, ref)})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// Backup writes a consistent copy of a SQLite store to path while the store
// stays in use (VACUUM INTO); path must not exist. PostgreSQL stores return
// EINVALID: back them up with pg_dump and the same URL (see the package
// doc). Errors: EINVALID, ECONFLICT (path exists), EINTERNAL.
func (s *Store) Backup(ctx context.Context, path string) (err error) {
	defer wrap(&err, "store.Backup(%q)", path)
	if s.dialect == Postgres {
		return errorf(EINVALID, "Backup copies SQLite files only; for PostgreSQL run: pg_dump --format=custom --file=%s '%s'", path, redact(s.dsn))
	}
	if path == "" {
		return errorf(EINVALID, "empty backup path")
	}
	if _, err := os.Stat(path); err == nil {
		return errorf(ECONFLICT, "backup file %s already exists", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	_, err = s.db.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}
