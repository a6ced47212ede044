package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/acls"
	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topics"
)

type aclsCreateOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*kafka.Config, error)
	Client func() (*kafka.Client, error)

	aclTarget
}

func newACLsCreateCmd(f *Factory, runF func(*aclsCreateOptions) error) *cobra.Command {
	opts := &aclsCreateOptions{IO: f.IO, Config: f.Config, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create ACLs",
		Long: "Create one ACL per operation: --allow or --deny, for --principal, on one of\n" +
			"--topic, --group or --cluster. --pattern prefixed makes the name a prefix\n" +
			"(every topic or group starting with it); --host limits it to one client\n" +
			"host. A deny wins over any allow. The ACLs are printed as they are\n" +
			"created; when the cluster refuses some, it exits 1 saying which were\n" +
			"created and which not, and 4 when it refuses the caller the right. It\n" +
			"waits, within --timeout, until every broker has applied them (brokers\n" +
			"apply ACLs a moment apart), so a command run right after is allowed or\n" +
			"denied as it now should be; a broker still behind gets a warning.",
		Example: "  kafka acls create --allow --principal User:alice --operation read,describe --topic orders\n" +
			"  kafka acls create --allow --principal User:alice --operation read --group orders- --pattern prefixed\n" +
			"  kafka acls create --deny --principal User:mallory --operation all --topic '*'",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := opts.Config()
			if err != nil {
				return err
			}
			if err := opts.resolve(cfg, true); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runACLsCreate(cmd.Context(), opts)
		},
	}
	opts.addFilterFlags(f, cmd, true)
	return cmd
}

func (t *aclTarget) spec() acls.Spec {
	return acls.Spec{Principal: t.Principal, Host: t.Host, Permission: t.permission, Resource: t.resources[0],
		Pattern: t.pattern, Operations: t.ops}
}

func runACLsCreate(ctx context.Context, opts *aclsCreateOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	spec := opts.spec()
	doing := "creating ACLs (" + specWords(cl.Config, spec) + ")"
	res, err := acls.Create(ctx, cl.Admin, spec)
	if err != nil {
		return aclsFailed(cl, err, doing)
	}
	waitApplied(ctx, opts.IO, cl, res, true)
	return aclResults(opts.IO, cl, doing, res, "Created")
}

// waitApplied waits, within --timeout, until every broker applies the
// ACLs created or deleted, so that a command run right after is allowed
// or denied as it now should be (on Kafka 3.9 brokers apply a change a
// moment apart). A broker still behind gets a warning; the exit code
// stays what the change itself earned.
func waitApplied(ctx context.Context, ios *iostreams.IOStreams, cl *kafka.Client, res []acls.Result, present bool) {
	var done []acls.ACL
	for _, r := range res {
		if r.Err == nil {
			done = append(done, r.ACL)
		}
	}
	if len(done) == 0 {
		return
	}
	sp := ios.StartSpinner("Waiting for every broker to apply the ACLs")
	err := acls.WaitApplied(ctx, cl.Admin, cl.Client, done, present)
	sp.Stop()
	if na := (*topics.BehindError)(nil); errors.As(err, &na) {
		warnNotApplied(ios, cl, na.Brokers, "a command run at once may be allowed or denied there as before")
	}
}

// warnNotApplied says which brokers had not applied a change when
// --timeout ended, and what that means.
func warnNotApplied(ios *iostreams.IOStreams, cl *kafka.Client, brokers []int32, meaning string) {
	fmt.Fprintf(ios.ErrOut, "Warning: broker %s does not apply the change yet (within --timeout %s); %s.\n",
		joinIDs(brokers), cl.Timeout, meaning)
}

// aclResults prints the ACLs applied and, when some or all were refused,
// returns the error saying which: exit 1 listing both, or the refusal's
// own code (such as 4) when none was applied.
func aclResults(ios *iostreams.IOStreams, cl *kafka.Client, doing string, res []acls.Result, verb string) error {
	var done []acls.ACL
	var failed []string
	var first error
	for _, r := range res {
		if r.Err == nil {
			done = append(done, r.ACL)
			continue
		}
		if first == nil {
			first = r.Err
		}
		failed = append(failed, fmt.Sprintf("%s (%s)", aclWords(cl.Config, r.ACL), cl.Explain(r.Err).Error()))
	}
	if len(done) > 0 {
		if err := aclTable(ios, aclViews(cl.Config, done)); err != nil {
			return err
		}
		fmt.Fprintf(ios.Out, "%s %s.\n", verb, countNoun(len(done), "ACL"))
	}
	switch {
	case len(failed) == 0:
		return nil
	case len(done) == 0:
		if e := aclsFailed(cl, first, doing); clierr.CodeOf(e) != clierr.CodeFailure || len(failed) == 1 {
			return e
		}
		return clierr.Failuref("%s failed; nothing was applied; refused: %s", doing, strings.Join(failed, ", "))
	}
	var applied []string
	for _, a := range done {
		applied = append(applied, aclWords(cl.Config, a))
	}
	return clierr.Failuref("%s partly applied: applied: %s; not applied: %s", doing, strings.Join(applied, ", "), strings.Join(failed, ", "))
}

// aclWords words one ACL for messages: "allow User:alice read on topic
// orders".
func aclWords(cfg *kafka.Config, a acls.ACL) string {
	return fmt.Sprintf("%s %s %s on %s", a.Permission, a.Principal, a.Operation, resourceWords(cfg, a.Resource, a.Name, a.Pattern))
}

func specWords(cfg *kafka.Config, s acls.Spec) string {
	return fmt.Sprintf("%s %s %s on %s", s.Permission, s.Principal, strings.Join(s.Operations, ","),
		resourceWords(cfg, s.Resource.Type, s.Resource.Name, s.Pattern))
}

func resourceWords(cfg *kafka.Config, typ, name, pattern string) string {
	if typ == acls.Cluster {
		return "the cluster"
	}
	v := aclViews(cfg, []acls.ACL{{Resource: typ, Name: name, Pattern: pattern}})
	if len(v) == 1 {
		name = v[0].ResourceName
	}
	if pattern == acls.Prefixed && name != "*" {
		return fmt.Sprintf("%ss starting with %s", typ, name)
	}
	return typ + " " + name
}
