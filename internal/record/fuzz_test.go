package record

import (
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// FuzzParseLine covers write --json lines: never a panic, a bounded
// allocation, and what parses decodes to a record or a clear error.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		`{"key":"a","value":"b"}`, `{"value":null}`, `{"value":"/w==","value_encoding":"base64"}`,
		`{"value":"x","value_encoding":"hex"}`, `{"headers":[{"key":"h","value":"v"}]}`, `{"timestamp":"2026-11-22T10:00:00Z"}`,
		`[`, `null`, `{"value":1}`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		kafkatest.AllocBound(t, kafkatest.InputBound(len(line)), "ParseLine", func() {
			if j, err := ParseLine(line); err == nil {
				_, _ = j.Record()
			}
		})
	})
}
