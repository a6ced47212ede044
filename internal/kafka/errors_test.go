package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
)

func TestExplainCodes(t *testing.T) {
	saslClient := &Client{Config: &Config{Brokers: []string{"h:1"}, SASL: &SASL{Mechanism: "PLAIN", Username: "u", Password: "pw"}}, tracker: &connTracker{}}
	for _, tc := range []struct {
		name string
		c    *Client
		err  error
		code int
		msg  string
	}{
		{"typed passes through", nil, clierr.NotFoundf("gone"), 3, "gone"},
		{"unknown topic", nil, kerr.UnknownTopicOrPartition, 3, "topic not found"},
		{"unknown group", nil, kerr.GroupIDNotFound, 3, "group not found"},
		{"topic ACL", nil, fmt.Errorf("x: %w", kerr.TopicAuthorizationFailed), 4, "not authorized"},
		{"SASL kerr", nil, kerr.SaslAuthenticationFailed, 4, "SASL authentication failed"},
		{"unknown CA", nil, fmt.Errorf("unable to dial: %w", x509.UnknownAuthorityError{}), 4, "not signed by a trusted CA"},
		{"system roots", nil, &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}, 4, "trusted CA"},
		{"hostname", nil, x509.HostnameError{Certificate: &x509.Certificate{}, Host: "h"}, 4, "does not match its hostname"},
		{"client cert", nil, errors.New("remote error: tls: certificate required"), 4, "requires a valid client certificate"},
		{"not TLS", nil, tls.RecordHeaderError{Msg: "x"}, 4, "does not speak TLS"},
		{"SASL EOF", saslClient, io.EOF, 4, "SASL authentication failed"},
		{"broker timeout", nil, kerr.RequestTimedOut, 5, "timed out"},
		{"deadline", nil, context.DeadlineExceeded, 5, "timed out"},
		{"refused", nil, &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, 5, ""},
		{"EOF without SASL", nil, fmt.Errorf("x: %w", io.EOF), 1, "closed the connection unexpectedly"},
		{"other kerr", nil, kerr.InvalidPartitions, 1, "INVALID_PARTITIONS"},
		{"other", nil, errors.New("first line\nsecond line"), 1, "first line"},
	} {
		got := tc.c.Explain(tc.err)
		if code := clierr.CodeOf(got); code != tc.code || !strings.Contains(got.Error(), tc.msg) || strings.Contains(got.Error(), "\n") {
			t.Errorf("%s: Explain = %q (code %d), want code %d mentioning %q on one line", tc.name, got, code, tc.code, tc.msg)
		}
	}
	if (*Client)(nil).Explain(nil) != nil {
		t.Error("Explain(nil) must be nil")
	}
}

// A request can give up while a broker that accepted the connection is
// still silent, before franz-go has reported any failure.
func TestExplainSilentBroker(t *testing.T) {
	newClient := func() *Client {
		return &Client{Config: &Config{Brokers: []string{"127.0.0.1:1"}}, Timeout: time.Second, tracker: &connTracker{}}
	}
	c := newClient()
	if got := c.Explain(context.DeadlineExceeded); !strings.Contains(got.Error(), "did not answer within 1s") {
		t.Errorf("nothing dialled: %v", got)
	}
	c.tracker.connected("127.0.0.1:1", false)
	if got := c.Explain(context.DeadlineExceeded); clierr.CodeOf(got) != 5 || !strings.Contains(got.Error(), "accepted the connection but did not answer") {
		t.Errorf("silent broker: %v", got)
	}
	c = newClient()
	c.tracker.connected("127.0.0.1:1", true)
	if got := c.Explain(context.DeadlineExceeded); clierr.CodeOf(got) != 5 || !strings.Contains(got.Error(), "TLS handshake with 127.0.0.1:1 did not complete") {
		t.Errorf("stalled handshake: %v", got)
	}
	// A dial that fails after a silent attempt does not hide it.
	c.tracker.OnBrokerConnect(kgo.BrokerMetadata{Host: "127.0.0.1", Port: 1}, 0, nil, &HandshakeError{Addr: "127.0.0.1:1", Err: context.DeadlineExceeded})
	c.tracker.OnBrokerConnect(kgo.BrokerMetadata{Host: "127.0.0.1", Port: 1}, 0, nil, fmt.Errorf("unable to dial: %w", &net.OpError{Op: "dial", Err: context.DeadlineExceeded}))
	if got := c.Explain(context.DeadlineExceeded); !strings.Contains(got.Error(), "TLS handshake") {
		t.Errorf("later dial timeout hid the handshake failure: %v", got)
	}
}
