package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/saslauth"
)

// Explain turns an error from franz-go, the network or TLS into a typed CLI
// error with an exit code and a hint. Typed errors pass through unchanged.
// c may be nil when no client was built.
func (c *Client) Explain(err error) error {
	if err == nil {
		return nil
	}
	var ke *kerr.Error
	if errors.As(err, &ke) {
		if e := accessDenied(ke, err); e != nil {
			// Even when typed on the way up: the Access around it
			// names what was denied.
			return e
		}
	}
	var ce *clierr.Error
	if errors.As(err, &ce) {
		return err
	}
	if e := explainAuth(err, c); e != nil {
		return e
	}
	if ke != nil {
		return explainKerr(ke, err)
	}
	if isTimeoutOrDial(err) {
		if c != nil {
			return c.explainTimeout(err)
		}
		return clierr.Unreachablef("timed out: %s", err).Wrap(err)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return clierr.Failuref("the broker closed the connection unexpectedly").
			WithHint("retry; if it persists, check whether the broker expects TLS (kafka+ssl://) or SASL").Wrap(err)
	}
	return clierr.Failuref("%s", firstLine(err.Error())).Wrap(err)
}

// explainTimeout says why a request ran out of time, from what the
// connection tracker saw: a TLS or SASL failure, a stalled TLS handshake, a
// broker that accepted the connection and stayed silent, or brokers that
// could not be reached at all.
func (c *Client) explainTimeout(err error) error {
	to, last, _ := c.tracker.last()
	if last != nil {
		if e := explainAuth(last, c); e != nil {
			return e
		}
	}
	var hs *HandshakeError
	silentTo, handshaking := c.tracker.silent()
	switch {
	case last != nil && errors.As(last, &hs):
		return c.handshakeStalled(hs.Addr, err)
	case last != nil && c.tracker.dialled():
		return c.brokerSilent(to, err)
	case last != nil && errors.Is(last, syscall.ECONNREFUSED):
		// Refused is an answer, and often an immediate one: "within 10s"
		// after 20 ms would contradict itself.
		return clierr.Unreachablef("could not reach the cluster at %s: %s refused the connection (nothing listens there)",
			strings.Join(c.Config.Brokers, ","), to).
			WithHint("check --brokers or KAFKA_URL, or start the cluster").Wrap(err)
	case last != nil:
		return clierr.Unreachablef("could not reach the cluster at %s within %s: %s", strings.Join(c.Config.Brokers, ","), c.Timeout, shortNetErr(last, to)).
			WithHint("check --brokers or KAFKA_URL, or raise --timeout").Wrap(err)
	case handshaking:
		return c.handshakeStalled(silentTo, err)
	case silentTo != "":
		return c.brokerSilent(silentTo, err)
	}
	return clierr.Unreachablef("the cluster at %s did not answer within %s", strings.Join(c.Config.Brokers, ","), c.Timeout).
		WithHint("check the brokers are up, or raise --timeout").Wrap(err)
}

func (c *Client) handshakeStalled(to string, err error) error {
	return clierr.Unreachablef("the TLS handshake with %s did not complete within %s", to, c.Timeout).
		WithHint("the broker may not speak TLS on this port (try kafka:// instead of kafka+ssl://), or it is overloaded").Wrap(err)
}

func (c *Client) brokerSilent(to string, err error) error {
	return clierr.Unreachablef("the broker at %s accepted the connection but did not answer within %s", to, c.Timeout).
		WithHint("check that it is a Kafka broker and whether it expects TLS (kafka+ssl://), or raise --timeout").Wrap(err)
}

func explainKerr(ke *kerr.Error, err error) error {
	switch ke.Code {
	case kerr.UnknownTopicOrPartition.Code, kerr.UnknownTopicID.Code:
		return clierr.NotFoundf("topic not found").Wrap(err)
	case kerr.GroupIDNotFound.Code:
		return clierr.NotFoundf("consumer group not found").Wrap(err)
	case kerr.TopicAuthorizationFailed.Code, kerr.GroupAuthorizationFailed.Code,
		kerr.ClusterAuthorizationFailed.Code, kerr.TransactionalIDAuthorizationFailed.Code:
		return explainDenied(ke, err)
	case kerr.SaslAuthenticationFailed.Code, kerr.IllegalSaslState.Code, kerr.UnsupportedSaslMechanism.Code:
		msg := ke.Description
		if ke.Code == kerr.SaslAuthenticationFailed.Code && ke.Message != "" && ke.Message != ke.Description {
			msg = firstLine(strings.TrimPrefix(err.Error(), ke.Message+": "))
		}
		return clierr.Authf("SASL authentication failed: %s", msg).
			WithHint("check the credentials (user and password, token or AWS credentials) and the mechanism").Wrap(err)
	case kerr.RequestTimedOut.Code:
		return clierr.Unreachablef("the broker timed out: %s", ke.Description).WithHint("retry, or raise --timeout").Wrap(err)
	}
	return clierr.Failuref("%s: %s", ke.Message, ke.Description).Wrap(err)
}

// The error texts matched where the libraries give no type. Everything
// else is matched by type (x509, tls, net.OpError, syscall, kerr, kgo).
// TestLibraryTexts produces each from the library itself, so an upgrade
// that changes one fails it.
const (
	// crypto/tls reports an alert from the broker as a net.OpError whose
	// Err has an unexported type; the texts name the alerts a broker
	// sends for a missing or refused client certificate (TLS 1.3, 1.2).
	textRemoteAlert  = "remote error: tls:"
	textCertRequired = "certificate required"
	textBadCert      = "bad certificate"
	// franz-go wraps a dial failure of no net type (a dialer's own error)
	// in a plain "unable to dial: %w".
	textUnableToDial = "unable to dial"
)

// explainAuth recognises TLS and SASL failures, which are exit code 4.
func explainAuth(err error, c *Client) error {
	var (
		unknownAuth x509.UnknownAuthorityError
		certInvalid x509.CertificateInvalidError
		hostErr     x509.HostnameError
		verifyErr   *tls.CertificateVerificationError
		alert       tls.AlertError
		recHdr      tls.RecordHeaderError
		firstEOF    *kgo.ErrFirstReadEOF
	)
	if le, ok := saslauth.IsLoginError(err); ok {
		return clierr.Authf("%s", le.Msg).Wrap(err)
	}
	switch {
	case errors.As(err, &unknownAuth), errors.As(err, &verifyErr), errors.As(err, &certInvalid):
		return clierr.Authf("TLS: the broker's certificate is not signed by a trusted CA").
			WithHint("check %s", tlsName(c, nameTrusted)).Wrap(err)
	case errors.As(err, &hostErr):
		return clierr.Authf("TLS: the broker's certificate does not match its hostname").
			WithHint("give the cluster's CA in %s, which checks the chain but not the hostname", tlsName(c, nameTrusted)).Wrap(err)
	case errors.As(err, &alert), strings.Contains(err.Error(), textRemoteAlert):
		msg := "TLS: the broker rejected the connection"
		if strings.Contains(err.Error(), textCertRequired) || strings.Contains(err.Error(), textBadCert) {
			msg = "TLS: the broker requires a valid client certificate"
		}
		return clierr.Authf("%s", msg).WithHint("check %s and %s", tlsName(c, nameCert), tlsName(c, nameKey)).Wrap(err)
	case errors.As(err, &recHdr):
		return clierr.Authf("TLS: the broker does not speak TLS on this port").
			WithHint("use kafka:// instead of kafka+ssl://, or the broker's TLS port").Wrap(err)
	case errors.As(err, &firstEOF):
		if c != nil && c.Config.SASL != nil {
			return clierr.Authf("SASL authentication failed: the broker closed the connection").
				WithHint("check the user, password and mechanism (%s)", c.Config.SASL.Mechanism).Wrap(err)
		}
		if c != nil && c.Config.TLS {
			return clierr.Authf("the broker closed the TLS connection at once").
				WithHint("check whether the broker expects TLS on this port, or SASL credentials").Wrap(err)
		}
		return clierr.Authf("the broker closed the connection at once").
			WithHint("it may require TLS (kafka+ssl://) or SASL credentials").Wrap(err)
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		// Brokers answer bad SASL credentials by closing the connection
		// mid-handshake; franz-go then reports a bare EOF. Only when no
		// connection ever got through is that an authentication failure.
		if c != nil && c.Config.SASL != nil {
			if _, _, ok := c.tracker.last(); !ok {
				return clierr.Authf("SASL authentication failed: the broker closed the connection").
					WithHint("check the user, password and mechanism (%s)", c.Config.SASL.Mechanism).Wrap(err)
			}
		}
	}
	return nil
}

// tlsName says where the client's TLS material comes from, for hints.
func tlsName(c *Client, i int) string {
	if c == nil || c.Config == nil {
		return (&TLSMaterial{}).name(i)
	}
	return c.Config.TLSMaterial.name(i)
}

func isTimeoutOrDial(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe) || errors.Is(err, kgo.ErrClientClosed) ||
		strings.Contains(err.Error(), textUnableToDial)
}

func shortNetErr(err error, to string) string {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		msg := oe.Err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return to + ": " + msg
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return to + ": timed out"
	}
	return to + ": " + firstLine(err.Error())
}

// BrokerRejected reports the errors by which a broker refuses a request's
// content rather than failing to carry it out.
func BrokerRejected(err error) bool {
	// A replication factor above the broker count is not here: it depends
	// on how many brokers are up now, so it stays a failure (exit 1).
	for _, k := range []error{kerr.InvalidConfig, kerr.InvalidPartitions, kerr.PolicyViolation, kerr.InvalidTopicException} {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}
