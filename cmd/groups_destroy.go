package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
)

type groupsDestroyOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	Group   string
	Confirm string
}

func newGroupsDestroyCmd(f *Factory, runF func(*groupsDestroyOptions) error) *cobra.Command {
	opts := &groupsDestroyOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "destroy GROUP",
		Short: "Delete a consumer group and its committed offsets",
		Long: "Delete a consumer group and its committed offsets. The group must have\n" +
			"no active members: stop its consumers first.\n\n" +
			"Pass --confirm GROUP. On a terminal without it, you are asked to type the\n" +
			"name; in a script without it, nothing is deleted and the exit code is 2.",
		Example: "  kafka consumer-groups destroy metrics --confirm metrics",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Group = args[0]
			if err := kafka.ValidateGroupName(opts.Group); err != nil {
				return clierr.Usagef("%s", err)
			}
			// As topic destroy: a script without --confirm is refused
			// before any request; a person at a terminal is asked only
			// once the group is known to exist.
			if opts.Confirm != "" || !opts.IO.IsStdinTTY() || !opts.IO.IsStderrTTY() {
				if err := confirmName(opts.IO, "consumer group", opts.Group, opts.Confirm); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runGroupsDestroy(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Confirm, "confirm", "", "the group's name, to confirm the deletion")
	return cmd
}

func runGroupsDestroy(ctx context.Context, opts *groupsDestroyOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	name := cl.Config.WithPrefix(opts.Group)
	ctx, cancel, err := existsThenConfirm(ctx, cl, opts.IO, opts.Confirm, "consumer group", opts.Group, func(ctx context.Context) error {
		_, err := groups.Describe(ctx, cl.Client, cl.Admin, name)
		if errors.Is(err, groups.ErrNotFound) {
			return groupNotFound(ctx, cl, name)
		}
		return err
	})
	if err != nil {
		return err
	}
	defer cancel()
	err = groups.Delete(ctx, cl.Admin, name)
	switch {
	case errors.Is(err, groups.ErrNoAnswer):
		return clierr.Failuref("the cluster did not answer for consumer group %q", opts.Group)
	case errors.Is(err, groups.ErrNotFound):
		return groupNotFound(ctx, cl, name)
	case errors.Is(err, groups.ErrNotEmpty):
		return clierr.Failuref("consumer group %q still has active members; stop its consumers, then retry; nothing was deleted", opts.Group).
			WithHint("run 'kafka consumer-groups %s' to see them", opts.Group)
	case err != nil:
		return err
	}
	fmt.Fprintf(opts.IO.Out, "Consumer group %s has been deleted.\n", opts.Group)
	return nil
}
