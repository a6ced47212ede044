package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// tlsCluster starts a TLS cluster whose certificate does not match the
// address dialled; with mtls it demands a client certificate.
func tlsCluster(t *testing.T, p *kafkatest.PKI, mtls bool) *kfake.Cluster {
	t.Helper()
	return kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "secure"), kfake.TLS(p.ServerTLS(mtls)))
}

// urlList writes the cluster's brokers as a URL list with one scheme.
func urlList(c *kfake.Cluster, scheme string) string {
	var us []string
	for _, a := range c.ListenAddrs() {
		us = append(us, scheme+a)
	}
	return strings.Join(us, ",")
}

func tlsEnv(c *kfake.Cluster, ca []byte) map[string]string {
	env := map[string]string{"KAFKA_URL": urlList(c, "kafka+ssl://")}
	if ca != nil {
		env["KAFKA_TRUSTED_CERT"] = string(ca)
	}
	return env
}

func TestTLSExplicitCASkipsHostname(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := tlsCluster(t, p, false)
	r := run(t, runOpts{env: tlsEnv(c, p.CAPEM)}, "--timeout", "5s", "list")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "secure") || r.Stderr != "" {
		t.Errorf("stdout %q stderr %q", r.Stdout, r.Stderr)
	}
}

func TestTLSWrongCAExits4(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := tlsCluster(t, p, false)
	r := run(t, runOpts{env: tlsEnv(c, p.OtherCAPEM)}, "--timeout", "5s", "list")
	wantCleanError(t, r, 4, "certificate")
}

func TestTLSNoCAUsesSystemRoots(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := tlsCluster(t, p, false)
	r := run(t, runOpts{env: tlsEnv(c, nil)}, "--timeout", "5s", "list")
	wantCleanError(t, r, 4, "certificate")
}

func TestTLSClientCertRequired(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := tlsCluster(t, p, true)

	r := run(t, runOpts{env: tlsEnv(c, p.CAPEM)}, "--timeout", "5s", "list")
	wantCleanError(t, r, 4, "client certificate")

	env := tlsEnv(c, p.CAPEM)
	env["KAFKA_CLIENT_CERT"] = string(p.ClientPEM)
	env["KAFKA_CLIENT_CERT_KEY"] = string(p.ClientKey)
	r = run(t, runOpts{env: env}, "--timeout", "5s", "list")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "secure") {
		t.Errorf("stdout %q", r.Stdout)
	}
}

func TestTLSTrustedCertBundleForCARotation(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := tlsCluster(t, p, false)
	bundle := string(p.OtherCAPEM) + string(p.CAPEM)
	r := run(t, runOpts{env: tlsEnv(c, []byte(bundle))}, "--timeout", "5s", "list")
	wantCode(t, r, 0)
}

func TestTLSCertVarsAsPaths(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := tlsCluster(t, p, true)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	env := tlsEnv(c, nil)
	env["KAFKA_TRUSTED_CERT"] = write("ca.pem", p.CAPEM)
	env["KAFKA_CLIENT_CERT"] = write("client.pem", p.ClientPEM)
	env["KAFKA_CLIENT_CERT_KEY"] = write("client.key", p.ClientKey)
	r := run(t, runOpts{env: env}, "--timeout", "5s", "list")
	wantCode(t, r, 0)
}

func TestTLSBadCertVarExits2WithoutValue(t *testing.T) {
	t.Parallel()
	addr := deadAddr(t) // exit 2 comes before any request, so nothing is dialled
	for _, tc := range []struct{ name, value string }{
		{"KAFKA_TRUSTED_CERT", "not-a-cert-nor-a-file-9f3a"},
		{"KAFKA_CLIENT_CERT", "-----BEGIN CERTIFICATE-----\nsecretgarbage9f3a\n"},
		{"KAFKA_CLIENT_CERT_KEY", "line1-secret9f3a\nline2"},
		{"KAFKA_TRUSTED_CERT", t.TempDir()}, // a directory is not a PEM file
	} {
		env := map[string]string{"KAFKA_URL": "kafka+ssl://" + addr, tc.name: tc.value}
		r := run(t, runOpts{env: env}, "--timeout", "5s", "list")
		wantCleanError(t, r, 2, tc.name)
		if strings.Contains(r.Stderr, "9f3a") {
			t.Errorf("stderr shows the variable's value: %q", r.Stderr)
		}
	}
}

func TestTLSInsecureSkipVerifyWarnsEveryTime(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := tlsCluster(t, p, false)
	for i := 0; i < 2; i++ {
		r := run(t, runOpts{env: tlsEnv(c, nil)}, "--timeout", "5s", "--insecure-skip-verify", "list")
		wantCode(t, r, 0)
		if !strings.Contains(r.Stderr, "Warning: TLS certificate verification is disabled") {
			t.Errorf("run %d: no warning on stderr: %q", i, r.Stderr)
		}
	}
}

// A TLS client on a plaintext port waits for a server hello that never
// comes: that is indistinguishable from a stalled TLS broker, so it is a
// timeout (exit 5) whose message points at the likely TLS mismatch. A
// plaintext client on a TLS port is closed at once by the broker: the
// cluster is reachable but the security settings are wrong (exit 4).
func TestTLSMismatchedPlaintext(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	plain := kafkatest.NewCluster(t, kfake.NumBrokers(1))
	r := runBounded(t, runOpts{env: map[string]string{"KAFKA_URL": urlList(plain, "kafka+ssl://"), "KAFKA_TRUSTED_CERT": string(p.CAPEM)}}, "--timeout", "1s", "list")
	wantCleanError(t, r, 5, "TLS handshake with "+plain.ListenAddrs()[0])
	if !strings.Contains(r.Stderr, "kafka://") {
		t.Errorf("no hint to use kafka://: %q", r.Stderr)
	}

	secure := tlsCluster(t, p, false)
	r = runBounded(t, runOpts{env: map[string]string{"KAFKA_URL": urlList(secure, "kafka://")}}, "--timeout", "1s", "list")
	wantCleanError(t, r, 4, "kafka+ssl://")
}
