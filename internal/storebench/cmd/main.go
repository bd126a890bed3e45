// Command storebench prints the store-backed figures of issue #4 on
// SQLite and PostgreSQL: it loads N synthetic claims into a store, relinks
// them from the store and saves the incidents (the path of `harmlog
// link`), runs every tally case (`harmlog tally`), and attaches held-back
// claims one by one (`harmlog ingest`). Each phase can run in a process of
// its own, so that its peak memory is its own:
//
//	storebench -db /tmp/bench.db -phase load -n 1000000
//	/usr/bin/time -v storebench -db /tmp/bench.db -phase relink
//	storebench -db /tmp/bench.db -phase tally
//	storebench -db /tmp/bench.db -phase attach
//
// -cpuprofile FILE writes a CPU profile of the phase for go tool pprof;
// -tally claimant runs only the tally cases whose name has "claimant".
// -db is a SQLite file or a postgres:// URL (give it a search_path of a
// schema of its own). -phase all runs every phase in one process. Times
// are wall clock and this process's CPU (on PostgreSQL the server's CPU is
// not counted).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/storebench"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/tally"
)

func main() {
	n := flag.Int("n", 1_000_000, "synthetic claims (load, attach)")
	attach := flag.Int("attach", 200, "claims held back at load and attached one by one")
	db := flag.String("db", "", "SQLite file or postgres:// URL")
	phase := flag.String("phase", "all", "load, relink, tally, attach or all")
	seed := flag.Uint64("seed", 42, "seed of the synthetic data")
	only := flag.String("tally", "", "run only the tally cases whose name contains this (\"claimant\", \"country=\")")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	flag.Parse()
	if *db == "" {
		fmt.Fprintln(os.Stderr, "storebench: -db FILE|URL is required")
		os.Exit(2)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "storebench: -cpuprofile:", err)
			os.Exit(1)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	if err := run(context.Background(), *db, *phase, *n, *attach, *seed, *only); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "storebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, db, phase string, n, attach int, seed uint64, only string) error {
	s, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Printf("storebench: %s, phase %s\n", s.Dialect(), phase)
	all := phase == "all"
	switch {
	case all || phase == "load":
		if err := load(ctx, s, n, attach, seed); err != nil {
			return err
		}
		if !all {
			return nil
		}
		fallthrough
	case phase == "relink":
		if err := relink(ctx, s); err != nil {
			return err
		}
		if !all {
			return nil
		}
		fallthrough
	case phase == "tally":
		if err := tallies(ctx, s, only); err != nil {
			return err
		}
		if !all {
			return nil
		}
		fallthrough
	case phase == "attach":
		return attachHeld(ctx, s, n, attach, seed)
	}
	return fmt.Errorf("-phase %q: want load, relink, tally, attach or all", phase)
}

func load(ctx context.Context, s *store.Store, n, attach int, seed uint64) error {
	t0, c0 := time.Now(), cpuTime()
	claims, _ := storebench.Split(storebench.Claims(n, seed), attach)
	fmt.Printf("generate  %7.2f s wall %7.2f s CPU  %d claims (seed %d), %d held back to attach\n",
		time.Since(t0).Seconds(), (cpuTime() - c0).Seconds(), len(claims), seed, attach)
	t0, c0 = time.Now(), cpuTime()
	if err := storebench.Load(ctx, s, claims); err != nil {
		return err
	}
	fmt.Printf("load      %7.2f s wall %7.2f s CPU  (bulk insert, one transaction)\n", time.Since(t0).Seconds(), (cpuTime() - c0).Seconds())
	return nil
}

func relink(ctx context.Context, s *store.Store) error {
	t0, c0 := time.Now(), cpuTime()
	rt, err := storebench.Relink(ctx, s)
	if err != nil {
		return err
	}
	fmt.Printf("relink    %7.2f s wall %7.2f s CPU  = read %.2f + link %.2f + save %.2f s wall; %d claims → %d incidents; peak RSS %.2f GB\n",
		time.Since(t0).Seconds(), (cpuTime() - c0).Seconds(), rt.Read.Seconds(), rt.Link.Seconds(), rt.Save.Seconds(),
		rt.Claims, rt.Incidents, float64(maxRSS())/1e9)
	return nil
}

func tallies(ctx context.Context, s *store.Store, only string) error {
	for _, o := range storebench.TallyCases {
		if !strings.Contains(storebench.Name(o), only) {
			continue
		}
		best, bestCPU := time.Duration(1<<62), time.Duration(1<<62)
		var res tally.Result
		for range 3 {
			t0, c0 := time.Now(), cpuTime()
			var err error
			if res, err = tally.FromStore(ctx, s, o); err != nil {
				return err
			}
			best, bestCPU = min(best, time.Since(t0)), min(bestCPU, cpuTime()-c0)
		}
		fmt.Printf("tally     %7.3f s wall %7.3f s CPU  by %-44s %6d incidents, %5d groups (best of 3)\n",
			best.Seconds(), bestCPU.Seconds(), storebench.Name(o), res.Total.Incidents, len(res.Groups))
	}
	return nil
}

func attachHeld(ctx context.Context, s *store.Store, n, attach int, seed uint64) error {
	var held []harmlog.Claim
	_, held = storebench.Split(storebench.Claims(n, seed), attach)
	at, err := storebench.Attach(ctx, s, held)
	if err != nil {
		return err
	}
	fmt.Printf("attach    mean %.2f ms, median %.2f ms, p99 %.2f ms, max %.2f ms wall, %.2f ms CPU on average, over %d claims (%d joined an incident, %d started one)\n",
		ms(at.Mean), ms(at.P50), ms(at.P99), ms(at.Max), ms(at.CPU), at.N, at.Joined, at.Started)
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// maxRSS is the process's peak resident set, in bytes.
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
