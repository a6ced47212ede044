package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/users"
)

type usersListOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	JSON bool
}

// userView is a SCRAM user.
type userView struct {
	User        string           `json:"user" doc:"user name"`
	Credentials []credentialView `json:"credentials" doc:"the SCRAM mechanisms it has a password for"`
}

type credentialView struct {
	Mechanism  string `json:"mechanism" doc:"SCRAM-SHA-256 or SCRAM-SHA-512"`
	Iterations int32  `json:"iterations" doc:"SCRAM iterations of that password"`
}

func newUsersCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "List, create and destroy SCRAM users and reset their passwords",
		Long: "Manage the cluster's SCRAM users (SASL SCRAM-SHA-256 and SCRAM-SHA-512).\n" +
			"Passwords are read from stdin or typed at a prompt, never taken from the\n" +
			"command line, and never printed or logged. What a user may do is up to\n" +
			"its ACLs (kafka acls).",
		RunE: helpOrUnknown,
	}
	cmd.AddCommand(newUsersListCmd(f, nil), newUsersCreateCmd(f, nil), newUsersCredentialsCmd(f, nil), newUsersDestroyCmd(f, nil))
	return cmd
}

func newUsersListCmd(f *Factory, runF func(*usersListOptions) error) *cobra.Command {
	opts := &usersListOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List SCRAM users and their mechanisms",
		Long: "List the SCRAM users and, for each, the mechanisms it has a password for\n" +
			"and their iterations.\n\n" +
			"JSON output (--json): " + output.JSONDoc([]userView{}),
		Example: "  kafka users list\n  kafka users list --json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runUsersList(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runUsersList(ctx context.Context, opts *usersListOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	list, err := users.List(ctx, cl.Admin)
	if err != nil {
		return refused(cl, err, "listing SCRAM users")
	}
	views := make([]userView, 0, len(list))
	for _, u := range list {
		v := userView{User: u.Name, Credentials: []credentialView{}}
		for _, c := range u.Credentials {
			v.Credentials = append(v.Credentials, credentialView(c))
		}
		views = append(views, v)
	}
	if opts.JSON {
		return output.JSON(opts.IO.Out, views)
	}
	cs := opts.IO.ColorScheme()
	output.Section(opts.IO.Out, cs, "SCRAM users on "+cl.Config.Describe(), nil)
	if len(views) == 0 {
		fmt.Fprintln(opts.IO.Out, "No SCRAM users.")
		return nil
	}
	rows := make([][]string, 0, len(views))
	for _, v := range views {
		var ms []string
		for _, c := range v.Credentials {
			ms = append(ms, fmt.Sprintf("%s (%d iterations)", c.Mechanism, c.Iterations))
		}
		rows = append(rows, []string{cs.Cyan(v.User), strings.Join(ms, ", ")})
	}
	return output.Table(opts.IO.Out, cs, []string{"User", "Mechanisms"}, rows)
}

// passwordFlags are the flags of the commands that set a password.
type passwordFlags struct {
	Mechanism  string
	Iterations int
	password   string
}

func (p *passwordFlags) add(cmd *cobra.Command, mechDefault string) {
	cmd.Flags().StringVar(&p.Mechanism, "mechanism", mechDefault, "SCRAM-SHA-256 or SCRAM-SHA-512")
	cmd.Flags().IntVar(&p.Iterations, "iterations", users.DefaultIterations, fmt.Sprintf("SCRAM iterations, %d to %d", users.MinIterations, users.MaxIterations))
}

// check validates the flags, then reads the password: from stdin, or
// typed twice at a terminal. All before any request.
func (p *passwordFlags) check(ios *iostreams.IOStreams, user string) error {
	if p.Mechanism != "" {
		m, err := users.ParseMechanism(p.Mechanism)
		if err != nil {
			return clierr.Usagef("%s", err)
		}
		p.Mechanism = m
	}
	if err := users.CheckIterations(p.Iterations); err != nil {
		return clierr.Usagef("%s", err)
	}
	pw, terminal, err := ios.ReadSecret("Password for " + user + ": ")
	if err != nil || pw == "" {
		return clierr.Usagef("no password given; nothing was changed").
			WithHint("type it at the prompt, or pipe it on stdin: the command line never takes it")
	}
	if terminal {
		again, _, err := ios.ReadSecret("Type it again: ")
		if err != nil || again != pw {
			return clierr.Usagef("the passwords typed differ; nothing was changed")
		}
	}
	p.password = pw
	return nil
}

// existingUser connects and reads a user's credentials, for a command
// that changes an existing user; one with no SCRAM credentials is exit 3.
// The context bounds the command's requests.
func existingUser(ctx context.Context, client func() (*kafka.Client, error), name, doing string) (*kafka.Client, context.Context, context.CancelFunc, users.User, error) {
	cl, err := client()
	if err != nil {
		return nil, nil, nil, users.User{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	u, found, err := users.Get(ctx, cl.Admin, name)
	switch {
	case err != nil:
		err = refused(cl, err, doing)
	case !found:
		err = clierr.NotFoundf("user %q not found", name).WithHint("run 'kafka users list' to see the SCRAM users")
	}
	if err != nil {
		cancel()
		return nil, nil, nil, users.User{}, err
	}
	return cl, ctx, cancel, u, nil
}
