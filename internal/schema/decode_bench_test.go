package schema

import (
	"testing"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"
)

const benchRouterSchema = `{"type":"record","name":"RouterLine","fields":[
 {"name":"at","type":"string"},{"name":"method","type":"string"},{"name":"path","type":"string"},
 {"name":"host","type":"string"},{"name":"request_id","type":"string"},{"name":"fwd","type":"string"},
 {"name":"dyno","type":"string"},{"name":"connect","type":"int"},{"name":"service","type":"int"},
 {"name":"status","type":"int"},{"name":"bytes","type":"int"},
 {"name":"tag","type":["null","string"],"default":null}]}`

// BenchmarkAvroToJSON is the per-record cost tail --json pays to show a
// small Avro record; the bench suite "schema" times it end to end.
func BenchmarkAvroToJSON(b *testing.B) {
	c, err := newCodec(sr.Schema{Schema: benchRouterSchema})
	if err != nil {
		b.Fatal(err)
	}
	tag := "x"
	payload, err := avro.Marshal(avro.MustParse(benchRouterSchema), map[string]any{
		"at": "info", "method": "GET", "path": "/api/orders", "host": "myapp.herokuapp.com",
		"request_id": "0a1b2c3d-0042-4abc", "fwd": "203.0.113.7", "dyno": "web.3",
		"connect": 1, "service": 42, "status": 200, "bytes": 1234, "tag": &tag,
	})
	if err != nil {
		b.Fatal(err)
	}
	var dst []byte
	b.ReportAllocs()
	for b.Loop() {
		if dst, err = c.decode(dst[:0], payload); err != nil {
			b.Fatal(err)
		}
	}
	b.Log(string(dst))
}
