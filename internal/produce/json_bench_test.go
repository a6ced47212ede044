package produce

import (
	"bytes"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/record"
)

var benchJSONLine = []byte(`{"topic":"router","partition":0,"offset":0,"timestamp":"2026-11-22T01:02:03.456Z","key":null,"value":"{\"at\":\"info\",\"method\":\"GET\",\"path\":\"/api/v1/items/0?page=2\",\"host\":\"app.example.com\",\"request_id\":\"00000000-1b2c-4d5e-8f90-a1b2c3d4e5f6\",\"fwd\":\"203.0.113.7\",\"dyno\":\"web.1\",\"connect\":1,\"service\":0,\"status\":200,\"bytes\":1000}","headers":[]}`)

// BenchmarkParseJSONLine compares record.ParseLine (encoding/json) with
// the fast path write --json uses for tail's own lines.
func BenchmarkParseJSONLine(b *testing.B) {
	b.Run("encoding-json", func(b *testing.B) { benchSlow(b, benchJSONLine) })
	b.Run("fast", func(b *testing.B) {
		var d fastJSON
		var a arena
		b.SetBytes(int64(len(benchJSONLine)))
		b.ReportAllocs()
		for b.Loop() {
			var r kgo.Record
			if !d.decode(benchJSONLine, &r, &a) {
				b.Fatal("fast path refused the line")
			}
		}
	})
}

func benchSlow(b *testing.B, line []byte) {
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		j, err := record.ParseLine(bytes.Clone(line))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := j.Record(); err != nil {
			b.Fatal(err)
		}
	}
}
