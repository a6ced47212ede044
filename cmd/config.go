package cmd

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/topicconfig"
	"github.com/kafka-cli/kafka/internal/topics"
)

type configOptions struct {
	topicTarget
	Settings []topicconfig.Setting
	Unset    []string
	JSON     bool
}

// topicConfigView is one config of a topic.
type topicConfigView struct {
	Name      string  `json:"name" doc:"config key"`
	Value     *string `json:"value" doc:"value; null when sensitive"`
	Source    string  `json:"source" doc:"where the value comes from: DEFAULT_CONFIG, DYNAMIC_TOPIC_CONFIG (set on the topic), STATIC_BROKER_CONFIG, DYNAMIC_BROKER_CONFIG, ..."`
	Sensitive bool    `json:"sensitive" doc:"true when the broker hides the value"`
}

func newConfigCmd(f *Factory, runF func(*configOptions) error) *cobra.Command {
	opts := &configOptions{topicTarget: newTopicTarget(f)}
	cmd := &cobra.Command{
		Use:               "config NAME [KEY=VALUE ...] [--unset KEY ...]",
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Show or change a topic's configs",
		Long: "Without changes, list every config of the topic with its value and where\n" +
			"the value comes from. With KEY=VALUE arguments or --unset KEY, change only\n" +
			"those configs (an incremental alter: others keep their values; an unset\n" +
			"config returns to the broker's default) and show what changed. Keys must\n" +
			"be ones the broker knows for topics; a typo exits 2 and changes nothing.\n\n" +
			"JSON output (--json), also after a change: " + output.JSONDoc([]topicConfigView{}),
		Example: "  kafka config router\n" +
			"  kafka config router retention.ms=86400000 max.message.bytes=2097152\n" +
			"  kafka config router --unset max.message.bytes",
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.setName(args[0]); err != nil {
				return err
			}
			var err error
			if opts.Settings, err = topicconfig.ParseSettings(args[1:]); err != nil {
				return clierr.Usagef("%s", err)
			}
			seen := map[string]bool{}
			for _, k := range append(settingKeys(opts.Settings), opts.Unset...) {
				if k == "" {
					return clierr.Usagef("--unset needs a config key")
				}
				if seen[k] {
					return clierr.Usagef("config %q is given more than once; nothing was changed", k)
				}
				seen[k] = true
			}
			if runF != nil {
				return runF(opts)
			}
			if len(opts.Settings)+len(opts.Unset) > 0 {
				return kafka.Access(runConfig(cmd.Context(), opts), "change the configs of", kafka.KindTopic, "ALTER_CONFIGS and DESCRIBE_CONFIGS", args[0])
			}
			return kafka.Access(runConfig(cmd.Context(), opts), "describe the configs of", kafka.KindTopic, "DESCRIBE_CONFIGS", args[0])
		},
	}
	cmd.Flags().StringArrayVar(&opts.Unset, "unset", nil, "config key to return to its default (repeatable)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runConfig(ctx context.Context, opts *configOptions) error {
	cl, ctx, cancel, err := opts.connect(ctx)
	if err != nil {
		return err
	}
	defer cancel()
	rc, err := describeTopicConfigs(ctx, cl, opts.Name)
	if err != nil {
		return err
	}
	name := cl.Config.WithoutPrefix(opts.Name)
	if len(opts.Settings) == 0 && len(opts.Unset) == 0 {
		return printTopicConfigs(opts, name, rc.Configs)
	}

	keys := append(settingKeys(opts.Settings), opts.Unset...)
	if err := checkConfigKeys(keys, topicconfig.KeysOf(rc.Configs)); err != nil {
		return err
	}
	ops := make([]kadm.AlterConfig, 0, len(keys))
	for _, s := range opts.Settings {
		ops = append(ops, kadm.AlterConfig{Op: kadm.SetConfig, Name: s.Key, Value: kadm.StringPtr(s.Value)})
	}
	for _, k := range opts.Unset {
		ops = append(ops, kadm.AlterConfig{Op: kadm.DeleteConfig, Name: k})
	}
	if err := alterTopicConfigs(ctx, cl, opts.Name, ops); err != nil {
		return err
	}
	after, err := topics.DescribeApplied(ctx, cl.Admin, opts.Name, ops)
	if errors.Is(err, topics.ErrNotFound) {
		return topicNotFound(ctx, cl, opts.Name)
	}
	if err != nil {
		return err
	}
	if opts.JSON {
		return printTopicConfigs(opts, name, after.Configs)
	}
	old := map[string]kadm.Config{}
	for _, c := range rc.Configs {
		old[c.Key] = c
	}
	changed := map[string]bool{}
	for _, k := range keys {
		changed[k] = true
	}
	rows := [][]string{}
	cs := opts.IO.ColorScheme()
	for _, c := range sortedConfigs(after.Configs) {
		if changed[c.Key] {
			rows = append(rows, []string{cs.Cyan(c.Key), configValue(old[c.Key]), configValue(c), c.Source.String()})
		}
	}
	fmt.Fprintf(opts.IO.Out, "Changing configs of topic %s... done\n", name)
	return output.Table(opts.IO.Out, cs, []string{"Config", "Was", "Now", "Source"}, rows)
}

func printTopicConfigs(opts *configOptions, name string, cfgs []kadm.Config) error {
	sorted := sortedConfigs(cfgs)
	if opts.JSON {
		views := make([]topicConfigView, 0, len(sorted))
		for _, c := range sorted {
			v := topicConfigView{Name: c.Key, Value: c.Value, Source: c.Source.String(), Sensitive: c.Sensitive}
			if c.Sensitive {
				v.Value = nil
			}
			views = append(views, v)
		}
		return output.JSON(opts.IO.Out, views)
	}
	cs := opts.IO.ColorScheme()
	fmt.Fprintln(opts.IO.Out, cs.Bold("=== "+name+" configs"))
	rows := make([][]string, 0, len(sorted))
	for _, c := range sorted {
		rows = append(rows, []string{cs.Cyan(c.Key), configValue(c), c.Source.String()})
	}
	return output.Table(opts.IO.Out, cs, []string{"Config", "Value", "Source"}, rows)
}

func sortedConfigs(cfgs []kadm.Config) []kadm.Config {
	out := append([]kadm.Config(nil), cfgs...)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func configValue(c kadm.Config) string {
	switch {
	case c.Sensitive:
		return "(sensitive)"
	case c.Value == nil:
		return "(none)"
	}
	return *c.Value
}

func settingKeys(ss []topicconfig.Setting) []string {
	keys := make([]string, 0, len(ss))
	for _, s := range ss {
		keys = append(keys, s.Key)
	}
	return keys
}
