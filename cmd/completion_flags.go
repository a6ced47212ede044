package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagValues are the values offered for flags that take one of a fixed
// set (or, for positions, the usual forms).
var flagValues = map[string][]string{
	"from":        {"beginning", "end", "-10", "@-1h"},
	"to":          {"earliest", "latest", "@-1h", "shift:-100"},
	"color":       {"auto", "always", "never"},
	"compression": {"none", "gzip", "snappy", "lz4", "zstd"},
	"partitioner": {"murmur2", "crc32"},
}

// fileFlags are the only flags whose value may be a file name.
var fileFlags = map[string]bool{"config": true}

// registerFlagCompletions gives every flag of the tree a completion: the
// fixed values above, file names for fileFlags, directories for a `DIR`
// flag, and otherwise nothing,
// where cobra would offer file names (`kafka tail --from <TAB>`). Flags
// that already have a completion (topic names) keep it.
func registerFlagCompletions(c *cobra.Command) {
	register := func(fl *pflag.Flag) {
		if fl.Value.Type() == "bool" || fileFlags[fl.Name] {
			return
		}
		if _, ok := c.GetFlagCompletionFunc(fl.Name); ok {
			return
		}
		values, directive := flagValues[fl.Name], cobra.ShellCompDirectiveNoFileComp
		if name, _ := pflag.UnquoteUsage(fl); name == "DIR" {
			directive = cobra.ShellCompDirectiveFilterDirs
		}
		_ = c.RegisterFlagCompletionFunc(fl.Name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, directive
		})
	}
	c.LocalNonPersistentFlags().VisitAll(register)
	c.PersistentFlags().VisitAll(register)
	for _, sub := range c.Commands() {
		registerFlagCompletions(sub)
	}
}
