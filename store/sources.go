package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/harmlog/harmlog"
)

// validKind reports whether kind is one of the source kinds.
func validKind(kind string) bool {
	switch kind {
	case harmlog.KindNewsAgency, harmlog.KindNGO, harmlog.KindGovernment, harmlog.KindIntl, harmlog.KindDataset, harmlog.KindOther:
		return true
	}
	return false
}

// UpsertSource records a publisher or claimant by name: a new name is
// inserted; an existing one gets src's kind and party (an empty kind keeps
// the stored one). It returns the source with its ID and writes a change.
// Errors: EINVALID (empty name, unknown kind).
func (s *Store) UpsertSource(ctx context.Context, src harmlog.Source, actor string) (_ harmlog.Source, err error) {
	defer wrap(&err, "store.UpsertSource(%q)", src.Name)
	src.Name = strings.TrimSpace(src.Name)
	if src.Name == "" {
		return src, errorf(EINVALID, "source name is empty")
	}
	if src.Kind != "" && !validKind(src.Kind) {
		return src, errorf(EINVALID, "source kind %q: want one of news_agency, ngo, government, international_organisation, dataset, other", src.Kind)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var before *harmlog.Source
		old, err := scanSource(tx.QueryRowContext(ctx, s.q("SELECT id, name, kind, party FROM sources WHERE name = ?"), src.Name))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if src.Kind == "" {
				src.Kind = harmlog.KindOther
			}
			err = tx.QueryRowContext(ctx, s.q("INSERT INTO sources (name, kind, party) VALUES (?, ?, ?) RETURNING id"),
				src.Name, src.Kind, src.Party).Scan(&src.ID)
		case err == nil:
			before = old
			src.ID = old.ID
			if src.Kind == "" {
				src.Kind = old.Kind
			}
			if *old == src {
				return nil
			}
			_, err = tx.ExecContext(ctx, s.q("UPDATE sources SET kind = ?, party = ? WHERE id = ?"), src.Kind, src.Party, src.ID)
		}
		if err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, "source.upsert", "source", src.ID, before, src)
		return err
	})
	return src, err
}

func scanSource(sc interface{ Scan(...any) error }) (*harmlog.Source, error) {
	var src harmlog.Source
	if err := sc.Scan(&src.ID, &src.Name, &src.Kind, &src.Party); err != nil {
		return nil, err
	}
	return &src, nil
}

// Sources lists every source by name. Errors: EINTERNAL.
func (s *Store) Sources(ctx context.Context) (_ []harmlog.Source, err error) {
	defer wrap(&err, "store.Sources")
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, kind, party FROM sources ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []harmlog.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *src)
	}
	return out, rows.Err()
}

// sourceIDs finds or creates sources by name inside a write transaction,
// remembering them for the transaction's duration (and, through remember,
// for the store's). New sources get kind
// "other"; an existing source's kind and party are left alone.
type sourceIDs struct {
	s   *Store
	tx  *sql.Tx
	ids map[string]int64
}

// id returns the source id for name, or nil for an empty name.
func (si *sourceIDs) id(ctx context.Context, name string) (any, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil
	}
	if id, ok := si.ids[name]; ok {
		return id, nil
	}
	si.s.mu.Lock()
	id, ok := si.s.sources[name]
	si.s.mu.Unlock()
	if ok {
		return id, nil
	}
	sel, err := si.s.stmt(ctx, si.tx, sourceByName)
	if err != nil {
		return nil, err
	}
	err = sel.QueryRowContext(ctx, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = si.tx.ExecContext(ctx, si.s.q("INSERT INTO sources (name, kind) VALUES (?, 'other') ON CONFLICT (name) DO NOTHING"), name)
		if err == nil {
			err = sel.QueryRowContext(ctx, name).Scan(&id)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("source %q: %w", name, err)
	}
	if si.ids == nil {
		si.ids = map[string]int64{}
	}
	si.ids[name] = id
	return id, nil
}

const sourceByName = "SELECT id FROM sources WHERE name = ?"

// remember adds the sources the transaction found or created to the store's
// cache of source ids; call it only after the transaction committed.
// Sources are never deleted, so a cached id stays valid.
func (si *sourceIDs) remember() {
	si.s.mu.Lock()
	defer si.s.mu.Unlock()
	if len(si.s.sources) > 100000 { // a runaway feed of names: start over
		clear(si.s.sources)
	}
	for name, id := range si.ids {
		si.s.sources[name] = id
	}
}
