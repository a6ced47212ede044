// Package record defines the JSON-lines shape of a record that tail --json
// writes and write --json reads, so the two round-trip byte for byte.
//
// It imports nothing of this module; cmd, produce, schema and tail import
// it.
package record

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Encodings of key, value and header values. Absent means UTF-8 text.
const EncodingBase64 = "base64"

// JSON is one record as a JSON object. Key and Value are pointers so that a
// null key or value stays null (a tombstone is not an empty string).
type JSON struct {
	Topic         string       `json:"topic" doc:"topic name, without KAFKA_PREFIX"`
	Partition     int32        `json:"partition" doc:"partition number"`
	Offset        int64        `json:"offset" doc:"offset within the partition"`
	Timestamp     string       `json:"timestamp" doc:"record timestamp, RFC 3339 in UTC with milliseconds"`
	Key           *string      `json:"key" doc:"key as UTF-8 text, base64 when key_encoding is \"base64\", or null; when key_format is set, the decoded key itself (an object, array, ...), and write --json takes any JSON value that is not a string as its JSON text"`
	KeyEncoding   string       `json:"key_encoding,omitempty" doc:"\"base64\" when the key is not valid UTF-8; absent otherwise"`
	KeySchemaID   int          `json:"key_schema_id,omitempty" doc:"schema registry ID the key was decoded with; absent when it was not"`
	KeyFormat     string       `json:"key_format,omitempty" doc:"\"avro\", \"protobuf\" or \"json\" when the key was decoded with a registry schema (key is then the decoded JSON)"`
	Value         *string      `json:"value" doc:"value as UTF-8 text, base64 when value_encoding is \"base64\", or null; when value_format is set, the decoded value itself (an object, array, ...), and write --json takes any JSON value that is not a string as its JSON text"`
	ValueEncoding string       `json:"value_encoding,omitempty" doc:"\"base64\" when the value is not valid UTF-8; absent otherwise"`
	ValueSchemaID int          `json:"value_schema_id,omitempty" doc:"schema registry ID the value was decoded with; absent when it was not"`
	ValueFormat   string       `json:"value_format,omitempty" doc:"\"avro\", \"protobuf\" or \"json\" when the value was decoded with a registry schema (value is then the decoded JSON)"`
	Headers       []JSONHeader `json:"headers" doc:"record headers in order"`
}

// jsonFields is JSON without its methods, for them to call encoding/json.
type jsonFields JSON

// MarshalJSON writes a decoded key or value (one with a format) as the
// JSON it is, not as a string holding it.
func (j JSON) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		jsonFields
		Key   json.RawMessage `json:"key"`
		Value json.RawMessage `json:"value"`
	}{jsonFields(j), asJSON(j.Key, j.KeyFormat), asJSON(j.Value, j.ValueFormat)})
}

// UnmarshalJSON reads a key or value that is a JSON string as its text, and
// any other JSON value (an object, as tail --json shows a decoded one), or
// any value at all when key_format or value_format says it was decoded, as
// its JSON text, so tail --json | write --json round-trips either.
func (j *JSON) UnmarshalJSON(b []byte) error {
	aux := struct {
		*jsonFields
		Key   json.RawMessage `json:"key"`
		Value json.RawMessage `json:"value"`
	}{jsonFields: (*jsonFields)(j)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	var err error
	if j.Key, err = fromJSON(aux.Key, j.KeyFormat); err != nil {
		return fmt.Errorf("key: %w", err)
	}
	if j.Value, err = fromJSON(aux.Value, j.ValueFormat); err != nil {
		return fmt.Errorf("value: %w", err)
	}
	return nil
}

func asJSON(s *string, format string) json.RawMessage {
	switch {
	case s == nil:
		return json.RawMessage("null")
	case format != "" && json.Valid([]byte(*s)):
		return json.RawMessage(*s)
	}
	b, _ := json.Marshal(*s)
	return b
}

// fromJSON reads a key or value. With a format, even a JSON string is the
// decoded JSON (an Avro string key shows as "k" and must encode from "k").
func fromJSON(raw json.RawMessage, format string) (*string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '"' && format == "" {
		var s string
		err := json.Unmarshal(raw, &s)
		return &s, err
	}
	s := string(raw)
	return &s, nil
}

// JSONHeader is one record header.
type JSONHeader struct {
	Key           string  `json:"key" doc:"header key"`
	Value         *string `json:"value" doc:"header value as text, base64 when value_encoding is \"base64\", or null"`
	ValueEncoding string  `json:"value_encoding,omitempty" doc:"\"base64\" when the header value is not valid UTF-8"`
}

// TimeFormat is the timestamp layout: RFC 3339, UTC, milliseconds.
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

// ToJSON converts a record; topic is the name to show (prefix removed).
func ToJSON(r *kgo.Record, topic string) JSON {
	j := JSON{
		Topic:     topic,
		Partition: r.Partition,
		Offset:    r.Offset,
		Timestamp: r.Timestamp.UTC().Format(TimeFormat),
		Headers:   make([]JSONHeader, 0, len(r.Headers)),
	}
	j.Key, j.KeyEncoding = encode(r.Key)
	j.Value, j.ValueEncoding = encode(r.Value)
	if s := SchemasOf(r.Context); s != nil {
		j.KeySchemaID, j.KeyFormat = s.Key.ID, s.Key.Format
		j.ValueSchemaID, j.ValueFormat = s.Value.ID, s.Value.Format
	}
	for _, h := range r.Headers {
		v, enc := encode(h.Value)
		j.Headers = append(j.Headers, JSONHeader{Key: h.Key, Value: v, ValueEncoding: enc})
	}
	return j
}

func encode(b []byte) (*string, string) {
	if b == nil {
		return nil, ""
	}
	if utf8.Valid(b) {
		s := string(b)
		return &s, ""
	}
	s := base64.StdEncoding.EncodeToString(b)
	return &s, EncodingBase64
}

func decode(s *string, enc, what string) ([]byte, error) {
	if s == nil {
		return nil, nil
	}
	switch enc {
	case "", "utf8", "utf-8":
		return []byte(*s), nil
	case EncodingBase64:
		b, err := base64.StdEncoding.DecodeString(*s)
		if err != nil {
			return nil, fmt.Errorf("%s is not valid base64", what)
		}
		return b, nil
	}
	return nil, fmt.Errorf("unknown %s encoding %q: use \"base64\" or leave it out", what, enc)
}

// Record converts back to a record. Topic, partition and offset are not
// copied: the writer decides where the record goes. The timestamp is parsed
// so callers can keep it (write --keep-timestamps).
func (j *JSON) Record() (*kgo.Record, error) {
	r := &kgo.Record{}
	var err error
	if r.Key, err = decode(j.Key, j.KeyEncoding, "key"); err != nil {
		return nil, err
	}
	if r.Value, err = decode(j.Value, j.ValueEncoding, "value"); err != nil {
		return nil, err
	}
	for _, h := range j.Headers {
		v, err := decode(h.Value, h.ValueEncoding, "header "+h.Key)
		if err != nil {
			return nil, err
		}
		r.Headers = append(r.Headers, kgo.RecordHeader{Key: h.Key, Value: v})
	}
	if j.Timestamp != "" {
		ts, err := time.Parse(time.RFC3339Nano, j.Timestamp)
		if err != nil {
			return nil, fmt.Errorf("timestamp %q is not RFC 3339", j.Timestamp)
		}
		r.Timestamp = ts
	}
	return r, nil
}

// ParseLine decodes one JSON line.
func ParseLine(line []byte) (*JSON, error) {
	var j JSON
	if err := json.Unmarshal(line, &j); err != nil {
		return nil, fmt.Errorf("not a JSON record: %s", err)
	}
	return &j, nil
}
