package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) verifyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: "Re-hash every stored original and check the store's integrity",
		Long: `verify re-reads every stored original and compares it with the SHA-256 taken at
ingest, checks the hash chain of the change log, and checks that every claim and
link still points at existing evidence. It lists each problem and exits 1 if
there is any.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			problems, err := s.Verify(cmd.Context())
			if err != nil {
				return err
			}
			for _, p := range problems {
				fmt.Fprintf(a.io.Out, "PROBLEM %s\n", p)
			}
			if len(problems) == 0 {
				fmt.Fprintln(a.io.Out, "verify: every original matches its SHA-256, the change log's chain is intact, every claim and link points at existing evidence")
				return nil
			}
			fmt.Fprintf(a.io.Out, "verify: %d problem(s)\n", len(problems))
			return failed(ExitFailed)
		},
	}
}
