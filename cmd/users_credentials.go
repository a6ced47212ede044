package cmd

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/users"
)

type usersCredentialsOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	User  string
	Reset bool
	passwordFlags
	iterationsGiven bool
}

func newUsersCredentialsCmd(f *Factory, runF func(*usersCredentialsOptions) error) *cobra.Command {
	opts := &usersCredentialsOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "credentials USER --reset",
		Short: "Replace a SCRAM user's password",
		Long: "Replace a SCRAM user's password, read as create reads it (stdin, or typed\n" +
			"twice at a terminal). Without --mechanism, every mechanism the user has\n" +
			"gets the new password, so no old one keeps working; with it, only that\n" +
			"one is set (added if the user lacks it). The iterations stay as they\n" +
			"were unless --iterations is given. Connections already open stay open.\n" +
			"A user with no SCRAM password exits 3.",
		Example: "  kafka users credentials alice --reset\n  kafka users credentials alice --reset --mechanism SCRAM-SHA-256 < new-password",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.User = args[0]
			if err := users.CheckName(opts.User); err != nil {
				return clierr.Usagef("%s", err)
			}
			if !opts.Reset {
				return clierr.Usagef("pass --reset to replace %s's password; nothing was changed", opts.User)
			}
			opts.iterationsGiven = cmd.Flags().Changed("iterations")
			if err := opts.check(opts.IO, opts.User); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runUsersCredentials(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Reset, "reset", false, "replace the password")
	opts.add(cmd, "")
	return cmd
}

func runUsersCredentials(ctx context.Context, opts *usersCredentialsOptions) error {
	doing := "resetting the password of user " + opts.User
	cl, ctx, cancel, u, err := existingUser(ctx, opts.Client, opts.User, doing)
	if err != nil {
		return err
	}
	defer cancel()
	var creds []users.Credential
	for _, c := range u.Credentials {
		if opts.Mechanism == "" || c.Mechanism == opts.Mechanism {
			creds = append(creds, c)
		}
	}
	if len(creds) == 0 { // --mechanism the user lacks: add it
		creds = []users.Credential{{Mechanism: opts.Mechanism, Iterations: int32(opts.Iterations)}}
	}
	if opts.iterationsGiven {
		for i := range creds {
			creds[i].Iterations = int32(opts.Iterations)
		}
	}
	done, err := users.Set(ctx, cl.Admin, opts.User, creds, opts.password)
	if err != nil {
		e := refused(cl, err, doing)
		if len(done) == 0 {
			return e
		}
		var left []string
		for _, c := range creds {
			if !slices.Contains(done, c.Mechanism) {
				left = append(left, c.Mechanism)
			}
		}
		return clierr.Failuref("%s partly applied: set for %s; not set for %s (%s)", doing, strings.Join(done, ", "), strings.Join(left, ", "), e.Error())
	}
	fmt.Fprintf(opts.IO.Out, "The password of user %s has been reset (%s).\n", opts.User, strings.Join(done, ", "))
	return nil
}
