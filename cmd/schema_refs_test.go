package cmd

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Schemas that refer to others (an Avro named type, a .proto import)
// registered as references encode in write and decode in tail.
func TestSchemaReferences(t *testing.T) {
	t.Parallel()
	url, rc := newRegistry(t)
	register(t, rc, "address-value", sr.Schema{Schema: `{"type":"record","name":"Address","namespace":"shop","fields":[{"name":"street","type":"string"}]}`})
	register(t, rc, "people-value", sr.Schema{
		Schema:     `{"type":"record","name":"Person","namespace":"shop","fields":[{"name":"name","type":"string"},{"name":"home","type":"shop.Address"}]}`,
		References: []sr.SchemaReference{{Name: "shop.Address", Subject: "address-value", Version: 1}},
	})
	register(t, rc, "common.proto", sr.Schema{Type: sr.TypeProtobuf, Schema: "syntax = \"proto3\";\npackage shop;\nmessage Money { int64 cents = 1; string currency = 2; }\n"})
	register(t, rc, "prices-value", sr.Schema{
		Type:       sr.TypeProtobuf,
		Schema:     "syntax = \"proto3\";\npackage shop;\nimport \"common.proto\";\nmessage Price { string sku = 1; Money amount = 2; }\n",
		References: []sr.SchemaReference{{Name: "common.proto", Subject: "common.proto", Version: 1}},
	})
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "people", "prices"))
	b := kafkatest.Brokers(c)
	env := map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": url}
	for _, tc := range []struct{ topic, line string }{
		{"people", `{"name":"ada","home":{"street":"1 Main St"}}`},
		{"prices", `{"sku":"A-1","amount":{"cents":"250","currency":"EUR"}}`},
	} {
		r := run(t, runOpts{env: env, stdin: tc.line + "\n"}, "-b", b, "write", tc.topic, "--value-schema", tc.topic+"-value")
		wantCode(t, r, 0)
		r = run(t, runOpts{env: env}, "-b", b, "tail", tc.topic, "--from", "beginning", "--no-follow", "--json")
		wantCode(t, r, 0)
		if got := decodedValue(t, strings.TrimSpace(r.Stdout)); got != canonical(t, []byte(tc.line)) || r.Stderr != "" {
			t.Errorf("%s: tail shows %s, want %s (stderr %q)", tc.topic, got, tc.line, r.Stderr)
		}
	}
}
