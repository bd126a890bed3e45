// Command fill creates a store of synthetic incidents for the web load
// bench: go run ./internal/webbench/fill -db FILE|URL -incidents 100000.
// It refuses a store that already holds changes, so that a bench always
// runs on the same contents; with -keep it leaves such a store as it is
// (a store filled by an earlier run) and succeeds.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/harmlog/harmlog/internal/webbench"
	"github.com/harmlog/harmlog/store"
)

func main() {
	db := flag.String("db", "", "store to create: a SQLite file path or a postgres:// URL (must be empty)")
	n := flag.Int("incidents", 100000, "synthetic incidents to generate")
	seed := flag.Uint64("seed", 1, "generator seed")
	keep := flag.Bool("keep", false, "leave a store that is not empty as it is, and succeed")
	flag.Parse()
	if err := run(*db, *n, *seed, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "fill:", err)
		os.Exit(1)
	}
}

func run(db string, n int, seed uint64, keep bool) error {
	if db == "" {
		return fmt.Errorf("-db: give a SQLite file path or a postgres:// URL")
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	if g, err := s.Generation(ctx); err != nil {
		return err
	} else if g != 0 && keep {
		fmt.Printf("%s holds %d changes already: kept as it is\n", db, g)
		return nil
	} else if g != 0 {
		return fmt.Errorf("%s already holds %d changes: give a new, empty store", db, g)
	}
	start := time.Now()
	last := start
	st, err := webbench.Fill(ctx, s, webbench.Config{Seed: seed, Incidents: n, Progress: func(done, total int) {
		if time.Since(last) > 5*time.Second || done == total {
			last = time.Now()
			fmt.Fprintf(os.Stderr, "fill: %d of %d claims stored (%.0fs)\n", done, total, time.Since(start).Seconds())
		}
	}})
	if err != nil {
		return err
	}
	fmt.Printf("%d documents, %d claims, %d incidents %v in %.1fs\n", st.Documents, st.Claims, st.Incidents, st.Grades, time.Since(start).Seconds())
	return nil
}
