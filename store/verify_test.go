package store

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/harmlog/harmlog"
)

// populate writes a little of everything through the store.
func populate(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	a := addSample(t, s, "alpha", sampleClaims())
	addSample(t, s, "beta\x00\xff", []harmlog.Claim{{Killed: harmlog.Exact(2), Claimant: "ICRC"}})
	if _, err := s.UpsertSource(ctx, harmlog.Source{Name: "ICRC", Kind: harmlog.KindIntl}, "analyst"); err != nil {
		t.Fatal(err)
	}
	cs, err := s.Claims(ctx, ClaimFilter{DocumentID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveIncidents(ctx, []harmlog.Incident{{Key: "k1", Members: []harmlog.Link{{ClaimID: cs[0].ID}}}}, "linker"); err != nil {
		t.Fatal(err)
	}
	cs[1].Status = harmlog.StatusConfirmed
	if err := s.UpdateClaim(ctx, &cs[1], "analyst", "claim.confirm"); err != nil {
		t.Fatal(err)
	}
}

func TestChangeChain(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		populate(t, s)
		all, err := s.Changes(ctx, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		prev := genesis
		for i, c := range all {
			actions = append(actions, c.Action)
			if c.ID != int64(i+1) || c.PrevHash != prev || c.Hash != chainHash(&c) || c.At.IsZero() {
				t.Errorf("change %d: id %d prev %.8s (want %.8s) hash ok %v", i, c.ID, c.PrevHash, prev, c.Hash == chainHash(&c))
			}
			prev = c.Hash
		}
		want := "document.ingest,document.ingest,source.upsert,incidents.save,claim.confirm"
		if strings.Join(actions, ",") != want {
			t.Errorf("actions = %v, want %s", actions, want)
		}
		page, err := s.Changes(ctx, 2, 2)
		if err != nil || len(page) != 2 || page[0].ID != 3 {
			t.Errorf("Changes(2, 2) = %v, %v", page, err)
		}
		// The log refuses updates and deletes through SQL, too.
		for _, q := range []string{"UPDATE changes SET actor = 'x' WHERE id = 1", "DELETE FROM changes WHERE id = 5"} {
			if _, err := s.db.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v, want the append-only guard", q, err)
			}
		}
	})
}

func TestVerify(t *testing.T) {
	tests := []struct {
		name   string
		tamper []string
		want   []string // substrings of Problem.String(), in order
	}{
		{"clean", nil, nil},
		{"original bytes changed", []string{"UPDATE documents SET original = original || 'x' WHERE id = 2"},
			[]string{"document 2: original hashes to", "document 2: original is 7 bytes, stored size is 6"}},
		{"sha256 changed", []string{"UPDATE documents SET sha256 = '" + strings.Repeat("ab", 32) + "' WHERE id = 1"},
			[]string{"document 1: original hashes to"}},
		{"change row altered", []string{"UPDATE changes SET actor = 'mallory' WHERE id = 3"},
			[]string{"change 3: content hashes to"}},
		{"change row deleted", []string{"DELETE FROM changes WHERE id = 2"},
			[]string{"change 3: follows change 1", "change 3: prev_hash"}},
		{"document deleted under its claims", []string{"DELETE FROM documents WHERE id = 2"},
			[]string{"claim 4: points at document 2"}},
		{"linked claim deleted", []string{"DELETE FROM claim_places WHERE claim_id = 1", "DELETE FROM claims WHERE id = 1"},
			[]string{"link 1: links a claim that does not exist to incident 1"}},
	}
	forEachDB(t, func(t *testing.T, db testDB) {
		for _, tt := range tests {
			t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
				ctx := context.Background()
				db := db
				if tt.tamper != nil { // a fresh database per tampering
					db = backendFor(t, db.dialect)
				}
				s := db.open(t)
				populate(t, s)
				db.tamper(t, tt.tamper...)
				problems, err := s.Verify(ctx)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, p := range problems {
					got = append(got, p.String())
				}
				if len(got) != len(tt.want) {
					t.Fatalf("Verify found %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
				}
				for i := range got {
					if !strings.Contains(got[i], tt.want[i]) {
						t.Errorf("problem %d = %q, want it to say %q", i, got[i], tt.want[i])
					}
				}
			})
		}
	})
}

// backendFor makes another fresh database of the dialect.
func backendFor(t *testing.T, d Dialect) testDB {
	for _, b := range backends() {
		if b.name == string(d) {
			return b.fresh(t)
		}
	}
	t.Fatalf("no backend %s", d)
	return testDB{}
}

// TestConcurrentWriters opens two stores on one database, as two processes
// would, and ingests from both at once: every document must land and the
// change log must stay one chain.
func TestConcurrentWriters(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		const perWriter = 150
		stores := make([]*Store, 2)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for w := range stores {
			wg.Add(1)
			go func() { // open concurrently too: both migrate the same new database
				defer wg.Done()
				stores[w], errs[w] = Open(ctx, db.dsn)
			}()
		}
		wg.Wait()
		for w, err := range errs {
			if err != nil {
				t.Fatalf("Open #%d: %v", w, err)
			}
			t.Cleanup(func() { stores[w].Close() })
		}
		for w, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range perWriter {
					doc := &harmlog.Document{Original: fmt.Appendf(nil, "writer %d doc %d", w, i), Publisher: fmt.Sprintf("Publisher %d", i%7)}
					claims := []harmlog.Claim{{Killed: harmlog.Exact(i), Claimant: fmt.Sprintf("Claimant %d", i%5)}}
					if _, _, err := s.AddDocument(ctx, doc, claims, fmt.Sprintf("writer%d", w)); err != nil {
						errs[w] = fmt.Errorf("writer %d doc %d: %w", w, i, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		docs, err := stores[0].Documents(ctx, DocumentFilter{Limit: 10 * perWriter})
		if err != nil || len(docs) != 2*perWriter {
			t.Fatalf("Documents = %d, %v; want %d", len(docs), err, 2*perWriter)
		}
		problems, err := stores[1].Verify(ctx)
		if err != nil || len(problems) != 0 {
			t.Errorf("Verify after concurrent writes = %v, %v", problems, err)
		}
	})
}

func TestBackup(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		populate(t, s)
		path := filepath.Join(t.TempDir(), "backup.db")
		err := s.Backup(ctx, path)
		if db.dialect == Postgres {
			if !errors.Is(err, EINVALID) || !strings.Contains(err.Error(), "pg_dump") {
				t.Errorf("Backup on PostgreSQL = %v, want EINVALID pointing at pg_dump", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Backup(ctx, path); !errors.Is(err, ECONFLICT) {
			t.Errorf("Backup over an existing file = %v, want ECONFLICT", err)
		}
		b, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("opening the backup: %v", err)
		}
		defer b.Close()
		for _, st := range []*Store{s, b} {
			if ps, err := st.Verify(ctx); err != nil || len(ps) != 0 {
				t.Errorf("Verify = %v, %v", ps, err)
			}
		}
		want, _ := s.Documents(ctx, DocumentFilter{})
		got, _ := b.Documents(ctx, DocumentFilter{})
		if len(got) != len(want) || len(want) == 0 {
			t.Fatalf("backup has %d documents, store %d", len(got), len(want))
		}
		for i := range want {
			w, _ := s.Document(ctx, want[i].ID, true)
			g, err := b.Document(ctx, want[i].ID, true)
			if err != nil || g.SHA256 != w.SHA256 || string(g.Original) != string(w.Original) || g.Text != w.Text {
				t.Errorf("backup document %d differs: %v", want[i].ID, err)
			}
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Logf("backup left a -wal file (opened in WAL mode)")
		}
	})
}

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestVerifyReport checks the report Verify gives people on a store tampered
// with in several ways at once against testdata/verify_report.golden; both
// dialects must give the same report (refresh with -update).
func TestVerifyReport(t *testing.T) {
	const golden = "testdata/verify_report.golden"
	forEachDB(t, func(t *testing.T, db testDB) {
		s := db.open(t, WithClock(fixedClock()))
		populate(t, s)
		db.tamper(t,
			"UPDATE documents SET original = original || 'x' WHERE id = 1",
			"UPDATE changes SET after_json = '{}' WHERE id = 3",
			"DELETE FROM changes WHERE id = 4",
			"DELETE FROM claim_places WHERE claim_id = 1",
			"DELETE FROM claims WHERE id = 1",
		)
		problems, err := s.Verify(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, p := range problems {
			fmt.Fprintln(&b, p)
		}
		if *update && db.dialect == SQLite {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if b.String() != string(want) {
			t.Errorf("Verify report differs from %s:\n--- got\n%s--- want\n%s", golden, b.String(), want)
		}
	})
}
