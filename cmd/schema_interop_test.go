package cmd

import (
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/devregistry"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// The interop test's schemas: an Avro record with a union and an enum, a
// .proto file whose second message has a nested one (message indexes [1]
// and [1, 0]), and a JSON Schema.
const (
	interopAvro = `{"type":"record","name":"Order","namespace":"shop","fields":[
 {"name":"id","type":"long"},{"name":"item","type":"string"},
 {"name":"coupon","type":["null","string"],"default":null},
 {"name":"status","type":{"type":"enum","name":"Status","symbols":["PLACED","PAID"]}}]}`
	interopJSONSchema = `{"type":"object","properties":{"kind":{"type":"string"},"n":{"type":"integer"}},"required":["kind"]}`
)

type interopEncode struct {
	Format  string `json:"format"`
	Subject string `json:"subject"`
	Value   any    `json:"value"`
	Proto   string `json:"proto,omitempty"`
	Message string `json:"message,omitempty"`
}

type interopDecode struct {
	Format string `json:"format"`
	Topic  string `json:"topic"`
	Hex    string `json:"hex"`
}

type interopResult struct {
	Encoded []string          `json:"encoded"`
	Decoded []json.RawMessage `json:"decoded"`
}

func runInterop(t *testing.T, node *kafkatest.Node, req any) interopResult {
	t.Helper()
	in, _ := json.Marshal(req)
	var res interopResult
	out := node.Run(t, filepath.Join("testdata", "interop", "interop.js"), in)
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("interop.js output: %v\n%s", err, out)
	}
	return res
}

// Records that independent Node serializers encode decode in kafka tail,
// and records kafka write encodes decode in them; the registry is kafka
// dev's, which those clients talk to as to Confluent's.
func TestSchemaInteropNode(t *testing.T) {
	t.Parallel()
	node := kafkatest.NodeFor(t, filepath.Join("testdata", "interop"))
	topics := []string{"orders", "carts", "events", "w-orders", "w-carts", "w-events"}
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, topics...))
	b := kafkatest.Brokers(c)
	reg, err := devregistry.Start(devregistry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reg.Close)
	env := map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": reg.URL()}
	for _, s := range []struct{ subject, file, text, typ string }{
		{"orders-value", "o.avsc", interopAvro, "avro"},
		{"carts-value", "c.proto", shopProto, "protobuf"},
		{"events-value", "e.json", interopJSONSchema, "json"},
	} {
		for _, subject := range []string{s.subject, "w-" + s.subject} {
			r := run(t, runOpts{env: env}, "schemas", "register", subject, schemaFile(t, s.file, s.text), "--type", s.typ)
			wantCode(t, r, 0)
		}
	}

	t.Run("they encode, tail decodes", func(t *testing.T) {
		cases := []struct {
			enc   interopEncode
			topic string
			want  string
		}{
			{interopEncode{Format: "avro", Subject: "orders-value", Value: map[string]any{"id": 7, "item": "pen", "coupon": "TEN", "status": "PAID"}},
				"orders", `{"coupon":"TEN","id":7,"item":"pen","status":"PAID"}`},
			{interopEncode{Format: "avro", Subject: "orders-value", Value: map[string]any{"id": 8, "item": "ink", "coupon": nil, "status": "PLACED"}},
				"orders", `{"coupon":null,"id":8,"item":"ink","status":"PLACED"}`},
			{interopEncode{Format: "protobuf", Subject: "carts-value", Proto: shopProto, Message: "shop.Cart.Line", Value: map[string]any{"sku": "A-1", "qty": 3}},
				"carts", `{"qty":3,"sku":"A-1"}`},
			{interopEncode{Format: "protobuf", Subject: "carts-value", Proto: shopProto, Message: "shop.Cart", Value: map[string]any{"owner": "ada"}},
				"carts", `{"owner":"ada"}`},
			{interopEncode{Format: "json", Subject: "events-value", Value: map[string]any{"kind": "click", "n": 2}},
				"events", `{"kind":"click","n":2}`},
		}
		var encs []interopEncode
		for _, tc := range cases {
			encs = append(encs, tc.enc)
		}
		res := runInterop(t, node, map[string]any{"registry": reg.URL(), "encode": encs})
		cl := kafkatest.Client(t, c)
		for i, tc := range cases {
			v, err := hex.DecodeString(res.Encoded[i])
			if err != nil {
				t.Fatal(err)
			}
			kafkatest.Produce(t, cl, &kgo.Record{Topic: tc.topic, Value: v})
		}
		// Cart.Line is [1, 0], Cart [1]: as the spec frames them.
		if got := res.Encoded[2][10:16]; got != "040200" {
			t.Errorf("Cart.Line's message indexes are %s, want 040200 (count 2, then 1 and 0 zigzagged)", got)
		}
		next := map[string]int{}
		tails := map[string][]string{}
		for _, tc := range cases {
			if _, ok := tails[tc.topic]; !ok {
				r := run(t, runOpts{env: env}, "-b", b, "tail", tc.topic, "--from", "beginning", "--no-follow", "--json")
				wantCode(t, r, 0)
				if r.Stderr != "" {
					t.Errorf("tail %s warned: %s", tc.topic, r.Stderr)
				}
				tails[tc.topic] = strings.Split(strings.TrimSpace(r.Stdout), "\n")
			}
			lines := tails[tc.topic]
			i := next[tc.topic]
			next[tc.topic]++
			if i >= len(lines) {
				t.Fatalf("tail %s: %d records, want more:\n%s", tc.topic, len(lines), strings.Join(lines, "\n"))
			}
			if got := decodedValue(t, lines[i]); got != tc.want {
				t.Errorf("%s record %d (%s) decodes as %s, want %s", tc.topic, i, tc.enc.Message, got, tc.want)
			}
		}
	})

	t.Run("kafka write encodes, they decode", func(t *testing.T) {
		cases := []struct {
			topic, format string
			args          []string
			line, want    string
		}{
			{"w-orders", "avro", nil, `{"id":9,"item":"cap","coupon":"X","status":"PAID"}`, `{"id":9,"item":"cap","coupon":"X","status":"PAID"}`},
			{"w-carts", "protobuf", []string{"--value-message", "Cart.Line"}, `{"sku":"B-2","qty":5}`, `{"type":"shop.Cart.Line","value":{"sku":"B-2","qty":5}}`},
			{"w-events", "json", nil, `{"kind":"view","n":1}`, `{"kind":"view","n":1}`},
		}
		var decs []interopDecode
		for _, tc := range cases {
			args := append([]string{"-b", b, "write", tc.topic, "--value-schema", tc.topic + "-value"}, tc.args...)
			r := run(t, runOpts{env: env, stdin: tc.line + "\n"}, args...)
			wantCode(t, r, 0)
			rec := kafkatest.ReadRecords(t, c, tc.topic, 1)[0]
			decs = append(decs, interopDecode{Format: tc.format, Topic: tc.topic, Hex: hex.EncodeToString(rec.Value)})
		}
		res := runInterop(t, node, map[string]any{"registry": reg.URL(), "decode": decs})
		for i, tc := range cases {
			if got := canonical(t, res.Decoded[i]); got != canonical(t, []byte(tc.want)) {
				t.Errorf("%s: the Node deserializer reads %s, want %s", tc.topic, got, tc.want)
			}
		}
	})
}

// decodedValue is the value of one tail --json line as compact JSON.
func decodedValue(t *testing.T, line string) string {
	t.Helper()
	var rec struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal([]byte(line), &rec); err != nil {
		t.Fatalf("tail --json line: %v: %s", err, line)
	}
	if len(rec.Value) == 0 || rec.Value[0] != '{' {
		t.Fatalf("tail --json shows a decoded value as %s, want the JSON object itself", rec.Value)
	}
	return canonical(t, rec.Value)
}

// canonical re-encodes JSON with sorted keys.
func canonical(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}
