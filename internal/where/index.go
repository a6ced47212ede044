package where

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// doc is a record's value checked in one pass, with the members of a
// top-level object noted on the way: most filters read top-level keys,
// which are then found without scanning the text again, and string values
// whose text is already their value are kept decoded.
type doc struct {
	b       []byte
	members []entry
}

// entry is a member as offsets into doc.b, small so that noting one costs
// little more than scanning it.
type entry struct {
	key, end   int32 // the key's text, quotes included, is b[key:colon]
	colon, val int32 // the value's text is b[val:end]
	flags      uint8
}

const (
	plainKey uint8 = 1 << iota // the text between the quotes is the key: no escapes, valid UTF-8
	plainStr                   // the value is a string whose text between the quotes is its value
)

// parse checks that b is one JSON value with only whitespace around it,
// by encoding/json's grammar, and returns it.
func (d *doc) parse(b []byte) (val, bool) {
	d.b, d.members = b, d.members[:0]
	if len(b) > 1<<31-1 {
		return val{}, false // beyond Kafka's own limits; keeps offsets in int32
	}
	i := skipSpace(b, 0)
	var end int
	var ok bool
	if i < len(b) && b[i] == '{' {
		end, ok = d.object(b, i)
	} else {
		end, ok = validValue(b, i, 0)
	}
	if !ok || skipSpace(b, end) != len(b) {
		return val{}, false
	}
	v := textVal(b[i:end])
	v.root = v.k == object
	return v, true
}

// object is validValue's object case at the top, noting each member.
func (d *doc) object(b []byte, i int) (int, bool) {
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return i, false
		}
		kend, esc, high, ok := scanString(b, i)
		if !ok {
			return i, false
		}
		e := entry{key: int32(i), colon: int32(kend)}
		if !esc && (!high || utf8.Valid(b[i+1:kend-1])) {
			e.flags = plainKey
		}
		i = skipSpace(b, kend)
		if i >= len(b) || b[i] != ':' {
			return i, false
		}
		i = skipSpace(b, i+1)
		e.val = int32(i)
		if i < len(b) && b[i] == '"' {
			var vesc, vhigh bool
			if i, vesc, vhigh, ok = scanString(b, i); !ok {
				return i, false
			}
			if !vesc && (!vhigh || utf8.Valid(b[e.val+1:i-1])) {
				e.flags |= plainStr
			}
		} else if i, ok = validValue(b, i, 1); !ok {
			return i, false
		}
		e.end = int32(i)
		d.members = append(d.members, e)
		i = skipSpace(b, i)
		if i >= len(b) {
			return i, false
		}
		if b[i] == '}' {
			return i + 1, true
		}
		if b[i] != ',' {
			return i, false
		}
		i = skipSpace(b, i+1)
	}
}

// find is member for the indexed top-level object: the last of duplicate
// keys wins, as when encoding/json fills a map.
func (d *doc) find(key string) (val, bool) {
	for j := len(d.members) - 1; j >= 0; j-- {
		m := &d.members[j]
		k := d.b[m.key:m.colon]
		if m.flags&plainKey != 0 && view(k[1:len(k)-1]) == key || m.flags&plainKey == 0 && unquote(k) == key {
			if m.flags&plainStr != 0 {
				return decoded(d.b[m.val+1 : m.end-1]), true
			}
			return textVal(d.b[m.val:m.end]), true
		}
	}
	return val{k: null}, false
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// special flags, in the high bit of each byte of x, the bytes a string
// scan must stop at: controls, '"', '\\' and non-ASCII. Each test is the
// "has a byte below / equal to" trick, whose lowest flag is exact.
func special(x uint64) uint64 {
	q := x ^ (lsb * '"')
	s := x ^ (lsb * '\\')
	return (((x - lsb*0x20) &^ x) | ((q - lsb) &^ q) | ((s - lsb) &^ s) | x) & msb
}

// scanString is validString, 8 bytes at a time where nothing needs a
// look, also telling whether the text has escapes or non-ASCII bytes.
func scanString(b []byte, i int) (end int, esc, high, ok bool) {
	i++
	for {
		for i+8 <= len(b) {
			m := special(binary.LittleEndian.Uint64(b[i:]))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
			break
		}
		if i >= len(b) {
			return i, esc, high, false
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, esc, high, true
		case c < 0x20:
			return i, esc, high, false
		case c >= 0x80:
			high = true
			i++
		case c == '\\':
			esc = true
			j, ok := escape(b, i)
			if !ok {
				return j, esc, high, false
			}
			i = j
		default:
			i++
		}
	}
}

// escape checks the escape at b[i] == '\\' and returns what follows it.
func escape(b []byte, i int) (int, bool) {
	i++
	if i >= len(b) {
		return i, false
	}
	switch b[i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 1, true
	case 'u':
		if len(b)-i < 5 {
			return i, false
		}
		for _, h := range b[i+1 : i+5] {
			if !isHex(h) {
				return i, false
			}
		}
		return i + 5, true
	}
	return i, false
}
