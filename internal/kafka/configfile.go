package kafka

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kafka-cli/kafka/internal/saslauth"
)

// File is the config file: named clusters and the one used by default.
//
//	default: prod
//	clusters:
//	  prod:
//	    url: kafka+ssl://b1.example.com:9096,b2.example.com:9096
//	    trusted_cert: /path/to/ca.pem      # PEM text or a path
//	    client_cert: /path/to/client.pem
//	    client_cert_key: /path/to/client.key
//	    prefix: colville-77398.
//	  local:
//	    brokers: [localhost:9092]
//	    sasl: {mechanism: SCRAM-SHA-512, username: admin, password: secret}
//	  idp:
//	    url: kafka+sasl_ssl://b1.example.com:9096?mechanism=OAUTHBEARER
//	    sasl: {mechanism: OAUTHBEARER, token_url: https://idp/token, client_id: kafka-cli, client_secret: s3cret}
type File struct {
	Default  string                  `yaml:"default"`
	Clusters map[string]*FileCluster `yaml:"clusters"`
}

// FileCluster is one named cluster of the config file.
type FileCluster struct {
	URL                string        `yaml:"url"`
	Brokers            []string      `yaml:"brokers"`
	TLS                bool          `yaml:"tls"`
	TrustedCert        string        `yaml:"trusted_cert"`
	ClientCert         string        `yaml:"client_cert"`
	ClientCertKey      string        `yaml:"client_cert_key"`
	InsecureSkipVerify bool          `yaml:"insecure_skip_verify"`
	SASL               *FileSASL     `yaml:"sasl"`
	Prefix             string        `yaml:"prefix"`
	SchemaRegistry     *FileRegistry `yaml:"schema_registry"`
}

// FileSASL holds a cluster's SASL settings: username and password for
// PLAIN and SCRAM; a token file or the client-credentials flow for
// OAUTHBEARER; a profile for AWS_MSK_IAM.
type FileSASL struct {
	Mechanism    string `yaml:"mechanism"`
	Username     string `yaml:"username"`
	Password     string `yaml:"password"`
	TokenFile    string `yaml:"token_file"`
	TokenURL     string `yaml:"token_url"`
	ClientID     string `yaml:"client_id"`
	ClientSecret string `yaml:"client_secret"`
	Scope        string `yaml:"scope"`
	AWSProfile   string `yaml:"aws_profile"`
}

// LoadFile reads the config file. A missing file is an empty config unless
// the user named it explicitly.
func LoadFile(path string, explicit bool) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !explicit {
			return &File{}, nil
		}
		return nil, fmt.Errorf("cannot read config file %s: %s", path, describeFileErr(err))
	}
	f, err := ParseFile(data)
	if err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	return f, nil
}

// ParseFile parses config file contents. Unknown keys are errors, so a typo
// such as "trusted_certs" is caught rather than silently ignored.
func ParseFile(data []byte) (*File, error) {
	var f File
	dec := yaml.NewDecoder(bytesReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("invalid YAML: %s", yamlMessage(err))
	}
	for name, c := range f.Clusters {
		if c == nil {
			return nil, fmt.Errorf("cluster %q has no settings", name)
		}
		if c.SASL == nil {
			continue
		}
		mech, err := NormalizeMechanism(c.SASL.Mechanism)
		if err != nil {
			return nil, fmt.Errorf("cluster %q: %w", name, err)
		}
		if c.SASL.Username == "" && takesUser(mech) {
			return nil, fmt.Errorf("cluster %q: sasl needs a username", name)
		}
	}
	return &f, nil
}

// yamlMessage makes a yaml error one readable line. Unmarshal errors
// come as a header line and a list; the first entry is the useful part.
func yamlMessage(err error) string {
	msg := firstLine(err.Error())
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
		if n := len(te.Errors); n > 1 {
			msg += fmt.Sprintf(" (and %d more)", n-1)
		}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = yamlGoType.ReplaceAllString(msg, "")
	return yamlQuoted.ReplaceAllString(msg, "a value")
}

// yamlGoType matches the Go type yaml names in field errors, which means
// nothing to a user ("field x not found in type kafka.FileCluster").
var yamlGoType = regexp.MustCompile(` in type [\w.*\[\]]+`)

// yamlQuoted matches the values yaml quotes in type errors ("cannot
// unmarshal !!str `hunter2` into ..."): a password put under the wrong key
// must not be echoed.
var yamlQuoted = regexp.MustCompile("`[^`]*`")

func (fc *FileCluster) resolve(name, path string) (*Config, error) {
	where := fmt.Sprintf("cluster %q in %s", name, path)
	var ep *Endpoint
	var err error
	switch {
	case fc.URL != "" && len(fc.Brokers) > 0:
		return nil, fmt.Errorf("%s: set url or brokers, not both", where)
	case fc.URL != "" && fc.SASL != nil:
		// The sasl: block supplies the user and password the URL omits.
		ep, err = parseURL(fc.URL, false)
	case fc.URL != "":
		ep, err = ParseURL(fc.URL)
	case len(fc.Brokers) > 0:
		ep, err = ParseURL(joinComma(fc.Brokers))
	default:
		return nil, fmt.Errorf("%s: no url or brokers", where)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	cfg := fromEndpoint(ep, where)
	cfg.names = [3]string{where + " trusted_cert", where + " client_cert", where + " client_cert_key"}
	cfg.TLS = cfg.TLS || fc.TLS
	cfg.Prefix = fc.Prefix
	cfg.InsecureSkipVerify = fc.InsecureSkipVerify
	if fc.SASL != nil {
		mech, err := NormalizeMechanism(fc.SASL.Mechanism)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		s := fc.SASL
		cfg.SASL = &SASL{Mechanism: mech, Username: s.Username, Password: s.Password, AWSProfile: s.AWSProfile,
			OAuth: saslauth.OAuth{TokenFile: s.TokenFile, TokenURL: s.TokenURL, ClientID: s.ClientID, Secret: s.ClientSecret, Scope: s.Scope}}
	}
	for _, m := range []struct {
		key, val string
		dst      *[]byte
	}{
		{"trusted_cert", fc.TrustedCert, &cfg.TrustedCert},
		{"client_cert", fc.ClientCert, &cfg.ClientCert},
		{"client_cert_key", fc.ClientCertKey, &cfg.ClientKey},
	} {
		if *m.dst, err = LoadPEM(where+" "+m.key, m.val); err != nil {
			return nil, err
		}
	}
	if r := fc.SchemaRegistry; r != nil {
		reg := &Registry{URL: r.URL, Username: r.Username, Password: r.Password}
		reg.names = [3]string{where + " schema_registry.trusted_cert", where + " schema_registry.client_cert", where + " schema_registry.client_cert_key"}
		for i, m := range []struct {
			val string
			dst *[]byte
		}{{r.TrustedCert, &reg.TrustedCert}, {r.ClientCert, &reg.ClientCert}, {r.ClientCertKey, &reg.ClientKey}} {
			if *m.dst, err = LoadPEM(reg.names[i], m.val); err != nil {
				return nil, err
			}
		}
		cfg.Registry = reg
	}
	return cfg, nil
}

// FileRegistry is a cluster's schema registry in the config file.
type FileRegistry struct {
	URL           string `yaml:"url"`
	Username      string `yaml:"username"`
	Password      string `yaml:"password"`
	TrustedCert   string `yaml:"trusted_cert"`
	ClientCert    string `yaml:"client_cert"`
	ClientCertKey string `yaml:"client_cert_key"`
}

// Registry is where a cluster's schema registry is; its secrets are never
// printed.
type Registry struct {
	URL, Username, Password string
	TLSMaterial
}
