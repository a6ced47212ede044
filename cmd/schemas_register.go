package cmd

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/schema"
)

type schemasRegisterOptions struct {
	IO       *iostreams.IOStreams
	Registry func() (*schema.Registry, error)
	Subject  string
	File     string
	Type     string
	Schema   sr.Schema
}

func newSchemasRegisterCmd(f *Factory, runF func(*schemasRegisterOptions) error) *cobra.Command {
	opts := &schemasRegisterOptions{IO: f.IO, Registry: f.requireRegistry}
	cmd := &cobra.Command{
		Use:   "register SUBJECT FILE",
		Short: "Register a schema under a subject and print its ID",
		Long: "Register the schema in FILE under SUBJECT and print its ID. The schema is\n" +
			"compiled locally first: an invalid one exits 2 before any request. One\n" +
			"the registry finds incompatible with the subject exits 1 with its reason.\n" +
			"Without --type, a .proto file is Protobuf and any other file Avro.",
		Example: "  kafka schemas register orders-value order.avsc\n  kafka schemas register carts-value cart.proto",
		Args:    exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Subject, opts.File = args[0], args[1]
			s, err := readSchemaFile(opts.File, opts.Type)
			if err != nil {
				return err
			}
			opts.Schema = s
			if runF != nil {
				return runF(opts)
			}
			return runSchemasRegister(cmd.Context(), opts)
		},
	}
	addSchemaTypeFlag(cmd, &opts.Type)
	return cmd
}

func addSchemaTypeFlag(cmd *cobra.Command, typ *string) {
	cmd.Flags().StringVar(typ, "type", "", "schema type: avro, protobuf or json (default: from the file name)")
}

// readSchemaFile reads and compiles a schema file; all of it is local, so
// every failure here is bad input (exit 2).
func readSchemaFile(path, typ string) (sr.Schema, error) {
	t, err := schema.ParseType(typ, path)
	if err != nil {
		return sr.Schema{}, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return sr.Schema{}, clierr.Usagef("cannot read schema file: %s", err)
	}
	s := sr.Schema{Schema: string(b), Type: t}
	if err := schema.Validate(s); err != nil {
		return sr.Schema{}, err
	}
	return s, nil
}

func runSchemasRegister(ctx context.Context, opts *schemasRegisterOptions) error {
	reg, err := opts.Registry()
	if err != nil {
		return err
	}
	ctx, cancel := reg.Bound(ctx)
	defer cancel()
	id, err := reg.Client.RegisterSchema(ctx, opts.Subject, opts.Schema, -1, -1)
	if err != nil {
		return reg.ExplainIncompatible(err, opts.Subject)
	}
	_, err = fmt.Fprintln(opts.IO.Out, id)
	return err
}
