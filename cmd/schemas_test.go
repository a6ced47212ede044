package cmd

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestSchemasList(t *testing.T) {
	t.Parallel()
	url, rc := newRegistry(t)
	register(t, rc, "orders-value", sr.Schema{Schema: orderV1})
	register(t, rc, "orders-value", sr.Schema{Schema: orderV2})
	register(t, rc, "carts-value", sr.Schema{Schema: shopProto, Type: sr.TypeProtobuf})

	r := run(t, runOpts{}, "--schema-registry", url, "schemas", "--json")
	wantCode(t, r, 0)
	for _, want := range []string{`"subject": "orders-value"`, `"version": 2`, `"type": "PROTOBUF"`} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("missing %s in:\n%s", want, r.Stdout)
		}
	}
	r = run(t, runOpts{env: map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": url}}, "schemas")
	wantCode(t, r, 0)
	if !strings.Contains(strings.Join(strings.Fields(r.Stdout), " "), "orders-value 2 AVRO 2") {
		t.Errorf("table:\n%s", r.Stdout)
	}
}

func TestSchemasSubject(t *testing.T) {
	t.Parallel()
	url, rc := newRegistry(t)
	register(t, rc, "orders-value", sr.Schema{Schema: orderV1})
	register(t, rc, "orders-value", sr.Schema{Schema: orderV2})

	r := run(t, runOpts{}, "--schema-registry", url, "schemas", "orders-value", "--json")
	wantCode(t, r, 0)
	for _, want := range []string{`"versions": [`, `"version": 2`, `"compatibility": "BACKWARD"`, `qty`} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("missing %s in:\n%s", want, r.Stdout)
		}
	}
	r = run(t, runOpts{}, "--schema-registry", url, "schemas", "orders-value", "--version", "1")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout, "qty") || !strings.Contains(r.Stdout, `"item"`) {
		t.Errorf("version 1:\n%s", r.Stdout)
	}
	r = run(t, runOpts{}, "--schema-registry", url, "schemas", "nope")
	wantCode(t, r, 3)
	r = run(t, runOpts{}, "--schema-registry", url, "schemas", "--version", "1")
	wantCode(t, r, 2)
}

func TestSchemasRegistryErrors(t *testing.T) {
	t.Parallel()
	reg := srfake.New(srfake.WithAuth("Basic dTpw")) // u:p
	srv := httptest.NewServer(reg.Handler())
	t.Cleanup(func() { srv.Close(); reg.Close() })
	host := strings.TrimPrefix(srv.URL, "http://")

	r := run(t, runOpts{}, "--schema-registry", "http://u:secret@"+host, "schemas")
	wantCode(t, r, 4)
	wantOneLineError(t, r, "refused the credentials")
	if strings.Contains(r.Stderr, "secret") {
		t.Errorf("password printed: %s", r.Stderr)
	}
	r = run(t, runOpts{}, "--schema-registry", "http://u:p@"+host, "schemas")
	wantCode(t, r, 0)

	r = run(t, runOpts{}, "--schema-registry", "http://u:secret@"+kafkatest.DeadAddr(t), "--timeout", "2s", "schemas")
	wantCode(t, r, 5)
	if strings.Contains(r.Stderr, "secret") {
		t.Errorf("password printed: %s", r.Stderr)
	}
	r = run(t, runOpts{}, "--schema-registry", "ftp://x", "schemas")
	wantCode(t, r, 2)
	r = run(t, runOpts{}, "-b", "127.0.0.1:1", "schemas")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "no schema registry is configured")
}

// The config file's schema_registry gives the URL and the credentials.
func TestSchemasRegistryFromConfigFile(t *testing.T) {
	t.Parallel()
	reg := srfake.New(srfake.WithAuth("Basic dTpw")) // u:p
	srv := httptest.NewServer(reg.Handler())
	t.Cleanup(func() { srv.Close(); reg.Close() })
	path := filepath.Join(t.TempDir(), "config.yaml")
	yaml := "default: dev\nclusters:\n  dev:\n    brokers: [127.0.0.1:1]\n    schema_registry:\n      url: " + srv.URL + "\n      username: u\n      password: p\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, runOpts{}, "--config", path, "schemas", "--json")
	wantCode(t, r, 0)
	if strings.TrimSpace(r.Stdout) != "[]" {
		t.Errorf("got %q", r.Stdout)
	}
}
