package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/acls"
	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
)

type aclsDestroyOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*kafka.Config, error)
	Client func() (*kafka.Client, error)

	aclTarget
	Confirm bool
}

func newACLsDestroyCmd(f *Factory, runF func(*aclsDestroyOptions) error) *cobra.Command {
	opts := &aclsDestroyOptions{IO: f.IO, Config: f.Config, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "destroy",
		Short: "Delete ACLs",
		Long: "Delete the ACLs that match the filters, which are create's flags; each one\n" +
			"left out matches anything, but --principal or one of --topic, --group and\n" +
			"--cluster is needed. A topic or group name matches ACLs on exactly that\n" +
			"name, literal or prefixed (narrow it with --pattern). The matching ACLs\n" +
			"are printed first and nothing is deleted without --confirm; each is then\n" +
			"deleted on its own, so nothing that was not shown goes. When the cluster\n" +
			"refuses some, it exits 1 saying which were deleted and which not. It\n" +
			"waits, within --timeout, until every broker has applied the deletion\n" +
			"(brokers apply it a moment apart); a broker still behind gets a warning.",
		Example: "  kafka acls destroy --principal User:alice --topic orders\n" +
			"  kafka acls destroy --principal User:alice --topic orders --confirm",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := opts.Config()
			if err != nil {
				return err
			}
			if err := opts.resolve(cfg, false); err != nil {
				return err
			}
			if opts.Principal == "" && len(opts.resources) == 0 {
				return clierr.Usagef("give --principal or one of --topic, --group and --cluster; nothing was deleted").
					WithHint("run 'kafka acls list' to see the ACLs")
			}
			if len(opts.resources) > 1 {
				return clierr.Usagef("give at most one of --topic, --group and --cluster; nothing was deleted")
			}
			if runF != nil {
				return runF(opts)
			}
			return runACLsDestroy(cmd.Context(), opts)
		},
	}
	opts.addFilterFlags(f, cmd, true)
	cmd.Flags().BoolVar(&opts.Confirm, "confirm", false, "delete the ACLs shown")
	return cmd
}

func runACLsDestroy(ctx context.Context, opts *aclsDestroyOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	list, err := acls.List(ctx, cl.Admin, opts.filter())
	if err != nil {
		return aclsFailed(cl, err, "listing the ACLs to delete")
	}
	// Other tenants' ACLs are neither shown nor deleted.
	var mine []acls.ACL
	for _, a := range list {
		if len(aclViews(cl.Config, []acls.ACL{a})) == 1 {
			mine = append(mine, a)
		}
	}
	out := opts.IO.Out
	if len(mine) == 0 {
		fmt.Fprintln(out, "No ACLs match; nothing was deleted.")
		return nil
	}
	if !opts.Confirm {
		output.Section(out, opts.IO.ColorScheme(), "ACLs that would be deleted", nil)
		if err := aclTable(opts.IO, aclViews(cl.Config, mine)); err != nil {
			return err
		}
		fmt.Fprintf(out, "Nothing was deleted. Run again with --confirm to delete these %s.\n", countNoun(len(mine), "ACL"))
		return nil
	}
	res := acls.Delete(ctx, cl.Admin, mine)
	waitApplied(ctx, opts.IO, cl, res, false)
	return aclResults(opts.IO, cl, "deleting ACLs", res, "Deleted")
}
