package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/dataset"
	"github.com/harmlog/harmlog/imports"
	"github.com/harmlog/harmlog/party"
)

// importDatasetCmd is `import acled` or `import ucdp`.
func (a *app) importDatasetCmd(use, short, long string, accept ...dataset.Format) *cobra.Command {
	var noLink, noExtract, quiet bool
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long: long + `

Each row becomes a document: the file's header line and the row's record, byte for
byte, so that importing the same file again adds nothing ("already present"). Its
text is the row's notes or headlines and its publisher the data set. The coded
values become one imported claim (date, place with the coded coordinates, killed,
the row's source as claimant, the perpetrator where the coding names one), and the
extractor's claims from the text sit beside it (unless --no-extract); both are
linked into incidents afterwards (unless --no-link). The file is read as a stream.
A malformed row is reported with its line and reason and does not stop the rest;
the exit status is then 1.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			f, err := os.Open(args[0])
			if err != nil {
				return &exitError{code: ExitFailed, err: err}
			}
			defer f.Close()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			gz, err := a.gazetteer(ctx, s)
			if err != nil {
				return err
			}
			opt := imports.DatasetOptions{
				Accept: accept,
				Norm:   imports.Normalizer{Places: gz, Parties: party.Default()},
				Actor:  a.actor(),
			}
			if !noExtract {
				ex, err := a.extractor(ctx, s)
				if err != nil {
					return err
				}
				opt.Extractor = ex
			}
			res, err := imports.Dataset(ctx, s, args[0], f, opt, func(o imports.RowOutcome) {
				switch {
				case o.Err != nil:
					fmt.Fprintf(a.io.Err, "failed  %v\n", o.Err)
				case quiet:
				case o.Existed:
					fmt.Fprintf(a.io.Out, "exists  #%d  line %d  %s: already present\n", o.DocumentID, o.Line, o.EventID)
				default:
					fmt.Fprintf(a.io.Out, "stored  #%d  line %d  %s: %d claim(s)\n", o.DocumentID, o.Line, o.EventID, o.Claims)
				}
			})
			fmt.Fprintf(a.io.Out, "%s rows: imported %d (%d claims), already present %d, failed %d\n",
				res.Format, res.Stored, res.Claims, res.Existing, res.Failed)
			if err != nil {
				return &exitError{code: ExitFailed, err: err}
			}
			if !noLink && res.Stored > 0 {
				incs, err := a.relink(ctx, s, gz)
				if err != nil {
					return err
				}
				printGradeCounts(a, incs)
			}
			if res.Failed > 0 {
				return failed(ExitFailed)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&noLink, "no-link", false, "do not relink the store afterwards")
	fl.BoolVar(&noExtract, "no-extract", false, "store the coded claims only, without extracting claims from the text")
	fl.BoolVarP(&quiet, "quiet", "q", false, "print only failures and the summary")
	return cmd
}

func (a *app) importACLEDCmd() *cobra.Command {
	return a.importDatasetCmd("acled FILE.csv",
		"Import ACLED events (either column set), one document and coded claim per row, and link them",
		`import acled reads an ACLED CSV export, in the current lower-case column set
(event_id_cnty, event_date, actor1, ..., notes, fatalities) or the older upper-case
one (EVENT_ID_CNTY, EVENT_DATE, ..., NOTES, FATALITIES).`,
		dataset.ACLED, dataset.ACLEDUpper)
}

func (a *app) importUCDPCmd() *cobra.Command {
	return a.importDatasetCmd("ucdp FILE.csv",
		"Import UCDP GED events, one document and coded claim per row, and link them",
		`import ucdp reads a UCDP Georeferenced Event Dataset CSV (its HXL tag row, when
present, is skipped). Killed is the range of the low, best and high estimates.`,
		dataset.UCDP)
}
