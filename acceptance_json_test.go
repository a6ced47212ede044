package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdJSON checks one value in the last stdout, so scripts can assert JSON
// keys and numeric conditions (a rate above zero) that regexps cannot.
func cmdJSON(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! json")
	}
	if len(args) != 1 && len(args) != 3 {
		ts.Fatalf("usage: json PATH [OP VALUE]")
	}
	var doc any
	if err := json.Unmarshal([]byte(ts.ReadFile("stdout")), &doc); err != nil {
		ts.Fatalf("stdout is not one JSON document: %v", err)
	}
	v, err := jsonPath(doc, args[0])
	if err != nil {
		ts.Fatalf("json %s: %v", args[0], err)
	}
	if len(args) == 1 {
		return
	}
	op, want := args[1], args[2]
	switch op {
	case "==", "!=":
		got := jsonText(v)
		if (got == want) != (op == "==") {
			ts.Fatalf("json %s is %s, want %s %s", args[0], got, op, want)
		}
	case ">", ">=", "<", "<=":
		n, ok := v.(float64)
		if !ok {
			ts.Fatalf("json %s is %s, not a number", args[0], jsonText(v))
		}
		w, err := strconv.ParseFloat(want, 64)
		ts.Check(err)
		ok = map[string]bool{">": n > w, ">=": n >= w, "<": n < w, "<=": n <= w}[op]
		if !ok {
			ts.Fatalf("json %s is %v, want %s %s", args[0], n, op, want)
		}
	default:
		ts.Fatalf("json: unknown operator %q", op)
	}
}

func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// jsonPath walks .key, ."dotted.key" and [index] steps; a trailing |length gives the size
// of an array or object.
func jsonPath(v any, path string) (any, error) {
	path, length := strings.CutSuffix(path, "|length")
	if !strings.HasPrefix(path, ".") {
		return nil, fmt.Errorf("path must start with '.'")
	}
	rest := path[1:]
	for rest != "" {
		switch {
		case rest[0] == '.':
			rest = rest[1:]
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [")
			}
			i, err := strconv.Atoi(rest[1:end])
			if err != nil {
				return nil, err
			}
			a, ok := v.([]any)
			if !ok || i < 0 || i >= len(a) {
				return nil, fmt.Errorf("no element [%d] in %s", i, jsonText(v))
			}
			v, rest = a[i], rest[end+1:]
		default:
			var key string
			if rest[0] == '"' {
				end := strings.IndexByte(rest[1:], '"')
				if end < 0 {
					return nil, fmt.Errorf("unclosed \"")
				}
				key, rest = rest[1:end+1], rest[end+2:]
			} else {
				end := strings.IndexAny(rest, ".[")
				if end < 0 {
					end = len(rest)
				}
				key, rest = rest[:end], rest[end:]
			}
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s is not an object", jsonText(v))
			}
			next, ok := m[key]
			if !ok {
				return nil, fmt.Errorf("no key %q in %s", key, jsonText(v))
			}
			v = next
		}
	}
	if length {
		switch x := v.(type) {
		case []any:
			return float64(len(x)), nil
		case map[string]any:
			return float64(len(x)), nil
		}
		return nil, fmt.Errorf("|length of %s", jsonText(v))
	}
	return v, nil
}
