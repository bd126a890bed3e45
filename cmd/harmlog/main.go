// Command harmlog documents civilian harm in armed conflict: it ingests
// reports, extracts sourced claims, links them into incidents, and tallies,
// audits and shows them. Run `harmlog --help` for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/internal/cli"
)

func main() {
	ingest.RunPDFWorkerIfRequested()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.StdIO())
	stop()
	os.Exit(code)
}
