package schema

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/bufbuild/protocompile"
	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"
)

// Formats, as tail --json shows them in value_format and key_format.
const (
	FormatAvro     = "avro"
	FormatProtobuf = "protobuf"
	FormatJSON     = "json"
)

// codec decodes the payload after the 5-byte header into JSON text, on
// one line.
type codec interface {
	format() string
	decode(dst, payload []byte) ([]byte, error)
	// forWorker is a copy for one goroutine (the schema's compiled form
	// is shared; readers are not).
	forWorker() codec
}

// newCodec compiles a registered schema; refs are the schemas it refers
// to (References), dependencies first.
func newCodec(s sr.Schema, refs ...refSchema) (codec, error) {
	switch s.Type {
	case sr.TypeAvro:
		as, err := parseAvro(s.Schema, refs)
		if err != nil {
			return nil, fmt.Errorf("invalid Avro schema: %s", err)
		}
		return &avroCodec{json: compileAvroJSON(as, map[string]*avroJSON{}), r: avro.NewReader(nil, 0)}, nil
	case sr.TypeProtobuf:
		fd, err := compileProto(s.Schema, refs...)
		if err != nil {
			return nil, err
		}
		return &protoCodec{file: fd}, nil
	case sr.TypeJSON:
		return jsonCodec{}, nil
	}
	return nil, fmt.Errorf("unknown schema type %q", s.Type)
}

// parseAvro parses an Avro schema after the ones it refers to, so their
// named types resolve.
func parseAvro(text string, refs []refSchema) (avro.Schema, error) {
	if len(refs) == 0 {
		return avro.Parse(text)
	}
	cache := &avro.SchemaCache{}
	for _, ref := range refs {
		if _, err := avro.ParseWithCache(ref.text, "", cache); err != nil {
			return nil, fmt.Errorf("referenced schema %s: %s", ref.name, err)
		}
	}
	return avro.ParseWithCache(text, "", cache)
}

// avroCodec reuses one reader, so each goroutine has a copy of its own.
type avroCodec struct {
	json *avroJSON
	r    *avro.Reader
	in   avroIn
}

func (avroCodec) format() string { return FormatAvro }

func (c *avroCodec) forWorker() codec { return &avroCodec{json: c.json, r: avro.NewReader(nil, 0)} }

func (c *avroCodec) decode(dst, payload []byte) ([]byte, error) {
	c.r.Reset(payload)
	c.r.Error = nil // Reset keeps the last record's error
	c.in = avroIn{r: c.r, size: int64(len(payload))}
	out, err := c.json.appendJSON(dst, &c.in)
	if err == nil {
		err = c.r.Error
	}
	if err != nil {
		//lint:ignore ST1005 Avro is a proper noun, and the text is shown as is
		return nil, fmt.Errorf("Avro payload is truncated or corrupt: %s", err)
	}
	return out, nil
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

func (c *protoCodec) forWorker() codec { return c }

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

func (c jsonCodec) forWorker() codec { return c }

// decode keeps the payload's text, compacted if it spans lines, so that a
// record stays one line of output.
func (jsonCodec) decode(dst, payload []byte) ([]byte, error) {
	if !json.Valid(payload) {
		return nil, fmt.Errorf("JSON Schema payload is not JSON")
	}
	if bytes.IndexByte(payload, '\n') < 0 && bytes.IndexByte(payload, '\r') < 0 {
		return append(dst, payload...), nil
	}
	out := bytes.NewBuffer(dst)
	if err := json.Compact(out, payload); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// compileProto compiles one .proto text; the well-known imports resolve,
// and so do refs, by their import paths.
func compileProto(text string, refs ...refSchema) (protoreflect.FileDescriptor, error) {
	const name = "registry.proto"
	c := protocompile.Compiler{Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{
		Accessor: func(path string) (io.ReadCloser, error) {
			if path == name {
				return io.NopCloser(strings.NewReader(text)), nil
			}
			for _, ref := range refs {
				if ref.name == path {
					return io.NopCloser(strings.NewReader(ref.text)), nil
				}
			}
			return nil, fmt.Errorf("import %q is not among the schema's references", path)
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

// SerializedProto is a Protobuf schema's text as the registry's
// ?format=serialized gives it: the base64 of its FileDescriptorProto, which
// clients such as Confluent's JavaScript one read instead of .proto text.
func SerializedProto(text string) (string, error) {
	fd, err := compileProto(text)
	if err != nil {
		return "", err
	}
	b, err := proto.Marshal(protodesc.ToFileDescriptorProto(fd))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b), nil
}
