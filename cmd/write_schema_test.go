package cmd

import (
	"bytes"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Records write encodes are framed with the schema's ID, decode in tail,
// and tail --json piped back into write --json reproduces them byte for
// byte.
func TestWriteSchemaRoundTrip(t *testing.T) {
	t.Parallel()
	url, rc := newRegistry(t)
	v1 := register(t, rc, "orders-value", sr.Schema{Schema: orderV1})
	v2 := register(t, rc, "orders-value", sr.Schema{Schema: orderV2})
	pb := register(t, rc, "carts-value", sr.Schema{Schema: shopProto, Type: sr.TypeProtobuf})
	js := register(t, rc, "events-value", sr.Schema{Schema: eventJSONSchema, Type: sr.TypeJSON})
	kid := register(t, rc, "orders-key", sr.Schema{Schema: `"long"`})
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "orders", "copy", "carts", "events"))
	env := runOpts{env: map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": url}}
	b := kafkatest.Brokers(c)

	in := env
	in.stdin = "{\"id\":1,\"item\":\"tea\"}\n{\"id\":2,\"item\":\"cake\",\"qty\":4}\n"
	wantCode(t, run(t, in, "-b", b, "write", "orders", "--value-schema", "auto", "--key-schema", "id:"+strconv.Itoa(kid), "--key", "42"), 0)
	in.stdin = "{\"id\":3,\"item\":\"jam\"}\n"
	wantCode(t, run(t, in, "-b", b, "write", "orders", "--value-schema", "orders-value:1"), 0)
	recs := kafkatest.ReadRecords(t, c, "orders", 3)
	if id := int(recs[0].Value[4]); recs[0].Value[0] != 0 || id != v2 || int(recs[2].Value[4]) != v1 || int(recs[0].Key[4]) != kid {
		t.Errorf("frames: value %x, key %x, third %x", recs[0].Value, recs[0].Key, recs[2].Value)
	}

	// A tombstone with an encoded key.
	wantCode(t, run(t, env, "-b", b, "write", "orders", "--key-schema", "orders-key", "--key", "42", "--null"), 0)
	if tomb := kafkatest.ReadRecords(t, c, "orders", 4)[3]; tomb.Value != nil || !bytes.Equal(tomb.Key, recs[0].Key) {
		t.Errorf("tombstone %x/%x", tomb.Key, tomb.Value)
	}
	r := run(t, env, "-b", b, "tail", "orders", "--from", "beginning", "--no-follow", "--json")
	wantCode(t, r, 0)
	for _, want := range []string{`"key":42,"key_schema_id":` + strconv.Itoa(kid) + `,"key_format":"avro"`, `"value":{"id":2,"item":"cake","qty":4}`, `"value":{"id":1,"item":"tea","qty":1}`, `"value":{"id":3,"item":"jam"},"value_schema_id":1`} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("tail lacks %s:\n%s", want, r.Stdout)
		}
	}
	// Round trip: each record back with the version it was written with.
	ls := lines(r.Stdout)
	in.stdin = ls[0] + "\n" + ls[1] + "\n"
	wantCode(t, run(t, in, "-b", b, "write", "copy", "--json", "--value-schema", "orders-value", "--key-schema", "orders-key"), 0)
	in.stdin = ls[2] + "\n"
	wantCode(t, run(t, in, "-b", b, "write", "copy", "--json", "--value-schema", "id:"+strconv.Itoa(v1)), 0)
	copies := kafkatest.ReadRecords(t, c, "copy", 3)
	for i := range recs {
		if !bytes.Equal(recs[i].Value, copies[i].Value) || !bytes.Equal(recs[i].Key, copies[i].Key) {
			t.Errorf("record %d: %x/%x, copy %x/%x", i, recs[i].Key, recs[i].Value, copies[i].Key, copies[i].Value)
		}
	}

	in.stdin = `{"x":"ann"}` + "\n"
	wantCode(t, run(t, in, "-b", b, "write", "carts", "--value-schema", "carts-value"), 0)
	// A nested message type is framed with its message indexes, [1, 0].
	in.stdin = `{"sku":"A-1","qty":3}` + "\n"
	wantCode(t, run(t, in, "-b", b, "write", "carts", "--value-schema", "carts-value", "--value-message", "Cart.Line"), 0)
	if got := kafkatest.ReadRecords(t, c, "carts", 2)[1].Value; !bytes.Equal(got[5:8], []byte{4, 2, 0}) {
		t.Errorf("Cart.Line frame %x, want indexes 04 02 00", got)
	}
	in.stdin = `{"kind": "click"}` + "\n"
	wantCode(t, run(t, in, "-b", b, "write", "events", "--value-schema", "events-value"), 0)
	r = run(t, env, "-b", b, "tail", "carts", "--from", "beginning", "--no-follow", "--json")
	if !strings.Contains(r.Stdout, `"value":{"x":"ann"},"value_schema_id":`+strconv.Itoa(pb)+`,"value_format":"protobuf"`) ||
		!strings.Contains(r.Stdout, `"value":{"sku":"A-1","qty":3}`) {
		t.Errorf("protobuf: %s", r.Stdout)
	}
	r = run(t, env, "-b", b, "tail", "events", "--from", "beginning", "--no-follow", "--json")
	if !strings.Contains(r.Stdout, `"value":{"kind":"click"},"value_schema_id":`+strconv.Itoa(js)) {
		t.Errorf("json schema: %s", r.Stdout)
	}
}

// A line that does not fit, or a bad REF, exits 2 and writes nothing.
func TestWriteSchemaBadInput(t *testing.T) {
	t.Parallel()
	url, rc := newRegistry(t)
	register(t, rc, "orders-value", sr.Schema{Schema: orderV1})
	register(t, rc, "carts-value", sr.Schema{Schema: shopProto, Type: sr.TypeProtobuf})
	register(t, rc, "events-value", sr.Schema{Schema: eventJSONSchema, Type: sr.TypeJSON})
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "orders"))
	b := kafkatest.Brokers(c)
	for _, tc := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"{\"id\":1,\"item\":\"a\"}\n{\"id\":\"x\",\"item\":\"b\"}\n", []string{"--value-schema", "orders-value"}, "line 2: value field id"},
		{"{\"id\":1,\"item\":\"a\"}\n\nnot json\n", []string{"--value-schema", "orders-value"}, "line 2: value not JSON"},
		{"{\"owner\":1}\n", []string{"--value-schema", "carts-value"}, "line 1: value does not fit shop.Other"},
		{"{}\n", []string{"--value-schema", ""}, "it is empty"},
		{"{\"kind\":\"a\"}\n{\"kind\":3}\n", []string{"--value-schema", "events-value"}, "line 2: value field kind does not fit the JSON Schema"},
		{"{}\n", []string{"--value-schema", "orders-value:x"}, "SUBJECT:VERSION"},
		{"{}\n", []string{"--value-schema", "nope"}, "schema nope is not in the registry"},
		{"{}\n", []string{"--value-schema", "id:99"}, "schema id:99 is not in the registry"},
		{"{}\n", []string{"--key-schema", "orders-value"}, "give --key"},
		{"{}\n", []string{"--value-schema", "carts-value", "--value-message", "Nope"}, `no message type "Nope"`},
		{"{}\n", []string{"--value-schema", "orders-value", "--value-message", "Cart"}, "is Avro"},
		{"{}\n", []string{"--value-message", "Cart"}, "give those"},
	} {
		r := run(t, runOpts{stdin: tc.stdin, env: map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": url}}, append([]string{"-b", b, "write", "orders"}, tc.args...)...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, tc.want)
	}
	r := run(t, runOpts{stdin: "{}\n"}, "-b", b, "write", "orders", "--value-schema", "orders-value")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "no schema registry")
	r = run(t, runOpts{stdin: "{}\n"}, "-b", b, "--schema-registry", "http://"+kafkatest.DeadAddr(t), "--timeout", "2s", "write", "orders", "--value-schema", "orders-value")
	wantCode(t, r, 5)
	if n := len(kafkatest.ReadRecords(t, c, "orders", 0)); n != 0 {
		t.Errorf("%d records written", n)
	}
}

// Bad registry credentials exit 4 before anything is written, and the
// password is never printed.
func TestWriteSchemaBadCredentials(t *testing.T) {
	t.Parallel()
	reg := srfake.New(srfake.WithAuth("Basic dTpw")) // u:p
	srv := httptest.NewServer(reg.Handler())
	t.Cleanup(func() { srv.Close(); reg.Close() })
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "orders"))
	host := strings.TrimPrefix(srv.URL, "http://")
	r := run(t, runOpts{stdin: "{}\n"}, "-b", kafkatest.Brokers(c), "--schema-registry", "http://u:secret@"+host, "write", "orders", "--value-schema", "auto")
	wantCode(t, r, 4)
	if strings.Contains(r.Stderr, "secret") {
		t.Errorf("password printed: %s", r.Stderr)
	}
	r = run(t, runOpts{}, "--schema-registry", "http://u:secret@"+host, "schemas", "register", "orders-value", schemaFile(t, "o.avsc", orderV1))
	wantCode(t, r, 4)
	kafkatest.ReadRecords(t, c, "orders", 0)
}
