package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/bufbuild/protocompile"
	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"
)

// Formats, as tail --json shows them in value_format and key_format.
const (
	FormatAvro     = "avro"
	FormatProtobuf = "protobuf"
	FormatJSON     = "json"
)

// codec decodes the payload after the 5-byte header into JSON text.
type codec interface {
	format() string
	decode(dst, payload []byte) ([]byte, error)
}

// newCodec compiles a registered schema.
func newCodec(s sr.Schema) (codec, error) {
	switch s.Type {
	case sr.TypeAvro:
		as, err := avro.Parse(s.Schema)
		if err != nil {
			return nil, fmt.Errorf("invalid Avro schema: %s", err)
		}
		return &avroCodec{schema: as, r: avro.NewReader(nil, 0)}, nil
	case sr.TypeProtobuf:
		fd, err := compileProto(s.Schema)
		if err != nil {
			return nil, err
		}
		return &protoCodec{file: fd}, nil
	case sr.TypeJSON:
		return jsonCodec{}, nil
	}
	return nil, fmt.Errorf("unknown schema type %q", s.Type)
}

// avroCodec reuses one reader: a Decoder is used from one goroutine.
type avroCodec struct {
	schema avro.Schema
	r      *avro.Reader
}

func (avroCodec) format() string { return FormatAvro }

func (c *avroCodec) decode(dst, payload []byte) ([]byte, error) {
	// avro.Unmarshal into an any drops read errors (a truncated payload
	// decodes as null), so read with a Reader and check its error.
	var v any
	c.r.Reset(payload)
	c.r.Error = nil // Reset keeps the last record's error
	c.r.ReadVal(c.schema, &v)
	if c.r.Error != nil {
		//lint:ignore ST1005 Avro is a proper noun, and the text is shown as is
		return nil, fmt.Errorf("Avro payload is truncated or corrupt: %s", c.r.Error)
	}
	b, err := json.Marshal(flattenUnions(v))
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

// flattenUnions turns Avro's JSON union wrapping ({"string": "x"}), which
// hamba keeps for named branches, into the plain value, as most CLIs show
// it; a record value is left alone because its map has its field names.
func flattenUnions(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = flattenUnions(e)
		}
	case []any:
		for i, e := range t {
			t[i] = flattenUnions(e)
		}
	case []byte:
		return string(t)
	}
	return v
}

type protoCodec struct{ file protoreflect.FileDescriptor }

func (protoCodec) format() string { return FormatProtobuf }

func (c *protoCodec) decode(dst, payload []byte) ([]byte, error) {
	index, rest, err := ParseIndex(payload)
	if err != nil {
		return nil, err
	}
	md, err := MessageAt(c.file, index)
	if err != nil {
		return nil, err
	}
	m := dynamicpb.NewMessage(md)
	if err := proto.Unmarshal(rest, m); err != nil {
		//lint:ignore ST1005 Protobuf is a proper noun, and the text is shown as is
		return nil, fmt.Errorf("Protobuf payload does not fit %s: %s", md.FullName(), err)
	}
	b, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(m)
	if err != nil {
		return nil, err
	}
	// protojson varies its spacing on purpose; compact it so that output
	// is stable.
	var out bytes.Buffer
	out.Write(dst)
	if err := json.Compact(&out, b); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type jsonCodec struct{}

func (jsonCodec) format() string { return FormatJSON }

func (jsonCodec) decode(dst, payload []byte) ([]byte, error) {
	if !json.Valid(payload) {
		return nil, fmt.Errorf("JSON Schema payload is not JSON")
	}
	return append(dst, payload...), nil
}

// compileProto compiles one .proto text; the well-known imports resolve.
func compileProto(text string) (protoreflect.FileDescriptor, error) {
	const name = "registry.proto"
	c := protocompile.Compiler{Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{
		Accessor: func(path string) (io.ReadCloser, error) {
			if path == name {
				return io.NopCloser(strings.NewReader(text)), nil
			}
			return nil, fmt.Errorf("import %q is not supported (schema references are not followed)", path)
		},
	})}
	files, err := c.Compile(context.Background(), name)
	if err != nil {
		return nil, fmt.Errorf("invalid Protobuf schema: %s", oneLine(err.Error()))
	}
	return files[0], nil
}

// MessageAt picks the message type that message indexes name: the first
// index is a top-level message of the file, each next one a message nested
// in the one before.
func MessageAt(fd protoreflect.FileDescriptor, index []int) (protoreflect.MessageDescriptor, error) {
	if len(index) == 0 {
		index = []int{0}
	}
	msgs := fd.Messages()
	var md protoreflect.MessageDescriptor
	for _, i := range index {
		if i < 0 || i >= msgs.Len() {
			return nil, fmt.Errorf("message index %v names no message type of the schema", index)
		}
		md = msgs.Get(i)
		msgs = md.Messages()
	}
	return md, nil
}
