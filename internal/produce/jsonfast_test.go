package produce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/record"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// slowDecode is the authoritative decoder.
func slowDecode(line []byte) (*kgo.Record, error) {
	j, err := record.ParseLine(line)
	if err != nil {
		return nil, err
	}
	return j.Record()
}

func sameRecord(a, b *kgo.Record) bool {
	eq := func(x, y []byte) bool { return (x == nil) == (y == nil) && bytes.Equal(x, y) }
	if !eq(a.Key, b.Key) || !eq(a.Value, b.Value) || !a.Timestamp.Equal(b.Timestamp) || len(a.Headers) != len(b.Headers) {
		return false
	}
	for i := range a.Headers {
		if a.Headers[i].Key != b.Headers[i].Key || !eq(a.Headers[i].Value, b.Headers[i].Value) {
			return false
		}
	}
	return true
}

// checkFast requires the fast decoder, when it accepts a line, to agree
// exactly with the authoritative one.
func checkFast(t *testing.T, d *fastJSON, a *arena, line []byte) bool {
	t.Helper()
	var r kgo.Record
	if !d.decode(line, &r, a) {
		return false
	}
	want, err := slowDecode(line)
	if err != nil {
		t.Fatalf("fast path accepted %q, which record.ParseLine rejects: %v", line, err)
	}
	if !sameRecord(&r, want) {
		t.Fatalf("fast path decoded %q as %+v, want %+v", line, r, want)
	}
	return true
}

func TestFastJSONMatchesParseLine(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	alphabet := []string{"a", "é", "😀", "\"", "\\", "/", "\n", "\t", "\x00", "\x1f", "<", "\u2028", "\xff", "\xc3"}
	pick := func() []byte {
		switch rng.IntN(5) {
		case 0:
			return nil
		case 1:
			return []byte{}
		case 2:
			var b []byte
			for range rng.IntN(20) {
				b = append(b, alphabet[rng.IntN(len(alphabet))]...)
			}
			return b
		}
		b := make([]byte, rng.IntN(50))
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	var d fastJSON
	var a arena
	fast := 0
	for i := range 5000 {
		r := &kgo.Record{Key: pick(), Value: pick(), Partition: int32(rng.IntN(100)), Offset: rng.Int64(),
			Timestamp: time.UnixMilli(rng.Int64N(4e12))}
		for j := rng.IntN(3); j > 0; j-- {
			r.Headers = append(r.Headers, kgo.RecordHeader{Key: fmt.Sprint("h", j, "é\""), Value: pick()})
		}
		line, err := json.Marshal(record.ToJSON(r, "topic"))
		if err != nil {
			t.Fatal(err)
		}
		if !checkFast(t, &d, &a, line) {
			t.Fatalf("fast path refused tail's own output %s", line)
		}
		fast++
		// Round trip is byte-exact too.
		var got kgo.Record
		d.decode(line, &got, &a)
		got.Timestamp = r.Timestamp
		if !sameRecord(&got, r) {
			t.Fatalf("round trip %d changed the record: %s", i, line)
		}
	}
	// Hand-written lines: accepted ones must agree; odd ones may fall back.
	for _, s := range []string{
		`{}`, ` { "value" : "x" , "key":null } `, `{"value":"\u00e9\ud83d\ude00\/"}`,
		`{"value":"\ud83d"}`, `{"value":"\udc00\ud83d"}`, `{"value":"a\u0000b"}`,
		`{"Value":"x"}`, `{"value":"x","extra":1}`, `{"partition":1.5}`, `{"partition":01}`,
		`{"partition":99999999999}`, `{"offset":-3,"partition":-1}`, `{"value":"x"} x`,
		`{"value":"%%","value_encoding":"base64"}`, `{"value":"aGk=","value_encoding":"base64"}`,
		`{"value":"aGk","value_encoding":"hex"}`, `{"headers":null}`, `{"headers":[{}]}`,
		`{"headers":[{"key":null}]}`, `{"headers":[{"key":"a","value":null},{"key":"b","value":"/w==","value_encoding":"base64"}]}`,
		`{"timestamp":"2020-01-01T00:00:00Z"}`, `{"timestamp":"bad"}`, `{"timestamp":null}`, `{"timestamp":""}`,
		`{"key":"a","key":"b"}`, `{"value":"raw` + "\xff" + `"}`, `{"value":"tab` + "\t" + `"}`, `null`, `[]`, `{"value":"x"`,
		`{"value":"\x"}`, `{"value":"\u12"}`, `{}0`, `{} `,
	} {
		checkFast(t, &d, &a, []byte(s))
	}
	t.Logf("%d random lines decoded on the fast path", fast)
}

func FuzzFastJSON(f *testing.F) {
	f.Add([]byte(`{"key":"a","value":"\u00e9","headers":[{"key":"h","value":"/w==","value_encoding":"base64"}]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		var d fastJSON
		var a arena
		kafkatest.AllocBound(t, kafkatest.InputBound(len(line))+arenaChunk, "decoding a write --json line", func() { checkFast(t, &d, &a, line) })
	})
}
