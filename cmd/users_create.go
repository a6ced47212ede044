package cmd

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topics"
	"github.com/kafka-cli/kafka/internal/users"
)

type usersCreateOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	User string
	passwordFlags
}

func newUsersCreateCmd(f *Factory, runF func(*usersCreateOptions) error) *cobra.Command {
	opts := &usersCreateOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "create USER",
		Short: "Create a SCRAM user",
		Long: "Create a SCRAM user with a password under --mechanism. The password is\n" +
			"read from stdin (its first line) or, on a terminal, typed twice without\n" +
			"echo; it is never taken from the command line. A user that already has\n" +
			"a password under that mechanism is refused (exit 1): use 'kafka users\n" +
			"credentials USER --reset' to replace it. The user can do nothing until\n" +
			"ACLs allow it (kafka acls create). It waits, within --timeout, until\n" +
			"every broker has applied the password (brokers apply it a moment apart),\n" +
			"so a login right after is taken; a broker still behind gets a warning.",
		Example: "  kafka users create alice\n  kafka users create alice --mechanism SCRAM-SHA-256 --iterations 8192 < alice.password",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.User = args[0]
			if err := users.CheckName(opts.User); err != nil {
				return clierr.Usagef("%s", err)
			}
			if err := opts.check(opts.IO, opts.User); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runUsersCreate(cmd.Context(), opts)
		},
	}
	opts.add(cmd, users.SHA512)
	return cmd
}

func runUsersCreate(ctx context.Context, opts *usersCreateOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	doing := "creating user " + opts.User
	u, found, err := users.Get(ctx, cl.Admin, opts.User)
	if err != nil {
		return refused(cl, err, doing)
	}
	if found && slices.Contains(u.Mechanisms(), opts.Mechanism) {
		return clierr.Failuref("user %q already has a %s password; nothing was changed", opts.User, opts.Mechanism).
			WithHint("run 'kafka users credentials %s --reset' to replace it", opts.User)
	}
	cred := users.Credential{Mechanism: opts.Mechanism, Iterations: int32(opts.Iterations)}
	if _, err := users.Set(ctx, cl.Admin, opts.User, []users.Credential{cred}, opts.password); err != nil {
		return refused(cl, err, doing)
	}
	waitUserApplied(ctx, opts.IO, cl, opts.User, []string{opts.Mechanism}, true)
	fmt.Fprintf(opts.IO.Out, "User %s created with a %s password (%d iterations).\n", opts.User, opts.Mechanism, opts.Iterations)
	fmt.Fprintf(opts.IO.Out, "It connects with kafka+sasl_ssl://%s:PASSWORD@HOST:PORT?mechanism=%s; give it access with 'kafka acls create --principal User:%s'.\n",
		opts.User, opts.Mechanism, opts.User)
	return nil
}

// waitUserApplied waits, within --timeout, until every broker applies the
// user's new or deleted passwords, so that a login right after is taken
// or refused as it now should be (on Kafka 3.9 brokers apply a change a
// moment apart). A broker still behind gets a warning; the exit code
// stays what the change itself earned.
func waitUserApplied(ctx context.Context, ios *iostreams.IOStreams, cl *kafka.Client, name string, mechs []string, present bool) {
	sp := ios.StartSpinner("Waiting for every broker to apply the change")
	err := users.WaitApplied(ctx, cl.Admin, cl.Client, name, mechs, present)
	sp.Stop()
	if na := (*topics.BehindError)(nil); errors.As(err, &na) {
		warnNotApplied(ios, cl, na.Brokers, "a login there may be taken or refused as before")
	}
}
