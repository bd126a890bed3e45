package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/audit"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
)

func (a *app) auditCmd() *cobra.Command {
	var opt audit.Options
	var grades, countries string
	var asJSON, asHTML bool
	cmd := &cobra.Command{
		Use:   "audit FILE [--from D] [--to D] [--country C] [--grade G,...] [--json|--html]",
		Short: "What a statement mentions of the recorded harm, party by party, and what it leaves out",
		Long: `audit reads a statement, article or report (any format ingest takes; - for standard
input), extracts its claims as usual and sets the places they name beside the
incidents recorded in the store: for each alleged perpetrator party, the incidents
recorded in the statement's scope, those it mentions (same gazetteer place or
within 3 km, other-side toponyms included; date within a day; weapons compared),
those it omits (largest first, with their best-sourced claims and URLs), killed
and injured [low, high], and each party's share of the statement's mentions beside
its share of the recorded incidents and casualties (the formula is printed and
explained in the README).

The scope is the period and region the text covers (the dates it mentions, up to
its publication; the countries of the places it names), or --from/--to/--country.
--grade chooses the incidents counted, as in tally; by default confirmed, fair and
contested (single-source weak incidents only when asked). Nothing is stored.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON && asHTML {
				return &exitError{code: ExitUsage, err: fmt.Errorf("--json and --html: choose one")}
			}
			opt.Grades = splitList(grades)
			opt.Countries = splitList(countries)
			ctx := cmd.Context()
			var p *ingest.Parsed
			err := fmt.Errorf("%s: nothing to read", args[0])
			for in := range ingest.Collect(ctx, args[:1], a.io.In) {
				var data []byte
				if data, err = in.Read(ctx, 0); err == nil {
					p, err = ingest.ParseContext(ctx, in.Name, data, ingest.Options{})
				}
				break
			}
			if err != nil {
				return &exitError{code: ExitFailed, err: err}
			}
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			gz, err := a.gazetteer(ctx, s)
			if err != nil {
				return err
			}
			ex, err := a.extractor(ctx, s)
			if err != nil {
				return err
			}
			incs, err := s.IncidentsWithClaims(ctx, store.IncidentFilter{})
			if err != nil {
				return err
			}
			st := audit.Statement{
				Name: args[0], Title: p.Title, Publisher: p.Publisher, Published: p.Published, URL: p.URL, Text: p.Text,
			}
			rep, err := audit.Audit(st, incs, audit.Config{Extractor: ex, Places: gazetteer.Refs{Gazetteer: gz}, Parties: party.Default()}, opt)
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			switch {
			case asJSON:
				return audit.WriteJSON(a.io.Out, rep)
			case asHTML:
				return audit.WriteHTML(a.io.Out, rep)
			}
			return audit.WriteText(a.io.Out, rep)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.From, "from", "", "first date of the scope, YYYY-MM-DD (default: from the text)")
	f.StringVar(&opt.To, "to", "", "last date of the scope, YYYY-MM-DD (default: from the text, at most its publication date)")
	f.StringVar(&countries, "country", "", "ISO country code(s), comma-separated, incidents must lie in (default: the countries of the places the statement names)")
	f.StringVar(&grades, "grade", "", "grades counted, comma-separated (default: confirmed,fair,contested)")
	f.BoolVar(&asJSON, "json", false, "print JSON (a top-level parties list beside the scope and the measure)")
	f.BoolVar(&asHTML, "html", false, "print a self-contained HTML report")
	return cmd
}
