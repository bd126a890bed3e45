package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) migrateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Create or bring the store's schema up to date (also done on every open)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			applied, err := s.Migrate(cmd.Context())
			if err != nil {
				return err
			}
			if len(applied) == 0 {
				fmt.Fprintf(a.io.Out, "%s: schema up to date\n", redact(a.dsn()))
			}
			for _, m := range applied {
				fmt.Fprintf(a.io.Out, "applied %s\n", m)
			}
			return nil
		},
	}
}
