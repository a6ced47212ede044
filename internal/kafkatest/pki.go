package kafkatest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"
)

// PKI is a throwaway certificate authority for TLS tests, made in memory.
// Its server certificate names only ServerName, so it never matches the
// 127.0.0.1 a test dials: that is how Heroku's broker certificates behave.
type PKI struct {
	CAPEM      []byte // the CA that signed the server and client certificates
	OtherCAPEM []byte // an unrelated CA, for wrong-CA and CA-rotation cases
	Server     tls.Certificate
	ServerPEM  []byte // Server's certificate then its PKCS#8 key, as one PEM file (a Java PEM keystore)
	ClientPEM  []byte // client certificate signed by the CA
	ClientKey  []byte // its private key (PKCS#8 PEM)
	caPool     *x509.CertPool
}

// ServerName is the only name in the PKI's server certificate.
const ServerName = "broker.kafkatest.invalid"

// NewPKI generates a CA, a server certificate and a client certificate.
func NewPKI(t testing.TB) *PKI {
	t.Helper()
	ca, caKey, caPEM := newCA(t, "kafkatest CA")
	_, _, otherPEM := newCA(t, "unrelated CA")

	srvKey := newKey(t)
	srvDER := sign(t, &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: ServerName},
		DNSNames:     []string{ServerName},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}, ca, &srvKey.PublicKey, caKey)

	cliKey := newKey(t)
	cliDER := sign(t, &x509.Certificate{
		SerialNumber: big.NewInt(3),
		Subject:      pkix.Name{CommonName: "kafkatest client"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}, ca, &cliKey.PublicKey, caKey)

	pool := x509.NewCertPool()
	pool.AddCert(ca)
	return &PKI{
		CAPEM:      caPEM,
		OtherCAPEM: otherPEM,
		Server:     tls.Certificate{Certificate: [][]byte{srvDER}, PrivateKey: srvKey},
		ServerPEM:  append(pemBlock("CERTIFICATE", srvDER), keyPEM(t, srvKey)...),
		ClientPEM:  pemBlock("CERTIFICATE", cliDER),
		ClientKey:  keyPEM(t, cliKey),
		caPool:     pool,
	}
}

// ServerTLS is the listener configuration for kfake.TLS. With
// requireClientCert the broker demands a client certificate signed by the
// CA (mutual TLS).
func (p *PKI) ServerTLS(requireClientCert bool) *tls.Config {
	c := &tls.Config{Certificates: []tls.Certificate{p.Server}, MinVersion: tls.VersionTLS12}
	if requireClientCert {
		c.ClientAuth = tls.RequireAndVerifyClientCert
		c.ClientCAs = p.caPool
	}
	return c
}

func newCA(t testing.TB, name string) (*x509.Certificate, *ecdsa.PrivateKey, []byte) {
	key := newKey(t)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der := sign(t, tmpl, tmpl, &key.PublicKey, key)
	ca, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return ca, key, pemBlock("CERTIFICATE", der)
}

func newKey(t testing.TB) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sign(t testing.TB, tmpl, parent *x509.Certificate, pub any, key *ecdsa.PrivateKey) []byte {
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func keyPEM(t testing.TB, k *ecdsa.PrivateKey) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pemBlock("PRIVATE KEY", der)
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}
