package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/harmlog/harmlog"
)

// AddParty records a party to a conflict with the words that name it and
// returns its id. Errors: EINVALID (empty name or alias), ECONFLICT (a party
// of that name exists).
func (s *Store) AddParty(ctx context.Context, p harmlog.Party, actor string) (id int64, err error) {
	defer wrap(&err, "store.AddParty(%q)", p.Name)
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return 0, errorf(EINVALID, "party name is empty")
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q("INSERT INTO parties (name, country, created_at) VALUES (?, ?, ?) RETURNING id"),
			p.Name, p.Country, s.ts(s.stamp())).Scan(&id)
		if err != nil {
			return err
		}
		p.ID = id
		seen := map[string]bool{}
		for _, a := range p.Aliases {
			a = strings.TrimSpace(a)
			if seen[a] {
				continue
			}
			seen[a] = true
			if _, err := tx.ExecContext(ctx, s.q("INSERT INTO party_aliases (party_id, alias) VALUES (?, ?)"), id, a); err != nil {
				return fmt.Errorf("alias %q: %w", a, err)
			}
		}
		_, err = s.record(ctx, tx, actor, "party.add", "party", id, nil, p)
		return err
	})
	return id, err
}

// Parties lists the parties by name, each with its aliases sorted.
// Errors: EINTERNAL.
func (s *Store) Parties(ctx context.Context) (_ []harmlog.Party, err error) {
	defer wrap(&err, "store.Parties")
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.name, p.country, a.alias
		FROM parties p LEFT JOIN party_aliases a ON a.party_id = p.id ORDER BY p.name, p.id, a.alias`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []harmlog.Party
	for rows.Next() {
		var p harmlog.Party
		var alias sql.NullString
		if err := rows.Scan(&p.ID, &p.Name, &p.Country, &alias); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != p.ID {
			p.Aliases = []string{}
			out = append(out, p)
		}
		if alias.Valid {
			last := &out[len(out)-1]
			last.Aliases = append(last.Aliases, alias.String)
		}
	}
	return out, rows.Err()
}

// UserPlace is a place an analyst added because the gazetteer lacks it; its
// PlaceRef id is "user:<ID>".
type UserPlace struct {
	ID         int64        `json:"id"`
	Name       string       `json:"name"`
	Lat        float64      `json:"lat"`
	Lon        float64      `json:"lon"`
	Country    string       `json:"country"` // ISO 3166-1 alpha-2
	Admin1     string       `json:"admin1"`
	Population int64        `json:"population"`
	Kind       string       `json:"kind"` // "village", "city", "district", ...
	Aliases    []PlaceAlias `json:"aliases,omitempty"`
}

// PlaceID is the id claims use for the place: "user:<ID>".
func (p UserPlace) PlaceID() string { return fmt.Sprintf("user:%d", p.ID) }

// PlaceAlias is another name for a place of the gazetteer ("geonames:587084")
// or of the user ("user:3"), e.g. the other side's toponym.
type PlaceAlias struct {
	PlaceID string `json:"place_id"`
	Alias   string `json:"alias"`
	Note    string `json:"note,omitempty"` // where the alias comes from
}

// AddPlace records a user place and returns it with its ID. Errors: EINVALID
// (empty name, coordinates out of range).
func (s *Store) AddPlace(ctx context.Context, p UserPlace, actor string) (_ UserPlace, err error) {
	defer wrap(&err, "store.AddPlace(%q)", p.Name)
	p.Name = strings.TrimSpace(p.Name)
	switch {
	case p.Name == "":
		return p, errorf(EINVALID, "place name is empty")
	case p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180:
		return p, errorf(EINVALID, "place %q: coordinates %g,%g out of range", p.Name, p.Lat, p.Lon)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO places (name, lat, lon, country, admin1, population, kind, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			p.Name, p.Lat, p.Lon, p.Country, p.Admin1, p.Population, p.Kind, s.ts(s.stamp())).Scan(&p.ID)
		if err != nil {
			return err
		}
		for _, a := range p.Aliases {
			a.PlaceID = p.PlaceID()
			if _, err := s.insertAlias(ctx, tx, a); err != nil {
				return err
			}
		}
		_, err = s.record(ctx, tx, actor, "place.add", "place", p.ID, nil, p)
		return err
	})
	return p, err
}

// AddPlaceAlias records another name for a place (gazetteer or user id).
// Errors: EINVALID (empty id or alias), ECONFLICT (already recorded).
func (s *Store) AddPlaceAlias(ctx context.Context, placeID, alias, actor string) (err error) {
	return s.AddPlaceAliasNote(ctx, PlaceAlias{PlaceID: placeID, Alias: alias}, actor)
}

// AddPlaceAliasNote is AddPlaceAlias with a note saying where the alias
// comes from.
func (s *Store) AddPlaceAliasNote(ctx context.Context, a PlaceAlias, actor string) (err error) {
	defer wrap(&err, "store.AddPlaceAlias(%q, %q)", a.PlaceID, a.Alias)
	a.PlaceID, a.Alias = strings.TrimSpace(a.PlaceID), strings.TrimSpace(a.Alias)
	if a.PlaceID == "" || a.Alias == "" {
		return errorf(EINVALID, "place alias needs a place id and an alias, got %q and %q", a.PlaceID, a.Alias)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertAlias(ctx, tx, a)
		if err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, "place.alias", "place_alias", id, nil, a)
		return err
	})
}

func (s *Store) insertAlias(ctx context.Context, tx *sql.Tx, a PlaceAlias) (id int64, err error) {
	err = tx.QueryRowContext(ctx, s.q("INSERT INTO place_aliases (place_id, alias, note) VALUES (?, ?, ?) RETURNING id"),
		a.PlaceID, a.Alias, a.Note).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("alias %q of %s: %w", a.Alias, a.PlaceID, err)
	}
	return id, nil
}

// UserPlaces lists the user places by id, each with its aliases.
// Errors: EINTERNAL.
func (s *Store) UserPlaces(ctx context.Context) (_ []UserPlace, err error) {
	defer wrap(&err, "store.UserPlaces")
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, lat, lon, country, admin1, population, kind FROM places ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UserPlace
	idx := map[string]int{}
	for rows.Next() {
		var p UserPlace
		if err := rows.Scan(&p.ID, &p.Name, &p.Lat, &p.Lon, &p.Country, &p.Admin1, &p.Population, &p.Kind); err != nil {
			return nil, err
		}
		idx[p.PlaceID()] = len(out)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	aliases, err := s.PlaceAliases(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range aliases {
		if i, ok := idx[a.PlaceID]; ok {
			out[i].Aliases = append(out[i].Aliases, a)
		}
	}
	return out, nil
}

// PlaceAliases lists every recorded alias, of gazetteer and user places, by
// place id and alias. Errors: EINTERNAL.
func (s *Store) PlaceAliases(ctx context.Context) (_ []PlaceAlias, err error) {
	defer wrap(&err, "store.PlaceAliases")
	rows, err := s.db.QueryContext(ctx, "SELECT place_id, alias, note FROM place_aliases ORDER BY place_id, alias")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PlaceAlias
	for rows.Next() {
		var a PlaceAlias
		if err := rows.Scan(&a.PlaceID, &a.Alias, &a.Note); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
