package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/harmlog/harmlog"
)

// analystFixture stores four claims in three incidents: k1 {1, 2}, k2 {3},
// k3 {4}, as a relink would save them.
func analystFixture(t *testing.T, s *Store) (claims []int64, incs map[string]int64) {
	t.Helper()
	ctx := context.Background()
	cs := []harmlog.Claim{{Killed: harmlog.Exact(1)}, {Killed: harmlog.Exact(2)}, {Killed: harmlog.Exact(3)}, {Killed: harmlog.Exact(4)}}
	addSample(t, s, "analyst decisions", cs)
	for _, c := range cs {
		claims = append(claims, c.ID)
	}
	if err := s.SaveIncidents(ctx, relinked(claims), "linker"); err != nil {
		t.Fatal(err)
	}
	all, err := s.Incidents(ctx, IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	incs = map[string]int64{}
	for _, in := range all {
		incs[in.Key] = in.ID
	}
	return claims, incs
}

// relinked is what a linker that knows nothing of analysts saves.
func relinked(claims []int64) []harmlog.Incident {
	link := func(c int64) harmlog.Link { return harmlog.Link{ClaimID: c, Score: 5, Evidence: "same day"} }
	return []harmlog.Incident{
		{Key: "k1", Grade: harmlog.GradeFair, GradeReason: "2 sources", Members: []harmlog.Link{link(claims[0]), link(claims[1])}},
		{Key: "k2", Grade: harmlog.GradeWeak, GradeReason: "a single source", Members: []harmlog.Link{link(claims[2])}},
		{Key: "k3", Grade: harmlog.GradeWeak, GradeReason: "a single source", Members: []harmlog.Link{link(claims[3])}},
	}
}

// membersOf lists each incident key's member claims, pinned ones marked.
func membersOf(t *testing.T, s *Store) map[string][]int64 {
	t.Helper()
	ctx := context.Background()
	all, err := s.Incidents(ctx, IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]int64{}
	for _, in := range all {
		full, err := s.Incident(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range full.Members {
			id := m.ClaimID
			if !m.Pinned {
				id = -id
			}
			out[in.Key] = append(out[in.Key], id)
		}
	}
	return out
}

// TestAnalystDecisions: merges, splits and discounts move what they say,
// refuse what they cannot do without changing anything, record one change
// each, and are kept by a save of the linker's incidents (a relink).
func TestAnalystDecisions(t *testing.T) {
	type want struct {
		members map[string][]int64 // claim ids by incident key (negative: not pinned), before and after a relink
		grade   map[string]string  // grades by key, before and after a relink
		action  string             // the change recorded ("" when refused)
		code    Code               // the error's code, when refused
	}
	cases := []struct {
		name string
		do   func(s *Store, c []int64, inc map[string]int64) error
		want func(c []int64) want
	}{
		{
			name: "merge",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				n, err := s.MergeIncidents(context.Background(), inc["k1"], []int64{inc["k2"]}, "ana")
				if err == nil && n != 1 {
					t.Errorf("merge moved %d claims, want 1", n)
				}
				return err
			},
			want: func(c []int64) want {
				return want{members: map[string][]int64{"k1": {c[0], c[1], c[2]}, "k3": {-c[3]}}, action: "incident.merge"}
			},
		},
		{
			name: "split",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				_, err := s.SplitIncident(context.Background(), inc["k1"], []int64{c[1]}, "ana")
				return err
			},
			want: func(c []int64) want {
				return want{members: map[string][]int64{"k1": {c[0]}, fmt.Sprintf("k1-split-%d", c[1]): {c[1]}, "k2": {-c[2]}, "k3": {-c[3]}}, action: "incident.split"}
			},
		},
		{
			name: "discount",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				return s.DiscountIncident(context.Background(), inc["k2"], "a rumour", "ana")
			},
			want: func(c []int64) want {
				return want{grade: map[string]string{"k1": harmlog.GradeFair, "k2": harmlog.GradeDiscounted}, action: "incident.discount"}
			},
		},
		{
			name: "discount withdrawn",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				if err := s.DiscountIncident(context.Background(), inc["k2"], "a rumour", "ana"); err != nil {
					return err
				}
				return s.DiscountIncident(context.Background(), inc["k2"], "", "ana")
			},
			want: func(c []int64) want {
				return want{grade: map[string]string{"k2": harmlog.GradeWeak}, action: "incident.undiscount"}
			},
		},
		{
			name: "merge into itself",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				_, err := s.MergeIncidents(context.Background(), inc["k1"], []int64{inc["k2"], inc["k1"]}, "ana")
				return err
			},
			want: func(c []int64) want { return want{code: EINVALID} },
		},
		{
			name: "merge a missing incident",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				_, err := s.MergeIncidents(context.Background(), inc["k1"], []int64{inc["k2"], 999}, "ana")
				return err
			},
			want: func(c []int64) want { return want{code: ENOTFOUND} },
		},
		{
			name: "split a claim of another incident",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				_, err := s.SplitIncident(context.Background(), inc["k1"], []int64{c[1], c[2]}, "ana")
				return err
			},
			want: func(c []int64) want { return want{code: EINVALID} },
		},
		{
			name: "split every claim",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				_, err := s.SplitIncident(context.Background(), inc["k1"], []int64{c[0], c[1]}, "ana")
				return err
			},
			want: func(c []int64) want { return want{code: EINVALID} },
		},
		{
			name: "withdraw a discount never made",
			do: func(s *Store, c []int64, inc map[string]int64) error {
				return s.DiscountIncident(context.Background(), inc["k1"], " ", "ana")
			},
			want: func(c []int64) want { return want{code: EINVALID} },
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			forEachDB(t, func(t *testing.T, db testDB) {
				s := db.open(t)
				ctx := context.Background()
				claims, incs := analystFixture(t, s)
				w := tc.want(claims)
				before := membersOf(t, s)
				head, err := s.Generation(ctx)
				if err != nil {
					t.Fatal(err)
				}
				err = tc.do(s, claims, incs)
				if w.code != "" {
					if ErrorCode(err) != w.code {
						t.Fatalf("error %v, want %s", err, w.code)
					}
					if now, _ := s.Generation(ctx); now != head {
						t.Errorf("a refused decision wrote to the store")
					}
					if got := membersOf(t, s); !mapsEqual(got, before) {
						t.Errorf("a refused decision changed the incidents: %v, was %v", got, before)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				changes, err := s.Changes(ctx, head, 100)
				if err != nil {
					t.Fatal(err)
				}
				if n := len(changes); n == 0 || changes[n-1].Action != w.action || changes[n-1].Actor != "ana" {
					t.Errorf("changes %+v, want the last to be %s by ana", changes, w.action)
				}
				for _, phase := range []string{"after the decision", "after a relink"} {
					if phase == "after a relink" {
						if err := s.SaveIncidents(ctx, relinked(claims), "linker"); err != nil {
							t.Fatal(err)
						}
					}
					if w.members != nil {
						if got := membersOf(t, s); !mapsEqual(got, w.members) {
							t.Errorf("%s: incidents %v, want %v", phase, got, w.members)
						}
					}
					for key, g := range w.grade {
						in, err := s.Incident(ctx, incs[key])
						if err != nil {
							t.Fatal(err)
						}
						if in.Grade != g {
							t.Errorf("%s: incident %s graded %s (%s), want %s", phase, key, in.Grade, in.GradeReason, g)
						}
					}
				}
			})
		})
	}
}

// TestDiscountAcrossSaves: a discount is kept by SaveIncident too, the
// grade it restores is the one the linker gave last, and SaveIncidents
// reports the discounted grade in the incidents it was given.
func TestDiscountAcrossSaves(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		s := db.open(t)
		ctx := context.Background()
		claims, incs := analystFixture(t, s)
		if err := s.DiscountIncident(ctx, incs["k1"], "staged", "ana"); err != nil {
			t.Fatal(err)
		}
		one := harmlog.Incident{ID: incs["k1"], Key: "k1", Grade: harmlog.GradeContested, GradeReason: "denied"}
		if err := s.SaveIncident(ctx, &one, "attacher"); err != nil {
			t.Fatal(err)
		}
		if one.Grade != harmlog.GradeDiscounted || one.GradeReason != "staged" {
			t.Errorf("SaveIncident gave back %s (%s), want discounted (staged)", one.Grade, one.GradeReason)
		}
		all := relinked(claims)
		if err := s.SaveIncidents(ctx, all, "linker"); err != nil {
			t.Fatal(err)
		}
		if all[0].Grade != harmlog.GradeDiscounted || all[1].Grade != harmlog.GradeWeak {
			t.Errorf("SaveIncidents gave back %s, %s; want discounted, weak", all[0].Grade, all[1].Grade)
		}
		if err := s.DiscountIncident(ctx, incs["k1"], "", "ana"); err != nil {
			t.Fatal(err)
		}
		in, err := s.Incident(ctx, incs["k1"])
		if err != nil {
			t.Fatal(err)
		}
		if in.Grade != harmlog.GradeFair || in.GradeReason != "2 sources" {
			t.Errorf("withdrawn: %s (%s), want the linker's last grade, fair (2 sources)", in.Grade, in.GradeReason)
		}
		ds, err := s.Discounts(ctx)
		if err != nil || len(ds) != 0 {
			t.Errorf("Discounts after the withdrawal: %v, %v", ds, err)
		}
	})
}

func mapsEqual(a, b map[string][]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
