package cli

import (
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net"
	"os"
	"path"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/demo"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/pipeline"
	"github.com/harmlog/harmlog/store"
)

func (a *app) demoCmd() *cobra.Command {
	var dir, addr string
	var noServe bool
	cmd := &cobra.Command{
		Use:   "demo [--dir DIR] [--addr 127.0.0.1:8080] [--no-serve]",
		Short: "Build a fresh store from the embedded demo data and show what harmlog made of it",
		Long: `demo creates a fresh embedded store (in a new temporary folder, or in DIR),
ingests harmlog's demo reports (short reports on the 2020 Nagorno-Karabakh war
written for harmlog, each citing its sources), extracts their claims, imports the
demo's cited claims, links everything into incidents, prints what it made, and
then serves the web app on that store until Ctrl-C (--no-serve to stop after
printing). It needs nothing but the binary.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if dir == "" {
				d, err := os.MkdirTemp("", "harmlog-demo-")
				if err != nil {
					return err
				}
				dir = d
			} else if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			dbPath := filepath.Join(dir, "harmlog.db")
			if _, err := os.Stat(dbPath); err == nil {
				return &exitError{code: ExitUsage, err: fmt.Errorf("%s already exists: the demo builds a fresh store; give another --dir", dbPath)}
			}
			a.db = dbPath
			fmt.Fprintf(a.io.Out, "harmlog demo: a fresh store at %s\n\n", dbPath)
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			ex, err := a.extractor(ctx, s)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.io.Out, "1. Ingest the demo reports (originals kept byte for byte, claims extracted):")
			sum := a.runIngest(ctx, s, ex, pipeline.Options{Actor: "demo"}, fsInputs(demo.Reports(), "demo/reports"), false)
			if sum.Failed > 0 {
				return failed(ExitFailed)
			}
			fmt.Fprintln(a.io.Out)
			if err := a.printClaims(cmd, s); err != nil {
				return err
			}
			fmt.Fprintln(a.io.Out, "\n3. Import the demo's structured claims (95 claims from both sides and independent organisations, each with its source URL) and link everything into incidents:")
			if err := a.importClaims(cmd, s, "demo/nk2020-claims.jsonl", demo.Claims(), true); err != nil {
				return err
			}
			incs, err := s.IncidentsWithClaims(ctx, store.IncidentFilter{})
			if err != nil {
				return err
			}
			fmt.Fprintln(a.io.Out, "\n4. The incidents, each source's figures reduced to a [low, high] range:")
			a.printIncidentTable(incs)
			fmt.Fprintf(a.io.Out, "\nTry:\n  harmlog --db %s incident show ID     why each claim belongs\n", dbPath)
			fmt.Fprintf(a.io.Out, "  harmlog --db %s tally --by party      totals with uncertainty\n", dbPath)
			fmt.Fprintf(a.io.Out, "  harmlog --db %s docs show 1            a stored report (verify re-hashes them all)\n", dbPath)
			if noServe {
				return nil
			}
			// Last, the web app on the demo data: the given address, else
			// 127.0.0.1:8080, else any free loopback port.
			ln, err := net.Listen("tcp", addr)
			if err != nil && !cmd.Flags().Changed("addr") {
				ln, err = net.Listen("tcp", "127.0.0.1:0")
			}
			if err != nil {
				return &exitError{code: ExitFailed, err: fmt.Errorf("demo: %w", err)}
			}
			h, logger, err := a.webHandler(ctx, s, ingest.DefaultMaxBytes, true, false)
			if err != nil {
				ln.Close()
				return err
			}
			fmt.Fprintf(a.io.Out, "\n5. The web app on this store: open http://%s/ in a browser.\n", ln.Addr())
			return a.serve(ctx, ln, h, logger)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "folder for the demo store (default: a new temporary folder)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "where to serve the web app (a free loopback port if this one is taken)")
	cmd.Flags().BoolVar(&noServe, "no-serve", false, "print what was made and stop, without serving the web app")
	return cmd
}

// printClaims prints every stored claim, one line each, as the demo's view
// of what extraction found.
func (a *app) printClaims(cmd *cobra.Command, s *store.Store) error {
	claims, err := s.Claims(cmd.Context(), store.ClaimFilter{})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.io.Out, "2. The claims extracted (%d), each with who makes it:\n", len(claims))
	tw := tabwriter.NewWriter(a.io.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DOC\tKILLED\tINJURED\tVICTIMS\tSCOPE\tDATE\tPLACES\tWEAPONS\tPERPETRATOR\tCLAIMANT")
	for _, c := range claims {
		date := ""
		if c.Date != nil {
			date = c.Date.From
			if c.Date.To != "" && c.Date.To != c.Date.From {
				date += "…" + c.Date.To
			}
		}
		var places, weapons string
		for i, p := range c.Places {
			if i > 0 {
				places += ", "
			}
			places += p.Name
		}
		for i, w := range c.Weapons {
			if i > 0 {
				weapons += ", "
			}
			weapons += w
		}
		perp := c.Perpetrator
		if c.Denied {
			perp += " (denial)"
		}
		fmt.Fprintf(tw, "#%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.DocumentID, c.Killed, c.Injured,
			orDash(c.Victims), orDash(c.Scope), orDash(date), orDash(clip(places, 30)), orDash(clip(weapons, 24)),
			orDash(perp), orDash(clip(c.Claimant, 40)))
	}
	return tw.Flush()
}

// fsInputs lists the files of fsys as ingest inputs named prefix/path.
func fsInputs(fsys fs.FS, prefix string) iter.Seq[ingest.Input] {
	return func(yield func(ingest.Input) bool) {
		_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			var size int64 = -1
			if fi, err := d.Info(); err == nil {
				size = fi.Size()
			}
			in := ingest.Input{
				Name: path.Join(prefix, p),
				Size: size,
				Open: func() (io.ReadCloser, error) { return fsys.Open(p) },
			}
			if !yield(in) {
				return fs.SkipAll
			}
			return nil
		})
	}
}
