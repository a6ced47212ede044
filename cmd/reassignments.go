package cmd

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clusterops"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
)

type reassignmentsOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	JSON bool
}

// reassignmentView is one partition reassignment in progress.
type reassignmentView struct {
	Topic     string  `json:"topic" doc:"topic name, without KAFKA_PREFIX"`
	Partition int32   `json:"partition" doc:"partition number"`
	Replicas  []int32 `json:"replicas" doc:"the partition's replicas now: old and new ones while it moves"`
	Adding    []int32 `json:"adding" doc:"replicas being added"`
	Removing  []int32 `json:"removing" doc:"replicas being removed"`
}

func newReassignmentsCmd(f *Factory, runF func(*reassignmentsOptions) error) *cobra.Command {
	opts := &reassignmentsOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "reassignments",
		Short: "List the partition reassignments in progress",
		Long: "List the partition reassignments in progress (started by replication-factor\n" +
			"or any other tool): topic, partition, replicas, and those being added and\n" +
			"removed.\n\n" +
			"JSON output (--json): " + output.JSONDoc([]reassignmentView{}),
		Example: "  kafka reassignments\n  kafka reassignments --json | jq length",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runReassignments(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runReassignments(ctx context.Context, opts *reassignmentsOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	rs, err := clusterops.InProgress(ctx, cl.Admin)
	if err != nil {
		return err
	}
	views := []reassignmentView{}
	for _, r := range rs {
		if !cl.Config.HasPrefix(r.Topic) {
			continue // another tenant's topic on a multi-tenant plan
		}
		views = append(views, reassignmentView{Topic: cl.Config.WithoutPrefix(r.Topic), Partition: r.Partition,
			Replicas: nonNil(r.Replicas), Adding: nonNil(r.Adding), Removing: nonNil(r.Removing)})
	}
	if opts.JSON {
		return output.JSON(opts.IO.Out, views)
	}
	cs := opts.IO.ColorScheme()
	out := opts.IO.Out
	output.Section(out, cs, "Reassignments on "+cl.Config.Describe(), nil)
	if len(views) == 0 {
		fmt.Fprintln(out, "No partition reassignments in progress.")
		return nil
	}
	rows := make([][]string, 0, len(views))
	for _, v := range views {
		rows = append(rows, []string{cs.Cyan(v.Topic), strconv.Itoa(int(v.Partition)), joinIDs(v.Replicas), joinIDs(v.Adding), joinIDs(v.Removing)})
	}
	return output.Table(out, cs, []string{"Topic", "Partition", "Replicas", "Adding", "Removing"}, rows)
}

func nonNil(ids []int32) []int32 {
	if ids == nil {
		return []int32{}
	}
	return ids
}
