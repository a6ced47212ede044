package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
)

// BuildInfo is stamped into the binary by ldflags.
type BuildInfo struct {
	Version string
	Commit  string
	Date    string
}

// globalFlags are the root's persistent flags.
type globalFlags struct {
	brokers            string
	cluster            string
	configPath         string
	timeout            time.Duration
	color              string
	verbose            bool
	insecureSkipVerify bool
}

// Factory hands commands their dependencies. The Kafka side is lazy: nothing
// is resolved or dialled until a command's run function asks, so --help,
// flag errors and input validation never touch the network.
type Factory struct {
	IO     *iostreams.IOStreams
	Build  BuildInfo
	Getenv func(string) string

	flags   globalFlags
	cfg     *kafka.Config
	clients []*kafka.Client
	warned  bool
	// testOpts are added to every client; tests set them through the
	// context given to Execute (withClientOpts), e.g. to count requests.
	testOpts []kgo.Opt
}

type clientOptsKey struct{}

// withClientOpts makes Execute add opts to every client it builds. Only
// tests use it.
func withClientOpts(ctx context.Context, opts ...kgo.Opt) context.Context {
	return context.WithValue(ctx, clientOptsKey{}, opts)
}

// NewFactory returns a factory for one command run.
func NewFactory(ios *iostreams.IOStreams, build BuildInfo, getenv func(string) string) *Factory {
	if getenv == nil {
		getenv = os.Getenv
	}
	return &Factory{IO: ios, Build: build, Getenv: getenv}
}

// Config resolves the connection settings once.
func (f *Factory) Config() (*kafka.Config, error) {
	if f.cfg != nil {
		return f.cfg, nil
	}
	cfg, err := kafka.Resolve(kafka.Sources{
		Brokers:            f.flags.brokers,
		Cluster:            f.flags.cluster,
		ConfigPath:         f.flags.configPath,
		InsecureSkipVerify: f.flags.insecureSkipVerify,
		Getenv:             f.Getenv,
	})
	if err != nil {
		return nil, clierr.Usagef("%s", err)
	}
	f.cfg = cfg
	return cfg, nil
}

// Client builds a Kafka client for the resolved cluster; extra options come
// last so a command can add consumer settings. Execute closes it.
func (f *Factory) Client(extra ...kgo.Opt) (*kafka.Client, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	if cfg.TLS && cfg.InsecureSkipVerify && !f.warned {
		f.warned = true
		fmt.Fprintln(f.IO.ErrOut, "Warning: TLS certificate verification is disabled (--insecure-skip-verify); the connection can be intercepted.")
	}
	var log io.Writer
	if f.flags.verbose {
		// franz-go logs from its broker goroutines while the command
		// writes too: serialise every write to stderr.
		if _, ok := f.IO.ErrOut.(*syncWriter); !ok {
			f.IO.ErrOut = &syncWriter{w: f.IO.ErrOut}
		}
		log = f.IO.ErrOut
		fmt.Fprintf(log, "connecting to %s, from %s\n", cfg.Describe(), cfg.Source)
	}
	cl, err := kafka.NewClient(cfg, kafka.ClientOptions{Timeout: f.Timeout(), Log: log}, append(slices.Clone(f.testOpts), extra...)...)
	if err != nil {
		return nil, clierr.Usagef("%s", err)
	}
	f.clients = append(f.clients, cl)
	return cl, nil
}

// Timeout is --timeout.
func (f *Factory) Timeout() time.Duration {
	if f.flags.timeout <= 0 {
		return kafka.DefaultTimeout
	}
	return f.flags.timeout
}

// explain maps err to a typed error using what the last client saw.
func (f *Factory) explain(err error) error {
	var cl *kafka.Client
	if n := len(f.clients); n > 0 {
		cl = f.clients[n-1]
	}
	return cl.Explain(err)
}

func (f *Factory) close() {
	for _, cl := range f.clients {
		cl.Close()
	}
	f.clients = nil
}

// syncWriter makes a writer safe for concurrent use.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
