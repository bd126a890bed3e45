package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) backupCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "backup PATH",
		Short: "Write a consistent copy of a live store to PATH",
		Long: `backup writes a consistent copy of the store to PATH while it may be in use.
For SQLite it is an online copy (VACUUM INTO) that opens as a store of its own.
For PostgreSQL use pg_dump, which takes a consistent snapshot of a live database:

    pg_dump --format=custom --file=harmlog.dump "$HARMLOG_DB"
    pg_restore --dbname="postgres://.../new" harmlog.dump`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Backup(cmd.Context(), args[0]); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "backup written to %s\n", args[0])
			return nil
		},
	}
}
