package cmd

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/schema"
)

type schemasOptions struct {
	IO       *iostreams.IOStreams
	Registry func() (*schema.Registry, error)
	JSON     bool
	Version  int
}

// subjectView is one subject with its latest version.
type subjectView struct {
	Subject string `json:"subject" doc:"subject name, such as orders-value"`
	Version int    `json:"version" doc:"latest version number"`
	Type    string `json:"type" doc:"schema type: AVRO, PROTOBUF or JSON"`
	ID      int    `json:"id" doc:"schema ID of the latest version"`
}

func newSchemasCmd(f *Factory, runF func(*schemasOptions) error) *cobra.Command {
	opts := &schemasOptions{IO: f.IO, Registry: f.requireRegistry}
	cmd := &cobra.Command{
		Use:   "schemas [SUBJECT]",
		Short: "List the subjects of the schema registry, or show one",
		Long: "Without SUBJECT, list the schema registry's subjects, with their latest\n" +
			"version, type and ID. With SUBJECT, show its versions, compatibility level\n" +
			"and latest schema (or --version N).\n\n" +
			"JSON output (--json) without SUBJECT, an array of:\n" + output.JSONDoc(subjectView{}) +
			"\nJSON output (--json) with SUBJECT:\n" + output.JSONDoc(subjectDetailView{}),
		Example: "  kafka schemas\n  kafka schemas orders-value --version 1 --json",
		Args:    rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Version < 0 || (opts.Version > 0 && len(args) == 0) {
				return clierr.Usagef("--version takes a positive version number and a SUBJECT")
			}
			if runF != nil {
				return runF(opts)
			}
			if len(args) == 1 {
				return runSchemaSubject(cmd.Context(), opts, args[0])
			}
			return runSchemas(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&opts.Version, "version", 0, "with SUBJECT, show this version instead of the latest")
	return cmd
}

func runSchemas(ctx context.Context, opts *schemasOptions) error {
	reg, err := opts.Registry()
	if err != nil {
		return err
	}
	ctx, cancel := reg.Bound(ctx)
	defer cancel()
	subjects, err := reg.Client.Subjects(ctx)
	if err != nil {
		return reg.Explain(err)
	}
	views := make([]subjectView, 0, len(subjects))
	for _, s := range subjects {
		ss, err := reg.Client.SchemaByVersion(ctx, s, -1)
		if err != nil {
			return reg.Explain(err)
		}
		views = append(views, subjectView{Subject: s, Version: ss.Version, Type: typeName(ss.Type), ID: ss.ID})
	}
	if opts.JSON {
		return output.JSON(opts.IO.Out, views)
	}
	rows := make([][]string, 0, len(views))
	for _, v := range views {
		rows = append(rows, []string{v.Subject, strconv.Itoa(v.Version), v.Type, strconv.Itoa(v.ID)})
	}
	return output.Table(opts.IO.Out, opts.IO.ColorScheme(), []string{"Subject", "Version", "Type", "ID"}, rows)
}

func typeName(t sr.SchemaType) string {
	switch t {
	case sr.TypeProtobuf:
		return "PROTOBUF"
	case sr.TypeJSON:
		return "JSON"
	}
	return "AVRO"
}
