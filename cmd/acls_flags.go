package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/acls"
	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafka"
)

// aclTarget is the flags that say which ACLs acls list, create and destroy
// act on, and what they resolve to before any request.
type aclTarget struct {
	Principal, Topic, Group, Operation, Pattern, Host string
	Cluster, Allow, Deny                              bool

	resources  []acls.Resource // names with KAFKA_PREFIX
	pattern    string
	permission string
	ops        []string
}

// addFilterFlags installs --principal, --topic and --group; full adds the
// rest, for create and destroy.
func (t *aclTarget) addFilterFlags(f *Factory, cmd *cobra.Command, full bool) {
	fl := cmd.Flags()
	fl.StringVar(&t.Principal, "principal", "", "the principal, such as User:alice (User:* for every user)")
	fl.StringVar(&t.Topic, "topic", "", "a topic (* for every topic; with --pattern prefixed, a name prefix)")
	fl.StringVar(&t.Group, "group", "", "a consumer group (* for every group; with --pattern prefixed, a name prefix)")
	_ = cmd.RegisterFlagCompletionFunc("topic", completeTopicFlag(f))
	if !full {
		return
	}
	fl.BoolVar(&t.Cluster, "cluster", false, "the cluster itself (for operations such as create, alter, describe)")
	fl.BoolVar(&t.Allow, "allow", false, "an ACL that allows")
	fl.BoolVar(&t.Deny, "deny", false, "an ACL that denies (a deny wins over any allow)")
	fl.StringVar(&t.Operation, "operation", "", "operations, comma-separated: read, write, create, delete, alter, describe, describe_configs, alter_configs, cluster_action, idempotent_write, all")
	fl.StringVar(&t.Pattern, "pattern", "", "literal (the exact name) or prefixed (every name starting with it)")
	fl.StringVar(&t.Host, "host", "", "the client host it applies to (default any, *)")
}

// resolve checks the flags and adds KAFKA_PREFIX to names. create needs
// every part of an ACL; the filters of list and destroy may leave parts
// out, which then match anything.
func (t *aclTarget) resolve(cfg *kafka.Config, create bool) error {
	if t.Principal != "" {
		if err := acls.CheckPrincipal(t.Principal); err != nil {
			return clierr.Usagef("%s; nothing was changed", err)
		}
	}
	if t.Allow && t.Deny {
		return clierr.Usagef("--allow and --deny cannot be combined")
	}
	switch {
	case t.Allow:
		t.permission = acls.Allow
	case t.Deny:
		t.permission = acls.Deny
	}
	if t.Pattern != "" {
		if err := acls.CheckPattern(t.Pattern); err != nil {
			return clierr.Usagef("%s", err)
		}
	}
	t.pattern = t.Pattern
	if create && t.pattern == "" {
		t.pattern = acls.Literal
	}
	if t.Topic != "" {
		if err := t.addNamed(cfg, acls.Topic, t.Topic, func(s string) error { return cfg.ValidateTopicName(s) }); err != nil {
			return err
		}
	}
	if t.Group != "" {
		if err := t.addNamed(cfg, acls.Group, t.Group, kafka.ValidateGroupName); err != nil {
			return err
		}
	}
	if t.Cluster {
		if t.pattern == acls.Prefixed {
			return clierr.Usagef("--cluster takes no --pattern prefixed: the cluster has one name")
		}
		t.resources = append(t.resources, acls.Resource{Type: acls.Cluster, Name: acls.ClusterName})
	}
	if !create {
		if t.Operation != "" {
			return t.parseOps("")
		}
		return nil
	}
	switch {
	case t.Principal == "":
		return clierr.Usagef("--principal is required, such as --principal User:alice")
	case t.permission == "":
		return clierr.Usagef("give --allow or --deny")
	case len(t.resources) != 1:
		return clierr.Usagef("give exactly one of --topic, --group and --cluster")
	case t.Operation == "":
		return clierr.Usagef("--operation is required, such as --operation read,describe")
	}
	if t.Host == "" {
		t.Host = "*"
	}
	return t.parseOps(t.resources[0].Type)
}

func (t *aclTarget) parseOps(resource string) error {
	ops, err := acls.ParseOperations(t.Operation, resource)
	if err != nil {
		return clierr.Usagef("%s; nothing was changed", err)
	}
	t.ops = ops
	return nil
}

// addNamed adds a topic or group. * is every one: on a multi-tenant plan,
// every one under KAFKA_PREFIX, which is the prefixed pattern on it.
func (t *aclTarget) addNamed(cfg *kafka.Config, typ, typed string, validate func(string) error) error {
	if typed == "*" {
		if t.pattern == acls.Prefixed {
			return clierr.Usagef("--%s * already means every %s; leave out --pattern prefixed", typ, typ)
		}
		if cfg.Prefix != "" {
			t.pattern = acls.Prefixed
			t.resources = append(t.resources, acls.Resource{Type: typ, Name: cfg.Prefix})
			return nil
		}
		t.resources = append(t.resources, acls.Resource{Type: typ, Name: "*"})
		return nil
	}
	if err := validate(typed); err != nil {
		return clierr.Usagef("%s", err)
	}
	if strings.Contains(typed, "*") {
		return clierr.Usagef("--%s %q: * stands alone, for every %s; for names starting with some text use --pattern prefixed", typ, typed, typ)
	}
	t.resources = append(t.resources, acls.Resource{Type: typ, Name: cfg.WithPrefix(typed)})
	return nil
}

// filter is the resolved flags as a filter for list and destroy.
func (t *aclTarget) filter() acls.Filter {
	return acls.Filter{Principal: t.Principal, Host: t.Host, Permission: t.permission, Operations: t.ops,
		Pattern: t.pattern, Resources: t.resources}
}
