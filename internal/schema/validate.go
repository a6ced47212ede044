package schema

import (
	"errors"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/clierr"
)

// ParseType reads --type; empty guesses from the file name: .proto is
// Protobuf, anything else Avro (the registry's own default).
func ParseType(name, file string) (sr.SchemaType, error) {
	switch strings.ToLower(name) {
	case "avro":
		return sr.TypeAvro, nil
	case "protobuf", "proto":
		return sr.TypeProtobuf, nil
	case "json":
		return sr.TypeJSON, nil
	case "":
		if strings.EqualFold(filepath.Ext(file), ".proto") {
			return sr.TypeProtobuf, nil
		}
		return sr.TypeAvro, nil
	}
	return 0, clierr.Usagef("--type %q is not one of avro, protobuf, json", name)
}

// Validate compiles a schema locally, so that an invalid one is refused
// (exit 2) before any request.
func Validate(s sr.Schema) error {
	if s.Type == sr.TypeJSON {
		if _, err := compileJSONSchema(s.Schema); err != nil {
			return clierr.Usagef("%s", err)
		}
		return nil
	}
	if _, err := newCodec(s); err != nil {
		return clierr.Usagef("%s", oneLine(err.Error()))
	}
	return nil
}

// ExplainIncompatible is Explain for registering a schema: the registry's
// 409 says the schema is incompatible, with its reason (exit 1).
func (r *Registry) ExplainIncompatible(err error, subject string) error {
	var re *sr.ResponseError
	if errors.As(err, &re) && re.StatusCode == http.StatusConflict {
		return clierr.Failuref("schema is incompatible with subject %s: %s", subject, oneLine(re.Message)).
			WithHint("check it first with: kafka schemas check %s FILE", subject)
	}
	return r.Explain(err)
}

// LevelOf reads a compatibility level, such as backward or FULL_TRANSITIVE.
func LevelOf(s string) (sr.CompatibilityLevel, error) {
	var l sr.CompatibilityLevel
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, clierr.Usagef("compatibility level %q is not one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE", s)
	}
	return l, nil
}
