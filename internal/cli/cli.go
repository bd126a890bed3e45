// Package cli is harmlog's command line: one file per subcommand, each
// wiring the domain packages (ingest, extract, gazetteer, link, tally, store)
// together. It holds no logic of its own beyond parsing flags, opening the
// store and printing results.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/store"
)

// Version is harmlog's release; the VCS revision is appended when known.
const Version = "0.1.0-dev"

// Exit statuses.
const (
	ExitOK      = 0 // everything worked
	ExitFailed  = 1 // the command ran but something failed (a file, a check)
	ExitUsage   = 2 // bad flags or arguments
	ExitProblem = 3 // the store could not be opened or written
)

// IO is what a command reads and writes; tests pass buffers.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	// IsTerminal reports whether Err is a terminal (progress bars).
	IsTerminal bool
}

// StdIO is the process's own standard streams and environment.
func StdIO() IO {
	return IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv,
		IsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// exitError carries an exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// failed returns an error that makes Main exit with code without printing
// anything more (the command has said what went wrong).
func failed(code int) error { return &exitError{code: code} }

// app is the state shared by the subcommands of one invocation.
type app struct {
	io  IO
	db  string
	ctx context.Context
	// gz is the gazetteer once loaded: one invocation opens one store, and
	// a command that ingests, links and serves needs it three times.
	gz *gazetteer.Gazetteer
}

// Main runs harmlog with args and returns the exit status.
func Main(ctx context.Context, args []string, stdio IO) int {
	if stdio.Getenv == nil {
		stdio.Getenv = func(string) string { return "" }
	}
	a := &app{io: stdio, ctx: ctx}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stdio.Err, "harmlog:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stdio.Err, "harmlog:", err)
	if isUsage(err) {
		return ExitUsage
	}
	return ExitFailed
}

func isUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires ", "invalid argument", "flag needs an argument", "required flag", "usage:"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func version() string {
	v := Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "harmlog",
		Short: "Document civilian harm in armed conflict: sourced claims, incidents, tallies and audits",
		Long: `harmlog turns reports (news wires, NGO appeals, official statements) into a sourced,
checkable record of civilian harm: the original bytes are kept as evidence, claims
are extracted with who makes them, linked into incidents, tallied and audited.
It records claims with their attribution, never verdicts.

The store is embedded SQLite by default (./harmlog.db); --db or HARMLOG_DB takes
another file or a postgres:// URL.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.db, "db", "", "store: a SQLite file path or a postgres:// URL (default $HARMLOG_DB, else ./harmlog.db)")
	root.AddCommand(
		a.migrateCmd(),
		a.ingestCmd(),
		a.docsCmd(),
		a.verifyCmd(),
		a.backupCmd(),
		a.demoCmd(),
		a.extractCmd(),
		a.evalCmd(),
		a.placesCmd(),
		a.importCmd(),
		a.linkCmd(),
		a.incidentsCmd(),
		a.incidentCmd(),
		a.tallyCmd(),
		a.infographicCmd(),
		a.reportCmd(),
		a.auditCmd(),
		a.exportCmd(),
		a.serveCmd(),
		a.usersCmd(),
		a.tokensCmd(),
	)
	return root
}

// actor is who the change log records for changes made from this shell.
func (a *app) actor() string {
	if u := a.io.Getenv("HARMLOG_USER"); u != "" {
		return u
	}
	if u := a.io.Getenv("USER"); u != "" {
		return "cli:" + u
	}
	return "cli"
}

// dsn is the store the user chose.
func (a *app) dsn() string {
	if a.db != "" {
		return a.db
	}
	if v := a.io.Getenv("HARMLOG_DB"); v != "" {
		return v
	}
	return "harmlog.db"
}

// open opens (and migrates) the chosen store.
func (a *app) open(ctx context.Context) (*store.Store, error) {
	s, err := store.Open(ctx, a.dsn())
	if err != nil {
		return nil, &exitError{code: ExitProblem, err: fmt.Errorf("open store %s: %w", redact(a.dsn()), err)}
	}
	return s, nil
}

// redact hides a password in a URL before it is printed.
func redact(dsn string) string {
	i := strings.Index(dsn, "://")
	at := strings.LastIndex(dsn, "@")
	if i < 0 || at < i {
		return dsn
	}
	cred := dsn[i+3 : at]
	if c := strings.Index(cred, ":"); c >= 0 {
		return dsn[:i+3] + cred[:c] + ":***" + dsn[at:]
	}
	return dsn
}
