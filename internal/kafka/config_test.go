package kafka

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// writeConfig writes a config file under a fresh XDG_CONFIG_HOME and
// returns that directory.
func writeConfig(t *testing.T, yaml string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "kafka"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kafka", "config.yaml"), []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

const twoClusters = `
default: local
clusters:
  local:
    brokers: [file-default:9092]
  prod:
    url: kafka+ssl://file-prod:9096
    prefix: tenant.
`

func TestResolveOrder(t *testing.T) {
	xdg := writeConfig(t, twoClusters)
	all := map[string]string{
		"XDG_CONFIG_HOME":      xdg,
		"KAFKA_URL":            "env-url:9092",
		"HEROKU_KAFKA_RED_URL": "kafka+ssl://attach:9096",
	}
	for _, tc := range []struct {
		name    string
		src     Sources
		unset   []string
		brokers string
		source  string
	}{
		{"brokers flag wins", Sources{Brokers: "flag:1", Cluster: "prod"}, nil, "flag:1", "--brokers"},
		{"cluster from file beats KAFKA_URL", Sources{Cluster: "prod"}, nil, "file-prod:9096", `cluster "prod"`},
		{"cluster attachment beats KAFKA_URL", Sources{Cluster: "HEROKU_KAFKA_RED"}, nil, "attach:9096", "HEROKU_KAFKA_RED_URL"},
		{"KAFKA_URL beats file default", Sources{}, nil, "env-url:9092", "KAFKA_URL"},
		{"file default", Sources{}, []string{"KAFKA_URL"}, "file-default:9092", `cluster "local"`},
		{"localhost last", Sources{}, []string{"KAFKA_URL", "XDG_CONFIG_HOME"}, "localhost:9092", "default localhost:9092"},
	} {
		m := map[string]string{}
		for k, v := range all {
			m[k] = v
		}
		for _, k := range tc.unset {
			delete(m, k)
		}
		if m["XDG_CONFIG_HOME"] == "" {
			m["XDG_CONFIG_HOME"] = t.TempDir() // no file there
		}
		tc.src.Getenv = env(m)
		cfg, err := Resolve(tc.src)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := strings.Join(cfg.Brokers, ","); got != tc.brokers || !strings.Contains(cfg.Source, tc.source) {
			t.Errorf("%s: brokers %q from %q, want %q from %q", tc.name, got, cfg.Source, tc.brokers, tc.source)
		}
	}
}

func TestResolveAttachment(t *testing.T) {
	for _, flag := range []string{"HEROKU_KAFKA_BROWN", "HEROKU_KAFKA_BROWN_URL", "heroku_kafka_brown"} {
		cfg, err := Resolve(Sources{Cluster: flag, Getenv: env(map[string]string{
			"XDG_CONFIG_HOME":                    t.TempDir(),
			"KAFKA_URL":                          "ignored:1",
			"KAFKA_PREFIX":                       "ignored.",
			"HEROKU_KAFKA_BROWN_URL":             "kafka+ssl://b1:9096,kafka+ssl://b2:9096",
			"HEROKU_KAFKA_BROWN_TRUSTED_CERT":    testCA,
			"HEROKU_KAFKA_BROWN_CLIENT_CERT":     testCA,
			"HEROKU_KAFKA_BROWN_CLIENT_CERT_KEY": testCA,
			"HEROKU_KAFKA_BROWN_PREFIX":          "brown-1234.",
		})})
		if err != nil {
			t.Fatalf("-c %s: %v", flag, err)
		}
		if !reflect.DeepEqual(cfg.Brokers, []string{"b1:9096", "b2:9096"}) || !cfg.TLS || cfg.Prefix != "brown-1234." ||
			!samePEM(cfg.TrustedCert) || !samePEM(cfg.ClientCert) || !samePEM(cfg.ClientKey) {
			t.Errorf("-c %s resolved to brokers %v tls %v prefix %q trusted %q", flag, cfg.Brokers, cfg.TLS, cfg.Prefix, cfg.TrustedCert)
		}
	}
}

func TestResolveUnknownCluster(t *testing.T) {
	xdg := writeConfig(t, twoClusters)
	_, err := Resolve(Sources{Cluster: "staging", Getenv: env(map[string]string{"XDG_CONFIG_HOME": xdg, "KAFKA_URL": "x:1"})})
	if err == nil || !strings.Contains(err.Error(), `unknown cluster "staging"`) || !strings.Contains(err.Error(), "local, prod") ||
		!strings.Contains(err.Error(), "STAGING_URL is not set") {
		t.Errorf("unknown cluster: %v", err)
	}
}

func TestResolveConfigPathFlag(t *testing.T) {
	dir := writeConfig(t, "default: x\nclusters:\n  x:\n    brokers: [from-flag:1]\n")
	path := filepath.Join(dir, "kafka", "config.yaml")
	other := writeConfig(t, twoClusters)
	cfg, err := Resolve(Sources{ConfigPath: path, Getenv: env(map[string]string{"XDG_CONFIG_HOME": other})})
	if err != nil || cfg.Brokers[0] != "from-flag:1" {
		t.Fatalf("--config: %+v, %v", cfg, err)
	}
	// A named file must exist, even when KAFKA_URL would decide.
	_, err = Resolve(Sources{ConfigPath: filepath.Join(dir, "missing.yaml"), Getenv: env(map[string]string{"KAFKA_URL": "x:1"})})
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing --config file: %v", err)
	}
}

// A broken file in the default place does not matter when KAFKA_URL or
// --brokers decides, but is reported when it is needed.
func TestResolveBrokenDefaultFile(t *testing.T) {
	xdg := writeConfig(t, "clusters: [\n")
	if _, err := Resolve(Sources{Getenv: env(map[string]string{"XDG_CONFIG_HOME": xdg, "KAFKA_URL": "x:1"})}); err != nil {
		t.Errorf("KAFKA_URL with a broken default file: %v", err)
	}
	if _, err := Resolve(Sources{Brokers: "x:1", Getenv: env(map[string]string{"XDG_CONFIG_HOME": xdg})}); err != nil {
		t.Errorf("--brokers with a broken default file: %v", err)
	}
	if _, err := Resolve(Sources{Getenv: env(map[string]string{"XDG_CONFIG_HOME": xdg})}); err == nil || !strings.Contains(err.Error(), "invalid YAML") {
		t.Errorf("broken default file: %v", err)
	}
}

func TestResolveFileSASLAndTLS(t *testing.T) {
	dir := t.TempDir()
	caPath := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caPath, []byte(testCA), 0o600); err != nil {
		t.Fatal(err)
	}
	xdg := writeConfig(t, `
default: secure
clusters:
  secure:
    brokers: [b1:9096, b2:9096]
    tls: true
    trusted_cert: `+caPath+`
    insecure_skip_verify: false
    sasl: {mechanism: scram-sha-256, username: alice, password: "s3cret:@/"}
    prefix: acme.
  inline:
    url: kafka+sasl_ssl://bob:pw@b:1?mechanism=PLAIN
    trusted_cert: |
`+indent(testCA, "      ")+`
`)
	cfg, err := Resolve(Sources{Getenv: env(map[string]string{"XDG_CONFIG_HOME": xdg})})
	if err != nil {
		t.Fatal(err)
	}
	want := &SASL{Mechanism: "SCRAM-SHA-256", Username: "alice", Password: "s3cret:@/"}
	if !cfg.TLS || !reflect.DeepEqual(cfg.SASL, want) || cfg.Prefix != "acme." || !samePEM(cfg.TrustedCert) ||
		!reflect.DeepEqual(cfg.Brokers, []string{"b1:9096", "b2:9096"}) {
		t.Errorf("secure cluster: %+v sasl %+v", cfg, cfg.SASL)
	}
	if d := cfg.Describe(); strings.Contains(d, "s3cret") || !strings.Contains(d, "SASL SCRAM-SHA-256 over TLS") {
		t.Errorf("Describe() = %q", d)
	}
	cfg, err = Resolve(Sources{Cluster: "inline", Getenv: env(map[string]string{"XDG_CONFIG_HOME": xdg})})
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.TLS || cfg.SASL == nil || cfg.SASL.Mechanism != "PLAIN" || cfg.SASL.Password != "pw" || !samePEM(cfg.TrustedCert) {
		t.Errorf("inline cluster: %+v sasl %+v", cfg, cfg.SASL)
	}
}

func TestResolveInsecureSkipVerify(t *testing.T) {
	cfg, err := Resolve(Sources{Brokers: "kafka+ssl://h:1", InsecureSkipVerify: true, Getenv: env(nil)})
	if err != nil || !cfg.InsecureSkipVerify {
		t.Errorf("--insecure-skip-verify: %+v %v", cfg, err)
	}
}

func TestParseFileErrors(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"clusters:\n  a:\n    trusted_certs: x\n", "field trusted_certs not found"},
		{"defualt: a\n", "field defualt not found"},
		{"clusters:\n  a:\n    sasl: {usr: x}\n", "field usr not found"},
		{"clusters:\n  a:\n", `cluster "a" has no settings`},
		{"clusters:\n  a:\n    sasl: {password: x}\n", "sasl needs a username"},
		{"clusters:\n  a:\n    sasl: hunter2-secret\n", "invalid YAML"},
		{"clusters:\n  a:\n    tls: hunter2-secret\n", "invalid YAML"},
		{"- a\n- b\n", "invalid YAML"},
	} {
		_, err := ParseFile([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseFile(%q) = %v, want %q", tc.yaml, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("ParseFile(%q) error shows a value: %v", tc.yaml, err)
		}
	}
	for _, tc := range []struct{ yaml, want string }{
		{"default: nope\nclusters:\n  a:\n    brokers: [h:1]\n", `default cluster "nope" is not defined`},
		{"default: a\nclusters:\n  a:\n    url: h:1\n    brokers: [h:1]\n", "not both"},
		{"default: a\nclusters:\n  a:\n    prefix: x\n", "no url or brokers"},
		{"default: a\nclusters:\n  a:\n    url: kafka+ssl://h:x\n", "invalid port"},
		{"default: a\nclusters:\n  a:\n    brokers: [h:1]\n    sasl: {mechanism: GSSAPI, username: u}\n", "unknown SASL mechanism"},
		{"default: a\nclusters:\n  a:\n    brokers: [h:1]\n    trusted_cert: /no/such/file.pem\n", `cluster "a" in`},
	} {
		xdg := writeConfig(t, tc.yaml)
		_, err := Resolve(Sources{Getenv: env(map[string]string{"XDG_CONFIG_HOME": xdg})})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Resolve with %q = %v, want %q", tc.yaml, err, tc.want)
		}
	}
}

func FuzzParseFile(f *testing.F) {
	for _, s := range []string{
		twoClusters, "", "default: a\n", "clusters:\n  a:\n", "clusters: [\n", "- a\n",
		"clusters:\n  a:\n    sasl: {mechanism: PLAIN, username: u, password: p}\n    tls: true\n",
		"clusters:\n  a:\n    trusted_cert: |\n      -----BEGIN CERTIFICATE-----\n      abc\n      -----END CERTIFICATE-----\n",
		"a: &x [*x]\n", "clusters: {a: {brokers: [h:1, h:2]}}\n", "\xff\xfe", "---\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var file *File
		var err error
		// YAML decoding costs more per byte than the other parsers; an
		// alias bomb must still stay within the bound.
		kafkatest.AllocBound(t, 4*kafkatest.InputBound(len(data)), "ParseFile", func() { file, err = ParseFile(data) })
		if err != nil {
			return
		}
		for name, c := range file.Clusters {
			if c == nil {
				t.Fatalf("accepted cluster %q with no settings", name)
			}
			// Resolving must not panic either; it may fail.
			_, _ = c.resolve(name, "config.yaml")
		}
	})
}

func indent(s, pre string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := range lines {
		lines[i] = pre + lines[i]
	}
	return strings.Join(lines, "\n")
}

func samePEM(b []byte) bool { return strings.TrimSpace(string(b)) == strings.TrimSpace(testCA) }
