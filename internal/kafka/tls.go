package kafka

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
)

// LoadPEM reads certificate material the way Heroku sets it: the variable
// holds PEM text itself, or the path of a PEM file. name is the variable or
// setting it came from, for errors; the value itself is never printed,
// because a key pasted without its header would otherwise leak.
func LoadPEM(name, value string) ([]byte, error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return nil, nil
	}
	if strings.HasPrefix(v, "-----BEGIN") {
		if b, _ := pem.Decode([]byte(v)); b == nil {
			return nil, fmt.Errorf("%s holds malformed PEM: check that it is a complete certificate or key", name)
		}
		return []byte(v), nil
	}
	if strings.ContainsAny(v, "\n") {
		return nil, fmt.Errorf("%s is neither PEM text nor a path to a PEM file", name)
	}
	data, err := readPEMFile(v)
	if err != nil {
		return nil, fmt.Errorf("%s is neither PEM text nor a readable file: %s", name, describeFileErr(err))
	}
	if b, _ := pem.Decode(data); b == nil {
		return nil, fmt.Errorf("%s names a file that holds no PEM data", name)
	}
	return data, nil
}

// maxPEMFile bounds what a certificate path may make us read: a bundle of
// many certificates is a few tens of kilobytes.
const maxPEMFile = 1 << 20

var errNotRegular = errors.New("not a regular file")

// readPEMFile reads a certificate file. Only regular files are read, so a
// value such as /dev/zero or a FIFO cannot hang the command.
func readPEMFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errNotRegular
	}
	return io.ReadAll(io.LimitReader(f, maxPEMFile))
}

func describeFileErr(err error) string {
	switch {
	case errors.Is(err, errNotRegular):
		return "it is not a regular file"
	case errors.Is(err, syscall.EISDIR):
		return "it is a directory, not a file"
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return "cannot read it"
}

// TLSMaterial is what a TLS connection may be given. All PEM.
type TLSMaterial struct {
	TrustedCert        []byte // one or more CA certificates
	ClientCert         []byte
	ClientKey          []byte
	InsecureSkipVerify bool

	// names are where the three came from, for messages: the variables
	// of a Heroku attachment or the keys of a config-file cluster.
	names [3]string
}

const (
	nameTrusted = iota
	nameCert
	nameKey
)

// name says where a piece of TLS material is set, for messages.
func (m *TLSMaterial) name(i int) string {
	if m.names[i] != "" {
		return m.names[i]
	}
	return [...]string{"KAFKA_TRUSTED_CERT", "KAFKA_CLIENT_CERT", "KAFKA_CLIENT_CERT_KEY"}[i]
}

// TLSConfig builds the client's TLS configuration.
//
// With an explicit CA (KAFKA_TRUSTED_CERT), the broker's chain is verified
// against that CA but its hostname is not: Heroku's broker certificates do
// not match their hostnames, and Heroku's own Go helper does the same.
// Without a CA, verification is full, against the system roots.
func (m *TLSMaterial) TLSConfig() (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if len(m.ClientCert) > 0 || len(m.ClientKey) > 0 {
		if len(m.ClientCert) == 0 || len(m.ClientKey) == 0 {
			return nil, fmt.Errorf("client certificate and key must be given together (%s and %s)", m.name(nameCert), m.name(nameKey))
		}
		pair, err := tls.X509KeyPair(m.ClientCert, m.ClientKey)
		if err != nil {
			return nil, fmt.Errorf("client certificate and key do not form a valid pair: check %s and %s", m.name(nameCert), m.name(nameKey))
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	if m.InsecureSkipVerify {
		cfg.InsecureSkipVerify = true
		return cfg, nil
	}
	if len(m.TrustedCert) == 0 {
		return cfg, nil
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(m.TrustedCert) {
		return nil, fmt.Errorf("%s holds no usable CA certificate", m.name(nameTrusted))
	}
	cfg.InsecureSkipVerify = true // hostname is skipped; the chain is checked below
	cfg.VerifyPeerCertificate = func(raw [][]byte, _ [][]*x509.Certificate) error {
		return verifyChain(pool, raw)
	}
	return cfg, nil
}

func verifyChain(roots *x509.CertPool, raw [][]byte) error {
	if len(raw) == 0 {
		return errors.New("broker sent no certificate")
	}
	certs := make([]*x509.Certificate, 0, len(raw))
	for _, r := range raw {
		c, err := x509.ParseCertificate(r)
		if err != nil {
			return fmt.Errorf("broker sent an unreadable certificate: %w", err)
		}
		certs = append(certs, c)
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	_, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter})
	return err
}

// CountCerts says how many certificates a PEM bundle holds (for messages
// such as the CA-rotation case where KAFKA_TRUSTED_CERT holds two).
func CountCerts(b []byte) int {
	n := 0
	for {
		var blk *pem.Block
		blk, b = pem.Decode(bytes.TrimSpace(b))
		if blk == nil {
			return n
		}
		if blk.Type == "CERTIFICATE" {
			n++
		}
	}
}
