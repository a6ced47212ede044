package schema

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
)

func TestParseFrame(t *testing.T) {
	id, payload, err := ParseFrame([]byte{0, 0, 0, 1, 2, 'x'})
	if err != nil || id != 258 || string(payload) != "x" {
		t.Fatalf("got %d %q %v", id, payload, err)
	}
	for _, b := range [][]byte{nil, {0}, {0, 0, 0, 1}, {1, 0, 0, 0, 1, 'x'}, []byte("hello")} {
		if _, _, err := ParseFrame(b); !errors.Is(err, ErrNotFramed) {
			t.Errorf("ParseFrame(%v): %v, want ErrNotFramed", b, err)
		}
	}
}

func TestParseIndex(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want []int
	}{
		{[]byte{0, 'p'}, []int{0}},          // the one-byte shortcut for [0]
		{[]byte{2, 2, 'p'}, []int{1}},       // [1]
		{[]byte{4, 2, 0, 'p'}, []int{1, 0}}, // nested [1, 0]
	} {
		got, rest, err := ParseIndex(c.in)
		if err != nil || !slices.Equal(got, c.want) || string(rest) != "p" {
			t.Errorf("ParseIndex(%v) = %v %q %v, want %v", c.in, got, rest, err, c.want)
		}
	}
	for _, b := range [][]byte{nil, {4, 2}, {1}, {0x80}, binary.AppendVarint(nil, 1000)} {
		if _, _, err := ParseIndex(b); err == nil {
			t.Errorf("ParseIndex(%v) accepted a bad index list", b)
		}
	}
}

func FuzzParseFrame(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 2})
	f.Add([]byte{0, 0})
	f.Add([]byte("text"))
	f.Fuzz(func(t *testing.T, b []byte) {
		id, payload, err := ParseFrame(b)
		if err != nil {
			return
		}
		if id < 0 || len(payload) != len(b)-5 || !bytes.Equal(payload, b[5:]) {
			t.Fatalf("frame %v: id %d payload %v", b, id, payload)
		}
	})
}

func FuzzParseIndex(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{4, 2, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		index, rest, err := ParseIndex(b)
		if err != nil {
			return
		}
		if len(index) == 0 || len(index) > maxIndexes || len(rest) > len(b) {
			t.Fatalf("index %v rest %d of %d", index, len(rest), len(b))
		}
	})
}

// FuzzAvroJSON: any payload under a schema with every kind of node either
// renders valid JSON or fails, without a panic or a spin.
func FuzzAvroJSON(f *testing.F) {
	const s = `{"type":"record","name":"R","fields":[
	  {"name":"a","type":"long"},{"name":"b","type":["null","string","R"]},
	  {"name":"c","type":{"type":"array","items":"null"}},{"name":"d","type":{"type":"map","values":"double"}},
	  {"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}},{"name":"f","type":"bytes"},
	  {"name":"g","type":{"type":"fixed","name":"F","size":2}},{"name":"h","type":{"type":"int","logicalType":"date"}}]}`
	c, err := newCodec(sr.Schema{Schema: s})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{2, 0, 0, 0, 0, 0, 1, 2, 0})
	f.Add([]byte{2, 4, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, payload []byte) {
		out, err := c.decode(nil, payload)
		if err == nil && !json.Valid(out) {
			t.Fatalf("payload %x rendered invalid JSON %s", payload, out)
		}
	})
}
