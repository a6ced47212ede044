package kafka

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/saslauth"
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

// DefaultTimeout is --timeout's default: long enough for a cluster across
// an ocean, short enough that a dead one is reported while the user waits.
const DefaultTimeout = 10 * time.Second

// NewClient builds a client. It does not dial: franz-go connects on the
// first request, so building one is free for commands that fail earlier.
func NewClient(cfg *Config, o ClientOptions, extra ...kgo.Opt) (*Client, error) {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ClientID == "" {
		o.ClientID = "kafka-cli"
	}
	tr := &connTracker{}
	opts := []kgo.Opt{
		kgo.SeedBrokers(cfg.Brokers...),
		kgo.ClientID(o.ClientID),
		kgo.RequestTimeoutOverhead(o.Timeout),
		kgo.RetryTimeout(o.Timeout),
		// Short metadata age so that topics just created or deleted by the
		// same command are seen promptly.
		kgo.MetadataMinAge(250 * time.Millisecond),
		kgo.WithHooks(tr),
	}
	var tc *tls.Config
	if cfg.TLS {
		var err error
		if tc, err = cfg.TLSMaterial.TLSConfig(); err != nil {
			return nil, err
		}
	}
	// A CLI user is waiting: dial failures should surface within the
	// command's budget rather than franz-go's 10s default per dial. (The
	// dialer bounds it: kgo.DialTimeout does nothing once a Dialer is set.)
	opts = append(opts, kgo.Dialer(tr.dialer(tc, min(o.Timeout, 5*time.Second))))
	if cfg.SASL != nil {
		if cfg.SASL.Mechanism == "AWS_MSK_IAM" {
			if err := saslauth.CheckAWSRegion(cfg.Brokers, os.Getenv); err != nil {
				return nil, clierr.Usagef("%s", err)
			}
		}
		m, err := saslMechanism(cfg.SASL, o.Timeout)
		if err != nil {
			return nil, clierr.Authf("%s", err).Wrap(err)
		}
		opts = append(opts, kgo.SASL(m))
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

func saslMechanism(s *SASL, timeout time.Duration) (sasl.Mechanism, error) {
	switch s.Mechanism {
	case "PLAIN":
		return plain.Auth{User: s.Username, Pass: s.Password}.AsMechanism(), nil
	case "SCRAM-SHA-256":
		return scram.Auth{User: s.Username, Pass: s.Password}.AsSha256Mechanism(), nil
	case "OAUTHBEARER":
		return saslauth.OAuthMechanism(s.OAuth, timeout)
	case "AWS_MSK_IAM":
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return saslauth.AWSMechanism(ctx, s.AWSProfile)
	}
	return scram.Auth{User: s.Username, Pass: s.Password}.AsSha512Mechanism(), nil
}

// dialer dials TCP, then, for TLS, does the handshake as a separate step,
// so that a handshake that fails or never completes (a TLS client on a
// plaintext port waits forever for the server's hello) is reported as a
// HandshakeError rather than as an anonymous timeout. franz-go reports
// errors from the dialer through HookBrokerConnect. The tracker also
// notes each TCP connection made, so that a request whose context ends
// while a broker is still silent can say so.
func (t *connTracker) dialer(tc *tls.Config, timeout time.Duration) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: timeout}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		raw, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		t.connected(addr, tc != nil)
		if tc == nil {
			return raw, nil
		}
		c := tc.Clone()
		if c.ServerName == "" {
			if host, _, err := net.SplitHostPort(addr); err == nil {
				c.ServerName = host
			}
		}
		hctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		conn := tls.Client(raw, c)
		err = conn.HandshakeContext(hctx)
		t.handshakeDone()
		if err != nil {
			raw.Close()
			return nil, &HandshakeError{Addr: addr, Err: err}
		}
		return conn, nil
	}
}

// HandshakeError is a TLS handshake with a broker that failed after the
// TCP connection was made.
type HandshakeError struct {
	Addr string
	Err  error
}

func (e *HandshakeError) Error() string { return "TLS handshake with " + e.Addr + ": " + e.Err.Error() }
func (e *HandshakeError) Unwrap() error { return e.Err }

// connTracker remembers the connection failures of a run, so that a
// request that merely timed out can be explained as the TLS or network
// problem that caused it.
//
// It keeps the most telling failure rather than the latest: when a broker
// accepts a connection and never answers, franz-go's retry dials again
// with the request's context already expired, and that second "dial: i/o
// timeout" would otherwise hide what happened.
type connTracker struct {
	mu   sync.Mutex
	best connFailure
	ok   bool
	// tcpTo is the last broker that accepted a TCP connection, and
	// handshaking says its TLS handshake has not finished yet.
	tcpTo       string
	handshaking bool
}

func (t *connTracker) connected(addr string, tls bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tcpTo, t.handshaking = addr, tls
}

func (t *connTracker) handshakeDone() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handshaking = false
}

// silent reports a broker that accepted a connection and had not
// answered when the request gave up, before any failure was recorded.
func (t *connTracker) silent() (to string, handshaking bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ok {
		return "", false
	}
	return t.tcpTo, t.handshaking
}

type connFailure struct {
	err  error
	to   string
	rank int
	// dialled says the attempt got a TCP connection: the broker accepted
	// it, then failed or never answered.
	dialled bool
}

// OnBrokerConnect implements kgo.HookBrokerConnect. franz-go calls it for
// every attempt, with the dialled connection even when initialising it
// (ApiVersions, SASL) failed afterwards, and with errors from the dialer,
// including failed TLS handshakes.
func (t *connTracker) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, conn net.Conn, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err == nil {
		t.ok = true
		return
	}
	f := connFailure{err: err, to: net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port))), dialled: conn != nil}
	f.rank = failureRank(f)
	if t.best.err == nil || f.rank >= t.best.rank {
		t.best = f
	}
}

// failureRank orders failures by how much they explain: a TLS or SASL
// failure, then a TLS handshake that stalled, then a broker that accepted
// the connection and went quiet, then a dial that failed.
func failureRank(f connFailure) int {
	var hs *HandshakeError
	switch {
	case explainAuth(f.err, nil) != nil:
		return 3
	case errors.As(f.err, &hs):
		return 2
	case f.dialled:
		return 1
	}
	return 0
}

func (t *connTracker) last() (string, error, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.best.to, t.best.err, t.ok
}

func (t *connTracker) dialled() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.best.dialled
}
