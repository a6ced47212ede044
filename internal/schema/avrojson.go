package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"
)

// IsNotFound says the registry answered 404.
func IsNotFound(err error) bool {
	var re *sr.ResponseError
	return errors.As(err, &re) && re.StatusCode == http.StatusNotFound
}

func isNotFound(err error) bool { return IsNotFound(err) }

// avroValue turns JSON (decoded with UseNumber) into the Go values hamba
// encodes for schema s, as tail shows them: unions as their plain value,
// bytes and fixed as strings. path names the field for errors.
func avroValue(s avro.Schema, v any, path string) (any, error) {
	field := path
	if field == "" {
		field = "the value"
	} else {
		field = "field " + field
	}
	bad := func() (any, error) {
		return nil, fmt.Errorf("%s: %s does not fit Avro type %s", field, jsonKind(v), s.Type())
	}
	switch s := s.(type) {
	case *avro.NullSchema:
		if v == nil {
			return nil, nil
		}
		return bad()
	case *avro.PrimitiveSchema:
		switch s.Type() {
		case avro.Null:
			if v == nil {
				return nil, nil
			}
		case avro.Boolean:
			if b, ok := v.(bool); ok {
				return b, nil
			}
		case avro.Int, avro.Long:
			n, ok := v.(json.Number)
			if !ok {
				return bad()
			}
			i, err := n.Int64()
			if err != nil || (s.Type() == avro.Int && int64(int32(i)) != i) {
				return bad()
			}
			if s.Type() == avro.Int {
				return int(i), nil
			}
			return i, nil
		case avro.Float, avro.Double:
			n, ok := v.(json.Number)
			if !ok {
				return bad()
			}
			f, err := n.Float64()
			if err != nil {
				return bad()
			}
			if s.Type() == avro.Float {
				return float32(f), nil
			}
			return f, nil
		case avro.String:
			if str, ok := v.(string); ok {
				return str, nil
			}
		case avro.Bytes:
			if str, ok := v.(string); ok {
				return []byte(str), nil
			}
		}
		return bad()
	case *avro.RecordSchema:
		m, ok := v.(map[string]any)
		if !ok {
			return bad()
		}
		out := make(map[string]any, len(m))
		for _, f := range s.Fields() {
			fv, ok := m[f.Name()]
			if !ok {
				if !f.HasDefault() {
					return nil, fmt.Errorf("field %s is missing and has no default", join(path, f.Name()))
				}
				continue // hamba writes the default
			}
			c, err := avroValue(f.Type(), fv, join(path, f.Name()))
			if err != nil {
				return nil, err
			}
			out[f.Name()] = c
		}
		for k := range m {
			if _, ok := out[k]; !ok && !hasField(s, k) {
				return nil, fmt.Errorf("field %s is not in the schema %s", join(path, k), s.FullName())
			}
		}
		return out, nil
	case *avro.ArraySchema:
		a, ok := v.([]any)
		if !ok {
			return bad()
		}
		out := make([]any, len(a))
		for i, e := range a {
			c, err := avroValue(s.Items(), e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case *avro.MapSchema:
		m, ok := v.(map[string]any)
		if !ok {
			return bad()
		}
		out := make(map[string]any, len(m))
		for k, e := range m {
			c, err := avroValue(s.Values(), e, join(path, k))
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case *avro.EnumSchema:
		str, ok := v.(string)
		if !ok {
			return bad()
		}
		for _, sym := range s.Symbols() {
			if sym == str {
				return str, nil
			}
		}
		return nil, fmt.Errorf("%s: %q is not a symbol of enum %s", field, str, s.FullName())
	case *avro.FixedSchema:
		str, ok := v.(string)
		if !ok || len(str) != s.Size() {
			return nil, fmt.Errorf("%s: want a string of %d bytes for fixed %s", field, s.Size(), s.FullName())
		}
		return []byte(str), nil
	case *avro.UnionSchema:
		// Avro's JSON form {"shop.Sub": {...}}, which tail shows for named
		// branches, picks the branch by name; otherwise the first branch
		// the value fits. hamba needs the branch name as a wrapper key.
		if m, ok := v.(map[string]any); ok && len(m) == 1 {
			for _, b := range s.Types() {
				name := branchName(b)
				if inner, ok := m[name]; ok {
					c, err := avroValue(b, inner, path)
					if err != nil {
						return nil, err
					}
					return map[string]any{name: c}, nil
				}
			}
		}
		for _, b := range s.Types() {
			c, err := avroValue(b, v, path)
			if err != nil {
				continue
			}
			if c == nil {
				return nil, nil
			}
			return map[string]any{branchName(b): c}, nil
		}
		return nil, fmt.Errorf("%s: %s fits no branch of the union", field, jsonKind(v))
	case *avro.RefSchema:
		return avroValue(s.Schema(), v, path)
	}
	return nil, fmt.Errorf("%s: Avro type %s is not supported for writing", field, s.Type())
}

func branchName(b avro.Schema) string {
	if n, ok := b.(avro.NamedSchema); ok {
		return n.FullName()
	}
	return string(b.Type())
}

func hasField(s *avro.RecordSchema, name string) bool {
	for _, f := range s.Fields() {
		if f.Name() == name {
			return true
		}
	}
	return false
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + v.String()
	case string:
		return "a string"
	case []any:
		return "an array"
	}
	return "an object"
}
