package tally

import (
	"context"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/store"
)

// Store is what FromStore needs of a store; *store.Store has it.
type Store interface {
	TallyIncidents(ctx context.Context, f store.TallyFilter) ([]harmlog.Incident, error)
	IncidentCells(ctx context.Context, f store.TallyFilter) ([]store.IncidentCell, error)
	Claims(ctx context.Context, f store.ClaimFilter) ([]harmlog.Claim, error)
}

// FromStore tallies the stored incidents and reconciles the stored
// cumulative claims, giving what Compute gives for all of them: by day,
// week, party or weapon without a country filter it counts incidents
// into cells in the database (store.IncidentCells, ComputeCells);
// otherwise it reads only the incidents opts selects, with the fields it
// needs (FieldsFor, store.TallyIncidents).
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
	if opts.Country == "" && !need.Places && !need.Members {
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
	incs, err := s.TallyIncidents(ctx, f)
	if err != nil {
		return Result{}, err
	}
	return Compute(incs, cum, opts)
}
