package schema

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/hamba/avro/v2"
)

// avroJSON renders Avro binary as JSON by walking the writer's schema with
// hamba's Reader, field by field, straight into the output: decoding into
// map[string]any and marshalling that costs ~50 allocations a record, which
// made tail --json over Avro many times slower than over JSON text.
// Records keep the schema's field order; a union shows its plain value, or
// {"full.name": value} for a named type, as hamba's generic decoding does.
// Logical types and fixed, rare in keys and values, go through hamba's
// generic decoding, so they show as they always have.
type avroJSON struct {
	kind     avro.Type
	fields   []avroField // record
	items    *avroJSON   // array items, map values
	branches []*avroJSON // union
	wrap     [][]byte    // union: `{"full.name":` for a named branch, as hamba shows it
	symbols  []string    // enum
	generic  avro.Schema // a leaf hamba decodes into any
}

// maxAvroBlock bounds the items of one array or map block.
const maxAvroBlock = 1 << 20

type avroField struct {
	key  []byte // `"name":`
	node *avroJSON
}

// compileAvroJSON builds the walker; named records are shared, so a
// recursive schema compiles to a cycle rather than forever.
func compileAvroJSON(s avro.Schema, named map[string]*avroJSON) *avroJSON {
	switch t := s.(type) {
	case *avro.RefSchema:
		return compileAvroJSON(t.Schema(), named)
	case *avro.RecordSchema:
		if n, ok := named[t.FullName()]; ok {
			return n
		}
		n := &avroJSON{kind: avro.Record}
		named[t.FullName()] = n
		for _, f := range t.Fields() {
			key, _ := json.Marshal(f.Name())
			n.fields = append(n.fields, avroField{key: append(key, ':'), node: compileAvroJSON(f.Type(), named)})
		}
		return n
	case *avro.EnumSchema:
		return &avroJSON{kind: avro.Enum, symbols: t.Symbols()}
	case *avro.ArraySchema:
		return &avroJSON{kind: avro.Array, items: compileAvroJSON(t.Items(), named)}
	case *avro.MapSchema:
		return &avroJSON{kind: avro.Map, items: compileAvroJSON(t.Values(), named)}
	case *avro.UnionSchema:
		n := &avroJSON{kind: avro.Union}
		for _, b := range t.Types() {
			var wrap []byte
			if ns, ok := b.(avro.NamedSchema); ok {
				wrap, _ = json.Marshal(ns.FullName())
				wrap = append(append([]byte{'{'}, wrap...), ':')
			}
			n.branches = append(n.branches, compileAvroJSON(b, named))
			n.wrap = append(n.wrap, wrap)
		}
		return n
	case *avro.NullSchema:
		return &avroJSON{kind: avro.Null}
	case *avro.PrimitiveSchema:
		if t.Logical() == nil {
			return &avroJSON{kind: t.Type()}
		}
	}
	return &avroJSON{generic: s}
}

// avroIn is the payload being read: hamba's Reader over it, and its size,
// which bounds any length the payload claims.
type avroIn struct {
	r    *avro.Reader
	size int64
}

// appendJSON reads one value of n's type from in and appends it as JSON.
// A read error is left in in.r.Error for the caller.
func (n *avroJSON) appendJSON(dst []byte, in *avroIn) ([]byte, error) {
	r := in.r
	if n.generic != nil {
		var v any
		r.ReadVal(n.generic, &v)
		b, err := json.Marshal(flattenUnions(v))
		return append(dst, b...), err
	}
	var err error
	switch n.kind {
	case avro.Null:
		return append(dst, "null"...), nil
	case avro.Boolean:
		return strconv.AppendBool(dst, r.ReadBool()), nil
	case avro.Int:
		return strconv.AppendInt(dst, int64(r.ReadInt()), 10), nil
	case avro.Long:
		return strconv.AppendInt(dst, r.ReadLong(), 10), nil
	case avro.Float:
		return appendMarshal(dst, r.ReadFloat())
	case avro.Double:
		return appendMarshal(dst, r.ReadDouble())
	case avro.String, avro.Bytes:
		return in.appendText(dst)
	case avro.Enum:
		i := r.ReadInt()
		if i < 0 || int(i) >= len(n.symbols) {
			return dst, fmt.Errorf("enum index %d is out of range", i)
		}
		return appendJSONText(dst, n.symbols[i]), nil
	case avro.Union:
		i := r.ReadLong()
		if i < 0 || i >= int64(len(n.branches)) {
			return dst, fmt.Errorf("union branch %d is out of range", i)
		}
		if w := n.wrap[i]; w != nil {
			dst, err = n.branches[i].appendJSON(append(dst, w...), in)
			return append(dst, '}'), err
		}
		return n.branches[i].appendJSON(dst, in)
	case avro.Record:
		dst = append(dst, '{')
		for i, f := range n.fields {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, f.key...)
			if dst, err = f.node.appendJSON(dst, in); err != nil || r.Error != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	case avro.Array, avro.Map:
		open, end := byte('['), byte(']')
		if n.kind == avro.Map {
			open, end = '{', '}'
		}
		dst = append(dst, open)
		first := true
		for {
			count, _ := r.ReadBlockHeader()
			if count == 0 || r.Error != nil {
				break
			}
			// A corrupt count must not spin: items of null take no bytes.
			if count > maxAvroBlock {
				//lint:ignore ST1005 Avro is a proper noun, and the text is shown as is
				return dst, fmt.Errorf("Avro block of %d items is too long", count)
			}
			for range count {
				if !first {
					dst = append(dst, ',')
				}
				first = false
				if n.kind == avro.Map {
					if dst, err = in.appendText(dst); err != nil || r.Error != nil {
						return dst, err
					}
					dst = append(dst, ':')
				}
				if dst, err = n.items.appendJSON(dst, in); err != nil || r.Error != nil {
					return dst, err
				}
			}
		}
		return append(dst, end), nil
	}
	//lint:ignore ST1005 Avro is a proper noun, and the text is shown as is
	return dst, fmt.Errorf("Avro type %s is not supported", n.kind)
}

// appendText appends a string or bytes (a length, then the bytes) as a
// JSON string. The bytes are read straight into dst: hamba's ReadString
// copies them into a slab of its own, allocating one every 1 KiB.
func (in *avroIn) appendText(dst []byte) ([]byte, error) {
	n := in.r.ReadLong()
	if in.r.Error != nil {
		return dst, nil
	}
	if n < 0 || n > in.size {
		//lint:ignore ST1005 Avro is a proper noun, and the text is shown as is
		return dst, fmt.Errorf("Avro string length %d is out of range", n)
	}
	start := len(dst) + 1
	dst = slices.Grow(append(dst, '"'), int(n)+1)[:start+int(n)]
	in.r.Read(dst[start:])
	if in.r.Error != nil {
		return dst[:start-1], nil
	}
	if !plainText(dst[start:]) {
		// Rare: escape a copy of the text as encoding/json would.
		text := string(dst[start:])
		return appendJSONText(dst[:start-1], text), nil
	}
	return append(dst, '"'), nil
}

// plainText says whether b goes into a JSON string as it is: printable
// ASCII but what encoding/json escapes.
func plainText(b []byte) bool {
	for _, c := range b {
		if !plainJSON[c] {
			return false
		}
	}
	return true
}

var plainJSON = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = !strings.ContainsRune(`"\<>&`, rune(c))
	}
	return t
}()

// appendJSONText appends s as a JSON string, as encoding/json writes it
// (HTML characters escaped, invalid UTF-8 replaced), without its cost for
// the common plain text.
func appendJSONText(dst []byte, s string) []byte {
	if !plainText(unsafe.Slice(unsafe.StringData(s), len(s))) {
		b, _ := json.Marshal(s)
		return append(dst, b...)
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

func appendMarshal(dst []byte, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	return append(dst, b...), err
}
