package produce

import (
	"encoding/base64"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

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

func (d *fastJSON) ws() {
	for d.i < len(d.p) {
		switch d.p[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *fastJSON) consume(c byte) bool {
	d.ws()
	if d.i < len(d.p) && d.p[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *fastJSON) lit(s string) bool {
	if len(d.p)-d.i >= len(s) && string(d.p[d.i:d.i+len(s)]) == s {
		d.i += len(s)
		return true
	}
	return false
}

func (d *fastJSON) integer(bits int) bool {
	d.ws()
	start := d.i
	if d.i < len(d.p) && d.p[d.i] == '-' {
		d.i++
	}
	for d.i < len(d.p) && d.p[d.i] >= '0' && d.p[d.i] <= '9' {
		d.i++
	}
	_, err := strconv.ParseInt(string(d.p[start:d.i]), 10, bits)
	return err == nil && (d.p[start] != '0' || d.i-start == 1)
}

func (d *fastJSON) plainString() bool {
	f, ok := d.str()
	return ok && !f.null
}

// str reads a JSON string or null. Strings without escapes are returned in
// place; escaped ones are unescaped into scratch.
func (d *fastJSON) str() (field, bool) {
	d.ws()
	if d.lit("null") {
		return field{null: true}, true
	}
	if d.i >= len(d.p) || d.p[d.i] != '"' {
		return field{}, false
	}
	d.i++
	start, ascii := d.i, true
	for d.i < len(d.p) {
		c := d.p[d.i]
		switch {
		case c == '"':
			s := d.p[start:d.i]
			d.i++
			if !ascii && !utf8.Valid(s) {
				return field{}, false // encoding/json would substitute U+FFFD
			}
			return field{b: s}, true
		case c == '\\':
			return d.escaped(start)
		case c < 0x20:
			return field{}, false
		case c >= 0x80:
			ascii = false
		}
		d.i++
	}
	return field{}, false
}

func (d *fastJSON) escaped(start int) (field, bool) {
	from := len(d.scratch)
	d.scratch = append(d.scratch, d.p[start:d.i]...)
	for d.i < len(d.p) {
		// Copy the run up to the next quote, backslash or control byte.
		j := d.i
		for j < len(d.p) && d.p[j] != '"' && d.p[j] != '\\' && d.p[j] >= 0x20 {
			j++
		}
		d.scratch = append(d.scratch, d.p[d.i:j]...)
		if d.i = j; j == len(d.p) {
			break
		}
		c := d.p[d.i]
		switch {
		case c == '"':
			d.i++
			s := d.scratch[from:]
			if !utf8.Valid(s) {
				return field{}, false
			}
			return field{b: s}, true
		case c < 0x20:
			return field{}, false
		}
		if d.i+1 >= len(d.p) {
			return field{}, false
		}
		e := d.p[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
			d.scratch = append(d.scratch, e)
		case 'b':
			d.scratch = append(d.scratch, '\b')
		case 'f':
			d.scratch = append(d.scratch, '\f')
		case 'n':
			d.scratch = append(d.scratch, '\n')
		case 'r':
			d.scratch = append(d.scratch, '\r')
		case 't':
			d.scratch = append(d.scratch, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return field{}, false
			}
			if utf16.IsSurrogate(r) {
				if !d.lit(`\u`) {
					return field{}, false
				}
				r2, ok := d.hex4()
				if !ok {
					return field{}, false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return field{}, false
				}
			}
			d.scratch = utf8.AppendRune(d.scratch, r)
		default:
			return field{}, false
		}
	}
	return field{}, false
}

func (d *fastJSON) hex4() (rune, bool) {
	if len(d.p)-d.i < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(d.p[d.i:d.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	d.i += 4
	return rune(n), true
}
