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

type aclsListOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*kafka.Config, error)
	Client func() (*kafka.Client, error)

	aclTarget
	JSON bool
}

// aclView is one ACL.
type aclView struct {
	Principal    string `json:"principal" doc:"who, such as User:alice"`
	Permission   string `json:"permission" doc:"allow or deny"`
	Operation    string `json:"operation" doc:"read, write, create, delete, alter, describe, describe_configs, alter_configs, cluster_action, idempotent_write or all"`
	ResourceType string `json:"resource_type" doc:"topic, group, cluster or transactional_id"`
	ResourceName string `json:"resource_name" doc:"topic or group name without KAFKA_PREFIX (a prefix for pattern prefixed, * for all), or kafka-cluster"`
	Pattern      string `json:"pattern" doc:"literal or prefixed"`
	Host         string `json:"host" doc:"the client host it applies to; * for any"`
}

func newACLsCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "acls",
		Short: "List, create and destroy ACLs",
		Long: "Manage the cluster's access control lists: who (a principal such as\n" +
			"User:alice) may or may not do which operations on which topics, groups\n" +
			"or the cluster. On multi-tenant plans topic and group names carry\n" +
			"KAFKA_PREFIX, added for you, and * means every topic or group under it.",
		RunE: helpOrUnknown,
	}
	cmd.AddCommand(newACLsListCmd(f, nil), newACLsCreateCmd(f, nil), newACLsDestroyCmd(f, nil))
	return cmd
}

func newACLsListCmd(f *Factory, runF func(*aclsListOptions) error) *cobra.Command {
	opts := &aclsListOptions{IO: f.IO, Config: f.Config, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List ACLs",
		Long: "List the cluster's ACLs. --principal, --topic and --group narrow the list;\n" +
			"--topic and --group show every ACL that applies to that topic or group:\n" +
			"literal ones on its name, prefixed ones its name starts with, and *.\n\n" +
			"JSON output (--json): " + output.JSONDoc([]aclView{}),
		Example: "  kafka acls list\n  kafka acls list --principal User:alice\n  kafka acls list --topic orders --json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := opts.Config()
			if err != nil {
				return err
			}
			if err := opts.resolve(cfg, false); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runACLsList(cmd.Context(), opts)
		},
	}
	opts.addFilterFlags(f, cmd, false)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runACLsList(ctx context.Context, opts *aclsListOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	f := opts.filter()
	if len(f.Resources) > 0 {
		f.Pattern = "match"
	}
	list, err := acls.List(ctx, cl.Admin, f)
	if err != nil {
		return aclsFailed(cl, err, "listing ACLs")
	}
	views := aclViews(cl.Config, list)
	if opts.JSON {
		return output.JSON(opts.IO.Out, views)
	}
	cs := opts.IO.ColorScheme()
	output.Section(opts.IO.Out, cs, "ACLs on "+cl.Config.Describe(), nil)
	if len(views) == 0 {
		fmt.Fprintln(opts.IO.Out, "No ACLs match.")
		return nil
	}
	return aclTable(opts.IO, views)
}

// aclViews shows names without KAFKA_PREFIX and leaves out other tenants'
// topics and groups.
func aclViews(cfg *kafka.Config, list []acls.ACL) []aclView {
	views := []aclView{}
	for _, a := range list {
		name := a.Name
		if a.Resource == acls.Topic || a.Resource == acls.Group {
			switch {
			case cfg.Prefix != "" && a.Name == cfg.Prefix && a.Pattern == acls.Prefixed:
				name = "*"
			case !cfg.HasPrefix(a.Name):
				if a.Name != "*" {
					continue
				}
			default:
				name = cfg.WithoutPrefix(a.Name)
			}
		}
		views = append(views, aclView{Principal: a.Principal, Permission: a.Permission, Operation: a.Operation,
			ResourceType: a.Resource, ResourceName: name, Pattern: a.Pattern, Host: a.Host})
	}
	return views
}

func aclTable(ios *iostreams.IOStreams, views []aclView) error {
	cs := ios.ColorScheme()
	rows := make([][]string, 0, len(views))
	for _, v := range views {
		perm := cs.Green(v.Permission)
		if v.Permission == acls.Deny {
			perm = cs.Red(v.Permission)
		}
		rows = append(rows, []string{v.Principal, perm, v.Operation, v.ResourceType, cs.Cyan(v.ResourceName), v.Pattern, v.Host})
	}
	return output.Table(ios.Out, cs, []string{"Principal", "Permission", "Operation", "Resource", "Name", "Pattern", "Host"}, rows)
}

// aclsFailed explains a failed ACL request, naming what was being done; a
// cluster without an authorizer is said so.
func aclsFailed(cl *kafka.Client, err error, doing string) error {
	if acls.NoAuthorizer(err) {
		return clierr.Failuref("%s: the cluster has no authorizer, so no ACLs", doing).
			WithHint("set authorizer.class.name on the brokers to use ACLs").Wrap(err)
	}
	return refused(cl, err, doing)
}
