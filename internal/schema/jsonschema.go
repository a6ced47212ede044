package schema

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// compileJSONSchema compiles a JSON Schema. Only the drafts' own
// meta-schemas resolve: nothing is fetched.
func compileJSONSchema(text string) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("invalid JSON Schema: %s", oneLine(err.Error()))
	}
	const name = "registry.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(name, doc); err != nil {
		return nil, fmt.Errorf("invalid JSON Schema: %s", oneLine(err.Error()))
	}
	s, err := c.Compile(name)
	if err != nil {
		return nil, fmt.Errorf("invalid JSON Schema: %s", oneLine(err.Error()))
	}
	return s, nil
}

// jsonSchemaEncoder validates each value and writes it compacted.
func jsonSchemaEncoder(s *jsonschema.Schema) func(dst, text []byte) ([]byte, error) {
	return func(dst, text []byte) ([]byte, error) {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
		if err != nil {
			return nil, fmt.Errorf("not JSON: %s", err)
		}
		if err := s.Validate(v); err != nil {
			return nil, jsonSchemaError(err)
		}
		return encodeJSON(dst, text)
	}
}

// jsonSchemaError names the first field that fails, on one line.
func jsonSchemaError(err error) error {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	for len(ve.Causes) > 0 {
		ve = ve.Causes[0]
	}
	what := "the value"
	if len(ve.InstanceLocation) > 0 {
		what = "field " + strings.Join(ve.InstanceLocation, ".")
	}
	return fmt.Errorf("%s does not fit the JSON Schema: %s", what, ve.ErrorKind.LocalizedString(message.NewPrinter(language.English)))
}
