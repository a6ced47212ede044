package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/spf13/pflag"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/schema"
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
	schemaRegistry     string
}

// Factory hands commands their dependencies. The Kafka side is lazy: nothing
// is resolved or dialled until a command's run function asks, so --help,
// flag errors and input validation never touch the network.
//
// Config and Client are function fields, the one test seam: a test may
// replace them (for example to add kgo hooks that count requests) before
// running the root command through execute.
type Factory struct {
	IO     *iostreams.IOStreams
	Build  BuildInfo
	Getenv func(string) string
	// Config resolves the connection settings once.
	Config func() (*kafka.Config, error)
	// Client builds a Kafka client for the resolved cluster; extra options
	// come last so a command can add consumer settings. Execute closes it.
	Client func(extra ...kgo.Opt) (*kafka.Client, error)
	// Process is set (AsProcess) when the run is the kafka process itself.
	Process bool

	flags   globalFlags
	cfg     *kafka.Config
	clients []*kafka.Client
	log     *gatedLog
	warned  bool
	// registry is the schema registry, once resolved.
	registry *schema.Registry
}

// NewFactory returns a factory for one command run.
func NewFactory(ios *iostreams.IOStreams, build BuildInfo, getenv func(string) string) *Factory {
	if getenv == nil {
		getenv = os.Getenv
	}
	f := &Factory{IO: ios, Build: build, Getenv: getenv}
	f.Config, f.Client = f.config, f.client
	return f
}

func (f *Factory) config() (*kafka.Config, error) {
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

func (f *Factory) client(extra ...kgo.Opt) (*kafka.Client, error) {
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
		// writes too; the streams' stderr is synchronised for that.
		if f.log == nil {
			f.log = &gatedLog{w: f.IO.ErrOut}
		}
		log = f.log
		fmt.Fprintf(log, "connecting to %s, from %s\n", cfg.Describe(), cfg.Source)
	}
	cl, err := kafka.NewClient(cfg, kafka.ClientOptions{Timeout: f.Timeout(), Log: log}, extra...)
	var typed *clierr.Error
	if errors.As(err, &typed) {
		return nil, err // a login that cannot be made (exit 4)
	}
	if err != nil {
		return nil, clierr.Usagef("%s", err)
	}
	f.clients = append(f.clients, cl)
	return cl, nil
}

// addClusterFlag installs --cluster on fs, with the shorthand short unless
// it is empty: tail shadows the root's flag without -c, which is its
// --count, and both set the one value the config is resolved from.
func (f *Factory) addClusterFlag(fs *pflag.FlagSet, short string) {
	fs.StringVarP(&f.flags.cluster, "cluster", short, "", "named cluster from the config file, or a Heroku attachment such as HEROKU_KAFKA_BROWN")
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
	if f.log != nil {
		f.log.shut()
	}
}

// gatedLog is the --verbose log: a franz-go goroutine that outlives Close
// (a SASL or dial attempt in flight) must not write to stderr once Execute
// has returned, when the caller owns stderr again.
type gatedLog struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
}

func (g *gatedLog) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return len(p), nil
	}
	return g.w.Write(p)
}

func (g *gatedLog) shut() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}
