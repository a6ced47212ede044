package cmd

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/record"
	"github.com/kafka-cli/kafka/internal/tail"
)

type tailOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*kafka.Config, error)
	Client func(warner *tail.Warner) (*kafka.Client, error)

	Topics    []string
	Num       int64
	From      string
	NoFollow  bool
	Count     int64
	Partition string
	Key       *string
	Grep      string
	Where     string
	JSON      bool
	Format    string
	MaxLength int
	Decode    string
	Factory   *Factory
	Long      bool
	Isolation string
	Group     string

	// Resolved by validation, before any request.
	from       tail.From
	countSet   bool // --count was given; 0 is then refused rather than meaning no limit
	fromSet    bool // --from was given
	partitions []int32
	isolation  tail.Isolation
	filter     *tail.Filter
	custom     *tail.Custom
	names      *tail.Names
}

const tailLong = `Print records as they arrive, like tail -f. By default tail starts at the
end of every partition and follows until Ctrl-C; without --group it uses no
consumer group and commits nothing.

Each record is one line: TOPIC PARTITION OFFSET LENGTH VALUE. LENGTH is the
value's full size in bytes; VALUE is cut to --max-length bytes, never inside
a UTF-8 character. Newlines, control characters and invalid UTF-8 are escaped
(\n, \t, \xNN) so that one record is one line; a null value prints NULL.
--long adds KEY and TIME after OFFSET: TOPIC PARTITION OFFSET KEY TIME
LENGTH VALUE, the key escaped like values (spaces as \x20, NULL when there
is none) and the time in RFC 3339, UTC.

--from POS starts elsewhere: beginning, end, an OFFSET in every partition,
-N (N records before the end of each partition), @TIME (RFC 3339 or a date,
such as @2026-11-22) or @-DURATION (such as @-15m). -n N first shows the
newest N records across the partitions, in time order, then follows; it
looks back N records in each partition, and filters apply to those.
--no-follow stops at the end offsets of the moment tail started. While
following, tail looks for partitions added to its topics every 5 seconds
and reads them from their first record (not with -p).

-p takes partitions such as 0,2,5-7; a partition a topic does not have is a
not-found error (exit 3). tail reads committed records only, as Kafka's
consumers do: records of aborted transactions are skipped, and --no-follow
stops at the last stable offset (before any open transaction); --isolation
read-uncommitted shows every record. --where keeps records whose JSON value makes the jq
expression true; values that are not JSON are skipped and counted on stderr.
The value is the expression's input; $key (a string, or null), $headers (an
object of header values), $partition, $offset and $timestamp (milliseconds
since the epoch) hold the record's metadata, as in
--where '$key == "user-42" and .status >= 500'.

With a schema registry (--schema-registry, KAFKA_SCHEMA_REGISTRY_URL or the
cluster's schema_registry in the config file), keys and values in its wire
format are decoded with their writer's schema (Avro, Protobuf or JSON
Schema) and shown, filtered and matched as JSON; anything else shows as it
is, with one warning per schema that cannot be used. --decode none turns
this off.

--group G reads as a member of consumer group G and commits the offset after
each record it prints (every few seconds, and on exit, Ctrl-C included): this
CHANGES THE GROUP'S OFFSETS, so that G's consumers later start after what tail
showed. Without --from it starts where G left off (the end of a partition G
has no offset for); with --from it starts there, which replays or skips
records for G. --no-follow and --count stop as usual, and what was printed is
committed. G must have no active members, as for consumer-groups reset: stop
its consumers first. -n and --partition cannot be used with --group.

On tail, -c is --count; give the cluster as --cluster NAME.

--format verbs (kcat's): ` + tail.Verbs + `.
Values are written raw; add \n yourself.

JSON output (--json), one object per line, nothing truncated:
`

func newTailCmd(f *Factory, runF func(*tailOptions) error) *cobra.Command {
	opts := &tailOptions{IO: f.IO, Config: f.Config, Factory: f}
	opts.Client = func(w *tail.Warner) (*kafka.Client, error) {
		return f.Client(tailClientOpts(w, opts.isolation)...)
	}
	cmd := &cobra.Command{
		Use:               "tail TOPIC [TOPIC...]",
		ValidArgsFunction: completeTopicFlag(f),
		Short:             "Print records from topics as they arrive",
		Long:              tailLong + output.JSONDoc(record.JSON{}),
		Example: `  kafka tail router
  kafka tail router --from beginning --no-follow --json > router.jsonl
  kafka tail router -n 100 --grep '"path":"/api/'
  kafka tail router --from @-15m --where '.status >= 500' -c 10
  kafka tail router --format '%k\t%s\n'`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Topics = args
			opts.countSet = cmd.Flags().Changed("count")
			opts.fromSet = cmd.Flags().Changed("from")
			if cmd.Flags().Changed("group") && opts.Group == "" {
				return clierr.Usagef("--group needs a consumer group name")
			}
			if cmd.Flags().Changed("key") {
				k, _ := cmd.Flags().GetString("key")
				opts.Key = &k
			}
			if err := validateTail(opts, cmd.Flags().Changed("max-length")); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			err := kafka.Access(runTail(cmd.Context(), opts), "read", kafka.KindTopic, "READ and DESCRIBE", args...)
			if opts.Group != "" {
				err = kafka.Access(err, "consume as", kafka.KindGroup, "READ", opts.Group)
			}
			return err
		},
	}
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		e := clierr.Usagef("%s", flagErrorText(err)).WithHint("see 'kafka tail --help'")
		if fl := flagOf(err); fl != nil && fl.Name == "count" {
			e.WithHint("on tail, -c is --count; give the cluster as --cluster NAME")
		}
		return e
	})
	fl := cmd.Flags()
	fl.Int64VarP(&opts.Num, "num", "n", 0, "first print the newest N records, in time order, then follow")
	fl.StringVar(&opts.From, "from", "end", "start at beginning, end, OFFSET, -N, @TIME or @-DURATION")
	fl.BoolVarP(&opts.NoFollow, "no-follow", "e", false, "stop at the end offsets as they were when tail started")
	fl.Int64VarP(&opts.Count, "count", "c", 0, "exit after printing N records (N >= 1; without --count there is no limit)")
	fl.StringVarP(&opts.Partition, "partition", "p", "", "only these partitions, such as 0,2,5-7")
	fl.String("key", "", "only records with this key")
	fl.StringVar(&opts.Grep, "grep", "", "only records whose value matches this regular expression")
	fl.StringVar(&opts.Where, "where", "", "only records whose JSON value makes this jq expression true")
	fl.BoolVar(&opts.JSON, "json", false, "print one JSON object per record")
	fl.StringVar(&opts.Format, "format", "", "print each record with this layout (kcat verbs, see above)")
	fl.StringVar(&opts.Decode, "decode", "auto", "auto: show schema-encoded keys and values as JSON when a schema registry is configured; none: as they are")
	fl.BoolVarP(&opts.Long, "long", "l", false, "add each record's KEY and TIME (RFC 3339, UTC) after OFFSET")
	fl.StringVar(&opts.Isolation, "isolation", string(tail.ReadCommitted), "read-committed skips aborted transactions; read-uncommitted shows them")
	fl.StringVar(&opts.Group, "group", "", "read as consumer group `G` and commit what is printed: changes G's offsets")
	fl.IntVar(&opts.MaxLength, "max-length", 80, "cut values to N bytes in the line format; 0 means no limit")
	// -c is --count here, as in kcat; shadowing the global --cluster with
	// a copy that has no shorthand keeps --cluster NAME working on tail.
	f.addClusterFlag(fl, "")
	return cmd
}

// validateTail checks every flag before any request (exit 2).
func validateTail(o *tailOptions, maxLengthSet bool) error {
	var err error
	if o.from, err = tail.ParseFrom(o.From, time.Now()); err != nil {
		return clierr.Usagef("%s", err)
	}
	if o.isolation, err = tail.ParseIsolation(o.Isolation); err != nil {
		return clierr.Usagef("%s", err)
	}
	switch {
	case o.Num < 0:
		return clierr.Usagef("-n must not be negative, got %d", o.Num)
	case o.Count < 0 || (o.countSet && o.Count == 0):
		return clierr.Usagef("--count must be 1 or more, got %d", o.Count).WithHint("leave --count out to print records without a limit")
	case o.MaxLength < 0:
		return clierr.Usagef("--max-length must not be negative (0 means no limit), got %d", o.MaxLength)
	case o.Num > 0 && o.From != "end":
		return clierr.Usagef("-n and --from cannot be used together").WithHint("use --from -N for the last N records of each partition")
	case o.Long && (o.JSON || o.Format != ""):
		return clierr.Usagef("--long applies only to the line format; --json and --format carry the key and time (%%k, %%d)")
	case o.JSON && o.Format != "":
		return clierr.Usagef("--json and --format cannot be used together")
	case o.Group != "" && o.Num > 0:
		return clierr.Usagef("-n and --group cannot be used together").WithHint("use --from -N to start N records before the end")
	case o.Group != "" && o.Partition != "":
		return clierr.Usagef("--partition and --group cannot be used together: the group assigns the partitions")
	case o.Decode != "auto" && o.Decode != "none":
		return clierr.Usagef("--decode must be auto or none, got %q", o.Decode)
	case maxLengthSet && (o.JSON || o.Format != ""):
		return clierr.Usagef("--max-length applies only to the line format; --json and --format never truncate")
	}
	if o.Group != "" {
		if err := kafka.ValidateGroupName(o.Group); err != nil {
			return clierr.Usagef("--group: %s", err)
		}
	}
	if o.Partition != "" {
		if o.partitions, err = kafka.ParsePartitions(o.Partition); err != nil {
			return clierr.Usagef("%s", err)
		}
	}
	if o.filter, err = tail.NewFilter(o.Key, o.Grep, o.Where); err != nil {
		return clierr.Usagef("%s", err)
	}
	o.names = &tail.Names{}
	if o.Format != "" {
		if o.custom, err = tail.ParseFormat(o.Format, o.names); err != nil {
			return clierr.Usagef("%s", err)
		}
	}
	cfg, err := o.Config()
	if err != nil {
		return err
	}
	for _, t := range o.Topics {
		if err := cfg.ValidateTopicName(t); err != nil {
			return clierr.Usagef("%s", err)
		}
	}
	o.names.Strip = cfg.WithoutPrefix
	return nil
}
