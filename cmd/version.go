package cmd

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/output"
)

type versionOptions struct {
	IO    *iostreams.IOStreams
	Build BuildInfo
	JSON  bool
}

type versionView struct {
	Version   string `json:"version" doc:"release version, or \"dev\""`
	Commit    string `json:"commit" doc:"git commit the binary was built from"`
	Date      string `json:"date" doc:"build date"`
	GoVersion string `json:"go_version" doc:"Go toolchain version"`
}

func newVersionCmd(f *Factory, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{IO: f.IO, Build: f.Build}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Show the version, commit and build date",
		Long:  "Show the version, commit and build date of this binary.\n\nJSON output (--json):\n" + output.JSONDoc(versionView{}),
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runVersion(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runVersion(opts *versionOptions) error {
	v := versionView{Version: opts.Build.Version, Commit: opts.Build.Commit, Date: opts.Build.Date, GoVersion: runtime.Version()}
	if opts.JSON {
		return output.JSON(opts.IO.Out, v)
	}
	_, err := fmt.Fprintln(opts.IO.Out, versionString(opts.Build))
	return err
}

func versionString(b BuildInfo) string {
	v := b.Version
	if v == "" {
		v = "dev"
	}
	return fmt.Sprintf("kafka %s (commit %s, built %s, %s)", v, orNone(b.Commit), orNone(b.Date), runtime.Version())
}

func orNone(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// WithBuildInfo fills what ldflags did not set from the binary's own build
// info: `go install` and `go build` in a checkout record the VCS revision
// and commit time, and `go install module@version` the module version.
func (b BuildInfo) WithBuildInfo(bi *debug.BuildInfo, ok bool) BuildInfo {
	if !ok || bi == nil {
		return b
	}
	if (b.Version == "" || b.Version == "dev") && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		b.Version = bi.Main.Version
	}
	var rev, at string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if b.Commit == "" && rev != "" {
		b.Commit = rev
		if dirty {
			b.Commit += " (modified)"
		}
	}
	if b.Date == "" {
		b.Date = at
	}
	return b
}
