// Package cmd holds the kafka command tree: one file per command, each with
// an options struct, a constructor and a run function, plus the Factory
// that gives commands their streams, config and clients lazily, and the
// shared wording of the views (words.go). cmd parses flags, calls internal
// packages and formats what they decide; Kafka plumbing and domain rules
// (rates, health, catch-up) live in internal/. cmd makes no Kafka request
// and reads no Kafka error code itself (no kerr, no cl.Admin.X; see
// TestCmdMakesNoKafkaCalls). cmd may import every internal package except
// kafkatest; only main imports cmd.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
)

const rootLong = `kafka manages Apache Kafka topics, records and consumer groups from the
terminal and from scripts, over the Kafka protocol alone.

Connecting. The first of these that is set decides where kafka connects:
  1. -b, --brokers host:port,...   (or a URL list, as KAFKA_URL takes)
  2. -c, --cluster NAME            a cluster named in the config file, or a Heroku
                                   attachment's NAME_URL, NAME_TRUSTED_CERT,
                                   NAME_CLIENT_CERT, NAME_CLIENT_CERT_KEY, NAME_PREFIX
  3. KAFKA_URL, with KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT, KAFKA_CLIENT_CERT_KEY
     and KAFKA_PREFIX
  4. the default cluster in the config file ($XDG_CONFIG_HOME/kafka/config.yaml,
     or --config PATH)
  5. localhost:9092

URLs: host:port and kafka:// are plaintext, kafka+ssl:// is TLS,
kafka+sasl_ssl://user:pass@host:port and kafka+sasl://user:pass@host:port are
SASL over TLS and over plaintext (?mechanism=PLAIN|SCRAM-SHA-256|SCRAM-SHA-512,
default SCRAM-SHA-512).

Logins without a password, with no user in the URL:
  ?mechanism=OAUTHBEARER   a token from KAFKA_OAUTH_TOKEN or the file named by
                           KAFKA_OAUTH_TOKEN_FILE, or the client-credentials flow:
                           KAFKA_OAUTH_TOKEN_URL, KAFKA_OAUTH_CLIENT_ID,
                           KAFKA_OAUTH_CLIENT_SECRET, KAFKA_OAUTH_SCOPE (tokens
                           renewed before they expire)
  ?mechanism=AWS_MSK_IAM   AWS credentials from the SDK's default chain
                           (AWS_ACCESS_KEY_ID..., AWS_PROFILE, SSO, instance role);
                           the region from the MSK host name, else AWS_REGION or
                           AWS_DEFAULT_REGION (neither on another host: exit 2)
The config file's sasl block takes token_file, token_url, client_id,
client_secret, scope and aws_profile. Tokens and secrets never come from argv
and are never printed; a missing or refused one exits 4.

TLS: certificate variables hold PEM text or a path to a PEM file. When a trusted
CA is given, the broker's certificate chain is verified against it but its
hostname is not, because Heroku's broker certificates do not match their
hostnames. With no CA, verification is full, against the system roots.

KAFKA_PREFIX: on multi-tenant plans every topic and group name carries the
prefix. Type names without it; kafka adds it, and shows names without it.

Exit codes: 0 ok; 1 other failure, including partial failure; 2 usage or invalid
input (nothing was sent); 3 topic or group not found; 4 TLS, authentication or
authorization failure; 5 cluster unreachable or timed out; 6 a --check found
a problem. Ctrl-C (or SIGTERM)
ends any command with exit 0 and nothing more said; so does a closed stdout
(kafka list | head -1), so set -o pipefail scripts work.`

// NewRootCmd builds the command tree over a factory.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:           "kafka",
		Short:         "A fast command-line tool for Apache Kafka",
		Long:          rootLong,
		Version:       versionString(f.Build),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			collectLess(f, cmd)
			if err := f.IO.SetColorMode(f.flags.color); err != nil {
				return clierr.Usagef("%s", err)
			}
			if f.flags.timeout <= 0 {
				return clierr.Usagef("--timeout must be positive")
			}
			// An empty value would otherwise read as "not given" and
			// silently fall through to KAFKA_URL or localhost.
			for _, name := range []string{"brokers", "cluster", "config"} {
				if fl := cmd.Flags().Lookup(name); fl != nil && fl.Changed && strings.TrimSpace(fl.Value.String()) == "" {
					return clierr.Usagef("--%s is empty", name).WithHint("see '%s --help' for how kafka finds the cluster", cmd.Root().Name())
				}
			}
			return nil
		},
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.CompletionOptions.HiddenDefaultCmd = true

	pf := root.PersistentFlags()
	pf.StringVarP(&f.flags.brokers, "brokers", "b", "", "brokers to connect to: host:port,... or a URL list")
	f.addClusterFlag(pf, "c")
	pf.StringVar(&f.flags.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/kafka/config.yaml)")
	pf.DurationVar(&f.flags.timeout, "timeout", kafka.DefaultTimeout, "bound on every request to the cluster")
	pf.StringVar(&f.flags.color, "color", iostreams.ColorAuto, "colour output: auto, always or never")
	pf.BoolVarP(&f.flags.verbose, "verbose", "v", false, "log connection details and client debug output to stderr")
	pf.StringVar(&f.flags.schemaRegistry, "schema-registry", "", "schema registry URL, such as https://user:pass@host:8081 (or "+registryEnv+"; with neither, the config file's, or kafka dev's on localhost:8081 with its cluster)")
	pf.BoolVar(&f.flags.insecureSkipVerify, "insecure-skip-verify", false, "do not verify the broker's TLS certificate (unsafe)")

	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return clierr.Usagef("%s", flagErrorText(err)).WithHint("see '%s --help'", c.CommandPath())
	})
	root.SetHelpCommand(newHelpCmd(root))

	// Commands are added in groups of related commands; each group is its
	// own AddCommand call.
	root.AddCommand(
		newVersionCmd(f, nil),
	)

	// devtools
	root.AddCommand(
		newDevCmd(f, nil),
		newCompletionCmd(f),
		newDocsCmd(f),
	)

	// topics
	root.AddCommand(
		newListCmd(f, nil),
		newTopicCmd(f, nil),
		newCreateCmd(f, nil),
		newDestroyCmd(f, nil),
		newRetentionTimeCmd(f, nil),
		newCompactionCmd(f, nil),
		newPartitionsCmd(f, nil),
		newConfigCmd(f, nil),
	)

	// records
	root.AddCommand(newTailCmd(f, nil))

	root.AddCommand(newDeleteRecordsCmd(f, nil))

	root.AddCommand(newWriteCmd(f, nil))

	// schemas
	root.AddCommand(newSchemasCmd(f, nil))

	// cluster and groups
	root.AddCommand(newInfoCmd(f, nil), newTopCmd(f, nil), newWaitCmd(f, nil))

	root.AddCommand(newBrokersCmd(f, nil), newReplicationFactorCmd(f, nil), newReassignmentsCmd(f, nil), newACLsCmd(f), newUsersCmd(f))

	root.AddCommand(
		newGroupsCmd(f, nil),
	)

	registerFlagCompletions(root)
	return root
}

// Execute runs the command line and returns the process exit code. It is
// the one place a command's returned error is printed and mapped to an exit
// code (a command that reports a partial failure, such as consumer-groups
// for a group it could not describe, prints that row's error itself and
// returns a silent error).
func Execute(ctx context.Context, build BuildInfo, args []string, ios *iostreams.IOStreams, getenv func(string) string, opts ...Option) int {
	f := NewFactory(ios, build, getenv)
	for _, o := range opts {
		o(f)
	}
	return execute(ctx, f, args)
}

// Option adjusts one run of Execute.
type Option func(*Factory)

// AsProcess tells Execute that it runs as the kafka process itself (main
// says so), so that commands may change process-wide state: tail sets a
// soft heap limit, which in a test would reach the in-process brokers too.
func AsProcess() Option { return func(f *Factory) { f.Process = true } }

// oneShot, set in a command's Annotations, marks a command that gathers
// one answer and exits (list, info, topic).
const oneShot = "kafka/one-shot"

// collectLess lets a one-shot command's heap grow to five times what is
// live between collections, rather than twice, when the run is the process
// itself and GOGC does not say otherwise: on 50,000 partitions list spent
// a quarter of its CPU collecting garbage (185 ms of CPU at the default,
// 150 ms at GOGC=400, on the scale benchmark's cluster) in a process that
// exits moments later. What is live stays the same; only the peak grows.
func collectLess(f *Factory, cmd *cobra.Command) {
	if f.Process && cmd.Annotations[oneShot] != "" && f.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

// execute is Execute with a factory a test may have adjusted.
func execute(ctx context.Context, f *Factory, args []string) int {
	ios := f.IO
	// iostreams.System has already read the process's NO_COLOR; reading it
	// through getenv as well lets the environment a test or wrapper passes
	// in turn colour off too.
	if f.Getenv("NO_COLOR") != "" {
		ios.SetNoColorEnv(true)
	}
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	err := root.ExecuteContext(ctx)
	if err != nil {
		err = classify(ctx, f, err)
	}
	f.close()
	if err == nil {
		return clierr.CodeOK
	}
	printError(ios, err)
	return clierr.CodeOf(err)
}

func classify(ctx context.Context, f *Factory, err error) error {
	var ce *clierr.Error
	if errors.As(err, &ce) {
		return f.explain(err) // unchanged, unless an Access names what was denied
	}
	if iostreams.ClosedPipe(err) {
		return nil
	}
	if ctx.Err() != nil {
		// The user interrupted (Ctrl-C, SIGTERM): that is exit 0 with
		// nothing more said, in every command, as tail and --watch
		// always did. A command that lost data on the way (write) says
		// so with a typed error, kept above.
		return nil
	}
	switch msg := err.Error(); {
	case strings.HasPrefix(msg, cobraUnknownCommand):
		return unknownCommand(msg)
	case strings.HasPrefix(msg, cobraTooFewArgs):
		return clierr.Usagef("%s", msg).WithHint("see 'kafka --help'")
	}
	return f.explain(err)
}

// The usage errors cobra returns as plain errors, by the start of their
// text: cobra has no types for them. Flag errors come typed through the
// flag error func, and every command validates its arguments with typed
// errors (args.go), so only these two reach classify. TestCobraTexts
// produces each from cobra, so an upgrade that changes one fails it.
const (
	cobraUnknownCommand = "unknown command "   // the root given a command it does not have
	cobraTooFewArgs     = "requires at least " // cobra's own __complete given no arguments
)

// unknownCommand rewrites cobra's multi-line "unknown command "tial" for
// "kafka"\n\nDid you mean this?\n\ttail\n" as one line:
// unknown command "tial"; did you mean "tail"?
func unknownCommand(msg string) error {
	head, rest, _ := strings.Cut(msg, "\n")
	if i := strings.Index(head, " for \""); i >= 0 {
		head = head[:i]
	}
	var hints []string
	if _, list, ok := strings.Cut(rest, "Did you mean this?"); ok {
		for _, l := range strings.Fields(list) {
			hints = append(hints, fmt.Sprintf("%q", l))
		}
	}
	if len(hints) == 0 {
		return clierr.Usagef("%s", head).WithHint("see 'kafka --help'")
	}
	return clierr.Usagef("%s; did you mean %s?", head, strings.Join(hints, " or "))
}

func printError(ios *iostreams.IOStreams, err error) {
	msg := strings.TrimSpace(err.Error())
	if msg == "" {
		return
	}
	msg = strings.ReplaceAll(msg, "\n", " ")
	cs := iostreams.NewColorScheme(ios.IsStderrTTY() && ios.Interactive())
	fmt.Fprintf(ios.ErrOut, "%s %s\n", cs.Red("Error:"), msg)
}
