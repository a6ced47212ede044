// Package schema connects to a Confluent-compatible schema registry and
// decodes records framed in its wire format (magic byte, schema ID, and for
// Protobuf the message indexes) into JSON, for Avro, Protobuf and JSON Schema.
//
// It may import clierr, kafka and record; cmd and devregistry (which serves
// what it reads) import it.
package schema

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafka"
)

// Config says where the registry is and how to authenticate. Username and
// Password come from the URL's user info unless set.
type Config struct {
	URL      string
	Username string
	Password string
	kafka.TLSMaterial
}

// Registry is a registry client bounded by a timeout per request.
type Registry struct {
	Client  *sr.Client
	Timeout time.Duration
	host    string // the URL without user info, for messages
	url     string
	// UnreachableHint, if set, replaces the hint for a registry that does
	// not answer: one kafka picked by itself needs a different word.
	UnreachableHint string
}

// URL is the registry's address without user info.
func (r *Registry) URL() string { return r.url }

// New builds a client; nothing is dialled yet. A malformed URL is a usage
// error (exit 2).
func New(cfg Config, timeout time.Duration) (*Registry, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, clierr.Usagef("schema registry URL must be http://HOST[:PORT] or https://HOST[:PORT]")
	}
	user, pass := cfg.Username, cfg.Password
	if u.User != nil && user == "" {
		user = u.User.Username()
		pass, _ = u.User.Password()
	}
	u.User = nil
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if u.Scheme == "https" || len(cfg.TrustedCert) > 0 || len(cfg.ClientCert) > 0 {
		tc, err := cfg.TLSConfig()
		if err != nil {
			return nil, clierr.Usagef("schema registry: %s", err)
		}
		tr.TLSClientConfig = tc
	}
	opts := []sr.ClientOpt{
		sr.URLs(u.String()),
		sr.HTTPClient(&http.Client{Transport: tr, Timeout: timeout}),
		sr.UserAgent("kafka-cli"),
	}
	if user != "" {
		opts = append(opts, sr.BasicAuth(user, pass))
	}
	cl, err := sr.NewClient(opts...)
	if err != nil {
		return nil, clierr.Usagef("schema registry: %s", err)
	}
	return &Registry{Client: cl, Timeout: timeout, host: u.Host, url: u.String()}, nil
}

// Bound gives a context for one request.
func (r *Registry) Bound(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, r.Timeout)
}

// Explain maps a registry error to the CLI's typed errors: 401/403 exit 4,
// unreachable or timed out exit 5, not found exit 3. The message never
// carries credentials: URLs in errors are reduced to the host.
func (r *Registry) Explain(err error) error {
	if err == nil {
		return nil
	}
	var ce *clierr.Error
	if errors.As(err, &ce) {
		return err
	}
	var re *sr.ResponseError
	if errors.As(err, &re) {
		switch {
		case re.StatusCode == http.StatusUnauthorized || re.StatusCode == http.StatusForbidden:
			return clierr.Authf("schema registry %s refused the credentials (HTTP %d)", r.host, re.StatusCode).WithHint("check the registry username and password")
		case re.StatusCode == http.StatusNotFound:
			return clierr.NotFoundf("schema registry: %s", re.Message)
		case re.StatusCode == http.StatusUnprocessableEntity:
			return clierr.Usagef("schema registry rejected the request: %s", re.Message)
		}
		return clierr.Failuref("schema registry answered HTTP %d: %s", re.StatusCode, oneLine(re.Error()))
	}
	var ne net.Error
	var ue *url.Error
	if errors.As(err, &ne) || errors.As(err, &ue) || errors.Is(err, context.DeadlineExceeded) {
		if isTLS(err) {
			return clierr.Authf("TLS handshake with schema registry %s failed", r.host).WithHint("check the registry's trusted_cert, client_cert and client_cert_key")
		}
		hint := "check --schema-registry and that the registry is running"
		if r.UnreachableHint != "" {
			hint = r.UnreachableHint
		}
		return clierr.Unreachablef("schema registry %s is unreachable or timed out", r.host).WithHint("%s", hint)
	}
	return clierr.Failuref("schema registry: %s", oneLine(err.Error()))
}

func isTLS(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch fmt.Sprintf("%T", e) {
		case "*tls.CertificateVerificationError", "tls.RecordHeaderError", "*tls.AlertError", "tls.AlertError", "x509.UnknownAuthorityError", "x509.HostnameError", "x509.CertificateInvalidError":
			return true
		}
	}
	return false
}

func oneLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
