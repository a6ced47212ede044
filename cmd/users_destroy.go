package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/users"
)

type usersDestroyOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	User    string
	Confirm string
}

func newUsersDestroyCmd(f *Factory, runF func(*usersDestroyOptions) error) *cobra.Command {
	opts := &usersDestroyOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "destroy USER --confirm USER",
		Short: "Delete a SCRAM user",
		Long: "Delete every SCRAM password of a user, so it can no longer log in.\n" +
			"--confirm must repeat the name. Its ACLs stay: delete them with\n" +
			"'kafka acls destroy --principal User:USER'. A user with no SCRAM\n" +
			"password exits 3. It waits, within --timeout, until every broker has\n" +
			"applied the deletion, so a login right after is refused; a broker still\n" +
			"behind gets a warning.",
		Example: "  kafka users destroy alice --confirm alice",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.User = args[0]
			if err := users.CheckName(opts.User); err != nil {
				return clierr.Usagef("%s", err)
			}
			switch {
			case opts.Confirm == "":
				return clierr.Usagef("refusing to delete user %q without confirmation", opts.User).WithHint("pass --confirm %s", opts.User)
			case opts.Confirm != opts.User:
				return clierr.Usagef("--confirm %q does not match user %q; nothing was deleted", opts.Confirm, opts.User)
			}
			if runF != nil {
				return runF(opts)
			}
			return runUsersDestroy(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Confirm, "confirm", "", "the user's name, to confirm the deletion")
	return cmd
}

func runUsersDestroy(ctx context.Context, opts *usersDestroyOptions) error {
	doing := "deleting user " + opts.User
	cl, ctx, cancel, u, err := existingUser(ctx, opts.Client, opts.User, doing)
	if err != nil {
		return err
	}
	defer cancel()
	done, err := users.Delete(ctx, cl.Admin, opts.User, u.Mechanisms())
	if err != nil {
		e := refused(cl, err, doing)
		if len(done) == 0 {
			return e
		}
		return clierr.Failuref("%s partly applied: deleted %s; not deleted the rest (%s)", doing, strings.Join(done, ", "), e.Error())
	}
	waitUserApplied(ctx, opts.IO, cl, opts.User, done, false)
	fmt.Fprintf(opts.IO.Out, "User %s has been deleted (%s). Its ACLs remain: 'kafka acls list --principal User:%s' shows them.\n",
		opts.User, strings.Join(done, ", "), opts.User)
	return nil
}
