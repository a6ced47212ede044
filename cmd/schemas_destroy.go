package cmd

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/schema"
)

type schemasDestroyOptions struct {
	IO        *iostreams.IOStreams
	Registry  func() (*schema.Registry, error)
	Subject   string
	Confirm   string
	Permanent bool
}

func newSchemasDestroyCmd(f *Factory, runF func(*schemasDestroyOptions) error) *cobra.Command {
	opts := &schemasDestroyOptions{IO: f.IO, Registry: f.requireRegistry}
	cmd := &cobra.Command{
		Use:   "destroy SUBJECT",
		Short: "Delete a subject and its schema versions",
		Long: "Delete SUBJECT: a soft delete, which the registry can still show with\n" +
			"deleted=true, or with --permanent a hard one (soft first if need be).\n" +
			"--confirm SUBJECT must repeat the subject's name. On a terminal without\n" +
			"--confirm, you are asked to type the name; piped without --confirm,\n" +
			"nothing is deleted and the exit code is 2. A missing subject exits 3.",
		Example: "  kafka schemas destroy orders-value --confirm orders-value",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Subject = args[0]
			// As topic destroy: a script is refused before any request.
			if opts.Confirm != "" || !opts.IO.IsStdinTTY() || !opts.IO.IsStderrTTY() {
				if err := confirmName(opts.IO, "subject", opts.Subject, opts.Confirm); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runSchemasDestroy(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Confirm, "confirm", "", "the subject's name, to confirm the deletion")
	cmd.Flags().BoolVar(&opts.Permanent, "permanent", false, "hard-delete: the versions and their IDs cannot be restored")
	return cmd
}

func runSchemasDestroy(ctx context.Context, opts *schemasDestroyOptions) error {
	reg, err := opts.Registry()
	if err != nil {
		return err
	}
	if opts.Confirm == "" {
		bctx, cancel := reg.Bound(ctx)
		_, err := reg.Client.SubjectVersions(bctx, opts.Subject)
		cancel()
		if err != nil {
			return reg.Explain(err)
		}
		// The prompt waits for a person; the request budget starts after.
		if err := confirmName(opts.IO, "subject", opts.Subject, ""); err != nil {
			return err
		}
	}
	ctx, cancel := reg.Bound(ctx)
	defer cancel()
	versions, err := reg.Client.DeleteSubject(ctx, opts.Subject, sr.SoftDelete)
	// A subject soft-deleted before answers 404 to a soft delete; a hard
	// delete is still due.
	if err != nil && !(opts.Permanent && schema.IsNotFound(err)) {
		return reg.Explain(err)
	}
	how := "soft-deleted"
	if opts.Permanent {
		hard, err := reg.Client.DeleteSubject(ctx, opts.Subject, sr.HardDelete)
		if err != nil {
			return reg.Explain(err)
		}
		versions, how = hard, "permanently deleted"
	}
	vs := make([]string, len(versions))
	for i, v := range versions {
		vs[i] = strconv.Itoa(v)
	}
	_, err = fmt.Fprintf(opts.IO.Out, "Subject %s %s (versions %s).\n", opts.Subject, how, strings.Join(vs, ", "))
	return err
}
