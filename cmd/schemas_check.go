package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/schema"
)

type schemasCheckOptions struct {
	IO       *iostreams.IOStreams
	Registry func() (*schema.Registry, error)
	Subject  string
	Type     string
	Schema   sr.Schema
}

func newSchemasCheckCmd(f *Factory, runF func(*schemasCheckOptions) error) *cobra.Command {
	opts := &schemasCheckOptions{IO: f.IO, Registry: f.requireRegistry}
	cmd := &cobra.Command{
		Use:   "check SUBJECT FILE",
		Short: "Check that a schema is compatible with a subject, changing nothing",
		Long: "Ask the registry whether the schema in FILE is compatible with the latest\n" +
			"version of SUBJECT under the subject's compatibility level. Nothing is\n" +
			"registered. An invalid schema exits 2, an incompatible one exits 6 with\n" +
			"the registry's reasons, and a missing subject exits 3.",
		Example: "  kafka schemas check orders-value order-v2.avsc",
		Args:    exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Subject = args[0]
			s, err := readSchemaFile(args[1], opts.Type)
			if err != nil {
				return err
			}
			opts.Schema = s
			if runF != nil {
				return runF(opts)
			}
			return runSchemasCheck(cmd.Context(), opts)
		},
	}
	addSchemaTypeFlag(cmd, &opts.Type)
	return cmd
}

func runSchemasCheck(ctx context.Context, opts *schemasCheckOptions) error {
	reg, err := opts.Registry()
	if err != nil {
		return err
	}
	ctx, cancel := reg.Bound(ctx)
	defer cancel()
	res, err := reg.Client.CheckCompatibility(sr.WithParams(ctx, sr.Verbose), opts.Subject, -1, opts.Schema)
	if err != nil {
		return reg.Explain(err)
	}
	if !res.Is {
		reason := strings.Join(res.Messages, "; ")
		if reason == "" {
			reason = "the registry gave no reason"
		}
		return clierr.Checkf("schema is incompatible with subject %s: %s", opts.Subject, reason)
	}
	_, err = fmt.Fprintf(opts.IO.Out, "Schema is compatible with %s.\n", opts.Subject)
	return err
}
