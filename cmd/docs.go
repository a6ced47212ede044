package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/kafka-cli/kafka/internal/clierr"
)

// RegenerateCommand rewrites every generated file in the repository: the
// command reference in docs/cli and docs/man, and completions/. It is also
// the go:generate directive in gen.go.
const RegenerateCommand = "go run . docs docs --completions completions"

// manDate is fixed so that regenerating is byte-for-byte stable; it only
// appears in the man pages' footer.
var manDate = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

type docsOptions struct {
	Dir         string
	Completions string
}

func newDocsCmd(f *Factory) *cobra.Command {
	opts := &docsOptions{}
	cmd := &cobra.Command{
		Use:    "docs DIR",
		Short:  "Write the command reference as markdown (DIR/cli) and man pages (DIR/man)",
		Hidden: true,
		Args:   exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if err := generateDocs(cmd.Root(), opts.Dir); err != nil {
				return clierr.Failuref("writing docs: %s", err)
			}
			if opts.Completions != "" {
				if err := generateCompletions(cmd.Root(), opts.Completions); err != nil {
					return clierr.Failuref("writing completions: %s", err)
				}
			}
			fmt.Fprintf(f.IO.ErrOut, "wrote %s and %s\n", filepath.Join(opts.Dir, "cli"), filepath.Join(opts.Dir, "man"))
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Completions, "completions", "", "also write kafka.{bash,zsh,fish,ps1} into `DIR`")
	return cmd
}

// generateDocs writes markdown into dir/cli and man pages into dir/man,
// replacing earlier generated files there (kafka*.md, kafka*.1) and
// nothing else, so hand-written pages in dir are never touched.
func generateDocs(root *cobra.Command, dir string) error {
	prepareForDocs(root)
	cli, man := filepath.Join(dir, "cli"), filepath.Join(dir, "man")
	for _, d := range []struct{ dir, glob string }{{cli, "kafka*.md"}, {man, "kafka*.1"}} {
		if err := os.MkdirAll(d.dir, 0o755); err != nil {
			return err
		}
		old, _ := filepath.Glob(filepath.Join(d.dir, d.glob))
		for _, p := range old {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	if err := doc.GenMarkdownTree(root, cli); err != nil {
		return err
	}
	return doc.GenManTree(root, &doc.GenManHeader{
		Title:   "KAFKA",
		Section: "1",
		Source:  "kafka",
		Manual:  "kafka manual",
		Date:    &manDate,
	}, man)
}

// completionFiles maps each shell to the file release archives ship.
var completionFiles = map[string]string{
	"bash":       "kafka.bash",
	"zsh":        "kafka.zsh",
	"fish":       "kafka.fish",
	"powershell": "kafka.ps1",
}

func generateCompletions(root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for shell, name := range completionFiles {
		fh, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		err = writeCompletion(root, shell, fh)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// prepareForDocs makes the tree look the same whether or not it has been
// executed (cobra adds the help and version flags lazily), and turns off
// the dated "Auto generated" footer.
func prepareForDocs(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
