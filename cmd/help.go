package cmd

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
)

// newHelpCmd replaces cobra's help command, which prints usage and exits 0
// for a topic it does not know: for scripts that is a usage error.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return clierr.Usagef("unknown help topic %q", strings.Join(args, " ")).WithHint("run 'kafka --help' to see commands")
			}
			target.InitDefaultHelpFlag()
			return target.Help()
		},
	}
}

var flagErrRE = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`)

// flagErrorText rewords pflag's parse errors, which quote Go's strconv
// internals, into what the user typed and what was expected.
func flagErrorText(err error) string {
	m := flagErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	why := m[3]
	switch {
	case strings.Contains(why, "value out of range"):
		why = "out of range"
	case strings.Contains(why, "ParseInt"), strings.Contains(why, "ParseUint"):
		why = "expected a whole number"
	case strings.Contains(why, "ParseFloat"):
		why = "expected a number"
	case strings.Contains(why, "ParseBool"):
		why = "expected true or false"
	case strings.Contains(why, "time: "):
		why = "expected a duration such as 10s, 2m or 1h"
	}
	return "invalid value \"" + m[1] + "\" for " + m[2] + ": " + why
}
