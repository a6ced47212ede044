package kafkatest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

func TestMain(m *testing.M) { RunMain(m) }

// Every listener lets its super user in and answers with all 3 brokers.
func TestRealListeners(t *testing.T) {
	c := Real(t)
	user, pass := c.AdminUser()
	cert, err := tls.X509KeyPair(c.PKI().ClientPEM, c.PKI().ClientKey)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(c.PKI().CAPEM)
	tlsCfg := func(withCert bool) *tls.Config {
		cfg := &tls.Config{RootCAs: pool, ServerName: ServerName}
		if withCert {
			cfg.Certificates = []tls.Certificate{cert}
		}
		return cfg
	}
	cases := []struct {
		name string
		opts []kgo.Opt
	}{
		{"plaintext", []kgo.Opt{kgo.SeedBrokers(c.Brokers()...)}},
		{"mtls", []kgo.Opt{kgo.SeedBrokers(c.addrs(func(n *realNode) int { return n.ssl })...), kgo.DialTLSConfig(tlsCfg(true))}},
		{"scram512", []kgo.Opt{kgo.SeedBrokers(c.addrs(func(n *realNode) int { return n.sasl })...),
			kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha512Mechanism())}},
		{"plain-over-tls", []kgo.Opt{kgo.SeedBrokers(c.addrs(func(n *realNode) int { return n.saslSSL })...),
			kgo.DialTLSConfig(tlsCfg(false)), kgo.SASL(plain.Auth{User: user, Pass: pass}.AsMechanism())}},
		{"scram256-over-tls", []kgo.Opt{kgo.SeedBrokers(c.addrs(func(n *realNode) int { return n.saslSSL })...),
			kgo.DialTLSConfig(tlsCfg(false)), kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha256Mechanism())}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cl, err := kgo.NewClient(tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			m, err := kadm.NewClient(cl).BrokerMetadata(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Brokers) != 3 {
				t.Fatalf("%d brokers, want 3", len(m.Brokers))
			}
		})
	}
}

// The mTLS listener refuses a client without a certificate.
func TestRealMTLSNeedsCert(t *testing.T) {
	c := Real(t)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(c.PKI().CAPEM)
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.addrs(func(n *realNode) int { return n.ssl })...),
		kgo.DialTLSConfig(&tls.Config{RootCAs: pool, ServerName: ServerName}))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := cl.Ping(ctx); err == nil {
		t.Fatal("ping without a client certificate succeeded")
	}
}

// A new SCRAM user authenticates, and without ACLs sees no topics.
func TestRealSCRAMUserHasNoACLs(t *testing.T) {
	c := Real(t)
	topic := c.Topic(t, 1, 3, nil)
	c.CreateSCRAMUser(t, "SCRAM-SHA-256", "nobody", "pw-1")
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.addrs(func(n *realNode) int { return n.sasl })...),
		kgo.SASL(scram.Auth{User: "nobody", Pass: "pw-1"}.AsSha256Mechanism()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := kadm.NewClient(cl).Metadata(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Topics[topic]; ok {
		t.Fatalf("user without ACLs sees topic %s", topic)
	}
}

// A stopped node leaves partitions under-replicated; once restarted the
// cluster is healthy again.
func TestRealStopStartNode(t *testing.T) {
	c := Real(t)
	topic := c.Topic(t, 3, 3, nil)
	c.StopNode(t, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	adm := kadm.NewClient(c.Client(t))
	err := pollUntil(ctx, nil, c, func(ctx context.Context) bool {
		m, err := adm.Metadata(ctx, topic)
		if err != nil {
			return false
		}
		for _, p := range m.Topics[topic].Partitions {
			if len(p.ISR) == 3 {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("partitions never left node 2's ISR: %v", err)
	}
	c.StartNode(t, 2)
	c.WaitHealthy(t)
}
