package cmd

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/devcluster"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// readmeBlock returns the first fenced block of the README that follows
// the line containing after.
func readmeBlock(t *testing.T, after string) string {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i := strings.Index(s, after)
	if i < 0 {
		t.Fatalf("README has no %q", after)
	}
	s = s[i:]
	start := strings.Index(s, "```")
	s = s[start:]
	s = s[strings.Index(s, "\n")+1:]
	return s[:strings.Index(s, "```")]
}

// The README's config file works as written: only the brokers' addresses
// (and, for the cluster without a CA, a test CA) are swapped for a local
// cluster's, and `kafka -c NAME list` connects with each cluster's
// credentials.
func TestREADMEConfigFileExamples(t *testing.T) {
	t.Parallel()
	yaml := readmeBlock(t, "The config file holds named clusters")
	p := kafkatest.NewPKI(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	yaml = strings.NewReplacer(
		"/path/to/ca.pem", write("ca.pem", p.CAPEM),
		"/path/to/client.pem", write("client.pem", p.ClientPEM),
		"/path/to/client.key", write("client.key", p.ClientKey),
	).Replace(yaml)

	mtls := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "colville-77398.events"), kfake.TLS(p.ServerTLS(true)))
	sasl := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "events"), kfake.TLS(p.ServerTLS(false)),
		kfake.EnableSASL(), kfake.Superuser("PLAIN", "KEY", "SECRET"))
	plain := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "events"))
	yaml = regexp.MustCompile(`b1\.example\.com:9096,b2\.example\.com:9096`).ReplaceAllString(yaml, mtls.ListenAddrs()[0])
	yaml = regexp.MustCompile(`(?m)^(\s+url: kafka\+sasl_ssl://)[^?]+(.*)$`).ReplaceAllString(yaml,
		"${1}"+sasl.ListenAddrs()[0]+"${2}\n    trusted_cert: "+filepath.Join(dir, "ca.pem"))
	yaml = strings.Replace(yaml, "localhost:9092", plain.ListenAddrs()[0], 1)
	path := writeConfigFile(t, dir, yaml)

	for _, name := range []string{"prod", "confluent", "local"} {
		got := listNames(t, run(t, runOpts{}, "--config", path, "-c", name, "--timeout", "5s", "list", "--json"))
		if len(got) != 1 || got[0] != "events" {
			t.Errorf("-c %s list: %v, want [events]", name, got)
		}
	}
}

// The README's quick start runs as written on `kafka dev --demo`, in its
// order: every command succeeds (tail, which follows, is stopped as Ctrl-C
// would), and the record written to events is read back.
func TestREADMEQuickStart(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs a demo cluster")
	}
	block := readmeBlock(t, "In another terminal")
	d := startDev(t, devOptions{Memory: true, Demo: true, DemoRate: 400, Brokers: 1})
	brokers := strings.Join(d.c.ListenAddrs(), ",")
	waitFor(t, 20*time.Second, func() bool {
		return run(t, runOpts{}, "-b", brokers, "consumer-groups", "metrics").Code == 0
	})
	ran := 0
	var last result
	for _, line := range strings.Split(block, "\n") {
		if i := strings.Index(line, "  #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		stdin := ""
		if echo, cmd, ok := strings.Cut(line, " | "); ok && strings.HasPrefix(echo, "echo ") {
			stdin = shellWords(echo)[1] + "\n"
			line = strings.TrimSpace(cmd)
		}
		if !strings.HasPrefix(line, "kafka ") {
			continue
		}
		args := shellWords(line)[1:]
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		env := map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": d.reg.URL()}
		last = run(t, runOpts{ctx: ctx, stdin: stdin, env: env}, append([]string{"-b", brokers}, args...)...)
		cancel()
		ran++
		if last.Code != 0 {
			t.Errorf("%s: exit %d: %s", line, last.Code, last.Stderr)
		}
		if strings.HasPrefix(line, "kafka tail events") && !strings.Contains(last.Stdout, `"value":"{\"user\":42,\"action\":\"login\"}"`) {
			t.Errorf("%s did not read back the record written:\n%s", line, last.Stdout)
		}
		if line == "kafka schemas" && !strings.Contains(last.Stdout, "orders-value") {
			t.Errorf("%s does not list the demo's subject:\n%s", line, last.Stdout)
		}
	}
	if ran < 10 {
		t.Errorf("ran %d quick start commands, want 10", ran)
	}
	if !strings.Contains(last.Stdout, "events") || !strings.Contains(last.Stdout, "router") {
		t.Errorf("kafka list after the quick start:\n%s", last.Stdout)
	}
}

// The README's login examples work as written: only the broker and token
// URL addresses and the token path are swapped for local ones. Each
// cluster's login is made with what its sasl block says (the token URL is
// asked with its client id, secret and scope; the token file and the AWS
// profile are read); kfake knows neither mechanism, so the broker's refusal
// (exit 4, SASL) is what ends each run. Not parallel: the AWS SDK reads the
// process environment.
func TestREADMELoginExamples(t *testing.T) {
	yaml := readmeBlock(t, "In the config file the same settings go in the cluster's `sasl` block")
	dir := t.TempDir()
	asked := make(chan string, 4)
	idp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		id, secret, _ := r.BasicAuth()
		asked <- id + " " + secret + " " + r.PostForm.Get("scope")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"access_token":"tok","token_type":"Bearer","expires_in":3600}`))
	}))
	defer idp.Close()
	os.WriteFile(filepath.Join(dir, "token"), []byte("tok\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "aws-config"), []byte("[profile prod]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"), 0o600)
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE": filepath.Join(dir, "aws-config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "none"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": "",
		// The msk host, swapped for a local one, no longer names its
		// region (us-east-1); the environment gives it instead.
		"AWS_REGION": "us-east-1",
	} {
		t.Setenv(k, v)
	}
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.EnableSASL(), kfake.Superuser("PLAIN", "u", "p"))
	yaml = strings.NewReplacer(
		"https://idp.example.com/oauth2/token", idp.URL,
		"/path/to/token", filepath.Join(dir, "token"),
	).Replace(yaml)
	yaml = regexp.MustCompile(`kafka\+sasl_ssl://[^?]+`).ReplaceAllString(yaml, "kafka+sasl://"+c.ListenAddrs()[0])
	path := writeConfigFile(t, dir, yaml)
	for _, name := range []string{"idp", "static-token", "msk"} {
		r := run(t, runOpts{}, "--config", path, "-c", name, "--timeout", "5s", "list")
		wantCode(t, r, 4)
		wantOneLineError(t, r, "SASL authentication failed")
	}
	select {
	case got := <-asked:
		if got != "kafka-cli SECRET kafka" {
			t.Errorf("the token URL was asked with %q", got)
		}
	default:
		t.Error("the idp cluster did not ask its token URL")
	}
}

// The README's install block ends with `kafka version`, which runs as
// written once installed. (`go install .` and the Test section's
// `go test -race -timeout 60m ./...` are what CI runs.)
func TestREADMEInstallVersion(t *testing.T) {
	t.Parallel()
	block := readmeBlock(t, "## Install")
	ran := false
	for _, line := range strings.Split(block, "\n") {
		if !strings.HasPrefix(line, "kafka ") {
			continue
		}
		ran = true
		r := run(t, runOpts{}, shellWords(line)[1:]...)
		wantCode(t, r, 0)
		if !strings.Contains(r.Stdout, "test") {
			t.Errorf("%s: %q does not show the version", line, r.Stdout)
		}
	}
	if !ran {
		t.Error("the install block has no kafka command")
	}
}

// The README's schema registry examples run as written on `kafka dev
// --demo`, pipelines included (a line ending in \ goes on on the next):
// tail decodes the demo's orders, write encodes with orders-value, and
// tail's JSON lines are write's input.
func TestREADMESchemaRegistryExamples(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs a demo cluster")
	}
	block := readmeBlock(t, "Records encoded with a schema registry")
	d := startDev(t, devOptions{Memory: true, Demo: true, DemoRate: 50, Brokers: 1})
	brokers := strings.Join(d.c.ListenAddrs(), ",")
	waitRecords(t, brokers, devcluster.DemoOrdersTopic, 2)
	env := map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": d.reg.URL()}
	ran := 0
	for _, line := range strings.Split(strings.ReplaceAll(block, "\\\n", " "), "\n") {
		if i := strings.Index(line, "  #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "kafka ") && !strings.HasPrefix(line, "echo ") {
			continue
		}
		stdin := ""
		for i, stage := range strings.Split(line, " | ") {
			words := shellWords(strings.TrimSpace(stage))
			if words[0] == "echo" {
				stdin = words[1] + "\n"
				continue
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			r := run(t, runOpts{ctx: ctx, stdin: stdin, env: env}, append([]string{"-b", brokers}, words[1:]...)...)
			cancel()
			ran++
			if r.Code != 0 {
				t.Errorf("%s (stage %d): exit %d: %s", line, i+1, r.Code, r.Stderr)
			}
			if words[1] == "tail" && !strings.Contains(r.Stdout, `"customer"`) {
				t.Errorf("%s printed no decoded order:\n%s", line, r.Stdout)
			}
			stdin = r.Stdout
		}
	}
	if ran < 7 {
		t.Errorf("ran %d schema registry commands, want 7", ran)
	}
}
