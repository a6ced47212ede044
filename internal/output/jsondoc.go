package output

import (
	"fmt"
	"reflect"
	"strings"
)

// JSONDoc describes the JSON shape of v from its struct tags, for a
// command's help text (and so for the generated docs/). Each field needs a
// `json` tag and a `doc` tag; nested structs and slices of structs are
// described indented below their key. Deriving the docs from the view
// structs keeps docs/ and the real output from drifting apart.
func JSONDoc(v any) string {
	var b strings.Builder
	t := reflect.TypeOf(v)
	prefix := ""
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		if t.Kind() == reflect.Slice {
			prefix = "an array of objects:\n"
		}
		t = t.Elem()
	}
	b.WriteString(prefix)
	describe(&b, t, "  ")
	return strings.TrimRight(b.String(), "\n")
}

func describe(b *strings.Builder, t reflect.Type, indent string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" && f.Anonymous {
			// encoding/json flattens an untagged embedded struct's keys
			// into the outer object, so document them there too.
			describe(b, f.Type, indent)
			continue
		}
		if name == "" || name == "-" {
			continue
		}
		fmt.Fprintf(b, "%s%s (%s): %s\n", indent, name, jsonType(f.Type), f.Tag.Get("doc"))
		inner := f.Type
		for inner.Kind() == reflect.Pointer || inner.Kind() == reflect.Slice || inner.Kind() == reflect.Map {
			inner = inner.Elem()
		}
		if inner.Kind() == reflect.Struct && inner.PkgPath() != "time" {
			describe(b, inner, indent+"  ")
		}
	}
}

func jsonType(t reflect.Type) string {
	nullable := ""
	if t.Kind() == reflect.Pointer {
		nullable = " or null"
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "string" + nullable
	case reflect.Bool:
		return "bool" + nullable
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "number" + nullable
	case reflect.Slice:
		return "array of " + strings.TrimSuffix(jsonType(t.Elem()), " or null")
	case reflect.Map:
		return "object of " + strings.TrimSuffix(jsonType(t.Elem()), " or null")
	case reflect.Struct:
		if t.PkgPath() == "time" {
			return "string (RFC 3339)" + nullable
		}
		return "object" + nullable
	}
	return "any"
}
