package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/tally"
)

func (a *app) incidentsCmd() *cobra.Command {
	var f store.IncidentFilter
	var grades string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "incidents [--from D] [--to D] [--country CC] [--grade G,...] [--json]",
		Short: "List incidents with their ranges, grade, places and member claims",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.Grades = splitList(grades)
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			incs, err := s.IncidentsWithClaims(ctx, f)
			if err != nil {
				return err
			}
			if asJSON {
				if incs == nil {
					incs = []harmlog.Incident{}
				}
				return writeJSON(a.io.Out, incs)
			}
			return a.printIncidentTable(incs)
		},
	}
	cmd.Flags().StringVar(&f.From, "from", "", "first date, YYYY-MM-DD")
	cmd.Flags().StringVar(&f.To, "to", "", "last date, YYYY-MM-DD")
	cmd.Flags().StringVar(&f.Country, "country", "", "ISO country code")
	cmd.Flags().StringVar(&grades, "grade", "", "grades to list, comma-separated (confirmed,fair,weak,contested,discounted)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with every member claim")
	return cmd
}

// printIncidentTable writes one line per incident.
func (a *app) printIncidentTable(incs []harmlog.Incident) error {
	tw := tabwriter.NewWriter(a.io.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tPLACES\tKILLED\tINJURED\tPERPETRATOR(S)\tGRADE\tSOURCES\tCLAIMS")
	for _, inc := range incs {
		grade := inc.Grade
		if inc.Contested && grade != harmlog.GradeContested {
			grade += " (contested)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", inc.ID, dateSpan(inc.DateFrom, inc.DateTo),
			clip(placeNames(inc.Places), 34), inc.Killed, inc.Injured, orDash(strings.Join(inc.Perpetrators, " / ")),
			grade, inc.Sources, len(inc.Members))
	}
	return tw.Flush()
}

func (a *app) incidentCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "incident",
		Short: "Show one incident; pin or detach its claims",
	}
	var asJSON bool
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show an incident: every source's claim side by side, and why each belongs",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("incident", args[0])
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			inc, err := s.Incident(ctx, id)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.io.Out, inc)
			}
			printIncident(a.io.Out, inc)
			return nil
		},
	}
	show.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	pin := &cobra.Command{
		Use:   "pin CLAIM-ID INCIDENT-ID",
		Short: "Put a claim in an incident for good: no relink moves it",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			cid, err := parseID("claim", args[0])
			if err != nil {
				return err
			}
			iid, err := parseID("incident", args[1])
			if err != nil {
				return err
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.PinClaim(cmd.Context(), cid, iid, a.actor()); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "claim %d pinned to incident %d\n", cid, iid)
			return nil
		},
	}
	detach := &cobra.Command{
		Use:   "detach CLAIM-ID",
		Short: "Take a claim out of its incident (the next relink may link it again unless pinned elsewhere)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cid, err := parseID("claim", args[0])
			if err != nil {
				return err
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.DetachClaim(cmd.Context(), cid, a.actor()); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "claim %d detached\n", cid)
			return nil
		},
	}
	cmd.AddCommand(show, pin, detach, a.mergeCmd(), a.splitCmd())
	return cmd
}

// printIncident writes an incident for people: what is derived, then each
// source's claim with why it belongs.
func printIncident(w io.Writer, inc *harmlog.Incident) {
	fmt.Fprintf(w, "incident %d  %s  %s\n", inc.ID, dateSpan(inc.DateFrom, inc.DateTo), placeNames(inc.Places))
	fmt.Fprintf(w, "  killed %s, injured %s (low = lowest figure any current claim gives, high = highest)\n", inc.Killed, inc.Injured)
	fmt.Fprintf(w, "  grade %s", inc.Grade)
	if inc.GradeReason != "" {
		fmt.Fprintf(w, ": %s", inc.GradeReason)
	}
	fmt.Fprintf(w, "\n  %d independent source(s); corroborated across parties: %v; contested: %v\n", inc.Sources, inc.CrossParty, inc.Contested)
	if len(inc.Perpetrators) > 0 {
		fmt.Fprintf(w, "  alleged perpetrator(s): %s\n", strings.Join(inc.Perpetrators, ", "))
	}
	for _, d := range inc.Denials {
		fmt.Fprintf(w, "  denied by: %s\n", d)
	}
	if len(inc.Weapons) > 0 {
		fmt.Fprintf(w, "  weapons: %s\n", strings.Join(inc.Weapons, ", "))
	}
	fmt.Fprintf(w, "\n%d claim(s):\n", len(inc.Members))
	for _, m := range inc.Members {
		c := m.Claim
		if c == nil {
			fmt.Fprintf(w, "- claim %d (missing)\n", m.ClaimID)
			continue
		}
		fmt.Fprintf(w, "- claim %d: %s\n", c.ID, summary(*c))
		fmt.Fprintf(w, "    published by %s on %s%s\n", orDash(c.Publisher), orDash(c.Published), refOf(c))
		if c.URL != "" {
			fmt.Fprintf(w, "    %s\n", c.URL)
		}
		why := m.Evidence
		if m.Pinned {
			why = "pinned by an analyst"
		}
		fmt.Fprintf(w, "    why it belongs (score %.2f): %s\n", m.Score, orDash(why))
	}
}

func refOf(c *harmlog.Claim) string {
	if c.Ref == "" {
		return ""
	}
	return "  [ref " + c.Ref + "]"
}

func (a *app) tallyCmd() *cobra.Command {
	var opt tally.Options
	var grades string
	var asJSON, asCSV bool
	cmd := &cobra.Command{
		Use:   "tally --by party|place|day|week|weapon|claimant [--from D] [--to D] [--country C] [--victims civilian] [--grade G,...] [--json|--csv]",
		Short: "Totals of incidents and killed/injured [low, high] per group, and cumulative tolls reconciled",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opt.Grades = splitList(grades)
			if err := opt.Validate(); err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := tally.FromStore(ctx, s, opt)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				return tally.WriteJSON(a.io.Out, res)
			case asCSV:
				return tally.WriteCSV(a.io.Out, res)
			}
			return tally.WriteText(a.io.Out, res)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.By, "by", "party", "group by party, place, day, week, weapon or claimant")
	f.StringVar(&opt.From, "from", "", "first date, YYYY-MM-DD")
	f.StringVar(&opt.To, "to", "", "last date, YYYY-MM-DD")
	f.StringVar(&opt.Country, "country", "", "ISO country code or region an incident's places must name")
	f.StringVar(&opt.Victims, "victims", "", "victim category (civilian, military, mixed, unknown)")
	f.StringVar(&grades, "grade", "", "grades to count, comma-separated (default: all)")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	f.BoolVar(&asCSV, "csv", false, "print CSV (columns documented in the README)")
	return cmd
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseID(what, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, &exitError{code: ExitUsage, err: fmt.Errorf("%q is not a %s id (a positive whole number)", s, what)}
	}
	return id, nil
}

func dateSpan(from, to string) string {
	if from == "" && to == "" {
		return "date unknown"
	}
	if to == "" || to == from {
		return from
	}
	return orDash(from) + "…" + to
}

func placeNames(ps []harmlog.PlaceRef) string {
	var names []string
	for _, p := range ps {
		n := p.Name
		if p.Alt != "" {
			n += " / " + p.Alt
		}
		names = append(names, n)
	}
	return orDash(strings.Join(names, "; "))
}

// mergeCmd and splitCmd record analysts' decisions as pins (which every
// relink keeps; store.MergeIncidents, store.SplitIncident, shared with the
// web app), then relink so that the incidents' figures and grades are
// derived again.
func (a *app) mergeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merge INTO-ID FROM-ID...",
		Short: "Merge incidents into one: their claims are pinned to the first",
		Args:  cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parseIDs("incident", args)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			n, err := s.MergeIncidents(ctx, ids[0], ids[1:], a.actor())
			if err != nil {
				return decisionError(err)
			}
			fmt.Fprintf(a.io.Out, "%d claim(s) pinned to incident %d\n", n, ids[0])
			return a.relinkAndReport(cmd, s)
		},
	}
}

func (a *app) splitCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "split INCIDENT-ID CLAIM-ID...",
		Short: "Split claims out of an incident into a new one of their own",
		Args:  cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parseIDs("incident or claim", args)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			part, err := s.SplitIncident(ctx, ids[0], ids[1:], a.actor())
			if err != nil {
				return decisionError(err)
			}
			fmt.Fprintf(a.io.Out, "%d claim(s) split from incident %d into incident %d\n", len(ids)-1, ids[0], part)
			return a.relinkAndReport(cmd, s)
		},
	}
}

// decisionError makes a decision the store refuses as invalid a usage error.
func decisionError(err error) error {
	if store.ErrorCode(err) == store.EINVALID {
		return &exitError{code: ExitUsage, err: err}
	}
	return err
}

func (a *app) relinkAndReport(cmd *cobra.Command, s *store.Store) error {
	gz, err := a.gazetteer(cmd.Context(), s)
	if err != nil {
		return err
	}
	incs, err := a.relink(cmd.Context(), s, gz)
	if err != nil {
		return err
	}
	printGradeCounts(a, incs)
	return nil
}

func parseIDs(what string, args []string) ([]int64, error) {
	ids := make([]int64, len(args))
	for i, s := range args {
		id, err := parseID(what, s)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}
