package cmd

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topicconfig"
	"github.com/kafka-cli/kafka/internal/topics"
	"github.com/kafka-cli/kafka/internal/units"
)

type createOptions struct {
	topicTarget
	Partitions        int
	ReplicationFactor int
	RetentionTime     string
	Compaction        bool
	ConfigArgs        []string
	IfNotExists       bool
	Force             bool
	// UseConfigFile receives a --config value that names a YAML file: on
	// create, --config key=value shadows the global --config PATH, so a
	// file given there is taken as the config file.
	UseConfigFile func(path string)

	// Configs are what is sent, from the flags above, after validation;
	// ConfigKeys are the keys typed with --config, checked with the broker.
	Configs    map[string]*string
	ConfigKeys []string
}

func newCreateCmd(f *Factory, runF func(*createOptions) error) *cobra.Command {
	opts := &createOptions{topicTarget: newTopicTarget(f), UseConfigFile: func(p string) { f.flags.configPath = p }}
	cmd := &cobra.Command{
		Use:   "create NAME",
		Short: "Create a topic",
		Long: "Create a topic. Partitions and replication factor default to the broker's.\n\n" +
			"--retention-time takes Heroku's grammar: a bare number is milliseconds, or a\n" +
			"number with ms, s, m, h, d or w, or their long names (36h, 10d, 2 weeks).\n" +
			"--compaction sets cleanup.policy=compact and, without --retention-time,\n" +
			"unlimited time retention (Kafka ignores retention.ms for compact-only topics,\n" +
			"and saying so keeps kafka topic honest); with --retention-time the policy is\n" +
			"compact,delete. --config keys must be ones the broker knows for topics.\n\n" +
			"An existing topic exits 1, or 0 with --if-not-exists.",
		Example: "  kafka create router --partitions 8 --retention-time 36h\n" +
			"  kafka create users --compaction\n" +
			"  kafka create events --config max.message.bytes=2097152 --if-not-exists",
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := validateCreate(cmd, opts, args[0]); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return kafka.Access(runCreate(cmd.Context(), opts), "create", kafka.KindTopic, "CREATE", args[0])
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Force, "force", false, fmt.Sprintf("allow more than %d partitions", kafka.PartitionCeiling))
	fl.IntVarP(&opts.Partitions, "partitions", "p", 0, "number of partitions (default: the broker's)")
	fl.IntVarP(&opts.ReplicationFactor, "replication-factor", "r", 0, "replicas per partition (default: the broker's)")
	fl.StringVar(&opts.RetentionTime, "retention-time", "", "time retention, e.g. 36h, 10d, '2 weeks' (default: the broker's)")
	fl.BoolVar(&opts.Compaction, "compaction", false, "enable log compaction (cleanup.policy=compact)")
	fl.StringArrayVar(&opts.ConfigArgs, "config", nil, "topic config key=value (repeatable)")
	fl.BoolVar(&opts.IfNotExists, "if-not-exists", false, "succeed without change when the topic exists")
	return cmd
}

// takeConfigFile removes --config values that name an existing YAML file,
// handing the last one to UseConfigFile, and returns the key=value ones.
func takeConfigFile(opts *createOptions) []string {
	var kv []string
	for _, a := range opts.ConfigArgs {
		ext := strings.ToLower(filepath.Ext(a))
		if !strings.Contains(a, "=") && (ext == ".yaml" || ext == ".yml") {
			if st, err := os.Stat(a); err == nil && !st.IsDir() && opts.UseConfigFile != nil {
				opts.UseConfigFile(a)
				continue
			}
		}
		kv = append(kv, a)
	}
	return kv
}

// validateCreate checks every flag before any request is sent.
func validateCreate(cmd *cobra.Command, opts *createOptions, name string) error {
	// Before setName, which resolves the connection for KAFKA_PREFIX.
	kv := takeConfigFile(opts)
	if err := opts.setName(name); err != nil {
		return err
	}
	fl := cmd.Flags()
	if fl.Changed("partitions") && (opts.Partitions <= 0 || opts.Partitions > math.MaxInt32) {
		return clierr.Usagef("--partitions must be from 1 to %d, got %d", math.MaxInt32, opts.Partitions)
	}
	if opts.Partitions > kafka.PartitionCeiling && !opts.Force {
		return clierr.Usagef("--partitions %d is over the ceiling of %d partitions per topic; nothing was created", opts.Partitions, kafka.PartitionCeiling).
			WithHint("add --force if you mean it")
	}
	if fl.Changed("replication-factor") && (opts.ReplicationFactor <= 0 || opts.ReplicationFactor > math.MaxInt16) {
		return clierr.Usagef("--replication-factor must be from 1 to %d, got %d", math.MaxInt16, opts.ReplicationFactor)
	}
	// Unset means the broker's default, which CreateTopics asks for as -1;
	// the flags default to 0 so that help shows no "(default -1)".
	if !fl.Changed("partitions") {
		opts.Partitions = -1
	}
	if !fl.Changed("replication-factor") {
		opts.ReplicationFactor = -1
	}
	settings, err := topicconfig.ParseSettings(kv)
	if err != nil {
		return clierr.Usagef("%s", err).WithHint("to name a config file for create, use a .yaml path or KAFKA_CONFIG=PATH")
	}
	opts.Configs = map[string]*string{}
	for _, s := range settings {
		v := s.Value
		opts.Configs[s.Key] = &v
		opts.ConfigKeys = append(opts.ConfigKeys, s.Key)
	}
	set := func(key, value, flag string) error {
		if _, dup := opts.Configs[key]; dup {
			return clierr.Usagef("%s and --config %s both set %s; use one", flag, key, key)
		}
		opts.Configs[key] = &value
		return nil
	}
	if fl.Changed("retention-time") {
		d, err := units.ParseDuration(opts.RetentionTime)
		if err != nil {
			return clierr.Usagef("invalid --retention-time: %s", err)
		}
		if err := set("retention.ms", strconv.FormatInt(d.Milliseconds(), 10), "--retention-time"); err != nil {
			return err
		}
	}
	if opts.Compaction {
		policy := "compact"
		if fl.Changed("retention-time") {
			policy = "compact,delete"
		} else if _, ok := opts.Configs["retention.ms"]; !ok {
			opts.Configs["retention.ms"] = kadm.StringPtr("-1")
		}
		if err := set("cleanup.policy", policy, "--compaction"); err != nil {
			return err
		}
	}
	return nil
}

func runCreate(ctx context.Context, opts *createOptions) error {
	cl, ctx, cancel, err := opts.connect(ctx)
	if err != nil {
		return err
	}
	defer cancel()
	name := cl.Config.WithoutPrefix(opts.Name)

	if len(opts.ConfigKeys) > 0 {
		known, err := knownConfigKeys(ctx, cl)
		if err != nil {
			return err
		}
		if err := checkConfigKeys(opts.ConfigKeys, known); err != nil {
			return err
		}
	}

	sp := opts.IO.StartSpinner("Creating topic " + name)
	resp, err := topics.Create(ctx, cl.Admin, int32(opts.Partitions), int16(opts.ReplicationFactor), opts.Configs, opts.Name)
	sp.Stop()
	out := opts.IO.Out
	switch {
	case topics.AlreadyExists(err):
		if opts.IfNotExists {
			fmt.Fprintf(out, "Topic %s already exists; nothing was changed.\n", name)
			return nil
		}
		return clierr.Failuref("topic %q already exists", name).
			WithHint("pass --if-not-exists to accept an existing topic, or see it with 'kafka topic %s'", name).Wrap(err)
	case err != nil:
		return failedTo(cl, err, resp.ErrMessage, "could not create topic "+name)
	}

	parts, rf, retention, compaction, err := appliedSettings(ctx, cl, resp)
	if err != nil {
		return err
	}
	// Done means usable: on real Kafka each broker learns of the topic a
	// moment after the controller answers, and a command run right after
	// would not find it on a broker still behind.
	sp = opts.IO.StartSpinner("Waiting for every broker to list " + name)
	visErr := topics.WaitVisible(ctx, cl.Admin, cl.Client, resp.Topic, parts)
	sp.Stop()
	fmt.Fprintf(out, "Creating topic %s with %s, replication factor %d, retention %s, compaction %s... done\n",
		name, countNoun(parts, "partition"), rf, retentionWords(retention), enabledWord(compaction))
	if nv := (*topics.NotVisibleError)(nil); errors.As(visErr, &nv) {
		fmt.Fprintf(opts.IO.ErrOut, "Warning: broker %s does not list topic %s yet (within --timeout %s); a command run at once may not find it there.\n",
			joinIDs(nv.Brokers), name, cl.Timeout)
	}
	if cl.Config.Prefix != "" {
		fmt.Fprintf(out, "The topic is %s on the cluster (KAFKA_PREFIX %s); use it as %s.\n", opts.Name, cl.Config.Prefix, name)
	}
	fmt.Fprintln(out, topicMonitorHint(cl, opts.Name))
	return nil
}

// appliedSettings reports what the broker actually applied, defaults
// included. Brokers since Kafka 2.4 say so in the create response; older
// ones are asked with a describe.
func appliedSettings(ctx context.Context, cl *kafka.Client, resp kadm.CreateTopicResponse) (parts, rf int, retention *int64, compaction bool, err error) {
	if resp.NumPartitions > 0 && resp.ReplicationFactor > 0 && len(resp.Configs) > 0 {
		cfgs := make([]kadm.Config, 0, len(resp.Configs))
		for _, c := range resp.Configs {
			cfgs = append(cfgs, c)
		}
		s := topicconfig.StateOf(cfgs)
		if s.RetentionMs >= 0 {
			retention = &s.RetentionMs
		}
		return int(resp.NumPartitions), int(resp.ReplicationFactor), retention, s.Compaction(), nil
	}
	sums, _, err := topics.Describe(ctx, cl.Admin, topics.Options{Configs: true}, resp.Topic)
	if err != nil {
		return 0, 0, nil, false, err
	}
	if len(sums) == 0 {
		return 0, 0, nil, false, clierr.Failuref("topic %q was created but is not visible yet", cl.Config.WithoutPrefix(resp.Topic))
	}
	s := sums[0]
	return len(s.Partitions), s.ReplicationFactor, s.RetentionMs, s.Compaction, nil
}
