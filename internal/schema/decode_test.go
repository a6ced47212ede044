package schema

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/record"
)

const itemSchema = `{"type":"record","name":"Item","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}`

// testDecoder knows schema 1 (itemSchema) without a registry.
func testDecoder(t testing.TB) *Decoder {
	c, err := newCodec(sr.Schema{Schema: itemSchema})
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecoder(nil, &strings.Builder{})
	d.codecs[1] = c
	return d
}

func framedItem(t testing.TB, id int64, name string) []byte {
	b, err := avro.Marshal(avro.MustParse(itemSchema), map[string]any{"id": id, "name": name})
	if err != nil {
		t.Fatal(err)
	}
	return append([]byte{0, 0, 0, 0, 1}, b...)
}

// Decode gives each record bytes of its own, since tail keeps records it
// filters until it shows them; DecodeBorrowed may reuse its buffers.
func TestWorkerDecodeOwnsWhatItKeeps(t *testing.T) {
	w := testDecoder(t).Worker()
	a := &kgo.Record{Value: framedItem(t, 1, "tea")}
	b := &kgo.Record{Value: framedItem(t, 2, "cake"), Key: []byte("k")}
	w.Decode(a)
	w.Decode(b)
	if string(a.Value) != `{"id":1,"name":"tea"}` || string(b.Value) != `{"id":2,"name":"cake"}` || string(b.Key) != "k" {
		t.Fatalf("got %s, %s (key %s)", a.Value, b.Value, b.Key)
	}
	if s := record.SchemasOf(a.Context); s == nil || s.Value != (record.Schema{ID: 1, Format: FormatAvro}) || s.Key != (record.Schema{}) {
		t.Fatalf("schemas %+v", s)
	}
	c := &kgo.Record{Value: framedItem(t, 3, `say "<hi>" é`)}
	w.DecodeBorrowed(c)
	want, _ := json.Marshal(map[string]any{"id": 3, "name": `say "<hi>" é`})
	if string(c.Value) != string(want) {
		t.Errorf("borrowed: got %s, want %s", c.Value, want)
	}
}

// The path tail takes for every shown record allocates nothing.
func TestWorkerDecodeBorrowedAllocatesNothing(t *testing.T) {
	w := testDecoder(t).Worker()
	value := framedItem(t, 42, "router line")
	r := &kgo.Record{}
	w.DecodeBorrowed(&kgo.Record{Value: value}) // warm up: buffers, context
	if n := testing.AllocsPerRun(100, func() {
		r.Value, r.Context = value, nil
		w.DecodeBorrowed(r)
	}); n != 0 {
		t.Errorf("DecodeBorrowed: %.1f allocations a record, want 0", n)
	}
}

// A string longer than the payload is refused before anything is sized
// for it.
func TestAvroStringLengthBounded(t *testing.T) {
	c, err := newCodec(sr.Schema{Schema: itemSchema})
	if err != nil {
		t.Fatal(err)
	}
	// id 1, then a string claiming 2^40 bytes.
	if _, err := c.decode(nil, []byte{2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40}); err == nil {
		t.Error("a string longer than the payload decoded")
	}
	if _, err := c.decode(nil, []byte{2, 10, 'a'}); err == nil {
		t.Error("a truncated string decoded")
	}
}
