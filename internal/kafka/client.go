package kafka

import (
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// ClientOptions tune a client for one command run.
type ClientOptions struct {
	// Timeout bounds every request the command makes (--timeout).
	Timeout time.Duration
	// Log receives franz-go's debug log under --verbose; nil disables it,
	// so library chatter never reaches a user by default.
	Log io.Writer
	// ClientID names the client in broker logs.
	ClientID string
}

// Client is a franz-go client plus an admin client over it, and a record of
// connection failures for explaining errors.
type Client struct {
	*kgo.Client
	Admin   *kadm.Client
	Config  *Config
	Timeout time.Duration
	tracker *connTracker
}

// NewClient builds a client. It does not dial: franz-go connects on the
// first request, so building one is free for commands that fail earlier.
func NewClient(cfg *Config, o ClientOptions, extra ...kgo.Opt) (*Client, error) {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.ClientID == "" {
		o.ClientID = "kafka-cli"
	}
	tr := &connTracker{}
	opts := []kgo.Opt{
		kgo.SeedBrokers(cfg.Brokers...),
		kgo.ClientID(o.ClientID),
		// A CLI user is waiting: dial failures should surface within the
		// command's budget rather than franz-go's 10s default per dial.
		kgo.DialTimeout(min(o.Timeout, 5*time.Second)),
		kgo.RequestTimeoutOverhead(o.Timeout),
		kgo.RetryTimeout(o.Timeout),
		// Short metadata age so that topics just created or deleted by the
		// same command are seen promptly.
		kgo.MetadataMinAge(250 * time.Millisecond),
		kgo.WithHooks(tr),
	}
	if cfg.TLS {
		tc, err := cfg.TLSMaterial.TLSConfig()
		if err != nil {
			return nil, err
		}
		opts = append(opts, kgo.DialTLSConfig(tc))
	}
	if cfg.SASL != nil {
		opts = append(opts, kgo.SASL(saslMechanism(cfg.SASL)))
	}
	if o.Log != nil {
		opts = append(opts, kgo.WithLogger(kgo.BasicLogger(o.Log, kgo.LogLevelDebug, nil)))
	}
	opts = append(opts, extra...)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	adm := kadm.NewClient(cl)
	adm.SetTimeoutMillis(int32(o.Timeout / time.Millisecond))
	return &Client{Client: cl, Admin: adm, Config: cfg, Timeout: o.Timeout, tracker: tr}, nil
}

func saslMechanism(s *SASL) sasl.Mechanism {
	switch s.Mechanism {
	case "PLAIN":
		return plain.Auth{User: s.Username, Pass: s.Password}.AsMechanism()
	case "SCRAM-SHA-256":
		return scram.Auth{User: s.Username, Pass: s.Password}.AsSha256Mechanism()
	}
	return scram.Auth{User: s.Username, Pass: s.Password}.AsSha512Mechanism()
}

// connTracker remembers the most recent connection failure, so that a
// request that merely timed out can be explained as the TLS or network
// problem that caused it.
type connTracker struct {
	mu      sync.Mutex
	lastErr error
	lastTo  string
	ok      bool
}

// OnBrokerConnect implements kgo.HookBrokerConnect.
func (t *connTracker) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err == nil {
		t.ok = true
		return
	}
	t.lastErr = err
	t.lastTo = net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
}

func (t *connTracker) last() (error, string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.lastErr, t.lastTo, t.ok
}
