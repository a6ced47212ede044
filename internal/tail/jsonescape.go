package tail

import (
	"encoding/base64"
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf8"
	"unsafe"

	"github.com/kafka-cli/kafka/internal/record"
)

// appendJSONBytes writes b as a JSON string (base64 plus an encoding field
// named encKey when b is not UTF-8), or null.
func appendJSONBytes(dst, b []byte, encKey string) []byte {
	if b == nil {
		return append(dst, "null"...)
	}
	if out, ok := appendJSONText(dst, b, true); ok {
		return out
	}
	if utf8.Valid(b) {
		return appendJSONValid(dst, b)
	}
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)
	dst = append(dst, `","`...)
	dst = append(dst, encKey...)
	return append(dst, `":"`+record.EncodingBase64+`"`...)
}

// appendJSONString escapes s as encoding/json does, except that <, > and &
// are kept as they are; each invalid UTF-8 byte becomes U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		// Rare (a header key that is not UTF-8): fix the text first so
		// that appendJSONValid can assume it is valid.
		var fixed []byte
		for _, r := range s {
			fixed = utf8.AppendRune(fixed, r)
		}
		return appendJSONValid(dst, fixed)
	}
	// The bytes are only read: no need to copy the string.
	return appendJSONValid(dst, unsafe.Slice(unsafe.StringData(s), len(s)))
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// specialJSON flags, in the high bit of each byte of x, the bytes JSON
// cannot copy as they are: control characters, '"' and '\\', and any byte
// of a non-ASCII character, which needs a closer look. Each test is the
// "has a byte below / equal to" trick, whose lowest flag is exact, so the
// lowest flag of the result is too.
func specialJSON(x uint64) uint64 {
	q := x ^ (lsb * '"')
	b := x ^ (lsb * '\\')
	return (((x - lsb*0x20) &^ x) | ((q - lsb) &^ q) | ((b - lsb) &^ b) | x) & msb
}

const low7 = 0x7f7f7f7f7f7f7f7f

// quoteOrBackslash flags exactly the bytes of x that are '"' or '\\': the
// high bit of ((y & low7) + low7) | y is clear only where y's byte is 0.
func quoteOrBackslash(x uint64) uint64 {
	q := x ^ (lsb * '"')
	b := x ^ (lsb * '\\')
	return ^((((q & low7) + low7) | q) & (((b & low7) + low7) | b)) & msb
}

// controls flags exactly the bytes of x below 0x20.
func controls(x uint64) uint64 {
	return ^(((x & low7) + lsb*0x60) | x) & msb
}

// appendJSONText appends s as a JSON string. With asciiOnly it gives up
// (ok false) at the first non-ASCII byte, so that ASCII text, the common
// case, is checked for UTF-8 validity in the same pass; otherwise s must
// be valid UTF-8.
//
// Log values are JSON text with a '"' every few bytes, so rather than find
// each special byte and then copy the run before it, it works on 8 bytes
// at a time: where the only special bytes are '"' and '\\', it inserts
// their backslashes from exact flags without rereading the input; else it
// stores the 8 bytes, keeps the part before the first special byte and
// escapes that byte alone.
func appendJSONText(dst, s []byte, asciiOnly bool) (_ []byte, ok bool) {
	n := len(dst)
	buf := dst[:cap(dst)]
	if len(buf)-n < len(s)+16 {
		buf = slices.Grow(dst, len(s)+16)
		buf = buf[:cap(buf)]
	}
	buf[n] = '"'
	n++
	i := 0
	for {
		// Room for 8 bytes that all need a backslash, written by 8-byte
		// stores, or for the longest escape (6 bytes).
		if len(buf)-n < 24 {
			buf = slices.Grow(buf[:n], len(s)-i+24)
			buf = buf[:cap(buf)]
		}
		var c byte
		if i+8 <= len(s) {
			x := binary.LittleEndian.Uint64(s[i:])
			if m := quoteOrBackslash(x); (x|controls(x))&msb == 0 {
				// o (bytes written) stays below 16, which the masks
				// tell the compiler, so the stores need no bounds
				// checks.
				w := buf[n : n+24 : n+24]
				o, j := 0, 0
				for ; m != 0; m &= m - 1 {
					p := bits.TrailingZeros64(m) >> 3
					binary.LittleEndian.PutUint64(w[o&15:], x>>(uint(j)*8&63))
					o += p - j
					w[o&15] = '\\'
					o++
					j = p
				}
				binary.LittleEndian.PutUint64(w[o&15:], x>>(uint(j)*8&63))
				n += o + 8 - j
				i += 8
				continue
			}
			binary.LittleEndian.PutUint64(buf[n:], x)
			k := bits.TrailingZeros64(specialJSON(x)) / 8
			i += k
			n += k
			c = s[i]
		} else {
			for i < len(s) && plainJSON[s[i]] {
				buf[n] = s[i]
				i++
				n++
			}
			if i == len(s) {
				break
			}
			c = s[i]
		}
		i++
		switch {
		case c == '"' || c == '\\':
			buf[n], buf[n+1] = '\\', c
			n += 2
		case c >= utf8.RuneSelf:
			if asciiOnly {
				return dst, false
			}
			// U+2028 and U+2029 are valid JSON but JavaScript line
			// terminators; encoding/json escapes them, so do we.
			if c == 0xe2 && i+1 < len(s) && s[i] == 0x80 && s[i+1]&0xfe == 0xa8 {
				n += copy(buf[n:], `\u202`)
				buf[n] = hexDigits[s[i+1]&0xf]
				n++
				i += 2
			} else {
				buf[n] = c
				n++
			}
		case shortEscape[c] != 0:
			buf[n], buf[n+1] = '\\', shortEscape[c]
			n += 2
		default:
			n += copy(buf[n:], `\u00`)
			buf[n], buf[n+1] = hexDigits[c>>4], hexDigits[c&0xf]
			n += 2
		}
	}
	buf[n] = '"'
	return buf[:n+1], true
}

// appendJSONValid is appendJSONString for text known to be valid UTF-8.
func appendJSONValid(dst, s []byte) []byte {
	dst, _ = appendJSONText(dst, s, false)
	return dst
}
