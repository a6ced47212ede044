package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/devcluster"
	"github.com/kafka-cli/kafka/internal/devregistry"
	"github.com/kafka-cli/kafka/internal/iostreams"
)

type devOptions struct {
	IO     *iostreams.IOStreams
	Getenv func(string) string

	Port         int
	RegistryPort int
	Brokers      int
	DataDir      string
	Memory       bool
	Demo         bool
	DemoRate     int
	DemoStall    bool
	NoUI         bool
	// Timeout bounds each request of the demo's live view (--timeout).
	Timeout func() time.Duration

	// started, if set, receives the running cluster and registry (tests).
	started func(*devcluster.Cluster, *devregistry.Registry)
}

const devLong = `Run an embedded Kafka-protocol cluster (franz-go's kfake) in the foreground,
for development and for trying kafka without installing Kafka.

Brokers listen on 127.0.0.1 only, on consecutive ports from --port. A
Confluent-compatible schema registry listens on --registry-port; kafka uses
it, as it uses the brokers on localhost:9092, when nothing else is
configured. Data, schemas included, persists across restarts in --data
(default $XDG_STATE_HOME/kafka/dev, or ~/.local/state/kafka/dev); --memory
keeps it in memory only. Retention is
applied every second. Topics are never created on first use, as on Heroku.
It refuses what would exhaust the embedded brokers' memory: more than
10,000 partitions in a topic (INVALID_PARTITIONS) or 50,000 in all topics
(POLICY_VIOLATION), a record batch over 8 MiB whatever max.message.bytes
says (MESSAGE_TOO_LARGE), and a request over 100 MiB (it closes the
connection, as a broker does beyond socket.request.max.bytes).

With --demo, a "router" topic (8 partitions) is fed with Heroku router log
lines as JSON at --demo-rate messages per second; a "metrics" consumer group
reads them at half that rate, so it is lagging and gets advice, and an
"audit" group of two members keeps up. An "orders" topic gets Avro-encoded
orders, whose schema is registered as orders-value, so kafka tail orders
shows them decoded. On a terminal, --demo then opens
kafka top on the cluster, in the foreground (q or Ctrl-C stops both), and
its x key stalls audit's second member: it stops reading and committing
while it stays in the group, so its partitions turn "stalled". --demo-stall
starts with that member stalled. Off a terminal, or with --no-ui, it prints
the banner, so kafka info, kafka topic router, kafka consumer-groups metrics
and kafka tail router can be run from another terminal.

Ctrl-C stops the cluster cleanly. A port already in use, or a --data
directory it cannot write to, exits 1.`

func newDevCmd(f *Factory, runF func(*devOptions) error) *cobra.Command {
	opts := &devOptions{IO: f.IO, Getenv: f.Getenv, Timeout: f.Timeout}
	cmd := &cobra.Command{
		Use:   "dev",
		Short: "Run a local Kafka-protocol cluster in the foreground",
		Long:  devLong,
		Example: "  kafka dev\n" +
			"  kafka dev --demo\n" +
			"  kafka dev --memory --port 19092 --brokers 1",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := validateDev(cmd, opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runDev(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&opts.Port, "port", 9092, "first broker's port; the others follow (0: random free ports)")
	fl.IntVar(&opts.RegistryPort, "registry-port", devregistry.DefaultPort, "the schema registry's port (0: a random free port; the default with --port 0)")
	fl.IntVar(&opts.Brokers, "brokers", 3, "number of brokers")
	fl.StringVar(&opts.DataDir, "data", "", "keep data in `DIR` across restarts (default $XDG_STATE_HOME/kafka/dev)")
	fl.BoolVar(&opts.Memory, "memory", false, "keep data in memory only")
	fl.BoolVar(&opts.Demo, "demo", false, "add a router topic with a steady producer and a slower metrics consumer group")
	fl.IntVar(&opts.DemoRate, "demo-rate", devcluster.DemoRate, "messages per second the demo producer writes")
	fl.BoolVar(&opts.DemoStall, "demo-stall", false, "start the demo with a member of the audit group stalled")
	fl.BoolVar(&opts.NoUI, "no-ui", false, "with --demo on a terminal: print the banner rather than open kafka top")
	return cmd
}

// validateDev rejects bad flags before anything is bound.
func validateDev(cmd *cobra.Command, o *devOptions) error {
	if o.Brokers < 1 || o.Brokers > 16 {
		return clierr.Usagef("--brokers must be between 1 and 16, got %d", o.Brokers)
	}
	if o.Port < 0 || o.Port+o.Brokers-1 > 65535 {
		return clierr.Usagef("--port %d does not leave room for %d brokers below 65536", o.Port, o.Brokers)
	}
	if o.RegistryPort < 0 || o.RegistryPort > 65535 {
		return clierr.Usagef("--registry-port must be between 0 and 65535, got %d", o.RegistryPort)
	}
	if o.Port == 0 && !cmd.Flags().Changed("registry-port") {
		o.RegistryPort = 0
	}
	if o.RegistryPort != 0 && o.RegistryPort >= o.Port && o.RegistryPort < o.Port+o.Brokers {
		return clierr.Usagef("--registry-port %d is one of the brokers' ports %d-%d", o.RegistryPort, o.Port, o.Port+o.Brokers-1)
	}
	if o.Memory && cmd.Flags().Changed("data") {
		return clierr.Usagef("--data and --memory cannot be used together")
	}
	if cmd.Flags().Changed("data") && o.DataDir == "" {
		return clierr.Usagef("--data needs a directory")
	}
	for _, name := range []string{"demo-rate", "demo-stall", "no-ui"} {
		if cmd.Flags().Changed(name) && !o.Demo {
			return clierr.Usagef("--%s needs --demo", name)
		}
	}
	if o.DemoRate < 1 || o.DemoRate > 100000 {
		return clierr.Usagef("--demo-rate must be between 1 and 100000, got %d", o.DemoRate)
	}
	if !o.Memory && o.DataDir == "" {
		dir, err := defaultDevDataDir(o.Getenv)
		if err != nil {
			return clierr.Usagef("cannot find a data directory: %s", err).WithHint("pass --data DIR or --memory")
		}
		o.DataDir = dir
	}
	// The broker count follows the data unless it is asked for explicitly.
	if !o.Memory && !cmd.Flags().Changed("brokers") {
		if saved := devcluster.SavedBrokers(o.DataDir); saved > 0 {
			o.Brokers = saved
		}
	}
	return nil
}

func defaultDevDataDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "kafka", "dev"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(home, ".local", "state", "kafka", "dev"), nil
}

func runDev(ctx context.Context, o *devOptions) error {
	dir := o.DataDir
	if o.Memory {
		dir = ""
	}
	c, err := devcluster.Start(devcluster.Options{Port: o.Port, Brokers: o.Brokers, DataDir: dir})
	if err != nil {
		return explainDevStart(err, o)
	}
	reg, err := devregistry.Start(devregistry.Options{Port: o.RegistryPort, DataDir: dir})
	if err != nil {
		c.Close()
		return explainRegistryStart(err)
	}
	if o.Demo && !o.NoUI && o.IO.IsStdoutTTY() && o.IO.IsStdinTTY() {
		defer reg.Close()
		return runDevTop(ctx, o, c, reg)
	}
	out := o.IO.Out
	cs := o.IO.ColorScheme()
	where := "in memory"
	if dir != "" {
		where = "data in " + dir
	}
	addrs := c.ListenAddrs()
	fmt.Fprintln(out, cs.Bold(fmt.Sprintf("=== Kafka dev cluster: %d brokers, %s", len(addrs), where)))
	fmt.Fprintf(out, "Brokers: %s\n", strings.Join(addrs, ", "))
	fmt.Fprintf(out, "Schema registry: %s\n\n", reg.URL())
	fmt.Fprintln(out, "In another terminal:")
	fmt.Fprintf(out, "  export KAFKA_URL=%s\n", c.URL())
	fmt.Fprintf(out, "  export %s=%s\n", registryEnv, reg.URL())
	fmt.Fprintln(out, "  kafka list")

	var demoDone chan error
	demoCtx, stopDemo := context.WithCancel(ctx)
	defer stopDemo()
	if o.Demo {
		fmt.Fprintf(out, "  kafka info\n  kafka topic %s\n  kafka consumer-groups %s\n  kafka tail %s\n  kafka tail %s\n  kafka schemas %s\n\n",
			devcluster.DemoTopic, devcluster.DemoGroup, devcluster.DemoTopic, devcluster.DemoOrdersTopic, devcluster.DemoOrdersSubject)
		fmt.Fprintln(out, demoLine(o))
		demoDone = make(chan error, 1)
		demo := demoOptions(o, reg.URL())
		go func() { demoDone <- devcluster.RunDemo(demoCtx, addrs, demo) }()
	} else {
		fmt.Fprintln(out)
	}
	fmt.Fprintln(out, "Press Ctrl-C to stop.")
	if o.started != nil {
		o.started(c, reg)
	}

	// The demo returns early only on failure; a nil channel never fires.
	var demoErr error
	select {
	case <-ctx.Done():
		stopDemo()
		if demoDone != nil {
			demoErr = <-demoDone
		}
	case demoErr = <-demoDone:
	}
	reg.Close()
	c.Close()
	if demoErr != nil && ctx.Err() == nil {
		return clierr.Failuref("dev cluster demo failed: %s", demoErr)
	}
	fmt.Fprintln(out, "Stopped.")
	return nil
}

func halfRate(r int) string {
	if r%2 == 0 {
		return fmt.Sprint(r / 2)
	}
	return fmt.Sprintf("%.1f", float64(r)/2)
}

func explainDevStart(err error, o *devOptions) error {
	var busy *devcluster.PortInUseError
	if errors.As(err, &busy) {
		last := o.Port + o.Brokers - 1
		return clierr.Failuref("cannot start the dev cluster: port %d is already in use (it needs ports %d-%d)", busy.Port, o.Port, last).
			WithHint("stop what is using it, or pick other ports with --port").Wrap(err)
	}
	var dd *devcluster.DataDirError
	if errors.As(err, &dd) {
		return clierr.Failuref("cannot start the dev cluster: %s", dd).
			WithHint("pass another --data DIR, or --memory").Wrap(err)
	}
	var bc *devcluster.BrokerCountError
	if errors.As(err, &bc) {
		return clierr.Usagef("%s", bc).WithHint("use --brokers %d, or another --data directory", bc.Saved).Wrap(err)
	}
	return clierr.Failuref("cannot start the dev cluster: %s", strings.ReplaceAll(err.Error(), "\n", " ")).Wrap(err)
}

func explainRegistryStart(err error) error {
	var busy *devregistry.PortInUseError
	if errors.As(err, &busy) {
		return clierr.Failuref("cannot start the dev schema registry: port %d is already in use", busy.Port).
			WithHint("stop what is using it, or pick another port with --registry-port").Wrap(err)
	}
	return clierr.Failuref("cannot start the dev schema registry: %s", strings.ReplaceAll(err.Error(), "\n", " ")).Wrap(err)
}
