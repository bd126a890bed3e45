package cli

import (
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/account"
)

func (a *app) tokensCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tokens",
		Short: "Manage API tokens for scripts: create, list, revoke",
		Long: `tokens manages API tokens. A token acts as its user, with the user's role, on
the JSON API and the pages: send it as

  Authorization: Bearer TOKEN

Requests with a token need no CSRF token. harmlog keeps only a token's SHA-256,
so a token is shown once, when created; revoke it when it may have leaked.`,
	}
	cmd.AddCommand(a.tokensCreateCmd(), a.tokensListCmd(), a.tokensRevokeCmd())
	return cmd
}

func (a *app) tokensCreateCmd() *cobra.Command {
	var user, name string
	cmd := &cobra.Command{
		Use:   "create --user NAME [--name LABEL]",
		Short: "Create an API token; the token is the last line printed",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			secret, t, err := account.New(s, account.Options{}).CreateToken(cmd.Context(), user, name, a.actor())
			if err != nil {
				return userErr("tokens create", err)
			}
			fmt.Fprintf(a.io.Out, "tokens: token %d for %s created; it is shown only now, keep it secret:\n%s\n", t.ID, t.User, secret)
			return nil
		},
	}
	cmd.Flags().StringVar(&user, "user", "", "the user the token acts as (required)")
	cmd.Flags().StringVar(&name, "name", "", "a label: what the token is for")
	_ = cmd.MarkFlagRequired("user")
	return cmd
}

func (a *app) tokensListCmd() *cobra.Command {
	var user string
	cmd := &cobra.Command{
		Use:   "list [--user NAME]",
		Short: "List API tokens (never the tokens themselves)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			ts, err := s.Tokens(cmd.Context(), user)
			if err != nil {
				return userErr("tokens list", err)
			}
			tw := tabwriter.NewWriter(a.io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tUSER\tNAME\tCREATED\tLAST USED")
			for _, t := range ts {
				used := "never"
				if t.LastUsedAt != nil {
					used = t.LastUsedAt.Format("2006-01-02 15:04")
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.User, t.Name, t.CreatedAt.Format("2006-01-02 15:04"), used)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&user, "user", "", "only this user's tokens")
	return cmd
}

func (a *app) tokensRevokeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke an API token (see tokens list for ids)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || id <= 0 {
				return &exitError{code: ExitUsage, err: fmt.Errorf("tokens revoke: %q is not a token id (a positive whole number)", args[0])}
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.RevokeToken(cmd.Context(), id, a.actor()); err != nil {
				return userErr("tokens revoke", err)
			}
			fmt.Fprintf(a.io.Out, "tokens: revoked token %d\n", id)
			return nil
		},
	}
}
