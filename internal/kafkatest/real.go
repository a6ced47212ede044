package kafkatest

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// Real-cluster environment variables.
const (
	// EnvRequireReal=1 turns the skip of a real-Kafka test into a failure,
	// so CI cannot pass without a real broker.
	EnvRequireReal = "KAFKATEST_REQUIRE_REAL"
	// EnvKafkaVersion picks the Apache Kafka version: an exact version, or
	// 4, 4.x, 3, 3.9, 3.9.x for the pinned ones.
	EnvKafkaVersion = "KAFKATEST_KAFKA_VERSION"
)

// The versions pinned here are the ones the pom (kafkajars/pom.xml) says
// Maven Central serves: the newest 4.x and the newest 3.9.x.
const (
	DefaultKafkaVersion = "4.4.0"
	Kafka3Version       = "3.9.1"
)

// The super user's credentials, for SCRAM-SHA-512, SCRAM-SHA-256 and PLAIN.
const (
	adminUser = "admin"
	adminPass = "admin-secret"
)

var (
	sharedOnce sync.Once
	shared     *RealCluster
	sharedErr  error
)

// Real returns the package's shared real cluster: 3 combined KRaft nodes,
// started on the first call and stopped by RunMain. Without java and mvn
// the test skips, unless KAFKATEST_REQUIRE_REAL=1, which fails it.
func Real(t testing.TB) *RealCluster {
	t.Helper()
	skipWithoutTools(t)
	sharedOnce.Do(func() {
		shared, sharedErr = startReal(RealVersion())
	})
	if sharedErr != nil {
		t.Fatalf("starting real Kafka: %v", sharedErr)
	}
	return shared
}

// RealVersion is the Kafka version EnvKafkaVersion asks for.
func RealVersion() string {
	switch v := strings.TrimSpace(os.Getenv(EnvKafkaVersion)); v {
	case "", "4", "4.x":
		return DefaultKafkaVersion
	case "3", "3.x", "3.9", "3.9.x":
		return Kafka3Version
	default:
		return v
	}
}

func missingTools() string {
	var miss []string
	for _, tool := range []string{"java", "mvn"} {
		if _, err := exec.LookPath(tool); err != nil {
			miss = append(miss, tool)
		}
	}
	return strings.Join(miss, " and ")
}

// RunMain is for TestMain: it runs the tests, then stops the shared cluster.
// The brokers' logs are kept, and their folder named, when a test failed.
func RunMain(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.Stop(code != 0)
	} else if sharedErr != nil {
		fmt.Fprintf(os.Stderr, "kafkatest: real Kafka failed to start: %v\n", sharedErr)
	}
	return code
}

// Version is the cluster's Apache Kafka version, e.g. "4.4.0".
func (c *RealCluster) Version() string { return c.version }

// ClusterID is the id the nodes' storage was formatted with.
func (c *RealCluster) ClusterID() string { return c.clusterID }

// Brokers is the PLAINTEXT host:port of every node; that listener's
// principal (ANONYMOUS) is a super user.
func (c *RealCluster) Brokers() []string { return c.addrs(func(n *realNode) int { return n.plain }) }

// URL is the cluster as a KAFKA_URL value: kafka://h:p,kafka://h:p,...
func (c *RealCluster) URL() string { return c.url("kafka://", c.Brokers()) }

// SSLURL is the mutual-TLS listener as kafka+ssl://h:p,... Clients need
// PKI().CAPEM, ClientPEM and ClientKey; the client certificate's principal
// is a super user.
func (c *RealCluster) SSLURL() string {
	return c.url("kafka+ssl://", c.addrs(func(n *realNode) int { return n.ssl }))
}

// PKI is the certificate authority the TLS listeners use.
func (c *RealCluster) PKI() *PKI { return c.pki }

// SASLURL is the SASL_PLAINTEXT listener as
// kafka+sasl://user:pass@h:p,...?mechanism=MECH.
func (c *RealCluster) SASLURL(mech, user, pass string) string {
	return c.saslURL("kafka+sasl://", mech, user, pass, func(n *realNode) int { return n.sasl })
}

// SASLSSLURL is the SASL_SSL listener (server TLS, no client certificate)
// as kafka+sasl_ssl://user:pass@h:p,...?mechanism=MECH.
func (c *RealCluster) SASLSSLURL(mech, user, pass string) string {
	return c.saslURL("kafka+sasl_ssl://", mech, user, pass, func(n *realNode) int { return n.saslSSL })
}

// AdminUser is the super user, known to SCRAM-SHA-512, SCRAM-SHA-256 and
// PLAIN.
func (c *RealCluster) AdminUser() (user, pass string) { return adminUser, adminPass }

// NodeIDs are the nodes' ids, in order.
func (c *RealCluster) NodeIDs() []int32 {
	ids := make([]int32, len(c.nodes))
	for i, n := range c.nodes {
		ids[i] = n.id
	}
	return ids
}

func (c *RealCluster) addrs(port func(*realNode) int) []string {
	out := make([]string, len(c.nodes))
	for i, n := range c.nodes {
		out[i] = fmt.Sprintf("127.0.0.1:%d", port(n))
	}
	return out
}

func (c *RealCluster) url(scheme string, addrs []string) string {
	parts := make([]string, len(addrs))
	for i, a := range addrs {
		parts[i] = scheme + a
	}
	return strings.Join(parts, ",")
}

func (c *RealCluster) saslURL(scheme, mech, user, pass string, port func(*realNode) int) string {
	cred := url.PathEscape(user) + ":" + url.PathEscape(pass)
	return scheme + cred + "@" + strings.Join(c.addrs(port), ",") + "?mechanism=" + mech
}
