package kafka

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestLibraryTexts produces, from crypto/tls and franz-go themselves, each
// error whose text errors.go matches for want of a type, and checks both
// the text and Explain's verdict: a library upgrade that changes a text
// fails here.
func TestLibraryTexts(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	for _, tc := range []struct {
		name    string
		version uint16
		cert    []byte // the client certificate and key offered (one PEM); nil for none
		texts   []string
	}{
		{"TLS 1.3 client certificate missing", tls.VersionTLS13, nil, []string{textRemoteAlert, textCertRequired}},
		// A server certificate is not for client auth: the broker refuses
		// it as a bad certificate, as Java brokers refuse a missing one.
		{"TLS 1.2 client certificate not for client auth", tls.VersionTLS12, p.ServerPEM, []string{textRemoteAlert, textBadCert}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := p.ServerTLS(true)
			srv.MinVersion, srv.MaxVersion = tc.version, tc.version
			c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.TLS(srv))
			m := TLSMaterial{TrustedCert: p.CAPEM}
			if tc.cert != nil {
				m.ClientCert, m.ClientKey = tc.cert, tc.cert
			}
			cl, err := NewClient(&Config{Brokers: c.ListenAddrs(), TLS: true, TLSMaterial: m}, ClientOptions{Timeout: 3 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			_, reqErr := cl.Admin.ListTopics(ctx)
			seen := reqErr
			if _, last, _ := cl.tracker.last(); last != nil {
				seen = last
			}
			for _, text := range tc.texts {
				if seen == nil || !strings.Contains(seen.Error(), text) {
					t.Errorf("crypto/tls said %v, which does not contain %q", seen, text)
				}
			}
			got := cl.Explain(reqErr)
			if clierr.CodeOf(got) != clierr.CodeAuth || !strings.Contains(got.Error(), "requires a valid client certificate") {
				t.Errorf("Explain(%v) = %v (code %d), want the client-certificate auth error", reqErr, got, clierr.CodeOf(got))
			}
		})
	}

	t.Run("franz-go dial failure of no net type", func(t *testing.T) {
		t.Parallel()
		refuse := errors.New("no way through")
		kcl, err := kgo.NewClient(kgo.SeedBrokers("127.0.0.1:1"), kgo.RetryTimeout(time.Second),
			kgo.Dialer(func(context.Context, string, string) (net.Conn, error) { return nil, refuse }))
		if err != nil {
			t.Fatal(err)
		}
		defer kcl.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		err = kcl.Ping(ctx)
		var oe *net.OpError
		if err == nil || !strings.Contains(err.Error(), textUnableToDial) || errors.As(err, &oe) {
			t.Fatalf("franz-go said %v; want %q around a non-net error", err, textUnableToDial)
		}
		if !isTimeoutOrDial(err) || clierr.CodeOf((*Client)(nil).Explain(err)) != clierr.CodeUnreachable {
			t.Errorf("Explain(%v) = %v, want unreachable (5)", err, (*Client)(nil).Explain(err))
		}
	})
}
