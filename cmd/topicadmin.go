package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topicconfig"
	"github.com/kafka-cli/kafka/internal/topics"
)

// Helpers shared by the topic administration commands (topic, create,
// destroy, retention-time, compaction, partitions, config).

// topicTarget is what every topic administration command starts from: its
// dependencies and the topic it acts on.
type topicTarget struct {
	IO     *iostreams.IOStreams
	Config func() (*kafka.Config, error)
	Client func() (*kafka.Client, error)

	Name string // as the cluster knows it, with KAFKA_PREFIX
}

func newTopicTarget(f *Factory) topicTarget {
	return topicTarget{IO: f.IO, Config: f.Config, Client: func() (*kafka.Client, error) { return f.Client() }}
}

// setName checks a typed topic name against Kafka's rules, before any
// request, and records it as the cluster knows it.
func (t *topicTarget) setName(typed string) error {
	cfg, err := t.Config()
	if err != nil {
		return err
	}
	if err := cfg.ValidateTopicName(typed); err != nil {
		return clierr.Usagef("%s", err)
	}
	t.Name = cfg.WithPrefix(typed)
	return nil
}

// connect returns the client and a context bounding this command's requests.
func (t *topicTarget) connect(ctx context.Context) (*kafka.Client, context.Context, context.CancelFunc, error) {
	cl, err := t.Client()
	if err != nil {
		return nil, nil, nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	return cl, ctx, cancel, nil
}

// describeTopicConfigs returns one topic's configs; a missing topic is the
// exit-3 error with a did-you-mean suggestion.
func describeTopicConfigs(ctx context.Context, cl *kafka.Client, full string) (kadm.ResourceConfig, error) {
	rc, err := topics.DescribeConfigs(ctx, cl.Admin, full)
	if errors.Is(err, topics.ErrNotFound) {
		return kadm.ResourceConfig{}, topicNotFound(ctx, cl, full)
	}
	return rc, err
}

// alterTopicConfigs applies incremental changes to one topic.
func alterTopicConfigs(ctx context.Context, cl *kafka.Client, full string, ops []kadm.AlterConfig) error {
	r, err := topics.AlterConfigs(ctx, cl.Admin, full, ops)
	if err != nil {
		return err
	}
	if errors.Is(r.Err, topics.ErrNotFound) {
		return topicNotFound(ctx, cl, full)
	}
	if r.Err != nil {
		return failedTo(cl, r.Err, r.ErrMessage, "could not change the configs of topic "+cl.Config.WithoutPrefix(full))
	}
	return nil
}

// knownConfigKeys returns the topic config keys the broker knows, learned
// from one existing topic of this tenant, or Kafka's built-in list.
func knownConfigKeys(ctx context.Context, cl *kafka.Client) ([]string, error) {
	names, err := topics.Names(ctx, cl.Admin)
	if err != nil {
		return nil, err
	}
	var candidates []string
	for _, name := range names {
		if cl.Config.HasPrefix(name) {
			candidates = append(candidates, name)
			break
		}
	}
	keys, _, err := topicconfig.KnownKeys(ctx, cl.Admin, candidates)
	return keys, err
}

// checkConfigKeys is the usage error for keys the broker does not know.
func checkConfigKeys(keys, known []string) error {
	if err := topicconfig.CheckKeys(keys, known); err != nil {
		return clierr.Usagef("%s; nothing was changed", err).WithHint("run 'kafka config TOPIC' to see the keys")
	}
	return nil
}

// parseCompactionValue reads Heroku's boolean words.
func parseCompactionValue(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "on", "yes", "true", "enable", "enabled":
		return true, true
	case "off", "no", "false", "disable", "disabled":
		return false, true
	}
	return false, false
}

// enabledWord words a boolean as Heroku does in its messages.
func enabledWord(b bool) string {
	if b {
		return "enabled"
	}
	return "disabled"
}

// topicMonitorHint is printed after a change, as Heroku does.
func topicMonitorHint(cl *kafka.Client, full string) string {
	return fmt.Sprintf("Use kafka topic %s to monitor it.", cl.Config.WithoutPrefix(full))
}

// changeCleanup reads a topic's retention and cleanup settings, plans a
// change with Heroku's semantics and applies it in one incremental alter.
// Nothing is sent when the topic is already as asked.
func changeCleanup(ctx context.Context, cl *kafka.Client, full string, plan func(topicconfig.State) topicconfig.Plan) (topicconfig.State, topicconfig.Plan, error) {
	rc, err := describeTopicConfigs(ctx, cl, full)
	if err != nil {
		return topicconfig.State{}, topicconfig.Plan{}, err
	}
	before := topicconfig.StateOf(rc.Configs)
	p := plan(before)
	if p.Changed() {
		err = alterTopicConfigs(ctx, cl, full, p.Ops)
	}
	return before, p, err
}

// cleanupOptions are the arguments of retention-time and compaction.
type cleanupOptions struct {
	topicTarget
	// RetentionMs is retention-time's value: positive, or -1 for disable.
	RetentionMs int64
	// Compaction is compaction's value.
	Compaction bool
}

// runCleanupChange runs a retention or compaction change and words it.
func runCleanupChange(ctx context.Context, opts *cleanupOptions, plan func(topicconfig.State) topicconfig.Plan, say func(before topicconfig.State, p topicconfig.Plan, name string) string) error {
	cl, ctx, cancel, err := opts.connect(ctx)
	if err != nil {
		return err
	}
	defer cancel()
	before, p, err := changeCleanup(ctx, cl, opts.Name, plan)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, say(before, p, cl.Config.WithoutPrefix(opts.Name)))
	if p.Changed() {
		fmt.Fprintln(opts.IO.Out, topicMonitorHint(cl, opts.Name))
	}
	return nil
}

// failedTo explains err as Explain does, and for a plain failure (exit 1)
// says what was being done and adds the broker's own message, if any.
// Auth, not-found and timeout errors keep their codes and wording.
//
// A request the broker rejects as invalid (a config value or partition
// count it will not take) is bad input: exit 2, with
// the broker's reason, since real brokers validate more than we can.
func failedTo(cl *kafka.Client, err error, brokerMsg, doing string) error {
	if kafka.BrokerRejected(err) {
		reason := brokerMsg
		if reason == "" {
			reason = err.Error()
		}
		return clierr.Usagef("%s: the broker rejected it: %s; nothing was changed", doing, reason).Wrap(err)
	}
	e := cl.Explain(err)
	var ce *clierr.Error
	if errors.As(e, &ce) && ce.Code == clierr.CodeFailure {
		ce.Msg = doing + ": " + ce.Msg
		if brokerMsg != "" {
			ce.Msg += " (" + brokerMsg + ")"
		}
	}
	return e
}
