package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/imports"
	"github.com/harmlog/harmlog/link"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
)

// relink links every claim of the store into incidents from scratch,
// keeping analysts' pinned links, and saves the result. It reads only the
// columns the linker needs (store.LinkClaims) and saves in bulk.
func (a *app) relink(ctx context.Context, s *store.Store, gz *gazetteer.Gazetteer) ([]harmlog.Incident, error) {
	claims, err := s.LinkClaims(ctx)
	if err != nil {
		return nil, err
	}
	pins, err := s.Pins(ctx)
	if err != nil {
		return nil, err
	}
	incs := link.Link(claims, a.linkOptions(gz, pins)).IncidentsBare()
	if err := s.SaveIncidents(ctx, incs, a.actor()); err != nil {
		return nil, err
	}
	return incs, nil
}

// linkOptions are the linker's options: places resolved by the gazetteer,
// analysts' pins kept.
func (a *app) linkOptions(gz *gazetteer.Gazetteer, pins []store.Pin) link.Options {
	opts := link.Options{Places: gazetteer.Refs{Gazetteer: gz}}
	for _, p := range pins {
		opts.Pins = append(opts.Pins, link.Pin{Claim: link.ClaimKey(harmlog.Claim{ID: p.ClaimID}), Incident: p.IncidentKey})
	}
	return opts
}

// attacher links newly ingested claims into the stored incidents without
// relinking (harmlog ingest).
func (a *app) attacher(s *store.Store, gz *gazetteer.Gazetteer) *link.StoreAttacher {
	return link.NewStoreAttacher(s, a.linkOptions(gz, nil))
}

func (a *app) linkCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "link",
		Short: "Group the store's claims into incidents (a full, deterministic relink)",
		Long: `link groups every claim of scope incident into incidents by date, place (other-side
toponyms included), weapon, figures and perpetrator, derives each incident's
ranges and grade, and saves them. Cumulative tolls are never merged into
incidents. Analysts' pinned links are kept; the same claims always give the same
incidents.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			gz, err := a.gazetteer(ctx, s)
			if err != nil {
				return err
			}
			incs, err := a.relink(ctx, s, gz)
			if err != nil {
				return err
			}
			printGradeCounts(a, incs)
			return nil
		},
	}
}

func printGradeCounts(a *app, incs []harmlog.Incident) {
	grades := map[string]int{}
	claims := 0
	for _, inc := range incs {
		grades[inc.Grade]++
		claims += len(inc.Members)
	}
	fmt.Fprintf(a.io.Out, "%d incidents from %d claims:", len(incs), claims)
	for _, g := range []string{harmlog.GradeConfirmed, harmlog.GradeFair, harmlog.GradeContested, harmlog.GradeWeak, harmlog.GradeDiscounted} {
		if grades[g] > 0 {
			fmt.Fprintf(a.io.Out, " %d %s", grades[g], g)
		}
	}
	fmt.Fprintln(a.io.Out)
}

func (a *app) importCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import structured claims and coded event data (ACLED, UCDP GED)",
	}
	var noLink bool
	claims := &cobra.Command{
		Use:   "claims FILE.jsonl",
		Short: "Import claims in the flat JSONL form, one claim a line, and link them",
		Long: `import claims reads one claim a line: date, place, place_alt, country_or_region,
killed_min, killed_max, injured_min, injured_max, victims, damage, weapon,
alleged_perpetrator, claimant, publisher, published, url, denied_by and an optional
ref (kept and shown with the claim). Other fields, such as incident_key, are
ignored: harmlog finds the incidents itself. The file is kept as evidence and each
claim points at its line. A malformed line is reported with its number and field
and does not stop the rest; importing the same file again adds nothing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			data, err := os.ReadFile(args[0])
			if err != nil {
				return &exitError{code: ExitFailed, err: err}
			}
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			return a.importClaims(cmd, s, args[0], data, !noLink)
		},
	}
	claims.Flags().BoolVar(&noLink, "no-link", false, "do not relink the store afterwards")
	cmd.AddCommand(claims)
	cmd.AddCommand(a.importACLEDCmd(), a.importUCDPCmd())
	return cmd
}

// importClaims imports one claims file, reports it, and relinks.
func (a *app) importClaims(cmd *cobra.Command, s *store.Store, name string, data []byte, relink bool) error {
	ctx := cmd.Context()
	gz, err := a.gazetteer(ctx, s)
	if err != nil {
		return err
	}
	res, err := imports.Claims(ctx, s, name, data, imports.Normalizer{Places: gz, Parties: party.Default()}, a.actor())
	if err != nil {
		return &exitError{code: ExitFailed, err: err}
	}
	for _, b := range res.Bad {
		fmt.Fprintf(a.io.Err, "failed  %v\n", b)
	}
	if res.Existed {
		fmt.Fprintf(a.io.Out, "exists  #%d  %s: imported before, nothing added\n", res.DocumentID, name)
	} else {
		fmt.Fprintf(a.io.Out, "stored  #%d  %s: %d claim(s) imported, %d line(s) failed\n", res.DocumentID, name, res.Claims, len(res.Bad))
	}
	if relink && !res.Existed {
		incs, err := a.relink(ctx, s, gz)
		if err != nil {
			return err
		}
		printGradeCounts(a, incs)
	}
	if len(res.Bad) > 0 {
		return failed(ExitFailed)
	}
	return nil
}
