// Package kafka resolves where and how to connect, builds franz-go clients
// with bounded timeouts, handles KAFKA_PREFIX, and turns the errors franz-go
// returns into the CLI's typed errors.
//
// It may import clierr and saslauth only; cmd, schema, tail and throughput
// (kafka.Bound) import it.
package kafka

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kafka-cli/kafka/internal/saslauth"
)

// DefaultBrokers is used when nothing else says where the cluster is.
const DefaultBrokers = "localhost:9092"

// Config is a resolved connection: where the brokers are, how to secure the
// connection, and the topic prefix. Its secrets are never printed.
type Config struct {
	Brokers []string
	TLS     bool
	TLSMaterial
	SASL   *SASL
	Prefix string
	// Registry is the cluster's schema registry from the config file, or
	// nil.
	Registry *Registry
	// Source says where the settings came from, for messages: "--brokers",
	// "KAFKA_URL", "cluster \"prod\" in ~/.config/kafka/config.yaml", ...
	Source string
}

// Sources is everything Resolve may read.
type Sources struct {
	Brokers            string // -b/--brokers
	Cluster            string // -c/--cluster
	ConfigPath         string // --config; empty means the default path
	InsecureSkipVerify bool
	Getenv             func(string) string
}

// Resolve finds the connection settings. The first of these that is set
// wins:
//
//  1. -b/--brokers host:port,... (a URL list, as KAFKA_URL takes)
//  2. -c/--cluster NAME: a cluster named NAME in the config file, or else an
//     attachment's variables NAME_URL, NAME_TRUSTED_CERT, NAME_CLIENT_CERT,
//     NAME_CLIENT_CERT_KEY and NAME_PREFIX (so -c HEROKU_KAFKA_BROWN works)
//  3. KAFKA_URL with KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT,
//     KAFKA_CLIENT_CERT_KEY and KAFKA_PREFIX
//  4. the default cluster of the config file
//     ($XDG_CONFIG_HOME/kafka/config.yaml, or --config PATH)
//  5. localhost:9092
func Resolve(src Sources) (*Config, error) {
	getenv := src.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg, err := resolve(src, getenv)
	if err != nil {
		return nil, err
	}
	if src.InsecureSkipVerify {
		cfg.InsecureSkipVerify = true
	}
	if cfg.SASL != nil && cfg.SASL.Mechanism == "OAUTHBEARER" {
		oauthFromEnv(&cfg.SASL.OAuth, getenv)
	}
	return cfg, nil
}

// oauthFromEnv fills the OAUTHBEARER settings the config file left empty
// from the environment, where tokens and secrets belong rather than argv.
func oauthFromEnv(o *saslauth.OAuth, getenv func(string) string) {
	for _, f := range []struct {
		dst *string
		env string
	}{
		{&o.Token, "KAFKA_OAUTH_TOKEN"},
		{&o.TokenFile, "KAFKA_OAUTH_TOKEN_FILE"},
		{&o.TokenURL, "KAFKA_OAUTH_TOKEN_URL"},
		{&o.ClientID, "KAFKA_OAUTH_CLIENT_ID"},
		{&o.Secret, "KAFKA_OAUTH_CLIENT_SECRET"},
		{&o.Scope, "KAFKA_OAUTH_SCOPE"},
	} {
		if *f.dst == "" {
			*f.dst = getenv(f.env)
		}
	}
}

func resolve(src Sources, getenv func(string) string) (*Config, error) {
	if src.Brokers != "" {
		ep, err := ParseURL(src.Brokers)
		if err != nil {
			return nil, fmt.Errorf("--brokers: %w", err)
		}
		return fromEndpoint(ep, "--brokers"), nil
	}
	path, explicit := configPath(src.ConfigPath, getenv)
	// The file is read only when it can matter, so a broken file left in
	// ~/.config does not stop KAFKA_URL from working; one named with
	// --config is always read, so a typo in its path is reported.
	var file *File
	if explicit || src.Cluster != "" || getenv("KAFKA_URL") == "" {
		f, err := LoadFile(path, explicit)
		if err != nil {
			return nil, err
		}
		file = f
	}
	if src.Cluster != "" {
		if fc, ok := file.Clusters[src.Cluster]; ok {
			return fc.resolve(src.Cluster, path)
		}
		attach := strings.TrimSuffix(strings.ToUpper(src.Cluster), "_URL")
		if getenv(attach+"_URL") != "" {
			return fromEnv(attach, getenv)
		}
		names := make([]string, 0, len(file.Clusters))
		for n := range file.Clusters {
			names = append(names, n)
		}
		sort.Strings(names)
		known := "none"
		if len(names) > 0 {
			known = strings.Join(names, ", ")
		}
		return nil, fmt.Errorf("unknown cluster %q: it is not in %s (clusters: %s) and %s_URL is not set", src.Cluster, path, known, attach)
	}
	if getenv("KAFKA_URL") != "" {
		return fromEnv("KAFKA", getenv)
	}
	if file.Default != "" {
		fc, ok := file.Clusters[file.Default]
		if !ok {
			return nil, fmt.Errorf("%s: default cluster %q is not defined under clusters", path, file.Default)
		}
		return fc.resolve(file.Default, path)
	}
	ep, _ := ParseURL(DefaultBrokers)
	return fromEndpoint(ep, defaultSource), nil
}

// IsDefault says that nothing configured the cluster, so it is
// DefaultBrokers: kafka dev's.
func (c *Config) IsDefault() bool { return c.Source == defaultSource }

const defaultSource = "default " + DefaultBrokers

func fromEndpoint(ep *Endpoint, source string) *Config {
	return &Config{Brokers: ep.Brokers, TLS: ep.TLS, SASL: ep.SASL, Source: source}
}

// fromEnv reads a Heroku-style attachment: NAME_URL and its companions.
func fromEnv(name string, getenv func(string) string) (*Config, error) {
	ep, err := ParseURL(getenv(name + "_URL"))
	if err != nil {
		return nil, fmt.Errorf("%s_URL: %w", name, err)
	}
	cfg := fromEndpoint(ep, name+"_URL")
	cfg.names = [3]string{name + "_TRUSTED_CERT", name + "_CLIENT_CERT", name + "_CLIENT_CERT_KEY"}
	for _, m := range []struct {
		suffix string
		dst    *[]byte
	}{
		{"_TRUSTED_CERT", &cfg.TrustedCert},
		{"_CLIENT_CERT", &cfg.ClientCert},
		{"_CLIENT_CERT_KEY", &cfg.ClientKey},
	} {
		if *m.dst, err = LoadPEM(name+m.suffix, getenv(name+m.suffix)); err != nil {
			return nil, err
		}
	}
	cfg.Prefix = getenv(name + "_PREFIX")
	return cfg, nil
}

// configPath returns the config file's path and whether the user named it.
func configPath(flag string, getenv func(string) string) (string, bool) {
	if flag != "" {
		return flag, true
	}
	if p := getenv("KAFKA_CONFIG"); p != "" {
		return p, true
	}
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "kafka", "config.yaml"), false
}

// Describe says where the connection goes, without secrets.
func (c *Config) Describe() string {
	var b strings.Builder
	b.WriteString(strings.Join(c.Brokers, ","))
	switch {
	case c.TLS && c.SASL != nil:
		b.WriteString(" (SASL " + c.SASL.Mechanism + " over TLS)")
	case c.TLS:
		b.WriteString(" (TLS)")
	case c.SASL != nil:
		b.WriteString(" (SASL " + c.SASL.Mechanism + ")")
	}
	return b.String()
}
