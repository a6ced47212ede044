package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

const saslPass = "Tr0ub4dor-s3cret-pw"

// saslCluster starts a SASL cluster with one superuser per mechanism, all
// with the password saslPass. kfake seeds SCRAM users at 4096 iterations,
// the only count its SCRAM exchange supports.
func saslCluster(t *testing.T, extra ...kfake.Opt) *kfake.Cluster {
	t.Helper()
	opts := []kfake.Opt{
		kfake.NumBrokers(1), kfake.SeedTopics(1, "auth-topic"), kfake.EnableSASL(),
		kfake.Superuser("PLAIN", "plainuser", saslPass),
		kfake.Superuser("SCRAM-SHA-256", "user256", saslPass),
		kfake.Superuser("SCRAM-SHA-512", "user512", saslPass),
	}
	return kafkatest.NewCluster(t, append(opts, extra...)...)
}

func saslURL(c *kfake.Cluster, scheme, user, pass, mech string) string {
	u := scheme + user + ":" + pass + "@" + strings.Join(c.ListenAddrs(), ",")
	if mech != "" {
		u += "?mechanism=" + mech
	}
	return u
}

func TestSASLMechanisms(t *testing.T) {
	t.Parallel()
	c := saslCluster(t)
	for _, tc := range []struct{ user, mech string }{
		{"user512", ""}, // SCRAM-SHA-512 is the default
		{"user512", "SCRAM-SHA-512"},
		{"user256", "SCRAM-SHA-256"},
		{"plainuser", "PLAIN"},
	} {
		r := run(t, runOpts{env: map[string]string{"KAFKA_URL": saslURL(c, "kafka+sasl://", tc.user, saslPass, tc.mech)}}, "--timeout", "5s", "list")
		wantCode(t, r, 0)
		if !strings.Contains(r.Stdout, "auth-topic") {
			t.Errorf("%s %s: stdout %q", tc.user, tc.mech, r.Stdout)
		}
	}
}

func TestSASLWrongPasswordExits4(t *testing.T) {
	t.Parallel()
	c := saslCluster(t)
	const wrong = "wr0ng-pa55word-xyz"
	for _, tc := range []struct{ user, mech string }{
		{"user512", "SCRAM-SHA-512"},
		{"user256", "SCRAM-SHA-256"},
		{"plainuser", "PLAIN"},
	} {
		r := run(t, runOpts{}, "-b", saslURL(c, "kafka+sasl://", tc.user, wrong, tc.mech), "--timeout", "3s", "list")
		wantCleanError(t, r, 4, "SASL")
		if strings.Contains(r.Stderr, wrong) || strings.Contains(r.Stdout, wrong) {
			t.Errorf("%s: output shows the password: %q", tc.mech, r.Stderr)
		}
	}
}

// Under --verbose, franz-go's debug log and the connection summary go to
// stderr; neither may carry the password or any PEM key text.
func TestVerboseLogHidesSecrets(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := saslCluster(t, kfake.TLS(p.ServerTLS(true)))
	keyBody := strings.Split(string(p.ClientKey), "\n")[1] // a line of the key's base64
	env := map[string]string{
		"KAFKA_URL":             saslURL(c, "kafka+sasl_ssl://", "user512", saslPass, ""),
		"KAFKA_TRUSTED_CERT":    string(p.CAPEM),
		"KAFKA_CLIENT_CERT":     string(p.ClientPEM),
		"KAFKA_CLIENT_CERT_KEY": string(p.ClientKey),
	}
	r := run(t, runOpts{env: env}, "--verbose", "--timeout", "5s", "list")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stderr, "SCRAM-SHA-512") || !strings.Contains(r.Stderr, "[DEBUG]") {
		t.Errorf("verbose log lacks the connection summary or client debug lines:\n%s", r.Stderr)
	}

	env["KAFKA_URL"] = saslURL(c, "kafka+sasl_ssl://", "user512", saslPass+"-wrong", "")
	r2 := run(t, runOpts{env: env}, "--verbose", "--timeout", "3s", "list")
	wantCode(t, r2, 4)
	for _, out := range []string{r.Stdout, r.Stderr, r2.Stdout, r2.Stderr} {
		for _, secret := range []string{saslPass, "PRIVATE KEY", keyBody} {
			if strings.Contains(out, secret) {
				t.Errorf("output contains secret %q:\n%s", secret, out)
			}
		}
	}
}

// A config-file cluster carries SASL and TLS settings the URL does not.
func TestConnectConfigFileSASLOverTLS(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := saslCluster(t, kfake.TLS(p.ServerTLS(false)))
	dir := t.TempDir()
	caPath := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caPath, p.CAPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := func(pass string) string {
		return fmt.Sprintf("clusters:\n  secure:\n    brokers: [%s]\n    tls: true\n    trusted_cert: %s\n    sasl:\n      mechanism: SCRAM-SHA-256\n      username: user256\n      password: %q\n",
			c.ListenAddrs()[0], caPath, pass)
	}
	path := writeConfigFile(t, dir, cfg(saslPass))
	if got := listNames(t, run(t, runOpts{}, "--config", path, "-c", "secure", "--timeout", "5s", "list", "--json")); len(got) != 1 || got[0] != "auth-topic" {
		t.Errorf("listed %v", got)
	}
	path = writeConfigFile(t, dir, cfg("not-"+saslPass))
	r := run(t, runOpts{}, "--config", path, "-c", "secure", "--timeout", "3s", "list")
	wantCleanError(t, r, 4, "SASL authentication failed")
	if strings.Contains(r.Stderr, saslPass) {
		t.Errorf("stderr shows the password: %q", r.Stderr)
	}
}
