package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/harmlog/harmlog"
)

// genesis is the prev_hash of the first change: 64 zeros.
const genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// chainHash is the hash of a change: SHA-256, hex, over the JSON encoding of
// its id, prev_hash and fields in this fixed order, with the time written as
// timeLayout (UTC, microseconds). Before and After are hashed as stored text.
func chainHash(c *harmlog.Change) string {
	canon := struct {
		ID       int64  `json:"id"`
		PrevHash string `json:"prev_hash"`
		At       string `json:"at"`
		Actor    string `json:"actor"`
		Action   string `json:"action"`
		Entity   string `json:"entity"`
		EntityID int64  `json:"entity_id"`
		Before   string `json:"before"`
		After    string `json:"after"`
	}{c.ID, c.PrevHash, c.At.UTC().Format(timeLayout), c.Actor, c.Action, c.Entity, c.EntityID, string(c.Before), string(c.After)}
	b, _ := json.Marshal(canon) // a struct of strings and ints always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// record appends a change to the log inside tx, the transaction of the
// write it describes: it reads the chain's head, gives the change the next id
// and chains its hash. before and after are marshalled to JSON (nil for
// none). Writers are serialised by inTx, so the head cannot move under it.
func (s *Store) record(ctx context.Context, tx *sql.Tx, actor, action, entity string, entityID int64, before, after any) (*harmlog.Change, error) {
	if actor == "" {
		return nil, errorf(EINVALID, "change %s of %s %d: empty actor (say who makes the change)", action, entity, entityID)
	}
	c := &harmlog.Change{At: s.stamp(), Actor: actor, Action: action, Entity: entity, EntityID: entityID}
	var err error
	if c.Before, err = marshalChange(before); err != nil {
		return nil, fmt.Errorf("change %s: before: %w", action, err)
	}
	if c.After, err = marshalChange(after); err != nil {
		return nil, fmt.Errorf("change %s: after: %w", action, err)
	}
	var lastID int64
	var lastHash string
	head, err := s.stmt(ctx, tx, changeHead)
	if err != nil {
		return nil, err
	}
	err = head.QueryRowContext(ctx).Scan(&lastID, &lastHash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		lastHash = genesis
	case err != nil:
		return nil, fmt.Errorf("reading head of change log: %w", err)
	}
	c.ID, c.PrevHash = lastID+1, lastHash
	c.Hash = chainHash(c)
	ins, err := s.stmt(ctx, tx, changeInsert)
	if err != nil {
		return nil, err
	}
	_, err = ins.ExecContext(ctx, c.ID, s.ts(c.At), c.Actor, c.Action, c.Entity, c.EntityID, string(c.Before), string(c.After), c.PrevHash, c.Hash)
	if err != nil {
		return nil, fmt.Errorf("appending change %d (%s): %w", c.ID, action, err)
	}
	return c, nil
}

const (
	changeHead   = "SELECT id, hash FROM changes ORDER BY id DESC LIMIT 1"
	changeInsert = `INSERT INTO changes (id, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

func marshalChange(v any) (json.RawMessage, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case json.RawMessage:
		return v, nil
	}
	return json.Marshal(v)
}

const changeCols = "id, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash"

func scanChange(sc interface{ Scan(...any) error }) (*harmlog.Change, error) {
	var c harmlog.Change
	var before, after string
	if err := sc.Scan(&c.ID, timeScan{&c.At}, &c.Actor, &c.Action, &c.Entity, &c.EntityID, &before, &after, &c.PrevHash, &c.Hash); err != nil {
		return nil, err
	}
	if before != "" {
		c.Before = json.RawMessage(before)
	}
	if after != "" {
		c.After = json.RawMessage(after)
	}
	return &c, nil
}

// Changes returns up to limit entries of the change log with id > afterID,
// oldest first (limit <= 0 means 100). Errors: EINTERNAL.
func (s *Store) Changes(ctx context.Context, afterID int64, limit int) (_ []harmlog.Change, err error) {
	defer wrap(&err, "store.Changes(%d, %d)", afterID, limit)
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, s.q("SELECT "+changeCols+" FROM changes WHERE id > ? ORDER BY id LIMIT ?"), afterID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []harmlog.Change
	for rows.Next() {
		c, err := scanChange(rows)
		if err != nil {
			return nil, err
		}
		cs = append(cs, *c)
	}
	return cs, rows.Err()
}
