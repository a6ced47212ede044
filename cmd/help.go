package cmd

import (
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

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

// flagOf is the flag a pflag error is about, or nil.
func flagOf(err error) *pflag.Flag {
	var (
		ive *pflag.InvalidValueError
		vre *pflag.ValueRequiredError
	)
	switch {
	case errors.As(err, &ive):
		return ive.GetFlag()
	case errors.As(err, &vre):
		return vre.GetFlag()
	}
	return nil
}

// flagErrorText rewords pflag's parse errors, which quote Go's strconv
// internals, into what the user typed and what was expected. It goes by
// the errors' types (pflag.InvalidValueError, strconv.NumError); only the
// duration flag's cause, which the time package returns untyped, is told
// by the flag's type.
func flagErrorText(err error) string {
	var ive *pflag.InvalidValueError
	if !errors.As(err, &ive) {
		return err.Error()
	}
	why := ive.Unwrap().Error()
	var ne *strconv.NumError
	isNum := errors.As(ive.Unwrap(), &ne)
	switch {
	case isNum && errors.Is(ne.Err, strconv.ErrRange):
		why = "out of range"
	case isNum && (ne.Func == "ParseInt" || ne.Func == "ParseUint"):
		why = "expected a whole number"
	case isNum && ne.Func == "ParseFloat":
		why = "expected a number"
	case isNum && ne.Func == "ParseBool":
		why = "expected true or false"
	case ive.GetFlag().Value.Type() == "duration":
		why = "expected a duration such as 10s, 2m or 1h"
	}
	return "invalid value \"" + ive.GetValue() + "\" for --" + ive.GetFlag().Name + ": " + why
}
