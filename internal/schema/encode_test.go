package schema

import (
	"strings"
	"testing"

	"github.com/hamba/avro/v2"
)

func TestAvroEncodeRoundTrip(t *testing.T) {
	const s = `{"type":"record","name":"Order","namespace":"shop","fields":[
	  {"name":"id","type":"long"},{"name":"item","type":"string"},
	  {"name":"qty","type":"int","default":1},
	  {"name":"note","type":["null","string"],"default":null},
	  {"name":"tags","type":{"type":"array","items":"string"}},
	  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
	  {"name":"price","type":"double"},
	  {"name":"sub","type":["null",{"type":"record","name":"Sub","fields":[{"name":"x","type":"int"}]}]}]}`
	as := avro.MustParse(s)
	enc := avroEncoder(as)
	c := &avroCodec{json: compileAvroJSON(as, map[string]*avroJSON{}), r: avro.NewReader(nil, 0)}
	for in, want := range map[string]string{
		`{"id":1,"item":"tea","tags":[],"kind":"A","price":1.5,"sub":null}`:                       `{"id":1,"item":"tea","qty":1,"note":null,"tags":[],"kind":"A","price":1.5,"sub":null}`,
		`{"id":2,"item":"x","qty":3,"note":"hi","tags":["a"],"kind":"B","price":2,"sub":{"x":4}}`: `{"id":2,"item":"x","qty":3,"note":"hi","tags":["a"],"kind":"B","price":2,"sub":{"shop.Sub":{"x":4}}}`,
		// tail's form of a named union branch is read back as it is.
		`{"id":3,"item":"x","tags":[],"kind":"B","price":2,"sub":{"shop.Sub":{"x":5}}}`: `{"id":3,"item":"x","qty":1,"note":null,"tags":[],"kind":"B","price":2,"sub":{"shop.Sub":{"x":5}}}`,
	} {
		b, err := enc(nil, []byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		got, err := c.decode(nil, b)
		if err != nil || string(got) != want {
			t.Errorf("%s: got %s (%v), want %s", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		`{"id":"1","item":"tea","tags":[],"kind":"A","price":1,"sub":null}`:          "field id: a string does not fit Avro type long",
		`{"id":1,"tags":[],"kind":"A","price":1,"sub":null}`:                         "field item is missing",
		`{"id":1,"item":"t","tags":[3],"kind":"A","price":1,"sub":null}`:             "field tags[0]",
		`{"id":1,"item":"t","tags":[],"kind":"C","price":1,"sub":null}`:              `"C" is not a symbol`,
		`{"id":1,"item":"t","tags":[],"kind":"A","price":1,"sub":{"x":"no"}}`:        "field sub: an object fits no branch",
		`{"id":1,"item":"t","tags":[],"kind":"A","price":1,"sub":null,"extra":true}`: "field extra is not in the schema",
		`{"id":1.5,"item":"t","tags":[],"kind":"A","price":1,"sub":null}`:            "field id: the number 1.5",
		`nope`: "not JSON",
	} {
		if _, err := enc(nil, []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", in, err, want)
		}
	}
}

func TestParseRef(t *testing.T) {
	for in, want := range map[string]Ref{
		"orders-value":   {Subject: "orders-value", Version: -1},
		"orders-value:2": {Subject: "orders-value", Version: 2},
		"id:7":           {ID: 7},
	} {
		if got, err := ParseRef("--value-schema", in); err != nil || got != want {
			t.Errorf("%q: %+v %v", in, got, err)
		}
	}
	for _, in := range []string{"", "id:x", "id:0", "a:b", ":1", "a:0"} {
		if _, err := ParseRef("--value-schema", in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}
