package cmd

import (
	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
)

// Argument validators that return usage errors (exit 2) with the command's
// usage line, instead of cobra's untyped ones.

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return clierr.Usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0]).WithHint("usage: %s", cmd.UseLine())
	}
	return nil
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return clierr.Usagef("%s needs %s, got %d", cmd.CommandPath(), countNoun(n, "argument"), len(args)).WithHint("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

func rangeArgs(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < lo || len(args) > hi {
			return clierr.Usagef("%s needs %d to %d arguments, got %d", cmd.CommandPath(), lo, hi, len(args)).WithHint("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return clierr.Usagef("%s needs at least %s, got %d", cmd.CommandPath(), countNoun(n, "argument"), len(args)).WithHint("usage: %s", cmd.UseLine())
		}
		return nil
	}
}

// helpOrUnknown is the RunE of a command that only groups subcommands: it
// shows help, and an unknown subcommand is a usage error rather than help
// and exit 0.
func helpOrUnknown(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return clierr.Usagef("unknown command %q for %q", args[0], cmd.CommandPath()).WithHint("see '%s --help'", cmd.CommandPath())
	}
	return cmd.Help()
}
