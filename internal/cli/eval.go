package cli

import (
	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/evaluate"
)

func (a *app) evalCmd() *cobra.Command {
	var opt evaluate.Options
	cmd := &cobra.Command{
		Use:   "eval CSV",
		Short: "Measure extraction on coded event data (ACLED or UCDP GED CSV)",
		Long: `eval runs the extractor over the text of every row of an ACLED CSV (either column
set) or a UCDP GED CSV and compares what it finds with the coded values, as
GUIDELINES.md counts: killed exact match on rows coded above 0 and on all rows,
place within 25 km on rows coded to a town, and speed; then the worst misses.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			ex, err := a.extractor(ctx, s)
			if err != nil {
				return err
			}
			rep, err := evaluate.File(ctx, args[0], ex, opt)
			if err != nil {
				return err
			}
			return rep.Write(a.io.Out)
		},
	}
	cmd.Flags().IntVar(&opt.Misses, "misses", 0, "how many of the worst misses to list (0: the default)")
	cmd.Flags().IntVar(&opt.Limit, "limit", 0, "read at most this many rows (0: all)")
	return cmd
}
