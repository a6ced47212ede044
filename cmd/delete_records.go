package cmd

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/topics"
	"github.com/kafka-cli/kafka/internal/units"
)

type deleteRecordsOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	Topic      string
	Before     string
	Partitions string
	Execute    bool
	JSON       bool

	offset int64     // --before OFFSET, or -1
	at     time.Time // --before @TIME
	parts  []int32   // nil means all
}

// deleteRecordsView is one partition of a delete-records plan.
type deleteRecordsView struct {
	Partition int32  `json:"partition" doc:"partition number"`
	Start     int64  `json:"start" doc:"first retained offset before the deletion"`
	NewStart  int64  `json:"new_start" doc:"first retained offset after it"`
	Deleted   int64  `json:"deleted" doc:"offsets deleted (new_start minus start)"`
	Executed  bool   `json:"executed" doc:"whether the records were deleted"`
	Error     string `json:"error" doc:"why the deletion failed, else empty"`
}

func newDeleteRecordsCmd(f *Factory, runF func(*deleteRecordsOptions) error) *cobra.Command {
	opts := &deleteRecordsOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:               "delete-records TOPIC --before OFFSET|@TIME",
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Delete a topic's oldest records, up to an offset or a time",
		Long: "Delete the records of a topic before an offset or a time, on every\n" +
			"partition or those of --partition: Kafka moves each partition's start\n" +
			"offset forward (DeleteRecords) and the records before it are gone for\n" +
			"every consumer. Without --execute it only prints the plan.\n\n" +
			"--before OFFSET deletes the offsets below OFFSET in each partition;\n" +
			"--before @TIME (RFC 3339, a date such as @2026-11-22, or @-DURATION such\n" +
			"as @-1d) deletes the records older than TIME. Offsets past the end are\n" +
			"clamped to the end. Compacted topics refuse DeleteRecords unless their\n" +
			"cleanup.policy includes delete.\n\n" +
			"JSON output (--json): " + output.JSONDoc([]deleteRecordsView{}),
		Example: "  kafka delete-records router --before @-1d\n" +
			"  kafka delete-records router --before 1000 --partition 0,2 --execute",
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Topic = args[0]
			if err := validateDeleteRecords(opts, time.Now()); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runDeleteRecords(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Before, "before", "", "delete records before OFFSET, @TIME or @-DURATION (required)")
	fl.StringVarP(&opts.Partitions, "partition", "p", "", "only these partitions, such as 0,2,5-7 (default all)")
	fl.BoolVar(&opts.Execute, "execute", false, "delete the records; without it nothing is changed")
	fl.BoolVar(&opts.JSON, "json", false, "print the plan as JSON")
	return cmd
}

func validateDeleteRecords(o *deleteRecordsOptions, now time.Time) error {
	if err := (&kafka.Config{}).ValidateTopicName(o.Topic); err != nil {
		return clierr.Usagef("%s", err)
	}
	if o.Before == "" {
		return clierr.Usagef("--before is required: an OFFSET, @TIME or @-DURATION")
	}
	o.offset = -1
	if t, ok := strings.CutPrefix(o.Before, "@"); ok {
		at, err := units.ParseTime(t, now)
		if err != nil {
			return clierr.Usagef("invalid --before %q: %s", o.Before, err)
		}
		o.at = at
	} else {
		n, err := strconv.ParseInt(o.Before, 10, 64)
		if err != nil || n < 0 {
			return clierr.Usagef("invalid --before %q: use an offset (0 or more), @TIME or @-DURATION", o.Before)
		}
		o.offset = n
	}
	if o.Partitions != "" {
		var err error
		if o.parts, err = kafka.ParsePartitions(o.Partitions); err != nil {
			return clierr.Usagef("--partition: %s", err)
		}
	}
	return nil
}

func runDeleteRecords(ctx context.Context, opts *deleteRecordsOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	if err := cl.Config.ValidateTopicName(opts.Topic); err != nil {
		return clierr.Usagef("%s", err)
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	topic := cl.Config.WithPrefix(opts.Topic)
	parts, err := resetPartitions(ctx, cl, topic, opts.parts)
	if err != nil {
		return err
	}
	trims, err := topics.PlanTrim(ctx, cl.Admin, topic, parts, opts.offset, opts.at)
	if err != nil {
		return err
	}
	views := make([]deleteRecordsView, 0, len(trims))
	for _, t := range trims {
		views = append(views, deleteRecordsView{Partition: t.Partition, Start: t.Start, NewStart: t.NewStart, Deleted: t.Deleted()})
	}
	failed := 0
	if opts.Execute {
		resps, err := topics.ApplyTrim(ctx, cl.Admin, topic, trims)
		if err != nil {
			return err
		}
		for i, v := range views {
			r, ok := resps.Lookup(topic, v.Partition)
			switch {
			case !ok:
			case r.Err != nil:
				views[i].Error = cl.Explain(r.Err).Error()
				failed++
			default:
				views[i].Executed = true
			}
		}
	}
	return printDeleteRecords(opts, views, failed)
}

func printDeleteRecords(opts *deleteRecordsOptions, views []deleteRecordsView, failed int) error {
	out, cs := opts.IO.Out, opts.IO.ColorScheme()
	var total int64
	for _, v := range views {
		total += v.Deleted
	}
	if opts.JSON {
		if err := output.JSON(out, views); err != nil {
			return err
		}
	} else {
		verb := "Delete plan"
		if opts.Execute {
			verb = "Deleted records"
		}
		fmt.Fprintln(out, cs.Bold(fmt.Sprintf("=== %s for topic %s (before %s)", verb, opts.Topic, opts.Before)))
		rows := make([][]string, 0, len(views))
		for _, v := range views {
			rows = append(rows, []string{strconv.Itoa(int(v.Partition)), strconv.FormatInt(v.Start, 10), strconv.FormatInt(v.NewStart, 10), units.FormatInt(v.Deleted), cs.Yellow(v.Error)})
		}
		if err := output.Table(out, cs, []string{"Partition", "Start", "New Start", "Deleted", "Note"}, rows); err != nil {
			return err
		}
	}
	notice := out
	if opts.JSON {
		notice = opts.IO.ErrOut
	}
	switch {
	case total == 0:
		fmt.Fprintln(notice, "Nothing to delete: no partition has records before that.")
	case !opts.Execute:
		fmt.Fprintf(notice, "Nothing was changed (dry run). To delete these %s offsets, run:\n  kafka delete-records %s --before %s%s --execute\n",
			units.FormatInt(total), opts.Topic, opts.Before, partitionFlag(opts.Partitions))
	case failed > 0:
		return clierr.Failuref("%s could not be trimmed", countNoun(failed, "partition"))
	default:
		fmt.Fprintf(notice, "Deleted %s offsets from topic %s.\n", units.FormatInt(total), opts.Topic)
	}
	return nil
}
