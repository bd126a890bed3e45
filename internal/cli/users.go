package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/store"
)

func (a *app) usersCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Manage the web app's accounts: add, list, set-role, passwd, remove",
		Long: `users manages who may use the web app and the API. Roles, weakest first:

  viewer   reads incidents, documents and tallies; never sensitive fields
           (victims' names, source contacts)
  analyst  also uploads, reviews, pins and detaches claims, audits statements,
           reads originals and sensitive fields
  admin    also manages users (the users page)

A store without users is single-user and open, and "harmlog serve" then answers
only on loopback. Once it has a user, every page and API call needs a sign-in
(/login) or an API token (harmlog tokens create). Passwords are hashed with
argon2id; harmlog never stores or prints them.`,
	}
	cmd.AddCommand(a.usersAddCmd(), a.usersListCmd(), a.usersSetRoleCmd(), a.usersPasswdCmd(), a.usersRemoveCmd())
	return cmd
}

func (a *app) usersAddCmd() *cobra.Command {
	var role, password string
	cmd := &cobra.Command{
		Use:   "add --role admin|analyst|viewer NAME [--password P]",
		Short: "Add a user",
		Long: `add creates a user with a role and a password (at least 8 characters). Without
--password it asks for the password twice when standard input is a terminal, and
reads it from the first line of standard input otherwise; prefer that to
--password, which other users of the machine can see in the process list.
User names are 1 to 64 letters, digits and . _ - @.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := account.ParseRole(role)
			if err != nil {
				return &exitError{code: ExitUsage, err: fmt.Errorf("users add: --role: %w", err)}
			}
			name := args[0]
			if err := account.CheckName(name); err != nil {
				return &exitError{code: ExitUsage, err: fmt.Errorf("users add: %w", err)}
			}
			pw, err := a.password(cmd, password, "Password for "+name)
			if err != nil {
				return err
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			u, err := account.New(s, account.Options{}).AddUser(cmd.Context(), name, r, pw, a.actor())
			if err != nil {
				return userErr("users add", err)
			}
			fmt.Fprintf(a.io.Out, "users: added %s (%s)\n", u.Name, u.Role)
			return nil
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "the user's role: admin, analyst or viewer (required)")
	cmd.Flags().StringVar(&password, "password", "", "the password (default: asked for, or read from standard input)")
	_ = cmd.MarkFlagRequired("role")
	return cmd
}

func (a *app) usersPasswdCmd() *cobra.Command {
	var password string
	cmd := &cobra.Command{
		Use:   "passwd NAME [--password P]",
		Short: "Set a user's password (and end the user's sessions)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, err := a.password(cmd, password, "New password for "+args[0])
			if err != nil {
				return err
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := account.New(s, account.Options{}).SetPassword(cmd.Context(), args[0], pw, a.actor()); err != nil {
				return userErr("users passwd", err)
			}
			fmt.Fprintf(a.io.Out, "users: password of %s changed; its sessions ended\n", args[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&password, "password", "", "the password (default: asked for, or read from standard input)")
	return cmd
}

func (a *app) usersListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the users with their roles",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			us, err := s.Users(cmd.Context())
			if err != nil {
				return userErr("users list", err)
			}
			if len(us) == 0 {
				fmt.Fprintln(a.io.Out, "users: none (the store is open to whoever reaches it on loopback)")
				return nil
			}
			tw := tabwriter.NewWriter(a.io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tROLE\tCREATED\tSTATE")
			for _, u := range us {
				state := "active"
				if u.Disabled {
					state = "disabled"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Name, u.Role, u.CreatedAt.Format("2006-01-02 15:04"), state)
			}
			return tw.Flush()
		},
	}
}

func (a *app) usersSetRoleCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "set-role NAME admin|analyst|viewer",
		Short: "Change a user's role",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := account.ParseRole(args[1])
			if err != nil {
				return &exitError{code: ExitUsage, err: fmt.Errorf("users set-role: %w", err)}
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.SetUserRole(cmd.Context(), args[0], r, a.actor()); err != nil {
				return userErr("users set-role", err)
			}
			fmt.Fprintf(a.io.Out, "users: %s is now %s\n", args[0], r)
			return nil
		},
	}
}

func (a *app) usersRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove a user with its sessions and API tokens",
		Long: `remove deletes a user, ending its sessions and revoking its API tokens. The
change log keeps who the user was and who removed it. Removing the last user
makes the store open again (single-user, loopback only).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.RemoveUser(cmd.Context(), args[0], a.actor()); err != nil {
				return userErr("users remove", err)
			}
			fmt.Fprintf(a.io.Out, "users: removed %s\n", args[0])
			return nil
		},
	}
}

// userErr turns an error of an account command into an exit status: 1 for
// what the user asked wrongly (a taken name, a missing user, a short
// password), 3 when the store failed.
func userErr(op string, err error) error {
	code := ExitFailed
	if store.ErrorCode(err) == store.EINTERNAL && errors.As(err, new(*store.Error)) {
		code = ExitProblem
	}
	return &exitError{code: code, err: fmt.Errorf("%s: %w", op, err)}
}

// password is the password of a command: the flag's value, else asked
// twice on the terminal, else the first line of standard input. It is
// checked against account.CheckPassword.
func (a *app) password(cmd *cobra.Command, flag, prompt string) (string, error) {
	pw := flag
	switch {
	case cmd.Flags().Changed("password"):
	case a.stdinTerminal():
		fd := int(a.io.In.(*os.File).Fd())
		fmt.Fprint(a.io.Err, prompt+": ")
		p1, err := term.ReadPassword(fd)
		fmt.Fprintln(a.io.Err)
		if err != nil {
			return "", &exitError{code: ExitFailed, err: fmt.Errorf("reading the password: %w", err)}
		}
		fmt.Fprint(a.io.Err, "Again: ")
		p2, err := term.ReadPassword(fd)
		fmt.Fprintln(a.io.Err)
		if err != nil {
			return "", &exitError{code: ExitFailed, err: fmt.Errorf("reading the password: %w", err)}
		}
		if !bytes.Equal(p1, p2) {
			return "", &exitError{code: ExitUsage, err: errors.New("the two passwords differ; nothing changed")}
		}
		pw = string(p1)
	default:
		line, err := bufio.NewReader(a.io.In).ReadString('\n')
		if err != nil && line == "" {
			return "", &exitError{code: ExitUsage, err: errors.New("no password: give --password, or type it on a terminal, or send it as the first line of standard input")}
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if err := account.CheckPassword(pw); err != nil {
		return "", &exitError{code: ExitUsage, err: err}
	}
	return pw, nil
}

// stdinTerminal reports whether standard input is a terminal.
func (a *app) stdinTerminal() bool {
	f, ok := a.io.In.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
