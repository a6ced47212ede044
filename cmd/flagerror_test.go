package cmd

import (
	"testing"

	"github.com/spf13/pflag"
)

// Each pflag error flagErrorText rewords, made by pflag itself: a pflag
// upgrade that changes the errors' types or causes fails here.
func TestFlagErrorTextByType(t *testing.T) {
	for _, c := range []struct{ flag, value, want string }{
		{"n", "x", `invalid value "x" for --n: expected a whole number`},
		{"n", "99999999999999999999", `invalid value "99999999999999999999" for --n: out of range`},
		{"f", "x", `invalid value "x" for --f: expected a number`},
		{"b", "maybe", `invalid value "maybe" for --b: expected true or false`},
		{"d", "soon", `invalid value "soon" for --d: expected a duration such as 10s, 2m or 1h`},
	} {
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		fs.SetOutput(&discard{})
		fs.Int64("n", 0, "")
		fs.Float64("f", 0, "")
		fs.Bool("b", false, "")
		fs.Duration("d", 0, "")
		err := fs.Parse([]string{"--" + c.flag + "=" + c.value})
		if err == nil {
			t.Fatalf("--%s=%s parsed", c.flag, c.value)
		}
		if got := flagErrorText(err); got != c.want {
			t.Errorf("flagErrorText(%v) = %q, want %q", err, got, c.want)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
