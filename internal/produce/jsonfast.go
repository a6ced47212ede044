package produce

import (
	"encoding/base64"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/record"
)

// fastJSON decodes a line in tail's --json shape about ten times faster
// than encoding/json, for the lines tail itself writes. It accepts a subset
// of JSON and returns false on anything outside it (unknown keys, invalid
// UTF-8, lone surrogates, odd numbers, any error), and the caller then uses
// record.ParseLine, which stays the authority on the format and on error
// messages. Decoded bytes go into the arena; r's Topic and Partition are
// left to the caller.
type fastJSON struct {
	p       []byte
	i       int
	scratch []byte
}

// field is a decoded string: nil for JSON null.
type field struct {
	b    []byte // valid until the next decode; points into the line or scratch
	null bool
}

func (d *fastJSON) decode(line []byte, r *kgo.Record, a *arena) bool {
	d.p, d.i, d.scratch = line, 0, d.scratch[:0]
	var (
		key, value       = field{null: true}, field{null: true}
		keyEnc, valueEnc field
		ts               field
		hdrs             []hdrField
	)
	if !d.consume('{') {
		return false
	}
	if d.consume('}') {
		d.ws()
		return d.i == len(d.p) && d.finish(r, a, key, keyEnc, value, valueEnc, ts, hdrs)
	}
	for {
		name, ok := d.str()
		if !ok || name.null || !d.consume(':') {
			return false
		}
		switch string(name.b) {
		case "topic":
			ok = d.plainString()
		case "partition":
			ok = d.integer(32)
		case "offset":
			ok = d.integer(64)
		case "timestamp":
			ts, ok = d.str()
			ok = ok && !ts.null
		case "key":
			key, ok = d.str()
		case "value":
			value, ok = d.str()
		case "key_encoding":
			keyEnc, ok = d.str()
		case "value_encoding":
			valueEnc, ok = d.str()
		case "headers":
			hdrs, ok = d.headers(hdrs[:0])
		default:
			return false
		}
		if !ok {
			return false
		}
		if d.consume(',') {
			continue
		}
		if !d.consume('}') {
			return false
		}
		d.ws()
		if d.i != len(d.p) {
			return false
		}
		return d.finish(r, a, key, keyEnc, value, valueEnc, ts, hdrs)
	}
}

type hdrField struct {
	key, value, enc field
}

func (d *fastJSON) headers(hs []hdrField) ([]hdrField, bool) {
	d.ws()
	if d.lit("null") {
		return hs, true
	}
	if !d.consume('[') {
		return nil, false
	}
	if d.consume(']') {
		return hs, true
	}
	for {
		if !d.consume('{') {
			return nil, false
		}
		h := hdrField{key: field{b: []byte{}}, value: field{null: true}}
		if !d.consume('}') {
			for {
				name, ok := d.str()
				if !ok || name.null || !d.consume(':') {
					return nil, false
				}
				switch string(name.b) {
				case "key":
					h.key, ok = d.str()
					ok = ok && !h.key.null
				case "value":
					h.value, ok = d.str()
				case "value_encoding":
					h.enc, ok = d.str()
				default:
					return nil, false
				}
				if !ok {
					return nil, false
				}
				if d.consume(',') {
					continue
				}
				if !d.consume('}') {
					return nil, false
				}
				break
			}
		}
		hs = append(hs, h)
		if d.consume(',') {
			continue
		}
		return hs, d.consume(']')
	}
}

func (d *fastJSON) finish(r *kgo.Record, a *arena, key, keyEnc, value, valueEnc, ts field, hdrs []hdrField) bool {
	var ok bool
	if r.Key, ok = decodeField(a, key, keyEnc); !ok {
		return false
	}
	if r.Value, ok = decodeField(a, value, valueEnc); !ok {
		return false
	}
	if len(hdrs) > 0 {
		r.Headers = make([]kgo.RecordHeader, len(hdrs))
		for i, h := range hdrs {
			r.Headers[i].Key = string(h.key.b)
			if r.Headers[i].Value, ok = decodeField(a, h.value, h.enc); !ok {
				return false
			}
		}
	}
	if !ts.null && len(ts.b) > 0 {
		t, err := time.Parse(time.RFC3339Nano, string(ts.b))
		if err != nil {
			return false
		}
		r.Timestamp = t
	}
	return true
}

func decodeField(a *arena, f, enc field) ([]byte, bool) {
	if f.null {
		return nil, true
	}
	switch string(enc.b) {
	case "", "utf8", "utf-8":
		return a.copy(f.b), true
	case record.EncodingBase64:
		dst := a.reserve(base64.StdEncoding.DecodedLen(len(f.b)))
		n, err := base64.StdEncoding.Decode(dst, f.b)
		if err != nil {
			return nil, false
		}
		return dst[:n:n], true
	}
	return nil, false
}
