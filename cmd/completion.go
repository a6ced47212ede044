package cmd

import (
	"context"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topics"
)

// completionBudget bounds a dynamic completion from the first keystroke to
// the answer: a shell must never hang on a dead or slow cluster.
const completionBudget = time.Second

const completionLong = `Print a shell completion script. Topic names complete from the cluster
(within one second; past that nothing is offered).

  bash:        source <(kafka completion bash)
               or save it to /etc/bash_completion.d/kafka
  zsh:         kafka completion zsh > "${fpath[1]}/_kafka"
  fish:        kafka completion fish > ~/.config/fish/completions/kafka.fish
  powershell:  kafka completion powershell | Out-String | Invoke-Expression

Release archives ship the scripts in completions/.`

var completionShells = []string{"bash", "zsh", "fish", "powershell"}

func newCompletionCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:       "completion bash|zsh|fish|powershell",
		Short:     "Print a shell completion script",
		Long:      completionLong,
		ValidArgs: completionShells,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return clierr.Usagef("kafka completion needs a shell: %s", strings.Join(completionShells, ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeCompletion(cmd.Root(), args[0], f.IO.Out)
		},
	}
	return cmd
}

// writeCompletion writes root's completion script for shell.
func writeCompletion(root *cobra.Command, shell string, w io.Writer) error {
	switch shell {
	case "bash":
		return root.GenBashCompletionV2(w, true)
	case "zsh":
		return root.GenZshCompletion(w)
	case "fish":
		return root.GenFishCompletion(w, true)
	case "powershell":
		return root.GenPowerShellCompletionWithDesc(w)
	}
	return clierr.Usagef("unknown shell %q: use one of %s", shell, strings.Join(completionShells, ", "))
}

// completeTopicNames is a ValidArgsFunction for commands whose first
// argument is a topic. It lists the cluster's topics within
// completionBudget; on any error or timeout it offers nothing and prints
// nothing, because the output goes straight into the user's shell.
func completeTopicNames(f *Factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ctx := cmd.Context()
		if ctx == nil {
			ctx = context.Background()
		}
		return listTopicNames(ctx, f, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeTopicFlag completes a --topic flag, or every argument of a
// command whose arguments are all topics (tail).
func completeTopicFlag(f *Factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return completeTopicNames(f)(cmd, nil, toComplete)
	}
}

func listTopicNames(ctx context.Context, f *Factory, prefix string) []string {
	cfg, err := f.Config()
	if err != nil {
		return nil
	}
	// Not f.Client: that would use --timeout, log under --verbose and warn
	// about --insecure-skip-verify, all of which would land in the shell.
	cl, err := kafka.NewClient(cfg, kafka.ClientOptions{Timeout: completionBudget})
	if err != nil {
		return nil
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(ctx, completionBudget)
	defer cancel()
	// Close (above) waits for in-flight requests; a closed context makes
	// it return at once, so the budget holds end to end.
	all, err := topics.Names(ctx, cl.Admin)
	if err != nil {
		return nil
	}
	var names []string
	for _, t := range all {
		if !cfg.HasPrefix(t) {
			continue
		}
		n := cfg.WithoutPrefix(t)
		if strings.HasPrefix(n, prefix) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}
