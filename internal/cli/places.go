package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/store"
)

func (a *app) placesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "places",
		Short: "Search the gazetteer; add your own places and aliases",
	}
	var countries []string
	var limit int
	var asJSON bool
	search := &cobra.Command{
		Use:   "search NAME",
		Short: "Show the places a name may refer to, best first, with scores",
		Long: `search looks NAME up in the gazetteer (GeoNames places with all their alternate
names, harmlog's curated other-side toponyms, and the places and aliases added to
this store), folding diacritics and transliterations and tolerating typos.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			cands := gz.Search(args[0], gazetteer.SearchOptions{Countries: upper(countries), Limit: limit})
			if asJSON {
				type row struct {
					ID         string   `json:"id"`
					Name       string   `json:"name"`
					Matched    string   `json:"matched"`
					Country    string   `json:"country"`
					Admin1     string   `json:"admin1"`
					Lat        float64  `json:"lat"`
					Lon        float64  `json:"lon"`
					Population int      `json:"population"`
					Score      float64  `json:"score"`
					Names      []string `json:"names,omitempty"`
				}
				rows := make([]row, 0, len(cands))
				for _, c := range cands {
					rows = append(rows, row{c.ID, c.Name, c.Matched, c.Country, c.Admin1, c.Lat, c.Lon, c.Population, c.Score, c.Names})
				}
				return writeJSON(a.io.Out, rows)
			}
			if len(cands) == 0 {
				fmt.Fprintf(a.io.Out, "no place matches %q\n", args[0])
				return nil
			}
			tw := tabwriter.NewWriter(a.io.Out, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SCORE\tID\tNAME\tMATCHED\tCOUNTRY\tLAT\tLON\tPOPULATION")
			for _, c := range cands {
				fmt.Fprintf(tw, "%.3f\t%s\t%s\t%s\t%s\t%.5f\t%.5f\t%d\n", c.Score, c.ID, c.Name, c.Matched, c.Country, c.Lat, c.Lon, c.Population)
			}
			return tw.Flush()
		},
	}
	search.Flags().StringSliceVar(&countries, "country", nil, "ISO country code(s) of the context, ranked first (e.g. AZ,AM)")
	search.Flags().IntVar(&limit, "limit", 10, "at most this many candidates")
	search.Flags().BoolVar(&asJSON, "json", false, "print JSON")

	var p store.UserPlace
	var aliases []string
	add := &cobra.Command{
		Use:   "add NAME --lat LAT --lon LON --country CC [--alias NAME]...",
		Short: "Add a place the gazetteer lacks (a village, a district, a landmark)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.Name = strings.TrimSpace(args[0])
			p.Country = strings.ToUpper(p.Country)
			if !cmd.Flags().Changed("lat") || !cmd.Flags().Changed("lon") {
				return &exitError{code: ExitUsage, err: fmt.Errorf("places add %q: --lat and --lon are required", p.Name)}
			}
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			added, err := s.AddPlace(ctx, p, a.actor())
			if err != nil {
				return err
			}
			for _, al := range aliases {
				if err := s.AddPlaceAlias(ctx, added.PlaceID(), al, a.actor()); err != nil {
					return err
				}
			}
			fmt.Fprintf(a.io.Out, "added %s %s (%.5f, %.5f %s)", added.PlaceID(), added.Name, added.Lat, added.Lon, added.Country)
			if len(aliases) > 0 {
				fmt.Fprintf(a.io.Out, " also called %s", strings.Join(aliases, ", "))
			}
			fmt.Fprintln(a.io.Out)
			return nil
		},
	}
	add.Flags().Float64Var(&p.Lat, "lat", 0, "latitude, decimal degrees")
	add.Flags().Float64Var(&p.Lon, "lon", 0, "longitude, decimal degrees")
	add.Flags().StringVar(&p.Country, "country", "", "ISO 3166-1 alpha-2 country code")
	add.Flags().StringVar(&p.Admin1, "admin1", "", "first-level administrative area")
	add.Flags().StringVar(&p.Kind, "kind", "", "village, town, district, landmark, ...")
	add.Flags().Int64Var(&p.Population, "population", 0, "population, if known (ranks candidates)")
	add.Flags().StringSliceVar(&aliases, "alias", nil, "another name for the place (repeatable)")

	alias := &cobra.Command{
		Use:   "alias PLACE-ID NAME",
		Short: "Add another name for a place (geonames:N, curated:..., or user:N)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			if _, ok := gz.ByID(args[0]); !ok {
				return &exitError{code: ExitUsage, err: fmt.Errorf("places alias: no place has the id %q (see places search)", args[0])}
			}
			if err := s.AddPlaceAlias(ctx, args[0], args[1], a.actor()); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "%s is now also called %s\n", args[0], args[1])
			return nil
		},
	}
	cmd.AddCommand(search, add, alias)
	return cmd
}

func upper(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToUpper(strings.TrimSpace(s))
	}
	return out
}
