package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/kafka-cli/kafka/internal/clierr"
)

// Encoder frames JSON text in the wire format with one registered schema.
type Encoder struct {
	ID     int
	Format string
	header sr.ConfluentHeader
	index  []int // Protobuf message indexes: the file's first message
	encode func(dst, text []byte) ([]byte, error)
}

// Ref is a parsed --value-schema or --key-schema: a subject (its latest
// version), SUBJECT:VERSION, or id:N.
type Ref struct {
	Subject string
	Version int // -1 for the latest
	ID      int // set for id:N
	// Message is the Protobuf message type to encode, such as shop.Cart
	// or Cart.Line; empty for the schema's first.
	Message string
}

// ParseRef reads a schema reference; a malformed one is a usage error.
func ParseRef(flag, s string) (Ref, error) {
	bad := func(why string) (Ref, error) {
		return Ref{}, clierr.Usagef("%s %q: %s; use SUBJECT, SUBJECT:VERSION or id:N", flag, s, why)
	}
	if s == "" {
		return bad("it is empty")
	}
	if n, ok := strings.CutPrefix(s, "id:"); ok {
		id, err := strconv.Atoi(n)
		if err != nil || id <= 0 {
			return bad("the ID is not a positive number")
		}
		return Ref{ID: id}, nil
	}
	if subj, v, ok := strings.Cut(s, ":"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 || subj == "" {
			return bad("the version is not a positive number")
		}
		return Ref{Subject: subj, Version: n}, nil
	}
	return Ref{Subject: s, Version: -1}, nil
}

func (r Ref) String() string {
	switch {
	case r.ID > 0:
		return "id:" + strconv.Itoa(r.ID)
	case r.Version > 0:
		return r.Subject + ":" + strconv.Itoa(r.Version)
	}
	return r.Subject
}

// NewEncoder fetches the schema ref names. A schema the registry does not
// have is bad input (exit 2), as is one that cannot be compiled.
func (r *Registry) NewEncoder(ctx context.Context, ref Ref) (*Encoder, error) {
	ctx, cancel := r.Bound(ctx)
	defer cancel()
	var s sr.Schema
	id := ref.ID
	if id > 0 {
		got, err := r.Client.SchemaByID(ctx, id)
		if err != nil {
			return nil, r.explainRef(err, ref)
		}
		s = got
	} else {
		got, err := r.Client.SchemaByVersion(ctx, ref.Subject, ref.Version)
		if err != nil {
			return nil, r.explainRef(err, ref)
		}
		s, id = got.Schema, got.ID
	}
	refs, err := r.References(ctx, s)
	if err != nil {
		return nil, r.explainRef(err, ref)
	}
	e := &Encoder{ID: id}
	switch s.Type {
	case sr.TypeAvro:
		if ref.Message != "" {
			return nil, clierr.Usagef("schema %s is Avro: a message type is for Protobuf", ref)
		}
		as, err := parseAvro(s.Schema, refs)
		if err != nil {
			return nil, clierr.Usagef("schema %s is not valid Avro: %s", ref, err)
		}
		e.Format, e.encode = FormatAvro, avroEncoder(as)
	case sr.TypeProtobuf:
		fd, err := compileProto(s.Schema, refs...)
		if err != nil {
			return nil, clierr.Usagef("schema %s: %s", ref, err)
		}
		md, index, err := messageNamed(fd, ref.Message)
		if err != nil {
			return nil, clierr.Usagef("schema %s: %s", ref, err)
		}
		e.Format, e.index, e.encode = FormatProtobuf, index, protoEncoder(md)
	case sr.TypeJSON:
		if ref.Message != "" {
			return nil, clierr.Usagef("schema %s is JSON Schema: a message type is for Protobuf", ref)
		}
		js, err := compileJSONSchema(s.Schema)
		if err != nil {
			return nil, clierr.Usagef("schema %s: %s", ref, err)
		}
		e.Format, e.encode = FormatJSON, jsonSchemaEncoder(js)
	default:
		return nil, clierr.Usagef("schema %s has unknown type %q", ref, s.Type)
	}
	return e, nil
}

func (r *Registry) explainRef(err error, ref Ref) error {
	if isNotFound(err) {
		return clierr.Usagef("schema %s is not in the registry", ref).WithHint("list subjects with: kafka schemas")
	}
	return r.Explain(err)
}

// Encode returns text, a JSON value, encoded and framed. Errors name the
// field that does not fit.
func (e *Encoder) Encode(text []byte) ([]byte, error) {
	b, _ := e.header.AppendEncode(nil, e.ID, e.index)
	return e.encode(b, text)
}

func avroEncoder(s avro.Schema) func(dst, text []byte) ([]byte, error) {
	return func(dst, text []byte) ([]byte, error) {
		d := json.NewDecoder(bytes.NewReader(text))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			return nil, fmt.Errorf("not JSON: %s", err)
		}
		v, err := avroValue(s, v, "")
		if err != nil {
			return nil, err
		}
		b, err := avro.Marshal(s, v)
		if err != nil {
			return nil, fmt.Errorf("does not fit the Avro schema: %s", err)
		}
		return append(dst, b...), nil
	}
}

func protoEncoder(md protoreflect.MessageDescriptor) func(dst, text []byte) ([]byte, error) {
	return func(dst, text []byte) ([]byte, error) {
		m := dynamicpb.NewMessage(md)
		if err := protojson.Unmarshal(text, m); err != nil {
			return nil, fmt.Errorf("does not fit %s: %s", md.FullName(), err)
		}
		return proto.MarshalOptions{}.MarshalAppend(dst, m)
	}
}

// encodeJSON passes JSON through, compacted.
func encodeJSON(dst, text []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Write(dst)
	if err := json.Compact(&out, text); err != nil {
		return nil, fmt.Errorf("not JSON: %s", err)
	}
	return out.Bytes(), nil
}

// messageNamed finds a message type by its full name or its name within
// the package, and returns its message indexes; empty name is the first.
func messageNamed(fd protoreflect.FileDescriptor, name string) (protoreflect.MessageDescriptor, []int, error) {
	if name == "" {
		md, err := MessageAt(fd, nil)
		return md, []int{0}, err
	}
	var found protoreflect.MessageDescriptor
	var walk func(protoreflect.MessageDescriptors)
	walk = func(ms protoreflect.MessageDescriptors) {
		for i := 0; i < ms.Len() && found == nil; i++ {
			md := ms.Get(i)
			if full := string(md.FullName()); full == name || full == string(fd.Package())+"."+name {
				found = md
				return
			}
			walk(md.Messages())
		}
	}
	walk(fd.Messages())
	if found == nil {
		return nil, nil, fmt.Errorf("it has no message type %q", name)
	}
	var index []int
	for d := protoreflect.Descriptor(found); d != nil; d = d.Parent() {
		if _, ok := d.(protoreflect.MessageDescriptor); !ok {
			break
		}
		index = append([]int{d.Index()}, index...)
	}
	return found, index, nil
}
