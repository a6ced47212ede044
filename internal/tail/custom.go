package tail

import (
	"fmt"
	"strconv"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Custom is a --format layout with kcat's verbs.
type Custom struct {
	Names *Names
	parts []part
	ts    tsCache
}

type part struct {
	verb byte // 0: literal text
	lit  string
}

// Verbs documents the --format verbs.
const Verbs = `%t topic, %p partition, %o offset, %k key, %s or %v value, %K key length,
%S value length (-1 for null), %T timestamp in ms, %d timestamp as RFC 3339
UTC time (2026-11-22T10:00:00.000Z), %h headers as k=v,k=v,
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
		case 't', 'p', 'o', 'k', 's', 'v', 'K', 'S', 'T', 'd', 'h':
			flush()
			c.parts = append(c.parts, part{verb: next})
		default:
			return nil, fmt.Errorf("unknown verb %%%c in --format: use %%t %%p %%o %%k %%s %%v %%K %%S %%T %%d %%h", next)
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
		case 'd':
			dst = c.ts.append(dst, r.Timestamp)
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
