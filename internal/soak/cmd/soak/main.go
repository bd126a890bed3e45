// Command soak runs harmlog's soak test: concurrent uploads, reviews and
// queries against `harmlog serve` while the server is killed and restarted,
// then verify and a check that every acknowledged upload and review is
// there. scripts/soak.sh runs it; `soak -h` lists the flags.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/harmlog/harmlog/internal/soak"
)

func main() {
	os.Exit(run())
}

func run() int {
	var cfg soak.Config
	var asJSON bool
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `usage: soak [flags]

soak builds harmlog (unless --bin is given), starts --servers "harmlog serve"
processes on --db, and for --duration runs --clients concurrent clients that
upload reports, review their claims and query incidents, tallies and
documents, while the first server is killed with SIGKILL --kills times at
random moments and restarted (or, with --no-restart and several servers,
left down while the others serve). Then it runs "harmlog verify" and checks
that every acknowledged upload and review is in the store, prints what the
run held, and exits 1 on any loss, verify problem, or request that failed
while its server was up.

Several servers need a PostgreSQL store (--db postgres://...). A store with
accounts needs --token (or HARMLOG_TOKEN): an API token, as printed by
"harmlog tokens create --user NAME".

`)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.DB, "db", "", "the store: a SQLite file or a postgres:// URL (default: a new SQLite file in a temporary folder)")
	fs.IntVar(&cfg.Servers, "servers", 1, "harmlog serve processes on the store (several need PostgreSQL)")
	fs.DurationVar(&cfg.Duration, "duration", 60*time.Second, "how long the clients run")
	fs.IntVar(&cfg.Clients, "clients", 8, "concurrent clients")
	fs.IntVar(&cfg.Kills, "kills", 3, "times the first server is killed with SIGKILL")
	fs.BoolVar(&cfg.NoRestart, "no-restart", false, "leave the killed server down (several servers only)")
	fs.StringVar(&cfg.Token, "token", os.Getenv("HARMLOG_TOKEN"), "API token sent as Authorization: Bearer (default $HARMLOG_TOKEN)")
	fs.Uint64Var(&cfg.Seed, "seed", uint64(time.Now().UnixNano()), "seed of the clients' choices and the kill times")
	bin := fs.String("bin", "", "the harmlog binary (default: build ./cmd/harmlog)")
	fs.StringVar(&cfg.Dir, "dir", "", "folder for the store and the servers' log (default: a new temporary folder)")
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "soak: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if cfg.Dir == "" {
		d, err := os.MkdirTemp("", "harmlog-soak-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "soak:", err)
			return 1
		}
		cfg.Dir = d
	} else if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		return 1
	}
	if cfg.DB == "" {
		cfg.DB = filepath.Join(cfg.Dir, "soak.db")
	}
	cfg.Bin = *bin
	if cfg.Bin == "" {
		b, err := soak.Build(ctx, cfg.Dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "soak:", err)
			return 1
		}
		cfg.Bin = b
	}
	cfg.Progress = os.Stderr
	fmt.Fprintf(os.Stderr, "soak: seed %d, servers' log %s\n", cfg.Seed, filepath.Join(cfg.Dir, "serve.log"))
	rep, err := soak.Run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	} else {
		rep.Write(os.Stdout)
	}
	if !rep.OK() {
		return 1
	}
	return 0
}
