package store

import (
	"context"
	"testing"

	"github.com/harmlog/harmlog"
)

// TestGeneration checks that the generation grows with every write, stays
// put across reads and failed writes, and is seen by a second Store on the
// same database (two servers sharing one PostgreSQL).
func TestGeneration(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		a, b := db.open(t), db.open(t)
		gen := func(s *Store) int64 {
			t.Helper()
			g, err := s.Generation(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return g
		}
		if g := gen(a); g != 0 {
			t.Fatalf("empty store: generation %d, want 0", g)
		}
		claims := []harmlog.Claim{{Scope: harmlog.ScopeIncident, Killed: harmlog.Exact(2)}}
		steps := []struct {
			name  string
			write func() error
			moves bool
		}{
			{"add document", func() error { addSample(t, a, "generation one", claims); return nil }, true},
			{"read", func() error { _, err := a.Claims(ctx, ClaimFilter{}); return err }, false},
			{"update claim", func() error {
				c := claims[0]
				c.Status = harmlog.StatusConfirmed
				return a.UpdateClaim(ctx, &c, "tester", "claim.confirm")
			}, true},
			{"failed write", func() error {
				if err := a.SaveIncidents(ctx, []harmlog.Incident{{Key: " "}}, "tester"); ErrorCode(err) != EINVALID {
					t.Errorf("SaveIncidents with an empty key: %v, want EINVALID", err)
				}
				return nil
			}, false},
			{"write through the other store", func() error {
				_, err := b.AddParty(ctx, harmlog.Party{Name: "Generation Party"}, "tester")
				return err
			}, true},
		}
		last := gen(a)
		for _, st := range steps {
			if err := st.write(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			ga, gb := gen(a), gen(b)
			if ga != gb {
				t.Errorf("%s: the two stores see generations %d and %d", st.name, ga, gb)
			}
			if moved := ga != last; moved != st.moves || ga < last {
				t.Errorf("%s: generation %d → %d, want moved=%v and never down", st.name, last, ga, st.moves)
			}
			last = ga
		}
	})
}
