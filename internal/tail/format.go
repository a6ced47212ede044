// Package tail is the plumbing of `kafka tail`: record formatting, filters,
// start positions and the consume loop. Formatting appends into a caller's
// reusable buffer so the hot path allocates nothing per record.
//
// It may import kafka, record, topics, units and where; only cmd (kafka tail)
// imports it.
package tail

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/record"
)

// Formatter turns a record into one output line.
type Formatter interface {
	// Append appends the record's line, newline included, to dst.
	Append(dst []byte, r *kgo.Record) []byte
}

// Names maps a Kafka topic name to the name shown (without KAFKA_PREFIX).
// It remembers the last answer: records come in runs of one topic.
type Names struct {
	Strip       func(string) string
	last, shown string
}

func (n *Names) show(topic string) string {
	if topic != n.last || n.shown == "" {
		n.last = topic
		n.shown = topic
		if n.Strip != nil {
			n.shown = n.Strip(topic)
		}
	}
	return n.shown
}

// Line is the default format: TOPIC PARTITION OFFSET LENGTH VALUE, the value
// cut to MaxLength bytes (0: no limit) on a character boundary and escaped
// so that one record is always one line. Long adds KEY and TIME (RFC 3339,
// UTC) after OFFSET: TOPIC PARTITION OFFSET KEY TIME LENGTH VALUE.
type Line struct {
	Names     *Names
	MaxLength int
	Long      bool
	ts        tsCache
}

// Append implements Formatter.
func (l *Line) Append(dst []byte, r *kgo.Record) []byte {
	dst = append(dst, l.Names.show(r.Topic)...)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, int64(r.Partition), 10)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, r.Offset, 10)
	dst = append(dst, ' ')
	if l.Long {
		dst = appendKey(dst, r.Key)
		dst = append(dst, ' ')
		dst = l.ts.append(dst, r.Timestamp)
		dst = append(dst, ' ')
	}
	dst = strconv.AppendInt(dst, int64(len(r.Value)), 10)
	dst = append(dst, ' ')
	if r.Value == nil {
		dst = append(dst, "NULL"...)
	} else {
		dst = AppendEscaped(dst, Truncate(r.Value, l.MaxLength))
	}
	return append(dst, '\n')
}

// appendKey writes a key as one field: NULL for none, "" for an empty one,
// and spaces escaped (\x20) so that the fields after it stay in place.
func appendKey(dst, k []byte) []byte {
	switch {
	case k == nil:
		return append(dst, "NULL"...)
	case len(k) == 0:
		return append(dst, `""`...)
	}
	start := len(dst)
	dst = AppendEscaped(dst, k)
	for i := start; i < len(dst); i++ {
		if dst[i] == ' ' {
			dst = append(dst[:i], append([]byte(`\x20`), dst[i+1:]...)...)
		}
	}
	return dst
}

// Truncate cuts b to at most n bytes without splitting a UTF-8 character;
// n <= 0 means no limit. Invalid bytes count as one-byte characters.
func Truncate(b []byte, n int) []byte {
	if n <= 0 || len(b) <= n {
		return b
	}
	cut := n
	// Step back over at most 3 continuation bytes to the start of the
	// character that straddles the limit, and drop it if it is whole and
	// does not fit.
	for i := n; i > n-utf8.UTFMax && i >= 0; i-- {
		if utf8.RuneStart(b[i]) {
			if _, size := utf8.DecodeRune(b[i:]); size > 1 && i+size > n {
				cut = i
			}
			break
		}
	}
	return b[:cut]
}

const hexDigits = "0123456789abcdef"

// shortEscape gives the letter of the two-character escapes \n, \r and \t.
var shortEscape = [256]byte{'\n': 'n', '\r': 'r', '\t': 't'}

// plain marks bytes copied as they are: printable ASCII for the line format,
// and for JSON, ASCII but control characters, '"' and '\\'.
var plainLine, plainJSON [256]bool

func init() {
	for c := 0x20; c < 0x7f; c++ {
		plainLine[c] = true
	}
	for c := 0x20; c < utf8.RuneSelf; c++ {
		plainJSON[c] = c != '"' && c != '\\'
	}
}

// AppendEscaped appends b for display on one line: printable text as is,
// newline, carriage return and tab as \n \r \t, other control characters
// as \xNN (C0, DEL) or \uNNNN (C1), and each invalid UTF-8 byte as \xNN.
// Backslashes are left alone so that JSON values stay readable.
func AppendEscaped(dst, b []byte) []byte {
	start := 0
	for i := 0; i < len(b); {
		for i < len(b) && plainLine[b[i]] {
			i++
		}
		if i == len(b) {
			break
		}
		c := b[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(b[i:])
			invalid := r == utf8.RuneError && size == 1
			if !invalid && (r < 0x80 || r > 0x9f) {
				i += size
				continue
			}
			dst = append(dst, b[start:i]...)
			if invalid {
				dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
			} else {
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
			}
			i += size
			start = i
			continue
		}
		dst = append(dst, b[start:i]...)
		if e := shortEscape[c]; e != 0 {
			dst = append(dst, '\\', e)
		} else {
			dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	return append(dst, b[start:]...)
}

// JSON writes the record.JSON shape, one object per line, encoded by hand:
// encoding/json's reflection would cost several allocations per record.
// TestJSONMatchesRecord checks it decodes to what record.ToJSON gives.
type JSON struct {
	Names *Names
	ts    tsCache
	// The last topic shown, and it as a JSON string.
	topic     string
	topicJSON []byte
}

// tsCache formats timestamps, reusing the text up to the second: records
// come in time order, so most share the second of the one before.
type tsCache struct {
	sec    int64
	prefix []byte // "2006-01-02T15:04:05."
}

func (c *tsCache) append(dst []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	sec, frac := ms/1000, ms%1000
	if frac < 0 {
		sec, frac = sec-1, frac+1000
	}
	if c.prefix == nil || sec != c.sec {
		c.sec = sec
		c.prefix = time.Unix(sec, 0).UTC().AppendFormat(c.prefix[:0], "2006-01-02T15:04:05.")
	}
	dst = append(dst, c.prefix...)
	return append(dst, byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10), 'Z')
}

// Append implements Formatter.
func (j *JSON) Append(dst []byte, r *kgo.Record) []byte {
	dst = append(dst, `{"topic":`...)
	if t := j.Names.show(r.Topic); t != j.topic || j.topicJSON == nil {
		j.topic, j.topicJSON = t, appendJSONString(j.topicJSON[:0], t)
	}
	dst = append(dst, j.topicJSON...)
	dst = append(dst, `,"partition":`...)
	dst = strconv.AppendInt(dst, int64(r.Partition), 10)
	dst = append(dst, `,"offset":`...)
	dst = strconv.AppendInt(dst, r.Offset, 10)
	dst = append(dst, `,"timestamp":"`...)
	dst = j.ts.append(dst, r.Timestamp)
	dst = append(dst, `","key":`...)
	s := record.SchemasOf(r.Context)
	if s != nil && s.Key.Format != "" {
		dst = appendDecoded(dst, r.Key)
		dst = appendSchema(dst, s.Key, `,"key_schema_id":`, `,"key_format":"`)
	} else {
		dst = appendJSONBytes(dst, r.Key, "key_encoding")
	}
	dst = append(dst, `,"value":`...)
	if s != nil && s.Value.Format != "" {
		dst = appendDecoded(dst, r.Value)
		dst = appendSchema(dst, s.Value, `,"value_schema_id":`, `,"value_format":"`)
	} else {
		dst = appendJSONBytes(dst, r.Value, "value_encoding")
	}
	dst = append(dst, `,"headers":[`...)
	for i, h := range r.Headers {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"key":`...)
		dst = appendJSONString(dst, h.Key)
		dst = append(dst, `,"value":`...)
		dst = appendJSONBytes(dst, h.Value, "value_encoding")
		dst = append(dst, '}')
	}
	return append(dst, "]}\n"...)
}

// appendDecoded adds a decoded key or value, which is JSON text, as the
// JSON it is; one that spans lines is compacted so the record stays on one
// line. (The decoders give one line: IndexByte, unlike ContainsAny, costs
// next to nothing to make sure.)
func appendDecoded(dst, b []byte) []byte {
	if bytes.IndexByte(b, '\n') < 0 && bytes.IndexByte(b, '\r') < 0 {
		return append(dst, b...)
	}
	buf := bytes.NewBuffer(dst)
	if json.Compact(buf, b) != nil {
		return appendJSONBytes(dst, b, "value_encoding")
	}
	return buf.Bytes()
}

// appendSchema adds the keys saying how a key or value was decoded.
func appendSchema(dst []byte, s record.Schema, idKey, formatKey string) []byte {
	if s.ID == 0 && s.Format == "" {
		return dst
	}
	if s.ID != 0 {
		dst = append(dst, idKey...)
		dst = strconv.AppendInt(dst, int64(s.ID), 10)
	}
	dst = append(dst, formatKey...)
	dst = append(dst, s.Format...)
	return append(dst, '"')
}
