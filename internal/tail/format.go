// Package tail is the plumbing of `kafka tail`: record formatting, filters,
// start positions and the consume loop. Formatting appends into a caller's
// reusable buffer so the hot path allocates nothing per record.
package tail

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
	"unsafe"

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
// so that one record is always one line.
type Line struct {
	Names     *Names
	MaxLength int
}

// Append implements Formatter.
func (l *Line) Append(dst []byte, r *kgo.Record) []byte {
	dst = append(dst, l.Names.show(r.Topic)...)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, int64(r.Partition), 10)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, r.Offset, 10)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, int64(len(r.Value)), 10)
	dst = append(dst, ' ')
	if r.Value == nil {
		dst = append(dst, "NULL"...)
	} else {
		dst = AppendEscaped(dst, Truncate(r.Value, l.MaxLength))
	}
	return append(dst, '\n')
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
	dst = appendJSONBytes(dst, r.Key, "key_encoding")
	dst = append(dst, `,"value":`...)
	dst = appendJSONBytes(dst, r.Value, "value_encoding")
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

// Custom is a --format layout with kcat's verbs.
type Custom struct {
	Names *Names
	parts []part
}

type part struct {
	verb byte // 0: literal text
	lit  string
}

// Verbs documents the --format verbs.
const Verbs = `%t topic, %p partition, %o offset, %k key, %s or %v value, %K key length,
%S value length (-1 for null), %T timestamp in ms, %h headers as k=v,k=v,
%% a percent sign; escapes \n \t \\`

// ParseFormat parses a --format layout.
func ParseFormat(layout string, names *Names) (*Custom, error) {
	c := &Custom{Names: names}
	var lit []byte
	flush := func() {
		if len(lit) > 0 {
			c.parts = append(c.parts, part{lit: string(lit)})
			lit = lit[:0]
		}
	}
	for i := 0; i < len(layout); i++ {
		ch := layout[i]
		if ch != '%' && ch != '\\' {
			lit = append(lit, ch)
			continue
		}
		if i+1 >= len(layout) {
			return nil, fmt.Errorf("--format ends with a lone %q", ch)
		}
		i++
		next := layout[i]
		if ch == '\\' {
			switch next {
			case 'n':
				lit = append(lit, '\n')
			case 't':
				lit = append(lit, '\t')
			case '\\':
				lit = append(lit, '\\')
			default:
				return nil, fmt.Errorf("unknown escape \\%c in --format: use \\n, \\t or \\\\", next)
			}
			continue
		}
		switch next {
		case '%':
			lit = append(lit, '%')
		case 't', 'p', 'o', 'k', 's', 'v', 'K', 'S', 'T', 'h':
			flush()
			c.parts = append(c.parts, part{verb: next})
		default:
			return nil, fmt.Errorf("unknown verb %%%c in --format: use %%t %%p %%o %%k %%s %%v %%K %%S %%T %%h", next)
		}
	}
	flush()
	return c, nil
}

func appendLen(dst, b []byte) []byte {
	if b == nil {
		return append(dst, "-1"...)
	}
	return strconv.AppendInt(dst, int64(len(b)), 10)
}

// Append implements Formatter. Keys, values and headers are written raw;
// unlike the line format, a layout supplies its own newline.
func (c *Custom) Append(dst []byte, r *kgo.Record) []byte {
	for _, p := range c.parts {
		switch p.verb {
		case 0:
			dst = append(dst, p.lit...)
		case 't':
			dst = append(dst, c.Names.show(r.Topic)...)
		case 'p':
			dst = strconv.AppendInt(dst, int64(r.Partition), 10)
		case 'o':
			dst = strconv.AppendInt(dst, r.Offset, 10)
		case 'k':
			dst = append(dst, r.Key...)
		case 's', 'v':
			dst = append(dst, r.Value...)
		case 'K':
			dst = appendLen(dst, r.Key)
		case 'S':
			dst = appendLen(dst, r.Value)
		case 'T':
			dst = strconv.AppendInt(dst, r.Timestamp.UnixMilli(), 10)
		case 'h':
			for i, h := range r.Headers {
				if i > 0 {
					dst = append(dst, ',')
				}
				dst = append(dst, h.Key...)
				dst = append(dst, '=')
				dst = append(dst, h.Value...)
			}
		}
	}
	return dst
}
