package cmd

import (
	"context"
	"encoding/binary"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

const (
	orderV1   = `{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"item","type":"string"}]}`
	orderV2   = `{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"item","type":"string"},{"name":"qty","type":"int","default":1}]}`
	shopProto = `syntax = "proto3";
package shop;
message Other { string x = 1; }
message Cart {
  message Line { string sku = 1; int32 qty = 2; }
  string owner = 1;
}`
	eventJSONSchema = `{"type":"object","properties":{"kind":{"type":"string"}}}`
)

// newRegistry serves srfake on loopback and returns its URL.
func newRegistry(t *testing.T) (string, *sr.Client) {
	t.Helper()
	reg := srfake.New()
	srv := httptest.NewServer(reg.Handler())
	t.Cleanup(func() { srv.Close(); reg.Close() })
	cl, err := sr.NewClient(sr.URLs(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv.URL, cl
}

func register(t *testing.T, cl *sr.Client, subject string, s sr.Schema) int {
	t.Helper()
	ss, err := cl.CreateSchema(context.Background(), subject, s)
	if err != nil {
		t.Fatal(err)
	}
	return ss.ID
}

// frame builds a wire-format value by hand, as the spec lays it out.
func frame(id int, index []byte, payload []byte) []byte {
	b := []byte{0, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(b[1:], uint32(id))
	return append(append(b, index...), payload...)
}

func avroBytes(t *testing.T, schema string, v any) []byte {
	t.Helper()
	b, err := avro.Marshal(avro.MustParse(schema), v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTailDecodesSchemaRecords(t *testing.T) {
	t.Parallel()
	url, rc := newRegistry(t)
	v1 := register(t, rc, "orders-value", sr.Schema{Schema: orderV1})
	v2 := register(t, rc, "orders-value", sr.Schema{Schema: orderV2})
	pb := register(t, rc, "carts-value", sr.Schema{Schema: shopProto, Type: sr.TypeProtobuf})
	js := register(t, rc, "events-value", sr.Schema{Schema: eventJSONSchema, Type: sr.TypeJSON})

	// Cart.Line is message index [1, 0]: count 2, then 1 and 0, zigzag.
	var line []byte
	line = protowire.AppendTag(line, 1, protowire.BytesType)
	line = protowire.AppendString(line, "A-1")
	line = protowire.AppendTag(line, 2, protowire.VarintType)
	line = protowire.AppendVarint(line, 3)
	var other []byte
	other = protowire.AppendTag(other, 1, protowire.BytesType)
	other = protowire.AppendString(other, "first")

	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "mixed"))
	recs := []*kgo.Record{
		{Topic: "mixed", Value: frame(v1, nil, avroBytes(t, orderV1, map[string]any{"id": int64(1), "item": "tea"}))},
		{Topic: "mixed", Value: frame(v2, nil, avroBytes(t, orderV2, map[string]any{"id": int64(2), "item": "cake", "qty": 4}))},
		{Topic: "mixed", Value: frame(pb, []byte{4, 2, 0}, line)},
		{Topic: "mixed", Value: frame(pb, []byte{0}, other)},
		{Topic: "mixed", Value: frame(js, nil, []byte(`{"kind":"click"}`))},
		{Topic: "mixed", Value: []byte(`{"plain":true}`)},       // not framed
		{Topic: "mixed", Value: []byte{0, 0, 1}},                // truncated header
		{Topic: "mixed", Value: frame(9999, nil, []byte{1, 2})}, // unknown ID
		{Topic: "mixed", Value: frame(v1, nil, []byte{0x02})},   // truncated Avro
		{Topic: "mixed", Key: frame(v1, nil, avroBytes(t, orderV1, map[string]any{"id": int64(7), "item": "k"})), Value: []byte("x")},
	}
	kafkatest.Produce(t, kafkatest.Client(t, c), recs...)

	r := run(t, runOpts{env: map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": url}}, "-b", kafkatest.Brokers(c), "tail", "mixed", "--from", "beginning", "--no-follow", "--json")
	wantCode(t, r, 0)
	got := lines(r.Stdout)
	if len(got) != len(recs) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(recs), r.Stdout)
	}
	for i, want := range []string{
		`"value":{"id":1,"item":"tea"},"value_schema_id":1,"value_format":"avro"`,
		`"value":{"id":2,"item":"cake","qty":4},"value_schema_id":2,"value_format":"avro"`,
		`"value":{"sku":"A-1","qty":3},"value_schema_id":3,"value_format":"protobuf"`,
		`"value":{"x":"first"},"value_schema_id":3,"value_format":"protobuf"`,
		`"value":{"kind":"click"},"value_schema_id":4,"value_format":"json"`,
		`"value":"{\"plain\":true}","headers"`,
		`"value":"\u0000\u0000\u0001","headers"`,
		`"value":"\u0000\u0000\u0000'\u000f\u0001\u0002","headers"`,
		`"value":"\u0000\u0000\u0000\u0000\u0001\u0002","headers"`,
		`"key":{"id":7,"item":"k"},"key_schema_id":1,"key_format":"avro","value":"x","headers"`,
	} {
		if !strings.Contains(got[i], want) {
			t.Errorf("line %d:\n got %s\nwant it to contain %s", i, got[i], want)
		}
	}
	for _, w := range []string{"schema 9999", "too short", "does not decode with schema 1"} {
		if strings.Count(r.Stderr, w) != 1 {
			t.Errorf("stderr should warn once about %q:\n%s", w, r.Stderr)
		}
	}

	// -n holds records before showing them; they are decoded when shown.
	r = run(t, runOpts{env: map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": url}}, "-b", kafkatest.Brokers(c), "tail", "mixed", "-n", "2", "--no-follow", "--json")
	wantCode(t, r, 0)
	if got := lines(r.Stdout); len(got) != 2 || !strings.Contains(got[1], `"key":{"id":7,"item":"k"},"key_schema_id":1`) {
		t.Errorf("-n 2 --json: got %s", r.Stdout)
	}

	// The line format shows the JSON; --where and --grep see it too.
	r = run(t, runOpts{env: map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": url}}, "-b", kafkatest.Brokers(c), "tail", "mixed", "--from", "beginning", "--no-follow", "--where", ".item == \"cake\"")
	wantCode(t, r, 0)
	if want := "mixed 0 1 30 {\"id\":2,\"item\":\"cake\",\"qty\":4}\n"; r.Stdout != want {
		t.Errorf("--where on decoded JSON: got %q, want %q", r.Stdout, want)
	}
	r = run(t, runOpts{}, "--schema-registry", url, "-b", kafkatest.Brokers(c), "tail", "mixed", "--from", "beginning", "--no-follow", "--grep", `"sku"`)
	wantCode(t, r, 0)
	if len(lines(r.Stdout)) != 1 {
		t.Errorf("--grep on decoded JSON: got %q", r.Stdout)
	}

	// --decode none shows the bytes as they are.
	r = run(t, runOpts{}, "--schema-registry", url, "-b", kafkatest.Brokers(c), "tail", "mixed", "--from", "beginning", "--no-follow", "--json", "--decode", "none", "-c", "1")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout, "value_schema_id") {
		t.Errorf("--decode none decoded: %s", r.Stdout)
	}
}

// A registry that fails, or is not there, leaves the stream alive: the
// records show as they are, with one warning per schema ID.
func TestTailSchemaRegistryFailures(t *testing.T) {
	t.Parallel()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, `{"error_code":50001,"message":"boom"}`, http.StatusInternalServerError)
	}))
	t.Cleanup(failing.Close)
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	kafkatest.Produce(t, kafkatest.Client(t, c),
		&kgo.Record{Topic: "t", Value: frame(1, nil, []byte{2})},
		&kgo.Record{Topic: "t", Value: frame(1, nil, []byte{4})},
		&kgo.Record{Topic: "t", Value: []byte("plain")},
	)
	for name, url := range map[string]string{"500": failing.URL, "down": "http://" + kafkatest.DeadAddr(t)} {
		r := run(t, runOpts{}, "--schema-registry", url, "--timeout", "2s", "-b", kafkatest.Brokers(c), "tail", "t", "--from", "beginning", "--no-follow")
		wantCode(t, r, 0)
		if n := len(lines(r.Stdout)); n != 3 {
			t.Errorf("%s: %d records shown, want 3:\n%s", name, n, r.Stdout)
		}
		if strings.Count(r.Stderr, "schema 1:") != 1 {
			t.Errorf("%s: want one warning for schema 1:\n%s", name, r.Stderr)
		}
	}
}
