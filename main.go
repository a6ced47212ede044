// Command kafka is a command-line tool for Apache Kafka.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/kafka-cli/kafka/cmd"
	"github.com/kafka-cli/kafka/internal/iostreams"
)

// Set by ldflags at release time (see .goreleaser.yaml).
var (
	version = "dev"
	commit  = ""
	date    = ""
)

func main() {
	// A write to a closed stdout (`kafka list | head -1`) must fail with
	// EPIPE, which every command ends on with exit 0, rather than kill the
	// process with SIGPIPE (141).
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	build := cmd.BuildInfo{Version: version, Commit: commit, Date: date}.WithBuildInfo(debug.ReadBuildInfo())
	code := cmd.Execute(ctx, build, os.Args[1:], iostreams.System(), os.Getenv, cmd.AsProcess())
	stop()
	os.Exit(code)
}
