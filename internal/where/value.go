package where

import (
	"cmp"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/itchyny/gojq"
	"github.com/twmb/franz-go/pkg/kgo"
)

type kind uint8

// none is an error or no output at all: within the fast path's shapes
// both end the same way, with the record dropped.
const (
	none kind = iota
	null
	kfalse
	ktrue
	number
	str
	object
	array
)

// val is a value seen through its JSON text, decoded only as far as a
// comparison needs.
type val struct {
	k    kind
	raw  []byte // JSON text; for a str with dec, the string's bytes
	dec  bool
	hdrs []kgo.RecordHeader // an object made of a record's headers
	isH  bool
	root bool // the record's whole value, an object indexed in env.doc
}

func (v val) truthy() bool { return v.k > kfalse }

func boolVal(b bool) val {
	if b {
		return val{k: ktrue}
	}
	return val{k: kfalse}
}

// textVal is a value whose JSON text b is known to be valid.
func textVal(b []byte) val {
	v := val{raw: b}
	switch b[0] {
	case '{':
		v.k = object
	case '[':
		v.k = array
	case '"':
		v.k = str
	case 't':
		v.k = ktrue
	case 'f':
		v.k = kfalse
	case 'n':
		v.k = null
	default:
		v.k = number
	}
	return v
}

func decoded(b []byte) val { return val{k: str, raw: b, dec: true} }

func intVal(buf []byte, n int64) val {
	return val{k: number, raw: strconv.AppendInt(buf[:0], n, 10)}
}

// view returns b as a string without copying; the callers never keep it.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func (v val) string() string {
	if v.dec {
		return view(v.raw)
	}
	if inner := v.raw[1 : len(v.raw)-1]; plain(inner) {
		return view(inner)
	}
	return unquote(v.raw)
}

var (
	anObject = map[string]any{}
	anArray  = []any{}
)

// gojqValue is v as gojq would hold it, for gojq.Compare. Containers are
// empty stand-ins: they are only ever compared with a scalar literal,
// where only their type counts.
func (v val) gojqValue() any {
	switch v.k {
	case kfalse:
		return false
	case ktrue:
		return true
	case number:
		return json.Number(view(v.raw))
	case str:
		return v.string()
	case object:
		return anObject
	case array:
		return anArray
	}
	return nil
}

// compare is gojq.Compare, without boxing the common cases: two strings,
// or two numbers that gojq would hold as ints.
func compare(l, r val) int {
	switch {
	case l.k == str && r.k == str:
		return strings.Compare(l.string(), r.string())
	case l.k == number && r.k == number:
		a, errA := strconv.ParseInt(view(l.raw), 10, 64)
		b, errB := strconv.ParseInt(view(r.raw), 10, 64)
		if errA == nil && errB == nil {
			return cmp.Compare(a, b)
		}
	}
	return gojq.Compare(l.gojqValue(), r.gojqValue())
}

// lookup indexes v by a key or a position, as jq's .key and .[n] do.
func lookup(v val, s seg, e *env) val {
	switch v.k {
	case null:
		return v
	case object:
		if s.isIdx {
			return val{}
		}
		if v.isH {
			out := val{k: null}
			for _, h := range v.hdrs {
				if h.Key == s.key {
					out = decoded(h.Value)
				}
			}
			return out
		}
		if v.root {
			out, _ := e.doc.find(s.key)
			return out
		}
		return member(v.raw, s.key)
	case array:
		if !s.isIdx {
			return val{}
		}
		return element(v.raw, s.idx)
	case str:
		if !s.isIdx {
			return val{}
		}
		return character(v.string(), s.idx)
	}
	return val{}
}

// character is gojq's .[n] on a string: its n-th code point, or null.
func character(s string, n int) val {
	for _, r := range s {
		if n == 0 {
			return decoded(utf8.AppendRune(nil, r))
		}
		n--
	}
	return val{k: null}
}

// member finds key in a valid object; the last of duplicate keys wins,
// as when encoding/json fills a map.
func member(b []byte, key string) val {
	out := val{k: null}
	i := skipSpace(b, 1)
	if b[i] == '}' {
		return out
	}
	for {
		end := skipString(b, i)
		match := keyIs(b[i:end], key)
		i = skipSpace(b, skipSpace(b, end)+1)
		vend := skipValue(b, i)
		if match {
			out = textVal(b[i:vend])
		}
		i = skipSpace(b, vend)
		if b[i] == '}' {
			return out
		}
		i = skipSpace(b, i+1)
	}
}

func keyIs(quoted []byte, key string) bool {
	inner := quoted[1 : len(quoted)-1]
	if plain(inner) {
		return view(inner) == key
	}
	return unquote(quoted) == key
}

func element(b []byte, n int) val {
	i := skipSpace(b, 1)
	if b[i] == ']' {
		return val{k: null}
	}
	for k := 0; ; k++ {
		end := skipValue(b, i)
		if k == n {
			return textVal(b[i:end])
		}
		i = skipSpace(b, end)
		if b[i] == ']' {
			return val{k: null}
		}
		i = skipSpace(b, i+1)
	}
}
