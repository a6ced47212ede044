package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topics"
)

type destroyOptions struct {
	topicTarget
	Typed   string // as the user typed it
	Confirm string
}

func newDestroyCmd(f *Factory, runF func(*destroyOptions) error) *cobra.Command {
	opts := &destroyOptions{topicTarget: newTopicTarget(f)}
	cmd := &cobra.Command{
		Use:               "destroy NAME",
		ValidArgsFunction: completeTopicNames(f),
		Aliases:           []string{"delete"},
		Short:             "Delete a topic and all its data",
		Long: "Delete a topic and all its data. --confirm NAME must repeat the topic's\n" +
			"name. On a terminal without --confirm, you are asked to type the name;\n" +
			"piped without --confirm, nothing is deleted and the exit code is 2.\n" +
			"A missing topic exits 3.",
		Example: "  kafka destroy router --confirm router",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.setName(args[0]); err != nil {
				return err
			}
			cfg, err := opts.Config()
			if err != nil {
				return err
			}
			opts.Typed = cfg.WithoutPrefix(opts.Name)
			if opts.Confirm != "" && cfg.WithPrefix(opts.Confirm) == opts.Name {
				opts.Confirm = opts.Typed // --confirm with or without the prefix
			}
			// Decide everything that needs no cluster first, so that a script
			// without --confirm is refused before any request. Only a person
			// at a terminal is asked, after the topic is known to exist.
			if opts.Confirm != "" || !opts.IO.IsStdinTTY() || !opts.IO.IsStderrTTY() {
				if err := confirmName(opts.IO, "topic", opts.Typed, opts.Confirm); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return kafka.Access(runDestroy(cmd.Context(), opts), "delete", kafka.KindTopic, "DELETE", args[0])
		},
	}
	cmd.Flags().StringVar(&opts.Confirm, "confirm", "", "the topic's name, to confirm the deletion")
	return cmd
}

func runDestroy(ctx context.Context, opts *destroyOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	ctx, cancel, err := existsThenConfirm(ctx, cl, opts.IO, opts.Confirm, "topic", opts.Typed, func(ctx context.Context) error {
		_, err := topics.Lookup(ctx, cl.Admin, opts.Name)
		if errors.Is(err, topics.ErrNotFound) {
			return topicNotFound(ctx, cl, opts.Name)
		}
		return err
	})
	if err != nil {
		return err
	}
	defer cancel()
	sp := opts.IO.StartSpinner("Deleting topic " + opts.Typed)
	resp, err := topics.Delete(ctx, cl.Admin, opts.Name)
	sp.Stop()
	if topics.Unknown(err) {
		return topicNotFound(ctx, cl, opts.Name)
	}
	if err != nil {
		return failedTo(cl, err, resp.ErrMessage, "could not delete topic "+opts.Typed)
	}
	out := opts.IO.Out
	fmt.Fprintf(out, "Deleting topic %s... done\n", opts.Typed)
	fmt.Fprintln(out, "Your topic has been marked for deletion, and will be removed from the cluster shortly.")
	return nil
}
