package tail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
	"github.com/kafka-cli/kafka/internal/record"
)

func FuzzParseFrom(f *testing.F) {
	for _, s := range []string{"beginning", "end", "-0", "-10", "42", "@-15m", "@2026-11-22", "@2026-11-22T10:00:00Z", "@", "@-", "-9223372036854775808", "x"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		kafkatest.AllocBound(t, kafkatest.InputBound(len(s)), fmt.Sprintf("ParseFrom(%q)", s), func() {
			from, err := ParseFrom(s, now)
			if err == nil && (from.Kind == FromOffset || from.Kind == FromRelative) && from.N < 0 {
				t.Fatalf("ParseFrom(%q) = negative count %d", s, from.N)
			}
		})
	})
}

func FuzzParseFormat(f *testing.F) {
	for _, s := range []string{`%t %p %o %k %s\n`, `%d %T %h %K %S %v%%`, `%`, `\`, `%z`, `\q`, ``} {
		f.Add(s)
	}
	rec := &kgo.Record{Topic: "t", Key: []byte("k"), Value: []byte("v"), Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("1")}}}
	f.Fuzz(func(t *testing.T, s string) {
		kafkatest.AllocBound(t, kafkatest.InputBound(len(s)), fmt.Sprintf("ParseFormat(%q)", s), func() {
			c, err := ParseFormat(s, &Names{})
			if err == nil {
				// Each byte of the layout writes at most a verb's worth.
				if out := c.Append(nil, rec); len(out) > 64*len(s)+64 {
					t.Fatalf("layout %q wrote %d bytes", s, len(out))
				}
			}
		})
	})
}

// FuzzAppendEscaped: the line escape leaves no control byte, so one record
// is one line.
func FuzzAppendEscaped(f *testing.F) {
	for _, s := range []string{"plain", "a\nb\r\tc", "\x00\x1b\x7f", "bad\xff\xfe", "c1\u0085", "é€😀", "trunc\xe2\x82"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out := AppendEscaped(nil, b)
		for i := 0; i < len(out); {
			r, size := utf8.DecodeRune(out[i:])
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r == utf8.RuneError && size == 1) {
				t.Fatalf("AppendEscaped(%q) = %q keeps control or invalid byte at %d", b, out, i)
			}
			i += size
		}
		if len(b) > 0 && len(out) == 0 {
			t.Fatalf("AppendEscaped(%q) is empty", b)
		}
	})
}

// FuzzJSONRoundTrip: the hand-written JSON encoding decodes to the same
// bytes, key, value and headers.
func FuzzJSONRoundTrip(f *testing.F) {
	for _, s := range []string{"", "plain", `quo"te\`, "\x00\n\u2028", "bad\xff", "é€😀", "<&>"} {
		f.Add([]byte(s), []byte(s), "h", false)
	}
	f.Fuzz(func(t *testing.T, key, value []byte, hkey string, nullKey bool) {
		if nullKey {
			key = nil
		}
		rec := &kgo.Record{Topic: "t", Key: key, Value: value, Headers: []kgo.RecordHeader{{Key: hkey, Value: value}}}
		line := (&JSON{Names: &Names{}}).Append(nil, rec)
		if bytes.Count(line, []byte("\n")) != 1 {
			t.Fatalf("not one line: %q", line)
		}
		var j record.JSON
		if err := json.Unmarshal(line, &j); err != nil {
			t.Fatalf("invalid JSON %q: %v", line, err)
		}
		back, err := j.Record()
		if err != nil {
			t.Fatalf("decoding %q: %v", line, err)
		}
		if !bytes.Equal(back.Key, key) || (back.Key == nil) != (key == nil) || !bytes.Equal(back.Value, value) || !bytes.Equal(back.Headers[0].Value, value) {
			t.Fatalf("round trip of key %q value %q gave key %q value %q", key, value, back.Key, back.Value)
		}
		if utf8.ValidString(hkey) && back.Headers[0].Key != hkey {
			t.Fatalf("header key %q came back as %q", hkey, back.Headers[0].Key)
		}
	})
}
