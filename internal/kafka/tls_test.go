package kafka

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// testCA is a self-signed certificate in PEM, for tests that only need
// well-formed material.
var testCA = func() string {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}()

func TestLoadPEM(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(path, []byte(testCA), 0o600); err != nil {
		t.Fatal(err)
	}
	notPEM := filepath.Join(dir, "notpem.txt")
	if err := os.WriteFile(notPEM, []byte("hello secret-value-77"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{testCA, "\n  " + testCA + "\n", path, " " + path + " "} {
		got, err := LoadPEM("KAFKA_TRUSTED_CERT", v)
		if err != nil || strings.TrimSpace(string(got)) != strings.TrimSpace(testCA) {
			t.Errorf("LoadPEM(%.30q) = %.30q, %v", v, got, err)
		}
	}
	if got, err := LoadPEM("X", "  "); got != nil || err != nil {
		t.Errorf("empty value: %q %v", got, err)
	}
	for _, tc := range []struct{ value, want string }{
		{"secret-value-77", "neither PEM text nor a readable file: no such file"},
		{"-----BEGIN CERTIFICATE-----\nsecret-value-77\n", "malformed PEM"},
		{"secret-value-77\nsecond line", "neither PEM text nor a path"},
		{notPEM, "holds no PEM data"},
		{dir, "not a regular file"},
		{"/dev/zero", "not a regular file"},
		{strings.Repeat("secret-value-77", 400), "neither PEM text nor a readable file"},
	} {
		_, err := LoadPEM("HEROKU_KAFKA_BROWN_CLIENT_CERT_KEY", tc.value)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "HEROKU_KAFKA_BROWN_CLIENT_CERT_KEY ") {
			t.Errorf("LoadPEM(%.40q) = %v, want %q naming the variable", tc.value, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), "secret-value-77") {
			t.Errorf("LoadPEM error shows the value: %v", err)
		}
	}
}

func TestTLSConfigMaterial(t *testing.T) {
	p := kafkatest.NewPKI(t)
	if _, err := (&TLSMaterial{ClientCert: p.ClientPEM}).TLSConfig(); err == nil || !strings.Contains(err.Error(), "together") {
		t.Errorf("cert without key: %v", err)
	}
	if _, err := (&TLSMaterial{ClientCert: p.ClientPEM, ClientKey: []byte(testCA)}).TLSConfig(); err == nil || !strings.Contains(err.Error(), "valid pair") {
		t.Errorf("mismatched pair: %v", err)
	}
	if _, err := (&TLSMaterial{TrustedCert: p.ClientKey}).TLSConfig(); err == nil || !strings.Contains(err.Error(), "no usable CA") {
		t.Errorf("key as CA: %v", err)
	}
	c, err := (&TLSMaterial{}).TLSConfig()
	if err != nil || c.InsecureSkipVerify || c.VerifyPeerCertificate != nil {
		t.Errorf("no CA must verify fully against system roots: %+v %v", c, err)
	}
	if n := CountCerts([]byte(string(p.CAPEM) + string(p.OtherCAPEM) + string(p.ClientKey))); n != 2 {
		t.Errorf("CountCerts = %d, want 2", n)
	}
}

// The tracker that explains timeouts relies on franz-go reporting dialer
// errors, TLS handshake failures included, through HookBrokerConnect.
func TestHookSeesTLSHandshakeFailure(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.TLS(p.ServerTLS(false)))
	cfg := &Config{Brokers: c.ListenAddrs(), TLS: true, TLSMaterial: TLSMaterial{TrustedCert: p.OtherCAPEM}}
	cl, err := NewClient(cfg, ClientOptions{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, reqErr := cl.Admin.ListTopics(ctx)
	to, last, ok := cl.tracker.last()
	var unknown x509.UnknownAuthorityError
	var hs *HandshakeError
	if ok || !errors.As(last, &unknown) || !errors.As(last, &hs) || to != c.ListenAddrs()[0] {
		t.Fatalf("hook recorded %v (to %s, ok %v), want the handshake's unknown-authority error", last, to, ok)
	}
	if code := clierr.CodeOf(cl.Explain(reqErr)); code != clierr.CodeAuth {
		t.Errorf("Explain(%v) code %d, want 4", reqErr, code)
	}
}
