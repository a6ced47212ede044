package produce

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

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
