package tally

import (
	"context"
	"slices"
	"strings"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/store"
)

// Store is what FromStore needs of a store; *store.Store has it.
type Store interface {
	TallyIncidents(ctx context.Context, f store.TallyFilter) ([]harmlog.Incident, error)
	IncidentCells(ctx context.Context, f store.TallyFilter) ([]store.IncidentCell, error)
	WeaponGroups(ctx context.Context, f store.TallyFilter) ([]store.GroupSum, error)
	Claims(ctx context.Context, f store.ClaimFilter) ([]harmlog.Claim, error)
}

// FromStore tallies the stored incidents and reconciles the stored
// cumulative claims, giving what Compute gives for all of them. By day,
// week or party it counts incidents into cells in the database
// (store.IncidentCells, ComputeCells); by weapon it takes the groups'
// sums from the database (store.WeaponGroups) and the total and
// reconciliation from cells by party. A country filter is applied in the
// database when store.CountryInSQL allows. Otherwise (by place or
// claimant, or another country) it reads only the incidents opts selects,
// with the fields it needs (FieldsFor, store.TallyIncidents).
func FromStore(ctx context.Context, s Store, opts Options) (Result, error) {
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	need := FieldsFor(opts)
	f := store.TallyFilter{From: opts.From, To: opts.To, Victims: opts.Victims, Grades: opts.Grades,
		Country: opts.Country, Places: need.Places, Weapons: need.Weapons, Members: need.Members}
	cum, err := s.Claims(ctx, store.ClaimFilter{Scope: harmlog.ScopeCumulative, Limit: 1 << 30})
	if err != nil {
		return Result{}, err
	}
	inSQL := opts.Country == "" || store.CountryInSQL(opts.Country)
	if !inSQL || opts.By == ByPlace || need.Members {
		incs, err := s.TallyIncidents(ctx, f)
		if err != nil {
			return Result{}, err
		}
		return Compute(incs, cum, opts)
	}
	// The database filters by country: the cells carry no places, and
	// Compute must not test them again.
	cellOpts := opts
	cellOpts.Country = ""
	f.Places, f.Weapons = false, false
	if opts.By != ByWeapon {
		return fromCells(ctx, s, f, cum, cellOpts)
	}
	byParty := cellOpts
	byParty.By = ByParty
	res, err := fromCells(ctx, s, f, cum, byParty)
	if err != nil {
		return Result{}, err
	}
	sums, err := s.WeaponGroups(ctx, f)
	if err != nil {
		return Result{}, err
	}
	res.By = ByWeapon
	res.Groups = make([]Group, len(sums))
	for i, g := range sums {
		res.Groups[i] = Group{Group: g.Group, Incidents: g.N, KilledLow: g.KilledLow, KilledHigh: g.KilledHigh,
			KilledUnknown: g.KilledUnknown, InjuredLow: g.InjuredLow, InjuredHigh: g.InjuredHigh, InjuredUnknown: g.InjuredUnknown}
	}
	slices.SortFunc(res.Groups, func(a, b Group) int { return strings.Compare(a.Group, b.Group) })
	return res, nil
}

// fromCells tallies the cells of the incidents f selects.
func fromCells(ctx context.Context, s Store, f store.TallyFilter, cum []harmlog.Claim, opts Options) (Result, error) {
	sc, err := s.IncidentCells(ctx, f)
	if err != nil {
		return Result{}, err
	}
	cells := make([]Cell, len(sc))
	for i, c := range sc {
		cells[i] = Cell{
			Incident: harmlog.Incident{DateFrom: c.DateFrom, Victims: c.Victims, Grade: c.Grade,
				Perpetrators: c.Perpetrators, Weapons: c.Weapons},
			N: c.N, KilledLow: c.KilledLow, KilledHigh: c.KilledHigh, KilledUnknown: c.KilledUnknown,
			InjuredLow: c.InjuredLow, InjuredHigh: c.InjuredHigh, InjuredUnknown: c.InjuredUnknown,
		}
	}
	return ComputeCells(cells, cum, opts)
}
