package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/schema"
)

type schemasCompatibilityOptions struct {
	IO       *iostreams.IOStreams
	Registry func() (*schema.Registry, error)
	JSON     bool
	Subject  string
	Level    sr.CompatibilityLevel // 0 reads
}

// compatibilityView is a subject's compatibility level.
type compatibilityView struct {
	Subject       string `json:"subject" doc:"subject name"`
	Compatibility string `json:"compatibility" doc:"level in force: the subject's own, or the global one when it has none"`
}

func newSchemasCompatibilityCmd(f *Factory, runF func(*schemasCompatibilityOptions) error) *cobra.Command {
	opts := &schemasCompatibilityOptions{IO: f.IO, Registry: f.requireRegistry}
	cmd := &cobra.Command{
		Use:   "compatibility SUBJECT [LEVEL]",
		Short: "Show or set a subject's compatibility level",
		Long: "Without LEVEL, show the compatibility level in force for SUBJECT (the\n" +
			"global one when the subject has none of its own). With LEVEL, set it:\n" +
			"NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or\n" +
			"FULL_TRANSITIVE, in any case. An unknown level exits 2.\n\n" +
			"JSON output (--json):\n" + output.JSONDoc(compatibilityView{}),
		Example: "  kafka schemas compatibility orders-value\n  kafka schemas compatibility orders-value full",
		Args:    rangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Subject = args[0]
			if len(args) == 2 {
				l, err := schema.LevelOf(args[1])
				if err != nil {
					return err
				}
				opts.Level = l
			}
			if runF != nil {
				return runF(opts)
			}
			return runSchemasCompatibility(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runSchemasCompatibility(ctx context.Context, opts *schemasCompatibilityOptions) error {
	reg, err := opts.Registry()
	if err != nil {
		return err
	}
	ctx, cancel := reg.Bound(ctx)
	defer cancel()
	var res []sr.CompatibilityResult
	if opts.Level != 0 {
		res = reg.Client.SetCompatibility(ctx, sr.SetCompatibility{Level: opts.Level}, opts.Subject)
	} else {
		res = reg.Client.Compatibility(sr.WithParams(ctx, sr.DefaultToGlobal), opts.Subject)
	}
	if res[0].Err != nil {
		return reg.Explain(res[0].Err)
	}
	v := compatibilityView{Subject: opts.Subject, Compatibility: res[0].Level.String()}
	if opts.JSON {
		return output.JSON(opts.IO.Out, v)
	}
	if opts.Level != 0 {
		_, err = fmt.Fprintf(opts.IO.Out, "Compatibility of %s set to %s.\n", v.Subject, v.Compatibility)
		return err
	}
	_, err = fmt.Fprintln(opts.IO.Out, v.Compatibility)
	return err
}
